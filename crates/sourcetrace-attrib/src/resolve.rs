//! Source resolution: "he", "the envoy", "the Russian daily", "McKenzie" back
//! to the party they denote.
//!
//! A first, discourse-order resolver that works on any extractor's output:
//! it walks the attributions in text order, keeping the parties the article
//! has named so far (sources it has resolved, and titled names such as
//! "U.S. President Joe Biden" anywhere in the text), and rewrites each
//! source's `name` and `kind`:
//! - a personal pronoun ("he", "she") → the last named person;
//! - a definite description ("the envoy", "the Russian daily", "the news
//!   agency", "the ministry", "the company") → the last named party of the
//!   kind its head noun implies;
//! - a bare surname ("McKenzie") → the full name given earlier ("Kenneth
//!   McKenzie").
//!
//! A statement resolved to the same party as an earlier one given through a
//! relay ("Lyakin-Frolov told Kommersant") inherits that relay: "“…,” he said"
//! in the next paragraph continues the interview.
//!
//! Traps: "they" and "it" are left alone (too often a group or a thing); the
//! span never changes, only the name, so PolNeAR-style evaluation of source
//! spans is unaffected.

use crate::lexicon::{GOVERNMENT_WORDS, ORGANIZATION_WORDS, OUTLET_WORDS, TITLES};
use sourcetrace_core::{Attribution, ChainLink, SourceKind, Span};
use sourcetrace_text::{TextAnalysis, TokenKind};

/// A party the article has named.
#[derive(Debug, Clone)]
struct Party {
    name: String,
    kind: SourceKind,
    /// Where it was named (byte offset), for recency.
    at: usize,
    /// The relay it last spoke through ("told Kommersant"), if any.
    relay: Option<ChainLink>,
}

/// Rewrite the names and kinds of pronoun, description and surname sources.
pub(crate) fn resolve_sources(
    text: &str,
    analysis: &TextAnalysis,
    attributions: &mut [Attribution],
) {
    let mut named = titled_names(text, analysis);
    for att in attributions.iter_mut() {
        let Some(source) = att.source.as_mut() else {
            continue;
        };
        let mention = source.span.slice(text).to_lowercase();
        let words: Vec<&str> = mention.split_whitespace().collect();
        let at = source.span.start;
        let before = |p: &&Party| p.at < at;
        let resolved: Option<Party> =
            if matches!(words.as_slice(), ["he"] | ["she"] | ["him"] | ["her"]) {
                last(&named, at, |p| p.kind == SourceKind::Person)
            } else if words.first() == Some(&"the") && source.name.to_lowercase() == mention {
                // A definite description without a proper name: "the Russian daily".
                let head = words.last().copied().unwrap_or("");
                let kind = description_kind(&words, head);
                kind.and_then(|k| last(&named, at, |p| p.kind == k))
            } else if source.kind == SourceKind::Person && !source.name.contains(' ') {
                // A surname alone: the full name given earlier.
                named
                    .iter()
                    .filter(before)
                    .filter(|p| {
                        p.kind == SourceKind::Person
                            && p.name.ends_with(&format!(" {}", source.name))
                    })
                    .max_by_key(|p| p.at)
                    .cloned()
            } else {
                None
            };
        match resolved {
            Some(party) => {
                source.name = party.name.clone();
                source.kind = party.kind;
                let link = ChainLink {
                    name: Some(party.name.clone()),
                    kind: party.kind,
                };
                let mut chain = vec![link];
                if let Some(relay) = &party.relay {
                    chain.push(relay.clone());
                }
                // Keep an origin found earlier ("citing unnamed sources").
                if att.chain.len() > 1 {
                    chain.splice(0..0, att.chain[..att.chain.len() - 1].iter().cloned());
                }
                att.chain = chain;
                named.push(Party {
                    at: source.span.end,
                    ..party
                });
            }
            None => {
                if matches!(
                    source.kind,
                    SourceKind::Person
                        | SourceKind::Outlet
                        | SourceKind::Government
                        | SourceKind::Organization
                ) && source.name.chars().next().is_some_and(char::is_uppercase)
                {
                    let relay = (att.chain.len() > 1)
                        .then(|| att.chain[att.chain.len() - 1].clone())
                        .filter(|l| l.name.as_deref() != Some(source.name.as_str()));
                    named.push(Party {
                        name: source.name.clone(),
                        kind: source.kind,
                        at: source.span.end,
                        relay,
                    });
                }
            }
        }
    }
}

/// The most recent party named before `at` that satisfies `keep`.
fn last(named: &[Party], at: usize, keep: impl Fn(&Party) -> bool) -> Option<Party> {
    named
        .iter()
        .filter(|p| p.at <= at && keep(p))
        .max_by_key(|p| p.at)
        .cloned()
}

/// The kind of party a definite description denotes, from its words.
fn description_kind(words: &[&str], head: &str) -> Option<SourceKind> {
    if OUTLET_WORDS.contains(&head)
        || words.iter().any(|w| {
            matches!(
                *w,
                "newspaper" | "daily" | "agency" | "broadcaster" | "outlet"
            )
        })
    {
        Some(SourceKind::Outlet)
    } else if GOVERNMENT_WORDS.contains(&head) {
        Some(SourceKind::Government)
    } else if ORGANIZATION_WORDS.contains(&head) {
        Some(SourceKind::Organization)
    } else if TITLES.contains(&head) || crate::rules::is_person_noun(head) {
        Some(SourceKind::Person)
    } else {
        None
    }
}

/// Persons named with a title anywhere in the text ("U.S. President Joe
/// Biden", "Gen. Kenneth McKenzie"): the capitalized words after the title.
fn titled_names(text: &str, analysis: &TextAnalysis) -> Vec<Party> {
    let tokens = &analysis.tokens;
    let mut out = Vec::new();
    let mut j = 0;
    while j < tokens.len() {
        let w = tokens[j].text(text).to_lowercase();
        // A title opens a name; lowercase modifiers ("former", "russian") only do when capitalized.
        let modifier = matches!(
            w.as_str(),
            "former"
                | "first"
                | "russian"
                | "american"
                | "u.s."
                | "vice"
                | "prime"
                | "deputy"
                | "chief"
                | "majority"
                | "minority"
        );
        if !TITLES.contains(&w.as_str()) || (modifier && !tokens[j].is_capitalized(text)) {
            j += 1;
            continue;
        }
        let mut k = j + 1;
        let mut names: Vec<Span> = Vec::new();
        while k < tokens.len()
            && tokens[k].kind == TokenKind::Word
            && tokens[k].is_capitalized(text)
            && names.len() < 4
        {
            let lw = tokens[k].text(text).to_lowercase();
            if TITLES.contains(&lw.as_str()) {
                names.clear();
            } else {
                names.push(tokens[k].span);
            }
            k += 1;
        }
        if names.len() >= 2 {
            let span = Span::new(names[names.len() - 2].start, names[names.len() - 1].end);
            out.push(Party {
                name: span.slice(text).to_string(),
                kind: SourceKind::Person,
                at: span.end,
                relay: None,
            });
        }
        j = k.max(j + 1);
    }
    out
}
