//! One article through every stage: text, attributions, time.

use crate::batch::Article;
use sourcetrace_attrib::{analyze_with, Extractor};
use sourcetrace_core::{DateEvidence, DateProvenance, Document};
use sourcetrace_time::{governing_expression, Date, TimeExpression, TimeTagger};

/// The stages, built once and shared by every document of a run.
pub(crate) struct Pipeline {
    extractor: Box<dyn Extractor>,
    tagger: TimeTagger,
    resolve: bool,
}

impl Pipeline {
    pub(crate) fn new(extractor: Box<dyn Extractor>) -> Self {
        Pipeline {
            extractor,
            tagger: TimeTagger::new(),
            resolve: true,
        }
    }

    /// Skip source resolution (`extract --no-resolve`).
    pub(crate) fn without_resolution(mut self) -> Self {
        self.resolve = false;
        self
    }

    /// Analyse one article. Its publication date is the one given or read
    /// from metadata; without one, the date is inferred from the text when it
    /// can be, with evidence.
    pub(crate) fn document(&self, article: &Article) -> Document {
        let text = article.text.as_str();
        let mut doc = analyze_with(self.extractor.as_ref(), &article.id, text, self.resolve);
        doc.meta = article.meta.clone();
        let times = anchored_times(&self.tagger, text, article.published, &mut doc);
        for att in &mut doc.attributions {
            att.when = governing_expression(text, att.cue, &times).map(TimeExpression::when);
        }
        doc
    }
}

/// The time expressions of `text`, anchored to the publication date,
/// which is given, read from metadata, or inferred, and recorded on `doc` with its provenance.
pub(crate) fn anchored_times(
    tagger: &TimeTagger,
    text: &str,
    published: Option<(Date, DateProvenance)>,
    doc: &mut Document,
) -> Vec<TimeExpression> {
    let dct = match published {
        Some((date, provenance)) => {
            doc.published_provenance = Some(provenance);
            Some(date)
        }
        // Only a date whose year the text fixes (weekday-date pairs) is used;
        // the latest year mentioned is only a lower bound.
        None => tagger
            .infer(text)
            .filter(|i| i.basis.is_reliable())
            .map(|inferred| {
                doc.published_provenance = Some(DateProvenance::Inferred);
                doc.published_evidence = inferred
                    .evidence
                    .into_iter()
                    .map(|e| DateEvidence {
                        span: e.span,
                        reason: e.reason,
                    })
                    .collect();
                inferred.date
            }),
    };
    doc.published = dct.map(|d| d.format("%Y-%m-%d").to_string());
    tagger.tag(text, dct)
}
