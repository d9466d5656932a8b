//! Deictic and relative expressions: "yesterday", "last week", "the quarter",
//! "a year ago" in its adjective forms, parts of the day.

use super::*;

impl Grammar<'_> {
    pub(super) fn deictic(&self, i: usize) -> Hit {
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
            // "he rests on weekends": every weekend
            "weekends" if matches!(self.w(i.wrapping_sub(1)), "on" | "at" | "during") => {
                return Some((i + 1, fixed(TimexType::Set, "XXXX-WXX-WE")))
            }
            // the night before the day the text is about
            "overnight" => {
                return Some((
                    i + 1,
                    Form::Shift {
                        unit: Unit::Day,
                        n: -1,
                        anaphoric: true,
                        time: Some(TimeOfDay::Part("NI")),
                    },
                ))
            }
            "now" | "currently" | "nowadays" | "presently" => {
                return Some((i + 1, fixed(TimexType::Date, "PRESENT_REF")))
            }
            "recently" | "lately" => return Some((i + 1, fixed(TimexType::Date, "PAST_REF"))),
            // "more recently", "most recently": the modifier stays in the extent
            "more" | "most" if self.w(i + 1) == "recently" => {
                return Some((i + 2, fixed(TimexType::Date, "PAST_REF")))
            }
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
            // "the weeks ahead", "the years to come"
            "the"
                if lexicon::unit(self.w(i + 1)).is_some()
                    && self.w(i + 1).ends_with('s')
                    && (self.w(i + 2) == "ahead"
                        || (self.w(i + 2) == "to" && self.w(i + 3) == "come")) =>
            {
                let end = if self.w(i + 2) == "ahead" {
                    i + 3
                } else {
                    i + 4
                };
                let letter = lexicon::unit(self.w(i + 1)).map_or("X", |u| u.letter());
                return Some((end, fixed(TimexType::Duration, format!("PX{letter}"))));
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
                // "the day before last Tuesday", "the day after Christmas"
                ("day", "before" | "after") => {
                    let days = if self.w(i + 2) == "before" { -1 } else { 1 };
                    if let Some((end, date)) = self.calendar(i + 3).filter(|(_, f)| {
                        matches!(
                            f,
                            Form::Calendar { day: Some(_), .. }
                                | Form::Weekday { .. }
                                | Form::Holiday { .. }
                        )
                    }) {
                        return Some((
                            end,
                            Form::DaysFrom {
                                days,
                                date: Box::new(date),
                            },
                        ));
                    }
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
                    // "year-end", one word, is the closing day ("by year-end",
                    // "since year-end"), dated by the clause; "year end" and
                    // "year's end" are the close of the current year
                    if j == i + 2 && self.w(i + 1) == "-" {
                        return Some((
                            j + 1,
                            Form::Calendar {
                                year: YearRef::Implicit,
                                month: 12,
                                day: Some(31),
                                weekday: None,
                                time: None,
                                direction: if self.after_since(i) {
                                    Direction::Past
                                } else {
                                    Direction::Unsaid
                                },
                            },
                        ));
                    }
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
                if let Some(u) = lexicon::unit(self.w(j + 1)).filter(|u| {
                    matches!(
                        u,
                        Unit::Week
                            | Unit::Month
                            | Unit::Year
                            | Unit::Quarter
                            | Unit::Decade
                            | Unit::Century
                    )
                }) {
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
            ("the" | "that", "same") => (0, j + 2),
            ("that", _) => (0, j + 1),
            _ => return None,
        };
        let anaphoric =
            matches!(self.w(j + 1), "following" | "previous" | "same") || self.w(j) == "that";
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
                // "the next morning", "the following evening": the day after a date the text set
                ("the", _) if n == 1 && anaphoric_allowed(self.w(j + 1)) => {
                    return Some((
                        k + 1,
                        Form::Shift {
                            unit: Unit::Day,
                            n: 1,
                            anaphoric: true,
                            time: Some(TimeOfDay::Part(part)),
                        },
                    ));
                }
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
    pub(super) fn period_noun(&self, i: usize) -> Hit {
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
            // "the week of March 6"
            "week" if !modified && self.w(k + 1) == "of" => {
                let (end, date) = self.calendar(k + 2)?;
                matches!(date, Form::Calendar { day: Some(_), .. })
                    .then(|| (end, Form::WeekOf(Box::new(date))))
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
    pub(super) fn season_noun(&self, i: usize) -> bool {
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
        // After "last", "this", "early"... only the season can follow.
        let strongly = matches!(
            prev,
            "this" | "last" | "next" | "early" | "late" | "mid" | "-" | "past" | "coming"
        );
        strongly
            || (determined
                && (of_year || !matches!(next, "of" | "in" | "from" | "to" | "on" | "back")))
    }

    /// True when the word at `i` ("current") modifies a noun that follows.
    pub(super) fn adjective_before_noun(&self, i: usize) -> bool {
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
    pub(super) fn year_ago(&self, i: usize) -> Hit {
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
    pub(super) fn part_of_day_phrase(&self, i: usize) -> Hit {
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
                    anaphoric: false,
                },
            ));
        }
        Some((end, Form::same_day(time)))
    }

    /// "today", "yesterday" plus an optional part of day or clock time.
    pub(super) fn with_day_time(&self, end: usize, n: i64) -> Hit {
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
    pub(super) fn continues_noun_phrase(&self, word: &str) -> bool {
        lexicon::unit(word).is_some()
            || lexicon::small_number(word).is_some()
            || lexicon::season(word).is_some()
            || word.bytes().next().is_some_and(|b| b.is_ascii_digit())
            || matches!(word, "few" | "several" | "couple" | "weekend" | "-")
    }
}

/// Words after "the" that make "the next morning" count from a date the text set.
fn anaphoric_allowed(word: &str) -> bool {
    matches!(word, "next" | "following")
}
