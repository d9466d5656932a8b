//! JSONL: one article a line, as a JSON object with `text` (plain text) or
//! `html`, and optional `id`, `url`, `title`, `published`, `outlet`,
//! `author` and `language`.
//!
//! A bad line is an error for that line only. Blank lines are skipped. `id`
//! may be a number; `author` may be an array of names (joined with ", ").

use serde_json::{Map, Value};

use crate::charset::check_not_binary;
use crate::error::{classify_io, ErrorKind, IngestError};
use crate::record::{GivenMetadata, Origin, Payload, Position, Record};
use crate::source::{read_line, Line, Stream};
use crate::Ingest;

pub(crate) struct JsonlReader {
    stream: Stream,
    origin: Origin,
    line_number: u64,
    limit: u64,
    line: Vec<u8>,
    done: bool,
}

impl JsonlReader {
    pub(crate) fn new(ingest: &Ingest, origin: Origin, stream: Stream) -> JsonlReader {
        JsonlReader {
            stream,
            origin,
            line_number: 0,
            limit: ingest.limit(),
            line: Vec::new(),
            done: false,
        }
    }
}

impl Iterator for JsonlReader {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let read = read_line(&mut self.stream, &mut self.line, self.limit);
            self.line_number += 1;
            let origin = self.origin.at(Position::Line {
                number: self.line_number,
            });
            let kind = match read {
                Ok(Line::End) => {
                    self.done = true;
                    return None;
                }
                Ok(Line::TooLong(size)) => ErrorKind::TooLarge {
                    size,
                    limit: self.limit,
                },
                Ok(Line::Read(_)) => {
                    if self.line.trim_ascii().is_empty() {
                        continue;
                    }
                    let mut line = self.line.as_slice();
                    if self.line_number == 1 {
                        line = line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line);
                    }
                    match parse(line, origin.clone()) {
                        Ok(record) => return Some(Ok(record)),
                        Err(kind) => kind,
                    }
                }
                Err(error) => {
                    self.done = true;
                    classify_io(error)
                }
            };
            return Some(Err(IngestError::new(origin, kind)));
        }
        None
    }
}

fn parse(line: &[u8], origin: Origin) -> Result<Record, ErrorKind> {
    let object = match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            let found = match other {
                Value::Array(_) => "an array",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "a boolean",
                _ => "null",
            };
            return Err(ErrorKind::JsonLine(format!("found {found}")));
        }
        Err(error) => {
            check_not_binary(line)?;
            return Err(ErrorKind::JsonLine(error.to_string()));
        }
    };
    let payload = match (string(&object, "text"), string(&object, "html")) {
        (Some(text), _) => Payload::Text(text),
        (None, Some(text)) => Payload::Html { text },
        (None, None) => return Err(ErrorKind::MissingText),
    };
    if payload.as_str().trim().is_empty() {
        return Err(ErrorKind::EmptyBody);
    }
    let author = match object.get("author") {
        Some(Value::Array(names)) => {
            let names: Vec<&str> = names.iter().filter_map(Value::as_str).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => string(&object, "author"),
    };
    let id = match object.get("id") {
        Some(Value::Number(number)) => Some(number.to_string()),
        _ => string(&object, "id"),
    };
    Ok(Record {
        origin,
        payload,
        meta: GivenMetadata {
            id,
            url: string(&object, "url"),
            title: string(&object, "title"),
            published: string(&object, "published"),
            outlet: string(&object, "outlet"),
            author,
            language: string(&object, "language"),
            captured: None,
        },
    })
}

fn string(object: &Map<String, Value>, key: &str) -> Option<String> {
    match object.get(key) {
        Some(Value::String(value)) => Some(value.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::{ErrorKind, Ingest, Payload, Position};
    use std::io::Cursor;

    #[test]
    fn each_line_is_an_article_and_bad_lines_are_errors_of_their_own() {
        let input = concat!(
            "{\"id\": 7, \"text\": \"The mayor said no.\", \"url\": \"https://example.org/a\", \"title\": \"No\", ",
            "\"published\": \"2024-05-01\", \"outlet\": \"Gazette\", \"author\": [\"A. B\", \"C. D\"], \"language\": \"en\"}\n",
            "\n",
            "{\"html\": \"<p>Hi</p>\"}\r\n",
            "{\"text\": \"unterminated\n",
            "[1, 2]\n",
            "{\"title\": \"no body\"}\n",
            "{\"text\": \"  \"}\n",
            "{\"text\": \"last, without newline\"}",
        );
        let results: Vec<_> = Ingest::new().read("in.jsonl", Cursor::new(input)).collect();
        assert_eq!(results.len(), 7);
        let first = results[0].as_ref().expect("line 1");
        assert_eq!(first.payload, Payload::Text("The mayor said no.".into()));
        assert_eq!(first.meta.id.as_deref(), Some("7"));
        assert_eq!(first.meta.author.as_deref(), Some("A. B, C. D"));
        assert_eq!(first.meta.outlet.as_deref(), Some("Gazette"));
        assert_eq!(first.meta.published.as_deref(), Some("2024-05-01"));
        assert_eq!(first.meta.language.as_deref(), Some("en"));
        let second = results[1].as_ref().expect("line 3");
        assert_eq!(
            second.payload,
            Payload::Html {
                text: "<p>Hi</p>".into()
            }
        );
        assert_eq!(second.origin.position, Position::Line { number: 3 });
        let messages: Vec<String> = results[2..6]
            .iter()
            .map(|result| {
                result
                    .as_ref()
                    .map_or_else(|e| e.to_string(), |_| "ok".into())
            })
            .collect();
        assert!(
            messages[0].starts_with("in.jsonl: line 4: not a JSON object: "),
            "{}",
            messages[0]
        );
        assert_eq!(
            messages[1],
            "in.jsonl: line 5: not a JSON object: found an array"
        );
        assert_eq!(
            messages[2],
            "in.jsonl: line 6: the JSON object has no \"text\" or \"html\" string field"
        );
        assert_eq!(messages[3], "in.jsonl: line 7: empty body");
        let last = results[6].as_ref().expect("line 8");
        assert_eq!(last.payload.as_str(), "last, without newline");
    }

    #[test]
    fn a_line_over_the_limit_is_skipped_with_an_error() {
        let input = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"ok\"}}\n",
            "x".repeat(100)
        );
        let results: Vec<_> = Ingest::new()
            .max_record_bytes(50)
            .read("in.jsonl", Cursor::new(input))
            .collect();
        match &results[..] {
            [Err(error), Ok(record)] => {
                assert!(matches!(
                    error.kind,
                    ErrorKind::TooLarge {
                        size: 113,
                        limit: 50
                    }
                ));
                assert_eq!(
                    error.to_string(),
                    "in.jsonl: line 1: record too large: 113 bytes, the limit is 50"
                );
                assert_eq!(record.payload.as_str(), "ok");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_byte_order_mark_on_the_first_line_is_ignored() {
        let results: Vec<_> = Ingest::new()
            .read(
                "bom.jsonl",
                Cursor::new(b"\xef\xbb\xbf{\"text\": \"a\"}\n".to_vec()),
            )
            .collect();
        assert!(matches!(&results[..], [Ok(record)] if record.payload.as_str() == "a"));
    }

    #[test]
    fn binary_lines_are_named_binary() {
        let results: Vec<_> = Ingest::new()
            .read("in.jsonl", Cursor::new(b"{\"text\": \"a\0\"}\n".to_vec()))
            .collect();
        assert!(matches!(&results[..], [Err(e)] if matches!(e.kind, ErrorKind::Binary { .. })));
    }
}
