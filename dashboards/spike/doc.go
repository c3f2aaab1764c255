// Package spike is the single definition of a negative-coverage spike, shared
// by the Grafana alert rules and the analytics API.
//
// # Definition
//
// Count the negative, non-official documents (sentiment_label = 'negative',
// official = false, read with FINAL) published in the current window
// (at − Window, at]. The baseline is the same clock window on each of the
// previous BaselineDays days (so 14:00–15:00 today is compared with
// 14:00–15:00 on each of the last seven days, which absorbs the daily news
// rhythm). Days without documents count as zero. With mean m and population
// standard deviation s of those BaselineDays counts, the score is
//
//	score = (count − m) / max(s, 1)
//
// and a spike fires when count ≥ MinCount AND score ≥ Threshold. The floor of
// 1 on s keeps a quiet, perfectly regular baseline from turning one extra
// article into a spike; MinCount keeps tiny issues quiet.
//
// The overall rule counts every negative document once (issue = 'semua');
// the per-issue rule counts a document once for each issue it carries.
//
// # Using the SQL
//
// NegativeSpikeSQL and NegativeSpikeByIssueSQL use ClickHouse query
// parameters ({at:DateTime}, {window_seconds:UInt32}, {baseline_days:UInt32},
// {min_count:UInt32}, {threshold:Float64}). From Go, bind them with
// Params.Args (clickhouse-go: clickhouse.WithParameters; chDB:
// QueryWithParams). For Grafana, Grafana renders the same text with
// $__toTime as the evaluation time and the other parameters as literals, and
// AlertSQL wraps it into the shape a Grafana alert query needs.
//
// Both return one row per issue with the columns issue, negative_count,
// baseline_mean, baseline_sd, score and spike (1 when firing).
package spike
