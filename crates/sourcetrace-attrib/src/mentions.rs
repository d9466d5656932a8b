//! Person mentions anywhere in an article, for salience-based resolution.
//!
//! The resolver needs more than the sources: "he said" often points at a
//! person who was only mentioned ("Though Mr. Okafor backs no candidate
//! yet, he said …"). This module finds, without a parser or a
//! named-entity tagger:
//! - full names: two to four capitalized words whose first is a known first
//!   name ("Ana Petrov", "Benjamin J. Rhodes") or that follow a title
//!   ("Sen. Odo Varga");
//! - later short mentions of them: the surname alone or after an honorific
//!   or title ("Petrov", "Ms. Petrov", "President Varga"), and a first name
//!   that only one full name has;
//! - an honorific or title with a surname that no full name explains ("Mr.
//!   Quill"): a person known by that surname;
//! - definite descriptions of a titled person ("the president", "the
//!   senator"): the person last given that title.
//!
//! Each mention carries its canonical name, its sentence, whether it lies
//! inside a quotation, and the gender its honorific or first name implies.

use crate::lexicon::{
    first_name_gender, is_title, usual_first_name_gender, Gender, GOVERNMENT_WORDS,
    ORGANIZATION_WORDS, OUTLET_WORDS, TITLES,
};
use sourcetrace_text::{TextAnalysis, TokenKind};
use std::collections::HashMap;

/// One mention of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PersonMention {
    /// Byte offset of its first character.
    pub(crate) start: usize,
    /// Byte offset past its last character.
    pub(crate) end: usize,
    /// The person's canonical name (the full name when the text gives one).
    pub(crate) name: String,
    /// Index of its sentence.
    pub(crate) sentence: usize,
    /// Index of the quotation it lies in, if any.
    pub(crate) quotation: Option<usize>,
    /// True when a comma comes right before it ("One pastor, Ana Petrov").
    pub(crate) appositive: bool,
}

impl PersonMention {
    /// A mention of `name` at bytes `start..end`, placed in its sentence and
    /// quotation.
    fn new(
        analysis: &TextAnalysis,
        start: usize,
        end: usize,
        name: String,
        appositive: bool,
    ) -> Self {
        PersonMention {
            start,
            end,
            name,
            sentence: sentence_at(analysis, start),
            quotation: quotation_at(analysis, start),
            appositive,
        }
    }
}

/// The people of an article: their mentions in text order and what is known
/// of each one's gender.
#[derive(Debug, Default)]
pub(crate) struct People {
    /// Every mention, in text order.
    pub(crate) mentions: Vec<PersonMention>,
    /// Gender per canonical name, when a first name, an honorific or a
    /// gendered title tells it.
    pub(crate) gender: HashMap<String, Gender>,
    /// Titles given to each person ("president", "senator"), lowercased.
    pub(crate) titles: HashMap<String, Vec<String>>,
}

impl People {
    /// The gender of the person `name`, if known.
    pub(crate) fn gender_of(&self, name: &str) -> Option<Gender> {
        self.gender.get(name).copied()
    }

    /// The mention inside `[start, end)` whose name ends with `name`, else
    /// the first one there.
    pub(crate) fn named_within(
        &self,
        start: usize,
        end: usize,
        name: &str,
    ) -> Option<&PersonMention> {
        let inside = || {
            self.mentions
                .iter()
                .filter(move |m| m.start >= start && m.end <= end)
        };
        inside()
            .find(|m| !name.is_empty() && m.name.ends_with(name))
            .or_else(|| inside().find(|m| m.appositive))
            .or_else(|| inside().next())
    }

    /// True when `name` is a place or an organization rather than a person.
    pub(crate) fn is_not_person(&self, name: &str) -> bool {
        crate::lexicon::country_of(name).is_some()
            || name.split_whitespace().any(|w| {
                let w = w.to_lowercase();
                ORGANIZATION_WORDS.contains(&w.as_str())
                    || OUTLET_WORDS.contains(&w.as_str())
                    || GOVERNMENT_WORDS.contains(&w.as_str())
            })
    }

    /// The first mention that lies inside `[start, end)`.
    pub(crate) fn within(&self, start: usize, end: usize) -> Option<&PersonMention> {
        self.mentions
            .iter()
            .find(|m| m.start >= start && m.end <= end)
    }
}

/// Lowercase words that never start or continue a person's name: titles,
/// organization, outlet and government words, calendar and function words,
/// as one set (looked up for every capitalized token).
struct WordSets {
    not_name: WordSet,
}

fn word_sets() -> &'static WordSets {
    static SETS: std::sync::OnceLock<WordSets> = std::sync::OnceLock::new();
    SETS.get_or_init(|| WordSets {
        not_name: TITLES
            .iter()
            .chain(crate::lexicon::UNDOTTED_HONORIFICS)
            .chain(NOT_FIRST)
            .chain(ORGANIZATION_WORDS)
            .chain(OUTLET_WORDS)
            .chain(GOVERNMENT_WORDS)
            .chain(never_name_words())
            .copied()
            .collect(),
    })
}

/// True when token `k` follows a word that introduces a place ("in
/// Virginia", "near Brooklyn"): a place, whatever its use as a name.
pub(crate) fn after_place_word(text: &str, analysis: &TextAnalysis, k: usize) -> bool {
    const PLACE_WORDS: [&str; 7] = [
        "in",
        "at",
        "near",
        "across",
        "outside",
        "throughout",
        "from",
    ];
    k.checked_sub(1)
        .and_then(|p| analysis.tokens.get(p))
        .is_some_and(|t| {
            PLACE_WORDS
                .iter()
                .any(|w| t.text(text).eq_ignore_ascii_case(w))
        })
}

/// A title given to a person somewhere in the text.
struct TitleNote {
    /// Byte offset of the person's mention.
    at: usize,
    /// The title, lowercased ("president", "vice president").
    title: String,
    /// The person's canonical name.
    name: String,
    /// The party said with the title ("Democratic nominee"), if any.
    party: Option<&'static str>,
}

impl TitleNote {
    /// True when this title names what a description headed by `head` (and
    /// saying `party`, if any) describes.
    fn holds(&self, head: &str, party: Option<&str>) -> bool {
        title_holds(&self.title, head) && (party.is_none() || self.party == party)
    }
}

/// True for a party member's noun in the singular, any case ("Democrat",
/// "libertarian"): its plural is a party ("the Democrats") or people of it.
pub(crate) fn is_party_member(singular: &str) -> bool {
    [
        "democrat",
        "republican",
        "conservative",
        "liberal",
        "libertarian",
    ]
    .iter()
    .any(|p| p.eq_ignore_ascii_case(singular))
}

/// The party a word names ("Democratic", "GOP"), as "democratic" or "republican".
pub(crate) fn party_of(word: &str) -> Option<&'static str> {
    let mut buf = [0u8; 32];
    match lowercase(word, &mut buf).as_ref() {
        "democratic" | "democrat" | "democrats" => Some("democratic"),
        "republican" | "republicans" | "gop" => Some("republican"),
        _ => None,
    }
}

/// Words that look like first names but open other capitalized runs.
const NOT_FIRST: &[&str] = &[
    "the", "a", "an", "in", "on", "but", "and", "when", "after", "as", "if", "for", "at", "new",
    "both", "while", "with", "by", "from", "of", "to", "like", "than", "so", "or", "then", "when",
    "where", "why", "how", "what", "who", "this", "that", "these", "those", "his", "her", "their",
    "our", "my", "its", "mr.", "mrs.", "ms.", "among", "near", "yet", "though", "although", "once",
    "even", "only", "also", "which", "whom", "do", "does", "did", "given", "about", "against",
    "between", "despite", "during", "over", "under", "via", "since", "until", "nor", "without",
    "whatever", "before", "some", "many", "most", "several", "few", "all", "other", "another",
    "every", "each", "any", "no", "neither",
];

/// Lowercase words that can stand inside a name ("Bill de Blasio").
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "del", "della", "da", "di", "du", "le", "la",
];

/// Capitalized words that open runs but never names, besides the days, the
/// months (see [`is_never_a_name`]) and the quantifiers of [`NOT_FIRST`].
const NEVER_NAMES: &[&str] = &["even", "last", "next", "more"];

/// The days, the months and [`NEVER_NAMES`].
fn never_name_words() -> impl Iterator<Item = &'static &'static str> {
    crate::lexicon::WEEKDAYS
        .iter()
        .chain(crate::lexicon::MONTHS)
        .chain(NEVER_NAMES)
}

/// True for a lowercased day, month, [`NEVER_NAMES`] word or function word.
pub(crate) fn is_never_a_name(lower: &str) -> bool {
    never_name_words().any(|w| *w == lower) || is_function_word(lower)
}

/// The words `text` writes in lowercase somewhere: common words, which a
/// capitalized run in a headline ("President Obama Speech") does not make
/// a name.
pub(crate) fn lowercase_words<'t>(text: &'t str, analysis: &TextAnalysis) -> FastSet<&'t str> {
    analysis
        .tokens
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text(text))
        .filter(|w| w.starts_with(char::is_lowercase))
        .collect()
}

/// Words of closed classes (prepositions, conjunctions, determiners,
/// question words) that a sentence capitalizes but no name starts with:
/// "Among Trump's statements", "What Putin wants". The rest of
/// [`NOT_FIRST`] (possessives, honorifics, "New" of "New York Times") is not.
pub(crate) fn is_function_word(lower: &str) -> bool {
    NOT_FIRST.contains(&lower)
        && !matches!(
            lower,
            "new" | "his" | "her" | "their" | "our" | "my" | "its" | "mr." | "mrs." | "ms."
        )
}

/// The gender a person noun tells ("actress", "congressman").
pub(crate) fn noun_gender(noun: &str) -> Option<Gender> {
    honorific_gender(noun).or(match noun {
        "woman" | "mother" | "daughter" | "wife" | "sister" => Some(Gender::Female),
        "man" | "father" | "son" | "husband" | "brother" | "actor" => Some(Gender::Male),
        _ => None,
    })
}

/// Honorifics and the gender they tell.
fn honorific_gender(word: &str) -> Option<Gender> {
    match word {
        "mr." | "mr" | "sir" | "congressman" | "spokesman" | "chairman" | "king" | "prince"
        | "councilman" | "businessman" | "assemblyman" | "alderman" => Some(Gender::Male),
        "mrs." | "mrs" | "ms." | "ms" | "miss" | "madam" | "congresswoman" | "spokeswoman"
        | "chairwoman" | "queen" | "princess" | "councilwoman" | "businesswoman" | "lady"
        | "actress" | "assemblywoman" => Some(Gender::Female),
        _ => None,
    }
}

pub(crate) use crate::lexicon::{lowercase, FastMap, FastSet};

/// A set of words with the lexicon's fast hash.
pub(crate) type WordSet = FastSet<&'static str>;

/// A title or honorific that can stand before a surname alone ("President
/// Obama", "Mr. Quill"), lowercased with its period.
fn is_name_title(word: &str) -> bool {
    if !word.starts_with(char::is_alphabetic) {
        return false;
    }
    let mut buf = [0u8; 32];
    let w = lowercase(word, &mut buf);
    // "Senators Ana Petrov and Odo Varga": a plural title before names.
    let w: &str = match w.strip_suffix('s') {
        Some(one) if one.len() > 4 && is_title(one) => one,
        _ => &w,
    };
    (is_title(w)
        && !matches!(
            w,
            "former"
                | "u.s."
                | "russian"
                | "american"
                | "first"
                | "prime"
                | "vice"
                | "deputy"
                | "chief"
                | "majority"
                | "minority"
        ))
        || matches!(
            w,
            "congressman" | "congresswoman" | "miss" | "rev." | "gov" | "sen" | "rep" | "capt."
        )
        // "Secretary-General", "Attorney-General": a title of titles.
        || w.contains('-') && w.split('-').all(is_title)
}

/// A capitalized word that may stand before a full name without being part
/// of it: a party, a nationality or a role ("Democrat Ana Petrov", "Swiss
/// banker Odo Varga", "Actress Mila Dorn").
fn is_name_prefix(word: &str) -> bool {
    let w = word.to_lowercase();
    crate::lexicon::is_demonym(word)
        || crate::rules::is_person_noun(&w)
        || matches!(
            w.as_str(),
            "democrat"
                | "democratic"
                | "republican"
                | "gop"
                | "independent"
                | "liberal"
                | "conservative"
                | "libertarian"
                | "pastor"
                | "rev."
                | "host"
                | "anchor"
                | "comedian"
                | "billionaire"
        )
}

/// Head nouns of descriptions that denote a titled person ("the president").
pub(crate) fn description_title(head: &str) -> bool {
    matches!(
        head,
        "president"
            | "senator"
            | "governor"
            | "candidate"
            | "nominee"
            | "secretary"
            | "congressman"
            | "congresswoman"
            | "mayor"
            | "minister"
            | "ambassador"
            | "envoy"
            | "general"
            | "chairman"
            | "chairwoman"
            | "speaker"
            | "judge"
            | "justice"
            | "pope"
            | "king"
            | "queen"
            | "premier"
            | "chancellor"
            | "leader"
            | "commander"
    )
}

/// True when the title `title` holds the head noun `head` ("sen." for "senator").
pub(crate) fn title_holds(title: &str, head: &str) -> bool {
    let head = head.trim_end_matches('s');
    let words: Vec<String> = title
        .split_whitespace()
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    words.iter().enumerate().any(|(k, w)| {
        // A vice president is not "the president", nor a deputy minister "the
        // minister", nor a vice presidential nominee "the presidential nominee".
        let second = words[..k].iter().any(|p| is_second_in_rank(p));
        let w = w.as_str();
        !second
            && (w == head
                || (head.starts_with(w) && w.len() >= 3)
                || (head == "senator" && w == "sen")
                || (head == "governor" && w == "gov")
                || (head == "representative" && w == "rep"))
    })
}

/// True when token `k` follows "lady" ("first lady Melania Trump"): a
/// spouse, who shares the principal's surname but not the bare surname's
/// mentions ("Trump said").
pub(crate) fn after_spouse_title(text: &str, analysis: &TextAnalysis, k: usize) -> bool {
    k.checked_sub(1)
        .and_then(|p| analysis.tokens.get(p))
        .is_some_and(|t| t.text(text).eq_ignore_ascii_case("lady"))
}

/// True for a lowercased word that makes a title the second of its kind:
/// "vice", "deputy", "assistant", "vice-".
fn is_second_in_rank(lower: &str) -> bool {
    matches!(lower, "vice" | "deputy" | "assistant") || lower.starts_with("vice-")
}

/// The sentence that holds byte `byte` (the last one past the end).
pub(crate) fn sentence_at(analysis: &TextAnalysis, byte: usize) -> usize {
    analysis
        .sentences
        .partition_point(|s| s.span.end <= byte)
        .min(analysis.sentences.len().saturating_sub(1))
}

/// The innermost quotation whose inside holds byte `byte`, if any.
pub(crate) fn quotation_at(analysis: &TextAnalysis, byte: usize) -> Option<usize> {
    analysis
        .quotations
        .iter()
        .enumerate()
        .filter(|(_, q)| q.inner.start <= byte && byte < q.inner.end.max(q.inner.start + 1))
        .max_by_key(|(_, q)| q.depth)
        .map(|(i, _)| i)
}

/// Counts one more (male, female) vote for `key`.
fn tally<'k>(votes: &mut FastMap<&'k str, (usize, usize)>, key: &'k str, gender: Gender) {
    let (male, female) = votes.entry(key).or_default();
    match gender {
        Gender::Male => *male += 1,
        Gender::Female => *female += 1,
    }
}

/// Find the people an article mentions.
pub(crate) fn people(text: &str, analysis: &TextAnalysis, common: &FastSet<&str>) -> People {
    let tokens = &analysis.tokens;
    // Per-token facts every pass below asks for, computed once.
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| {
            let w = t.text(text);
            w.strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w)
        })
        .collect();
    let word = |k: usize| -> &str { words[k] };
    let caps: Vec<bool> = tokens
        .iter()
        .map(|t| {
            t.kind == TokenKind::Word
                && t.is_capitalized(text)
                && t.text(text).chars().any(char::is_lowercase)
        })
        .collect();
    let capitalized = |k: usize| caps.get(k).copied().unwrap_or(false);
    // Asked only of a token before a capitalized one, or before "of" and
    // a capitalized one ("Secretary of State Ana Petrov").
    let titles: Vec<bool> = (0..tokens.len())
        .map(|k| {
            let is = |i: usize, w: &str| tokens.get(i).is_some_and(|t| t.text(text) == w);
            let before_name = capitalized(k + 1)
                || (is(k + 1, "of") && capitalized(k + 2))
                || (is(k + 1, "of") && is(k + 2, "the") && capitalized(k + 3));
            before_name && tokens[k].kind == TokenKind::Word && is_name_title(tokens[k].text(text))
        })
        .collect();
    let is_name_title_at = |k: usize| titles[k];
    let joined =
        |a: usize, b: usize| !text[tokens[a].span.end..tokens[b].span.start].contains('\n');
    let initial = |k: usize| {
        tokens.get(k).is_some_and(|t| {
            let s = t.text(text);
            s.len() == 2 && s.ends_with('.') && s.starts_with(char::is_uppercase)
        })
    };
    // "Secretary of State Hillary Clinton", "Speaker of the House Newt
    // Gingrich": the capitalized word after a title and "of" ("of the")
    // names an office, not a person; the title's token, if so.
    let office_title = |k: usize| -> Option<usize> {
        if !(k >= 2 && capitalized(k) && joined(k - 1, k)) {
            return None;
        }
        let w = |i: usize| tokens[i].text(text);
        if w(k - 1) == "of" && is_name_title_at(k - 2) {
            Some(k - 2)
        } else if k >= 3 && w(k - 1) == "the" && w(k - 2) == "of" && is_name_title_at(k - 3) {
            Some(k - 3)
        } else {
            None
        }
    };
    let office = |k: usize| office_title(k).is_some();
    let sets = word_sets();
    let not_name_word = |k: usize| {
        let lw = word(k).to_lowercase();
        office(k)
            || sets.not_name.contains(lw.as_str())
            || crate::lexicon::is_demonym(word(k))
            || crate::lexicon::country_of(word(k)).is_some()
            || is_name_title(&lw)
            || is_name_prefix(word(k))
            // "Oscar-winner", "Nobel-laureate": a hyphenated description; but
            // "Ki-moon", "Jae-in" (a short first part) are given names.
            || word(k).split_once('-').is_some_and(|(first, _)| first.chars().count() > 3)
                && word(k)
                    .rsplit('-')
                    .next()
                    .is_some_and(|last| last != word(k) && last.starts_with(char::is_lowercase))
    };
    // Asked several times per capitalized token below (and only of
    // capitalized tokens): answered once.
    let not_name: Vec<bool> = (0..tokens.len())
        .map(|k| capitalized(k) && not_name_word(k))
        .collect();
    let not_name_word = |k: usize| not_name[k];

    let appositive = |byte: usize| text[..byte].trim_end().ends_with(',');
    // Capitalized words that stand alone somewhere ("Petrov said"): a run
    // ending in one of them is a name even without a known first name.
    let lone: FastSet<&str> = (0..tokens.len())
        .filter(|&k| {
            capitalized(k)
                && !not_name_word(k)
                && !(k > 0 && joined(k - 1, k) && capitalized(k - 1) && !is_name_title_at(k - 1))
                && !(capitalized(k + 1) && joined(k, k + 1))
                && k > 0
                && !tokens[k - 1].is_terminal(text)
                && !matches!(tokens[k - 1].text(text), "“" | "\"" | "‘" | "—" | ":")
        })
        .map(word)
        .collect();
    // Nationality words that also stand as a speaker ("Cuban said", "Cuban's
    // view"): a surname such as Mark Cuban's, not only a demonym.
    let spoken: FastSet<&str> = (0..tokens.len())
        .filter(|&k| {
            capitalized(k) && crate::lexicon::is_demonym(word(k)) && {
                let possessive = word(k) != tokens[k].text(text);
                let cue = tokens.get(k + 1).is_some_and(|t| {
                    matches!(
                        t.text(text),
                        "said" | "says" | "told" | "added" | "noted" | "wrote" | "argued"
                    )
                });
                let determiner = k > 0
                    && matches!(
                        tokens[k - 1].text(text).to_lowercase().as_str(),
                        "the" | "a" | "an"
                    );
                (possessive || cue) && !determiner
            }
        })
        .map(word)
        .collect();
    let mut out = People::default();
    // Pass 1: full names, keyed by token range.
    struct Full {
        from: usize,
        to: usize,
        name: String,
        /// Its first word is a known first name or it follows a title.
        sure: bool,
    }
    let mut fulls: Vec<Full> = Vec::new();
    let mut j = 0;
    while j < tokens.len() {
        if !capitalized(j) || not_name_word(j) {
            j += 1;
            continue;
        }
        let titled = j > 0 && joined(j - 1, j) && {
            let before = tokens[j - 1].text(text);
            is_name_title_at(j - 1) || is_name_prefix(before) || office(j - 1)
        };
        let after_capital = j > 0 && joined(j - 1, j) && capitalized(j - 1) && !titled;
        let mut k = j;
        let mut words = 1;
        while words < 4 {
            let mut n = k + 1;
            if initial(n) && n + 1 < tokens.len() && joined(k, n) {
                n += 1;
            }
            // "Bill de Blasio", "Ludwig van Beethoven": a lowercase particle
            // inside a name.
            if n + 1 < tokens.len()
                && k == j
                && NAME_PARTICLES.contains(&tokens[n].text(text))
                && joined(k, n)
                && joined(n, n + 1)
                && capitalized(n + 1)
            {
                n += 1;
            }
            if n < tokens.len()
                && capitalized(n)
                && joined(k, n)
                && (!not_name_word(n)
                    || (k == j && spoken.contains(word(n)) && first_name_gender(word(j)).is_some()))
                && word(k) == tokens[k].text(text)
            {
                k = n;
                words += 1;
            } else {
                break;
            }
        }
        let known_first = usual_first_name_gender(word(j)).is_some();
        // "President Obama Speech" in a headline: a word the text also
        // writes in lowercase ends no titled name.
        let mut buf = [0u8; 32];
        let common_last =
            k > j && !known_first && common.contains(lowercase(word(k), &mut buf).as_ref());
        let ends_run = !(capitalized(k + 1) && k + 1 < tokens.len() && joined(k, k + 1));
        let supported = lone.contains(word(k));
        let place =
            crate::lexicon::country_of(&text[tokens[j].span.start..tokens[k].span.end]).is_some();
        let short = k == j + 1;
        // "Ban Ki-moon", "Moon Jae-in": a hyphenated given name after the
        // family name.
        let hyphenated_given = word(k).split_once('-').is_some_and(|(a, b)| {
            (2..=4).contains(&a.chars().count())
                && (2..=4).contains(&b.chars().count())
                && b.chars().all(char::is_lowercase)
        });
        // "What Trump said": a word the text also writes in lowercase,
        // capitalized to open a sentence, is no first name (function words
        // never reach here: they are no name's words).
        let common_first = common.contains(lowercase(word(j), &mut buf).as_ref());
        if k > j
            && !after_capital
            && !common_last
            && ends_run
            && !place
            && (known_first
                || titled
                || (supported && short && !common_first)
                || (short && hyphenated_given))
        {
            let name = text[tokens[j].span.start..tokens[k].span.start].to_string() + word(k);
            fulls.push(Full {
                from: j,
                to: k,
                name,
                sure: known_first || titled,
            });
            j = k + 1;
        } else {
            j = k.max(j) + 1;
        }
    }
    let surname_of = |f: &Full| word(f.to);
    let first_of = |f: &Full| word(f.from);
    let mut in_full = vec![false; tokens.len()];
    for f in &fulls {
        for flag in &mut in_full[f.from..=f.to] {
            *flag = true;
        }
    }
    let mut full_at: HashMap<usize, usize> = HashMap::new();
    for (i, f) in fulls.iter().enumerate() {
        full_at.insert(f.from, i);
    }
    // Pass 2: walk the tokens, emitting full names and short mentions.
    // The honorifics the text gives each surname ("Mr. Obama" 15 times,
    // "Mrs. Obama" never): whom a bare surname or an ungendered title
    // ("President Obama") most likely means when several full names share it.
    let mut honorifics: FastMap<&str, (usize, usize)> = FastMap::default();
    for k in 1..tokens.len() {
        if !(capitalized(k) && joined(k - 1, k)) {
            continue;
        }
        let mut buf = [0u8; 32];
        if let Some(g) = honorific_gender(&lowercase(tokens[k - 1].text(text), &mut buf)) {
            tally(&mut honorifics, word(k), g);
        }
    }
    // Full names count too: "Donald Trump" written a hundred times outweighs
    // one "Mrs. Trump".
    let mut full_genders: FastMap<&str, (usize, usize)> = FastMap::default();
    for f in &fulls {
        if let Some(g) = usual_first_name_gender(first_of(f)) {
            tally(&mut full_genders, surname_of(f), g);
        }
    }
    let usual_gender = |surname: &str| {
        let &(male, female) = honorifics.get(surname)?;
        let &(full_male, full_female) = full_genders.get(surname).unwrap_or(&(0, 0));
        let (male, female) = (male + full_male, female + full_female);
        match male.cmp(&female) {
            std::cmp::Ordering::Greater => Some(Gender::Male),
            std::cmp::Ordering::Less => Some(Gender::Female),
            std::cmp::Ordering::Equal => None,
        }
    };
    // People the text calls by first name only ("Melanie runs a bakery. …,"
    // Melanie said"): a usual first name standing alone at least twice, and
    // no full name starting or ending with it.
    let mut alone_counts: FastMap<&str, (usize, usize)> = FastMap::default();
    let mut places: FastSet<&str> = FastSet::default();
    for k in 0..tokens.len() {
        let after_capital = k > 0 && joined(k - 1, k) && capitalized(k - 1);
        let before_capital = capitalized(k + 1) && joined(k, k + 1);
        let alone = !after_capital && !before_capital;
        if capitalized(k) && after_place_word(text, analysis, k) {
            places.insert(word(k));
        }
        if capitalized(k) && alone && !not_name_word(k) {
            let (n, inside) = alone_counts.entry(word(k)).or_default();
            *n += 1;
            // Not only capitalized to open a sentence.
            *inside += usize::from(k > 0 && !tokens[k - 1].is_terminal(text));
        }
    }
    let by_first_name_only = |w: &str| {
        alone_counts
            .get(w)
            .is_some_and(|&(n, inside)| n >= 2 && inside >= 1)
            && usual_first_name_gender(w).is_some()
            && !places.contains(w)
            && !fulls.iter().any(|f| surname_of(f) == w || first_of(f) == w)
    };
    // Every title given to a name, in text order: (where, title, name).
    let mut title_notes: Vec<TitleNote> = Vec::new();
    // Descriptions ahead of any holder of their title: (start, end, head).
    let mut pending: Vec<(usize, usize, String, Option<&'static str>)> = Vec::new();
    let note_title = |out: &mut People,
                      title_notes: &mut Vec<TitleNote>,
                      name: &str,
                      title: &str,
                      party: Option<&'static str>,
                      at: usize| {
        let t = title.to_lowercase();
        if let Some(g) = honorific_gender(&t) {
            out.gender.entry(name.to_string()).or_insert(g);
        }
        let titles = out.titles.entry(name.to_string()).or_default();
        if !titles.contains(&t) {
            titles.push(t.clone());
        }
        title_notes.push(TitleNote {
            at,
            title: t,
            name: name.to_string(),
            party,
        });
    };
    let mut j = 0;
    while j < tokens.len() {
        let title_at = (j > 0 && joined(j - 1, j))
            .then(|| office_title(j - 1).unwrap_or(j - 1))
            .filter(|&t| is_name_title_at(t));
        // "Vice President Joseph R. Biden Jr." holds the title "vice
        // president", which "the president" does not name.
        // "Democratic vice presidential nominee Tim Kaine" holds "vice
        // presidential nominee", which "the presidential nominee" does not name.
        let title_before: Option<String> = title_at.map(|t| {
            let title = tokens[t].text(text);
            let before = |d: usize| {
                t.checked_sub(d)
                    .map(|p| tokens[p].text(text).to_lowercase())
            };
            match (before(1), before(2)) {
                (Some(m), _) if is_second_in_rank(&m) => format!("{m} {title}"),
                (Some(m), Some(v)) if m == "presidential" && is_second_in_rank(&v) => {
                    format!("{v} {m} {title}")
                }
                _ => title.to_string(),
            }
        });
        let title_before = title_before.as_deref();
        // "Democratic presidential nominee Hillary Clinton": the party said
        // just before the title.
        let party = title_at
            .and_then(|t| (t.saturating_sub(3)..t).find_map(|p| party_of(tokens[p].text(text))));
        if let Some(&i) = full_at.get(&j) {
            let f = &fulls[i];
            let name = f.name.clone();
            if let Some(g) = first_name_gender(word(f.from)) {
                out.gender.entry(name.clone()).or_insert(g);
            }
            if let Some(t) = title_before {
                note_title(
                    &mut out,
                    &mut title_notes,
                    &name,
                    t,
                    party,
                    tokens[j].span.start,
                );
            }
            let start = tokens[f.from].span.start;
            out.mentions.push(PersonMention::new(
                analysis,
                start,
                tokens[f.to].span.end,
                name,
                appositive(start),
            ));
            j = f.to + 1;
            continue;
        }
        let spoken_surname = spoken.contains(word(j))
            && fulls
                .iter()
                .any(|f| f.to > f.from && surname_of(f) == word(j));
        if capitalized(j) && !in_full[j] && (!not_name_word(j) || spoken_surname) {
            let w = word(j);
            let start = tokens[j].span.start;
            // The first full name with this surname whose first name does not
            // contradict the honorific ("Mrs. Clinton" is not Bill Clinton).
            let honorific = title_before
                .and_then(|t| honorific_gender(&t.to_lowercase()))
                .or_else(|| usual_gender(w));
            // "First lady Melania Trump": a spouse shares the surname, and
            // the text keeps the bare surname ("Trump said") for the
            // principal; only "Mrs. Trump" names her.
            let spouse = |f: &Full| {
                after_spouse_title(text, analysis, f.from) && honorific != Some(Gender::Female)
            };
            let agrees = |f: &&Full| {
                !spouse(f)
                    && (honorific.is_none()
                        || usual_first_name_gender(word(f.from))
                            .is_none_or(|g| Some(g) == honorific))
            };
            let by_surname = fulls
                .iter()
                .filter(|f| surname_of(f) == w && f.sure)
                .find(agrees)
                .or_else(|| fulls.iter().filter(|f| surname_of(f) == w).find(agrees))
                // "Mr. Obama" where the text names only Michelle Obama is
                // someone else, known by the surname alone.
                .or_else(|| {
                    fulls
                        .iter()
                        .find(|f| honorific.is_none() && surname_of(f) == w && !spouse(f))
                });
            // The one full name that starts with this word, if only one does.
            let starting_with = || {
                let mut with_first = fulls.iter().filter(|f| first_of(f) == w && f.to != f.from);
                let first = with_first.next()?;
                with_first.all(|f| f.name == first.name).then_some(first)
            };
            let by_first = || starting_with().filter(|f| f.from < j);
            let next_capitalized = capitalized(j + 1) && joined(j, j + 1);
            let previous_capitalized =
                j > 0 && capitalized(j - 1) && joined(j - 1, j) && title_before.is_none();
            let alone = !next_capitalized && !previous_capitalized;
            // "Mr. Ban", "President Xi": a family name written first ("Ban
            // Ki-moon", "Xi Jinping"); no one titles a given name.
            let family_first = starting_with;
            let name = if let Some(f) = by_surname.filter(|_| alone || title_before.is_some()) {
                Some(f.name.clone())
            } else if let Some(f) = family_first().filter(|_| alone && title_before.is_some()) {
                Some(f.name.clone())
            } else if let Some(f) = by_first().filter(|_| alone && title_before.is_none()) {
                Some(f.name.clone())
            } else if (title_before.is_some() || by_first_name_only(w)) && alone {
                Some(w.to_string())
            } else {
                None
            };
            if let Some(name) = name {
                if let Some(t) = title_before {
                    note_title(&mut out, &mut title_notes, &name, t, party, start);
                }
                out.mentions.push(PersonMention::new(
                    analysis,
                    start,
                    tokens[j].span.end,
                    name,
                    appositive(start),
                ));
            }
            j += 1;
            continue;
        }
        // "the president", "the Republican nominee": the person last given that title.
        if tokens[j].text(text).eq_ignore_ascii_case("the") {
            let mut k = j + 1;
            while k < tokens.len()
                && k < j + 4
                && tokens[k].kind == TokenKind::Word
                && !description_title(&word(k).to_lowercase())
            {
                k += 1;
            }
            if k < tokens.len() && k < j + 4 && description_title(&word(k).to_lowercase()) {
                let head = word(k).to_lowercase();
                let next_is_name = capitalized(k + 1) && joined(k, k + 1);
                // "the president of the company" is someone else; "the
                // secretary of state" (an office in lowercase) is the titled person.
                let of_phrase = tokens.get(k + 1).is_some_and(|t| t.text(text) == "of")
                    && !tokens.get(k + 2).is_some_and(|t| {
                        let w = t.text(text);
                        t.kind == TokenKind::Word
                            && w.chars().all(char::is_lowercase)
                            && !matches!(w, "the" | "a" | "an" | "his" | "her" | "its" | "their")
                    });
                // "the Democratic nominee" is not the Republican one.
                let party = (j + 1..k).find_map(|p| party_of(tokens[p].text(text)));
                if !next_is_name && !of_phrase {
                    let holder = title_notes
                        .iter()
                        .rev()
                        .find(|n| n.holds(&head, party))
                        .map(|n| n.name.clone());
                    let start = tokens[j].span.start;
                    match holder {
                        Some(name) => out.mentions.push(PersonMention::new(
                            analysis,
                            start,
                            tokens[k].span.end,
                            name,
                            false,
                        )),
                        None => pending.push((start, tokens[k].span.end, head, party)),
                    }
                }
                j = k + 1;
                continue;
            }
        }
        j += 1;
    }
    // "The president said …" before the text names "President Obama": the
    // first person given that title afterwards.
    for (start, end, head, party) in pending {
        let holder = title_notes
            .iter()
            .find(|n| n.at > start && n.holds(&head, party));
        if let Some(TitleNote { name, .. }) = holder {
            let at = out.mentions.partition_point(|m| m.start < start);
            out.mentions.insert(
                at,
                PersonMention::new(analysis, start, end, name.clone(), false),
            );
        }
    }
    // A first name only "mostly" of one gender ("Lindsey", "Bernie") tells
    // less than the pronouns that follow the person's mentions.
    pronoun_genders(text, analysis, &mut out);
    for f in &fulls {
        if let Some(g) = usual_first_name_gender(word(f.from)) {
            out.gender.entry(f.name.clone()).or_insert(g);
        }
    }
    out
}

/// The gender of a third-person pronoun or possessive ("he", "her").
pub(crate) fn pronoun_gender(word: &str) -> Option<Gender> {
    match word.to_lowercase().as_str() {
        "he" | "him" | "his" | "himself" => Some(Gender::Male),
        "she" | "her" | "hers" | "herself" => Some(Gender::Female),
        _ => None,
    }
}

/// Genders for people whose name and titles tell none, from the pronouns
/// that follow their mentions: a "he", "his" or "her" after a mention, in
/// its sentence and quotation, with no other person mentioned between
/// ("Viguerie is upbeat because he sees …") counts for that person; a clear
/// majority decides.
fn pronoun_genders(text: &str, analysis: &TextAnalysis, people: &mut People) {
    let tokens = &analysis.tokens;
    let mut votes: FastMap<&str, (usize, usize)> = FastMap::default();
    for (i, m) in people.mentions.iter().enumerate() {
        if people.gender.contains_key(&m.name) {
            continue;
        }
        let Some(sentence) = analysis.sentences.get(m.sentence) else {
            continue;
        };
        let until = people
            .mentions
            .get(i + 1)
            .map_or(sentence.span.end, |n| n.start.min(sentence.span.end));
        let from = tokens.partition_point(|t| t.span.start < m.end);
        for t in tokens[from..].iter().take_while(|t| t.span.start < until) {
            let Some(g) = pronoun_gender(t.text(text)) else {
                continue;
            };
            if quotation_at(analysis, t.span.start) != m.quotation {
                continue;
            }
            tally(&mut votes, m.name.as_str(), g);
        }
    }
    let decided: Vec<(String, Gender)> = votes
        .into_iter()
        .filter_map(|(name, (male, female))| {
            let g = if male > 2 * female {
                Gender::Male
            } else if female > 2 * male {
                Gender::Female
            } else {
                return None;
            };
            Some((name.to_string(), g))
        })
        .collect();
    for (name, g) in decided {
        people.gender.entry(name).or_insert(g);
    }
}
