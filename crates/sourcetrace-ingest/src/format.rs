//! Input formats and their detection from the first bytes.

use std::fmt;
use std::str::FromStr;

use crate::charset::find_ignore_case;

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
}

impl Format {
    /// All formats, in the order of their names in [`Format::NAMES`].
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Html,
        Format::Jsonl,
        Format::Feed,
        Format::Warc,
    ];

    /// The names accepted by [`Format::from_str`] (for `--input-format`).
    pub const NAMES: [&'static str; 5] = ["text", "html", "jsonl", "feed", "warc"];

    /// The format's name, as accepted by [`Format::from_str`].
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Jsonl => "jsonl",
            Format::Feed => "feed",
            Format::Warc => "warc",
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
#[error("unknown input format {0:?} (expected text, html, jsonl, feed or warc)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;

    /// Parses a format name; `rss`, `atom`, `xml` and `htm`, `txt` and `json`
    /// are accepted as aliases.
    fn from_str(name: &str) -> Result<Format, UnknownFormat> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Ok(Format::Text),
            "html" | "htm" => Ok(Format::Html),
            "jsonl" | "json" | "ndjson" => Ok(Format::Jsonl),
            "feed" | "rss" | "atom" | "xml" => Ok(Format::Feed),
            "warc" => Ok(Format::Warc),
            _ => Err(UnknownFormat(name.to_string())),
        }
    }
}

/// The format of an input from its first (decompressed) bytes; the file
/// extension only decides when the content looks like plain text.
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
        return Format::Text;
    }
    let is_feed = [&b"<rss"[..], b"<feed", b"<rdf:rdf"]
        .iter()
        .any(|root| find_ignore_case(start, root).is_some());
    let is_html = [&b"<!doctype html"[..], b"<html"]
        .iter()
        .any(|root| find_ignore_case(start, root).is_some());
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
    }

    #[test]
    fn extension_is_a_hint_for_text_looking_content() {
        assert_eq!(detect(b"Hello", "page.HTML"), Format::Html);
        assert_eq!(detect(b"", "a.jsonl.gz"), Format::Jsonl);
        assert_eq!(detect(b"Hello", "notes.txt"), Format::Text);
    }

    #[test]
    fn names_round_trip() {
        for (format, name) in Format::ALL.iter().zip(Format::NAMES) {
            assert_eq!(name.parse::<Format>(), Ok(*format));
            assert_eq!(format.to_string(), name);
        }
        assert!("pdf".parse::<Format>().is_err());
    }
}
