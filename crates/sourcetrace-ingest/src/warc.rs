//! WARC 1.0/1.1, plain or gzip-compressed (one member per record, as Common
//! Crawl writes them, or one for the whole file), read record by record.
//!
//! An article is a `response` record whose HTTP payload has status 200 and
//! an HTML content type, or a `resource` record of type `text/html`. Other
//! records (`warcinfo`, `request`, `metadata`, `revisit`, images, redirects)
//! are skipped and counted ([`crate::Records::skipped`]). The article's URL is
//! `WARC-Target-URI`, its `captured` date `WARC-Date` (the crawl, not the
//! publication), its id `WARC-Record-ID`.
//!
//! Traps:
//! - `Content-Length` is all that delimits a record. When the block is not
//!   followed by the blank line that ends a record, the length is wrong and
//!   nothing after it can be trusted: one error, and the file stops there.
//! - The HTTP payload may still be chunked or compressed (`Transfer-Encoding:
//!   chunked`, `Content-Encoding: gzip`) in WARCs written by some crawlers;
//!   both are undone here.
//! - The charset comes from the HTTP `Content-Type` header, else the page.

use std::io::{self, BufRead, Read};

use flate2::read::{GzDecoder, ZlibDecoder};

use crate::charset::{charset_parameter, check_not_binary, decode_html, find_ignore_case};
use crate::error::{classify_io, ErrorKind, IngestError};
use crate::record::{GivenMetadata, Origin, Payload, Position, Record};
use crate::source::{read_line, Line, Stream};
use crate::whole::read_bounded;
use crate::Ingest;

/// The longest header line kept; a longer one is a broken header.
const MAX_HEADER_LINE: u64 = 64 * 1024;
/// The most header lines in one record.
const MAX_HEADER_LINES: usize = 1024;
/// How far into an HTTP response its header may go.
const MAX_HTTP_HEADER: usize = 256 * 1024;

pub(crate) struct WarcReader {
    stream: Stream,
    origin: Origin,
    limit: u64,
    number: u64,
    offset: u64,
    skipped: u64,
    line: Vec<u8>,
    done: bool,
}

/// The WARC header fields this reader uses.
#[derive(Default)]
struct Header {
    warc_type: String,
    content_length: Option<u64>,
    content_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
}

/// Why a record is not returned.
enum Outcome {
    Article(Box<Record>),
    Skip,
    Error(ErrorKind),
    Fatal(ErrorKind),
}

impl WarcReader {
    pub(crate) fn new(ingest: &Ingest, origin: Origin, stream: Stream) -> WarcReader {
        WarcReader {
            stream,
            origin,
            limit: ingest.limit(),
            number: 0,
            offset: 0,
            skipped: 0,
            line: Vec::with_capacity(256),
            done: false,
        }
    }

    pub(crate) fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Reads the next record; `None` at the end of the file.
    fn next_record(&mut self) -> Option<(Origin, Outcome)> {
        // The version line, after any blank lines left between records.
        let start = loop {
            let start = self.offset;
            match read_line(&mut self.stream, &mut self.line, MAX_HEADER_LINE) {
                Ok(Line::End) => return None,
                Ok(Line::Read(length)) => {
                    self.offset += length;
                    if !self.line.trim_ascii().is_empty() {
                        break start;
                    }
                }
                Ok(Line::TooLong(length)) => {
                    self.number += 1;
                    let origin = self.origin_at(start);
                    let kind = ErrorKind::WarcHeader(format!("a header line of {length} bytes"));
                    return Some((origin, Outcome::Fatal(kind)));
                }
                Err(error) => {
                    self.number += 1;
                    return Some((self.origin_at(start), Outcome::Fatal(classify_io(error))));
                }
            }
        };
        self.number += 1;
        let origin = self.origin_at(start);
        if !self.line.starts_with(b"WARC/") {
            let found = String::from_utf8_lossy(&self.line[..self.line.len().min(40)]).into_owned();
            let kind = ErrorKind::WarcHeader(format!(
                "expected a version line such as \"WARC/1.1\", found {:?}",
                found.trim_end()
            ));
            return Some((origin, Outcome::Fatal(kind)));
        }
        let outcome = match self.read_header() {
            Ok(header) => self.read_block(&header, &origin),
            Err(kind) => Outcome::Fatal(kind),
        };
        Some((origin, outcome))
    }

    fn origin_at(&self, offset: u64) -> Origin {
        self.origin.at(Position::Record {
            number: self.number,
            offset,
        })
    }

    fn read_header(&mut self) -> Result<Header, ErrorKind> {
        let mut header = Header::default();
        let mut lines = 0;
        loop {
            match read_line(&mut self.stream, &mut self.line, MAX_HEADER_LINE)
                .map_err(classify_io)?
            {
                Line::End => {
                    return Err(ErrorKind::WarcHeader(
                        "the file ends inside the record header".into(),
                    ))
                }
                Line::TooLong(length) => {
                    return Err(ErrorKind::WarcHeader(format!(
                        "a header line of {length} bytes"
                    )))
                }
                Line::Read(length) => self.offset += length,
            }
            let line = self.line.trim_ascii_end();
            if line.is_empty() {
                break;
            }
            lines += 1;
            if lines > MAX_HEADER_LINES {
                return Err(ErrorKind::WarcHeader(format!(
                    "more than {MAX_HEADER_LINES} header lines"
                )));
            }
            if line[0] == b' ' || line[0] == b'\t' {
                continue; // A folded continuation of a field this reader ignores.
            }
            let Some(colon) = memchr::memchr(b':', line) else {
                let shown = String::from_utf8_lossy(&line[..line.len().min(40)]).into_owned();
                return Err(ErrorKind::WarcHeader(format!(
                    "a header line without a colon: {shown:?}"
                )));
            };
            let name = &line[..colon];
            let value = || String::from_utf8_lossy(line[colon + 1..].trim_ascii()).into_owned();
            if name.eq_ignore_ascii_case(b"Content-Length") {
                let value = value();
                let length = value.parse::<u64>().map_err(|_| {
                    ErrorKind::WarcHeader(format!("Content-Length is not a number: {value:?}"))
                })?;
                header.content_length = Some(length);
            } else if name.eq_ignore_ascii_case(b"WARC-Type") {
                header.warc_type = value();
            } else if name.eq_ignore_ascii_case(b"Content-Type") {
                header.content_type = value();
            } else if name.eq_ignore_ascii_case(b"WARC-Target-URI") {
                header.target_uri = Some(strip_angles(value()));
            } else if name.eq_ignore_ascii_case(b"WARC-Date") {
                header.date = Some(value());
            } else if name.eq_ignore_ascii_case(b"WARC-Record-ID") {
                header.record_id = Some(strip_angles(value()));
            }
        }
        Ok(header)
    }

    fn read_block(&mut self, header: &Header, origin: &Origin) -> Outcome {
        let Some(length) = header.content_length else {
            return Outcome::Fatal(ErrorKind::WarcHeader("no Content-Length".into()));
        };
        let content_type = header.content_type.to_ascii_lowercase();
        let wanted = match header.warc_type.as_str() {
            "response" => content_type.is_empty() || content_type.starts_with("application/http"),
            "resource" => is_html_type(&content_type),
            _ => false,
        };
        if !wanted || length > self.limit {
            if let Err(kind) = self.discard(length) {
                return Outcome::Fatal(kind);
            }
            if let Err(kind) = self.end_of_record(length) {
                return Outcome::Fatal(kind);
            }
            if !wanted {
                self.skipped += 1;
                return Outcome::Skip;
            }
            return Outcome::Error(ErrorKind::TooLarge {
                size: length,
                limit: self.limit,
            });
        }
        let mut block = Vec::with_capacity(length as usize);
        match (&mut self.stream).take(length).read_to_end(&mut block) {
            Ok(read) if read as u64 == length => self.offset += length,
            Ok(read) => {
                return Outcome::Fatal(ErrorKind::WarcLength {
                    declared: length,
                    found: format!("the file ends after {read} bytes of the block"),
                })
            }
            Err(error) => return Outcome::Fatal(classify_io(error)),
        }
        if let Err(kind) = self.end_of_record(length) {
            return Outcome::Fatal(kind);
        }
        let (body, charset) = if header.warc_type == "response" {
            match http_payload(block, self.limit) {
                Ok(Some(payload)) => payload,
                Ok(None) => {
                    self.skipped += 1;
                    return Outcome::Skip;
                }
                Err(kind) => return Outcome::Error(kind),
            }
        } else {
            let charset = charset_parameter(&header.content_type).map(str::to_string);
            (block, charset)
        };
        if body.trim_ascii().is_empty() {
            return Outcome::Error(ErrorKind::EmptyBody);
        }
        if encoding_rs::Encoding::for_bom(&body).is_none() {
            if let Err(kind) = check_not_binary(&body[..body.len().min(8192)]) {
                return Outcome::Error(kind);
            }
        }
        Outcome::Article(Box::new(Record {
            origin: origin.clone(),
            payload: Payload::Html {
                text: decode_html(body, charset.as_deref()),
            },
            meta: GivenMetadata {
                id: header.record_id.clone(),
                url: header.target_uri.clone(),
                captured: header.date.clone(),
                ..GivenMetadata::default()
            },
        }))
    }

    fn discard(&mut self, length: u64) -> Result<(), ErrorKind> {
        let read =
            io::copy(&mut (&mut self.stream).take(length), &mut io::sink()).map_err(classify_io)?;
        self.offset += read;
        if read < length {
            return Err(ErrorKind::WarcLength {
                declared: length,
                found: format!("the file ends after {read} bytes of the block"),
            });
        }
        Ok(())
    }

    /// Consumes the blank line (`\r\n\r\n`) that ends every record; anything
    /// else means the declared length is wrong.
    fn end_of_record(&mut self, declared: u64) -> Result<(), ErrorKind> {
        for _ in 0..2 {
            let available = self.stream.fill_buf().map_err(classify_io)?;
            let skip = if available.starts_with(b"\r\n") {
                2
            } else if available.starts_with(b"\n") {
                1
            } else if available.is_empty() {
                return Ok(()); // A last record without its final blank line.
            } else if available == b"\r" {
                1
            } else {
                let shown =
                    String::from_utf8_lossy(&available[..available.len().min(20)]).into_owned();
                return Err(ErrorKind::WarcLength {
                    declared,
                    found: format!("the block is not followed by a blank line (next: {shown:?})"),
                });
            };
            self.stream.consume(skip);
            self.offset += skip as u64;
        }
        Ok(())
    }
}

impl Iterator for WarcReader {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let Some((origin, outcome)) = self.next_record() else {
                self.done = true;
                return None;
            };
            match outcome {
                Outcome::Article(record) => return Some(Ok(*record)),
                Outcome::Skip => continue,
                Outcome::Error(kind) => return Some(Err(IngestError::new(origin, kind))),
                Outcome::Fatal(kind) => {
                    self.done = true;
                    return Some(Err(IngestError::new(origin, kind)));
                }
            }
        }
        None
    }
}

fn strip_angles(value: String) -> String {
    match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(inner) => inner.to_string(),
        None => value,
    }
}

fn is_html_type(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or("").trim();
    media_type.eq_ignore_ascii_case("text/html")
        || media_type.eq_ignore_ascii_case("application/xhtml+xml")
}

/// An HTML body and the charset its HTTP header declares.
type HttpBody = (Vec<u8>, Option<String>);

/// The HTML body of an HTTP response and its declared charset; `None` for a
/// response that is not a 200 HTML page.
fn http_payload(block: Vec<u8>, limit: u64) -> Result<Option<HttpBody>, ErrorKind> {
    let head = &block[..block.len().min(MAX_HTTP_HEADER)];
    let (header_end, body_start) = match memchr::memmem::find(head, b"\r\n\r\n") {
        Some(at) => (at, at + 4),
        None => match memchr::memmem::find(head, b"\n\n") {
            Some(at) => (at, at + 2),
            None => return Err(ErrorKind::HttpResponse("no end of the HTTP header".into())),
        },
    };
    let header = String::from_utf8_lossy(&block[..header_end]);
    let mut lines = header.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_ascii_whitespace();
    let version = parts.next().unwrap_or("");
    if !version.starts_with("HTTP/") {
        return Err(ErrorKind::HttpResponse(format!(
            "not an HTTP status line: {:?}",
            truncate(status_line)
        )));
    }
    let status = parts
        .next()
        .and_then(|code| code.parse::<u16>().ok())
        .ok_or_else(|| {
            ErrorKind::HttpResponse(format!("no status code in {:?}", truncate(status_line)))
        })?;
    if status != 200 {
        return Ok(None);
    }
    let mut content_type = None;
    let mut chunked = false;
    let mut content_encoding = None;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        if name.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.to_string());
        } else if name.eq_ignore_ascii_case("transfer-encoding") {
            chunked = value.to_ascii_lowercase().contains("chunked");
        } else if name.eq_ignore_ascii_case("content-encoding") {
            content_encoding = Some(value.to_ascii_lowercase());
        }
    }
    let mut body = block;
    body.drain(..body_start);
    match &content_type {
        Some(content_type) if !is_html_type(content_type) => return Ok(None),
        None if !looks_like_html(&body) => return Ok(None),
        _ => {}
    }
    if chunked {
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    body = match content_encoding.as_deref() {
        None | Some("identity" | "") => body,
        Some("gzip" | "x-gzip") => inflate(GzDecoder::new(body.as_slice()), limit, "gzip")?,
        Some("deflate") => inflate(ZlibDecoder::new(body.as_slice()), limit, "deflate")?,
        Some(other) => {
            return Err(ErrorKind::HttpResponse(format!(
                "unsupported Content-Encoding {other:?}"
            )))
        }
    };
    let charset = content_type
        .as_deref()
        .and_then(charset_parameter)
        .map(str::to_string);
    Ok(Some((body, charset)))
}

fn truncate(text: &str) -> &str {
    let mut end = text.len().min(60);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(1024)];
    find_ignore_case(head, b"<html").is_some()
        || find_ignore_case(head, b"<!doctype html").is_some()
}

fn inflate(decoder: impl Read, limit: u64, name: &str) -> Result<Vec<u8>, ErrorKind> {
    read_bounded(decoder, limit).map_err(|kind| match kind {
        ErrorKind::Io(error) => {
            ErrorKind::HttpResponse(format!("bad {name} Content-Encoding: {error}"))
        }
        other => other,
    })
}

/// Joins an HTTP/1.1 chunked body; `None` if it is not well-formed chunks
/// (some archives store the body already joined but keep the header).
fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut joined = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = memchr::memchr(b'\n', rest)?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Some(joined);
        }
        joined.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))?;
    }
}

#[cfg(test)]
mod tests {
    use crate::warc_writer::WarcWriter;
    use crate::{ErrorKind, Ingest, IngestError, Payload, Position, Record};
    use std::io::Cursor;

    const DATE: &str = "2026-03-04T05:06:07Z";

    fn read(name: &str, bytes: Vec<u8>) -> (Vec<Result<Record, IngestError>>, u64) {
        let mut records = Ingest::new().read(name, Cursor::new(bytes));
        let results: Vec<_> = records.by_ref().collect();
        (results, records.skipped())
    }

    fn sample(gzip: bool) -> Vec<u8> {
        let mut writer = WarcWriter::new(Vec::new(), gzip);
        let write = |writer: &mut WarcWriter<Vec<u8>>| -> std::io::Result<()> {
            writer.warcinfo(DATE)?;
            writer.html_response("https://a.example/1", DATE, b"<html><p>One</p></html>")?;
            writer.http_response(
                "https://a.example/logo.png",
                DATE,
                "200 OK",
                "image/png",
                b"\x89PNG",
            )?;
            writer.http_response(
                "https://a.example/old",
                DATE,
                "301 Moved",
                "text/html",
                b"<html>moved</html>",
            )?;
            writer.http_response(
                "https://a.example/2",
                DATE,
                "200 OK",
                "text/html; charset=windows-1252",
                b"<html><p>Caf\xe9</p></html>",
            )
        };
        write(&mut writer).expect("in memory");
        writer.finish().expect("in memory")
    }

    #[test]
    fn html_responses_are_records_and_the_rest_is_skipped() {
        for gzip in [false, true] {
            let (results, skipped) = read("crawl.warc", sample(gzip));
            assert_eq!(results.len(), 2, "gzip {gzip}");
            assert_eq!(skipped, 4); // warcinfo, request, image, redirect
            let first = results[0].as_ref().expect("record 3");
            assert_eq!(
                first.payload,
                Payload::Html {
                    text: "<html><p>One</p></html>".into()
                }
            );
            assert_eq!(first.meta.url.as_deref(), Some("https://a.example/1"));
            assert_eq!(first.meta.captured.as_deref(), Some(DATE));
            assert_eq!(first.meta.published, None);
            assert!(first
                .meta
                .id
                .as_deref()
                .is_some_and(|id| id.starts_with("urn:uuid:")));
            assert!(
                matches!(first.origin.position, Position::Record { number: 3, offset } if offset > 0)
            );
            let second = results[1].as_ref().expect("record 6");
            assert_eq!(second.payload.as_str(), "<html><p>Café</p></html>");
            assert!(matches!(
                second.origin.position,
                Position::Record { number: 6, .. }
            ));
        }
    }

    #[test]
    fn record_offsets_point_at_the_version_line() {
        let bytes = sample(false);
        let (results, _) = read("crawl.warc", bytes.clone());
        for record in results.iter().flatten() {
            let Position::Record { offset, .. } = record.origin.position else {
                panic!("not a WARC position");
            };
            assert!(bytes[offset as usize..].starts_with(b"WARC/1.1\r\n"));
        }
    }

    #[test]
    fn a_wrong_content_length_stops_the_file_with_one_error() {
        let mut writer = WarcWriter::new(Vec::new(), false);
        writer
            .html_response("https://a.example/1", DATE, b"<html>one</html>")
            .expect("in memory");
        writer
            .raw(b"WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 10\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<html>x</html>\r\n\r\n")
            .expect("in memory");
        writer
            .html_response("https://a.example/3", DATE, b"<html>three</html>")
            .expect("in memory");
        let (results, _) = read("bad.warc", writer.finish().expect("in memory"));
        assert_eq!(results.len(), 2);
        assert!(results[0].is_ok());
        let error = results[1].as_ref().map(|_| ()).expect_err("record 3");
        assert!(matches!(
            error.kind,
            ErrorKind::WarcLength { declared: 10, .. }
        ));
        let message = error.to_string();
        assert!(
            message.starts_with("bad.warc: record 3 (offset ")
                && message.contains("WARC record length is wrong: Content-Length is 10 but the block is not followed by a blank line"),
            "{message}"
        );
    }

    #[test]
    fn bad_headers_and_truncation_are_named() {
        let cases: [(&[u8], &str); 4] = [
            (b"HTTP/1.1 200 OK\r\n\r\n", "bad WARC record header: expected a version line"),
            (b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: ten\r\n\r\n", "Content-Length is not a number: \"ten\""),
            (b"WARC/1.1\r\nWARC-Type: response\r\n", "the file ends inside the record header"),
            (
                b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 100\r\n\r\nHTTP/1.1 200 OK\r\n",
                "Content-Length is 100 but the file ends after 17 bytes of the block",
            ),
        ];
        for (bytes, expected) in cases {
            let (results, _) = read("t.warc", bytes.to_vec());
            match &results[..] {
                [Err(error)] => {
                    let message = error.to_string();
                    assert!(
                        message.starts_with("t.warc: record 1 (offset 0): "),
                        "{message}"
                    );
                    assert!(message.contains(expected), "{message}");
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_truncated_gzip_member_is_named() {
        let mut writer = WarcWriter::new(Vec::new(), true);
        for number in 0..8 {
            let page = format!("<html>{}</html>", "page ".repeat(200 + number));
            let url = format!("https://a.example/{number}");
            writer
                .html_response(&url, DATE, page.as_bytes())
                .expect("in memory");
        }
        let bytes = writer.finish().expect("in memory");
        let (results, _) = read("cc.warc.gz", bytes[..bytes.len() - 30].to_vec());
        assert_eq!(results.len(), 8);
        assert!(results[..7].iter().all(Result::is_ok));
        let last = results.last().expect("results");
        let error = last.as_ref().map(|_| ()).expect_err("truncated");
        assert!(matches!(error.kind, ErrorKind::TruncatedGzip), "{error}");
        assert!(
            error
                .to_string()
                .starts_with("cc.warc.gz: record 16 (offset "),
            "{error}"
        );
    }

    #[test]
    fn oversized_empty_binary_and_broken_http_records_are_errors_and_reading_goes_on() {
        let mut writer = WarcWriter::new(Vec::new(), true);
        let write = |writer: &mut WarcWriter<Vec<u8>>| -> std::io::Result<()> {
            writer.html_response("https://a.example/big", DATE, &[b'a'; 5000])?;
            writer.http_response(
                "https://a.example/empty",
                DATE,
                "200 OK",
                "text/html",
                b"  ",
            )?;
            writer.http_response(
                "https://a.example/bin",
                DATE,
                "200 OK",
                "text/html",
                b"<html>\0\0",
            )?;
            writer.record(
                &[
                    ("WARC-Type", "response"),
                    ("Content-Type", "application/http; msgtype=response"),
                ],
                b"garbage without header end",
            )?;
            writer.html_response("https://a.example/ok", DATE, b"<html>fine</html>")
        };
        write(&mut writer).expect("in memory");
        let mut records = Ingest::new().max_record_bytes(1000).read(
            "x.warc.gz",
            Cursor::new(writer.finish().expect("in memory")),
        );
        let results: Vec<_> = records.by_ref().collect();
        let kinds: Vec<String> = results
            .iter()
            .map(|result| match result {
                Ok(record) => format!("ok {}", record.payload.as_str()),
                Err(error) => error.to_string(),
            })
            .collect();
        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert!(
            kinds[0].starts_with("x.warc.gz: record 2 (offset")
                && kinds[0].contains("record too large: 5"),
            "{kinds:?}"
        );
        assert!(
            kinds[1].starts_with("x.warc.gz: record 3 (offset") && kinds[1].ends_with("empty body"),
            "{kinds:?}"
        );
        assert!(
            kinds[2].contains("record 4 ") && kinds[2].contains("binary data"),
            "{kinds:?}"
        );
        assert!(
            kinds[3].contains("record 5 ")
                && kinds[3].contains("bad HTTP response in WARC record: no end of the HTTP header"),
            "{kinds:?}"
        );
        assert_eq!(kinds[4], "ok <html>fine</html>");
        assert_eq!(records.skipped(), 2); // the two request records
    }

    #[test]
    fn html_resource_records_are_articles_too() {
        let mut writer = WarcWriter::new(Vec::new(), false);
        let fields = [
            ("WARC-Type", "resource"),
            ("WARC-Target-URI", "file:///page.html"),
            ("Content-Type", "text/html; charset=iso-8859-1"),
        ];
        writer
            .record(&fields, b"<p>caf\xe9</p>")
            .expect("in memory");
        writer
            .record(
                &[("WARC-Type", "resource"), ("Content-Type", "image/png")],
                b"\x89PNG",
            )
            .expect("in memory");
        let (results, skipped) = read("res.warc", writer.finish().expect("in memory"));
        let texts: Vec<&str> = results
            .iter()
            .flatten()
            .map(|r| r.payload.as_str())
            .collect();
        assert_eq!(texts, ["<p>café</p>"]);
        assert_eq!(skipped, 1);
    }

    #[test]
    fn chunked_and_gzip_encoded_payloads_are_undone() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder
            .write_all(b"<html>zipped</html>")
            .expect("in memory");
        let zipped = encoder.finish().expect("in memory");
        let mut gzip_block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        gzip_block.extend_from_slice(&zipped);
        let chunked_block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n6\r\n<html>\r\n7\r\n</html>\r\n0\r\n\r\n";
        let mut writer = WarcWriter::new(Vec::new(), false);
        let fields = [
            ("WARC-Type", "response"),
            ("Content-Type", "application/http; msgtype=response"),
        ];
        writer.record(&fields, &gzip_block).expect("in memory");
        writer.record(&fields, chunked_block).expect("in memory");
        let (results, _) = read("enc.warc", writer.finish().expect("in memory"));
        let texts: Vec<&str> = results
            .iter()
            .flatten()
            .map(|r| r.payload.as_str())
            .collect();
        assert_eq!(texts, ["<html>zipped</html>", "<html></html>"]);
    }
}
