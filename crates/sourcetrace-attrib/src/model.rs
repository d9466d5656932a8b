//! The trained extractor: the tagger's spans, linked into attributions.
//!
//! What it does: runs the attribution tagger (`sourcetrace-tagger`: cues and
//! sources, then contents) and links each cue to one content and at most one
//! source.
//!
//! Linking, per cue:
//! - **content**: the content piece nearest to the cue in its paragraph, with
//!   no other cue in between; a content split around its cue ("The plan," he
//!   said, "will fail.") is joined back when only the cue, its source and
//!   punctuation separate the two pieces; a cue inside another content (the
//!   "she said" of "He said that she said X") takes the rest of that content
//!   after the cue. Each content piece serves one cue; the nearest cue wins.
//! - **source**: the nearest source span in the cue's sentence that does not
//!   overlap the content; a source may serve several cues ("X said … and
//!   added …").
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
use sourcetrace_tagger::{AttributionModel, PosModel, Tagged, TaggerError};
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
        link(text, analysis, &tagged)
    }
}

/// The byte span of a token range.
fn byte_span(analysis: &TextAnalysis, r: &Range<usize>) -> Span {
    Span::new(
        analysis.tokens[r.start].span.start,
        analysis.tokens[r.end - 1].span.end,
    )
}

/// Tokens that may sit between two pieces of a split content besides the cue and source.
fn is_glue(analysis: &TextAnalysis, text: &str, i: usize) -> bool {
    let t = &analysis.tokens[i];
    !matches!(t.kind, TokenKind::Word | TokenKind::Number)
        || matches!(
            t.normalized(text).to_lowercase().as_str(),
            "on" | "in"
                | "at"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "yesterday"
                | "today"
                | "then"
                | "also"
                | "later"
        )
}

/// Link tagged spans into attributions.
pub(crate) fn link(text: &str, analysis: &TextAnalysis, tagged: &Tagged) -> Vec<Attribution> {
    let n = analysis.tokens.len();
    let valid = |r: &&Range<usize>| r.start < r.end && r.end <= n;
    let cues: Vec<Range<usize>> = tagged.cues.iter().filter(valid).cloned().collect();
    let sources: Vec<Range<usize>> = tagged.sources.iter().filter(valid).cloned().collect();
    let contents: Vec<Range<usize>> = tagged.contents.iter().filter(valid).cloned().collect();
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

    // Candidates: (cost, cue, content range, pieces used).
    let mut candidates: Vec<(usize, usize, Range<usize>, Vec<usize>)> = Vec::new();
    for (ci, c) in cues.iter().enumerate() {
        let para = paragraph(c.start);
        let mut left: Option<(usize, usize)> = None; // (gap, piece)
        let mut right: Option<(usize, usize)> = None;
        for (ki, k) in contents.iter().enumerate() {
            if paragraph(k.start) != para {
                continue;
            }
            if k.start <= c.start && c.end <= k.end {
                // A cue inside a content: nested speech takes the rest.
                if c.end < k.end {
                    candidates.push((1, ci, c.end..k.end, Vec::new()));
                }
                continue;
            }
            if k.end <= c.start {
                let gap = c.start - k.end;
                if !cue_between(k.end, c.start, ci) && left.is_none_or(|(g, _)| gap < g) {
                    left = Some((gap, ki));
                }
            } else if k.start >= c.end {
                let gap = k.start - c.end;
                if !cue_between(c.end, k.start, ci) && right.is_none_or(|(g, _)| gap < g) {
                    right = Some((gap, ki));
                }
            }
        }
        for (gap, ki) in left.iter().chain(right.iter()) {
            let k = &contents[*ki];
            let cross = usize::from(sentence(k.start) != sentence(c.start))
                .max(usize::from(sentence(k.end - 1) != sentence(c.start)));
            let cost = 2 * gap + 4 * cross + 2;
            candidates.push((cost, ci, k.clone(), vec![*ki]));
        }
        if let (Some((_, l)), Some((_, r))) = (left, right) {
            let (lk, rk) = (&contents[l], &contents[r]);
            let glue = (lk.end..rk.start).all(|i| role[i] != 0 || is_glue(analysis, text, i));
            let opens_quote = matches!(
                analysis.tokens[rk.start].kind,
                TokenKind::Quote(QuoteMark::OpenDouble | QuoteMark::OpenSingle)
            );
            // The right piece belongs to a cue right after it ("B," he added).
            let own_cue_after = cues.iter().enumerate().any(|(k, o)| {
                k != ci
                    && o.start >= rk.end
                    && o.start <= rk.end + 3
                    && sentence(o.start) == sentence(rk.end - 1)
            });
            if glue && opens_quote && !own_cue_after && rk.start - lk.end <= 12 {
                candidates.push((0, ci, lk.start..rk.end, vec![l, r]));
            }
        }
    }
    candidates.sort_by_key(|a| (a.0, a.1, a.2.start));
    let mut cue_done = vec![false; cues.len()];
    let mut piece_used = vec![false; contents.len()];
    let mut chosen: Vec<(usize, Range<usize>, Vec<Range<usize>>)> = Vec::new();
    for (_, ci, range, pieces) in candidates {
        if cue_done[ci] || pieces.iter().any(|&p| piece_used[p]) {
            continue;
        }
        cue_done[ci] = true;
        let mut parts: Vec<Range<usize>> = pieces.iter().map(|&p| contents[p].clone()).collect();
        if parts.is_empty() {
            parts.push(range.clone());
        }
        for p in pieces {
            piece_used[p] = true;
        }
        chosen.push((ci, range, parts));
    }

    // A cue the tagger found without a content piece takes the rest of its
    // sentence: after it when words follow, else before it ("…, sources
    // said."); "X said:" closing a paragraph takes the next paragraph.
    let is_word = |i: usize| matches!(analysis.tokens[i].kind, TokenKind::Word | TokenKind::Number);
    let words = |r: &Range<usize>| r.clone().filter(|&i| is_word(i)).count();
    let trim = |mut r: Range<usize>| {
        while r.start < r.end
            && !is_word(r.start)
            && !matches!(analysis.tokens[r.start].kind, TokenKind::Quote(_))
        {
            r.start += 1;
        }
        while r.end > r.start
            && !is_word(r.end - 1)
            && !matches!(analysis.tokens[r.end - 1].kind, TokenKind::Quote(_))
        {
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
        let after = trim(b..sent.end);
        let before = trim(sent.start..a);
        let colon = c.end > 0 && analysis.tokens[c.end - 1].text(text).ends_with(':')
            || (b < n && analysis.tokens[b].text(text) == ":");
        let range = if words(&after) >= 3 {
            Some(after)
        } else if words(&before) >= 3 && !colon {
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

    // Sources: nearest in the cue's sentence, outside the content.
    let mut picks: Vec<(usize, Range<usize>, Option<usize>)> = Vec::new();
    for (ci, content, parts) in chosen {
        let c = &cues[ci];
        let s = sentence(c.start);
        let best = sources
            .iter()
            .enumerate()
            .filter(|(_, r)| sentence(r.start) == s)
            .filter(|(_, r)| parts.iter().all(|p| r.end <= p.start || r.start >= p.end))
            .map(|(si, r)| {
                let gap = if r.end <= c.start {
                    2 * (c.start - r.end)
                } else {
                    2 * r.start.saturating_sub(c.end) + 1
                };
                (gap, si)
            })
            .min();
        picks.push((ci, content, best.map(|(_, si)| si)));
    }
    let ranges: Vec<(usize, usize)> = sources.iter().map(|r| (r.start, r.end - 1)).collect();
    let classified = classify_sources(text, analysis, &ranges);
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
                source.and_then(|si| classified.get(si).cloned()),
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
        parts
            .iter()
            .map(|p| {
                let start = text.find(p).expect("part in text");
                let span = Span::new(start, start + p.len());
                sourcetrace_tagger::token_range(&a.tokens, span).expect("tokens")
            })
            .collect()
    }

    #[test]
    fn a_split_quotation_is_joined_around_its_cue() {
        let text = "“The plan,” he said, “will fail.”";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: ranges(text, &a, &["said"]),
            sources: ranges(text, &a, &[" he "]),
            contents: ranges(text, &a, &["“The plan,”", "“will fail.”"]),
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].content.span.slice(text), text);
        assert!(atts[0].content.direct);
        assert_eq!(
            atts[0].source.as_ref().map(|s| s.span.slice(text)),
            Some("he")
        );
    }

    #[test]
    fn a_quotation_goes_on_after_its_cue_sentence() {
        let text = "“The plan will fail,” Baker said to the council. “It costs too much.”";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: ranges(text, &a, &["said"]),
            sources: ranges(text, &a, &["Baker"]),
            contents: ranges(text, &a, &["“The plan will fail,”"]),
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].content.span.slice(text), text);
    }

    #[test]
    fn a_quotation_with_its_own_cue_is_not_taken() {
        let text = "“The plan will fail,” Baker said. “It costs too much,” he added.";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: ranges(text, &a, &["said", "added"]),
            sources: ranges(text, &a, &["Baker", " he "]),
            contents: ranges(text, &a, &["“The plan will fail,”", "“It costs too much,”"]),
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 2);
        assert_eq!(atts[0].content.span.slice(text), "“The plan will fail,”");
        assert_eq!(atts[1].content.span.slice(text), "“It costs too much,”");
    }

    #[test]
    fn a_cue_without_content_takes_the_rest_of_its_sentence() {
        let text = "The bridge will close for a month, officials said.";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: ranges(text, &a, &["said"]),
            sources: ranges(text, &a, &["officials"]),
            contents: Vec::new(),
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 1);
        assert_eq!(
            atts[0].content.span.slice(text),
            "The bridge will close for a month"
        );
        assert_eq!(
            atts[0].source.as_ref().map(|s| s.span.slice(text)),
            Some("officials")
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
        assert_eq!(
            att.source.as_ref().map(|s| s.span.slice(text)),
            Some("The mayor")
        );
        assert_eq!(
            att.content.span.slice(text),
            "the bridge would close in May"
        );
    }

    #[test]
    fn nested_speech_takes_the_rest_of_the_outer_content() {
        let text = "The mayor said that the chief said the bridge was safe.";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: ranges(text, &a, &["said", "said the"])
                .into_iter()
                .map(|r| r.start..r.start + 1)
                .collect(),
            sources: ranges(text, &a, &["The mayor", "the chief"]),
            contents: ranges(text, &a, &["that the chief said the bridge was safe"]),
        };
        // The second "said": find it by position.
        let second = text.rfind("said").expect("second cue");
        let mut tagged = tagged;
        tagged.cues[1] = sourcetrace_tagger::token_range(&a.tokens, Span::new(second, second + 4))
            .expect("tokens");
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 2);
        assert_eq!(
            atts[0].content.span.slice(text),
            "that the chief said the bridge was safe"
        );
        assert_eq!(
            atts[0].source.as_ref().map(|s| s.span.slice(text)),
            Some("The mayor")
        );
        assert_eq!(atts[1].content.span.slice(text), "the bridge was safe");
        assert_eq!(
            atts[1].source.as_ref().map(|s| s.span.slice(text)),
            Some("the chief")
        );
    }

    #[test]
    fn a_shared_source_serves_two_cues() {
        let text = "Smith said the plan failed and added that it cost millions.";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: ranges(text, &a, &["said", "added"]),
            sources: ranges(text, &a, &["Smith"]),
            contents: ranges(text, &a, &["the plan failed", "that it cost millions"]),
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 2);
        assert!(atts
            .iter()
            .all(|x| x.source.as_ref().map(|s| s.span.slice(text)) == Some("Smith")));
        assert_eq!(atts[1].content.span.slice(text), "that it cost millions");
    }

    #[test]
    fn out_of_range_tags_are_ignored() {
        let text = "He said so.";
        let a = TextAnalysis::new(text);
        let tagged = Tagged {
            cues: vec![1..2, 5..9],
            sources: std::iter::once(0..1).collect(),
            contents: vec![2..3, 3..3],
        };
        let atts = link(text, &a, &tagged);
        assert_eq!(atts.len(), 1);
    }
}
