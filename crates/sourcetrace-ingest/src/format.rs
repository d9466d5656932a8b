//! Input formats and their detection from the first bytes.

use std::fmt;
use std::str::FromStr;

use crate::charset::find_ignore_case;
use crate::csv::TEXT_COLUMNS;

/// The kind of input a reader understands. Gzip compression is not a format:
/// it is recognised by its magic bytes and removed first, whatever the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain UTF-8 text: the whole input is one article.
    Text,
    /// One HTML page: the whole input is one article.
    Html,
    /// One JSON object a line, one article each.
    Jsonl,
    /// An RSS 2.0, RSS 1.0 or Atom feed (or a JSON Feed when forced): one
    /// article per item.
    Feed,
    /// A WARC 1.0/1.1 file: one article per HTML response record.
    Warc,
    /// A CSV file with a header row: one article per row, its text in a
    /// `text`, `body`, `content` or `articleBody` column.
    Csv,
    /// Reuters-21578 SGML: one article per `<REUTERS>` element.
    Sgml,
}

impl Format {
    /// All formats, in the order of their names in [`Format::NAMES`].
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Html,
        Format::Jsonl,
        Format::Feed,
        Format::Warc,
        Format::Csv,
        Format::Sgml,
    ];

    /// The names accepted by [`Format::from_str`] (for `--input-format`).
    pub const NAMES: [&'static str; 7] = ["text", "html", "jsonl", "feed", "warc", "csv", "sgml"];

    /// The format's name, as accepted by [`Format::from_str`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Feed => "feed",
            Format::Warc => "warc",
            Format::Csv => "csv",
            Format::Sgml => "sgml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown format name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown input format {0:?} (expected text, html, jsonl, feed, warc, csv or sgml)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a format name; `rss`, `atom`, `xml`, `htm`, `txt`, `json`,
    /// `ndjson`, `sgm` and `reuters` are accepted as aliases.
    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            "jsonl" | "json" | "ndjson" => Ok(Format::Jsonl),
            "feed" | "rss" | "atom" | "xml" => Ok(Format::Feed),
            "warc" => Ok(Format::Warc),
            "csv" => Ok(Format::Csv),
            "sgml" | "sgm" | "reuters" => Ok(Format::Sgml),
            _ => Err(UnknownFormat(name.to_string())),
        }
    }
}

/// The format of an input from its first (decompressed) bytes; the file
/// extension only decides when the content looks like plain text.
///
/// A CSV file is recognised by its header line (comma-separated column
/// names, one of them a text column such as `text` or `articleBody`), or by
/// its `.csv` extension; Reuters SGML by `<!DOCTYPE lewis` or a `<REUTERS`
/// element among the first bytes (the extensions `.sgm` and `.sgml` are
/// hints).
pub(crate) fn detect(prefix: &[u8], name: &str) -> Format {
    let content = sniff(prefix);
    if content != Format::Text {
        return content;
    }
    let name = name.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let extension = name.rsplit_once('.').map_or("", |(_, extension)| extension);
    match extension {
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        "rss" | "atom" => Format::Feed,
        "warc" => Format::Warc,
        "csv" => Format::Csv,
        "sgm" | "sgml" => Format::Sgml,
        _ => Format::Text,
    }
}

fn sniff(prefix: &[u8]) -> Format {
    let prefix = prefix.strip_prefix(b"\xef\xbb\xbf").unwrap_or(prefix);
    if prefix.starts_with(b"WARC/") {
        return Format::Warc;
    }
    let start = prefix.trim_ascii_start();
    if start.starts_with(b"{") {
        return Format::Jsonl;
    }
    if !start.starts_with(b"<") {
        return if is_csv_header(start) {
            Format::Csv
        } else {
            Format::Text
        };
    }
    if starts_with_ignore_case(start, b"<!doctype lewis") || is_reuters_start_tag(start) {
        return Format::Sgml;
    }
    let is_feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
        .iter()
        .any(|root| find_ignore_case(start, root).is_some());
    let is_html = [&b"<!doctype html"[..], b"<html"]
        .iter()
        .any(|root| find_ignore_case(start, root).is_some());
    if !is_html && !is_feed && has_reuters_element(start) {
        // Some copies wrap the elements in `<DATA>` instead of a doctype.
        return Format::Sgml;
    }
    if is_html && !is_feed {
        Format::Html
    } else if is_feed || start.starts_with(b"<?xml") {
        // An XML document whose root is not visible yet: the feed reader says
        // clearly if it is not a feed.
        if is_html {
            Format::Html
        } else {
            Format::Feed
        }
    } else {
        Format::Html
    }
}

/// Whether the first line is a CSV header: at least two comma-separated
/// names (quoted or not, at most 64 bytes of letters, digits, spaces, `_`,
/// `-` and `:` each, so that a line of prose is not taken for one) of which
/// one is a text column.
fn is_csv_header(start: &[u8]) -> bool {
    let line = match memchr::memchr(b'\n', start) {
        Some(end) => &start[..end],
        None => start,
    };
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let names: Vec<&[u8]> = line
        .split(|&byte| byte == b',')
        .map(|name| {
            let name = name.trim_ascii();
            name.strip_prefix(b"\"")
                .and_then(|name| name.strip_suffix(b"\""))
                .unwrap_or(name)
        })
        .collect();
    names.len() >= 2
        && names.iter().all(|name| {
            name.len() <= 64
                && name
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b' ' | b'_' | b'-' | b':'))
        })
        && names.iter().any(|name| {
            TEXT_COLUMNS
                .iter()
                .any(|column| name.eq_ignore_ascii_case(column.as_bytes()))
        })
}

/// Whether the bytes begin with a `<REUTERS` start tag.
pub(crate) fn is_reuters_start_tag(bytes: &[u8]) -> bool {
    starts_with_ignore_case(bytes, b"<reuters")
        && bytes
            .get(8)
            .is_some_and(|&byte| byte == b'>' || byte.is_ascii_whitespace())
}

/// Whether a `<REUTERS` start tag occurs anywhere in the bytes.
fn has_reuters_element(bytes: &[u8]) -> bool {
    memchr::memchr_iter(b'<', bytes).any(|at| is_reuters_start_tag(&bytes[at..]))
}

pub(crate) fn starts_with_ignore_case(bytes: &[u8], prefix: &[u8]) -> bool {
    bytes.len() >= prefix.len() && bytes[..prefix.len()].eq_ignore_ascii_case(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_decides() {
        assert_eq!(detect(b"WARC/1.1\r\n", "x.txt"), Format::Warc);
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "x"),
            Format::Feed
        );
        assert_eq!(
            detect(b"  <feed xmlns=\"http://www.w3.org/2005/Atom\">", "x"),
            Format::Feed
        );
        assert_eq!(detect(b"<!DOCTYPE html><html>", "a.xml"), Format::Html);
        assert_eq!(
            detect(b"<?xml version=\"1.0\"?><!DOCTYPE html><html>", "a"),
            Format::Html
        );
        assert_eq!(detect(b"<div>hi</div>", "a"), Format::Html);
        assert_eq!(detect(b"{\"text\": \"x\"}\n", "a.txt"), Format::Jsonl);
        assert_eq!(detect(b"Hello there.", "a"), Format::Text);
        assert_eq!(
            detect(b"id,publisher,scrape_time,text\n6,a.com,2018,x\n", "a"),
            Format::Csv
        );
        assert_eq!(
            detect(b"\xef\xbb\xbf\"Body ID\",\"articleBody\"\r\n1,x", "a.txt"),
            Format::Csv
        );
        assert_eq!(
            detect(b"<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERS", "a"),
            Format::Sgml
        );
        assert_eq!(
            detect(b"<REUTERS TOPICS=\"NO\" NEWID=\"1\">", "a.txt"),
            Format::Sgml
        );
        assert_eq!(detect(b"<DATA>\n<REUTERS NEWID=\"1\">", "a"), Format::Sgml);
    }

    #[test]
    fn prose_and_other_tables_are_not_csv() {
        assert_eq!(detect(b"Text, they said, is cheap.\n", "a"), Format::Text);
        assert_eq!(detect(b"text\nMore.\n", "a"), Format::Text);
        assert_eq!(detect(b"id;text\n1;x\n", "a"), Format::Text);
        assert_eq!(detect(b"id\ttext\n1\tx\n", "a"), Format::Text);
        assert_eq!(
            detect(b"<html><body>REUTERS</body></html>", "a.sgm"),
            Format::Html
        );
    }

    #[test]
    fn extension_is_a_hint_for_text_looking_content() {
        assert_eq!(detect(b"Hello", "page.HTML"), Format::Html);
        assert_eq!(detect(b"", "a.jsonl.gz"), Format::Jsonl);
        assert_eq!(detect(b"Hello", "notes.txt"), Format::Text);
        assert_eq!(detect(b"a,b\n1,2\n", "table.CSV"), Format::Csv);
        assert_eq!(detect(b"", "reut2-000.sgm"), Format::Sgml);
    }

    #[test]
    fn names_round_trip() {
        for (format, name) in Format::ALL.iter().zip(Format::NAMES) {
            assert_eq!(name.parse::<Format>(), Ok(*format));
            assert_eq!(format.to_string(), name);
        }
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!("reuters".parse::<Format>(), Ok(Format::Sgml));
        assert_eq!("SGM".parse::<Format>(), Ok(Format::Sgml));
    }
}
