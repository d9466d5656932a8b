//! Inputs and outputs shared by the commands that read articles (`extract`, `times`).
//!
//! Every input a user may have goes through here: text files, HTML pages,
//! JSON lines, RSS/Atom feeds and (gzipped) WARC archives, given as files,
//! directories, glob patterns or `-`. `sourcetrace-ingest` turns them into
//! records; HTML records go through `sourcetrace-html` for their body and
//! metadata; the command's analysis runs on all cores; results are printed
//! in input order (or as they finish with `--unordered`).
//!
//! A record that fails gives one `error:` line naming the input and the
//! record, and the batch goes on (unless `--fail-fast`). Exit codes: 0 when
//! nothing failed, 1 when some documents failed, 2 when none could be read.

use crate::cli::{Format, InputArgs};
use crate::output;
use crate::parallel::{self, Flow};
use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use sourcetrace_core::{DateProvenance, PageMeta};
use sourcetrace_html::HtmlExtractor;
use sourcetrace_ingest::{
    expand_inputs, ErrorKind, GivenMetadata, Ingest, IngestError, Origin, Payload, Position, Record,
};
use sourcetrace_time::Date;
use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// One article ready for analysis: its text, what the input says about it,
/// and its publication date with where that date comes from.
#[derive(Debug)]
pub(crate) struct Article {
    /// The document id: a JSONL `id`, else the file stem (with `#N` for the
    /// Nth record of a multi-record input), or `stdin`.
    pub(crate) id: String,
    /// The text to analyse (for HTML, the extracted article body).
    pub(crate) text: String,
    /// Headline, URL, outlet, author, language, origin.
    pub(crate) meta: PageMeta,
    /// The publication date: `--published`, else the input's or the page's metadata.
    pub(crate) published: Option<(Date, DateProvenance)>,
}

/// Read every input of `args`, analyse each article with `analyse` on
/// `--jobs` threads, and print the results in the chosen format.
///
/// `write_text` prints one result for people.
pub(crate) fn run<T: Serialize + Send>(
    args: &InputArgs,
    format: Option<Format>,
    command: &str,
    analyse: impl Fn(&Article) -> T + Sync,
    mut write_text: impl FnMut(&mut dyn Write, &T) -> io::Result<()>,
) -> Result<ExitCode> {
    let format = output_format(format);
    // Standard output is line-buffered: every document line is written whole
    // before an error line about a later record reaches stderr.
    let mut out = io::stdout().lock();
    let mut pending: Vec<T> = Vec::new();
    let run = process(args, command, analyse, |result, _| {
        match format {
            Format::Text => write_text(&mut out, &result)?,
            Format::Jsonl => {
                serde_json::to_writer(&mut out, &result)?;
                writeln!(out)?;
            }
            Format::Json => pending.push(result),
        }
        Ok(())
    })?;
    if format == Format::Json {
        if pending.len() == 1 && !run.multi {
            output::write_json(&mut out, &pending[0])?;
        } else if !pending.is_empty() || run.failed == 0 {
            output::write_json(&mut out, &pending)?;
        }
    }
    out.flush()?;
    if run.failed > 0 || run.done > 1 {
        eprintln!("{command}: {}", run.summary("analysed"));
    }
    Ok(run.exit_code())
}

/// What a batch did: how many documents were analysed and how many failed.
pub(crate) struct BatchRun {
    /// Documents analysed and handed to the sink.
    pub(crate) done: usize,
    /// Inputs or records that failed (each reported on stderr).
    pub(crate) failed: usize,
    /// Some input held several records, or several inputs were given.
    multi: bool,
    stopped_early: bool,
    rate: String,
}

impl BatchRun {
    /// `12 documents analysed, 1 failed (3.2 MB in 1.0 s, 3.2 MB/s)`.
    pub(crate) fn summary(&self, verb: &str) -> String {
        format!(
            "{} document{} {verb}, {} failed{}{}",
            self.done,
            if self.done == 1 { "" } else { "s" },
            self.failed,
            self.rate,
            if self.stopped_early {
                " (stopped at the first failure: --fail-fast)"
            } else {
                ""
            }
        )
    }

    /// 0 when nothing failed, 1 when some documents failed, 2 when none could be read.
    pub(crate) fn exit_code(&self) -> ExitCode {
        match (self.done, self.failed) {
            (_, 0) => ExitCode::SUCCESS,
            (0, _) => ExitCode::from(2),
            _ => ExitCode::from(1),
        }
    }
}

/// Read every input of `args` and analyse each article with `analyse` on
/// `--jobs` threads; hand each result to `sink` (in input order unless
/// `--unordered`) with the article's origin. A failed record is reported on
/// stderr and counted; an error from `sink` ends the run.
pub(crate) fn process<T: Send>(
    args: &InputArgs,
    command: &str,
    analyse: impl Fn(&Article) -> T + Sync,
    mut sink: impl FnMut(T, &str) -> Result<()>,
) -> Result<BatchRun> {
    let published = published_date(args.published.as_deref())?;
    let ingest = Ingest::new()
        .format(args.input_format)
        .lossy(args.lossy)
        .max_record_bytes(args.max_record_mb.saturating_mul(1024 * 1024));
    let arguments = if args.paths.is_empty() {
        if io::stdin().is_terminal() {
            bail!("no input: give one or more PATHs, or `-` to read standard input\nhint: sourcetrace {command} article.txt");
        }
        vec!["-".into()]
    } else {
        args.paths.clone()
    };
    let inputs = expand_inputs(&arguments);
    let html = HtmlExtractor::new();
    let jobs = args.jobs.unwrap_or_else(default_jobs);

    let source = inputs
        .into_iter()
        .flat_map(move |input| -> Box<dyn Iterator<Item = _> + Send> {
            match input {
                Ok(input) => Box::new(ingest.open(&input).map(move |r| (input_is_multi(&r), r))),
                Err(e) => Box::new(std::iter::once((false, Err(e)))),
            }
        });
    let work = |(multi, record): (bool, Result<Record, IngestError>)| -> Outcome<T> {
        let bytes = record.as_ref().map_or(0, |r| r.payload.as_str().len());
        let result = record
            .map_err(|e| describe(&e))
            .and_then(|r| prepare(r, &html, published))
            .map(|article| {
                let origin = article.meta.origin.clone().unwrap_or_default();
                (analyse(&article), origin)
            });
        Outcome {
            result,
            multi,
            bytes,
        }
    };

    let progress = Progress::new(args.quiet);
    let mut run = BatchRun {
        done: 0,
        failed: 0,
        multi: arguments.len() > 1,
        stopped_early: false,
        rate: String::new(),
    };
    let fail_fast = args.fail_fast;
    parallel::for_each(
        source,
        jobs,
        !args.unordered,
        work,
        |outcome| -> Result<Flow> {
            progress.record(outcome.bytes, outcome.result.is_err());
            run.multi |= outcome.multi;
            match outcome.result {
                Err(message) => {
                    run.failed += 1;
                    // Keep stdout and stderr in order for a reader of both
                    // (the sinks write whole lines to the line-buffered stdout).
                    io::stdout().flush()?;
                    progress.println(&format!("error: {message}"));
                    if fail_fast {
                        run.stopped_early = true;
                        return Ok(Flow::Stop);
                    }
                }
                Ok((result, origin)) => {
                    run.done += 1;
                    sink(result, &origin)?;
                }
            }
            Ok(Flow::Continue)
        },
    )?;
    progress.finish();
    run.rate = progress.summary();
    Ok(run)
}

/// The result of one record, with what the progress bar and the output need.
struct Outcome<T> {
    result: Result<(T, String), String>,
    /// The record is one of several in its input (a WARC, feed or JSONL).
    multi: bool,
    bytes: usize,
}

/// One line for a failed record, with a hint where the user can do something.
fn describe(error: &IngestError) -> String {
    match error.kind {
        ErrorKind::InvalidUtf8 { .. } => format!(
            "{error}\nhint: pass --lossy to replace invalid bytes, or --input-format html if it is a page in another charset"
        ),
        ErrorKind::TooLarge { .. } => format!("{error}\nhint: --max-record-mb raises the limit"),
        _ => error.to_string(),
    }
}

/// Whether a record comes from an input that holds several (so `--format
/// json` prints an array even when only one record came out).
fn input_is_multi(record: &Result<Record, IngestError>) -> bool {
    let origin = match record {
        Ok(r) => &r.origin,
        Err(e) => &e.origin,
    };
    origin.position != Position::Whole
}

/// The text of the first article in `path` (a file of any input format, or
/// `-`), read and prepared as `extract` reads it: an HTML page gives its
/// article body.
pub(crate) fn first_article_text(path: &Path) -> Result<String> {
    let name = path.display().to_string();
    let input = expand_inputs([path])
        .into_iter()
        .next()
        .with_context(|| format!("{name}: nothing to read"))?
        .map_err(|e| anyhow::anyhow!(describe(&e)))?;
    let record = Ingest::new()
        .open(&input)
        .next()
        .with_context(|| format!("{name}: no article in it"))?
        .map_err(|e| anyhow::anyhow!(describe(&e)))?;
    prepare(record, &HtmlExtractor::new(), None)
        .map(|article| article.text)
        .map_err(|e| anyhow::anyhow!(e))
}

/// Turn one record into an article: extract the body of HTML, gather the
/// metadata, and choose the publication date.
fn prepare(record: Record, html: &HtmlExtractor, given: Option<Date>) -> Result<Article, String> {
    let Record {
        origin,
        payload,
        meta,
    } = record;
    let mut page = PageMeta {
        origin: Some(origin_label(&origin)),
        ..PageMeta::default()
    };
    let mut published = given.map(|d| (d, DateProvenance::Given));
    let stated = meta.published.as_deref().and_then(parse_metadata_date);
    let text = match payload {
        Payload::Text(text) => text,
        Payload::Html { text } => {
            let article = html
                .extract(&text, meta.url.as_deref())
                .map_err(|e| format!("{origin}: {e}"))?;
            let m = article.metadata;
            page.title = m.headline;
            page.url = m.canonical_url;
            page.outlet = m.outlet;
            page.author = (!m.authors.is_empty()).then(|| m.authors.join(", "));
            page.language = m.language;
            if published.is_none() && stated.is_none() {
                published = m
                    .published
                    .and_then(|d| d.parsed)
                    .map(|d| (d.date_naive(), DateProvenance::Metadata));
            }
            article.body
        }
    };
    if text.trim().is_empty() {
        return Err(format!("{origin}: empty body (no text to analyse)"));
    }
    if published.is_none() {
        published = stated.map(|d| (d, DateProvenance::Metadata));
    }
    // A JSONL line's or CSV row's `id` is the user's own, and so is a
    // Reuters NEWID; WARC record ids (`urn:uuid:…`) and feed guids that are
    // URLs are not names anyone would look for, so those records are `file#N`.
    let given_id = match origin.position {
        Position::Line { .. } => meta.id.clone(),
        _ => meta.id.clone().filter(|id| {
            let id = id.trim_start_matches('<');
            !(id.contains("://") || id.starts_with("urn:") || id.starts_with("tag:"))
        }),
    };
    merge_given(&mut page, meta);
    Ok(Article {
        id: document_id(&origin, given_id),
        text,
        meta: page,
        published,
    })
}

/// What the input states wins over what the page says of itself, except
/// for the URL, where the page's canonical URL is the better identity.
fn merge_given(page: &mut PageMeta, given: GivenMetadata) {
    page.url = page.url.take().or(given.url);
    page.title = given.title.or(page.title.take());
    page.outlet = given.outlet.or(page.outlet.take());
    page.author = given.author.or(page.author.take());
    page.language = given.language.or(page.language.take());
}

/// The document id: the input's own id, else the file stem (`#N` for the Nth
/// record of a multi-record input), or `stdin`.
fn document_id(origin: &Origin, given: Option<String>) -> String {
    if let Some(id) = given.filter(|s| !s.trim().is_empty()) {
        return id;
    }
    let name: &str = &origin.input;
    let stem = if name == "<stdin>" || name == "-" {
        "stdin".to_string()
    } else {
        let path = Path::new(name);
        let mut stem = path
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.to_string());
        // `crawl.warc.gz` → `crawl`, `page.html` → `page`.
        for ext in [
            ".gz", ".warc", ".jsonl", ".ndjson", ".xml", ".rss", ".atom", ".html", ".htm", ".txt",
        ] {
            if let Some(s) = stem.strip_suffix(ext) {
                if !s.is_empty() {
                    stem = s.to_string();
                }
            }
        }
        stem
    };
    match record_number(origin.position) {
        Some(n) => format!("{stem}#{n}"),
        None => stem,
    }
}

/// `path` for a whole input, `path#N` for its Nth record.
fn origin_label(origin: &Origin) -> String {
    match record_number(origin.position) {
        Some(n) => format!("{}#{n}", origin.input),
        None => origin.input.to_string(),
    }
}

fn record_number(position: Position) -> Option<u64> {
    match position {
        Position::Whole => None,
        Position::Record { number, .. } | Position::Line { number } | Position::Item { number } => {
            Some(number)
        }
    }
}

/// A publication date as inputs write it: RFC 3339 (`2021-07-17T10:00:00Z`),
/// RFC 2822 (`Sat, 17 Jul 2021 10:00:00 GMT`), or a date `2021-07-17…`.
fn parse_metadata_date(raw: &str) -> Option<Date> {
    let raw = raw.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(raw) {
        return Some(d.date_naive());
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(raw) {
        return Some(d.date_naive());
    }
    raw.get(..10)
        .and_then(|head| chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok())
}

/// Parse `--published`: a real calendar date written YYYY-MM-DD.
fn published_date(arg: Option<&str>) -> Result<Option<Date>> {
    let Some(date) = arg else {
        return Ok(None);
    };
    validate_date(date).with_context(|| format!("--published {date:?}"))?;
    let parsed =
        sourcetrace_time::parse_date(date).with_context(|| format!("--published {date:?}"))?;
    Ok(Some(parsed))
}

/// The output format: the one asked for, else text on a terminal and JSON lines off it.
pub(crate) fn output_format(asked: Option<Format>) -> Format {
    asked.unwrap_or(if io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Jsonl
    })
}

/// All cores.
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A progress line on stderr (records, MB/s, errors), drawn only on a terminal.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    bytes: std::cell::Cell<u64>,
    errors: std::cell::Cell<u64>,
}

impl Progress {
    fn new(quiet: bool) -> Progress {
        let bar = if quiet || !io::stderr().is_terminal() {
            ProgressBar::hidden()
        } else {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} records · {msg} · {elapsed}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar
        };
        Progress {
            bar,
            started: Instant::now(),
            bytes: 0.into(),
            errors: 0.into(),
        }
    }

    fn record(&self, bytes: usize, failed: bool) {
        self.bytes.set(self.bytes.get() + bytes as u64);
        if failed {
            self.errors.set(self.errors.get() + 1);
        }
        self.bar.inc(1);
        if self.bar.position() % 16 == 1 || failed {
            self.bar.set_message(format!(
                "{:.1} MB/s · {} errors",
                self.mb_per_second(),
                self.errors.get()
            ));
        }
    }

    fn mb_per_second(&self) -> f64 {
        let secs = self.started.elapsed().as_secs_f64().max(1e-6);
        self.bytes.get() as f64 / 1e6 / secs
    }

    fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }

    /// ` (12.3 MB in 2.1 s, 5.9 MB/s)`.
    fn summary(&self) -> String {
        format!(
            " ({:.1} MB in {:.1} s, {:.1} MB/s)",
            self.bytes.get() as f64 / 1e6,
            self.started.elapsed().as_secs_f64(),
            self.mb_per_second()
        )
    }
}

/// Check that `date` is a real calendar date written YYYY-MM-DD.
fn validate_date(date: &str) -> Result<()> {
    let parts: Vec<&str> = date.split('-').collect();
    let ok_shape = parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !ok_shape {
        bail!("not a date in the form YYYY-MM-DD");
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(parts[0]), num(parts[1]), num(parts[2]));
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => bail!("month {m} does not exist"),
    };
    if d == 0 || d > days {
        bail!("day {d} does not exist in {y}-{m:02}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{document_id, parse_metadata_date, validate_date};
    use sourcetrace_ingest::{Origin, Position};

    #[test]
    fn dates_are_checked() {
        assert!(validate_date("2021-07-20").is_ok());
        assert!(validate_date("2020-02-29").is_ok());
        assert!(validate_date("2021-02-29").is_err());
        assert!(validate_date("2021-13-01").is_err());
        assert!(validate_date("20-07-2021").is_err());
        assert!(validate_date("July 20").is_err());
    }

    #[test]
    fn metadata_dates_in_the_forms_inputs_use() {
        let day = chrono::NaiveDate::from_ymd_opt(2021, 7, 17);
        assert_eq!(parse_metadata_date("2021-07-17T23:30:00+03:00"), day);
        assert_eq!(parse_metadata_date("Sat, 17 Jul 2021 10:00:00 GMT"), day);
        assert_eq!(parse_metadata_date("2021-07-17"), day);
        assert_eq!(parse_metadata_date("last Saturday"), None);
        assert_eq!(parse_metadata_date("2021-02-30"), None);
    }

    #[test]
    fn ids_name_the_file_and_the_record() {
        let whole = Origin::whole("dir/page.html");
        assert_eq!(document_id(&whole, None), "page");
        let mut rec = Origin::whole("crawl.warc.gz");
        rec.position = Position::Record {
            number: 3,
            offset: 100,
        };
        assert_eq!(document_id(&rec, None), "crawl#3");
        assert_eq!(document_id(&rec, Some("a1".into())), "a1");
        assert_eq!(document_id(&Origin::whole("<stdin>"), None), "stdin");
    }
}
