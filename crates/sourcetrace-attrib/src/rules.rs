//! The rule-based extractor: cue words, then the source and content around them.
//!
//! What it finds, sentence by sentence, outside quotations:
//! - `X said (that) …`, `X told Y (that) …`, `X reported on DATE that …`,
//!   `X said: “…”` (content after the cue);
//! - `“…,” X said.`, `…, X said.`, `“…,” said X.`, `“…,” X said, “…”` and the
//!   quotation sentences that follow it in the paragraph (content before);
//! - `according to X, …` and `…, according to X.`;
//! - `…, saying …` / `adding …` with the sentence subject as source;
//! - `reportedly`, `allegedly` with no source;
//! - a paragraph that is one bare quotation continues the previous speaker.
//!
//! Known limits: sources are the words next to the cue (no coreference), so
//! "he" stays "he"; a long subject is cut at its first comma; verbs of
//! attitude without a `that` clause ("wants a recount") are not cues.

use crate::lexicon::{
    country_of, cue_forms, first_name_gender, is_demonym, is_title, CueStrength, ADDRESSEE_VERBS,
    ANONYMOUS_HEADS, CLAUSE_WORDS, CUE_PREFIXES, GOVERNMENT_WORDS, ORGANIZATION_WORDS,
    OUTLET_WORDS, PERSON_PRONOUNS, SOURCE_STOPS,
};
use crate::Extractor;
use sourcetrace_core::{Attribution, Content, Source, SourceKind, Span};
use sourcetrace_text::{QuoteMark, TextAnalysis, Token, TokenKind};

/// Extracts attributions with hand-written rules over tokens and quotations.
#[derive(Debug, Clone, Default)]
pub struct RuleExtractor {
    _private: (),
}

impl RuleExtractor {
    /// The rule extractor.
    pub fn new() -> Self {
        RuleExtractor::default()
    }
}

impl Extractor for RuleExtractor {
    fn name(&self) -> &'static str {
        "rules"
    }

    fn extract(&self, text: &str, analysis: &TextAnalysis) -> Vec<Attribution> {
        let ctx = Ctx::new(text, analysis);
        let mut out = Vec::new();
        for si in 0..analysis.sentences.len() {
            // Bylines and credit lines say who wrote the story, not who said what.
            if analysis.in_body(si) {
                ctx.sentence(si, &mut out);
            }
        }
        ctx.bare_quotation_paragraphs(&mut out);
        out.sort_by_key(|a| (a.cue.start, a.cue.end));
        out.dedup_by(|a, b| a.cue == b.cue);
        out
    }
}

/// Name and kind of each source given as an inclusive token range
/// `(first, last)`, with the rules' classifier (titles, outlets, anonymity).
pub(crate) fn classify_sources(
    text: &str,
    analysis: &TextAnalysis,
    ranges: &[(usize, usize)],
) -> Vec<Source> {
    let ctx = Ctx::new(text, analysis);
    ranges
        .iter()
        .map(|&(first, last)| ctx.classify(first, last))
        .collect()
}

struct Ctx<'a> {
    text: &'a str,
    a: &'a TextAnalysis,
    tokens: &'a [Token],
    /// Lowercased, quote-normalized token text.
    lower: Vec<String>,
    /// For each token, the index of the outer double quotation it lies strictly inside.
    in_quote: Vec<Option<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str, a: &'a TextAnalysis) -> Self {
        let lower = a
            .tokens
            .iter()
            .map(|t| t.normalized(text).to_lowercase())
            .collect();
        let mut in_quote = vec![None; a.tokens.len()];
        for (qi, q) in a.quotations.iter().enumerate() {
            if q.depth != 0 || q.single {
                continue;
            }
            let end = q
                .close_token
                .unwrap_or_else(|| a.tokens.partition_point(|t| t.span.end <= q.span.end));
            for slot in in_quote.iter_mut().take(end).skip(q.open_token + 1) {
                *slot = Some(qi);
            }
        }
        Ctx {
            text,
            a,
            tokens: &a.tokens,
            lower,
            in_quote,
        }
    }

    fn w(&self, k: usize) -> &str {
        self.lower.get(k).map_or("", String::as_str)
    }

    fn is_punct(&self, k: usize, p: &str) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Punct && t.text(self.text) == p)
    }

    /// True when the capitalized word at `name` heads the phrase ending at
    /// `last` (words after it being "himself", "also", "who" or punctuation) or owns
    /// its head ("Trump's remarks"); false for "The Helsinki get-together".
    fn names_or_owns_head(&self, name: usize, last: usize) -> bool {
        if matches!(self.w(name + 1), "’s" | "'s") {
            return true;
        }
        (name + 1..=last).all(|j| {
            self.tokens[j].kind != TokenKind::Word
                || matches!(
                    self.w(j),
                    "himself"
                        | "herself"
                        | "themselves"
                        | "itself"
                        | "who"
                        | "all"
                        | "both"
                        | "also"
                        | "too"
                        | "alone"
                )
                || !self.tokens[j]
                    .text(self.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
        })
    }

    fn is_quote(&self, k: usize, mark: QuoteMark) -> bool {
        self.tokens
            .get(k)
            .is_some_and(|t| t.kind == TokenKind::Quote(mark))
    }

    fn is_close_quote(&self, k: usize) -> bool {
        self.is_quote(k, QuoteMark::CloseDouble) || self.is_quote(k, QuoteMark::CloseSingle)
    }

    fn is_boundary(&self, k: usize) -> bool {
        self.is_punct(k, ",")
            || self.is_close_quote(k)
            || self
                .tokens
                .get(k)
                .is_some_and(|t| t.kind == TokenKind::Dash)
    }

    fn span(&self, first: usize, last: usize) -> Span {
        Span::new(self.tokens[first].span.start, self.tokens[last].span.end)
    }

    /// The last token of a sentence that is not final punctuation.
    fn content_last(&self, range: &std::ops::Range<usize>) -> usize {
        let mut e = range.end - 1;
        while e > range.start
            && (self.tokens[e].is_terminal(self.text) || self.is_close_quote(e))
            && !self.is_close_quote(e)
        {
            e -= 1;
        }
        e
    }

    fn sentence(&self, si: usize, out: &mut Vec<Attribution>) {
        let range = self.a.sentences[si].tokens.clone();
        let mut k = range.start;
        while k < range.end {
            if self.in_quote[k].is_some() {
                k += 1;
                continue;
            }
            let w = self.w(k);
            if w == "according" && self.w(k + 1) == "to" && k + 1 < range.end {
                if let Some(att) = self.according_to(si, k) {
                    out.push(att);
                }
                k += 2;
                continue;
            }
            if w == "reportedly" || w == "allegedly" {
                out.push(self.hedge(si, k));
                k += 1;
                continue;
            }
            // "The minister is said to favor …": no source at all.
            if matches!(w, "is" | "are" | "was" | "were")
                && matches!(self.w(k + 1), "said" | "rumored" | "rumoured")
                && self.w(k + 2) == "to"
            {
                let mut att = self.hedge(si, k);
                att.cue = self.span(k, k + 1);
                out.push(att);
                k += 2;
                continue;
            }
            // "It is understood that …", "it is believed that …": someone unnamed.
            if w == "it"
                && matches!(self.w(k + 1), "is" | "was")
                && matches!(
                    self.w(k + 2),
                    "understood" | "believed" | "thought" | "reported" | "learned" | "learnt"
                )
                && self.w(k + 3) == "that"
            {
                if let Some(content) = self.content_after(si, k + 2, "understand") {
                    let source = Source {
                        span: self.span(k, k),
                        name: self.span(k, k + 2).slice(self.text).to_string(),
                        kind: SourceKind::Anonymous,
                    };
                    out.push(Attribution::new(
                        self.span(k + 1, k + 2),
                        Some(source),
                        content,
                    ));
                }
                k += 3;
                continue;
            }
            // "…, as first reported by Politico.", "The deal was first reported
            // by Bloomberg": the outlet is the source.
            let by_outlet = matches!(w, "as" | "was" | "were");
            if let Some(att) = by_outlet.then(|| self.as_reported_by(si, k)).flatten() {
                out.push(att);
                k += 3;
                continue;
            }
            // "Kommersant reported …, citing unnamed sources": a relay, not a new statement.
            if matches!(w, "citing" | "quoting") {
                let last_here = out
                    .last_mut()
                    .filter(|a| self.a.sentences[si].span.contains(a.cue));
                if let (Some(att), Some((f, l))) =
                    (last_here, self.right_noun_phrase(k + 1, range.end, true))
                {
                    let origin = self.classify(f, l);
                    att.chain.insert(0, chain_link(Some(&origin)));
                    k += 1;
                    continue;
                }
            }
            if let Some(&(lemma, strength)) = cue_forms().get(w) {
                let ok = match strength {
                    CueStrength::Speech => true,
                    CueStrength::Evidential => self.w(k + 1) == "that",
                    CueStrength::Clause => matches!(
                        self.w(k + 1),
                        "that"
                            | "the"
                            | "it"
                            | "he"
                            | "she"
                            | "they"
                            | "we"
                            | "his"
                            | "her"
                            | "their"
                            | "its"
                    ),
                };
                let passive = k > range.start
                    && matches!(
                        self.w(k - 1),
                        "was" | "were" | "been" | "being" | "be" | "is" | "are"
                    )
                    && lemma != "say";
                let infinitive = k > range.start && self.w(k - 1) == "to";
                let noun_use = k > range.start
                    && matches!(
                        self.w(k - 1),
                        "the" | "a" | "an" | "his" | "her" | "their" | "its"
                    );
                // "States", "Post": capitalized mid-sentence, a name, not a verb.
                let name_use = k > range.start && self.tokens[k].is_capitalized(self.text);
                // "…, who cited Y": a relay of the attribution before, not a statement.
                let relay =
                    lemma == "cite" && k > range.start && matches!(self.w(k - 1), "who" | "which");
                let hedged = (range.start..k)
                    .rev()
                    .take_while(|&x| is_cue_prefix(self.w(x)))
                    .any(|x| matches!(self.w(x), "reportedly" | "allegedly"));
                if ok && !passive && !infinitive && !noun_use && !name_use && !hedged && !relay {
                    if let Some(mut att) = self.verb_cue(si, k, lemma) {
                        self.relay_through_addressee(&mut att, k, lemma, range.end);
                        out.push(att);
                    }
                }
            }
            k += 1;
        }
    }

    /// "Lyakin-Frolov told Kommersant": the outlet told is the relay through
    /// which the statement reached the page, the last link of the chain.
    fn relay_through_addressee(&self, att: &mut Attribution, k: usize, lemma: &str, end: usize) {
        // "said in an interview with Y", "said in a statement to Y".
        let channel = (k + 1..end.min(k + 5)).find(|&x| {
            matches!(
                (self.w(x), self.w(x + 1)),
                ("interview", "with")
                    | ("statement", "to")
                    | ("interview", "to")
                    | ("remarks", "to")
            )
        });
        let start = match channel {
            Some(x) => x + 2,
            None if lemma == "tell" => k + 1,
            None => return,
        };
        let Some((f, l)) = self.right_noun_phrase(start, end, false) else {
            return;
        };
        let addressee = self.classify(f, l);
        if addressee.kind == SourceKind::Outlet
            && Some(&addressee.name) != att.source.as_ref().map(|s| &s.name)
        {
            att.chain.push(chain_link(Some(&addressee)));
        }
    }

    fn verb_cue(&self, si: usize, k: usize, lemma: &str) -> Option<Attribution> {
        let range = self.a.sentences[si].tokens.clone();
        // Auxiliaries and adverbs before the verb join the cue ("has also said").
        let mut cue_first = k;
        while cue_first > range.start
            && matches!(self.w(cue_first - 1), "has" | "have" | "had" | "also")
        {
            cue_first -= 1;
        }
        let mut before = cue_first;
        loop {
            while before > range.start && is_cue_prefix(self.w(before - 1)) {
                before -= 1;
            }
            match self.time_adjunct_before(before, range.start) {
                Some(b) if b < before => before = b,
                _ => break,
            }
        }
        let cue = self.span(cue_first, k);

        // "…,” said X." — the source follows the cue.
        if before > range.start && self.is_boundary(before - 1) && INVERTING_VERBS.contains(&lemma)
        {
            // "X, the ambassador, said the talks would go on" is no
            // inversion: a source holds no finite verb.
            let source = self.right_source(k + 1, range.end).filter(|&(f, l)| {
                // (An apposition after the name may hold a clause:
                // "said Ana Petrov, a lawyer who is …".)
                !(f..=l).take_while(|&j| !self.is_punct(j, ",")).any(|j| {
                    // ("said Will Doyle": a name, not a modal.)
                    AUXILIARIES.contains(&self.w(j)) && !self.tokens[j].is_capitalized(self.text)
                })
            });
            if let Some((s_first, s_last)) = source {
                let content = self.content_before(si, before - 1, s_last + 1)?;
                return Some(self.attribution(cue, Some((s_first, s_last)), content));
            }
        }

        match self.left_source(before, range.start) {
            Some((s_first, s_last)) => {
                // "“…,” he said" or "…, officials said (on Monday)." — content before;
                // "Later, he said the plan failed." — the comma ends an adverbial: content after.
                let quoted_before = s_first > range.start
                    && (self.is_close_quote(s_first - 1)
                        || (s_first >= range.start + 2 && self.is_close_quote(s_first - 2)));
                if s_first > range.start
                    && self.is_boundary(s_first - 1)
                    && !self.is_open_clause_after(k, range.end)
                    && (quoted_before || self.rest_is_adjunct(k, range.end, lemma))
                {
                    let content = self.content_before(si, s_first - 1, k + 1)?;
                    return Some(self.attribution(cue, Some((s_first, s_last)), content));
                }
                // "“…,” Norland's Ambassador to Veska Ivo Lanz told the daily on May 4."
                let boundary = (range.start..s_first).rev().find(|&x| self.is_boundary(x));
                let before_content = || boundary.and_then(|b| self.content_before(si, b, k + 1));
                let content = if self.rest_is_adjunct(k, range.end, lemma) {
                    before_content().or_else(|| self.content_after(si, k, lemma))
                } else {
                    self.content_after(si, k, lemma).or_else(before_content)
                }?;
                Some(self.attribution(cue, Some((s_first, s_last)), content))
            }
            None => {
                if before <= range.start {
                    return None;
                }
                // "Ted Cruz, who said …": the relative pronoun stands for the noun before it.
                if self.w(before - 1) == "who" && before >= range.start + 2 {
                    let end = if self.is_punct(before - 2, ",") {
                        before - 2
                    } else {
                        before - 1
                    };
                    let content = self.content_after(si, k, lemma)?;
                    // The source mention is "who" (as PolNeAR marks it); its name is the antecedent's.
                    let mut source = self.classify(before - 1, before - 1);
                    if let Some((f, l)) = self.left_source(end, range.start) {
                        let antecedent = self.classify(f, l);
                        source.name = antecedent.name;
                        source.kind = antecedent.kind;
                    }
                    let mut att = Attribution::new(cue, Some(source), content);
                    att.chain = vec![chain_link(att.source.as_ref())];
                    return Some(att);
                }
                // "… and said …", "…, saying …": the subject of the sentence speaks.
                let coordinated = matches!(self.w(before - 1), "and" | "then" | "but");
                let comma = self.is_punct(before - 1, ",");
                if coordinated || (comma && self.w(k).ends_with("ing")) {
                    let subject = self.subject(range.start, before - 1)?;
                    let content = self.content_after(si, k, lemma)?;
                    return Some(self.attribution(cue, Some(subject), content));
                }
                // "Carly Fiorina, a Stanford alumna, says …": the subject sits before the comma.
                if comma {
                    let source = self.left_source(before - 1, range.start)?;
                    let content = self.content_after(si, k, lemma)?;
                    return Some(self.attribution(cue, Some(source), content));
                }
                None
            }
        }
    }

    /// The start of a time adjunct ending right before `end` ("on July 7",
    /// "last week", "in April"), if there is one.
    fn time_adjunct_before(&self, end: usize, floor: usize) -> Option<usize> {
        let mut j = end;
        while j > floor {
            let w = self.w(j - 1);
            let timeish = self.tokens[j - 1].kind == TokenKind::Number
                || self.is_punct(j - 1, ",") && j < end
                || is_time_word(w);
            if !timeish {
                break;
            }
            j -= 1;
        }
        if j == end || j <= floor {
            return None;
        }
        matches!(
            self.w(j - 1),
            "on" | "in" | "last" | "this" | "earlier" | "late" | "early" | "since" | "by"
        )
        .then_some(j - 1)
        .or_else(|| matches!(self.w(j), "yesterday" | "today" | "tonight").then_some(j))
    }

    /// Past a time adjunct starting at `j` ("Tuesday", "on Monday", "last week").
    fn skip_time_forward(&self, j: usize, end: usize) -> usize {
        let mut x = j;
        if matches!(
            self.w(x),
            "on" | "last" | "this" | "earlier" | "late" | "early"
        ) {
            x += 1;
        }
        let start = x;
        while x < end
            && (is_time_word(self.w(x)) || (x > start && self.tokens[x].kind == TokenKind::Number))
        {
            x += 1;
        }
        if x == start {
            j
        } else {
            x
        }
    }

    /// True when what follows the cue at `k` up to the sentence end is no
    /// content: nothing, or adjuncts only ("said on Monday", "told reporters").
    fn rest_is_adjunct(&self, k: usize, end: usize, lemma: &str) -> bool {
        let mut j = k + 1;
        if ADDRESSEE_VERBS.contains(&lemma) {
            while j < end
                && self.tokens[j].kind == TokenKind::Word
                && (self.tokens[j].is_capitalized(self.text)
                    || matches!(
                        self.w(j),
                        "him" | "her" | "them" | "me" | "us" | "reporters" | "journalists" | "the"
                    ))
            {
                j += 1;
            }
        }
        j = self.skip_time_forward(j, end);
        if j >= end || self.tokens[j].is_terminal(self.text) || self.is_punct(j, ",") {
            return true;
        }
        let adjunct_start = matches!(
            self.w(j),
            "in" | "on"
                | "at"
                | "during"
                | "after"
                | "before"
                | "while"
                | "from"
                | "last"
                | "this"
                | "earlier"
                | "later"
                | "yesterday"
                | "today"
                | "tonight"
                | "via"
                | "through"
                | "outside"
                | "inside"
                | "near"
                | "when"
                | "as"
                | "with"
                | "of"
                | "recently"
                | "repeatedly"
                | "again"
                | "afterward"
                | "privately"
                | "publicly"
        ) || is_time_word(self.w(j));
        adjunct_start
            && !(j..end).any(|x| {
                self.w(x) == "that"
                    || self.is_punct(x, ":")
                    || self.is_quote(x, QuoteMark::OpenDouble)
            })
    }

    /// True when a content clause plainly follows the cue ("that …", ":").
    fn is_open_clause_after(&self, k: usize, end: usize) -> bool {
        k + 1 < end
            && (self.w(k + 1) == "that"
                || self.is_punct(k + 1, ":")
                || self.is_quote(k + 1, QuoteMark::OpenDouble))
    }

    /// The source noun phrase ending right before `end` (exclusive), searching back to `floor`.
    fn left_source(&self, end: usize, floor: usize) -> Option<(usize, usize)> {
        if end <= floor {
            return None;
        }
        let last = end - 1;
        let mut first = end;
        let mut paren = 0usize;
        while first > floor && end - first < 12 {
            let j = first - 1;
            let t = &self.tokens[j];
            let w = self.w(j);
            if t.text(self.text) == ")" {
                paren += 1;
                first = j;
                continue;
            }
            if t.text(self.text) == "(" && paren > 0 {
                paren -= 1;
                first = j;
                continue;
            }
            if paren > 0 {
                first = j;
                continue;
            }
            let wordish = matches!(t.kind, TokenKind::Word | TokenKind::Number)
                || (t.kind == TokenKind::Quote(QuoteMark::CloseSingle) && j > floor);
            if !wordish || self.in_quote[j].is_some() {
                break;
            }
            let close_to = w == "to" && j > floor && self.w(j - 1) == "close";
            // "Ambassador to Veska Ivo Lanz", "the ambassador to Moscow".
            let title_to = w == "to"
                && j > floor
                && (self.tokens[j - 1].is_capitalized(self.text) || is_title(self.w(j - 1)))
                && self
                    .tokens
                    .get(j + 1)
                    .is_some_and(|t| t.is_capitalized(self.text));
            if (SOURCE_STOPS.contains(&w) && !title_to && !close_to)
                || cue_forms()
                    .get(w)
                    .is_some_and(|&(_, s)| s == CueStrength::Speech)
            {
                break;
            }
            first = j;
        }
        if first > last {
            return None;
        }
        // A source must hold a noun-like word: not just "also" or "then".
        let has_head = (first..=last).any(|j| {
            let w = self.w(j);
            !is_cue_prefix(w) && !matches!(w, "the" | "a" | "an" | "’s" | "'s")
        });
        has_head.then_some((first, last))
    }

    /// The source noun phrase starting at `start` after an inverted cue ("said Gen. Smith").
    fn right_source(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        self.right_noun_phrase(start, end, false)
    }

    /// A noun phrase starting at `start`; `any_start` also admits a lowercase
    /// first word ("citing unnamed sources").
    fn right_noun_phrase(
        &self,
        start: usize,
        end: usize,
        any_start: bool,
    ) -> Option<(usize, usize)> {
        if start >= end {
            return None;
        }
        let first_word = self.w(start);
        if PERSON_PRONOUNS.contains(&first_word) || first_word == "they" || first_word == "we" {
            return Some((start, start));
        }
        let t = &self.tokens[start];
        let det = matches!(first_word, "the" | "a" | "an" | "one" | "another");
        if !(t.is_capitalized(self.text) || det || any_start) || t.kind != TokenKind::Word {
            return None;
        }
        let mut last = start;
        let mut j = start + 1;
        let mut paren = 0usize;
        while j < end && j - start < 14 {
            let tk = &self.tokens[j];
            let s = tk.text(self.text);
            let w = self.w(j);
            if s == "(" {
                paren += 1;
            } else if s == ")" {
                if paren == 0 {
                    break;
                }
                paren -= 1;
                last = j;
                j += 1;
                continue;
            }
            if paren > 0 {
                j += 1;
                continue;
            }
            let stop = !matches!(tk.kind, TokenKind::Word | TokenKind::Number)
                || matches!(
                    w,
                    "in" | "on"
                        | "at"
                        | "during"
                        | "who"
                        | "which"
                        | "when"
                        | "after"
                        | "before"
                        | "while"
                        | "to"
                        | "that"
                        | "as"
                        | "and"
                        | "but"
                        | "because"
                        | "adding"
                        | "saying"
                        | "noting"
                        | "told"
                        | "last"
                        | "this"
                        | "earlier"
                        | "later"
                )
                || cue_forms().contains_key(w);
            if stop {
                // "said Tom Okafor, a lawyer for the union": the appositive belongs to the source.
                if self.is_punct(j, ",")
                    && !any_start
                    && self.tokens[last].is_capitalized(self.text)
                {
                    if let Some(end_of_apposition) = self.apposition(j + 1, end) {
                        last = end_of_apposition;
                    }
                }
                break;
            }
            last = j;
            j += 1;
        }
        Some((start, last))
    }

    /// An apposition starting at `start` ("a lawyer for the union", "the
    /// campaign manager"): its last token, up to the next comma or stop.
    fn apposition(&self, start: usize, end: usize) -> Option<usize> {
        let w = self.w(start);
        if !(matches!(w, "a" | "an" | "the") || is_title(w) || PERSON_NOUNS.contains(&w)) {
            return None;
        }
        let mut last = start;
        let mut j = start + 1;
        while j < end && j - start < 12 {
            let t = &self.tokens[j];
            if !matches!(t.kind, TokenKind::Word | TokenKind::Number)
                || cue_forms().contains_key(self.w(j))
            {
                break;
            }
            last = j;
            j += 1;
        }
        Some(last)
    }

    /// The subject at the start of a sentence: its first noun phrase.
    fn subject(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let mut j = start;
        // An opening adverbial ("On Tuesday, …", "Then, …") is not the subject.
        if let Some(comma) = (start..end.min(start + 8)).find(|&x| self.is_punct(x, ",")) {
            if INTRODUCERS.contains(&self.w(start)) {
                j = comma + 1;
            }
        }
        while j < end && (self.tokens[j].kind != TokenKind::Word) {
            j += 1;
        }
        if INTRODUCERS.contains(&self.w(j)) {
            return None;
        }
        // The noun phrase before the sentence's first verb ("The union rejected …").
        if let Some(verb) = (j + 1..end).find(|&x| self.looks_like_verb(x)) {
            if let Some(np) = self.left_source(verb, j) {
                if np.0 == j {
                    return Some(np);
                }
            }
        }
        let first = j;
        while j < end
            && self.tokens[j].kind == TokenKind::Word
            && (self.tokens[j].is_capitalized(self.text)
                || matches!(self.w(j), "the" | "a" | "an" | "’s" | "'s")
                || is_title(self.w(j)))
        {
            j += 1;
        }
        if j == first {
            // A lone pronoun subject ("He …").
            let w = self.w(first);
            return (PERSON_PRONOUNS.contains(&w) || w == "they").then_some((first, first));
        }
        Some((first, j - 1))
    }

    /// A rough verb test without a tagger: a cue verb, an auxiliary, or an "-ed" form.
    fn looks_like_verb(&self, k: usize) -> bool {
        let w = self.w(k);
        self.tokens[k].kind == TokenKind::Word
            && !self.tokens[k].is_capitalized(self.text)
            && (cue_forms().contains_key(w)
                || AUXILIARIES.contains(&w)
                || (w.len() > 4 && w.ends_with("ed")))
    }

    /// Content after a cue at `k`, to the end of the sentence (or of a quotation starting there).
    fn content_after(&self, si: usize, k: usize, lemma: &str) -> Option<Content> {
        let range = self.a.sentences[si].tokens.clone();
        let mut j = k + 1;
        if j >= range.end {
            return None;
        }
        j = self.skip_time_forward(j, range.end);
        if j >= range.end {
            return None;
        }
        // A "that" clause within reach wins: "told Kommersant on July 19 that …".
        let reach = (j + 9).min(range.end);
        if let Some(t) = (j..reach).find(|&t| self.w(t) == "that") {
            // Commas may set off adjuncts ("reported on Monday, citing two members, that").
            let adjuncts_only = matches!(
                self.w(j),
                "on" | "in" | "at" | "last" | "citing" | "quoting" | "earlier" | "during"
            ) || self.is_punct(j, ",");
            let comma_between =
                (j..t).any(|x| self.is_punct(x, ",") || self.is_quote(x, QuoteMark::OpenDouble));
            if !comma_between || adjuncts_only {
                j = t;
            }
        } else if let Some(to) = ADDRESSEE_VERBS
            .contains(&lemma)
            .then(|| (j + 1..reach.min(j + 4)).find(|&t| self.w(t) == "to"))
            .flatten()
            .filter(|&t| (j..t).all(|x| self.tokens[x].kind == TokenKind::Word))
        {
            // "urged residents to stay indoors": the content is the infinitive.
            j = to;
        } else if ADDRESSEE_VERBS.contains(&lemma) {
            // Skip the addressee: a pronoun, a name or a short noun phrase.
            let mut x = j;
            while x < range.end
                && x < j + 5
                && self.tokens[x].kind == TokenKind::Word
                && !CLAUSE_WORDS.contains(&self.w(x))
                && (self.tokens[x].is_capitalized(self.text)
                    || matches!(
                        self.w(x),
                        "him" | "her" | "them" | "me" | "us" | "reporters" | "the" | "journalists"
                    ))
            {
                x += 1;
            }
            j = x;
        }
        while j < range.end && (self.is_punct(j, ":") || self.is_punct(j, ",")) {
            j += 1;
        }
        if j >= range.end {
            // "He said:" closing a paragraph introduces the next one.
            return (self.is_punct(j - 1, ":"))
                .then(|| self.next_paragraph_content(si))
                .flatten();
        }
        // A quotation opening right here: the content is the whole quotation.
        if self.is_quote(j, QuoteMark::OpenDouble) {
            if let Some(q) = self.a.quotations.iter().find(|q| q.open_token == j) {
                return Some(Content {
                    span: q.span,
                    direct: true,
                });
            }
        }
        let mut last = self.content_last(&range);
        // A new attribution clause ends the content: "…, saying …", "…, according to …".
        if let Some(comma) = (j + 1..last).find(|&x| {
            self.is_punct(x, ",")
                && self.in_quote[x].is_none()
                && (self.w(x + 1) == "according"
                    || (self.w(x + 1).ends_with("ing") && cue_forms().contains_key(self.w(x + 1))))
        }) {
            last = comma - 1;
        }
        if last < j || (last == j && self.tokens[j].kind != TokenKind::Word) {
            return None;
        }
        let direct = self.in_quote[j + 1.min(last - j)].is_some();
        Some(Content {
            span: self.span(j, last),
            direct,
        })
    }

    /// The paragraph after the one holding sentence `si`, as content: its
    /// opening quotation when it starts with one, else the whole paragraph.
    fn next_paragraph_content(&self, si: usize) -> Option<Content> {
        let para = self.a.paragraph_of(si)?;
        let next = self.a.paragraphs.get(para + 1)?;
        let first = self.a.sentences.get(next.sentences.start)?.tokens.start;
        if self.is_quote(first, QuoteMark::OpenDouble) {
            if let Some(q) = self.a.quotations.iter().find(|q| q.open_token == first) {
                return Some(Content {
                    span: q.span,
                    direct: true,
                });
            }
        }
        Some(Content {
            span: next.span,
            direct: false,
        })
    }

    /// Content before the source/cue: the quotation closing at `boundary`, or
    /// the sentence up to it; then the quotation continuing after `after`.
    fn content_before(&self, si: usize, boundary: usize, after: usize) -> Option<Content> {
        let range = self.a.sentences[si].tokens.clone();
        // The quotation that closes at or just before the boundary.
        let close = if self.is_close_quote(boundary) {
            Some(boundary)
        } else if boundary > range.start && self.is_close_quote(boundary - 1) {
            Some(boundary - 1)
        } else {
            None
        };
        let quote = close.and_then(|c| {
            self.a
                .quotations
                .iter()
                .find(|q| q.close_token == Some(c) && !q.single)
        });
        let opens_sentence = |q: &sourcetrace_text::Quotation| {
            q.open_token <= range.start
                || (range.start..q.open_token)
                    .all(|x| !matches!(self.tokens[x].kind, TokenKind::Word | TokenKind::Number))
        };
        let (mut span, direct) = match quote {
            Some(q) if opens_sentence(q) => (q.span, true),
            _ => {
                let mut first = range.start;
                while first < boundary && matches!(self.w(first), "and" | "but" | "so") {
                    first += 1;
                }
                if first >= boundary {
                    return None;
                }
                let mut last = boundary - 1;
                while last > first && self.is_punct(last, ",") {
                    last -= 1;
                }
                (self.span(first, last), false)
            }
        };
        if direct {
            span = self.continue_quotation(si, after, span);
        }
        Some(Content { span, direct })
    }

    /// Extend a direct content over the quotation that resumes after the cue
    /// ("“A,” he said, “B.”") and the quotation sentences that follow it.
    fn continue_quotation(&self, si: usize, after: usize, mut span: Span) -> Span {
        let range = self.a.sentences[si].tokens.clone();
        let mut j = after;
        while j < range.end
            && !self.is_quote(j, QuoteMark::OpenDouble)
            && !self.tokens[j].is_terminal(self.text)
        {
            j += 1;
        }
        if j < range.end && self.is_quote(j, QuoteMark::OpenDouble) {
            if let Some(q) = self.a.quotations.iter().find(|q| q.open_token == j) {
                span = span.cover(q.span);
            }
        }
        // Following sentences of the same paragraph that are quotations.
        let para = self.a.paragraph_of(si);
        let mut next = si + 1;
        while next < self.a.sentences.len() && self.a.paragraph_of(next) == para {
            let first = self.a.sentences[next].tokens.start;
            if !self.is_quote(first, QuoteMark::OpenDouble)
                || span.end > self.tokens[first].span.start
            {
                break;
            }
            let Some(q) = self.a.quotations.iter().find(|q| q.open_token == first) else {
                break;
            };
            // Stop when the quotation has its own cue after it ("“B,” she said.").
            let sent_end = self.a.sentences[next].span.end;
            if q.span.end < sent_end.saturating_sub(1) {
                break;
            }
            span = span.cover(q.span);
            next += 1;
        }
        span
    }

    /// "The senator will resign, as first reported by Politico."
    fn as_reported_by(&self, si: usize, k: usize) -> Option<Attribution> {
        let range = self.a.sentences[si].tokens.clone();
        let mut j = k + 1;
        if matches!(self.w(j), "first" | "previously" | "earlier" | "originally") {
            j += 1;
        }
        if !matches!(self.w(j), "reported" | "revealed")
            || self.w(j + 1) != "by"
            || k <= range.start
        {
            return None;
        }
        let (f, l) = self.right_noun_phrase(j + 2, range.end, false)?;
        let mut last = k - 1;
        while last > range.start && self.is_punct(last, ",") {
            last -= 1;
        }
        let content = Content {
            span: self.span(range.start, last),
            direct: false,
        };
        Some(self.attribution(self.span(k, j), Some((f, l)), content))
    }

    fn according_to(&self, si: usize, k: usize) -> Option<Attribution> {
        let range = self.a.sentences[si].tokens.clone();
        let cue = self.span(k, k + 1);
        let (s_first, mut s_last) = (k + 2, k + 2);
        if s_first >= range.end {
            return None;
        }
        let mut j = s_first;
        while j < range.end
            && !self.is_punct(j, ",")
            && !self.tokens[j].is_terminal(self.text)
            && !self.is_quote(j, QuoteMark::OpenDouble)
            && !matches!(self.w(j), "who" | "which")
        {
            s_last = j;
            j += 1;
        }
        // "according to X, who cited Y, …": the relative clause belongs to the source.
        let mut after_source = j;
        while after_source < range.end && self.is_punct(after_source, ",") {
            after_source += 1;
        }
        let relative = matches!(self.w(after_source), "who" | "which");
        let relative_end = if relative {
            (after_source..range.end)
                .find(|&x| self.is_punct(x, ",") || self.tokens[x].is_terminal(self.text))
                .unwrap_or(range.end)
        } else {
            j
        };
        let leading = (range.start..k)
            .all(|x| !matches!(self.tokens[x].kind, TokenKind::Word | TokenKind::Number));
        let content = if leading || k == range.start {
            let mut c = relative_end;
            while c < range.end && self.is_punct(c, ",") {
                c += 1;
            }
            let last = self.content_last(&range);
            if c > last {
                return None;
            }
            Content {
                span: self.span(c, last),
                direct: self.is_quote(c, QuoteMark::OpenDouble),
            }
        } else {
            let mut last = k - 1;
            while last > range.start && self.is_punct(last, ",") {
                last -= 1;
            }
            let mut first = range.start;
            if self.is_close_quote(last)
                || self.is_punct(last, ",") && self.is_close_quote(last.saturating_sub(1))
            {
                if let Some(q) = self
                    .a
                    .quotations
                    .iter()
                    .find(|q| q.close_token == Some(last))
                {
                    // A quotation opened in an earlier sentence extends the content back;
                    // one opened mid-sentence is part of a larger content.
                    first = first.min(q.open_token);
                }
            }
            let tail = self.content_last(&range);
            let end = if !relative && j <= tail && self.is_punct(j, ",") {
                tail
            } else {
                last
            };
            Content {
                span: self.span(first.min(last), end),
                direct: self.is_quote(first, QuoteMark::OpenDouble),
            }
        };
        let mut att = self.attribution(cue, Some((s_first, s_last)), content);
        // "according to X, who cited Y": Y is the origin.
        let c = after_source;
        if relative && matches!(self.w(c + 1), "cited" | "quoted" | "cites" | "quotes") {
            if let Some((f, l)) = self.right_noun_phrase(c + 2, range.end, true) {
                let origin = self.classify(f, l);
                att.chain.insert(0, chain_link(Some(&origin)));
            }
        }
        Some(att)
    }

    fn hedge(&self, si: usize, k: usize) -> Attribution {
        let range = self.a.sentences[si].tokens.clone();
        let last = self.content_last(&range);
        let content = Content {
            span: self.span(range.start, last.max(range.start)),
            direct: false,
        };
        Attribution::new(self.tokens[k].span, None, content)
    }

    /// A paragraph that is one bare quotation, with no cue of its own,
    /// continues the speaker of the attribution before it.
    fn bare_quotation_paragraphs(&self, out: &mut Vec<Attribution>) {
        let mut added = Vec::new();
        for p in &self.a.paragraphs {
            let Some(first) = self
                .a
                .sentences
                .get(p.sentences.start)
                .map(|s| s.tokens.start)
            else {
                continue;
            };
            if !self.is_quote(first, QuoteMark::OpenDouble) {
                continue;
            }
            let Some(q) = self.a.quotations.iter().find(|q| q.open_token == first) else {
                continue;
            };
            if q.span.end + 1 < p.span.end
                || out
                    .iter()
                    .any(|a| a.content.span.overlaps(p.span) || p.span.contains(a.cue))
            {
                continue;
            }
            let previous = out
                .iter()
                .filter(|a| a.cue.end <= p.span.start && a.source.is_some())
                .max_by_key(|a| a.cue.end);
            if let Some(prev) = previous {
                // Only when the previous speaker is near: within the two paragraphs before.
                let gap = &self.text[prev.cue.end.min(p.span.start)..p.span.start];
                if gap.matches("\n\n").count() > 2 {
                    continue;
                }
                let mut att = Attribution::new(
                    self.tokens[first].span,
                    prev.source.clone(),
                    Content {
                        span: q.span,
                        direct: true,
                    },
                );
                att.chain = prev.chain.clone();
                added.push(att);
            }
        }
        out.extend(added);
    }

    fn attribution(
        &self,
        cue: Span,
        source: Option<(usize, usize)>,
        content: Content,
    ) -> Attribution {
        let source = source.map(|(f, l)| {
            let mut s = self.classify(f, l);
            // "an official", "a source": an unnamed someone is no one's apposition.
            let unnamed = s.kind == SourceKind::Anonymous;
            if let Some(named) = self.named_by_apposition(f).filter(|_| !unnamed) {
                s.name = named.name;
                s.kind = named.kind;
            }
            s
        });
        Attribution::new(cue, source, content)
    }

    /// "Gen. Kenneth McKenzie, commander of Central Command, confirmed": the
    /// source mention is the lowercase apposition (as PolNeAR marks it), but
    /// the party is the name before its comma.
    fn named_by_apposition(&self, first: usize) -> Option<Source> {
        if first < 2
            || !self.is_punct(first - 1, ",")
            || self.tokens[first].is_capitalized(self.text)
        {
            return None;
        }
        let si = self.a.sentence_of(first)?;
        let floor = self.a.sentences[si].tokens.start;
        let (f, l) = self.left_source(first - 1, floor)?;
        let opens =
            f == floor || self.is_boundary(f - 1) || self.is_quote(f - 1, QuoteMark::OpenDouble);
        let named = self.classify(f, l);
        // Only a name stands before its apposition ("Gen. Kenneth McKenzie,"),
        // not a clause ("Putin met Biden in Geneva,").
        let only_name = (f..=l).all(|j| {
            self.tokens[j].kind != TokenKind::Word
                || self.tokens[j].is_capitalized(self.text)
                || matches!(
                    self.w(j),
                    "of" | "and" | "for" | "the" | "de" | "van" | "von" | "al" | "bin"
                )
        });
        (opens
            && only_name
            && self.tokens[f].is_capitalized(self.text)
            && !INTRODUCERS.contains(&self.w(f))
            && named.kind == SourceKind::Person)
            .then_some(named)
    }

    /// True when the sentence of token `k` says the source asked not to be
    /// named ("on condition of anonymity", "who asked not to be named").
    fn anonymity_requested(&self, k: usize) -> bool {
        let Some(si) = self.a.sentence_of(k) else {
            return false;
        };
        let range = self.a.sentences[si].tokens.clone();
        range.clone().any(|x| {
            self.w(x) == "anonymity"
                || (self.w(x) == "not"
                    && self.w(x + 1) == "to"
                    && self.w(x + 2) == "be"
                    && matches!(self.w(x + 3), "named" | "identified"))
        })
    }

    /// Name and kind of the source spanning tokens `first..=last`.
    ///
    /// A span that reads as anonymous, unknown or a body as a whole may
    /// still open with a named person: "Ana Petrov, who heads an association
    /// of analysts" (the clause's "analysts" is not the head), "Petrov and
    /// her aides" (the named person speaks with her own people), "Ana
    /// Petrov, a fellow at the Harbor Institute". That person is the party.
    fn classify(&self, first: usize, last: usize) -> Source {
        let whole = self.classify_whole(first, last);
        if whole.kind == SourceKind::Person || !self.tokens[first].is_capitalized(self.text) {
            return whole;
        }
        let cut = (first + 1..=last).find(|&j| {
            self.is_punct(j, ",")
                || self.is_punct(j, "(")
                || matches!(self.w(j), "who" | "whose")
                || (self.w(j) == "and" && matches!(self.w(j + 1), "his" | "her" | "their"))
        });
        let Some(cut) = cut else {
            return whole;
        };
        // A span read as a body ("Nina Petrova, a fellow at the Harbor
        // Institute who studies ports", "Jon Reed, the ambassador to
        // Moscow") is the person only when a person is described: a relative
        // "who" after the name, or a title or person noun on either side of
        // the cut ("Harbor Savings, the bank" stays the bank).
        if whole.kind != SourceKind::Anonymous && whole.kind != SourceKind::Unknown {
            let relative = (cut..=last).any(|j| matches!(self.w(j), "who" | "whose"));
            let described = (first..=last)
                .filter(|&j| j != cut)
                .any(|j| is_title(self.w(j)) || is_person_noun(self.w(j)));
            if !relative && !described {
                return whole;
            }
        }
        // A full name, or one capitalized word the text also capitalizes
        // mid-sentence ("Vapaavuori, who was elected"), not a capitalized
        // opener ("Anyone who has studied", "Third, no matter what").
        let names: Vec<usize> = (first..cut)
            .filter(|&j| {
                self.tokens[j].kind == TokenKind::Word
                    && self.tokens[j].is_capitalized(self.text)
                    && !is_title(self.w(j))
                    && !crate::mentions::is_function_word(self.w(j))
            })
            .collect();
        // "Many Democrats, including …" is a group, whatever it includes.
        let quantified = matches!(
            self.w(first),
            "many" | "some" | "several" | "most" | "few" | "other" | "all" | "both"
        );
        let named_person = match names.as_slice() {
            _ if quantified => false,
            [] => false,
            [j] => {
                // (Not an abbreviation: "This Nov. 11 file photo,".)
                self.w(*j).len() > 3
                    && !self.w(*j).ends_with('.')
                    && crate::resolve::capitalized_inside_sentence(
                        self.text,
                        self.tokens[*j].text(self.text),
                    )
            }
            _ => true,
        };
        match named_person.then(|| self.classify_whole(first, cut - 1)) {
            Some(named) if named.kind == SourceKind::Person => Source {
                span: whole.span,
                ..named
            },
            _ => whole,
        }
    }

    fn classify_whole(&self, first: usize, last: usize) -> Source {
        let span = self.span(first, last);
        let words: Vec<&str> = (first..=last).map(|j| self.w(j)).collect();
        let head = words
            .iter()
            .rev()
            .find(|w| !matches!(**w, "’s" | "'s" | ")" | "("))
            .copied()
            .unwrap_or("");
        let capitalized: Vec<usize> = (first..=last)
            .filter(|&j| {
                // "Both Trump and Putin", "Among Trump's aides" (but
                // "Reporters Without Borders").
                let opening_function_word =
                    j == first && crate::mentions::is_function_word(self.w(j));
                self.tokens[j].is_capitalized(self.text)
                    && !is_title(self.w(j))
                    && !is_demonym(self.w(j))
                    && !opening_function_word
            })
            .collect();
        // "officials", "two council members", "a person familiar with the matter":
        // an unnamed group or an indefinite someone.
        let indefinite = matches!(
            words[0],
            "a" | "an" | "one" | "another" | "some" | "several" | "two" | "three" | "many"
        ) || self.tokens[first].kind == TokenKind::Number;
        // "officials in Washington": the head comes before the preposition.
        let head_before_preposition = words
            .iter()
            .skip(1)
            .position(|w| matches!(*w, "in" | "at" | "from" | "with" | "inside" | "within"))
            .map(|k| words[k]);
        let unnamed = |h: &str| ANONYMOUS_HEADS.contains(&h) && (h.ends_with('s') || indefinite);
        let unnamed_head = unnamed(head) || head_before_preposition.is_some_and(unnamed);
        // "Dushanbe requested", "Moscow", "Tajikistan’s government": a country or
        // its capital standing for its government.
        let place = (!capitalized.is_empty())
            .then(|| {
                let (from, to) = longest_run(&capitalized);
                // "The Washington Post", "The Moscow Times": an outlet named
                // after a place, not the place's government.
                if to > from && OUTLET_WORDS.contains(&self.w(to)) {
                    return None;
                }
                country_of(self.span(from, to).slice(self.text)).or_else(|| {
                    // "Tajikistan’s government on July 7": any capitalized word may be the country,
                    // but not a surname after a first name ("ELISE JORDAN").
                    capitalized
                        .iter()
                        .filter(|&&j| {
                            !(j > first
                                && capitalized.contains(&(j - 1))
                                && first_name_gender(self.tokens[j - 1].text(self.text)).is_some())
                        })
                        .find_map(|&j| country_of(self.tokens[j].text(self.text)))
                })
            })
            .flatten();
        let governmental = words.len() <= 2 || words.iter().any(|w| GOVERNMENT_WORDS.contains(w));
        // "officials in Washington", "Russian officials": unnamed people of a
        // government are anonymous, not the government itself.
        if let Some(country) =
            place.filter(|_| governmental && !(unnamed_head && head != "reports"))
        {
            return Source {
                span,
                name: country.name.to_string(),
                kind: SourceKind::Government,
            };
        }
        // "sources close to the minister", "people familiar with the talks".
        let close_to = words
            .windows(2)
            .any(|p| p == ["close", "to"] || p == ["familiar", "with"]);
        // "reports say", "a report said", a headline's "Report:": no one named.
        let reports = (head == "reports" || head == "report" && (indefinite || words.len() == 1))
            && capitalized.iter().all(|&j| j == last);
        let kind = if self.anonymity_requested(first)
            || (unnamed_head && head != "reports")
            || close_to
            || reports
        {
            SourceKind::Anonymous
        } else if (words.len() == 1 && PERSON_PRONOUNS.contains(&head))
            || is_title(head)
            || PERSON_NOUNS.contains(&head)
        {
            SourceKind::Person
        } else if capitalized.last() == Some(&last)
            && capitalized.len() >= 2
            && words.iter().any(|w| is_title(w))
            // "The Russian Foreign Ministry": a body, whatever title word it
            // holds (but "Sen. Ana Petrov, the ranking member of the Harbor
            // Committee" is the senator).
            && !(head.len() > 3
                && GOVERNMENT_WORDS.contains(&head)
                && !(first..=last).any(|j| self.is_punct(j, ",")))
        {
            // "Council chairman Elias Brandvold": a title before a name.
            SourceKind::Person
        } else if words.iter().any(|w| OUTLET_WORDS.contains(w))
            && !words
                .iter()
                .any(|w| ANONYMOUS_HEADS.contains(w) && *w != "reports")
        {
            SourceKind::Outlet
        } else if ANONYMOUS_HEADS.contains(&head) && capitalized.is_empty() {
            SourceKind::Anonymous
        } else if let Some(party) = plural_of_people(head) {
            // "Many Russians", "Republicans": an unnamed group of a nation or
            // a party, or the party itself ("the Democrats"; but "some
            // Republicans", "13% of Republicans", "not all Republicans", and
            // "conservatives" in lowercase are people of a party or a view).
            let head_capitalized = (first..=last)
                .rev()
                .find(|&j| self.w(j) == head)
                .is_some_and(|j| self.tokens[j].is_capitalized(self.text));
            let some_of = indefinite
                || matches!(words[0], "most" | "few" | "other" | "not" | "only")
                || words.iter().any(|w| matches!(*w, "%" | "percent"));
            if party && head_capitalized && !some_of {
                SourceKind::Organization
            } else {
                SourceKind::Anonymous
            }
        } else if words.iter().any(|w| GOVERNMENT_WORDS.contains(w)) {
            SourceKind::Government
        } else if words.iter().any(|w| ORGANIZATION_WORDS.contains(w)) {
            SourceKind::Organization
        } else if capitalized.len() >= 2
            || (capitalized.len() == 1
                && words.len() <= 3
                // "The Helsinki get-together" is a thing named after a
                // place, not a person: the one capital must be the head
                // ("Trump himself") or own it ("Trump's remarks").
                && self.names_or_owns_head(capitalized[0], last))
        {
            SourceKind::Person
        } else {
            SourceKind::Unknown
        };
        // The name: for named parties, the capitalized words without titles or determiners.
        let name = match kind {
            SourceKind::Person
            | SourceKind::Outlet
            | SourceKind::Organization
            | SourceKind::Government
                if !capitalized.is_empty() =>
            {
                // Names hold "of", "and", "for" between capitalized words:
                // "Voice of America", "Department of Defense".
                // A body's name keeps its capitalized title words: "Justice
                // Department", "Foreign Ministry" (not "Senate Majority Leader
                // Mitch McConnell").
                let body_last = capitalized.last().is_some_and(|&j| {
                    [GOVERNMENT_WORDS, ORGANIZATION_WORDS, OUTLET_WORDS]
                        .iter()
                        .any(|set| set.contains(&self.w(j)))
                });
                let in_name = |j: usize| {
                    capitalized.contains(&j)
                        || (kind != SourceKind::Person
                            && body_last
                            && j > first
                            && is_title(self.w(j))
                            && self.tokens[j].is_capitalized(self.text))
                };
                let joined: Vec<usize> = (first..=last)
                    .filter(|&j| {
                        in_name(j)
                            || (matches!(self.w(j), "of" | "and" | "for")
                                && j > first
                                && in_name(j - 1)
                                && in_name(j + 1))
                    })
                    .collect();
                // "Paul Dales, chief economist at Capital Economics": the
                // person is the name before the apposition's comma.
                let comma = (first..=last).find(|&j| self.is_punct(j, ","));
                let named_first: Vec<usize> = capitalized
                    .iter()
                    .copied()
                    .filter(|&j| comma.is_some_and(|c| j < c))
                    .collect();
                // "Harbor Affairs Committee Chairman Ed Reed": the
                // person is the full name right after the last title, not
                // the longer run of the body he chairs ("Former CIA Chief of
                // Station Dan Reed" keeps "Dan Reed": one word is no name).
                let after_title = (first..last)
                    .rev()
                    .find(|&j| is_title(self.w(j)) && capitalized.contains(&(j + 1)))
                    .map(|j| {
                        let mut to = j + 1;
                        while capitalized.contains(&(to + 1)) {
                            to += 1;
                        }
                        (j + 1, to)
                    })
                    .filter(|&(from, to)| to > from);
                let (mut from, to) = if kind == SourceKind::Person && named_first.len() >= 2 {
                    longest_run(&named_first)
                } else if let Some(run) = after_title.filter(|_| kind == SourceKind::Person) {
                    run
                } else if kind == SourceKind::Person {
                    longest_run(&capitalized)
                } else {
                    longest_run(&joined)
                };
                // "Ambassador to Tajikistan Igor Lyakin-Frolov", "Secretary of State
                // Antony Blinken": the words after the preposition name the post, the
                // last two the person.
                let after_preposition =
                    from > first && matches!(self.w(from - 1), "to" | "of" | "for" | "at");
                if kind == SourceKind::Person && after_preposition && to >= from + 2 {
                    from = to - 1;
                }
                // "Newspaper Komsomolskaya Pravda": the common noun opening a
                // sentence is not part of the outlet's name.
                while kind == SourceKind::Outlet
                    && from < to
                    && matches!(
                        self.w(from),
                        "newspaper" | "daily" | "agency" | "magazine" | "broadcaster" | "tabloid"
                    )
                {
                    from += 1;
                }
                // "Trump and Putin", "President Trump and President Putin":
                // two people, named together: a run of capitalized words on
                // each side of "and", nothing else but titles and function words.
                if let Some(and) = (kind == SourceKind::Person)
                    .then(|| (first..=last).find(|&j| self.w(j) == "and"))
                    .flatten()
                {
                    let (left, right): (Vec<usize>, Vec<usize>) =
                        capitalized.iter().partition(|&&j| j < and);
                    let run = |side: &[usize]| {
                        let (&a, &b) = (side.first()?, side.last()?);
                        let contiguous = side.windows(2).all(|w| w[1] == w[0] + 1);
                        let pronoun = side.iter().any(|&j| PERSON_PRONOUNS.contains(&self.w(j)));
                        (contiguous && !pronoun).then(|| self.span(a, b).slice(self.text))
                    };
                    let only_names = (first..=last).all(|j| {
                        j == and
                            || capitalized.contains(&j)
                            || is_title(self.w(j))
                            || crate::mentions::is_function_word(self.w(j))
                    });
                    if let (true, Some(a), Some(b)) = (only_names, run(&left), run(&right)) {
                        return Source {
                            span,
                            name: format!("{a} and {b}"),
                            kind,
                        };
                    }
                }
                // "the Trump administration", "the Petrov campaign": a body
                // named after a person keeps its noun, or it reads as the
                // person.
                let to = if matches!(kind, SourceKind::Government | SourceKind::Organization)
                    && to < last
                    && matches!(self.w(to + 1), "administration" | "campaign" | "government")
                    && !self.tokens[to + 1].is_capitalized(self.text)
                {
                    to + 1
                } else {
                    to
                };
                self.span(from, to).slice(self.text).to_string()
            }
            _ => span.slice(self.text).to_string(),
        };
        Source { span, name, kind }
    }
}

/// Month, weekday and time-unit words.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan."
            | "feb."
            | "aug."
            | "sept."
            | "sep."
            | "oct."
            | "nov."
            | "dec."
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
            | "weekend"
            | "yesterday"
            | "today"
            | "tonight"
            | "spring"
            | "summer"
            | "autumn"
            | "fall"
            | "winter"
    )
}

/// Verbs that may precede their subject: "“…,” said the envoy."
const INVERTING_VERBS: &[&str] = &[
    "say",
    "add",
    "write",
    "ask",
    "explain",
    "note",
    "reply",
    "respond",
    "recall",
    "insist",
    "argue",
    "declare",
    "tweet",
    "warn",
    "concede",
    "observe",
    "remark",
    "complain",
    "joke",
    "quip",
    "shout",
    "yell",
    "counter",
    "retort",
    "admit",
    "acknowledge",
    "predict",
    "claim",
    "announce",
    "conclude",
    "continue",
    "report",
    "state",
    "suggest",
    "comment",
    "cry",
    "scream",
    "whisper",
];

/// Finite auxiliaries and modals: words of a clause, never of a name.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "did",
    "does", "may", "might", "must", "should",
];

/// For a plural of a nation's or a party's people ("russians",
/// "democrats"), whether it is a party's; `None` for any other word.
fn plural_of_people(lower: &str) -> Option<bool> {
    let singular = lower.strip_suffix('s')?;
    let party = crate::mentions::is_party_member(singular);
    (party || is_demonym(singular)).then_some(party)
}

/// True for a noun that denotes a person and heads a source ("the envoy",
/// "a lawyer").
pub(crate) fn is_person_noun(word: &str) -> bool {
    static SET: std::sync::OnceLock<crate::lexicon::FastSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| PERSON_NOUNS.iter().copied().collect())
        .contains(word)
}

const PERSON_NOUNS: &[&str] = &[
    "envoy",
    "ambassador",
    "lawyer",
    "attorney",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "man",
    "woman",
    "voter",
    "voters",
    "resident",
    "worker",
    "senator",
    "candidate",
    "president",
    "congressman",
    "congresswoman",
    "lawmaker",
    "diplomat",
    "minister",
    "secretary",
    "general",
    "commander",
    "chairman",
    "aide",
    "adviser",
    "advisor",
    "consultant",
    "strategist",
    "analyst",
    "professor",
    "economist",
    "historian",
    "author",
    "writer",
    "reporter",
    "columnist",
    "nominee",
    "actress",
    "actor",
    "businessman",
    "businesswoman",
    "billionaire",
    "mogul",
    "singer",
    "star",
    "activist",
    "organizer",
    "pollster",
    "veteran",
    "mother",
    "father",
    "daughter",
    "wife",
    "husband",
    "widow",
    "official",
    "owner",
    "founder",
    "executive",
    "developer",
    "host",
    "anchor",
    "comedian",
    "rapper",
    "player",
    "athlete",
    "pastor",
    "priest",
    "doctor",
    "nurse",
    "teacher",
    "student",
    "farmer",
    "protester",
    "supporter",
    "critic",
    "donor",
    "challenger",
    "incumbent",
    "frontrunner",
    "front-runner",
    "hopeful",
    "contender",
    "governor",
    "mayor",
    "representative",
    "speaker",
];

/// Words that open an adverbial before the subject ("On Tuesday, …").
const INTRODUCERS: &[&str] = &[
    "in",
    "on",
    "at",
    "for",
    "then",
    "after",
    "before",
    "when",
    "while",
    "during",
    "later",
    "earlier",
    "still",
    "now",
    "yet",
    "however",
    "meanwhile",
    "instead",
    "also",
    "since",
    "as",
    "with",
    "without",
    "from",
    "by",
    "to",
    "if",
    "although",
    "though",
    "because",
    "asked",
    "speaking",
    "it",
    "it’s",
    "let's",
    "let’s",
    "there",
    "here",
    "but",
    "and",
    "so",
];

/// Auxiliaries and adverbs between a source and its cue, including any "-ly" adverb.
fn is_cue_prefix(word: &str) -> bool {
    CUE_PREFIXES.contains(&word)
        || (word.len() > 4
            && word.ends_with("ly")
            && word.chars().all(char::is_lowercase)
            && !matches!(
                word,
                "daily" | "weekly" | "monthly" | "family" | "ally" | "rally" | "supply"
            ))
}

/// The provenance link of a source.
fn chain_link(source: Option<&Source>) -> sourcetrace_core::ChainLink {
    match source {
        Some(s) => sourcetrace_core::ChainLink {
            name: Some(s.name.clone()),
            kind: s.kind,
        },
        None => sourcetrace_core::ChainLink {
            name: None,
            kind: SourceKind::Unattributed,
        },
    }
}

/// Classify mentions given as byte spans (sources found by someone else, such
/// as gold annotations), with the same rules the extractor uses for its own.
pub(crate) fn classify_spans(text: &str, analysis: &TextAnalysis, spans: &[Span]) -> Vec<Source> {
    let ctx = Ctx::new(text, analysis);
    spans
        .iter()
        .map(|&span| {
            let first = analysis
                .tokens
                .partition_point(|t| t.span.end <= span.start);
            let last = analysis.tokens.partition_point(|t| t.span.start < span.end);
            if first < last {
                let mut s = ctx.classify(first, last - 1);
                s.span = span;
                s
            } else {
                Source::from_span(text, span, SourceKind::Unknown)
            }
        })
        .collect()
}

/// The longest run of consecutive indices (the last one on ties).
fn longest_run(idx: &[usize]) -> (usize, usize) {
    let mut best = (idx[0], idx[0]);
    let mut cur = (idx[0], idx[0]);
    for &i in &idx[1..] {
        if i == cur.1 + 1 {
            cur.1 = i;
        } else {
            cur = (i, i);
        }
        if cur.1 - cur.0 >= best.1 - best.0 {
            best = cur;
        }
    }
    best
}
