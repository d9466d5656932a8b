//! `sourcetrace search`, `sources` and `timeline`: questions to a corpus
//! built by `ingest`.

use crate::batch::output_format;
use crate::cli::{Format, SearchArgs, SourcesArgs, TimelineArgs};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use sourcetrace_store::{ArticleSummary, SourceFilter, Statement, Store};
use std::io::{self, Write};
use std::process::ExitCode;

fn open(db: &str) -> Result<Store> {
    Store::open(db).with_context(|| format!("cannot open the store {db}"))
}

/// Print `items` as JSON (one array), JSON lines, or text lines; exit 1 when
/// there is nothing to print (a negative answer, like `grep`).
fn print(items: Vec<Value>, format: Format, text: impl Fn(&Value) -> String) -> Result<ExitCode> {
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &items)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for item in &items {
                serde_json::to_writer(&mut out, item)?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for item in &items {
                writeln!(out, "{}", text(item))?;
            }
        }
    }
    out.flush()?;
    Ok(if items.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn article_json(a: &ArticleSummary) -> Value {
    json!({"id": a.id.0, "name": a.name, "title": a.title, "outlet": a.outlet, "published": a.published})
}

fn statement_json(s: &Statement) -> Value {
    json!({
        "type": "statement",
        "source": {"name": s.source_name, "kind": s.source_kind},
        "cue": s.cue,
        "content": s.content,
        "direct": s.direct,
        "when": s.when,
        "chain": s.chain.iter().map(|l| json!({"name": l.name, "kind": l.kind})).collect::<Vec<_>>(),
        "article": article_json(&s.article),
    })
}

fn statement_text(v: &Value) -> String {
    let str_of = |v: &Value| v.as_str().unwrap_or("?").to_string();
    let article = &v["article"];
    format!(
        "{} [{}] {}: {}  ({}, {}, {})",
        v["source"]["name"].as_str().unwrap_or("(nobody named)"),
        str_of(&v["source"]["kind"]),
        str_of(&v["cue"]),
        str_of(&v["content"]),
        article["outlet"].as_str().unwrap_or("outlet unknown"),
        article["published"].as_str().unwrap_or("date unknown"),
        str_of(&article["name"]),
    )
}

pub(crate) fn search(args: SearchArgs) -> Result<ExitCode> {
    let mut store = open(&args.store.db)?;
    let found = store
        .search(&args.query, args.limit)
        .with_context(|| format!("{}: search {:?}", store.name(), args.query))?;
    let mut items: Vec<Value> = found.statements.iter().map(statement_json).collect();
    items.extend(found.articles.iter().map(|a| {
        let mut v = article_json(a);
        v["type"] = json!("article");
        v
    }));
    print(items, output_format(args.format), |v| {
        if v["type"] == "article" {
            format!(
                "article {}: {}  ({}, {})",
                v["name"].as_str().unwrap_or("?"),
                v["title"].as_str().unwrap_or("(no headline)"),
                v["outlet"].as_str().unwrap_or("outlet unknown"),
                v["published"].as_str().unwrap_or("date unknown"),
            )
        } else {
            statement_text(v)
        }
    })
}

pub(crate) fn sources(args: SourcesArgs) -> Result<ExitCode> {
    let mut store = open(&args.store.db)?;
    let filter = SourceFilter {
        kind: args.kind,
        outlet: args.outlet.clone(),
    };
    let found = store
        .sources(&filter)
        .with_context(|| format!("{}: sources", store.name()))?;
    let items: Vec<Value> = found
        .iter()
        .take(args.limit)
        .map(|s| {
            json!({
                "name": s.name, "kind": s.kind, "statements": s.statements, "documents": s.documents,
                "cited_by": s.cited_by.iter().map(|c| json!({"outlet": c.outlet, "statements": c.statements})).collect::<Vec<_>>(),
            })
        })
        .collect();
    print(items, output_format(args.format), |v| {
        let by: Vec<String> = v["cited_by"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        format!(
                            "{} {}",
                            c["outlet"].as_str().unwrap_or("outlet unknown"),
                            c["statements"]
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        format!(
            "{:>6} statements in {:>4} documents  {} [{}]  cited by: {}",
            v["statements"],
            v["documents"],
            v["name"].as_str().unwrap_or("(nobody named)"),
            v["kind"].as_str().unwrap_or("?"),
            by.join(", ")
        )
    })
}

pub(crate) fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let mut store = open(&args.store.db)?;
    let found = store
        .timeline(&args.entity)
        .with_context(|| format!("{}: timeline of {:?}", store.name(), args.entity))?;
    let items: Vec<Value> = found
        .iter()
        .map(|e| {
            json!({
                "article": article_json(&e.article),
                "mentions": e.mentions,
                "statements": e.statements.iter().map(statement_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    print(items, output_format(args.format), |v| {
        let a = &v["article"];
        let mut line = format!(
            "{}  {}  {}  ({} mentions)",
            a["published"].as_str().unwrap_or("date unknown"),
            a["outlet"].as_str().unwrap_or("outlet unknown"),
            a["title"].as_str().or(a["name"].as_str()).unwrap_or("?"),
            v["mentions"]
        );
        for s in v["statements"].as_array().into_iter().flatten() {
            line.push_str("\n    ");
            line.push_str(&statement_text(s));
        }
        line
    })
}
