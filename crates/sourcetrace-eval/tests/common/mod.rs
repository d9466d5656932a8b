//! What the scorer agreement tests share: running a reference scorer live.

use std::ffi::OsStr;
use std::path::PathBuf;

/// Run `python3 $SOURCETRACE_REFERENCE_TOOLS/<script> <args>` and return its
/// standard output; `None` (with a line saying the test skipped) when the
/// variable is unset. A failing script fails the test.
pub(crate) fn reference_output<I, S>(script: &str, args: I) -> Option<Vec<u8>>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let Some(tools) = std::env::var_os("SOURCETRACE_REFERENCE_TOOLS") else {
        eprintln!("skipped: SOURCETRACE_REFERENCE_TOOLS is not set (no live reference scorer)");
        return None;
    };
    let out = std::process::Command::new("python3")
        .arg(PathBuf::from(tools).join(script))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(out.stdout)
}
