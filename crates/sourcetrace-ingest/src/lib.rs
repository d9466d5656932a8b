//! Inputs as they come, turned into a stream of raw [`Record`]s.
//!
//! The pipeline of this crate:
//!
//! 1. [`expand_inputs`] turns command-line arguments (files, directories,
//!    glob patterns, `-`) into [`Input`]s.
//! 2. [`Ingest::open`] opens one input, removes gzip compression (recognised
//!    by its magic bytes, multi-member streams included), and detects the
//!    [`Format`] from the first bytes (the extension is only a hint;
//!    [`Ingest::format`] forces one).
//! 3. The format's reader yields [`Record`]s one at a time: a text or HTML
//!    file is one record, a JSONL line, a feed item, a WARC response record,
//!    a CSV row (columns found by header name) or a Reuters-21578 SGML
//!    `<REUTERS>` element is one each. Payloads are decoded to UTF-8
//!    ([`Payload`]) with the [`GivenMetadata`] the input states.
//!
//! Extracting an article body from HTML is not done here.
//!
//! Memory stays bounded: WARC, JSONL, CSV and SGML are read record by
//! record, and a record larger than [`Ingest::max_record_bytes`] is reported
//! and skipped.
//! Every error is an [`IngestError`] that names the input and the record
//! (`crawl.warc.gz: record 17 (offset 123456): …`); after an error that
//! concerns one record the reader goes on with the next.
//!
//! ```
//! use sourcetrace_ingest::{Ingest, Payload};
//!
//! let jsonl = "{\"id\": \"a1\", \"text\": \"The mayor said no.\"}\nnot json\n";
//! let mut records = Ingest::new().read("batch.jsonl", std::io::Cursor::new(jsonl));
//! let first = records.next().unwrap().unwrap();
//! assert_eq!(first.meta.id.as_deref(), Some("a1"));
//! assert_eq!(first.payload, Payload::Text("The mayor said no.".into()));
//! let second = records.next().unwrap().unwrap_err();
//! assert!(second.to_string().starts_with("batch.jsonl: line 2: not a JSON object"));
//! ```
#![deny(missing_docs)]

mod charset;
mod csv;
mod error;
mod feed;
mod format;
mod input;
mod jsonl;
mod record;
mod sgml;
mod source;
mod warc;
#[cfg(any(test, feature = "test-support"))]
pub mod warc_writer;
mod whole;

use std::io::Read;

pub use error::{ErrorKind, IngestError};
pub use format::{Format, UnknownFormat};
pub use input::{expand_inputs, Input};
pub use record::{GivenMetadata, Origin, Payload, Position, Record};

/// The default [`Ingest::max_record_bytes`]: 64 MiB.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// How to read inputs: built once, then used to open any number of them.
///
/// ```
/// use sourcetrace_ingest::{Format, Ingest};
/// let ingest = Ingest::new().format(Some(Format::Text)).lossy(true);
/// let records: Vec<_> = ingest.read("-", std::io::Cursor::new(b"caf\xe9")).collect();
/// assert_eq!(records[0].as_ref().unwrap().payload.as_str(), "caf\u{fffd}");
/// ```
#[derive(Debug, Clone)]
pub struct Ingest {
    format: Option<Format>,
    lossy: bool,
    max_record_bytes: u64,
}

impl Default for Ingest {
    fn default() -> Ingest {
        Ingest {
            format: None,
            lossy: false,
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
        }
    }
}

impl Ingest {
    /// Detects formats, rejects invalid UTF-8 in plain text, and limits
    /// records to [`DEFAULT_MAX_RECORD_BYTES`].
    pub fn new() -> Ingest {
        Ingest::default()
    }

    /// Forces a format instead of detecting it (`--input-format`); gzip is
    /// still removed.
    pub fn format(mut self, format: Option<Format>) -> Ingest {
        self.format = format;
        self
    }

    /// Replaces invalid UTF-8 in plain text and CSV (JSONL is already UTF-8
    /// by definition) with U+FFFD instead of reporting it. HTML is always
    /// decoded with replacement, after charset detection; Reuters SGML is
    /// Latin-1, where every byte is a character.
    pub fn lossy(mut self, lossy: bool) -> Ingest {
        self.lossy = lossy;
        self
    }

    /// The largest record, in bytes before decoding, that is read into
    /// memory; a larger one is an [`ErrorKind::TooLarge`] error and skipped.
    /// For text, HTML and feed inputs the whole input is the record.
    pub fn max_record_bytes(mut self, bytes: u64) -> Ingest {
        self.max_record_bytes = bytes;
        self
    }

    /// Opens an input and returns its records. Never fails by itself: an input
    /// that cannot be opened yields one error.
    pub fn open(&self, input: &Input) -> Records {
        source::open(self, input)
    }

    /// Reads records from any byte stream; `name` is used in origins and as
    /// the extension hint for format detection.
    pub fn read<R: Read + Send + 'static>(&self, name: &str, reader: R) -> Records {
        source::read(self, name, Box::new(reader))
    }

    pub(crate) fn forced_format(&self) -> Option<Format> {
        self.format
    }

    pub(crate) fn is_lossy(&self) -> bool {
        self.lossy
    }

    pub(crate) fn limit(&self) -> u64 {
        self.max_record_bytes
    }
}

/// The records of one input, read lazily: an iterator of results, each
/// record or error carrying its [`Origin`].
pub struct Records {
    inner: Inner,
    format: Option<Format>,
}

enum Inner {
    Items(std::vec::IntoIter<Result<Record, IngestError>>),
    Jsonl(jsonl::JsonlReader),
    Warc(warc::WarcReader),
    // The parser's tables make this one large.
    Csv(Box<csv::CsvReader>),
    Sgml(sgml::SgmlReader),
}

impl Records {
    pub(crate) fn from_items(items: Vec<Result<Record, IngestError>>) -> Records {
        Records {
            inner: Inner::Items(items.into_iter()),
            format: None,
        }
    }

    fn failed(error: IngestError) -> Records {
        Records::from_items(vec![Err(error)])
    }

    fn from_jsonl(reader: jsonl::JsonlReader) -> Records {
        Records {
            inner: Inner::Jsonl(reader),
            format: None,
        }
    }

    fn from_warc(reader: warc::WarcReader) -> Records {
        Records {
            inner: Inner::Warc(reader),
            format: None,
        }
    }

    fn from_csv(reader: csv::CsvReader) -> Records {
        Records {
            inner: Inner::Csv(Box::new(reader)),
            format: None,
        }
    }

    fn from_sgml(reader: sgml::SgmlReader) -> Records {
        Records {
            inner: Inner::Sgml(reader),
            format: None,
        }
    }

    fn with_format(mut self, format: Format) -> Records {
        self.format = Some(format);
        self
    }

    /// The format the input was read as (`None` if it could not be opened).
    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// How many WARC records so far were skipped without an error because
    /// they are not articles: `warcinfo`, `request`, `metadata` and `revisit`
    /// records, responses that are not HTML or whose status is not 200.
    pub fn skipped(&self) -> u64 {
        match &self.inner {
            Inner::Warc(reader) => reader.skipped(),
            _ => 0,
        }
    }
}

impl Iterator for Records {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.inner {
            Inner::Items(items) => items.next(),
            Inner::Jsonl(reader) => reader.next(),
            Inner::Warc(reader) => reader.next(),
            Inner::Csv(reader) => reader.next(),
            Inner::Sgml(reader) => reader.next(),
        }
    }
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records")
            .field("format", &self.format)
            .field("skipped", &self.skipped())
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn records_can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<Records>();
        assert_send::<IngestError>();
    }

    #[test]
    fn files_are_opened_detected_and_missing_ones_named() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let page = dir.path().join("page.data");
        fs::write(&page, "<!DOCTYPE html><html><body><p>Hi</p></body></html>")?;
        let records = Ingest::new().open(&Input::Path(page.clone()));
        assert_eq!(records.format(), Some(Format::Html));
        let results: Vec<_> = records.collect();
        assert!(
            matches!(&results[..], [Ok(record)] if record.origin == Origin::whole(page.display().to_string()))
        );

        let forced = Ingest::new().format(Some(Format::Text));
        let results: Vec<_> = forced.open(&Input::Path(page)).collect();
        assert!(matches!(
            &results[..],
            [Ok(Record {
                payload: Payload::Text(_),
                ..
            })]
        ));

        let missing = dir.path().join("missing.warc.gz");
        let mut records = Ingest::new().open(&Input::Path(missing.clone()));
        assert_eq!(records.format(), None);
        let error = records.next().and_then(Result::err).map(|e| e.to_string());
        let expected = format!("{}: cannot read: ", missing.display());
        assert!(
            error.as_deref().is_some_and(|e| e.starts_with(&expected)),
            "{error:?}"
        );
        assert!(records.next().is_none());
        Ok(())
    }

    #[test]
    fn an_empty_input_is_an_empty_body() {
        let results: Vec<_> = Ingest::new().read("-", std::io::empty()).collect();
        assert!(matches!(&results[..], [Err(e)] if matches!(e.kind, ErrorKind::EmptyBody)));
    }
}
