-- dossier store schema. Bump SCHEMA_VERSION in store/sqlite.py with every change.
-- Extraction tables are written once per document, in one transaction, and never edited afterwards;
-- resolution (entity_links, entities) is a separate step that only adds links.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id                 TEXT PRIMARY KEY,
    source             TEXT NOT NULL,
    title              TEXT,
    published          TEXT,
    published_inferred INTEGER NOT NULL DEFAULT 0,
    publisher          TEXT,
    dateline_place     TEXT,
    media_type         TEXT NOT NULL,
    text               TEXT NOT NULL,
    version            INTEGER NOT NULL,
    previous           TEXT,
    is_current         INTEGER NOT NULL DEFAULT 1,
    warnings           TEXT NOT NULL DEFAULT '[]',
    extractor          TEXT NOT NULL,
    ingested_at        TEXT NOT NULL,
    -- child row counts, written in the same transaction: a torn document is detectable (n_times counts the
    -- time expressions extracted; they are not stored: the times table, read by nothing, is gone since
    -- issue 14 and stays unused in older stores)
    n_sentences INTEGER NOT NULL, n_mentions INTEGER NOT NULL, n_entities INTEGER NOT NULL,
    n_times INTEGER NOT NULL, n_relations INTEGER NOT NULL, n_events INTEGER NOT NULL, n_claims INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source);
CREATE TABLE IF NOT EXISTS sentences (
    document TEXT NOT NULL REFERENCES documents(id),
    idx      INTEGER NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    PRIMARY KEY (document, idx)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS local_entities (
    id         TEXT PRIMARY KEY,
    document   TEXT NOT NULL REFERENCES documents(id),
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    aliases    TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS local_entities_document ON local_entities(document);
CREATE TABLE IF NOT EXISTS mentions (
    id       TEXT PRIMARY KEY,
    document TEXT NOT NULL REFERENCES documents(id),
    entity   TEXT NOT NULL REFERENCES local_entities(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    text     TEXT NOT NULL,
    type     TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    kind     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document);
CREATE TABLE IF NOT EXISTS relations (
    id          TEXT PRIMARY KEY,
    document    TEXT NOT NULL REFERENCES documents(id),
    subject     TEXT NOT NULL REFERENCES local_entities(id),
    predicate   TEXT NOT NULL,
    object      TEXT NOT NULL REFERENCES local_entities(id),
    role        TEXT,
    attribution TEXT NOT NULL,
    modality    TEXT NOT NULL,
    extractor   TEXT NOT NULL,
    evidence    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS relations_document ON relations(document);
CREATE TABLE IF NOT EXISTS events (
    id               TEXT PRIMARY KEY,
    document         TEXT NOT NULL REFERENCES documents(id),
    type             TEXT NOT NULL,
    label            TEXT NOT NULL,
    trigger_start    INTEGER NOT NULL,
    trigger_end      INTEGER NOT NULL,
    trigger_text     TEXT NOT NULL,
    date             TEXT,
    date_granularity TEXT,
    date_inferred    INTEGER NOT NULL,
    place            TEXT REFERENCES local_entities(id),
    participants     TEXT NOT NULL,
    attribution      TEXT NOT NULL,
    modality         TEXT NOT NULL,
    extractor        TEXT NOT NULL,
    evidence         TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_document ON events(document);
-- v5: what an event reports beyond its frame (docs/events.md): CAMEO category, trigger lemma, every trigger
-- mention in its report, and the killed / wounded / arrested figures with the words they were read from.
CREATE TABLE IF NOT EXISTS event_details (
    event     TEXT PRIMARY KEY REFERENCES events(id),
    category  TEXT NOT NULL,
    lemma     TEXT NOT NULL,
    mentions  TEXT NOT NULL,  -- JSON [{document, start, end, text}]
    counts    TEXT NOT NULL   -- JSON [{kind, value, qualifier, evidence: {document, start, end, text}}]
);
CREATE TABLE IF NOT EXISTS claims (
    id            TEXT PRIMARY KEY,
    document      TEXT NOT NULL REFERENCES documents(id),
    prop_start    INTEGER NOT NULL,
    prop_end      INTEGER NOT NULL,
    prop_text     TEXT NOT NULL,
    source        TEXT NOT NULL,
    source_entity TEXT REFERENCES local_entities(id),
    modality      TEXT NOT NULL,
    cue           TEXT,
    ev_start      INTEGER NOT NULL,
    ev_end        INTEGER NOT NULL,
    ev_text       TEXT NOT NULL,
    extractor     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_document ON claims(document);
CREATE TABLE IF NOT EXISTS rejections (
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    at     TEXT NOT NULL,
    PRIMARY KEY (source, reason)
);
-- cross-document resolution: local entity → canonical entity id (added, never edited by extraction)
CREATE TABLE IF NOT EXISTS entity_links (
    local_entity TEXT PRIMARY KEY REFERENCES local_entities(id),
    entity       TEXT NOT NULL,
    method       TEXT NOT NULL,
    score        REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entity_links_entity ON entity_links(entity);
-- resolution state (docs/resolution.md): derived from the extraction tables and the judgements, rebuilt by
-- `dossier resolve`. Nothing here is source data except resolution_judgements.
CREATE TABLE IF NOT EXISTS resolution_profiles (
    local_entity TEXT PRIMARY KEY REFERENCES local_entities(id),
    document     TEXT NOT NULL,
    exact_id     TEXT NOT NULL,  -- the exact-key id (type + name key) of the first resolver
    weak         INTEGER NOT NULL,  -- one-token or acronym-only person/organisation name
    profile      TEXT NOT NULL   -- the comparison inputs, JSON (resolve/profile.py)
);
CREATE INDEX IF NOT EXISTS resolution_profiles_document ON resolution_profiles(document);
CREATE INDEX IF NOT EXISTS resolution_profiles_exact ON resolution_profiles(exact_id, local_entity);
CREATE TABLE IF NOT EXISTS resolution_blocks (
    key          TEXT NOT NULL,
    local_entity TEXT NOT NULL,
    PRIMARY KEY (key, local_entity)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS resolution_blocks_entity ON resolution_blocks(local_entity);
CREATE TABLE IF NOT EXISTS resolution_keys (
    key  TEXT PRIMARY KEY,
    size INTEGER NOT NULL
) WITHOUT ROWID;
-- every compared pair whose names did not rule it out, with what the comparison saw (a < b)
CREATE TABLE IF NOT EXISTS resolution_pairs (
    a        TEXT NOT NULL,
    b        TEXT NOT NULL,
    score    REAL NOT NULL,     -- log2 odds (prior + feature weights)
    accepted INTEGER NOT NULL,  -- 1: score >= threshold, names agree. 0: not. -1: not, and contradicted
    weak_a   INTEGER NOT NULL,
    weak_b   INTEGER NOT NULL,
    features TEXT NOT NULL,     -- the comparison levels, comma-separated in scoring.COMPARISONS order
    applied  TEXT,              -- an accepted pair not linked: ambiguous | blocked | kept-apart (NULL: linked)
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS resolution_pairs_b ON resolution_pairs(b);
-- analyst decisions (dossier merge / split): source data, kept across re-runs and re-ingests
CREATE TABLE IF NOT EXISTS resolution_judgements (
    id       INTEGER PRIMARY KEY,
    decision TEXT NOT NULL CHECK (decision IN ('merge', 'split')),
    a_ref    TEXT NOT NULL,  -- as given by the analyst (a name or an id)
    b_ref    TEXT NOT NULL,
    a_entity TEXT,           -- canonical entity ids when the judgement was made
    b_entity TEXT,
    a_locals TEXT NOT NULL,  -- JSON list of the local entity ids on each side
    b_locals TEXT NOT NULL,
    note     TEXT,
    at       TEXT NOT NULL
);
-- the judgements as pairwise constraints (a < b), a later judgement on the same pair replaces an earlier one
CREATE TABLE IF NOT EXISTS resolution_constraints (
    a         TEXT NOT NULL,
    b         TEXT NOT NULL,
    decision  TEXT NOT NULL CHECK (decision IN ('merge', 'split')),
    judgement INTEGER NOT NULL REFERENCES resolution_judgements(id),
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS resolution_constraints_b ON resolution_constraints(b);
-- cross-report analysis state (docs/corroboration.md), derived and rebuilt by `dossier analyze`; ingest keeps it
-- up to date incrementally. Nothing here is source data except source_ratings.
-- MinHash signature of each document's normalised text, for near-duplicate (syndicated copy) detection
CREATE TABLE IF NOT EXISTS document_signatures (
    document  TEXT PRIMARY KEY REFERENCES documents(id),
    signature BLOB NOT NULL
) WITHOUT ROWID;
-- cross-document event coreference: each event mention's cluster, clustered per partition (type × month)
CREATE TABLE IF NOT EXISTS event_clusters (
    event     TEXT PRIMARY KEY REFERENCES events(id),
    cluster   TEXT NOT NULL,
    partition TEXT NOT NULL,
    score     REAL           -- the mean pair score that joined it to its cluster (NULL: a singleton)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_clusters_cluster ON event_clusters(cluster);
CREATE INDEX IF NOT EXISTS event_clusters_partition ON event_clusters(partition);
-- what each partition was clustered from (its members and their entity keys), so unchanged ones are skipped
CREATE TABLE IF NOT EXISTS event_partitions (
    partition TEXT PRIMARY KEY,
    signature TEXT NOT NULL
) WITHOUT ROWID;
-- analyst ratings of source reliability (Admiralty letters A–F), keyed by normalised publisher name
CREATE TABLE IF NOT EXISTS source_ratings (
    publisher   TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    reliability TEXT NOT NULL CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
    note        TEXT,
    at          TEXT NOT NULL
) WITHOUT ROWID;
-- claim facts: each current claim record's group (the claim fact id), grouped per source key (the partition)
-- at refresh time, so exports stream claim facts in group order (analyze/claim_groups.py)
CREATE TABLE IF NOT EXISTS claim_groups (
    claim     TEXT PRIMARY KEY REFERENCES claims(id),
    grp       TEXT NOT NULL,
    partition TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claim_groups_grp ON claim_groups(grp);
CREATE INDEX IF NOT EXISTS claim_groups_partition ON claim_groups(partition);
-- what each claim partition was grouped from (its members and their words), so unchanged ones are skipped
CREATE TABLE IF NOT EXISTS claim_partitions (
    partition TEXT PRIMARY KEY,
    signature TEXT NOT NULL
) WITHOUT ROWID;
-- Sources beyond files (docs/sources.md). Added without a version bump: a writable store creates any missing
-- table of this file when opened, and readers treat a missing one as empty.
CREATE TABLE IF NOT EXISTS document_origins (
    document TEXT PRIMARY KEY REFERENCES documents(id),
    url      TEXT,
    captured TEXT,            -- when a web archive captured the page (WARC-Date)
    archive  TEXT,            -- the archive file it came from
    pages    TEXT NOT NULL DEFAULT '[]'  -- PDF page map: [[page, start offset], ...]
);
-- The author a PDF (Info /Author) or a feed entry names (docs/sources.md); added like document_origins, without
-- a version bump: created when a writable store is opened, read as empty when missing.
CREATE TABLE IF NOT EXISTS document_authors (
    document TEXT PRIMARY KEY REFERENCES documents(id),
    author   TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fetch_cache (
    url           TEXT PRIMARY KEY,  -- as requested
    final_url     TEXT,
    etag          TEXT,
    last_modified TEXT,
    status        INTEGER,
    content_hash  TEXT,             -- sha256 of the body last fetched
    document      TEXT,             -- the document it gave, if any
    fetched_at    TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS watchlists (
    name     TEXT PRIMARY KEY,
    format   TEXT NOT NULL,         -- ftm | ofac | un | csv
    source   TEXT NOT NULL,         -- the file or folder it was read from, as given
    sha256   TEXT NOT NULL,         -- of the files read, so a hit names the exact version of the list
    version  TEXT,                  -- the list's own date or version, when it states one
    entries  INTEGER NOT NULL,
    added_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS watchlist_entries (
    list    TEXT NOT NULL REFERENCES watchlists(name),
    id      TEXT NOT NULL,          -- the list's own id (OFAC ent_num, FtM id, UN reference number)
    schema  TEXT NOT NULL,          -- Person | Organization | LegalEntity | Vessel | ...
    name    TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    detail  TEXT NOT NULL DEFAULT '{}',  -- programs, countries, remarks
    PRIMARY KEY (list, id)
);
CREATE TABLE IF NOT EXISTS screen_hits (
    entity     TEXT NOT NULL,       -- canonical entity id
    list       TEXT NOT NULL,
    entry      TEXT NOT NULL,
    score      REAL NOT NULL,
    reasons    TEXT NOT NULL,       -- JSON: which names matched and how
    screened_at TEXT NOT NULL,
    PRIMARY KEY (entity, list, entry)
);
CREATE TABLE IF NOT EXISTS screen_judgements (
    entity  TEXT NOT NULL,
    list    TEXT NOT NULL,
    entry   TEXT NOT NULL,
    verdict TEXT NOT NULL,          -- confirmed | rejected
    note    TEXT,
    judged_at TEXT NOT NULL,
    PRIMARY KEY (entity, list, entry)
);
-- full-text search over report titles and text (store/search.py): an external-content FTS5 index over
-- documents, kept in step by triggers inside the writing transaction (no schema version bump: created on the
-- next writable open of an older store, then rebuilt once)
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2',
    prefix='2 3'
);
CREATE TRIGGER IF NOT EXISTS documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER IF NOT EXISTS documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
-- analyst corrections (resolve/corrections.py): source data like resolution_judgements, applied when read,
-- keyed by what survives re-ingest (a report's source, an entity's name key and type, a fact's id)
CREATE TABLE IF NOT EXISTS analyst_corrections (
    id        INTEGER PRIMARY KEY,
    target    TEXT NOT NULL CHECK (target IN ('document', 'entity', 'relation', 'event', 'claim')),
    key       TEXT NOT NULL,   -- document: its source; entity: "type|name key" of the entity chosen; fact: its id
    field     TEXT NOT NULL,   -- document: published | publisher | title; entity: name | type; fact: rejected
    value     TEXT,
    label     TEXT NOT NULL,   -- what the analyst saw (a title, a name), for listings
    note      TEXT,
    who       TEXT NOT NULL,
    at        TEXT NOT NULL,
    undone_at TEXT
);
CREATE INDEX IF NOT EXISTS analyst_corrections_key ON analyst_corrections(target, key)
;
-- who made each merge/split judgement (added without a version bump: resolution_judgements is unchanged)
CREATE TABLE IF NOT EXISTS resolution_judgement_authors (
    judgement INTEGER PRIMARY KEY REFERENCES resolution_judgements(id),
    who       TEXT NOT NULL
);
