//! Syndication and credit notices: whose story a page is, and who is credited.
//!
//! What it reads:
//! - syndication notices: "brought to you courtesy of Breitbart", "This
//!   article originally appeared in The Harbor Gazette", "first published by
//!   …", "republished from …", "reprinted with permission of …";
//! - the agency of a dateline: "WASHINGTON (AP) —", "MOSCOW (Reuters) -";
//! - bylines ("By Jane Roe", "By Reuters"), contributors ("Jane Roe
//!   contributed to this report", "Reporting by Jane Roe; Editing by …"), hat
//!   tips ("h/t The Harbor Gazette"), copyright lines ("Copyright 2021 The
//!   Associated Press") and photo credits ("(AP Photo/Evan Vucci)").
//!
//! The story's origin (`syndicated_from`) is, in this order of trust: a
//! syndication notice, a dateline agency, a byline that names an outlet, a
//! copyright line that names an outlet.
//!
//! Trap: "courtesy of" also credits photos and quotes ("photo courtesy of the
//! family"); only a notice about the story, article or report counts as
//! syndication.

use crate::lexicon::OUTLET_WORDS;
use sourcetrace_core::{Credit, CreditRole, Span};
use sourcetrace_text::{ParagraphRole, TextAnalysis, TokenKind};

/// Phrases that say a story comes from elsewhere; the party follows them.
const SYNDICATION: &[&str] = &[
    "courtesy of",
    "originally appeared in",
    "originally appeared on",
    "originally appeared at",
    "originally published in",
    "originally published on",
    "originally published by",
    "first published in",
    "first published on",
    "first published by",
    "first appeared in",
    "first appeared on",
    "republished from",
    "republished with permission from",
    "reprinted with permission from",
    "reprinted with permission of",
    "reprinted from",
];

/// Phrases that credit someone; the party follows them.
const CREDITS: &[(&str, CreditRole)] = &[
    ("additional reporting by", CreditRole::Contributor),
    ("reporting by", CreditRole::Contributor),
    ("h/t", CreditRole::HatTip),
    ("hat tip to", CreditRole::HatTip),
    ("hat tip:", CreditRole::HatTip),
    ("copyright ©", CreditRole::Copyright),
    ("copyright", CreditRole::Copyright),
    ("©", CreditRole::Copyright),
    ("(c)", CreditRole::Copyright),
    ("photo:", CreditRole::Photo),
    ("photo by", CreditRole::Photo),
    ("photo credit:", CreditRole::Photo),
];

/// The credits of a text, and the outlet whose story it is.
pub(crate) fn find_notices(text: &str, analysis: &TextAnalysis) -> (Option<Credit>, Vec<Credit>) {
    let mut credits = Vec::new();
    let mut syndication = None;
    let lower = text.to_lowercase();
    // Lowercasing may change byte lengths outside ASCII; search only when it did not.
    let searchable = lower.len() == text.len();

    for d in &analysis.datelines {
        if let Some(agency) = d.agency {
            credits.push(Credit {
                role: CreditRole::Dateline,
                name: agency.slice(text).to_string(),
                span: agency,
            });
        }
    }
    for p in &analysis.paragraphs {
        let para = p.span.slice(text);
        if p.role == ParagraphRole::Byline {
            let start = p.span.start + para.find(char::is_whitespace).unwrap_or(0);
            if let Some(c) = party_after(text, analysis, start, CreditRole::Byline) {
                credits.push(c);
            }
        }
        let contributed = para
            .trim_end_matches('.')
            .to_lowercase()
            .ends_with("contributed to this report");
        if contributed {
            if let Some(c) = party_after(text, analysis, p.span.start, CreditRole::Contributor) {
                credits.push(c);
            }
        }
    }
    if searchable {
        for phrase in SYNDICATION {
            for (at, _) in lower.match_indices(phrase) {
                // Only notices about the story itself: "story", "article" or "report" nearby before.
                let window = &lower[at.saturating_sub(80)..at];
                let about_story = ["story", "article", "report", "piece", "post", "column"]
                    .iter()
                    .any(|w| window.contains(w))
                    || !phrase.starts_with("courtesy");
                if !about_story {
                    continue;
                }
                if let Some(c) =
                    party_after(text, analysis, at + phrase.len(), CreditRole::Syndication)
                {
                    syndication.get_or_insert(c.clone());
                    credits.push(c);
                }
            }
        }
        for &(phrase, role) in CREDITS {
            for (at, _) in lower.match_indices(phrase) {
                let line_start = lower[..at].rfind('\n').map_or(0, |i| i + 1);
                // Credits open their line ("Photo: …") or a parenthesis ("(AP Photo/…)").
                let opens_line = lower[line_start..at].trim().is_empty();
                if !opens_line
                    || credits
                        .iter()
                        .any(|c| c.span.start >= at && c.span.start < at + phrase.len() + 40)
                {
                    continue;
                }
                if let Some(c) = party_after(text, analysis, at + phrase.len(), role) {
                    credits.push(c);
                }
            }
        }
        // "(AP Photo/Evan Vucci)": the agency before "Photo".
        for (at, _) in lower.match_indices(" photo/") {
            let open = lower[..at].rfind('(');
            if let Some(open) = open.filter(|&o| at - o < 30) {
                let span = Span::new(open + 1, at);
                credits.push(Credit {
                    role: CreditRole::Photo,
                    name: span.slice(text).to_string(),
                    span,
                });
            }
        }
    }
    credits.sort_by_key(|c| c.span.start);
    credits.dedup_by(|a, b| a.span == b.span);
    let agency_like = |c: &Credit| {
        c.name
            .to_lowercase()
            .split_whitespace()
            .any(|w| OUTLET_WORDS.contains(&w))
    };
    let origin = syndication
        .or_else(|| {
            credits
                .iter()
                .find(|c| c.role == CreditRole::Dateline)
                .cloned()
        })
        .or_else(|| {
            credits
                .iter()
                .find(|c| {
                    matches!(c.role, CreditRole::Byline | CreditRole::Copyright) && agency_like(c)
                })
                .cloned()
        });
    (origin, credits)
}

/// The party named right after byte offset `from`: capitalized words, with
/// "of", "the", "and" between them ("The Associated Press", "Voice of America").
fn party_after(
    text: &str,
    analysis: &TextAnalysis,
    from: usize,
    role: CreditRole,
) -> Option<Credit> {
    let tokens = &analysis.tokens;
    let mut j = tokens.partition_point(|t| t.span.start < from);
    // Skip a year or punctuation: "Copyright 2021 The Associated Press", "h/t: X".
    while j < tokens.len()
        && matches!(tokens[j].kind, TokenKind::Number | TokenKind::Punct)
        && tokens[j].text(text) != "("
    {
        j += 1;
    }
    if role == CreditRole::Contributor {
        // "Jane Roe in Moscow contributed to this report": the name opens the paragraph.
        j = tokens.partition_point(|t| t.span.start < from);
    }
    let first = j;
    let mut last = None;
    while j < tokens.len() && j < first + 8 {
        let t = &tokens[j];
        let w = t.text(text);
        // A name never runs over a line break.
        let gap_start = if j > first {
            tokens[j - 1].span.end
        } else {
            t.span.start
        };
        if text
            .get(gap_start..t.span.start)
            .is_some_and(|g| g.contains('\n'))
        {
            break;
        }
        let joiner = matches!(w, "of" | "the" | "and" | "&" | "de") && last.is_some();
        if t.kind == TokenKind::Word
            && (t.is_capitalized(text) || w.chars().all(|c| c.is_uppercase()))
        {
            last = Some(j);
        } else if !joiner {
            break;
        }
        j += 1;
    }
    let last = last?;
    let span = Span::new(tokens[first].span.start, tokens[last].span.end);
    let name = span.slice(text);
    // A name spread over a page's layout ("JANE ROE      and JOHN DOE") is
    // named with single spaces; the span keeps the text as it is.
    let name = name
        .strip_prefix("The ")
        .unwrap_or(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(Credit { role, name, span })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notices(text: &str) -> (Option<String>, Vec<(CreditRole, String)>) {
        let a = TextAnalysis::new(text);
        let (origin, credits) = find_notices(text, &a);
        (
            origin.map(|c| c.name),
            credits.into_iter().map(|c| (c.role, c.name)).collect(),
        )
    }

    #[test]
    fn courtesy_notice_names_the_origin() {
        let (origin, _) = notices("Headline\n\nThis story is brought to you courtesy of Breitbart. See the original.\n\nBody said.");
        assert_eq!(origin.as_deref(), Some("Breitbart"));
    }

    #[test]
    fn photo_courtesy_is_not_syndication() {
        let (origin, _) = notices("The mayor spoke.\n\nPhoto courtesy of the Brandvold family.");
        assert_eq!(origin, None);
    }

    #[test]
    fn dateline_agency_and_byline() {
        let (origin, credits) = notices("By Jane Roe\n\nMOSCOW (Reuters) — The envoy spoke.\n\nJohn Doe contributed to this report.");
        assert_eq!(origin.as_deref(), Some("Reuters"));
        assert!(credits.contains(&(CreditRole::Byline, "Jane Roe".into())));
        assert!(credits.contains(&(CreditRole::Contributor, "John Doe".into())));
    }

    #[test]
    fn a_byline_spread_by_layout_is_named_with_single_spaces() {
        let (origin, credits) =
            notices("By JANE ROE        and   JOHN DOE Associated Press\n\nThe council met.");
        let name = "JANE ROE and JOHN DOE Associated Press";
        assert!(
            credits.contains(&(CreditRole::Byline, name.into())),
            "{credits:?}"
        );
        assert_eq!(origin.as_deref(), Some(name));
    }

    #[test]
    fn originally_appeared_and_copyright() {
        let (origin, credits) = notices("Body text.\n\nThis article originally appeared in The Harbor Gazette.\n\nCopyright 2021 The Associated Press. All rights reserved.");
        assert_eq!(origin.as_deref(), Some("Harbor Gazette"));
        assert!(credits.contains(&(CreditRole::Copyright, "Associated Press".into())));
    }

    #[test]
    fn agency_byline_and_hat_tip_and_photo() {
        let (origin, credits) = notices("By The Associated Press\n\nThe council met.\n\n(AP Photo/Evan Vucci)\n\nh/t Harbor Gazette");
        assert_eq!(origin.as_deref(), Some("Associated Press"));
        assert!(credits.contains(&(CreditRole::HatTip, "Harbor Gazette".into())));
        assert!(credits.contains(&(CreditRole::Photo, "AP".into())));
    }
}
