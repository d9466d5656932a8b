//! Article-body extraction on the Article Extraction Benchmark layout.
//!
//! A corpus folder holds `html/<id>.html.gz` (or `html/<id>.html`) and,
//! optionally, `ground-truth.json` (`{"<id>": {"articleBody": "…"}}`).
//! [`score`] computes the benchmark's metric exactly as the reference
//! `aeb_score.py` does:
//!
//! - tokens are the runs of Python `re` `\w` characters: Unicode letters
//!   (`L*`) and numbers (`N*`) and the underscore; combining marks (`Mn`,
//!   `Mc`) are *not* word characters there, so "हिन्दी" is three tokens;
//! - each text becomes the multiset of its 4-token shingles (a text of fewer
//!   than four tokens is one shorter shingle; an empty text has none);
//! - per page, tp/fp/fn are multiset intersections and differences,
//!   normalized by their sum; precision and recall are averaged over pages
//!   (a page with nothing predicted and nothing missed scores 1), F1 is the
//!   harmonic mean of the two averages;
//! - accuracy is the share of pages whose token lists are identical;
//! - a page missing from the predictions counts as empty.

use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use thiserror::Error;

/// Errors reading an extraction corpus.
#[derive(Debug, Error)]
pub enum ExtractionError {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The folder has no `html/` subfolder.
    #[error("{dir}: no html/ folder with pages")]
    Layout {
        /// The corpus folder.
        dir: PathBuf,
    },
    /// A JSON file (ground truth or predictions) is not in the expected shape.
    #[error("{path}: not a JSON object of {{\"<id>\": {{\"articleBody\": \"...\"}}}}: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
}

/// One page of the corpus, undecoded.
#[derive(Debug, Clone)]
pub struct Page {
    /// The page id (file name without `.html.gz` / `.html`).
    pub id: String,
    /// The page's bytes, decompressed.
    pub bytes: Vec<u8>,
}

/// Read every page under `dir/html`, sorted by id.
pub fn read_pages(dir: &Path) -> Result<Vec<Page>, ExtractionError> {
    let html = dir.join("html");
    if !html.is_dir() {
        return Err(ExtractionError::Layout {
            dir: dir.to_path_buf(),
        });
    }
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExtractionError::Io { path, source }
    };
    let mut pages = Vec::new();
    for entry in fs::read_dir(&html).map_err(io(&html))? {
        let path = entry.map_err(io(&html))?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (id, gz) = if let Some(id) = name.strip_suffix(".html.gz") {
            (id.to_string(), true)
        } else if let Some(id) = name.strip_suffix(".html") {
            (id.to_string(), false)
        } else {
            continue;
        };
        let raw = fs::read(&path).map_err(io(&path))?;
        let bytes = if gz {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(raw.as_slice())
                .read_to_end(&mut out)
                .map_err(io(&path))?;
            out
        } else {
            raw
        };
        pages.push(Page { id, bytes });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// Page id → article body.
pub type Bodies = BTreeMap<String, String>;

/// Read a `{"<id>": {"articleBody": "..."}}` file (ground truth or predictions).
/// A missing or null `articleBody` reads as empty.
pub fn read_bodies(path: &Path) -> Result<Bodies, ExtractionError> {
    let raw = fs::read_to_string(path).map_err(|source| ExtractionError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let json_error = |message: String| ExtractionError::Json {
        path: path.to_path_buf(),
        message,
    };
    let value: serde_json::Value =
        serde_json::from_str(&raw).map_err(|e| json_error(e.to_string()))?;
    let object = value
        .as_object()
        .ok_or_else(|| json_error("the top level is not an object".to_string()))?;
    Ok(object
        .iter()
        .map(|(id, v)| {
            let body = v
                .get("articleBody")
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default();
            (id.clone(), body.to_string())
        })
        .collect())
}

/// The predictions as the reference scorer reads them.
pub fn bodies_to_json(bodies: &Bodies) -> serde_json::Value {
    serde_json::Value::Object(
        bodies
            .iter()
            .map(|(id, body)| (id.clone(), serde_json::json!({ "articleBody": body })))
            .collect(),
    )
}

fn token_regex() -> &'static Regex {
    static TOKEN: OnceLock<Regex> = OnceLock::new();
    TOKEN.get_or_init(|| {
        // Python's `\w` for str patterns: letters, numbers, underscore (not marks).
        #[allow(clippy::unwrap_used)] // a constant pattern
        Regex::new(r"[\p{L}\p{N}_]+").unwrap()
    })
}

/// The tokens of `text` as Python's `re.findall(r"\w+", text)` gives them.
pub fn tokens(text: &str) -> Vec<&str> {
    token_regex().find_iter(text).map(|m| m.as_str()).collect()
}

fn shingles<'a, 'b>(tokens: &'b [&'a str]) -> HashMap<&'b [&'a str], usize> {
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    let n = tokens.len().saturating_sub(3).max(1);
    for i in 0..n {
        let end = (i + 4).min(tokens.len());
        *out.entry(&tokens[i..end]).or_insert(0) += 1;
    }
    out
}

/// Per-page tp, fp, fn, normalized by their sum (all zero when the sum is zero).
fn page_scores(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let (tt, pt) = (tokens(truth), tokens(predicted));
    let (t, p) = (shingles(&tt), shingles(&pt));
    let mut tp = 0usize;
    let mut fp = 0usize;
    let mut fn_ = 0usize;
    for (k, &c) in &t {
        let q = p.get(k).copied().unwrap_or(0);
        tp += c.min(q);
        fn_ += c.saturating_sub(q);
    }
    for (k, &c) in &p {
        fp += c.saturating_sub(t.get(k).copied().unwrap_or(0));
    }
    let s = (tp + fp + fn_) as f64;
    if s == 0.0 {
        (0.0, 0.0, 0.0)
    } else {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    }
}

/// The benchmark's figures over a set of pages.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ExtractionScores {
    /// Pages in the ground truth.
    pub pages: usize,
    /// Pages with a non-empty prediction.
    pub predicted: usize,
    /// Mean per-page shingle precision.
    pub precision: f64,
    /// Mean per-page shingle recall.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Share of pages whose token lists equal the truth's.
    pub accuracy: f64,
}

/// Score `predicted` bodies against `truth` exactly as `aeb_score.py` does.
pub fn score(truth: &Bodies, predicted: &Bodies) -> ExtractionScores {
    let mut precisions = Vec::new();
    let mut recalls = Vec::new();
    let mut exact = 0usize;
    let mut nonempty = 0usize;
    for (id, t) in truth {
        let p = predicted.get(id).map(String::as_str).unwrap_or_default();
        if !p.is_empty() {
            nonempty += 1;
        }
        let (tp, fp, fn_) = page_scores(t, p);
        let perfect = fp == 0.0 && fn_ == 0.0;
        if tp + fp > 0.0 || perfect {
            precisions.push(if perfect {
                1.0
            } else if tp == 0.0 && fp == 0.0 {
                0.0
            } else {
                tp / (tp + fp)
            });
        }
        if tp + fn_ > 0.0 || perfect {
            recalls.push(if perfect {
                1.0
            } else if tp == 0.0 && fn_ == 0.0 {
                0.0
            } else {
                tp / (tp + fn_)
            });
        }
        if tokens(t) == tokens(p) {
            exact += 1;
        }
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (precision, recall) = (mean(&precisions), mean(&recalls));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    ExtractionScores {
        pages: truth.len(),
        predicted: nonempty,
        precision,
        recall,
        f1,
        accuracy: if truth.is_empty() {
            0.0
        } else {
            exact as f64 / truth.len() as f64
        },
    }
}

impl ExtractionScores {
    /// The line the reference scorer prints.
    pub fn line(&self) -> String {
        format!(
            "pages {}  F1 {:.3}  precision {:.3}  recall {:.3}  accuracy {:.3}",
            self.pages, self.f1, self.precision, self.recall, self.accuracy
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(pairs: &[(&str, &str)]) -> Bodies {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn tokens_follow_python_word_characters() {
        assert_eq!(
            tokens("café, a_b ½²; हिन्दी"),
            ["café", "a_b", "½²", "ह", "न", "द"]
        );
        assert!(tokens(" — ").is_empty());
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let t = bodies(&[("a", "one two"), ("b", "")]);
        let p = bodies(&[("a", "one two")]);
        let s = score(&t, &p);
        // Page b: nothing true, nothing predicted: perfect on both sides.
        assert_eq!(
            (s.precision, s.recall, s.accuracy, s.predicted),
            (1.0, 1.0, 1.0, 1)
        );
    }

    #[test]
    fn partial_overlap() {
        let t = bodies(&[("a", "w1 w2 w3 w4 w5 w6")]);
        let p = bodies(&[("a", "w1 w2 w3 w4 w5 x")]);
        let s = score(&t, &p);
        // Shingles: truth {1234, 2345, 3456}, predicted {1234, 2345, 345x}: tp 2, fp 1, fn 1.
        assert!((s.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.accuracy, 0.0);
    }
}
