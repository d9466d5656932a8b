//! Calendar expressions: dates, months, weekdays, years, decades, seasons,
//! quarters, holidays, ISO dates and business periods.

use super::*;

impl Grammar<'_> {
    /// A month name, checking capitalization so that "may" and "march" stay verbs.
    pub(super) fn month_at(&self, i: usize) -> Option<(u32, usize)> {
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

    /// Leading modifiers of a calendar expression that stay in the extent.
    /// Returns the direction they imply and the index after them.
    pub(super) fn calendar_modifiers(&self, i: usize) -> (Direction, usize) {
        let mut j = i;
        let mut dir = Direction::Unsaid;
        // "the beginning of", "the end of", "the middle of"
        if self.w(j) == "the"
            && matches!(self.w(j + 1), "beginning" | "end" | "middle" | "start")
            && self.w(j + 2) == "of"
        {
            j += 3;
        } else if matches!(self.w(j), "early" | "late") {
            // "late November", "late-November"
            j = self.hyphen(j + 1);
        } else if matches!(self.w(j), "around" | "about") {
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

    pub(super) fn calendar(&self, i: usize) -> Hit {
        let (mut dir, j) = self.calendar_modifiers(i);
        if dir == Direction::Unsaid && self.after_since(i) {
            dir = Direction::Past;
        }
        let mut best = self.calendar_core(j, dir);
        // "get around Wednesday's ruling": before a possessive date the word
        // belongs to the noun phrase the date determines, not to the date
        if matches!(self.w(i), "around" | "about")
            && best.as_ref().is_some_and(|(end, _)| self.possessive(*end))
        {
            return None;
        }
        if j != i && best.is_none() {
            // A modifier that leads nowhere: try the bare core.
            best = self.calendar_core(i, Direction::Unsaid);
        }
        // "1994 or later", "1990 and beyond": an open end belongs to the
        // extent (TimeML's mod ON_OR_AFTER / ON_OR_BEFORE); the value stays
        best.map(|(end, form)| {
            let open_end = matches!(self.w(end), "or" | "and")
                && matches!(self.w(end + 1), "later" | "beyond" | "earlier" | "after" | "before")
                && !matches!(self.tok(end + 2), Some(t) if t.kind == Kind::Word || t.kind == Kind::Number);
            (if open_end { end + 2 } else { end }, form)
        })
    }

    pub(super) fn calendar_core(&self, i: usize, dir: Direction) -> Hit {
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
    pub(super) fn weekday_date(&self, i: usize, dir: Direction) -> Hit {
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
        // "Tuesday nights", and "Monday" in "Monday and Tuesday nights":
        // a plural part of the day makes the weekday recur
        let plural_part = |k: usize| {
            let w = self.w(k);
            w.strip_suffix('s')
                .filter(|_| w != "overnights")
                .and_then(lexicon::part_of_day)
        };
        let mut recurring = plural_part(end).map(|p| (p, end + 1));
        if recurring.is_none()
            && matches!(self.w(end), "and" | "or")
            && lexicon::weekday(self.w(end + 1)).is_some()
        {
            recurring = plural_part(end + 2).map(|p| (p, end));
        }
        if let Some((part, e)) = recurring {
            let value = format!("XXXX-WXX-{}T{part}", wd.number_from_monday());
            return Some((e, fixed(TimexType::Set, value)));
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
                anaphoric: i >= 2
                    && self.w(i - 2) == "the"
                    && matches!(self.w(i - 1), "previous" | "following"),
            },
        ))
    }

    /// "July 17", "July 17, 2021", "Sept. 30", "March eighth", "August 1988", "June",
    /// "June last year".
    pub(super) fn month_date(
        &self,
        i: usize,
        dir: Direction,
        weekday: Option<chrono::Weekday>,
    ) -> Hit {
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
    pub(super) fn day_month(&self, i: usize) -> Hit {
        let the = self.w(i) == "the";
        let mut j = if the { i + 1 } else { i };
        let (day, e) = self.day_of_month(j)?;
        j = e;
        if the || self.w(j) == "of" {
            if self.w(j) != "of" {
                // "on the 19th": a day of a month the text or the anchor sets
                let numeral = self
                    .tok(i + 1)
                    .is_some_and(|t| t.lower.starts_with(|c: char| c.is_ascii_digit()));
                let suffixed = self.tok(i + 1).is_some_and(|t| t.kind == Kind::Word);
                if the && numeral && suffixed && self.w(i.wrapping_sub(1)) == "on" {
                    return Some((j, Form::DayOfMonth { day }));
                }
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
    pub(super) fn numeric_date(&self, i: usize) -> Hit {
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
    pub(super) fn iso_date_time(&self, i: usize) -> Hit {
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
    pub(super) fn compact_period(&self, i: usize) -> Hit {
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
    pub(super) fn year_expression(&self, i: usize) -> Hit {
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
    pub(super) fn century_number(&self, i: usize) -> Option<(u32, usize)> {
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
    pub(super) fn plausible_year(&self, i: usize) -> bool {
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
    pub(super) fn season(&self, i: usize, dir: Direction) -> Hit {
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
        // "the Summer Olympics", "Spring Street": part of a name
        let capitalized = |k: usize| {
            self.tok(k)
                .is_some_and(|t| t.capitalized && t.kind == Kind::Word)
        };
        if capitalized(j) && capitalized(j + 1) {
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
    pub(super) fn quarter(&self, i: usize, dir: Direction) -> Hit {
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
            } else if self.w(end + 2) == "year" {
                // "the first half of next year"
                let shift = match self.w(end + 1) {
                    "last" => Some(-1),
                    "this" => Some(0),
                    "next" => Some(1),
                    _ => None,
                };
                if let Some(n) = shift {
                    year = YearRef::Relative(n);
                    end += 3;
                }
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
    pub(super) fn holiday(&self, i: usize, dir: Direction) -> Hit {
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
        // "Easter Island", "Easter Rising": a name, not the feast
        if matches!(rule, lexicon::HolidayRule::Easter(0))
            && end == i + 1
            && self.tok(end).is_some_and(|t| t.capitalized)
            && self.year_token(end).is_none()
        {
            return None;
        }
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
}
