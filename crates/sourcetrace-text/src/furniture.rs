//! Page furniture: datelines, bylines and credit lines.
//!
//! These lines say who wrote or supplied a story ("WASHINGTON (AP) —",
//! "By Jane Roe", "Reporting by Jane Roe; Editing by John Doe", "(AP Photo/Evan
//! Vucci)") rather than what anyone said: the attribution layer skips them, and
//! the provenance layer reads them for syndication.

use crate::tokens::{Token, TokenKind};
use sourcetrace_core::Span;

/// What a paragraph is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParagraphRole {
    /// Running text, headlines included.
    Body,
    /// A byline: "By Jane Roe", "By The Associated Press".
    Byline,
    /// A credit or notice: photo credits, "Reporting by …", "… contributed to
    /// this report", copyright lines.
    Credit,
    /// Script or style residue a scraper left in the text
    /// (`window._ads = window._ads || []; _ads.push({…});`): no one speaks in it.
    Code,
}

/// A dateline opening a story: "WASHINGTON (AP) —", "MOSCOW, July 19 (Reuters) -".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline {
    /// The whole dateline, dash included.
    pub span: Span,
    /// The agency in parentheses, when there is one ("AP").
    pub agency: Option<Span>,
    /// Index of the first token after the dash.
    pub body_token: usize,
}

const CREDIT_STARTS: &[&str] = &[
    "photo",
    "photos",
    "image",
    "images",
    "reporting by",
    "additional reporting",
    "editing by",
    "writing by",
    "copyright",
    "©",
    "(c)",
    "all rights reserved",
    "this article originally",
    "this story originally",
    "originally published",
    "read the rest",
    "read more",
    "click here",
    "h/t",
    "hat tip",
    "getty images",
    "(ap photo",
    "(reuters",
    "file photo",
    "credit:",
    "follow us",
    "sign up",
    "subscribe",
];

/// Classify a paragraph from its text.
pub fn paragraph_role(paragraph: &str) -> ParagraphRole {
    let text = paragraph.trim();
    if looks_like_code(text) {
        return ParagraphRole::Code;
    }
    let lower = text.to_lowercase();
    let words = text.split_whitespace().count();
    if words <= 12 && lower.starts_with("by ") {
        let rest = text[3..].trim_start();
        if rest.chars().next().is_some_and(char::is_uppercase) {
            return ParagraphRole::Byline;
        }
    }
    // "Image caption Ana Petrov says …" describes the picture in words the
    // story reports; "Image copyright …" credits it.
    let caption = lower.starts_with("image caption") || lower.starts_with("photo caption");
    let credit_start = !caption
        && CREDIT_STARTS.iter().any(|s| {
            lower
                .strip_prefix(s)
                .is_some_and(|rest| !picture_word(s) || credits_picture(rest))
        });
    let contributed = lower
        .trim_end_matches('.')
        .ends_with("contributed to this report");
    if (credit_start && words <= 40) || (contributed && words <= 30) {
        return ParagraphRole::Credit;
    }
    ParagraphRole::Body
}

/// True for the credit starts that are also ordinary nouns ("Photos showed
/// mourners …" is a sentence of the story).
fn picture_word(start: &str) -> bool {
    matches!(start, "photo" | "photos" | "image" | "images")
}

/// True when what follows "Photo" makes it a credit: punctuation ("Photo:",
/// "Photo |", "Photo (AP)") or a credit word ("Photo by", "Image copyright").
fn credits_picture(rest: &str) -> bool {
    let rest = rest.trim_start();
    let word = rest
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    rest.is_empty()
        || !rest.starts_with(char::is_alphanumeric)
        || matches!(
            word,
            "by" | "credit" | "credits" | "courtesy" | "copyright" | "via"
        )
}

/// True for script or style text: braces or statement ends, and at least
/// eight characters, one in twenty of the non-space ones, a program's
/// punctuation. Measured on news: 27 of the Helsinki 2018 corpus's 16,581
/// parts, all advertising scripts, and one of PolNeAR's 18,161
/// paragraphs, a style sheet.
fn looks_like_code(text: &str) -> bool {
    let statements = text.contains('{') || text.contains(");") || text.contains("};");
    if !statements {
        return false;
    }
    let (mut visible, mut code) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        visible += 1;
        code += usize::from(matches!(
            c,
            '{' | '}' | '[' | ']' | ';' | '=' | '|' | '<' | '>' | '_'
        ));
    }
    code >= 8 && code * 20 >= visible
}

/// The dateline at the start of the token range `tokens[first..end]`, if any.
///
/// A dateline is a run of capitalized words (the place in capitals, maybe a
/// state, maybe a date), an optional agency in parentheses, then a dash.
pub fn dateline(text: &str, tokens: &[Token], first: usize, end: usize) -> Option<Dateline> {
    let mut j = first;
    let mut caps_word = false;
    let limit = end.min(first + 12);
    while j < limit {
        let t = &tokens[j];
        let s = t.text(text);
        match t.kind {
            TokenKind::Word if s.chars().any(char::is_alphabetic) => {
                if s.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                    && s.len() > 1
                {
                    caps_word = true;
                } else if !t.is_capitalized(text) {
                    return None;
                }
            }
            TokenKind::Number => {}
            TokenKind::Punct if s == "," || s == "." => {}
            _ => break,
        }
        j += 1;
    }
    if !caps_word || j == first || j >= end {
        return None;
    }
    let mut agency = None;
    if tokens[j].text(text) == "(" {
        let close = (j + 1..end.min(j + 6)).find(|&k| tokens[k].text(text) == ")")?;
        if close == j + 1 {
            return None;
        }
        agency = Some(Span::new(
            tokens[j + 1].span.start,
            tokens[close - 1].span.end,
        ));
        j = close + 1;
    }
    if j >= end || tokens[j].kind != TokenKind::Dash || j + 1 >= end {
        return None;
    }
    Some(Dateline {
        span: Span::new(tokens[first].span.start, tokens[j].span.end),
        agency,
        body_token: j + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn dl(text: &str) -> Option<(String, Option<String>)> {
        let tokens = tokenize(text);
        dateline(text, &tokens, 0, tokens.len()).map(|d| {
            (
                d.span.slice(text).to_string(),
                d.agency.map(|a| a.slice(text).to_string()),
            )
        })
    }

    #[test]
    fn captions_are_body_and_picture_credits_are_not() {
        assert_eq!(
            paragraph_role("Image caption Ana Petrov says the bridge will reopen"),
            ParagraphRole::Body
        );
        assert_eq!(
            paragraph_role("Image copyright Harbor Photo Agency"),
            ParagraphRole::Credit
        );
        assert_eq!(
            paragraph_role("Photo: Harbor Photo Agency"),
            ParagraphRole::Credit
        );
        assert_eq!(
            paragraph_role("Photos showed mourners at the harbor."),
            ParagraphRole::Body
        );
    }

    #[test]
    fn scripts_are_code_and_prose_is_not() {
        let script = "window._ads = window._ads || []; _ads.push({ mode: 'tiles', \
                      placement: 'Gallery 3', target_type: 'mix' }); _ads.push({flush: true});";
        assert_eq!(paragraph_role(script), ParagraphRole::Code);
        // Prose may hold a semicolon, a parenthesis and an equals sign.
        let prose = "The vote (held on Monday); a tie = no law; the council {sic} adjourned.";
        assert_eq!(paragraph_role(prose), ParagraphRole::Body);
        assert_eq!(paragraph_role("x = y;"), ParagraphRole::Body);
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dl("WASHINGTON (AP) — Officials said so."),
            Some(("WASHINGTON (AP) —".into(), Some("AP".into())))
        );
        assert_eq!(
            dl("MOSCOW, July 19 (Reuters) - The envoy spoke."),
            Some(("MOSCOW, July 19 (Reuters) -".into(), Some("Reuters".into())))
        );
        assert_eq!(
            dl("PORTAVEN — The council met."),
            Some(("PORTAVEN —".into(), None))
        );
        assert_eq!(dl("The council met — briefly."), None);
        assert_eq!(dl("Putin — the president — spoke."), None);
    }

    #[test]
    fn bylines_and_credits() {
        assert_eq!(paragraph_role("By Jane Roe"), ParagraphRole::Byline);
        assert_eq!(
            paragraph_role("By The Associated Press"),
            ParagraphRole::Byline
        );
        assert_eq!(
            paragraph_role("by the way, he said it was fine."),
            ParagraphRole::Body
        );
        assert_eq!(
            paragraph_role("(AP Photo/Evan Vucci)"),
            ParagraphRole::Credit
        );
        assert_eq!(
            paragraph_role("Reporting by Jane Roe; Editing by John Doe"),
            ParagraphRole::Credit
        );
        assert_eq!(
            paragraph_role("Jane Roe in Moscow contributed to this report."),
            ParagraphRole::Credit
        );
        assert_eq!(
            paragraph_role("Photo: A ship in the harbor. Credit: Harbor Gazette"),
            ParagraphRole::Credit
        );
        assert_eq!(
            paragraph_role("The council said it would vote."),
            ParagraphRole::Body
        );
    }
}
