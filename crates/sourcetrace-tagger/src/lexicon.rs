//! Word lists about attribution: cue verbs with their inflections, and the words
//! that tell a source's kind. The rule extractor reads them as rules, the
//! trained tagger as features; they live here, below both, so that arrows
//! point one way.
//!
//! Cue verbs come in two strengths. *Speech* verbs ("say", "tell", "warn")
//! mark an attribution on their own. *Evidential* verbs ("find", "show",
//! "know") only do when a `that` clause follows them ("the study found that …"),
//! since "found the keys" attributes nothing.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// A fast hash for short words (FNV-1a), for the lexicon's tables and the
/// word sets of one text: the keys are ours or the text's, and the default
/// SipHash's protection against chosen keys costs several times the lookup
/// in passes that look up every token.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHash(u64);

impl std::hash::Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map keyed by words, hashed with [`WordHash`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;

/// A hash set of words, hashed with [`WordHash`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<WordHash>>;

/// `word` in lowercase, in `buf` without allocating when it is ASCII and
/// fits (most words).
pub fn lowercase<'b>(word: &str, buf: &'b mut [u8; 32]) -> Cow<'b, str> {
    if word.is_ascii() && word.len() <= buf.len() {
        let bytes = &mut buf[..word.len()];
        bytes.copy_from_slice(word.as_bytes());
        bytes.make_ascii_lowercase();
        Cow::Borrowed(std::str::from_utf8(bytes).unwrap_or_default())
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// How strongly a word marks an attribution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueStrength {
    /// A verb of saying or believing: a cue wherever it heads a clause.
    Speech,
    /// A verb of finding or showing: a cue only before `that`.
    Evidential,
    /// A form that is mostly a noun ("fears", "claims", "reports"): a cue only
    /// when a clause follows it ("the union fears that …", "hopes the injury …").
    Clause,
}

/// Lemmas of speech and belief verbs (regular inflection unless listed in `IRREGULAR`).
const SPEECH_VERBS: &[&str] = &[
    "say",
    "tell",
    "report",
    "note",
    "confirm",
    "reveal",
    "add",
    "urge",
    "warn",
    "claim",
    "argue",
    "announce",
    "deny",
    "insist",
    "write",
    "tweet",
    "believe",
    "think",
    "fear",
    "hope",
    "explain",
    "state",
    "declare",
    "acknowledge",
    "admit",
    "suggest",
    "predict",
    "allege",
    "assert",
    "contend",
    "maintain",
    "stress",
    "emphasize",
    "caution",
    "complain",
    "recall",
    "concede",
    "conclude",
    "promise",
    "pledge",
    "vow",
    "ask",
    "reply",
    "respond",
    "answer",
    "agree",
    "propose",
    "recommend",
    "demand",
    "accuse",
    "charge",
    "blame",
    "criticize",
    "praise",
    "worry",
    "testify",
    "observe",
    "remark",
    "comment",
    "mention",
    "repeat",
    "reiterate",
    "boast",
    "joke",
    "quip",
    "shout",
    "yell",
    "whisper",
    "scream",
    "cry",
    "announce",
    "disclose",
    "estimate",
    "forecast",
    "speculate",
    "guess",
    "suspect",
    "doubt",
    "wonder",
    "imply",
    "hint",
    "signal",
    "point",
    "post",
    "retweet",
    "wrote",
    "describe",
    "dismiss",
    "reject",
    "question",
    "counter",
    "retort",
    "tout",
    "assure",
    "inform",
    "advise",
    "notify",
    "remind",
    "demand",
    "ackowledge",
    "continue",
    "predict",
    "underscore",
    "highlight",
    "contend",
    "declare",
    "proclaim",
    "affirm",
    "posit",
    "theorize",
    "surmise",
    "lament",
    "concur",
    "object",
    "protest",
    "plead",
    "beg",
    "call",
    "show",
    "want",
    "endorse",
    "support",
    "oppose",
    "defend",
    "decline",
    "refuse",
    "seek",
    "cite",
    "attack",
    "blast",
    "mock",
    "slam",
    "back",
    "discuss",
    "express",
    "condemn",
    "decry",
    "denounce",
    "applaud",
    "welcome",
    "hail",
    "accept",
    "challenge",
    "request",
];

/// Forms that are mostly nouns in news ("the United States", "his comments", "a post"):
/// never cues, although their lemma is.
pub const NOUN_FORMS: &[&str] = &[
    "state",
    "states",
    "post",
    "posts",
    "point",
    "points",
    "comment",
    "comments",
    "remark",
    "remarks",
    "question",
    "questions",
    "report",
    "tweet",
    "tweets",
    "charge",
    "charges",
    "claim",
    "claims",
    "hope",
    "hopes",
    "note",
    "notes",
    "call",
    "calls",
    "support",
    "back",
    "backs",
    "answer",
    "answers",
    "reply",
    "demand",
    "demands",
    "promise",
    "promises",
    "challenge",
    "challenges",
    "welcome",
    "protest",
    "protests",
    "object",
    "objects",
    "cry",
    "joke",
    "jokes",
    "guess",
    "doubt",
    "doubts",
    "signal",
    "signals",
    "hint",
    "estimate",
    "estimates",
    "forecast",
    "attack",
    "attacks",
    "blast",
    "fear",
    "fears",
    "worry",
    "counter",
    "pledge",
    "vow",
    "vows",
    "wonder",
    "mention",
    "repeat",
    "express",
    "want",
    "recall",
    "recalls",
];

/// Lemmas of evidential verbs: cues only when `that` follows.
const EVIDENTIAL_VERBS: &[&str] = &[
    "find",
    "show",
    "know",
    "feel",
    "learn",
    "understand",
    "realize",
    "decide",
    "hear",
    "read",
    "see",
    "mean",
    "indicate",
    "expect",
    "determine",
    "discover",
    "demonstrate",
    "prove",
    "recognize",
    "acknowledge",
    "conclude",
    "agree",
    "believe",
    "assume",
    "figure",
    "sense",
];

/// Irregular forms: (lemma, forms).
const IRREGULAR: &[(&str, &[&str])] = &[
    ("say", &["say", "says", "said", "saying"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("write", &["write", "writes", "wrote", "written", "writing"]),
    ("think", &["think", "thinks", "thought", "thinking"]),
    ("find", &["find", "finds", "found", "finding"]),
    ("show", &["show", "shows", "showed", "shown", "showing"]),
    ("know", &["know", "knows", "knew", "known", "knowing"]),
    ("feel", &["feel", "feels", "felt", "feeling"]),
    (
        "learn",
        &["learn", "learns", "learned", "learnt", "learning"],
    ),
    (
        "understand",
        &["understand", "understands", "understood", "understanding"],
    ),
    ("hear", &["hear", "hears", "heard", "hearing"]),
    ("read", &["read", "reads", "reading"]),
    ("see", &["see", "sees", "saw", "seen", "seeing"]),
    ("mean", &["mean", "means", "meant", "meaning"]),
    ("admit", &["admit", "admits", "admitted", "admitting"]),
    ("hold", &["holds", "held"]),
    ("cry", &["cries", "cried"]),
    ("forecast", &["forecast", "forecasts", "forecasting"]),
    ("figure", &["figured"]),
    ("wrote", &[]),
    ("ackowledge", &[]),
];

fn inflect(lemma: &str) -> Vec<String> {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(l, _)| *l == lemma) {
        return forms.iter().map(|s| s.to_string()).collect();
    }
    let mut out = vec![lemma.to_string()];
    if let Some(stem) = lemma.strip_suffix('e') {
        out.push(format!("{lemma}s"));
        out.push(format!("{lemma}d"));
        out.push(format!("{stem}ing"));
    } else if let Some(stem) = lemma
        .strip_suffix('y')
        .filter(|s| s.chars().last().is_some_and(|c| !"aeiou".contains(c)))
    {
        out.push(format!("{stem}ies"));
        out.push(format!("{stem}ied"));
        out.push(format!("{lemma}ing"));
    } else {
        let es = ["s", "sh", "ch", "x", "z"]
            .iter()
            .any(|e| lemma.ends_with(e));
        out.push(format!("{lemma}{}", if es { "es" } else { "s" }));
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
    }
    out
}

/// The cue lexicon: lowercase word form to (lemma, strength).
pub fn cue_forms() -> &'static FastMap<String, (&'static str, CueStrength)> {
    static FORMS: OnceLock<FastMap<String, (&'static str, CueStrength)>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut map = FastMap::default();
        for &lemma in EVIDENTIAL_VERBS {
            for form in inflect(lemma) {
                map.insert(form, (lemma, CueStrength::Evidential));
            }
        }
        // Speech verbs win over evidential ones ("believe", "conclude").
        for &lemma in SPEECH_VERBS {
            for form in inflect(lemma) {
                map.insert(form, (lemma, CueStrength::Speech));
            }
        }
        // Forms that are mostly nouns are cues only before a clause (see `CueStrength::Clause`).
        for form in NOUN_FORMS {
            if let Some(entry) = map.get_mut(*form) {
                entry.1 = CueStrength::Clause;
            }
        }
        map
    })
}

/// Verbs whose object is the addressee, not the content ("told Kommersant that …").
pub const ADDRESSEE_VERBS: &[&str] = &[
    "tell", "inform", "advise", "notify", "remind", "assure", "ask", "urge", "warn", "promise",
    "accuse", "beg",
];

/// Words that start content or clause material right after a cue and are
/// part of the content ("that", "if").
pub const CLAUSE_WORDS: &[&str] = &["that", "if", "whether", "how", "why", "what", "when"];

/// Words that end a leftward source search: clause boundaries.
pub const SOURCE_STOPS: &[&str] = &[
    "that", "and", "but", "or", "because", "while", "when", "as", "if", "which", "who", "where",
    "since", "although", "after", "before", "so", "than", "whom", "whose", "though", "unless",
    "until", "said", "says", "is", "was", "are", "were", "not", "to",
];

/// Adverbs and auxiliaries that sit between a source and its cue ("has also said").
pub const CUE_PREFIXES: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "previously",
    "later",
    "then",
    "recently",
    "repeatedly",
    "publicly",
    "privately",
    "often",
    "once",
    "had",
    "would",
    "will",
    "could",
    "may",
    "might",
    "did",
    "does",
    "do",
    "reportedly",
    "allegedly",
    "again",
    "already",
    "still",
    "long",
    "first",
    "flatly",
    "quickly",
    "frequently",
    "simply",
    "just",
];

/// The days of the week, lowercase.
pub const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The months, lowercase.
pub const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Pronouns that can be a source.
pub const PERSON_PRONOUNS: &[&str] = &["he", "she", "i", "him", "her"];

/// Heads of anonymous sources.
pub const ANONYMOUS_HEADS: &[&str] = &[
    "source",
    "sources",
    "official",
    "officials",
    "person",
    "people",
    "insider",
    "insiders",
    "aide",
    "aides",
    "diplomat",
    "diplomats",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "observers",
    "critics",
    "witnesses",
    "residents",
    "advisers",
    "advisors",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "lawmakers",
    "someone",
    "reports",
    "others",
    "many",
    "members",
    "staffers",
    "employees",
    "negotiators",
    "investigators",
    "officers",
    "researchers",
    "scientists",
    "economists",
    "activists",
    "protesters",
    "supporters",
    "opponents",
    "authorities",
    "prosecutors",
    "familiar",
    "close",
    "knowledge",
    "matter",
    "situation",
    "talks",
    "discussions",
    "plans",
    "deliberations",
    "thinking",
];

/// Words marking an outlet ("the Russian daily", "Kommersant newspaper").
pub const OUTLET_WORDS: &[&str] = &[
    "newspaper",
    "daily",
    "agency",
    "magazine",
    "news",
    "times",
    "post",
    "journal",
    "tv",
    "television",
    "radio",
    "network",
    "broadcaster",
    "outlet",
    "tribune",
    "herald",
    "gazette",
    "reuters",
    "ap",
    "afp",
    "voa",
    "tass",
    "kommersant",
    "xinhua",
    "bbc",
    "cnn",
    "nbc",
    "abc",
    "cbs",
    "fox",
    "msnbc",
    "npr",
    "bloomberg",
    "politico",
    "breitbart",
    "axios",
    "interfax",
    "ria",
    "guardian",
    "telegraph",
    "economist",
    "wsj",
    "nyt",
    "press",
    "wire",
    "report",
];

/// Words marking a government or one of its bodies.
pub const GOVERNMENT_WORDS: &[&str] = &[
    "government",
    "ministry",
    "kremlin",
    "pentagon",
    "administration",
    "department",
    "white",
    "cabinet",
    "parliament",
    "congress",
    "senate",
    "embassy",
    "state",
    "military",
    "army",
    "police",
    "court",
    "moscow",
    "washington",
    "beijing",
    "dushanbe",
    "kyiv",
    "london",
    "paris",
    "tehran",
    "ministry’s",
    "authorities",
    "regime",
    "nation",
    "nations",
    "country",
    "countries",
    "republic",
    "kingdom",
    "envoy’s",
];

/// Words marking an organization.
pub const ORGANIZATION_WORDS: &[&str] = &[
    "campaign",
    "committee",
    "party",
    "company",
    "inc",
    "corp",
    "university",
    "council",
    "commission",
    "group",
    "association",
    "foundation",
    "institute",
    "union",
    "bank",
    "fund",
    "organization",
    "coalition",
    "center",
    "centre",
    "poll",
    "survey",
    "study",
    "report",
    "nato",
    "un",
    "csto",
    "firm",
    "club",
    "league",
    "board",
    "office",
    "energy",
    "holdings",
    "airlines",
    "motors",
    "systems",
    "technologies",
    "partners",
    "capital",
    "media",
    "industries",
    "cooperative",
    "co-op",
    "agency’s",
    "llc",
    "plc",
    "gmbh",
    "labs",
    "pharmaceuticals",
    "developer",
    "company’s",
    "ngo",
    "charity",
    "church",
    "hospital",
    "school",
    "network’s",
    "exchange",
];

/// True when `lower` (lowercased) is one of [`TITLES`], by hash lookup (the
/// taggers and the resolver ask it of every capitalized token).
pub fn is_title(lower: &str) -> bool {
    static SET: OnceLock<FastSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| TITLES.iter().copied().collect())
        .contains(lower)
}

/// Titles and roles that precede a person's name.
pub const TITLES: &[&str] = &[
    "president",
    "general",
    "gen.",
    "sen.",
    "senator",
    "rep.",
    "representative",
    "gov.",
    "governor",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "secretary",
    "minister",
    "ambassador",
    "envoy",
    "chairman",
    "chairwoman",
    "director",
    "spokesman",
    "spokeswoman",
    "commander",
    "leader",
    "prime",
    "vice",
    "chief",
    "mayor",
    "judge",
    "justice",
    "prof.",
    "professor",
    "adviser",
    "marine",
    "admiral",
    "colonel",
    "lt.",
    "col.",
    "sgt.",
    "candidate",
    "nominee",
    "former",
    "u.s.",
    "russian",
    "american",
    "whip",
    "speaker",
    "majority",
    "minority",
    "deputy",
    "attorney",
    "first",
    "lady",
    "pope",
    "king",
    "queen",
    "prince",
    "sheriff",
    "officer",
    "ceo",
    "founder",
    "coach",
    "manager",
    "chancellor",
    "premier",
    "detective",
    "inspector",
    "lieutenant",
    "sergeant",
    "bishop",
    "rabbi",
    "imam",
    "chairperson",
    "superintendent",
    "commissioner",
    "councilman",
    "councilwoman",
    "councillor",
    "alderman",
    "treasurer",
    "spokesperson",
];

/// A country from the built lexicon (`data/lexicon/countries.tsv`).
#[derive(Debug)]
pub struct Country {
    /// The country's English short name ("Tajikistan").
    pub name: &'static str,
}

struct Countries {
    list: Vec<Country>,
    /// Lowercased name, alternative name or capital → index into `list`.
    places: FastMap<String, usize>,
    /// Lowercased demonyms ("russian", "tadzhik").
    demonyms: FastSet<String>,
}

/// The country lexicon, built by `tools/build_lexicons.py` from the
/// `countryinfo` package and committed; loaded once.
fn countries() -> &'static Countries {
    static COUNTRIES: OnceLock<Countries> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        const TSV: &str = include_str!("../../../data/lexicon/countries.tsv");
        let mut list = Vec::new();
        let mut places = FastMap::default();
        let mut demonyms = FastSet::default();
        for line in TSV.lines().filter(|l| !l.starts_with('#')) {
            let cols: Vec<&'static str> = line.split('\t').collect();
            let [name, capital, demonym, _a2, _a3, alternatives] = cols[..] else {
                continue;
            };
            let index = list.len();
            list.push(Country { name });
            for place in [name, capital].into_iter().chain(alternatives.split('|')) {
                if !place.is_empty() {
                    places.entry(place.to_lowercase()).or_insert(index);
                }
            }
            if !demonym.is_empty() {
                demonyms.insert(demonym.to_lowercase());
            }
        }
        Countries {
            list,
            places,
            demonyms,
        }
    })
}

/// The country a place name denotes: itself, an alternative name, or its
/// capital ("Dushanbe" → Tajikistan; "Moscow" → Russia).
pub fn country_of(place: &str) -> Option<&'static Country> {
    let c = countries();
    let mut buf = [0u8; 32];
    c.places
        .get(lowercase(place, &mut buf).as_ref())
        .map(|&i| &c.list[i])
}

/// True for a nationality adjective ("Russian", "American"): part of a title, not of a name.
pub fn is_demonym(word: &str) -> bool {
    let mut buf = [0u8; 32];
    countries()
        .demonyms
        .contains(lowercase(word, &mut buf).as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_and_names_map_to_countries() {
        assert_eq!(country_of("Dushanbe").map(|c| c.name), Some("Tajikistan"));
        assert_eq!(country_of("moscow").map(|c| c.name), Some("Russia"));
        assert_eq!(
            country_of("Washington").map(|c| c.name),
            Some("United States")
        );
        assert_eq!(
            country_of("Russian Federation").map(|c| c.name),
            Some("Russia")
        );
        assert!(country_of("Kommersant").is_none());
        assert!(is_demonym("Russian") && is_demonym("american"));
        assert!(!is_demonym("Putin"));
    }
}

/// The usual gender of a first name, from the built lexicon
/// (`data/lexicon/first-names.tsv`, from the gender-guesser dictionary).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    /// Usually a man's name.
    Male,
    /// Usually a woman's name.
    Female,
}

/// The gender a first name has most often, including the names the
/// dictionary gives as only "mostly" male or female ("Bernie", "Sandy"):
/// good enough to tell "he" from "she", too loose for features.
pub fn usual_first_name_gender(name: &str) -> Option<Gender> {
    static NAMES: OnceLock<FastMap<&'static str, Gender>> = OnceLock::new();
    let mostly = NAMES
        .get_or_init(|| gender_table(include_str!("../../../data/lexicon/mostly-first-names.tsv")));
    first_name_gender(name).or_else(|| {
        let mut buf = [0u8; 32];
        mostly.get(lowercase(name, &mut buf).as_ref()).copied()
    })
}

/// The gender a first name usually has, when the lexicon knows it.
pub fn first_name_gender(name: &str) -> Option<Gender> {
    static NAMES: OnceLock<FastMap<&'static str, Gender>> = OnceLock::new();
    let names =
        NAMES.get_or_init(|| gender_table(include_str!("../../../data/lexicon/first-names.tsv")));
    let mut buf = [0u8; 32];
    names.get(lowercase(name, &mut buf).as_ref()).copied()
}

/// A `name<TAB>m|f` table (comment lines start with `#`).
fn gender_table(tsv: &'static str) -> FastMap<&'static str, Gender> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (name, g) = l.split_once('\t')?;
            let gender = match g {
                "m" => Gender::Male,
                "f" => Gender::Female,
                _ => return None,
            };
            Some((name, gender))
        })
        .collect()
}
