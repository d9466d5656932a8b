//! Tests of the TempEval module.
