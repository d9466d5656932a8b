//! Which time expression dates a cue ("reported on July 17").
//!
//! The other stages of sourcetrace find attribution cues ("said", "told",
//! "reported"); this module picks the time expression that says when the
//! statement was made: the nearest DATE or TIME expression right after the cue
//! ("told Kommersant on July 19", "confirmed in April"), else right before it
//! ("On Saturday, Kommersant reported"), within a few tokens and with no other
//! verb or clause boundary in between. Durations and sets never date a cue.

use crate::token::{tokenize, Kind};
use crate::{lexicon, TimeExpression, TimexType};
use sourcetrace_core::Span;

/// Most tokens allowed between the cue and its expression.
const MAX_GAP_TOKENS: usize = 5;

/// The expression in `expressions` (as tagged on `text`) that dates the cue at
/// byte span `cue`, if any.
///
/// ```
/// use sourcetrace_core::Span;
/// use sourcetrace_time::{governing_expression, parse_date, TimeTagger};
///
/// let text = "Lyakin-Frolov told Kommersant on July 19 that troops left in June.";
/// let found = TimeTagger::new().tag(text, parse_date("2021-07-20").ok());
/// let cue = Span::new(14, 18); // "told"
/// let when = governing_expression(text, cue, &found).unwrap();
/// assert_eq!(when.value, "2021-07-19");
/// ```
pub fn governing_expression<'e>(
    text: &str,
    cue: Span,
    expressions: &'e [TimeExpression],
) -> Option<&'e TimeExpression> {
    let datable = |e: &&TimeExpression| matches!(e.kind, TimexType::Date | TimexType::Time);
    let after = expressions
        .iter()
        .filter(datable)
        .filter(|e| e.span.start >= cue.end)
        .min_by_key(|e| e.span.start)
        .filter(|e| gap_is_open(text.get(cue.end..e.span.start).unwrap_or("."), false));
    if after.is_some() {
        return after;
    }
    expressions
        .iter()
        .filter(datable)
        .filter(|e| e.span.end <= cue.start)
        .max_by_key(|e| e.span.end)
        .filter(|e| gap_is_open(text.get(e.span.end..cue.start).unwrap_or("."), true))
        .filter(|e| !in_relative_clause(text.get(..e.span.start).unwrap_or("")))
}

/// True when the text before an expression ends inside a relative clause set
/// off by a comma ("The bank, which raised rates last month, said"): the date
/// is the clause's, not the cue's.
fn in_relative_clause(before: &str) -> bool {
    let Some(at) = before.rfind([',', '.', ';', ':']) else {
        return false;
    };
    let first = before[at + 1..].split_whitespace().next().unwrap_or("");
    before[at..].starts_with(',')
        && matches!(first.to_lowercase().as_str(), "which" | "who" | "whose")
}

/// True when the text between a cue and an expression keeps them in one clause.
fn gap_is_open(gap: &str, before_cue: bool) -> bool {
    let tokens = tokenize(gap);
    if tokens.len() > MAX_GAP_TOKENS {
        return false;
    }
    tokens.iter().all(|t| match t.kind {
        Kind::Punct => before_cue && t.lower == ",",
        Kind::Number => false,
        Kind::Word => {
            let w = t.lower.as_str();
            let verb = lexicon::is_irregular_past(w)
                || lexicon::is_future_marker(w)
                || (!t.capitalized
                    && w.len() > 4
                    && (w.ends_with("ed") || w.ends_with("ing"))
                    && !lexicon::is_false_past(w))
                || matches!(
                    w,
                    "is" | "are"
                        | "be"
                        | "has"
                        | "have"
                        | "says"
                        | "say"
                        | "would"
                        | "could"
                        | "should"
                        | "might"
                        | "must"
                        | "can"
                        | "may"
                        | "do"
                        | "does"
                );
            let boundary = matches!(
                w,
                "that"
                    | "which"
                    | "who"
                    | "whom"
                    | "because"
                    | "while"
                    | "when"
                    | "and"
                    | "but"
                    | "if"
                    | "although"
                    | "as"
                    | "after"
                    | "before"
                    | "since"
                    | "until"
            );
            !verb && !boundary
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_date, TimeTagger};

    fn when_of(text: &str, cue: &str) -> Option<String> {
        let found = TimeTagger::new().tag(text, parse_date("2021-07-20").ok());
        let start = text.find(cue)?;
        governing_expression(text, Span::new(start, start + cue.len()), &found)
            .map(|e| e.span.slice(text).to_string())
    }

    #[test]
    fn expression_after_the_cue() {
        assert_eq!(
            when_of("Kommersant reported on July 17 citing sources.", "reported").as_deref(),
            Some("July 17")
        );
        assert_eq!(
            when_of(
                "McKenzie confirmed in April that the U.S. was exploring options.",
                "confirmed"
            )
            .as_deref(),
            Some("April")
        );
        assert_eq!(
            when_of("The envoy told Kommersant on July 19.", "told").as_deref(),
            Some("July 19")
        );
    }

    #[test]
    fn expression_before_the_cue() {
        assert_eq!(
            when_of("On Saturday, Kommersant reported a deal.", "reported").as_deref(),
            Some("Saturday")
        );
    }

    #[test]
    fn another_verb_or_clause_blocks() {
        assert_eq!(
            when_of("Biden said troops will leave by August 31.", "said"),
            None
        );
        assert_eq!(when_of("He said that on Monday it rained.", "said"), None);
        assert_eq!(when_of("He said it would meet on Monday.", "said"), None);
        assert_eq!(
            when_of("The ministry said in a statement on Monday.", "said").as_deref(),
            Some("Monday")
        );
        // A date inside a relative clause about the source is the clause's.
        assert_eq!(
            when_of(
                "The bank, which raised rates last month, said inflation would fall.",
                "said"
            ),
            None
        );
        assert_eq!(
            when_of("The bank, on Monday, said inflation would fall.", "said").as_deref(),
            Some("Monday")
        );
    }
}

#[cfg(test)]
mod seed_tests {
    use super::*;
    use crate::TimeTagger;

    const SEED: &str = include_str!("../../../testdata/time/afghanistan-excerpt.txt");

    /// The expression governing the `nth` occurrence of `cue` in the seed excerpt.
    fn when_of(cue: &str, nth: usize) -> Option<String> {
        let found = TimeTagger::new().tag(SEED, None);
        let start = SEED.match_indices(cue).nth(nth)?.0;
        governing_expression(SEED, Span::new(start, start + cue.len()), &found)
            .map(|e| format!("{}={}", e.span.slice(SEED), e.value))
    }

    #[test]
    fn seed_cues_get_their_dates() {
        assert_eq!(
            when_of("reported", 0).as_deref(),
            Some("Saturday=2021-07-17")
        );
        assert_eq!(
            when_of("reported", 1).as_deref(),
            Some("July 17=2021-07-17")
        );
        assert_eq!(when_of("confirmed", 0).as_deref(), Some("April=2021-04"));
        assert_eq!(when_of("reported", 2).as_deref(), Some("May 21=2021-05-21"));
        assert_eq!(when_of("noted", 0).as_deref(), Some("July 2=2021-07-02"));
        assert_eq!(when_of("urged", 0).as_deref(), Some("July 7=2021-07-07"));
        assert_eq!(when_of("told", 0).as_deref(), Some("July 19=2021-07-19"));
        assert_eq!(when_of("said", 0), None);
    }
}
