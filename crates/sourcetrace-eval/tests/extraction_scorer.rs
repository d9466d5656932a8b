//! Our article-extraction scorer against the reference `aeb_score.py`, on fixtures we wrote.
//!
//! `testdata/extraction/scorer/` holds an invented ground truth and
//! predictions (accents, Devanagari combining marks, CJK with full-width
//! digits, texts shorter than a shingle, empty texts on either side, a page
//! missing from the predictions, a prediction missing from the truth,
//! repeated shingles) and what the reference scorer printed for them
//! (`reference-score.txt`, and `reference-score.json` from `--json`). When
//! `SOURCETRACE_REFERENCE_TOOLS` names the folder holding `aeb_score.py`, the
//! scorer is also run live and compared.

mod common;

use sourcetrace_eval::extraction::{self, ExtractionScores};
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/extraction/scorer")
}

fn ours() -> ExtractionScores {
    let truth = extraction::read_bodies(&fixture().join("ground-truth.json")).expect("truth");
    let pred = extraction::read_bodies(&fixture().join("predictions.json")).expect("predictions");
    extraction::score(&truth, &pred)
}

fn assert_json_agrees(reference: &serde_json::Value, ours: &ExtractionScores) {
    let get = |k: &str| reference[k].as_f64().expect("a number");
    let round4 = |x: f64| (x * 1e4).round() / 1e4;
    assert_eq!(reference["pages"].as_u64(), Some(ours.pages as u64));
    assert_eq!(reference["predicted"].as_u64(), Some(ours.predicted as u64));
    for (k, v) in [
        ("precision", ours.precision),
        ("recall", ours.recall),
        ("f1", ours.f1),
        ("accuracy", ours.accuracy),
    ] {
        assert!(
            (get(k) - round4(v)).abs() < 1e-9,
            "{k}: reference {} ours {v}",
            get(k)
        );
    }
}

#[test]
fn agrees_with_recorded_reference_output() {
    let reference = std::fs::read_to_string(fixture().join("reference-score.txt")).expect("txt");
    assert_eq!(ours().line(), reference.trim_end());
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture().join("reference-score.json")).expect("json"),
    )
    .expect("reference JSON");
    assert_json_agrees(&json, &ours());
}

#[test]
fn agrees_with_live_reference_scorer_when_available() {
    let Some(out) = common::reference_output(
        "aeb_score.py",
        [
            fixture().join("ground-truth.json").into_os_string(),
            fixture().join("predictions.json").into_os_string(),
            "--json".into(),
        ],
    ) else {
        return;
    };
    let json: serde_json::Value = serde_json::from_slice(&out).expect("reference JSON");
    assert_json_agrees(&json, &ours());
}

#[test]
fn predictions_round_trip_through_json() {
    let pred = extraction::read_bodies(&fixture().join("predictions.json")).expect("predictions");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.json");
    std::fs::write(&path, extraction::bodies_to_json(&pred).to_string()).expect("write");
    assert_eq!(extraction::read_bodies(&path).expect("read back"), pred);
}
