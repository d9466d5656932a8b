//! The `sourcetrace` binary end to end: exit codes, stdout, stderr, the JSON schema.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example() -> PathBuf {
    repo().join("examples/kestrel-harbor.txt")
}

fn sourcetrace() -> Command {
    let mut cmd = Command::cargo_bin("sourcetrace").expect("binary builds");
    cmd.env_remove("NO_COLOR");
    cmd
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn schema() -> jsonschema::Validator {
    let raw = std::fs::read_to_string(repo().join("docs/schema.json")).expect("docs/schema.json");
    let schema: Value = serde_json::from_str(&raw).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

/// Every offset pair slices the input (in characters) to the text the JSON gives.
fn check_offsets(doc: &Value, input: &str) {
    let chars: Vec<char> = input.chars().collect();
    let slice = |v: &Value| {
        let (s, e) = (
            v["start"].as_u64().expect("start") as usize,
            v["end"].as_u64().expect("end") as usize,
        );
        chars[s..e].iter().collect::<String>()
    };
    for a in doc["attributions"].as_array().expect("attributions") {
        assert_eq!(
            slice(&a["cue"]),
            a["cue"]["text"].as_str().expect("cue text")
        );
        assert_eq!(
            slice(&a["content"]),
            a["content"]["text"].as_str().expect("content text")
        );
        if !a["source"].is_null() {
            assert_eq!(
                slice(&a["source"]),
                a["source"]["text"].as_str().expect("source text")
            );
        }
    }
}

/// `extract` on the example with a publication date and the given model, as
/// one JSON object that follows the documented schema.
fn example_json_with(model: &str) -> Value {
    let r = run(sourcetrace().arg("extract").arg(example()).args([
        "--format",
        "json",
        "--published",
        "2026-03-04",
        "--model",
        model,
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    let validator = schema();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{model}: schema errors: {errors:?}");
    check_offsets(&doc, &std::fs::read_to_string(example()).expect("example"));
    doc
}

/// The same with the rules, whose names and appositions the tests pin down.
fn example_json() -> Value {
    example_json_with("rules")
}

#[test]
fn no_resolve_keeps_the_names_the_mentions_give() {
    let text = "Ana Petrov spoke in Dayton on Monday. “We will win,” she said.";
    let extract = |extra: &[&str]| -> Value {
        let r = run(sourcetrace()
            .args(["extract", "-", "--format", "json"])
            .args(extra)
            .write_stdin(text));
        assert_eq!(r.code, 0, "{}", r.stderr);
        serde_json::from_str(&r.stdout).expect("one JSON object")
    };
    let source_name = |doc: &Value| {
        doc["attributions"]
            .as_array()
            .and_then(|atts| atts.iter().find(|a| a["cue"]["text"] == "said"))
            .map(|a| a["source"]["name"].clone())
    };
    let resolved = extract(&[]);
    assert_eq!(
        source_name(&resolved),
        Some(Value::from("Ana Petrov")),
        "{resolved}"
    );
    assert!(resolved["entities"]
        .as_array()
        .is_some_and(|e| !e.is_empty()));
    let raw = extract(&["--no-resolve"]);
    assert_eq!(source_name(&raw), Some(Value::from("she")), "{raw}");
    assert_eq!(raw["entities"], Value::Array(Vec::new()));
    let errors: Vec<String> = schema().iter_errors(&raw).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "schema errors: {errors:?}");
}

#[test]
fn both_models_give_the_same_shape() {
    for model in ["trained", "rules"] {
        let doc = example_json_with(model);
        assert!(
            doc["attributions"].as_array().is_some_and(|a| a.len() >= 5),
            "{model}: {doc}"
        );
    }
}

#[test]
fn json_output_follows_the_documented_schema() {
    let doc = example_json();
    assert_eq!(doc["schema"], "sourcetrace.document/1");
    assert_eq!(doc["id"], "kestrel-harbor");
    assert_eq!(doc["published"], "2026-03-04");
    check_offsets(&doc, &std::fs::read_to_string(example()).expect("example"));
    let names: Vec<&str> = doc["attributions"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|a| a["source"]["name"].as_str())
        .collect();
    assert!(names.contains(&"Marta Oyelaran"), "{names:?}");
    assert!(names.contains(&"Harbor Gazette"), "{names:?}");
}

#[test]
fn the_schema_rejects_a_document_that_breaks_it() {
    let bad: Value = serde_json::json!({"schema": "sourcetrace.document/1", "id": "x", "published": "July 4", "attributions": []});
    assert!(!schema().is_valid(&bad));
}

#[test]
fn offsets_count_characters_not_bytes() {
    let text = "Zoë’s “café” plan — “it works,” said Zoë Brandt.\n";
    let r = run(sourcetrace()
        .args(["extract", "-", "--format", "json"])
        .write_stdin(text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["id"], "stdin");
    assert_eq!(doc["attributions"].as_array().map(Vec::len), Some(1));
    check_offsets(&doc, text);
}

#[test]
fn several_inputs_make_an_array_or_lines() {
    let r = run(sourcetrace()
        .arg("extract")
        .arg(example())
        .arg(example())
        .args(["--format", "json"]));
    assert_eq!(r.code, 0);
    let docs: Value = serde_json::from_str(&r.stdout).expect("JSON array");
    assert_eq!(docs.as_array().map(Vec::len), Some(2));

    let r = run(sourcetrace()
        .arg("extract")
        .arg(example())
        .arg(example())
        .args(["--format", "jsonl"]));
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let doc: Value = serde_json::from_str(line).expect("one object a line");
        assert!(schema().is_valid(&doc));
    }
}

#[test]
fn text_output_is_plain_when_piped() {
    let r = run(sourcetrace()
        .arg("extract")
        .arg(example())
        .args(["--format", "text", "--model", "rules"]));
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("kestrel-harbor  published unknown"));
    assert!(r.stdout.contains("Marta Oyelaran [person] said"));
    assert!(
        !r.stdout.contains('\u{1b}'),
        "no colour codes off a terminal"
    );
    let coloured = run(sourcetrace()
        .arg("extract")
        .arg(example())
        .args(["--format", "text", "--color", "always"]));
    assert!(coloured.stdout.contains('\u{1b}'));
}

#[test]
fn default_format_off_a_terminal_is_jsonl() {
    let r = run(sourcetrace().arg("extract").arg(example()));
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), 1);
    serde_json::from_str::<Value>(r.stdout.trim()).expect("a JSON line");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write fixture");
    p
}

#[test]
fn a_missing_file_is_named_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().expect("tmp");
    let missing = dir.path().join("missing.txt");
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&missing)
        .arg(example())
        .args(["--format", "jsonl"]));
    assert_eq!(r.code, 1, "one of two inputs failed");
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().count(),
        1,
        "the good input is still processed"
    );
}

#[test]
fn an_empty_directory_is_named() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(sourcetrace().arg("extract").arg(dir.path()));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("the directory holds no file to read"),
        "{}",
        r.stderr
    );
}

#[test]
fn invalid_utf8_names_the_byte_and_suggests_lossy() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 owners said prices rose.\n",
    );
    let r = run(sourcetrace().arg("extract").arg(&bad));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("latin1.txt: invalid UTF-8 at byte 3"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--lossy"), "{}", r.stderr);
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&bad)
        .args(["--lossy", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["attributions"][0]["cue"]["text"], "said");
}

#[test]
fn an_empty_file_is_an_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let empty = write(dir.path(), "empty.txt", b"  \n");
    let r = run(sourcetrace().arg("extract").arg(&empty));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("empty.txt: empty body"), "{}", r.stderr);
}

#[test]
fn a_bad_publication_date_is_refused() {
    let r = run(sourcetrace()
        .arg("extract")
        .arg(example())
        .args(["--published", "2021-02-30"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--published"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn binary_garbage_does_not_panic() {
    let dir = tempfile::tempdir().expect("tmp");
    // No NUL byte, so not refused as binary: read as lossy text.
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 250) as u8 + 1).collect();
    let bin = write(dir.path(), "noise.bin", &bytes);
    let r = run(sourcetrace().arg("extract").arg(&bin).arg("--lossy"));
    assert!(r.code == 0 || r.code == 2, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}

#[test]
fn eval_polnear_scores_the_fixture_and_writes_predictions() {
    let dir = tempfile::tempdir().expect("tmp");
    let pred = dir.path().join("pred.json");
    let r = run(sourcetrace()
        .args(["eval", "polnear"])
        .arg(repo().join("testdata/polnear"))
        .args(["--split", "dev", "--write-predictions"])
        .arg(&pred));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("# split=dev docs=2 attributions=7"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("attr/full/overlap"));
    assert!(r.stdout.contains("articles/s"));
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&pred).expect("predictions")).expect("JSON");
    assert!(written["harbor-vote"]
        .as_array()
        .is_some_and(|a| !a.is_empty()));

    let r = run(sourcetrace()
        .args(["eval", "polnear"])
        .arg(repo().join("testdata/polnear"))
        .args(["--format", "json"]));
    let json: Value = serde_json::from_str(&r.stdout).expect("JSON report");
    assert!(json["metrics"]["attr/full/overlap"]["f1"]
        .as_f64()
        .is_some());
}

#[test]
fn eval_polnear_on_a_wrong_folder_says_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(sourcetrace().args(["eval", "polnear"]).arg(dir.path()));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("not a PolNeAR folder"), "{}", r.stderr);
}

#[test]
fn the_readme_sample_is_what_extract_prints() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README");
    let start = readme
        .find("```text\n")
        .expect("a text sample in the README")
        + "```text\n".len();
    let len = readme[start..].find("```").expect("closed sample");
    let sample = &readme[start..start + len];
    let r = run(sourcetrace()
        .arg("extract")
        .arg(example())
        .args(["--format", "text"]));
    assert_eq!(r.stdout, sample, "update the README sample");
}

/// The seed article of the brief, when `SOURCETRACE_SHARED_EXAMPLES` names its
/// folder (CI sets it when ../shared/examples exists; it is never copied here).
#[test]
fn seed_article_sources_and_hedges() {
    let Some(dir) = std::env::var_os("SOURCETRACE_SHARED_EXAMPLES") else {
        eprintln!("skipped: SOURCETRACE_SHARED_EXAMPLES is not set");
        return;
    };
    let path = PathBuf::from(dir).join("afghanistan-bases.txt");
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&path)
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    check_offsets(&doc, &std::fs::read_to_string(&path).expect("article"));
    let atts = doc["attributions"].as_array().expect("attributions");
    let names: Vec<String> = atts
        .iter()
        .filter_map(|a| a["source"]["name"].as_str().map(str::to_string))
        .collect();
    for who in [
        "Kommersant",
        "Voice of America",
        "Associated Press",
        "Reuters",
        "Joe Biden",
        "Kenneth McKenzie",
        "Igor Lyakin-Frolov",
    ] {
        assert!(
            names.iter().any(|n| n == who),
            "no statement attributed to {who}: {names:?}"
        );
    }
    // The two "reportedly" claims (outside quotations) have no source at all.
    let hedged: Vec<&Value> = atts
        .iter()
        .filter(|a| a["cue"]["text"] == "reportedly")
        .collect();
    assert_eq!(hedged.len(), 2, "the two 'reportedly' claims");
    for a in hedged {
        assert!(a["source"].is_null(), "{a}");
        assert_eq!(a["chain"][0]["kind"], "unattributed");
    }
    assert_eq!(
        doc["syndicated_from"]["name"], "Breitbart",
        "the page says it is Breitbart's story"
    );
    assert_eq!(doc["published"], "2021-07-20");
    // "he said" and "the envoy added" continue the ambassador's interview with Kommersant.
    for cue in ["told", "added"] {
        let a = atts
            .iter()
            .find(|a| a["cue"]["text"] == cue)
            .expect("the ambassador's statements");
        assert_eq!(a["source"]["name"], "Igor Lyakin-Frolov");
        assert_eq!(a["chain"][1]["name"], "Kommersant");
    }
    // "Kommersant reported on July 17 citing unnamed sources": the chain starts with them.
    assert!(atts
        .iter()
        .any(|a| a["chain"][0]["kind"] == "anonymous" && a["source"]["name"] == "Kommersant"));
}

#[test]
fn attributions_get_their_time_against_the_given_date() {
    let doc = example_json();
    assert_eq!(doc["published_provenance"], "given");
    let reported = doc["attributions"]
        .as_array()
        .expect("attributions")
        .iter()
        .find(|a| a["cue"]["text"] == "reported")
        .expect("the Gazette's report");
    // 2026-03-04 is a Wednesday: "reported on Monday" looks back two days.
    assert_eq!(reported["when"]["text"], "Monday");
    assert_eq!(reported["when"]["value"], "2026-03-02");
}

#[test]
fn the_publication_date_is_inferred_with_evidence() {
    let text = "The agency reported on Saturday that the port was sold.\n\n\
                The agency reported on July 17 that the buyer, founded in 2014, paid cash. \
                The mayor told reporters on July 19 that he was surprised.\n";
    let r = run(sourcetrace()
        .args(["extract", "-", "--format", "json"])
        .write_stdin(text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert!(schema().is_valid(&doc), "{doc}");
    assert_eq!(doc["published_provenance"], "inferred");
    assert_eq!(doc["published"], "2021-07-20");
    assert!(doc["published_evidence"]
        .as_array()
        .is_some_and(|e| !e.is_empty()));
    let whens: Vec<&str> = doc["attributions"]
        .as_array()
        .expect("attributions")
        .iter()
        .filter_map(|a| a["when"]["value"].as_str())
        .collect();
    assert_eq!(whens, vec!["2021-07-17", "2021-07-17", "2021-07-19"]);
}

#[test]
fn times_lists_normalized_expressions() {
    let text =
        "The council met on Tuesday, a day after the June 1 deadline. It will vote in two weeks.\n";
    let r = run(sourcetrace()
        .args([
            "times",
            "-",
            "--published",
            "2026-06-05",
            "--format",
            "json",
        ])
        .write_stdin(text));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(doc["schema"], "sourcetrace.times/1");
    let found: Vec<(String, String, String)> = doc["times"]
        .as_array()
        .expect("times")
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap_or_default().to_string(),
                t["type"].as_str().unwrap_or_default().to_string(),
                t["value"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert!(
        found.contains(&("Tuesday".into(), "DATE".into(), "2026-06-02".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("two weeks".into(), "DURATION".into(), "P2W".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("June 1".into(), "DATE".into(), "2026-06-01".into())),
        "{found:?}"
    );
    let r = run(sourcetrace()
        .args([
            "times",
            "-",
            "--published",
            "2026-06-05",
            "--format",
            "text",
        ])
        .write_stdin(text));
    assert!(
        r.stdout.starts_with("stdin  published 2026-06-05"),
        "{}",
        r.stdout
    );
}

#[test]
fn eval_tempeval_scores_gold_and_tags_raw_input() {
    let out = tempfile::tempdir().expect("tmp");
    let r = run(sourcetrace()
        .args(["eval", "tempeval"])
        .arg(repo().join("testdata/tempeval/gold"))
        .arg("--write")
        .arg(out.path()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("TempEval-3 Task A"), "{}", r.stdout);
    assert!(r.stdout.contains("documents/s"), "{}", r.stdout);
    assert!(out.path().join("fixture.tml").exists());

    let r = run(sourcetrace()
        .args(["eval", "tempeval"])
        .arg(repo().join("testdata/tempeval/raw"))
        .arg("--write")
        .arg(out.path())
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).expect("JSON report");
    assert_eq!(report["scored_documents"], 0);
    let written =
        std::fs::read_to_string(out.path().join("untagged.tml")).expect("tagged raw file");
    assert!(written.contains("<TIMEX3"), "{written}");
}

#[test]
fn eval_tempeval_on_a_folder_without_timeml_fails_clearly() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(sourcetrace().args(["eval", "tempeval"]).arg(dir.path()));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no .tml files"), "{}", r.stderr);
}

#[test]
fn eval_resolution_scores_labels_against_gold_sources() {
    let r = run(sourcetrace()
        .args(["eval", "resolution"])
        .arg(repo().join("testdata/resolution/fixture-labels.tsv"))
        .arg("--polnear")
        .arg(repo().join("testdata/polnear"))
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).expect("JSON report");
    assert_eq!(report["labels"], 2);
    assert_eq!(
        report["correct"], 2,
        "officials are anonymous; a generic 'the minister' stays unresolved"
    );
}

/// Training on the authored fixture corpus (`testdata/polnear-train`): the POS
/// tagger, then the attribution model over its tags; the same seed gives the
/// same bytes, and per-epoch dev scores go to stderr.
#[test]
fn train_pos_then_attribution_is_deterministic() {
    let dir = tempfile::tempdir().expect("tmp");
    let corpus = repo().join("testdata/polnear-train");
    let pos = dir.path().join("pos.stm");
    let r = run(sourcetrace()
        .args(["train", "pos", "--polnear"])
        .arg(&corpus)
        .arg("--out")
        .arg(&pos)
        .args(["--max-epochs", "3"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("pos epoch  1"), "{}", r.stderr);
    let mut outputs = Vec::new();
    for name in ["a.stm", "b.stm"] {
        let out = dir.path().join(name);
        let r = run(sourcetrace()
            .args(["train", "attribution", "--polnear"])
            .arg(&corpus)
            .arg("--pos")
            .arg(&pos)
            .arg("--out")
            .arg(&out)
            .args(["--max-epochs", "3", "--seed", "5"]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stderr.contains("cue+source epoch  1"), "{}", r.stderr);
        assert!(r.stderr.contains("PolNeAR dev F1"), "{}", r.stderr);
        assert!(r.stdout.is_empty(), "stdout carries data only");
        outputs.push(std::fs::read(&out).expect("model written"));
    }
    assert_eq!(outputs[0], outputs[1]);
    assert!(outputs[0].starts_with(b"STMODEL\0"));
}

#[test]
fn train_attribution_without_a_pos_model_says_how_to_get_one() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(sourcetrace()
        .args(["train", "attribution", "--polnear"])
        .arg(repo().join("testdata/polnear-train"))
        .arg("--pos")
        .arg(dir.path().join("missing.stm"))
        .arg("--out")
        .arg(dir.path().join("a.stm")));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("train pos"), "{}", r.stderr);
}

#[test]
fn eval_extraction_scores_hand_written_pages_and_writes_predictions() {
    let dir = tempfile::tempdir().expect("tmp");
    let pred = dir.path().join("pred.json");
    let pages = repo().join("testdata/extraction/pages");
    let r = run(sourcetrace()
        .args(["eval", "extraction"])
        .arg(&pages)
        .arg("--write-predictions")
        .arg(&pred));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("pages 2  F1 1.000"), "{}", r.stdout);
    assert!(
        r.stdout.contains("headline 2/2  published 2/2  outlet 1/2"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("pages/s"), "{}", r.stdout);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&pred).expect("predictions")).expect("JSON");
    let body = written["kestrel-vote"]["articleBody"]
        .as_str()
        .expect("body");
    assert!(body.starts_with("The Portaven harbor council"), "{body}");
    assert!(
        !body.contains("Share on Facebook") && !body.contains("Photo:"),
        "{body}"
    );

    let r = run(sourcetrace()
        .args(["eval", "extraction"])
        .arg(&pages)
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(json["scores"]["pages"], 2);
    assert!(json["pages_per_second"].as_f64().is_some());
}

#[test]
fn eval_extraction_without_ground_truth_still_succeeds() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir(dir.path().join("html")).expect("mkdir");
    std::fs::copy(
        repo().join("testdata/extraction/pages/html/kestrel-vote.html"),
        dir.path().join("html/kestrel-vote.html"),
    )
    .expect("copy");
    write(&dir.path().join("html"), "junk.html", b"\x00\x01<<<\xff");
    let pred = dir.path().join("pred.json");
    let r = run(sourcetrace()
        .args(["eval", "extraction"])
        .arg(dir.path())
        .arg("--write-predictions")
        .arg(&pred));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("not scored"), "{}", r.stdout);
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&pred).expect("predictions")).expect("JSON");
    assert!(written["kestrel-vote"]["articleBody"]
        .as_str()
        .is_some_and(|b| !b.is_empty()));
    assert_eq!(written["junk"]["articleBody"], "");
}

// ---- Inputs as they come: HTML, JSONL, feeds, WARC, and what goes wrong with them ----

/// An invented news page: navigation, the article, a newsletter box, metadata.
fn page(headline: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{headline} | Harbor Gazette</title>
<meta property="og:site_name" content="Harbor Gazette">
<meta property="article:published_time" content="2026-03-04T09:30:00Z">
<link rel="canonical" href="https://harbor.example/news/{slug}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<article><h1>{headline}</h1>
{body}</article>
<aside class="newsletter">Sign up for our newsletter to get the news every morning.</aside>
<footer>© 2026 Harbor Gazette. All rights reserved.</footer>
</body></html>"#,
        slug = headline.to_lowercase().replace(' ', "-"),
    )
}

fn harbor_page() -> String {
    page(
        "Council delays harbor vote",
        &[
            "The Kestrel Harbor council postponed its vote on the new ferry terminal on Monday, after a long and heated session that ran past midnight.",
            "\u{201c}We need more time to study the costs,\u{201d} council chairman Peter Lund said after the meeting, adding that the delay would last two weeks.",
            "Residents who live near the harbor have complained for months about the noise of construction and the traffic it would bring to the old town.",
            "The mayor's office said in a statement that it respected the council's decision and would publish the engineers' report before the next session.",
        ],
    )
}

/// Every stdout line is one whole JSON object: no partial line, ever.
fn json_lines(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}")))
        .collect()
}

fn warc(records: &[(&str, String)], gzip: bool) -> Vec<u8> {
    let mut w = sourcetrace_ingest::warc_writer::WarcWriter::new(Vec::new(), gzip);
    w.warcinfo("2026-03-05T00:00:00Z").expect("warcinfo");
    for (url, html) in records {
        w.html_response(url, "2026-03-05T01:00:00Z", html.as_bytes())
            .expect("record");
    }
    w.finish().expect("finish")
}

#[test]
fn an_html_page_gives_its_body_and_metadata() {
    let dir = tempfile::tempdir().expect("tmp");
    let p = write(dir.path(), "harbor.html", harbor_page().as_bytes());
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&p)
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert!(schema().is_valid(&doc), "{doc}");
    assert_eq!(doc["id"], "harbor");
    assert_eq!(doc["title"], "Council delays harbor vote");
    assert_eq!(doc["outlet"], "Harbor Gazette");
    assert_eq!(doc["language"], "en");
    assert_eq!(
        doc["url"],
        "https://harbor.example/news/council-delays-harbor-vote"
    );
    assert_eq!(doc["published"], "2026-03-04");
    assert_eq!(doc["published_provenance"], "metadata");
    let cues: Vec<&str> = doc["attributions"]
        .as_array()
        .expect("attributions")
        .iter()
        .filter_map(|a| a["cue"]["text"].as_str())
        .collect();
    assert!(cues.contains(&"said"), "{cues:?}");
    let text = serde_json::to_string(&doc).expect("json");
    assert!(!text.contains("newsletter"), "furniture left out: {text}");
}

#[test]
fn a_warc_archive_gives_one_document_per_page_in_order() {
    let dir = tempfile::tempdir().expect("tmp");
    let other = page(
        "Ferry fares to rise",
        &["Ferry fares will rise by ten percent in April, the operator Nordlink told the Harbor Gazette on Tuesday, blaming the price of fuel and the cost of new ships."],
    );
    let bytes = warc(
        &[
            ("https://harbor.example/a", harbor_page()),
            ("https://harbor.example/b", other),
        ],
        true,
    );
    let p = write(dir.path(), "crawl.warc.gz", &bytes);
    for jobs in ["1", "2"] {
        let r = run(sourcetrace()
            .arg("extract")
            .arg(&p)
            .args(["--format", "jsonl", "--jobs", jobs]));
        assert_eq!(r.code, 0, "{}", r.stderr);
        let docs = json_lines(&r.stdout);
        assert_eq!(docs.len(), 2);
        // Record 1 is the warcinfo, then each page is a request and a response.
        assert_eq!(docs[0]["id"], "crawl#3");
        assert_eq!(docs[1]["title"], "Ferry fares to rise");
        assert!(docs[1]["origin"]
            .as_str()
            .is_some_and(|o| o.ends_with("crawl.warc.gz#5")));
        assert!(
            r.stderr.contains("2 documents analysed, 0 failed"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn jsonl_and_feeds_are_read_record_by_record() {
    let dir = tempfile::tempdir().expect("tmp");
    let jsonl = concat!(
        r#"{"id": "a1", "text": "The mayor said the bridge would reopen in May.", "outlet": "Harbor Gazette", "published": "2026-03-04"}"#,
        "\n",
        r#"{"id": "a2", "html": "<p>Officials said the ferry would run again on Friday.</p>", "url": "https://harbor.example/a2"}"#,
        "\n",
    );
    let p = write(dir.path(), "batch.jsonl", jsonl.as_bytes());
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&p)
        .args(["--format", "jsonl"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = json_lines(&r.stdout);
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], "a1");
    assert_eq!(docs[0]["outlet"], "Harbor Gazette");
    assert_eq!(docs[0]["published_provenance"], "metadata");
    assert_eq!(docs[1]["url"], "https://harbor.example/a2");

    let feed = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Gazette</title>
<item><title>Bridge to reopen</title><link>https://harbor.example/bridge</link>
<pubDate>Wed, 04 Mar 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;The mayor said on Tuesday that the bridge would reopen in May.&lt;/p&gt;</description></item>
</channel></rss>"#;
    let p = write(dir.path(), "feed.xml", feed.as_bytes());
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&p)
        .args(["--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let doc = &docs[0];
    assert_eq!(doc["title"], "Bridge to reopen");
    assert_eq!(doc["published"], "2026-03-04");
    assert_eq!(doc["attributions"][0]["when"]["value"], "2026-03-03");
}

#[test]
fn a_directory_is_read_recursively() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::create_dir_all(dir.path().join("sub")).expect("mkdir");
    write(
        dir.path(),
        "a.txt",
        b"The mayor said the bridge would reopen in May.\n",
    );
    write(dir.path(), "sub/b.html", harbor_page().as_bytes());
    let r = run(sourcetrace()
        .arg("extract")
        .arg(dir.path())
        .args(["--format", "jsonl"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ids: Vec<String> = json_lines(&r.stdout)
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

/// Runs `extract` on one good page plus `bad`, and returns the run.
fn with_one_bad(name: &str, bad: &[u8], extra: &[&str]) -> (Run, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tmp");
    let good = write(dir.path(), "good.html", harbor_page().as_bytes());
    let bad = write(dir.path(), name, bad);
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&good)
        .arg(&bad)
        .args(["--format", "jsonl"])
        .args(extra));
    (r, dir)
}

fn assert_one_failure(r: &Run, needle: &str) {
    assert_eq!(r.code, 1, "some documents failed: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let errors: Vec<&str> = r
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert!(errors[0].contains(needle), "{needle:?} in {}", r.stderr);
    assert!(
        r.stderr.contains("1 document analysed, 1 failed"),
        "{}",
        r.stderr
    );
    assert_eq!(
        json_lines(&r.stdout).len(),
        1,
        "the good page is still there"
    );
}

#[test]
fn a_truncated_gzip_member_is_named() {
    let bytes = warc(&[("https://harbor.example/a", harbor_page())], true);
    let cut = &bytes[..bytes.len() - 40];
    let (r, _dir) = with_one_bad("cut.warc.gz", cut, &[]);
    assert_one_failure(&r, "cut.warc.gz");
    assert!(r.stderr.contains("truncated"), "{}", r.stderr);
}

#[test]
fn a_warc_record_with_a_wrong_length_is_named() {
    let record = "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.example/\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>short</p>\r\n\r\n";
    let (r, _dir) = with_one_bad("bad.warc", record.as_bytes(), &[]);
    assert_one_failure(&r, "bad.warc: record 1 (offset 0)");
}

#[test]
fn a_feed_that_is_not_xml_is_named() {
    let (r, _dir) = with_one_bad(
        "broken.rss",
        b"<?xml version=\"1.0\"?><rss><channel><item><title>Unclosed</channel>",
        &[],
    );
    assert_one_failure(&r, "broken.rss");
}

#[test]
fn an_empty_body_is_named() {
    let (r, _dir) = with_one_bad(
        "blank.html",
        b"<html><body><nav><a href=\"/\">Home</a></nav></body></html>",
        &[],
    );
    assert_one_failure(&r, "blank.html");
}

#[test]
fn binary_data_is_named() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let (r, _dir) = with_one_bad("noise.bin", &bytes, &["--lossy"]);
    assert_one_failure(&r, "noise.bin");
    assert!(r.stderr.contains("binary"), "{}", r.stderr);
}

#[test]
fn a_page_of_200_megabytes_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().expect("tmp");
    let huge = dir.path().join("huge.html");
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(&huge).expect("create"));
        f.write_all(b"<html><body>").expect("write");
        let para = "<p>The council said the vote was postponed again.</p>\n".repeat(1000);
        while f.get_ref().metadata().map(|m| m.len()).unwrap_or(0) < 200 * 1024 * 1024 {
            f.write_all(para.as_bytes()).expect("write");
            f.flush().expect("flush");
        }
    }
    let good = write(dir.path(), "good.html", harbor_page().as_bytes());
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&good)
        .arg(&huge)
        .args(["--format", "jsonl"]));
    assert_one_failure(&r, "huge.html");
    assert!(r.stderr.contains("too large"), "{}", r.stderr);
}

#[test]
fn fail_fast_stops_at_the_first_failure_and_nothing_read_is_exit_2() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = write(dir.path(), "a-empty.txt", b"   \n");
    let good = write(dir.path(), "b-good.html", harbor_page().as_bytes());
    let r = run(sourcetrace().arg("extract").arg(&bad).arg(&good).args([
        "--format",
        "jsonl",
        "--fail-fast",
        "--jobs",
        "1",
    ]));
    assert_eq!(r.code, 2, "nothing was analysed: {}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("--fail-fast"), "{}", r.stderr);
    let r = run(sourcetrace()
        .arg("extract")
        .arg(&bad)
        .args(["--format", "jsonl"]));
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("a-empty.txt"), "{}", r.stderr);
}

#[test]
fn eval_clusters_scores_invented_bodies() {
    let dir = tempfile::tempdir().expect("tmp");
    let wind =
        "The harbor council postponed the Kestrel Bay wind farm vote after fishermen protested.";
    let wind2 =
        "Fishermen protests made the harbor council postpone its Kestrel Bay wind farm vote.";
    let library = "The university library will stay open until midnight during the exam season.";
    let library2 =
        "During the exam season the university library stays open until midnight, students said.";
    let bodies = format!(
        "Body ID,articleBody\n1,\"{wind}\"\n2,\"{library}\"\n3,\"{wind2}\"\n4,\"{library2}\"\n"
    );
    write(dir.path(), "bodies.csv", bodies.as_bytes());
    write(
        dir.path(),
        "claim_clusters.tsv",
        b"body_id\tcluster\n1\tw\n2\tl\n3\tw\n4\tl\n",
    );
    let r = run(sourcetrace()
        .args(["eval", "clusters"])
        .arg(dir.path())
        .args(["--statements", "none", "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(report["clusters"], 2);
    assert_eq!(report["gold_clusters"], 2);
    assert_eq!(report["bcubed"]["f1"], 1.0);

    let r = run(sourcetrace()
        .args(["eval", "clusters"])
        .arg(dir.path().join("missing")));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("bodies.csv"), "{}", r.stderr);
}

#[test]
fn ingest_is_idempotent_and_the_corpus_answers_queries() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("corpus.db");
    let db = db.to_str().expect("utf-8 path");
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).expect("mkdir");
    write(&inputs, "harbor.html", harbor_page().as_bytes());
    std::fs::copy(example(), inputs.join("kestrel.txt")).expect("copy");
    let r = run(sourcetrace().arg("ingest").arg(&inputs).args(["--db", db]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("2 stored, 0 already"), "{}", r.stderr);
    let r = run(sourcetrace().arg("ingest").arg(&inputs).args(["--db", db]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("0 stored, 2 already") && r.stderr.contains("(2 documents in all)"),
        "{}",
        r.stderr
    );

    let r = run(sourcetrace().args(["search", "costs", "--db", db, "--format", "jsonl"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let found = json_lines(&r.stdout);
    assert!(
        found.iter().any(|v| v["type"] == "statement"
            && v["source"]["name"] == "Peter Lund"
            && v["article"]["outlet"] == "Harbor Gazette"),
        "{}",
        r.stdout
    );
    let r = run(sourcetrace().args(["search", "zeppelin", "--db", db]));
    assert_eq!(r.code, 1, "nothing found is a negative answer");

    let r = run(sourcetrace().args([
        "sources",
        "--kind",
        "anonymous",
        "--db",
        db,
        "--format",
        "json",
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let sources: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert!(sources
        .as_array()
        .is_some_and(|a| !a.is_empty() && a.iter().all(|s| s["kind"] == "anonymous")));

    let r = run(sourcetrace().args(["timeline", "peter lund", "--db", db, "--format", "jsonl"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        json_lines(&r.stdout)[0]["article"]["title"],
        "Council delays harbor vote"
    );

    let foreign = write(
        dir.path(),
        "notes.db",
        b"these are my notes, not a database",
    );
    let r = run(sourcetrace()
        .arg("ingest")
        .arg(&inputs)
        .arg("--db")
        .arg(&foreign));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("notes.db"), "{}", r.stderr);
    assert_eq!(
        std::fs::read(&foreign).expect("read"),
        b"these are my notes, not a database",
        "a foreign file is left untouched"
    );
}

/// A wire story of our own, its agency's page, a portal's copy and an
/// unrelated article, as JSONL.
fn wire_corpus() -> String {
    let story =
        "PORTAVEN, May 6 (Reuters) - Fishermen blocked the harbor mouth with forty boats on \
        Monday to protest against the planned Kestrel Bay offshore wind farm, which they say would \
        close their richest fishing grounds for a decade. “We will stay in the harbor mouth until \
        the permit is withdrawn,” said Marta Ilves, who leads the fishermen's association. The \
        developer, Northwind Energy, said it had already moved the turbines twice to protect \
        spawning areas and promised to meet the association next week. Harbor officials said \
        ferries were delayed by two hours.";
    let other = "The city library will stay open until midnight during the exam season, the \
        university announced on Tuesday, after students collected more than three thousand \
        signatures asking for longer hours. “Students asked, and we listened,” said Joan Avery, \
        the head librarian. The extra evenings will cost about forty thousand euros.";
    let line = |id: &str, outlet: &str, published: &str, text: &str| {
        serde_json::json!({"id": id, "outlet": outlet, "published": published, "title": "Harbor blockade", "text": text})
            .to_string()
    };
    [
        line(
            "portal",
            "Yahoo News",
            "2024-05-06",
            &format!("{story} Read more on our site."),
        ),
        line("wire", "reuters.com", "2024-05-06", story),
        line("library", "Valley Courier", "2024-05-07", other),
    ]
    .join("\n")
}

#[test]
fn documents_a_bulk_run_left_unlinked_are_linked_by_the_next_ingest() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("corpus.db");
    // A --bulk run killed before its end: documents stored, not linked.
    let mut store = sourcetrace_store::Store::open_sqlite(&db).expect("store");
    store.defer_linking(true);
    let pages: Vec<sourcetrace_core::Document> = wire_corpus()
        .lines()
        .take(2)
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json");
            let mut doc = sourcetrace_core::Document::new(
                v["id"].as_str().unwrap_or(""),
                v["text"].as_str().unwrap_or(""),
            );
            doc.meta.outlet = v["outlet"].as_str().map(str::to_string);
            doc
        })
        .collect();
    store.put_batch(&pages).expect("put");
    drop(store);
    let db = db.to_str().expect("utf-8 path");
    let r = run(sourcetrace().args(["story", "--db", db, "--format", "json"]));
    assert_eq!(
        r.stdout.trim(),
        "[]",
        "no story before linking: {}",
        r.stdout
    );

    let input = write(
        dir.path(),
        "more.jsonl",
        wire_corpus().lines().nth(2).unwrap_or("").as_bytes(),
    );
    let r = run(sourcetrace().arg("ingest").arg(&input).args(["--db", db]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("linked 2 documents"), "{}", r.stderr);
    let r = run(sourcetrace().args(["story", "--db", db, "--format", "json"]));
    let stories: Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(stories[0]["size"], 2, "{stories:#?}");
}

#[test]
fn bulk_ingest_links_the_same_stories_and_claims_at_its_end() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = write(dir.path(), "corpus.jsonl", wire_corpus().as_bytes());
    let mut answers = Vec::new();
    for (name, bulk) in [("plain.db", false), ("bulk.db", true)] {
        let db = dir.path().join(name);
        let db = db.to_str().expect("utf-8 path");
        let mut ingest = sourcetrace();
        ingest.arg("ingest").arg(&input).args(["--db", db]);
        if bulk {
            ingest.arg("--bulk");
        }
        let r = run(&mut ingest);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(
            r.stderr.contains("linked"),
            bulk,
            "only a bulk run links at its end: {}",
            r.stderr
        );
        let story = run(sourcetrace().args(["story", "--db", db, "--format", "json"]));
        let trace =
            run(sourcetrace().args(["trace", "permit withdrawn", "--db", db, "--format", "json"]));
        assert_eq!(
            (story.code, trace.code),
            (0, 0),
            "{}{}",
            story.stderr,
            trace.stderr
        );
        answers.push((story.stdout, trace.stdout));
    }
    assert!(answers[0].0.contains("Reuters"), "{}", answers[0].0);
    assert_eq!(answers[0], answers[1]);
}

#[test]
fn stories_traces_and_exports_follow_a_wire_story() {
    let dir = tempfile::tempdir().expect("tmp");
    let db = dir.path().join("corpus.db");
    let db = db.to_str().expect("utf-8 path");
    let input = write(dir.path(), "corpus.jsonl", wire_corpus().as_bytes());
    let r = run(sourcetrace().arg("ingest").arg(&input).args(["--db", db]));
    assert_eq!(r.code, 0, "{}", r.stderr);

    let r = run(sourcetrace().args(["story", "--db", db, "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let stories: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let stories = stories.as_array().expect("array");
    assert_eq!(stories.len(), 1, "{stories:#?}");
    assert_eq!(stories[0]["agency"], "Reuters");
    assert_eq!(stories[0]["size"], 2);
    let original = stories[0]["members"]
        .as_array()
        .expect("members")
        .iter()
        .find(|m| m["original"] == true)
        .expect("an original");
    assert_eq!(original["outlet"], "reuters.com");
    let r = run(sourcetrace()
        .args(["story", "--db", db, "--format", "text"])
        .arg(stories[0]["story"].to_string()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("agency Reuters") && r.stdout.contains("Yahoo News"),
        "{}",
        r.stdout
    );
    let r = run(sourcetrace().args(["story", "999999", "--db", db]));
    assert_eq!(r.code, 1, "an unknown document is a negative answer");

    let like = write(
        dir.path(),
        "like.txt",
        wire_corpus()
            .lines()
            .next()
            .map(|l| {
                serde_json::from_str::<Value>(l).expect("json")["text"]
                    .as_str()
                    .unwrap_or("")
                    .to_string()
            })
            .unwrap_or_default()
            .as_bytes(),
    );
    let r = run(sourcetrace()
        .args(["story", "--db", db, "--format", "jsonl", "--like"])
        .arg(&like));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json_lines(&r.stdout).len(), 2, "{}", r.stdout);

    let r = run(sourcetrace().args(["trace", "permit withdrawn", "--db", db, "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let traces: Value = serde_json::from_str(&r.stdout).expect("JSON");
    let claim = &traces[0];
    assert_eq!(
        claim["statements"].as_array().map(Vec::len),
        Some(2),
        "{claim:#}"
    );
    assert_eq!(claim["named_source"], true);
    let origin = &claim["tree"][0];
    assert_eq!(origin["name"], "Marta Ilves", "{claim:#}");
    // The agency's page carries the statement directly; the portal through the wire story.
    let text = serde_json::to_string(origin).expect("json");
    assert!(text.contains("\"node\":\"wire\""), "{text}");
    let r = run(sourcetrace().args(["trace", "permit withdrawn", "--db", db, "--format", "text"]));
    assert!(
        r.stdout.contains("└── ") && r.stdout.contains("Reuters [wire story]"),
        "{}",
        r.stdout
    );
    let r = run(sourcetrace().args(["trace", "zeppelin", "--db", db]));
    assert_eq!(r.code, 1);

    let r = run(sourcetrace().args([
        "export",
        "--query",
        "permit withdrawn",
        "--to",
        "graphml",
        "--db",
        db,
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("<graphml") && r.stdout.contains("Marta Ilves"),
        "{}",
        r.stdout
    );
    let r = run(sourcetrace().args(["export", "--to", "dot", "--db", db]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.starts_with("digraph") && r.stdout.contains("Joan Avery"),
        "{}",
        r.stdout
    );
    let out = dir.path().join("graph");
    let r = run(sourcetrace()
        .args(["export", "--to", "csv", "--db", db, "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let edges = std::fs::read_to_string(out.join("edges.csv")).expect("edges.csv");
    assert!(
        edges.starts_with("Source,Target,relation,Weight"),
        "{edges}"
    );
    assert!(std::fs::read_to_string(out.join("nodes.csv"))
        .expect("nodes.csv")
        .contains("outlet:reuters"));
    let r = run(sourcetrace().args(["export", "--to", "json", "--claim", "424242", "--db", db]));
    assert_eq!(r.code, 1, "an unknown claim exports nothing");
}

/// Articles of our own for the crash test: distinct texts with quoted and
/// reported statements, every fifth one republished by another outlet.
fn crash_corpus(n: usize) -> String {
    const TOPICS: [&str; 6] = ["bridge", "ferry", "harbor", "railway", "tunnel", "market"];
    const PEOPLE: [&str; 5] = [
        "Marta Ilves",
        "Joan Avery",
        "Peter Lund",
        "Ada Okafor",
        "Li Wen",
    ];
    let mut lines = Vec::new();
    for i in 0..n {
        let topic = TOPICS[i % TOPICS.len()];
        let person = PEOPLE[i % PEOPLE.len()];
        let text = format!(
            "The council of district {i} voted on the {topic} plan on Monday.\n\n\
             “The {topic} repairs in district {i} will cost {} million crowns and take {} months,” \
             said {person}, who chairs the works committee. Officials said the {topic} would stay \
             open during the repairs, and residents of district {i} said they feared delays of up \
             to {} weeks because the last contractor had left the site in {}.",
            i * 3 + 7,
            i % 11 + 2,
            i % 5 + 3,
            1990 + i % 30
        );
        let line = |outlet: &str| {
            serde_json::json!({"id": format!("{outlet}-{i}"), "outlet": outlet, "text": text})
                .to_string()
        };
        lines.push(line("Harbor Gazette"));
        if i % 5 == 0 {
            lines.push(line("Valley Courier"));
        }
    }
    lines.join("\n")
}

/// Each stored document's name, key and statement count.
type StoredRows = Vec<(String, String, i64)>;

/// What a store holds, for comparing runs: each document's name and key,
/// how many statements it has, and the documents grouped by story.
fn store_contents(db: &Path) -> (StoredRows, Vec<Vec<String>>) {
    let conn = rusqlite::Connection::open(db).expect("open store");
    let mut docs: StoredRows = conn
        .prepare(
            "SELECT d.name, d.content_hash, \
             (SELECT count(*) FROM attributions a WHERE a.document_id = d.id) \
             FROM documents d ORDER BY d.name",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    docs.sort();
    let mut stories: Vec<Vec<String>> = conn
        .prepare("SELECT group_concat(name, ' ') FROM (SELECT s.story_id, d.name FROM documents d JOIN story_members s ON s.document_id = d.id ORDER BY d.name) GROUP BY story_id")
        .expect("prepare")
        .query_map([], |r| r.get::<_, String>(0))
        .expect("query")
        .map(|s| {
            let mut names: Vec<String> = s.expect("row").split(' ').map(str::to_string).collect();
            names.sort();
            names
        })
        .collect();
    stories.sort();
    (docs, stories)
}

/// `sourcetrace ingest` killed with SIGKILL at pseudo-random moments, then
/// run again to the end, leaves exactly what one clean run leaves: the same
/// documents, each whole, none twice, in the same stories.
#[test]
fn ingest_killed_at_random_moments_resumes_to_one_clean_run() {
    let dir = tempfile::tempdir().expect("tmp");
    let input = write(dir.path(), "corpus.jsonl", crash_corpus(150).as_bytes());
    let clean = dir.path().join("clean.db");
    let started = std::time::Instant::now();
    let r = run(sourcetrace()
        .arg("ingest")
        .arg(&input)
        .args(["--batch", "7", "--jobs", "2", "--db"])
        .arg(&clean));
    // Kills land within the time one clean run takes on this machine (a
    // release build ingests the corpus in a fraction of a debug build's time).
    let clean_ms = started.elapsed().as_millis().max(20) as u64;
    assert_eq!(r.code, 0, "{}", r.stderr);
    let expected = store_contents(&clean);
    assert_eq!(expected.0.len(), 180);
    assert!(
        expected.1.iter().any(|s| s.len() == 2),
        "republications share a story"
    );

    let crashed = dir.path().join("crashed.db");
    let mut state: u64 = 0x5eed;
    let mut killed = 0;
    for _ in 0..6 {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("sourcetrace"))
            .arg("ingest")
            .arg(&input)
            .args(["--batch", "7", "--jobs", "2", "--quiet", "--db"])
            .arg(&crashed)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let wait = clean_ms / 20 + (state >> 33) % (clean_ms * 9 / 10);
        std::thread::sleep(std::time::Duration::from_millis(wait));
        if child.try_wait().expect("poll").is_none() {
            child.kill().expect("SIGKILL");
            killed += 1;
        }
        child.wait().expect("reap");
    }
    let r = run(sourcetrace()
        .arg("ingest")
        .arg(&input)
        .args(["--batch", "7", "--jobs", "2", "--db"])
        .arg(&crashed));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(store_contents(&crashed), expected, "after {killed} kills");
    assert!(
        killed > 0,
        "no run was killed: the corpus is too small for this machine"
    );
}
