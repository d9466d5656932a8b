//! Source resolution against hand labels: does "he" name the right person?
//!
//! Labels are a TSV (`# doc start end mention referent kind note`), one row
//! per source mention: the document id, the mention's character span, its
//! text, the party it refers to (the fullest name the article gives, or `-`
//! for a generic mention), that party's kind, and whether the mention is a
//! `pronoun`, a `description` or a `surname`.
//!
//! A prediction is correct when
//! - the label's kind is `anonymous` and the predicted kind is too (an unnamed
//!   group has no name to match);
//! - the referent is `-` and the mention stayed unresolved;
//! - otherwise the predicted name equals the referent after normalization
//!   (case, a leading "the", middle initials and punctuation ignored), or one
//!   ends the other word for word when the shorter has at least two words
//!   ("Donald J. Trump" for "Donald Trump"); a referent written with the
//!   article's abbreviation after it ("Swiss People's Party (SVP)") also
//!   matches the long name alone.
//!
//! A bare surname left as it is ("Clinton" for "Hillary Clinton") is wrong:
//! it names nobody in particular.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Errors reading a label file.
#[derive(Debug, Error)]
pub enum ResolutionError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A row does not have the expected columns.
    #[error("{path}:{line}: expected 7 tab-separated columns (doc, start, end, mention, referent, kind, note)")]
    Row {
        /// The file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
    },
}

/// One labelled mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Document id (file stem).
    pub doc: String,
    /// First character of the mention.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The mention as written.
    pub mention: String,
    /// The party it refers to, `-` for a generic mention.
    pub referent: String,
    /// The party's kind.
    pub kind: String,
    /// `pronoun`, `description` or `surname`.
    pub note: String,
}

/// Read a label file.
pub fn read_labels(path: &Path) -> Result<Vec<Label>, ResolutionError> {
    let raw = std::fs::read_to_string(path).map_err(|source| ResolutionError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for (i, line) in raw.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let row = || ResolutionError::Row {
            path: path.to_path_buf(),
            line: i + 1,
        };
        if cols.len() < 7 {
            return Err(row());
        }
        out.push(Label {
            doc: cols[0].to_string(),
            start: cols[1].parse().map_err(|_| row())?,
            end: cols[2].parse().map_err(|_| row())?,
            mention: cols[3].to_string(),
            referent: cols[4].to_string(),
            kind: cols[5].to_string(),
            note: cols[6].to_string(),
        });
    }
    Ok(out)
}

/// What the resolver said about one mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prediction {
    /// The name it gave.
    pub name: String,
    /// The kind it gave (`person`, `anonymous`, …).
    pub kind: String,
}

/// Accuracy overall and per kind of mention.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ResolutionReport {
    /// Labelled mentions scored.
    pub total: usize,
    /// Mentions resolved correctly.
    pub correct: usize,
    /// (correct, total) per note: pronoun, description, surname.
    pub by_note: BTreeMap<String, (usize, usize)>,
    /// Every wrong answer: (label, predicted name).
    #[serde(skip)]
    pub errors: Vec<(Label, String)>,
}

impl ResolutionReport {
    /// Correct over total.
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

fn normalize(name: &str) -> Vec<String> {
    let lower = name.to_lowercase();
    let mut words: Vec<String> = lower
        .split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| w == "the") {
        words.remove(0);
    }
    // Middle initials: "Donald J. Trump".
    let n = words.len();
    words
        .into_iter()
        .enumerate()
        .filter(|(i, w)| !(w.len() == 1 && *i > 0 && *i + 1 < n))
        .map(|(_, w)| w)
        .collect()
}

/// The name without a trailing parenthesized all-capitals abbreviation:
/// "Swiss People's Party (SVP)" → "Swiss People's Party".
fn without_abbreviation(referent: &str) -> Option<&str> {
    let inner = referent.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let abbreviation = &inner[open + 1..];
    let long = inner[..open].trim_end();
    ((2..=6).contains(&abbreviation.len())
        && abbreviation.chars().all(|c| c.is_ascii_uppercase())
        && long.split_whitespace().count() >= 2)
        .then_some(long)
}

/// True when `predicted` names the labelled party.
pub fn is_correct(label: &Label, predicted: &Prediction) -> bool {
    if label.kind == "anonymous" {
        return predicted.kind == "anonymous";
    }
    if label.referent == "-" {
        return normalize(&predicted.name) == normalize(&label.mention);
    }
    let p = normalize(&predicted.name);
    // "Swiss People's Party (SVP)": the labels add the abbreviation the
    // article uses after the long name; it is an alias, not part of the name.
    if let Some(long) = without_abbreviation(&label.referent) {
        if !p.is_empty() && p == normalize(long) {
            return true;
        }
    }
    let g = normalize(&label.referent);
    if p.is_empty() || g.is_empty() {
        return false;
    }
    if p == g {
        return true;
    }
    let (short, long) = if p.len() <= g.len() {
        (&p, &g)
    } else {
        (&g, &p)
    };
    short.len() >= 2 && long.ends_with(short)
}

/// Score predictions keyed by (doc, start, end); a missing prediction is wrong.
pub fn score(
    labels: &[Label],
    predictions: &BTreeMap<(String, usize, usize), Prediction>,
) -> ResolutionReport {
    let mut report = ResolutionReport::default();
    for label in labels {
        let key = (label.doc.clone(), label.start, label.end);
        let predicted = predictions.get(&key);
        let ok = predicted.is_some_and(|p| is_correct(label, p));
        report.total += 1;
        let entry = report.by_note.entry(label.note.clone()).or_default();
        entry.1 += 1;
        if ok {
            report.correct += 1;
            entry.0 += 1;
        } else {
            let name = predicted.map_or_else(|| "(no prediction)".to_string(), |p| p.name.clone());
            report.errors.push((label.clone(), name));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(referent: &str, kind: &str) -> Label {
        Label {
            doc: "d".into(),
            start: 0,
            end: 2,
            mention: "he".into(),
            referent: referent.into(),
            kind: kind.into(),
            note: "pronoun".into(),
        }
    }

    fn pred(name: &str, kind: &str) -> Prediction {
        Prediction {
            name: name.into(),
            kind: kind.into(),
        }
    }

    #[test]
    fn names_match_after_normalization() {
        assert!(is_correct(
            &label("Donald Trump", "person"),
            &pred("Donald J. Trump", "person")
        ));
        assert!(is_correct(
            &label("The Washington Post", "outlet"),
            &pred("Washington Post", "outlet")
        ));
        assert!(is_correct(
            &label("unnamed source", "anonymous"),
            &pred("the source", "anonymous")
        ));
        assert!(!is_correct(
            &label("Hillary Clinton", "person"),
            &pred("Clinton", "person")
        ));
        assert!(!is_correct(
            &label("Hillary Clinton", "person"),
            &pred("Bill Clinton", "person")
        ));
        assert!(!is_correct(
            &label("Hillary Clinton", "person"),
            &pred("he", "person")
        ));
    }

    #[test]
    fn an_abbreviation_after_the_long_name_is_an_alias() {
        let party = label("Northern Farmers Union (NFU)", "organization");
        assert!(is_correct(
            &party,
            &pred("Northern Farmers Union", "organization")
        ));
        assert!(is_correct(
            &party,
            &pred("Northern Farmers Union (NFU)", "organization")
        ));
        assert!(!is_correct(&party, &pred("NFU", "organization")));
        assert!(!is_correct(&party, &pred("Farmers Union", "organization")));
        // A note in parentheses is not an abbreviation.
        let note = label("the farmers (union members)", "anonymous");
        assert!(!is_correct(&note, &pred("the farmers", "organization")));
    }

    #[test]
    fn scores_count_per_note() {
        let labels = vec![label("Ana Petrov", "person"), label("Ana Petrov", "person")];
        let mut preds = BTreeMap::new();
        preds.insert(("d".to_string(), 0, 2), pred("Ana Petrov", "person"));
        let r = score(&labels, &preds);
        assert_eq!((r.correct, r.total), (2, 2));
        assert_eq!(r.by_note["pronoun"], (2, 2));
    }
}
