//! Source resolution: "he", "the envoy", "the Russian daily", "McKenzie" back
//! to the party they denote.
//!
//! A first, discourse-order resolver that works on any extractor's output:
//! it walks the attributions in text order, keeping the parties the article
//! has named so far (sources it has resolved, and titled names such as
//! "U.S. President Joe Biden" anywhere in the text), and rewrites each
//! source's `name` and `kind`:
//! - a personal pronoun ("he", "she") → by salience over every person the
//!   text mentions (see [`crate::mentions`]): the first speaker, else the
//!   first person, of its own sentence, then of each sentence before it;
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
//! - "it" → the last named organization, outlet or government.
//!
//! - "they"/"them" with nothing to name → an unnamed group (anonymous).
//! - "the DNC" → the run of capitalized words the text spells it out with.
//!
//! Traps: "they" never names a party (too often an unnamed group); the
//! span never changes, only the name, so PolNeAR-style evaluation of source
//! spans is unaffected.

use crate::lexicon::{
    is_title, usual_first_name_gender, Gender, GOVERNMENT_WORDS, ORGANIZATION_WORDS, OUTLET_WORDS,
};
use sourcetrace_core::{Attribution, ChainLink, Entity, SourceKind, Span};
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
    /// True when it was named as the source of a statement (a speaker).
    speaker: bool,
}

/// Rewrite the names and kinds of pronoun, description and surname sources,
/// and return the parties the article names (its entities).
pub(crate) fn resolve_sources(
    text: &str,
    analysis: &TextAnalysis,
    attributions: &mut [Attribution],
) -> Vec<Entity> {
    let common = crate::mentions::lowercase_words(text, analysis);
    let titled = titled_names(text, analysis, &common);
    let full = full_names(text, analysis, &common);
    let people = crate::mentions::people(text, analysis, &common);
    // Sources already resolved to a person: (start, name), in text order.
    let mut speakers: Vec<(usize, String)> = Vec::new();
    let mut entities = Vec::new();
    for (party, mention, title) in &titled {
        note(
            &mut entities,
            &party.name,
            party.kind,
            *mention,
            Some(title.clone()),
        );
    }
    let mut named: Vec<Party> = titled.into_iter().map(|(p, _, _)| p).collect();
    named.extend(named_bodies(text, analysis));
    named.extend(frequent_names(text, analysis, &people, &common));
    named.sort_by_key(|p| p.at);
    // "Voice of America (VOA)": later mentions of the abbreviation name the party.
    let mut aliases: Vec<(String, String)> = Vec::new();
    let mut spelled = spelled_out(text, analysis);
    // "Swiss People's Party, or SVP," and "Swiss People's Party (SVP)": the
    // text says what the abbreviation stands for, whatever its initials.
    spelled.extend(introduced_abbreviations(text));
    for att in attributions.iter_mut() {
        let Some(source) = att.source.as_mut() else {
            continue;
        };
        let mention = source.span.slice(text).to_lowercase();
        let words: Vec<&str> = mention.split_whitespace().collect();
        let at = source.span.start;
        let before = |p: &&Party| p.at < at;
        let alias = aliases
            .iter()
            .find(|(abbreviation, full)| source.name == *abbreviation && *full != source.name)
            .map(|(_, full)| full.clone());
        // "the DNC" where the text spells out "Democratic National Committee".
        let initials = words.last().and_then(|last| {
            let abbreviation = source.span.slice(text).split_whitespace().last()?;
            (words.len() <= 2 && abbreviation.to_lowercase() == *last)
                .then(|| spelled.get(abbreviation).cloned())
                .flatten()
        });
        // "the voters", "the debate moderators": people the text does not
        // name, an unnamed group.
        let plural_people = words.first() == Some(&"the")
            && (2..=4).contains(&words.len())
            && source.span.slice(text).split_whitespace().skip(1).all(|w| {
                w.chars()
                    .all(|c| c.is_lowercase() || c.is_ascii_digit() || "-,".contains(c))
            })
            && words.last().is_some_and(|w| {
                w.strip_suffix('s')
                    .is_some_and(crate::rules::is_person_noun)
                    || matches!(*w, "people" | "men" | "women")
            });
        // "The New York Post reports … The Post has learned": an outlet or
        // body called by the last word of its name.
        let short_name = (words.len() == 2 && words[0] == "the")
            .then(|| mention_word(text, &source.span, 1))
            .flatten()
            .filter(|w| w.starts_with(char::is_uppercase))
            .and_then(|w| {
                named
                    .iter()
                    .filter(|p| {
                        p.at < at
                            && matches!(p.kind, SourceKind::Outlet | SourceKind::Organization)
                            && p.name.split_whitespace().count() >= 2
                            && p.name.split_whitespace().last() == Some(w)
                    })
                    .max_by_key(|p| p.at)
                    .cloned()
            });
        // "US president says …" (a headline): "the president", of that country.
        let bare_title = words.len() == 2
            && is_title(words[1])
            && source
                .span
                .slice(text)
                .split_whitespace()
                .next()
                .is_some_and(|w| {
                    crate::lexicon::country_of(w).is_some()
                        || crate::lexicon::is_demonym(w)
                        // The lexicon leaves out two-letter codes ("it", "in").
                        || matches!(w, "US" | "U.S." | "UK" | "U.K.")
                });
        let resolved: Option<Party> = if let Some(party) = short_name {
            Some(party)
        } else if plural_people {
            // "the senators": the two people its sentence or a recent one
            // names together ("Mr. Grassley and Mr. Leahy said … what the
            // senators said"); "the voters" are nobody in particular.
            let office = words.last().and_then(|w| w.strip_suffix('s'));
            office
                .filter(|o| crate::mentions::description_title(o))
                .and_then(|_| pair_of_people(text, analysis, &people, at, false))
        } else if let Some(full) = alias {
            named
                .iter()
                .filter(|p| p.name == full)
                .max_by_key(|p| p.at)
                .cloned()
        } else if let Some(full) = initials {
            Some(Party {
                kind: match source.kind {
                    // "the US" spelled out "United States": a country's government.
                    _ if crate::lexicon::country_of(&full).is_some() => SourceKind::Government,
                    SourceKind::Unknown | SourceKind::Anonymous | SourceKind::Person => {
                        SourceKind::Organization
                    }
                    k => k,
                },
                name: full,
                at,
                relay: None,
                speaker: false,
            })
        } else if matches!(words.as_slice(), ["he"] | ["him"] | ["his"]) {
            salient_person(text, analysis, &people, &speakers, at, Some(Gender::Female))
                .map(|name| party_named(&named, &name, at))
                .or_else(|| person(&named, &people, at, Gender::Female))
        } else if matches!(words.as_slice(), ["they"] | ["them"] | ["their"]) {
            plural_group(text, analysis, &named, at)
                .or_else(|| pair_of_people(text, analysis, &people, at, words.len() == 1))
        } else if matches!(
            words.as_slice(),
            ["the", "two"] | ["both"] | ["the", "pair"]
        ) || (matches!(words.as_slice(), ["the", "two", _])
            && words[2]
                .strip_suffix('s')
                .is_some_and(crate::rules::is_person_noun))
            || matches!(words.as_slice(), ["the", "two", "men" | "women"])
        {
            // "the two", "the two senators": the last pair of people named.
            pair_of_people(text, analysis, &people, at, false)
        } else if matches!(words.as_slice(), ["who"]) {
            // "Jon Huntsman, the ambassador, who said": the person the
            // relative clause hangs on, named in the same sentence before the
            // comma that opens the clause, with at most a short apposition
            // between.
            let here = crate::mentions::sentence_at(analysis, at);
            let before_comma = text[..at].trim_end().ends_with(',');
            people
                .mentions
                .iter()
                .filter(|m| m.end <= at && m.sentence == here)
                .filter(|m| {
                    let between = text[m.end..at].trim();
                    // The name itself, not its possessive ("Mueller's
                    // indictment of 12 agents, who"); without a comma before
                    // "who", only an apposition between ("Ana Petrov, the
                    // agency's former head who").
                    let apposition = between
                        .strip_prefix(',')
                        .map(str::trim_start)
                        .is_some_and(|a| a.starts_with("the ") && !a.contains([',', '(']));
                    (before_comma || apposition)
                        && between.starts_with([',', '('])
                        && between.len() <= 60
                        && !between.contains([';', '“', '”', '"'])
                })
                .max_by_key(|m| m.end)
                .map(|m| party_named(&named, &m.name, at))
                .or_else(|| {
                    // "Democrats who called", "Europeans who want": the
                    // party or group named just before.
                    let k = analysis.tokens.partition_point(|t| t.span.end <= at);
                    let before = k.checked_sub(1).map(|j| analysis.tokens[j].text(text));
                    before
                        .filter(|w| w.starts_with(char::is_uppercase) && w.ends_with('s'))
                        .and_then(|_| plural_group(text, analysis, &named, at))
                })
        } else if matches!(words.as_slice(), ["it"]) {
            // "it said": an organization, an outlet or a government, never a
            // person; one that spoke in this sentence or the two before it
            // first ("Twitter said …. It added …"), else the last one named.
            let body = |p: &Party| {
                matches!(
                    p.kind,
                    SourceKind::Organization | SourceKind::Outlet | SourceKind::Government
                ) && p.name.starts_with(char::is_uppercase)
                    && !p.name.starts_with("The ")
            };
            let here = crate::mentions::sentence_at(analysis, at);
            let recent = analysis
                .sentences
                .get(here.saturating_sub(2))
                .map_or(0, |s| s.span.start);
            last(&named, at, |p| body(p) && p.speaker && p.at >= recent)
                .or_else(|| last(&named, at, body))
        } else if matches!(words.as_slice(), ["she"] | ["her"]) {
            salient_person(text, analysis, &people, &speakers, at, Some(Gender::Male))
                .map(|name| party_named(&named, &name, at))
                .or_else(|| person(&named, &people, at, Gender::Male))
        } else if bare_title
            || words.first() == Some(&"the")
                && (source.name.to_lowercase() == mention || person_description(&source.span, text))
        {
            // A definite description without a proper name: "the Russian daily";
            // "the former secretary of state" is headed by "secretary".
            let head = words
                .iter()
                .position(|w| *w == "of")
                .filter(|&i| i > 1)
                .map_or_else(|| words.last().copied().unwrap_or(""), |i| words[i - 1]);
            // "the president's": the possessive is not part of the head.
            let head = head
                .strip_suffix("'s")
                .or_else(|| head.strip_suffix("’s"))
                .unwrap_or(head);
            let kind = description_kind(&words, head);
            // "the senator": the last person the article gave that title, else the last person.
            // "the Democratic nominee" is not the Republican one.
            let party = words.iter().find_map(|w| crate::mentions::party_of(w));
            let titled_person = (kind == Some(SourceKind::Person))
                .then(|| {
                    entities
                        .iter()
                        .filter(|e| {
                            e.kind == SourceKind::Person
                                && e.titles.iter().any(|t| {
                                    crate::mentions::title_holds(t, head)
                                        && (party.is_none()
                                            || t.split_whitespace()
                                                .find_map(crate::mentions::party_of)
                                                == party)
                                })
                        })
                        .filter_map(|e| {
                            let latest = e
                                .mentions
                                .iter()
                                .filter(|m| m.end <= at)
                                .map(|m| m.end)
                                .max()?;
                            Some((latest, e.name.clone()))
                        })
                        .max()
                })
                .flatten()
                .map(|(latest, name)| Party {
                    name,
                    kind: SourceKind::Person,
                    at: latest,
                    relay: None,
                    speaker: false,
                });
            // "the Republican nominee": the person last given that title in the
            // text; else, for a person, the most salient one.
            let described = (kind == Some(SourceKind::Person))
                .then(|| {
                    people
                        .mentions
                        .iter()
                        .find(|m| {
                            // The description itself, not its possessor ("the
                            // president's spokesman") nor a part of it.
                            let rest = text.get(m.end..source.span.end).unwrap_or("").trim();
                            m.start == source.span.start
                                && m.end <= source.span.end
                                && (rest.is_empty() || rest.starts_with("of "))
                        })
                        .map(|m| m.name.clone())
                        .or_else(|| {
                            let other = crate::mentions::noun_gender(head).map(|g| match g {
                                Gender::Male => Gender::Female,
                                Gender::Female => Gender::Male,
                            });
                            salient_person(text, analysis, &people, &speakers, at, other)
                        })
                })
                .flatten()
                .map(|name| party_named(&named, &name, at));
            // "the bank" → "Wells Fargo Bank", "the campaign" → "Trump campaign":
            // the last party of that kind whose own name has the head noun,
            // else the last party of that kind.
            let singular = head.strip_suffix('s').unwrap_or(head);
            let headed = |p: &Party| {
                // Not another description left unresolved ("The bank").
                !p.name.starts_with(char::is_lowercase)
                    && !p.name.starts_with("The ")
                    && p.name
                        .split_whitespace()
                        .any(|w| w.to_lowercase() == head || w.to_lowercase() == singular)
            };
            // A bare "US judge" needs a holder of the title; no guess.
            let described = described.filter(|_| !bare_title);
            titled_person.or(described).or_else(|| {
                kind.filter(|_| !bare_title).and_then(|k| {
                    last(&named, at, |p| p.kind == k && headed(p))
                        .or_else(|| last(&named, at, |p| p.kind == k))
                })
            })
        } else if source.kind == SourceKind::Person && !source.name.contains(' ') {
            // A surname alone: the full name given earlier.
            let mentioned = people.within(source.span.start, source.span.end);
            // "Mr. Obama" where the text names only Michelle Obama keeps its
            // surname: the full name's first name tells another gender.
            let unexplained = mentioned.is_some_and(|m| {
                !m.name.contains(' ')
                    && full
                        .get(source.name.as_str())
                        .and_then(|f| f.split_whitespace().next())
                        .and_then(usual_first_name_gender)
                        .is_some_and(|g| people.gender_of(&m.name).is_some_and(|h| h != g))
            });
            let mentioned = mentioned
                .filter(|m| m.name.contains(' '))
                .map(|m| party_named(&named, &m.name, at));
            mentioned.or_else(|| {
                if unexplained {
                    return None;
                }
                named
                    .iter()
                    .filter(before)
                    .filter(|p| {
                        p.kind == SourceKind::Person
                            && p.name.ends_with(&format!(" {}", source.name))
                            // "first lady Melania Trump" is "Mrs. Trump",
                            // not the bare "Trump".
                            && !entities
                                .iter()
                                .any(|e| e.name == p.name && e.titles.iter().any(|t| t == "lady"))
                    })
                    .max_by_key(|p| p.at)
                    .cloned()
                    .or_else(|| {
                        full.get(source.name.as_str()).map(|name| Party {
                            name: name.clone(),
                            kind: SourceKind::Person,
                            at,
                            relay: None,
                            speaker: false,
                        })
                    })
            })
        } else {
            None
        };
        // "Matt Duss, …, who frequently criticizes": the subject of a
        // relative clause is not what the next sentences are about.
        // Nor is a possessor ("his comments about …").
        let relative = matches!(words.as_slice(), ["who"] | ["his"] | ["their"]);
        match resolved {
            Some(party) => {
                if party.kind == SourceKind::Person && !relative {
                    speakers.push((source.span.start, party.name.clone()));
                }
                let mention_name = std::mem::replace(&mut source.name, party.name.clone());
                source.kind = party.kind;
                let link = ChainLink {
                    name: Some(party.name.clone()),
                    kind: party.kind,
                };
                // The chain names the source where it stands: first in "she
                // told the BBC" (the BBC relays), last in "the daily reported,
                // citing unnamed sources" (they are the origin).
                let at_source = att
                    .chain
                    .iter()
                    .position(|l| l.name.as_deref() == Some(mention_name.as_str()));
                let chain = match at_source {
                    Some(i) if att.chain.len() > 1 => {
                        let mut chain = att.chain.clone();
                        chain[i] = link;
                        if let (Some(relay), true) = (&party.relay, i + 1 == chain.len()) {
                            chain.push(relay.clone());
                        }
                        chain
                    }
                    _ => {
                        let mut chain = vec![link];
                        if let Some(relay) = &party.relay {
                            chain.push(relay.clone());
                        }
                        // Keep an origin found earlier ("citing unnamed sources").
                        if att.chain.len() > 1 {
                            chain.splice(0..0, att.chain[..att.chain.len() - 1].iter().cloned());
                        }
                        chain
                    }
                };
                att.chain = chain;
                note(&mut entities, &party.name, party.kind, source.span, None);
                if !relative {
                    named.push(Party {
                        at: source.span.end,
                        speaker: true,
                        ..party
                    });
                }
            }
            None if plural_people || matches!(words.as_slice(), ["they"] | ["them"]) => {
                // "they" with no party to name: an unnamed group.
                source.kind = SourceKind::Anonymous;
            }
            None => {
                // A one-word "person" that no full name in the text explains is
                // more likely a capitalized common word ("Few said …").
                let lone_word = source.kind == SourceKind::Person && !source.name.contains(' ');
                if lone_word && !full.contains_key(source.name.as_str()) {
                    // "Twitter said": no first name and no person by that
                    // name, so likely a body that "it" can refer back to.
                    let body = source.name.starts_with(char::is_uppercase)
                        && usual_first_name_gender(&source.name).is_none()
                        && !people.mentions.iter().any(|m| m.name == source.name)
                        && source.span.slice(text) == source.name
                        && capitalized_inside_sentence(text, &source.name);
                    if body {
                        named.push(Party {
                            name: source.name.clone(),
                            kind: SourceKind::Organization,
                            at: source.span.end,
                            relay: None,
                            speaker: true,
                        });
                    }
                    continue;
                }
                // "Ana Petrov, named the firm's chief executive last week,":
                // a body's word in the span, but the name is a person's.
                let person_named = matches!(
                    source.kind,
                    SourceKind::Organization | SourceKind::Outlet | SourceKind::Government
                ) && source
                    .name
                    .split_whitespace()
                    .next()
                    .and_then(usual_first_name_gender)
                    .is_some()
                    && people.mentions.iter().any(|m| {
                        m.name == source.name
                            && m.start >= source.span.start
                            && m.end <= source.span.end
                    });
                if person_named {
                    source.kind = SourceKind::Person;
                    if let Some(link) = att
                        .chain
                        .last_mut()
                        .filter(|l| l.name.as_deref() == Some(source.name.as_str()))
                    {
                        link.kind = SourceKind::Person;
                    }
                }
                if matches!(
                    source.kind,
                    SourceKind::Person
                        | SourceKind::Outlet
                        | SourceKind::Government
                        | SourceKind::Organization
                ) && source.name.chars().next().is_some_and(char::is_uppercase)
                {
                    // What the mention says besides the name is a title or role:
                    // "Russian Ambassador to Tajikistan", "commander of Central Command".
                    let mention_text = source.span.slice(text);
                    let title = match mention_text.find(source.name.as_str()) {
                        Some(at) => mention_text[..at].trim().trim_end_matches(',').trim(),
                        None => mention_text,
                    };
                    let title = (source.kind == SourceKind::Person
                        && !title.is_empty()
                        && title != source.name)
                        .then(|| title.to_string());
                    note(&mut entities, &source.name, source.kind, source.span, title);
                    if let Some(abbreviation) = parenthesized_abbreviation(mention_text) {
                        aliases.push((abbreviation, source.name.clone()));
                    }
                    let relay = (att.chain.len() > 1)
                        .then(|| att.chain[att.chain.len() - 1].clone())
                        .filter(|l| l.name.as_deref() != Some(source.name.as_str()));
                    if source.kind == SourceKind::Person {
                        // A named speaker: its mention in the text gives its fullest name.
                        let name = people
                            .named_within(source.span.start, source.span.end, &source.name)
                            .map_or(source.name.clone(), |m| m.name.clone());
                        speakers.push((source.span.start, name));
                    } else if let Some(m) =
                        people.named_within(source.span.start, source.span.end, &source.name)
                    {
                        // "One pastor, Ana Petrov of …": the person the source names.
                        speakers.push((source.span.start, m.name.clone()));
                    }
                    named.push(Party {
                        name: source.name.clone(),
                        kind: source.kind,
                        at: source.span.end,
                        relay,
                        speaker: true,
                    });
                }
            }
        }
    }
    speakers_of_quoted_first_person(text, attributions, &mut entities);
    in_text_order(entities)
}

/// `"I think the talks went well," Trump said`: an "I" inside what another
/// attribution's source said is that source (a "we" too, when the source is
/// a body: "We will respond," the ministry said).
fn speakers_of_quoted_first_person(
    text: &str,
    attributions: &mut [Attribution],
    entities: &mut Vec<Entity>,
) {
    let outer: Vec<(Span, String, SourceKind)> = attributions
        .iter()
        .filter_map(|a| {
            let s = a.source.as_ref()?;
            let pronoun = matches!(
                s.span.slice(text).to_lowercase().as_str(),
                "i" | "we" | "he" | "she" | "they" | "it" | "you"
            );
            (!pronoun || s.name != s.span.slice(text))
                .then(|| (a.content.span, s.name.clone(), s.kind))
        })
        .collect();
    for att in attributions.iter_mut() {
        let Some(source) = att.source.as_mut() else {
            continue;
        };
        let mention = source.span.slice(text);
        let first_person = mention == "I" || mention.eq_ignore_ascii_case("we");
        if !first_person || source.name != mention {
            continue;
        }
        let enclosing = outer
            .iter()
            .filter(|(content, _, _)| {
                content.start <= source.span.start && source.span.end <= content.end
            })
            .min_by_key(|(content, _, _)| content.end - content.start);
        let Some((_, name, kind)) = enclosing else {
            continue;
        };
        let fits = if mention == "I" {
            *kind == SourceKind::Person && !name.contains(" and ")
        } else {
            matches!(
                kind,
                SourceKind::Organization | SourceKind::Government | SourceKind::Outlet
            ) || name.contains(" and ")
        };
        if fits {
            source.name = name.clone();
            source.kind = *kind;
            att.chain = vec![ChainLink {
                name: Some(name.clone()),
                kind: *kind,
            }];
            note(entities, name, *kind, source.span, None);
        }
    }
}

/// True when `word` is written somewhere in the text inside a sentence,
/// after a word or a comma ("users Twitter added"): a name, not a common
/// word capitalized to open a sentence ("Investors will …").
pub(crate) fn capitalized_inside_sentence(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].trim_end_matches(' ');
        let after = text[at + word.len()..].chars().next();
        before.len() < at
            && before
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == ',')
            && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Full names written in the text ("Barack Obama", "Benjamin J. Rhodes"),
/// keyed by surname; the first full mention of a surname wins.
fn full_names<'t>(
    text: &'t str,
    analysis: &TextAnalysis,
    common: &crate::mentions::FastSet<&str>,
) -> std::collections::HashMap<&'t str, String> {
    let tokens = &analysis.tokens;
    let mut out = std::collections::HashMap::new();
    let capitalized_word = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.is_capitalized(text)
                && t.text(text).chars().any(char::is_lowercase)
        })
    };
    for j in 0..tokens.len() {
        if !capitalized_word(j) {
            continue;
        }
        let first = tokens[j].text(text);
        let lower = first.to_lowercase();
        if is_title(&lower)
            || crate::lexicon::is_demonym(first)
            || crate::mentions::is_function_word(&lower)
            || lower == "new"
            // "What Trump said", "Among Trump supporters": a word the text
            // also writes in lowercase is no first name.
            || (common.contains(lower.as_str()) && usual_first_name_gender(first).is_none())
        {
            continue;
        }
        // An optional middle initial: "Benjamin J. Rhodes".
        let mut k = j + 1;
        if tokens.get(k).is_some_and(|t| {
            let s = t.text(text);
            s.len() == 2 && s.ends_with('.') && s.starts_with(char::is_uppercase)
        }) {
            k += 1;
        }
        if !capitalized_word(k) || capitalized_word(k + 1) || (j > 0 && capitalized_word(j - 1)) {
            continue;
        }
        let span = Span::new(tokens[j].span.start, tokens[k].span.end);
        let name = span.slice(text);
        // "first lady Melania Trump": the bare surname is the principal's.
        let spouse = crate::mentions::after_spouse_title(text, analysis, j);
        if name.contains('\n') || crate::lexicon::country_of(name).is_some() || spouse {
            continue;
        }
        let surname = tokens[k].text(text);
        out.entry(surname).or_insert_with(|| name.to_string());
    }
    out
}

/// One-word names the text repeats inside its sentences ("Twitter", three
/// times or more) that are no person's, no place's and no common word's:
/// bodies, which "it" can refer back to even when no lexicon word marks them.
fn frequent_names(
    text: &str,
    analysis: &TextAnalysis,
    people: &crate::mentions::People,
    common_words: &crate::mentions::FastSet<&str>,
) -> Vec<Party> {
    let tokens = &analysis.tokens;
    let capitalized = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            t.kind == TokenKind::Word
                && t.is_capitalized(text)
                && t.text(text).chars().any(char::is_lowercase)
        })
    };
    let mut seen: crate::mentions::FastMap<&str, Vec<usize>> = Default::default();
    let mut places: crate::mentions::FastSet<&str> = Default::default();
    for k in 1..tokens.len() {
        let w = tokens[k].text(text);
        let inside = !tokens[k - 1].is_terminal(text)
            && !matches!(tokens[k - 1].text(text), "“" | "\"" | "‘" | "—" | ":");
        if capitalized(k) && inside && !capitalized(k - 1) && !capitalized(k + 1) {
            seen.entry(w).or_default().push(tokens[k].span.end);
        }
        if crate::mentions::after_place_word(text, analysis, k) {
            places.insert(w);
        }
    }
    let mut out = Vec::new();
    for (w, ends) in seen {
        if ends.len() < 3 {
            continue;
        }
        let lower = w.to_lowercase();
        let common = is_title(&lower)
            || crate::mentions::is_never_a_name(&lower)
            || crate::lexicon::is_demonym(w)
            || crate::lexicon::country_of(w).is_some()
            || usual_first_name_gender(w).is_some()
            || w.ends_with('s')
            || common_words.contains(lower.as_str())
            || places.contains(w)
            || people.mentions.iter().any(|m| {
                // A person's name, first name or surname ("Wilayat Twitter",
                // an account name, is no person's).
                let mut parts = m.name.split_whitespace();
                let first = parts.next().unwrap_or("");
                first == w || (m.name.ends_with(w) && usual_first_name_gender(first).is_some())
            });
        if !common {
            out.extend(ends.into_iter().map(|at| Party {
                name: w.to_string(),
                kind: SourceKind::Organization,
                at,
                relay: None,
                speaker: false,
            }));
        }
    }
    out
}

/// Organizations, outlets and countries named anywhere in the text: runs of
/// capitalized words ending in an organization or outlet word ("Northwind
/// Energy", "Harbor Gazette"), and country names. They are what "it" and
/// "the company" can refer back to even when they never speak.
fn named_bodies(text: &str, analysis: &TextAnalysis) -> Vec<Party> {
    let tokens = &analysis.tokens;
    let mut out = Vec::new();
    let mut j = 0;
    while j < tokens.len() {
        let capitalized = |k: usize| {
            tokens[k].kind == TokenKind::Word
                && tokens[k].is_capitalized(text)
                && !(k > 0 && text[tokens[k - 1].span.end..tokens[k].span.start].contains('\n'))
        };
        if !capitalized(j) {
            j += 1;
            continue;
        }
        let mut k = j;
        while k + 1 < tokens.len() && capitalized(k + 1) && k + 1 - j < 5 {
            k += 1;
        }
        let span = Span::new(tokens[j].span.start, tokens[k].span.end);
        let words = span.slice(text);
        let last = tokens[k].text(text).to_lowercase();
        let first = tokens[j].text(text);
        let kind = if crate::lexicon::country_of(words).is_some() {
            Some(SourceKind::Government)
        } else if k > j && OUTLET_WORDS.contains(&last.as_str()) {
            Some(SourceKind::Outlet)
        } else if k > j && ORGANIZATION_WORDS.contains(&last.as_str()) {
            Some(SourceKind::Organization)
        } else {
            None
        };
        // "the Trump campaign", "Ana Petrov's campaign": a name before a
        // lowercase "campaign" is a campaign organization, named by its last
        // word (the surname); before "magazine" or "newspaper", an outlet
        // with the whole run for its name ("Family Circle magazine").
        let next = match tokens.get(k + 1).map(|t| t.text(text)) {
            Some("’s" | "'s") => k + 2,
            _ => k + 1,
        };
        let noun = tokens
            .get(next)
            .filter(|t| !text[tokens[k].span.end..t.span.start].contains('\n'))
            .map(|t| t.text(text))
            .filter(|w| matches!(*w, "campaign" | "magazine" | "newspaper"));
        if let Some(noun) = noun.filter(|_| kind.is_none()) {
            let from = if matches!(first, "The" | "A" | "An") {
                j + 1
            } else {
                j
            };
            let (name, kind) = if noun == "campaign" {
                (
                    format!("{} campaign", tokens[k].text(text)),
                    SourceKind::Organization,
                )
            } else {
                let whole = &text[tokens[from.min(k)].span.start..tokens[k].span.end];
                (format!("{whole} {noun}"), SourceKind::Outlet)
            };
            if from <= k {
                out.push(Party {
                    name,
                    kind,
                    at: tokens[next].span.end,
                    relay: None,
                    speaker: false,
                });
            }
        }
        if let Some(kind) = kind.filter(|_| !matches!(first, "The" | "A" | "An")) {
            // "Business Council of British Columbia": the name goes on
            // through "of" and the capitalized words after it.
            let mut end = k;
            if kind != SourceKind::Government
                && tokens.get(k + 1).is_some_and(|t| t.text(text) == "of")
            {
                let mut e = k + 2;
                while e < tokens.len() && e < k + 5 && capitalized(e) {
                    e += 1;
                }
                if e > k + 2 {
                    end = e - 1;
                }
            }
            let words = &text[tokens[j].span.start..tokens[end].span.end];
            let name = match kind {
                SourceKind::Government => {
                    crate::lexicon::country_of(words).map_or(words, |c| c.name)
                }
                _ => words,
            };
            out.push(Party {
                name: name.to_string(),
                kind,
                at: tokens[end].span.end,
                relay: None,
                speaker: false,
            });
        }
        j = k + 1;
    }
    out
}

/// Abbreviations the text spells out: every all-capitals word ("DNC") that
/// spells the initials of a run of capitalized words somewhere in the text
/// ("Democratic National Committee"; "of", "for", "and" and "the" inside the
/// run are skipped). The first such run wins.
fn spelled_out(text: &str, analysis: &TextAnalysis) -> std::collections::HashMap<String, String> {
    let tokens = &analysis.tokens;
    let mut abbreviations: Vec<&str> = tokens
        .iter()
        .map(|t| t.text(text))
        .filter(|w| (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    abbreviations.sort_unstable();
    abbreviations.dedup();
    let mut out = std::collections::HashMap::new();
    let capitalized = |k: usize| {
        tokens[k].kind == TokenKind::Word
            && tokens[k].is_capitalized(text)
            && tokens[k].text(text).chars().any(char::is_lowercase)
            && !matches!(tokens[k].text(text), "The" | "A" | "An")
    };
    for j in 0..tokens.len() {
        if !capitalized(j) || (j > 0 && capitalized(j - 1)) {
            continue;
        }
        let mut initials = String::new();
        let mut k = j;
        let mut end = j;
        while k < tokens.len() && initials.len() < 6 {
            if capitalized(k) {
                initials.extend(tokens[k].text(text).chars().next());
                end = k;
            } else if !matches!(tokens[k].text(text), "of" | "for" | "and" | "the") {
                break;
            }
            if initials.len() >= 2 && abbreviations.binary_search(&initials.as_str()).is_ok() {
                let name = text[tokens[j].span.start..tokens[end].span.end].to_string();
                if !name.contains('\n') {
                    out.entry(initials.clone()).or_insert(name);
                }
            }
            k += 1;
        }
    }
    out
}

/// Abbreviations the text introduces right after a long name: "the Swiss
/// People's Party, or SVP," and "the Swiss People's Party (SVP)" map "SVP"
/// to "Swiss People's Party" even though the initials differ (a name in
/// another language). The long name is the run of capitalized words before
/// the comma or parenthesis ("of", "for", "and", "the" allowed inside), at
/// least two words; the first introduction of an abbreviation wins.
fn introduced_abbreviations(text: &str) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let is_abbreviation = |w: &str| {
        (2..=6).contains(&w.len())
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && w.chars().next().is_some_and(|c| c.is_ascii_uppercase())
    };
    for (at, _) in text.match_indices(['(', ',']) {
        let after = &text[at + 1..];
        let (abbreviation, before) = if text[at..].starts_with('(') {
            let Some(close) = after.find(')') else {
                continue;
            };
            (after[..close].trim(), text[..at].trim_end())
        } else {
            let Some(rest) = after.strip_prefix(" or ") else {
                continue;
            };
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric()))
                .unwrap_or(rest.len());
            // ", or SVP," / ", or SVP)": the abbreviation closes the apposition.
            if !rest[end..].starts_with([',', ')', '.', ';']) && end != rest.len() {
                continue;
            }
            (&rest[..end], &text[..at])
        };
        if !is_abbreviation(abbreviation) || before.ends_with(char::is_whitespace) {
            continue;
        }
        let mut words: Vec<&str> = Vec::new();
        for w in before.rsplit(char::is_whitespace) {
            let capital = w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphanumeric() || "’'-.&".contains(c));
            let joiner = matches!(w, "of" | "for" | "and" | "the" | "on");
            if (capital && !matches!(w, "The" | "A" | "An")) || (joiner && !words.is_empty()) {
                words.push(w);
            } else {
                break;
            }
            if words.len() > 8 {
                break;
            }
        }
        while words
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            words.pop();
        }
        if words.len() >= 2 {
            words.reverse();
            out.entry(abbreviation.to_string())
                .or_insert_with(|| words.join(" "));
        }
    }
    out
}

/// The all-capitals abbreviation in parentheses in a mention: "Voice of America (VOA)" → "VOA".
fn parenthesized_abbreviation(mention: &str) -> Option<String> {
    let open = mention.find('(')?;
    let close = mention[open..].find(')')? + open;
    let inner = mention[open + 1..close].trim();
    (inner.len() >= 2 && inner.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
        .then(|| inner.to_string())
}

/// Record a mention (and maybe a title) of the party `name`.
fn note(
    entities: &mut Vec<Entity>,
    name: &str,
    kind: SourceKind,
    mention: Span,
    title: Option<String>,
) {
    let index = match entities.iter().position(|e| e.name == name) {
        Some(i) => i,
        None => {
            entities.push(Entity {
                name: name.to_string(),
                kind,
                titles: Vec::new(),
                mentions: Vec::new(),
            });
            entities.len() - 1
        }
    };
    let entity = &mut entities[index];
    if !entity.mentions.contains(&mention) {
        entity.mentions.push(mention);
        entity.mentions.sort();
    }
    if let Some(t) = title.filter(|t| !entity.titles.contains(t) && t.to_lowercase() != "the") {
        entity.titles.push(t);
    }
}

/// Entities in order of first mention.
pub(crate) fn in_text_order(mut entities: Vec<Entity>) -> Vec<Entity> {
    entities.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.start));
    entities
}

/// The gender a person's name suggests: from a gendered title it opens
/// with ("Assemblywoman Claudia Tenney"), else from its first name (the
/// first word after its titles).
fn gender(name: &str) -> Option<Gender> {
    for w in name.split_whitespace() {
        let lower = w.to_lowercase();
        if let Some(g) = crate::mentions::noun_gender(&lower) {
            return Some(g);
        }
        if !is_title(&lower) {
            return usual_first_name_gender(w);
        }
    }
    None
}

/// The person a pronoun at `at` refers to: the last speaker when one spoke
/// shortly before ("“…,” he said" continuing a quotation), else the last
/// person named; never one whose first name has the `other` gender.
fn person(
    named: &[Party],
    people: &crate::mentions::People,
    at: usize,
    other: Gender,
) -> Option<Party> {
    /// How far back, in bytes, a speaker stays the default referent.
    const SPEAKER_REACH: usize = 600;
    let fits = |p: &Party| {
        p.kind == SourceKind::Person
            && people.gender_of(&p.name).or_else(|| gender(&p.name)) != Some(other)
            && !people.is_not_person(&p.name)
    };
    last(named, at, |p| {
        fits(p) && p.speaker && at.saturating_sub(p.at) <= SPEAKER_REACH
    })
    .or_else(|| last(named, at, fits))
}

/// A party for the person `name`, with the relay it last spoke through.
fn party_named(named: &[Party], name: &str, at: usize) -> Party {
    named
        .iter()
        .filter(|p| p.name == name && p.at <= at)
        .max_by_key(|p| p.at)
        .cloned()
        .unwrap_or(Party {
            name: name.to_string(),
            kind: SourceKind::Person,
            at,
            relay: None,
            speaker: false,
        })
}

/// How many sentences back a pronoun looks for its antecedent.
const SALIENCE_SENTENCES: usize = 5;

/// The person a third-person pronoun at byte `at` most likely denotes, by
/// salience:
/// - a pronoun closing its sentence (", he added.") names someone outside
///   the words it attributes, so its own sentence is skipped;
/// - otherwise its own sentence first, then each sentence before it (at most
///   [`SALIENCE_SENTENCES`]): the first speaker of a statement there, else
///   the first person mentioned (the subject, most often).
///
/// Mentions inside a quotation only count for a pronoun inside the same
/// quotation; a person whose name or honorific has the `other` gender never
/// counts.
fn salient_person(
    text: &str,
    analysis: &TextAnalysis,
    people: &crate::mentions::People,
    speakers: &[(usize, String)],
    at: usize,
    other: Option<Gender>,
) -> Option<String> {
    let sentence_at = |byte: usize| crate::mentions::sentence_at(analysis, byte);
    let quotation_at = |byte: usize| crate::mentions::quotation_at(analysis, byte);
    let here = sentence_at(at);
    let quote = quotation_at(at);
    let fits = |name: &str| {
        let g = people.gender_of(name).or_else(|| gender(name));
        other.is_none() || g != other
    };
    // (start, sentence, name, speaker, oblique)
    let mut candidates: Vec<(usize, usize, &str, bool, bool)> = people
        .mentions
        .iter()
        .filter(|m| m.start < at && (m.quotation.is_none() || m.quotation == quote))
        .map(|m| {
            let oblique = oblique_mention(text, analysis, m.start);
            (m.start, m.sentence, m.name.as_str(), false, oblique)
        })
        .collect();
    candidates.extend(
        speakers
            .iter()
            .filter(|(s, _)| *s < at)
            .map(|(s, n)| (*s, sentence_at(*s), n.as_str(), true, false)),
    );
    candidates.retain(|c| fits(c.2) && here.saturating_sub(c.1) <= SALIENCE_SENTENCES);
    // "When he took the podium after Ms. Okafor's remarks, he
    // said": a pronoun of the same gender earlier in the sentence, before
    // anyone named there, already stands for the referent; people named after
    // it are not.
    if let (Some(other), Some(s)) = (other, analysis.sentences.get(here)) {
        let tokens = &analysis.tokens;
        let first = tokens.partition_point(|t| t.span.start < s.span.start);
        let earlier = tokens[first..]
            .iter()
            .take_while(|t| t.span.start < at)
            .find(|t| {
                crate::mentions::pronoun_gender(t.text(text)).is_some_and(|g| g != other)
                    && quotation_at(t.span.start) == quote
            })
            .map(|t| t.span.start);
        if let Some(p) = earlier {
            candidates.retain(|c| c.1 != here || c.0 < p);
        }
    }
    let trailing = trailing_attribution(text, analysis, at, here);
    // "Ever since she endorsed Clinton, Ms. Warren has …": a pronoun in a
    // clause that opens its sentence names the subject after the comma.
    if let Some(name) = cataphora(text, analysis, people, at, here)
        .filter(|n| fits(n))
        .filter(|_| quote.is_none())
    {
        return Some(name);
    }

    // A person named after a preposition or "that" ("in the event that Lund
    // wins") is rarely the one a pronoun continues with: such mentions only
    // count when no sentence in reach has a speaker or another mention.
    //
    // A person whose gender is known to match comes before one whose gender
    // is unknown (often a capitalized run that is no person at all: "Wall
    // Street players").
    let known = |name: &str| {
        let g = people.gender_of(name).or_else(|| gender(name));
        other.is_none() || g.is_some()
    };
    for with_oblique in [false, true] {
        for sentence in (here.saturating_sub(SALIENCE_SENTENCES)..=here).rev() {
            let mut in_sentence: Vec<_> = candidates
                .iter()
                .filter(|c| c.1 == sentence && (with_oblique || !c.4))
                .filter(|_| !(sentence == here && trailing))
                .collect();
            if in_sentence.iter().any(|c| known(c.2)) {
                in_sentence.retain(|c| known(c.2));
            }
            let pick = in_sentence
                .iter()
                .filter(|c| c.3)
                .min_by_key(|c| c.0)
                .or_else(|| in_sentence.iter().min_by_key(|c| c.0));
            if let Some(c) = pick {
                return Some(c.2.to_string());
            }
        }
    }
    None
}

/// Two people joined by "and" that a plural at byte `at` names: "Hillary
/// Clinton and Senator Elizabeth Warren … as they sought", "Sen. Ana Petrov
/// and former Gov. Tom Reed have …. They also enjoy". The pair stands in the
/// pronoun's sentence before it with no plural noun of people between, or
/// opens the sentence before it (its subject). Named "A and B".
fn pair_of_people(
    text: &str,
    analysis: &TextAnalysis,
    people: &crate::mentions::People,
    at: usize,
    pronoun: bool,
) -> Option<Party> {
    let tokens = &analysis.tokens;
    let here = crate::mentions::sentence_at(analysis, at);
    let joined_by_and = |a: &crate::mentions::PersonMention, b: &crate::mentions::PersonMention| {
        let between = text[a.end..b.start].trim();
        // "Ana R. Petrov, Republican of Ohio, and Tom J. Reed": an
        // appositive of a few words between the first name and "and".
        let between = between
            .strip_prefix(',')
            .and_then(|rest| rest.rsplit_once(", and"))
            .filter(|(apposition, _)| {
                apposition.split_whitespace().count() <= 6 && !apposition.contains([',', ';'])
            })
            .map_or(between, |(_, tail)| tail.trim_start())
            .trim();
        let between = if between.is_empty() { "and" } else { between };
        a.sentence == b.sentence
            && a.name != b.name
            && between
                .strip_prefix("and ")
                .or_else(|| (between == "and").then_some(""))
                .is_some_and(|rest| {
                    rest.split_whitespace().count() <= 3 && !rest.contains([',', ';'])
                })
    };
    let pairs = people
        .mentions
        .windows(2)
        .filter(|w| joined_by_and(&w[0], &w[1]));
    let plural_between = |from: usize| {
        let i = tokens.partition_point(|t| t.span.start < from);
        let j = tokens.partition_point(|t| t.span.start < at);
        tokens[i..j].iter().any(|t| {
            let w = t.text(text).to_lowercase();
            let singular = w.strip_suffix('s').unwrap_or(&w);
            w.ends_with('s') && crate::rules::is_person_noun(singular)
                || matches!(w.as_str(), "people" | "men" | "women" | "others")
        })
    };
    let opens_sentence = |m: &crate::mentions::PersonMention| {
        analysis.sentences.get(m.sentence).is_some_and(|s| {
            let first = tokens.partition_point(|t| t.span.start < s.span.start);
            let i = tokens.partition_point(|t| t.span.start < m.start);
            i <= first + 3
        })
    };
    let pick = pairs.filter(|w| w[1].end <= at).rfind(|w| {
        (w[0].sentence == here && !plural_between(w[1].end))
            || (w[0].sentence + 1 == here && opens_sentence(&w[0]))
            || (!pronoun && here.saturating_sub(w[0].sentence) <= SALIENCE_SENTENCES)
    })?;
    Some(Party {
        name: format!("{} and {}", pick[0].name, pick[1].name),
        kind: SourceKind::Person,
        at: pick[1].end,
        relay: None,
        speaker: false,
    })
}

/// The `k`th whitespace-separated word of a mention, as written.
fn mention_word<'t>(text: &'t str, span: &Span, k: usize) -> Option<&'t str> {
    span.slice(text).split_whitespace().nth(k)
}

/// Words that open a subordinate clause at the start of a sentence ("After
/// he blasted …, Swanson said").
const SUBORDINATORS: &[&str] = &[
    "after", "before", "when", "whenever", "while", "since", "although", "though", "as", "because",
    "if", "once", "until", "unless",
];

/// The person a pronoun at byte `at` names ahead of itself: the pronoun lies
/// in a clause that opens its sentence with a subordinator ("When", "Ever
/// since", "Even as") and the person is mentioned within the first words
/// after that clause's comma ("…, Ms. Warren has", "…, a pastor, Kevin
/// Swanson, said").
fn cataphora(
    text: &str,
    analysis: &TextAnalysis,
    people: &crate::mentions::People,
    at: usize,
    sentence: usize,
) -> Option<String> {
    let tokens = &analysis.tokens;
    let s = analysis.sentences.get(sentence)?;
    let words: Vec<usize> = (s.tokens.start..s.tokens.end)
        .filter(|&k| tokens[k].kind == TokenKind::Word)
        .take(2)
        .collect();
    let opener = |k: usize| tokens[k].text(text).to_lowercase();
    let opens = words.first().is_some_and(|&k| {
        SUBORDINATORS.contains(&opener(k).as_str())
            || (matches!(opener(k).as_str(), "ever" | "even")
                && words
                    .get(1)
                    .is_some_and(|&n| SUBORDINATORS.contains(&opener(n).as_str())))
    });
    if !opens {
        return None;
    }
    let here = tokens.partition_point(|t| t.span.start < at);
    // The pronoun comes before the clause's comma.
    let comma = (s.tokens.start..s.tokens.end).find(|&k| tokens[k].text(text) == ",")?;
    if here >= comma {
        return None;
    }
    let limit = tokens.get(comma + 6).map_or(s.span.end, |t| t.span.end);
    people
        .mentions
        .iter()
        .find(|m| m.start > tokens[comma].span.start && m.start < limit && m.sentence == sentence)
        .map(|m| m.name.clone())
}

/// The group "they" at byte `at` names, when its own sentence offers one
/// before it: the nearest party plural ("the Democrats behave as if
/// they …", "Republicans' demands, prompting them …"), else an organization,
/// outlet or government named there with no plural noun of people ("voters",
/// "officials") or person between it and the pronoun. Else nothing: an
/// unnamed group.
fn plural_group(text: &str, analysis: &TextAnalysis, named: &[Party], at: usize) -> Option<Party> {
    let tokens = &analysis.tokens;
    let sentence = analysis
        .sentences
        .iter()
        .find(|s| s.span.start <= at && at < s.span.end)?;
    let here = tokens.partition_point(|t| t.span.start < at);
    let from = sentence.tokens.start;
    let people_between = |start: usize| {
        tokens[start..here].iter().any(|t| {
            let w = t.text(text).to_lowercase();
            let singular = w.strip_suffix('s').unwrap_or(&w);
            w.ends_with('s') && crate::rules::is_person_noun(singular)
                || matches!(w.as_str(), "people" | "men" | "women" | "others")
        })
    };
    for k in (from..here).rev() {
        let w = tokens[k].text(text);
        let Some(singular) = w.strip_suffix('s') else {
            continue;
        };
        let party =
            singular.starts_with(char::is_uppercase) && crate::mentions::is_party_member(singular);
        if tokens[k].kind == TokenKind::Word && (party || crate::lexicon::is_demonym(singular)) {
            // "the Democrats" are a party; "the Iranians", an unnamed group of
            // them, and so are "some Republicans".
            let some = k > 0
                && matches!(
                    tokens[k - 1].text(text).to_lowercase().as_str(),
                    "some" | "many" | "most" | "few" | "several" | "other" | "those" | "these"
                );
            return Some(Party {
                name: w.to_string(),
                kind: if party && !some {
                    SourceKind::Organization
                } else {
                    SourceKind::Anonymous
                },
                at: tokens[k].span.end,
                relay: None,
                speaker: false,
            });
        }
    }
    named
        .iter()
        .filter(|p| {
            p.at > sentence.span.start
                && p.at <= at
                && matches!(
                    p.kind,
                    SourceKind::Organization | SourceKind::Outlet | SourceKind::Government
                )
        })
        .max_by_key(|p| p.at)
        .filter(|p| !people_between(tokens.partition_point(|t| t.span.start < p.at)))
        .cloned()
}

/// True when the person mention at byte `start` follows a preposition or a
/// complementizer ("with Lund", "that Lund"): not the subject of its clause.
fn oblique_mention(text: &str, analysis: &TextAnalysis, start: usize) -> bool {
    let tokens = &analysis.tokens;
    let i = tokens.partition_point(|t| t.span.start < start);
    let Some(before) = i
        .checked_sub(1)
        .map(|j| tokens[j].text(text).to_lowercase())
    else {
        return false;
    };
    matches!(
        before.as_str(),
        "that"
            | "if"
            | "whether"
            | "than"
            | "about"
            | "with"
            | "against"
            | "for"
            | "of"
            | "from"
            | "at"
            | "into"
            | "like"
            | "between"
            | "over"
            | "because"
    )
}

/// True when a source span is a definite description of a person whose
/// capitalized words are only modifiers: "The Republican nominee", "the GOP
/// candidate" (the head noun is lowercase and names a person or a title).
fn person_description(span: &Span, text: &str) -> bool {
    let mention = span.slice(text);
    let words: Vec<&str> = mention.split_whitespace().collect();
    let Some(head) = words.last() else {
        return false;
    };
    // "The Republican is also encouraging …": a party member, a person.
    if words.len() == 2 && matches!(*head, "Republican" | "Democrat") {
        return words[0].eq_ignore_ascii_case("the");
    }
    words.len() <= 5
        && head.chars().all(char::is_lowercase)
        && description_kind(&[head], head) == Some(SourceKind::Person)
        && words[1..].iter().all(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                || crate::lexicon::is_demonym(w)
                // "The Independent Vermont senator": a place or party before
                // a title, after "the".
                || (words.len() >= 3
                    && is_title(&head.to_lowercase())
                    && w.chars().all(char::is_alphabetic))
                || matches!(
                    *w,
                    "Republican" | "Democratic" | "Democrat" | "GOP" | "Independent"
                )
        })
}

/// True when the pronoun at `at` opens a short attribution that closes its
/// sentence after a comma: "…, he added." or "…, she said in an email."
fn trailing_attribution(text: &str, analysis: &TextAnalysis, at: usize, sentence: usize) -> bool {
    let tokens = &analysis.tokens;
    let Some(s) = analysis.sentences.get(sentence) else {
        return false;
    };
    let i = tokens.partition_point(|t| t.span.start < at);
    if i <= s.tokens.start || i >= s.tokens.end {
        return false;
    }
    let before = tokens[i - 1].text(text);
    let after_comma = matches!(before, "," | "”" | "\"" | "''");
    let rest = s.tokens.end - i;
    after_comma && rest <= 7
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
    } else if is_title(head)
        || crate::rules::is_person_noun(head)
        || matches!(head, "republican" | "democrat")
    {
        Some(SourceKind::Person)
    } else {
        None
    }
}

/// Persons named with a title anywhere in the text ("U.S. President Joe
/// Biden", "Gen. Kenneth McKenzie"): the capitalized words after the title.
fn titled_names(
    text: &str,
    analysis: &TextAnalysis,
    common: &crate::mentions::FastSet<&str>,
) -> Vec<(Party, Span, String)> {
    let tokens = &analysis.tokens;
    let mut out = Vec::new();
    let mut j = 0;
    while j < tokens.len() {
        // A title opens a name only before a capitalized word.
        let before_capital = tokens
            .get(j + 1)
            .is_some_and(|t| t.kind == TokenKind::Word && t.is_capitalized(text));
        if tokens[j].kind != TokenKind::Word || !before_capital {
            j += 1;
            continue;
        }
        let mut buf = [0u8; 32];
        let w = crate::mentions::lowercase(tokens[j].text(text), &mut buf);
        // A title opens a name; modifiers ("former", "Russian") only precede one.
        let modifier = matches!(
            w.as_ref(),
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
        // "Secretary-General", "Attorney-General": a title of titles.
        let title_word = |w: &str| is_title(w) || w.split('-').all(is_title);
        if !title_word(&w) || modifier {
            j += 1;
            continue;
        }
        let mut k = j + 1;
        let mut names: Vec<Span> = Vec::new();
        while k < tokens.len()
            && tokens[k].kind == TokenKind::Word
            && tokens[k].is_capitalized(text)
            && names.len() < 4
            && !text[tokens[k - 1].span.end..tokens[k].span.start].contains('\n')
            && !matches!(tokens[k].text(text), "The" | "A" | "An")
        {
            let lw = tokens[k].text(text).to_lowercase();
            if title_word(&lw) {
                names.clear();
            } else {
                names.push(tokens[k].span);
            }
            k += 1;
        }
        // "President Obama Speech" in a headline: a word the text also
        // writes in lowercase is not part of the name.
        while names.len() >= 2
            && usual_first_name_gender(names[0].slice(text)).is_none()
            && names
                .last()
                .is_some_and(|n| common.contains(n.slice(text).to_lowercase().as_str()))
        {
            names.pop();
        }
        if names.len() >= 2 {
            // "Vice President Joseph R. Biden Jr.": the whole run after the
            // title is the name, middle initial and suffix included.
            let span = Span::new(names[0].start, names[names.len() - 1].end);
            // The title starts with the modifiers before it: "Russian President".
            let mut from = j;
            while from > 0 && {
                let m = tokens[from - 1].text(text);
                tokens[from - 1].is_capitalized(text)
                    && (is_title(&m.to_lowercase()) || crate::lexicon::is_demonym(m))
            } {
                from -= 1;
            }
            let title = Span::new(tokens[from].span.start, span.start).trim(text);
            out.push((
                Party {
                    name: span.slice(text).to_string(),
                    kind: SourceKind::Person,
                    at: span.end,
                    relay: None,
                    speaker: false,
                },
                span,
                title.slice(text).to_string(),
            ));
        }
        j = k.max(j + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::resolve_mentions;
    use sourcetrace_core::{SourceKind, Span};

    /// Resolve the sources written as `mentions` (each the n-th occurrence
    /// given, counting from 0) and return their names and kinds.
    fn resolve(text: &str, mentions: &[(&str, usize)]) -> Vec<(String, SourceKind)> {
        let spans: Vec<Span> = mentions
            .iter()
            .map(|&(m, n)| {
                let start = text.match_indices(m).nth(n).expect("mention in text").0;
                Span::new(start, start + m.len())
            })
            .collect();
        resolve_mentions(text, &spans)
            .into_iter()
            .map(|s| (s.name, s.kind))
            .collect()
    }

    #[test]
    fn pronoun_names_the_subject_of_the_previous_sentence() {
        let text = "Maria Lund, the mayor of Lindenfeld, met Peter Haas and Tom Berg on Monday. \
                    She said the bridge would open in May.";
        let got = resolve(text, &[("She", 0)]);
        assert_eq!(got[0].0, "Maria Lund");
        // A man's pronoun skips her and names the first man mentioned.
        let text =
            "Maria Lund met Peter Haas and Tom Berg on Monday. He said the bridge would open.";
        assert_eq!(resolve(text, &[("He", 0)])[0].0, "Peter Haas");
    }

    #[test]
    fn honorific_tells_gender_and_finds_the_full_name() {
        let text = "Kim Sorensen and Alex Brandt spoke at the hearing. Later, Ms. Sorensen \
                    left early. She said the vote was rigged.";
        let got = resolve(text, &[("She", 0)]);
        assert_eq!(got[0].0, "Kim Sorensen");
    }

    #[test]
    fn a_pronoun_closing_its_sentence_skips_the_people_in_it() {
        let text = "Peter Haas spoke first at the meeting.\n\n\
                    Mr. Brandt, who runs the mill, will not win the vote, he added.";
        let got = resolve(text, &[("Peter Haas", 0), ("he", 0)]);
        assert_eq!(got[1].0, "Peter Haas");
    }

    #[test]
    fn a_description_with_a_party_adjective_names_the_titled_person() {
        let text = "Republican nominee John Carver visited the plant on Friday. Workers cheered. \
                    The Republican nominee said taxes would fall.";
        let got = resolve(text, &[("The Republican nominee", 0)]);
        assert_eq!(got[0], ("John Carver".to_string(), SourceKind::Person));
    }

    #[test]
    fn a_description_of_people_the_text_does_not_name_is_an_unnamed_group() {
        let text = "Ana Petrov won the vote in Lindenfeld. The voters said the bridge mattered.";
        let got = resolve(text, &[("The voters", 0)]);
        assert_eq!(got[0].1, SourceKind::Anonymous);
    }

    #[test]
    fn they_with_no_party_is_an_unnamed_group() {
        let text = "Residents gathered outside the hall. They said the plan was unfair.";
        let got = resolve(text, &[("They", 0)]);
        assert_eq!(got[0].1, SourceKind::Anonymous);
    }

    #[test]
    fn an_abbreviation_introduced_after_a_long_name_takes_it() {
        // The initials differ (a name in another language): the text says it.
        let text = "In 1999 the rural Lindenfeld Farmers League, or LBV, began a campaign. \
                    Later the LBV said prices were too low.";
        let got = resolve(text, &[("the LBV", 0)]);
        assert_eq!(
            got[0],
            (
                "Lindenfeld Farmers League".to_string(),
                SourceKind::Organization
            )
        );
        let text = "The Lindenfeld Farmers League (LBV) met. The LBV said prices fell.";
        assert_eq!(
            resolve(text, &[("The LBV", 0)])[0].0,
            "Lindenfeld Farmers League"
        );
    }

    #[test]
    fn a_hyphenated_description_is_not_a_first_name() {
        let text = "Award-winner Dorn spoke on Monday. Mila Dorn is a painter. \
                    Dorn said the show would go on.";
        let got = resolve(text, &[("Dorn", 2)]);
        assert_eq!(got[0].0, "Mila Dorn");
    }

    #[test]
    fn a_pronoun_skips_a_person_named_after_a_preposition() {
        let text = "Mila Dorn said she liked the plan. \
                    Asked about the chance that Ana Petrov wins, she said she did not know.";
        let got = resolve(text, &[("she", 1)]);
        assert_eq!(got[0].0, "Mila Dorn");
    }

    #[test]
    fn a_description_names_the_party_whose_name_has_its_head_noun() {
        let text = "Northwind Energy and the Harbor Savings Bank signed a deal. \
                    Officials from the Lindenfeld Council watched. The bank said rates would rise.";
        let got = resolve(text, &[("The bank", 0)]);
        assert_eq!(got[0].0, "Harbor Savings Bank");
        let text = "Ana Petrov spoke in Lindenfeld on Monday, and the Petrov campaign \
                    released a video. The campaign said it would air the ad.";
        let got = resolve(text, &[("The campaign", 0)]);
        assert_eq!(
            got[0],
            ("Petrov campaign".to_string(), SourceKind::Organization)
        );
    }

    #[test]
    fn they_names_a_party_plural_or_an_organization_in_its_sentence() {
        let text = "Meanwhile the Democrats behave as if they won the vote.";
        let got = resolve(text, &[("they", 0)]);
        assert_eq!(got[0], ("Democrats".to_string(), SourceKind::Organization));
        let text =
            "Harbor Savings Bank raised rates on Monday, and they said more rises would come.";
        let got = resolve(text, &[("they", 0)]);
        assert_eq!(got[0].0, "Harbor Savings Bank");
        // Voters stand between: an unnamed group.
        let text = "Harbor Savings Bank raised rates on Monday, and voters said they were angry.";
        let got = resolve(text, &[("they", 0)]);
        assert_eq!(got[0].1, SourceKind::Anonymous);
    }

    #[test]
    fn a_magazine_named_before_the_word_is_an_outlet() {
        let text = "Ana Petrov sent a recipe to Harbor Living magazine on Friday. \
                    The magazine said it would print it.";
        let got = resolve(text, &[("The magazine", 0)]);
        assert_eq!(
            got[0],
            ("Harbor Living magazine".to_string(), SourceKind::Outlet)
        );
    }

    #[test]
    fn a_titled_description_with_a_place_names_a_person() {
        let text = "Groups that endorsed Tom Berg want a recount. \
                    The Independent Lindenfeld senator vowed to fight on. He said he would not quit.";
        let got = resolve(
            text,
            &[("The Independent Lindenfeld senator", 0), ("He", 0)],
        );
        assert_eq!(got[0].0, "Tom Berg");
        assert_eq!(got[1].0, "Tom Berg");
    }

    #[test]
    fn a_vice_president_is_not_the_president_and_keeps_his_whole_name() {
        let text = "President Anna Lindqvist Berg opened the bridge. \
                    Vice President Joseph R. Biden Jr. spoke later. The president said it was a great day.";
        let got = resolve(text, &[("The president", 0)]);
        assert_eq!(got[0].0, "Anna Lindqvist Berg");
        let text =
            "Vice President Joseph R. Biden Jr. opened the bridge. He said it was a great day.";
        assert_eq!(resolve(text, &[("He", 0)])[0].0, "Joseph R. Biden Jr.");
    }

    #[test]
    fn a_hyphenated_title_opens_a_name_the_lexicon_does_not_know() {
        let text = "Vice President Joseph R. Biden Jr. opened the bridge. \
                    Secretary-General Ban Ki-moon visited Kiribati. He said the islands were at risk.";
        assert_eq!(resolve(text, &[("He", 0)])[0].0, "Ban Ki-moon");
    }

    #[test]
    fn a_pronoun_ahead_of_its_person_in_an_opening_clause() {
        let text = "Tom Berg spoke first. Ever since she joined the council, Ms. Dorn \
                    has backed the bridge, and she said it would open in May.";
        let got = resolve(text, &[("she", 0)]);
        assert_eq!(got[0].0, "Dorn");
        let text = "Ana Petrov spoke. After he lost a vote, a pastor, Odo Varga, \
                    said the town was divided.";
        assert_eq!(resolve(text, &[("he", 0)])[0].0, "Odo Varga");
    }

    #[test]
    fn a_gender_learned_from_pronouns_and_usual_first_names() {
        // "Ilo" tells no gender; "his" after Quill does: "she" skips him.
        let text = "Ilo Quill met Ana Petrov. Later, Quill praised his own plan. \
                    She said the bridge would open.";
        assert_eq!(resolve(text, &[("She", 0)])[0].0, "Ana Petrov");
        // "Lindsey" is mostly a woman's name, but "his" says otherwise.
        let text = "Ana Petrov met Lindsey Quill, who praised his own plan. \
                    Lindsey Quill smiled. She said the bridge would open.";
        assert_eq!(resolve(text, &[("She", 0)])[0].0, "Ana Petrov");
        // "Sandy" is mostly a woman's name: "he" skips her.
        let text =
            "Tom Berg and Sandy Lund spoke. Sandy Lund cried. He said the bridge would open.";
        assert_eq!(resolve(text, &[("He", 0)])[0].0, "Tom Berg");
    }

    #[test]
    fn a_capitalized_run_of_no_known_gender_yields_to_a_fitting_person() {
        let text = "Critics at Wall Street Research and Janet Lund met. She said rates would rise.";
        assert_eq!(resolve(text, &[("She", 0)])[0].0, "Janet Lund");
    }

    #[test]
    fn it_names_the_body_that_spoke_last() {
        // A one-word body that a sentence names inside ("users Vostra added").
        let text = "Many users Vostra added last year left. Vostra said on Friday that \
                    accounts were closed, and Lindenfeld Council members agreed. \
                    It added that more would close.";
        let got = resolve(text, &[("Vostra", 1), ("It", 0)]);
        assert_eq!(got[1], ("Vostra".to_string(), SourceKind::Organization));
        // "Of" and the capitalized words after it belong to the name.
        let text = "Later the Business Council of Lindenfeld opposed the tax. \
                    “Keep the tax as it is,” it said.";
        let got = resolve(text, &[("it", 1)]);
        assert_eq!(got[0].0, "Business Council of Lindenfeld");
    }

    #[test]
    fn a_person_named_in_a_span_with_a_body_word_is_a_person() {
        let text = "Jack Vale, named the firm's chief executive last week, said sales rose. \
                    Northwind Energy said it agreed. He said more would come.";
        let got = resolve(
            text,
            &[
                ("Jack Vale, named the firm's chief executive last week,", 0),
                ("He", 0),
            ],
        );
        assert_eq!(got[0], ("Jack Vale".to_string(), SourceKind::Person));
        assert_eq!(got[1].0, "Jack Vale");
    }

    #[test]
    fn a_surname_that_is_also_a_nationality() {
        // "Cuban said": a speaker's surname, not only a demonym.
        let text = "Mark Cuban spoke to Tom Berg on Sunday. Trade is worrying, Cuban said. \
                    He said he might run.";
        let got = resolve(text, &[("He", 0)]);
        assert_eq!(got[0].0, "Mark Cuban");
        // "the Cuban government" stays a demonym.
        let text = "Tom Berg met the Cuban envoy. He said talks went well.";
        assert_eq!(resolve(text, &[("He", 0)])[0].0, "Tom Berg");
    }

    #[test]
    fn a_pronoun_continues_an_earlier_one_in_its_sentence() {
        let text = "Tom Berg wants the votes of farmers.\n\nWhen he took the stage after \
                    Mr. Vale's introduction, at a hall in Lindenfeld, he said prices would fall.";
        let at = text.find("he said").expect("the pronoun");
        let got = resolve_mentions(text, &[Span::new(at, at + 2)]);
        assert_eq!(got[0].name, "Tom Berg");
    }

    #[test]
    fn a_name_with_a_particle() {
        let text = "Mayor Ana de Vries met Tom Berg. Later, Ms. de Vries said the bridge \
                    would open. She said it twice.";
        assert_eq!(resolve(text, &[("She", 0)])[0].0, "Ana de Vries");
    }

    #[test]
    fn they_names_a_pair_of_people() {
        let text = "Sen. Ana Petrov and former Gov. Tom Berg have more in common than \
                    their town. They also enjoy similar shows.";
        let got = resolve(text, &[("They", 0)]);
        assert_eq!(
            got[0],
            ("Ana Petrov and Tom Berg".to_string(), SourceKind::Person)
        );
        let text = "Ana Petrov and Tom Berg met on Monday. Later the two said the bridge \
                    would open.";
        assert_eq!(
            resolve(text, &[("the two", 0)])[0].0,
            "Ana Petrov and Tom Berg"
        );
        // Voters stand between the pair and the pronoun: an unnamed group.
        let text = "Ana Petrov and Tom Berg met voters, who said they were angry.";
        assert_eq!(resolve(text, &[("they", 0)])[0].1, SourceKind::Anonymous);
        // "Some Republicans": an unnamed group of a party.
        let text = "Some Republicans are so opposed to the plan that they endorse the mayor.";
        assert_eq!(resolve(text, &[("they", 0)])[0].1, SourceKind::Anonymous);
    }

    #[test]
    fn an_abbreviation_takes_the_name_the_text_spells_out() {
        let text =
            "The Northern Farmers Union met on Tuesday. Later the NFU said prices were too low.";
        let got = resolve(text, &[("the NFU", 0)]);
        assert_eq!(got[0].0, "Northern Farmers Union");
    }
}
