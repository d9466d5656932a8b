//! Time expressions in news text: find them, type them, and anchor them.
//!
//! The pipeline, one module per stage:
//!
//! 1. `token`: a single-pass scanner cuts the text into words, numbers and
//!    punctuation with **byte** offsets.
//! 2. `grammar`: a longest-match recognizer turns runs of tokens into
//!    mentions with an anchor-free meaning ("a Saturday", "July 17 of some
//!    year", "two weeks").
//! 3. `context`: sentence boundaries and the tense of each mention's clause.
//! 4. `resolve`: each meaning becomes a TIMEX3 value against the publication
//!    date (or a date the text set), e.g. `2021-07-17`, `P2W`, `PAST_REF`.
//! 5. [`infer_publication_date`]: when no publication date is given, the
//!    article's own dates, weekday–date pairs and years suggest one, with the
//!    evidence and its [`InferenceBasis`].
//! 6. [`governing_expression`]: the expression that dates a cue verb
//!    ("reported on July 17"), for attributions.
//!
//! The principal types are [`TimeTagger`] (built once, immutable, `Send +
//! Sync`), [`TimeExpression`] and [`TimexType`].
//!
//! ```
//! use sourcetrace_time::{parse_date, TimeTagger, TimexType};
//!
//! let tagger = TimeTagger::new();
//! let text = "Kommersant reported on Saturday that talks in June went well.";
//! let dct = parse_date("2021-07-20").unwrap();
//! let found = tagger.tag(text, Some(dct));
//! assert_eq!(found[0].span.slice(text), "Saturday");
//! assert_eq!(found[0].value, "2021-07-17");
//! assert_eq!(found[1].kind, TimexType::Date);
//! assert_eq!(found[1].value, "2021-06");
//! ```
//!
//! # Traps of the domain
//!
//! - "on Saturday" resolves against the **publication** date, not the crawl
//!   date or today's date; without a publication date the tagger infers one
//!   from the article when weekday–date pairs fix its year, and otherwise
//!   leaves the value open (`XXXX-WXX-6`).
//! - The years an article names are only a lower bound on its date: news
//!   recalls old events ("built in 1972"), so the latest year mentioned is not
//!   taken as the publication year.
//! - A bare weekday or month takes its direction from the tense of its clause:
//!   "reported on Saturday" is the Saturday before, "will meet on Saturday" the
//!   one after. A weekday equal to the publication day is that day. Tense
//!   cues that look like others: "the plan" is a noun, not an intention; "will
//!   be named" takes the tense of "will"; "had been due to expire Friday" is
//!   over; "set to resume Monday" is ahead; "since June" points back; "until
//!   Thursday" points ahead unless a past verb closes the wait.
//! - "last Friday" said on a Friday is a week back, not today; "the previous
//!   Friday" and "the following Monday" count from the day the text is about,
//!   and so do bare clock times ("at 10:35 a.m.") and "overnight" (the night
//!   before that day).
//! - Explicit years win over every inference; a year earlier in the same
//!   sentence, written out or counted ("last year"), dates the months after it
//!   ("in 2014 … in June"), unless the clause looks ahead from a later
//!   publication year ("served until 2016 and will testify on March 12").
//! - ISO weeks: `2021-01-01` lies in week 53 of 2020, so "last week" near New
//!   Year may carry the previous year.
//! - Extents follow TempEval-3: prepositions stay out ("in recent weeks" is
//!   tagged "recent weeks"), determiners and modifiers stay in ("the third
//!   quarter", "nearly two years", "late-November", "1994 or later"), as
//!   TimeBank annotates them.
//! - Not every number is a year: "2882015", "$1990", "1,990 troops" and codes
//!   like "19-Nov-12" are left alone.
//! - "The Russian daily said": "daily" after a determiner is a newspaper, not
//!   a SET.
//!
//! # Limitations
//!
//! Rule-based and English only. Time zones are kept in the extent but not in
//! the value; of the movable feasts only Easter (Gregorian computus, with
//! Good Friday and Easter Monday) and US ones are known; durations are not linked to the events they measure; anaphoric
//! expressions ("the following day") take the last date mentioned, without
//! checking which event it belongs to.
#![deny(missing_docs)]

mod context;
mod error;
mod form;
mod govern;
mod grammar;
mod infer;
mod lexicon;
mod resolve;
mod token;

use serde::Serialize;
use sourcetrace_core::Span;
use std::fmt;

pub use error::TimeError;
pub use govern::governing_expression;
pub use infer::{infer_publication_date, Evidence, InferenceBasis, InferredDate};

/// A calendar date (no time zone), used for publication dates.
pub type Date = chrono::NaiveDate;

/// Parse a publication date: `YYYY-MM-DD`, `YYYYMMDD`, or an ISO date-time
/// whose date part is read (`1998-03-22T14:57:00`).
pub fn parse_date(input: &str) -> Result<Date, TimeError> {
    let s = input.trim();
    let date_part = s.split('T').next().unwrap_or(s);
    let parsed = if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        Date::parse_from_str(date_part, "%Y%m%d")
    } else {
        Date::parse_from_str(date_part, "%Y-%m-%d")
    };
    parsed.map_err(|_| TimeError::InvalidDate {
        input: input.to_string(),
    })
}

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2021-07-17`, `2021-06`, `2021-W28`, `PAST_REF`.
    Date,
    /// A time of day: `2021-07-17T19:15`, `1998-01-08TEV`.
    Time,
    /// A length of time: `P2W`, `PT3H`, `PXY`.
    Duration,
    /// A recurring time: `P1W` ("weekly"), `XXXX-WXX-2` ("every Tuesday").
    Set,
}

impl TimexType {
    /// The TIMEX3 attribute string ("DATE").
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

impl fmt::Display for TimexType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One time expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimeExpression {
    /// Where the expression is, in **byte** offsets of the tagged text.
    pub span: Span,
    /// Its TIMEX3 type.
    pub kind: TimexType,
    /// Its normalized TIMEX3 value (`2021-07-17`, `XXXX-06`, `P2W`, `PAST_REF`).
    pub value: String,
}

impl TimeExpression {
    /// The expression as the `when` of an attribution.
    pub fn when(&self) -> sourcetrace_core::When {
        sourcetrace_core::When {
            span: self.span,
            value: Some(self.value.clone()),
        }
    }
}

/// The time-expression tagger. Holds no state between calls; build it once
/// and share it across threads.
#[derive(Debug, Clone, Default)]
pub struct TimeTagger {
    _private: (),
}

/// A text's tokens, sentences and recognized mentions, before anchoring.
pub(crate) struct Analysis {
    pub(crate) tokens: Vec<token::Token>,
    pub(crate) sentences: Vec<u32>,
    pub(crate) mentions: Vec<grammar::Mention>,
    pub(crate) tenses: Vec<context::Tense>,
}

impl Analysis {
    pub(crate) fn new(text: &str) -> Self {
        let tokens = token::tokenize(text);
        let sentences = context::sentence_ids(&tokens);
        let mentions = grammar::recognize(&tokens);
        let tenses = mentions
            .iter()
            .map(|m| context::tense_at(&tokens, &sentences, m.first, m.end))
            .collect();
        Analysis {
            tokens,
            sentences,
            mentions,
            tenses,
        }
    }

    /// The byte span of mention `k`.
    pub(crate) fn span(&self, k: usize) -> Option<Span> {
        let m = self.mentions.get(k)?;
        let first = self.tokens.get(m.first)?;
        let last = self.tokens.get(m.end.checked_sub(1)?)?;
        Some(Span::new(first.start, last.end))
    }

    /// The sentence of mention `k`.
    pub(crate) fn sentence(&self, k: usize) -> u32 {
        self.mentions
            .get(k)
            .and_then(|m| self.sentences.get(m.first))
            .copied()
            .unwrap_or(0)
    }

    /// Resolve every mention against `anchor`.
    pub(crate) fn resolve(&self, anchor: Option<Date>) -> Vec<TimeExpression> {
        let mut out = Vec::with_capacity(self.mentions.len());
        let mut reference: Option<resolve::Reference> = None;
        let mut last_quarter: Option<resolve::Reference> = None;
        let mut sentence_year: Option<(u32, i32)> = None;
        for (k, m) in self.mentions.iter().enumerate() {
            let Some(span) = self.span(k) else { continue };
            let sentence = self.sentence(k);
            let situation = resolve::Situation {
                anchor,
                reference,
                last_quarter,
                sentence_year: sentence_year
                    .filter(|(s, _)| *s == sentence)
                    .map(|(_, y)| y),
                tense: self
                    .tenses
                    .get(k)
                    .copied()
                    .unwrap_or(context::Tense::Unknown),
                sentence,
            };
            let resolved = resolve::resolve(&m.form, &situation);
            if let Some(y) = m.form.explicit_year() {
                sentence_year = Some((sentence, y));
            } else if let Some((d, resolve::Granularity::Year)) = resolved.sets {
                // "for the year ... in March", "last year in June": a year
                // the words count from the anchor dates the sentence as well
                sentence_year = Some((sentence, chrono::Datelike::year(&d)));
            }
            if let Some((date, granularity)) = resolved.sets {
                let r = resolve::Reference {
                    date,
                    granularity,
                    sentence,
                };
                reference = Some(r);
                if granularity == resolve::Granularity::Quarter {
                    last_quarter = Some(r);
                }
            }
            out.push(TimeExpression {
                span,
                kind: resolved.kind,
                value: resolved.value,
            });
        }
        out
    }
}

impl TimeTagger {
    /// A tagger with the built-in English grammar.
    pub fn new() -> Self {
        TimeTagger::default()
    }

    /// Find every time expression in `text`, in text order, resolved against
    /// the publication date `dct`. When `dct` is `None` the publication date is
    /// inferred from the text ([`infer_publication_date`]) if a date line or
    /// weekday-date pairs fix it; otherwise values stay open where the text leaves
    /// them open (`XXXX-06`).
    pub fn tag(&self, text: &str, dct: Option<Date>) -> Vec<TimeExpression> {
        let analysis = Analysis::new(text);
        let anchor = dct.or_else(|| {
            infer::date_line(text, self)
                .or_else(|| infer::infer_from(&analysis))
                .filter(|d| d.basis.is_reliable())
                .map(|d| d.date)
        });
        analysis.resolve(anchor)
    }

    /// The publication date `text` implies, with the evidence; see
    /// [`infer_publication_date`].
    pub fn infer(&self, text: &str) -> Option<InferredDate> {
        infer::date_line(text, self).or_else(|| infer::infer_from(&Analysis::new(text)))
    }

    /// Like [`TimeTagger::tag`] but never infers a publication date: without
    /// `dct`, relative expressions keep open values.
    pub fn tag_unanchored(&self, text: &str) -> Vec<TimeExpression> {
        Analysis::new(text).resolve(None)
    }
}

#[cfg(test)]
mod tests;
