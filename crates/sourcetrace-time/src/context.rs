//! The clause around an expression: sentence boundaries and tense.
//!
//! A bare weekday or month takes its direction from the tense of its clause:
//! "Kommersant reported on Saturday" looks back, "the base will open on
//! Saturday" looks forward. Without a parser we read the nearest tense marker
//! in the same sentence: a future auxiliary ("will", "'ll", "plans", "would"),
//! an arrangement ("set to", "is to", "the talks resume"), a past-tense verb
//! (irregular forms or an "-ed" ending); the closest one wins, markers to the
//! right counting double. Words that only look like markers are skipped: "the
//! plan" (a noun), "will be named" (the participle defers to "will"), "next to"
//! (a place). The word right before the expression can settle it alone:
//! "since June" and "the quarter ended Sept. 30" look back, "as early as
//! Tuesday" ahead, "until Thursday" ahead unless a past verb closes the wait,
//! a date inside a noun phrase ("the Jan. 6 riot") keeps no tense, and one
//! after "effective" no past tense.

use crate::lexicon;
use crate::token::{Kind, Token};

/// The tense a clause puts an expression in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    /// A past-tense verb is closest.
    Past,
    /// A future marker is closest.
    Future,
    /// A present-tense verb of schedules is closest ("the talks resume
    /// Monday"): a weekday looks ahead, a month keeps its default.
    Scheduled,
    /// No marker in reach.
    Unknown,
    /// The word before the expression closes a period at it ("the quarter
    /// ended Sept. 30"): the date lies on or before the anchor.
    Over,
}

impl Tense {
    /// Past, or over.
    pub(crate) fn is_past(self) -> bool {
        matches!(self, Tense::Past | Tense::Over)
    }
}

/// Abbreviations whose period does not end a sentence.
fn is_abbreviation(word: &str) -> bool {
    word.chars().count() == 1
        || matches!(
            word,
            "mr" | "mrs"
                | "ms"
                | "dr"
                | "gen"
                | "sen"
                | "rep"
                | "gov"
                | "lt"
                | "col"
                | "sgt"
                | "st"
                | "jr"
                | "sr"
                | "inc"
                | "corp"
                | "co"
                | "ltd"
                | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
                | "vs"
                | "no"
                | "prof"
                | "adm"
                | "capt"
                | "maj"
                | "rev"
                | "ft"
                | "mt"
        )
}

/// The sentence number of every token.
pub(crate) fn sentence_ids(tokens: &[Token]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(tokens.len());
    let mut id = 0u32;
    let mut prev_ends = false;
    for (k, t) in tokens.iter().enumerate() {
        if k > 0 {
            // A line that starts with a capital starts a sentence (headlines
            // and datelines end without a period).
            if prev_ends || (t.newline_before && t.capitalized) {
                id += 1;
            }
        }
        ids.push(id);
        prev_ends = match t.lower.as_str() {
            "!" | "?" => true,
            "." => {
                let abbreviation = k > 0
                    && tokens
                        .get(k - 1)
                        .is_some_and(|p| p.kind == Kind::Word && is_abbreviation(&p.lower));
                let next_cap = tokens
                    .get(k + 1)
                    .is_none_or(|n| n.capitalized || n.kind != Kind::Word);
                !abbreviation && next_cap
            }
            _ => false,
        };
    }
    ids
}

/// The tense of the clause around tokens `first..end`.
///
/// Markers on the left count at their distance, markers on the right at
/// twice it: the verb a time adverbial modifies usually precedes it, and a
/// participle after it ("markets untouched by the crisis") often belongs to
/// another clause.
pub(crate) fn tense_at(tokens: &[Token], sentences: &[u32], first: usize, end: usize) -> Tense {
    let Some(&sentence) = sentences.get(first) else {
        return Tense::Unknown;
    };
    const REACH: usize = 12;
    let in_sentence = |k: usize| sentences.get(k) == Some(&sentence);
    // the word `back` tokens before the expression, inside the sentence
    let before = |back: usize| {
        first
            .checked_sub(back)
            .filter(|&k| in_sentence(k))
            .and_then(|k| tokens.get(k))
            .map_or("", |t| t.lower.as_str())
    };
    // "the Jan. 6 attack", "the Oct. 19 crash": a date naming an event
    // inside a noun phrase does not take the tense of the clause
    let premodifier = before(1) == "the"
        && tokens.get(end).is_some_and(|t| {
            in_sentence(end)
                && t.kind == Kind::Word
                && !t.capitalized
                && !lexicon::is_function_word(&t.lower)
        });
    if premodifier {
        return Tense::Unknown;
    }
    // "Wednesday's ruling", "Sunday's debate": a date that owns a noun names
    // what has already taken place, whatever the clause says about it
    if possessive_at(tokens, end) {
        return Tense::Past;
    }
    // "the quarter ended Sept. 30": a period closed at the date, which is
    // over ("ending" may still look ahead)
    if before(1) == "ended" {
        return Tense::Over;
    }
    // "since June", "since year-end": the start of a span up to now
    if before(1) == "since" {
        return Tense::Past;
    }
    // "as early as Tuesday", "as soon as Monday": the earliest of what may come
    if before(1) == "as" && matches!(before(2), "early" | "soon") && before(3) == "as" {
        return Tense::Future;
    }
    // "until Thursday" looks ahead unless a past verb says the wait is over
    // ("until Thursday, they had not called him a suspect"); a deferral
    // ("postponed until Tuesday") still looks ahead
    let weak = before(1) == "until";
    // "named a conductor, effective Feb. 1": a past verb dates the decision,
    // not when it takes effect ("will be effective Monday" still looks ahead)
    let effective = before(1) == "effective";
    let settle = |t: Tense, k: usize| {
        let deferral = tokens
            .get(k)
            .is_some_and(|t| lexicon::is_deferral(&t.lower));
        if weak && (t != Tense::Past || deferral) {
            Tense::Future
        } else if effective && t == Tense::Past {
            Tense::Unknown
        } else {
            t
        }
    };
    let skip = usize::from(weak);
    for d in 1 + skip..=REACH {
        if let Some(k) = first.checked_sub(d) {
            if in_sentence(k) {
                if let Some(t) = marker(tokens, k) {
                    return settle(t, k);
                }
            }
        }
        // right: distances d/2 (rounded up) fall due at step d
        if d % 2 == 1 {
            let k = end + d.div_ceil(2) - 1;
            if in_sentence(k) {
                if let Some(t) = marker(tokens, k) {
                    return settle(t, k);
                }
            }
        }
    }
    // the right side up to the full reach, when the left had nothing
    for d in REACH.div_ceil(2) + 1..=REACH {
        let k = end + d - 1;
        if in_sentence(k) {
            if let Some(t) = marker(tokens, k) {
                return settle(t, k);
            }
        }
    }
    settle(Tense::Unknown, usize::MAX)
}

/// True when a possessive "'s" starts at token `k`, attached to the word
/// before it ("Friday's vote").
pub(crate) fn possessive_at(tokens: &[Token], k: usize) -> bool {
    let attached = |i: usize| tokens.get(i).is_some_and(|t| !t.space_before);
    tokens
        .get(k)
        .is_some_and(|t| t.lower == "'" || t.lower == "’")
        && attached(k)
        && tokens.get(k + 1).is_some_and(|t| t.lower == "s")
        && attached(k + 1)
}

/// The lower-cased word `back` tokens before `k`, if it is a word.
fn word_before(tokens: &[Token], k: usize, back: usize) -> Option<&str> {
    let t = tokens.get(k.checked_sub(back)?)?;
    (t.kind == Kind::Word).then_some(t.lower.as_str())
}

/// The tense token `k` marks, if any.
fn marker(tokens: &[Token], k: usize) -> Option<Tense> {
    let t = tokens.get(k)?;
    if t.kind != Kind::Word {
        return None;
    }
    let w = t.lower.as_str();
    let before = word_before(tokens, k, 1);
    let next = tokens.get(k + 1).map(|n| n.lower.as_str());
    if lexicon::is_future_marker(w) {
        // "'ll" arrives as "'" + "ll"
        if w == "ll"
            && !tokens
                .get(k.wrapping_sub(1))
                .is_some_and(|p| p.lower == "'" || p.lower == "’")
        {
            return None;
        }
        // "next to the embassy": a place
        if w == "next" && next == Some("to") {
            return None;
        }
        // "would have met": a past that did not happen
        if w == "would" && next == Some("have") {
            return Some(Tense::Past);
        }
        // "the plan", "its forecast": a noun, not a verb of intention
        if before.is_some_and(lexicon::is_determiner) && lexicon::is_future_noun(w) {
            return None;
        }
        // "had been due to expire", "had planned to": a future seen from
        // a past that is over
        if before == Some("had")
            || (before == Some("been") && word_before(tokens, k, 2) == Some("had"))
        {
            return Some(Tense::Past);
        }
        return Some(Tense::Future);
    }
    // "will be named": the auxiliary's tense, read from "be" so that a long
    // clause does not leave the auxiliary just out of reach
    if w == "be" && before.is_some_and(|b| matches!(b, "will" | "shall")) {
        return Some(Tense::Future);
    }
    if w == "going" && next == Some("to") {
        return Some(Tense::Future);
    }
    // "the talks resume Monday": an arrangement, unless an auxiliary or "to"
    // governs the verb ("did not meet", "agreed to meet")
    if lexicon::is_scheduling_present(w)
        && !before
            .is_some_and(|b| matches!(b, "to" | "did" | "not" | "would" | "could" | "might" | "t"))
    {
        return Some(Tense::Scheduled);
    }
    // "set to resume", "is to meet": arrangements
    if next == Some("to") && matches!(w, "set" | "is" | "are") {
        return Some(
            if before == Some("been") && word_before(tokens, k, 2) == Some("had") {
                Tense::Past
            } else {
                Tense::Future
            },
        );
    }
    // a participle after "be" ("will be named") takes its tense from the
    // auxiliary, further left; one before "by" ("markets untouched by the
    // crisis") is passive, and its auxiliary, if any, is the marker
    let after_be = matches!(before, Some("be" | "being")) || next == Some("by");
    if lexicon::is_irregular_past(w) {
        return (!after_be).then_some(Tense::Past);
    }
    if w.len() > 4 && w.ends_with("ed") && !lexicon::is_false_past(w) && !t.capitalized {
        return (!after_be).then_some(Tense::Past);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn tense_of(text: &str, word: &str) -> Tense {
        let tokens = tokenize(text);
        let ids = sentence_ids(&tokens);
        let k = tokens
            .iter()
            .position(|t| t.lower == word)
            .expect("word in text");
        tense_at(&tokens, &ids, k, k + 1)
    }

    #[test]
    fn past_and_future_clauses() {
        assert_eq!(
            tense_of("Kommersant reported on Saturday.", "saturday"),
            Tense::Past
        );
        assert_eq!(
            tense_of("The base will open on Saturday.", "saturday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("It is open on Saturday.", "saturday"),
            Tense::Unknown
        );
    }

    #[test]
    fn possessive_dates_look_back() {
        let text = "They will appeal Friday's ruling.";
        let tokens = tokenize(text);
        let ids = sentence_ids(&tokens);
        let k = tokens
            .iter()
            .position(|t| t.lower == "friday")
            .expect("word in text");
        assert!(possessive_at(&tokens, k + 1));
        assert_eq!(tense_at(&tokens, &ids, k, k + 1), Tense::Past);
        assert_eq!(
            tense_of("They will sign it on Friday.", "friday"),
            Tense::Future
        );
    }

    #[test]
    fn sentences_do_not_leak_tense() {
        assert_eq!(
            tense_of("He left. On Saturday it is open.", "saturday"),
            Tense::Unknown
        );
        assert_eq!(
            tense_of("Gen. Smith spoke on Saturday.", "saturday"),
            Tense::Past
        );
    }
}
