//! Attribution extraction.
#![deny(missing_docs)]
