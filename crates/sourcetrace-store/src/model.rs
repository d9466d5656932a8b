//! What the store hands back: ids, outcomes and query results.

use serde::Serialize;
use sourcetrace_core::{ChainLink, Document, SourceKind};
use sourcetrace_corpus::OriginReason;
use std::fmt;

/// A document's id in one store (not `Document::id`, which is only a file
/// stem or a record id and need not be unique across inputs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
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
    /// A document with the same text from the same outlet was already stored
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
    /// The key it is filed under ([`document_key`](crate::document_key)).
    pub content_hash: String,
    /// When it was stored, in seconds since the Unix epoch (UTC).
    pub ingested_at: i64,
    /// The copy group (story) the document belongs to, once stories are clustered.
    pub story_id: Option<i64>,
    /// The document as it was put, spans and all.
    pub document: Document,
}

/// A document's metadata, as search results and timelines list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// The story (copy group) it belongs to: the id of the group's first
    /// stored document.
    pub story_id: Option<i64>,
    /// The agency or outlet it credits as the story's origin ("Reuters" for
    /// "(Reuters) -"), when it credits one.
    pub credit: Option<String>,
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

/// A story: the stored copies of one article (republications, syndicated
/// and lightly edited copies), with its likely original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryView {
    /// The story's id: the id of its first stored document.
    pub id: i64,
    /// Its documents, in the order they were stored.
    pub members: Vec<ArticleSummary>,
    /// The likely original; every other member is a copy of it.
    pub original: DocumentId,
    /// The agency the copies credit, as they name it most often.
    pub agency: Option<String>,
    /// How the original was chosen.
    pub reason: OriginReason,
}

impl StoryView {
    /// The original's summary.
    pub fn original_article(&self) -> Option<&ArticleSummary> {
        self.members.iter().find(|m| m.id == self.original)
    }
}

/// A stored document found to be a copy of a given text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CopyMatch {
    /// The stored document.
    pub document: DocumentId,
    /// Its story.
    pub story_id: i64,
    /// Estimated Jaccard similarity of the two bodies' shingle sets.
    pub jaccard: f64,
    /// Estimated share of the smaller body found in the larger.
    pub containment: f64,
}

/// A claim with everything needed to trace it: its statements across
/// articles, oldest first, and the copy groups those articles belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimTrace {
    /// The claim's id: the id of its first stored statement.
    pub claim: i64,
    /// Its statements, oldest article first (undated last).
    pub statements: Vec<Statement>,
    /// The stories (of two or more copies) its articles belong to.
    pub stories: Vec<StoryView>,
}

impl ClaimTrace {
    /// Whether a named party (a person, outlet, organization or government)
    /// stands at the origin of any of its statements: a report of an outlet
    /// "citing unnamed sources" rests on anonymous sources, not on the outlet.
    pub fn named_source(&self) -> bool {
        self.statements.iter().any(|s| {
            let origin = s.chain.first().map(|l| l.kind).unwrap_or(s.source_kind);
            origin.is_named()
        })
    }

    /// The outlets that carried it, in order of first appearance.
    pub fn outlets(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.statements {
            if let Some(o) = s.article.outlet.as_deref() {
                if !out.contains(&o) {
                    out.push(o);
                }
            }
        }
        out
    }

    /// The story an article belongs to, when it has copies.
    pub fn story_of(&self, article: &ArticleSummary) -> Option<&StoryView> {
        let id = article.story_id?;
        self.stories.iter().find(|s| s.id == id)
    }
}
