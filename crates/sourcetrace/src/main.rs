//! The `sourcetrace` command line.
fn main() {}
