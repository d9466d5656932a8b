//! The crate's error type.

use thiserror::Error;

/// What can go wrong when reading time input from a user.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TimeError {
    /// A publication date that is not `YYYY-MM-DD`, `YYYYMMDD` or an ISO date-time.
    #[error("invalid date {input:?}: expected YYYY-MM-DD")]
    InvalidDate {
        /// The text that was given.
        input: String,
    },
}
