//! Clock times: "7:15 p.m.", "noon", "5 p.m. EST, Nov. 6".

use super::*;

impl Grammar<'_> {
    /// "7:15 p.m.", "5 p.m. EST", "noon", "midnight", "10 p.m. Wednesday", "5 p.m. EST, Nov. 6".
    pub(super) fn clock_phrase(&self, i: usize) -> Hit {
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
                    weekday,
                    direction,
                    anaphoric,
                    ..
                } => Some((
                    e,
                    Form::Weekday {
                        weekday,
                        direction,
                        time: Some(time),
                        anaphoric,
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
        } else if let Some((_, form)) = self.calendar(k).and_then(add_time) {
            // "at 4 a.m. on July 2": the preposition stays out of the extent,
            // but the date still dates the clock time
            return Some((end, form));
        }
        Some((end, Form::same_day(Some(time))))
    }

    /// A bare clock time: returns hours, minutes and the end.
    pub(super) fn clock(&self, i: usize) -> Option<(u32, u32, usize)> {
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
            h = to_24_hours(h, w.ends_with("pm"))?;
            return Some((h, m, i + 1));
        } else {
            return None;
        }
        if h > 24 || m > 59 {
            return None;
        }
        let had_minutes = end > i + 1;
        // a.m. / p.m.
        let (ampm, e) = match self.meridiem(end) {
            // "4 in the morning", "9 at night"
            (None, _) if !had_minutes || (1..=12).contains(&h) => self
                .day_part_after(end)
                .map_or((None, end), |(pm, e)| (Some(pm), e)),
            found => found,
        };
        match ampm {
            Some(pm) => {
                h = to_24_hours(h, pm)?;
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

    /// "in the morning" (a.m.), "in the afternoon", "in the evening", "at night"
    /// (p.m.) after a clock time: `Some((pm, end))`.
    fn day_part_after(&self, i: usize) -> Option<(bool, usize)> {
        match (self.w(i), self.w(i + 1), self.w(i + 2)) {
            ("in", "the", "morning") => Some((false, i + 3)),
            ("in", "the", "afternoon" | "evening") => Some((true, i + 3)),
            ("at", "night", _) => Some((true, i + 2)),
            _ => None,
        }
    }

    /// "a.m.", "p.m.", "am", "pm": `Some(true)` for p.m., with the end.
    pub(super) fn meridiem(&self, i: usize) -> (Option<bool>, usize) {
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

/// A 12-hour clock hour (1..=12) with its a.m./p.m. on the 24-hour clock;
/// `None` for an hour a 12-hour clock does not have.
fn to_24_hours(hour: u32, pm: bool) -> Option<u32> {
    match (hour, pm) {
        (0, _) | (13.., _) => None,
        (12, false) => Some(0),
        (12, true) => Some(12),
        (h, true) => Some(h + 12),
        (h, false) => Some(h),
    }
}
