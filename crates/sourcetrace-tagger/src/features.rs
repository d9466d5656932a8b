//! Features of tokens for the attribution tagger, hashed into buckets.
//!
//! A feature is a template name and a value ("w=said", "q=in-double"), hashed
//! with FNV-1a into a 32-bit number; a chain masks it to its bucket count.
//! Nothing here reads anything but the text, [`TextAnalysis`] and our own POS
//! tagger: the model needs no parser or corpus at run time.
//!
//! Two sets are built. The *base* set (for pass 1, cues and sources)
//! describes the token, its neighbours, its POS tag and stem, the cue lexicon,
//! quotation state, sentence and paragraph position. The *per-cue* set (for
//! pass 2) adds where the token lies relative to one cue: side, distance,
//! sentences, commas, quote marks and other cues in between, and whether its
//! quotation ends just before or opens just after the cue. Contents are the
//! clause or quotation next to their cue, so these carry most of the signal.
//!
//! Changing what any template computes changes the meaning of trained
//! weights: bump [`FEATURE_VERSION`] whenever this file changes behaviour.

use crate::hash::H;
use crate::lexicon::{cue_forms, is_title, CueStrength};
use crate::pos::PosModel;
use crate::word::{prefix, shape, suffix};
use sourcetrace_text::{QuoteMark, TextAnalysis, TokenKind};
use std::ops::Range;

/// The version of the feature templates; a model trained with another is refused.
pub const FEATURE_VERSION: u32 = 5;

/// What the features need to know about one token, computed once per document.
#[derive(Debug, Clone)]
pub(crate) struct TokenInfo {
    lower: String,
    shape: String,
    /// Cue lemma from the lexicon, if the form is a cue verb.
    lemma: Option<&'static str>,
    /// 0 no cue, 1 speech verb, 2 evidential verb, 3 "according".
    cue: u8,
    cap: bool,
    /// 0 outside quotes, 1 inside double quotes, 2 inside single quotes.
    quote: u8,
    /// 0 no mark, 1 opening mark, 2 closing mark.
    mark: u8,
    title: bool,
    punct: bool,
    /// Part of speech from our own tagger.
    pos: u16,
}

/// Per-document token information and base features.
#[derive(Debug, Clone)]
pub struct DocumentFeatures {
    pub(crate) info: Vec<TokenInfo>,
    /// Sentence index of every token.
    pub(crate) sentence: Vec<usize>,
    /// Token ranges of sentences.
    pub(crate) sentences: Vec<Range<usize>>,
    /// Token ranges of paragraphs (the sequences the tagger decodes).
    pub(crate) paragraphs: Vec<Range<usize>>,
    /// For every token, the first and last token (marks included) of the
    /// outermost double quotation it lies in.
    quote_of: Vec<Option<(usize, usize)>>,
    base: Vec<u32>,
    base_starts: Vec<u32>,
    pos_names: Vec<String>,
}

/// A crude stem: the lowercase word without a final inflection
/// ("acknowledges", "acknowledged", "acknowledging" -> "acknowledg"), so that
/// a cue seen in one form generalizes to the others.
fn stem(lower: &str) -> &str {
    for suffix in ["ing", "ies", "ied", "es", "ed", "s", "e", "d"] {
        if let Some(s) = lower.strip_suffix(suffix) {
            if s.chars().count() >= 3 {
                return s;
            }
        }
    }
    lower
}

fn bucket(d: usize) -> u64 {
    match d {
        0..=4 => d as u64,
        5..=7 => 5,
        8..=15 => 6,
        16..=31 => 7,
        _ => 8,
    }
}

impl DocumentFeatures {
    /// Compute token information and base features of a document; `pos`
    /// tags it first.
    pub fn new(text: &str, analysis: &TextAnalysis, pos: &PosModel) -> Self {
        let tokens = &analysis.tokens;
        let tags = pos.tag(text, analysis);
        let n = tokens.len();
        // Quotation state: innermost quotation containing each token.
        let mut quote = vec![0u8; n];
        let mut depth = vec![0usize; n];
        for q in &analysis.quotations {
            let first = tokens.partition_point(|t| t.span.start < q.inner.start);
            let last = tokens.partition_point(|t| t.span.end <= q.inner.end);
            for i in first..last.min(n) {
                if q.depth + 1 > depth[i] {
                    depth[i] = q.depth + 1;
                    quote[i] = if q.single { 2 } else { 1 };
                }
            }
        }
        let mut quote_of: Vec<Option<(usize, usize)>> = vec![None; n];
        for q in analysis
            .quotations
            .iter()
            .filter(|q| q.depth == 0 && !q.single)
        {
            let last = q.close_token.unwrap_or_else(|| {
                tokens
                    .partition_point(|t| t.span.end <= q.span.end)
                    .saturating_sub(1)
            });
            if q.open_token <= last && last < n {
                for slot in &mut quote_of[q.open_token..=last] {
                    *slot = Some((q.open_token, last));
                }
            }
        }
        let forms = cue_forms();
        let mut info = Vec::with_capacity(n);
        for (i, t) in tokens.iter().enumerate() {
            let norm = t.normalized(text);
            let lower = norm.to_lowercase();
            let (lemma, cue) = match forms.get(lower.as_str()) {
                Some((lemma, CueStrength::Speech)) => (Some(*lemma), 1),
                Some((lemma, CueStrength::Evidential)) => (Some(*lemma), 2),
                // Mostly-noun forms ("claims", "fears") carry no cue feature.
                Some((_, CueStrength::Clause)) => (None, 0),
                None if lower == "according" => (Some("according"), 3),
                None => (None, 0),
            };
            let mark = match t.kind {
                TokenKind::Quote(QuoteMark::OpenDouble | QuoteMark::OpenSingle) => 1,
                TokenKind::Quote(_) => 2,
                _ => 0,
            };
            info.push(TokenInfo {
                shape: shape(&norm),
                title: is_title(&lower),
                lower,
                lemma,
                cue,
                cap: t.is_capitalized(text),
                quote: quote[i],
                mark,
                punct: !matches!(t.kind, TokenKind::Word | TokenKind::Number),
                pos: tags.get(i).copied().unwrap_or(0),
            });
        }
        let mut sentence = vec![0usize; n];
        let sentences: Vec<Range<usize>> = analysis
            .sentences
            .iter()
            .map(|s| s.tokens.clone())
            .collect();
        for (k, s) in sentences.iter().enumerate() {
            for i in s.clone() {
                if i < n {
                    sentence[i] = k;
                }
            }
        }
        let paragraphs: Vec<Range<usize>> = analysis
            .paragraphs
            .iter()
            .filter(|p| !p.sentences.is_empty())
            .filter_map(|p| {
                let a = sentences.get(p.sentences.start)?.start;
                let b = sentences.get(p.sentences.end - 1)?.end;
                (a < b).then_some(a..b)
            })
            .collect();
        let mut doc = DocumentFeatures {
            info,
            sentence,
            sentences,
            paragraphs,
            base: Vec::with_capacity(n * 48),
            base_starts: Vec::with_capacity(n + 1),
            quote_of,
            pos_names: pos.tag_names().to_vec(),
        };
        doc.base_starts.push(0);
        let mut para_of = vec![(0usize, 0usize); n];
        for (k, p) in analysis.paragraphs.iter().enumerate() {
            for (j, s) in p.sentences.clone().enumerate() {
                if let Some(r) = doc.sentences.get(s) {
                    for i in r.clone() {
                        if i < n {
                            para_of[i] = (k, j);
                        }
                    }
                }
            }
        }
        let mut buf = Vec::with_capacity(64);
        for (i, &position) in para_of.iter().enumerate() {
            buf.clear();
            doc.base_features(i, position, &mut buf);
            doc.base.extend_from_slice(&buf);
            doc.base_starts.push(doc.base.len() as u32);
        }
        doc
    }

    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.info.len()
    }

    /// True when the document has no token.
    pub fn is_empty(&self) -> bool {
        self.info.is_empty()
    }

    fn base_of(&self, i: usize) -> &[u32] {
        &self.base[self.base_starts[i] as usize..self.base_starts[i + 1] as usize]
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            return "<s>";
        }
        self.info
            .get(i as usize)
            .map_or("</s>", |t| t.lower.as_str())
    }

    fn pos_of(&self, i: isize, sent: &Range<usize>) -> &str {
        if i < sent.start as isize {
            return "<s>";
        }
        if i >= sent.end as isize {
            return "</s>";
        }
        self.info
            .get(i as usize)
            .and_then(|t| self.pos_names.get(t.pos as usize))
            .map_or("?", String::as_str)
    }

    fn base_features(
        &self,
        i: usize,
        (paragraph, sentence_in_paragraph): (usize, usize),
        out: &mut Vec<u32>,
    ) {
        let t = &self.info[i];
        let ii = i as isize;
        let sent = &self.sentences[self.sentence[i]];
        // Words outside the sentence read as boundary markers.
        let w = |d: isize| -> &str {
            let j = ii + d;
            if j < sent.start as isize {
                "<s>"
            } else if j >= sent.end as isize {
                "</s>"
            } else {
                self.word(j)
            }
        };
        let info = |d: isize| -> Option<&TokenInfo> {
            let j = ii + d;
            (j >= sent.start as isize && j < sent.end as isize).then(|| &self.info[j as usize])
        };
        let p = |d: isize| self.pos_of(ii + d, sent);
        let mut f = |h: H| out.push(h.done());
        f(H::new("b"));
        f(H::new("pos").s(p(0)));
        f(H::new("pos-1").s(p(-1)));
        f(H::new("pos+1").s(p(1)));
        f(H::new("pos-2").s(p(-2)));
        f(H::new("pos+2").s(p(2)));
        f(H::new("pos-1pos").s(p(-1)).s(p(0)));
        f(H::new("pospos+1").s(p(0)).s(p(1)));
        f(H::new("pos-1pospos+1").s(p(-1)).s(p(0)).s(p(1)));
        f(H::new("posq").s(p(0)).n(u64::from(t.quote)));
        f(H::new("poslx").s(p(0)).n(u64::from(t.cue)));
        f(H::new("w").s(&t.lower));
        f(H::new("stem").s(stem(&t.lower)));
        f(H::new("stem-1").s(stem(w(-1))));
        f(H::new("stem+1").s(stem(w(1))));
        f(H::new("stempos").s(stem(&t.lower)).s(p(0)));
        f(H::new("p3").s(prefix(&t.lower, 3)));
        f(H::new("s2").s(suffix(&t.lower, 2)));
        f(H::new("s3").s(suffix(&t.lower, 3)));
        f(H::new("s4").s(suffix(&t.lower, 4)));
        f(H::new("sh").s(&t.shape));
        for d in [-2isize, -1, 1, 2] {
            f(H::new("wd").n(d as u64).s(w(d)));
        }
        for d in [-1isize, 1] {
            f(H::new("shd")
                .n(d as u64)
                .s(info(d).map_or("-", |x| x.shape.as_str())));
        }
        f(H::new("w-1w").s(w(-1)).s(&t.lower));
        f(H::new("ww+1").s(&t.lower).s(w(1)));
        f(H::new("w-2w-1").s(w(-2)).s(w(-1)));
        f(H::new("w+1w+2").s(w(1)).s(w(2)));
        // The cue lexicon, here and around.
        f(H::new("lx").n(u64::from(t.cue)).s(t.lemma.unwrap_or("-")));
        f(H::new("lxs").n(u64::from(t.cue)));
        for d in [-2isize, -1, 1, 2] {
            let x = info(d);
            f(H::new("lxd")
                .n(d as u64)
                .n(x.map_or(0, |x| u64::from(x.cue))));
            if let Some(lemma) = x.and_then(|x| x.lemma) {
                f(H::new("lxdl").n(d as u64).s(lemma));
            }
        }
        // Quotations.
        f(H::new("q").n(u64::from(t.quote)).n(u64::from(t.mark)));
        f(H::new("qw").n(u64::from(t.quote)).s(&t.lower));
        for d in [-1isize, 1] {
            let x = info(d);
            f(H::new("qd")
                .n(d as u64)
                .n(x.map_or(9, |x| u64::from(x.quote)))
                .n(x.map_or(9, |x| u64::from(x.mark))));
        }
        // Distance to the nearest cue candidate in the sentence, on each side.
        let left = (sent.start..i).rev().find(|&j| self.info[j].cue > 0);
        let right = (i + 1..sent.end).find(|&j| self.info[j].cue > 0);
        match left {
            Some(j) => {
                f(H::new("cl").n(bucket(i - j)).n(u64::from(self.info[j].cue)));
                f(H::new("clq").n(bucket(i - j)).n(u64::from(t.quote)));
            }
            None => f(H::new("cl-none")),
        }
        match right {
            Some(j) => {
                f(H::new("cr").n(bucket(j - i)).n(u64::from(self.info[j].cue)));
                f(H::new("crq").n(bucket(j - i)).n(u64::from(t.quote)));
                f(H::new("crw").n(bucket(j - i).min(3)).s(&t.lower));
            }
            None => f(H::new("cr-none")),
        }
        // Commas and quote marks between the token and the nearest cues.
        if let Some(j) = right {
            let commas = (i + 1..j).filter(|&k| self.info[k].lower == ",").count();
            let marks = (i + 1..j).filter(|&k| self.info[k].mark > 0).count();
            f(H::new("crc").n(commas.min(3) as u64).n(marks.min(2) as u64));
        }
        if let Some(j) = left {
            let commas = (j + 1..i).filter(|&k| self.info[k].lower == ",").count();
            let marks = (j + 1..i).filter(|&k| self.info[k].mark > 0).count();
            f(H::new("clc").n(commas.min(3) as u64).n(marks.min(2) as u64));
        }
        // Sentence and paragraph position.
        f(H::new("sp").n(bucket(i - sent.start)));
        f(H::new("se").n(bucket(sent.end - 1 - i)));
        f(H::new("pp").n(paragraph.min(4) as u64));
        f(H::new("ps").n(sentence_in_paragraph.min(3) as u64));
        // Capitalized sequences and titles.
        let cap_prev = info(-1).is_some_and(|x| x.cap && !x.punct);
        let cap_next = info(1).is_some_and(|x| x.cap && !x.punct);
        f(H::new("cap")
            .n(u64::from(t.cap))
            .n(u64::from(cap_prev))
            .n(u64::from(cap_next))
            .n(u64::from(i == sent.start)));
        f(H::new("title")
            .n(u64::from(t.title))
            .n(u64::from(info(-1).is_some_and(|x| x.title))));
        f(H::new("punct")
            .n(u64::from(t.punct))
            .s(if t.punct { &t.lower } else { "" }));
    }

    /// The base sequence of a token range (for the cue and source pass).
    pub(crate) fn base_sequence(&self, range: Range<usize>) -> crate::chain::Sequence {
        let mut seq = crate::chain::Sequence::new();
        for i in range {
            seq.push(self.base_of(i).iter().copied());
        }
        seq
    }

    /// The sequence of a paragraph as seen from one cue (token range `cue`),
    /// for the pass that finds that cue's content and source. `marks` are the
    /// first-pass marks of the whole document (`1` cue, `2` source).
    ///
    /// With `with_base` false, only the cue-relative features are given: the
    /// base features do not depend on the cue, so their scores can be
    /// computed once per paragraph and added (the model is linear).
    pub(crate) fn cue_sequence(
        &self,
        range: Range<usize>,
        cue: Range<usize>,
        marks: &[u8],
        with_base: bool,
    ) -> crate::chain::Sequence {
        let mut seq = crate::chain::Sequence::new();
        let (start, end) = (range.start, range.end);
        // Prefix counts over the paragraph: commas, quote marks, other cues.
        let mut commas = vec![0usize; end - start + 1];
        let mut quotes = vec![0usize; end - start + 1];
        let mut others = vec![0usize; end - start + 1];
        for (k, i) in (start..end).enumerate() {
            let t = &self.info[i];
            commas[k + 1] = commas[k] + usize::from(t.lower == ",");
            quotes[k + 1] = quotes[k] + usize::from(t.mark > 0);
            let other = marks.get(i) == Some(&1) && !cue.contains(&i);
            others[k + 1] = others[k] + usize::from(other);
        }
        let count = |v: &[usize], a: usize, b: usize| {
            let a = a.clamp(start, end) - start;
            let b = b.clamp(start, end) - start;
            if b > a {
                v[b] - v[a]
            } else {
                0
            }
        };
        let cue_start = cue.start.min(self.len().saturating_sub(1));
        let cue_last = cue
            .end
            .saturating_sub(1)
            .clamp(cue_start, self.len().saturating_sub(1));
        let cue_sentence = self.sentence[cue_start] as isize;
        let cue_word = self.info[cue_last].lower.as_str();
        let cue_lemma = self.info[cue.clone()]
            .iter()
            .find_map(|t| t.lemma)
            .unwrap_or(cue_word);
        let mut buf = Vec::with_capacity(110);
        for i in range {
            buf.clear();
            if with_base {
                buf.extend_from_slice(self.base_of(i));
            }
            let t = &self.info[i];
            let (side, d, between) = if i < cue.start {
                (0u64, cue.start - i, i + 1..cue.start)
            } else if i < cue.end {
                (1, 0, i..i)
            } else {
                (2, i + 1 - cue.end, cue.end..i)
            };
            let b = bucket(d);
            let sdiff = (self.sentence[i] as isize - cue_sentence).clamp(-2, 2) as u64;
            let c = count(&commas, between.start, between.end).min(3) as u64;
            let q = count(&quotes, between.start, between.end).min(2) as u64;
            let blocked = u64::from(count(&others, between.start, between.end) > 0);
            let m = u64::from(marks.get(i).copied().unwrap_or(0));
            let pos = self.pos_of(i as isize, &self.sentences[self.sentence[i]]);
            let mut f = |h: H| buf.push(h.done());
            f(H::new("cs").n(side).n(b));
            f(H::new("css").n(side).n(sdiff));
            f(H::new("csq")
                .n(side)
                .n(b.min(6))
                .n(u64::from(t.quote))
                .n(u64::from(t.mark)));
            f(H::new("csc").n(side).n(c).n(q));
            f(H::new("csb").n(side).n(blocked).n(sdiff));
            f(H::new("csm").n(side).n(m).n(b.min(3)));
            f(H::new("csw").n(side).n(b.min(3)).s(&t.lower));
            f(H::new("csp").n(side).n(b.min(4)).s(pos));
            f(H::new("csl").n(side).s(cue_lemma));
            f(H::new("cslq")
                .n(side)
                .s(cue_lemma)
                .n(u64::from(t.quote))
                .n(sdiff));
            // The quotation the token lies in ends just before the cue or
            // opens just after it (sources and punctuation aside).
            if let Some((a, b)) = self.quote_of[i] {
                let near = |from: usize, to: usize| {
                    (from..to).all(|k| {
                        marks.get(k) == Some(&2) || self.info.get(k).is_some_and(|t| t.punct)
                    })
                };
                let before_cue = b < cue.start && cue.start - b <= 8 && near(b + 1, cue.start);
                let after_cue = a >= cue.end && a - cue.end <= 8 && near(cue.end, a);
                f(H::new("cqa")
                    .n(u64::from(before_cue))
                    .n(u64::from(after_cue))
                    .n(sdiff));
            }
            f(H::new("cssd")
                .n(side)
                .n(sdiff)
                .n(u64::from(t.quote))
                .n(b.min(6))
                .n(blocked));
            seq.push(buf.iter().copied());
        }
        seq
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(shape("McDonald"), "XxXx");
        assert_eq!(shape("1990s"), "dx");
        assert_eq!(shape("U.S."), "X.X.");
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("acknowledges"), stem("acknowledged"));
        assert_eq!(stem("acknowledging"), "acknowledg");
        assert_eq!(stem("says"), "say");
        assert_eq!(stem("is"), "is");
    }

    #[test]
    fn affixes_respect_characters() {
        assert_eq!(prefix("été", 2), "ét");
        assert_eq!(suffix("café", 2), "fé");
        assert_eq!(suffix("a", 3), "a");
    }

    #[test]
    fn every_token_gets_features_and_paragraphs_cover_sentences() {
        let text = "“It will fail,” Smith said.\n\nHe added that it would not.";
        let a = TextAnalysis::new(text);
        let d = DocumentFeatures::new(text, &a, &PosModel::tiny());
        assert_eq!(d.len(), a.tokens.len());
        assert_eq!(d.paragraphs.len(), 2);
        for i in 0..d.len() {
            assert!(d.base_of(i).len() > 30);
        }
        let marks = vec![0u8; d.len()];
        let cue = 6..7;
        let full = d.cue_sequence(d.paragraphs[0].clone(), cue.clone(), &marks, true);
        let own = d.cue_sequence(d.paragraphs[0].clone(), cue, &marks, false);
        assert_eq!(full.len(), d.paragraphs[0].len());
        for i in 0..full.len() {
            assert_eq!(
                full.features(i).len(),
                d.base_of(i).len() + own.features(i).len()
            );
        }
    }
}
