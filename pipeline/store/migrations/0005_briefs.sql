-- Morning briefs (analytics/brief): one row per brief date, the rendered
-- formats kept so the archive serves exactly what was delivered. A
-- regeneration inserts a newer version; read with FINAL.
CREATE TABLE IF NOT EXISTS pantau.briefs
(
    date         Date,
    generated_at DateTime64(3, 'Asia/Makassar'),
    period_from  DateTime64(3, 'Asia/Makassar'),
    period_to    DateTime64(3, 'Asia/Makassar'),
    documents    UInt64,
    negative     UInt64,
    json         String,
    html         String,
    markdown     String,
    pdf_base64   String,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY date;

-- Deliveries of the briefs: one row per (date, channel) and attempt
-- outcome; status 'ok' means the channel received the brief and the
-- scheduler never sends it again on that channel.
CREATE TABLE IF NOT EXISTS pantau.brief_deliveries
(
    date         Date,
    channel      LowCardinality(String),
    status       LowCardinality(String),
    attempts     UInt32,
    error        String,
    delivered_at DateTime64(3, 'Asia/Makassar'),
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (date, channel);
