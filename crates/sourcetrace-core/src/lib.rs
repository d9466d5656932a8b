//! Shared types of sourcetrace: the pipeline's vocabulary, with no I/O.
//!
//! A [`Document`] is an article's text plus what the pipeline found in it. Its
//! [`Attribution`]s say who said what: a [`Source`] (who), a cue (how: "said",
//! "according to"), a [`Content`] (what), a [`When`] (when) and a chain of
//! [`ChainLink`]s (through whom the statement reached this page).
//!
//! Every span inside the library is a [`Span`] of **byte** offsets into the
//! document text, which keeps slicing cheap. The JSON output
//! ([`DocumentJson`], schema `sourcetrace.document/1`) converts them once, at
//! the edge, to **Unicode scalar** offsets, the unit brat and Python use.
//!
//! ```
//! use sourcetrace_core::{Attribution, Content, Document, Source, SourceKind, Span};
//!
//! let text = "“It works,” she said.";
//! let mut doc = Document::new("demo", text);
//! let cue = Span::new(text.find("said").unwrap(), text.find("said").unwrap() + 4);
//! let source = Source::from_span(text, Span::new(text.find("she").unwrap(), text.find("she").unwrap() + 3), SourceKind::Person);
//! let content = Content { span: Span::new(3, 11), direct: true };
//! doc.attributions.push(Attribution::new(cue, Some(source), content));
//! let json = doc.to_json();
//! assert_eq!(json.attributions[0].cue.start, 16); // characters, not bytes (byte 20)
//! assert_eq!(json.attributions[0].cue.text, "said");
//! ```
#![deny(missing_docs)]

mod json;
mod model;
mod span;

pub use json::{
    AttributionJson, ChainLinkJson, ContentJson, CreditJson, DocumentJson, EntityJson,
    EvidenceJson, SourceJson, SpanJson, WhenJson, SCHEMA_NAME,
};
pub use model::{
    Attribution, ChainLink, Content, Credit, CreditRole, DateEvidence, DateProvenance, Document,
    Entity, PageMeta, Source, SourceKind, When,
};
pub use span::{CharOffsets, Span};
