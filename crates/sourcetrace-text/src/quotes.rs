//! Quotations: matched quotation marks, nesting, and multi-paragraph quotes.
//!
//! News convention for a quotation over several paragraphs: every paragraph
//! opens with `“` and only the last closes it. Such a quotation is one
//! [`Quotation`] spanning all its paragraphs. A quotation still open at the
//! end of a paragraph that the next paragraph does not continue is closed
//! there (`closed == false`). A lone `’` that closes nothing is an apostrophe.

use crate::sentences::Paragraph;
use crate::tokens::{QuoteMark, Token, TokenKind};
use sourcetrace_core::Span;

/// A quotation: from its opening mark to its closing mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// Byte span including the quotation marks.
    pub span: Span,
    /// Byte span between the marks (trimmed of whitespace).
    pub inner: Span,
    /// Index of the opening-mark token.
    pub open_token: usize,
    /// Index of the closing-mark token, `None` when the paragraph ended first.
    pub close_token: Option<usize>,
    /// Nesting depth: 0 for an outer quotation, 1 for `‘…’` inside `“…”`.
    pub depth: usize,
    /// True for a single-quote (`‘…’`) quotation.
    pub single: bool,
    /// True when the quotation runs over more than one paragraph.
    pub multi_paragraph: bool,
}

impl Quotation {
    /// True when the closing mark was found.
    pub fn closed(&self) -> bool {
        self.close_token.is_some()
    }
}

struct Open {
    token: usize,
    single: bool,
    paragraph: usize,
    multi: bool,
}

/// Find the quotations of a text from its tokens and paragraphs.
pub fn quotations(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Quotation> {
    let mut out: Vec<Quotation> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let para_of_token = paragraph_index(tokens, paragraphs);
    let close = |out: &mut Vec<Quotation>,
                 o: &Open,
                 depth: usize,
                 end_tok: Option<usize>,
                 end_byte: usize| {
        let open_span = tokens[o.token].span;
        let inner_end = end_tok.map_or(end_byte, |t| tokens[t].span.start);
        let inner = Span::new(open_span.end, inner_end.max(open_span.end)).trim(text);
        out.push(Quotation {
            span: Span::new(open_span.start, end_byte),
            inner,
            open_token: o.token,
            close_token: end_tok,
            depth,
            single: o.single,
            multi_paragraph: o.multi,
        });
    };
    for (i, tok) in tokens.iter().enumerate() {
        let para = para_of_token[i];
        // Entering a new paragraph: settle quotations left open in the previous one.
        if let Some(top) = stack.last() {
            if top.paragraph != para {
                let continues = tok.kind == TokenKind::Quote(QuoteMark::OpenDouble);
                // Single quotes never continue across paragraphs.
                while stack.last().is_some_and(|o| o.single) {
                    stack.pop();
                }
                if continues && stack.len() == 1 {
                    if let Some(o) = stack.last_mut() {
                        o.paragraph = para;
                        o.multi = true;
                    }
                    continue;
                }
                let prev_end = paragraphs
                    .get(stack.last().map_or(0, |o| o.paragraph))
                    .map_or(0, |p| p.span.end);
                while let Some(o) = stack.pop() {
                    let depth = stack.len();
                    close(&mut out, &o, depth, None, prev_end);
                }
            }
        }
        let TokenKind::Quote(mark) = tok.kind else {
            continue;
        };
        match mark {
            QuoteMark::OpenDouble => stack.push(Open {
                token: i,
                single: false,
                paragraph: para,
                multi: false,
            }),
            QuoteMark::OpenSingle => stack.push(Open {
                token: i,
                single: true,
                paragraph: para,
                multi: false,
            }),
            QuoteMark::CloseDouble => {
                if let Some(pos) = stack.iter().rposition(|o| !o.single) {
                    // Singles left open inside were apostrophes or typos: drop them.
                    stack.truncate(pos + 1);
                    if let Some(o) = stack.pop() {
                        close(&mut out, &o, pos, Some(i), tok.span.end);
                    }
                }
            }
            QuoteMark::CloseSingle => {
                if stack.last().is_some_and(|o| o.single) {
                    if let Some(o) = stack.pop() {
                        let depth = stack.len();
                        close(&mut out, &o, depth, Some(i), tok.span.end);
                    }
                }
            }
        }
    }
    if let Some(o) = stack.first() {
        let end = paragraphs
            .get(o.paragraph)
            .map_or(text.len(), |p| p.span.end);
        while let Some(o) = stack.pop() {
            let depth = stack.len();
            close(&mut out, &o, depth, None, end);
        }
    }
    out.sort_by_key(|q| (q.span.start, q.depth));
    out
}

fn paragraph_index(tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<usize> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut p = 0;
    for t in tokens {
        while p + 1 < paragraphs.len() && paragraphs[p].span.end <= t.span.start {
            p += 1;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::TextAnalysis;

    #[test]
    fn nested_single_inside_double() {
        let text = "“They put bases to ‘practical use,’ he said,” Kommersant reported.";
        let a = TextAnalysis::new(text);
        let q: Vec<(&str, usize)> = a
            .quotations
            .iter()
            .map(|q| (q.inner.slice(text), q.depth))
            .collect();
        assert_eq!(
            q,
            vec![
                ("They put bases to ‘practical use,’ he said,", 0),
                ("practical use,", 1)
            ]
        );
    }

    #[test]
    fn possessive_apostrophe_is_not_a_quote() {
        let text = "Sanders’ supporters said “no.”";
        let a = TextAnalysis::new(text);
        assert_eq!(a.quotations.len(), 1);
        assert_eq!(a.quotations[0].inner.slice(text), "no.");
    }

    #[test]
    fn multi_paragraph_quotation() {
        let text = "He said: “First part.\n\n“Second part.\n\n“Last part.”\n\nAfter.";
        let a = TextAnalysis::new(text);
        assert_eq!(a.quotations.len(), 1);
        let q = &a.quotations[0];
        assert!(q.multi_paragraph && q.closed());
        assert!(q.span.slice(text).ends_with("Last part.”"));
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said “it never closes.\n\nNext paragraph.";
        let a = TextAnalysis::new(text);
        assert_eq!(a.quotations.len(), 1);
        assert!(!a.quotations[0].closed());
        assert_eq!(a.quotations[0].inner.slice(text), "it never closes.");
    }

    #[test]
    fn bracketed_insertion_inside_quote() {
        let text = "“[If necessary, the base] will repel any actions,” the envoy added.";
        let a = TextAnalysis::new(text);
        assert_eq!(
            a.quotations[0].inner.slice(text),
            "[If necessary, the base] will repel any actions,"
        );
    }
}
