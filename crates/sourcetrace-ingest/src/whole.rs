//! Inputs that are one article each: a plain-text file or an HTML page.

use std::io::{self, Read};

use crate::charset::{check_not_binary, decode_html, decode_text};
use crate::error::{classify_io, ErrorKind, IngestError};
use crate::format::Format;
use crate::record::{GivenMetadata, Origin, Payload, Record};
use crate::source::Stream;
use crate::{Ingest, Records};

pub(crate) fn read(ingest: &Ingest, origin: Origin, stream: Stream, format: Format) -> Records {
    let result = read_bounded(stream, ingest.limit())
        .and_then(|bytes| decode(ingest, bytes, format))
        .map(|payload| Record {
            origin: origin.clone(),
            payload,
            meta: GivenMetadata::default(),
        })
        .map_err(|kind| IngestError::new(origin, kind));
    Records::from_items(vec![result])
}

fn decode(ingest: &Ingest, bytes: Vec<u8>, format: Format) -> Result<Payload, ErrorKind> {
    let payload = if format == Format::Html {
        if encoding_rs::Encoding::for_bom(&bytes).is_none() {
            check_not_binary(&bytes)?;
        }
        Payload::Html {
            text: decode_html(bytes, None),
        }
    } else {
        Payload::Text(decode_text(bytes, ingest.is_lossy())?)
    };
    if payload.as_str().trim().is_empty() {
        return Err(ErrorKind::EmptyBody);
    }
    Ok(payload)
}

/// Reads a whole stream, or reports its size if it is over `limit` bytes
/// (reading on to count, without keeping the bytes).
pub(crate) fn read_bounded(mut stream: impl Read, limit: u64) -> Result<Vec<u8>, ErrorKind> {
    let mut bytes = Vec::new();
    (&mut stream)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(classify_io)?;
    if bytes.len() as u64 > limit {
        let rest = io::copy(&mut stream, &mut io::sink()).map_err(classify_io)?;
        return Err(ErrorKind::TooLarge {
            size: bytes.len() as u64 + rest,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use crate::{ErrorKind, Format, Ingest, Payload};
    use std::io::Cursor;

    fn one(ingest: &Ingest, name: &str, bytes: &'static [u8]) -> Result<Payload, String> {
        let mut records = ingest.read(name, Cursor::new(bytes));
        let result = records.next().expect("one result");
        assert!(records.next().is_none());
        result
            .map(|record| record.payload)
            .map_err(|error| error.to_string())
    }

    #[test]
    fn text_and_html_files_are_one_record_each() {
        let ingest = Ingest::new();
        assert_eq!(
            one(&ingest, "a.txt", b"Hello."),
            Ok(Payload::Text("Hello.".into()))
        );
        assert_eq!(
            one(&ingest, "a", b"<!doctype html><p>caf\xe9</p>"),
            Ok(Payload::Html {
                text: "<!doctype html><p>café</p>".into()
            })
        );
    }

    #[test]
    fn malformed_whole_inputs_name_the_file_and_the_problem() {
        let ingest = Ingest::new();
        assert_eq!(
            one(&ingest, "a.txt", b"caf\xe9"),
            Err("a.txt: invalid UTF-8 at byte 3 (read it lossily to replace invalid bytes)".into())
        );
        assert_eq!(
            one(&ingest, "img.txt", b"GIF89a\0\0"),
            Err("img.txt: binary data, not text (NUL byte at byte 6)".into())
        );
        assert_eq!(
            one(&ingest, "e.txt", b" \n\t"),
            Err("e.txt: empty body".into())
        );
        let small = Ingest::new()
            .max_record_bytes(10)
            .format(Some(Format::Html));
        assert_eq!(
            one(&small, "big.html", b"<p>0123456789 0123456789</p>"),
            Err("big.html: record too large: 28 bytes, the limit is 10".into())
        );
    }

    #[test]
    fn a_200_mb_page_is_an_error_not_an_allocation() {
        use std::io::Read;
        let page = Cursor::new(b"<html>".to_vec()).chain(std::io::repeat(b'a').take(200_000_000));
        let results: Vec<_> = Ingest::new().read("huge.html", page).collect();
        match &results[..] {
            [Err(error)] => assert_eq!(
                error.to_string(),
                "huge.html: record too large: 200000006 bytes, the limit is 67108864"
            ),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn gzip_is_removed_and_truncated_gzip_is_named() {
        use flate2::{write::GzEncoder, Compression};
        use std::io::Write;
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        let page = "<html><body>".to_string() + &"word ".repeat(2000) + "</body></html>";
        encoder.write_all(page.as_bytes()).expect("in memory");
        let gzip = encoder.finish().expect("in memory");
        let records: Vec<_> = Ingest::new()
            .read("p.html.gz", Cursor::new(gzip.clone()))
            .collect();
        assert!(matches!(&records[0], Ok(record) if record.payload.as_str() == page));
        let truncated = gzip[..gzip.len() / 2].to_vec();
        let records: Vec<_> = Ingest::new()
            .read("p.html.gz", Cursor::new(truncated))
            .collect();
        match &records[..] {
            [Err(error)] => {
                assert!(matches!(error.kind, ErrorKind::TruncatedGzip), "{error}");
                assert!(error
                    .to_string()
                    .starts_with("p.html.gz: truncated gzip data"));
            }
            other => panic!("{other:?}"),
        }
    }
}
