//! Anchoring: from a [`Form`] and the anchor date to a TIMEX3 value.
//!
//! Deictic expressions ("yesterday", "last week", "two years ago") count from
//! the anchor, which is the publication date. Anaphoric ones ("the following
//! day", "a year earlier", "that year") count from the last date the text
//! itself set, falling back to the anchor. An implicit year is taken, in order,
//! from a year named earlier in the same sentence ("In 2014 … in June", "last
//! year … in January"), then from the anchor, moved a year back or forth when
//! the clause's tense says the month lies in the past or the future. Without any anchor the value
//! keeps what the words say and leaves the rest undecided: `XXXX-06`,
//! `XXXX-WXX-6`, `PAST_REF`.

use crate::context::Tense;
use crate::form::{Direction, Form, TimeOfDay, YearPart, YearRef};
use crate::lexicon::{HolidayRule, Unit};
use crate::TimexType;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// How fine a resolved date is, finest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Granularity {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

/// A date the text has set, for anaphoric expressions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reference {
    /// A day inside the referenced period.
    pub(crate) date: NaiveDate,
    /// The period's size.
    pub(crate) granularity: Granularity,
    /// The sentence that set it.
    pub(crate) sentence: u32,
}

/// How many sentences back a quarter still sets the period of "a year ago".
const QUARTER_REACH_SENTENCES: u32 = 3;

/// What resolution needs besides the form.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Situation {
    /// The publication date, if known or inferred.
    pub(crate) anchor: Option<NaiveDate>,
    /// The last date the text set.
    pub(crate) reference: Option<Reference>,
    /// The last quarter the text named ("the third quarter"), for "a year earlier".
    pub(crate) last_quarter: Option<Reference>,
    /// A year stated earlier in the same sentence, written out or counted
    /// from the anchor ("last year").
    pub(crate) sentence_year: Option<i32>,
    /// The tense of the clause.
    pub(crate) tense: Tense,
    /// The sentence the expression is in.
    pub(crate) sentence: u32,
}

/// The resolved type and value, plus the reference the expression sets.
pub(crate) struct Resolved {
    pub(crate) kind: TimexType,
    pub(crate) value: String,
    pub(crate) sets: Option<(NaiveDate, Granularity)>,
}

fn date_of(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn time_suffix(time: Option<TimeOfDay>) -> String {
    match time {
        None => String::new(),
        Some(TimeOfDay::Part(p)) => format!("T{p}"),
        Some(TimeOfDay::Clock(h, m)) => format!("T{h:02}:{m:02}"),
    }
}

fn year_string(y: i32) -> String {
    if (0..=9999).contains(&y) {
        format!("{y:04}")
    } else {
        "XXXX".to_string()
    }
}

fn quarter_of(date: NaiveDate) -> u32 {
    (date.month() - 1) / 3 + 1
}

/// Resolve one form.
pub(crate) fn resolve(form: &Form, s: &Situation) -> Resolved {
    match form {
        Form::Fixed(kind, value) => {
            let sets = if *kind == TimexType::Date && value.len() == 4 {
                value
                    .parse()
                    .ok()
                    .and_then(|y| date_of(y, 1, 1))
                    .map(|d| (d, Granularity::Year))
            } else {
                None
            };
            Resolved {
                kind: *kind,
                value: value.clone(),
                sets,
            }
        }
        Form::Calendar {
            year,
            month,
            day,
            weekday,
            time,
            direction,
        } => calendar(*year, *month, *day, *weekday, *time, *direction, s),
        Form::Weekday {
            weekday,
            direction,
            time,
            anaphoric,
        } => weekday_value(*weekday, *direction, *time, *anaphoric, s),
        Form::Shift {
            unit,
            n,
            anaphoric,
            time,
        } => shift(*unit, *n, *anaphoric, *time, s),
        Form::YearPart {
            year,
            part,
            direction,
        } => year_part(*year, *part, *direction, s),
        Form::Weekend { direction } => weekend(*direction, s),
        // "the day before last Tuesday": the date, moved; open when the date is
        Form::DaysFrom { days, date } => {
            let day = resolve(date, s);
            match day.sets {
                Some((d, Granularity::Day)) => {
                    let moved = add_days(d, *days);
                    Resolved {
                        kind: TimexType::Date,
                        value: date_string(moved),
                        sets: Some((moved, Granularity::Day)),
                    }
                }
                _ => Resolved {
                    kind: TimexType::Date,
                    value: "XXXX-XX-XX".to_string(),
                    sets: None,
                },
            }
        }
        // "the week of March 6": the ISO week of the date; open when the date is
        Form::WeekOf(inner) => {
            let day = resolve(inner, s);
            match day.sets {
                Some((d, Granularity::Day)) => Resolved {
                    kind: TimexType::Date,
                    value: week_string(d),
                    sets: Some((d, Granularity::Week)),
                },
                _ => Resolved {
                    kind: TimexType::Date,
                    value: "XXXX-WXX".to_string(),
                    sets: None,
                },
            }
        }
        Form::YearAgo { quarter } => year_ago(*quarter, s),
        Form::DayOfMonth { day } => day_of_month(*day, s),
        Form::Holiday {
            rule,
            year,
            direction,
        } => holiday(*rule, *year, *direction, s),
        Form::ReportedQuarter { year } => {
            let value = match s.anchor {
                Some(a) => format!("{}-Q{}", year_string(*year), quarter_of(add_months(a, -3))),
                None => year_string(*year),
            };
            Resolved {
                kind: TimexType::Date,
                value,
                sets: None,
            }
        }
    }
}

fn implicit_year(month: u32, day: Option<u32>, direction: Direction, s: &Situation) -> Option<i32> {
    // An explicit year earlier in the sentence dates the month ("in 2014 …
    // in June"), unless the clause looks ahead from a publication date past
    // that year ("served until 1997 and will testify on March 12").
    if let Some(y) = s.sentence_year {
        let looks_ahead_past_it =
            s.tense == Tense::Future && s.anchor.is_some_and(|a| a.year() > y);
        if !looks_ahead_past_it {
            return Some(y);
        }
    }
    let anchor = s.anchor?;
    let y = anchor.year();
    let here = (month, day.unwrap_or(0));
    let now = (anchor.month(), if day.is_some() { anchor.day() } else { 0 });
    let direction = match (direction, s.tense) {
        (Direction::Unsaid, Tense::Future) => Direction::Future,
        (Direction::Unsaid, Tense::Over) => Direction::Past,
        (d, _) => d,
    };
    match direction {
        Direction::Past => Some(if here > now { y - 1 } else { y }),
        Direction::Future => Some(if here < now { y + 1 } else { y }),
        Direction::Current => Some(y),
        // Not said: the occurrence nearest the anchor, looking at most a few
        // months ahead. A past-tense reporting verb often governs a coming date
        // ("said the dividend is payable Dec. 15"), so the past tense alone does
        // not push a date into the previous year.
        Direction::Unsaid => {
            let reach = if s.tense.is_past() {
                PAST_REACH_MONTHS
            } else {
                UNKNOWN_REACH_MONTHS
            };
            let offset = |year: i32| (year - y) * 12 + month as i32 - anchor.month() as i32;
            [y - 1, y, y + 1]
                .into_iter()
                .filter(|&c| offset(c) <= reach)
                .min_by_key(|&c| offset(c).abs())
        }
    }
}

/// How many months ahead of the anchor a month in a past-tense clause may lie.
const PAST_REACH_MONTHS: i32 = 3;

/// How many months ahead of the anchor a month in a clause without tense may lie.
const UNKNOWN_REACH_MONTHS: i32 = 6;

/// TIME when a time of day is given ("Friday night"), else DATE.
fn date_or_time(time: Option<TimeOfDay>) -> TimexType {
    if time.is_some() {
        TimexType::Time
    } else {
        TimexType::Date
    }
}

fn calendar(
    year: YearRef,
    month: u32,
    day: Option<u32>,
    weekday: Option<Weekday>,
    time: Option<TimeOfDay>,
    direction: Direction,
    s: &Situation,
) -> Resolved {
    let kind = date_or_time(time);
    let y = match year {
        YearRef::Explicit(y) => Some(y),
        YearRef::Relative(n) => s.anchor.map(|a| a.year() + n),
        YearRef::Implicit => {
            let guess = implicit_year(month, day, direction, s);
            // A weekday written next to the date picks the year among neighbours.
            match (guess, weekday, day) {
                (Some(g), Some(wd), Some(d)) => [g, g - 1, g + 1]
                    .into_iter()
                    .find(|&y| date_of(y, month, d).is_some_and(|x| x.weekday() == wd))
                    .or(Some(g)),
                // "Feb. 29" without a year: the nearest leap year in the clause's direction.
                (Some(g), None, Some(d)) if date_of(g, month, d).is_none() => {
                    let step = if s.tense == Tense::Future { 1 } else { -1 };
                    (1..=8)
                        .map(|k| g + step * k)
                        .find(|&y| date_of(y, month, d).is_some())
                        .or(Some(g))
                }
                (g, _, _) => g,
            }
        }
    };
    let ys = y.map_or_else(|| "XXXX".to_string(), year_string);
    match day {
        Some(d) => {
            let valid = y.map_or(d <= 31, |y| date_of(y, month, d).is_some());
            if !valid {
                return Resolved {
                    kind,
                    value: format!("{ys}-{month:02}"),
                    sets: None,
                };
            }
            Resolved {
                kind,
                value: format!("{ys}-{month:02}-{d:02}{}", time_suffix(time)),
                sets: y
                    .and_then(|y| date_of(y, month, d))
                    .map(|x| (x, Granularity::Day)),
            }
        }
        None => Resolved {
            kind,
            value: format!("{ys}-{month:02}"),
            sets: y
                .and_then(|y| date_of(y, month, 1))
                .map(|x| (x, Granularity::Month)),
        },
    }
}

fn weekday_value(
    wd: Weekday,
    direction: Direction,
    time: Option<TimeOfDay>,
    anaphoric: bool,
    s: &Situation,
) -> Resolved {
    let kind = date_or_time(time);
    // "the previous Friday" counts from the day the text is about
    let from_reference = s
        .reference
        .filter(|r| anaphoric && r.granularity == Granularity::Day)
        .map(|r| r.date);
    let Some(anchor) = from_reference.or(s.anchor) else {
        return Resolved {
            kind,
            value: format!("XXXX-WXX-{}{}", wd.number_from_monday(), time_suffix(time)),
            sets: None,
        };
    };
    let back = (anchor.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
    let forward = (7 - back) % 7;
    let offset: i64 = match direction {
        Direction::Past => -(if back == 0 { 7 } else { back as i64 }),
        Direction::Future => {
            if forward == 0 {
                7
            } else {
                forward as i64
            }
        }
        Direction::Current => forward as i64,
        Direction::Unsaid => {
            if back == 0 {
                0
            } else if matches!(s.tense, Tense::Future | Tense::Scheduled) {
                forward as i64
            } else {
                -(back as i64)
            }
        }
    };
    let date = add_days(anchor, offset);
    Resolved {
        kind,
        value: format!("{}{}", date_string(date), time_suffix(time)),
        sets: Some((date, Granularity::Day)),
    }
}

fn add_days(date: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        date.checked_add_days(Days::new(n as u64)).unwrap_or(date)
    } else {
        date.checked_sub_days(Days::new(n.unsigned_abs()))
            .unwrap_or(date)
    }
}

fn add_months(date: NaiveDate, n: i64) -> NaiveDate {
    let Ok(k) = u32::try_from(n.unsigned_abs()) else {
        return date;
    };
    if n >= 0 {
        date.checked_add_months(Months::new(k)).unwrap_or(date)
    } else {
        date.checked_sub_months(Months::new(k)).unwrap_or(date)
    }
}

impl Resolved {
    /// A full calendar date, which also becomes the date the text is about.
    fn day(d: NaiveDate) -> Resolved {
        Resolved {
            kind: TimexType::Date,
            value: date_string(d),
            sets: Some((d, Granularity::Day)),
        }
    }
}

fn date_string(d: NaiveDate) -> String {
    format!("{}-{:02}-{:02}", year_string(d.year()), d.month(), d.day())
}

fn week_string(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{}-W{:02}", year_string(w.year()), w.week())
}

fn shift(unit: Unit, n: i64, anaphoric: bool, time: Option<TimeOfDay>, s: &Situation) -> Resolved {
    let kind = date_or_time(time);
    let recent_reference = s
        .reference
        .filter(|r| s.sentence.saturating_sub(r.sentence) <= 1);
    let base = if anaphoric && time.is_some() {
        // "the next morning", "overnight": a day the text named, else the
        // publication date
        s.reference
            .filter(|r| r.granularity == Granularity::Day)
            .map(|r| r.date)
            .or(s.anchor)
    } else if anaphoric {
        // "the following week" counts from a day or week the text named; after
        // a bare year or month ("in 1990 … the following week") only that
        // year or month is known
        let unit_granularity = match unit {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => Granularity::Day,
            Unit::Week => Granularity::Week,
            Unit::Month => Granularity::Month,
            Unit::Quarter => Granularity::Quarter,
            Unit::Year | Unit::Decade | Unit::Century | Unit::Millennium => Granularity::Year,
        };
        match s.reference {
            Some(r) if r.granularity <= unit_granularity => Some(r.date),
            Some(r) => {
                let y = year_string(r.date.year());
                let value = match (r.granularity, unit_granularity) {
                    (Granularity::Year, Granularity::Day) => Some(format!("{y}-XX-XX")),
                    (Granularity::Year, Granularity::Week) => Some(format!("{y}-WXX")),
                    (Granularity::Year, Granularity::Month) => Some(format!("{y}-XX")),
                    (Granularity::Month, Granularity::Day) => {
                        Some(format!("{y}-{:02}-XX", r.date.month()))
                    }
                    _ => None,
                };
                if let Some(value) = value {
                    return Resolved {
                        kind,
                        value,
                        sets: None,
                    };
                }
                s.anchor
            }
            None => s.anchor,
        }
    } else if n == 0 && unit == Unit::Day && matches!(time, Some(TimeOfDay::Clock(..))) {
        // a bare clock time ("at 10:35 a.m.") falls on the day the text is
        // talking about: a day named in this sentence or the one before
        recent_reference
            .filter(|r| r.granularity == Granularity::Day)
            .map(|r| r.date)
            .or(s.anchor)
    } else {
        s.anchor
    };
    let Some(base) = base else {
        let v = match n.signum() {
            -1 => "PAST_REF",
            1 => "FUTURE_REF",
            _ => "PRESENT_REF",
        };
        return Resolved {
            kind: TimexType::Date,
            value: v.to_string(),
            sets: None,
        };
    };
    // A year back from a quarter the text just named is that quarter a year back.
    if anaphoric && unit == Unit::Year {
        if let Some(r) = recent_reference.filter(|r| r.granularity == Granularity::Quarter) {
            let d = add_months(r.date, 12 * n);
            return Resolved {
                kind,
                value: format!("{}-Q{}", year_string(d.year()), quarter_of(d)),
                sets: None,
            };
        }
    }
    let (value, sets) = match unit {
        Unit::Day | Unit::Hour | Unit::Minute | Unit::Second => {
            let d = add_days(base, n);
            // "overnight" looks back from the story's day without moving it
            let keeps_day = anaphoric && n < 0 && time.is_some();
            (
                format!("{}{}", date_string(d), time_suffix(time)),
                (!keeps_day).then_some((d, Granularity::Day)),
            )
        }
        Unit::Week => {
            let d = add_days(base, n.saturating_mul(7));
            (week_string(d), Some((d, Granularity::Week)))
        }
        Unit::Month => {
            let d = add_months(base, n);
            (
                format!("{}-{:02}", year_string(d.year()), d.month()),
                Some((d, Granularity::Month)),
            )
        }
        Unit::Quarter => {
            let d = add_months(base, n.saturating_mul(3));
            (
                format!("{}-Q{}", year_string(d.year()), quarter_of(d)),
                Some((d, Granularity::Quarter)),
            )
        }
        Unit::Year => {
            let y = base.year() as i64 + n;
            let d = date_of(y as i32, 1, 1);
            (year_string(y as i32), d.map(|d| (d, Granularity::Year)))
        }
        Unit::Decade => {
            let dec = base.year() as i64 / 10 + n;
            (format!("{dec:03}"), None)
        }
        Unit::Century => {
            let c = base.year() as i64 / 100 + n;
            (format!("{c:02}"), None)
        }
        Unit::Millennium => {
            let m = base.year() as i64 / 1000 + n;
            (format!("{m}"), None)
        }
    };
    Resolved { kind, value, sets }
}

fn season_index(code: &str) -> u32 {
    match code {
        "SP" => 1,
        "SU" => 2,
        "FA" => 3,
        _ => 4,
    }
}

fn year_part(year: YearRef, part: YearPart, direction: Direction, s: &Situation) -> Resolved {
    let y = match year {
        YearRef::Explicit(y) => Some(y),
        YearRef::Relative(n) => s.anchor.map(|a| a.year() + n),
        YearRef::Implicit => (|| {
            let anchor = s.anchor?;
            let y = anchor.year();
            let (here, now) = match part {
                YearPart::Quarter(q) => (q, quarter_of(anchor)),
                YearPart::Half(h) => (h, if anchor.month() <= 6 { 1 } else { 2 }),
                // January and February belong to the winter that began the year before.
                YearPart::Season(c) => (
                    season_index(c),
                    match anchor.month() {
                        1 | 2 => 0,
                        3..=5 => 1,
                        6..=8 => 2,
                        9..=11 => 3,
                        _ => 4,
                    },
                ),
            };
            Some(match direction {
                // "last summer" said in summer is the summer before
                Direction::Past if here >= now && matches!(part, YearPart::Season(_)) => y - 1,
                Direction::Future if here <= now && matches!(part, YearPart::Season(_)) => y + 1,
                Direction::Unsaid if s.tense.is_past() && here > now => y - 1,
                Direction::Unsaid
                    if s.tense == Tense::Future
                        && here < now
                        && matches!(part, YearPart::Season(_)) =>
                {
                    y + 1
                }
                _ => y,
            })
        })(),
    };
    let ys = y.map_or_else(|| "XXXX".to_string(), year_string);
    let (value, sets) = match part {
        YearPart::Quarter(q) => (
            format!("{ys}-Q{q}"),
            y.and_then(|y| date_of(y, q * 3 - 2, 1))
                .map(|d| (d, Granularity::Quarter)),
        ),
        YearPart::Half(h) => (format!("{ys}-H{h}"), None),
        YearPart::Season(c) => (format!("{ys}-{c}"), None),
    };
    Resolved {
        kind: TimexType::Date,
        value,
        sets,
    }
}

/// The date of a holiday in year `y`.
fn holiday_date(rule: HolidayRule, y: i32) -> Option<NaiveDate> {
    match rule {
        HolidayRule::Fixed(m, d) => date_of(y, m, d),
        HolidayRule::NthWeekday(m, 0, wd) => {
            let next_month = if m == 12 {
                date_of(y + 1, 1, 1)
            } else {
                date_of(y, m + 1, 1)
            }?;
            (1..=7)
                .map(|k| add_days(next_month, -k))
                .find(|d| d.weekday() == wd)
        }
        HolidayRule::NthWeekday(m, n, wd) => NaiveDate::from_weekday_of_month_opt(y, m, wd, n),
        HolidayRule::WeekdayOnOrAfter(m, d, wd) => {
            let first = date_of(y, m, d)?;
            (0..7)
                .map(|k| add_days(first, k))
                .find(|x| x.weekday() == wd)
        }
        HolidayRule::Easter(shift) => easter_sunday(y).map(|d| add_days(d, i64::from(shift))),
    }
}

/// Easter Sunday of year `y` in the Gregorian calendar (the anonymous
/// Gregorian computus, Meeus/Jones/Butcher).
fn easter_sunday(y: i32) -> Option<NaiveDate> {
    if y < 1583 {
        return None;
    }
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date_of(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

fn holiday(rule: HolidayRule, year: YearRef, direction: Direction, s: &Situation) -> Resolved {
    let (month, day) = match rule {
        HolidayRule::Fixed(m, d) => (m, d),
        HolidayRule::NthWeekday(m, n, _) => (m, u32::from(n.max(1)) * 7),
        HolidayRule::WeekdayOnOrAfter(m, d, _) => (m, d + 3),
        // Easter falls between March 22 and April 25
        HolidayRule::Easter(_) => (4, 8),
    };
    let y = match year {
        YearRef::Explicit(y) => Some(y),
        YearRef::Relative(n) => s.anchor.map(|a| a.year() + n),
        YearRef::Implicit => implicit_year(month, Some(day), direction, s),
    };
    match y.and_then(|y| holiday_date(rule, y)) {
        Some(d) => Resolved::day(d),
        None => Resolved {
            kind: TimexType::Date,
            value: match rule {
                HolidayRule::Fixed(m, d) => format!("XXXX-{m:02}-{d:02}"),
                HolidayRule::NthWeekday(m, _, _) | HolidayRule::WeekdayOnOrAfter(m, _, _) => {
                    format!("XXXX-{m:02}")
                }
                HolidayRule::Easter(_) => "XXXX".to_string(),
            },
            sets: None,
        },
    }
}

/// "on the 19th": in the month of a recent date the text set, else the
/// anchor's month, moved back or forth a month by the tense.
fn day_of_month(day: u32, s: &Situation) -> Resolved {
    // A past-tense day cannot lie after the publication date.
    let possible = |d: NaiveDate| !(s.tense.is_past() && s.anchor.is_some_and(|a| d > a));
    let recent = s
        .reference
        .filter(|r| {
            matches!(r.granularity, Granularity::Day | Granularity::Month)
                && s.sentence.saturating_sub(r.sentence) <= 1
        })
        .map(|r| r.date)
        .filter(|r| date_of(r.year(), r.month(), day).is_some_and(possible));
    let month_start = match (recent, s.anchor) {
        (Some(r), _) => date_of(r.year(), r.month(), 1),
        (None, Some(a)) => {
            let first = date_of(a.year(), a.month(), 1);
            match s.tense {
                Tense::Past | Tense::Over if day > a.day() => first.map(|f| add_months(f, -1)),
                Tense::Future if day < a.day() => first.map(|f| add_months(f, 1)),
                _ => first,
            }
        }
        (None, None) => None,
    };
    match month_start.and_then(|m| date_of(m.year(), m.month(), day)) {
        Some(d) => Resolved::day(d),
        None => Resolved {
            kind: TimexType::Date,
            value: format!("XXXX-XX-{day:02}"),
            sets: None,
        },
    }
}

fn year_ago(quarter: bool, s: &Situation) -> Resolved {
    let recent_quarter = s
        .last_quarter
        .filter(|r| s.sentence.saturating_sub(r.sentence) <= QUARTER_REACH_SENTENCES)
        .map(|r| r.date)
        .or_else(|| s.anchor.filter(|_| quarter).map(|a| add_months(a, -3)));
    let value = match (recent_quarter, s.anchor) {
        (Some(q), _) => format!("{}-Q{}", year_string(q.year() - 1), quarter_of(q)),
        (None, Some(a)) => year_string(a.year() - 1),
        (None, None) => "PAST_REF".to_string(),
    };
    Resolved {
        kind: TimexType::Date,
        value,
        sets: None,
    }
}

fn weekend(direction: Direction, s: &Situation) -> Resolved {
    let Some(anchor) = s.anchor else {
        return Resolved {
            kind: TimexType::Date,
            value: "XXXX-WXX-WE".to_string(),
            sets: None,
        };
    };
    let in_weekend = matches!(anchor.weekday(), Weekday::Sat | Weekday::Sun);
    // ISO weeks run Monday to Sunday: a week's weekend is its last two days.
    let weeks: i64 = match direction {
        Direction::Current => 0,
        Direction::Past => -1,
        Direction::Future if in_weekend => 1,
        Direction::Future => 0,
        Direction::Unsaid if in_weekend || s.tense == Tense::Future => 0,
        Direction::Unsaid => -1,
    };
    let d = add_days(anchor, weeks.saturating_mul(7));
    Resolved {
        kind: TimexType::Date,
        value: format!("{}-WE", week_string(d)),
        sets: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates_from_the_computus() {
        for (y, m, d) in [
            (1998, 4, 12),
            (2000, 4, 23),
            (2019, 4, 21),
            (2024, 3, 31),
            (2038, 4, 25),
        ] {
            assert_eq!(easter_sunday(y), date_of(y, m, d), "Easter {y}");
        }
        assert_eq!(easter_sunday(1000), None);
    }
}
