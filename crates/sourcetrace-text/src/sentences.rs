//! Paragraphs and sentences.
//!
//! Paragraphs are separated by blank lines when the text has any, otherwise by
//! line breaks (one paragraph a line, as in many exports). A sentence never
//! crosses a paragraph boundary; headlines and datelines without a final stop
//! are sentences of their own because they sit on their own line.

use crate::furniture::{paragraph_role, ParagraphRole};
use crate::tokens::{is_known_abbreviation, Token, TokenKind, TITLE_ABBREVIATIONS};
use crate::QuoteMark;
use sourcetrace_core::Span;
use std::ops::Range;

/// A paragraph: a byte span and the sentences inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte span from the first to the last non-whitespace character.
    pub span: Span,
    /// Indices into the sentence list.
    pub sentences: Range<usize>,
    /// Body text, byline or credit line.
    pub role: ParagraphRole,
}

/// A sentence: a byte span and the tokens inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span from the first token's start to the last token's end.
    pub span: Span,
    /// Indices into the token list.
    pub tokens: Range<usize>,
}

/// Split `text` into paragraphs (sentence ranges still empty).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let blank_line_mode = has_blank_line(text);
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_non_ws = 0;
    let mut newlines = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            newlines += 1;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        let breaks = if blank_line_mode {
            newlines >= 2
        } else {
            newlines >= 1
        };
        if let Some(s) = start {
            if breaks {
                out.push(paragraph_at(text, s, last_non_ws));
                start = Some(i);
            }
        } else {
            start = Some(i);
        }
        newlines = 0;
        last_non_ws = i + c.len_utf8();
    }
    if let Some(s) = start {
        out.push(paragraph_at(text, s, last_non_ws));
    }
    out
}

fn paragraph_at(text: &str, start: usize, end: usize) -> Paragraph {
    let span = Span::new(start, end);
    Paragraph {
        span,
        sentences: 0..0,
        role: paragraph_role(span.slice(text)),
    }
}

fn has_blank_line(text: &str) -> bool {
    let mut newlines = 0;
    for c in text.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if !c.is_whitespace() {
            newlines = 0;
        }
    }
    false
}

/// Words that commonly start a sentence; after an abbreviation such as "U.S."
/// they signal that the abbreviation also ended the sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "If",
    "When",
    "As",
    "After",
    "Before",
    "While",
    "So",
    "Yet",
    "Still",
    "However",
    "Meanwhile",
    "On",
    "At",
    "For",
    "Some",
    "Many",
    "Most",
];

/// Split the tokens of each paragraph into sentences.
pub fn sentences(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut t = 0;
    for p in paragraphs {
        // Tokens of this paragraph.
        while t < tokens.len() && tokens[t].span.start < p.span.start {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].span.end <= p.span.end {
            t += 1;
        }
        let para = first..t;
        let mut start = para.start;
        let mut k = para.start;
        while k < para.end {
            let mut end = k + 1;
            if ends_sentence_here(text, tokens, k) {
                // Closing quotes and brackets stay with the sentence they close.
                while end < para.end && closes(text, &tokens[end]) {
                    end += 1;
                }
                if end < para.end && starts_sentence(text, &tokens[end]) {
                    out.push(make(tokens, start..end));
                    start = end;
                }
            }
            k = end;
        }
        if start < para.end {
            out.push(make(tokens, start..para.end));
        }
    }
    out
}

fn make(tokens: &[Token], range: Range<usize>) -> Sentence {
    Sentence {
        span: Span::new(
            tokens[range.start].span.start,
            tokens[range.end - 1].span.end,
        ),
        tokens: range,
    }
}

fn ends_sentence_here(text: &str, tokens: &[Token], k: usize) -> bool {
    let tok = &tokens[k];
    match tok.kind {
        TokenKind::Punct => matches!(tok.text(text), "." | "!" | "?"),
        TokenKind::Ellipsis => true,
        TokenKind::Word => {
            // An abbreviation's period may double as the full stop ("... in the U.S. The next day").
            let s = tok.text(text);
            let Some(stem) = s.strip_suffix('.') else {
                return false;
            };
            let stem = stem.rsplit('-').next().unwrap_or(stem);
            let title = TITLE_ABBREVIATIONS.contains(&stem) || stem.chars().count() == 1;
            if title {
                return false;
            }
            let next = tokens.get(k + 1).map(|t| t.text(text));
            (stem.contains('.') || is_known_abbreviation(stem))
                && next.is_some_and(|n| SENTENCE_STARTERS.contains(&n))
        }
        _ => false,
    }
}

fn closes(text: &str, tok: &Token) -> bool {
    matches!(
        tok.kind,
        TokenKind::Quote(QuoteMark::CloseDouble) | TokenKind::Quote(QuoteMark::CloseSingle)
    ) || matches!(tok.text(text), ")" | "]")
}

fn starts_sentence(text: &str, tok: &Token) -> bool {
    match tok.kind {
        TokenKind::Quote(QuoteMark::OpenDouble) | TokenKind::Quote(QuoteMark::OpenSingle) => true,
        TokenKind::Number | TokenKind::Dash => true,
        TokenKind::Word => tok.is_capitalized(text),
        _ => matches!(tok.text(text), "(" | "["),
    }
}

/// Fill each paragraph's sentence range.
pub(crate) fn attach_sentences(
    mut paragraphs: Vec<Paragraph>,
    sentences: &[Sentence],
) -> Vec<Paragraph> {
    let mut s = 0;
    for p in &mut paragraphs {
        let first = s;
        while s < sentences.len() && sentences[s].span.end <= p.span.end {
            s += 1;
        }
        p.sentences = first..s;
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use crate::TextAnalysis;

    fn sents(text: &str) -> Vec<&str> {
        let a = TextAnalysis::new(text);
        a.sentences.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("U.S. Marine Gen. Kenneth McKenzie spoke on Jan. 5 in Washington. He left."),
            vec![
                "U.S. Marine Gen. Kenneth McKenzie spoke on Jan. 5 in Washington.",
                "He left."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence() {
        assert_eq!(
            sents("The troops went home to the U.S. The war ended."),
            vec!["The troops went home to the U.S.", "The war ended."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("“It will fail.” Smith said so. “Really?” he asked."),
            vec!["“It will fail.”", "Smith said so.", "“Really?” he asked."]
        );
    }

    #[test]
    fn paragraphs_and_headlines() {
        let text =
            "Report: Putin Offered Bases\n\nWASHINGTON (AP) — Officials said it. Then more.\n\nEnd";
        let a = TextAnalysis::new(text);
        assert_eq!(a.paragraphs.len(), 3);
        // The dateline is a sentence of its own.
        assert_eq!(a.sentences.len(), 5);
        assert_eq!(a.sentences[1].span.slice(text), "WASHINGTON (AP) —");
        assert_eq!(a.datelines.len(), 1);
        assert_eq!(a.paragraphs[1].sentences, 1..4);
        assert_eq!(a.paragraph_of(4), Some(2));
    }

    #[test]
    fn single_newline_paragraphs_without_blank_lines() {
        let a = TextAnalysis::new("One line.\nTwo line.\nThree");
        assert_eq!(a.paragraphs.len(), 3);
    }
}
