//! Any text through the text layer, the rule extractor, the time tagger and the JSON output.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcetrace_attrib::{analyze, RuleExtractor};
use sourcetrace_time::{governing_expression, TimeTagger};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut doc = analyze(&RuleExtractor::new(), "fuzz", &text);
    let tagger = TimeTagger::new();
    let dct = tagger.infer(&text).map(|d| d.date);
    let times = tagger.tag(&text, dct);
    for att in &mut doc.attributions {
        att.when = governing_expression(&text, att.cue, &times).map(|t| t.when());
    }
    let json = serde_json::to_string(&doc.to_json()).expect("a document always serializes");
    assert!(json.starts_with('{'));
});
