//! The default extractor: a trained model's attributions, with what only the
//! rules know added.
//!
//! The trained tagger finds more attributions and better spans than the rules
//! (it learned PolNeAR's conventions), but three things are rule knowledge:
//! - statements with no source at all ("reportedly", "allegedly", "is said
//!   to"): the rules' ones whose cue the model did not tag are added;
//! - relay chains ("reported, citing unnamed sources", "told Kommersant", "in
//!   an interview with Reuters"): a model attribution whose cue and source the
//!   rules also found takes the rules' chain;
//! - a source the model left out ("the ministry on Monday rejected …") is
//!   the rules' subject of the same cue;
//! - "according to X, Y": the rules' reading (X ends at its comma) replaces
//!   the model's, which sometimes cuts X short;
//! - "citing"/"quoting" are relays, not statements: a model attribution with
//!   such a cue is dropped when another attribution in its sentence carries
//!   the relay;
//! - a page's media label before a colon ("Video:", "WATCH:") is not a
//!   speaker: such attributions are dropped.

use crate::{Extractor, RuleExtractor};
use sourcetrace_core::Attribution;
use sourcetrace_text::TextAnalysis;

/// Labels pages put before a colon ("Video:", "WATCH:"), never speakers.
const MEDIA_LABELS: &[&str] = &[
    "video",
    "watch",
    "photo",
    "photos",
    "listen",
    "audio",
    "read",
    "related",
    "update",
    "updated",
    "breaking",
    "exclusive",
    "see",
    "more",
];

/// A model's attributions completed with the rules' hedges and relay chains.
#[derive(Debug)]
pub struct WithRuleExtras<E> {
    inner: E,
    rules: RuleExtractor,
}

impl<E: Extractor> WithRuleExtras<E> {
    /// Wrap `inner` (usually the trained extractor).
    pub fn new(inner: E) -> Self {
        WithRuleExtras {
            inner,
            rules: RuleExtractor::new(),
        }
    }
}

impl<E: Extractor> Extractor for WithRuleExtras<E> {
    fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn extract(&self, text: &str, analysis: &TextAnalysis) -> Vec<Attribution> {
        let mut out = self.inner.extract(text, analysis);
        let rules = self.rules.extract(text, analysis);
        // Relay chains: same cue and overlapping source.
        for att in &mut out {
            let twin = rules.iter().find(|r| {
                r.cue.overlaps(att.cue)
                    && r.chain.len() > 1
                    && match (&r.source, &att.source) {
                        (Some(a), Some(b)) => a.span.overlaps(b.span),
                        _ => false,
                    }
            });
            if let Some(r) = twin {
                att.chain = r.chain.clone();
            }
        }
        // "According to X, Y": the rules read the comma that ends X; the
        // tagger sometimes cuts X short and gives its tail to the content.
        for att in &mut out {
            if !att.cue.slice(text).eq_ignore_ascii_case("according to") {
                continue;
            }
            if let Some(r) = rules
                .iter()
                .find(|r| r.cue == att.cue && r.source.is_some())
            {
                att.source = r.source.clone();
                att.content = r.content;
                att.chain = r.chain.clone();
            }
        }
        // "China's foreign ministry on Monday rejected the claims": a subject
        // the tagger left out, which the rules find before the cue.
        for att in out.iter_mut().filter(|a| a.source.is_none()) {
            if let Some(r) = rules
                .iter()
                .find(|r| r.cue == att.cue && r.source.is_some())
            {
                att.source = r.source.clone();
                att.chain = r.chain.clone();
            }
        }
        // "citing …" after another cue of the same sentence is the relay of that statement.
        let sentence_of = |a: &Attribution| {
            analysis
                .sentences
                .partition_point(|s| s.span.end <= a.cue.start)
        };
        let relays: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                matches!(
                    a.cue.slice(text).to_lowercase().as_str(),
                    "citing" | "quoting"
                )
            })
            .filter(|(i, a)| {
                out.iter().enumerate().any(|(j, b)| {
                    j != *i && sentence_of(a) == sentence_of(b) && b.cue.end <= a.cue.start
                })
            })
            .map(|(i, _)| i)
            .collect();
        for i in relays.into_iter().rev() {
            out.remove(i);
        }
        // "Video: Full speech …", "WATCH: …": a page's media label before a
        // colon is furniture, not a speaker.
        out.retain(|a| {
            let label = a.source.as_ref().is_some_and(|s| {
                MEDIA_LABELS
                    .iter()
                    .any(|l| s.span.slice(text).eq_ignore_ascii_case(l))
            });
            !(label && a.cue.slice(text).trim() == ":")
        });
        // Hedges: no source, and a cue the model did not tag.
        for r in rules.into_iter().filter(|r| r.source.is_none()) {
            if !out.iter().any(|a| a.cue.overlaps(r.cue)) {
                out.push(r);
            }
        }
        out.sort_by_key(|a| (a.cue.start, a.cue.end));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TrainedExtractor;
    use sourcetrace_core::SourceKind;

    /// The default extractor, its model loaded once for all the tests.
    fn extractor() -> &'static WithRuleExtras<TrainedExtractor> {
        static EXTRACTOR: std::sync::OnceLock<WithRuleExtras<TrainedExtractor>> =
            std::sync::OnceLock::new();
        EXTRACTOR.get_or_init(|| WithRuleExtras::new(TrainedExtractor::embedded().expect("model")))
    }

    /// The default extractor's attributions of `text`.
    fn extract(text: &str) -> Vec<Attribution> {
        extractor().extract(text, &TextAnalysis::new(text))
    }

    /// The resolved name and kind of the source whose mention is `mention`.
    fn resolved(text: &str, mention: &str) -> Option<(String, SourceKind)> {
        let doc = crate::analyze(extractor(), "test", text);
        doc.attributions
            .iter()
            .filter_map(|a| a.source.as_ref())
            .find(|s| s.span.slice(text) == mention)
            .map(|s| (s.name.clone(), s.kind))
    }

    /// The resolved name of the source whose mention is `mention`.
    fn resolved_name(text: &str, mention: &str) -> Option<String> {
        resolved(text, mention).map(|(name, _)| name)
    }

    /// Asserts that the source `mention` of `text` is the party `name` of `kind`.
    fn assert_party(text: &str, mention: &str, name: &str, kind: SourceKind) {
        assert_eq!(
            resolved(text, mention),
            Some((name.to_string(), kind)),
            "{mention:?} in {text:?}"
        );
    }

    /// The attribution whose cue is `cue`, and its source's text.
    fn by_cue<'a>(atts: &'a [Attribution], text: &'a str, cue: &str) -> (&'a Attribution, &'a str) {
        let att = atts
            .iter()
            .find(|a| a.cue.slice(text) == cue)
            .expect("an attribution");
        let source = att.source.as_ref().expect("a source");
        (att, source.span.slice(text))
    }

    #[test]
    fn according_to_takes_the_whole_source_before_its_comma() {
        let text = "According to an official briefed on the harbor plans, the bridge could reopen next week.";
        let atts = extract(text);
        let (att, source) = by_cue(&atts, text, "According to");
        assert_eq!(source, "an official briefed on the harbor plans");
        assert_eq!(
            att.content.span.slice(text),
            "the bridge could reopen next week"
        );
    }

    #[test]
    fn two_people_named_together_are_named_as_a_pair() {
        let text = "Ana Petrov met Tom Reed on Monday. Both Petrov and Reed have said the audit is a waste of money.";
        let atts = extract(text);
        let (att, source) = by_cue(&atts, text, "have said");
        assert_eq!(source, "Both Petrov and Reed");
        assert_eq!(
            att.source.as_ref().map(|s| s.name.as_str()),
            Some("Petrov and Reed")
        );
    }

    #[test]
    fn i_inside_a_speakers_turn_is_that_speaker() {
        let text = "CHUCK TODD: Senator, what happened in Helsinki?\n\nDAN SULLIVAN: Well, I said on Monday that the summit was a mistake.";
        assert_eq!(resolved_name(text, "I").as_deref(), Some("DAN SULLIVAN"));
    }

    #[test]
    fn his_is_the_person_he_would_be() {
        let text = "Donald Trump arrived in Helsinki on Monday. His recent comments about NATO angered allies.";
        assert_eq!(resolved_name(text, "His").as_deref(), Some("Donald Trump"));
    }

    #[test]
    fn a_media_label_before_a_colon_is_no_speaker() {
        let text = "Video: FULL SPEECH: President Varga at the Harbor Foundation\n\nWATCH: Varga says the vote matters.";
        let atts = extract(text);
        assert!(
            atts.iter().all(|a| a
                .source
                .as_ref()
                .is_none_or(|s| !matches!(s.span.slice(text), "Video" | "WATCH"))),
            "{atts:?}"
        );
    }

    #[test]
    fn a_subject_the_model_left_out_is_the_rules_source() {
        let text =
            "China's foreign ministry on Monday rejected the claims, calling them groundless.";
        let atts = extract(text);
        let (_, source) = by_cue(&atts, text, "rejected");
        assert!(source.contains("foreign ministry"));
    }

    #[test]
    fn a_named_person_before_a_clause_about_experts_is_not_anonymous() {
        let text = "The talks would fail, said Marek Dolny, who chairs a Riga-based club of policy experts.";
        let mention = "Marek Dolny, who chairs a Riga-based club of policy experts";
        assert_party(text, mention, "Marek Dolny", SourceKind::Person);
    }

    #[test]
    fn a_named_person_speaking_with_her_aides_is_the_party() {
        let text = "Governor Ines Kovac met the mayors on Monday. \
                    Kovac and her aides said the bridge would reopen in May.";
        assert_party(
            text,
            "Kovac and her aides",
            "Ines Kovac",
            SourceKind::Person,
        );
    }

    #[test]
    fn a_capitalized_opener_before_a_clause_names_no_one() {
        let text = "Anyone who has studied the river said it would flood.";
        let atts = extract(text);
        let (att, _) = by_cue(&atts, text, "said");
        let source = att.source.as_ref().expect("a source");
        assert_ne!(source.kind, SourceKind::Person, "{source:?}");
    }

    #[test]
    fn script_residue_holds_no_attribution() {
        let text = "The mayor said the bridge would reopen.\n\n\
                    window._ads = window._ads || []; _ads.push({ mode: 'tiles', \
                    placement: 'Gallery 3', target_type: 'mix' }); _ads.push({flush: true});";
        let atts = extract(text);
        let code = text.find("window").expect("script");
        assert_eq!(atts.len(), 1, "{atts:?}");
        assert!(atts.iter().all(|a| a.cue.start < code), "{atts:?}");
    }

    #[test]
    fn who_after_an_apposition_or_a_party_is_named() {
        let text = "The tweet took aim at Odo Varga, the agency's former head who said the files were lost.";
        assert_party(text, "who", "Odo Varga", SourceKind::Person);
        let text = "The minister pushed back at Democrats who said the summit should be cancelled.";
        assert_party(text, "who", "Democrats", SourceKind::Organization);
    }

    #[test]
    fn credit_lines_hold_no_attribution() {
        // A "Read more" link and a reporting credit are not the story's
        // statements, whatever verbs they hold.
        let text = "The mayor said the bridge would reopen in May.\n\n\
                    Read more: Mayor says bridge will reopen\n\n\
                    Reporting by Ana Petrov; editing by Tom Reed. Petrov said the figures were checked.";
        let atts = extract(text);
        assert_eq!(atts.len(), 1, "{atts:?}");
        assert_eq!(atts[0].cue.slice(text), "said");
    }

    #[test]
    fn a_named_expert_at_a_body_is_the_person_and_a_bank_the_bank() {
        let text = "Nina Petrova, a fellow at the Harbor Institute who studies ports, said the canal would close.";
        let mention = "Nina Petrova, a fellow at the Harbor Institute who studies ports,";
        assert_party(text, mention, "Nina Petrova", SourceKind::Person);
        let text = "Jon Reed, the U.S. ambassador to Moscow, said the talks would go on.";
        assert_party(
            text,
            "Jon Reed, the U.S. ambassador to Moscow,",
            "Jon Reed",
            SourceKind::Person,
        );
        let text = "Harbor Savings, the bank, said the loans were sound.";
        assert_party(
            text,
            "Harbor Savings, the bank,",
            "Harbor Savings",
            SourceKind::Organization,
        );
    }
}
