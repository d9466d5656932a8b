//! Duplicate detection at scale: signatures per second, index inserts per
//! second, and the latency of a duplicate lookup among N synthetic documents
//! made from real stories.
//!
//! ```sh
//! cargo run --release -p sourcetrace-corpus --example scale -- reuters-21578 1000000
//! ```
//!
//! The real stories are the `<BODY>` elements of the Reuters-21578 `.sgm`
//! files in the folder (Latin-1). Synthetic document `i` is made on the fly
//! from a seed (nothing is stored but signatures): 80% are new stories (the
//! head of one real story spliced to the tail of another, with 30% of the
//! words replaced, so that they share vocabulary but not text), 20% are copies
//! of an earlier synthetic document (3% of the words replaced, and half of
//! them truncated to 60-100% of their length).

use sourcetrace_corpus::{CopyMeta, DuplicateIndex, Signature};
use std::error::Error;
use std::time::Instant;

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
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

struct Corpus {
    stories: Vec<Vec<String>>,
    vocabulary: Vec<String>,
}

impl Corpus {
    /// The words of synthetic document `i`.
    fn words(&self, i: usize) -> Vec<String> {
        let mut rng = Rng(i as u64 ^ 0xdead_beef);
        if i > 0 && rng.chance(0.2) {
            let of = rng.below(i);
            let mut words = self.words(of);
            self.perturb(&mut words, 0.03, &mut rng);
            if rng.chance(0.5) {
                let keep = words.len() * (60 + rng.below(41)) / 100;
                words.truncate(keep.max(1));
            }
            return words;
        }
        let a = &self.stories[rng.below(self.stories.len())];
        let b = &self.stories[rng.below(self.stories.len())];
        let cut_a = rng.below(a.len()) + 1;
        let cut_b = rng.below(b.len());
        let mut words: Vec<String> = a[..cut_a].iter().chain(&b[cut_b..]).cloned().collect();
        self.perturb(&mut words, 0.3, &mut rng);
        words
    }

    fn perturb(&self, words: &mut [String], p: f64, rng: &mut Rng) {
        for w in words.iter_mut() {
            if rng.chance(p) {
                *w = self.vocabulary[rng.below(self.vocabulary.len())].clone();
            }
        }
    }
}

fn read_reuters(dir: &str) -> Result<Vec<Vec<String>>, Box<dyn Error>> {
    let mut stories = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path)?;
        let text: String = bytes.iter().map(|&b| char::from(b)).collect();
        for part in text.split("<BODY>").skip(1) {
            let body = part.split("</BODY>").next().unwrap_or("");
            let words: Vec<String> = body.split_whitespace().map(str::to_string).collect();
            if words.len() >= 30 {
                stories.push(words);
            }
        }
    }
    Ok(stories)
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<f64>().ok())
            })
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args.next().ok_or("usage: scale REUTERS_DIR [N]")?;
    let n: usize = args.next().map_or(Ok(1_000_000), |s| s.parse())?;
    let stories = read_reuters(&dir)?;
    let mut vocabulary: Vec<String> = stories.iter().flatten().cloned().collect();
    vocabulary.sort();
    vocabulary.dedup();
    println!(
        "{} real stories, {} distinct words",
        stories.len(),
        vocabulary.len()
    );
    let corpus = Corpus {
        stories,
        vocabulary,
    };
    let mut index = DuplicateIndex::default();
    let hasher = index.hasher().clone();

    // Signature speed alone, one thread, on texts made beforehand.
    let sample: Vec<String> = (0..20_000.min(n))
        .map(|i| corpus.words(i).join(" "))
        .collect();
    let bytes: usize = sample.iter().map(String::len).sum();
    let start = Instant::now();
    let mut shingles = 0u64;
    for text in &sample {
        shingles += u64::from(hasher.signature(text).shingles);
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "signature alone: {:.0} documents/s on one thread ({:.1} MB/s, {:.0} shingles each)",
        sample.len() as f64 / seconds,
        bytes as f64 / seconds / 1e6,
        shingles as f64 / sample.len() as f64
    );
    drop(sample);

    // Signatures, on every core.
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    let start = Instant::now();
    let mut words_total = 0usize;
    let chunks: Vec<(Vec<Signature>, usize)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let (corpus, hasher) = (&corpus, &hasher);
                scope.spawn(move || {
                    let mut out = Vec::new();
                    let mut words = 0;
                    let mut i = t;
                    while i < n {
                        let w = corpus.words(i);
                        words += w.len();
                        out.push(hasher.signature(&w.join(" ")));
                        i += threads;
                    }
                    (out, words)
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let sign_seconds = start.elapsed().as_secs_f64();
    words_total += chunks.iter().map(|c| c.1).sum::<usize>();
    println!(
        "signatures: {n} documents ({:.0} words each) in {sign_seconds:.1} s on {threads} threads: {:.0} documents/s ({:.0}/s per thread, text generation included)",
        words_total as f64 / n as f64,
        n as f64 / sign_seconds,
        n as f64 / sign_seconds / threads as f64
    );

    // Inserts, in document order.
    let start = Instant::now();
    let mut iters: Vec<_> = chunks.into_iter().map(|c| c.0.into_iter()).collect();
    for i in 0..n {
        let signature = iters[i % threads].next().ok_or("missing signature")?;
        index.insert(format!("d{i}"), &signature, CopyMeta::default())?;
    }
    let insert_seconds = start.elapsed().as_secs_f64();
    let stories = index.stories(2);
    let grouped: usize = stories.iter().map(|s| s.members.len()).sum();
    println!(
        "index: {n} inserts (lookup + union) in {insert_seconds:.1} s: {:.0} inserts/s; {} groups of 2+ holding {grouped} documents; RSS {:.0} MB",
        n as f64 / insert_seconds,
        stories.len(),
        rss_mb()
    );

    // Lookups: lightly edited copies of random stored documents.
    let mut rng = Rng(42);
    let mut sign_latency = Vec::new();
    let mut query_latency = Vec::new();
    let mut found = 0;
    let queries = 2000;
    for _ in 0..queries {
        let target = rng.below(n);
        let mut words = corpus.words(target);
        corpus.perturb(&mut words, 0.03, &mut rng);
        let text = words.join(" ");
        let t = Instant::now();
        let signature = hasher.signature(&text);
        sign_latency.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let copies = index.copies(&signature)?;
        query_latency.push(t.elapsed().as_secs_f64() * 1e3);
        if copies.iter().any(|m| m.document == target) {
            found += 1;
        }
    }
    let pct = |v: &mut Vec<f64>, q: f64| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[((v.len() - 1) as f64 * q) as usize]
    };
    println!(
        "lookup of an edited copy (3% of words replaced) among {n}: signature median {:.3} ms; index query median {:.3} ms, p99 {:.3} ms; the copied document found in {found}/{queries}",
        pct(&mut sign_latency, 0.5),
        pct(&mut query_latency, 0.5),
        pct(&mut query_latency, 0.99),
    );
    Ok(())
}
