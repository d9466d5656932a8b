//! Printing documents as text, JSON and JSON lines.

use serde::Serialize;
use sourcetrace_core::{DocumentJson, SourceKind};
use std::io::{self, Write};

/// Write one value as pretty JSON followed by a newline.
pub(crate) fn write_json<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const YELLOW: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// Write a document as readable text: a heading, then one attribution a line.
pub(crate) fn write_text(out: &mut dyn Write, json: &DocumentJson, color: bool) -> io::Result<()> {
    let paint = |code: &'static str| if color { code } else { "" };
    let origin = json
        .syndicated_from
        .as_ref()
        .map(|c| format!("  story of {}", c.name))
        .unwrap_or_default();
    writeln!(
        out,
        "{}{}{}  published {}{}  {} attribution{}",
        paint(BOLD),
        json.id,
        paint(RESET),
        json.published.as_deref().unwrap_or("unknown"),
        origin,
        json.attributions.len(),
        if json.attributions.len() == 1 {
            ""
        } else {
            "s"
        }
    )?;
    for a in &json.attributions {
        let (who, kind) = match &a.source {
            // A resolved mention shows what the text says too: Igor Lyakin-Frolov (“he”).
            Some(s) if !s.text.contains(s.name.as_str()) && !s.name.contains(s.text.as_str()) => {
                (format!("{} (“{}”)", s.name, s.text), s.kind)
            }
            Some(s) => (s.name.clone(), s.kind),
            None => ("(no source)".to_string(), SourceKind::Unattributed),
        };
        let when = a
            .when
            .as_ref()
            .map(|w| format!(" {}", w.text))
            .unwrap_or_default();
        writeln!(
            out,
            "  {}{:>6}{}  {}{}{} [{}] {}{}{}{}: {}{}{}",
            paint(DIM),
            a.cue.start,
            paint(RESET),
            paint(CYAN),
            who,
            paint(RESET),
            kind,
            paint(YELLOW),
            a.cue.text,
            when,
            paint(RESET),
            if a.content.direct { "“" } else { "" },
            ellipsize(&a.content.text, 100),
            if a.content.direct { "”" } else { "" },
        )?;
    }
    Ok(())
}

/// Shorten `s` to at most `max` characters, on one line.
fn ellipsize(s: &str, max: usize) -> String {
    let flat: String = s
        .trim_matches(|c: char| matches!(c, '“' | '”' | '"'))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max - 1).collect();
    format!("{cut}…")
}
