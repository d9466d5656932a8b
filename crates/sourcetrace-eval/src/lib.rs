//! Evaluation of sourcetrace against annotated corpora.
//!
//! Each module reads one corpus format and scores predictions exactly as the
//! corpus's reference scorer does, so that our figures and theirs agree.
#![deny(missing_docs)]

pub mod extraction;
pub mod polnear;
pub mod resolution;
pub mod tempeval;
