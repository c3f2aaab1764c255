-- Documents with their analysis. One row per (id, version); queries read
-- with FINAL (or argMax by version) so that a re-processed or redelivered
-- document is counted once.
--
-- entities holds one canonical name per entity found in the document; the
-- entity_* arrays are aligned with it (same length, same order): first surface
-- form, type (PER/ORG/LOC/EVT), gazetteer role, and the tone toward that entity
-- (label and score in [-1, 1]). quote_speaker and quote_text are aligned too
-- (speaker = canonical name when known). Read them with ARRAY JOIN.
-- version = doc_version << 42 | processed_at in milliseconds, so a newer
-- collected version or a re-processing replaces the older row.
-- The sorting key starts with the publication day so that time-windowed
-- queries read only their days; the store keeps a document's first
-- published_at on later versions, so every version has the same key and
-- FINAL collapses them. Look-ups by id use the bloom-filter index.
CREATE TABLE IF NOT EXISTS pantau.documents
(
    id               String,
    source           LowCardinality(String),
    kind             LowCardinality(String),
    url              String,
    canonical_url    String,
    title            String,
    lead             String,
    body             String,
    author           String,
    section          String,
    published_at     DateTime64(3, 'Asia/Makassar'),
    collected_at     DateTime64(3, 'Asia/Makassar'),
    processed_at     DateTime64(3, 'Asia/Makassar'),
    language         LowCardinality(String),
    official         Bool,
    sentiment_label  LowCardinality(String),
    sentiment_score  Float32,
    entities         Array(String),
    entity_text      Array(String),
    entity_type      Array(LowCardinality(String)),
    entity_role      Array(String),
    entity_label     Array(LowCardinality(String)),
    entity_score     Array(Float32),
    quote_speaker    Array(String),
    quote_text       Array(String),
    issues           Array(LowCardinality(String)),
    keyphrases       Array(String),
    story_id         String,
    content_hash     String,
    metadata         Map(String, String),
    model_version    LowCardinality(String),
    doc_version      UInt32,
    version          UInt64,
    INDEX idx_id id TYPE bloom_filter GRANULARITY 1
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(published_at)
ORDER BY (toDate(published_at), id)
