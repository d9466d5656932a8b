//! What a reader yields: one raw article with where it came from.

use std::fmt;
use std::sync::Arc;

/// One article as found in an input, before any extraction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Which input and where in it, for messages and for ids.
    pub origin: Origin,
    /// The article's bytes, decoded to UTF-8.
    pub payload: Payload,
    /// Metadata the input states about the article (never guessed).
    pub meta: GivenMetadata,
}

/// The body of a record, already decoded to UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Payload {
    /// Plain text, to be analysed as it is.
    Text(String),
    /// An HTML page or fragment; the article body is still to be extracted.
    Html {
        /// The markup, decoded from its declared or detected charset.
        text: String,
    },
}

impl Payload {
    /// The decoded text (plain text or markup).
    pub fn as_str(&self) -> &str {
        match self {
            Payload::Text(text) | Payload::Html { text } => text,
        }
    }
}

/// Metadata as stated by the input: all optional, all strings as given.
///
/// Feeds and Reuters SGML are the exceptions for `published`: their dates
/// are read, so they are given back in RFC 3339 form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GivenMetadata {
    /// An identifier the input gives (JSONL `id`, CSV `id` column, feed item
    /// guid, WARC-Record-ID, `reuters-` and the Reuters `NEWID`).
    pub id: Option<String>,
    /// The article's URL (JSONL `url`, feed item link, WARC-Target-URI).
    pub url: Option<String>,
    /// The headline as the input states it (not extracted from HTML).
    pub title: Option<String>,
    /// The publication date as written (Reuters SGML: in RFC 3339).
    pub published: Option<String>,
    /// When a crawler fetched the page (WARC-Date), as written. Not a
    /// publication date: relative dates in the text must not be read
    /// against it.
    pub captured: Option<String>,
    /// The publishing outlet (JSONL `outlet`, CSV `publisher`, the feed's
    /// title, `Reuters`).
    pub outlet: Option<String>,
    /// The author or authors, comma-separated.
    pub author: Option<String>,
    /// The language tag the input states.
    pub language: Option<String>,
}

/// Which input a record or an error comes from, and where in it.
///
/// Displays as `file.warc.gz: record 17 (offset 123456)`, `feed.xml: item 3`,
/// `articles.jsonl: line 5` or just `page.html`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The input's name: its path as given, or `<stdin>`.
    pub input: Arc<str>,
    /// The position inside the input.
    pub position: Position,
}

/// Where a record sits inside its input. Numbers count from 1, offsets are
/// byte offsets from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// The input as a whole (a text or HTML file, or an error before any record).
    Whole,
    /// A WARC record, or a `<REUTERS>` element of an SGML file; `offset` is
    /// where its `WARC/1.x` line or `<REUTERS` tag starts in the uncompressed
    /// stream (for `.gz`, not the compressed file offset).
    Record {
        /// The record's number among all records (or elements) of the file,
        /// from 1.
        number: u64,
        /// Byte offset of the record in the uncompressed stream.
        offset: u64,
    },
    /// A line of a JSONL input, or the line a CSV row starts on.
    Line {
        /// The line number, from 1.
        number: u64,
    },
    /// An item (RSS) or entry (Atom) of a feed.
    Item {
        /// The item's number in document order, from 1.
        number: u64,
    },
}

impl Origin {
    /// The origin of a whole input.
    pub fn whole(input: impl Into<Arc<str>>) -> Origin {
        Origin {
            input: input.into(),
            position: Position::Whole,
        }
    }

    pub(crate) fn at(&self, position: Position) -> Origin {
        Origin {
            input: Arc::clone(&self.input),
            position,
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.input)?;
        match self.position {
            Position::Whole => Ok(()),
            Position::Record { number, offset } => {
                write!(f, ": record {number} (offset {offset})")
            }
            Position::Line { number } => write!(f, ": line {number}"),
            Position::Item { number } => write!(f, ": item {number}"),
        }
    }
}
