//! Many documents at once: the copies of a story and the claims they carry.
//!
//! In memory and storage-agnostic: a store feeds documents in and keeps what
//! comes out.
//!
//! 1. **Copies of a story.** [`MinHasher`] turns an article body into a
//!    [`Signature`] (MinHash over word shingles of the lowercased,
//!    punctuation-free body). A [`DuplicateIndex`] files signatures in LSH
//!    bands, confirms candidates by estimated Jaccard similarity or
//!    containment (a truncated copy), groups copies with union-find, and names
//!    each [`Story`]'s likely original: the credited agency ("By Reuters",
//!    "(AP) —"), else the earliest publication. It grows one document at a
//!    time and never compares all pairs.
//! 2. **Claims.** A [`ClaimClusterer`] groups [`ClaimItem`]s (attributed
//!    statements or whole articles) that say the same thing into [`Claim`]s,
//!    each with its sources, earliest appearance, outlets, and whether a named
//!    source stands behind it.
//! 3. **Scoring.** [`bcubed`] compares a clustering with a gold one.
//!
//! ```
//! use sourcetrace_corpus::{bcubed, CopyMeta, DuplicateIndex};
//!
//! let body = "Fishermen blocked the harbor mouth with forty boats on Monday to protest \
//!     against the planned offshore wind farm, which they say would close their richest \
//!     fishing grounds, and the developer promised to meet them next week.";
//! let mut index = DuplicateIndex::default();
//! let a = index.add("wire", body, CopyMeta::default())?;
//! let b = index.add("portal", &body.replace("forty", "40"), CopyMeta::default())?;
//! assert_eq!(index.group_of(a), index.group_of(b));
//!
//! let score = bcubed(&[0, 0, 1], &["x", "x", "y"]);
//! assert_eq!(score.f1, 1.0);
//! # Ok::<(), sourcetrace_corpus::CorpusError>(())
//! ```
#![deny(missing_docs)]

mod bcubed;
mod claims;
mod duplicates;
mod error;
mod minhash;
mod text;

pub use bcubed::{bcubed, BCubed};
pub use claims::{Claim, ClaimClusterer, ClaimConfig, ClaimItem, ClaimSource, StatementHasher};
pub use duplicates::{
    agency_key, choose_original, story_body, CopyMeta, DuplicateConfig, DuplicateIndex, Match,
    OriginReason, Original, Story,
};
pub use error::CorpusError;
pub use minhash::{MinHasher, Signature};
