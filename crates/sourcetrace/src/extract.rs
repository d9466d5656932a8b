//! `sourcetrace extract`: read articles, find attributions, print documents.

use crate::batch;
use crate::cli::{ColorChoice, ExtractArgs, Model};
use crate::output;
use crate::pipeline::Pipeline;
use anyhow::{Context, Result};
use sourcetrace_attrib::{Extractor, RuleExtractor, TrainedExtractor, WithRuleExtras};
use std::io::{self, IsTerminal};
use std::process::ExitCode;

/// Choose the extractor for `--model`.
pub(crate) fn extractor(model: Model) -> Result<Box<dyn Extractor>> {
    Ok(match model {
        Model::Rules => Box::new(RuleExtractor::new()),
        Model::Trained => Box::new(WithRuleExtras::new(
            TrainedExtractor::embedded()
                .context("the embedded model models/attribution.stm cannot be loaded")?,
        )),
    })
}

pub(crate) fn run(args: ExtractArgs) -> Result<ExitCode> {
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let mut pipeline = Pipeline::new(extractor(args.model)?);
    if args.no_resolve {
        pipeline = pipeline.without_resolution();
    }
    batch::run(
        &args.input,
        args.format,
        "extract",
        |article| pipeline.document(article).to_json(),
        |out, doc| output::write_text(out, doc, color),
    )
}
