//! The one error type of the crate.

/// Why a page gave no article.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum HtmlError {
    /// The input holds no markup or text at all.
    #[error("the page is empty")]
    EmptyPage,
    /// The page was read, but no block of it looks like an article body.
    #[error("no article body found in a page of {bytes} bytes")]
    NoArticleBody {
        /// Length of the page in bytes, to tell a stub from a page the extractor misread.
        bytes: usize,
    },
    /// The body extractor failed on the page.
    #[error("the body extractor failed: {message}")]
    Extractor {
        /// What the underlying extractor reported.
        message: String,
    },
}
