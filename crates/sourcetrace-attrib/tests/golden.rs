//! Golden tests: every case in `testdata/attribution/*.toml` through the rule extractor.

use serde::Deserialize;
use sourcetrace_attrib::{analyze, RuleExtractor};
use sourcetrace_core::{CharOffsets, SourceKind};
use std::path::PathBuf;

#[derive(Debug, Deserialize)]
struct File {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    name: String,
    text: String,
    count: Option<usize>,
    #[serde(default)]
    expect: Vec<Expect>,
}

#[derive(Debug, Deserialize)]
struct Expect {
    cue: String,
    source: Option<String>,
    name: Option<String>,
    kind: Option<String>,
    content: Option<String>,
    direct: Option<bool>,
    chain: Option<Vec<String>>,
}

fn testdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/attribution")
}

/// Trim quotation marks, spaces and final punctuation at both ends.
fn trimmed(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || "“”\"‘’'.,;:".contains(c))
}

fn run_case(case: &Case) -> Result<(), String> {
    let doc = analyze(&RuleExtractor::new(), "case", &case.text);
    let text = &doc.text;
    // Every span must slice back to its text in characters too (brat/Python offsets).
    let json = doc.to_json();
    let chars: Vec<char> = text.chars().collect();
    let map = CharOffsets::new(text);
    for a in &json.attributions {
        let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
        if slice(a.cue.start, a.cue.end) != a.cue.text
            || slice(a.content.start, a.content.end) != a.content.text
        {
            return Err(format!("offsets do not slice back to the text: {a:?}"));
        }
        if map.byte_of(a.cue.start).is_none() {
            return Err("cue offset outside the text".into());
        }
    }
    let found: Vec<String> = doc
        .attributions
        .iter()
        .map(|a| {
            format!(
                "{} | {:?} | {}",
                a.cue.slice(text),
                a.source.as_ref().map(|s| s.span.slice(text)),
                a.content.span.slice(text)
            )
        })
        .collect();
    if let Some(n) = case.count {
        if doc.attributions.len() != n {
            return Err(format!("expected {n} attributions, found {found:#?}"));
        }
    }
    let mut from = 0;
    for e in &case.expect {
        let Some(pos) = doc.attributions[from..]
            .iter()
            .position(|a| a.cue.slice(text) == e.cue)
        else {
            return Err(format!("no cue {:?} in {found:#?}", e.cue));
        };
        let a = &doc.attributions[from + pos];
        from += pos + 1;
        let source_text = a.source.as_ref().map(|s| s.span.slice(text).to_string());
        // An omitted source is checked only for unattributed statements (which have none).
        let check_source = e.source.is_some() || e.kind.as_deref() == Some("unattributed");
        if check_source && source_text != e.source {
            return Err(format!(
                "cue {:?}: source {source_text:?}, expected {:?}",
                e.cue, e.source
            ));
        }
        if let Some(name) = &e.name {
            let got = a.source.as_ref().map(|s| s.name.as_str());
            if got != Some(name.as_str()) {
                return Err(format!("cue {:?}: name {got:?}, expected {name:?}", e.cue));
            }
        }
        if let Some(kind) = &e.kind {
            let got = a
                .source
                .as_ref()
                .map_or(SourceKind::Unattributed, |s| s.kind);
            if got.as_str() != kind {
                return Err(format!("cue {:?}: kind {got}, expected {kind}", e.cue));
            }
        }
        let content = a.content.span.slice(text);
        if let Some(expected) = &e.content {
            if trimmed(content) != trimmed(expected) {
                return Err(format!(
                    "cue {:?}: content {content:?}, expected {expected:?}",
                    e.cue
                ));
            }
        }
        if let Some(direct) = e.direct {
            if a.content.direct != direct {
                return Err(format!(
                    "cue {:?}: direct {}, expected {direct}",
                    e.cue, a.content.direct
                ));
            }
        }
        if let Some(chain) = &e.chain {
            let got: Vec<String> = a
                .chain
                .iter()
                .map(|l| l.name.clone().unwrap_or_default())
                .collect();
            if &got != chain {
                return Err(format!(
                    "cue {:?}: chain {got:?}, expected {chain:?}",
                    e.cue
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn golden_attribution_cases() {
    let mut failures = Vec::new();
    let mut total = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(testdata())
        .expect("testdata/attribution exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden files found");
    for path in files {
        let raw = std::fs::read_to_string(&path).expect("readable golden file");
        let file: File = toml::from_str(&raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for case in &file.case {
            total += 1;
            if let Err(msg) = run_case(case) {
                failures.push(format!("{} / {}: {msg}", path.display(), case.name));
            }
        }
    }
    assert!(total >= 25, "only {total} golden cases");
    assert!(
        failures.is_empty(),
        "{} of {total} cases failed:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
