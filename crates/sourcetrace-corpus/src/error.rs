//! The errors of the corpus crate.

/// What can go wrong when adding to or querying an index.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorpusError {
    /// The LSH bands need more hash functions than the hasher has.
    #[error("{bands} bands of {rows} rows do not fit a signature of {hashes} hash functions (bands and rows must be at least 1)")]
    BandsDoNotFit {
        /// Bands asked for.
        bands: usize,
        /// Rows per band asked for.
        rows: usize,
        /// Hash functions of the hasher.
        hashes: usize,
    },
    /// A signature made by another hasher.
    #[error("a signature of {found} values was given to an index of {expected}-value signatures (made by another hasher?)")]
    SignatureLength {
        /// The index's signature length.
        expected: usize,
        /// The signature's length.
        found: usize,
    },
    /// A document key was added twice.
    #[error("the document `{key}` is already in the index")]
    DuplicateKey {
        /// The key.
        key: String,
    },
    /// The index holds as many documents as it can number (2^32 - 2).
    #[error("the index is full (2^32 - 2 documents)")]
    Full,
}
