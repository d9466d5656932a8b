//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Who said it, how, when, and through whom: attribution and provenance for news.
///
/// sourcetrace reads news articles and finds, for every statement, its source
/// (who said it), its cue (how: said, told, according to), its content (what),
/// and whether anyone can be held to it (a named person, an outlet, a
/// government, or "unnamed sources").
///
/// Examples:
///
///   sourcetrace extract examples/kestrel-harbor.txt
///
///   cat article.txt | sourcetrace extract - --format json
///
///   sourcetrace extract crawl.warc.gz pages/ feed.xml --format jsonl > docs.jsonl
///
///   sourcetrace times examples/kestrel-harbor.txt --published 2026-03-04
///
///   sourcetrace ingest crawl.warc.gz --db corpus.db
///
///   sourcetrace story --db corpus.db
///
///   sourcetrace trace "bases Afghanistan" --db corpus.db
///
///   sourcetrace export --query "bases Afghanistan" --to graphml --out bases.graphml
///
///   sourcetrace eval polnear path/to/polnear --split dev
///
///   sourcetrace eval tempeval path/to/tempeval3 --write /tmp/tagged
///
///   sourcetrace eval extraction path/to/article-extraction-benchmark
///
///   sourcetrace train pos --polnear path/to/polnear
///
///   sourcetrace train attribution --polnear path/to/polnear
///
/// Exit codes: 0 success; 1 a completed run where some documents failed (or a
/// negative answer); 2 an error (bad arguments, nothing could be read).
#[derive(Debug, Parser)]
#[command(name = "sourcetrace", version, propagate_version = true)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Find the attributions of articles: text, HTML, JSONL, feeds, WARC, CSV, SGML.
    ///
    /// Reads each PATH (a file, a directory, a glob, or `-` for standard
    /// input) and prints one document per article: its attributions with the
    /// cue, source, content, time and provenance chain, as character offsets
    /// into the article text (Unicode scalar values, as brat and Python
    /// count), plus the page's metadata. HTML pages (also inside WARC records,
    /// feed items and JSONL `html` fields) are reduced to their article body
    /// first. The JSON schema is `sourcetrace.document/1`, documented in
    /// docs/schema.md.
    ///
    /// A record that cannot be read (a missing file, invalid UTF-8, a
    /// truncated gzip member, a bad WARC record, a feed that is not XML, an
    /// empty body) gives one `error:` line naming the input and the record;
    /// the others are still processed. A summary ends the run on stderr.
    /// Exit code 0 when nothing failed, 1 when some documents failed, 2 when
    /// none could be read.
    Extract(ExtractArgs),
    /// List the time expressions of articles, normalized against the publication date.
    ///
    /// Each expression gets a TIMEX3 type (DATE, TIME, DURATION, SET) and value
    /// (`2021-07-17`, `XXXX-06`, `P2W`, `PAST_REF`). Relative expressions
    /// ("on Saturday", "last week") resolve against `--published`; without it
    /// the publication date is inferred from the dates the text states, and
    /// the evidence is printed.
    Times(TimesArgs),
    /// Analyse articles and store them in a corpus (SQLite file or PostgreSQL).
    ///
    /// Reads every input as `extract` does (text, HTML, JSONL, feeds, WARC,
    /// CSV, SGML; files, directories, globs, `-`), analyses each article, and
    /// stores the document with its metadata, attributions, chains, entities
    /// and credits.
    /// The default store is `./sourcetrace.db` (embedded SQLite, WAL); `--db
    /// postgres://…` writes to PostgreSQL, so that many workers can fill one
    /// store. Idempotent: a document whose text is already stored is skipped
    /// and counted. Crash-safe: documents are written in transactions of
    /// `--batch`, so a run killed at any moment leaves whole documents, and
    /// the same command run again completes it.
    Ingest(IngestArgs),
    /// Search a corpus: statements and articles matching a full-text query.
    ///
    /// Uses SQLite FTS5 (porter stemming) or PostgreSQL full-text search.
    /// Each statement comes with its source, kind, chain, and the article,
    /// outlet and date that carried it. Exit code 1 when nothing matches.
    Search(SearchArgs),
    /// Who is cited, how often, and by which outlets.
    ///
    /// `--kind anonymous` lists the unnamed sources a corpus rests on;
    /// `--outlet X` keeps the statements of one outlet.
    Sources(SourcesArgs),
    /// Every article of a corpus that names an entity, oldest first, with
    /// the statements attributed to it.
    Timeline(TimelineArgs),
    /// The copies of a story: a document's copy group and its likely original.
    ///
    /// `sourcetrace story ID` shows the story of document ID (a story's id is
    /// the id of its first document): every copy with its outlet and date,
    /// the agency the copies credit, and the original (the agency's own page,
    /// else its earliest credited copy, else the earliest page). Without an
    /// ID it lists the largest stories; `--like FILE` finds the stored copies
    /// of an article that need not be stored. Exit code 1 when nothing is found.
    Story(StoryArgs),
    /// Trace a claim to where it started: origin, relays, outlets and dates.
    ///
    /// Finds the claims whose statements match QUERY (full-text, as `search`)
    /// and prints each as a tree, like `cargo tree`: the origin (the first
    /// link of the statements' chains: a person, an outlet, "unnamed
    /// sources"), the relays, the agency whose story a page copied, and every
    /// page that carried the claim, earliest first. Exit code 1 when nothing
    /// matches.
    Trace(TraceArgs),
    /// Export the provenance graph: parties, outlets and who passed what to whom.
    ///
    /// Nodes are parties (people, governments, anonymous sources…) and outlets
    /// (one node for "Reuters" and "reuters.com"); edges are hops of
    /// statements (`relayed`, `wire`, `published`) with how many statements
    /// and claims take them and when first. Scope: `--claim ID`, `--query Q`
    /// (the claims `trace` finds), `--entity NAME` (the claims of statements
    /// attributed to it), or the whole store. Formats: JSON, CSV (edges on
    /// stdout; with `--out DIR`, nodes.csv and edges.csv), GraphML (Gephi,
    /// Cytoscape) and DOT (Graphviz).
    Export(ExportArgs),
    /// Score sourcetrace against an annotated corpus.
    Eval(EvalArgs),
    /// Train a model from an annotated corpus.
    Train(TrainArgs),
}

#[derive(Debug, Args)]
pub(crate) struct TrainArgs {
    #[command(subcommand)]
    pub(crate) what: TrainWhat,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TrainWhat {
    /// Train the attribution tagger on PolNeAR train, stopping early on dev.
    ///
    /// Reads `DIR/train` and `DIR/dev` (brat gold), trains the cue and source
    /// chain and then the content chain with a structured averaged perceptron,
    /// prints per-epoch dev scores to stderr, scores the finished model on
    /// dev exactly as `eval polnear` does, records those scores in the model
    /// header, and writes the model file. With the same seed the file is
    /// identical byte for byte.
    Attribution(TrainAttributionArgs),
    /// Train the part-of-speech tagger on the silver CoreNLP tags of PolNeAR.
    ///
    /// Reads `DIR/train/text` and `DIR/corenlp/train/*.tokens.tsv` (dev for
    /// early stopping), aligns each CoreNLP tag to our own tokens (a token
    /// takes the tag of the CoreNLP token it starts in), trains a greedy
    /// averaged perceptron, and writes the model file. The tags are machine
    /// output: the tagger is a feature source for the attribution model.
    Pos(TrainPosArgs),
}

#[derive(Debug, Args)]
pub(crate) struct TrainPosArgs {
    /// The PolNeAR folder (with `train/`, `dev/` and `corenlp/`).
    #[arg(long, value_name = "DIR")]
    pub(crate) polnear: PathBuf,

    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/pos.stm")]
    pub(crate) out: PathBuf,

    /// Seed for shuffling the training articles.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,

    /// The most epochs.
    #[arg(long, default_value_t = 8)]
    pub(crate) max_epochs: usize,
}

#[derive(Debug, Args)]
pub(crate) struct TrainAttributionArgs {
    /// The PolNeAR folder (with `train/` and `dev/`).
    #[arg(long, value_name = "DIR")]
    pub(crate) polnear: PathBuf,

    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "models/attribution.stm")]
    pub(crate) out: PathBuf,

    /// Seed for shuffling the training paragraphs.
    #[arg(long, default_value_t = 1)]
    pub(crate) seed: u64,

    /// The POS model whose tags the attribution model learns from (train it
    /// first with `sourcetrace train pos`); it is shipped next to the model.
    #[arg(long, value_name = "FILE", default_value = "models/pos.stm")]
    pub(crate) pos: PathBuf,

    /// The most epochs per pass.
    #[arg(long, default_value_t = 30)]
    pub(crate) max_epochs: usize,

    /// Stop a pass after this many epochs without a better dev score.
    #[arg(long, default_value_t = 3)]
    pub(crate) patience: usize,

    /// Decoding biases (pass-1 cue, pass-1 source, pass-2 content, pass-2
    /// source) to use instead of searching them on dev. The search is a
    /// local coordinate ascent that depends on the linking code; a model's
    /// header records the biases it ships with, so giving them here
    /// reproduces that file after the linking has changed.
    #[arg(
        long,
        value_name = "A,B,C,D",
        value_delimiter = ',',
        allow_hyphen_values = true
    )]
    pub(crate) biases: Option<Vec<f32>>,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Human-readable, one attribution a line (colour on a terminal).
    Text,
    /// One JSON document object (an array of them for several inputs).
    Json,
    /// One JSON document object per line.
    Jsonl,
}

/// The attribution extractor to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Model {
    /// The trained tagger shipped in models/attribution.stm, with linking.
    Trained,
    /// Hand-written rules over tokens and quotations.
    Rules,
}

/// The inputs and output of a command that reads articles.
#[derive(Debug, Args)]
pub(crate) struct InputArgs {
    /// Inputs: files, directories (read recursively), glob patterns, or `-`
    /// for standard input (the default when it is not a terminal). Each may
    /// be plain text, an HTML page, JSON lines, an RSS/Atom feed, a WARC
    /// archive, a CSV file with a header row or Reuters-21578 SGML,
    /// gzip-compressed or not; the format is recognised from the content.
    #[arg(value_name = "PATH")]
    pub(crate) paths: Vec<PathBuf>,

    /// Read every input as this format instead of detecting it: text, html,
    /// jsonl, feed, warc, csv or sgml.
    #[arg(long, value_name = "FORMAT", value_parser = parse_input_format)]
    pub(crate) input_format: Option<sourcetrace_ingest::Format>,

    /// Publication date of the article(s), YYYY-MM-DD; else taken from the
    /// page's or the input's metadata, else inferred from the text.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub(crate) published: Option<String>,

    /// Replace invalid UTF-8 in plain text with U+FFFD instead of rejecting the input.
    #[arg(long)]
    pub(crate) lossy: bool,

    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub(crate) jobs: Option<usize>,

    /// Print each document as soon as it is done instead of in input order.
    #[arg(long)]
    pub(crate) unordered: bool,

    /// Stop at the first input or record that fails.
    #[arg(long)]
    pub(crate) fail_fast: bool,

    /// Skip (with an error) any record larger than this many megabytes.
    #[arg(long, value_name = "MB", default_value_t = 64)]
    pub(crate) max_record_mb: u64,

    /// No progress bar on stderr.
    #[arg(long, short = 'q')]
    pub(crate) quiet: bool,
}

fn parse_input_format(name: &str) -> Result<sourcetrace_ingest::Format, String> {
    name.parse()
        .map_err(|e: sourcetrace_ingest::UnknownFormat| e.to_string())
}

#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,

    /// Which extractor finds the attributions.
    #[arg(long, value_enum, default_value = "trained")]
    pub(crate) model: Model,

    /// Colour in text output: auto (on a terminal), always or never.
    #[arg(long, value_enum, default_value = "auto")]
    pub(crate) color: ColorChoice,

    /// Skip source resolution: sources keep the names their mentions give
    /// ("he", "the envoy"), chains keep only the relays the extractor found,
    /// and `entities` stays empty. Faster when only the spans matter.
    #[arg(long)]
    pub(crate) no_resolve: bool,
}

/// When to colour text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when stdout is a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Args)]
pub(crate) struct TimesArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

/// The corpus a command reads or writes.
#[derive(Debug, Args)]
pub(crate) struct StoreArg {
    /// The store: a SQLite file (`FILE` or `sqlite:FILE`, created if absent)
    /// or a PostgreSQL URL (`postgres://user@host/db`).
    #[arg(
        long,
        value_name = "PATH|URL",
        default_value = "sourcetrace.db",
        env = "SOURCETRACE_DB"
    )]
    pub(crate) db: String,
}

/// Parse a source kind by its JSON name (`anonymous`, `person` …).
fn source_kind_parser() -> impl clap::builder::TypedValueParser<Value = sourcetrace_core::SourceKind>
{
    use clap::builder::TypedValueParser;
    use sourcetrace_core::SourceKind;
    clap::builder::PossibleValuesParser::new(SourceKind::ALL.map(SourceKind::as_str))
        .map(|name| SourceKind::from_name(&name).unwrap_or(SourceKind::Unknown))
}

#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// Words to find (all of them, stemmed).
    pub(crate) query: String,

    #[command(flatten)]
    pub(crate) store: StoreArg,

    /// The most results of each type.
    #[arg(long, default_value_t = 20)]
    pub(crate) limit: usize,

    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

#[derive(Debug, Args)]
pub(crate) struct SourcesArgs {
    /// Only sources of this kind.
    #[arg(long, value_parser = source_kind_parser())]
    pub(crate) kind: Option<sourcetrace_core::SourceKind>,

    /// Only statements carried by this outlet.
    #[arg(long)]
    pub(crate) outlet: Option<String>,

    #[command(flatten)]
    pub(crate) store: StoreArg,

    /// The most sources listed (most cited first).
    #[arg(long, default_value_t = 50)]
    pub(crate) limit: usize,

    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

#[derive(Debug, Args)]
pub(crate) struct TimelineArgs {
    /// The entity's canonical name, as `entities` gives it ("Vladimir Putin"; case does not matter).
    pub(crate) entity: String,

    #[command(flatten)]
    pub(crate) store: StoreArg,

    /// Output format [default: text on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

#[derive(Debug, Args)]
pub(crate) struct StoryArgs {
    /// A document id (or story id); none lists the largest stories.
    #[arg(value_name = "ID")]
    pub(crate) id: Option<i64>,

    /// Find the stored copies of this article (a file of any input format,
    /// or `-`; an HTML page is reduced to its body).
    #[arg(long, value_name = "FILE", conflicts_with = "id")]
    pub(crate) like: Option<PathBuf>,

    /// When listing, only stories of at least this many documents.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub(crate) min_size: usize,

    /// When listing, at most this many stories.
    #[arg(long, default_value_t = 20)]
    pub(crate) limit: usize,

    #[command(flatten)]
    pub(crate) store: StoreArg,

    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

#[derive(Debug, Args)]
pub(crate) struct TraceArgs {
    /// Words the claim's statements contain (all required).
    pub(crate) query: String,

    /// At most this many claims, best match first.
    #[arg(long, default_value_t = 5)]
    pub(crate) limit: usize,

    #[command(flatten)]
    pub(crate) store: StoreArg,

    #[arg(long, value_enum)]
    pub(crate) format: Option<Format>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum GraphFormat {
    Json,
    Csv,
    Graphml,
    Dot,
}

#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// Only this claim.
    #[arg(long, value_name = "ID", conflicts_with_all = ["query", "entity"])]
    pub(crate) claim: Option<i64>,

    /// Only the claims whose statements match (as `trace`).
    #[arg(long, value_name = "QUERY", conflicts_with = "entity")]
    pub(crate) query: Option<String>,

    /// Only the claims of statements attributed to this entity.
    #[arg(long, value_name = "NAME")]
    pub(crate) entity: Option<String>,

    /// With `--query`, at most this many claims.
    #[arg(long, default_value_t = 50)]
    pub(crate) limit: usize,

    /// The graph format.
    #[arg(long = "to", value_enum, default_value = "json")]
    pub(crate) to: GraphFormat,

    /// Write here instead of stdout (a directory for CSV: nodes.csv and edges.csv).
    #[arg(long, value_name = "PATH")]
    pub(crate) out: Option<PathBuf>,

    #[command(flatten)]
    pub(crate) store: StoreArg,
}

#[derive(Debug, Args)]
pub(crate) struct IngestArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,

    #[command(flatten)]
    pub(crate) store: StoreArg,

    /// Which extractor finds the attributions.
    #[arg(long, value_enum, default_value = "trained")]
    pub(crate) model: Model,

    /// Documents written per transaction.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub(crate) batch: usize,

    /// Link copies and claims once, at the end of the run, instead of as
    /// each batch is stored.
    ///
    /// Faster for a large load: linking as documents arrive files every
    /// band key where it falls in a large index, while at the end they are
    /// linked in memory (2.5 GB at most for a million documents) and written
    /// in order. Same stories and claims. Until the run ends the new
    /// documents are not in stories: a run killed before then leaves them to
    /// the next `ingest`, which links them.
    #[arg(long)]
    pub(crate) bulk: bool,
}

#[derive(Debug, Args)]
pub(crate) struct EvalArgs {
    #[command(subcommand)]
    pub(crate) corpus: EvalCorpus,
}

#[derive(Debug, Subcommand)]
pub(crate) enum EvalCorpus {
    /// Attribution accuracy on PolNeAR (brat standoff gold).
    ///
    /// DIR is a PolNeAR folder with `<split>/text` and `<split>/attributions`
    /// (or one split folder). Each `.txt` is extracted without looking at the
    /// gold, then scored exactly as the reference `polnear_score.py` does: per
    /// role exact, overlap and proportional P/R/F1, Citron-style anchored
    /// scores, and whole-attribution matching; plus articles per second.
    Polnear(PolnearArgs),
    /// Time expressions on TempEval-3 TimeML (Task A).
    ///
    /// Reads every `.tml` file under DIR (recursively), tags the text of each
    /// (the publication date comes from `<DCT>`; the gold TIMEX3 tags are
    /// never looked at), and prints strict and relaxed extent P/R/F1, type
    /// and value accuracy and F1 as `te3_score.py` computes them, per
    /// subdirectory and overall, with documents per second. Files whose
    /// `<TEXT>` holds no TIMEX3 are raw input: they are tagged (and written)
    /// and reported as having no gold to score.
    Tempeval(TempevalArgs),
    /// Source resolution against hand labels ("he" → the right person).
    ///
    /// LABELS is a TSV of source mentions with the party each refers to (see
    /// testdata/resolution/README.md). The mentions are taken from the
    /// PolNeAR gold sources of each labelled document, so that resolution is
    /// measured on its own, apart from extraction; the resolver sees every
    /// gold source of the document in text order and never the labels.
    Resolution(ResolutionArgs),
    /// Article-body extraction from HTML pages (Article Extraction Benchmark).
    ///
    /// DIR holds `html/<id>.html.gz` (or `.html`) pages and optionally
    /// `ground-truth.json` (`{"<id>": {"articleBody": "…"}}`). Each page is
    /// decoded and its body and metadata extracted without looking at the
    /// ground truth; with a ground truth, F1, precision, recall and accuracy
    /// are printed exactly as `aeb_score.py` computes them (4-token shingles
    /// of `\w+` tokens, per-page averages), with pages per second and how
    /// often the headline, publication date and outlet were found. Without
    /// one, the run still succeeds (exit code 0).
    Extraction(ExtractionArgs),
    /// Claim clustering of article bodies, scored with B-cubed.
    ///
    /// DIR holds `bodies.csv` (`Body ID,articleBody`) and `claim_clusters.tsv`
    /// (`body_id<TAB>cluster`). The bodies are clustered by the claim they
    /// discuss without looking at the gold, then B-cubed precision, recall and
    /// F1 are printed with the number of clusters found and bodies per second.
    Clusters(crate::eval_clusters::ClustersArgs),
}

#[derive(Debug, Args)]
pub(crate) struct ExtractionArgs {
    /// The corpus folder (with `html/` and optionally `ground-truth.json`).
    pub(crate) dir: PathBuf,

    /// Write the extracted bodies as `{"<id>": {"articleBody": "…"}}`.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_predictions: Option<PathBuf>,

    /// Output format: text (one line of figures and a coverage line) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct ResolutionArgs {
    /// The label file.
    pub(crate) labels: PathBuf,

    /// The PolNeAR folder the labels point into.
    #[arg(long)]
    pub(crate) polnear: PathBuf,

    /// Which split the labels come from.
    #[arg(long, default_value = "dev")]
    pub(crate) split: String,

    /// Output format: text (a table and every error) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct TempevalArgs {
    /// A folder of TimeML `.tml` files (searched recursively).
    pub(crate) dir: PathBuf,

    /// Write each tagged file as TimeML, same text, our TIMEX3 tags inline, under OUT_DIR.
    #[arg(long, value_name = "OUT_DIR")]
    pub(crate) write: Option<PathBuf>,

    /// Output format: text (a table) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

#[derive(Debug, Args)]
pub(crate) struct PolnearArgs {
    /// The PolNeAR folder.
    pub(crate) dir: PathBuf,

    /// Which split to score (train, dev, test).
    #[arg(long, default_value = "dev")]
    pub(crate) split: String,

    /// Output format: text (a table) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,

    /// Write the predictions in the reference scorer's JSON format.
    #[arg(long, value_name = "FILE")]
    pub(crate) write_predictions: Option<PathBuf>,

    /// Match spans exactly as written, without trimming punctuation at the ends.
    #[arg(long)]
    pub(crate) strict: bool,

    /// Which extractor finds the attributions.
    #[arg(long, value_enum, default_value = "trained")]
    pub(crate) model: Model,
}
