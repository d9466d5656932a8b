//! `sourcetrace extract`: read articles, find attributions, print documents.

use crate::cli::{ColorChoice, ExtractArgs, Format, Model};
use crate::output;
use anyhow::{bail, Context, Result};
use sourcetrace_attrib::{analyze, Extractor, RuleExtractor, TrainedExtractor};
use sourcetrace_core::Document;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

/// Choose the extractor for `--model`.
pub(crate) fn extractor(model: Model) -> Result<Box<dyn Extractor>> {
    Ok(match model {
        Model::Rules => Box::new(RuleExtractor::new()),
        Model::Trained => Box::new(
            TrainedExtractor::embedded()
                .context("the embedded model models/attribution.stm cannot be loaded")?,
        ),
    })
}

pub(crate) fn run(args: ExtractArgs) -> Result<ExitCode> {
    if let Some(date) = &args.published {
        validate_date(date).with_context(|| format!("--published {date:?}"))?;
    }
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            bail!("no input: give one or more PATHs, or `-` to read standard input\nhint: sourcetrace extract article.txt");
        }
        paths.push("-".into());
    }
    let stdout = io::stdout();
    let terminal = stdout.is_terminal();
    let format = args.format.unwrap_or(if terminal {
        Format::Text
    } else {
        Format::Jsonl
    });
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let extractor = extractor(args.model)?;
    let mut out = io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    let mut docs = Vec::new();
    let array = format == Format::Json && paths.len() > 1;
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
        let mut doc: Document = analyze(extractor.as_ref(), &id, &text);
        doc.published = args.published.clone();
        match format {
            Format::Text => output::write_text(&mut out, &doc, color)?,
            Format::Jsonl => output::write_jsonl(&mut out, &doc)?,
            Format::Json if !array => output::write_json(&mut out, &doc.to_json())?,
            Format::Json => docs.push(doc.to_json()),
        }
    }
    if array {
        output::write_json(&mut out, &docs)?;
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
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
            bail!("{name}: is a directory (extract reads files; pass the files inside it)");
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
