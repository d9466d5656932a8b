//! What an expression means before it is anchored: the grammar's output.
//!
//! A [`Form`] records only what the words say ("the Saturday before the
//! anchor", "July 17 of some year", "two weeks"); [`crate::resolve`] turns it
//! into a TIMEX3 value once the anchor date and the clause's tense are known.
//! Keeping the two apart lets publication-date inference read the forms of an
//! article before any of them is resolved.

use crate::lexicon::Unit;
use crate::TimexType;
use chrono::Weekday;

/// The year of a calendar expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearRef {
    /// Written out ("July 17, 2021", "1990").
    Explicit(i32),
    /// Left out ("July 17"): taken from the anchor and the tense.
    Implicit,
    /// Relative to the anchor's year ("June last year" is -1).
    Relative(i32),
}

/// Which way a weekday, month or season points from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// Not said: the clause's tense decides.
    Unsaid,
    /// "last Friday", "this past spring".
    Past,
    /// "next Monday", "this coming Sunday".
    Future,
    /// "this summer", "this September": the one in the anchor's year.
    Current,
}

/// A time of day attached to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeOfDay {
    /// A part of the day as a TIMEX3 code ("MO", "NI").
    Part(&'static str),
    /// A clock time, hours 0..=24 and minutes.
    Clock(u32, u32),
}

/// A named part of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearPart {
    /// Quarter 1..=4.
    Quarter(u32),
    /// Half 1..=2.
    Half(u32),
    /// A season code ("SU").
    Season(&'static str),
}

/// The meaning of one expression, anchor-free.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Form {
    /// A value that needs no anchor: durations, written years, decades, `PAST_REF`.
    Fixed(TimexType, String),
    /// A calendar date or month, year possibly implicit.
    Calendar {
        /// The year.
        year: YearRef,
        /// Month 1..=12.
        month: u32,
        /// Day of month, when given.
        day: Option<u32>,
        /// A weekday written next to the date ("Saturday, April 25").
        weekday: Option<Weekday>,
        /// Time of day, when given.
        time: Option<TimeOfDay>,
        /// Which way to look when the year is implicit ("last April").
        direction: Direction,
    },
    /// A weekday without a date ("on Saturday", "last Friday").
    Weekday {
        /// The weekday.
        weekday: Weekday,
        /// Which way to look from the anchor.
        direction: Direction,
        /// Time of day ("Saturday night").
        time: Option<TimeOfDay>,
        /// True for "the previous Friday", "the following Monday": counted
        /// from the date the text set, not from the publication date.
        anaphoric: bool,
    },
    /// A shift of whole units from the anchor ("yesterday", "last week", "two years ago").
    Shift {
        /// The unit; the value has this granularity.
        unit: Unit,
        /// Signed number of units.
        n: i64,
        /// True when the shift counts from a date the text set ("the following day"),
        /// false when it counts from the publication date ("yesterday").
        anaphoric: bool,
        /// Time of day ("last night", "this morning").
        time: Option<TimeOfDay>,
    },
    /// A quarter, half or season of a year ("the third quarter of 1990", "last fall").
    YearPart {
        /// The year.
        year: YearRef,
        /// The part.
        part: YearPart,
        /// Which way to look when the year is implicit.
        direction: Direction,
    },
    /// "a year ago", "year-earlier", "the year-ago quarter": the period a year
    /// back, a quarter when the text just named one (earnings news), else a year.
    YearAgo {
        /// True when the words name a quarter or a period ("the year-ago quarter").
        quarter: bool,
    },
    /// A day of a month left unsaid ("on the 19th").
    DayOfMonth {
        /// Day 1..=31.
        day: u32,
    },
    /// A holiday ("Thanksgiving", "Christmas Day 2020").
    Holiday {
        /// When it falls.
        rule: crate::lexicon::HolidayRule,
        /// The year.
        year: YearRef,
        /// Which way to look when the year is implicit.
        direction: Direction,
    },
    /// "the 1988 period": the quarter last reported (the one before the
    /// anchor's), in the stated year.
    ReportedQuarter {
        /// The stated year.
        year: i32,
    },
    /// "the week of March 6": the ISO week that holds a date.
    WeekOf(Box<Form>),
    /// "the day before last Tuesday": a date moved by whole days.
    DaysFrom {
        /// Days to add (negative: before).
        days: i64,
        /// The date moved.
        date: Box<Form>,
    },
    /// A weekend: "this weekend" is the coming (or current) one, "last weekend"
    /// the one before, "the weekend" follows the tense.
    Weekend {
        /// Which way to look from the anchor.
        direction: Direction,
    },
}

impl Form {
    /// The day the text is about, at a time of day if one is given ("at 4
    /// p.m.", "tonight"): a shift of zero days.
    pub(crate) fn same_day(time: Option<TimeOfDay>) -> Form {
        Form::Shift {
            unit: Unit::Day,
            n: 0,
            anaphoric: false,
            time,
        }
    }

    /// The explicit year the form states, if any.
    pub(crate) fn explicit_year(&self) -> Option<i32> {
        match self {
            Form::Calendar {
                year: YearRef::Explicit(y),
                ..
            }
            | Form::YearPart {
                year: YearRef::Explicit(y),
                ..
            }
            | Form::Holiday {
                year: YearRef::Explicit(y),
                ..
            }
            | Form::ReportedQuarter { year: y } => Some(*y),
            Form::WeekOf(inner) => inner.explicit_year(),
            Form::DaysFrom { date, .. } => date.explicit_year(),
            Form::Fixed(TimexType::Date, v) if v.len() == 4 => v.parse().ok(),
            _ => None,
        }
    }
}
