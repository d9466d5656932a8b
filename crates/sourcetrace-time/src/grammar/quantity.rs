//! Quantities of units: durations ("two years"), shifts ("two weeks ago"),
//! rates ("$5 a year") and sets ("every Tuesday", "weekly").

use super::*;

/// What a rate phrase before "a year" measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rate {
    /// "twice a week": how often, a SET.
    Frequency,
    /// "$5 a year": how much per unit of time, not a time expression.
    Amount,
}

impl Grammar<'_> {
    pub(super) fn quantity_phrase(&self, i: usize) -> Hit {
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
        // "half an hour", "half a century"
        if self.w(j) == "half" && matches!(self.w(j + 1), "a" | "an") {
            let half = match lexicon::unit(self.w(j + 2)) {
                Some(Unit::Minute) => Some("PT30S"),
                Some(Unit::Hour) => Some("PT30M"),
                Some(Unit::Day) => Some("PT12H"),
                Some(Unit::Year) => Some("P6M"),
                Some(Unit::Decade) => Some("P5Y"),
                Some(Unit::Century) => Some("P50Y"),
                _ => None,
            };
            if let Some(value) = half.filter(|_| !self.w(j + 2).ends_with('s')) {
                return Some((j + 3, fixed(TimexType::Duration, value)));
            }
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
        // "60 Minutes", "48 Hours": a title
        if self.tok(k).is_some_and(|t| t.capitalized) {
            return None;
        }
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
            // "a day-long hearing": the article belongs to the noun phrase
            if matches!(self.w(j), "a" | "an") {
                return None;
            }
            end += 2;
        }
        // "or so"
        if self.w(end) == "or" && self.w(end + 1) == "so" {
            end += 2;
        }
        // "twice a week", "three times a year": a frequency, a SET; "$5 a
        // year", "3% a month", "four flights a week": the unit of a rate,
        // which measures an amount, not a time, and is left out
        if matches!(self.w(j), "a" | "an" | "per")
            && j == i
            && !hyphenated
            && !matches!(
                self.w(end),
                "ago" | "earlier" | "later" | "before" | "after"
            )
        {
            match self.rate_context(i) {
                Some(Rate::Frequency) => {
                    return Some((end, fixed(TimexType::Set, format!("P1{}", unit.letter()))))
                }
                Some(Rate::Amount) => return None,
                None => {}
            }
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

    /// The rate phrase that precedes token `i`, if any: a frequency ("twice
    /// a week", "three times a year", "once a month") or an amount ("$5 a
    /// year", "10 percent a month", "four flights a week", "24 hours a
    /// day"): a count or price within three tokens, with no punctuation right
    /// before the article.
    pub(super) fn rate_context(&self, i: usize) -> Option<Rate> {
        let prev = i.checked_sub(1).and_then(|k| self.tok(k))?;
        if prev.kind == Kind::Punct && prev.lower != "%" {
            return None;
        }
        if prev.lower == "once" {
            return Some(Rate::Frequency);
        }
        if matches!(
            prev.lower.as_str(),
            "for" | "than" | "about" | "in" | "within" | "nearly" | "almost" | "over" | "by"
        ) {
            return None;
        }
        let window = i.saturating_sub(3)..i;
        if window
            .clone()
            .any(|k| matches!(self.w(k), "twice" | "times"))
        {
            return Some(Rate::Frequency);
        }
        window
            .into_iter()
            .any(|k| {
                matches!(
                    self.w(k),
                    "$" | "%" | "percent" | "per" | "cents" | "million" | "billion"
                ) || self.tok(k).is_some_and(|t| t.kind == Kind::Number)
                    || self.number_words(k).is_some()
            })
            .then_some(Rate::Amount)
    }

    /// "day-long", "decades-long": a unit made an adjective of length, a
    /// DURATION of one unit or of an unsaid number of them.
    pub(super) fn long_adjective(&self, i: usize) -> Hit {
        let w = self.w(i);
        let unit = lexicon::unit(w)?;
        if !(self.w(i + 1) == "-"
            && self.attached(i + 1)
            && self.w(i + 2) == "long"
            && self.attached(i + 2))
        {
            return None;
        }
        let qty = if w.ends_with('s') {
            Qty::Vague
        } else {
            Qty::Exact(1)
        };
        Some((i + 3, fixed(TimexType::Duration, duration_value(qty, unit))))
    }

    pub(super) fn set(&self, i: usize) -> Hit {
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
}
