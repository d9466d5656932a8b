//! A single-pass scanner that cuts text into words, numbers and punctuation.
//!
//! Tokens keep **byte** offsets into the original text, so every expression the
//! grammar builds from a run of tokens slices back to the text exactly. Letters
//! and digits that touch form one token ("1990s", "20th"); a number may carry
//! inner thousands separators or a decimal point ("7,500", "2.5") but never a
//! trailing one, so "Oct. 5." ends with two punctuation tokens.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Only ASCII digits, possibly with inner `,` or `.` between digits.
    Number,
    /// Letters, possibly mixed with digits ("1990s", "p").
    Word,
    /// Any other single character.
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    /// First byte of the token.
    pub(crate) start: usize,
    /// One past its last byte.
    pub(crate) end: usize,
    /// Its kind.
    pub(crate) kind: Kind,
    /// The token lowercased (ASCII and Unicode).
    pub(crate) lower: String,
    /// True when the first character is uppercase.
    pub(crate) capitalized: bool,
    /// True when whitespace separates it from the previous token.
    pub(crate) space_before: bool,
    /// True when a line break lies between it and the previous token.
    pub(crate) newline_before: bool,
}

impl Token {
    /// The token's value when it is a plain run of digits (no separators).
    pub(crate) fn digits(&self) -> Option<i64> {
        if self.kind != Kind::Number || self.lower.len() > 12 {
            return None;
        }
        if !self.lower.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        self.lower.parse().ok()
    }
}

/// Cut `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut iter = text.char_indices().peekable();
    let mut space_before = true;
    let mut newline_before = true;
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            space_before = true;
            if c == '\n' {
                newline_before = true;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let kind = if c.is_alphanumeric() {
            let mut all_digits = c.is_ascii_digit();
            while let Some(&(i, d)) = iter.peek() {
                if d.is_alphanumeric() {
                    all_digits &= d.is_ascii_digit();
                    end = i + d.len_utf8();
                    iter.next();
                } else if all_digits && (d == ',' || d == '.') {
                    // A separator counts only between digits: look one further.
                    let next = text.get(i + 1..).and_then(|s| s.chars().next());
                    if next.is_some_and(|n| n.is_ascii_digit()) {
                        end = i + 1;
                        iter.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if all_digits {
                Kind::Number
            } else {
                Kind::Word
            }
        } else {
            Kind::Punct
        };
        let raw = text.get(start..end).unwrap_or("");
        tokens.push(Token {
            start,
            end,
            kind,
            lower: raw.to_lowercase(),
            capitalized: c.is_uppercase(),
            space_before,
            newline_before,
        });
        space_before = false;
        newline_before = false;
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn numbers_keep_inner_separators_only() {
        assert_eq!(
            words("7,500 troops, 2.5."),
            ["7,500", "troops", ",", "2.5", "."]
        );
        assert_eq!(words("Oct. 5, 1990"), ["Oct", ".", "5", ",", "1990"]);
    }

    #[test]
    fn letters_and_digits_join() {
        assert_eq!(words("the 1990s' 20th"), ["the", "1990s", "'", "20th"]);
        assert_eq!(words("third-quarter"), ["third", "-", "quarter"]);
    }

    #[test]
    fn multibyte_text_keeps_byte_offsets() {
        let text = "Kommersant‘s “July 17”";
        for t in tokenize(text) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        }
    }
}
