//! One HTML news page to its article body and metadata.
//!
//! The pipeline, for one page already decoded to text:
//!
//! 1. parse the markup (html5ever, through `dom_query`; any input parses);
//! 2. read the metadata: `<meta>` tags, OpenGraph, schema.org JSON-LD
//!    ([`PageMetadata`]);
//! 3. strip news furniture from the markup: captions, share widgets,
//!    newsletter boxes, related-story blocks, bylines;
//! 4. find the main text with a [`BodyExtractor`] (by default
//!    [`DensityExtractor`], text/link-density scoring);
//! 5. clean the paragraphs: furniture lines, credits, bare dates, trailing
//!    related-links lists, the headline repeated; paragraphs are joined with
//!    blank lines (`"\n\n"`).
//!
//! ```
//! use sourcetrace_html::HtmlExtractor;
//!
//! let html = r#"<html lang="en"><head><title>Storm hits coast</title>
//! <meta property="og:site_name" content="Coastline Wire"></head>
//! <body><article><h1>Storm hits coast</h1>
//! <p>The storm arrived at dawn and the harbour wall gave way within an hour, flooding the lower town.</p>
//! <p>Residents said it was the worst they had seen in thirty years, and the council opened two shelters.</p>
//! <div class="share-tools">Share on Facebook</div></article></body></html>"#;
//! let article = HtmlExtractor::new().extract(html, Some("https://example.com/storm"))?;
//! assert!(article.body.starts_with("The storm arrived at dawn"));
//! assert!(!article.body.contains("Share on Facebook"));
//! assert_eq!(article.metadata.outlet.as_deref(), Some("Coastline Wire"));
//! # Ok::<(), sourcetrace_html::HtmlError>(())
//! ```
//!
//! Known limitations: pages whose article is split over several pages or
//! loaded by script give what the HTML holds; comment sections that look like
//! article text may be kept; non-Latin furniture words are only partly known.
#![deny(missing_docs)]

mod body;
mod clean;
mod error;
mod metadata;

pub use body::{BodyExtractor, DensityExtractor};
pub use error::HtmlError;
pub use metadata::{domain_of, PageDate, PageMetadata};

use dom_query::Document;

/// An article read from one HTML page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Article {
    /// The article text: paragraphs separated by a blank line (`"\n\n"`),
    /// whitespace inside a paragraph collapsed to single spaces.
    pub body: String,
    /// What the page says about itself.
    pub metadata: PageMetadata,
}

/// Reads articles from HTML pages; immutable once built, so one value serves many pages.
pub struct HtmlExtractor {
    body: Box<dyn BodyExtractor>,
}

impl std::fmt::Debug for HtmlExtractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HtmlExtractor").finish_non_exhaustive()
    }
}

impl Default for HtmlExtractor {
    fn default() -> Self {
        Self::new()
    }
}

/// Pages larger than this are cut (on a character boundary) before parsing.
const MAX_PAGE_BYTES: usize = 16 << 20;

impl HtmlExtractor {
    /// The extractor with the default body extractor ([`DensityExtractor`]).
    pub fn new() -> Self {
        Self::with_body_extractor(Box::new(DensityExtractor::new()))
    }

    /// The extractor with another body extractor; the news cleanup still applies.
    pub fn with_body_extractor(body: Box<dyn BodyExtractor>) -> Self {
        Self { body }
    }

    /// Read the article of one page; `url` is where the page came from, if known
    /// (it gives the outlet's domain when the page names no outlet).
    ///
    /// Never panics, whatever the input.
    ///
    /// # Errors
    ///
    /// [`HtmlError::EmptyPage`] for an input of only whitespace,
    /// [`HtmlError::NoArticleBody`] when no main text is found (the metadata
    /// is then lost: use [`HtmlExtractor::metadata`] for it alone), and
    /// [`HtmlError::Extractor`] when the body extractor fails.
    pub fn extract(&self, html: &str, url: Option<&str>) -> Result<Article, HtmlError> {
        if html.trim().is_empty() {
            return Err(HtmlError::EmptyPage);
        }
        let html = truncate(html, MAX_PAGE_BYTES);
        let doc = Document::from(html);
        let metadata = metadata::read(&doc, url);
        clean::strip_furniture(&doc, metadata.description.as_deref());
        let stripped = doc.html().to_string();
        let text = self.body.extract_body(&stripped, url)?;
        let body = clean::clean_paragraphs(&text, metadata.headline.as_deref());
        // A body without a single letter or digit is markup debris, not an article.
        if !body.chars().any(char::is_alphanumeric) {
            return Err(HtmlError::NoArticleBody { bytes: html.len() });
        }
        Ok(Article { body, metadata })
    }

    /// Only the metadata of one page (no body extraction).
    pub fn metadata(&self, html: &str, url: Option<&str>) -> PageMetadata {
        let doc = Document::from(truncate(html, MAX_PAGE_BYTES));
        metadata::read(&doc, url)
    }
}

fn truncate(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Decode the bytes of a page to text: a byte-order mark wins, then a
/// `<meta charset>` or `http-equiv` declaration in the first 4 KiB, then UTF-8;
/// undecodable bytes become U+FFFD.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc.decode_with_bom_removal(bytes).0.into_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let declared = head.find("charset=").and_then(|i| {
        let rest = head[i + 8..].trim_start_matches(['"', '\'', ' ']);
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(rest.len());
        encoding_rs::Encoding::for_label(&rest.as_bytes()[..end])
    });
    let enc = match declared {
        // A page declaring a legacy charset but valid as UTF-8 is UTF-8.
        Some(e) if std::str::from_utf8(bytes).is_err() => e,
        _ => encoding_rs::UTF_8,
    };
    enc.decode_without_bom_handling(bytes).0.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_junk_inputs_give_errors_not_panics() {
        let x = HtmlExtractor::new();
        assert_eq!(x.extract("", None), Err(HtmlError::EmptyPage));
        assert_eq!(x.extract(" \n\t", None), Err(HtmlError::EmptyPage));
        for junk in [
            "<",
            "<<<>>>",
            "<html><body></body></html>",
            "\u{0}\u{1}\u{fffd}<p",
            "<script>",
            "<!--",
        ] {
            let _ = x.extract(junk, Some("not a url"));
        }
    }

    #[test]
    fn decode_honours_declared_charset() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode(latin1).contains("caf\u{e9}"));
        assert_eq!(decode("<p>café</p>".as_bytes()), "<p>café</p>");
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let html = "<html><body><article><p>First paragraph of the story, which is long enough to be taken as text by any extractor.</p>\
                    <p>Second paragraph of the story, also long enough to be taken as article text by the extractor.</p></article></body></html>";
        let a = HtmlExtractor::new().extract(html, None).expect("article");
        assert_eq!(a.body.split("\n\n").count(), 2, "{:?}", a.body);
    }
}
