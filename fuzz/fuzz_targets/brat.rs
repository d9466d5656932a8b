//! Any brat standoff text through the PolNeAR gold reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(ann) = std::str::from_utf8(data) {
        let _ = sourcetrace_eval::polnear::parse_ann(ann);
    }
});
