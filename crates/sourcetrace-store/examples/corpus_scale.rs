//! The corpus at scale: a store of many articles generated from real ones
//! with perturbations, then the latency of duplicate lookups and traces.
//!
//! ```text
//! cargo run --release -p sourcetrace-store --example corpus_scale -- [--bulk] SPEC COUNT INPUT...
//! ```
//!
//! With `--bulk` the documents are stored unlinked and linked at the end in
//! one pass ([`Store::defer_linking`], as `sourcetrace ingest --bulk`);
//! without it each batch is linked as it is stored.
//!
//! SPEC names a new, empty store (`/tmp/scale.db`, `postgres://…`), or an
//! existing one to measure (COUNT 0) or to grow (with another
//! `CORPUS_SCALE_SEED` than the default 7, so the documents are new). INPUT
//! are article files in any format `sourcetrace ingest` reads (the Reuters
//! SGML files, a JSONL, a WARC); each article is analysed once (rules and
//! trained model, as `sourcetrace ingest`). Then COUNT documents are stored,
//! in batches of 1,000, each a perturbed copy of a random base article:
//!
//! - 25% are light copies (a republication: a few digits changed, another
//!   outlet, a "Read more" line appended), which the store must group with
//!   their base's other copies;
//! - 75% are heavy rewrites (half the words replaced by other words of the
//!   same length), which are new stories with new statements.
//!
//! Character positions are kept (every replacement has the same length), so
//! every span stays valid. Then it times 500 duplicate lookups
//! (`Store::copies_of` of a new light copy of a random base) and 200 traces
//! (`Store::trace` of two words of a random base statement), with the median
//! and the 95th percentile.

use sourcetrace_attrib::{analyze, TrainedExtractor, WithRuleExtras};
use sourcetrace_core::Document;
use sourcetrace_ingest::{expand_inputs, Ingest};
use sourcetrace_store::Store;
use std::collections::HashMap;
use std::error::Error;
use std::time::Instant;

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }
}

/// ASCII words of each length, to replace words with.
struct Vocabulary(HashMap<usize, Vec<String>>);

impl Vocabulary {
    fn of(docs: &[Document]) -> Self {
        let mut by_len: HashMap<usize, Vec<String>> = HashMap::new();
        for doc in docs.iter().take(2000) {
            for w in doc.text.split(|c: char| !c.is_ascii_alphabetic()) {
                if (3..=12).contains(&w.len()) {
                    let list = by_len.entry(w.len()).or_default();
                    if list.len() < 5000 && !list.iter().any(|x| x == w) {
                        list.push(w.to_string());
                    }
                }
            }
        }
        Vocabulary(by_len)
    }
}

/// A perturbed copy of `base`: same character positions, so the base's spans
/// still hold (then re-sliced: a source's name and the contents follow the text).
fn perturb(base: &Document, n: u64, light: bool, words: &Vocabulary, rng: &mut Rng) -> Document {
    let mut bytes = base.text.clone().into_bytes();
    if light {
        for b in bytes.iter_mut() {
            if b.is_ascii_digit() && rng.chance(0.05) {
                *b = b'0' + (rng.below(10) as u8);
            }
        }
    } else {
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_alphabetic() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let len = i - start;
                if let Some(list) = words.0.get(&len) {
                    if rng.chance(0.5) {
                        let w = &list[rng.below(list.len())];
                        bytes[start..i].copy_from_slice(w.as_bytes());
                    }
                }
            } else {
                i += 1;
            }
        }
    }
    let mut doc = base.clone();
    doc.text = String::from_utf8(bytes).unwrap_or_else(|_| base.text.clone());
    for a in &mut doc.attributions {
        if let Some(s) = a.source.as_mut() {
            s.name = s.span.slice(&doc.text).to_string();
        }
    }
    doc.id = format!("{}~{n}", base.id);
    let outlet = format!("outlet{:03}.example", rng.below(300));
    if light {
        doc.text.push_str(&format!("\n\nRead more at {outlet}."));
    }
    doc.meta.outlet = Some(outlet);
    doc.published = base.published.as_ref().map(|p| {
        let day = 1 + rng.below(28);
        format!("{}-{day:02}", p.get(..7).unwrap_or("1987-03"))
    });
    doc
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples.get(i).copied().unwrap_or(f64::NAN)
}

/// Time `lookups` duplicate lookups and `traces` traces on the store as it is.
fn measure(
    store: &mut Store,
    bases: &[Document],
    words: &Vocabulary,
    rng: &mut Rng,
    lookups: u64,
    traces: usize,
) -> Result<(), Box<dyn Error>> {
    let mut lookup_ms = Vec::new();
    let mut found_copies = 0usize;
    for n in 0..lookups {
        let base = &bases[rng.below(bases.len())];
        let probe = perturb(base, 10_000_000 + n, true, words, rng);
        let t = Instant::now();
        let copies = store.copies_of(&probe.text)?;
        lookup_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        found_copies += copies.len();
    }
    let mut trace_ms = Vec::new();
    let mut claims = 0usize;
    while trace_ms.len() < traces {
        let base = &bases[rng.below(bases.len())];
        let Some(a) = base
            .attributions
            .get(rng.below(base.attributions.len().max(1)))
        else {
            continue;
        };
        let content = a.content.span.slice(&base.text);
        let words: Vec<&str> = content
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 4)
            .collect();
        if words.len() < 2 {
            continue;
        }
        let query = format!(
            "{} {}",
            words[rng.below(words.len())],
            words[rng.below(words.len())]
        );
        let t = Instant::now();
        claims += store.trace(&query, 5)?.len();
        trace_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "  at {} documents: duplicate lookup median {:.2} ms, p95 {:.2} ms ({} lookups, {:.1} copies found on average); \
         trace median {:.2} ms, p95 {:.2} ms ({} queries, {:.1} claims on average)",
        store.count()?,
        percentile(&mut lookup_ms, 0.5),
        percentile(&mut lookup_ms, 0.95),
        lookups,
        found_copies as f64 / lookups.max(1) as f64,
        percentile(&mut trace_ms, 0.5),
        percentile(&mut trace_ms, 0.95),
        traces,
        claims as f64 / traces.max(1) as f64
    );
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let bulk = args.first().is_some_and(|a| a == "--bulk");
    if bulk {
        args.remove(0);
    }
    let [spec, count, inputs @ ..] = args.as_slice() else {
        return Err("usage: corpus_scale [--bulk] SPEC COUNT INPUT...".into());
    };
    let count: u64 = count.parse()?;
    let started = Instant::now();
    let extractor = WithRuleExtras::new(TrainedExtractor::embedded()?);
    let ingest = Ingest::new();
    let mut bases: Vec<Document> = Vec::new();
    for input in expand_inputs(inputs) {
        let input = input?;
        for record in ingest.open(&input) {
            let Ok(record) = record else { continue };
            let text = record.payload.as_str();
            if text.split_whitespace().count() < 40 {
                continue;
            }
            let id = record
                .meta
                .id
                .clone()
                .unwrap_or_else(|| format!("base{}", bases.len()));
            let mut doc = analyze(&extractor, &id, text);
            doc.meta.title = record.meta.title.clone();
            if doc.published.is_none() {
                doc.published = record
                    .meta
                    .published
                    .as_ref()
                    .map(|p| p.chars().take(10).collect());
            }
            bases.push(doc);
        }
    }
    if bases.is_empty() {
        return Err("no article of 40 words or more in the inputs".into());
    }
    let statements: usize = bases.iter().map(|d| d.attributions.len()).sum();
    println!(
        "{} base articles ({statements} statements) analysed in {:.1} s",
        bases.len(),
        started.elapsed().as_secs_f64()
    );
    let words = Vocabulary::of(&bases);
    let mut store = Store::open(spec)?;
    store.defer_linking(bulk);
    // Another seed makes other documents: grow an existing store with it.
    let seed = std::env::var("CORPUS_SCALE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(7);
    let mut rng = Rng(seed);
    let build = Instant::now();
    let mut done = 0u64;
    let mut batch = Vec::with_capacity(1000);
    while done < count {
        let base = &bases[rng.below(bases.len())];
        let light = rng.chance(0.25);
        batch.push(perturb(base, done, light, &words, &mut rng));
        done += 1;
        if batch.len() == 1000 || done == count {
            store.put_batch(&batch)?;
            batch.clear();
            if done % 50_000 == 0 || done == count {
                let s = build.elapsed().as_secs_f64();
                println!(
                    "  {done} stored in {s:.0} s ({:.0} articles/s)",
                    done as f64 / s
                );
            }
        }
    }
    if bulk {
        let stored = build.elapsed().as_secs_f64();
        let link = Instant::now();
        let report = store.link_pending()?;
        println!(
            "  stored unlinked in {stored:.0} s; linked {} documents and {} statements in {:.0} s",
            report.documents,
            report.statements,
            link.elapsed().as_secs_f64()
        );
    }
    let build_seconds = build.elapsed().as_secs_f64();
    store.optimize()?;
    println!(
        "built: {} documents in {build_seconds:.0} s ({:.0} articles/s, one writer)",
        store.count()?,
        count as f64 / build_seconds
    );
    measure(&mut store, &bases, &words, &mut rng, 500, 200)?;
    let stories = store.stories(2, 3)?;
    if let Some(s) = stories.first() {
        println!("largest story: {} documents", s.members.len());
    }
    Ok(())
}
