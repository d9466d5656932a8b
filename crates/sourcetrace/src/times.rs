//! `sourcetrace times`: the time expressions of articles, normalized.

use crate::batch;
use crate::cli::TimesArgs;
use crate::pipeline::anchored_times;
use anyhow::Result;
use serde::Serialize;
use sourcetrace_core::{CharOffsets, DateProvenance, Document, DocumentJson, EvidenceJson};
use sourcetrace_time::TimeTagger;
use std::io::{self, Write};
use std::process::ExitCode;

/// The schema name of a `times` object.
const TIMES_SCHEMA: &str = "sourcetrace.times/1";

/// One time expression, in character offsets.
#[derive(Serialize)]
struct TimeJson {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

/// The time expressions of one article.
#[derive(Serialize)]
struct TimesJson {
    schema: &'static str,
    id: String,
    published: Option<String>,
    published_provenance: Option<DateProvenance>,
    published_evidence: Vec<EvidenceJson>,
    times: Vec<TimeJson>,
}

pub(crate) fn run(args: TimesArgs) -> Result<ExitCode> {
    let tagger = TimeTagger::new();
    batch::run(
        &args.input,
        args.format,
        "times",
        |article| {
            let text = article.text.as_str();
            let mut doc = Document::new(article.id.as_str(), text);
            let found = anchored_times(&tagger, text, article.published, &mut doc);
            let map = CharOffsets::new(text);
            let header = DocumentJson::from_document(&doc);
            TimesJson {
                schema: TIMES_SCHEMA,
                id: header.id,
                published: header.published,
                published_provenance: header.published_provenance,
                published_evidence: header.published_evidence,
                times: found
                    .iter()
                    .map(|t| TimeJson {
                        start: map.char_of(t.span.start),
                        end: map.char_of(t.span.end),
                        text: t.span.slice(text).to_string(),
                        kind: t.kind.as_str(),
                        value: t.value.clone(),
                    })
                    .collect(),
            }
        },
        write_text,
    )
}

fn write_text(out: &mut dyn Write, json: &TimesJson) -> io::Result<()> {
    writeln!(
        out,
        "{}  published {}{}  {} time expression{}",
        json.id,
        json.published.as_deref().unwrap_or("unknown"),
        if json.published_provenance == Some(DateProvenance::Inferred) {
            " (inferred)"
        } else {
            ""
        },
        json.times.len(),
        if json.times.len() == 1 { "" } else { "s" }
    )?;
    for e in &json.published_evidence {
        writeln!(out, "  evidence: {}", e.reason)?;
    }
    for t in &json.times {
        writeln!(
            out,
            "  {:>6}  {:<8}  {:<16}  {}",
            t.start, t.kind, t.value, t.text
        )?;
    }
    Ok(())
}
