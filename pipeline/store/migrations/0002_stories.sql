-- Story clustering state shared by every pipeline replica (analytics/stories).
--
-- story_signatures holds one MinHash signature per document with the story it
-- was assigned to; story_bands indexes the signature's LSH band keys so that
-- candidates are found by band key. Rows expire after 30 days: stories are
-- matched within a window of days, and documents keep their story_id.
CREATE TABLE IF NOT EXISTS pantau.story_signatures
(
    doc_id       String,
    story_id     String,
    published_at DateTime64(3, 'Asia/Makassar'),
    signature    Array(UInt32),
    assigned_at  DateTime DEFAULT now()
)
ENGINE = ReplacingMergeTree
ORDER BY doc_id
TTL toDateTime(published_at) + INTERVAL 30 DAY;

CREATE TABLE IF NOT EXISTS pantau.story_bands
(
    band         UInt64,
    doc_id       String,
    story_id     String,
    published_at DateTime64(3, 'Asia/Makassar')
)
ENGINE = ReplacingMergeTree
ORDER BY (band, doc_id)
TTL toDateTime(published_at) + INTERVAL 30 DAY;
