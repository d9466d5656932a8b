//! The schema, as a list of versioned migrations for each backend.
//!
//! A store records each applied migration in `sourcetrace_migrations`
//! (`version`, `description`, `applied_at`). Opening a store applies the
//! missing ones, all in one transaction; a store whose highest version is
//! above [`LATEST`] was written by a newer sourcetrace and is refused.
//!
//! Never edit a released migration: add a new one.
//!
//! Offsets (`*_start`, `*_end`) are Unicode scalar (character) offsets into
//! `documents.text`, end exclusive, as in `sourcetrace.document/1`. Kinds,
//! roles and provenances are stored as their JSON names (`person`, `hat_tip`).
//! Child rows (attributions, chain links, entities, mentions, credits) are
//! keyed by their document and their position in it, so one document's rows
//! are written without reading back generated ids.

/// One step of the schema.
#[derive(Debug)]
pub(crate) struct Migration {
    /// The schema version this migration brings the store to.
    pub(crate) version: i64,
    /// What it does, for `sourcetrace_migrations.description`.
    pub(crate) description: &'static str,
    /// Its SQL for SQLite.
    pub(crate) sqlite: &'static str,
    /// Its SQL for PostgreSQL.
    pub(crate) postgres: &'static str,
}

/// The newest schema version this build knows.
pub(crate) const LATEST: i64 = 4;

/// The SQLite `application_id` of a sourcetrace store ("STRC").
pub(crate) const SQLITE_APPLICATION_ID: i64 = 0x5354_5243;

/// The table that records applied migrations.
pub(crate) const MIGRATIONS_TABLE_SQLITE: &str =
    "CREATE TABLE IF NOT EXISTS sourcetrace_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at INTEGER NOT NULL
);";

/// The table that records applied migrations, in PostgreSQL.
pub(crate) const MIGRATIONS_TABLE_POSTGRES: &str =
    "CREATE TABLE IF NOT EXISTS sourcetrace_migrations (
    version BIGINT PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at BIGINT NOT NULL
);";

/// Every migration, in version order.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "documents, attributions, chain links, entities, mentions, credits",
        sqlite: r#"
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    origin TEXT,
    title TEXT,
    url TEXT,
    outlet TEXT,
    author TEXT,
    language TEXT,
    published TEXT,
    published_provenance TEXT,
    published_evidence TEXT NOT NULL,
    syndicated_role TEXT,
    syndicated_name TEXT,
    syndicated_start INTEGER,
    syndicated_end INTEGER,
    syndicated_text TEXT,
    text TEXT NOT NULL,
    ingested_at INTEGER NOT NULL,
    story_id INTEGER
);
CREATE INDEX documents_outlet ON documents (lower(outlet));
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_story ON documents (story_id);
CREATE TABLE attributions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    cue_start INTEGER NOT NULL,
    cue_end INTEGER NOT NULL,
    cue_text TEXT NOT NULL,
    source_start INTEGER,
    source_end INTEGER,
    source_text TEXT,
    source_name TEXT,
    source_kind TEXT,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content_text TEXT NOT NULL,
    direct BOOLEAN NOT NULL,
    when_start INTEGER,
    when_end INTEGER,
    when_text TEXT,
    when_value TEXT,
    claim_id INTEGER,
    UNIQUE (document_id, position)
);
CREATE INDEX attributions_source ON attributions (lower(source_name));
CREATE INDEX attributions_claim ON attributions (claim_id);
CREATE TABLE chain_links (
    document_id INTEGER NOT NULL,
    attribution_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name TEXT,
    kind TEXT NOT NULL,
    PRIMARY KEY (document_id, attribution_position, position),
    FOREIGN KEY (document_id, attribution_position)
        REFERENCES attributions (document_id, position) ON DELETE CASCADE
);
CREATE TABLE entities (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    titles TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX entities_name ON entities (lower(name));
CREATE TABLE mentions (
    document_id INTEGER NOT NULL,
    entity_position INTEGER NOT NULL,
    position INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    span_text TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_position, position),
    FOREIGN KEY (document_id, entity_position)
        REFERENCES entities (document_id, position) ON DELETE CASCADE
);
CREATE TABLE credits (
    document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    span_text TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
"#,
        postgres: r#"
CREATE TABLE documents (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    origin TEXT,
    title TEXT,
    url TEXT,
    outlet TEXT,
    author TEXT,
    language TEXT,
    published TEXT,
    published_provenance TEXT,
    published_evidence TEXT NOT NULL,
    syndicated_role TEXT,
    syndicated_name TEXT,
    syndicated_start BIGINT,
    syndicated_end BIGINT,
    syndicated_text TEXT,
    text TEXT NOT NULL,
    ingested_at BIGINT NOT NULL,
    story_id BIGINT
);
CREATE INDEX documents_outlet ON documents (lower(outlet));
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_story ON documents (story_id);
CREATE TABLE attributions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    cue_start BIGINT NOT NULL,
    cue_end BIGINT NOT NULL,
    cue_text TEXT NOT NULL,
    source_start BIGINT,
    source_end BIGINT,
    source_text TEXT,
    source_name TEXT,
    source_kind TEXT,
    content_start BIGINT NOT NULL,
    content_end BIGINT NOT NULL,
    content_text TEXT NOT NULL,
    direct BOOLEAN NOT NULL,
    when_start BIGINT,
    when_end BIGINT,
    when_text TEXT,
    when_value TEXT,
    claim_id BIGINT,
    UNIQUE (document_id, position)
);
CREATE INDEX attributions_source ON attributions (lower(source_name));
CREATE INDEX attributions_claim ON attributions (claim_id);
CREATE TABLE chain_links (
    document_id BIGINT NOT NULL,
    attribution_position BIGINT NOT NULL,
    position BIGINT NOT NULL,
    name TEXT,
    kind TEXT NOT NULL,
    PRIMARY KEY (document_id, attribution_position, position),
    FOREIGN KEY (document_id, attribution_position)
        REFERENCES attributions (document_id, position) ON DELETE CASCADE
);
CREATE TABLE entities (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    titles TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX entities_name ON entities (lower(name));
CREATE TABLE mentions (
    document_id BIGINT NOT NULL,
    entity_position BIGINT NOT NULL,
    position BIGINT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    span_text TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_position, position),
    FOREIGN KEY (document_id, entity_position)
        REFERENCES entities (document_id, position) ON DELETE CASCADE
);
CREATE TABLE credits (
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    span_start BIGINT NOT NULL,
    span_end BIGINT NOT NULL,
    span_text TEXT NOT NULL,
    PRIMARY KEY (document_id, position)
);
"#,
    },
    Migration {
        version: 2,
        description: "full-text search over statements and articles",
        // SQLite: no insert triggers. FTS5 flushes its pending terms at every
        // statement savepoint, so a trigger per inserted row made one index
        // segment per row; the store indexes each batch's new rows with one
        // statement instead (`sqlite::index_new_rows`). Deletes and updates
        // keep the index in sync through the triggers.
        sqlite: r#"
CREATE VIRTUAL TABLE attribution_search USING fts5 (
    source_name, content_text,
    content = 'attributions', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER attributions_search_delete AFTER DELETE ON attributions BEGIN
    INSERT INTO attribution_search (attribution_search, rowid, source_name, content_text)
        VALUES ('delete', old.id, old.source_name, old.content_text);
END;
CREATE TRIGGER attributions_search_update AFTER UPDATE OF source_name, content_text ON attributions BEGIN
    INSERT INTO attribution_search (attribution_search, rowid, source_name, content_text)
        VALUES ('delete', old.id, old.source_name, old.content_text);
    INSERT INTO attribution_search (rowid, source_name, content_text)
        VALUES (new.id, new.source_name, new.content_text);
END;
CREATE VIRTUAL TABLE document_search USING fts5 (
    title, text,
    content = 'documents', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER documents_search_delete AFTER DELETE ON documents BEGIN
    INSERT INTO document_search (document_search, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;
CREATE TRIGGER documents_search_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO document_search (document_search, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
    INSERT INTO document_search (rowid, title, text) VALUES (new.id, new.title, new.text);
END;
INSERT INTO attribution_search (attribution_search) VALUES ('rebuild');
INSERT INTO document_search (document_search) VALUES ('rebuild');
"#,
        postgres: r#"
ALTER TABLE attributions ADD COLUMN search tsvector GENERATED ALWAYS AS (
    to_tsvector('english', coalesce(source_name, '') || ' ' || content_text)
) STORED;
CREATE INDEX attributions_search ON attributions USING GIN (search);
ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') || to_tsvector('english', text)
) STORED;
CREATE INDEX documents_search ON documents USING GIN (search);
"#,
    },
    Migration {
        version: 3,
        description:
            "copies and claims: MinHash signatures and LSH band keys of documents and statements",
        // Band tables are keyed (band key, item) so one band lookup is one
        // index range; they carry no foreign key (rows are only added, with
        // their document, in its transaction).
        sqlite: r#"
CREATE TABLE story_signatures (
    document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    mins BLOB NOT NULL
);
CREATE TABLE story_bands (
    band_key INTEGER NOT NULL,
    document_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, document_id)
) WITHOUT ROWID;
CREATE TABLE claim_signatures (
    attribution_id INTEGER PRIMARY KEY REFERENCES attributions (id) ON DELETE CASCADE,
    shingles INTEGER NOT NULL,
    mins BLOB NOT NULL
);
CREATE TABLE claim_bands (
    band_key INTEGER NOT NULL,
    attribution_id INTEGER NOT NULL,
    PRIMARY KEY (band_key, attribution_id)
) WITHOUT ROWID;
"#,
        postgres: r#"
CREATE TABLE story_signatures (
    document_id BIGINT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    shingles BIGINT NOT NULL,
    mins BYTEA NOT NULL
);
CREATE TABLE story_bands (
    band_key BIGINT NOT NULL,
    document_id BIGINT NOT NULL,
    PRIMARY KEY (band_key, document_id)
);
CREATE TABLE claim_signatures (
    attribution_id BIGINT PRIMARY KEY REFERENCES attributions (id) ON DELETE CASCADE,
    shingles BIGINT NOT NULL,
    mins BYTEA NOT NULL
);
CREATE TABLE claim_bands (
    band_key BIGINT NOT NULL,
    attribution_id BIGINT NOT NULL,
    PRIMARY KEY (band_key, attribution_id)
);
"#,
    },
    Migration {
        version: 4,
        description: "story and claim membership in tables of their own",
        // A document's story and a statement's claim change when groups
        // merge and are set after the row is stored (at once, or by a bulk
        // link pass). In PostgreSQL an UPDATE of a wide row with generated
        // search vectors recomputes them and re-indexes every index: setting
        // the story of a million documents took about ten minutes. Narrow
        // member tables make that an insert of two integers. A missing row
        // means "not linked yet".
        sqlite: r#"
CREATE TABLE story_members (
    document_id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL
);
INSERT INTO story_members (document_id, story_id)
    SELECT id, story_id FROM documents WHERE story_id IS NOT NULL;
CREATE INDEX story_members_story ON story_members (story_id);
DROP INDEX documents_story;
ALTER TABLE documents DROP COLUMN story_id;
CREATE TABLE claim_members (
    attribution_id INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL
);
INSERT INTO claim_members (attribution_id, claim_id)
    SELECT id, claim_id FROM attributions WHERE claim_id IS NOT NULL;
CREATE INDEX claim_members_claim ON claim_members (claim_id);
DROP INDEX attributions_claim;
ALTER TABLE attributions DROP COLUMN claim_id;
"#,
        postgres: r#"
CREATE TABLE story_members (
    document_id BIGINT PRIMARY KEY,
    story_id BIGINT NOT NULL
);
INSERT INTO story_members (document_id, story_id)
    SELECT id, story_id FROM documents WHERE story_id IS NOT NULL;
CREATE INDEX story_members_story ON story_members (story_id);
ALTER TABLE documents DROP COLUMN story_id;
CREATE TABLE claim_members (
    attribution_id BIGINT PRIMARY KEY,
    claim_id BIGINT NOT NULL
);
INSERT INTO claim_members (attribution_id, claim_id)
    SELECT id, claim_id FROM attributions WHERE claim_id IS NOT NULL;
CREATE INDEX claim_members_claim ON claim_members (claim_id);
ALTER TABLE attributions DROP COLUMN claim_id;
"#,
    },
];

/// The terms of a user's query as an FTS5 query: each word quoted (so no
/// character of the input is FTS5 syntax), all required. `None` when the
/// query has no word.
pub(crate) fn fts5_query(query: &str) -> Option<String> {
    let words: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_up_to_latest() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1);
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(LATEST));
    }

    #[test]
    fn fts5_query_quotes_every_word() {
        assert_eq!(
            fts5_query("cease-fire \"talks\" OR NEAR(x)").as_deref(),
            Some("\"cease\" \"fire\" \"talks\" \"OR\" \"NEAR\" \"x\"")
        );
        assert_eq!(fts5_query(" -- \"\" "), None);
    }
}
