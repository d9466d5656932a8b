//! Our PolNeAR scorer against the reference `polnear_score.py`, on fixtures we wrote.
//!
//! `testdata/polnear/reference-score.txt` is what the reference scorer printed
//! for `testdata/polnear/predictions.json` (a hand-made prediction file with
//! partial overlaps, wrong sources, null sources, spurious attributions and a
//! document missing from the gold). When `SOURCETRACE_REFERENCE_TOOLS` names
//! the folder holding `polnear_score.py` (CI sets it when `../shared/tools`
//! exists), the scorer is also run live and compared.

mod common;

use sourcetrace_eval::polnear;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/polnear")
}

fn metric_lines(s: &str) -> Vec<String> {
    s.lines()
        .filter(|l| l.contains('/') && !l.starts_with('#'))
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn our_table() -> String {
    let split = polnear::split_dir(&fixture(), "dev").expect("fixture layout");
    let texts: BTreeMap<String, String> = polnear::read_texts(&split)
        .expect("fixture texts")
        .into_iter()
        .map(|a| (a.id, a.text))
        .collect();
    let gold = polnear::load_gold(&split).expect("fixture gold");
    assert_eq!(gold.multi_annotated, 1);
    let pred = polnear::read_predictions(&fixture().join("predictions.json")).expect("predictions");
    polnear::score(&gold, &texts, &pred, false).table()
}

#[test]
fn agrees_with_recorded_reference_output() {
    let reference =
        std::fs::read_to_string(fixture().join("reference-score.txt")).expect("reference output");
    let ours = our_table();
    let (r, o) = (metric_lines(&reference), metric_lines(&ours));
    assert_eq!(r.len(), 18, "reference has all 18 metric lines");
    assert_eq!(o, r);
}

#[test]
fn agrees_with_live_reference_scorer_when_available() {
    let Some(out) = common::reference_output(
        "polnear_score.py",
        [
            "--polnear".into(),
            fixture().into_os_string(),
            "--split".into(),
            "dev".into(),
            "--pred".into(),
            fixture().join("predictions.json").into_os_string(),
        ],
    ) else {
        return;
    };
    let live = String::from_utf8_lossy(&out);
    assert_eq!(metric_lines(&our_table()), metric_lines(&live));
}

#[test]
fn predictions_round_trip_through_json() {
    let pred = polnear::read_predictions(&fixture().join("predictions.json")).expect("predictions");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.json");
    std::fs::write(&path, polnear::predictions_to_json(&pred).to_string()).expect("write");
    assert_eq!(polnear::read_predictions(&path).expect("read back"), pred);
}
