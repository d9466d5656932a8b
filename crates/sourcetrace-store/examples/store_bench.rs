//! Insert throughput and query latency of a store, on synthetic articles.
//!
//! ```text
//! cargo run --release -p sourcetrace-store --example store_bench -- SPEC [COUNT] [BATCH]
//! ```
//!
//! SPEC is a store spec (`/tmp/bench.db`, `postgres://…`); it should name a
//! new, empty store. Each article joins five synthetic documents (about
//! 1,200 characters, 12 attributions, 10 entities, 5 credits). The first
//! half is stored one document per transaction, the second half BATCH
//! documents per transaction (default 100). Then it times a search, a
//! statement query, a sources query and a timeline.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use sourcetrace_core::{Document, Span};
use sourcetrace_store::{SourceFilter, Store};
use std::process::ExitCode;
use std::time::Instant;

/// Five synthetic documents joined into one article, spans shifted.
fn article(i: u64) -> Document {
    let parts: Vec<Document> = (0..5).map(|k| synthetic::document(i * 5 + k)).collect();
    let mut doc = parts[0].clone();
    doc.id = format!("article-{i}");
    for part in &parts[1..] {
        doc.text.push_str("\n\n");
        let shift = doc.text.len();
        doc.text.push_str(&part.text);
        let moved = |s: Span| Span::new(s.start + shift, s.end + shift);
        for a in &part.attributions {
            let mut a = a.clone();
            a.cue = moved(a.cue);
            a.content.span = moved(a.content.span);
            if let Some(s) = a.source.as_mut() {
                s.span = moved(s.span);
            }
            if let Some(w) = a.when.as_mut() {
                w.span = moved(w.span);
            }
            doc.attributions.push(a);
        }
        for e in &part.entities {
            let mut e = e.clone();
            e.mentions = e.mentions.iter().map(|&m| moved(m)).collect();
            doc.entities.push(e);
        }
        for c in &part.credits {
            let mut c = c.clone();
            c.span = moved(c.span);
            doc.credits.push(c);
        }
    }
    doc
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(spec) = args.first() else {
        eprintln!("usage: store_bench SPEC [COUNT] [BATCH]");
        return ExitCode::from(2);
    };
    let count: u64 = args.get(1).and_then(|c| c.parse().ok()).unwrap_or(10_000);
    let batch: u64 = args
        .get(2)
        .and_then(|b| b.parse().ok())
        .unwrap_or(100)
        .max(1);
    match run(spec, count, batch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::from(2)
        }
    }
}

fn run(spec: &str, count: u64, batch: u64) -> Result<(), sourcetrace_store::StoreError> {
    let mut store = Store::open(spec)?;
    let before = store.count()?;
    let docs: Vec<Document> = (0..count).map(article).collect();
    let chars: usize = docs.iter().map(|d| d.text.chars().count()).sum();
    let attributions: usize = docs.iter().map(|d| d.attributions.len()).sum();
    println!(
        "{count} articles, {:.0} characters and {:.1} attributions each on average",
        chars as f64 / count as f64,
        attributions as f64 / count as f64
    );
    let half = usize::try_from(count / 2).unwrap_or(0);

    let started = Instant::now();
    for doc in &docs[..half] {
        store.put_document(doc)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "one per transaction: {half} articles in {seconds:.2} s = {:.0} articles/s",
        half as f64 / seconds
    );

    let started = Instant::now();
    let rest = &docs[half..];
    for chunk in rest.chunks(usize::try_from(batch).unwrap_or(1)) {
        store.put_batch(chunk)?;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{batch} per transaction: {} articles in {seconds:.2} s = {:.0} articles/s",
        rest.len(),
        rest.len() as f64 / seconds
    );

    let started = Instant::now();
    store.optimize()?;
    println!("optimize: {:.2} s", started.elapsed().as_secs_f64());

    let stored = store.count()? - before;
    assert_eq!(stored, count, "every article stored once");
    let started = Instant::now();
    let again = store.put_batch(&docs[..half.min(1000)])?;
    let seconds = started.elapsed().as_secs_f64();
    assert!(again.iter().all(|o| !o.is_inserted()));
    println!(
        "rerun (already stored): {} articles in {seconds:.2} s = {:.0} articles/s",
        again.len(),
        again.len() as f64 / seconds
    );

    let time =
        |label: &str, f: &mut dyn FnMut() -> Result<usize, sourcetrace_store::StoreError>| {
            let started = Instant::now();
            let n = f()?;
            println!(
                "{label}: {n} results in {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
            Ok::<(), sourcetrace_store::StoreError>(())
        };
    time("search \"ferry district\" (limit 20)", &mut || {
        let r = store.search("ferry district", 20)?;
        Ok(r.statements.len() + r.articles.len())
    })?;
    time("attributions_matching \"stadium budget\"", &mut || {
        Ok(store.attributions_matching("stadium budget")?.len())
    })?;
    time("sources (all)", &mut || {
        Ok(store.sources(&SourceFilter::default())?.len())
    })?;
    time("timeline \"Joan Avery\"", &mut || {
        Ok(store.timeline("Joan Avery")?.len())
    })?;
    Ok(())
}
