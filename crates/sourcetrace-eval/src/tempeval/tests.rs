//! Tests of the TempEval module against fixtures in `testdata/tempeval`.

use super::*;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/tempeval")
        .join(path)
}

fn read(path: &str) -> TimeMl {
    let raw = std::fs::read_to_string(fixture(path)).expect("fixture readable");
    TimeMl::parse(&raw).expect("fixture has <TEXT>")
}

#[test]
fn scorer_agrees_with_te3_score_py_on_the_fixture() {
    // `python3 te3_score.py testdata/tempeval/gold testdata/tempeval/system --json`
    let counts = score_document(&read("gold/fixture.tml"), &read("system/fixture.tml"));
    assert_eq!(
        counts,
        TimexCounts {
            gold: 11,
            system: 7,
            relaxed: 6,
            strict: 1,
            type_matches: 5,
            value_matches: 4,
        }
    );
    let s = counts.scores();
    assert!((s.relaxed_f1 - 0.6666666666666665).abs() < 1e-12);
    assert!((s.value_f1 - 0.4444444444444443).abs() < 1e-12);
}

#[test]
fn parse_text_strips_tags_and_unescapes() {
    let gold = read("gold/fixture.tml");
    assert_eq!(gold.dct.as_deref(), Some("2021-07-20"));
    assert!(gold.plain.contains("sales & profits"));
    assert!(gold.plain.contains("\"We expect"));
    assert!(gold.plain.contains("meetings <sic>"));
    let timexes: Vec<&Entity> = gold
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Timex)
        .collect();
    assert_eq!(timexes.len(), 11);
    let saturday = timexes[0];
    assert_eq!(saturday.text, "Saturday");
    // offsets count characters: "Zürich" has a two-byte letter
    let chars: Vec<char> = gold.plain.chars().collect();
    assert_eq!(
        chars[saturday.start..saturday.end]
            .iter()
            .collect::<String>(),
        "Saturday"
    );
    // the nested outer TIMEX3 and the blank one are not scorable; the inner one is
    let by_tid = |tid: &str| {
        timexes
            .iter()
            .find(|e| e.attr("tid") == tid)
            .expect("tid present")
    };
    assert!(!by_tid("t7").scorable);
    assert!(by_tid("t8").scorable);
    assert!(!by_tid("t9").scorable);
}

#[test]
fn unescape_follows_saxutils_order() {
    assert_eq!(
        unescape("&amp;lt; &lt;b&gt; &quot;x&apos;"),
        "&lt; <b> \"x'"
    );
}

#[test]
fn written_files_keep_the_gold_text() {
    let gold = read("gold/fixture.tml");
    let tagger = TimeTagger::new();
    let found = tagger.tag(
        &gold.plain,
        gold.dct.as_deref().and_then(|d| parse_date(d).ok()),
    );
    assert!(!found.is_empty());
    let written = gold.with_timexes(&found);
    let again = TimeMl::parse(&written).expect("written file has <TEXT>");
    assert_eq!(again.plain, gold.plain);
    assert_eq!(again.entities.len(), found.len());
    assert!(again.entities.iter().all(|e| e.scorable));
    assert!(written.contains("<DCT>"));
}

#[test]
fn run_scores_gold_and_writes_raw_input() {
    let out = tempfile::tempdir().expect("temp dir");
    let report = run(&fixture(""), Some(out.path()), &TimeTagger::new()).expect("run succeeds");
    // gold/, system/ (scored against itself) and raw/ (no gold)
    assert_eq!(report.documents, 3);
    assert_eq!(report.scored_documents, 2);
    assert_eq!(
        report.unscored_documents,
        vec!["raw/untagged.tml".to_string()]
    );
    assert_eq!(report.parts.len(), 2);
    assert!(out.path().join("raw/untagged.tml").exists());
    let raw = std::fs::read_to_string(out.path().join("raw/untagged.tml")).expect("written");
    assert!(
        raw.contains(r#"type="DATE" value="2021-07-17">Saturday</TIMEX3>"#),
        "{raw}"
    );
    assert!(raw.contains("went well &amp; would"));
    let text = report.to_string();
    assert!(text.contains("documents/s"), "{text}");
    let json = serde_json::to_value(&report).expect("serializable");
    assert_eq!(json["counts"]["gold"], 11 + 7);
}

#[test]
fn raw_only_directory_reports_no_gold() {
    let report = run(&fixture("raw"), None, &TimeTagger::new()).expect("run succeeds");
    assert_eq!(report.scored_documents, 0);
    assert!(report.to_string().contains("nothing to score"));
}

#[test]
fn missing_directory_names_the_path() {
    let err = run(Path::new("/nonexistent/tempeval"), None, &TimeTagger::new()).expect_err("fails");
    assert!(err.to_string().contains("/nonexistent/tempeval"), "{err}");
}
