//! Helpers shared by the store's tests (and, through `#[path]`, by the crash
//! helper and the benchmark).

pub(crate) mod database_url;
pub(crate) mod synthetic;
