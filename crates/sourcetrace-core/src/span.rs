//! Byte spans and their conversion to character offsets.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of **byte** offsets into a document's text.
///
/// Both ends lie on UTF-8 character boundaries; producers guarantee it, and
/// [`Span::slice`] returns `""` rather than panicking when they do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes, end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text the span covers, or `""` if it does not lie on character boundaries of `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The span shrunk so that it neither starts nor ends with whitespace.
    pub fn trim(&self, text: &str) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if lead == s.len() {
            return Span::new(self.start, self.start);
        }
        Span::new(self.start + lead, self.end - trail)
    }
}

/// Converts byte offsets of one text into Unicode scalar (character) offsets.
///
/// Built once per document in `O(n)`; each lookup is a binary search over the
/// positions of multi-byte characters, so ASCII-heavy news costs almost nothing.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offsets of every character that takes more than one byte, with the
    /// number of extra bytes seen up to and including it.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharOffsets {
    /// Index the multi-byte characters of `text`.
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (i, c) in text.char_indices() {
            let n = c.len_utf8();
            if n > 1 {
                extra += n - 1;
                wide.push((i, extra));
            }
        }
        CharOffsets {
            wide,
            len_bytes: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (clamped to the text length).
    pub fn char_of(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Count extra bytes of the wide characters that start before `byte`.
        let idx = self.wide.partition_point(|&(b, _)| b < byte);
        let extra = if idx == 0 { 0 } else { self.wide[idx - 1].1 };
        byte - extra
    }

    /// The byte offset of character offset `ch`, or `None` past the end of the text.
    pub fn byte_of(&self, ch: usize) -> Option<usize> {
        // The byte offset is ch + extra bytes of the wide characters before it.
        // Walk the wide list: character index of wide char i is b_i - extra_before_i.
        let mut extra_before = 0;
        for &(b, extra_incl) in &self.wide {
            let char_index = b - extra_before;
            if char_index >= ch {
                break;
            }
            extra_before = extra_incl;
        }
        let byte = ch + extra_before;
        (byte <= self.len_bytes).then_some(byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn char_offsets_count_scalars() {
        let text = "a’b“c”d";
        let map = CharOffsets::new(text);
        let idx: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        for (ch, &b) in idx.iter().enumerate() {
            assert_eq!(map.char_of(b), ch);
            assert_eq!(map.byte_of(ch), Some(b));
        }
        assert_eq!(map.char_of(text.len()), text.chars().count());
        assert_eq!(map.byte_of(text.chars().count()), Some(text.len()));
        assert_eq!(map.byte_of(text.chars().count() + 1), None);
    }

    #[test]
    fn trim_drops_outer_whitespace() {
        let text = "  hi there \n";
        assert_eq!(Span::new(0, text.len()).trim(text).slice(text), "hi there");
        assert!(Span::new(0, 2).trim(text).is_empty());
    }

    proptest! {
        #[test]
        fn char_offsets_roundtrip(text in "\\PC{0,40}") {
            let map = CharOffsets::new(&text);
            for (ch, (b, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(map.char_of(b), ch);
                prop_assert_eq!(map.byte_of(ch), Some(b));
            }
        }
    }
}
