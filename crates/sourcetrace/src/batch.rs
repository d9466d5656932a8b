//! Inputs and outputs shared by the commands that read articles (`extract`, `times`).

use crate::cli::{Format, InputArgs};
use crate::output;
use anyhow::{bail, Context, Result};
use serde::Serialize;
use sourcetrace_time::Date;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Read every input of `args`, analyse it, and print the results in the
/// chosen format. An input that cannot be read gives one `error:` line on
/// stderr and the batch goes on; the exit code is then 2.
///
/// `analyse` turns (id, text, publication date) into a result; `write_text`
/// prints one result for people.
pub(crate) fn run<T: Serialize>(
    args: &InputArgs,
    command: &str,
    mut analyse: impl FnMut(&str, &str, Option<Date>) -> T,
    mut write_text: impl FnMut(&mut dyn Write, &T) -> io::Result<()>,
) -> Result<ExitCode> {
    let published = published_date(args.published.as_deref())?;
    let paths = input_paths(&args.paths, command)?;
    let format = output_format(args.format);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let array = format == Format::Json && paths.len() > 1;
    let mut pending = Vec::new();
    let mut failed = 0usize;
    for path in &paths {
        let (id, text) = match read_input(path, args.lossy) {
            Ok(x) => x,
            Err(e) => {
                failed += 1;
                // Keep stdout and stderr in order for a reader of both.
                out.flush()?;
                eprintln!("error: {e:#}");
                continue;
            }
        };
        let result = analyse(&id, &text, published);
        match format {
            Format::Text => write_text(&mut out, &result)?,
            Format::Jsonl => {
                serde_json::to_writer(&mut out, &result)?;
                writeln!(out)?;
            }
            Format::Json if !array => output::write_json(&mut out, &result)?,
            Format::Json => pending.push(result),
        }
    }
    if array {
        output::write_json(&mut out, &pending)?;
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Parse `--published`: a real calendar date written YYYY-MM-DD.
fn published_date(arg: Option<&str>) -> Result<Option<Date>> {
    let Some(date) = arg else {
        return Ok(None);
    };
    validate_date(date).with_context(|| format!("--published {date:?}"))?;
    let parsed =
        sourcetrace_time::parse_date(date).with_context(|| format!("--published {date:?}"))?;
    Ok(Some(parsed))
}

/// The inputs to read: the paths given, or standard input when it is not a terminal.
fn input_paths(paths: &[PathBuf], command: &str) -> Result<Vec<PathBuf>> {
    if !paths.is_empty() {
        return Ok(paths.to_vec());
    }
    if io::stdin().is_terminal() {
        bail!("no input: give one or more PATHs, or `-` to read standard input\nhint: sourcetrace {command} article.txt");
    }
    Ok(vec!["-".into()])
}

/// The output format: the one asked for, else text on a terminal and JSON lines off it.
fn output_format(asked: Option<Format>) -> Format {
    asked.unwrap_or(if io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Jsonl
    })
}

/// Read one input as text; the id is the file stem, or `stdin`.
fn read_input(path: &Path, lossy: bool) -> Result<(String, String)> {
    let name = path.display().to_string();
    let (id, bytes) = if name == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .read_to_end(&mut buf)
            .context("<stdin>: cannot read standard input")?;
        ("stdin".to_string(), buf)
    } else {
        if path.is_dir() {
            bail!("{name}: is a directory (this command reads files; pass the files inside it)");
        }
        let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone());
        (id, bytes)
    };
    let shown = if name == "-" { "<stdin>" } else { &name };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        bail!("{shown}: empty input (no text to analyse)");
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            bail!(
                "{shown}: invalid UTF-8 at byte {at}\nhint: pass --lossy to replace invalid bytes; HTML pages with another charset need an HTML reader"
            );
        }
    };
    Ok((id, text))
}

/// Check that `date` is a real calendar date written YYYY-MM-DD.
fn validate_date(date: &str) -> Result<()> {
    let parts: Vec<&str> = date.split('-').collect();
    let ok_shape = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !ok_shape {
        bail!("not a date in the form YYYY-MM-DD");
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(parts[0]), num(parts[1]), num(parts[2]));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => bail!("month {m} does not exist"),
    };
    if d == 0 || d > days {
        bail!("day {d} does not exist in {y}-{m:02}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_date;

    #[test]
    fn dates_are_checked() {
        assert!(validate_date("2021-07-20").is_ok());
        assert!(validate_date("2020-02-29").is_ok());
        assert!(validate_date("2021-02-29").is_err());
        assert!(validate_date("2021-13-01").is_err());
        assert!(validate_date("20-07-2021").is_err());
        assert!(validate_date("July 20").is_err());
    }
}
