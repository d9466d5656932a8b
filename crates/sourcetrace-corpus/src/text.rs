//! Word normalization shared by the duplicate detector and the claim clusterer.
//!
//! Traps of the domain:
//! - Copies of a story differ in their furniture (headline, byline, "Read
//!   more", share buttons) more than in their body: callers should pass the
//!   body only; everything here is lowercased and stripped of punctuation so
//!   that curly and straight quotes, dashes and spacing never matter.
//! - Digits are kept ("180,000" becomes the words "180" and "000"): numbers
//!   distinguish stories ("killed 25" against "killed 3").

/// The words of `text`, lowercased, split at every character that is not a
/// letter or a digit (so "U.S." gives "u" and "s", "don't" gives "don" and "t").
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
}

/// The hash of each word of `text`, as [`words`] splits and lowercases them
/// (`hash_bytes` of the lowercase word), without allocating a string per word.
pub(crate) fn word_hashes(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut h: u64 = FNV_OFFSET;
    let mut in_word = false;
    let mut buf = [0u8; 4];
    for c in text.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            if c.is_ascii() {
                h = fnv_step(h, c.to_ascii_lowercase() as u8);
            } else {
                for l in c.to_lowercase() {
                    for &b in l.encode_utf8(&mut buf).as_bytes() {
                        h = fnv_step(h, b);
                    }
                }
            }
        } else if in_word {
            out.push(mix64(h));
            h = FNV_OFFSET;
            in_word = false;
        }
    }
    if in_word {
        out.push(mix64(h));
    }
    out
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
}

#[cfg(test)]
/// A 64-bit FNV-1a hash of a byte string, finished with a 64-bit mixer so that
/// near-identical strings spread over the whole range.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    mix64(bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b)))
}

/// The SplitMix64 finalizer: a bijection of `u64` with good avalanche.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// English function words and the vocabulary of reporting itself ("said",
/// "according", "reported"), which every article shares whatever its claim.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "like",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "same",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "according",
    "added",
    "announced",
    "claimed",
    "claims",
    "comment",
    "comments",
    "confirmed",
    "reported",
    "reports",
    "report",
    "reporting",
    "said",
    "say",
    "says",
    "saying",
    "stated",
    "statement",
    "told",
    "tell",
    "news",
    "story",
    "article",
    "read",
    "via",
    "image",
    "images",
    "photo",
    "photos",
    "video",
    "getty",
    "reuters",
    "ap",
    "afp",
    "mr",
    "mrs",
    "ms",
    "dr",
    "000",
    "s",
    "t",
    "don",
    "re",
    "ve",
    "ll",
    "d",
    "m",
];

/// Whether `word` (lowercase) carries content: not a stop word, not a lone
/// letter, not a bare number of one or two digits.
pub(crate) fn is_content_word(word: &str) -> bool {
    if word.chars().count() < 3 && !word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    if word.len() < 3 && word.chars().all(|c| c.is_ascii_digit()) {
        return false;
    }
    !is_stopword(word)
}

fn is_stopword(word: &str) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

/// A light stemmer for content words: plural and verb endings that would
/// otherwise split one term in two ("beheadings"/"beheading", "killed"/"kills").
pub(crate) fn stem(word: &str) -> &str {
    let n = word.len();
    if !word.is_ascii() || n <= 4 {
        return word;
    }
    for suffix in ["ings", "ing", "ies", "ied", "es", "ed", "s"] {
        if let Some(rest) = word.strip_suffix(suffix) {
            if rest.len() >= 3 && !rest.ends_with('s') {
                return rest;
            }
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercase_and_split_at_punctuation() {
        let w: Vec<String> = words("The U.S. “said” — don't, 180,000!").collect();
        assert_eq!(w, ["the", "u", "s", "said", "don", "t", "180", "000"]);
    }

    #[test]
    fn word_hashes_agree_with_words() {
        let text = "Ärger in the U.S.: “ÉTÉ” don't 180,000!";
        let expected: Vec<u64> = words(text).map(|w| hash_bytes(w.as_bytes())).collect();
        assert_eq!(word_hashes(text), expected);
    }

    #[test]
    fn stop_words_and_short_words_carry_no_content() {
        assert!(!is_content_word("the"));
        assert!(!is_content_word("said"));
        assert!(!is_content_word("xi"));
        assert!(is_content_word("beheading"));
        assert!(is_content_word("2014"));
    }

    #[test]
    fn stems_join_inflections() {
        assert_eq!(stem("beheadings"), stem("beheading"));
        assert_eq!(stem("killed"), stem("kills"));
        assert_eq!(stem("news"), "news");
    }
}
