//! Publication date inference for articles that do not state one.
//!
//! News rarely writes the current year: "Kommersant reported on Saturday",
//! "on July 17", "in April". Three kinds of evidence narrow the date down:
//!
//! 1. **Weekday–date pairs.** "Saturday, April 25" states a pair outright. A
//!    pair is also implied when the same source is reported with the same verb
//!    twice, once with a weekday and once with a date ("Kommersant newspaper
//!    reported on Saturday" … "Kommersant reported on July 17"): the two name
//!    one day. Each pair rules out the years in which that date fell on
//!    another weekday.
//! 2. **Years mentioned.** The article cannot be older than the latest year it
//!    names ("ended them in 2014"), so among the years the pairs allow, the one
//!    nearest to and not before the latest year mentioned wins.
//! 3. **The latest date in a past-tense clause.** "told Kommersant on July 19"
//!    happened before publication; the article is dated the day after the
//!    latest such date. Dates in future clauses ("by August 31") do not count.
//!
//! Only weekday-date pairs fix the year ([`InferenceBasis::WeekdayDatePairs`]);
//! the latest explicit date or year mentioned is only a lower bound (articles
//! recall old events), so [`crate::TimeTagger::tag`] anchors on the inferred
//! date only when the pairs fixed it, and leaves values open otherwise. On
//! the TempEval-3 documents, with their DCT hidden, a lower-bound guess has the
//! right year in about one case in ten (see `sourcetrace-eval`'s report).
//!
//! Known limitation: with no year mentioned at all and no explicit full date,
//! nothing fixes the year, and with no day or month stated nothing fixes the
//! date; then no date is inferred.

use crate::context::Tense;
use crate::form::{Direction, Form, YearRef};
use crate::token::Kind;
use crate::{Analysis, Date, TimeTagger};
use chrono::{Datelike, Weekday};
use serde::Serialize;
use sourcetrace_core::Span;

/// One reason behind an inferred publication date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// The text that supports the reason, in byte offsets, when there is one.
    pub span: Option<Span>,
    /// The reason, for people.
    pub reason: String,
}

/// What fixed the year of an inferred publication date, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InferenceBasis {
    /// A line near the top of the article that is nothing but a full date
    /// ("July 15, 2018", "Published Sunday, July 15, 2018"): the page's own
    /// date line, as scraped pages and wire copies keep it. Reliable.
    DateLine,
    /// Weekday-date pairs allow only some years; the one nearest the latest
    /// year mentioned was taken. Reliable.
    WeekdayDatePairs,
    /// The latest explicit full date ("April 6, 1994"). Only a lower bound:
    /// articles often recall old dates.
    LatestExplicitDate,
    /// The latest year mentioned. Only a lower bound.
    LatestYearMentioned,
}

impl InferenceBasis {
    /// True when the basis fixes the year rather than bounding it from below.
    pub fn is_reliable(self) -> bool {
        matches!(
            self,
            InferenceBasis::DateLine | InferenceBasis::WeekdayDatePairs
        )
    }
}

/// The article's own date line: among the first six non-empty lines of the
/// first 1,000 bytes, one of at most 80 characters that is mostly a full
/// date (`YYYY-MM-DD` once normalized).
pub(crate) fn date_line(text: &str, tagger: &crate::TimeTagger) -> Option<InferredDate> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start > 1000 || seen >= 6 {
            break;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        seen += 1;
        if trimmed.chars().count() > 80 {
            continue;
        }
        for t in tagger.tag_unanchored(line) {
            let value = t.value.as_bytes();
            let full = value.len() >= 10
                && value[..4].iter().all(u8::is_ascii_digit)
                && value[4] == b'-'
                && value[7] == b'-';
            let covered = t.span.slice(line).chars().count() * 2 >= trimmed.chars().count();
            if !full || !covered {
                continue;
            }
            let Ok(date) = Date::parse_from_str(&t.value[..10], "%Y-%m-%d") else {
                continue;
            };
            return Some(InferredDate {
                date,
                basis: InferenceBasis::DateLine,
                evidence: vec![Evidence {
                    span: Some(Span::new(start + t.span.start, start + t.span.end)),
                    reason: format!("the article's date line “{trimmed}”"),
                }],
            });
        }
    }
    None
}

/// A publication date inferred from an article, with the reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InferredDate {
    /// The inferred publication date.
    pub date: Date,
    /// What fixed the year.
    pub basis: InferenceBasis,
    /// Why, in the order the reasoning used them.
    pub evidence: Vec<Evidence>,
}

/// Infer the publication date of `text` from the dates it states.
///
/// ```
/// use sourcetrace_time::{infer_publication_date, TimeTagger};
///
/// let text = "Kommersant reported on Saturday. Kommersant reported on July 17 \
///             that the base, closed in 2014, would reopen. He told reporters on July 19.";
/// let inferred = infer_publication_date(text, &TimeTagger::new()).unwrap();
/// assert_eq!(inferred.date.to_string(), "2021-07-20");
/// ```
pub fn infer_publication_date(text: &str, tagger: &TimeTagger) -> Option<InferredDate> {
    tagger.infer(text)
}

/// A month and day stated without a year.
struct MonthDay {
    mention: usize,
    month: u32,
    day: u32,
    tense: Tense,
}

/// The verb a mention hangs on ("reported" in "reported on July 17") and the
/// capitalized names just before that verb.
fn cue_of(a: &Analysis, mention: usize) -> Option<(usize, Vec<&str>)> {
    let m = a.mentions.get(mention)?;
    let mut k = m.first.checked_sub(1)?;
    while matches!(
        a.tokens.get(k)?.lower.as_str(),
        "on" | "in" | "at" | "," | "last"
    ) {
        k = k.checked_sub(1)?;
    }
    let cue = a.tokens.get(k)?;
    if cue.kind != Kind::Word || cue.capitalized {
        return None;
    }
    let sentence = a.sentences.get(k)?;
    let names = (k.saturating_sub(6)..k)
        .filter(|&j| a.sentences.get(j) == Some(sentence))
        .filter_map(|j| a.tokens.get(j))
        .filter(|t| t.capitalized && t.kind == Kind::Word && t.lower.len() > 2)
        .map(|t| t.lower.as_str())
        .collect();
    Some((k, names))
}

/// The English name of a weekday.
fn weekday_name(wd: Weekday) -> &'static str {
    match wd {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

pub(crate) fn infer_from(a: &Analysis) -> Option<InferredDate> {
    let mut evidence = Vec::new();
    let span = |k: usize| a.span(k);
    // The mention's words as written (capitalized as in the text), for people.
    let quote = |k: usize, what: &str| {
        let words: Vec<String> = a
            .mentions
            .get(k)
            .map(|m| m.first..m.end)
            .into_iter()
            .flatten()
            .filter_map(|j| a.tokens.get(j))
            .map(|t| {
                let mut chars = t.lower.chars();
                match (t.capitalized, chars.next()) {
                    (true, Some(c)) => c.to_uppercase().chain(chars).collect(),
                    _ => t.lower.clone(),
                }
            })
            .collect();
        format!("{what} “{}”", words.join(" "))
    };

    // Years mentioned and explicit full dates.
    let mut max_year: Option<(i32, usize)> = None;
    let mut full_dates: Vec<(Date, usize, Tense)> = Vec::new();
    let mut month_days: Vec<MonthDay> = Vec::new();
    let mut pairs: Vec<(u32, u32, Weekday, usize, usize)> = Vec::new();
    for (k, m) in a.mentions.iter().enumerate() {
        let tense = a.tenses.get(k).copied().unwrap_or(Tense::Unknown);
        // A year in a future clause ("will mature in 2004") says nothing about
        // when the article was written.
        if let Some(y) = m.form.explicit_year().filter(|_| tense != Tense::Future) {
            if max_year.is_none_or(|(best, _)| y > best) {
                max_year = Some((y, k));
            }
        }
        if let Form::Calendar {
            year,
            month,
            day: Some(day),
            weekday,
            ..
        } = m.form
        {
            match year {
                YearRef::Explicit(y) => {
                    if let Some(d) = Date::from_ymd_opt(y, month, day) {
                        full_dates.push((d, k, tense));
                    }
                }
                YearRef::Implicit => {
                    month_days.push(MonthDay {
                        mention: k,
                        month,
                        day,
                        tense,
                    });
                    if let Some(wd) = weekday {
                        pairs.push((month, day, wd, k, k));
                    }
                }
                YearRef::Relative(_) => {}
            }
        }
    }

    // Weekdays paired with dates through the same source and verb.
    for (w, m) in a.mentions.iter().enumerate() {
        let Form::Weekday {
            weekday,
            direction: Direction::Unsaid,
            ..
        } = m.form
        else {
            continue;
        };
        let Some((wcue, wnames)) = cue_of(a, w) else {
            continue;
        };
        for md in &month_days {
            let Some((dcue, dnames)) = cue_of(a, md.mention) else {
                continue;
            };
            let same_verb =
                a.tokens.get(wcue).map(|t| &t.lower) == a.tokens.get(dcue).map(|t| &t.lower);
            let same_source = wnames.iter().any(|n| dnames.contains(n));
            if same_verb && same_source {
                pairs.push((md.month, md.day, weekday, w, md.mention));
            }
        }
    }

    let (year, basis) = if !pairs.is_empty() {
        let (latest, _) = max_year?;
        for &(month, day, wd, w, d) in &pairs {
            let text = if w == d {
                format!(
                    "{} states that {month:02}-{day:02} was a {}",
                    quote(w, "a weekday-date pair"),
                    weekday_name(wd)
                )
            } else {
                format!(
                    "{} and {} date the same report by the same source, so {month:02}-{day:02} was a {}",
                    quote(w, "the weekday"),
                    quote(d, "the date"),
                    weekday_name(wd)
                )
            };
            evidence.push(Evidence {
                span: span(d),
                reason: text,
            });
        }
        let consistent = |y: i32| {
            pairs.iter().all(|&(m, d, wd, _, _)| {
                Date::from_ymd_opt(y, m, d).is_some_and(|x| x.weekday() == wd)
            })
        };
        let chosen = (latest..=latest + 40)
            .find(|&y| consistent(y))
            .or_else(|| (latest - 40..latest).rev().find(|&y| consistent(y)))?;
        evidence.push(Evidence {
            span: max_year.and_then(|(_, k)| span(k)),
            reason: format!("the latest year mentioned is {latest}; {chosen} is the first year from it on where every weekday-date pair holds"),
        });
        (chosen, InferenceBasis::WeekdayDatePairs)
    } else if let Some(&(d, k, _)) = full_dates.iter().max_by_key(|(d, _, _)| *d) {
        evidence.push(Evidence {
            span: span(k),
            reason: format!("no weekday-date pair; the latest explicit date is {d}, a lower bound"),
        });
        (d.year(), InferenceBasis::LatestExplicitDate)
    } else {
        let (y, k) = max_year?;
        evidence.push(Evidence {
            span: span(k),
            reason: format!(
                "no weekday-date pair; the latest year mentioned is {y}, a lower bound"
            ),
        });
        (y, InferenceBasis::LatestYearMentioned)
    };

    // The latest date in a clause that is not in the future.
    let mut latest: Option<(Date, usize, Tense)> = None;
    let candidates = month_days
        .iter()
        .filter_map(|md| {
            Date::from_ymd_opt(year, md.month, md.day).map(|d| (d, md.mention, md.tense))
        })
        .chain(
            full_dates
                .iter()
                .copied()
                .filter(|(d, _, _)| d.year() == year),
        );
    for (d, k, tense) in candidates {
        // Only a clause in the past tense places its date before publication.
        if !tense.is_past() {
            continue;
        }
        if latest.is_none_or(|(best, _, _)| d > best) {
            latest = Some((d, k, tense));
        }
    }
    let date = match latest {
        Some((d, k, _)) => {
            let published = d.succ_opt().unwrap_or(d);
            evidence.push(Evidence {
                span: span(k),
                reason: format!(
                    "the latest date told in the past tense is {d}; published on or after {published}"
                ),
            });
            published
        }
        None => return None,
    };
    Some(InferredDate {
        date,
        basis,
        evidence,
    })
}
