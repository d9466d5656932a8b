//! Throughput of the WARC reader on a Common Crawl-like file.
//!
//! Builds a WARC of about `MB` megabytes (default 200) in a temporary
//! directory from the HTML pages of a directory (`*.html` or `*.html.gz`,
//! read in place, repeated with distinct URLs), one gzip member per record as
//! Common Crawl writes them, and an uncompressed copy; then times reading all
//! records (gzip, WARC and HTTP parsing, charset decoding to `String`).
//!
//! ```sh
//! cargo run --release -p sourcetrace-ingest --example warc_throughput -- \
//!     ../shared/data/article-extraction-benchmark/html 200
//! # with the `warc` crate read over the same files, for comparison:
//! cargo run --release -p sourcetrace-ingest --features compare-warc-crate \
//!     --example warc_throughput -- ../shared/data/article-extraction-benchmark/html 200
//! ```
//!
//! A third argument (`OUT.warc.gz`) keeps the gzip WARC, so that the whole
//! pipeline can be timed on it: `sourcetrace extract OUT.warc.gz > /dev/null`.
//!
//! MB/s are megabytes (10^6 bytes) of the uncompressed WARC per second.

use std::error::Error;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read};
use std::path::{Path, PathBuf};
use std::time::Instant;

use flate2::read::{GzDecoder, MultiGzDecoder};
use sourcetrace_ingest::warc_writer::WarcWriter;
use sourcetrace_ingest::{Ingest, Input};

fn main() -> Result<(), Box<dyn Error>> {
    let mut arguments = std::env::args().skip(1);
    let directory = PathBuf::from(
        arguments
            .next()
            .ok_or("usage: warc_throughput HTML_DIR [MB] [OUT.warc.gz]")?,
    );
    let megabytes: u64 = arguments.next().map_or(Ok(200), |mb| mb.parse())?;
    // A third argument keeps the gzip WARC there, for timing `sourcetrace extract` on it.
    let keep = arguments.next().map(PathBuf::from);
    let pages = load_pages(&directory)?;
    if pages.is_empty() {
        return Err(format!("no *.html or *.html.gz file in {}", directory.display()).into());
    }
    let temporary = tempfile::tempdir()?;
    let gzip_path = temporary.path().join("bench.warc.gz");
    let plain_path = temporary.path().join("bench.warc");
    let (articles, warc_bytes) =
        write_warc(&pages, megabytes * 1_000_000, &gzip_path, &plain_path)?;
    let gzip_bytes = fs::metadata(&gzip_path)?.len();
    if let Some(keep) = &keep {
        fs::copy(&gzip_path, keep)?;
        println!("kept the gzip WARC as {}", keep.display());
    }
    println!(
        "{} pages repeated: {articles} articles, {:.1} MB of WARC, {:.1} MB gzip (one member per record)",
        pages.len(),
        mb(warc_bytes),
        mb(gzip_bytes)
    );
    let report = |label: &str, seconds: f64, count: u64| {
        println!(
            "{label:<44} {:>7.1} MB/s  {:>8.0} articles/s  ({count} records, {seconds:.2} s)",
            mb(warc_bytes) / seconds,
            count as f64 / seconds
        );
    };

    let (seconds, _) = timed(|| {
        let mut decoder = MultiGzDecoder::new(BufReader::new(File::open(&gzip_path)?));
        io::copy(&mut decoder, &mut io::sink())
    })?;
    report("gzip decompression alone (flate2)", seconds, 0);

    for (label, path) in [
        ("sourcetrace-ingest, .warc.gz", &gzip_path),
        ("sourcetrace-ingest, .warc", &plain_path),
    ] {
        let (seconds, count) = timed(|| read_all(path))?;
        assert_eq!(count, articles, "every article read back");
        report(label, seconds, count);
    }

    #[cfg(feature = "compare-warc-crate")]
    for (label, path, gzip) in [
        (
            "warc crate 0.4, .warc.gz (flate2 MultiGz)",
            &gzip_path,
            true,
        ),
        ("warc crate 0.4, .warc", &plain_path, false),
    ] {
        let (seconds, count) = timed(|| warc_crate_read_all(path, gzip))?;
        assert_eq!(count, articles, "every response read back");
        report(label, seconds, count);
    }
    Ok(())
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn timed<T>(run: impl FnOnce() -> io::Result<T>) -> io::Result<(f64, T)> {
    let start = Instant::now();
    let value = run()?;
    Ok((start.elapsed().as_secs_f64(), value))
}

/// The pages of a directory, gzip-compressed or not, sorted by name.
fn load_pages(directory: &Path) -> io::Result<Vec<(String, Vec<u8>)>> {
    let mut paths: Vec<PathBuf> = fs::read_dir(directory)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<io::Result<_>>()?;
    paths.sort();
    let mut pages = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let mut html = Vec::new();
        if name.ends_with(".html.gz") {
            GzDecoder::new(File::open(&path)?).read_to_end(&mut html)?;
        } else if name.ends_with(".html") {
            html = fs::read(&path)?;
        } else {
            continue;
        }
        pages.push((name, html));
    }
    Ok(pages)
}

/// Writes the pages over and over until `target` bytes of WARC; returns the
/// number of articles and the uncompressed size.
fn write_warc(
    pages: &[(String, Vec<u8>)],
    target: u64,
    gzip: &Path,
    plain: &Path,
) -> io::Result<(u64, u64)> {
    let mut gzip_writer = WarcWriter::new(BufWriter::new(File::create(gzip)?), true);
    let mut plain_writer = WarcWriter::new(BufWriter::new(File::create(plain)?), false);
    gzip_writer.warcinfo("2024-01-02T03:04:05Z")?;
    plain_writer.warcinfo("2024-01-02T03:04:05Z")?;
    let mut articles = 0;
    let mut round = 0;
    loop {
        for (name, html) in pages {
            let url = format!("https://bench.example/{round}/{name}");
            let date = "2024-01-02T03:04:05Z";
            gzip_writer.html_response(&url, date, html)?;
            plain_writer.html_response(&url, date, html)?;
            articles += 1;
        }
        round += 1;
        plain_writer = WarcWriter::new(plain_writer.finish()?, false);
        if fs::metadata(plain)?.len() >= target {
            break;
        }
    }
    gzip_writer.finish()?;
    plain_writer.finish()?;
    Ok((articles, fs::metadata(plain)?.len()))
}

/// Reads every record and touches its text, so that nothing is optimised away.
fn read_all(path: &Path) -> io::Result<u64> {
    let mut count = 0;
    let mut characters = 0;
    for result in Ingest::new().open(&Input::Path(path.to_path_buf())) {
        let record = result.map_err(|error| io::Error::other(error.to_string()))?;
        characters += record.payload.as_str().len();
        count += 1;
    }
    assert!(characters > 0);
    Ok(count)
}

/// The `warc` crate's buffered records, HTML responses counted; the HTTP
/// header is split off and the body decoded as UTF-8 (lossily) to do
/// comparable work.
#[cfg(feature = "compare-warc-crate")]
fn warc_crate_read_all(path: &Path, gzip: bool) -> io::Result<u64> {
    use warc::{RecordType, WarcReader};
    let file = File::open(path)?;
    let reader: Box<dyn Read> = if gzip {
        Box::new(MultiGzDecoder::new(BufReader::new(file)))
    } else {
        Box::new(file)
    };
    let mut count = 0;
    let mut characters = 0;
    for record in WarcReader::new(BufReader::with_capacity(256 * 1024, reader)).iter_records() {
        let record = record.map_err(|error| io::Error::other(error.to_string()))?;
        if *record.warc_type() != RecordType::Response {
            continue;
        }
        let body = record.body();
        let start = memchr_crlf2(body).unwrap_or(0);
        characters += String::from_utf8_lossy(&body[start..]).len();
        count += 1;
    }
    assert!(characters > 0);
    Ok(count)
}

#[cfg(feature = "compare-warc-crate")]
fn memchr_crlf2(body: &[u8]) -> Option<usize> {
    body.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4)
}
