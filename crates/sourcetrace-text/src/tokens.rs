//! Tokenization that keeps byte offsets and knows news orthography.

use sourcetrace_core::Span;
use std::borrow::Cow;

/// A quotation mark, with its direction decided from context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteMark {
    /// `“`, `«`, or a straight `"` that opens.
    OpenDouble,
    /// `”`, `»`, or a straight `"` that closes.
    CloseDouble,
    /// `‘`, or a straight `'` that opens.
    OpenSingle,
    /// `’` or `'` standing alone after a word: a closing single quote, or a
    /// possessive apostrophe ("Sanders’ supporters"); the quotation layer decides.
    CloseSingle,
}

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters, possibly with inner hyphens, apostrophes or the dots of an abbreviation.
    Word,
    /// A number ("7,500", "3.5", "1990s", "20th").
    Number,
    /// A quotation mark.
    Quote(QuoteMark),
    /// An em dash, en dash, a double hyphen, or a hyphen standing alone.
    Dash,
    /// `...` or `…`.
    Ellipsis,
    /// Any other punctuation or symbol, one character long.
    Punct,
}

/// One token: a byte span into the text and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span of the token in the original text.
    pub span: Span,
    /// What kind of token it is.
    pub kind: TokenKind,
}

impl Token {
    /// The token's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        self.span.slice(text)
    }

    /// The token with curly quotes and apostrophes made straight, leaving
    /// everything else as written; borrowed when nothing changes.
    pub fn normalized<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let s = self.text(text);
        if s.is_ascii() {
            return Cow::Borrowed(s);
        }
        Cow::Owned(
            s.chars()
                .map(|c| match c {
                    '’' | '‘' | '`' | '´' => '\'',
                    '“' | '”' | '«' | '»' | '„' => '"',
                    '–' | '—' => '-',
                    other => other,
                })
                .collect(),
        )
    }

    /// True when the first character of the token is uppercase.
    pub fn is_capitalized(&self, text: &str) -> bool {
        self.text(text)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// True when the token is punctuation that can end a sentence (`.`, `!`, `?`).
    pub fn is_terminal(&self, text: &str) -> bool {
        self.kind == TokenKind::Punct && matches!(self.text(text), "." | "!" | "?")
    }
}

/// Abbreviations that take a period and never end a sentence (titles, initials' kin).
pub(crate) const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Sens", "Rep", "Reps", "Gov", "Lt", "Col", "Sgt",
    "Capt", "Maj", "Adm", "Prof", "Rev", "Pres", "Gens", "Cmdr", "Cpl", "Pvt", "Supt", "Insp",
    "Amb", "Atty", "Hon", "Msgr", "Fr", "St", "Mt", "Ft", "No", "Nos", "vs", "v", "Sec", "Secs",
];

/// Abbreviations that take a period and may end a sentence.
const OTHER_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Inc",
    "Corp", "Co", "Ltd", "Jr", "Sr", "etc", "Bros", "Ave", "Blvd", "Rd", "Dept", "Univ", "Assn",
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Kans",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Penn", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo", "approx", "est", "al", "Gov't",
];

/// True when `word` (without its period) is an abbreviation we know.
pub(crate) fn is_known_abbreviation(word: &str) -> bool {
    TITLE_ABBREVIATIONS.contains(&word) || OTHER_ABBREVIATIONS.contains(&word)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Split `text` into tokens. Whitespace is skipped; every other character
/// belongs to exactly one token, so tokens and the gaps between them give back
/// the input.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let (len, kind) = if is_word_char(c) {
            scan_word(&chars, i)
        } else {
            scan_symbol(
                &chars,
                i,
                tokens.last().map(|t: &Token| t.span.end) == Some(start),
            )
        };
        let len = len.max(1);
        tokens.push(Token {
            span: Span::new(start, end_of(i + len)),
            kind,
        });
        i += len;
    }
    tokens
}

/// Scan a word or number starting at `chars[i]`; returns its length in chars.
fn scan_word(chars: &[(usize, char)], i: usize) -> (usize, TokenKind) {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let numeric = at(i).is_some_and(|c| c.is_ascii_digit());
    // The clitic "n't" split off by the previous word.
    if at(i).is_some_and(|c| c.eq_ignore_ascii_case(&'n'))
        && at(i + 1).is_some_and(is_apostrophe)
        && at(i + 2).is_some_and(|c| c.eq_ignore_ascii_case(&'t'))
        && !at(i + 3).is_some_and(is_word_char)
    {
        return (3, TokenKind::Word);
    }

    // Dotted abbreviations: U.S., U.N., Ph.D., D.C. (one or two letters then a dot, twice or more).
    if !numeric {
        let mut k = i;
        let mut groups = 0;
        loop {
            let mut letters = 0;
            while at(k + letters).is_some_and(char::is_alphabetic) && letters < 3 {
                letters += 1;
            }
            if letters == 0 || letters > 2 || at(k + letters) != Some('.') {
                break;
            }
            groups += 1;
            k += letters + 1;
        }
        if groups >= 2 {
            return (k - i, TokenKind::Word);
        }
    }

    let mut k = i;
    while let Some(c) = at(k) {
        if is_word_char(c) {
            k += 1;
            continue;
        }
        let next = at(k + 1);
        let next_is_word = next.is_some_and(is_word_char);
        if numeric {
            // 7,500 / 3.5 / 10:30
            if matches!(c, ',' | '.' | ':') && next.is_some_and(|n| n.is_ascii_digit()) {
                k += 1;
                continue;
            }
            break;
        }
        if c == '-' && next_is_word {
            k += 1;
            continue;
        }
        if is_apostrophe(c) && next_is_word {
            // Clitics split off: Russia’s -> Russia ’s, don't -> do n't.
            let rest: String = chars[k + 1..]
                .iter()
                .take(3)
                .map(|&(_, c)| c.to_ascii_lowercase())
                .collect();
            let after_n = k > i && at(k - 1).is_some_and(|p| p.eq_ignore_ascii_case(&'n'));
            let clitic = ["s", "re", "ve", "ll", "d", "m", "t"].iter().any(|cl| {
                (*cl != "t" || after_n)
                    && rest.starts_with(cl)
                    && !at(k + 1 + cl.len()).is_some_and(is_word_char)
            });
            if clitic {
                break;
            }
            k += 1;
            continue;
        }
        break;
    }
    // n't: "don't" scanned as "don" + "'t"? Move the n into the clitic.
    if !numeric && k >= i + 2 && at(k).is_some_and(is_apostrophe) {
        let last = at(k - 1).map(|c| c.to_ascii_lowercase());
        let after = at(k + 1).map(|c| c.to_ascii_lowercase());
        if last == Some('n') && after == Some('t') && !at(k + 2).is_some_and(is_word_char) {
            k -= 1;
        }
    }
    // A known abbreviation takes its period: Gen. Sen. Jan. Calif. and single initials (J.).
    if !numeric && at(k) == Some('.') {
        let word: String = chars[i..k].iter().map(|&(_, c)| c).collect();
        let last_part = word.rsplit('-').next().unwrap_or(&word);
        let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if initial || is_known_abbreviation(last_part) {
            k += 1;
        }
    }
    let kind = if numeric {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    (k - i, kind)
}

/// Scan a non-word token starting at `chars[i]`; `glued` is true when the
/// previous token ends right where this one starts.
fn scan_symbol(chars: &[(usize, char)], i: usize, glued: bool) -> (usize, TokenKind) {
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let c = chars[i].1;
    let prev = if i == 0 { None } else { at(i - 1) };
    let next = at(i + 1);
    // Clitics that begin a token: ’s, 'll, n't handled by scan_word stopping before them.
    if is_apostrophe(c) && glued && next.is_some_and(char::is_alphabetic) {
        let mut k = i + 1;
        while at(k).is_some_and(char::is_alphabetic) {
            k += 1;
        }
        return (k - i, TokenKind::Word);
    }
    match c {
        // A “ glued to the word before it and followed by space is a mistyped ”.
        '“' if prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(char::is_whitespace) => {
            (1, TokenKind::Quote(QuoteMark::CloseDouble))
        }
        '“' | '«' | '„' => (1, TokenKind::Quote(QuoteMark::OpenDouble)),
        '”' | '»' => (1, TokenKind::Quote(QuoteMark::CloseDouble)),
        '‘' => (1, TokenKind::Quote(QuoteMark::OpenSingle)),
        '’' => (1, TokenKind::Quote(QuoteMark::CloseSingle)),
        '"' | '\'' => {
            // Two apostrophes stand for a double quote in some archives (''No.'').
            let doubled = c == '\'' && next == Some('\'');
            let after = if doubled { at(i + 2) } else { next };
            let opens = match prev {
                None => true,
                Some(p) => {
                    p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '“' | '‘')
                }
            } && after.is_some_and(|n| !n.is_whitespace());
            let mark = match (c == '"' || doubled, opens) {
                (true, true) => QuoteMark::OpenDouble,
                (true, false) => QuoteMark::CloseDouble,
                (false, true) => QuoteMark::OpenSingle,
                (false, false) => QuoteMark::CloseSingle,
            };
            (if doubled { 2 } else { 1 }, TokenKind::Quote(mark))
        }
        '—' | '–' | '―' => (1, TokenKind::Dash),
        '-' => {
            if next == Some('-') {
                (2, TokenKind::Dash)
            } else {
                (1, TokenKind::Dash)
            }
        }
        '…' => (1, TokenKind::Ellipsis),
        '.' if next == Some('.') && at(i + 2) == Some('.') => (3, TokenKind::Ellipsis),
        _ => (1, TokenKind::Punct),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials() {
        assert_eq!(
            toks(
                "U.S.President Joe Biden met Gen. Kenneth F. McKenzie, Ph.D., in Washington, D.C."
            ),
            vec![
                "U.S.",
                "President",
                "Joe",
                "Biden",
                "met",
                "Gen.",
                "Kenneth",
                "F.",
                "McKenzie",
                ",",
                "Ph.D.",
                ",",
                "in",
                "Washington",
                ",",
                "D.C."
            ]
        );
    }

    #[test]
    fn clitics_and_possessives() {
        assert_eq!(
            toks("Russia’s envoy didn't say O’Donnell's plan"),
            vec![
                "Russia",
                "’s",
                "envoy",
                "did",
                "n't",
                "say",
                "O’Donnell",
                "'s",
                "plan"
            ]
        );
        assert_eq!(
            toks("Sanders’ supporters"),
            vec!["Sanders", "’", "supporters"]
        );
    }

    #[test]
    fn quotes_dashes_numbers() {
        let text = "“We’ll see,” he said — about 7,500 troops... \"ok\" 3.5%";
        let t = tokenize(text);
        let kinds: Vec<TokenKind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], TokenKind::Quote(QuoteMark::OpenDouble));
        assert_eq!(t[1].text(text), "We");
        assert_eq!(t[2].text(text), "’ll");
        assert!(toks(text).contains(&"7,500"));
        assert!(toks(text).contains(&"..."));
        assert!(kinds.contains(&TokenKind::Dash));
        let straight: Vec<_> = t
            .iter()
            .filter(|t| t.text(text) == "\"")
            .map(|t| t.kind)
            .collect();
        assert_eq!(
            straight,
            vec![
                TokenKind::Quote(QuoteMark::OpenDouble),
                TokenKind::Quote(QuoteMark::CloseDouble)
            ]
        );
    }

    #[test]
    fn normalized_quotes() {
        let text = "Russia’s “base”";
        let t = tokenize(text);
        assert_eq!(t[1].normalized(text), "'s");
        assert_eq!(t[2].normalized(text), "\"");
    }

    proptest! {
        #[test]
        fn tokens_and_gaps_rebuild_input(text in "[ a-zA-Z0-9.,’'\"“”‘—–\\-…\\n\\[\\]()é中]{0,80}") {
            let tokens = tokenize(&text);
            let mut rebuilt = String::new();
            let mut pos = 0;
            for t in &tokens {
                prop_assert!(t.span.start >= pos && t.span.end > t.span.start);
                prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                let gap = &text[pos..t.span.start];
                prop_assert!(gap.chars().all(char::is_whitespace));
                rebuilt.push_str(gap);
                rebuilt.push_str(t.text(&text));
                pos = t.span.end;
            }
            rebuilt.push_str(&text[pos..]);
            prop_assert_eq!(rebuilt, text);
        }

        #[test]
        fn never_panics_on_any_text(text in "\\PC{0,120}") {
            let _ = tokenize(&text);
        }
    }
}
