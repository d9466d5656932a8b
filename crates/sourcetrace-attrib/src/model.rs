//! The trained extractor: the tagger's spans, linked into attributions.
//!
//! What it does: runs the attribution tagger of `sourcetrace-tagger` (cues
//! and sources, then each cue's content and source) and makes one
//! attribution per cue.
//!
//! The tagger gives, per cue, the content pieces and sources it found in the
//! cue's paragraph (pass 2 runs once per cue). Linking then decides, per cue:
//! - **content**: the cover of its pieces (a quotation split around its cue,
//!   "The plan," he said, "will fail.", comes as two pieces and is covered
//!   again); a quotation before its cue goes on through the quotation that
//!   opens right after the cue's sentence ("A," Baker said. "B.") unless
//!   another cue lies inside it or claims it; a cue with no piece takes the
//!   rest of its sentence (after it when words follow, else before it), or the
//!   next paragraph after a colon.
//! - **source**: its own source nearest to it, else the nearest first-pass
//!   source in its sentence; never inside the content. A source may serve
//!   several cues ("X said … and added …").
//!
//! A cue with no content gives no attribution. Source kinds and names come
//! from the rule extractor's classifier.
//!
//! Known limits: no coreference ("he" stays "he"); a source in another
//! sentence than its cue is not found; accuracy is bounded by the linear
//! tagger (see the README's table).
//!
//! ```
//! use sourcetrace_attrib::{analyze, TrainedExtractor};
//!
//! let extractor = TrainedExtractor::embedded().expect("the shipped model loads");
//! let doc = analyze(&extractor, "demo", "The mayor said the bridge would close.");
//! assert!(doc.attributions.iter().all(|a| a.cue.slice(&doc.text) != ""));
//! ```

use crate::rules::classify_sources;
use crate::Extractor;
use sourcetrace_core::{Attribution, Content, Span};
use sourcetrace_tagger::{AttributionModel, CueTags, PosModel, Tagged, TaggerError};
use sourcetrace_text::{QuoteMark, TextAnalysis, TokenKind};
use std::ops::Range;

/// The model files shipped in the repository, embedded in the binary.
static EMBEDDED: &[u8] = include_bytes!("../../../models/attribution.stm");
static EMBEDDED_POS: &[u8] = include_bytes!("../../../models/pos.stm");

/// Extracts attributions with the trained tagger and a linking step.
#[derive(Debug, Clone)]
pub struct TrainedExtractor {
    model: AttributionModel,
}

impl TrainedExtractor {
    /// The extractor with the models shipped in `models/` (`attribution.stm`
    /// and the POS tagger it was trained with, `pos.stm`), embedded in the binary.
    pub fn embedded() -> Result<Self, TaggerError> {
        Self::from_bytes(EMBEDDED, EMBEDDED_POS)
    }

    /// The extractor with models read from file bytes: the attribution model
    /// and the POS model it was trained with.
    pub fn from_bytes(attribution: &[u8], pos: &[u8]) -> Result<Self, TaggerError> {
        let pos = PosModel::from_bytes(pos)?;
        AttributionModel::from_bytes(attribution, pos).map(Self::new)
    }

    /// The extractor with a model in memory.
    pub fn new(model: AttributionModel) -> Self {
        TrainedExtractor { model }
    }

    /// The model.
    pub fn model(&self) -> &AttributionModel {
        &self.model
    }
}

impl Extractor for TrainedExtractor {
    fn name(&self) -> &'static str {
        "trained"
    }

    fn extract(&self, text: &str, analysis: &TextAnalysis) -> Vec<Attribution> {
        let tagged = self.model.tag(text, analysis);
        let mut out = link(text, analysis, &tagged);
        // Bylines, credits ("… contributed to this report", "Read more:")
        // and script residue ("placement: 'Gallery'") are not the story's
        // statements; the rules skip them too.
        out.retain(|a| {
            let token = analysis
                .tokens
                .partition_point(|t| t.span.end <= a.cue.start);
            analysis
                .sentence_of(token)
                .is_none_or(|s| analysis.in_body(s))
        });
        out
    }
}

/// The byte span of a token range.
fn byte_span(analysis: &TextAnalysis, r: &Range<usize>) -> Span {
    Span::new(
        analysis.tokens[r.start].span.start,
        analysis.tokens[r.end - 1].span.end,
    )
}

/// True for a first word of what may follow a speech cue without being
/// said: a place, a time, an addressee or a circumstance ("said on Friday",
/// "said Friday", "said to the crowd", "told reporters after the vote").
fn starts_aside(word: &str) -> bool {
    ASIDE_STARTS
        .iter()
        .chain(crate::lexicon::WEEKDAYS)
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// The words of [`starts_aside`] besides the weekdays.
const ASIDE_STARTS: &[&str] = &[
    "to",
    "of",
    "at",
    "in",
    "on",
    "after",
    "before",
    "during",
    "while",
    "as",
    "when",
    "from",
    "with",
    "without",
    "outside",
    "inside",
    "via",
    "through",
    "earlier",
    "later",
    "then",
    "last",
    "this",
    "yesterday",
    "today",
    "tonight",
    "several",
    "recently",
    "afterward",
    "afterwards",
];

/// Words that count the people of a source ("two officials", "several
/// lawmakers"); the tagger sometimes leaves them out of the source.
const QUANTIFIERS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "several",
    "many",
    "some",
    "few",
    "both",
    "dozens",
    "hundreds",
    "thousands",
];

/// Link the tagger's per-cue spans into attributions.
pub(crate) fn link(text: &str, analysis: &TextAnalysis, tagged: &Tagged) -> Vec<Attribution> {
    let n = analysis.tokens.len();
    let valid = |r: &&Range<usize>| r.start < r.end && r.end <= n;
    let per_cue: Vec<&CueTags> = tagged
        .attributions
        .iter()
        .filter(|a| valid(&&a.cue))
        .collect();
    let cues: Vec<Range<usize>> = per_cue.iter().map(|a| a.cue.clone()).collect();
    // "two U.S. officials said": a lone word the tagger gave as content right
    // before a source is the start of that source, not what was said.
    let is_source_start = |i: usize| {
        tagged.sources.iter().any(|r| r.start == i)
            || per_cue
                .iter()
                .any(|a| a.sources.iter().any(|r| r.start == i))
    };
    let quantity = |i: usize| {
        let t = &analysis.tokens[i];
        t.kind == TokenKind::Number
            || t.kind == TokenKind::Word
                && QUANTIFIERS
                    .iter()
                    .any(|w| w.eq_ignore_ascii_case(t.text(text)))
    };
    let stray = |p: &Range<usize>| {
        p.end == p.start + 1 && p.end < n && quantity(p.start) && is_source_start(p.end)
    };
    let mut stray_tokens: Vec<usize> = per_cue
        .iter()
        .flat_map(|a| {
            a.contents
                .iter()
                .filter(|p| valid(p) && stray(p))
                .map(|p| p.start)
        })
        .collect();
    stray_tokens.sort_unstable();
    let widen = |r: &Range<usize>| {
        if r.start > 0 && stray_tokens.binary_search(&(r.start - 1)).is_ok() {
            r.start - 1..r.end
        } else {
            r.clone()
        }
    };
    let sources: Vec<Range<usize>> = tagged.sources.iter().filter(valid).map(widen).collect();
    let own_sources: Vec<Vec<Range<usize>>> = per_cue
        .iter()
        .map(|a| a.sources.iter().filter(valid).map(widen).collect())
        .collect();
    let sentence = |i: usize| analysis.sentence_of(i).unwrap_or(usize::MAX);
    let paragraph = |i: usize| {
        analysis
            .sentence_of(i)
            .and_then(|s| analysis.paragraph_of(s))
            .unwrap_or(usize::MAX)
    };
    let cue_between = |a: usize, b: usize, me: usize| {
        cues.iter()
            .enumerate()
            .any(|(k, c)| k != me && c.start >= a && c.end <= b)
    };
    // A token belongs to some cue or source.
    let mut role = vec![0u8; n];
    for r in &sources {
        role[r.clone()].iter_mut().for_each(|x| *x = 2);
    }
    for r in &cues {
        role[r.clone()].iter_mut().for_each(|x| *x = 1);
    }
    let is_word = |i: usize| matches!(analysis.tokens[i].kind, TokenKind::Word | TokenKind::Number);

    // Content: the cover of the pieces the tagger gave this cue.
    let mut chosen: Vec<(usize, Range<usize>, Vec<Range<usize>>)> = Vec::new();
    let mut cue_done = vec![false; cues.len()];
    for (ci, tags) in per_cue.iter().enumerate() {
        let parts: Vec<Range<usize>> = tags
            .contents
            .iter()
            .filter(|p| valid(p) && !stray(p))
            .cloned()
            .collect();
        if let (Some(first), Some(last)) = (parts.first(), parts.last()) {
            cue_done[ci] = true;
            chosen.push((ci, first.start..last.end, parts.clone()));
        }
    }

    // `"A," he said, adding that "B."`: the tagger gave this cue pieces on
    // both sides, but another cue between the cue and the later piece claims
    // it, so the content ends before the cue (PolNeAR content exact: dev
    // 1116 -> 1119 spans, train 11636 -> 11641).
    for (ci, range, parts) in chosen.iter_mut() {
        let c = cues[*ci].clone();
        let before_end = parts
            .iter()
            .filter(|p| p.end <= c.start)
            .map(|p| p.end)
            .max();
        let after_start = parts
            .iter()
            .filter(|p| p.start >= c.end)
            .map(|p| p.start)
            .min();
        if let (Some(end), Some(later)) = (before_end, after_start) {
            if cue_between(c.end, later, *ci) {
                parts.retain(|p| p.end <= c.start);
                range.end = end;
            }
        }
    }

    // A cue the tagger found without a content piece takes the rest of its
    // sentence: after it when words follow, else before it ("…, sources
    // said."); "X said:" closing a paragraph takes the next paragraph.
    let words = |r: &Range<usize>| r.clone().filter(|&i| is_word(i)).count();
    let trim = |mut r: Range<usize>| {
        let keep = |i: usize| is_word(i) || matches!(analysis.tokens[i].kind, TokenKind::Quote(_));
        while r.start < r.end && !keep(r.start) {
            r.start += 1;
        }
        while r.end > r.start && !keep(r.end - 1) {
            r.end -= 1;
        }
        r
    };
    for (ci, c) in cues.iter().enumerate() {
        if cue_done[ci] {
            continue;
        }
        let Some(sent) = analysis
            .sentence_of(c.start)
            .map(|s| analysis.sentences[s].tokens.clone())
        else {
            continue;
        };
        let mut a = c.start;
        while a > sent.start && role[a - 1] == 2 {
            a -= 1;
        }
        let mut b = c.end.min(sent.end);
        while b < sent.end && role[b] == 2 {
            b += 1;
        }
        // "said on Tuesday, adding that …": the next cue starts its own content.
        let next_cue = cues
            .iter()
            .map(|o| o.start)
            .filter(|&st| st >= b && st < sent.end)
            .min()
            .unwrap_or(sent.end);
        let after = trim(b..next_cue);
        let before = trim(sent.start..a);
        let colon = c.end > 0 && analysis.tokens[c.end - 1].text(text).ends_with(':')
            || (b < n && analysis.tokens[b].text(text) == ":");
        // "…, a report said on Saturday.": a short aside after the cue is
        // not what was said when words before it are.
        let aside_after = words(&after) <= 4
            && after.start < after.end
            && starts_aside(analysis.tokens[after.start].text(text));
        // "The plan is off, two officials told Reuters on Tuesday.": content,
        // comma, then source and cue; what follows is addressee and aside.
        let reported_after = a > sent.start
            && analysis.tokens[a - 1].text(text) == ","
            && words(&before) >= 3
            && words(&after) <= 6
            && !colon
            && !after.clone().any(|i| {
                matches!(analysis.tokens[i].kind, TokenKind::Quote(_))
                    || analysis.tokens[i].text(text).eq_ignore_ascii_case("that")
            });
        let prefer_before = reported_after || aside_after && words(&before) >= 2 && !colon;
        let range = if words(&after) >= 2 && !prefer_before {
            Some(after)
        } else if words(&before) >= 2 && !colon {
            Some(before)
        } else if colon {
            // The next paragraph.
            let p = paragraph(c.start);
            analysis.paragraphs.get(p.wrapping_add(1)).and_then(|next| {
                let first = analysis.sentences.get(next.sentences.start)?.tokens.start;
                let last = analysis
                    .sentences
                    .get(next.sentences.end.checked_sub(1)?)?
                    .tokens
                    .end;
                (first < last).then(|| trim(first..last))
            })
        } else {
            None
        };
        if let Some(range) = range.filter(|r| r.start < r.end) {
            cue_done[ci] = true;
            chosen.push((ci, range.clone(), vec![range]));
        }
    }

    // "A," Baker said (to the TV). "B. C." — a quotation before its cue goes
    // on through the quotation that opens right after the cue's sentence,
    // unless another cue lies inside it or claims it.
    let opens_at: std::collections::HashMap<usize, usize> = analysis
        .quotations
        .iter()
        .filter(|q| q.depth == 0 && !q.single)
        .filter_map(|q| Some((q.open_token, q.close_token?)))
        .collect();
    let taken: Vec<Range<usize>> = chosen.iter().map(|(_, r, _)| r.clone()).collect();
    for (k, (ci, range, parts)) in chosen.iter_mut().enumerate() {
        let c = cues[*ci].clone();
        let quoted = matches!(
            analysis.tokens[range.start].kind,
            TokenKind::Quote(QuoteMark::OpenDouble)
        ) || matches!(
            analysis.tokens[range.end - 1].kind,
            TokenKind::Quote(QuoteMark::CloseDouble)
        );
        if range.end > c.start || !quoted {
            continue;
        }
        let para = paragraph(c.start);
        let Some(j) = (c.end..n.min(c.end + 10)).find(|&j| {
            matches!(
                analysis.tokens[j].kind,
                TokenKind::Quote(QuoteMark::OpenDouble)
            )
        }) else {
            continue;
        };
        let words_between = (c.end..j).filter(|&i| role[i] == 0 && is_word(i)).count();
        let Some(&close) = opens_at.get(&j) else {
            continue;
        };
        let free = !cue_between(j, close + 1, *ci)
            && taken
                .iter()
                .enumerate()
                .all(|(o, r)| o == k || r.end <= j || r.start > close);
        if words_between <= 6 && paragraph(j) == para && paragraph(close) == para && free {
            range.end = close + 1;
            parts.push(j..close + 1);
        }
    }

    // `"A," Baker said, looking out at the crowd.` The quotation is the
    // content; an aside after the cue that no quotation holds is what Baker
    // did while saying it, not more of what he said (+0.4 content exact F1 on
    // PolNeAR dev and +0.6 on train, whole-attribution overlap unchanged).
    let mut quoted = vec![false; n];
    for q in analysis.quotations.iter().filter(|q| q.depth == 0) {
        if let Some(close) = q.close_token {
            quoted[(q.open_token + 1).min(n)..close.min(n)]
                .iter_mut()
                .for_each(|x| *x = true);
        }
    }
    let mostly_quoted = |r: &Range<usize>| {
        let w = words(r);
        let opens = matches!(
            analysis.tokens[r.start].kind,
            TokenKind::Quote(QuoteMark::OpenDouble)
        );
        opens || w > 0 && 2 * r.clone().filter(|&i| is_word(i) && quoted[i]).count() >= w
    };
    let is_comma = |i: usize| i < n && analysis.tokens[i].text(text) == ",";
    for (ci, range, parts) in chosen.iter_mut() {
        let c = cues[*ci].clone();
        let quote_end = parts
            .iter()
            .filter(|p| p.end <= c.start && mostly_quoted(p))
            .map(|p| p.end)
            .max();
        // `"A," Baker said` or `"A," said Baker`: the speaker stands by the cue.
        let speaker_by_cue = quote_end
            .is_some_and(|e| (e..c.start).any(|i| role[i] == 2) || c.end < n && role[c.end] == 2);
        // What follows the cue is an aside (", looking out", "to the
        // crowd", "on Friday"), not a clause of its own ("said the plan").
        let aside = |p: &Range<usize>| {
            let first = analysis.tokens[p.start].text(text);
            is_comma(p.start) || p.start > 0 && is_comma(p.start - 1) || starts_aside(first)
        };
        let tail = |p: &Range<usize>| p.start >= c.end && !mostly_quoted(p) && aside(p);
        if speaker_by_cue && parts.iter().any(tail) {
            parts.retain(|p| !tail(p));
            if let (Some(first), Some(last)) = (parts.first(), parts.last()) {
                *range = first.start..last.end;
            }
        }
    }

    // Sources: the cue's own (pass 2) nearest to it, else the nearest pass-1
    // source in the cue's sentence; never inside the content.
    let outside = |r: &Range<usize>, parts: &[Range<usize>]| {
        parts.iter().all(|p| r.end <= p.start || r.start >= p.end)
    };
    let gap = |r: &Range<usize>, c: &Range<usize>| {
        if r.end <= c.start {
            2 * (c.start - r.end)
        } else {
            2 * r.start.saturating_sub(c.end) + 1
        }
    };
    let mut picks: Vec<(usize, Range<usize>, Option<Range<usize>>)> = Vec::new();
    for (ci, content, parts) in chosen {
        let c = &cues[ci];
        let own = own_sources[ci]
            .iter()
            .filter(|r| outside(r, &parts) && !r.contains(&c.start))
            .min_by_key(|r| gap(r, c))
            .cloned();
        let s = sentence(c.start);
        let nearest = || {
            sources
                .iter()
                .filter(|r| sentence(r.start) == s && outside(r, &parts))
                .min_by_key(|r| gap(r, c))
                .cloned()
        };
        picks.push((ci, content, own.or_else(nearest)));
    }
    let ranges: Vec<(usize, usize)> = picks
        .iter()
        .filter_map(|(_, _, s)| s.as_ref().map(|r| (r.start, r.end - 1)))
        .collect();
    let mut classified = classify_sources(text, analysis, &ranges).into_iter();
    let mut out: Vec<Attribution> = picks
        .into_iter()
        .map(|(ci, content, source)| {
            let span = byte_span(analysis, &content);
            let first = analysis.tokens[content.start].kind;
            let direct = matches!(first, TokenKind::Quote(_))
                || analysis.quotations.iter().any(|q| {
                    q.span.contains(span)
                        || span.contains(q.inner) && q.inner.len() * 2 > span.len()
                });
            Attribution::new(
                byte_span(analysis, &cues[ci]),
                source.and_then(|_| classified.next()),
                Content { span, direct },
            )
        })
        .collect();
    out.sort_by_key(|a| (a.cue.start, a.cue.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranges(text: &str, a: &TextAnalysis, parts: &[&str]) -> Vec<Range<usize>> {
        parts.iter().map(|p| range(text, a, p)).collect()
    }

    fn range(text: &str, a: &TextAnalysis, part: &str) -> Range<usize> {
        // `part` may be padded with spaces to find it as a whole word.
        let start = text.find(part).expect("part in text");
        let span = Span::new(start, start + part.len());
        sourcetrace_tagger::token_range(&a.tokens, span).expect("tokens")
    }

    fn cue(cue: Range<usize>, contents: Vec<Range<usize>>, sources: Vec<Range<usize>>) -> CueTags {
        CueTags {
            cue,
            contents,
            sources,
        }
    }

    fn source_text<'t>(att: &Attribution, text: &'t str) -> Option<&'t str> {
        att.source.as_ref().map(|s| s.span.slice(text))
    }

    /// Link cues given as `(cue word, pass-2 contents, pass-2 own sources)`,
    /// with `sources` found by pass 1.
    fn link_cues(
        text: &str,
        cues: &[(&str, &[&str], &[&str])],
        sources: &[&str],
    ) -> Vec<Attribution> {
        let a = TextAnalysis::new(text);
        let tags: Vec<CueTags> = cues
            .iter()
            .map(|(word, contents, own)| {
                cue(
                    range(text, &a, word),
                    ranges(text, &a, contents),
                    ranges(text, &a, own),
                )
            })
            .collect();
        let tagged = Tagged {
            cues: tags.iter().map(|t| t.cue.clone()).collect(),
            sources: ranges(text, &a, sources),
            attributions: tags,
        };
        link(text, &a, &tagged)
    }

    /// Link one cue `cue_word` whose pass-2 tags are `contents` and `own`
    /// (its sources), with `sources` found by pass 1.
    fn link_one(
        text: &str,
        cue_word: &str,
        contents: &[&str],
        own: &[&str],
        sources: &[&str],
    ) -> Vec<Attribution> {
        link_cues(text, &[(cue_word, contents, own)], sources)
    }

    #[test]
    fn a_split_quotation_is_covered_around_its_cue() {
        let text = "“The plan,” he said, “will fail.”";
        let contents = ["“The plan,”", "“will fail.”"];
        let atts = link_one(text, "said", &contents, &[" he "], &[" he "]);
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].content.span.slice(text), text);
        assert!(atts[0].content.direct);
        assert_eq!(source_text(&atts[0], text), Some("he"));
    }

    #[test]
    fn an_aside_after_the_cue_is_not_part_of_the_quotation() {
        let text = "“We will win,” Baker said, looking out at the crowd.";
        let contents = ["“We will win,”", ", looking out at the crowd"];
        let atts = link_one(text, "said", &contents, &["Baker"], &["Baker"]);
        assert_eq!(atts[0].content.span.slice(text), "“We will win,”");
        // A clause of its own after the cue stays: the tagger may be right.
        let text = "“Meet the Press,” Baker said the plan will fail.";
        let contents = ["“Meet the Press,”", "the plan will fail"];
        let atts = link_one(text, "said", &contents, &["Baker"], &["Baker"]);
        assert_eq!(
            atts[0].content.span.slice(text),
            "“Meet the Press,” Baker said the plan will fail"
        );
    }

    #[test]
    fn reuters_order_content_comma_source_cue_addressee() {
        let text = "The plan is off, two officials told Reuters on Tuesday.";
        // The tagger left "two" out of the source and gave it as content.
        let atts = link_one(text, "told", &["two"], &[], &["officials"]);
        assert_eq!(atts[0].content.span.slice(text), "The plan is off");
        assert_eq!(source_text(&atts[0], text), Some("two officials"));
    }

    #[test]
    fn the_next_cue_ends_the_rest_of_a_sentence() {
        let text = "Officials said on Tuesday, adding that allies would be told.";
        let cues: [(&str, &[&str], &[&str]); 2] = [
            ("said", &[], &[]),
            ("adding", &["that allies would be told"], &[]),
        ];
        let atts = link_cues(text, &cues, &["Officials"]);
        assert_eq!(atts.len(), 2);
        assert!(!atts[0].content.span.slice(text).contains("adding"));
        assert_eq!(
            atts[1].content.span.slice(text),
            "that allies would be told"
        );
    }

    #[test]
    fn a_quotation_after_another_cue_is_that_cues_content() {
        let text = "“The plan will fail,” he said, adding that “it costs too much.”";
        let cues: [(&str, &[&str], &[&str]); 2] = [
            (
                "said",
                &["“The plan will fail,”", "“it costs too much.”"],
                &[],
            ),
            ("adding", &["that “it costs too much.”"], &[]),
        ];
        let atts = link_cues(text, &cues, &[" he "]);
        assert_eq!(atts.len(), 2);
        assert_eq!(atts[0].content.span.slice(text), "“The plan will fail,”");
        assert_eq!(
            atts[1].content.span.slice(text),
            "that “it costs too much.”"
        );
    }

    #[test]
    fn a_quotation_goes_on_after_its_cue_sentence() {
        let text = "“The plan will fail,” Baker said to the council. “It costs too much.”";
        let atts = link_one(text, "said", &["“The plan will fail,”"], &[], &["Baker"]);
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].content.span.slice(text), text);
        assert_eq!(source_text(&atts[0], text), Some("Baker"));
    }

    #[test]
    fn a_quotation_with_its_own_cue_is_not_taken() {
        let text = "“The plan will fail,” Baker said. “It costs too much,” he added.";
        let cues: [(&str, &[&str], &[&str]); 2] = [
            ("said", &["“The plan will fail,”"], &[]),
            ("added", &["“It costs too much,”"], &[]),
        ];
        let atts = link_cues(text, &cues, &["Baker", " he "]);
        assert_eq!(atts.len(), 2);
        assert_eq!(atts[0].content.span.slice(text), "“The plan will fail,”");
        assert_eq!(atts[1].content.span.slice(text), "“It costs too much,”");
        assert_eq!(source_text(&atts[1], text), Some("he"));
    }

    #[test]
    fn a_cue_without_content_takes_the_rest_of_its_sentence() {
        let text = "The bridge will close for a month, officials said.";
        let atts = link_one(text, "said", &[], &[], &["officials"]);
        assert_eq!(atts.len(), 1);
        assert_eq!(
            atts[0].content.span.slice(text),
            "The bridge will close for a month"
        );
        assert_eq!(source_text(&atts[0], text), Some("officials"));
        // A day after the cue is an aside, not what was said.
        let text = "The bridge will close for a month, officials said on Friday.";
        let atts = link_one(text, "said", &[], &[], &["officials"]);
        assert_eq!(
            atts[0].content.span.slice(text),
            "The bridge will close for a month"
        );
    }

    #[test]
    fn the_shipped_model_finds_a_plain_attribution() {
        let extractor = TrainedExtractor::embedded().expect("the shipped model loads");
        let text = "The mayor said the bridge would close in May.";
        let doc = crate::analyze(&extractor, "t", text);
        assert_eq!(doc.attributions.len(), 1);
        let att = &doc.attributions[0];
        assert_eq!(att.cue.slice(text), "said");
        assert_eq!(source_text(att, text), Some("The mayor"));
        assert_eq!(
            att.content.span.slice(text),
            "the bridge would close in May"
        );
    }

    #[test]
    fn nested_speech_keeps_each_cue_its_own_content_and_source() {
        let text = "The mayor said that the chief said the bridge was safe.";
        let a = TextAnalysis::new(text);
        let first = range(text, &a, "said");
        let second_at = text.rfind("said").expect("second cue");
        let second =
            sourcetrace_tagger::token_range(&a.tokens, Span::new(second_at, second_at + 4))
                .expect("tokens");
        let tagged = Tagged {
            cues: vec![first.clone(), second.clone()],
            sources: ranges(text, &a, &["The mayor", "the chief"]),
            attributions: vec![
                cue(
                    first,
                    ranges(text, &a, &["that the chief said the bridge was safe"]),
                    ranges(text, &a, &["The mayor"]),
                ),
                cue(
                    second,
                    ranges(text, &a, &["the bridge was safe"]),
                    ranges(text, &a, &["the chief"]),
                ),
            ],
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 2);
        assert_eq!(
            atts[0].content.span.slice(text),
            "that the chief said the bridge was safe"
        );
        assert_eq!(source_text(&atts[0], text), Some("The mayor"));
        assert_eq!(atts[1].content.span.slice(text), "the bridge was safe");
        assert_eq!(source_text(&atts[1], text), Some("the chief"));
    }

    #[test]
    fn a_shared_source_serves_two_cues() {
        let text = "Smith said the plan failed and added that it cost millions.";
        let cues: [(&str, &[&str], &[&str]); 2] = [
            ("said", &["the plan failed"], &[]),
            ("added", &["that it cost millions"], &[]),
        ];
        let atts = link_cues(text, &cues, &["Smith"]);
        assert_eq!(atts.len(), 2);
        assert!(atts.iter().all(|x| source_text(x, text) == Some("Smith")));
        assert_eq!(atts[1].content.span.slice(text), "that it cost millions");
    }

    /// A range whose end lies before its start, as a corrupt tagger might give.
    fn backwards() -> Vec<Range<usize>> {
        let (start, end) = (9, 1);
        std::iter::once(start..end).collect()
    }

    #[test]
    fn out_of_range_tags_are_ignored() {
        let text = "He said so.";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: vec![1..2, 5..9],
            sources: std::iter::once(0..1).collect(),
            attributions: vec![
                cue(1..2, vec![2..3, 3..3, 7..12], backwards()),
                cue(5..9, Vec::new(), Vec::new()),
            ],
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].content.span.slice(text), "so");
    }
}
