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
    assert_eq!(r.code, 2);
    assert!(r.stderr.starts_with("error: "), "{}", r.stderr);
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    assert_eq!(
        r.stdout.lines().count(),
        1,
        "the good input is still processed"
    );
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let r = run(sourcetrace().arg("extract").arg(dir.path()));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
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
    assert!(r.stderr.contains("empty.txt: empty input"), "{}", r.stderr);
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
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    let bin = write(dir.path(), "noise.bin", &bytes);
    let r = run(sourcetrace().arg("extract").arg(&bin).arg("--lossy"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
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
