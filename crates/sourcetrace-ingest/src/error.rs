//! The one error type of the crate.

use std::io;

use crate::record::Origin;

/// A failure to read one input or one record, with where it happened.
///
/// Displays as `file.warc.gz: record 17 (offset 123456): <what went wrong>`.
/// Most kinds concern one record only: the reader goes on with the next one.
/// [`ErrorKind::is_fatal`] says when the reader stopped the input instead.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct IngestError {
    /// The input and the record the error concerns.
    pub origin: Origin,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl IngestError {
    pub(crate) fn new(origin: Origin, kind: ErrorKind) -> IngestError {
        IngestError { origin, kind }
    }
}

/// What went wrong while reading an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be read (missing file, permission, disk).
    #[error("cannot read: {0}")]
    Io(#[source] io::Error),
    /// A glob pattern matched no file.
    #[error("the pattern matches no file")]
    NoMatch,
    /// A directory that holds no (visible) file.
    #[error("the directory holds no file to read")]
    EmptyDirectory,
    /// The gzip stream ends in the middle of a member (an interrupted download).
    #[error("truncated gzip data: the file ends in the middle of a compressed member")]
    TruncatedGzip,
    /// The gzip stream is damaged.
    #[error("corrupt gzip data: {0}")]
    CorruptGzip(String),
    /// A WARC record header that cannot be read.
    #[error("bad WARC record header: {0}")]
    WarcHeader(String),
    /// A WARC record whose `Content-Length` does not match its block.
    #[error("WARC record length is wrong: Content-Length is {declared} but {found}")]
    WarcLength {
        /// The length the header declares.
        declared: u64,
        /// What was found instead.
        found: String,
    },
    /// An HTTP response inside a WARC record that cannot be read.
    #[error("bad HTTP response in WARC record: {0}")]
    HttpResponse(String),
    /// A feed input that is not well-formed XML.
    #[error("not a feed: the XML cannot be parsed: {0}")]
    NotXml(String),
    /// XML (or JSON) that is not an RSS, Atom or JSON feed.
    #[error("not an RSS or Atom feed: {0}")]
    NotFeed(String),
    /// A JSONL line that is not a JSON object.
    #[error("not a JSON object: {0}")]
    JsonLine(String),
    /// A JSONL object without a `text` or `html` string.
    #[error("the JSON object has no \"text\" or \"html\" string field")]
    MissingText,
    /// A CSV header row that names no column the article text can come
    /// from; the input is not read.
    #[error("the CSV header has no text column: it has {found}, expected one of text, body, content or articleBody")]
    CsvNoTextColumn {
        /// The header's column names, quoted and comma-separated.
        found: String,
    },
    /// A CSV header row that cannot be read; the input is not read.
    #[error("bad CSV header: {0}")]
    CsvHeader(String),
    /// A CSV row with more or fewer fields than the header has columns.
    #[error("the CSV row has {found} fields, the header has {expected}")]
    CsvFieldCount {
        /// The number of columns of the header.
        expected: u64,
        /// The number of fields of the row.
        found: u64,
    },
    /// A Reuters SGML `<REUTERS>` element without its `</REUTERS>` end tag.
    #[error("the <REUTERS> element has no end tag: {}", unclosed_by(*.at_end_of_input))]
    SgmlUnclosed {
        /// Whether the input ends inside the element (else the next
        /// `<REUTERS>` element begins inside it).
        at_end_of_input: bool,
    },
    /// An input read as Reuters SGML that holds no `<REUTERS>` element.
    #[error("no <REUTERS> element: not Reuters-21578 SGML")]
    NotSgml,
    /// A record whose body is empty or only white space.
    #[error("empty body")]
    EmptyBody,
    /// Bytes that are not text (a NUL byte).
    #[error("binary data, not text (NUL byte at byte {offset})")]
    Binary {
        /// Byte offset of the first NUL byte in the body.
        offset: u64,
    },
    /// Plain text that is not valid UTF-8 (and `lossy` was not asked for).
    #[error("invalid UTF-8 at byte {offset} (read it lossily to replace invalid bytes)")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: u64,
    },
    /// A record larger than the configured limit; it is skipped.
    #[error("record too large: {size} bytes, the limit is {limit}")]
    TooLarge {
        /// The size of the record (at least this much when unknown).
        size: u64,
        /// The configured limit in bytes.
        limit: u64,
    },
}

impl ErrorKind {
    /// Whether the reader stopped the input after this error (no further
    /// records come from it).
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            ErrorKind::Io(_)
                | ErrorKind::NoMatch
                | ErrorKind::EmptyDirectory
                | ErrorKind::TruncatedGzip
                | ErrorKind::CorruptGzip(_)
                | ErrorKind::WarcHeader(_)
                | ErrorKind::WarcLength { .. }
                | ErrorKind::NotXml(_)
                | ErrorKind::NotFeed(_)
                | ErrorKind::CsvNoTextColumn { .. }
                | ErrorKind::CsvHeader(_)
                | ErrorKind::NotSgml
        )
    }
}

fn unclosed_by(at_end_of_input: bool) -> &'static str {
    if at_end_of_input {
        "the input ends inside it"
    } else {
        "the next <REUTERS> element begins inside it"
    }
}

/// Marks an I/O error as coming from the gzip decoder, so that it can be told
/// apart from a WARC record cut short.
#[derive(Debug)]
pub(crate) struct GzipFailure(pub(crate) io::Error);

impl std::fmt::Display for GzipFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for GzipFailure {}

/// Turns an I/O error met while reading into the kind to report.
pub(crate) fn classify_io(error: io::Error) -> ErrorKind {
    if error
        .get_ref()
        .is_some_and(|inner| inner.is::<GzipFailure>())
    {
        let kind = error.kind();
        let message = error.to_string();
        if kind == io::ErrorKind::UnexpectedEof {
            ErrorKind::TruncatedGzip
        } else {
            ErrorKind::CorruptGzip(message)
        }
    } else {
        ErrorKind::Io(error)
    }
}
