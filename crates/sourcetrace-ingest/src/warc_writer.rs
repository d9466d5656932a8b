//! Writes WARC files, for tests, fuzz seeds and benchmarks (feature
//! `test-support`).
//!
//! ```
//! use sourcetrace_ingest::warc_writer::WarcWriter;
//! let mut writer = WarcWriter::new(Vec::new(), true);
//! writer.html_response("https://example.org/a", "2024-01-02T03:04:05Z", b"<html>Hi</html>").unwrap();
//! let warc_gz = writer.finish().unwrap();
//! let records: Vec<_> = sourcetrace_ingest::Ingest::new().read("t.warc.gz", std::io::Cursor::new(warc_gz)).collect();
//! assert_eq!(records[0].as_ref().unwrap().meta.url.as_deref(), Some("https://example.org/a"));
//! ```

use std::io::{self, Write};

use flate2::write::GzEncoder;
use flate2::Compression;

/// Writes WARC/1.1 records, each optionally as its own gzip member (the
/// Common Crawl layout: a multi-member gzip file).
#[derive(Debug)]
pub struct WarcWriter<W: Write> {
    out: W,
    gzip_per_record: bool,
    records: u64,
}

impl<W: Write> WarcWriter<W> {
    /// A writer to `out`; with `gzip_per_record`, every record is a gzip member.
    pub fn new(out: W, gzip_per_record: bool) -> WarcWriter<W> {
        WarcWriter {
            out,
            gzip_per_record,
            records: 0,
        }
    }

    /// Writes a `warcinfo` record dated `date`, as crawlers put first.
    pub fn warcinfo(&mut self, date: &str) -> io::Result<()> {
        let block = b"software: sourcetrace-ingest test writer\r\nformat: WARC File Format 1.1\r\n";
        self.record(
            &[
                ("WARC-Type", "warcinfo"),
                ("WARC-Date", date),
                ("Content-Type", "application/warc-fields"),
            ],
            block,
        )
    }

    /// Writes a `request` record and a `response` record with an HTTP 200
    /// `text/html; charset=utf-8` response carrying `html`.
    pub fn html_response(&mut self, url: &str, date: &str, html: &[u8]) -> io::Result<()> {
        let request = format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", host(url));
        self.record(
            &[
                ("WARC-Type", "request"),
                ("WARC-Target-URI", url),
                ("WARC-Date", date),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            request.as_bytes(),
        )?;
        self.http_response(url, date, "200 OK", "text/html; charset=utf-8", html)
    }

    /// Writes a `response` record with any status and content type.
    pub fn http_response(
        &mut self,
        url: &str,
        date: &str,
        status: &str,
        content_type: &str,
        body: &[u8],
    ) -> io::Result<()> {
        let mut block = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        block.extend_from_slice(body);
        self.record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", url),
                ("WARC-Date", date),
                ("Content-Type", "application/http; msgtype=response"),
            ],
            &block,
        )
    }

    /// Writes one record with the given header fields (`WARC-Record-ID` and
    /// `Content-Length` are added) and block.
    pub fn record(&mut self, fields: &[(&str, &str)], block: &[u8]) -> io::Result<()> {
        self.records += 1;
        let mut record = format!(
            "WARC/1.1\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{:012x}>\r\n",
            self.records
        )
        .into_bytes();
        for (name, value) in fields {
            record.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
        }
        record.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
        record.extend_from_slice(block);
        record.extend_from_slice(b"\r\n\r\n");
        self.raw(&record)
    }

    /// Writes bytes as they are (in their own gzip member when compressing):
    /// for malformed records in tests.
    pub fn raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.gzip_per_record {
            let mut encoder = GzEncoder::new(&mut self.out, Compression::fast());
            encoder.write_all(bytes)?;
            encoder.finish()?;
            Ok(())
        } else {
            self.out.write_all(bytes)
        }
    }

    /// Flushes and returns the output.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}
