//! `sourcetrace eval clusters DIR`: claim clustering of article bodies,
//! scored with B-cubed against a gold grouping.

use crate::cli::{Format, Model};
use crate::extract::extractor;
use anyhow::{bail, Context, Result};
use clap::Args;
use sourcetrace_corpus::{bcubed, ClaimClusterer, ClaimConfig, ClaimItem};
use std::collections::{HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Args)]
pub(crate) struct ClustersArgs {
    /// A folder with `bodies.csv` (`Body ID,articleBody`) and
    /// `claim_clusters.tsv` (`body_id<TAB>cluster`), as fnc1-claims.
    pub(crate) dir: PathBuf,

    /// Merge two clusters while the mean cosine similarity of their bodies is at least this.
    #[arg(long, default_value_t = ClaimConfig::default().threshold)]
    pub(crate) threshold: f64,

    /// Find the attributed statements first (with this extractor) and weight
    /// their words up; `none` clusters the plain bodies (faster).
    #[arg(long, value_enum, default_value = "trained")]
    pub(crate) statements: StatementModel,

    /// Output format: text (a table) or json.
    #[arg(long, value_enum, default_value = "text")]
    pub(crate) format: Format,
}

/// Which extractor finds the statements whose words weigh more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum StatementModel {
    /// No statements: bodies only.
    None,
    /// The trained tagger.
    Trained,
    /// The rule extractor.
    Rules,
}

struct Body {
    id: String,
    text: String,
}

fn read_bodies(path: &Path) -> Result<Vec<Body>> {
    let mut reader =
        csv::Reader::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bodies = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: record {}", path.display(), i + 1))?;
        let (Some(id), Some(text)) = (record.get(0), record.get(1)) else {
            bail!(
                "{}: record {} has fewer than two fields",
                path.display(),
                i + 1
            );
        };
        bodies.push(Body {
            id: id.trim().to_string(),
            text: text.to_string(),
        });
    }
    Ok(bodies)
}

fn read_gold(path: &Path) -> Result<HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .from_path(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    let mut gold = HashMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: line {}", path.display(), i + 2))?;
        let (Some(id), Some(cluster)) = (record.get(0), record.get(1)) else {
            bail!(
                "{}: line {} has fewer than two fields",
                path.display(),
                i + 2
            );
        };
        gold.insert(id.trim().to_string(), cluster.trim().to_string());
    }
    Ok(gold)
}

pub(crate) fn run(args: ClustersArgs) -> Result<ExitCode> {
    let bodies = read_bodies(&args.dir.join("bodies.csv"))?;
    let start = Instant::now();
    let items: Vec<ClaimItem> = match args.statements {
        StatementModel::None => bodies
            .iter()
            .map(|b| ClaimItem {
                document: b.id.clone(),
                text: b.text.clone(),
                ..ClaimItem::default()
            })
            .collect(),
        StatementModel::Trained | StatementModel::Rules => {
            let model = if args.statements == StatementModel::Rules {
                Model::Rules
            } else {
                Model::Trained
            };
            let extractor = extractor(model)?;
            bodies
                .iter()
                .map(|b| {
                    ClaimItem::article(&sourcetrace_attrib::analyze(
                        extractor.as_ref(),
                        &b.id,
                        &b.text,
                    ))
                })
                .collect()
        }
    };
    let config = ClaimConfig {
        threshold: args.threshold,
        ..ClaimConfig::default()
    };
    let labels = ClaimClusterer::new(config).labels(&items);
    let seconds = start.elapsed().as_secs_f64();

    // Only now look at the gold.
    let gold = read_gold(&args.dir.join("claim_clusters.tsv"))?;
    let mut predicted = Vec::new();
    let mut expected = Vec::new();
    let mut unscored = 0usize;
    for (body, label) in bodies.iter().zip(&labels) {
        match gold.get(&body.id) {
            Some(g) => {
                predicted.push(*label);
                expected.push(g.as_str());
            }
            None => unscored += 1,
        }
    }
    if predicted.is_empty() {
        bail!("no body of bodies.csv has a gold cluster in claim_clusters.tsv");
    }
    let score = bcubed(&predicted, &expected);
    let found = predicted.iter().collect::<HashSet<_>>().len();
    let gold_clusters = expected.iter().collect::<HashSet<_>>().len();
    let per_second = bodies.len() as f64 / seconds.max(1e-9);

    let mut out = io::stdout().lock();
    match args.format {
        Format::Json | Format::Jsonl => {
            let report = serde_json::json!({
                "bodies": bodies.len(),
                "scored": predicted.len(),
                "unscored": unscored,
                "threshold": args.threshold,
                "statements": format!("{:?}", args.statements).to_lowercase(),
                "clusters": found,
                "gold_clusters": gold_clusters,
                "bcubed": {
                    "precision": score.precision,
                    "recall": score.recall,
                    "f1": score.f1,
                },
                "seconds": seconds,
                "bodies_per_second": per_second,
            });
            writeln!(out, "{report}")?;
        }
        Format::Text => {
            writeln!(
                out,
                "bodies {}  scored {}  unscored {}  threshold {}",
                bodies.len(),
                predicted.len(),
                unscored,
                args.threshold
            )?;
            writeln!(out, "clusters found {found}  gold {gold_clusters}")?;
            writeln!(out, "B-cubed   precision  recall     F1")?;
            writeln!(
                out,
                "          {:.4}     {:.4}     {:.4}",
                score.precision, score.recall, score.f1
            )?;
            writeln!(out, "{per_second:.0} bodies/s ({seconds:.2} s)")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
