//! `sourcetrace times`: the time expressions of articles, normalized.

use crate::cli::{Format, TimesArgs};
use crate::extract::{input_paths, output_format, published_date, read_input};
use crate::output;
use crate::pipeline::anchored_times;
use anyhow::Result;
use serde::Serialize;
use sourcetrace_core::{CharOffsets, Document, DocumentJson, EvidenceJson};
use sourcetrace_time::TimeTagger;
use std::io::{self, Write};
use std::process::ExitCode;

/// The schema name of a `times` object.
const TIMES_SCHEMA: &str = "sourcetrace.times/1";

#[derive(Serialize)]
struct TimeJson {
    start: usize,
    end: usize,
    text: String,
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

#[derive(Serialize)]
struct TimesJson {
    schema: &'static str,
    id: String,
    published: Option<String>,
    published_provenance: Option<sourcetrace_core::DateProvenance>,
    published_evidence: Vec<EvidenceJson>,
    times: Vec<TimeJson>,
}

pub(crate) fn run(args: TimesArgs) -> Result<ExitCode> {
    let published = published_date(args.published.as_deref())?;
    let paths = input_paths(&args.paths, "times")?;
    let format = output_format(args.format);
    let tagger = TimeTagger::new();
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut failed = 0;
    let mut all = Vec::new();
    let array = format == Format::Json && paths.len() > 1;
    for path in &paths {
        let (id, text) = match read_input(path, args.lossy) {
            Ok(x) => x,
            Err(e) => {
                failed += 1;
                out.flush()?;
                eprintln!("error: {e:#}");
                continue;
            }
        };
        let mut doc = Document::new(id, text.as_str());
        let found = anchored_times(&tagger, &text, published, &mut doc);
        let map = CharOffsets::new(&text);
        let header = DocumentJson::from_document(&doc);
        let json = TimesJson {
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
                    text: t.span.slice(&text).to_string(),
                    kind: t.kind.as_str(),
                    value: t.value.clone(),
                })
                .collect(),
        };
        match format {
            Format::Text => {
                writeln!(
                    out,
                    "{}  published {}{}  {} time expression{}",
                    json.id,
                    json.published.as_deref().unwrap_or("unknown"),
                    match json.published_provenance {
                        Some(sourcetrace_core::DateProvenance::Inferred) => " (inferred)",
                        _ => "",
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
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut out, &json)?;
                writeln!(out)?;
            }
            Format::Json if !array => output::write_json(&mut out, &json)?,
            Format::Json => all.push(json),
        }
    }
    if array {
        output::write_json(&mut out, &all)?;
    }
    out.flush()?;
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
