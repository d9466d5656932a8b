//! The document model: attributions and their parts, in byte spans.

use crate::json::DocumentJson;
use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What kind of party a source is: whether anyone can be held to the statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A named or described person ("Joe Biden", "the envoy", "he").
    Person,
    /// A news outlet or agency ("Reuters", "the Russian daily").
    Outlet,
    /// A company, party, institution or other organization.
    Organization,
    /// A government, ministry, or a capital standing for one ("Dushanbe").
    Government,
    /// A source the text deliberately does not name ("unnamed sources", "officials").
    Anonymous,
    /// No source at all: "reportedly", "allegedly", "is said to".
    Unattributed,
    /// A source whose kind could not be decided.
    Unknown,
}

impl SourceKind {
    /// Every kind, in the order of the enum.
    pub const ALL: [SourceKind; 7] = [
        SourceKind::Person,
        SourceKind::Outlet,
        SourceKind::Organization,
        SourceKind::Government,
        SourceKind::Anonymous,
        SourceKind::Unattributed,
        SourceKind::Unknown,
    ];

    /// Whether anyone can be held to a statement of this kind of source: a
    /// person, outlet, organization or government (not anonymous,
    /// unattributed or unknown).
    pub fn is_named(self) -> bool {
        matches!(
            self,
            SourceKind::Person
                | SourceKind::Outlet
                | SourceKind::Organization
                | SourceKind::Government
        )
    }

    /// The kind whose [`as_str`](SourceKind::as_str) name is `name`.
    pub fn from_name(name: &str) -> Option<SourceKind> {
        SourceKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The lowercase name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Person => "person",
            SourceKind::Outlet => "outlet",
            SourceKind::Organization => "organization",
            SourceKind::Government => "government",
            SourceKind::Anonymous => "anonymous",
            SourceKind::Unattributed => "unattributed",
            SourceKind::Unknown => "unknown",
        }
    }
}

impl fmt::Display for SourceKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who a statement is attributed to, as the text names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The source mention in the text ("Russia’s Kommersant newspaper").
    pub span: Span,
    /// The best name the article gives the source ("Kommersant").
    pub name: String,
    /// What kind of party the source is.
    pub kind: SourceKind,
}

impl Source {
    /// A source whose name is its own text.
    pub fn from_span(text: &str, span: Span, kind: SourceKind) -> Self {
        Source {
            span,
            name: span.slice(text).to_string(),
            kind,
        }
    }
}

/// What was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Content {
    /// The content span; for a quotation split around its cue ("The plan," he
    /// said, "will fail.") the span covers both parts.
    pub span: Span,
    /// True for direct speech (a quotation), false for reported speech.
    pub direct: bool,
}

/// When a statement was made, as the text says it ("on Saturday").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct When {
    /// The time expression in the text.
    pub span: Span,
    /// Its normalized TIMEX3 value ("2021-07-17"), when it could be decided.
    pub value: Option<String>,
}

/// One link of a provenance chain: a party through whom a statement passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainLink {
    /// The party's name, `None` when the text names nobody ("reportedly").
    pub name: Option<String>,
    /// What kind of party it is.
    pub kind: SourceKind,
}

/// One attributed statement: who said what, how, when, and through whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    /// The cue that marks the attribution ("said", "according to", "reportedly").
    pub cue: Span,
    /// The source, `None` when the text names none ("reportedly").
    pub source: Option<Source>,
    /// The attributed content.
    pub content: Content,
    /// When the statement was made, if the text says.
    pub when: Option<When>,
    /// The statement's path to this page, origin first; the last link is the
    /// source the page cites.
    pub chain: Vec<ChainLink>,
}

impl Attribution {
    /// An attribution whose chain is just its source (or one unattributed link).
    pub fn new(cue: Span, source: Option<Source>, content: Content) -> Self {
        let chain = vec![match &source {
            Some(s) => ChainLink {
                name: Some(s.name.clone()),
                kind: s.kind,
            },
            None => ChainLink {
                name: None,
                kind: SourceKind::Unattributed,
            },
        }];
        Attribution {
            cue,
            source,
            content,
            when: None,
            chain,
        }
    }
}

/// Where a document's publication date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateProvenance {
    /// Given by the user (`--published`).
    Given,
    /// Read from the page's metadata.
    Metadata,
    /// Inferred from the dates the text states.
    Inferred,
}

/// One reason behind an inferred publication date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateEvidence {
    /// The text that supports the reason, when there is one.
    pub span: Option<Span>,
    /// The reason, for people ("Saturday and July 17 name one day: 2021").
    pub reason: String,
}

/// A party the article names: a person, outlet, organization or government,
/// with every mention of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The canonical name: the fullest name the article gives ("Kenneth McKenzie").
    pub name: String,
    /// What kind of party it is.
    pub kind: SourceKind,
    /// Titles and roles the article gives it ("U.S. Marine General",
    /// "commander of the U.S. Department of Defense’s Central Command").
    pub titles: Vec<String>,
    /// Its mentions, in text order: names, surnames, pronouns and descriptions
    /// that refer to it.
    pub mentions: Vec<Span>,
}

/// What a credit line says about a story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditRole {
    /// The story is another outlet's: "brought to you courtesy of Breitbart",
    /// "This article originally appeared in The Harbor Gazette".
    Syndication,
    /// The agency of a dateline: "WASHINGTON (AP) —".
    Dateline,
    /// The byline: "By Jane Roe", "By Reuters".
    Byline,
    /// "Jane Roe contributed to this report", "Reporting by Jane Roe".
    Contributor,
    /// "h/t The Harbor Gazette", "hat tip to …".
    HatTip,
    /// "Copyright 2021 The Associated Press".
    Copyright,
    /// "(AP Photo/Evan Vucci)", "Photo: Reuters".
    Photo,
}

/// A credit or syndication notice of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credit {
    /// What the notice says.
    pub role: CreditRole,
    /// The party credited ("Breitbart", "AP", "Jane Roe").
    pub name: String,
    /// Where the party is named in the text.
    pub span: Span,
}

/// An article and what sourcetrace found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The document's identifier (a file stem, or `stdin`).
    pub id: String,
    /// The article text all spans point into.
    pub text: String,
    /// Publication date (`YYYY-MM-DD`) when known.
    pub published: Option<String>,
    /// Where `published` comes from, when it is known.
    pub published_provenance: Option<DateProvenance>,
    /// Why the date was inferred (empty unless `published_provenance` is `Inferred`).
    pub published_evidence: Vec<DateEvidence>,
    /// The attributions found, in text order of their cues.
    pub attributions: Vec<Attribution>,
    /// The outlet whose story this is, when the page says it is someone else's
    /// (a syndication notice, a dateline agency, an agency byline).
    pub syndicated_from: Option<Credit>,
    /// Every credit line found, in text order.
    pub credits: Vec<Credit>,
    /// The parties the article names, in order of first mention.
    pub entities: Vec<Entity>,
    /// What the page or the input record says about itself (headline, URL, outlet …).
    pub meta: PageMeta,
}

/// What an input says about the article beside its text: the page's metadata
/// (`<meta>`, OpenGraph, JSON-LD), a feed item's fields, a WARC record's URI,
/// or a JSONL line's fields. Every field is optional: plain text has none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// Where the document was read: a path, with `#N` for the Nth record of an
    /// archive, feed or JSON-lines file.
    pub origin: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The canonical URL of the article (or the URL it was fetched from).
    pub url: Option<String>,
    /// The outlet that published the page (publisher, site name, or domain).
    pub outlet: Option<String>,
    /// The author or authors, as the page names them (joined with `, `).
    pub author: Option<String>,
    /// The language the page declares (`en`, `en-US` …).
    pub language: Option<String>,
}

impl Document {
    /// A document with no analysis yet.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            published: None,
            published_provenance: None,
            published_evidence: Vec::new(),
            attributions: Vec::new(),
            syndicated_from: None,
            credits: Vec::new(),
            entities: Vec::new(),
            meta: PageMeta::default(),
        }
    }

    /// The document in the `sourcetrace.document/1` JSON shape, with character offsets.
    pub fn to_json(&self) -> DocumentJson {
        DocumentJson::from_document(self)
    }
}

#[cfg(test)]
mod tests {
    use super::SourceKind;

    #[test]
    fn kinds_are_found_by_their_json_names() {
        for kind in SourceKind::ALL {
            let json = serde_json::to_value(kind).expect("serializes");
            assert_eq!(json, kind.as_str());
            assert_eq!(SourceKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(SourceKind::from_name("Anonymous"), None);
    }
}
