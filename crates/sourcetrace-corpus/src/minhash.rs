//! MinHash signatures over word shingles.

use crate::text::{mix64, word_hashes};

/// Computes MinHash signatures of article bodies: the body's words (lowercase,
/// no punctuation) are cut into overlapping shingles of `shingle_words` words,
/// and each of `num_hashes` hash functions keeps its minimum over the shingles.
///
/// Two signatures agree at a position with probability equal to the Jaccard
/// similarity of the two shingle sets, whatever the texts' lengths. Built once,
/// the hasher is immutable and can be shared between threads.
#[derive(Debug, Clone)]
pub struct MinHasher {
    shingle_words: usize,
    /// Multiply-shift hash functions: `(a * x + b) >> 32` with `a` odd.
    coefficients: Vec<(u64, u64)>,
}

/// The MinHash signature of one body, with the size of its shingle set (needed
/// to estimate how much of a short copy a longer one contains).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// One minimum per hash function.
    pub mins: Vec<u32>,
    /// How many distinct shingles the body has (0 for an empty body).
    pub shingles: u32,
}

impl MinHasher {
    /// A hasher with `num_hashes` hash functions over shingles of
    /// `shingle_words` words; `seed` fixes the hash functions (signatures are
    /// comparable only when made by hashers with the same three values).
    pub fn new(num_hashes: usize, shingle_words: usize, seed: u64) -> Self {
        let mut state = seed ^ 0x5851_f42d_4c95_7f2d;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix64(state)
        };
        let coefficients = (0..num_hashes).map(|_| (next() | 1, next())).collect();
        MinHasher {
            shingle_words: shingle_words.max(1),
            coefficients,
        }
    }

    /// How many hash functions (the signature length).
    pub fn num_hashes(&self) -> usize {
        self.coefficients.len()
    }

    /// How many words make a shingle.
    pub fn shingle_words(&self) -> usize {
        self.shingle_words
    }

    /// The distinct shingle hashes of `body`, sorted. A body shorter than one
    /// shingle gives one shingle of all its words.
    pub fn shingle_hashes(&self, body: &str) -> Vec<u64> {
        let word_hashes = word_hashes(body);
        let k = self.shingle_words;
        let mut shingles: Vec<u64> = if word_hashes.is_empty() {
            Vec::new()
        } else if word_hashes.len() < k {
            vec![combine(&word_hashes)]
        } else {
            word_hashes.windows(k).map(combine).collect()
        };
        shingles.sort_unstable();
        shingles.dedup();
        shingles
    }

    /// The signature of an article body (pass the body only: headlines and
    /// page furniture make copies look different).
    pub fn signature(&self, body: &str) -> Signature {
        self.signature_of_shingles(&self.shingle_hashes(body))
    }

    /// The signature of a set of shingle hashes (as [`MinHasher::shingle_hashes`]
    /// gives them; duplicates are harmless but counted).
    pub fn signature_of_shingles(&self, shingles: &[u64]) -> Signature {
        let mut mins = vec![u32::MAX; self.coefficients.len()];
        for &x in shingles {
            for (m, &(a, b)) in mins.iter_mut().zip(&self.coefficients) {
                let h = (a.wrapping_mul(x).wrapping_add(b) >> 32) as u32;
                if h < *m {
                    *m = h;
                }
            }
        }
        Signature {
            mins,
            shingles: u32::try_from(shingles.len()).unwrap_or(u32::MAX),
        }
    }
}

impl Default for MinHasher {
    /// 128 hash functions over 4-word shingles, seed 0.
    fn default() -> Self {
        MinHasher::new(128, 4, 0)
    }
}

fn combine(hashes: &[u64]) -> u64 {
    hashes.iter().fold(0x243f_6a88_85a3_08d3_u64, |h, &w| {
        mix64(h.rotate_left(17) ^ w)
    })
}

impl Signature {
    /// The estimated Jaccard similarity of the two shingle sets: the share of
    /// positions where the signatures agree. Signatures of different lengths
    /// (made by different hashers) compare as 0.
    pub fn jaccard(&self, other: &Signature) -> f64 {
        if self.mins.len() != other.mins.len() || self.mins.is_empty() {
            return 0.0;
        }
        if self.shingles == 0 || other.shingles == 0 {
            return 0.0;
        }
        let same = self
            .mins
            .iter()
            .zip(&other.mins)
            .filter(|(a, b)| a == b)
            .count();
        same as f64 / self.mins.len() as f64
    }

    /// The estimated share of the smaller shingle set found in the larger one
    /// (containment): 1 for a truncated copy, whatever is cut from the end.
    /// Derived from the Jaccard estimate `J` and the set sizes `a <= b`:
    /// `|A ∩ B| = J (a + b) / (1 + J)`.
    pub fn containment(&self, other: &Signature) -> f64 {
        let j = self.jaccard(other);
        let (a, b) = (
            f64::from(self.shingles.min(other.shingles)),
            f64::from(self.shingles.max(other.shingles)),
        );
        if a == 0.0 {
            return 0.0;
        }
        (j * (a + b) / (1.0 + j) / a).min(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_bodies_have_identical_signatures() {
        let h = MinHasher::default();
        let a = h.signature("The council postponed the vote on the wind farm.");
        let b = h.signature("the council postponed — the vote, on the WIND farm");
        assert_eq!(a, b);
        assert_eq!(a.jaccard(&b), 1.0);
    }

    #[test]
    fn jaccard_estimate_is_close_to_the_true_value() {
        let h = MinHasher::new(256, 1, 7);
        let a: String = (0..200).map(|i| format!("w{i} ")).collect();
        let b: String = (100..300).map(|i| format!("w{i} ")).collect();
        // 100 shared of 300: J = 1/3.
        let j = h.signature(&a).jaccard(&h.signature(&b));
        assert!((j - 1.0 / 3.0).abs() < 0.1, "{j}");
    }

    #[test]
    fn a_truncated_copy_is_contained() {
        let h = MinHasher::new(256, 1, 7);
        let long: String = (0..400).map(|i| format!("w{i} ")).collect();
        let short: String = (0..100).map(|i| format!("w{i} ")).collect();
        let (sl, ss) = (h.signature(&long), h.signature(&short));
        assert!(sl.jaccard(&ss) < 0.4);
        assert!(sl.containment(&ss) > 0.8, "{}", sl.containment(&ss));
    }

    #[test]
    fn empty_bodies_are_similar_to_nothing() {
        let h = MinHasher::default();
        assert_eq!(h.signature("").jaccard(&h.signature("")), 0.0);
    }
}
