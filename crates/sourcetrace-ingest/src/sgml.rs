//! Reuters-21578 SGML: one article per `<REUTERS … NEWID="N">` element,
//! read element by element.
//!
//! What a record holds:
//! - text: the `<BODY>`, after the `<DATELINE>` as the wire printed it
//!   (`SALVADOR, Feb 26 - Showers continued…`). Items without a body
//!   (`TYPE="BRIEF"` flashes that are only a headline, `TYPE="UNPROC"`
//!   tables) give the content of `<TEXT>` with its tags removed. An element
//!   with no text at all is an [`crate::ErrorKind::EmptyBody`] error.
//! - `id`: `reuters-N` from the `NEWID` attribute; `title`: `<TITLE>`;
//!   `author`: `<AUTHOR>` without its `By` and the `, Reuters` after the
//!   name; `outlet`: `Reuters`.
//! - `published`: `<DATE>` (`26-FEB-1987 15:01:01.79`) in RFC 3339,
//!   `1987-02-26T15:01:01Z`. The corpus states no time zone: the time is
//!   written as UTC as it stands, which may be hours off (the day is what
//!   the analysis uses). A date that does not read is no date, not an error.
//!
//! Traps:
//! - The files are Latin-1 with no declaration; they are decoded as
//!   windows-1252 (its superset), so every byte is some character.
//! - The wire's control characters are written as entities (`&#2;` starts a
//!   text, `&#3;` ends it, `&#5;`, `&#22;`, `&#31;`, `&#127;` in routing
//!   lines): all control characters but line breaks and tabs are removed.
//!   `&lt;`, `&gt;`, `&amp;`, `&quot;` and `&#N;` are unescaped; Reuters marks
//!   company names as `&lt;Texas Commerce Bancshares>`, kept as `<…>`.
//! - Bodies are wrapped at about 70 columns and a paragraph starts with an
//!   indented line. Wrapped lines are joined with a space, and an indented
//!   or blank line starts a new paragraph; paragraphs are separated by a
//!   blank line. Table rows are indented too, so each is a paragraph of its
//!   own. The `Reuter` signature that ends a story is dropped.
//! - An element without `</REUTERS>` (a file cut short, or the next element
//!   starting first) is an error for that element; the reader goes on with
//!   the next one. An element over [`crate::Ingest::max_record_bytes`] is read
//!   through without being kept, reported and skipped.
//!
//! Positions are [`crate::Position::Record`]: the element's number in the file
//! and the byte offset of its `<REUTERS` tag.

use std::io::{self, BufRead};

use crate::charset::find_ignore_case;
use crate::error::{classify_io, ErrorKind, IngestError};
use crate::format::{is_reuters_start_tag, starts_with_ignore_case};
use crate::record::{GivenMetadata, Origin, Payload, Position, Record};
use crate::source::Stream;
use crate::Ingest;

/// The end tag of an article element.
const END_TAG: &[u8] = b"</reuters>";
/// How many bytes from a `<` decide whether it starts a `<REUTERS` or
/// `</REUTERS>` tag.
const TAG_BYTES: usize = 10;
/// How many bytes are taken from the stream at a time: about a few
/// elements, so that removing a finished element from the front of the
/// buffer moves little.
const FILL_BYTES: usize = 16 * 1024;
/// The month abbreviations of `<DATE>`.
const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];

pub(crate) struct SgmlReader {
    stream: Stream,
    origin: Origin,
    limit: u64,
    /// Bytes read and not yet used up; `buffer[0]` is at `offset` in the input.
    buffer: Vec<u8>,
    offset: u64,
    /// The number of elements met so far.
    number: u64,
    end_of_input: bool,
    done: bool,
}

/// An article element's tags, as far as splitting the input is concerned.
enum Tag {
    Start,
    End,
}

impl SgmlReader {
    pub(crate) fn new(ingest: &Ingest, origin: Origin, stream: Stream) -> SgmlReader {
        SgmlReader {
            stream,
            origin,
            limit: ingest.limit(),
            buffer: Vec::new(),
            offset: 0,
            number: 0,
            end_of_input: false,
            done: false,
        }
    }

    /// Appends the next bytes of the input to the buffer, or notes its end.
    fn fill(&mut self) -> io::Result<()> {
        loop {
            match self.stream.fill_buf() {
                Ok([]) => {
                    self.end_of_input = true;
                    return Ok(());
                }
                Ok(chunk) => {
                    let read = chunk.len().min(FILL_BYTES);
                    self.buffer.extend_from_slice(&chunk[..read]);
                    self.stream.consume(read);
                    return Ok(());
                }
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(error),
            }
        }
    }

    /// Drops the first `count` bytes of the buffer.
    fn discard(&mut self, count: usize) {
        self.buffer.drain(..count);
        self.offset += count as u64;
    }

    /// The first `<REUTERS` or `</REUTERS>` tag in the buffer from `from`:
    /// its position and kind, or else where to search again once more bytes
    /// are in (a `<` too close to the end to decide, or the end).
    fn find_tag(&self, from: usize) -> Result<(usize, Tag), usize> {
        let buffer = &self.buffer;
        for at in memchr::memchr_iter(b'<', &buffer[from..]).map(|at| from + at) {
            if at + TAG_BYTES > buffer.len() && !self.end_of_input {
                return Err(at);
            }
            if is_reuters_start_tag(&buffer[at..]) {
                return Ok((at, Tag::Start));
            }
            if starts_with_ignore_case(&buffer[at..], END_TAG) {
                return Ok((at, Tag::End));
            }
        }
        Err(buffer.len())
    }

    /// Moves to the next `<REUTERS` start tag; false at the end of the input.
    fn seek_element(&mut self) -> io::Result<bool> {
        let mut from = 0;
        loop {
            match self.find_tag(from) {
                Ok((at, Tag::Start)) => {
                    self.discard(at);
                    return Ok(true);
                }
                // A stray end tag outside any element.
                Ok((at, Tag::End)) => from = at + 1,
                Err(_) if self.end_of_input => {
                    let all = self.buffer.len();
                    self.discard(all);
                    return Ok(false);
                }
                Err(resume) => {
                    self.discard(resume);
                    from = 0;
                    self.fill()?;
                }
            }
        }
    }

    /// Reads the element that starts the buffer up to its end tag, keeping
    /// at most about `limit` bytes of it.
    fn read_element(&mut self, origin: Origin) -> Result<Record, ErrorKind> {
        let mut from = 1;
        let mut dropped: u64 = 0;
        let end = loop {
            match self.find_tag(from) {
                Ok((at, Tag::End)) => break at + END_TAG.len(),
                Ok((at, Tag::Start)) => {
                    self.discard(at);
                    return Err(ErrorKind::SgmlUnclosed {
                        at_end_of_input: false,
                    });
                }
                Err(_) if self.end_of_input => {
                    let all = self.buffer.len();
                    self.discard(all);
                    return Err(ErrorKind::SgmlUnclosed {
                        at_end_of_input: true,
                    });
                }
                Err(resume) => {
                    if dropped > 0 || self.buffer.len() as u64 > self.limit {
                        dropped += resume as u64;
                        self.discard(resume);
                        from = 0;
                    } else {
                        from = resume;
                    }
                    self.fill().map_err(classify_io)?;
                }
            }
        };
        let size = dropped + end as u64;
        let result = if size > self.limit {
            Err(ErrorKind::TooLarge {
                size,
                limit: self.limit,
            })
        } else {
            article(&self.buffer[..end], origin)
        };
        self.discard(end);
        result
    }
}

impl Iterator for SgmlReader {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.seek_element() {
            Ok(true) => {}
            Ok(false) => {
                self.done = true;
                return (self.number == 0)
                    .then(|| Err(IngestError::new(self.origin.clone(), ErrorKind::NotSgml)));
            }
            Err(error) => {
                self.done = true;
                return Some(Err(IngestError::new(
                    self.origin.clone(),
                    classify_io(error),
                )));
            }
        }
        self.number += 1;
        let origin = self.origin.at(Position::Record {
            number: self.number,
            offset: self.offset,
        });
        let result = self
            .read_element(origin.clone())
            .map_err(|kind| IngestError::new(origin, kind));
        if result.as_ref().is_err_and(|error| error.kind.is_fatal()) {
            self.done = true;
        }
        Some(result)
    }
}

/// The record of one whole `<REUTERS>…</REUTERS>` element.
fn article(bytes: &[u8], origin: Origin) -> Result<Record, ErrorKind> {
    let (element, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
    let start_tag_end = element.find('>').map_or(element.len(), |at| at + 1);
    let (start_tag, content) = element.split_at(start_tag_end);
    let line = |name: &str| child(content, name).map(|raw| one_line(&unescape(raw)));
    let dateline = line("DATELINE").filter(|dateline| !dateline.is_empty());
    let body = child(content, "BODY")
        .map(|body| paragraphs(&unescape(body)))
        .filter(|body| !body.is_empty());
    let text = match (body, dateline) {
        (Some(body), Some(dateline)) => format!("{dateline} {body}"),
        (Some(body), None) => body,
        (None, _) => child(content, "TEXT")
            .map(|text| paragraphs(&unescape(&strip_tags(text))))
            .unwrap_or_default(),
    };
    if text.trim().is_empty() {
        return Err(ErrorKind::EmptyBody);
    }
    Ok(Record {
        origin,
        payload: Payload::Text(text),
        meta: GivenMetadata {
            id: attribute(start_tag, "NEWID").map(|id| format!("reuters-{id}")),
            title: line("TITLE").filter(|title| !title.is_empty()),
            published: child(content, "DATE").and_then(|date| parse_date(&unescape(date))),
            outlet: Some("Reuters".to_string()),
            author: line("AUTHOR").and_then(|author| author_name(&author)),
            url: None,
            captured: None,
            language: None,
        },
    })
}

/// The content of the first `<name …>…</name>` element in `text` (names
/// compared ASCII case-insensitively), if it has its end tag.
fn child<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let bytes = text.as_bytes();
    let start_tag = format!("<{name}");
    let end_tag = format!("</{name}>");
    let mut from = 0;
    loop {
        let at = from + find_ignore_case(&bytes[from..], start_tag.as_bytes())?;
        let after = at + start_tag.len();
        match bytes.get(after) {
            Some(&byte) if byte == b'>' || byte.is_ascii_whitespace() => {
                let start = after + memchr::memchr(b'>', &bytes[after..])? + 1;
                let end = start + find_ignore_case(&bytes[start..], end_tag.as_bytes())?;
                return Some(&text[start..end]);
            }
            // `<DATELINE` when looking for `<DATE`.
            _ => from = after,
        }
    }
}

/// The value of an attribute in a start tag, quoted or not.
fn attribute(start_tag: &str, name: &str) -> Option<String> {
    let bytes = start_tag.as_bytes();
    let mut from = 0;
    loop {
        let at = from + find_ignore_case(&bytes[from..], name.as_bytes())?;
        from = at + name.len();
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let rest = start_tag[from..].trim_start();
        let Some(value) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let value = value.trim_start();
        let value = match value.strip_prefix('"') {
            Some(quoted) => quoted.split('"').next().unwrap_or_default(),
            None => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or_default(),
        };
        let value = value.trim();
        return (!value.is_empty()).then(|| value.to_string());
    }
}

/// Replaces the markup of a `<TEXT>` element by line breaks, keeping the
/// text of its children.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let tag = &rest[at + 1..];
        let is_tag = tag
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match tag.find('>').filter(|_| is_tag) {
            Some(end) => {
                out.push('\n');
                rest = &tag[end + 1..];
            }
            None => {
                out.push('<');
                rest = tag;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Unescapes `&lt;`, `&gt;`, `&amp;`, `&quot;`, `&apos;` and numeric
/// references, and removes control characters other than line breaks and
/// tabs (the wire's start, end and routing codes). An unknown entity is
/// kept as written.
fn unescape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.bytes().take(12).position(|byte| byte == b';');
        match end.and_then(|end| Some((end, entity(&rest[1..end])?))) {
            Some((end, decoded)) => {
                out.push(decoded);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.retain(|c| !c.is_control() || c == '\n' || c == '\t');
    out
}

/// The character an entity name (between `&` and `;`) stands for.
fn entity(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The text on one line: white space runs become one space, ends trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `by Janie Gabbett, Reuters` to `Janie Gabbett`.
fn author_name(byline: &str) -> Option<String> {
    let name = byline.trim();
    let name = match name.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => &name[3..],
        _ => name,
    };
    let name = match name.len().checked_sub(", Reuters".len()) {
        Some(at)
            if name
                .get(at..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(", Reuters")) =>
        {
            &name[..at]
        }
        _ => name,
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// Joins lines wrapped by the wire into paragraphs: an indented or blank
/// line starts a new one; paragraphs are separated by a blank line. The
/// closing signature is dropped, and so are lines of asterisks (the mark
/// of a flash) and a `^M` at the end of a line.
fn paragraphs(text: &str) -> String {
    // A few lines end in a carriage return written out as `^M`.
    let mut lines: Vec<&str> = text
        .lines()
        .map(|line| line.strip_suffix("^M").unwrap_or(line))
        .collect();
    // Some stories are signed twice (`… said. Reuter` then ` Reuter`).
    for _ in 0..2 {
        while lines.last().is_some_and(|line| line.trim().is_empty()) {
            lines.pop();
        }
        match lines.last().map(|line| without_signature(line)) {
            Some(Some(rest)) if rest.trim().is_empty() => {
                lines.pop();
            }
            Some(Some(rest)) => {
                lines.pop();
                lines.push(rest);
            }
            _ => break,
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut open = false;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.bytes().all(|byte| byte == b'*') {
            open = false;
            continue;
        }
        if open && !line.starts_with(char::is_whitespace) {
            out.push(' ');
        } else if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(trimmed);
        open = true;
    }
    out
}

/// The last line of a story without its `Reuter` signature, if it has
/// one: the whole line (`Reuter`, ` REUTER...`, `reuter`), or the last word
/// after a sentence (`… 28. REUTER`, `… said. Reuter`). A line that only
/// names the agency (`… joined Reuter`) keeps it.
fn without_signature(line: &str) -> Option<&str> {
    let end = line.trim_end().trim_end_matches('.');
    let at = end.len().checked_sub("reuter".len())?;
    let word = end.get(at..)?;
    let before = &end[..at];
    if !word.eq_ignore_ascii_case("reuter") {
        return None;
    }
    if before.trim().is_empty() {
        return Some("");
    }
    let sentence_ends = before.trim_end().ends_with(['.', '"', ')', '!', '?']);
    (before.ends_with(char::is_whitespace) && (word == "REUTER" || sentence_ends)).then_some(before)
}

/// `26-FEB-1987 15:01:01.79` (anything after the seconds ignored) to
/// `1987-02-26T15:01:01Z`; `None` when it does not read as a real date.
fn parse_date(raw: &str) -> Option<String> {
    let mut words = raw.split_whitespace();
    let mut date = words.next()?.split('-');
    let clock = words.next()?;
    let day = number(date.next()?, 2)?;
    let month_name = date.next()?;
    let month = MONTHS
        .iter()
        .position(|month| month.eq_ignore_ascii_case(month_name))? as u32
        + 1;
    let year = number(date.next()?, 4)?;
    if date.next().is_some() || year < 1000 {
        return None;
    }
    let clock = clock
        .split(|c: char| !(c.is_ascii_digit() || c == ':'))
        .next()?;
    let mut clock = clock.split(':');
    let hour = number(clock.next()?, 2)?;
    let minute = number(clock.next()?, 2)?;
    let second = number(clock.next()?, 2)?;
    if clock.next().is_some()
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z"
    ))
}

/// A number of one to `digits` ASCII digits.
fn number(text: &str, digits: usize) -> Option<u32> {
    if text.is_empty() || text.len() > digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_date, unescape, SgmlReader};
    use crate::{ErrorKind, Format, Ingest, Origin, Payload, Position, Record};
    use std::io::{BufReader, Cursor, Read};

    /// Two made-up wire stories in the corpus's layout: a full one and a
    /// headline-only flash.
    const STORIES: &str = concat!(
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n",
        "<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" OLDID=\"17\" NEWID=\"101\">\n",
        "<DATE> 3-MAR-1987 09:15:42.07</DATE>\n",
        "<TOPICS><D>tin</D></TOPICS>\n",
        "<UNKNOWN> \n&#5;&#5;&#5;C M\n&#22;&#22;&#1;f0001&#31;reute\nr f BC-HARBOUR-TIN   03-03 0077</UNKNOWN>\n",
        "<TEXT>&#2;\n",
        "<TITLE>HARBOUR TIN &lt;HTC> SEES HIGHER OUTPUT</TITLE>\n",
        "<AUTHOR>    By Jane Doe, Reuters</AUTHOR>\n",
        "<DATELINE>    PORTVILLE, March 3 - </DATELINE><BODY>Harbour Tin Co said output at its\n",
        "northern mine would rise by a fifth this year, the\n",
        "company's chairman told shareholders.\n",
        "    \"We expect the new shaft to be running by June,\" he\n",
        "said &amp; added that prices were firm.\n",
        "       \n",
        " Reuter\n",
        "&#3;</BODY></TEXT>\n",
        "</REUTERS>\n",
        "<REUTERS TOPICS=\"NO\" NEWID=\"102\">\n",
        "<DATE>31-FEB-1987 09:20:00.00</DATE>\n",
        "<TEXT TYPE=\"BRIEF\">&#2;\n",
        "******<TITLE>HARBOUR TIN CHAIRMAN SAYS OUTPUT TO RISE\n",
        "</TITLE>No further text.   REUTER...\n",
        "&#3;\n\n</TEXT>\n",
        "</REUTERS>\n",
    );

    fn read(ingest: Ingest, input: &str) -> Vec<Result<Record, String>> {
        ingest
            .format(Some(Format::Sgml))
            .read("wire.sgm", Cursor::new(input.as_bytes().to_vec()))
            .map(|result| result.map_err(|error| error.to_string()))
            .collect()
    }

    /// The same, through a buffer of `capacity` bytes, so that tags are cut
    /// at every place.
    fn read_in_pieces(
        ingest: &Ingest,
        capacity: usize,
        input: &str,
    ) -> Vec<Result<Record, String>> {
        let reader: Box<dyn Read + Send> = Box::new(Cursor::new(input.as_bytes().to_vec()));
        let stream = BufReader::with_capacity(capacity, reader);
        SgmlReader::new(ingest, Origin::whole("wire.sgm"), stream)
            .map(|result| result.map_err(|error| error.to_string()))
            .collect()
    }

    #[test]
    fn a_story_is_its_dateline_and_body_in_paragraphs() {
        let results = read(Ingest::new(), STORIES);
        assert_eq!(results.len(), 2, "{results:?}");
        let story = results[0].as_ref().expect("story");
        assert_eq!(
            story.payload,
            Payload::Text(
                "PORTVILLE, March 3 - Harbour Tin Co said output at its northern mine would \
                 rise by a fifth this year, the company's chairman told shareholders.\n\n\
                 \"We expect the new shaft to be running by June,\" he said & added that \
                 prices were firm."
                    .into()
            )
        );
        assert_eq!(story.meta.id.as_deref(), Some("reuters-101"));
        assert_eq!(
            story.meta.title.as_deref(),
            Some("HARBOUR TIN <HTC> SEES HIGHER OUTPUT")
        );
        assert_eq!(
            story.meta.published.as_deref(),
            Some("1987-03-03T09:15:42Z")
        );
        assert_eq!(story.meta.outlet.as_deref(), Some("Reuters"));
        assert_eq!(story.meta.author.as_deref(), Some("Jane Doe"));
        assert_eq!(
            story.origin.position,
            Position::Record {
                number: 1,
                offset: 36
            }
        );
    }

    #[test]
    fn a_flash_without_body_is_its_text_and_a_bad_date_is_none() {
        let results = read(Ingest::new(), STORIES);
        let flash = results[1].as_ref().expect("flash");
        assert_eq!(
            flash.payload.as_str(),
            "HARBOUR TIN CHAIRMAN SAYS OUTPUT TO RISE\n\nNo further text."
        );
        assert_eq!(
            flash.meta.title.as_deref(),
            Some("HARBOUR TIN CHAIRMAN SAYS OUTPUT TO RISE")
        );
        assert_eq!(flash.meta.id.as_deref(), Some("reuters-102"));
        assert_eq!(flash.meta.published, None);
        assert_eq!(flash.meta.author, None);
    }

    #[test]
    fn elements_cut_at_any_byte_read_the_same() {
        for ingest in [Ingest::new(), Ingest::new().max_record_bytes(400)] {
            let whole = read_in_pieces(&ingest, 1 << 16, STORIES);
            assert_eq!(whole, read(ingest.clone(), STORIES));
            for capacity in 1..14 {
                assert_eq!(
                    read_in_pieces(&ingest, capacity, STORIES),
                    whole,
                    "{capacity}"
                );
            }
        }
    }

    #[test]
    fn a_file_cut_short_is_an_error_for_its_last_element() {
        let cut = &STORIES[..STORIES.len() - 60];
        let results = read(Ingest::new(), cut);
        match &results[..] {
            [Ok(_), Err(message)] => assert_eq!(
                message,
                "wire.sgm: record 2 (offset 690): the <REUTERS> element has no end tag: the input ends inside it"
            ),
            other => panic!("{other:?}"),
        }
        for end in 0..STORIES.len() {
            for result in read_in_pieces(&Ingest::new(), 7, &STORIES[..end]) {
                if let Err(message) = result {
                    assert!(message.starts_with("wire.sgm"), "{message}");
                }
            }
        }
    }

    #[test]
    fn an_element_without_end_tag_does_not_swallow_the_next() {
        let input = STORIES.replacen("</REUTERS>", "", 1);
        let results = read(Ingest::new(), &input);
        match &results[..] {
            [Err(message), Ok(flash)] => {
                assert_eq!(
                    message,
                    "wire.sgm: record 1 (offset 36): the <REUTERS> element has no end tag: the next <REUTERS> element begins inside it"
                );
                assert_eq!(flash.meta.id.as_deref(), Some("reuters-102"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_element_over_the_limit_is_skipped() {
        let results = read(Ingest::new().max_record_bytes(400), STORIES);
        match &results[..] {
            [Err(message), Ok(flash)] => {
                assert_eq!(
                    message,
                    "wire.sgm: record 1 (offset 36): record too large: 653 bytes, the limit is 400"
                );
                assert_eq!(flash.meta.id.as_deref(), Some("reuters-102"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_elements_and_inputs_without_elements_are_named() {
        let results = read(
            Ingest::new(),
            "<REUTERS NEWID=\"9\"><TEXT>&#2;\n&#3;</TEXT></REUTERS>",
        );
        assert_eq!(
            results,
            [Err("wire.sgm: record 1 (offset 0): empty body".to_string())]
        );
        let results = read(Ingest::new(), "Just a line of text.\n");
        assert_eq!(
            results,
            [Err(
                "wire.sgm: no <REUTERS> element: not Reuters-21578 SGML".to_string()
            )]
        );
        let results: Vec<_> = Ingest::new()
            .format(Some(Format::Sgml))
            .read("x", std::io::empty())
            .collect();
        assert!(
            matches!(&results[..], [Err(e)] if matches!(e.kind, ErrorKind::NotSgml) && e.kind.is_fatal())
        );
    }

    #[test]
    fn latin1_is_decoded() {
        let mut input =
            b"<REUTERS NEWID=\"3\"><TEXT><BODY>Caf\xe9 prices fell.\n</BODY></TEXT></REUTERS>"
                .to_vec();
        input.extend_from_slice(b"\n");
        let results: Vec<_> = Ingest::new()
            .read("latin.sgm", Cursor::new(input))
            .collect();
        assert!(
            matches!(&results[..], [Ok(record)] if record.payload.as_str() == "Café prices fell."),
            "{results:?}"
        );
    }

    #[test]
    fn entities_are_unescaped_and_control_characters_removed() {
        assert_eq!(
            unescape("&#2;a &lt;B&gt; &amp; c&#5;&#22;&#127; &#233;&#x41; &nbsp; &#; & x&#3;"),
            "a <B> & c éA &nbsp; &#; & x"
        );
        assert_eq!(unescape("&#99999999999;"), "&#99999999999;");
        assert_eq!(unescape("tab\there\r\nline"), "tab\there\nline");
    }

    #[test]
    fn signatures_are_dropped_and_words_kept() {
        use super::paragraphs;
        assert_eq!(paragraphs("Prices rose.\n reuter\n\n"), "Prices rose.");
        assert_eq!(paragraphs("Prices rose. REUTER\n"), "Prices rose.");
        assert_eq!(
            paragraphs("    Table 1.0\n    Table 2.0     REUTER"),
            "Table 1.0\n\nTable 2.0"
        );
        assert_eq!(
            paragraphs("He joined Reuter\nin 1980 and left Reuter"),
            "He joined Reuter in 1980 and left Reuter"
        );
        assert_eq!(
            paragraphs("Noranda said. Reuter\n Reuter\n"),
            "Noranda said."
        );
        assert_eq!(paragraphs("TOTAL 15.8\n REUTER\n Reuter"), "TOTAL 15.8");
        assert_eq!(paragraphs("Reuter\nReuter\nReuter"), "Reuter");
        assert_eq!(paragraphs("Reuters"), "Reuters");
        assert_eq!(
            paragraphs("unit <Pratt^M\nand Whitney> said. REUTER^M"),
            "unit <Pratt and Whitney> said."
        );
    }

    #[test]
    fn wire_dates_become_rfc3339() {
        assert_eq!(
            parse_date("26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26T15:01:01Z")
        );
        assert_eq!(
            parse_date("  3-Mar-1987  00:43:42.82").as_deref(),
            Some("1987-03-03T00:43:42Z")
        );
        assert_eq!(
            parse_date("27-MAR-1987 00:02:59.13RM").as_deref(),
            Some("1987-03-27T00:02:59Z")
        );
        assert_eq!(
            parse_date("29-FEB-1988 23:59:59").as_deref(),
            Some("1988-02-29T23:59:59Z")
        );
        for bad in [
            "29-FEB-1987 10:00:00",
            "19-OCT-1987 999:01:02.03",
            "19-OCTO-1987 10:00:00",
            "19-OCT-87 10:00:00",
            "19-OCT-1987",
            "",
            "0-OCT-1987 10:00:00",
            "19-OCT-1987 24:00:00",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
