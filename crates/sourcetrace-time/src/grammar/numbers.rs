//! Numbers in words and digits, years, days of the month.

use super::*;

impl Grammar<'_> {
    /// A number written in words ("twenty four", "two thousand", "a hundred").
    pub(super) fn number_words(&self, i: usize) -> Option<(i64, usize)> {
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
    pub(super) fn quantity(&self, i: usize, allow_article: bool) -> Option<(Qty, usize)> {
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
    pub(super) fn year_token(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Number || t.lower.len() != 4 {
            return None;
        }
        let y: i32 = t.lower.parse().ok()?;
        (1000..=2200).contains(&y).then_some(y)
    }

    /// A year spoken in words: "nineteen ninety-six", "two thousand".
    pub(super) fn spoken_year(&self, i: usize) -> Option<(i32, usize)> {
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
    pub(super) fn day_of_month(&self, i: usize) -> Option<(u32, usize)> {
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
}
