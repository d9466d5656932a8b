//! Recognition: which runs of tokens are time expressions, and what they say.
//!
//! The grammar is a hand-written longest-match scanner. At each token it tries
//! a handful of recognizers (calendar dates, deictic words, quantities of
//! units, sets, clock times); each inspects the next few tokens and either
//! fails at once or returns the end of its match and a [`Form`]. The longest
//! match wins and scanning resumes after it, so the cost is linear in the text
//! and no regular expression runs in the loop.
//!
//! Extent conventions follow the TempEval-3 (TimeBank/AQUAINT) annotation:
//! prepositions stay out ("on Saturday" → "Saturday", "in recent weeks" →
//! "recent weeks"); determiners and modifiers that belong to the expression stay
//! in ("the third quarter", "the past two months", "nearly two years",
//! "early next year", "mid-November").

use crate::form::{Direction, Form, TimeOfDay, YearPart, YearRef};
use crate::lexicon::{self, Unit};
use crate::token::{Kind, Token};
use crate::TimexType;

mod calendar;
mod clock;
mod numbers;
mod quantity;
mod relative;

/// One recognized expression: tokens `first..end` and its meaning.
#[derive(Debug, Clone)]
pub(crate) struct Mention {
    /// Index of the first token.
    pub(crate) first: usize,
    /// One past the index of the last token.
    pub(crate) end: usize,
    /// What the expression says.
    pub(crate) form: Form,
}

/// Find every time expression in the token stream.
pub(crate) fn recognize(tokens: &[Token]) -> Vec<Mention> {
    let g = Grammar { t: tokens };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match g.best_at(i) {
            Some((end, form)) if end > i => {
                out.push(Mention {
                    first: i,
                    end,
                    form,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// A count of units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Qty {
    /// An exact whole number.
    Exact(i64),
    /// A whole number and a half ("2 1/2", "a minute and a half").
    AndHalf(i64),
    /// An unspecified number ("several", "a few").
    Vague,
}

pub(super) type Hit = Option<(usize, Form)>;

pub(super) struct Grammar<'a> {
    pub(super) t: &'a [Token],
}

pub(super) fn fixed(kind: TimexType, value: impl Into<String>) -> Form {
    Form::Fixed(kind, value.into())
}

pub(super) fn longer(a: Hit, b: Hit) -> Hit {
    match (&a, &b) {
        (Some((ea, _)), Some((eb, _))) if eb > ea => b,
        (None, _) => b,
        _ => a,
    }
}

impl<'a> Grammar<'a> {
    /// The lowercase token at `i`, or `""` past the end.
    pub(super) fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lower.as_str())
    }

    pub(super) fn tok(&self, i: usize) -> Option<&Token> {
        self.t.get(i)
    }

    /// True when token `i` touches token `i - 1` (no space between).
    pub(super) fn attached(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    /// True when a possessive "'s" starts at token `i` ("Friday's vote").
    pub(super) fn possessive(&self, i: usize) -> bool {
        crate::context::possessive_at(self.t, i)
    }

    /// Skip an optional hyphen that joins `i` to the next token.
    /// True when "since" comes right before token `i`: what follows began
    /// in the past ("since June", "since year-end").
    pub(super) fn after_since(&self, i: usize) -> bool {
        i.checked_sub(1).is_some_and(|k| self.w(k) == "since")
    }

    pub(super) fn hyphen(&self, i: usize) -> usize {
        if self.w(i) == "-" && self.attached(i) && self.attached(i + 1) {
            i + 1
        } else {
            i
        }
    }

    fn best_at(&self, i: usize) -> Hit {
        let first = self.w(i);
        if first.is_empty()
            || self
                .t
                .get(i)
                .is_some_and(|t| t.kind == Kind::Punct && first != "'")
        {
            return None;
        }
        let mut best = self.calendar(i);
        best = longer(best, self.deictic(i));
        best = longer(best, self.quantity_phrase(i));
        best = longer(best, self.set(i));
        best = longer(best, self.long_adjective(i));
        best = longer(best, self.clock_phrase(i));
        best = longer(best, self.year_ago(i));
        best = longer(best, self.part_of_day_phrase(i));
        best
    }
}

/// The value of a duration of `qty` units.
pub(super) fn duration_value(qty: Qty, unit: Unit) -> String {
    let t = if unit.is_clock() { "T" } else { "" };
    let l = unit.letter();
    match qty {
        Qty::Exact(24) if unit == Unit::Hour => "P1D".to_string(),
        Qty::Exact(n) => format!("P{t}{n}{l}"),
        Qty::Vague => format!("P{t}X{l}"),
        Qty::AndHalf(n) => match unit {
            Unit::Year => format!("P{n}Y6M"),
            Unit::Day => format!("P{n}DT12H"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Minute => format!("PT{n}M30S"),
            _ => format!("P{t}{n}.5{l}"),
        },
    }
}

/// A past or future point `qty` units from the anchor ("two weeks ago").
pub(super) fn ago_form(qty: Qty, unit: Unit, sign: i64, anaphoric: bool) -> Form {
    match qty {
        Qty::Exact(n) if !unit.is_clock() => Form::Shift {
            unit,
            n: sign * n,
            anaphoric,
            time: None,
        },
        _ => fixed(
            TimexType::Date,
            if sign < 0 { "PAST_REF" } else { "FUTURE_REF" },
        ),
    }
}
