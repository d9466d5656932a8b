//! Any bytes through the Reuters SGML reader (elements, entities, dates). The first byte
//! picks a 256-byte record limit (so that elements over it are skipped).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcetrace_ingest::{Format, Ingest};

fuzz_target!(|data: &[u8]| {
    let options = data.first().copied().unwrap_or(0);
    let limit = if options & 1 == 1 { 256 } else { 1 << 20 };
    let ingest = Ingest::new()
        .format(Some(Format::Sgml))
        .max_record_bytes(limit);
    for result in ingest.read("fuzz", std::io::Cursor::new(data.to_vec())) {
        match result {
            // Every message names the input.
            Err(error) => assert!(error.to_string().starts_with("fuzz")),
            Ok(record) => assert!(!record.payload.as_str().trim().is_empty()),
        }
    }
});
