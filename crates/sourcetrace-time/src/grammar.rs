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
enum Qty {
    /// An exact whole number.
    Exact(i64),
    /// A whole number and a half ("2 1/2", "a minute and a half").
    AndHalf(i64),
    /// An unspecified number ("several", "a few").
    Vague,
}

type Hit = Option<(usize, Form)>;

struct Grammar<'a> {
    t: &'a [Token],
}

fn fixed(kind: TimexType, value: impl Into<String>) -> Form {
    Form::Fixed(kind, value.into())
}

fn longer(a: Hit, b: Hit) -> Hit {
    match (&a, &b) {
        (Some((ea, _)), Some((eb, _))) if eb > ea => b,
        (None, _) => b,
        _ => a,
    }
}

impl<'a> Grammar<'a> {
    /// The lowercase token at `i`, or `""` past the end.
    fn w(&self, i: usize) -> &str {
        self.t.get(i).map_or("", |t| t.lower.as_str())
    }

    fn tok(&self, i: usize) -> Option<&Token> {
        self.t.get(i)
    }

    /// True when token `i` touches token `i - 1` (no space between).
    fn attached(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space_before)
    }

    /// Skip an optional hyphen that joins `i` to the next token.
    fn hyphen(&self, i: usize) -> usize {
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
        best = longer(best, self.clock_phrase(i));
        best = longer(best, self.year_ago(i));
        best = longer(best, self.part_of_day_phrase(i));
        best
    }

    // ----- numbers -------------------------------------------------------

    /// A number written in words ("twenty four", "two thousand", "a hundred").
    fn number_words(&self, i: usize) -> Option<(i64, usize)> {
        let mut j = i;
        let mut total: i64 = 0;
        let mut current: i64 = 0;
        let mut any = false;
        loop {
            let w = self.w(j);
            if let Some(v) = lexicon::small_number(w) {
                // "twenty" + "four", or a fresh number after "hundred"/"thousand"
                let tens_then_unit = current % 100 >= 20 && current % 10 == 0 && v < 10;
                if !(tens_then_unit || current % 100 == 0) {
                    break;
                }
                current = current.saturating_add(v);
                any = true;
                j += 1;
                // "twenty-four"
                if v >= 20
                    && self.w(j) == "-"
                    && lexicon::small_number(self.w(j + 1)).is_some_and(|u| u < 10)
                {
                    j += 1;
                }
            } else if (w == "hundred" || w == "thousand")
                && (any || (j == i + 1 && matches!(self.w(i), "a" | "one")))
            {
                if !any {
                    current = 1;
                }
                if w == "hundred" {
                    current = current.max(1).saturating_mul(100);
                } else {
                    total = total.saturating_add(current.max(1).saturating_mul(1000));
                    current = 0;
                }
                any = true;
                j += 1;
            } else if (w == "a" && j == i && matches!(self.w(i + 1), "hundred" | "thousand"))
                || (w == "and"
                    && any
                    && lexicon::small_number(self.w(j + 1)).is_some()
                    && current >= 100)
            {
                // "a hundred", "two hundred and five"
                j += 1;
            } else {
                break;
            }
        }
        any.then_some((total.saturating_add(current), j))
    }

    /// A count: digits, number words, "a", "a couple of", "several", "2 1/2".
    fn quantity(&self, i: usize, allow_article: bool) -> Option<(Qty, usize)> {
        let t = self.tok(i)?;
        let (mut qty, mut j) = if t.kind == Kind::Number {
            let raw = t.lower.replace(',', "");
            if let Ok(n) = raw.parse::<i64>() {
                (Qty::Exact(n), i + 1)
            } else if let Some(whole) = raw.strip_suffix(".5") {
                (Qty::AndHalf(whole.parse().ok()?), i + 1)
            } else {
                return None;
            }
        } else if let Some((n, j)) = self.number_words(i) {
            (Qty::Exact(n), j)
        } else {
            match t.lower.as_str() {
                "couple" if self.w(i + 1) == "of" => (Qty::Exact(2), i + 2),
                "a" | "an" if self.w(i + 1) == "couple" && self.w(i + 2) == "of" => {
                    (Qty::Exact(2), i + 3)
                }
                "a" | "an" if self.w(i + 1) == "few" => (Qty::Vague, i + 2),
                "a" | "an" if self.w(i + 1) == "dozen" => (Qty::Exact(12), i + 2),
                "a" | "an" if self.w(i + 1) == "number" && self.w(i + 2) == "of" => {
                    (Qty::Vague, i + 3)
                }
                "a" | "an" if allow_article => (Qty::Exact(1), i + 1),
                "dozen" => (Qty::Exact(12), i + 1),
                "several" | "few" | "many" => (Qty::Vague, i + 1),
                _ => return None,
            }
        };
        // "2 1/2"
        if let Qty::Exact(n) = qty {
            let fraction = self.w(j) == "1" && self.w(j + 1) == "/" && self.w(j + 2) == "2";
            let and_a_half = self.w(j) == "and"
                && self.w(j + 1) == "a"
                && self.w(j + 2) == "half"
                && lexicon::unit(self.w(j + 3)).is_some();
            if fraction || and_a_half {
                qty = Qty::AndHalf(n);
                j += 3;
            }
        }
        Some((qty, j))
    }

    /// A four-digit year token (or "'98"-style two digits after an apostrophe is not handled).
    fn year_token(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Number || t.lower.len() != 4 {
            return None;
        }
        let y: i32 = t.lower.parse().ok()?;
        (1000..=2200).contains(&y).then_some(y)
    }

    /// A year spoken in words: "nineteen ninety-six", "two thousand".
    fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
        let century = lexicon::small_number(self.w(i))?;
        if (11..=20).contains(&century) {
            let (rest, end) = self.number_words(i + 1)?;
            if (10..100).contains(&rest) {
                return Some(((century * 100 + rest) as i32, end));
            }
        }
        if century == 2 && self.w(i + 1) == "thousand" {
            let mut end = i + 2;
            let mut y = 2000;
            if self.w(end) == "and" {
                if let Some((n, e)) = self.number_words(end + 1) {
                    if n < 100 {
                        y += n;
                        end = e;
                    }
                }
            } else if let Some((n, e)) = self.number_words(end) {
                if n < 100 {
                    y += n;
                    end = e;
                }
            }
            return Some((y as i32, end));
        }
        None
    }

    /// A day of the month: "17", "17th", "seventeenth".
    fn day_of_month(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        let w = t.lower.as_str();
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &w[digits.len()..];
        let day = if !digits.is_empty()
            && digits.len() <= 2
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
                return None;
            }
            digits.parse().ok()?
        } else if let Some(d) = lexicon::ordinal(w) {
            d
        } else if let Some(tens) = lexicon::small_number(w).filter(|&v| v == 20 || v == 30) {
            // "twenty-first"
            let j = if self.w(i + 1) == "-" { i + 2 } else { i + 1 };
            let unit = lexicon::ordinal(self.w(j)).filter(|&u| u < 10)?;
            return Some((tens as u32 + unit, j + 1));
        } else {
            return None;
        };
        (1..=31).contains(&day).then_some((day, i + 1))
    }

    /// A month name, checking capitalization so that "may" and "march" stay verbs.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.tok(i)?;
        let m = lexicon::month(&t.lower)?;
        if !t.capitalized {
            return None;
        }
        // A month glued to digits by hyphens ("19-Nov-12") is a code, not a date.
        if self.w(i.wrapping_sub(1)) == "-"
            && self.attached(i)
            && i >= 2
            && self.tok(i - 2).is_some_and(|p| p.kind == Kind::Number)
        {
            return None;
        }
        let abbreviation = lexicon::is_month_abbreviation(&t.lower) && t.lower.len() < 5;
        let mut end = i + 1;
        if abbreviation {
            if self.w(end) == "." && self.attached(end) {
                end += 1;
            } else if t.lower.len() == 3
                && t.lower != "may"
                && self.tok(end).and_then(|n| n.digits()).is_none()
            {
                // "Mar", "Jan" without a period or a number are usually names.
                return None;
            }
        }
        if t.lower == "may" || t.lower == "march" {
            // "May" as a month needs a day, a year or a preposition.
            let next_number = self.tok(end).is_some_and(|n| n.kind == Kind::Number)
                || lexicon::ordinal(self.w(end)).is_some();
            let prev = self.w(i.wrapping_sub(1));
            let prep = matches!(
                prev,
                "in" | "since"
                    | "until"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "of"
                    | "by"
                    | "through"
                    | "from"
                    | "during"
                    | "before"
                    | "after"
                    | "-"
            );
            let sentence_start =
                i == 0 || self.tok(i).is_some_and(|t| t.newline_before) || prev == ".";
            if !next_number && (!prep || (sentence_start && t.lower == "may")) {
                return None;
            }
        }
        Some((m, end))
    }

    // ----- calendar expressions ------------------------------------------

    /// Leading modifiers of a calendar expression that stay in the extent.
    /// Returns the direction they imply and the index after them.
    fn calendar_modifiers(&self, i: usize) -> (Direction, usize) {
        let mut j = i;
        let mut dir = Direction::Unsaid;
        // "the beginning of", "the end of", "the middle of"
        if self.w(j) == "the"
            && matches!(self.w(j + 1), "beginning" | "end" | "middle" | "start")
            && self.w(j + 2) == "of"
        {
            j += 3;
        } else if matches!(self.w(j), "early" | "late" | "around" | "about") {
            j += 1;
        } else if self.w(j) == "mid" {
            j = self.hyphen(j + 1);
        }
        match self.w(j) {
            "last" => {
                dir = Direction::Past;
                j += 1;
            }
            "next" => {
                dir = Direction::Future;
                j += 1;
            }
            "this" | "these" => {
                dir = Direction::Current;
                j += 1;
                if self.w(j) == "past" {
                    dir = Direction::Past;
                    j += 1;
                } else if self.w(j) == "coming" {
                    dir = Direction::Future;
                    j += 1;
                }
            }
            "the" if matches!(self.w(j + 1), "previous" | "following") => {
                dir = if self.w(j + 1) == "previous" {
                    Direction::Past
                } else {
                    Direction::Future
                };
                j += 2;
            }
            _ => {}
        }
        (dir, j)
    }

    fn calendar(&self, i: usize) -> Hit {
        let (dir, j) = self.calendar_modifiers(i);
        let mut best = self.calendar_core(j, dir);
        if j != i && best.is_none() {
            // A modifier that leads nowhere: try the bare core.
            best = self.calendar_core(i, Direction::Unsaid);
        }
        best
    }

    fn calendar_core(&self, i: usize, dir: Direction) -> Hit {
        let mut best = self.weekday_date(i, dir);
        best = longer(best, self.month_date(i, dir, None));
        best = longer(best, self.day_month(i));
        best = longer(best, self.numeric_date(i));
        best = longer(best, self.year_expression(i));
        best = longer(best, self.season(i, dir));
        best = longer(best, self.quarter(i, dir));
        best = longer(best, self.holiday(i, dir));
        best = longer(best, self.compact_period(i));
        best
    }

    /// "Saturday", "Saturday, April 25", "Friday evening", "Tuesday nights".
    fn weekday_date(&self, i: usize, dir: Direction) -> Hit {
        let t = self.tok(i)?;
        if let Some(wd) = lexicon::weekday_plural(&t.lower) {
            let mut end = i + 1;
            let mut value = format!("XXXX-WXX-{}", wd.number_from_monday());
            if let Some(p) = lexicon::part_of_day(self.w(end).trim_end_matches('s')) {
                value.push('T');
                value.push_str(p);
                end += 1;
            }
            return Some((end, fixed(TimexType::Set, value)));
        }
        let abbreviated = lexicon::weekday(&t.lower).is_none();
        let (wd, mut end) = match lexicon::weekday(&t.lower) {
            Some(wd) => (wd, i + 1),
            // "Mon., July 19"
            None if t.capitalized && self.w(i + 1) == "." && self.attached(i + 1) => {
                (lexicon::weekday_abbreviation(&t.lower)?, i + 2)
            }
            None => return None,
        };
        // "Saturday, April 25", "Friday Oct. 13"
        let after_comma = if self.w(end) == "," { end + 1 } else { end };
        if let Some((
            e,
            Form::Calendar {
                year,
                month,
                day: Some(day),
                time,
                ..
            },
        )) = self.month_date(after_comma, dir, Some(wd))
        {
            return Some((
                e,
                Form::Calendar {
                    year,
                    month,
                    day: Some(day),
                    weekday: Some(wd),
                    time,
                    direction: dir,
                },
            ));
        }
        if abbreviated {
            // "Sat." alone is too often something else; only "Sat., April 25" counts.
            return None;
        }
        let mut time = None;
        if let Some(p) = lexicon::part_of_day(self.w(end)) {
            time = Some(TimeOfDay::Part(p));
            end += 1;
        }
        Some((
            end,
            Form::Weekday {
                weekday: wd,
                direction: dir,
                time,
            },
        ))
    }

    /// "July 17", "July 17, 2021", "Sept. 30", "March eighth", "August 1988", "June",
    /// "June last year".
    fn month_date(&self, i: usize, dir: Direction, weekday: Option<chrono::Weekday>) -> Hit {
        let (month, mut end) = self.month_at(i)?;
        let mut day = None;
        if let Some((d, e)) = self.day_of_month(end) {
            // Not "June 1994": a day has one or two digits, checked by day_of_month.
            day = Some(d);
            end = e;
        }
        let mut year = YearRef::Implicit;
        let comma = if self.w(end) == "," { end + 1 } else { end };
        if let Some(y) = self
            .year_token(comma)
            .filter(|_| day.is_some() || comma == end)
        {
            year = YearRef::Explicit(y);
            end = comma + 1;
        } else if let Some((y, e)) = self.spoken_year(end) {
            year = YearRef::Explicit(y);
            end = e;
        } else if day.is_none() && self.w(end) == "of" {
            if let Some(y) = self.year_token(end + 1) {
                year = YearRef::Explicit(y);
                end += 2;
            }
        } else if let Some(n) = match (self.w(end), self.w(end + 1)) {
            ("last", "year") => Some(-1),
            ("this", "year") => Some(0),
            ("next", "year") => Some(1),
            _ => None,
        } {
            year = YearRef::Relative(n);
            end += 2;
        }
        if day.is_none() && matches!(year, YearRef::Implicit) && weekday.is_some() {
            return None;
        }
        Some((
            end,
            Form::Calendar {
                year,
                month,
                day,
                weekday,
                time: None,
                direction: dir,
            },
        ))
    }

    /// "17 July 2021", "the 4th of July".
    fn day_month(&self, i: usize) -> Hit {
        let (start, mut j) = if self.w(i) == "the" {
            (i, i + 1)
        } else {
            (i, i)
        };
        let (day, e) = self.day_of_month(j)?;
        j = e;
        if start != i || self.w(j) == "of" {
            if self.w(j) != "of" {
                return None;
            }
            j += 1;
        }
        let (month, mut end) = self.month_at(j)?;
        let mut year = YearRef::Implicit;
        let comma = if self.w(end) == "," { end + 1 } else { end };
        if let Some(y) = self.year_token(comma) {
            year = YearRef::Explicit(y);
            end = comma + 1;
        }
        Some((
            end,
            Form::Calendar {
                year,
                month,
                day: Some(day),
                weekday: None,
                time: None,
                direction: Direction::Unsaid,
            },
        ))
    }

    /// "2021-07-17", "7/17/2021", "07/17/21".
    fn numeric_date(&self, i: usize) -> Hit {
        let a = self.tok(i).filter(|t| t.kind == Kind::Number)?;
        let sep = self.w(i + 1);
        if !(sep == "-" || sep == "/") || !self.attached(i + 1) || !self.attached(i + 2) {
            return None;
        }
        let b = self.tok(i + 2).filter(|t| t.kind == Kind::Number)?;
        if self.w(i + 3) != sep || !self.attached(i + 3) || !self.attached(i + 4) {
            return None;
        }
        if sep == "-" && a.lower.len() == 4 && b.lower.len() == 2 {
            if let Some(hit) = self.iso_date_time(i) {
                return Some(hit);
            }
        }
        let c = self.tok(i + 4).filter(|t| t.kind == Kind::Number)?;
        // Refuse a longer chain ("1-2-3-4") and glued trailing digits.
        if matches!(self.w(i + 5), "-" | "/") && self.attached(i + 5) {
            return None;
        }
        let (y, m, d) =
            if sep == "-" && a.lower.len() == 4 && b.lower.len() == 2 && c.lower.len() == 2 {
                (a.digits()?, b.digits()?, c.digits()?)
            } else if sep == "/"
                && a.lower.len() <= 2
                && b.lower.len() <= 2
                && (c.lower.len() == 4 || c.lower.len() == 2)
            {
                let y = c.digits()?;
                let y = if c.lower.len() == 2 {
                    if y < 50 {
                        2000 + y
                    } else {
                        1900 + y
                    }
                } else {
                    y
                };
                (y, a.digits()?, b.digits()?)
            } else {
                return None;
            };
        chrono::NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?;
        Some((
            i + 5,
            Form::Calendar {
                year: YearRef::Explicit(y as i32),
                month: m as u32,
                day: Some(d as u32),
                weekday: None,
                time: None,
                direction: Direction::Unsaid,
            },
        ))
    }

    /// An ISO 8601 date-time: "2021-07-19T10:00Z", "2021-07-19T10:00:00+02:00".
    /// The tokenizer leaves "19T10" as one word; the zone stays in the extent only.
    fn iso_date_time(&self, i: usize) -> Hit {
        let y: i32 = self.w(i).parse().ok()?;
        let m: u32 = self.w(i + 2).parse().ok()?;
        let day_hour = self.w(i + 4);
        let (d, h) = day_hour.split_once('t')?;
        if d.len() != 2 || h.len() != 2 {
            return None;
        }
        let (d, h): (u32, u32) = (d.parse().ok()?, h.parse().ok()?);
        if self.w(i + 5) != ":" || !self.attached(i + 5) || !self.attached(i + 6) {
            return None;
        }
        let minutes_token = self.w(i + 6);
        let min: u32 = minutes_token.get(..2)?.parse().ok()?;
        if !matches!(minutes_token.get(2..), Some("" | "z")) || h > 24 || min > 59 {
            return None;
        }
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
        let mut end = i + 7;
        // seconds ":00" or ":00Z", then an offset "+02:00"
        if self.w(end) == ":"
            && self.attached(end)
            && self
                .tok(end + 1)
                .is_some_and(|t| t.lower.len() <= 3 && !t.space_before)
        {
            end += 2;
        }
        if matches!(self.w(end), "+" | "-")
            && self.attached(end)
            && self
                .tok(end + 1)
                .is_some_and(|t| t.kind == Kind::Number && !t.space_before)
        {
            end += 2;
            if self.w(end) == ":"
                && self.attached(end)
                && self
                    .tok(end + 1)
                    .is_some_and(|t| t.kind == Kind::Number && !t.space_before)
            {
                end += 2;
            }
        }
        Some((
            end,
            Form::Calendar {
                year: YearRef::Explicit(y),
                month: m,
                day: Some(d),
                weekday: None,
                time: Some(TimeOfDay::Clock(h, min)),
                direction: Direction::Unsaid,
            },
        ))
    }

    /// Business shorthand: "Q3 2021", "2021 Q3", "H1 2021", "FY2021", "FY 2021", "FY21".
    fn compact_period(&self, i: usize) -> Hit {
        let t = self.tok(i)?;
        let code = |w: &str| -> Option<YearPart> {
            let (letter, n) = w.split_at_checked(1)?;
            let n: u32 = n.parse().ok()?;
            match letter {
                "q" if (1..=4).contains(&n) => Some(YearPart::Quarter(n)),
                "h" if (1..=2).contains(&n) => Some(YearPart::Half(n)),
                _ => None,
            }
        };
        // "FY2021", "FY21", "FY 2021"
        if t.capitalized && t.lower.starts_with("fy") {
            let digits = &t.lower[2..];
            let (year, end) = match digits.len() {
                4 => (digits.parse::<i32>().ok()?, i + 1),
                2 => (2000 + digits.parse::<i32>().ok()?, i + 1),
                0 => (self.year_token(i + 1)?, i + 2),
                _ => return None,
            };
            return Some((end, fixed(TimexType::Date, format!("{year:04}"))));
        }
        // "2021 Q3"
        if let Some(y) = self.year_token(i) {
            let part =
                code(self.w(i + 1)).filter(|_| self.tok(i + 1).is_some_and(|n| n.capitalized))?;
            return Some((
                i + 2,
                Form::YearPart {
                    year: YearRef::Explicit(y),
                    part,
                    direction: Direction::Unsaid,
                },
            ));
        }
        if !t.capitalized {
            return None;
        }
        let part = code(&t.lower)?;
        let (year, end) = match self.year_token(i + 1) {
            Some(y) => (YearRef::Explicit(y), i + 2),
            None => (YearRef::Implicit, i + 1),
        };
        Some((
            end,
            Form::YearPart {
                year,
                part,
                direction: Direction::Unsaid,
            },
        ))
    }

    /// Years, decades and centuries: "1990", "fiscal 1989", "the year 2000",
    /// "nineteen ninety-six", "the 1990s", "the '80s", "the nineties", "the 20th century".
    fn year_expression(&self, i: usize) -> Hit {
        let mut j = i;
        let mut the = false;
        if self.w(j) == "the" {
            the = true;
            j += 1;
        }
        if matches!(self.w(j), "early" | "late" | "mid") {
            j = self.hyphen(j + 1);
        }
        // decades
        if let Some(t) = self.tok(j) {
            let w = t.lower.as_str();
            if let Some(d) = w.strip_suffix('s').filter(|d| {
                d.len() == 4 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit())
            }) {
                return Some((j + 1, fixed(TimexType::Date, &d[..3])));
            }
            if w == "'" || w == "’" {
                if let Some(d) = self.w(j + 1).strip_suffix('s').filter(|d| {
                    d.len() == 2 && d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit())
                }) {
                    if self.attached(j + 1) {
                        return Some((j + 2, fixed(TimexType::Date, format!("19{}", &d[..1]))));
                    }
                }
            }
            if the {
                if let Some(d) = lexicon::decade_word(w) {
                    return Some((j + 1, fixed(TimexType::Date, format!("19{d}"))));
                }
            }
            // centuries
            if let Some((n, e)) = self.century_number(j) {
                if self.w(e) == "century" && (1..=21).contains(&n) {
                    return Some((e + 1, fixed(TimexType::Date, format!("{:02}", n - 1))));
                }
            }
        }
        if the && self.w(j) == "year" {
            if let Some(y) = self.year_token(j + 1) {
                return Some((j + 2, fixed(TimexType::Date, format!("{y:04}"))));
            }
            if let Some((y, e)) = self.spoken_year(j + 1) {
                return Some((e, fixed(TimexType::Date, format!("{y:04}"))));
            }
            return None;
        }
        if the {
            // "the 1988 period" and the like are handled by quarter(); a bare "the 1990" is not a date.
            return None;
        }
        let fiscal = self.w(j) == "fiscal";
        let k = if fiscal { j + 1 } else { j };
        if let Some(y) = self.year_token(k) {
            if !fiscal && !self.plausible_year(k) {
                return None;
            }
            return Some((k + 1, fixed(TimexType::Date, format!("{y:04}"))));
        }
        if !fiscal {
            if let Some((y, e)) = self.spoken_year(k) {
                // Spoken years need a context word to avoid counts ("twenty two people").
                if (1100..=2099).contains(&y)
                    && (y >= 1900 || matches!(self.w(k.wrapping_sub(1)), "in" | "since"))
                {
                    return Some((e, fixed(TimexType::Date, format!("{y:04}"))));
                }
            }
        }
        None
    }

    /// An ordinal century number: "20th", "twentieth".
    fn century_number(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        if !digits.is_empty()
            && digits.len() <= 2
            && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th")
        {
            return Some((digits.parse().ok()?, i + 1));
        }
        if let Some(o) = lexicon::ordinal(w) {
            return Some((o, i + 1));
        }
        if w == "twenty" && self.w(i + 1) == "-" && self.w(i + 2) == "first" {
            return Some((21, i + 3));
        }
        None
    }

    /// A standalone four-digit number reads as a year unless the context makes it a count.
    fn plausible_year(&self, i: usize) -> bool {
        let Some(y) = self.year_token(i) else {
            return false;
        };
        let prev = self.w(i.wrapping_sub(1));
        if matches!(
            prev,
            "$" | "#" | "no" | "£" | "€" | "number" | "flight" | "route" | "room" | "model"
        ) {
            return false;
        }
        if prev == "-"
            && self.attached(i)
            && i >= 2
            && self.tok(i - 2).is_some_and(|t| t.kind == Kind::Number)
        {
            return false;
        }
        let next = self.w(i + 1);
        if matches!(
            next,
            "%" | "percent"
                | "people"
                | "persons"
                | "troops"
                | "soldiers"
                | "shares"
                | "students"
                | "workers"
                | "jobs"
                | "members"
                | "cars"
                | "tons"
                | "miles"
                | "feet"
                | "meters"
                | "kilometers"
                | "acres"
                | "votes"
                | "seats"
                | "deaths"
                | "residents"
                | "employees"
                | "men"
                | "women"
                | "children"
                | "dollars"
                | "euros"
                | "yen"
                | "points"
                | "barrels"
                | ":"
        ) {
            return false;
        }
        // "1984-85", "1990-1"
        if next == "-"
            && self.attached(i + 1)
            && self.tok(i + 2).is_some_and(|t| t.kind == Kind::Number)
        {
            return false;
        }
        if (1900..=2099).contains(&y) {
            return true;
        }
        matches!(
            prev,
            "in" | "since" | "until" | "by" | "from" | "of" | "year" | "to" | "before" | "after"
        )
    }

    /// Seasons: "summer", "the autumn of 2001", "last fall", "the winter of nineteen ninety-four".
    fn season(&self, i: usize, dir: Direction) -> Hit {
        let mut j = i;
        if dir == Direction::Unsaid && self.w(j) == "the" {
            j += 1;
        }
        if matches!(self.w(j), "early" | "late") {
            j += 1;
        } else if self.w(j) == "mid" {
            j = self.hyphen(j + 1);
        }
        let code = lexicon::season(self.w(j))?;
        if matches!(self.w(j), "fall" | "spring") && !self.season_noun(j) {
            return None;
        }
        let mut end = j + 1;
        let mut year = YearRef::Implicit;
        if self.w(end) == "of" {
            if let Some(y) = self.year_token(end + 1) {
                year = YearRef::Explicit(y);
                end += 2;
            } else if let Some((y, e)) = self.spoken_year(end + 1) {
                year = YearRef::Explicit(y);
                end = e;
            }
        } else if let Some(y) = self.year_token(end) {
            year = YearRef::Explicit(y);
            end += 1;
        }
        // A bare season noun needs a determiner or modifier to count ("in summer" is fine too).
        Some((
            end,
            Form::YearPart {
                year,
                part: YearPart::Season(code),
                direction: dir,
            },
        ))
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the third quarter of 1990", "the 1988 second quarter", "this year's third quarter",
    /// "the first half".
    fn quarter(&self, i: usize, dir: Direction) -> Hit {
        let mut j = i;
        let mut the = false;
        if dir == Direction::Unsaid && self.w(j) == "the" {
            the = true;
            j += 1;
        }
        let mut year = YearRef::Implicit;
        // "this year's", "last year's", "next year's"
        if matches!(self.w(j), "this" | "last" | "next")
            && self.w(j + 1) == "year"
            && matches!(self.w(j + 2), "'" | "’")
            && self.w(j + 3) == "s"
        {
            year = YearRef::Relative(match self.w(j) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            });
            j += 4;
        } else if let Some(y) = self.year_token(j) {
            year = YearRef::Explicit(y);
            j += 1;
            // "the 1988 period", "the 1989 quarter": the reported quarter of that year
            if the && matches!(self.w(j), "period" | "quarter") {
                return Some((j + 1, Form::ReportedQuarter { year: y }));
            }
        }
        if matches!(self.w(j), "fiscal") {
            j = self.hyphen(j + 1);
        }
        let ord = match self.w(j) {
            "last" if self.w(j + 1) == "half" => 2,
            w => lexicon::ordinal(w)?,
        };
        let before_hyphen = j + 1;
        j = self.hyphen(j + 1);
        // "the third-quarter results": the determiner goes with the noun
        if the && j != before_hyphen {
            return None;
        }
        let part = match self.w(j) {
            "quarter" if (1..=4).contains(&ord) => YearPart::Quarter(ord),
            "half" if (1..=2).contains(&ord) => YearPart::Half(ord),
            _ => return None,
        };
        let mut end = j + 1;
        if self.w(end) == "of" {
            if let Some(y) = self.year_token(end + 1) {
                year = YearRef::Explicit(y);
                end += 2;
            }
        } else if matches!(year, YearRef::Implicit) {
            if let Some(y) = self.year_token(end) {
                year = YearRef::Explicit(y);
                end += 1;
            }
        }
        let year = match (year, dir) {
            (YearRef::Implicit, Direction::Past) => YearRef::Relative(-1),
            (YearRef::Implicit, Direction::Future) => YearRef::Relative(1),
            (YearRef::Implicit, Direction::Current) => YearRef::Relative(0),
            (y, _) => y,
        };
        Some((
            end,
            Form::YearPart {
                year,
                part,
                direction: dir,
            },
        ))
    }

    /// Holidays: "Christmas", "Thanksgiving Day", "Labor Day 2020", "New Year's Eve".
    fn holiday(&self, i: usize, dir: Direction) -> Hit {
        if !self.tok(i)?.capitalized {
            return None;
        }
        let (rule, mut end) = lexicon::HOLIDAYS.iter().find_map(|(words, rule)| {
            let matches = words.iter().enumerate().all(|(k, w)| {
                let t = self.w(i + k);
                t == *w || (t == "’" && *w == "'")
            });
            matches.then_some((*rule, i + words.len()))
        })?;
        let mut year = YearRef::Implicit;
        if let Some(y) = self.year_token(end) {
            year = YearRef::Explicit(y);
            end += 1;
        }
        Some((
            end,
            Form::Holiday {
                rule,
                year,
                direction: dir,
            },
        ))
    }

    // ----- deictic and relative expressions --------------------------------

    fn deictic(&self, i: usize) -> Hit {
        let w = self.w(i);
        let shift = |unit, n, end| {
            Some((
                end,
                Form::Shift {
                    unit,
                    n,
                    anaphoric: false,
                    time: None,
                },
            ))
        };
        let shift_time = |n, part, end| {
            Some((
                end,
                Form::Shift {
                    unit: Unit::Day,
                    n,
                    anaphoric: false,
                    time: Some(TimeOfDay::Part(part)),
                },
            ))
        };
        match w {
            "today" => return self.with_day_time(i + 1, 0),
            "yesterday" => return self.with_day_time(i + 1, -1),
            "tomorrow" => return self.with_day_time(i + 1, 1),
            "tonight" => return shift_time(0, "NI", i + 1),
            "overnight" => return shift_time(0, "NI", i + 1),
            "now" | "currently" | "nowadays" | "presently" => {
                return Some((i + 1, fixed(TimexType::Date, "PRESENT_REF")))
            }
            "recently" | "lately" => return Some((i + 1, fixed(TimexType::Date, "PAST_REF"))),
            "soon" if self.w(i.wrapping_sub(1)) != "as" => {
                return Some((i + 1, fixed(TimexType::Date, "FUTURE_REF")))
            }
            "right" | "just" if self.w(i + 1) == "now" => {
                return Some((i + 2, fixed(TimexType::Date, "PRESENT_REF")))
            }
            "these" if self.w(i + 1) == "days" => {
                return Some((i + 2, fixed(TimexType::Date, "PRESENT_REF")))
            }
            "as" if self.w(i + 1) == "soon"
                && self.w(i + 2) == "as"
                && self.w(i + 3) == "possible" =>
            {
                return Some((i + 4, fixed(TimexType::Date, "FUTURE_REF")))
            }
            "the" if self.period_noun(i).is_some() => return self.period_noun(i),
            "current" if self.adjective_before_noun(i) => {
                return Some((i + 1, fixed(TimexType::Date, "PRESENT_REF")));
            }
            "a" if self.w(i + 1) == "later"
                && matches!(self.w(i + 2), "date" | "time" | "stage") =>
            {
                return Some((i + 3, fixed(TimexType::Date, "FUTURE_REF")))
            }
            "a" if self.w(i + 1) == "while"
                && matches!(self.w(i.wrapping_sub(1)), "for" | "after" | "in" | "only") =>
            {
                return Some((i + 2, fixed(TimexType::Duration, "PXX")))
            }
            "the" => match (self.w(i + 1), self.w(i + 2)) {
                ("past", next) if !self.continues_noun_phrase(next) => {
                    return Some((i + 2, fixed(TimexType::Date, "PAST_REF")))
                }
                ("future", _) => return Some((i + 2, fixed(TimexType::Date, "FUTURE_REF"))),
                ("near" | "short" | "long", "future" | "term") => {
                    return Some((i + 3, fixed(TimexType::Date, "FUTURE_REF")));
                }
                ("day", "before") if self.w(i + 3) == "yesterday" => {
                    return shift(Unit::Day, -2, i + 4)
                }
                ("day", "after") if self.w(i + 3) == "tomorrow" => {
                    return shift(Unit::Day, 2, i + 4)
                }
                ("weekend", _) => {
                    return Some((
                        i + 2,
                        Form::Weekend {
                            direction: Direction::Unsaid,
                        },
                    ))
                }
                _ => {}
            },
            "year" | "year's" => {
                // "year-end", "year end", "year's end", "year-ago", "year-earlier"
                let j = self.hyphen(i + 1);
                let j = if matches!(self.w(j), "'" | "’") && self.w(j + 1) == "s" {
                    j + 2
                } else {
                    j
                };
                if self.w(j) == "end" {
                    return shift(Unit::Year, 0, j + 1);
                }
            }
            "recent" => {
                let u = lexicon::unit(self.w(i + 1));
                if let Some(u) = u.filter(|_| self.w(i + 1).ends_with('s')) {
                    let kind = if u == Unit::Year {
                        TimexType::Date
                    } else {
                        TimexType::Duration
                    };
                    let value = if kind == TimexType::Date {
                        "PAST_REF".to_string()
                    } else {
                        format!("PX{}", u.letter())
                    };
                    return Some((i + 2, fixed(kind, value)));
                }
            }
            "coming" | "upcoming" => {
                if let Some(u) =
                    lexicon::unit(self.w(i + 1)).filter(|_| self.w(i + 1).ends_with('s'))
                {
                    return Some((
                        i + 2,
                        fixed(TimexType::Duration, format!("PX{}", u.letter())),
                    ));
                }
            }
            _ => {}
        }
        // "(early|late|earlier|later) (this|last|next) (week|month|year|...)"
        let mut j = i;
        if matches!(w, "early" | "late" | "earlier" | "later" | "sometime") {
            j += 1;
            if self.w(j) == "in" && self.w(j + 1) == "the" {
                // "earlier in the year"
                if let Some(u) =
                    lexicon::unit(self.w(j + 2)).filter(|_| !self.w(j + 2).ends_with('s'))
                {
                    return shift(u, 0, j + 3);
                }
            }
            // "earlier yesterday", "later today", "early Tuesday"
            if let Some((e, f)) = self.deictic(j).filter(|(_, f)| {
                matches!(
                    f,
                    Form::Shift {
                        unit: Unit::Day,
                        ..
                    }
                )
            }) {
                return Some((e, f));
            }
            if let Some((e, f)) = self.weekday_date(j, Direction::Unsaid) {
                return Some((e, f));
            }
        } else if w == "the"
            && matches!(self.w(i + 1), "end" | "beginning" | "middle" | "start")
            && self.w(i + 2) == "of"
        {
            j = i + 3;
            if self.w(j) == "the" {
                // "the end of the year", "the end of the month"
                if let Some(u) = lexicon::unit(self.w(j + 1))
                    .filter(|u| matches!(u, Unit::Week | Unit::Month | Unit::Year | Unit::Quarter))
                {
                    return shift(u, 0, j + 2);
                }
            }
        }
        let (n, k) = match (self.w(j), self.w(j + 1)) {
            ("this", "past") => (-1, j + 2),
            ("this", "coming") => (1, j + 2),
            ("this" | "the" | "that", "current") => (0, j + 2),
            ("this" | "current", _) => (0, j + 1),
            ("last" | "past" | "previous", _) => (-1, j + 1),
            ("next" | "coming", _) => (1, j + 1),
            ("the", "past" | "last" | "previous" | "latest") => (-1, j + 2),
            ("the", "next" | "coming") => (1, j + 2),
            ("the", "following") => (1, j + 2),
            ("that", _) => (0, j + 1),
            _ => return None,
        };
        let anaphoric = matches!(self.w(j + 1), "following" | "previous") || self.w(j) == "that";
        // "the current fiscal year"
        let k = if matches!(self.w(k), "fiscal" | "calendar") {
            k + 1
        } else {
            k
        };
        let unit_word = self.w(k);
        // "This Week" mid-sentence is a title, not a week
        if self.tok(k).is_some_and(|t| t.capitalized) {
            return None;
        }
        // "this morning", "last night"
        if let Some(part) = lexicon::part_of_day(unit_word) {
            let n = match (self.w(j), unit_word) {
                ("last", "night") => -1,
                ("this", _) => 0,
                _ => return None,
            };
            return shift_time(n, part, k + 1);
        }
        if unit_word == "weekend" {
            let direction = match n {
                -1 => Direction::Past,
                1 => Direction::Future,
                _ if self.w(j) == "this" => Direction::Current,
                _ => Direction::Unsaid,
            };
            return Some((k + 1, Form::Weekend { direction }));
        }
        if lexicon::season(unit_word).is_some() {
            return None; // seasons are the calendar grammar's
        }
        let unit = lexicon::unit(unit_word)?;
        if unit_word.ends_with('s') {
            return None; // plural: a duration ("the past two years" is quantity_phrase's)
        }
        let mut end = k + 1;
        // "the past year or so"
        if self.w(end) == "or" && self.w(end + 1) == "so" {
            end += 2;
        }
        let n = match unit {
            // "the quarter", "the latest quarter", "last quarter" all name the last reported quarter
            Unit::Quarter if self.w(j) == "the" && self.w(j + 1) == "latest" => -1,
            _ => n,
        };
        if matches!(unit, Unit::Second | Unit::Minute | Unit::Hour) {
            return None;
        }
        Some((
            end,
            Form::Shift {
                unit,
                n,
                anaphoric,
                time: None,
            },
        ))
    }

    /// "the quarter" (the last reported one), "the year" and "the week" after
    /// "for", "in" or "during" ("for the year ended Sept. 30" is a duration).
    fn period_noun(&self, i: usize) -> Hit {
        let mut k = i + 1;
        let modified = matches!(self.w(k), "full" | "fiscal" | "calendar");
        if modified {
            k += 1;
        }
        let prev = self.w(i.wrapping_sub(1));
        let framed = matches!(
            prev,
            "for" | "in" | "during" | "through" | "throughout" | "of"
        );
        if self.w(i + 1) == "latest" && self.w(i + 2) == "period" {
            return Some((
                i + 3,
                Form::Shift {
                    unit: Unit::Quarter,
                    n: -1,
                    anaphoric: false,
                    time: None,
                },
            ));
        }
        match self.w(k) {
            "quarter" if !modified => Some((
                k + 1,
                Form::Shift {
                    unit: Unit::Quarter,
                    n: -1,
                    anaphoric: false,
                    time: None,
                },
            )),
            "year" if framed || modified => {
                if matches!(self.w(k + 1), "ended" | "ending" | "through" | "to") {
                    Some((k + 1, fixed(TimexType::Duration, "P1Y")))
                } else {
                    Some((
                        k + 1,
                        Form::Shift {
                            unit: Unit::Year,
                            n: 0,
                            anaphoric: false,
                            time: None,
                        },
                    ))
                }
            }
            "week" if framed && !modified => Some((
                k + 1,
                Form::Shift {
                    unit: Unit::Week,
                    n: 0,
                    anaphoric: false,
                    time: None,
                },
            )),
            _ => None,
        }
    }

    /// True when "fall" or "spring" at `i` is the season, not the verb or the
    /// noun ("prices will fall", "the fall in prices", "a spring of water").
    fn season_noun(&self, i: usize) -> bool {
        let prev = self.w(i.wrapping_sub(1));
        let determined = matches!(
            prev,
            "the"
                | "this"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "-"
                | "in"
                | "during"
                | "since"
                | "until"
                | "by"
                | "past"
                | "coming"
        );
        let next = self.w(i + 1);
        let of_year =
            next == "of" && (self.year_token(i + 2).is_some() || self.spoken_year(i + 2).is_some());
        determined && (of_year || !matches!(next, "of" | "in" | "from" | "to" | "on" | "back"))
    }

    /// True when the word at `i` ("current") modifies a noun that follows.
    fn adjective_before_noun(&self, i: usize) -> bool {
        let Some(next) = self.tok(i + 1) else {
            return false;
        };
        next.kind == Kind::Word
            && !next.capitalized
            && lexicon::unit(&next.lower).is_none()
            && !matches!(
                next.lower.as_str(),
                "account" | "accounts" | "affairs" | "and" | "or" | "is" | "was" | "events"
            )
            && !matches!(
                self.w(i.wrapping_sub(1)),
                "electric" | "alternating" | "direct" | "most"
            )
    }

    /// "year-ago", "the year-earlier quarter", "the comparable year-ago third quarter",
    /// "the year-earlier nine months".
    fn year_ago(&self, i: usize) -> Hit {
        let mut j = i;
        let the = self.w(j) == "the";
        if the {
            j += 1;
            if matches!(self.w(j), "comparable" | "corresponding" | "same") {
                j += 1;
            }
        }
        if self.w(j) != "year" {
            return None;
        }
        let k = self.hyphen(j + 1);
        if !matches!(self.w(k), "ago" | "earlier") {
            return None;
        }
        let end = k + 1;
        // the head noun
        if let Some(ord) = lexicon::ordinal(self.w(end)).filter(|o| (1..=4).contains(o)) {
            let q = self.hyphen(end + 1);
            if self.w(q) == "quarter" {
                return Some((
                    q + 1,
                    Form::YearPart {
                        year: YearRef::Relative(-1),
                        part: YearPart::Quarter(ord),
                        direction: Direction::Unsaid,
                    },
                ));
            }
        }
        if matches!(self.w(end), "quarter" | "period") {
            return Some((end + 1, Form::YearAgo { quarter: true }));
        }
        if let Some((Qty::Exact(n), e)) = self.quantity(end, false) {
            if let Some(u) = lexicon::unit(self.w(e)).filter(|u| *u == Unit::Month) {
                return Some((
                    e + 1,
                    fixed(TimexType::Duration, duration_value(Qty::Exact(n), u)),
                ));
            }
        }
        if the {
            return None;
        }
        Some((end, Form::YearAgo { quarter: false }))
    }

    /// Parts of the day with a modifier or a day: "mid-afternoon yesterday",
    /// "late Tuesday night"... "early evening", "mid afternoon".
    fn part_of_day_phrase(&self, i: usize) -> Hit {
        let mut j = i;
        match self.w(j) {
            "early" | "late" => j += 1,
            "mid" => j = self.hyphen(j + 1),
            _ => return None,
        }
        let part = lexicon::part_of_day(self.w(j)).filter(|_| self.w(j) != "overnight")?;
        let end = j + 1;
        let time = Some(TimeOfDay::Part(part));
        let day_shift = match self.w(end) {
            "yesterday" => Some(-1),
            "today" => Some(0),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(n) = day_shift {
            return Some((
                end + 1,
                Form::Shift {
                    unit: Unit::Day,
                    n,
                    anaphoric: false,
                    time,
                },
            ));
        }
        if let Some(wd) = lexicon::weekday(self.w(end)) {
            return Some((
                end + 1,
                Form::Weekday {
                    weekday: wd,
                    direction: Direction::Unsaid,
                    time,
                },
            ));
        }
        Some((
            end,
            Form::Shift {
                unit: Unit::Day,
                n: 0,
                anaphoric: false,
                time,
            },
        ))
    }

    /// "today", "yesterday" plus an optional part of day or clock time.
    fn with_day_time(&self, end: usize, n: i64) -> Hit {
        let mut time = None;
        let mut e = end;
        if let Some(p) = lexicon::part_of_day(self.w(end)).filter(|_| self.w(end) != "overnight") {
            time = Some(TimeOfDay::Part(p));
            e += 1;
        }
        Some((
            e,
            Form::Shift {
                unit: Unit::Day,
                n,
                anaphoric: false,
                time,
            },
        ))
    }

    /// True when `word` would make "the past" the start of a longer noun phrase
    /// ("the past two years", "the past decade").
    fn continues_noun_phrase(&self, word: &str) -> bool {
        lexicon::unit(word).is_some()
            || lexicon::small_number(word).is_some()
            || lexicon::season(word).is_some()
            || word.bytes().next().is_some_and(|b| b.is_ascii_digit())
            || matches!(word, "few" | "several" | "couple" | "weekend" | "-")
    }

    // ----- quantities: durations and "ago" ---------------------------------

    fn quantity_phrase(&self, i: usize) -> Hit {
        let mut j = i;
        let mut the = false;
        let mut direction: i64 = 0; // -1 past, +1 next
        let mut first = false;
        if self.w(j) == "the" {
            the = true;
            j += 1;
        }
        // "the past", "the last", "the next", "the first", "the latest", "the coming"
        match self.w(j) {
            "past" | "last" | "previous" | "latest" if the || self.w(j) == "past" => {
                direction = -1;
                j += 1;
            }
            "next" | "coming" | "following" if the || self.w(j) == "next" => {
                direction = 1;
                j += 1;
            }
            "first" | "initial" | "final" if the => {
                first = true;
                j += 1;
            }
            _ => {}
        }
        // approximators
        match (self.w(j), self.w(j + 1)) {
            ("more" | "less" | "fewer", "than") | ("at", "least" | "most") | ("up", "to") => j += 2,
            ("no", "more" | "less") if self.w(j + 2) == "than" => j += 3,
            (
                "about" | "nearly" | "almost" | "approximately" | "roughly" | "around" | "some",
                _,
            ) => j += 1,
            _ => {}
        }
        let (qty, mut k) = match self.quantity(j, true) {
            Some(q) => q,
            None => {
                // bare plural units: "years", "months", "the years", "decades"
                let w = self.w(j);
                let unit = lexicon::unit(w)?;
                if !w.ends_with('s') || w == "seconds" || (the && direction == 0) {
                    // "the year", "the week": a date, only in deictic reading; "the years" stays out
                    return None;
                }
                let end = j + 1;
                if self.w(end) == "ago" {
                    return Some((end + 1, fixed(TimexType::Date, "PAST_REF")));
                }
                if self.w(i.wrapping_sub(1)) == "for"
                    || direction != 0
                    || matches!(self.w(i.wrapping_sub(1)), "over" | "in" | "within")
                {
                    return Some((
                        end,
                        fixed(
                            TimexType::Duration,
                            format!(
                                "P{}X{}",
                                if unit.is_clock() { "T" } else { "" },
                                unit.letter()
                            ),
                        ),
                    ));
                }
                return None;
            }
        };
        // ranges: "two to three days", "12 to 18 months"
        let mut range = false;
        if matches!(self.w(k), "to" | "or" | "-") {
            if let Some((_, e)) = self.quantity(k + 1, false) {
                if lexicon::unit(self.w(e)).is_some()
                    || (self.w(e) == "-" && lexicon::unit(self.w(e + 1)).is_some())
                {
                    range = true;
                    k = e;
                }
            }
        }
        let hyphenated = self.w(k) == "-" && self.attached(k);
        k = self.hyphen(k);
        // "an additional year", "20 more years"
        if matches!(
            self.w(k),
            "additional"
                | "more"
                | "full"
                | "extra"
                | "straight"
                | "consecutive"
                | "trading"
                | "calendar"
                | "business"
        ) {
            k += 1;
        }
        let unit_word = self.w(k);
        let unit = lexicon::unit(unit_word)?;
        // "a second term": an ordinal, not a duration
        if unit == Unit::Second && self.tok(k + 1).is_some_and(|t| t.kind == Kind::Word) {
            return None;
        }
        // "a year-earlier quarter": the unit belongs to an adjective
        if self.w(k + 1) == "-" && matches!(self.w(k + 2), "earlier" | "ago" | "end" | "old") {
            return None;
        }
        let article = qty == Qty::Exact(1) && matches!(self.w(j), "a" | "an");
        // "a" + unit: only singular
        if article && unit_word.ends_with('s') {
            return None;
        }
        // "three-quarters", "a quarter of": fractions, not periods
        if unit == Unit::Quarter && (hyphenated || article) {
            return None;
        }
        // "the 1988 quarter": a year, not a count
        if matches!(qty, Qty::Exact(n) if n >= 1000) && !unit_word.ends_with('s') {
            return None;
        }
        // "the 23-year reign": the determiner belongs to the noun, not the duration
        if the && direction == 0 && !first && hyphenated {
            return None;
        }
        let mut end = k + 1;
        let mut qty = if range { Qty::Vague } else { qty };
        // "a minute and a half"
        if let Qty::Exact(n) = qty {
            if self.w(end) == "and" && self.w(end + 1) == "a" && self.w(end + 2) == "half" {
                qty = Qty::AndHalf(n);
                end += 3;
            }
        }
        // "a 44-year-old man", "six years old": an age, not a time expression
        if self.w(end) == "old" || (self.w(end) == "-" && self.w(end + 1) == "old") {
            return None;
        }
        // "two-decade-long"
        if self.w(end) == "-" && self.w(end + 1) == "long" && self.attached(end) {
            end += 2;
        }
        // "or so"
        if self.w(end) == "or" && self.w(end + 1) == "so" {
            end += 2;
        }
        // "a year" after a price or rate is a SET: "$5 a year", "3% a month"
        if matches!(self.w(j), "a" | "an" | "per")
            && j == i
            && !hyphenated
            && !matches!(
                self.w(end),
                "ago" | "earlier" | "later" | "before" | "after"
            )
            && self.rate_context(i)
        {
            return Some((end, fixed(TimexType::Set, format!("P1{}", unit.letter()))));
        }
        // "two weeks ago", "a year earlier", "three days later"
        match self.w(end) {
            "ago" | "earlier" | "before" | "later" | "after" | "hence"
                if direction == 0 && !first && !the =>
            {
                let sign = if matches!(self.w(end), "ago" | "earlier" | "before") {
                    -1
                } else {
                    1
                };
                if matches!(self.w(end), "before" | "after" | "later" | "hence") {
                    // "two days before the vote", "three days later": TempEval tags the
                    // duration alone
                    return Some((end, fixed(TimexType::Duration, duration_value(qty, unit))));
                }
                if unit == Unit::Year && qty == Qty::Exact(1) {
                    // "a year ago", "a year earlier": in earnings news, the period a year back
                    return Some((end + 1, Form::YearAgo { quarter: false }));
                }
                let anaphoric = self.w(end) != "ago";
                let end = end + 1;
                return Some((end, ago_form(qty, unit, sign, anaphoric)));
            }
            "from" if self.w(end + 1) == "now" => {
                return Some((end + 2, ago_form(qty, unit, 1, false)));
            }
            _ => {}
        }
        // "the past year", "the next month": a singular unit without a number names a period
        if the && direction != 0 && matches!(self.w(j), "a" | "an") {
            return None;
        }
        Some((end, fixed(TimexType::Duration, duration_value(qty, unit))))
    }

    /// True when a rate phrase precedes ("$5 a year", "10 percent a month",
    /// "four flights a week"): a count or price within three tokens, with no
    /// punctuation right before the article.
    fn rate_context(&self, i: usize) -> bool {
        let Some(prev) = i.checked_sub(1).and_then(|k| self.tok(k)) else {
            return false;
        };
        if prev.kind == Kind::Punct && prev.lower != "%" {
            return false;
        }
        if matches!(
            prev.lower.as_str(),
            "for"
                | "than"
                | "about"
                | "in"
                | "within"
                | "nearly"
                | "almost"
                | "over"
                | "once"
                | "by"
        ) {
            return prev.lower == "once";
        }
        (i.saturating_sub(3)..i).any(|k| {
            matches!(
                self.w(k),
                "$" | "%" | "percent" | "twice" | "times" | "per" | "cents"
            ) || self.tok(k).is_some_and(|t| t.kind == Kind::Number)
        })
    }

    // ----- sets -------------------------------------------------------------

    fn set(&self, i: usize) -> Hit {
        let w = self.w(i);
        let value = match w {
            "daily" => "P1D",
            "weekly" => "P1W",
            "monthly" => "P1M",
            "yearly" | "annually" => "P1Y",
            "hourly" => "PT1H",
            "nightly" => "XXXX-XX-XXTNI",
            "every" | "each" => {
                let j = i + 1;
                if let Some(u) = lexicon::unit(self.w(j)).filter(|_| !self.w(j).ends_with('s')) {
                    let l = u.letter();
                    let v = if u.is_clock() {
                        format!("PT1{l}")
                    } else {
                        format!("P1{l}")
                    };
                    return Some((j + 1, fixed(TimexType::Set, v)));
                }
                if let Some(wd) = lexicon::weekday(self.w(j)) {
                    return Some((
                        j + 1,
                        fixed(
                            TimexType::Set,
                            format!("XXXX-WXX-{}", wd.number_from_monday()),
                        ),
                    ));
                }
                if let Some(m) = self
                    .tok(j)
                    .filter(|t| t.capitalized)
                    .and_then(|t| lexicon::month(&t.lower))
                {
                    return Some((j + 1, fixed(TimexType::Set, format!("XXXX-{m:02}"))));
                }
                if let Some(p) = lexicon::part_of_day(self.w(j)) {
                    return Some((j + 1, fixed(TimexType::Set, format!("XXXX-XX-XXT{p}"))));
                }
                if let Some(s) = lexicon::season(self.w(j)) {
                    return Some((j + 1, fixed(TimexType::Set, format!("XXXX-{s}"))));
                }
                if let Some((Qty::Exact(n), e)) = self.quantity(j, false) {
                    if let Some(u) = lexicon::unit(self.w(e)) {
                        let l = u.letter();
                        let v = if u.is_clock() {
                            format!("PT{n}{l}")
                        } else {
                            format!("P{n}{l}")
                        };
                        return Some((e + 1, fixed(TimexType::Set, v)));
                    }
                }
                return None;
            }
            _ => return None,
        };
        // "The Russian daily said": after a determiner or a name, and not
        // followed by a noun, the word is a newspaper, not a SET.
        let determined = i.checked_sub(1).and_then(|k| self.tok(k)).is_some_and(|p| {
            matches!(
                p.lower.as_str(),
                "the" | "a" | "an" | "its" | "their" | "his" | "her" | "this" | "that"
            ) || (p.capitalized && p.kind == Kind::Word && !p.newline_before)
        });
        let before_noun = self.tok(i + 1).is_some_and(|n| {
            n.kind == Kind::Word
                && !n.capitalized
                && !lexicon::is_irregular_past(&n.lower)
                && !lexicon::is_future_marker(&n.lower)
                && !n.lower.ends_with("ed")
                && !matches!(
                    n.lower.as_str(),
                    "is" | "has" | "says" | "reports" | "and" | "or"
                )
        });
        if determined && !before_noun {
            return None;
        }
        Some((i + 1, fixed(TimexType::Set, value)))
    }

    // ----- clock times --------------------------------------------------------

    /// "7:15 p.m.", "5 p.m. EST", "noon", "midnight", "10 p.m. Wednesday", "5 p.m. EST, Nov. 6".
    fn clock_phrase(&self, i: usize) -> Hit {
        let mut j = i;
        if matches!(self.w(j), "around" | "about" | "at" | "approximately") && self.w(j) != "at" {
            j += 1;
        }
        let (h, m, mut end) = self.clock(j)?;
        if lexicon::is_time_zone(self.w(end)) {
            end += 1;
        }
        let time = TimeOfDay::Clock(h, m);
        // a date or weekday right after: "10 p.m. Wednesday", "5 p.m. EST, Nov. 6"
        let k = if self.w(end) == "," || self.w(end) == "on" {
            end + 1
        } else {
            end
        };
        let add_time = |(e, f): (usize, Form)| -> Hit {
            match f {
                Form::Calendar {
                    year,
                    month,
                    day: Some(day),
                    weekday,
                    direction,
                    ..
                } => Some((
                    e,
                    Form::Calendar {
                        year,
                        month,
                        day: Some(day),
                        weekday,
                        time: Some(time),
                        direction,
                    },
                )),
                Form::Weekday {
                    weekday, direction, ..
                } => Some((
                    e,
                    Form::Weekday {
                        weekday,
                        direction,
                        time: Some(time),
                    },
                )),
                Form::Shift {
                    unit: Unit::Day,
                    n,
                    anaphoric,
                    ..
                } => Some((
                    e,
                    Form::Shift {
                        unit: Unit::Day,
                        n,
                        anaphoric,
                        time: Some(time),
                    },
                )),
                _ => None,
            }
        };
        if self.w(end) != "on" || self.w(k).is_empty() {
            if let Some(hit) = self.calendar(k).and_then(add_time) {
                return Some(hit);
            }
            if let Some(hit) = self.deictic(k).and_then(add_time) {
                return Some(hit);
            }
        }
        Some((
            end,
            Form::Shift {
                unit: Unit::Day,
                n: 0,
                anaphoric: false,
                time: Some(time),
            },
        ))
    }

    /// A bare clock time: returns hours, minutes and the end.
    fn clock(&self, i: usize) -> Option<(u32, u32, usize)> {
        match self.w(i) {
            "noon" | "midday" => return Some((12, 0, i + 1)),
            "midnight" => return Some((24, 0, i + 1)),
            _ => {}
        }
        let t = self.tok(i)?;
        let mut end;
        let (mut h, mut m);
        let w = t.lower.as_str();
        if t.kind == Kind::Number && w.len() <= 2 {
            h = w.parse::<u32>().ok()?;
            m = 0;
            end = i + 1;
            if self.w(end) == ":" && self.attached(end) {
                let mt = self
                    .tok(end + 1)
                    .filter(|t| t.kind == Kind::Number && t.lower.len() == 2 && !t.space_before)?;
                m = mt.lower.parse().ok()?;
                end += 2;
            }
        } else if let Some(stripped) = w.strip_suffix("am").or_else(|| w.strip_suffix("pm")) {
            // "5pm"
            h = stripped.parse().ok()?;
            m = 0;
            let pm = w.ends_with("pm");
            if h == 0 || h > 12 {
                return None;
            }
            if pm && h != 12 {
                h += 12;
            }
            if !pm && h == 12 {
                h = 0;
            }
            return Some((h, m, i + 1));
        } else {
            return None;
        }
        if h > 24 || m > 59 {
            return None;
        }
        let had_minutes = end > i + 1;
        // a.m. / p.m.
        let (ampm, e) = self.meridiem(end);
        match ampm {
            Some(pm) => {
                if h == 0 || h > 12 {
                    return None;
                }
                if pm && h != 12 {
                    h += 12;
                }
                if !pm && h == 12 {
                    h = 0;
                }
                end = e;
            }
            None => {
                if !had_minutes {
                    // "5 o'clock"
                    if self.w(end) == "o"
                        && matches!(self.w(end + 1), "'" | "’")
                        && self.w(end + 2) == "clock"
                    {
                        return Some((h, m, end + 3));
                    }
                    return None;
                }
                // "7:15" needs a time zone or a time word to be a clock time, not a score
                if !lexicon::is_time_zone(self.w(end))
                    && !matches!(
                        self.w(i.wrapping_sub(1)),
                        "at" | "by" | "until" | "before" | "after" | "around" | "about"
                    )
                {
                    return None;
                }
            }
        }
        Some((h, m, end))
    }

    /// "a.m.", "p.m.", "am", "pm": `Some(true)` for p.m., with the end.
    fn meridiem(&self, i: usize) -> (Option<bool>, usize) {
        match self.w(i) {
            "am" | "pm" => (Some(self.w(i) == "pm"), i + 1),
            "a" | "p" if self.w(i + 1) == "." && self.w(i + 2) == "m" => {
                let pm = self.w(i) == "p";
                let mut e = i + 3;
                // The period of "p.m." that also ends the sentence belongs to the sentence.
                let ends_sentence = self.tok(e + 1).is_none_or(|n| {
                    n.newline_before
                        || (n.capitalized
                            && !lexicon::is_time_zone(&n.lower)
                            && lexicon::weekday(&n.lower).is_none()
                            && lexicon::month(&n.lower).is_none()
                            && !matches!(n.lower.as_str(), "today" | "tomorrow" | "yesterday"))
                });
                if self.w(e) == "." && self.attached(e) && !ends_sentence {
                    e += 1;
                }
                (Some(pm), e)
            }
            _ => (None, i),
        }
    }
}

/// The value of a duration of `qty` units.
fn duration_value(qty: Qty, unit: Unit) -> String {
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
fn ago_form(qty: Qty, unit: Unit, sign: i64, anaphoric: bool) -> Form {
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
