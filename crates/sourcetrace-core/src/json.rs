//! The `sourcetrace.document/1` JSON schema, with Unicode scalar offsets.
//!
//! These types are the only place where byte spans become character offsets.
//! Fields may be added in later versions of the schema; none is renamed or
//! dropped without a new schema name.

use crate::model::{Credit, CreditRole, DateProvenance, Document, SourceKind};

use crate::span::{CharOffsets, Span};
use serde::{Deserialize, Serialize};

/// The schema name every document object carries in its `schema` field.
pub const SCHEMA_NAME: &str = "sourcetrace.document/1";

/// A span in character offsets, with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanJson {
    /// First character (Unicode scalar value) of the span.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// A source in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceJson {
    /// First character of the source mention.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The mention's text.
    pub text: String,
    /// The best name the article gives the source.
    pub name: String,
    /// The source's kind.
    pub kind: SourceKind,
}

/// The content of an attribution in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentJson {
    /// First character of the content.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The content's text.
    pub text: String,
    /// True for a direct quotation.
    pub direct: bool,
}

/// The time of an attribution in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhenJson {
    /// First character of the time expression.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The expression's text.
    pub text: String,
    /// The normalized TIMEX3 value, `null` when undecidable.
    pub value: Option<String>,
}

/// A provenance chain link in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainLinkJson {
    /// The party's name, `null` when the text names none.
    pub name: Option<String>,
    /// The party's kind.
    pub kind: SourceKind,
}

/// One attribution in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttributionJson {
    /// The cue span.
    pub cue: SpanJson,
    /// The source, `null` when the text names none.
    pub source: Option<SourceJson>,
    /// The content span.
    pub content: ContentJson,
    /// When the statement was made, `null` when not stated or not yet known.
    pub when: Option<WhenJson>,
    /// Provenance from origin to source.
    pub chain: Vec<ChainLinkJson>,
}

/// One reason behind an inferred publication date, in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceJson {
    /// First character of the supporting text, `null` for a reason with no span.
    pub start: Option<usize>,
    /// One past its last character.
    pub end: Option<usize>,
    /// The supporting text, `null` for a reason with no span.
    pub text: Option<String>,
    /// The reason, for people.
    pub reason: String,
}

/// A named party in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityJson {
    /// The canonical name.
    pub name: String,
    /// The party's kind.
    pub kind: SourceKind,
    /// Titles and roles the article gives it.
    pub titles: Vec<String>,
    /// Its mentions, in text order.
    pub mentions: Vec<SpanJson>,
}

/// A credit or syndication notice in JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditJson {
    /// What the notice says: `syndication`, `dateline`, `byline`, `contributor`, `hat_tip`, `copyright`, `photo`.
    pub role: CreditRole,
    /// The party credited.
    pub name: String,
    /// First character of the party's name in the text.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The name as written.
    pub text: String,
}

/// A document object of schema `sourcetrace.document/1`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentJson {
    /// Always [`SCHEMA_NAME`].
    pub schema: String,
    /// The document identifier.
    pub id: String,
    /// Where the document was read (path, `#N` for a record of a multi-record input); omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// The headline; omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The article's URL; omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The outlet that published the page; omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// The author(s) the page names; omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The declared language; omitted when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Publication date `YYYY-MM-DD`, `null` when unknown.
    pub published: Option<String>,
    /// Where `published` comes from: `given`, `metadata` or `inferred`; `null` when unknown.
    pub published_provenance: Option<DateProvenance>,
    /// The reasons behind an inferred date (empty otherwise).
    pub published_evidence: Vec<EvidenceJson>,
    /// The attributions, in text order of their cues.
    pub attributions: Vec<AttributionJson>,
    /// The outlet whose story this is, `null` when the page does not say it is another's.
    pub syndicated_from: Option<CreditJson>,
    /// Credit lines: bylines, dateline agencies, contributors, hat tips, copyright, photo credits.
    pub credits: Vec<CreditJson>,
    /// The parties the article names, in order of first mention.
    pub entities: Vec<EntityJson>,
}

impl DocumentJson {
    /// Convert a document, turning byte spans into character offsets.
    pub fn from_document(doc: &Document) -> Self {
        let map = CharOffsets::new(&doc.text);
        let text = doc.text.as_str();
        let span = |s: Span| SpanJson {
            start: map.char_of(s.start),
            end: map.char_of(s.end),
            text: s.slice(text).to_string(),
        };
        let attributions = doc
            .attributions
            .iter()
            .map(|a| {
                let cue = span(a.cue);
                let content = span(a.content.span);
                AttributionJson {
                    cue,
                    source: a.source.as_ref().map(|s| {
                        let sp = span(s.span);
                        SourceJson {
                            start: sp.start,
                            end: sp.end,
                            text: sp.text,
                            name: s.name.clone(),
                            kind: s.kind,
                        }
                    }),
                    content: ContentJson {
                        start: content.start,
                        end: content.end,
                        text: content.text,
                        direct: a.content.direct,
                    },
                    when: a.when.as_ref().map(|w| {
                        let sp = span(w.span);
                        WhenJson {
                            start: sp.start,
                            end: sp.end,
                            text: sp.text,
                            value: w.value.clone(),
                        }
                    }),
                    chain: a
                        .chain
                        .iter()
                        .map(|l| ChainLinkJson {
                            name: l.name.clone(),
                            kind: l.kind,
                        })
                        .collect(),
                }
            })
            .collect();
        DocumentJson {
            schema: SCHEMA_NAME.to_string(),
            id: doc.id.clone(),
            origin: doc.meta.origin.clone(),
            title: doc.meta.title.clone(),
            url: doc.meta.url.clone(),
            outlet: doc.meta.outlet.clone(),
            author: doc.meta.author.clone(),
            language: doc.meta.language.clone(),
            published: doc.published.clone(),
            published_provenance: doc.published_provenance,
            published_evidence: doc
                .published_evidence
                .iter()
                .map(|e| {
                    let sp = e.span.map(span);
                    EvidenceJson {
                        start: sp.as_ref().map(|s| s.start),
                        end: sp.as_ref().map(|s| s.end),
                        text: sp.map(|s| s.text),
                        reason: e.reason.clone(),
                    }
                })
                .collect(),
            attributions,
            syndicated_from: doc.syndicated_from.as_ref().map(|c| credit(c, &span)),
            credits: doc.credits.iter().map(|c| credit(c, &span)).collect(),
            entities: doc
                .entities
                .iter()
                .map(|e| EntityJson {
                    name: e.name.clone(),
                    kind: e.kind,
                    titles: e.titles.clone(),
                    mentions: e.mentions.iter().map(|&m| span(m)).collect(),
                })
                .collect(),
        }
    }
}

fn credit(c: &Credit, span: &impl Fn(Span) -> SpanJson) -> CreditJson {
    let sp = span(c.span);
    CreditJson {
        role: c.role,
        name: c.name.clone(),
        start: sp.start,
        end: sp.end,
        text: sp.text,
    }
}
