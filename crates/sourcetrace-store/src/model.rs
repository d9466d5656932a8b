//! What the store hands back: ids, outcomes and query results.

use sourcetrace_core::{ChainLink, Document, SourceKind};
use std::fmt;

/// A document's id in one store (not `Document::id`, which is only a file
/// stem or a record id and need not be unique across inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(pub i64);

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What [`Store::put_document`](crate::Store::put_document) did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// The document was new and is now stored under this id.
    Inserted(DocumentId),
    /// A document with the same text (same content hash) was already stored
    /// under this id; nothing was written.
    AlreadyStored(DocumentId),
}

impl PutOutcome {
    /// The stored document's id, new or old.
    pub fn id(self) -> DocumentId {
        match self {
            PutOutcome::Inserted(id) | PutOutcome::AlreadyStored(id) => id,
        }
    }

    /// True when this call stored the document.
    pub fn is_inserted(self) -> bool {
        matches!(self, PutOutcome::Inserted(_))
    }
}

/// A stored document with what the store adds to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The store's id.
    pub id: DocumentId,
    /// The hex SHA-256 of the text ([`content_hash`](crate::content_hash)).
    pub content_hash: String,
    /// When it was stored, in seconds since the Unix epoch (UTC).
    pub ingested_at: i64,
    /// The copy group (story) the document belongs to, once stories are clustered.
    pub story_id: Option<i64>,
    /// The document as it was put, spans and all.
    pub document: Document,
}

/// A document's metadata, as search results and timelines list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSummary {
    /// The store's id.
    pub id: DocumentId,
    /// `Document::id` (file stem or record id).
    pub name: String,
    /// The headline, when known.
    pub title: Option<String>,
    /// The outlet, when known.
    pub outlet: Option<String>,
    /// The publication date (`YYYY-MM-DD`), when known.
    pub published: Option<String>,
}

/// One stored attribution with the article it appears in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The attribution's id in the store.
    pub id: i64,
    /// The article it appears in.
    pub article: ArticleSummary,
    /// The source's name, `None` when the text names nobody ("reportedly").
    pub source_name: Option<String>,
    /// The source's kind; [`SourceKind::Unattributed`] when there is no source.
    pub source_kind: SourceKind,
    /// The cue ("said", "according to").
    pub cue: String,
    /// What was said.
    pub content: String,
    /// True for a direct quotation.
    pub direct: bool,
    /// The normalized TIMEX3 value of when it was said, when known.
    pub when: Option<String>,
    /// The statement's path to the page, origin first.
    pub chain: Vec<ChainLink>,
    /// The claim the statement belongs to, once claims are clustered.
    pub claim_id: Option<i64>,
}

/// What [`Store::search`](crate::Store::search) found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchResults {
    /// Attributed statements whose content or source matches, best first.
    pub statements: Vec<Statement>,
    /// Articles whose headline or text matches, best first.
    pub articles: Vec<ArticleSummary>,
}

/// Which attributions [`Store::sources`](crate::Store::sources) counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceFilter {
    /// Only sources of this kind (statements with no source count as
    /// [`SourceKind::Unattributed`]).
    pub kind: Option<SourceKind>,
    /// Only statements in articles of this outlet (compared ignoring case;
    /// SQLite folds ASCII letters only).
    pub outlet: Option<String>,
}

/// How often one source is cited, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceStat {
    /// The source's name, `None` for statements with no source.
    pub name: Option<String>,
    /// The source's kind.
    pub kind: SourceKind,
    /// Statements attributed to it.
    pub statements: u64,
    /// Articles that cite it.
    pub documents: u64,
    /// The outlets citing it, most statements first; `outlet` is `None` for
    /// articles of unknown outlet.
    pub cited_by: Vec<OutletCount>,
}

/// Statements one outlet attributes to a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutletCount {
    /// The outlet, `None` when unknown.
    pub outlet: Option<String>,
    /// Statements it attributes to the source.
    pub statements: u64,
}

/// One article of an entity's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineEntry {
    /// The article.
    pub article: ArticleSummary,
    /// How many times the article mentions the entity (0 when it only cites it as a source).
    pub mentions: u64,
    /// The statements the article attributes to the entity, in text order.
    pub statements: Vec<Statement>,
}
