//! Opening an input: the file or standard input, gzip removed, the format
//! detected from the first bytes, and the reader for that format.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read};

use flate2::read::MultiGzDecoder;

use crate::error::{classify_io, ErrorKind, GzipFailure, IngestError};
use crate::format::{detect, Format};
use crate::input::Input;
use crate::record::Origin;
use crate::{csv, feed, jsonl, sgml, warc, whole, Ingest, Records};

/// How many bytes format detection looks at.
const PEEK_BYTES: usize = 4096;
/// The buffer of every reader: large enough that WARC headers and JSONL lines
/// are usually found in one piece.
const BUFFER_BYTES: usize = 256 * 1024;

/// A byte stream with nothing known about it yet.
pub(crate) type Stream = BufReader<Box<dyn Read + Send>>;

pub(crate) fn open(ingest: &Ingest, input: &Input) -> Records {
    let name = input.name();
    let reader: Box<dyn Read + Send> = match input {
        Input::Stdin => Box::new(io::stdin()),
        Input::Path(path) => match File::open(path) {
            Ok(file) => Box::new(file),
            Err(error) => {
                return Records::failed(IngestError::new(Origin::whole(name), ErrorKind::Io(error)))
            }
        },
    };
    read(ingest, &name, reader)
}

pub(crate) fn read(ingest: &Ingest, name: &str, reader: Box<dyn Read + Send>) -> Records {
    let origin = Origin::whole(name);
    match prepare(reader) {
        Ok((prefix, stream)) => {
            let format = ingest
                .forced_format()
                .unwrap_or_else(|| detect(&prefix, name));
            let records = match format {
                Format::Text => whole::read(ingest, origin, stream, Format::Text),
                Format::Html => whole::read(ingest, origin, stream, Format::Html),
                Format::Feed => feed::read(ingest, origin, stream),
                Format::Jsonl => {
                    Records::from_jsonl(jsonl::JsonlReader::new(ingest, origin, stream))
                }
                Format::Warc => Records::from_warc(warc::WarcReader::new(ingest, origin, stream)),
                Format::Csv => Records::from_csv(csv::CsvReader::new(ingest, origin, stream)),
                Format::Sgml => Records::from_sgml(sgml::SgmlReader::new(ingest, origin, stream)),
            };
            records.with_format(format)
        }
        Err(error) => Records::failed(IngestError::new(origin, classify_io(error))),
    }
}

/// Removes gzip if the magic bytes say so, and returns the first bytes of the
/// (decompressed) content with a stream that still yields them.
fn prepare(reader: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Stream)> {
    let (prefix, reader) = peek(reader)?;
    if prefix.starts_with(&[0x1f, 0x8b]) {
        let decoder: Box<dyn Read + Send> = Box::new(GzipErrors(MultiGzDecoder::new(
            BufReader::with_capacity(BUFFER_BYTES, reader),
        )));
        let (prefix, reader) = peek(decoder)?;
        Ok((prefix, BufReader::with_capacity(BUFFER_BYTES, reader)))
    } else {
        Ok((prefix, BufReader::with_capacity(BUFFER_BYTES, reader)))
    }
}

/// Reads the first bytes and returns them with a stream that yields them
/// again. An error after some bytes is kept for its place in the stream, so
/// that the records before it are still read.
fn peek(mut reader: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut prefix = Vec::with_capacity(PEEK_BYTES);
    let mut pending = None;
    while prefix.len() < PEEK_BYTES {
        let mut chunk = [0; 1024];
        let wanted = (PEEK_BYTES - prefix.len()).min(chunk.len());
        match reader.read(&mut chunk[..wanted]) {
            Ok(0) => break,
            Ok(read) => prefix.extend_from_slice(&chunk[..read]),
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            Err(error) if prefix.is_empty() => return Err(error),
            Err(error) => {
                pending = Some(error);
                break;
            }
        }
    }
    let rest = Pending {
        error: pending,
        reader,
    };
    let chained: Box<dyn Read + Send> = Box::new(Cursor::new(prefix.clone()).chain(rest));
    Ok((prefix, chained))
}

/// A stream that starts with an error met while peeking.
struct Pending {
    error: Option<io::Error>,
    reader: Box<dyn Read + Send>,
}

impl Read for Pending {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        match self.error.take() {
            Some(error) => Err(error),
            None => self.reader.read(buffer),
        }
    }
}

/// Tags the gzip decoder's errors so that a truncated member is reported as
/// such, not as a record cut short.
struct GzipErrors<R>(MultiGzDecoder<R>);

impl<R: BufRead> Read for GzipErrors<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        self.0
            .read(buffer)
            .map_err(|error| io::Error::new(error.kind(), GzipFailure(error)))
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// The end of the stream, nothing read.
    End,
    /// A line (with its terminator, if any) is in the buffer; this many bytes
    /// were consumed.
    Read(u64),
    /// The line was longer than allowed; it was consumed and dropped.
    TooLong(u64),
}

/// Reads one line into `line` (cleared first), keeping at most `max` bytes in
/// memory: a longer line is consumed to its end and reported by length.
pub(crate) fn read_line(
    stream: &mut impl BufRead,
    line: &mut Vec<u8>,
    max: u64,
) -> io::Result<Line> {
    line.clear();
    let mut consumed: u64 = 0;
    let mut too_long = false;
    loop {
        let available = match stream.fill_buf() {
            Ok(available) => available,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            break;
        }
        let (taken, done) = match memchr::memchr(b'\n', available) {
            Some(at) => (at + 1, true),
            None => (available.len(), false),
        };
        if !too_long && consumed + taken as u64 <= max {
            line.extend_from_slice(&available[..taken]);
        } else if !too_long {
            too_long = true;
            line.clear();
        }
        consumed += taken as u64;
        stream.consume(taken);
        if done {
            break;
        }
    }
    Ok(if consumed == 0 {
        Line::End
    } else if too_long {
        Line::TooLong(consumed)
    } else {
        Line::Read(consumed)
    })
}
