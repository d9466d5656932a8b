//! `sourcetrace export`: the provenance graph of a claim, a query, an entity
//! or the whole store, as JSON, CSV, GraphML or DOT.

use crate::cli::{ExportArgs, GraphFormat};
use crate::query::open;
use anyhow::{Context, Result};
use sourcetrace_store::{ProvenanceGraph, Store};
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

/// Claims read per page when exporting the whole store.
const PAGE: usize = 500;

pub(crate) fn run(args: ExportArgs) -> Result<ExitCode> {
    let mut store = open(&args.store.db)?;
    let name = store.name().to_string();
    let graph = gather(&mut store, &args).with_context(|| format!("{name}: export"))?;
    if graph.nodes.is_empty() {
        eprintln!("export: no claim in scope in {name}");
    }
    match (args.to, &args.out) {
        (GraphFormat::Csv, Some(dir)) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            write_to(&dir.join("nodes.csv"), |w| nodes_csv(&graph, w))?;
            write_to(&dir.join("edges.csv"), |w| edges_csv(&graph, w))?;
        }
        (format, Some(path)) => write_to(path, |w| write_graph(&graph, format, w))?,
        (format, None) => {
            let mut out = BufWriter::new(io::stdout().lock());
            write_graph(&graph, format, &mut out)?;
            out.flush()?;
        }
    }
    eprintln!(
        "export: {} nodes, {} edges",
        graph.nodes.len(),
        graph.edges.len()
    );
    Ok(if graph.nodes.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn gather(store: &mut Store, args: &ExportArgs) -> Result<ProvenanceGraph> {
    let mut graph = ProvenanceGraph::new();
    if let Some(claim) = args.claim {
        if let Some(trace) = store.claim(claim)? {
            graph.add(&trace);
        }
    } else if let Some(query) = &args.query {
        for trace in store.trace(query, args.limit)? {
            graph.add(&trace);
        }
    } else if let Some(entity) = &args.entity {
        let mut claims: Vec<i64> = store
            .timeline(entity)?
            .iter()
            .flat_map(|e| e.statements.iter().map(|s| s.claim_id.unwrap_or(s.id)))
            .collect();
        claims.sort_unstable();
        claims.dedup();
        for claim in claims {
            if let Some(trace) = store.claim(claim)? {
                graph.add(&trace);
            }
        }
    } else {
        let mut after = i64::MIN;
        loop {
            let page = store.claim_ids(after, PAGE)?;
            let Some(&last) = page.last() else { break };
            for claim in page {
                if let Some(trace) = store.claim(claim)? {
                    graph.add(&trace);
                }
            }
            after = last;
        }
    }
    Ok(graph)
}

fn write_to(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut out = BufWriter::new(file);
    write(&mut out).with_context(|| format!("cannot write {}", path.display()))?;
    out.flush()
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn write_graph(graph: &ProvenanceGraph, format: GraphFormat, out: &mut dyn Write) -> Result<()> {
    match format {
        GraphFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, graph)?;
            writeln!(out)?;
        }
        GraphFormat::Csv => edges_csv(graph, out)?,
        GraphFormat::Graphml => graphml(graph, out)?,
        GraphFormat::Dot => dot(graph, out)?,
    }
    Ok(())
}

fn nodes_csv(graph: &ProvenanceGraph, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["Id", "Label", "kind"])?;
    for n in &graph.nodes {
        w.write_record([&n.id, &n.label, &n.kind])?;
    }
    w.flush()?;
    Ok(())
}

fn edges_csv(graph: &ProvenanceGraph, out: &mut dyn Write) -> Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Source",
        "Target",
        "relation",
        "Weight",
        "claims",
        "first_seen",
    ])?;
    for e in &graph.edges {
        w.write_record([
            e.source.as_str(),
            e.target.as_str(),
            e.relation.as_str(),
            &e.statements.to_string(),
            &e.claims.to_string(),
            e.first_seen.as_deref().unwrap_or(""),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Text escaped for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot carry at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn graphml(graph: &ProvenanceGraph, out: &mut dyn Write) -> Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, target, name, kind) in [
        ("label", "node", "label", "string"),
        ("kind", "node", "kind", "string"),
        ("relation", "edge", "relation", "string"),
        ("weight", "edge", "weight", "int"),
        ("claims", "edge", "claims", "int"),
        ("first_seen", "edge", "first_seen", "string"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{target}" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="provenance" edgedefault="directed">"#)?;
    for n in &graph.nodes {
        writeln!(
            out,
            r#"    <node id="{}"><data key="label">{}</data><data key="kind">{}</data></node>"#,
            xml(&n.id),
            xml(&n.label),
            xml(&n.kind)
        )?;
    }
    for (i, e) in graph.edges.iter().enumerate() {
        write!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}"><data key="relation">{}</data><data key="weight">{}</data><data key="claims">{}</data>"#,
            xml(&e.source),
            xml(&e.target),
            xml(&e.relation),
            e.statements,
            e.claims
        )?;
        if let Some(first) = &e.first_seen {
            write!(out, r#"<data key="first_seen">{}</data>"#, xml(first))?;
        }
        writeln!(out, "</edge>")?;
    }
    writeln!(out, "  </graph>\n</graphml>")?;
    Ok(())
}

/// A DOT quoted string.
fn dot_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot(graph: &ProvenanceGraph, out: &mut dyn Write) -> Result<()> {
    writeln!(out, "digraph provenance {{\n  rankdir=LR;")?;
    for n in &graph.nodes {
        let shape = match n.kind.as_str() {
            "outlet" => "box",
            "anonymous" | "unattributed" => "diamond",
            _ => "ellipse",
        };
        writeln!(
            out,
            "  {} [label={}, shape={shape}, kind={}];",
            dot_string(&n.id),
            dot_string(&n.label),
            dot_string(&n.kind)
        )?;
    }
    for e in &graph.edges {
        writeln!(
            out,
            "  {} -> {} [label={}, weight={}, claims={}, first_seen={}];",
            dot_string(&e.source),
            dot_string(&e.target),
            dot_string(&format!("{} ×{}", e.relation, e.statements)),
            e.statements,
            e.claims,
            dot_string(e.first_seen.as_deref().unwrap_or(""))
        )?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_and_dot_strings_are_escaped() {
        assert_eq!(xml("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot; ");
        assert_eq!(dot_string("say \"hi\"\\"), "\"say \\\"hi\\\"\\\\\"");
    }

    #[test]
    fn an_empty_graph_is_still_a_valid_document() {
        let graph = ProvenanceGraph::new();
        let mut out = Vec::new();
        graphml(&graph, &mut out).expect("write");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(text.contains("<graph id=\"provenance\""));
        assert!(text.trim_end().ends_with("</graphml>"));
        let mut out = Vec::new();
        dot(&graph, &mut out).expect("write");
        assert!(String::from_utf8(out)
            .expect("utf-8")
            .starts_with("digraph"));
    }
}
