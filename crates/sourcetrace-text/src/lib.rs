//! Offset-preserving text analysis for news.
#![deny(missing_docs)]
