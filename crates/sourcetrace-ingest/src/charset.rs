//! Bytes to `String`: the declared charset, else the byte order mark, else
//! UTF-8 when valid, else a detected charset.
//!
//! Traps of the domain:
//! - A byte order mark wins over any declaration, as in browsers (the HTML
//!   standard's order): a page saved as UTF-16 still says `charset=iso-8859-1`.
//! - Pages that declare UTF-8 but are not valid UTF-8 are common (a
//!   template in UTF-8, an article pasted in windows-1252): they go to detection
//!   rather than to a page of replacement characters.
//! - A `<meta>` that declares UTF-16 in a page without a byte order mark means
//!   UTF-8 (the page could not have been parsed to find it otherwise).

use encoding_rs::{Encoding, UTF_8};

use crate::error::ErrorKind;

/// How far the `<meta charset>` prescan looks, as in the HTML standard.
const PRESCAN_BYTES: usize = 1024;

/// Decodes an HTML (or XHTML) body. Never fails: undecodable bytes become
/// U+FFFD. `declared` is the charset of an HTTP `Content-Type` header.
pub(crate) fn decode_html(bytes: Vec<u8>, declared: Option<&str>) -> String {
    if let Some((encoding, bom_length)) = Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text.into_owned();
    }
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| prescan(&bytes))
        .map(|encoding| {
            if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
                UTF_8
            } else {
                encoding.output_encoding()
            }
        });
    match declared {
        Some(encoding) if encoding != UTF_8 => {
            let (text, _) = encoding.decode_without_bom_handling(&bytes);
            text.into_owned()
        }
        _ => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let bytes = error.into_bytes();
                let mut detector =
                    chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
                detector.feed(&bytes, true);
                let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
                let (text, _) = encoding.decode_without_bom_handling(&bytes);
                text.into_owned()
            }
        },
    }
}

/// Decodes plain text: UTF-8 (a UTF-8 or UTF-16 byte order mark is honoured
/// and removed). Text that is not UTF-8 is an error unless `lossy`, which
/// replaces invalid bytes with U+FFFD. NUL bytes mean binary data.
pub(crate) fn decode_text(bytes: Vec<u8>, lossy: bool) -> Result<String, ErrorKind> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Ok(text.into_owned());
    }
    check_not_binary(&bytes)?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) if lossy => Ok(String::from_utf8_lossy(error.as_bytes()).into_owned()),
        Err(error) => Err(ErrorKind::InvalidUtf8 {
            offset: error.utf8_error().valid_up_to() as u64,
        }),
    }
}

/// A NUL byte means the bytes are not text (an image, a PDF, UTF-16 without
/// a byte order mark).
pub(crate) fn check_not_binary(bytes: &[u8]) -> Result<(), ErrorKind> {
    match memchr::memchr(0, bytes) {
        Some(offset) => Err(ErrorKind::Binary {
            offset: offset as u64,
        }),
        None => Ok(()),
    }
}

/// The charset parameter of a `Content-Type` value, if any.
pub(crate) fn charset_parameter(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
    })
}

/// The charset a page declares in its first kilobyte: `<meta charset=…>`,
/// `<meta http-equiv="Content-Type" content="…; charset=…">`, or an XML
/// declaration's `encoding`.
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    if head.starts_with(b"<?xml") {
        let end = memchr::memchr(b'>', head).unwrap_or(head.len());
        if let Some(label) = attribute_value(&head[..end], b"encoding") {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(encoding);
            }
        }
    }
    let mut rest = head;
    while let Some(start) = find_ignore_case(rest, b"<meta") {
        let tag = &rest[start + 5..];
        let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
        if let Some(label) = attribute_value(&tag[..end], b"charset") {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(encoding);
            }
        }
        rest = &tag[end..];
    }
    None
}

/// The value after `name` and `=` in a tag, unquoted, up to a quote, space,
/// `;` or the end. Finds `charset` inside `content="text/html; charset=x"` too.
fn attribute_value<'a>(tag: &'a [u8], name: &[u8]) -> Option<&'a [u8]> {
    let at = find_ignore_case(tag, name)?;
    let mut value = &tag[at + name.len()..];
    value = value.trim_ascii_start();
    value = value.strip_prefix(b"=")?;
    value = value.trim_ascii_start();
    value = value
        .strip_prefix(b"\"")
        .or_else(|| value.strip_prefix(b"'"))
        .unwrap_or(value);
    let end = value
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace())
        .unwrap_or(value.len());
    (end > 0).then(|| &value[..end])
}

/// The first position of `needle` in `haystack`, ASCII case-insensitively.
pub(crate) fn find_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_header_charset_is_used() {
        let text = decode_html(b"<p>caf\xe9</p>".to_vec(), Some("ISO-8859-1"));
        assert_eq!(text, "<p>café</p>");
    }

    #[test]
    fn meta_charset_and_http_equiv_are_found() {
        let page = b"<html><head><meta charset=\"windows-1251\"></head>\xcf\xf0\xe8".to_vec();
        assert!(decode_html(page, None).ends_with("При"));
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\">\xa4"
                .to_vec();
        assert!(decode_html(page, None).ends_with('€'));
    }

    #[test]
    fn xml_declaration_encoding_is_used() {
        let page = b"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><html>\xe9</html>".to_vec();
        assert!(decode_html(page, None).contains('é'));
    }

    #[test]
    fn bom_wins_over_declaration() {
        let mut page = vec![0xff, 0xfe];
        for unit in "<p>é</p>".encode_utf16() {
            page.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_html(page, Some("iso-8859-1")), "<p>é</p>");
    }

    #[test]
    fn undeclared_non_utf8_is_detected() {
        let page = "<p>Le président a déclaré que l'été serait chaud, très chaud.</p>";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(page);
        assert_eq!(decode_html(bytes.into_owned(), None), page);
    }

    #[test]
    fn text_must_be_utf8_unless_lossy() {
        assert!(matches!(
            decode_text(b"ab\xffc".to_vec(), false),
            Err(ErrorKind::InvalidUtf8 { offset: 2 })
        ));
        assert_eq!(
            decode_text(b"ab\xffc".to_vec(), true).ok().as_deref(),
            Some("ab\u{fffd}c")
        );
        assert!(matches!(
            decode_text(b"ab\0c".to_vec(), true),
            Err(ErrorKind::Binary { offset: 2 })
        ));
        assert_eq!(
            decode_text(b"\xef\xbb\xbfhi".to_vec(), false)
                .ok()
                .as_deref(),
            Some("hi")
        );
    }

    #[test]
    fn charset_parameter_is_parsed() {
        assert_eq!(
            charset_parameter("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(charset_parameter("text/html"), None);
    }
}
