//! Small closed word lists: months, weekdays, number words, seasons, units.
//!
//! All lookups take a lowercase word and return `None` for anything else, so the
//! grammar can test a token against a list without allocating.

use chrono::Weekday;

/// Calendar unit a duration or a shift counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Millennium,
}

impl Unit {
    /// The TIMEX3 duration letter ("Y" in `P3Y`).
    pub(crate) fn letter(self) -> &'static str {
        match self {
            Unit::Second => "S",
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Quarter => "Q",
            Unit::Year => "Y",
            Unit::Decade => "E",
            Unit::Century => "C",
            Unit::Millennium => "L",
        }
    }

    /// True for units written after `T` in a duration (`PT3H`).
    pub(crate) fn is_clock(self) -> bool {
        matches!(self, Unit::Second | Unit::Minute | Unit::Hour)
    }
}

/// A unit word, singular or plural ("weeks", "yr").
pub(crate) fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "second" | "seconds" | "sec" | "secs" => Unit::Second,
        "minute" | "minutes" | "min" | "mins" => Unit::Minute,
        "hour" | "hours" | "hr" | "hrs" => Unit::Hour,
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "quarter" | "quarters" => Unit::Quarter,
        "year" | "years" | "yr" | "yrs" => Unit::Year,
        "decade" | "decades" => Unit::Decade,
        "century" | "centuries" => Unit::Century,
        "millennium" | "millennia" | "millenniums" => Unit::Millennium,
        _ => return None,
    })
}

/// A month name or abbreviation ("sept", "september") as 1..=12.
pub(crate) fn month(word: &str) -> Option<u32> {
    Some(match word {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sept" | "sep" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// True when the month word is an abbreviation, which may carry a period.
pub(crate) fn is_month_abbreviation(word: &str) -> bool {
    word.len() <= 4 && month(word).is_some() && word != "may" && word != "june" && word != "july"
}

/// A full weekday name.
pub(crate) fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A weekday abbreviation ("Mon", "Thurs"), valid only with its period.
pub(crate) fn weekday_abbreviation(word: &str) -> Option<Weekday> {
    Some(match word {
        "mon" => Weekday::Mon,
        "tue" | "tues" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" | "thur" | "thurs" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// A weekday name in the plural ("Tuesdays"), which makes a SET.
pub(crate) fn weekday_plural(word: &str) -> Option<Weekday> {
    word.strip_suffix('s').and_then(weekday)
}

/// A season name as its TIMEX3 code.
pub(crate) fn season(word: &str) -> Option<&'static str> {
    Some(match word {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// A part of the day as its TIMEX3 code.
pub(crate) fn part_of_day(word: &str) -> Option<&'static str> {
    Some(match word {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// Number words for units ("seven") and tens ("twenty").
pub(crate) fn small_number(word: &str) -> Option<i64> {
    Some(match word {
        "zero" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// Ordinal words ("third") and ordinal numerals' word forms.
pub(crate) fn ordinal(word: &str) -> Option<u32> {
    Some(match word {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// Decade words ("the nineties") as the decade's first two digits after 19.
pub(crate) fn decade_word(word: &str) -> Option<u32> {
    Some(match word {
        "twenties" => 2,
        "thirties" => 3,
        "forties" => 4,
        "fifties" => 5,
        "sixties" => 6,
        "seventies" => 7,
        "eighties" => 8,
        "nineties" => 9,
        _ => return None,
    })
}

/// When a holiday falls in a given year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HolidayRule {
    /// The same month and day every year.
    Fixed(u32, u32),
    /// The n-th given weekday of a month (n = 1..=4), or the last one (n = 0).
    NthWeekday(u32, u8, Weekday),
    /// The first given weekday on or after a month and day (US Election Day:
    /// the first Tuesday on or after November 2).
    WeekdayOnOrAfter(u32, u32, Weekday),
    /// Easter Sunday (Gregorian computus) moved by a number of days.
    Easter(i8),
}

/// Holiday names, longest first so that "Christmas Eve" wins over "Christmas".
pub(crate) const HOLIDAYS: &[(&[&str], HolidayRule)] = &[
    (&["new", "year", "'", "s", "day"], HolidayRule::Fixed(1, 1)),
    (
        &["new", "year", "'", "s", "eve"],
        HolidayRule::Fixed(12, 31),
    ),
    (&["valentine", "'", "s", "day"], HolidayRule::Fixed(2, 14)),
    (
        &["martin", "luther", "king", "day"],
        HolidayRule::NthWeekday(1, 3, Weekday::Mon),
    ),
    (
        &["thanksgiving", "day"],
        HolidayRule::NthWeekday(11, 4, Weekday::Thu),
    ),
    (&["christmas", "eve"], HolidayRule::Fixed(12, 24)),
    (&["christmas", "day"], HolidayRule::Fixed(12, 25)),
    (&["independence", "day"], HolidayRule::Fixed(7, 4)),
    (
        &["memorial", "day"],
        HolidayRule::NthWeekday(5, 0, Weekday::Mon),
    ),
    (
        &["labor", "day"],
        HolidayRule::NthWeekday(9, 1, Weekday::Mon),
    ),
    (&["veterans", "day"], HolidayRule::Fixed(11, 11)),
    (
        &["thanksgiving"],
        HolidayRule::NthWeekday(11, 4, Weekday::Thu),
    ),
    (
        &["election", "day"],
        HolidayRule::WeekdayOnOrAfter(11, 2, Weekday::Tue),
    ),
    (&["easter", "sunday"], HolidayRule::Easter(0)),
    (&["easter", "monday"], HolidayRule::Easter(1)),
    (&["good", "friday"], HolidayRule::Easter(-2)),
    (&["easter"], HolidayRule::Easter(0)),
    (&["christmas"], HolidayRule::Fixed(12, 25)),
    (&["halloween"], HolidayRule::Fixed(10, 31)),
];

/// Time zone abbreviations that may follow a clock time ("5 p.m. EST").
pub(crate) fn is_time_zone(word: &str) -> bool {
    matches!(
        word,
        "est"
            | "edt"
            | "et"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "bst"
            | "cet"
    )
}

/// Past-tense forms that do not end in "-ed", the most frequent in news.
pub(crate) fn is_irregular_past(word: &str) -> bool {
    matches!(
        word,
        "was"
            | "were"
            | "had"
            | "did"
            | "said"
            | "told"
            | "began"
            | "came"
            | "went"
            | "made"
            | "took"
            | "gave"
            | "got"
            | "saw"
            | "found"
            | "left"
            | "sold"
            | "bought"
            | "rose"
            | "fell"
            | "paid"
            | "won"
            | "lost"
            | "held"
            | "met"
            | "led"
            | "ran"
            | "set"
            | "put"
            | "hit"
            | "cut"
            | "spoke"
            | "wrote"
            | "brought"
            | "thought"
            | "knew"
            | "sent"
            | "spent"
            | "became"
            | "broke"
            | "chose"
            | "drew"
            | "flew"
            | "fought"
            | "grew"
            | "heard"
            | "kept"
            | "laid"
            | "meant"
            | "overtook"
            | "rang"
            | "sank"
            | "shot"
            | "stood"
            | "struck"
            | "swept"
            | "taught"
            | "threw"
            | "tore"
            | "withdrew"
            | "ago"
    )
}

/// Words that put a clause in the future.
pub(crate) fn is_future_marker(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "ll"
            | "shall"
            | "plans"
            | "plan"
            | "expects"
            | "expected"
            | "scheduled"
            | "due"
            | "upcoming"
            | "next"
            | "tomorrow"
            | "coming"
            | "until"
            | "intends"
            | "aims"
            | "forecast"
            | "projected"
            | "planning"
            | "would"
    )
}

/// Words ending in "-ed" that are rarely past-tense verbs in news.
pub(crate) fn is_false_past(word: &str) -> bool {
    matches!(
        word,
        "need"
            | "red"
            | "bed"
            | "hundred"
            | "based"
            | "united"
            | "limited"
            | "related"
            | "speed"
            | "feed"
            | "seed"
            | "indeed"
            | "proceed"
            | "exceed"
            | "succeed"
            | "weed"
            | "expected"
            | "planned"
            | "scheduled"
            | "projected"
            | "called"
            | "so-called"
    )
}

/// Words that open a noun phrase: after one, "plan" or "forecast" is a noun.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "this" | "that" | "whose"
    )
}

/// Future markers that are also nouns ("the plan", "its forecast").
pub(crate) fn is_future_noun(word: &str) -> bool {
    matches!(word, "plan" | "plans" | "forecast" | "aims")
}

/// Verbs of schedules whose present tense announces an arrangement: "the
/// talks resume Monday", "the two leaders meet Tuesday".
pub(crate) fn is_scheduling_present(word: &str) -> bool {
    matches!(
        word,
        "begin"
            | "begins"
            | "start"
            | "starts"
            | "resume"
            | "resumes"
            | "reopen"
            | "reopens"
            | "meet"
            | "meets"
            | "arrive"
            | "arrives"
            | "depart"
            | "departs"
            | "return"
            | "returns"
            | "visit"
            | "visits"
            | "expire"
            | "expires"
            | "convene"
            | "convenes"
    )
}

/// Verbs that move a date later: "postponed until Tuesday" looks ahead.
pub(crate) fn is_deferral(word: &str) -> bool {
    matches!(
        word,
        "postponed"
            | "delayed"
            | "deferred"
            | "adjourned"
            | "extended"
            | "suspended"
            | "recessed"
            | "put"
    )
}

/// Words that cannot be the noun a date modifies ("the June of 1990", "the
/// May and June figures" keep their clause's tense).
pub(crate) fn is_function_word(word: &str) -> bool {
    matches!(
        word,
        "of" | "and"
            | "or"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "by"
            | "with"
            | "that"
            | "which"
            | "when"
            | "as"
            | "than"
            | "is"
            | "was"
            | "were"
            | "are"
            | "will"
            | "would"
            | "had"
            | "has"
            | "have"
            | "be"
            | "been"
            | "a"
            | "an"
            | "the"
    )
}
