//! Development tool: tag stdin and print one expression per line.
//!
//! ```text
//! echo "Kommersant reported on Saturday." | cargo run -p sourcetrace-time --example tag -- 2021-07-20
//! ```
//!
//! Without a date argument the publication date is inferred (and printed with its evidence).

use sourcetrace_time::{infer_publication_date, parse_date, TimeTagger};
use std::io::Read;

fn main() {
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
    let tagger = TimeTagger::new();
    let dct = std::env::args().nth(1).and_then(|d| parse_date(&d).ok());
    if dct.is_none() {
        match infer_publication_date(&text, &tagger) {
            Some(inferred) => {
                println!("inferred publication date {}", inferred.date);
                for e in &inferred.evidence {
                    println!("  because {}", e.reason);
                }
            }
            None => println!("no publication date inferred"),
        }
    }
    for e in tagger.tag(&text, dct) {
        println!(
            "{}..{}\t{}\t{}\t{}",
            e.span.start,
            e.span.end,
            e.kind,
            e.value,
            e.span.slice(&text)
        );
    }
}
