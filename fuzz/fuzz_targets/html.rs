//! Any bytes as an HTML page: decoding, metadata and body extraction never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sourcetrace_html::{decode, HtmlExtractor};

fuzz_target!(|data: &[u8]| {
    let html = decode(data);
    let extractor = HtmlExtractor::new();
    if let Ok(article) = extractor.extract(&html, Some("https://www.example.com/a")) {
        // Paragraphs are separated by one blank line, never more, never empty.
        assert!(!article.body.is_empty());
        assert!(!article.body.contains("\n\n\n"));
        assert_eq!(article.body.trim(), article.body);
    }
    let _ = extractor.metadata(&html, None);
});
