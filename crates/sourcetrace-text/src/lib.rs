//! Offset-preserving text analysis for news: tokens, sentences, paragraphs and quotations.
//!
//! The pipeline runs in one pass per layer and never copies or rewrites the
//! input: every [`Token`], [`Sentence`], [`Paragraph`] and [`Quotation`] is a
//! byte [`Span`] into the original text, so anything built on top can point
//! back at exactly what the article says. Normalization (curly quotes to
//! straight ones, case folding) is per token, through [`Token::normalized`],
//! which keeps the alignment trivial.
//!
//! Traps of the domain that this crate handles:
//! - abbreviations and initials do not end sentences ("Gen. Kenneth McKenzie",
//!   "U.S. Marine General"), and a missing space is repaired at token level
//!   ("U.S.President" is `U.S.` + `President`);
//! - `’` is an apostrophe inside a word ("Russia’s") and a closing quote elsewhere;
//! - a quotation may run over several paragraphs: each paragraph opens with
//!   `“` and only the last one closes it;
//! - quotes nest (`‘…’` inside `“…”`).
//!
//! ```
//! use sourcetrace_text::TextAnalysis;
//!
//! let text = "“It will fail,” Gen. Smith said. He left.";
//! let a = TextAnalysis::new(text);
//! assert_eq!(a.sentences.len(), 2);
//! assert_eq!(a.quotations.len(), 1);
//! assert_eq!(a.quotations[0].inner.slice(text), "It will fail,");
//! ```
#![deny(missing_docs)]

mod furniture;
mod quotes;
mod sentences;
mod tokens;

pub use furniture::{dateline, paragraph_role, Dateline, ParagraphRole};
pub use quotes::{quotations, Quotation};
pub use sentences::{paragraphs, sentences, Paragraph, Sentence};
pub use sourcetrace_core::Span;
pub use tokens::{tokenize, QuoteMark, Token, TokenKind};

/// Every layer of text analysis for one document, computed once.
#[derive(Debug, Clone)]
pub struct TextAnalysis {
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order; each knows its token range.
    pub sentences: Vec<Sentence>,
    /// Paragraphs in text order; each knows its sentence range.
    pub paragraphs: Vec<Paragraph>,
    /// Quotations in order of their opening marks (outer before inner).
    pub quotations: Vec<Quotation>,
    /// Datelines opening a paragraph ("WASHINGTON (AP) —"); each is a sentence of its own.
    pub datelines: Vec<Dateline>,
}

/// Find datelines at paragraph starts and make each a sentence of its own.
fn split_datelines(
    text: &str,
    tokens: &[Token],
    paragraphs: &[Paragraph],
    sentences: &mut Vec<Sentence>,
) -> Vec<Dateline> {
    let mut found = Vec::new();
    let mut out = Vec::with_capacity(sentences.len() + 1);
    for s in sentences.drain(..) {
        let opens_paragraph = paragraphs.iter().any(|p| p.span.start == s.span.start);
        match dateline(text, tokens, s.tokens.start, s.tokens.end).filter(|_| opens_paragraph) {
            Some(d) => {
                let head = s.tokens.start..d.body_token;
                let body = d.body_token..s.tokens.end;
                out.push(Sentence {
                    span: Span::new(tokens[head.start].span.start, tokens[head.end - 1].span.end),
                    tokens: head,
                });
                out.push(Sentence {
                    span: Span::new(tokens[body.start].span.start, s.span.end),
                    tokens: body,
                });
                found.push(d);
            }
            None => out.push(s),
        }
    }
    *sentences = out;
    found
}

impl TextAnalysis {
    /// Analyse `text`.
    pub fn new(text: &str) -> Self {
        let tokens = tokenize(text);
        let paragraphs_raw = paragraphs(text);
        let mut sentences = sentences(text, &tokens, &paragraphs_raw);
        let datelines = split_datelines(text, &tokens, &paragraphs_raw, &mut sentences);
        let paragraphs = sentences::attach_sentences(paragraphs_raw, &sentences);
        let quotations = quotations(text, &tokens, &paragraphs);
        TextAnalysis {
            tokens,
            sentences,
            paragraphs,
            quotations,
            datelines,
        }
    }

    /// The index of the sentence containing token `token`.
    pub fn sentence_of(&self, token: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.tokens.end <= token);
        (i < self.sentences.len() && self.sentences[i].tokens.contains(&token)).then_some(i)
    }

    /// The index of the paragraph containing sentence `sentence`.
    pub fn paragraph_of(&self, sentence: usize) -> Option<usize> {
        let i = self
            .paragraphs
            .partition_point(|p| p.sentences.end <= sentence);
        (i < self.paragraphs.len() && self.paragraphs[i].sentences.contains(&sentence)).then_some(i)
    }

    /// True unless sentence `sentence` lies in a byline, a credit or script
    /// residue ([`ParagraphRole`]): where the story's own statements are.
    pub fn in_body(&self, sentence: usize) -> bool {
        self.paragraph_of(sentence)
            .is_none_or(|p| self.paragraphs[p].role == ParagraphRole::Body)
    }
}
