//! TempEval-3 Task A: time expressions (TIMEX3) in TimeML files.
//!
//! [`run`] reads every `.tml` file under a directory, takes the publication
//! date from `<DCT>`, strips the tags inside `<TEXT>` to get the plain text,
//! tags that text with a [`TimeTagger`] (never looking at the gold tags),
//! optionally writes the result as TimeML with our TIMEX3 tags inline, and
//! scores it the way the reference scorer `te3_score.py` (the official
//! TempEval-3 "Timex Performance" block) does:
//!
//! - Text extraction, XML unescaping and the "scorable" rule (only un-nested
//!   TIMEX3 with non-blank text) are ported line by line from its `parse_text`.
//! - Alignment is token based: the plain text is cut like Python's
//!   `\w+|[^\w\s]`; each entity labels the tokens it overlaps; walking the
//!   tokens left to right, a TIMEX3 that starts on a token inherits the id of
//!   the other side's TIMEX3 still open there (one-to-one, greedy,
//!   any-token-overlap matching).
//! - relaxed match = aligned pair; strict = aligned with identical text; type
//!   and value accuracy over aligned pairs; type/value F1 = accuracy × relaxed F1.
//!
//! Offsets in this module count Unicode scalar values, as Python does.
//!
//! Files whose `<TEXT>` holds no TIMEX3 at all are raw input: they are tagged
//! and written, and the report lists them as having no gold to score.
//!
//! In this project `aquaint/` of the TempEval-3 training data is the held-out
//! dev set and `timebank/` the part rules were developed on; the report breaks
//! its figures down by subdirectory so both parts show.

use serde::Serialize;
use sourcetrace_time::{parse_date, TimeExpression, TimeTagger};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// What can go wrong in a TempEval run.
#[derive(Debug, Error)]
pub enum TempevalError {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A TimeML file without a `<TEXT>` element.
    #[error("{path}: no <TEXT> element")]
    NoText {
        /// The file.
        path: PathBuf,
    },
    /// The directory holds no `.tml` file.
    #[error("{path}: no .tml files found")]
    NoFiles {
        /// The directory.
        path: PathBuf,
    },
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> TempevalError + '_ {
    move |source| TempevalError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Counts of one scoring run, summed over documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct TimexCounts {
    /// Gold TIMEX3 elements.
    pub gold: usize,
    /// System TIMEX3 elements.
    pub system: usize,
    /// Aligned pairs (relaxed matches).
    pub relaxed: usize,
    /// Aligned pairs with identical text (strict matches).
    pub strict: usize,
    /// Aligned pairs with equal type.
    pub type_matches: usize,
    /// Aligned pairs with equal value.
    pub value_matches: usize,
}

impl TimexCounts {
    fn add(&mut self, other: TimexCounts) {
        self.gold += other.gold;
        self.system += other.system;
        self.relaxed += other.relaxed;
        self.strict += other.strict;
        self.type_matches += other.type_matches;
        self.value_matches += other.value_matches;
    }

    /// The scores these counts give.
    pub fn scores(&self) -> TimexScores {
        let prf = |m: usize| {
            let p = if self.system > 0 {
                m as f64 / self.system as f64
            } else {
                0.0
            };
            let r = if self.gold > 0 {
                m as f64 / self.gold as f64
            } else {
                0.0
            };
            let f = if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
            (p, r, f)
        };
        let (strict_p, strict_r, strict_f1) = prf(self.strict);
        let (relaxed_p, relaxed_r, relaxed_f1) = prf(self.relaxed);
        let acc = |m: usize| {
            if self.relaxed > 0 {
                m as f64 / self.relaxed as f64
            } else {
                0.0
            }
        };
        let type_accuracy = acc(self.type_matches);
        let value_accuracy = acc(self.value_matches);
        TimexScores {
            strict_p,
            strict_r,
            strict_f1,
            relaxed_p,
            relaxed_r,
            relaxed_f1,
            type_accuracy,
            value_accuracy,
            type_f1: type_accuracy * relaxed_f1,
            value_f1: value_accuracy * relaxed_f1,
        }
    }
}

/// TempEval-3 Task A scores, as `te3_score.py` computes them (fractions, not percent).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct TimexScores {
    /// Strict precision.
    pub strict_p: f64,
    /// Strict recall.
    pub strict_r: f64,
    /// Strict F1.
    pub strict_f1: f64,
    /// Relaxed precision.
    pub relaxed_p: f64,
    /// Relaxed recall.
    pub relaxed_r: f64,
    /// Relaxed F1.
    pub relaxed_f1: f64,
    /// Type accuracy over aligned pairs.
    pub type_accuracy: f64,
    /// Value accuracy over aligned pairs.
    pub value_accuracy: f64,
    /// Type accuracy × relaxed F1.
    pub type_f1: f64,
    /// Value accuracy × relaxed F1.
    pub value_f1: f64,
}

/// How well the publication date is inferred from the text alone, checked
/// against the `<DCT>` of each document (the tagging above never uses this).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PublicationDateCheck {
    /// Documents with a readable `<DCT>`.
    pub documents: usize,
    /// Documents for which a date was inferred.
    pub inferred: usize,
    /// Inferred dates equal to the DCT.
    pub exact: usize,
    /// Inferred dates within one day of the DCT.
    pub within_one_day: usize,
    /// Inferred dates within seven days of the DCT.
    pub within_seven_days: usize,
    /// Inferred dates in the DCT's year.
    pub same_year: usize,
    /// Inferred dates whose year weekday-date pairs fixed (the reliable basis).
    pub from_pairs: usize,
    /// Of those, dates in the DCT's year.
    pub from_pairs_same_year: usize,
}

impl PublicationDateCheck {
    fn add(
        &mut self,
        dct: sourcetrace_time::Date,
        inferred: Option<sourcetrace_time::InferredDate>,
    ) {
        self.documents += 1;
        let Some(inferred) = inferred else { return };
        let d = inferred.date;
        self.inferred += 1;
        let same_year = d.format("%Y").to_string() == dct.format("%Y").to_string();
        if inferred.basis.is_reliable() {
            self.from_pairs += 1;
            self.from_pairs_same_year += usize::from(same_year);
        }
        let days = (d - dct).num_days().abs();
        self.exact += usize::from(days == 0);
        self.within_one_day += usize::from(days <= 1);
        self.within_seven_days += usize::from(days <= 7);
        self.same_year += usize::from(same_year);
    }
}

/// Figures for one subdirectory (one corpus part).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartReport {
    /// The subdirectory, relative to the run's directory (`.` for files at its top).
    pub part: String,
    /// Documents with gold TIMEX3 in this part.
    pub scored_documents: usize,
    /// The counts.
    pub counts: TimexCounts,
    /// The scores.
    pub scores: TimexScores,
}

/// The result of a TempEval run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TempevalReport {
    /// The directory that was read.
    pub directory: PathBuf,
    /// All `.tml` documents read.
    pub documents: usize,
    /// Documents scored (their `<TEXT>` holds gold TIMEX3).
    pub scored_documents: usize,
    /// Documents with no gold TIMEX3, tagged but not scored (relative paths).
    pub unscored_documents: Vec<String>,
    /// Where the tagged files were written, if anywhere.
    pub written_to: Option<PathBuf>,
    /// Counts over all scored documents.
    pub counts: TimexCounts,
    /// Scores over all scored documents.
    pub scores: TimexScores,
    /// Counts and scores per subdirectory.
    pub parts: Vec<PartReport>,
    /// Seconds spent tagging (text extraction, scoring and I/O excluded).
    pub tagging_seconds: f64,
    /// Documents tagged per second of tagging time, one thread.
    pub documents_per_second: f64,
    /// Publication dates inferred from the text, against `<DCT>`.
    pub publication_dates: PublicationDateCheck,
}

impl fmt::Display for TempevalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |x: f64| format!("{:6.2}", 100.0 * x);
        writeln!(
            f,
            "=== TempEval-3 Task A (TIMEX3) on {} ===",
            self.directory.display()
        )?;
        writeln!(
            f,
            "documents {}  scored {}  without gold {}",
            self.documents,
            self.scored_documents,
            self.unscored_documents.len()
        )?;
        if self.scored_documents == 0 {
            writeln!(f, "no gold TIMEX3 in these documents: nothing to score")?;
        } else {
            writeln!(
                f,
                "{:<12} {:>5} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} | {:>6} {:>6}",
                "part", "gold", "sys", "match", "str-P", "str-R", "str-F1", "rel-P", "rel-R", "rel-F1", "valAcc", "typAcc", "val-F1", "typ-F1"
            )?;
            let mut row = |name: &str, c: &TimexCounts, s: &TimexScores| {
                writeln!(
                    f,
                    "{:<12} {:>5} {:>5} {:>5} | {} {} {} | {} {} {} | {} {} | {} {}",
                    name,
                    c.gold,
                    c.system,
                    c.relaxed,
                    pct(s.strict_p),
                    pct(s.strict_r),
                    pct(s.strict_f1),
                    pct(s.relaxed_p),
                    pct(s.relaxed_r),
                    pct(s.relaxed_f1),
                    pct(s.value_accuracy),
                    pct(s.type_accuracy),
                    pct(s.value_f1),
                    pct(s.type_f1)
                )
            };
            if self.parts.len() > 1 {
                for p in &self.parts {
                    row(&p.part, &p.counts, &p.scores)?;
                }
            }
            row("all", &self.counts, &self.scores)?;
        }
        if let Some(out) = &self.written_to {
            writeln!(f, "tagged files written to {}", out.display())?;
        }
        let p = &self.publication_dates;
        if p.documents > 0 {
            writeln!(
                f,
                "publication date from the text alone: inferred for {} of {} documents; exact {}, within 1 day {}, within 7 days {}, right year {}; year fixed by weekday-date pairs in {} (right year {})",
                p.inferred, p.documents, p.exact, p.within_one_day, p.within_seven_days, p.same_year, p.from_pairs, p.from_pairs_same_year
            )?;
        }
        write!(
            f,
            "speed: {:.0} documents/s ({} documents in {:.3} s of tagging, one thread)",
            self.documents_per_second, self.documents, self.tagging_seconds
        )
    }
}

/// Tag and score every `.tml` file under `dir` (recursively, in path order);
/// write the tagged files under `write` (same relative paths) when given.
pub fn run(
    dir: &Path,
    write: Option<&Path>,
    tagger: &TimeTagger,
) -> Result<TempevalReport, TempevalError> {
    let mut files = Vec::new();
    collect_tml(dir, &mut files)?;
    files.sort();
    if files.is_empty() {
        return Err(TempevalError::NoFiles {
            path: dir.to_path_buf(),
        });
    }
    let mut total = TimexCounts::default();
    let mut parts: BTreeMap<String, (usize, TimexCounts)> = BTreeMap::new();
    let mut unscored = Vec::new();
    let mut scored = 0;
    let mut tagging = Duration::ZERO;
    let mut publication_dates = PublicationDateCheck::default();
    for path in &files {
        let raw = std::fs::read_to_string(path).map_err(io_error(path))?;
        let doc =
            TimeMl::parse(&raw).ok_or_else(|| TempevalError::NoText { path: path.clone() })?;
        let dct = doc.dct.as_deref().and_then(|d| parse_date(d).ok());
        let started = Instant::now();
        let found = tagger.tag(&doc.plain, dct);
        tagging += started.elapsed();
        if let Some(dct) = dct {
            publication_dates.add(dct, tagger.infer(&doc.plain));
        }
        let relative = path.strip_prefix(dir).unwrap_or(path);
        let output = doc.with_timexes(&found);
        if let Some(out_dir) = write {
            let target = out_dir.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(io_error(parent))?;
            }
            std::fs::write(&target, &output).map_err(io_error(&target))?;
        }
        let part = relative
            .parent()
            .map(|p| p.display().to_string())
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| ".".to_string());
        if !doc.has_gold_timex() {
            unscored.push(relative.display().to_string());
            continue;
        }
        let system =
            TimeMl::parse(&output).ok_or_else(|| TempevalError::NoText { path: path.clone() })?;
        let counts = score_document(&doc, &system);
        total.add(counts);
        let entry = parts.entry(part).or_default();
        entry.0 += 1;
        entry.1.add(counts);
        scored += 1;
    }
    let seconds = tagging.as_secs_f64();
    Ok(TempevalReport {
        directory: dir.to_path_buf(),
        documents: files.len(),
        scored_documents: scored,
        unscored_documents: unscored,
        written_to: write.map(Path::to_path_buf),
        counts: total,
        scores: total.scores(),
        parts: parts
            .into_iter()
            .map(|(part, (n, counts))| PartReport {
                part,
                scored_documents: n,
                counts,
                scores: counts.scores(),
            })
            .collect(),
        tagging_seconds: seconds,
        publication_dates,
        documents_per_second: if seconds > 0.0 {
            files.len() as f64 / seconds
        } else {
            0.0
        },
    })
}

fn collect_tml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), TempevalError> {
    let entries = std::fs::read_dir(dir).map_err(io_error(dir))?;
    for entry in entries {
        let entry = entry.map_err(io_error(dir))?;
        let path = entry.path();
        let kind = entry.file_type().map_err(io_error(&path))?;
        if kind.is_dir() {
            collect_tml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Score one system document against its gold, as `te3_score.py`'s `score_pair`.
/// The system text is taken to equal the gold text (we write it so).
pub fn score_document(gold: &TimeMl, system: &TimeMl) -> TimexCounts {
    let tokens = python_tokens(&gold.plain_chars);
    let pairs = align(&tokens, &gold.entities, &system.entities);
    let is_timex = |e: &Entity| e.kind == EntityKind::Timex;
    let mut counts = TimexCounts {
        gold: gold.entities.iter().filter(|e| is_timex(e)).count(),
        system: system.entities.iter().filter(|e| is_timex(e)).count(),
        ..TimexCounts::default()
    };
    // gold index -> system index, later pairs overwriting earlier ones as in the dict
    let mut gold_matched: BTreeMap<usize, usize> = BTreeMap::new();
    for (&sk, &gk) in &pairs {
        if gold.entities.get(gk).is_some_and(|e| e.scorable)
            && system.entities.get(sk).is_some_and(|e| e.scorable)
        {
            gold_matched.insert(gk, sk);
        }
    }
    for (gk, g) in gold
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| is_timex(e))
    {
        let Some(s) = gold_matched
            .get(&gk)
            .and_then(|&sk| system.entities.get(sk))
        else {
            continue;
        };
        counts.relaxed += 1;
        if g.text == s.text {
            counts.strict += 1;
        }
        if g.attr("type") == s.attr("type") {
            counts.type_matches += 1;
        }
        if g.attr("value") == s.attr("value") {
            counts.value_matches += 1;
        }
    }
    counts
}

/// The kind of a TimeML element inside `<TEXT>` that the scorer tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntityKind {
    /// `<TIMEX3>`.
    Timex,
    /// `<EVENT>`.
    Event,
}

/// A TIMEX3 or EVENT element of a TimeML text, in character offsets of the plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// TIMEX3 or EVENT.
    pub kind: EntityKind,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered plain text.
    pub text: String,
    /// The element's attributes, raw (not unescaped), in order, later duplicates winning.
    pub attributes: Attributes,
    /// True when the official scorer sees this TIMEX3 (un-nested, non-blank).
    pub scorable: bool,
}

impl Entity {
    /// An attribute's value, `""` when absent (as the scorer's `.get(k, '')`).
    pub fn attr(&self, name: &str) -> &str {
        self.attributes
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// A TimeML document split into the parts the scorer reads.
#[derive(Debug, Clone)]
pub struct TimeMl {
    /// The whole file up to the `<TEXT>` body.
    head: String,
    /// The whole file from `</TEXT>` on.
    tail: String,
    /// The publication date value from `<DCT>`, if any.
    pub dct: Option<String>,
    /// The plain text of `<TEXT>`, tags stripped and XML unescaped.
    pub plain: String,
    /// The plain text as characters (the scorer's offsets index these).
    plain_chars: Vec<char>,
    /// TIMEX3 and EVENT elements of `<TEXT>`, in order of their start tags.
    pub entities: Vec<Entity>,
}

/// `xml.sax.saxutils.unescape(s, {'&quot;': '"', '&apos;': "'"})`, in its order.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn escape_attribute(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_text(s, &mut out);
    out.replace('"', "&quot;")
}

/// Attribute name-value pairs in document order.
type Attributes = Vec<(String, String)>;

/// A tag as the scorer's `<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>` sees it.
struct Tag<'a> {
    start: usize,
    end: usize,
    closing: bool,
    name: &'a str,
    rest: &'a str,
    self_closing: bool,
}

/// All tags of `body`, scanning like `re.finditer`.
fn tags(body: &str) -> Vec<Tag<'_>> {
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = body.get(i..).and_then(|s| s.find('<')) {
        let start = i + off;
        let mut j = start + 1;
        let closing = bytes.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while bytes
            .get(j)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
        {
            j += 1;
        }
        let gt = body.get(j..).and_then(|s| s.find('>')).map(|o| j + o);
        match gt {
            Some(gt) if j > name_start => {
                let inner = body.get(j..gt).unwrap_or("");
                let (rest, self_closing) = match inner.strip_suffix('/') {
                    Some(r) => (r, true),
                    None => (inner, false),
                };
                out.push(Tag {
                    start,
                    end: gt + 1,
                    closing,
                    name: body.get(name_start..j).unwrap_or(""),
                    rest,
                    self_closing,
                });
                i = gt + 1;
            }
            _ => i = start + 1,
        }
    }
    out
}

/// Attributes as `([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"([^"]*)"` finds them.
fn attributes(s: &str) -> Attributes {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let first = b[i];
        if !(first.is_ascii_alphabetic() || first == b'_' || first == b':') {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < b.len()
            && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'-' | b'_' | b':' | b'.'))
        {
            j += 1;
        }
        let name_end = j;
        while j < b.len() && (b[j] as char).is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            i += 1;
            continue;
        }
        j += 1;
        while j < b.len() && (b[j] as char).is_ascii_whitespace() {
            j += 1;
        }
        if b.get(j) != Some(&b'"') {
            i += 1;
            continue;
        }
        let value_start = j + 1;
        let Some(close) = s.get(value_start..).and_then(|r| r.find('"')) else {
            i += 1;
            continue;
        };
        out.push((
            s.get(i..name_end).unwrap_or("").to_string(),
            s.get(value_start..value_start + close)
                .unwrap_or("")
                .to_string(),
        ));
        i = value_start + close + 1;
    }
    out
}

/// The `tid`s of TIMEX3 elements that `<TIMEX3\b([^>]*)>([^<]*)</TIMEX3>` matches.
fn simple_timex_ids(body: &str) -> Vec<String> {
    const OPEN: &str = "<TIMEX3";
    const CLOSE: &str = "</TIMEX3>";
    let mut ids = Vec::new();
    let mut i = 0;
    while let Some(off) = body.get(i..).and_then(|s| s.find(OPEN)) {
        let start = i + off;
        let after = start + OPEN.len();
        let boundary = body
            .get(after..)
            .and_then(|s| s.chars().next())
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let matched = boundary
            .then(|| {
                let gt = after + body.get(after..)?.find('>')?;
                let content_start = gt + 1;
                let lt = content_start + body.get(content_start..)?.find('<')?;
                body.get(lt..)?
                    .starts_with(CLOSE)
                    .then(|| (body.get(after..gt).unwrap_or(""), lt + CLOSE.len()))
            })
            .flatten();
        match matched {
            Some((attrs, end)) => {
                let tid = attributes(attrs)
                    .into_iter()
                    .rev()
                    .find(|(k, _)| k == "tid")
                    .map(|(_, v)| v)
                    .unwrap_or_default();
                ids.push(tid);
                i = end;
            }
            None => i = start + 1,
        }
    }
    ids
}

/// Python's `str.isspace` (Rust's `is_whitespace` plus the information separators).
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `\w`.
fn is_python_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Token spans of `\w+|[^\w\s]`, in characters.
fn python_tokens(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_python_word(c) {
            let start = i;
            while i < chars.len() && is_python_word(chars[i]) {
                i += 1;
            }
            out.push((start, i));
        } else if is_python_space(c) {
            i += 1;
        } else {
            out.push((i, i + 1));
            i += 1;
        }
    }
    out
}

/// Per-token labels: (is_begin, kind, entity index).
type Label = Option<(bool, EntityKind, usize)>;

fn label(tokens: &[(usize, usize)], entities: &[Entity]) -> Vec<Label> {
    let mut labels: Vec<Label> = vec![None; tokens.len()];
    let mut order: Vec<usize> = (0..entities.len()).collect();
    order.sort_by_key(|&k| entities[k].start);
    for k in order {
        let e = &entities[k];
        let mut first = true;
        let from = tokens.partition_point(|&(_, f)| f <= e.start);
        for (t, &(s, _)) in tokens.iter().enumerate().skip(from) {
            if s >= e.end {
                break;
            }
            if labels[t].is_none() {
                labels[t] = Some((first, e.kind, k));
            }
            first = false;
        }
    }
    labels
}

/// System entity index -> gold entity index for aligned TIMEX3 pairs.
fn align(tokens: &[(usize, usize)], gold: &[Entity], system: &[Entity]) -> BTreeMap<usize, usize> {
    let labels = [label(tokens, gold), label(tokens, system)];
    let mut cur = [0usize; 2];
    let mut last = [0usize; 2];
    let mut next = 1usize;
    let mut owner: [BTreeMap<usize, usize>; 2] = [BTreeMap::new(), BTreeMap::new()];
    let begins_timex = |l: &Label| matches!(l, Some((true, EntityKind::Timex, _)));
    for (gold_label, system_label) in labels[0].iter().zip(&labels[1]) {
        let here = [gold_label, system_label];
        for a in 0..2 {
            if here[a].is_none() || begins_timex(here[a]) {
                cur[a] = 0;
            }
        }
        for a in 0..2 {
            if let Some((true, EntityKind::Timex, k)) = *here[a] {
                cur[a] = next;
                let o = 1 - a;
                if cur[o] != 0 && last[a] < cur[o] {
                    cur[a] = cur[o];
                }
                last[a] = cur[a];
                if cur[a] == next {
                    next += 1;
                }
                owner[a].insert(cur[a], k);
            }
        }
    }
    let mut pairs = BTreeMap::new();
    for (id, &gk) in &owner[0] {
        if let Some(&sk) = owner[1].get(id) {
            pairs.insert(sk, gk);
        }
    }
    pairs
}

impl TimeMl {
    /// Parse a TimeML document as the scorer's `parse_text` does; `None`
    /// without a `<TEXT>` element.
    pub fn parse(doc: &str) -> Option<TimeMl> {
        let open = doc.find("<TEXT>")?;
        let body_start = open + "<TEXT>".len();
        let body_end = body_start + doc.get(body_start..)?.find("</TEXT>")?;
        let body = doc.get(body_start..body_end)?;
        let mut plain = String::with_capacity(body.len());
        let mut pos = 0usize; // characters of plain text so far
                              // closed elements in order of their start tags: (kind, start, end, attributes)
        let mut slots: Vec<Option<(EntityKind, usize, usize, Attributes)>> = Vec::new();
        // open elements: (kind, start, attributes, slot)
        let mut stack: Vec<(EntityKind, usize, Attributes, usize)> = Vec::new();
        let mut i = 0;
        for tag in tags(body) {
            let chunk = unescape(body.get(i..tag.start).unwrap_or(""));
            pos += chunk.chars().count();
            plain.push_str(&chunk);
            i = tag.end;
            let kind = match tag.name {
                "TIMEX3" => EntityKind::Timex,
                "EVENT" => EntityKind::Event,
                _ => continue,
            };
            if tag.self_closing {
                continue;
            }
            if !tag.closing {
                stack.push((kind, pos, attributes(tag.rest), slots.len()));
                slots.push(None);
            } else if let Some(k) = stack.iter().rposition(|(n, ..)| *n == kind) {
                let (kind, start, attrs, slot) = stack.remove(k);
                if let Some(s) = slots.get_mut(slot) {
                    *s = Some((kind, start, pos, attrs));
                }
            }
        }
        plain.push_str(&unescape(body.get(i..).unwrap_or("")));
        let plain_chars: Vec<char> = plain.chars().collect();
        let simple = simple_timex_ids(body);
        let entities = slots
            .into_iter()
            .flatten()
            .map(|(kind, start, end, attributes)| {
                let text: String = plain_chars
                    .get(start..end)
                    .map(|c| c.iter().collect())
                    .unwrap_or_default();
                let tid = attributes
                    .iter()
                    .rev()
                    .find(|(k, _)| k == "tid")
                    .map_or("", |(_, v)| v.as_str());
                let scorable = kind == EntityKind::Timex
                    && simple.iter().any(|s| s == tid)
                    && !text.chars().all(is_python_space);
                Entity {
                    kind,
                    start,
                    end,
                    text,
                    attributes,
                    scorable,
                }
            })
            .collect();
        let dct = doc.find("<DCT>").and_then(|d| {
            let end = d + doc.get(d..)?.find("</DCT>")?;
            let inner = doc.get(d..end)?;
            let open = inner.find("<TIMEX3")?;
            let close = open + inner.get(open..)?.find('>')?;
            attributes(inner.get(open..close)?)
                .into_iter()
                .rev()
                .find(|(k, _)| k == "value")
                .map(|(_, v)| v)
        });
        Some(TimeMl {
            head: doc.get(..body_start).unwrap_or("").to_string(),
            tail: doc.get(body_end..).unwrap_or("").to_string(),
            dct,
            plain,
            plain_chars,
            entities,
        })
    }

    /// True when `<TEXT>` holds at least one TIMEX3 (gold to score against).
    pub fn has_gold_timex(&self) -> bool {
        self.entities.iter().any(|e| e.kind == EntityKind::Timex)
    }

    /// The document with its `<TEXT>` replaced by the plain text and `found`
    /// (byte spans into [`TimeMl::plain`]) as inline TIMEX3 tags.
    pub fn with_timexes(&self, found: &[TimeExpression]) -> String {
        let mut out =
            String::with_capacity(self.head.len() + self.plain.len() * 2 + self.tail.len());
        out.push_str(&self.head);
        let mut at = 0;
        let mut n = 0;
        for e in found {
            let (Some(before), Some(inner)) = (
                self.plain.get(at..e.span.start),
                self.plain.get(e.span.start..e.span.end),
            ) else {
                continue;
            };
            if e.span.start < at || inner.is_empty() {
                continue;
            }
            n += 1;
            escape_text(before, &mut out);
            out.push_str(&format!(
                "<TIMEX3 tid=\"t{n}\" type=\"{}\" value=\"{}\">",
                e.kind,
                escape_attribute(&e.value)
            ));
            escape_text(inner, &mut out);
            out.push_str("</TIMEX3>");
            at = e.span.end;
        }
        escape_text(self.plain.get(at..).unwrap_or(""), &mut out);
        out.push_str(&self.tail);
        out
    }
}

#[cfg(test)]
mod tests;
