//! The tagger's error type.

use thiserror::Error;

/// Errors loading a model file or training a model.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum TaggerError {
    /// The bytes do not start with the model file magic.
    #[error("not a sourcetrace model file (expected magic {expected:?} at byte 0)")]
    BadMagic {
        /// The magic expected.
        expected: &'static str,
    },
    /// The file format version is one this code cannot read.
    #[error("model file format {found} is not supported (this build reads format {expected})")]
    FormatVersion {
        /// The version in the file.
        found: u32,
        /// The version this code reads.
        expected: u32,
    },
    /// The model was trained with other feature templates than this code computes.
    #[error("model feature version {found} differs from the code's feature version {expected}; retrain the model (see models/README.md)")]
    FeatureVersion {
        /// The feature version recorded in the model header.
        found: u32,
        /// The feature version this code computes.
        expected: u32,
    },
    /// The attribution model was trained on the tags of another POS model.
    #[error("the attribution model was trained with POS model {expected:016x}, but POS model {found:016x} was given; ship both files together (see models/README.md)")]
    PosMismatch {
        /// The POS checksum recorded in the attribution model.
        expected: u64,
        /// The checksum of the POS model given.
        found: u64,
    },
    /// The file ends before a field it announces.
    #[error("model file truncated: {what} needs bytes up to {need}, file has {len}")]
    Truncated {
        /// What was being read.
        what: &'static str,
        /// The byte offset needed.
        need: usize,
        /// The file length.
        len: usize,
    },
    /// A header line is not `key=value` or a required key is missing or malformed.
    #[error("model header: {message} (line {line:?})")]
    Header {
        /// What is wrong.
        message: &'static str,
        /// The offending line (empty when a key is missing).
        line: String,
    },
    /// A weight table has another shape than announced.
    #[error("model chain {chain}: {message}")]
    Shape {
        /// Which chain (0 = cue and source, 1 = content).
        chain: usize,
        /// What is wrong.
        message: &'static str,
    },
    /// Training was asked to learn from no sentence at all.
    #[error("no training data: {what} has no document with tokens")]
    NoTrainingData {
        /// Which set was empty (train or dev).
        what: &'static str,
    },
}
