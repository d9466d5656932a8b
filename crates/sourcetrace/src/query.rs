//! `sourcetrace search`, `sources`, `timeline`, `story` and `trace`:
//! questions to a corpus built by `ingest`.

use crate::batch::{first_article_text, output_format};
use crate::cli::{Format, SearchArgs, SourcesArgs, StoryArgs, TimelineArgs, TraceArgs};
use anyhow::{Context, Result};
use serde_json::{json, Value};
use sourcetrace_store::{
    ArticleSummary, ClaimTrace, DocumentId, NodeKind, OriginReason, ProvenanceNode, SourceFilter,
    Statement, Store, StoryView,
};
use std::io::{self, Write};
use std::process::ExitCode;

pub(crate) fn open(db: &str) -> Result<Store> {
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

fn story_json(story: &StoryView) -> Value {
    json!({
        "story": story.id,
        "size": story.members.len(),
        "agency": story.agency,
        "original": story.original.0,
        "original_reason": match story.reason {
            OriginReason::AgencyOwnPage => "agency_own_page",
            OriginReason::CreditedAgency => "credited_agency",
            OriginReason::Earliest => "earliest",
        },
        "members": story.members.iter().map(|m| {
            let mut v = article_json(m);
            v["credit"] = json!(m.credit);
            v["original"] = json!(m.id == story.original);
            v
        }).collect::<Vec<_>>(),
    })
}

fn story_text(v: &Value) -> String {
    let reason = match v["original_reason"].as_str() {
        Some("agency_own_page") => "the agency's own page",
        Some("credited_agency") => "the earliest copy crediting the agency",
        _ => "the earliest page",
    };
    let mut out = format!(
        "story {}: {} documents, agency {}, original: document {} ({reason})",
        v["story"],
        v["size"],
        v["agency"].as_str().unwrap_or("none credited"),
        v["original"],
    );
    for m in v["members"].as_array().into_iter().flatten() {
        out.push_str(&format!(
            "\n  {} {:>7}  {:<25}  {:<25}  {}{}",
            if m["original"] == true { "*" } else { " " },
            m["id"],
            m["published"].as_str().unwrap_or("date unknown"),
            m["outlet"].as_str().unwrap_or("outlet unknown"),
            m["title"].as_str().or(m["name"].as_str()).unwrap_or("?"),
            m["credit"]
                .as_str()
                .map(|c| format!("  (credits {c})"))
                .unwrap_or_default(),
        ));
    }
    out
}

pub(crate) fn story(args: StoryArgs) -> Result<ExitCode> {
    let mut store = open(&args.store.db)?;
    let name = store.name().to_string();
    let items: Vec<Value> = if let Some(path) = &args.like {
        let text = first_article_text(path)?;
        let copies = store
            .copies_of(&text)
            .with_context(|| format!("{name}: look up the copies of {}", path.display()))?;
        let mut items = Vec::with_capacity(copies.len());
        for copy in copies {
            let story = store
                .story(copy.document)
                .with_context(|| format!("{name}: story of document {}", copy.document))?;
            let article = story
                .as_ref()
                .and_then(|s| s.members.iter().find(|m| m.id == copy.document));
            let mut v = article
                .map(article_json)
                .unwrap_or_else(|| json!({"id": copy.document.0}));
            v["story"] = json!(copy.story_id);
            v["jaccard"] = json!((copy.jaccard * 1000.0).round() / 1000.0);
            v["containment"] = json!((copy.containment * 1000.0).round() / 1000.0);
            items.push(v);
        }
        return print(items, output_format(args.format), |v| {
            format!(
                "{:>7}  story {:>7}  jaccard {:.2}  containment {:.2}  {}  {}  {}",
                v["id"],
                v["story"],
                v["jaccard"].as_f64().unwrap_or(0.0),
                v["containment"].as_f64().unwrap_or(0.0),
                v["published"].as_str().unwrap_or("date unknown"),
                v["outlet"].as_str().unwrap_or("outlet unknown"),
                v["title"].as_str().or(v["name"].as_str()).unwrap_or("?"),
            )
        });
    } else if let Some(id) = args.id {
        store
            .story(DocumentId(id))
            .with_context(|| format!("{name}: story of document {id}"))?
            .iter()
            .map(story_json)
            .collect()
    } else {
        store
            .stories(args.min_size, args.limit)
            .with_context(|| format!("{name}: list the stories"))?
            .iter()
            .map(story_json)
            .collect()
    };
    print(items, output_format(args.format), story_text)
}

fn node_json(node: &ProvenanceNode) -> Value {
    let (kind, party) = match node.kind {
        NodeKind::Party(kind) => ("party", Some(kind)),
        NodeKind::Wire => ("wire", None),
        NodeKind::Page => ("page", None),
    };
    let mut v = json!({
        "node": kind,
        "name": node.name,
        "first_seen": node.first_seen,
        "statements": node.statements,
    });
    if let Some(kind) = party {
        v["kind"] = json!(kind);
    }
    if let Some(article) = &node.article {
        v["article"] = article_json(article);
    }
    if !node.children.is_empty() {
        v["children"] = Value::Array(node.children.iter().map(node_json).collect());
    }
    v
}

/// A claim trace as JSON: its summary, its provenance tree and its statements.
pub(crate) fn trace_json(trace: &ClaimTrace) -> Value {
    let earliest = trace.earliest();
    json!({
        "claim": trace.claim,
        "content": earliest.map(|s| s.content.as_str()),
        "first_seen": earliest.and_then(|s| s.article.published.as_deref()),
        "first_outlet": earliest.and_then(|s| s.article.outlet.as_deref()),
        "named_source": trace.named_source(),
        "outlets": trace.outlets(),
        "stories": trace.stories.iter().map(story_json).collect::<Vec<_>>(),
        "tree": trace.tree().iter().map(node_json).collect::<Vec<_>>(),
        "statements": trace.statements.iter().map(statement_json).collect::<Vec<_>>(),
    })
}

fn node_line(v: &Value) -> String {
    let name = v["name"].as_str().unwrap_or("(unnamed)");
    let date = v["first_seen"].as_str().unwrap_or("date unknown");
    match v["node"].as_str() {
        Some("page") => {
            let a = &v["article"];
            format!(
                "{}  {date}  {}  (document {})",
                a["outlet"].as_str().unwrap_or("outlet unknown"),
                a["title"].as_str().or(a["name"].as_str()).unwrap_or("?"),
                a["id"]
            )
        }
        Some("wire") => format!("{name} [wire story]  {date}"),
        _ => format!("{name} [{}]  {date}", v["kind"].as_str().unwrap_or("?")),
    }
}

fn tree_lines(nodes: &[Value], prefix: &str, out: &mut String) {
    for (i, node) in nodes.iter().enumerate() {
        let last = i + 1 == nodes.len();
        out.push('\n');
        out.push_str(prefix);
        out.push_str(if last { "└── " } else { "├── " });
        out.push_str(&node_line(node));
        if let Some(children) = node["children"].as_array() {
            let deeper = format!("{prefix}{}", if last { "    " } else { "│   " });
            tree_lines(children, &deeper, out);
        }
    }
}

fn trace_text(v: &Value) -> String {
    let content: String = v["content"]
        .as_str()
        .unwrap_or("")
        .chars()
        .take(160)
        .collect();
    let outlets = v["outlets"].as_array().map_or(0, Vec::len);
    let statements = v["statements"].as_array().map_or(0, Vec::len);
    let mut out = format!(
        "claim {}: “{content}”\n  {statements} statement{}, {outlets} outlet{}, {}; first seen {} ({})",
        v["claim"],
        if statements == 1 { "" } else { "s" },
        if outlets == 1 { "" } else { "s" },
        if v["named_source"] == true {
            "a named source stands behind it"
        } else {
            "no named source stands behind it"
        },
        v["first_seen"].as_str().unwrap_or("date unknown"),
        v["first_outlet"].as_str().unwrap_or("outlet unknown"),
    );
    if let Some(tree) = v["tree"].as_array() {
        tree_lines(tree, "", &mut out);
    }
    out.push('\n');
    out
}

pub(crate) fn trace(args: TraceArgs) -> Result<ExitCode> {
    let mut store = open(&args.store.db)?;
    let found = store
        .trace(&args.query, args.limit)
        .with_context(|| format!("{}: trace {:?}", store.name(), args.query))?;
    let items: Vec<Value> = found.iter().map(trace_json).collect();
    print(items, output_format(args.format), trace_text)
}
