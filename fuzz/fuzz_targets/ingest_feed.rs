//! Any bytes through the RSS/Atom feed reader (gzip removed first when the magic bytes say so).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcetrace_ingest::{Format, Ingest};

fuzz_target!(|data: &[u8]| {
    let ingest = Ingest::new()
        .format(Some(Format::Feed))
        .max_record_bytes(1 << 20);
    for result in ingest.read("fuzz", std::io::Cursor::new(data.to_vec())) {
        match result {
            // Every message names the input.
            Err(error) => assert!(error.to_string().starts_with("fuzz")),
            Ok(record) => assert!(!record.payload.as_str().trim().is_empty()),
        }
    }
});
