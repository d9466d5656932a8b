//! The embedded SQLite backend: one file, WAL journal, FTS5 search.

use crate::bulk::{self, BulkOps, LinkReport};
use crate::error::{BackendError, StoreError, StoreName};
use crate::link::{self, Candidate, Group, LinkOps, Tables, CANDIDATE_LIMIT, PER_BAND};
use crate::model::{ArticleSummary, DocumentId, PutOutcome, Statement, StoredDocument};
use crate::rows::{
    self, DocumentRows, RowRead, ARTICLE_COLUMNS, ARTICLE_COLUMN_COUNT, STATEMENT_COLUMNS,
};
use crate::schema::{self, MIGRATIONS, MIGRATIONS_TABLE_SQLITE, SQLITE_APPLICATION_ID};
use crate::sql;
use crate::{batch_name, now, SourceRow, TimelineRows, TRACE_SAMPLE};
use rusqlite::{params, Connection, ErrorCode, OptionalExtension, Params, TransactionBehavior};
use sourcetrace_core::Document;
use sourcetrace_corpus::Signature;
use std::path::Path;
use std::time::Duration;

/// A store in one SQLite file.
pub(crate) struct SqliteStore {
    conn: Connection,
    name: StoreName,
    /// The store has the search index (schema version 2 or later): only a
    /// store opened below the latest version for a migration test has not.
    searchable: bool,
    /// The store links copies and claims (version 4 or later).
    linked: bool,
    /// Documents are stored unlinked until [`SqliteStore::link_pending`].
    pub(crate) deferred: bool,
}

/// Run a query and read every row.
fn all<T>(
    conn: &Connection,
    sql: &str,
    params: impl Params,
    read: impl Fn(&rusqlite::Row<'_>) -> Result<T, BackendError>,
) -> Result<Vec<T>, BackendError> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(read(row)?);
    }
    Ok(out)
}

/// The reason a file is refused, when SQLite says it is no database.
fn foreign_reason(error: &rusqlite::Error) -> Option<&'static str> {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Some("the file is not an SQLite database"),
        Some(ErrorCode::DatabaseCorrupt) => Some("the SQLite file is corrupt"),
        _ => None,
    }
}

impl SqliteStore {
    /// Open (or create) the store in `path`, migrating it to `target`.
    pub(crate) fn open(path: &Path, target: i64) -> Result<Self, StoreError> {
        let name = StoreName(path.display().to_string());
        let conn = Connection::open(path).map_err(|e| name.open(e))?;
        conn.busy_timeout(Duration::from_secs(60))
            .map_err(|e| name.open(e))?;
        let mut store = SqliteStore {
            conn,
            name,
            searchable: false,
            linked: false,
            deferred: false,
        };
        store.check_identity()?;
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; \
                 PRAGMA cache_size = -131072;",
            )
            .map_err(|e| store.name.open(e))?;
        // Storing a document runs about 25 distinct statements (the rows, the
        // search index, linking): the default cache of 16 would re-parse
        // every one of them for every document.
        store.conn.set_prepared_statement_cache_capacity(64);
        store.migrate(target)?;
        let version = store.schema_version()?;
        store.searchable = version >= 2;
        store.linked = version >= 4;
        Ok(store)
    }

    /// The store's name for messages.
    pub(crate) fn name(&self) -> &StoreName {
        &self.name
    }

    /// Refuse a file that is not a sourcetrace store, or one of a newer
    /// schema, before anything is written to it.
    fn check_identity(&self) -> Result<(), StoreError> {
        let name = &self.name;
        let classify = |e: rusqlite::Error| match foreign_reason(&e) {
            Some(reason) => name.foreign(reason),
            None => name.open(e),
        };
        let application_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(classify)?;
        if application_id != 0 && application_id != SQLITE_APPLICATION_ID {
            return Err(name.foreign(format!(
                "its SQLite application id is {application_id:#x}, not sourcetrace's {SQLITE_APPLICATION_ID:#x}"
            )));
        }
        let tables = all(
            &self.conn,
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') \
             AND name NOT LIKE 'sqlite_%' ORDER BY name",
            [],
            |r| r.text(0),
        )
        .map_err(|e| match e {
            BackendError::Sqlite(e) => classify(e),
            other => name.open(other),
        })?;
        if !tables.iter().any(|t| t == "sourcetrace_migrations") {
            if !tables.is_empty() {
                return Err(name.foreign(format!(
                    "it has tables ({}) but no sourcetrace_migrations table",
                    tables.join(", ")
                )));
            }
            return Ok(());
        }
        let found = self.version().map_err(|e| name.open(e))?;
        if found > schema::LATEST {
            return Err(StoreError::TooNew {
                store: name.0.clone(),
                found,
                supported: schema::LATEST,
            });
        }
        Ok(())
    }

    fn version(&self) -> Result<i64, BackendError> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(version), 0) FROM sourcetrace_migrations",
            [],
            |r| r.get(0),
        )?)
    }

    /// The schema version the store records.
    pub(crate) fn schema_version(&self) -> Result<i64, StoreError> {
        self.version()
            .map_err(|e| self.name.query("read the schema version", e))
    }

    /// Apply the missing migrations up to `target`, all in one transaction.
    fn migrate(&mut self, target: i64) -> Result<(), StoreError> {
        let name = self.name.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| name.migrate(target, e))?;
        tx.execute_batch(MIGRATIONS_TABLE_SQLITE)
            .map_err(|e| name.migrate(target, e))?;
        let found: i64 = tx
            .query_row(
                "SELECT coalesce(max(version), 0) FROM sourcetrace_migrations",
                [],
                |r| r.get(0),
            )
            .map_err(|e| name.migrate(target, e))?;
        if found > schema::LATEST {
            return Err(StoreError::TooNew {
                store: name.0,
                found,
                supported: schema::LATEST,
            });
        }
        for migration in MIGRATIONS
            .iter()
            .filter(|m| m.version > found && m.version <= target)
        {
            let fail = |e| name.migrate(migration.version, e);
            tx.execute_batch(migration.sqlite).map_err(fail)?;
            tx.execute(
                "INSERT INTO sourcetrace_migrations (version, description, applied_at) VALUES (?1, ?2, ?3)",
                params![migration.version, migration.description, now()],
            )
            .map_err(fail)?;
        }
        tx.execute_batch(&format!("PRAGMA application_id = {SQLITE_APPLICATION_ID}"))
            .map_err(|e| name.migrate(target, e))?;
        tx.commit().map_err(|e| name.migrate(target, e))
    }

    /// Store documents in one transaction.
    pub(crate) fn put_batch(&mut self, docs: &[Document]) -> Result<Vec<PutOutcome>, StoreError> {
        let name = self.name.clone();
        let mut outcomes = Vec::with_capacity(docs.len());
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| name.put(&batch_name(docs), e))?;
        for doc in docs {
            let outcome = put_one(&tx, doc).map_err(|e| name.put(&doc.id, e))?;
            outcomes.push(outcome);
        }
        let inserted = outcomes
            .iter()
            .filter(|o| o.is_inserted())
            .map(|o| o.id().0);
        if let (true, Some(first), Some(last)) =
            (self.searchable, inserted.clone().min(), inserted.max())
        {
            index_new_rows(&tx, first, last).map_err(|e| name.put(&batch_name(docs), e))?;
        }
        if self.linked && !self.deferred {
            link::linker()
                .link(&mut SqliteLink(&tx), &link::inserted(docs, &outcomes))
                .map_err(|e| name.put(&batch_name(docs), e))?;
        }
        tx.commit().map_err(|e| name.put(&batch_name(docs), e))?;
        Ok(outcomes)
    }

    /// Link every document not in a story yet and every statement not in a
    /// claim, in one transaction: one by one when they are few, else in bulk.
    pub(crate) fn link_pending(&mut self, one_by_one: usize) -> Result<LinkReport, StoreError> {
        let name = self.name.clone();
        let fail = |e: BackendError| name.query("link stories and claims", e);
        if !self.linked {
            return Ok(LinkReport::default());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| fail(e.into()))?;
        let report = bulk::link_pending(&mut SqliteLink(&tx), one_by_one).map_err(fail)?;
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(report)
    }

    /// Refresh the planner's statistics and merge the search index's segments.
    pub(crate) fn optimize(&mut self) -> Result<(), StoreError> {
        let merge = "INSERT INTO attribution_search (attribution_search) VALUES ('optimize'); \
                     INSERT INTO document_search (document_search) VALUES ('optimize');";
        self.conn
            .execute_batch(if self.searchable { merge } else { "" })
            .and_then(|()| self.conn.execute_batch("PRAGMA optimize = 0x10002;"))
            .map_err(|e| self.name.query("optimize the store", e))
    }

    /// The id of the document whose text has this hash.
    pub(crate) fn lookup(&self, hash: &str) -> Result<Option<DocumentId>, StoreError> {
        self.conn
            .query_row(&sql::sqlite().document_by_hash, [hash], |r| r.get(0))
            .optional()
            .map(|id| id.map(DocumentId))
            .map_err(|e| self.name.query("look up a content hash", e))
    }

    /// How many documents the store holds.
    pub(crate) fn count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row(&sql::sqlite().count, [], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.name.query("count documents", e))
    }

    /// One document with everything found in it.
    pub(crate) fn document(&self, id: DocumentId) -> Result<Option<StoredDocument>, StoreError> {
        let q = sql::sqlite();
        let conn = &self.conn;
        let read = || -> Result<Option<Result<StoredDocument, String>>, BackendError> {
            let Some(doc) = all(conn, &q.document, [id.0], |r| rows::read_document(r))?
                .into_iter()
                .next()
            else {
                return Ok(None);
            };
            let attributions = all(conn, &q.document_attributions, [id.0], |r| {
                rows::read_attribution(r).map(|(_, _, row)| row)
            })?;
            let chain = all(conn, &q.document_chain_links, [id.0], |r| {
                rows::read_chain_link(r)
            })?;
            let entities = all(conn, &q.document_entities, [id.0], |r| rows::read_entity(r))?;
            let mentions = all(conn, &q.document_mentions, [id.0], |r| {
                rows::read_mention(r)
            })?;
            let credits = all(conn, &q.document_credits, [id.0], |r| rows::read_credit(r))?;
            Ok(Some(rows::assemble(
                doc,
                attributions,
                chain,
                entities,
                mentions,
                credits,
            )))
        };
        match read().map_err(|e| self.name.query(format!("read document {id}"), e))? {
            None => Ok(None),
            Some(Ok(doc)) => Ok(Some(doc)),
            Some(Err(detail)) => Err(self.name.corrupt(id.0, detail)),
        }
    }

    /// Statements read with [`STATEMENT_COLUMNS`], with their chains.
    fn statements(
        &self,
        sql: &str,
        params: impl Params,
        action: &str,
    ) -> Result<Vec<Statement>, StoreError> {
        let conn = &self.conn;
        let chain_sql = &sql::sqlite().statement_chain;
        let read = || -> Result<Result<Vec<Statement>, (i64, String)>, BackendError> {
            let found = all(conn, sql, params, |r| rows::read_statement(r))?;
            let mut out = Vec::with_capacity(found.len());
            for (mut statement, position) in found {
                let links = all(conn, chain_sql, [statement.article.id.0, position], |r| {
                    rows::read_chain_link(r)
                })?;
                for link in &links {
                    match rows::chain_link(link) {
                        Ok(l) => statement.chain.push(l),
                        Err(detail) => return Ok(Err((statement.article.id.0, detail))),
                    }
                }
                out.push(statement);
            }
            Ok(Ok(out))
        };
        match read().map_err(|e| self.name.query(action, e))? {
            Ok(statements) => Ok(statements),
            Err((document, detail)) => Err(self.name.corrupt(document, detail)),
        }
    }

    /// Statements whose content or source matches, best first.
    pub(crate) fn search_statements(
        &self,
        fts_query: &str,
        limit: i64,
    ) -> Result<Vec<Statement>, StoreError> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM attribution_search \
             JOIN attributions a ON a.id = attribution_search.rowid \
             JOIN documents d ON d.id = a.document_id \
             WHERE attribution_search MATCH ?1 ORDER BY attribution_search.rank, a.id LIMIT ?2"
        );
        self.statements(
            &sql,
            params![fts_query, limit],
            &format!("search statements for {fts_query}"),
        )
    }

    /// The claims of the most recent statements that match (at most
    /// `TRACE_SAMPLE` statements, newest first, not ranked: FTS5 ranks every
    /// match, which takes seconds for common words in a large store).
    pub(crate) fn matching_claims(&self, fts_query: &str) -> Result<Vec<i64>, StoreError> {
        let sql = format!(
            "SELECT coalesce(cm.claim_id, a.id) FROM attribution_search \
             JOIN attributions a ON a.id = attribution_search.rowid \
             LEFT JOIN claim_members cm ON cm.attribution_id = a.id \
             WHERE attribution_search MATCH ?1 ORDER BY attribution_search.rowid DESC \
             LIMIT {TRACE_SAMPLE}"
        );
        all(&self.conn, &sql, [fts_query], |r| r.int(0)).map_err(|e| {
            self.name
                .query(format!("find the claims matching {fts_query}"), e)
        })
    }

    /// Every statement whose content or source matches, oldest article first.
    pub(crate) fn attributions_matching(
        &self,
        fts_query: &str,
    ) -> Result<Vec<Statement>, StoreError> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM attribution_search \
             JOIN attributions a ON a.id = attribution_search.rowid \
             JOIN documents d ON d.id = a.document_id \
             WHERE attribution_search MATCH ?1 \
             ORDER BY d.published IS NULL, d.published, a.document_id, a.position"
        );
        self.statements(
            &sql,
            params![fts_query],
            &format!("find statements matching {fts_query}"),
        )
    }

    /// Articles whose headline or text matches, best first (headline words weigh more).
    pub(crate) fn search_articles(
        &self,
        fts_query: &str,
        limit: i64,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM document_search \
             JOIN documents d ON d.id = document_search.rowid \
             WHERE document_search MATCH ?1 \
             ORDER BY bm25(document_search, 3.0, 1.0), d.id LIMIT ?2"
        );
        all(&self.conn, &sql, params![fts_query, limit], |r| {
            rows::read_article(r)
        })
        .map_err(|e| {
            self.name
                .query(format!("search articles for {fts_query}"), e)
        })
    }

    /// Source counts per citing outlet.
    pub(crate) fn sources(
        &self,
        kind: Option<&str>,
        outlet: Option<&str>,
    ) -> Result<Vec<SourceRow>, StoreError> {
        all(
            &self.conn,
            &sql::sqlite().sources,
            params![kind, outlet],
            |r| {
                Ok(SourceRow {
                    name: r.opt_text(0)?,
                    kind: r.text(1)?,
                    outlet: r.opt_text(2)?,
                    statements: r.int(3)?,
                    documents: r.int(4)?,
                })
            },
        )
        .map_err(|e| self.name.query("count sources", e))
    }

    /// The articles naming or citing an entity (with their mention counts),
    /// and the statements attributed to it.
    pub(crate) fn timeline(&self, entity: &str) -> Result<TimelineRows, StoreError> {
        let q = sql::sqlite();
        let articles = all(&self.conn, &q.timeline_articles, [entity], |r| {
            Ok((rows::read_article(r)?, r.int(ARTICLE_COLUMN_COUNT)?))
        })
        .map_err(|e| {
            self.name
                .query(format!("read the timeline of {entity:?}"), e)
        })?;
        let statements = self.statements(
            &q.timeline_statements,
            [entity],
            &format!("read the statements of {entity:?}"),
        )?;
        Ok((articles, statements))
    }
}

impl SqliteStore {
    /// A document's summary, with its story (`None` for an unknown document).
    pub(crate) fn story_of(&self, id: DocumentId) -> Result<Option<ArticleSummary>, StoreError> {
        all(&self.conn, &sql::sqlite().story_of, [id.0], |r| {
            rows::read_article(r)
        })
        .map(|found| found.into_iter().next())
        .map_err(|e| {
            self.name
                .query(format!("find the story of document {id}"), e)
        })
    }

    /// The first `limit` members of a story, in id order.
    pub(crate) fn story_members(
        &self,
        story: i64,
        limit: i64,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        all(
            &self.conn,
            &sql::sqlite().story_members,
            params![story, limit],
            |r| rows::read_article(r),
        )
        .map_err(|e| self.name.query(format!("read story {story}"), e))
    }

    /// Stories of at least `min_size` members, largest first: id and size.
    pub(crate) fn largest_stories(
        &self,
        min_size: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        all(
            &self.conn,
            &sql::sqlite().largest_stories,
            params![min_size, limit],
            |r| Ok((r.int(0)?, r.int(1)?)),
        )
        .map_err(|e| self.name.query("list the stories", e))
    }

    /// The statements of a claim, oldest first.
    pub(crate) fn claim_statements(
        &self,
        claim: i64,
        limit: i64,
    ) -> Result<Vec<Statement>, StoreError> {
        self.statements(
            &sql::sqlite().claim_statements,
            params![claim, limit],
            &format!("read claim {claim}"),
        )
    }

    /// Claim ids above `after`, ascending, at most `limit`.
    pub(crate) fn claim_ids(&self, after: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
        all(
            &self.conn,
            &sql::sqlite().claim_ids,
            params![after, limit],
            |r| r.int(0),
        )
        .map_err(|e| self.name.query("list the claims", e))
    }

    /// Stored documents whose signatures share a band with `keys`, with
    /// their story and signature.
    pub(crate) fn story_candidates(
        &self,
        keys: &[i64],
    ) -> Result<Vec<(i64, i64, Signature)>, StoreError> {
        let mut ops = SqliteLink(&self.conn);
        ops.candidates(Group::Story, keys)
            .and_then(|c| {
                let items: Vec<i64> = c.iter().map(|c| c.item).collect();
                ops.signatures(Group::Story, &items)
            })
            .map_err(|e| self.name.query("look up copies", e))
    }
}

/// Add the documents `first..=last` (all inserted by this transaction: ids
/// only grow, and the transaction holds the write lock) and their statements
/// to the search index, one statement per index.
fn index_new_rows(
    tx: &rusqlite::Transaction<'_>,
    first: i64,
    last: i64,
) -> Result<(), BackendError> {
    tx.prepare_cached(
        "INSERT INTO attribution_search (rowid, source_name, content_text) \
         SELECT id, source_name, content_text FROM attributions \
         WHERE document_id BETWEEN ?1 AND ?2",
    )?
    .execute([first, last])?;
    tx.prepare_cached(
        "INSERT INTO document_search (rowid, title, text) \
         SELECT id, title, text FROM documents WHERE id BETWEEN ?1 AND ?2",
    )?
    .execute([first, last])?;
    Ok(())
}

/// Store one document inside an open transaction.
fn put_one(tx: &rusqlite::Transaction<'_>, doc: &Document) -> Result<PutOutcome, BackendError> {
    let rows = DocumentRows::new(doc);
    let d = &rows.document;
    let existing: Option<i64> = tx
        .prepare_cached(&sql::sqlite().document_by_hash)?
        .query_row([&d.content_hash], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok(PutOutcome::AlreadyStored(DocumentId(id)));
    }
    let syndicated = d.syndicated.as_ref();
    tx.prepare_cached(
        "INSERT INTO documents (content_hash, name, origin, title, url, outlet, author, language, \
         published, published_provenance, published_evidence, syndicated_role, syndicated_name, \
         syndicated_start, syndicated_end, syndicated_text, text, ingested_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?
    .execute(params![
        d.content_hash,
        d.name,
        d.origin,
        d.title,
        d.url,
        d.outlet,
        d.author,
        d.language,
        d.published,
        d.published_provenance,
        d.published_evidence,
        d.syndicated_role,
        d.syndicated_name,
        syndicated.map(|s| s.start),
        syndicated.map(|s| s.end),
        syndicated.map(|s| s.text.as_str()),
        d.text,
        now(),
    ])?;
    let id = tx.last_insert_rowid();
    if !rows.attributions.is_empty() {
        let mut insert = tx.prepare_cached(
            "INSERT INTO attributions (document_id, position, cue_start, cue_end, cue_text, \
             source_start, source_end, source_text, source_name, source_kind, content_start, \
             content_end, content_text, direct, when_start, when_end, when_text, when_value) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?;
        for a in &rows.attributions {
            insert.execute(params![
                id,
                a.position,
                a.cue.start,
                a.cue.end,
                a.cue.text,
                a.source.as_ref().map(|s| s.start),
                a.source.as_ref().map(|s| s.end),
                a.source.as_ref().map(|s| s.text.as_str()),
                a.source_name,
                a.source_kind,
                a.content.start,
                a.content.end,
                a.content.text,
                a.direct,
                a.when.as_ref().map(|s| s.start),
                a.when.as_ref().map(|s| s.end),
                a.when.as_ref().map(|s| s.text.as_str()),
                a.when_value,
            ])?;
        }
    }
    if !rows.chain_links.is_empty() {
        let mut insert = tx.prepare_cached(
            "INSERT INTO chain_links (document_id, attribution_position, position, name, kind) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for l in &rows.chain_links {
            insert.execute(params![
                id,
                l.attribution_position,
                l.position,
                l.name,
                l.kind
            ])?;
        }
    }
    if !rows.entities.is_empty() {
        let mut insert = tx.prepare_cached(
            "INSERT INTO entities (document_id, position, name, kind, titles) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for e in &rows.entities {
            insert.execute(params![id, e.position, e.name, e.kind, e.titles])?;
        }
    }
    if !rows.mentions.is_empty() {
        let mut insert = tx.prepare_cached(
            "INSERT INTO mentions (document_id, entity_position, position, span_start, span_end, span_text) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for m in &rows.mentions {
            insert.execute(params![
                id,
                m.entity_position,
                m.position,
                m.span.start,
                m.span.end,
                m.span.text
            ])?;
        }
    }
    if !rows.credits.is_empty() {
        let mut insert = tx.prepare_cached(
            "INSERT INTO credits (document_id, position, role, name, span_start, span_end, span_text) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for c in &rows.credits {
            insert.execute(params![
                id,
                c.position,
                c.role,
                c.name,
                c.span.start,
                c.span.end,
                c.span.text
            ])?;
        }
    }
    Ok(PutOutcome::Inserted(DocumentId(id)))
}

/// Linking inside an SQLite transaction: one indexed lookup per band key or
/// item (in-process, cheaper than building `IN` lists).
struct SqliteLink<'a>(&'a Connection);

impl LinkOps for SqliteLink<'_> {
    fn candidates(&mut self, group: Group, keys: &[i64]) -> Result<Vec<Candidate>, BackendError> {
        let Tables {
            bands,
            item,
            members,
            group,
            ..
        } = group.tables();
        // The band index drives (every item with band rows is a member).
        let mut query = self.0.prepare_cached(&format!(
            "SELECT c.item, m.{group} FROM (SELECT b.{item} AS item FROM {bands} b \
             WHERE b.band_key = ?1 ORDER BY b.{item} DESC LIMIT {PER_BAND}) c \
             JOIN {members} m ON m.{item} = c.item"
        ))?;
        let mut rows = Vec::new();
        for key in keys {
            let found =
                query.query_map([key], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))?;
            for row in found {
                rows.push(row?);
            }
            if rows.len() as i64 >= CANDIDATE_LIMIT {
                break;
            }
        }
        Ok(link::count_shared(rows))
    }

    fn signatures(
        &mut self,
        group: Group,
        items: &[i64],
    ) -> Result<Vec<(i64, i64, Signature)>, BackendError> {
        let Tables {
            item,
            signatures,
            members,
            group,
            ..
        } = group.tables();
        let mut query = self.0.prepare_cached(&format!(
            "SELECT m.{group}, s.shingles, s.mins FROM {signatures} s \
             JOIN {members} m ON m.{item} = s.{item} WHERE s.{item} = ?1"
        ))?;
        let mut out = Vec::with_capacity(items.len());
        for &id in items {
            let row = query
                .query_row([id], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, Vec<u8>>(2)?,
                    ))
                })
                .optional()?;
            if let Some((group_id, shingles, mins)) = row {
                if let Some(signature) = link::signature_from(shingles, &mins) {
                    out.push((id, group_id, signature));
                }
            }
        }
        Ok(out)
    }

    fn file(
        &mut self,
        group: Group,
        id: i64,
        signature: Option<(&Signature, &[i64])>,
        group_id: i64,
    ) -> Result<(), BackendError> {
        if let Some((signature, keys)) = signature {
            let bands: Vec<(i64, i64)> = keys.iter().map(|&k| (k, id)).collect();
            self.write_signatures(group, &[(id, signature)], &bands)?;
        }
        self.write_groups(group, &[(id, group_id)])
    }

    fn merge(&mut self, group: Group, from: &[i64], into: i64) -> Result<(), BackendError> {
        let Tables { members, group, .. } = group.tables();
        let mut update = self.0.prepare_cached(&format!(
            "UPDATE {members} SET {group} = ?1 WHERE {group} = ?2"
        ))?;
        for old in from {
            update.execute([into, *old])?;
        }
        Ok(())
    }

    fn statements(&mut self, document: i64) -> Result<Vec<(i64, String)>, BackendError> {
        all(
            self.0,
            "SELECT id, content_text FROM attributions WHERE document_id = ?1 ORDER BY position",
            [document],
            |r| Ok((r.int(0)?, r.text(1)?)),
        )
    }
}

impl BulkOps for SqliteLink<'_> {
    fn pending(
        &mut self,
        group: Group,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, BackendError> {
        all(self.0, &group.pending_sql(), [after, limit], |r| {
            Ok((r.int(0)?, r.text(1)?))
        })
    }

    fn linked(
        &mut self,
        group: Group,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64, Signature)>, BackendError> {
        let rows = all(self.0, &group.linked_sql(), [after, limit], |r| {
            Ok((r.int(0)?, r.int(1)?, r.int(2)?, r.get::<_, Vec<u8>>(3)?))
        })?;
        Ok(link::signature_rows(rows))
    }

    fn write_signatures(
        &mut self,
        group: Group,
        signatures: &[(i64, &Signature)],
        bands: &[(i64, i64)],
    ) -> Result<(), BackendError> {
        let Tables {
            bands: band_table,
            item,
            signatures: signature_table,
            ..
        } = group.tables();
        let mut insert = self.0.prepare_cached(&format!(
            "INSERT INTO {signature_table} ({item}, shingles, mins) VALUES (?1, ?2, ?3)"
        ))?;
        for (id, signature) in signatures {
            insert.execute(params![
                id,
                i64::from(signature.shingles),
                link::mins_to_bytes(signature)
            ])?;
        }
        let mut insert = self.0.prepare_cached(&format!(
            "INSERT OR IGNORE INTO {band_table} (band_key, {item}) VALUES (?1, ?2)"
        ))?;
        for (key, id) in bands {
            insert.execute([key, id])?;
        }
        Ok(())
    }

    fn write_groups(&mut self, group: Group, rows: &[(i64, i64)]) -> Result<(), BackendError> {
        let Tables {
            item,
            members,
            group,
            ..
        } = group.tables();
        let mut upsert = self.0.prepare_cached(&format!(
            "INSERT INTO {members} ({item}, {group}) VALUES (?1, ?2) \
             ON CONFLICT ({item}) DO UPDATE SET {group} = excluded.{group}"
        ))?;
        for (id, group_id) in rows {
            upsert.execute([id, group_id])?;
        }
        Ok(())
    }
}
