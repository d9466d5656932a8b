//! Print the metadata (JSON) and body of HTML pages: `cargo run --example page -- PAGE.html...`.

use sourcetrace_html::{decode, HtmlExtractor};

fn main() {
    let extractor = HtmlExtractor::new();
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {path}: {e}");
                continue;
            }
        };
        let html = decode(&bytes);
        let metadata = extractor.metadata(&html, None);
        println!("== {path}");
        println!("{}", serde_json::to_string(&metadata).unwrap_or_default());
        match extractor.extract(&html, None) {
            Ok(article) => println!("{}", article.body),
            Err(e) => println!("(no body: {e})"),
        }
    }
}
