//! Any TimeML text through the reader, the tagger and the writer.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcetrace_eval::tempeval::TimeMl;
use sourcetrace_time::{parse_date, TimeTagger};

fuzz_target!(|data: &[u8]| {
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(doc) = TimeMl::parse(raw) {
        let dct = doc.dct.as_deref().and_then(|d| parse_date(d).ok());
        let found = TimeTagger::new().tag(&doc.plain, dct);
        let written = doc.with_timexes(&found);
        // What we write must read back with the same text.
        let again = TimeMl::parse(&written).expect("our own TimeML parses");
        assert_eq!(again.plain, doc.plain);
    }
});
