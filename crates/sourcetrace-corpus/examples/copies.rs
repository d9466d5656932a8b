//! Group the copies of each story in a CSV of scraped articles and name their
//! origins.
//!
//! ```sh
//! cargo run --release -p sourcetrace-corpus --example copies -- helsinki-2018/articles.csv
//! ```
//!
//! The CSV has the columns `id`, `publisher`, `scrape_time` and `text` (page
//! parts joined with ` ### `). The body is taken as the parts of at least 20
//! words (headlines, bylines, dates and page furniture are shorter); the
//! credited agency comes from the attribution pipeline's syndication notices
//! over the whole page.

use sourcetrace_attrib::{analyze, TrainedExtractor, WithRuleExtras};
use sourcetrace_corpus::{
    agency_key, ClaimClusterer, ClaimConfig, ClaimItem, CopyMeta, DuplicateIndex, OriginReason,
};
use std::collections::BTreeMap;
use std::error::Error;
use std::time::Instant;

fn main() -> Result<(), Box<dyn Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: copies ARTICLES.csv (columns id, publisher, scrape_time, text)")?;
    let extractor = WithRuleExtras::new(TrainedExtractor::embedded()?);
    let mut reader = csv::Reader::from_path(&path)?;
    let mut index = DuplicateIndex::default();
    let mut publishers = Vec::new();
    let mut credited: BTreeMap<String, usize> = BTreeMap::new();
    let start = Instant::now();
    let mut analysis_seconds = 0.0;
    let mut statements: Vec<ClaimItem> = Vec::new();
    for record in reader.records() {
        let record = record?;
        let (id, publisher, time, text) = (&record[0], &record[1], &record[2], &record[3]);
        let parts: Vec<&str> = text.split(" ### ").collect();
        let body: Vec<&str> = parts
            .iter()
            .copied()
            .filter(|p| p.split_whitespace().count() >= 20)
            .collect();
        let t = Instant::now();
        let doc = analyze(&extractor, id, &parts.join("\n\n"));
        analysis_seconds += t.elapsed().as_secs_f64();
        let mut meta = CopyMeta::from_document(&doc);
        meta.outlet = Some(publisher.to_string());
        meta.published = Some(time.to_string());
        if let Some(c) = &meta.credit {
            *credited.entry(c.clone()).or_default() += 1;
        }
        for mut item in ClaimItem::statements(&doc) {
            item.outlet = Some(publisher.to_string());
            item.published = Some(time.to_string());
            statements.push(item);
        }
        index.add(id, &body.join("\n"), meta)?;
        publishers.push(publisher.to_string());
    }
    let seconds = start.elapsed().as_secs_f64();
    let stories = index.stories(2);
    let grouped: usize = stories.iter().map(|s| s.members.len()).sum();
    println!(
        "{} articles, {} groups of 2 or more holding {} articles, {} singletons ({:.2} s, of which analysis {:.2} s)",
        index.len(),
        stories.len(),
        grouped,
        index.len() - grouped,
        seconds,
        analysis_seconds
    );
    println!("syndication credits found: {credited:?}");
    // Per agency: its credited pages (or own pages), how many sit in a group
    // of copies, and how many groups name the agency as origin.
    for agency in ["ap", "reuters", "cnn", "afp"] {
        let pages: Vec<usize> = (0..index.len())
            .filter(|&d| {
                let m = index.meta(d);
                m.credit.as_deref().is_some_and(|c| agency_key(c) == agency)
                    || m.outlet.as_deref().is_some_and(|o| agency_key(o) == agency)
            })
            .collect();
        let grouped = pages
            .iter()
            .filter(|&&d| index.members(d).len() > 1)
            .count();
        let groups: Vec<&sourcetrace_corpus::Story> = stories
            .iter()
            .filter(|s| s.members.iter().any(|m| pages.contains(m)))
            .collect();
        let named = groups
            .iter()
            .filter(|s| s.agency.as_deref().is_some_and(|a| agency_key(a) == agency))
            .count();
        println!(
            "{agency}: {} pages credited to it or on its site, {grouped} of them in a group of copies; {} such groups, {named} naming {agency} as origin",
            pages.len(),
            groups.len()
        );
    }
    // Claims: the attributed statements of every page, clustered.
    let start = Instant::now();
    // Statements are short: a higher threshold than for whole articles.
    let config = ClaimConfig {
        threshold: 0.3,
        ..ClaimConfig::default()
    };
    let claims = ClaimClusterer::new(config).cluster(&statements);
    let widespread: Vec<_> = claims.iter().filter(|c| c.outlets.len() >= 3).collect();
    println!(
        "\n{} statements -> {} claims in {:.2} s; {} carried by 3 or more outlets, {} of which with no named source",
        statements.len(),
        claims.len(),
        start.elapsed().as_secs_f64(),
        widespread.len(),
        widespread.iter().filter(|c| !c.named_source).count(),
    );
    for claim in widespread.iter().take(8) {
        let first = &statements[claim.earliest];
        let named: Vec<&str> = claim
            .sources
            .iter()
            .filter(|s| s.is_named())
            .map(|s| s.name.as_str())
            .take(4)
            .collect();
        let snippet: String = first.text.chars().take(90).collect();
        println!(
            "  {} statements, {} outlets, first {} {} ({}), named sources {:?}: {snippet}",
            claim.members.len(),
            claim.outlets.len(),
            first.outlet.as_deref().unwrap_or("?"),
            first.published.as_deref().unwrap_or("?"),
            first.document,
            named,
        );
    }
    for story in &stories {
        let reason = match story.reason {
            OriginReason::AgencyOwnPage => "agency's own page",
            OriginReason::CreditedAgency => "credited agency",
            OriginReason::Earliest => "earliest",
        };
        let original = story.original;
        println!(
            "\n{} copies  agency {}  original {} {} ({reason}, {})",
            story.members.len(),
            story.agency.as_deref().unwrap_or("-"),
            index.key(original),
            publishers[original],
            index.meta(original).published.as_deref().unwrap_or("?"),
        );
        for &m in &story.members {
            println!(
                "    {:>6}  {:<28} credit {:<12} {}",
                index.key(m),
                publishers[m],
                index.meta(m).credit.as_deref().unwrap_or("-"),
                index.meta(m).published.as_deref().unwrap_or("?"),
            );
        }
    }
    Ok(())
}
