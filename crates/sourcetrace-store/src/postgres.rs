//! The PostgreSQL backend: the same schema, tsvector columns with GIN
//! indexes for search, and one round trip per table when a document is stored.

use crate::bulk::{self, BulkOps, LinkReport};
use crate::error::{BackendError, StoreError, StoreName};
use crate::link::{self, Candidate, Group, LinkOps, Tables, CANDIDATE_LIMIT, PER_BAND};
use crate::model::{ArticleSummary, DocumentId, PutOutcome, Statement, StoredDocument};
use crate::rows::{
    self, DocumentRows, RowRead, ARTICLE_COLUMNS, ARTICLE_COLUMN_COUNT, STATEMENT_COLUMNS,
};
use crate::schema::{self, MIGRATIONS, MIGRATIONS_TABLE_POSTGRES};
use crate::sql;
use crate::{batch_name, now, SourceRow, TimelineRows, TRACE_SAMPLE};
use postgres::types::ToSql;
use postgres::{Client, GenericClient, NoTls};
use sourcetrace_core::{ChainLink, Document};
use sourcetrace_corpus::Signature;
use std::collections::HashMap;

/// The advisory lock that serializes migrations of one database ("STRC").
const MIGRATION_LOCK: i64 = 0x5354_5243;

/// A store in a PostgreSQL database.
pub(crate) struct PostgresStore {
    client: Client,
    name: StoreName,
    /// Prepared on the first put.
    put_statements: Option<PutStatements>,
    /// The store links copies and claims (version 4 or later).
    linked: bool,
    /// Documents are stored unlinked until [`PostgresStore::link_pending`].
    pub(crate) deferred: bool,
}

/// The URL with its password hidden, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let rest = &url[scheme_end + 3..];
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let Some(at) = authority.rfind('@') else {
        return url.to_string();
    };
    let userinfo = &authority[..at];
    match userinfo.find(':') {
        Some(colon) => format!(
            "{}{}:***{}",
            &url[..scheme_end + 3],
            &userinfo[..colon],
            &url[scheme_end + 3 + at..]
        ),
        None => url.to_string(),
    }
}

fn all<T>(
    client: &mut impl GenericClient,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
    read: impl Fn(&postgres::Row) -> Result<T, BackendError>,
) -> Result<Vec<T>, BackendError> {
    client.query(sql, params)?.iter().map(read).collect()
}

impl PostgresStore {
    /// Connect to the database of `url` and migrate it to `target`.
    pub(crate) fn open(url: &str, target: i64) -> Result<Self, StoreError> {
        let name = StoreName(redact(url));
        let client = Client::connect(url, NoTls).map_err(|e| name.open(e))?;
        let mut store = PostgresStore {
            client,
            name,
            put_statements: None,
            linked: false,
            deferred: false,
        };
        store.check_identity()?;
        store.migrate(target)?;
        store.linked = store.schema_version()? >= 4;
        Ok(store)
    }

    /// The store's name for messages.
    pub(crate) fn name(&self) -> &StoreName {
        &self.name
    }

    /// Refuse a database that holds tables of another program under our names.
    fn check_identity(&mut self) -> Result<(), StoreError> {
        let row = self
            .client
            .query_one(
                "SELECT to_regclass('sourcetrace_migrations') IS NOT NULL, \
                 array_remove(ARRAY[ \
                    CASE WHEN to_regclass('documents') IS NOT NULL THEN 'documents' END, \
                    CASE WHEN to_regclass('attributions') IS NOT NULL THEN 'attributions' END, \
                    CASE WHEN to_regclass('entities') IS NOT NULL THEN 'entities' END, \
                    CASE WHEN to_regclass('credits') IS NOT NULL THEN 'credits' END], NULL)",
                &[],
            )
            .map_err(|e| self.name.open(e))?;
        let ours: bool = row.try_get(0).map_err(|e| self.name.open(e))?;
        let clashing: Vec<String> = row.try_get(1).map_err(|e| self.name.open(e))?;
        if !ours && !clashing.is_empty() {
            return Err(self.name.foreign(format!(
                "it has tables ({}) but no sourcetrace_migrations table",
                clashing.join(", ")
            )));
        }
        Ok(())
    }

    fn version(client: &mut impl GenericClient) -> Result<i64, BackendError> {
        Ok(client
            .query_one(
                "SELECT coalesce(max(version), 0)::BIGINT FROM sourcetrace_migrations",
                &[],
            )?
            .try_get(0)?)
    }

    /// The schema version the store records.
    pub(crate) fn schema_version(&mut self) -> Result<i64, StoreError> {
        Self::version(&mut self.client).map_err(|e| self.name.query("read the schema version", e))
    }

    /// Apply the missing migrations up to `target`, all in one transaction,
    /// under an advisory lock so that workers opening the store at once
    /// migrate it once.
    fn migrate(&mut self, target: i64) -> Result<(), StoreError> {
        let name = self.name.clone();
        let mut tx = self
            .client
            .transaction()
            .map_err(|e| name.migrate(target, e))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
            .map_err(|e| name.migrate(target, e))?;
        tx.batch_execute(MIGRATIONS_TABLE_POSTGRES)
            .map_err(|e| name.migrate(target, e))?;
        let found = Self::version(&mut tx).map_err(|e| name.migrate(target, e))?;
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
            tx.batch_execute(migration.postgres).map_err(fail)?;
            tx.execute(
                "INSERT INTO sourcetrace_migrations (version, description, applied_at) VALUES ($1, $2, $3)",
                &[&migration.version, &migration.description, &now()],
            )
            .map_err(fail)?;
        }
        tx.commit().map_err(|e| name.migrate(target, e))
    }

    /// Store documents in one transaction.
    pub(crate) fn put_batch(&mut self, docs: &[Document]) -> Result<Vec<PutOutcome>, StoreError> {
        let name = self.name.clone();
        let statements = match self.put_statements.take() {
            Some(statements) => statements,
            None => PutStatements::prepare(&mut self.client)
                .map_err(|e| name.put(&batch_name(docs), e))?,
        };
        let statements = &*self.put_statements.insert(statements);
        let fail = |e: BackendError| name.put(&batch_name(docs), e);
        let mut tx = self.client.transaction().map_err(|e| fail(e.into()))?;
        let outcomes = put_rows(&mut tx, statements, docs).map_err(fail)?;
        let new = link::inserted(docs, &outcomes);
        if self.linked && !self.deferred && !new.is_empty() {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LINK_LOCK])
                .map_err(|e| fail(e.into()))?;
            link::linker()
                .link(&mut PgLink(&mut tx), &new)
                .map_err(fail)?;
        }
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(outcomes)
    }

    /// Link every document not in a story yet and every statement not in a
    /// claim, in one transaction under the link lock.
    pub(crate) fn link_pending(&mut self, one_by_one: usize) -> Result<LinkReport, StoreError> {
        let name = self.name.clone();
        let fail = |e: BackendError| name.query("link stories and claims", e);
        if !self.linked {
            return Ok(LinkReport::default());
        }
        let mut tx = self.client.transaction().map_err(|e| fail(e.into()))?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LINK_LOCK])
            .map_err(|e| fail(e.into()))?;
        let report = bulk::link_pending(&mut PgLink(&mut tx), one_by_one).map_err(fail)?;
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(report)
    }

    /// Refresh the planner's statistics.
    pub(crate) fn optimize(&mut self) -> Result<(), StoreError> {
        self.client
            .batch_execute("ANALYZE")
            .map_err(|e| self.name.query("analyze the tables", e))
    }

    /// The id of the document whose text has this hash.
    pub(crate) fn lookup(&mut self, hash: &str) -> Result<Option<DocumentId>, StoreError> {
        let row = self
            .client
            .query_opt(&sql::postgres().document_by_hash, &[&hash])
            .map_err(|e| self.name.query("look up a content hash", e))?;
        match row {
            Some(row) => row
                .try_get(0)
                .map(|id| Some(DocumentId(id)))
                .map_err(|e| self.name.query("look up a content hash", e)),
            None => Ok(None),
        }
    }

    /// How many documents the store holds.
    pub(crate) fn count(&mut self) -> Result<u64, StoreError> {
        self.client
            .query_one(&sql::postgres().count, &[])
            .and_then(|r| r.try_get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
            .map_err(|e| self.name.query("count documents", e))
    }

    /// One document with everything found in it.
    pub(crate) fn document(
        &mut self,
        id: DocumentId,
    ) -> Result<Option<StoredDocument>, StoreError> {
        let q = sql::postgres();
        let client = &mut self.client;
        let mut read = || -> Result<Option<Result<StoredDocument, String>>, BackendError> {
            // One snapshot for all six reads.
            let mut tx = client
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()?;
            let Some(doc) = all(&mut tx, &q.document, &[&id.0], rows::read_document)?
                .into_iter()
                .next()
            else {
                return Ok(None);
            };
            let attributions = all(&mut tx, &q.document_attributions, &[&id.0], |r| {
                rows::read_attribution(r).map(|(_, _, row)| row)
            })?;
            let chain = all(&mut tx, &q.document_chain_links, &[&id.0], |r| {
                rows::read_chain_link(r)
            })?;
            let entities = all(&mut tx, &q.document_entities, &[&id.0], |r| {
                rows::read_entity(r)
            })?;
            let mentions = all(&mut tx, &q.document_mentions, &[&id.0], |r| {
                rows::read_mention(r)
            })?;
            let credits = all(&mut tx, &q.document_credits, &[&id.0], |r| {
                rows::read_credit(r)
            })?;
            tx.commit()?;
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
        &mut self,
        sql: &str,
        params: &[&(dyn ToSql + Sync)],
        action: &str,
    ) -> Result<Vec<Statement>, StoreError> {
        let client = &mut self.client;
        let mut read = || -> Result<Result<Vec<Statement>, (i64, String)>, BackendError> {
            let found = all(client, sql, params, rows::read_statement)?;
            // Every chain in one query, not one per statement.
            let documents: Vec<i64> = found.iter().map(|(s, _)| s.article.id.0).collect();
            let positions: Vec<i64> = found.iter().map(|(_, p)| *p).collect();
            let mut chains: HashMap<(i64, i64), Vec<ChainLink>> = HashMap::new();
            if !found.is_empty() {
                let links = client.query(
                    "SELECT c.document_id, c.attribution_position, c.position, c.name, c.kind \
                     FROM chain_links c \
                     JOIN UNNEST($1::BIGINT[], $2::BIGINT[]) AS k (document_id, attribution_position) \
                       ON c.document_id = k.document_id \
                      AND c.attribution_position = k.attribution_position \
                     ORDER BY c.document_id, c.attribution_position, c.position",
                    &[&documents, &positions],
                )?;
                for row in &links {
                    let document = row.int(0)?;
                    let link = rows::ChainRow {
                        attribution_position: row.int(1)?,
                        position: row.int(2)?,
                        name: row.opt_text(3)?,
                        kind: row.text(4)?,
                    };
                    match rows::chain_link(&link) {
                        Ok(l) => chains
                            .entry((document, link.attribution_position))
                            .or_default()
                            .push(l),
                        Err(detail) => return Ok(Err((document, detail))),
                    }
                }
            }
            Ok(Ok(found
                .into_iter()
                .map(|(mut statement, position)| {
                    statement.chain = chains
                        .remove(&(statement.article.id.0, position))
                        .unwrap_or_default();
                    statement
                })
                .collect()))
        };
        match read().map_err(|e| self.name.query(action, e))? {
            Ok(statements) => Ok(statements),
            Err((document, detail)) => Err(self.name.corrupt(document, detail)),
        }
    }

    /// Statements whose content or source matches, best first.
    pub(crate) fn search_statements(
        &mut self,
        query: &str,
        limit: i64,
    ) -> Result<Vec<Statement>, StoreError> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id, \
             plainto_tsquery('english', $1) q \
             WHERE a.search @@ q ORDER BY ts_rank(a.search, q) DESC, a.id LIMIT $2"
        );
        self.statements(
            &sql,
            &[&query, &limit],
            &format!("search statements for {query:?}"),
        )
    }

    /// The claims of the most recent statements that match (at most
    /// `TRACE_SAMPLE` statements, newest first, not ranked): id of each
    /// statement's claim.
    pub(crate) fn matching_claims(&mut self, query: &str) -> Result<Vec<i64>, StoreError> {
        let sql = format!(
            "SELECT coalesce(cm.claim_id, a.id) FROM attributions a \
             LEFT JOIN claim_members cm ON cm.attribution_id = a.id \
             WHERE a.search @@ plainto_tsquery('english', $1) ORDER BY a.id DESC LIMIT {TRACE_SAMPLE}"
        );
        all(&mut self.client, &sql, &[&query], |r| r.int(0)).map_err(|e| {
            self.name
                .query(format!("find the claims matching {query:?}"), e)
        })
    }

    /// Every statement whose content or source matches, oldest article first.
    pub(crate) fn attributions_matching(
        &mut self,
        query: &str,
    ) -> Result<Vec<Statement>, StoreError> {
        let sql = format!(
            "SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id \
             WHERE a.search @@ plainto_tsquery('english', $1) \
             ORDER BY d.published IS NULL, d.published, a.document_id, a.position"
        );
        self.statements(
            &sql,
            &[&query],
            &format!("find statements matching {query:?}"),
        )
    }

    /// Articles whose headline or text matches, best first (headline words weigh more).
    pub(crate) fn search_articles(
        &mut self,
        query: &str,
        limit: i64,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let sql = format!(
            "SELECT {ARTICLE_COLUMNS} FROM documents d, plainto_tsquery('english', $1) q \
             WHERE d.search @@ q ORDER BY ts_rank(d.search, q) DESC, d.id LIMIT $2"
        );
        all(&mut self.client, &sql, &[&query, &limit], |r| {
            rows::read_article(r)
        })
        .map_err(|e| self.name.query(format!("search articles for {query:?}"), e))
    }

    /// Source counts per citing outlet.
    pub(crate) fn sources(
        &mut self,
        kind: Option<&str>,
        outlet: Option<&str>,
    ) -> Result<Vec<SourceRow>, StoreError> {
        all(
            &mut self.client,
            &sql::postgres().sources,
            &[&kind, &outlet],
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
    pub(crate) fn timeline(&mut self, entity: &str) -> Result<TimelineRows, StoreError> {
        let q = sql::postgres();
        let articles = all(&mut self.client, &q.timeline_articles, &[&entity], |r| {
            Ok((rows::read_article(r)?, r.int(ARTICLE_COLUMN_COUNT)?))
        })
        .map_err(|e| {
            self.name
                .query(format!("read the timeline of {entity:?}"), e)
        })?;
        let statements = self.statements(
            &q.timeline_statements,
            &[&entity],
            &format!("read the statements of {entity:?}"),
        )?;
        Ok((articles, statements))
    }
}

impl PostgresStore {
    /// A document's summary, with its story (`None` for an unknown document).
    pub(crate) fn story_of(
        &mut self,
        id: DocumentId,
    ) -> Result<Option<ArticleSummary>, StoreError> {
        all(
            &mut self.client,
            &sql::postgres().story_of,
            &[&id.0],
            rows::read_article,
        )
        .map(|found| found.into_iter().next())
        .map_err(|e| {
            self.name
                .query(format!("find the story of document {id}"), e)
        })
    }

    /// The first `limit` members of a story, in id order.
    pub(crate) fn story_members(
        &mut self,
        story: i64,
        limit: i64,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        all(
            &mut self.client,
            &sql::postgres().story_members,
            &[&story, &limit],
            rows::read_article,
        )
        .map_err(|e| self.name.query(format!("read story {story}"), e))
    }

    /// Stories of at least `min_size` members, largest first: id and size.
    pub(crate) fn largest_stories(
        &mut self,
        min_size: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64)>, StoreError> {
        all(
            &mut self.client,
            &sql::postgres().largest_stories,
            &[&min_size, &limit],
            |r| Ok((r.int(0)?, r.int(1)?)),
        )
        .map_err(|e| self.name.query("list the stories", e))
    }

    /// The statements of a claim, oldest first.
    pub(crate) fn claim_statements(
        &mut self,
        claim: i64,
        limit: i64,
    ) -> Result<Vec<Statement>, StoreError> {
        self.statements(
            &sql::postgres().claim_statements,
            &[&claim, &limit],
            &format!("read claim {claim}"),
        )
    }

    /// Claim ids above `after`, ascending, at most `limit`.
    pub(crate) fn claim_ids(&mut self, after: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
        all(
            &mut self.client,
            &sql::postgres().claim_ids,
            &[&after, &limit],
            |r| r.int(0),
        )
        .map_err(|e| self.name.query("list the claims", e))
    }

    /// Stored documents whose signatures share a band with `keys`, with
    /// their story and signature.
    pub(crate) fn story_candidates(
        &mut self,
        keys: &[i64],
    ) -> Result<Vec<(i64, i64, Signature)>, StoreError> {
        let name = self.name.clone();
        let fail = |e: BackendError| name.query("look up copies", e);
        let mut tx = self
            .client
            .build_transaction()
            .read_only(true)
            .start()
            .map_err(|e| fail(e.into()))?;
        let mut ops = PgLink(&mut tx);
        let found = ops
            .candidates(Group::Story, keys)
            .and_then(|c| {
                let items: Vec<i64> = c.iter().map(|c| c.item).collect();
                ops.signatures(Group::Story, &items)
            })
            .map_err(fail)?;
        tx.commit().map_err(|e| fail(e.into()))?;
        Ok(found)
    }
}

const INSERT_DOCUMENTS: &str = "INSERT INTO documents (content_hash, name, origin, title, url, \
     outlet, author, language, published, published_provenance, published_evidence, \
     syndicated_role, syndicated_name, syndicated_start, syndicated_end, syndicated_text, text, \
     ingested_at) \
     SELECT *, $17::BIGINT FROM UNNEST($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[], \
     $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::TEXT[], $12::TEXT[], \
     $13::TEXT[], $14::BIGINT[], $15::BIGINT[], $16::TEXT[], $18::TEXT[]) \
     ON CONFLICT (content_hash) DO NOTHING RETURNING content_hash, id";
const DOCUMENTS_BY_HASH: &str =
    "SELECT content_hash, id FROM documents WHERE content_hash = ANY($1::TEXT[])";
const INSERT_ATTRIBUTIONS: &str = "INSERT INTO attributions (document_id, position, cue_start, \
     cue_end, cue_text, source_start, source_end, source_text, source_name, source_kind, \
     content_start, content_end, content_text, direct, when_start, when_end, when_text, when_value) \
     SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[], $4::BIGINT[], $5::TEXT[], \
     $6::BIGINT[], $7::BIGINT[], $8::TEXT[], $9::TEXT[], $10::TEXT[], $11::BIGINT[], \
     $12::BIGINT[], $13::TEXT[], $14::BOOLEAN[], $15::BIGINT[], $16::BIGINT[], $17::TEXT[], \
     $18::TEXT[])";
const INSERT_CHAIN_LINKS: &str = "INSERT INTO chain_links (document_id, attribution_position, \
     position, name, kind) \
     SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[], $4::TEXT[], $5::TEXT[])";
const INSERT_ENTITIES: &str = "INSERT INTO entities (document_id, position, name, kind, titles) \
     SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::TEXT[])";
const INSERT_MENTIONS: &str = "INSERT INTO mentions (document_id, entity_position, position, \
     span_start, span_end, span_text) \
     SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::BIGINT[], $4::BIGINT[], $5::BIGINT[], \
     $6::TEXT[])";
const INSERT_CREDITS: &str = "INSERT INTO credits (document_id, position, role, name, \
     span_start, span_end, span_text) \
     SELECT * FROM UNNEST($1::BIGINT[], $2::BIGINT[], $3::TEXT[], $4::TEXT[], $5::BIGINT[], \
     $6::BIGINT[], $7::TEXT[])";

/// The statements that store documents, prepared once per connection.
struct PutStatements {
    documents: postgres::Statement,
    documents_by_hash: postgres::Statement,
    attributions: postgres::Statement,
    chain_links: postgres::Statement,
    entities: postgres::Statement,
    mentions: postgres::Statement,
    credits: postgres::Statement,
}

impl PutStatements {
    fn prepare(client: &mut Client) -> Result<Self, postgres::Error> {
        Ok(PutStatements {
            documents: client.prepare(INSERT_DOCUMENTS)?,
            documents_by_hash: client.prepare(DOCUMENTS_BY_HASH)?,
            attributions: client.prepare(INSERT_ATTRIBUTIONS)?,
            chain_links: client.prepare(INSERT_CHAIN_LINKS)?,
            entities: client.prepare(INSERT_ENTITIES)?,
            mentions: client.prepare(INSERT_MENTIONS)?,
            credits: client.prepare(INSERT_CREDITS)?,
        })
    }
}

/// Store a batch inside an open transaction with one statement per table,
/// every row passed as arrays: a round trip per table, not per row.
///
/// New documents are inserted in content-hash order, so two workers storing
/// overlapping batches take their row locks in one order and cannot deadlock.
fn put_rows(
    tx: &mut postgres::Transaction<'_>,
    statements: &PutStatements,
    docs: &[Document],
) -> Result<Vec<PutOutcome>, BackendError> {
    let all_rows: Vec<DocumentRows> = docs.iter().map(DocumentRows::new).collect();
    // One row per distinct text, in hash order.
    let mut order: Vec<usize> = (0..all_rows.len()).collect();
    order.sort_by(|&a, &b| {
        all_rows[a]
            .document
            .content_hash
            .cmp(&all_rows[b].document.content_hash)
            .then(a.cmp(&b))
    });
    order.dedup_by(|a, b| all_rows[*a].document.content_hash == all_rows[*b].document.content_hash);
    let new: Vec<&DocumentRows> = order.iter().map(|&i| &all_rows[i]).collect();

    let d: Vec<_> = new.iter().map(|r| &r.document).collect();
    let text = |f: fn(&crate::rows::DocumentRow) -> Option<&str>| -> Vec<Option<&str>> {
        d.iter().map(|r| f(r)).collect()
    };
    let hashes: Vec<&str> = d.iter().map(|r| r.content_hash.as_str()).collect();
    let names: Vec<&str> = d.iter().map(|r| r.name.as_str()).collect();
    let evidence: Vec<&str> = d.iter().map(|r| r.published_evidence.as_str()).collect();
    let texts: Vec<&str> = d.iter().map(|r| r.text.as_str()).collect();
    let syndicated_start: Vec<Option<i64>> = d
        .iter()
        .map(|r| r.syndicated.as_ref().map(|s| s.start))
        .collect();
    let syndicated_end: Vec<Option<i64>> = d
        .iter()
        .map(|r| r.syndicated.as_ref().map(|s| s.end))
        .collect();
    let inserted = tx.query(
        &statements.documents,
        &[
            &hashes,
            &names,
            &text(|r| r.origin.as_deref()),
            &text(|r| r.title.as_deref()),
            &text(|r| r.url.as_deref()),
            &text(|r| r.outlet.as_deref()),
            &text(|r| r.author.as_deref()),
            &text(|r| r.language.as_deref()),
            &text(|r| r.published.as_deref()),
            &text(|r| r.published_provenance.as_deref()),
            &evidence,
            &text(|r| r.syndicated_role.as_deref()),
            &text(|r| r.syndicated_name.as_deref()),
            &syndicated_start,
            &syndicated_end,
            &text(|r| r.syndicated.as_ref().map(|s| s.text.as_str())),
            &now(),
            &texts,
        ],
    )?;
    let mut new_ids: HashMap<String, i64> = HashMap::with_capacity(inserted.len());
    for row in &inserted {
        new_ids.insert(row.text(0)?, row.int(1)?);
    }
    // Texts stored before (or by a concurrent worker that has committed).
    let mut old_ids: HashMap<String, i64> = HashMap::new();
    if new_ids.len() < new.len() {
        let missing: Vec<&str> = hashes
            .iter()
            .copied()
            .filter(|h| !new_ids.contains_key(*h))
            .collect();
        for row in tx.query(&statements.documents_by_hash, &[&missing])? {
            old_ids.insert(row.text(0)?, row.int(1)?);
        }
    }

    // Child rows of the inserted documents, each with its document's id.
    let (attribution_documents, attributions) = children(&new, &new_ids, |r| &r.attributions);
    let (link_documents, links) = children(&new, &new_ids, |r| &r.chain_links);
    let (entity_documents, entities) = children(&new, &new_ids, |r| &r.entities);
    let (mention_documents, mentions) = children(&new, &new_ids, |r| &r.mentions);
    let (credit_documents, credits) = children(&new, &new_ids, |r| &r.credits);
    if !attributions.is_empty() {
        let a = &attributions;
        let int = |f: fn(&crate::rows::AttributionRow) -> i64| -> Vec<i64> {
            a.iter().map(|r| f(r)).collect()
        };
        let opt_int = |f: fn(&crate::rows::AttributionRow) -> Option<i64>| -> Vec<Option<i64>> {
            a.iter().map(|r| f(r)).collect()
        };
        let opt_text = |f: fn(&crate::rows::AttributionRow) -> Option<&str>| -> Vec<Option<&str>> {
            a.iter().map(|r| f(r)).collect()
        };
        let cue_text: Vec<&str> = a.iter().map(|r| r.cue.text.as_str()).collect();
        let content_text: Vec<&str> = a.iter().map(|r| r.content.text.as_str()).collect();
        let direct: Vec<bool> = a.iter().map(|r| r.direct).collect();
        tx.execute(
            &statements.attributions,
            &[
                &attribution_documents,
                &int(|r| r.position),
                &int(|r| r.cue.start),
                &int(|r| r.cue.end),
                &cue_text,
                &opt_int(|r| r.source.as_ref().map(|s| s.start)),
                &opt_int(|r| r.source.as_ref().map(|s| s.end)),
                &opt_text(|r| r.source.as_ref().map(|s| s.text.as_str())),
                &opt_text(|r| r.source_name.as_deref()),
                &opt_text(|r| r.source_kind.as_deref()),
                &int(|r| r.content.start),
                &int(|r| r.content.end),
                &content_text,
                &direct,
                &opt_int(|r| r.when.as_ref().map(|s| s.start)),
                &opt_int(|r| r.when.as_ref().map(|s| s.end)),
                &opt_text(|r| r.when.as_ref().map(|s| s.text.as_str())),
                &opt_text(|r| r.when_value.as_deref()),
            ],
        )?;
    }
    if !links.is_empty() {
        let attribution: Vec<i64> = links.iter().map(|l| l.attribution_position).collect();
        let position: Vec<i64> = links.iter().map(|l| l.position).collect();
        let name: Vec<Option<&str>> = links.iter().map(|l| l.name.as_deref()).collect();
        let kind: Vec<&str> = links.iter().map(|l| l.kind.as_str()).collect();
        tx.execute(
            &statements.chain_links,
            &[&link_documents, &attribution, &position, &name, &kind],
        )?;
    }
    if !entities.is_empty() {
        let position: Vec<i64> = entities.iter().map(|e| e.position).collect();
        let name: Vec<&str> = entities.iter().map(|e| e.name.as_str()).collect();
        let kind: Vec<&str> = entities.iter().map(|e| e.kind.as_str()).collect();
        let titles: Vec<&str> = entities.iter().map(|e| e.titles.as_str()).collect();
        tx.execute(
            &statements.entities,
            &[&entity_documents, &position, &name, &kind, &titles],
        )?;
    }
    if !mentions.is_empty() {
        let entity: Vec<i64> = mentions.iter().map(|m| m.entity_position).collect();
        let position: Vec<i64> = mentions.iter().map(|m| m.position).collect();
        let start: Vec<i64> = mentions.iter().map(|m| m.span.start).collect();
        let end: Vec<i64> = mentions.iter().map(|m| m.span.end).collect();
        let text: Vec<&str> = mentions.iter().map(|m| m.span.text.as_str()).collect();
        tx.execute(
            &statements.mentions,
            &[&mention_documents, &entity, &position, &start, &end, &text],
        )?;
    }
    if !credits.is_empty() {
        let position: Vec<i64> = credits.iter().map(|c| c.position).collect();
        let role: Vec<&str> = credits.iter().map(|c| c.role.as_str()).collect();
        let name: Vec<&str> = credits.iter().map(|c| c.name.as_str()).collect();
        let start: Vec<i64> = credits.iter().map(|c| c.span.start).collect();
        let end: Vec<i64> = credits.iter().map(|c| c.span.end).collect();
        let text: Vec<&str> = credits.iter().map(|c| c.span.text.as_str()).collect();
        tx.execute(
            &statements.credits,
            &[
                &credit_documents,
                &position,
                &role,
                &name,
                &start,
                &end,
                &text,
            ],
        )?;
    }

    // One outcome per input document, in input order: the first document of
    // a text that this batch inserted is Inserted, every other AlreadyStored.
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    all_rows
        .iter()
        .map(|rows| {
            let hash = rows.document.content_hash.as_str();
            let first = seen.insert(hash);
            match (new_ids.get(hash), old_ids.get(hash)) {
                (Some(&id), _) if first => Ok(PutOutcome::Inserted(DocumentId(id))),
                (Some(&id), _) | (None, Some(&id)) => Ok(PutOutcome::AlreadyStored(DocumentId(id))),
                (None, None) => Err(BackendError::Vanished(hash.to_string())),
            }
        })
        .collect()
}

/// The rows of one child table for every document of `new` that this batch
/// inserted, with the document id of each row beside it (the array
/// parameters of one multi-row INSERT).
fn children<'a, T>(
    new: &[&'a DocumentRows],
    ids: &HashMap<String, i64>,
    table: impl Fn(&'a DocumentRows) -> &'a [T],
) -> (Vec<i64>, Vec<&'a T>) {
    let mut documents = Vec::new();
    let mut rows = Vec::new();
    for doc in new {
        let Some(&id) = ids.get(&doc.document.content_hash) else {
            continue;
        };
        for row in table(doc) {
            documents.push(id);
            rows.push(row);
        }
    }
    (documents, rows)
}

/// The advisory lock under which workers link new documents and statements
/// ("STRL"), so that copies stored at once by two workers see each other.
const LINK_LOCK: i64 = 0x5354_524c;

/// Linking inside a PostgreSQL transaction: one round trip per lookup, with
/// arrays of keys and ids.
struct PgLink<'a, 'b>(&'a mut postgres::Transaction<'b>);

impl LinkOps for PgLink<'_, '_> {
    fn candidates(&mut self, group: Group, keys: &[i64]) -> Result<Vec<Candidate>, BackendError> {
        let Tables {
            bands,
            item,
            members,
            group,
            ..
        } = group.tables();
        // The band index drives: joined inside the LATERAL, the planner
        // walked the member table backwards for every key (450 ms a lookup
        // at 13,000 documents). Every item with band rows is a member.
        let sql = format!(
            "SELECT c.item, m.{group}, count(*)::BIGINT FROM unnest($1::BIGINT[]) AS k, \
             LATERAL (SELECT b.{item} AS item FROM {bands} b WHERE b.band_key = k \
                      ORDER BY b.{item} DESC LIMIT {PER_BAND}) AS c \
             JOIN {members} m ON m.{item} = c.item \
             GROUP BY c.item, m.{group} ORDER BY count(*) DESC LIMIT {CANDIDATE_LIMIT}"
        );
        let keys = keys.to_vec();
        all(self.0, &sql, &[&keys], |r| {
            Ok(Candidate {
                item: r.try_get(0)?,
                group: r.try_get(1)?,
                shared: u32::try_from(r.try_get::<_, i64>(2)?).unwrap_or(u32::MAX),
            })
        })
    }

    fn signatures(
        &mut self,
        group: Group,
        items: &[i64],
    ) -> Result<Vec<(i64, i64, Signature)>, BackendError> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let Tables {
            item,
            signatures,
            members,
            group,
            ..
        } = group.tables();
        let sql = format!(
            "SELECT s.{item}, m.{group}, s.shingles, s.mins FROM {signatures} s \
             JOIN {members} m ON m.{item} = s.{item} WHERE s.{item} = ANY($1)"
        );
        let items = items.to_vec();
        Ok(link::signature_rows(all(
            self.0,
            &sql,
            &[&items],
            signature_row,
        )?))
    }

    fn file(
        &mut self,
        group: Group,
        id: i64,
        signature: Option<(&Signature, &[i64])>,
        group_id: i64,
    ) -> Result<(), BackendError> {
        let Tables {
            bands,
            item,
            signatures,
            members,
            group,
            ..
        } = group.tables();
        if let Some((signature, keys)) = signature {
            self.0.execute(
                &format!("INSERT INTO {signatures} ({item}, shingles, mins) VALUES ($1, $2, $3)"),
                &[
                    &id,
                    &i64::from(signature.shingles),
                    &link::mins_to_bytes(signature),
                ],
            )?;
            let keys = keys.to_vec();
            self.0.execute(
                &format!(
                    "INSERT INTO {bands} (band_key, {item}) SELECT DISTINCT k, $2::BIGINT FROM unnest($1::BIGINT[]) AS k \
                     ON CONFLICT DO NOTHING"
                ),
                &[&keys, &id],
            )?;
        }
        self.0.execute(
            &format!("INSERT INTO {members} ({item}, {group}) VALUES ($1, $2)"),
            &[&id, &group_id],
        )?;
        Ok(())
    }

    fn merge(&mut self, group: Group, from: &[i64], into: i64) -> Result<(), BackendError> {
        let Tables { members, group, .. } = group.tables();
        let from = from.to_vec();
        self.0.execute(
            &format!("UPDATE {members} SET {group} = $1 WHERE {group} = ANY($2)"),
            &[&into, &from],
        )?;
        Ok(())
    }

    fn statements(&mut self, document: i64) -> Result<Vec<(i64, String)>, BackendError> {
        all(
            self.0,
            "SELECT id, content_text FROM attributions WHERE document_id = $1 ORDER BY position",
            &[&document],
            |r| Ok((r.try_get::<_, i64>(0)?, r.try_get::<_, String>(1)?)),
        )
    }
}

/// A signature row as stored: item, group, shingles, minima.
fn signature_row(r: &postgres::Row) -> Result<link::SignatureRow, BackendError> {
    Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?))
}

impl BulkOps for PgLink<'_, '_> {
    fn pending(
        &mut self,
        group: Group,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, BackendError> {
        let sql = sql::dollar(&group.pending_sql());
        all(self.0, &sql, &[&after, &limit], |r| {
            Ok((r.try_get::<_, i64>(0)?, r.try_get::<_, String>(1)?))
        })
    }

    fn linked(
        &mut self,
        group: Group,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64, Signature)>, BackendError> {
        let sql = sql::dollar(&group.linked_sql());
        Ok(link::signature_rows(all(
            self.0,
            &sql,
            &[&after, &limit],
            signature_row,
        )?))
    }

    fn write_signatures(
        &mut self,
        group: Group,
        signatures: &[(i64, &Signature)],
        bands: &[(i64, i64)],
    ) -> Result<(), BackendError> {
        use std::fmt::Write as _;
        let Tables {
            bands: band_table,
            item,
            signatures: signature_table,
            ..
        } = group.tables();
        for chunk in signatures.chunks(1 << 16) {
            let mut text = String::with_capacity(chunk.len() * 300);
            for (id, signature) in chunk {
                let _ = write!(text, "{id}\t{}\t\\\\x", signature.shingles);
                for byte in link::mins_to_bytes(signature) {
                    let _ = write!(text, "{byte:02x}");
                }
                text.push('\n');
            }
            copy_text(
                self.0,
                &format!("COPY {signature_table} ({item}, shingles, mins) FROM STDIN"),
                &text,
            )?;
        }
        copy_pairs(
            self.0,
            &format!("COPY {band_table} (band_key, {item}) FROM STDIN"),
            bands,
        )
    }

    fn write_groups(&mut self, group: Group, rows: &[(i64, i64)]) -> Result<(), BackendError> {
        let Tables {
            item,
            members,
            group,
            ..
        } = group.tables();
        let temp = format!("linked_{group}");
        self.0.batch_execute(&format!(
            "CREATE TEMPORARY TABLE IF NOT EXISTS {temp} (item BIGINT, grp BIGINT) ON COMMIT DROP; \
             TRUNCATE {temp}"
        ))?;
        copy_pairs(self.0, &format!("COPY {temp} (item, grp) FROM STDIN"), rows)?;
        self.0.batch_execute(&format!(
            "INSERT INTO {members} ({item}, {group}) SELECT item, grp FROM {temp} \
             ON CONFLICT ({item}) DO UPDATE SET {group} = excluded.{group}"
        ))?;
        Ok(())
    }
}

/// Send rows of two integers to a `COPY … FROM STDIN` statement, a million at a time.
fn copy_pairs(
    tx: &mut postgres::Transaction<'_>,
    statement: &str,
    rows: &[(i64, i64)],
) -> Result<(), BackendError> {
    use std::fmt::Write as _;
    for chunk in rows.chunks(1 << 20) {
        let mut text = String::with_capacity(chunk.len() * 32);
        for (a, b) in chunk {
            let _ = writeln!(text, "{a}\t{b}");
        }
        copy_text(tx, statement, &text)?;
    }
    Ok(())
}

/// Send `text` (COPY's text format) to a `COPY … FROM STDIN` statement.
fn copy_text(
    tx: &mut postgres::Transaction<'_>,
    statement: &str,
    text: &str,
) -> Result<(), BackendError> {
    use std::io::Write as _;
    let mut writer = tx.copy_in(statement)?;
    // One write is one CopyData message, and the server refuses a message of
    // 1 GB or more: send pieces.
    for piece in text.as_bytes().chunks(1 << 20) {
        writer.write_all(piece).map_err(BackendError::Copy)?;
    }
    writer.finish()?;
    Ok(())
}
