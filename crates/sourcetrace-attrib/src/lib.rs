//! Attribution extraction: who said what, found in an article's text.
//!
//! [`Extractor`] is the seam between the pipeline and whatever finds
//! attributions: [`TrainedExtractor`] implements it with the trained tagger of
//! `sourcetrace-tagger` plus a linking step (the default of the CLI), and
//! [`RuleExtractor`] with hand-written rules. [`analyze`] runs the text
//! layer and an extractor over one article and returns a [`Document`].
//!
//! ```
//! use sourcetrace_attrib::{analyze, RuleExtractor};
//!
//! let doc = analyze(&RuleExtractor::new(), "demo", "“The plan will fail,” Senator Jane Doe said on Monday.");
//! let att = &doc.attributions[0];
//! assert_eq!(att.cue.slice(&doc.text), "said");
//! assert_eq!(att.source.as_ref().unwrap().name, "Jane Doe");
//! assert!(att.content.direct);
//! ```
#![deny(missing_docs)]

mod combined;
mod mentions;
mod model;
mod notices;
mod resolve;
mod rules;

pub use combined::WithRuleExtras;
pub use model::TrainedExtractor;
pub use rules::RuleExtractor;
pub use sourcetrace_core::{Attribution, Document, Source};
use sourcetrace_core::{Content, SourceKind, Span};

/// The tagger's lexicon, with titles widened for resolution.
mod lexicon {
    pub(crate) use sourcetrace_tagger::lexicon::*;

    /// Honorifics as British style writes them, without the point ("Mr
    /// Trump"). They are titles to the resolver; they stay out of the
    /// tagger's own list, whose words are features of the shipped model.
    pub(crate) const UNDOTTED_HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr"];

    /// True when `lower` is a title ([`TITLES`]) or an undotted honorific.
    pub(crate) fn is_title(lower: &str) -> bool {
        sourcetrace_tagger::lexicon::is_title(lower) || UNDOTTED_HONORIFICS.contains(&lower)
    }
}
pub use sourcetrace_tagger::{AttributionModel, PosModel, TaggerError};
use sourcetrace_text::TextAnalysis;

/// Anything that finds attributions in analysed text: rules or a trained model.
pub trait Extractor: Send + Sync {
    /// A short name for reports and `--model` ("rules").
    fn name(&self) -> &'static str;

    /// The attributions of `text`, in text order of their cues.
    ///
    /// Every span lies on character boundaries of `text`.
    fn extract(&self, text: &str, analysis: &TextAnalysis) -> Vec<Attribution>;
}

/// Analyse one article: text layers, attributions, source resolution ("he"
/// and "the envoy" named after the party they denote), then the page's
/// syndication and credit notices.
pub fn analyze(extractor: &dyn Extractor, id: &str, text: &str) -> Document {
    analyze_with(extractor, id, text, true)
}

/// [`analyze`], with source resolution only when `resolve` is true. Without
/// it, sources keep the names their mentions give ("he", "the envoy"), their
/// chains the relays the extractor found, and the document lists no
/// entities: faster, for when only the spans matter (and the baseline that
/// shows what resolution costs).
pub fn analyze_with(extractor: &dyn Extractor, id: &str, text: &str, resolve: bool) -> Document {
    let analysis = TextAnalysis::new(text);
    let mut doc = Document::new(id, text);
    doc.attributions = extractor.extract(text, &analysis);
    if resolve {
        doc.entities = resolve::resolve_sources(text, &analysis, &mut doc.attributions);
    }
    let (origin, credits) = notices::find_notices(text, &analysis);
    doc.syndicated_from = origin;
    doc.credits = credits;
    doc
}

/// Resolve source mentions found by someone else (given as byte spans, in any
/// order): classify each as the extractor would, then resolve pronouns,
/// descriptions and surnames in text order. Used to measure resolution on its
/// own, apart from extraction.
pub fn resolve_mentions(text: &str, spans: &[Span]) -> Vec<Source> {
    let analysis = TextAnalysis::new(text);
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| (spans[i].start, spans[i].end));
    let sorted: Vec<Span> = order.iter().map(|&i| spans[i]).collect();
    let sources = rules::classify_spans(text, &analysis, &sorted);
    let mut attributions: Vec<Attribution> = sources
        .into_iter()
        .map(|s| {
            let span = s.span;
            Attribution::new(
                span,
                Some(s),
                Content {
                    span,
                    direct: false,
                },
            )
        })
        .collect();
    resolve::resolve_sources(text, &analysis, &mut attributions);
    let mut out = vec![Source::from_span(text, Span::new(0, 0), SourceKind::Unknown); spans.len()];
    for (att, &i) in attributions.into_iter().zip(&order) {
        if let Some(s) = att.source {
            out[i] = s;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn trained() -> &'static TrainedExtractor {
        static MODEL: OnceLock<TrainedExtractor> = OnceLock::new();
        MODEL.get_or_init(|| TrainedExtractor::embedded().expect("the shipped model loads"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// Any text, however odd, gives attributions whose spans lie on
        /// character boundaries, without panicking (overflow checks are on in tests).
        #[test]
        fn spans_on_char_boundaries(text in "(\\PC|[“”‘’\"',.:;—\\n ]|said|told|according to|reportedly| he | The ){0,60}") {
            let rules = analyze(&RuleExtractor::new(), "p", &text);
            let trained = analyze(trained(), "p", &text);
            for a in rules.attributions.iter().chain(&trained.attributions) {
                let mut spans = vec![a.cue, a.content.span];
                spans.extend(a.source.as_ref().map(|s| s.span));
                for s in spans {
                    prop_assert!(s.start <= s.end && s.end <= text.len());
                    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
                }
            }
        }
    }
}
