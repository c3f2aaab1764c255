package brief

// The brief's own queries: what the analytics packages do not give. Daily
// totals and issue counts are aligned on the cutoff (05:00 WITA), not on
// midnight as emerging.Trend's day buckets are, and carry the positive
// count; negative stories are grouped by story for the reach ranking.
// Day offset d = 0 is the covered period [to − 24h, to), d = 1 the day
// before, and so on.

const dayExpr = `toUInt32(intDiv({to:Int64} - toUnixTimestamp64Milli(published_at) - 1, 86400000))`

const periodWhere = `published_at >= fromUnixTimestamp64Milli({from:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})`

// daysSQL counts documents per day offset over the covered period and the
// seven before it.
const daysSQL = `SELECT ` + dayExpr + ` AS d,
       toUInt64(countIf(NOT official)) AS media,
       toUInt64(countIf(NOT official AND sentiment_label = 'positive')) AS pos,
       toUInt64(countIf(NOT official AND sentiment_label = 'neutral')) AS neu,
       toUInt64(countIf(NOT official AND sentiment_label = 'negative')) AS neg,
       toUInt64(countIf(official)) AS off,
       toUInt64(uniqExactIf(source, NOT official)) AS outlets
FROM pantau.documents FINAL
WHERE published_at >= fromUnixTimestamp64Milli({from8:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
GROUP BY d
ORDER BY d`

// issueDaysSQL counts media documents per issue and day offset.
const issueDaysSQL = `SELECT toString(issue) AS key, ` + dayExpr + ` AS d,
       toUInt64(count()) AS n,
       toUInt64(countIf(sentiment_label = 'positive')) AS pos,
       toUInt64(countIf(sentiment_label = 'negative')) AS neg
FROM pantau.documents FINAL
ARRAY JOIN issues AS issue
WHERE NOT official
  AND published_at >= fromUnixTimestamp64Milli({from8:Int64})
  AND published_at < fromUnixTimestamp64Milli({to:Int64})
GROUP BY key, d`

// headlinesSQL picks the largest stories of each issue in the period, each
// by its first article.
const headlinesSQL = `SELECT key, story_id, toUInt64(count()) AS n, toUInt64(uniqExact(source)) AS outlets,
       argMin(id, published_at), argMin(title, published_at), argMin(source, published_at),
       argMin(url, published_at), min(published_at) AS first, argMin(sentiment_label, published_at)
FROM
(
    SELECT id, title, source, url, published_at, sentiment_label, story_id, toString(issue) AS key
    FROM pantau.documents FINAL
    ARRAY JOIN issues AS issue
    WHERE NOT official AND ` + periodWhere + `
      AND toString(issue) IN {issues:Array(String)}
)
GROUP BY key, story_id
ORDER BY key, n DESC, outlets DESC, first DESC, story_id
LIMIT {per_issue:UInt32} BY key`

// respondSQL lists the stories of the period whose coverage is mostly
// negative, with what the reach ranking needs.
const respondSQL = `SELECT story_id, toUInt64(count()) AS n, toUInt64(countIf(neg)) AS negs,
       groupUniqArray(source) AS outlets,
       argMin(id, k), argMin(title, k), argMin(source, k), argMin(url, k), argMin(published_at, k),
       groupArrayArray(iss), groupUniqArrayArray(targeted)
FROM
(
    SELECT story_id, source, id, title, url, published_at, sentiment_label = 'negative' AS neg,
           (NOT neg, published_at) AS k, arrayMap(x -> toString(x), issues) AS iss,
           arrayFilter((e, l) -> l = 'negative' AND has({leaders:Array(String)}, e), entities, entity_label) AS targeted
    FROM pantau.documents FINAL
    WHERE NOT official AND ` + periodWhere + `
      AND story_id IN (
          SELECT story_id FROM pantau.documents FINAL
          WHERE NOT official AND sentiment_label = 'negative' AND ` + periodWhere + `
      )
)
GROUP BY story_id
HAVING negs * 2 >= n
ORDER BY negs DESC, n DESC, story_id
LIMIT {limit:UInt32}`

// quotesSQL returns the newest quotes of the followed leaders in the
// period, at most per_leader each (one query instead of leaders.Get's four
// per leader).
const quotesSQL = `SELECT speaker, text, id, source, url, title, published_at, sentiment_label
FROM pantau.documents FINAL
ARRAY JOIN quote_speaker AS speaker, quote_text AS text
WHERE ` + periodWhere + `
  AND speaker IN {leaders:Array(String)}
ORDER BY speaker, published_at DESC, id
LIMIT {per_leader:UInt32} BY speaker`
