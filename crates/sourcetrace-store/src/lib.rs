//! The corpus store of sourcetrace: documents and everything found in them
//! (attributions with their chains, entities and their mentions, credits),
//! kept in an embedded SQLite file or a PostgreSQL database, with full-text
//! search over statements and articles.
//!
//! [`Store::open`] takes a spec: a file path or `sqlite:FILE` (SQLite, the
//! default: bundled SQLite, WAL journal, FTS5 search), or a
//! `postgres://…`/`postgresql://…` URL (PostgreSQL: tsvector search, for many
//! ingest workers writing to one store). Both backends have the same schema
//! and pass the same test suite.
//!
//! - **Idempotent.** [`Store::put_document`] stores a document unless one
//!   with the same text from the same outlet ([`document_key`], SHA-256) is
//!   stored already, and says which ([`PutOutcome`]).
//! - **Linked.** Each new document joins the story (copy group) of the
//!   stored documents it copies, and each new statement the claim of the
//!   stored statements it repeats, in the transaction that stores them
//!   (MinHash signatures with LSH band keys kept in the store, so a lookup
//!   reads only the few documents that share a band: [`Store::story`],
//!   [`Store::copies_of`], [`Store::trace`]).
//! - **Crash-safe.** Each document (or each [`Store::put_batch`]) is one
//!   transaction: a process killed at any moment leaves whole documents or
//!   none, and running the same ingest again completes it.
//! - **Versioned.** Opening a store applies the missing migrations in one
//!   transaction. A store of a newer schema ([`StoreError::TooNew`]) and a
//!   file or database that is not a sourcetrace store ([`StoreError::Foreign`])
//!   are refused without being touched.
//! - **Offsets** are stored as Unicode scalar (character) offsets, as in the
//!   `sourcetrace.document/1` JSON; [`Store::document`] gives back byte spans,
//!   so a document reads back equal to the one put.
//!
//! ```
//! use sourcetrace_core::{Attribution, Content, Document, Source, SourceKind, Span};
//! use sourcetrace_store::{PutOutcome, Store};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = tempfile::tempdir()?;
//! let mut store = Store::open(dir.path().join("corpus.db").to_str().unwrap_or_default())?;
//!
//! let text = "“The bridge will close,” the mayor said.";
//! let mut doc = Document::new("bridge", text);
//! let said = text.find("said").unwrap_or_default();
//! let mayor = text.find("the mayor").unwrap_or_default();
//! let source = Source::from_span(text, Span::new(mayor, mayor + 9), SourceKind::Person);
//! let content = Content { span: Span::new(3, text.find('”').unwrap_or_default()), direct: true };
//! doc.attributions.push(Attribution::new(Span::new(said, said + 4), Some(source), content));
//!
//! let id = store.put_document(&doc)?.id();
//! assert_eq!(store.put_document(&doc)?, PutOutcome::AlreadyStored(id));
//! assert_eq!(store.document(id)?.map(|stored| stored.document), Some(doc));
//! assert_eq!(store.search("bridge", 10)?.statements[0].source_name.as_deref(), Some("the mayor"));
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

mod bulk;
mod error;
mod link;
mod model;
mod postgres;
mod provenance;
mod rows;
mod schema;
mod sql;
mod sqlite;

pub use bulk::LinkReport;
pub use error::{BackendError, StoreError};
pub use model::{
    ArticleSummary, ClaimTrace, CopyMatch, DocumentId, OutletCount, PutOutcome, SearchResults,
    SourceFilter, SourceStat, Statement, StoredDocument, StoryView, TimelineEntry,
};
pub use provenance::{GraphEdge, GraphNode, NodeKind, ProvenanceGraph, ProvenanceNode};
pub use sourcetrace_corpus::OriginReason;

use crate::postgres::PostgresStore;
use crate::sqlite::SqliteStore;
use sha2::{Digest, Sha256};
use sourcetrace_core::{Document, SourceKind};
use sourcetrace_corpus::{choose_original, CopyMeta};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The schema version this build writes (and the newest it can read).
pub const SCHEMA_VERSION: i64 = schema::LATEST;

/// The hex SHA-256 of a text.
pub fn content_hash(text: &str) -> String {
    hex_sha256(&[text.as_bytes()])
}

/// The key a store files a document under: the same text from the same
/// outlet is one document (an article crawled twice, a feed read again), but
/// a word-for-word republication by another outlet is a document of its own,
/// in the story of the original, because who carried a story is what
/// provenance is about. Without an outlet the key is the [`content_hash`] of
/// the text; with one, the SHA-256 of the outlet (trimmed, lowercase), a NUL
/// and the text.
///
/// Compute it before analysing an article to skip one already stored
/// ([`Store::lookup`]).
pub fn document_key(text: &str, outlet: Option<&str>) -> String {
    match outlet.map(str::trim).filter(|o| !o.is_empty()) {
        None => content_hash(text),
        Some(outlet) => hex_sha256(&[outlet.to_lowercase().as_bytes(), b"\0", text.as_bytes()]),
    }
}

fn hex_sha256(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    let mut hex = String::with_capacity(64);
    for byte in hasher.finalize() {
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte >> 4)]));
        hex.push(char::from(b"0123456789abcdef"[usize::from(byte & 0xf)]));
    }
    hex
}

/// Where a store lives, as read from a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreSpec {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl StoreSpec {
    /// Read a spec: `postgres://…` or `postgresql://…` is PostgreSQL;
    /// `sqlite:FILE` (or `sqlite://FILE`) and any other string without a URL
    /// scheme is an SQLite file.
    pub fn parse(spec: &str) -> Result<StoreSpec, StoreError> {
        let bad = |reason| StoreError::BadSpec {
            spec: spec.to_string(),
            reason,
        };
        if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            return Ok(StoreSpec::Postgres(spec.to_string()));
        }
        let path = match spec.strip_prefix("sqlite:") {
            Some(rest) => rest.strip_prefix("//").unwrap_or(rest),
            None if spec.contains("://") => {
                return Err(bad(
                    "unknown URL scheme; give a file path, sqlite:FILE or a postgres:// URL",
                ))
            }
            None => spec,
        };
        if path.is_empty() {
            return Err(bad("no file named"));
        }
        Ok(StoreSpec::Sqlite(PathBuf::from(path)))
    }
}

enum Backend {
    Sqlite(SqliteStore),
    Postgres(Box<PostgresStore>),
}

/// An open store. See the [crate documentation](crate) for an example.
///
/// Every method takes `&mut self`: a store is one connection, used by one
/// thread at a time. Open one store per worker to write in parallel
/// (PostgreSQL), or per process (SQLite serializes writers on its file lock,
/// waiting up to a minute).
pub struct Store {
    backend: Backend,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("name", &self.name()).finish()
    }
}

/// A row of the sources query: one source as cited by one outlet.
pub(crate) struct SourceRow {
    pub(crate) name: Option<String>,
    pub(crate) kind: String,
    pub(crate) outlet: Option<String>,
    pub(crate) statements: i64,
    pub(crate) documents: i64,
}

/// The timeline query's rows: articles with their mention counts, and the
/// statements attributed to the entity.
pub(crate) type TimelineRows = (Vec<(ArticleSummary, i64)>, Vec<Statement>);

/// Now, in seconds since the Unix epoch.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// A batch's name for messages.
pub(crate) fn batch_name(docs: &[Document]) -> String {
    match docs {
        [] => "(empty batch)".to_string(),
        [one] => one.id.clone(),
        [first, rest @ ..] => format!("{} (and {} more in its batch)", first.id, rest.len()),
    }
}

fn limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

macro_rules! dispatch {
    ($self:ident, $store:ident => $body:expr) => {
        match &mut $self.backend {
            Backend::Sqlite($store) => $body,
            Backend::Postgres($store) => $body,
        }
    };
}

impl Store {
    /// Open the store a spec names ([`StoreSpec::parse`]), creating and
    /// migrating it as needed.
    ///
    /// Fails with [`StoreError::Foreign`] for a file or database that is not
    /// a sourcetrace store (a text file, another program's SQLite database),
    /// and with [`StoreError::TooNew`] for a store of a newer schema.
    pub fn open(spec: &str) -> Result<Store, StoreError> {
        Self::open_spec(&StoreSpec::parse(spec)?)
    }

    /// Open a parsed spec.
    pub fn open_spec(spec: &StoreSpec) -> Result<Store, StoreError> {
        Self::open_at(spec, schema::LATEST)
    }

    /// Open an SQLite store by path (any path, UTF-8 or not).
    pub fn open_sqlite(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        Self::open_spec(&StoreSpec::Sqlite(path.as_ref().to_path_buf()))
    }

    /// Open, migrating only up to `target` (tests of migrations).
    pub(crate) fn open_at(spec: &StoreSpec, target: i64) -> Result<Store, StoreError> {
        let backend = match spec {
            StoreSpec::Sqlite(path) => Backend::Sqlite(SqliteStore::open(path, target)?),
            StoreSpec::Postgres(url) => {
                Backend::Postgres(Box::new(PostgresStore::open(url, target)?))
            }
        };
        Ok(Store { backend })
    }

    /// The store's name for messages: its file, or its URL without the password.
    pub fn name(&self) -> &str {
        match &self.backend {
            Backend::Sqlite(s) => &s.name().0,
            Backend::Postgres(s) => &s.name().0,
        }
    }

    /// The schema version the store records.
    pub fn schema_version(&mut self) -> Result<i64, StoreError> {
        dispatch!(self, s => s.schema_version())
    }

    /// Store a document and everything found in it, in one transaction;
    /// a document whose text is stored already is left as it is.
    pub fn put_document(&mut self, doc: &Document) -> Result<PutOutcome, StoreError> {
        let outcomes = self.put_batch(std::slice::from_ref(doc))?;
        // Both backends return one outcome per document; the fallback is never taken.
        Ok(outcomes
            .into_iter()
            .next()
            .unwrap_or(PutOutcome::AlreadyStored(DocumentId(0))))
    }

    /// Store several documents in one transaction (faster than one by one):
    /// all are stored, or on error none. One outcome per document, in order;
    /// a text that appears twice in the batch is stored once.
    pub fn put_batch(&mut self, docs: &[Document]) -> Result<Vec<PutOutcome>, StoreError> {
        if docs.is_empty() {
            return Ok(Vec::new());
        }
        dispatch!(self, s => s.put_batch(docs))
    }

    /// Store documents without linking them into stories and claims until
    /// [`Store::link_pending`] (`true`), or link each batch as it is stored
    /// (`false`, the default).
    ///
    /// A bulk load is several times faster deferred: linking as documents
    /// arrive files every band key where it falls in a large B-tree, while
    /// [`Store::link_pending`] links everything in memory and writes the keys
    /// in order. Until then the new documents are stories of their own and
    /// their statements claims of their own, and copies stored linked do not
    /// find them.
    pub fn defer_linking(&mut self, defer: bool) {
        match &mut self.backend {
            Backend::Sqlite(s) => s.deferred = defer,
            Backend::Postgres(s) => s.deferred = defer,
        }
    }

    /// Link every stored document that is not in a story yet and every
    /// statement not in a claim: those stored with [`Store::defer_linking`],
    /// and those of a store written before stories were linked. One
    /// transaction: killed midway, it leaves them unlinked, and the next call
    /// links them.
    ///
    /// Up to a thousand documents are linked one by one; more are linked in
    /// memory (a million documents with 4.7 million statements took 2.5 GB
    /// at most), faster by far.
    pub fn link_pending(&mut self) -> Result<LinkReport, StoreError> {
        self.link_pending_with(bulk::SMALL)
    }

    /// [`Store::link_pending`], linking one by one up to `one_by_one`
    /// pending documents and in memory above.
    pub fn link_pending_with(&mut self, one_by_one: usize) -> Result<LinkReport, StoreError> {
        dispatch!(self, s => s.link_pending(one_by_one))
    }

    /// Bring the query planner's statistics up to date (and, in SQLite,
    /// merge the search index): call it after a large ingest. Queries stay
    /// correct without it, but can be much slower on a store that grew a lot
    /// since its statistics were taken.
    pub fn optimize(&mut self) -> Result<(), StoreError> {
        dispatch!(self, s => s.optimize())
    }

    /// The id of the stored document with this text from this outlet, if
    /// any ([`document_key`]): check it before analysing an article again.
    pub fn lookup(
        &mut self,
        text: &str,
        outlet: Option<&str>,
    ) -> Result<Option<DocumentId>, StoreError> {
        let hash = document_key(text, outlet);
        dispatch!(self, s => s.lookup(&hash))
    }

    /// How many documents the store holds.
    pub fn count(&mut self) -> Result<u64, StoreError> {
        dispatch!(self, s => s.count())
    }

    /// A stored document, equal to the one put, or `None` for an unknown id.
    pub fn document(&mut self, id: DocumentId) -> Result<Option<StoredDocument>, StoreError> {
        dispatch!(self, s => s.document(id))
    }

    /// Full-text search: at most `limit` statements (by content or source
    /// name) and at most `limit` articles (by headline or text), best first.
    ///
    /// Every word of the query must match (stemmed, ignoring case and
    /// punctuation); the query has no operators. PostgreSQL also drops
    /// English stop words, SQLite does not.
    pub fn search(&mut self, query: &str, limit: usize) -> Result<SearchResults, StoreError> {
        let n = self::limit(limit);
        match &mut self.backend {
            Backend::Sqlite(s) => {
                let Some(fts) = schema::fts5_query(query) else {
                    return Ok(SearchResults::default());
                };
                Ok(SearchResults {
                    statements: s.search_statements(&fts, n)?,
                    articles: s.search_articles(&fts, n)?,
                })
            }
            Backend::Postgres(s) => Ok(SearchResults {
                statements: s.search_statements(query, n)?,
                articles: s.search_articles(query, n)?,
            }),
        }
    }

    /// Every statement whose content or source matches the query (as in
    /// [`Store::search`]), in order of publication (undated last).
    pub fn attributions_matching(&mut self, query: &str) -> Result<Vec<Statement>, StoreError> {
        match &mut self.backend {
            Backend::Sqlite(s) => match schema::fts5_query(query) {
                Some(fts) => s.attributions_matching(&fts),
                None => Ok(Vec::new()),
            },
            Backend::Postgres(s) => s.attributions_matching(query),
        }
    }

    /// Who is cited how often, and by whom: one entry per source (name and
    /// kind), most statements first, with the outlets citing it.
    pub fn sources(&mut self, filter: &SourceFilter) -> Result<Vec<SourceStat>, StoreError> {
        let kind = filter.kind.map(rows::enum_name);
        let outlet = filter.outlet.as_deref();
        let found = dispatch!(self, s => s.sources(kind.as_deref(), outlet))?;
        let mut by_source: BTreeMap<(Option<String>, String), SourceStat> = BTreeMap::new();
        for row in found {
            let statements = u64::try_from(row.statements).unwrap_or(0);
            let stat = by_source
                .entry((row.name.clone(), row.kind.clone()))
                .or_insert_with(|| SourceStat {
                    name: row.name,
                    kind: rows::parse_enum(&row.kind).unwrap_or(SourceKind::Unknown),
                    statements: 0,
                    documents: 0,
                    cited_by: Vec::new(),
                });
            stat.statements += statements;
            stat.documents += u64::try_from(row.documents).unwrap_or(0);
            stat.cited_by.push(OutletCount {
                outlet: row.outlet,
                statements,
            });
        }
        let mut stats: Vec<SourceStat> = by_source.into_values().collect();
        for stat in &mut stats {
            stat.cited_by.sort_by(|a, b| {
                b.statements
                    .cmp(&a.statements)
                    .then(a.outlet.cmp(&b.outlet))
            });
        }
        stats.sort_by(|a, b| {
            b.statements
                .cmp(&a.statements)
                .then_with(|| a.name.cmp(&b.name))
                .then_with(|| a.kind.as_str().cmp(b.kind.as_str()))
        });
        Ok(stats)
    }

    /// The articles that name an entity or cite it as a source, oldest first
    /// (undated last), each with its mention count and the statements it
    /// attributes to the entity. Names are compared ignoring case (SQLite
    /// folds ASCII letters only).
    pub fn timeline(&mut self, entity: &str) -> Result<Vec<TimelineEntry>, StoreError> {
        let (articles, statements) = dispatch!(self, s => s.timeline(entity))?;
        let mut by_document: BTreeMap<DocumentId, Vec<Statement>> = BTreeMap::new();
        for statement in statements {
            by_document
                .entry(statement.article.id)
                .or_default()
                .push(statement);
        }
        Ok(articles
            .into_iter()
            .map(|(article, mentions)| TimelineEntry {
                statements: by_document.remove(&article.id).unwrap_or_default(),
                mentions: u64::try_from(mentions).unwrap_or(0),
                article,
            })
            .collect())
    }
}

/// At most this many members of a story are read.
const STORY_MEMBERS: i64 = 100_000;
/// A trace looks at the claims of at most this many matching statements.
pub const TRACE_SAMPLE: i64 = 500;

/// At most this many statements of a claim are read by a trace.
const CLAIM_STATEMENTS: i64 = 10_000;

/// Corpus queries: stories, copies and claim traces.
impl Store {
    /// The story (copy group) of a document, `None` for an unknown id. A
    /// story id is the id of its first document, so `story(id)` of a story id
    /// gives that story.
    pub fn story(&mut self, document: DocumentId) -> Result<Option<StoryView>, StoreError> {
        let Some(article) = dispatch!(self, s => s.story_of(document))? else {
            return Ok(None);
        };
        let story = article.story_id.unwrap_or(document.0);
        let mut members = dispatch!(self, s => s.story_members(story, STORY_MEMBERS))?;
        if members.is_empty() {
            // A document stored before stories were linked is a story of its own.
            members.push(article);
        }
        Ok(story_view(story, members))
    }

    /// The stories of at least `min_size` documents, largest first (ties by
    /// id), at most `limit`.
    pub fn stories(&mut self, min_size: usize, limit: usize) -> Result<Vec<StoryView>, StoreError> {
        let min_size = self::limit(min_size.max(1));
        let found = dispatch!(self, s => s.largest_stories(min_size, self::limit(limit)))?;
        let mut out = Vec::with_capacity(found.len());
        for (story, _) in found {
            let members = dispatch!(self, s => s.story_members(story, STORY_MEMBERS))?;
            out.extend(story_view(story, members));
        }
        Ok(out)
    }

    /// The stored documents that are copies of `text` (an article body or a
    /// whole page's text), most similar first: the duplicate lookup a crawler
    /// makes before storing a page. Reads only the documents that share an
    /// LSH band with the text.
    pub fn copies_of(&mut self, text: &str) -> Result<Vec<CopyMatch>, StoreError> {
        let linker = link::linker();
        let Some((signature, keys)) = linker.story_signature(text) else {
            return Ok(Vec::new());
        };
        let found = dispatch!(self, s => s.story_candidates(&keys))?;
        let mut out: Vec<CopyMatch> = found
            .into_iter()
            .filter_map(|(id, story_id, stored)| {
                linker
                    .story_config()
                    .compare(&signature, &stored)
                    .map(|(jaccard, containment)| CopyMatch {
                        document: DocumentId(id),
                        story_id,
                        jaccard,
                        containment,
                    })
            })
            .collect();
        out.sort_by(|a, b| {
            b.jaccard
                .total_cmp(&a.jaccard)
                .then(a.document.cmp(&b.document))
        });
        Ok(out)
    }

    /// The claims whose statements match a query (full-text, every word
    /// required, as in [`Store::search`]), at most `limit`; each with all its
    /// statements and the stories of their articles. The claims are those of
    /// the [`TRACE_SAMPLE`] most recently stored matching statements, most
    /// matches first (ties: most recent first): ranking every match by
    /// relevance takes seconds for common words in a store of millions.
    pub fn trace(&mut self, query: &str, limit: usize) -> Result<Vec<ClaimTrace>, StoreError> {
        let found = match &mut self.backend {
            Backend::Sqlite(s) => match schema::fts5_query(query) {
                Some(fts) => s.matching_claims(&fts)?,
                None => Vec::new(),
            },
            Backend::Postgres(s) => s.matching_claims(query)?,
        };
        // Claims in order of first appearance (newest match first), then by
        // how many matching statements each has.
        let mut counts: Vec<(i64, usize)> = Vec::new();
        for claim in found {
            match counts.iter_mut().find(|(c, _)| *c == claim) {
                Some((_, n)) => *n += 1,
                None => counts.push((claim, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let mut out = Vec::with_capacity(limit.min(counts.len()));
        for (claim, _) in counts.into_iter().take(limit) {
            out.extend(self.claim(claim)?);
        }
        Ok(out)
    }

    /// Claim ids greater than `after`, ascending, at most `limit`: page
    /// through every claim of the store (an export of the whole graph).
    pub fn claim_ids(&mut self, after: i64, limit: usize) -> Result<Vec<i64>, StoreError> {
        let n = self::limit(limit);
        dispatch!(self, s => s.claim_ids(after, n))
    }

    /// One claim by id, with its statements and stories; `None` when no
    /// statement belongs to it.
    pub fn claim(&mut self, claim: i64) -> Result<Option<ClaimTrace>, StoreError> {
        let statements = dispatch!(self, s => s.claim_statements(claim, CLAIM_STATEMENTS))?;
        if statements.is_empty() {
            return Ok(None);
        }
        let mut story_ids: Vec<i64> = statements
            .iter()
            .filter_map(|s| s.article.story_id)
            .collect();
        story_ids.sort_unstable();
        story_ids.dedup();
        let mut stories = Vec::new();
        for id in story_ids {
            let members = dispatch!(self, s => s.story_members(id, STORY_MEMBERS))?;
            if members.len() > 1 {
                stories.extend(story_view(id, members));
            }
        }
        Ok(Some(ClaimTrace {
            claim,
            statements,
            stories,
        }))
    }
}

/// A story from its members: the original chosen by [`choose_original`].
fn story_view(id: i64, members: Vec<ArticleSummary>) -> Option<StoryView> {
    let metas: Vec<CopyMeta> = members
        .iter()
        .map(|m| CopyMeta {
            published: m.published.clone(),
            outlet: m.outlet.clone(),
            credit: m.credit.clone(),
        })
        .collect();
    let original = choose_original(&metas)?;
    Some(StoryView {
        id,
        original: members[original.member].id,
        members,
        agency: original.agency,
        reason: original.reason,
    })
}

#[cfg(test)]
mod tests;
