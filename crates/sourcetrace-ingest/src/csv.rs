//! CSV with a header row: one article a row, its columns found by name.
//!
//! The header names the columns, matched case-insensitively (the first name
//! in each list that the header has wins):
//!
//! | field | columns |
//! |---|---|
//! | text (required) | `text`, `body`, `content`, `articleBody` |
//! | `id` | `id`, `Body ID`, `doc_id` |
//! | `title` | `title`, `headline` |
//! | `url` | `url`, `link` |
//! | `outlet` | `publisher`, `outlet`, `source`, `site` |
//! | `published` | `published`, `date`, `publish_date`, `pubdate` |
//! | `captured` | `scrape_time`, `captured`, `crawled`, `fetched` |
//! | `author` | `author`, `byline` |
//! | `language` | `language`, `lang` |
//!
//! A header without a text column is an error for the whole input. Empty
//! cells are no value. A text that looks like HTML (it starts with `<` and
//! holds a tag such as `<p>`, `<div>` or `<html>`) is an HTML payload, any
//! other is plain text.
//!
//! Traps:
//! - Some corpora join the parts of an article with ` ### ` (the Helsinki
//!   2018 corpus: title ### byline ### date ### paragraph ### …). Each
//!   ` ### ` becomes a blank line, so that the parts are paragraphs of their
//!   own rather than one run-on sentence.
//! - A quoted cell may hold line breaks: a row is not a line. Rows are
//!   numbered by the line they start on ([`crate::Position::Line`]), which is
//!   where an editor finds them; a `#N` in document ids counts lines too.
//! - An unbalanced quote swallows the rest of the file into one cell: the row
//!   is then over the size limit or has the wrong number of fields, and is
//!   reported. A row over [`crate::Ingest::max_record_bytes`] is read through
//!   without being kept in memory, reported and skipped.
//!
//! CSV is UTF-8 (a byte order mark is removed); invalid UTF-8 is an error for
//! its row (the byte offset counts from the row's start) unless the input is
//! read lossily. A row with more or fewer fields than the header is an error
//! for that row; the reader goes on. Rows are parsed by `csv-core`, the
//! `csv` crate's push parser, which leaves the buffers to the caller: that is
//! what lets an oversized row be skipped without holding it.

use std::io::{self, BufRead};

use crate::charset::{check_not_binary, find_ignore_case};
use crate::error::{classify_io, ErrorKind, IngestError};
use crate::record::{GivenMetadata, Origin, Payload, Position, Record};
use crate::source::Stream;
use crate::Ingest;

/// The columns the article text is taken from, in order of preference.
pub(crate) const TEXT_COLUMNS: [&str; 4] = ["text", "body", "content", "articleBody"];
const ID_COLUMNS: [&str; 3] = ["id", "Body ID", "doc_id"];
const TITLE_COLUMNS: [&str; 2] = ["title", "headline"];
const URL_COLUMNS: [&str; 2] = ["url", "link"];
const OUTLET_COLUMNS: [&str; 4] = ["publisher", "outlet", "source", "site"];
const PUBLISHED_COLUMNS: [&str; 4] = ["published", "date", "publish_date", "pubdate"];
const CAPTURED_COLUMNS: [&str; 4] = ["scrape_time", "captured", "crawled", "fetched"];
const AUTHOR_COLUMNS: [&str; 2] = ["author", "byline"];
const LANGUAGE_COLUMNS: [&str; 2] = ["language", "lang"];

/// The separator some corpora put between the parts of an article.
const PART_SEPARATOR: &str = " ### ";

/// The first size of the buffer of unquoted cells; it grows with the rows.
const FIRST_OUTPUT_BYTES: usize = 64 * 1024;
/// The first number of cell ends a row may have; it grows with the rows.
const FIRST_ENDS: usize = 64;
/// The most cells of a row that are kept (a row of commas would otherwise
/// take eight times its size in cell ends); a row with more is counted only.
const MAX_CELLS: usize = 65_536;

pub(crate) struct CsvReader {
    stream: Stream,
    origin: Origin,
    limit: u64,
    lossy: bool,
    parser: csv_core::Reader,
    /// Which field of a row holds what, once the header is read.
    columns: Option<Columns>,
    /// The line the next row starts on, from 1.
    line: u64,
    /// The byte offset of the next row in the (decompressed) input.
    offset: u64,
    /// The row as it is in the input, for the UTF-8 check.
    raw: Vec<u8>,
    /// The cells of the row without their quotes, end to end.
    output: Vec<u8>,
    /// Where each cell ends in `output`.
    ends: Vec<usize>,
    /// How many cells the row just parsed has; only the first [`MAX_CELLS`]
    /// are kept.
    cells: usize,
    done: bool,
}

/// One row as the parser found it.
enum Row {
    /// The cells are in `output` and `ends`.
    Cells {
        /// The line the row starts on.
        line: u64,
    },
    /// The row was longer than the limit; it was read through and dropped.
    TooLarge {
        /// The line the row starts on.
        line: u64,
        /// The row's size in bytes.
        size: u64,
    },
}

/// The position of each known column in the header (the text column is
/// required).
struct Columns {
    count: usize,
    text: usize,
    id: Option<usize>,
    title: Option<usize>,
    url: Option<usize>,
    outlet: Option<usize>,
    published: Option<usize>,
    captured: Option<usize>,
    author: Option<usize>,
    language: Option<usize>,
}

impl CsvReader {
    pub(crate) fn new(ingest: &Ingest, origin: Origin, stream: Stream) -> CsvReader {
        CsvReader {
            stream,
            origin,
            limit: ingest.limit(),
            lossy: ingest.is_lossy(),
            parser: csv_core::Reader::new(),
            columns: None,
            line: 1,
            offset: 0,
            raw: Vec::new(),
            output: vec![0; FIRST_OUTPUT_BYTES],
            ends: vec![0; FIRST_ENDS],
            cells: 0,
            done: false,
        }
    }

    /// Reads the header and finds the columns; a failure ends the input.
    fn read_header(&mut self) -> Result<Columns, IngestError> {
        let fail = |reader: &CsvReader, kind| {
            IngestError::new(
                reader.origin.at(Position::Line {
                    number: reader.line,
                }),
                kind,
            )
        };
        let (count, size, line) = match self.next_row() {
            Ok(Some(Row::Cells { line })) => (self.cells, 0, line),
            Ok(Some(Row::TooLarge { size, line })) => (0, size, line),
            Ok(None) => return Err(IngestError::new(self.origin.clone(), ErrorKind::EmptyBody)),
            Err(error) => return Err(fail(self, classify_io(error))),
        };
        let origin = self.origin.at(Position::Line { number: line });
        if size > 0 {
            let message = format!(
                "the header row is {size} bytes, over the record limit of {}",
                self.limit
            );
            return Err(IngestError::new(origin, ErrorKind::CsvHeader(message)));
        }
        if count > MAX_CELLS {
            let message = format!("the header has {count} columns, more than {MAX_CELLS}");
            return Err(IngestError::new(origin, ErrorKind::CsvHeader(message)));
        }
        let names: Vec<String> = (0..count)
            .map(|index| {
                let name = String::from_utf8_lossy(self.cell(index));
                // A byte order mark the buffer cut in two was not removed.
                name.trim_start_matches('\u{feff}').trim().to_string()
            })
            .collect();
        let find = |wanted: &[&str]| {
            wanted.iter().find_map(|column| {
                names
                    .iter()
                    .position(|name| name.eq_ignore_ascii_case(column))
            })
        };
        let Some(text) = find(&TEXT_COLUMNS) else {
            let found = names
                .iter()
                .map(|name| format!("{name:?}"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(IngestError::new(
                origin,
                ErrorKind::CsvNoTextColumn { found },
            ));
        };
        Ok(Columns {
            count,
            text,
            id: find(&ID_COLUMNS),
            title: find(&TITLE_COLUMNS),
            url: find(&URL_COLUMNS),
            outlet: find(&OUTLET_COLUMNS),
            published: find(&PUBLISHED_COLUMNS),
            captured: find(&CAPTURED_COLUMNS),
            author: find(&AUTHOR_COLUMNS),
            language: find(&LANGUAGE_COLUMNS),
        })
    }

    /// Parses the next row into `output` and `ends` (and `raw`), keeping at
    /// most about `limit` bytes of it in memory.
    fn next_row(&mut self) -> io::Result<Option<Row>> {
        self.skip_blank_lines()?;
        let line = self.line;
        self.raw.clear();
        let mut size: u64 = 0;
        let mut written = 0;
        let mut ended = 0;
        let mut counted = 0;
        let mut too_large = false;
        loop {
            let input = match self.stream.fill_buf() {
                Ok(input) => input,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            let (result, read, wrote, ends) = self.parser.read_record(
                input,
                &mut self.output[written..],
                &mut self.ends[ended..],
            );
            let consumed = &input[..read];
            self.line += memchr::memchr_iter(b'\n', consumed).count() as u64;
            size += read as u64;
            if !too_large && size > self.limit {
                too_large = true;
                self.raw = Vec::new();
            }
            if !too_large {
                self.raw.extend_from_slice(consumed);
            }
            self.stream.consume(read);
            self.offset += read as u64;
            written += wrote;
            ended += ends;
            counted += ends;
            match result {
                csv_core::ReadRecordResult::InputEmpty => {}
                csv_core::ReadRecordResult::OutputFull if too_large => written = 0,
                csv_core::ReadRecordResult::OutputFull => {
                    // The cells are never longer than the row, which is
                    // within the limit here.
                    let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
                    let grown = (self.output.len() * 2)
                        .min(limit.saturating_add(1))
                        .max(self.output.len() + 1);
                    self.output.resize(grown, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull
                    if too_large || self.ends.len() >= MAX_CELLS =>
                {
                    ended = 0;
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                csv_core::ReadRecordResult::Record if too_large => {
                    self.cells = 0;
                    return Ok(Some(Row::TooLarge { line, size }));
                }
                csv_core::ReadRecordResult::Record => {
                    self.cells = counted;
                    return Ok(Some(Row::Cells { line }));
                }
                csv_core::ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Consumes the line breaks before a row, so that the row's line and
    /// offset are where its first cell starts.
    fn skip_blank_lines(&mut self) -> io::Result<()> {
        loop {
            let input = match self.stream.fill_buf() {
                Ok(input) => input,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(error) => return Err(error),
            };
            let mut skipped = 0;
            if self.offset == 0 && input.starts_with(b"\xef\xbb\xbf") {
                skipped = 3;
            }
            let blank = input[skipped..]
                .iter()
                .take_while(|&&byte| byte == b'\n' || byte == b'\r')
                .count();
            self.line +=
                memchr::memchr_iter(b'\n', &input[skipped..skipped + blank]).count() as u64;
            skipped += blank;
            let rest = input.len() - skipped;
            self.stream.consume(skipped);
            self.offset += skipped as u64;
            if rest > 0 || skipped == 0 {
                return Ok(());
            }
        }
    }

    /// The cell at `index` of the row just parsed, as unquoted bytes (only
    /// for rows of at most [`MAX_CELLS`] cells).
    fn cell(&self, index: usize) -> &[u8] {
        let start = if index == 0 { 0 } else { self.ends[index - 1] };
        &self.output[start..self.ends[index]]
    }

    /// The record of the row just parsed.
    fn record(&self, columns: &Columns, origin: Origin) -> Result<Record, ErrorKind> {
        check_not_binary(&self.raw)?;
        if !self.lossy {
            if let Err(error) = std::str::from_utf8(&self.raw) {
                return Err(ErrorKind::InvalidUtf8 {
                    offset: error.valid_up_to() as u64,
                });
            }
        }
        if self.cells != columns.count {
            return Err(ErrorKind::CsvFieldCount {
                expected: columns.count as u64,
                found: self.cells as u64,
            });
        }
        let value = |column: Option<usize>| {
            let cell = String::from_utf8_lossy(self.cell(column?));
            let cell = cell.trim();
            (!cell.is_empty()).then(|| cell.to_string())
        };
        let text = String::from_utf8_lossy(self.cell(columns.text));
        if text.trim().is_empty() {
            return Err(ErrorKind::EmptyBody);
        }
        let text = text.replace(PART_SEPARATOR, "\n\n");
        let payload = if looks_like_html(&text) {
            Payload::Html { text }
        } else {
            Payload::Text(text)
        };
        Ok(Record {
            origin,
            payload,
            meta: GivenMetadata {
                id: value(columns.id),
                url: value(columns.url),
                title: value(columns.title),
                published: value(columns.published),
                captured: value(columns.captured),
                outlet: value(columns.outlet),
                author: value(columns.author),
                language: value(columns.language),
            },
        })
    }
}

impl Iterator for CsvReader {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let columns = match self.columns.take() {
            Some(columns) => columns,
            None => match self.read_header() {
                Ok(columns) => columns,
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            },
        };
        let result = match self.next_row() {
            Ok(None) => {
                self.done = true;
                return None;
            }
            Ok(Some(Row::Cells { line })) => {
                let origin = self.origin.at(Position::Line { number: line });
                self.record(&columns, origin.clone())
                    .map_err(|kind| IngestError::new(origin, kind))
            }
            Ok(Some(Row::TooLarge { line, size })) => Err(IngestError::new(
                self.origin.at(Position::Line { number: line }),
                ErrorKind::TooLarge {
                    size,
                    limit: self.limit,
                },
            )),
            Err(error) => {
                self.done = true;
                Err(IngestError::new(
                    self.origin.at(Position::Line { number: self.line }),
                    classify_io(error),
                ))
            }
        };
        self.columns = Some(columns);
        Some(result)
    }
}

/// Whether a cell holds HTML rather than text: it starts with `<` and holds
/// an HTML document or block tag.
fn looks_like_html(text: &str) -> bool {
    let text = text.trim_start().as_bytes();
    if !text.starts_with(b"<") {
        return false;
    }
    [
        "html",
        "!doctype html",
        "body",
        "p",
        "div",
        "article",
        "br",
        "span",
    ]
    .iter()
    .any(|tag| {
        let mut rest = text;
        let open = format!("<{tag}");
        while let Some(at) = find_ignore_case(rest, open.as_bytes()) {
            let after = rest.get(at + open.len()).copied();
            if after.is_none_or(|byte| byte == b'>' || byte == b'/' || byte.is_ascii_whitespace()) {
                return true;
            }
            rest = &rest[at + open.len()..];
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::CsvReader;
    use crate::{ErrorKind, Format, Ingest, Origin, Payload, Position, Record};
    use std::io::{BufReader, Cursor, Read};

    /// Every record or error message of a CSV input.
    fn read(ingest: Ingest, input: &[u8]) -> Vec<Result<Record, String>> {
        ingest
            .format(Some(Format::Csv))
            .read("in.csv", Cursor::new(input.to_vec()))
            .map(|result| result.map_err(|error| error.to_string()))
            .collect()
    }

    /// The same, through a buffer of `capacity` bytes, so that rows and
    /// quotes are cut at every place.
    fn read_in_pieces(
        ingest: &Ingest,
        capacity: usize,
        input: &[u8],
    ) -> Vec<Result<Record, String>> {
        let reader: Box<dyn Read + Send> = Box::new(Cursor::new(input.to_vec()));
        let stream = BufReader::with_capacity(capacity, reader);
        CsvReader::new(ingest, Origin::whole("in.csv"), stream)
            .map(|result| result.map_err(|error| error.to_string()))
            .collect()
    }

    const ARTICLES: &str = concat!(
        "\u{feff}ID,Publisher,scrape_time,Title,text,Lang\r\n",
        "a1,gazette.example,2018-07-16T10:00:00+02:00,Vote delayed,Vote delayed ### By Ann Reporter ### The council said no.,en\r\n",
        "\r\n",
        "a2,,,\"\",\"She said, \"\"not today\"\".\nA second line.\",\r\n",
        "a3,wire.example,,,\"  <div><p>The <b>mayor</b> spoke.</p></div>\",\r\n",
    );

    #[test]
    fn each_row_is_an_article_with_its_columns() {
        let results = read(Ingest::new(), ARTICLES.as_bytes());
        assert_eq!(results.len(), 3, "{results:?}");
        let first = results[0].as_ref().expect("row 1");
        assert_eq!(
            first.payload,
            Payload::Text("Vote delayed\n\nBy Ann Reporter\n\nThe council said no.".into())
        );
        assert_eq!(first.origin.position, Position::Line { number: 2 });
        assert_eq!(first.meta.id.as_deref(), Some("a1"));
        assert_eq!(first.meta.outlet.as_deref(), Some("gazette.example"));
        assert_eq!(
            first.meta.captured.as_deref(),
            Some("2018-07-16T10:00:00+02:00")
        );
        assert_eq!(first.meta.published, None);
        assert_eq!(first.meta.title.as_deref(), Some("Vote delayed"));
        assert_eq!(first.meta.language.as_deref(), Some("en"));

        let second = results[1].as_ref().expect("row 2");
        assert_eq!(
            second.payload,
            Payload::Text("She said, \"not today\".\nA second line.".into())
        );
        assert_eq!(second.origin.position, Position::Line { number: 4 });
        assert_eq!((&second.meta.outlet, &second.meta.title), (&None, &None));

        let third = results[2].as_ref().expect("row 3");
        assert!(
            matches!(&third.payload, Payload::Html { text } if text.starts_with("  <div><p>")),
            "{third:?}"
        );
        assert_eq!(third.origin.position, Position::Line { number: 6 });
    }

    #[test]
    fn rows_cut_at_any_byte_read_the_same() {
        for ingest in [Ingest::new(), Ingest::new().max_record_bytes(70)] {
            let whole = read_in_pieces(&ingest, 1 << 16, ARTICLES.as_bytes());
            assert_eq!(whole, read(ingest.clone(), ARTICLES.as_bytes()));
            for capacity in 1..12 {
                assert_eq!(
                    read_in_pieces(&ingest, capacity, ARTICLES.as_bytes()),
                    whole
                );
            }
        }
    }

    #[test]
    fn other_column_names_are_found() {
        let input = "Body ID,articleBody\n7,A body.\n";
        let results = read(Ingest::new(), input.as_bytes());
        let record = results[0].as_ref().expect("row");
        assert_eq!(record.meta.id.as_deref(), Some("7"));
        assert_eq!(record.payload.as_str(), "A body.");

        let input = "headline,link,outlet,date,byline,content,body\nH,https://x.example/1,X,2024-05-01,A. B,from content,from body\n";
        let results = read(Ingest::new(), input.as_bytes());
        let record = results[0].as_ref().expect("row");
        assert_eq!(record.payload.as_str(), "from body", "body is preferred");
        assert_eq!(record.meta.title.as_deref(), Some("H"));
        assert_eq!(record.meta.url.as_deref(), Some("https://x.example/1"));
        assert_eq!(record.meta.outlet.as_deref(), Some("X"));
        assert_eq!(record.meta.published.as_deref(), Some("2024-05-01"));
        assert_eq!(record.meta.author.as_deref(), Some("A. B"));
    }

    #[test]
    fn bad_rows_are_errors_of_their_own() {
        let input = concat!(
            "id,text\n",
            "1,fine\n",
            "2\n",
            "3,too,many\n",
            "4,   \n",
            "5,caf\u{e9}\n",
        );
        let mut bytes = input.as_bytes().to_vec();
        bytes.extend_from_slice(b"6,caf\xe9\n7,nul\0\n8,last");
        let results = read(Ingest::new(), &bytes);
        let messages: Vec<String> = results
            .iter()
            .map(|result| {
                result
                    .as_ref()
                    .map_or_else(Clone::clone, |r| r.payload.as_str().to_string())
            })
            .collect();
        assert_eq!(
            messages,
            [
                "fine",
                "in.csv: line 3: the CSV row has 1 fields, the header has 2",
                "in.csv: line 4: the CSV row has 3 fields, the header has 2",
                "in.csv: line 5: empty body",
                "café",
                "in.csv: line 7: invalid UTF-8 at byte 5 (read it lossily to replace invalid bytes)",
                "in.csv: line 8: binary data, not text (NUL byte at byte 5)",
                "last",
            ]
        );
        let lossy = read(Ingest::new().lossy(true), &bytes);
        assert!(matches!(&lossy[5], Ok(record) if record.payload.as_str() == "caf\u{fffd}"));
    }

    #[test]
    fn a_header_without_a_text_column_ends_the_input() {
        let results = read(Ingest::new(), b"id,Title,\"summary\"\n1,T,S\n");
        match &results[..] {
            [Err(message)] => assert_eq!(
                message,
                "in.csv: line 1: the CSV header has no text column: it has \"id\", \"Title\", \"summary\", expected one of text, body, content or articleBody"
            ),
            other => panic!("{other:?}"),
        }
        let results: Vec<_> = Ingest::new()
            .format(Some(Format::Csv))
            .read("in.csv", Cursor::new(b"id,title\n".to_vec()))
            .collect();
        assert!(matches!(&results[..], [Err(e)] if e.kind.is_fatal()));
        assert_eq!(
            read(Ingest::new(), b"\n\n"),
            [Err("in.csv: empty body".to_string())]
        );
    }

    #[test]
    fn a_row_over_the_limit_is_read_through_and_skipped() {
        let input = format!(
            "id,text\n1,\"{}\n{}\"\n2,ok\n",
            "x".repeat(300),
            "y".repeat(300)
        );
        let results = read(Ingest::new().max_record_bytes(100), input.as_bytes());
        match &results[..] {
            [Err(message), Ok(record)] => {
                assert_eq!(
                    message,
                    "in.csv: line 2: record too large: 606 bytes, the limit is 100"
                );
                assert_eq!(record.origin.position, Position::Line { number: 4 });
                assert_eq!(record.payload.as_str(), "ok");
            }
            other => panic!("{other:?}"),
        }
        let header = format!("id,{}\n1,x\n", "t".repeat(200));
        let results = read(Ingest::new().max_record_bytes(100), header.as_bytes());
        assert_eq!(
            results,
            [Err(
                "in.csv: line 1: bad CSV header: the header row is 204 bytes, over the record limit of 100"
                    .to_string()
            )]
        );
    }

    #[test]
    fn a_row_of_commas_is_counted_not_kept() {
        let row = format!("id,text\n1,{}\n2,ok\n", ",".repeat(100_000));
        let results = read(Ingest::new(), row.as_bytes());
        match &results[..] {
            [Err(message), Ok(record)] => {
                assert_eq!(
                    message,
                    "in.csv: line 2: the CSV row has 100002 fields, the header has 2"
                );
                assert_eq!(record.payload.as_str(), "ok");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unclosed_quote_takes_the_rest_of_the_file() {
        let results = read(Ingest::new(), b"id,text\n1,\"open\n2,next\n3,last\n");
        match &results[..] {
            [Ok(record)] => assert_eq!(record.payload.as_str(), "open\n2,next\n3,last\n"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_20_mb_cell_is_an_error_not_an_allocation() {
        let row = Cursor::new(b"id,text\n1,\"".to_vec())
            .chain(std::io::repeat(b'a').take(20_000_000))
            .chain(Cursor::new(b"\"\n2,ok\n".to_vec()));
        let results: Vec<_> = Ingest::new()
            .format(Some(Format::Csv))
            .max_record_bytes(1 << 20)
            .read("big.csv", row)
            .map(|result| {
                result.map_err(|error| {
                    matches!(
                        error.kind,
                        ErrorKind::TooLarge {
                            size: 20_000_005,
                            ..
                        }
                    )
                })
            })
            .collect();
        assert!(matches!(&results[..], [Err(true), Ok(_)]), "{results:?}");
    }

    #[test]
    fn html_is_told_from_text() {
        assert!(super::looks_like_html("<p>Hi</p>"));
        assert!(super::looks_like_html(" <!DOCTYPE html><html>"));
        assert!(super::looks_like_html("<section><DIV class=x>Hi</DIV>"));
        assert!(!super::looks_like_html(
            "<Acme Corp> said it would buy <Beta>."
        ));
        assert!(!super::looks_like_html("The <p> tag."));
        assert!(!super::looks_like_html("<pre>code</pre>"));
    }
}
