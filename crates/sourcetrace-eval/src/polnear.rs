//! PolNeAR: brat gold attributions and the reference scoring.
//!
//! This is a faithful port of `polnear_score.py` (the project's reference
//! scorer): the same gold reading (first annotator alphabetically, `Content2`
//! merged into content, events with neither cue nor content dropped), the
//! same trimming of punctuation and quote marks before exact matching, the
//! same greedy one-to-one matching, and the same metric names. Offsets are
//! character (Unicode scalar) offsets, as in brat.
//!
//! Extraction must never see the gold: read the texts with [`read_texts`],
//! predict, and only then load the gold with [`load_gold`] to score.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A character span `[start, end)`.
pub type CharSpan = (usize, usize);

/// Errors reading a PolNeAR folder.
#[derive(Debug, Error)]
pub enum PolnearError {
    /// The folder does not look like PolNeAR.
    #[error("{path}: not a PolNeAR folder (expected <dir>/<split>/text and <dir>/<split>/attributions, or a split folder)")]
    Layout {
        /// The folder given.
        path: PathBuf,
    },
    /// A file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A prediction file is not valid JSON of the expected shape.
    #[error("{path}: invalid prediction JSON: {source}")]
    Predictions {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
}

/// One attribution as spans (gold or predicted), in character offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SpanTriple {
    /// Source extent, `None` when absent.
    pub source: Option<CharSpan>,
    /// Cue extent.
    pub cue: Option<CharSpan>,
    /// Content extent.
    pub content: Option<CharSpan>,
}

/// An article's text.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file name without `.txt`.
    pub id: String,
    /// The text.
    pub text: String,
}

/// The gold attributions of a split.
#[derive(Debug, Clone, Default)]
pub struct Gold {
    /// Gold attributions per document id.
    pub docs: BTreeMap<String, Vec<SpanTriple>>,
    /// Documents that have several annotators' files.
    pub multi_annotated: usize,
    /// Events dropped for having neither cue nor content.
    pub dropped_events: usize,
}

/// Resolve the split folder: `<dir>/data/<split>`, `<dir>/<split>`, or `<dir>` itself.
pub fn split_dir(dir: &Path, split: &str) -> Result<PathBuf, PolnearError> {
    for candidate in [
        dir.join("data").join(split),
        dir.join(split),
        dir.to_path_buf(),
    ] {
        if candidate.join("text").is_dir() {
            return Ok(candidate);
        }
    }
    Err(PolnearError::Layout {
        path: dir.to_path_buf(),
    })
}

fn read(path: &Path) -> Result<String, PolnearError> {
    fs::read_to_string(path).map_err(|source| PolnearError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, PolnearError> {
    let entries = fs::read_dir(dir).map_err(|source| PolnearError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    Ok(out)
}

/// One token of the silver CoreNLP annotation: character span and POS tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SilverToken {
    /// Character span of the token in the article text.
    pub span: CharSpan,
    /// Penn Treebank POS tag as CoreNLP gave it (machine output, not gold).
    pub pos: String,
}

/// Read the silver CoreNLP tokens of article `id` from
/// `<dir>/corenlp/<split>/<id>.tokens.tsv` (`dir` is the PolNeAR folder);
/// `None` when the article has no such file (four articles lack one).
pub fn read_silver_tokens(
    dir: &Path,
    split: &str,
    id: &str,
) -> Result<Option<Vec<SilverToken>>, PolnearError> {
    let path = dir
        .join("corenlp")
        .join(split)
        .join(format!("{id}.tokens.tsv"));
    if !path.is_file() {
        return Ok(None);
    }
    let text = read(&path)?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 7 {
            continue;
        }
        if let (Ok(start), Ok(end)) = (cols[2].parse(), cols[3].parse()) {
            out.push(SilverToken {
                span: (start, end),
                pos: cols[6].to_string(),
            });
        }
    }
    Ok(Some(out))
}

/// Read every `text/*.txt` of a split folder, sorted by id.
pub fn read_texts(split: &Path) -> Result<Vec<Article>, PolnearError> {
    list(&split.join("text"), "txt")?
        .into_iter()
        .map(|p| {
            let id = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(Article {
                id,
                text: read(&p)?,
            })
        })
        .collect()
}

/// Read the gold attributions of a split folder.
pub fn load_gold(split: &Path) -> Result<Gold, PolnearError> {
    let mut by_doc: BTreeMap<String, Vec<(String, PathBuf)>> = BTreeMap::new();
    for p in list(&split.join("attributions"), "ann")? {
        let name = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (doc, annotator) = name.rsplit_once('_').unwrap_or((&name, ""));
        by_doc
            .entry(doc.to_string())
            .or_default()
            .push((annotator.to_string(), p.clone()));
    }
    let mut gold = Gold::default();
    for (doc, mut files) in by_doc {
        files.sort();
        if files.len() > 1 {
            gold.multi_annotated += 1;
        }
        let (atts, dropped) = parse_ann(&read(&files[0].1)?);
        gold.dropped_events += dropped;
        gold.docs.insert(doc, atts);
    }
    Ok(gold)
}

/// The gold attributions of one document, from its alphabetically first annotator.
pub fn first_annotation(split: &Path, doc: &str) -> Result<Vec<SpanTriple>, PolnearError> {
    let prefix = format!("{doc}_");
    let mut files: Vec<PathBuf> = list(&split.join("attributions"), "ann")?
        .into_iter()
        .filter(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.strip_prefix(&prefix))
                .is_some_and(|annotator| !annotator.contains('_'))
        })
        .collect();
    files.sort();
    match files.first() {
        Some(path) => Ok(parse_ann(&read(path)?).0),
        None => Ok(Vec::new()),
    }
}

/// Parse a brat `.ann` file into attributions; returns them and the number dropped.
pub fn parse_ann(ann: &str) -> (Vec<SpanTriple>, usize) {
    let mut spans: BTreeMap<&str, Vec<CharSpan>> = BTreeMap::new();
    let mut events: Vec<BTreeMap<String, Vec<&str>>> = Vec::new();
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 2 {
            continue;
        }
        let id = cols[0];
        if id.starts_with('T') {
            let Some((_, spec)) = cols[1].split_once(' ') else {
                continue;
            };
            let frags: Option<Vec<CharSpan>> = spec
                .split(';')
                .map(|part| {
                    let mut it = part.split_whitespace();
                    let a = it.next()?.parse().ok()?;
                    let b = it.next()?.parse().ok()?;
                    it.next().is_none().then_some((a, b))
                })
                .collect();
            if let Some(f) = frags {
                spans.insert(id, f);
            }
        } else if id.starts_with('E') {
            let mut roles: BTreeMap<String, Vec<&str>> = BTreeMap::new();
            for arg in cols[1].split_whitespace().skip(1) {
                if let Some((role, t)) = arg.split_once(':') {
                    let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
                    roles.entry(role.to_string()).or_default().push(t);
                }
            }
            events.push(roles);
        }
    }
    let mut out = Vec::new();
    let mut dropped = 0;
    for roles in events {
        let extent = |name: &str| -> Option<CharSpan> {
            let frags: Vec<CharSpan> = roles
                .get(name)
                .into_iter()
                .flatten()
                .filter_map(|t| spans.get(t))
                .flatten()
                .copied()
                .collect();
            let start = frags.iter().map(|f| f.0).min()?;
            let end = frags.iter().map(|f| f.1).max()?;
            Some((start, end))
        };
        let att = SpanTriple {
            source: extent("Source"),
            cue: extent("Cue"),
            content: extent("Content"),
        };
        if att.cue.is_none() && att.content.is_none() {
            dropped += 1;
            continue;
        }
        out.push(att);
    }
    (out, dropped)
}

/// Predictions per document id, in the reference scorer's JSON format.
pub type Predictions = BTreeMap<String, Vec<SpanTriple>>;

#[derive(Serialize, Deserialize)]
struct PredJson {
    source: Option<[usize; 2]>,
    cue: Option<[usize; 2]>,
    content: Option<[usize; 2]>,
}

/// Write predictions as `{"<doc>": [{"source": [s, e] | null, "cue": [s, e], "content": [s, e]}]}`.
pub fn predictions_to_json(pred: &Predictions) -> serde_json::Value {
    let conv = |s: Option<CharSpan>| s.map(|(a, b)| [a, b]);
    let map: BTreeMap<&String, Vec<PredJson>> = pred
        .iter()
        .map(|(k, v)| {
            (
                k,
                v.iter()
                    .map(|a| PredJson {
                        source: conv(a.source),
                        cue: conv(a.cue),
                        content: conv(a.content),
                    })
                    .collect(),
            )
        })
        .collect();
    serde_json::to_value(map).unwrap_or(serde_json::Value::Null)
}

/// Read predictions written by [`predictions_to_json`] (or by any tool using that format).
pub fn read_predictions(path: &Path) -> Result<Predictions, PolnearError> {
    let raw = read(path)?;
    let map: BTreeMap<String, Vec<PredJson>> =
        serde_json::from_str(&raw).map_err(|source| PolnearError::Predictions {
            path: path.to_path_buf(),
            source,
        })?;
    let conv = |s: Option<[usize; 2]>| s.map(|[a, b]| (a, b));
    Ok(map
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                v.into_iter()
                    .map(|p| SpanTriple {
                        source: conv(p.source),
                        cue: conv(p.cue),
                        content: conv(p.content),
                    })
                    .collect(),
            )
        })
        .collect())
}

/// Counts behind one metric: true positives and totals on both sides.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predictions that matched.
    pub tp_pred: usize,
    /// All predictions.
    pub n_pred: usize,
    /// Gold items that matched.
    pub tp_gold: usize,
    /// All gold items.
    pub n_gold: usize,
}

impl Counts {
    fn add(&mut self, tp_pred: usize, n_pred: usize, tp_gold: usize, n_gold: usize) {
        self.tp_pred += tp_pred;
        self.n_pred += n_pred;
        self.tp_gold += tp_gold;
        self.n_gold += n_gold;
    }

    /// Precision, recall and F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.tp_pred, self.n_pred);
        let r = ratio(self.tp_gold, self.n_gold);
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (p, r, f)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// All metrics, keyed as the reference scorer names them (`role/cue/exact`, …).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scores {
    /// Metric name to counts, in the reference scorer's print order.
    pub metrics: Vec<(String, Counts)>,
    /// Gold documents that had no prediction entry.
    pub missing_docs: usize,
    /// Number of gold documents scored.
    pub docs: usize,
    /// Number of gold attributions.
    pub gold_attributions: usize,
    /// Gold attributions without a source.
    pub gold_without_source: usize,
}

impl Scores {
    /// The counts of a metric by name.
    pub fn get(&self, name: &str) -> Option<Counts> {
        self.metrics
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| *c)
    }

    /// F1 of a metric by name (0 when unknown).
    pub fn f1(&self, name: &str) -> f64 {
        self.get(name).map_or(0.0, |c| c.prf().2)
    }

    /// The table the reference scorer prints (without its header line).
    pub fn table(&self) -> String {
        let mut out = format!(
            "{:44} {:>6} {:>6} {:>6}   counts\n",
            "metric", "P", "R", "F1"
        );
        for (name, c) in &self.metrics {
            if name.starts_with("link/") {
                out.push_str(&format!(
                    "{name:44} acc={:.3}   {}/{}\n",
                    ratio(c.tp_pred, c.n_pred),
                    c.tp_pred,
                    c.n_pred
                ));
            } else {
                let (p, r, f) = c.prf();
                out.push_str(&format!(
                    "{name:44} {p:6.3} {r:6.3} {f:6.3}   pred {}/{} gold {}/{}\n",
                    c.tp_pred, c.n_pred, c.tp_gold, c.n_gold
                ));
            }
        }
        out
    }

    /// Metrics as `{name: {p, r, f1}}` (or `{acc}` for linking), as the reference `--json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (name, c) in &self.metrics {
            let v = if name.starts_with("link/") {
                serde_json::json!({ "acc": ratio(c.tp_pred, c.n_pred) })
            } else {
                let (p, r, f) = c.prf();
                serde_json::json!({ "p": p, "r": r, "f1": f })
            };
            map.insert(name.clone(), v);
        }
        serde_json::Value::Object(map)
    }
}

const TRIM_CHARS: &str = " \t\r\n\u{a0}\"'“”‘’«»„‚`.,;:!?()[]{}—–-…";

fn trim(span: Option<CharSpan>, chars: &[char], strict: bool) -> Option<CharSpan> {
    let (a, b) = span?;
    let (a, b) = (a, b.min(chars.len()));
    if b <= a {
        return None;
    }
    if strict {
        return Some((a, b));
    }
    let (mut x, mut y) = (a, b);
    while x < y && TRIM_CHARS.contains(chars[x]) {
        x += 1;
    }
    while y > x && TRIM_CHARS.contains(chars[y - 1]) {
        y -= 1;
    }
    Some(if y > x { (x, y) } else { (a, b) })
}

fn ov(x: Option<CharSpan>, y: Option<CharSpan>) -> usize {
    match (x, y) {
        (Some(x), Some(y)) => x.1.min(y.1).saturating_sub(x.0.max(y.0)),
        _ => 0,
    }
}

fn same(x: Option<CharSpan>, y: Option<CharSpan>, exact: bool) -> bool {
    if exact {
        x == y
    } else {
        ov(x, y) > 0
    }
}

/// One-to-one greedy matching by descending score (ties by index), as the reference does.
fn greedy_pairs<P, G>(
    preds: &[P],
    golds: &[G],
    score: impl Fn(&P, &G) -> usize,
) -> Vec<(usize, usize)> {
    let mut cand = Vec::new();
    for (i, p) in preds.iter().enumerate() {
        for (j, g) in golds.iter().enumerate() {
            let s = score(p, g);
            if s > 0 {
                cand.push((s, i, j));
            }
        }
    }
    cand.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g, mut pairs) = (HashSet::new(), HashSet::new(), Vec::new());
    for (_, i, j) in cand {
        if used_p.contains(&i) || used_g.contains(&j) {
            continue;
        }
        used_p.insert(i);
        used_g.insert(j);
        pairs.push((i, j));
    }
    pairs
}

type Role = fn(&SpanTriple) -> Option<CharSpan>;
const ROLES: [(&str, Role); 3] = [
    ("content", |a| a.content),
    ("cue", |a| a.cue),
    ("source", |a| a.source),
];

/// Score predictions against gold, given each document's text (for trimming).
pub fn score(
    gold: &Gold,
    texts: &BTreeMap<String, String>,
    pred: &Predictions,
    strict: bool,
) -> Scores {
    let mut res: BTreeMap<(usize, String, usize), Counts> = BTreeMap::new();
    let mut bump = |cat: usize, name: &str, mode: usize, tp_p, n_p, tp_g, n_g| {
        res.entry((cat, name.to_string(), mode))
            .or_default()
            .add(tp_p, n_p, tp_g, n_g);
    };
    let empty = Vec::new();
    let mut scores = Scores::default();
    for (doc, g_atts) in &gold.docs {
        scores.docs += 1;
        scores.gold_attributions += g_atts.len();
        scores.gold_without_source += g_atts.iter().filter(|a| a.source.is_none()).count();
        let chars: Vec<char> = texts
            .get(doc)
            .map_or_else(Vec::new, |t| t.chars().collect());
        let p_atts = pred.get(doc).unwrap_or_else(|| {
            scores.missing_docs += 1;
            &empty
        });
        let tr = |a: &SpanTriple| SpanTriple {
            source: trim(a.source, &chars, strict),
            cue: trim(a.cue, &chars, strict),
            content: trim(a.content, &chars, strict),
        };
        let g: Vec<SpanTriple> = g_atts.iter().map(tr).collect();
        let p: Vec<SpanTriple> = p_atts.iter().map(tr).collect();

        for (name, get) in ROLES {
            let gs: BTreeSet<CharSpan> = g.iter().filter_map(get).collect();
            let ps: BTreeSet<CharSpan> = p.iter().filter_map(get).collect();
            let tp = gs.intersection(&ps).count();
            bump(0, name, 0, tp, ps.len(), tp, gs.len());
            let gv: Vec<CharSpan> = gs.iter().copied().collect();
            let pv: Vec<CharSpan> = ps.iter().copied().collect();
            let tp = greedy_pairs(&pv, &gv, |a, b| ov(Some(*a), Some(*b))).len();
            bump(0, name, 1, tp, ps.len(), tp, gs.len());
            let chars_of = |set: &BTreeSet<CharSpan>| -> HashSet<usize> {
                set.iter().flat_map(|&(a, b)| a..b).collect()
            };
            let (gch, pch) = (chars_of(&gs), chars_of(&ps));
            let inter = gch.intersection(&pch).count();
            bump(0, name, 2, inter, pch.len(), inter, gch.len());
        }

        for (name, get) in ROLES {
            let hit = |a: &SpanTriple, b: &SpanTriple| {
                if name == "cue" {
                    a.cue == b.cue
                } else {
                    ov(a.cue, b.cue) > 0 && get(a) == get(b)
                }
            };
            let tp_p = p.iter().filter(|x| g.iter().any(|y| hit(x, y))).count();
            let tp_g = g.iter().filter(|y| p.iter().any(|x| hit(x, y))).count();
            bump(1, name, 0, tp_p, p.len(), tp_g, g.len());
        }

        for (mode, exact) in [(0, true), (1, false)] {
            let att_score = |a: &SpanTriple, b: &SpanTriple, with_source: bool| -> usize {
                if !same(a.cue, b.cue, exact) || !same(a.content, b.content, exact) {
                    return 0;
                }
                if with_source {
                    if a.source.is_none() != b.source.is_none() {
                        return 0;
                    }
                    if a.source.is_some() && !same(a.source, b.source, exact) {
                        return 0;
                    }
                }
                1 + ov(a.cue, b.cue) + ov(a.content, b.content) + ov(a.source, b.source)
            };
            let full = greedy_pairs(&p, &g, |a, b| att_score(a, b, true)).len();
            bump(2, "full", mode, full, p.len(), full, g.len());
            let cc = greedy_pairs(&p, &g, |a, b| att_score(a, b, false));
            bump(2, "cue+content", mode, cc.len(), p.len(), cc.len(), g.len());
            let ok = cc
                .iter()
                .filter(|&&(i, j)| match (p[i].source, g[j].source) {
                    (None, None) => true,
                    (Some(_), Some(_)) => same(p[i].source, g[j].source, exact),
                    _ => false,
                })
                .count();
            bump(3, "source|cue+content", mode, ok, cc.len(), 0, 0);
        }
    }
    let cats = ["role", "citron", "attr", "link"];
    let modes = ["exact", "overlap", "prop"];
    scores.metrics = res
        .into_iter()
        .map(|((cat, name, mode), c)| (format!("{}/{}/{}", cats[cat], name, modes[mode]), c))
        .collect();
    scores
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANN: &str = "T1\tSource 0 3\tBob\nT2\tCue 4 8\tsaid\nT3\tContent 9 14\thello\nT4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tCue 16 27\treportedly\nT6\tContent 28 31;33 35\tfoo bar\nE2\tAttribution-no-source:T5 Cue:T5 Content:T6\nE3\tAttribution:T9\n";

    #[test]
    fn parses_events_and_discontinuous_spans() {
        let (atts, dropped) = parse_ann(ANN);
        assert_eq!(dropped, 1);
        assert_eq!(atts.len(), 2);
        assert_eq!(atts[0].source, Some((0, 3)));
        assert_eq!(atts[1].source, None);
        assert_eq!(atts[1].content, Some((28, 35)));
    }

    #[test]
    fn trimming_and_matching() {
        let text = "Bob said “hello.”";
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(trim(Some((9, 17)), &chars, false), Some((10, 15)));
        let mut gold = Gold::default();
        gold.docs.insert(
            "d".into(),
            vec![SpanTriple {
                source: Some((0, 3)),
                cue: Some((4, 8)),
                content: Some((10, 15)),
            }],
        );
        let texts = BTreeMap::from([("d".to_string(), text.to_string())]);
        let pred = BTreeMap::from([(
            "d".to_string(),
            vec![SpanTriple {
                source: Some((0, 4)),
                cue: Some((4, 8)),
                content: Some((9, 17)),
            }],
        )]);
        let s = score(&gold, &texts, &pred, false);
        assert_eq!(s.f1("role/content/exact"), 1.0);
        assert_eq!(s.f1("role/source/exact"), 1.0); // trailing space trimmed
        assert_eq!(s.f1("attr/full/exact"), 1.0);
        let strict = score(&gold, &texts, &pred, true);
        assert_eq!(strict.f1("role/content/exact"), 0.0);
        assert_eq!(strict.f1("role/content/overlap"), 1.0);
    }
}
