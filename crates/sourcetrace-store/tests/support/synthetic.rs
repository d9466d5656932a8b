//! Synthetic documents for the store's tests, crash helper and benchmark:
//! deterministic in their number, each with a distinct text, and covering
//! every part of the model (direct, reported and unattributed statements,
//! chains, dates, entities with mentions, credits, page metadata) with
//! non-ASCII characters before the spans, so character offsets differ from bytes.

use sourcetrace_core::{
    Attribution, ChainLink, Content, Credit, CreditRole, DateEvidence, DateProvenance, Document,
    Entity, PageMeta, Source, SourceKind, Span, When,
};

const OUTLETS: [&str; 5] = [
    "Harbor Gazette",
    "Valley Courier",
    "Northern Ledger",
    "Daily Beacon",
    "Coastal Times",
];
const PEOPLE: [&str; 7] = [
    "Marta Ilves",
    "Joan Avery",
    "Tomás Ruiz",
    "Li Wen",
    "Ada Okafor",
    "Piet de Vries",
    "Sven Ålund",
];
const TOPICS: [&str; 11] = [
    "bridge", "ferry", "harbour", "railway", "school", "hospital", "tunnel", "airport", "market",
    "library", "stadium",
];
const AGENCIES: [&str; 3] = ["Reuters", "AP", "AFP"];

struct Builder {
    text: String,
}

impl Builder {
    fn push(&mut self, s: &str) -> Span {
        let start = self.text.len();
        self.text.push_str(s);
        Span::new(start, self.text.len())
    }
}

/// The synthetic document number `i`.
pub(crate) fn document(i: u64) -> Document {
    let n = i as usize;
    let outlet = OUTLETS[n % OUTLETS.len()];
    let speaker = PEOPLE[n % PEOPLE.len()];
    let topic = TOPICS[n % TOPICS.len()];
    let agency = AGENCIES[n % AGENCIES.len()];
    let mut b = Builder {
        text: String::new(),
    };
    b.push("Café “Noël” — ");
    b.push("“");
    let quote = b.push(&format!(
        "The {topic} plan will change everything for district {i}"
    ));
    b.push(",” ");
    let speaker_span = b.push(speaker);
    b.push(" ");
    let said = b.push("said");
    b.push(" ");
    let monday = b.push("on Monday");
    b.push(". ");
    let mut direct = Attribution::new(
        said,
        Some(Source::from_span(&b.text, speaker_span, SourceKind::Person)),
        Content {
            span: quote,
            direct: true,
        },
    );
    direct.when = Some(When {
        span: monday,
        value: Some(format!("2021-07-{:02}", 1 + n % 28)),
    });

    let according = b.push("According to");
    b.push(" ");
    let officials = b.push("two officials");
    b.push(", ");
    let budget = b.push(&format!("the {topic} budget rose by {} percent", i % 97));
    b.push(". ");
    let mut reported = Attribution::new(
        according,
        Some(Source::from_span(&b.text, officials, SourceKind::Anonymous)),
        Content {
            span: budget,
            direct: false,
        },
    );
    if i % 3 == 0 {
        reported.chain.push(ChainLink {
            name: Some(agency.to_string()),
            kind: SourceKind::Outlet,
        });
    }
    let mut attributions = vec![direct, reported];
    if i % 2 == 0 {
        let prices = b.push("Ticket prices fell");
        b.push(" ");
        let reportedly = b.push("reportedly");
        b.push(". ");
        attributions.push(Attribution::new(
            reportedly,
            None,
            Content {
                span: prices,
                direct: false,
            },
        ));
    }
    let she = b.push("Ilves’s aide");
    b.push(" was not available. By ");
    let agency_span = b.push(agency);
    b.push(&format!(". № {i} ‘end’."));

    let byline = Credit {
        role: CreditRole::Byline,
        name: agency.to_string(),
        span: agency_span,
    };
    let (published_provenance, published_evidence) = if i % 4 == 0 {
        (
            Some(DateProvenance::Inferred),
            vec![
                DateEvidence {
                    span: Some(monday),
                    reason: "Monday names one day".to_string(),
                },
                DateEvidence {
                    span: None,
                    reason: "the latest year mentioned".to_string(),
                },
            ],
        )
    } else {
        (Some(DateProvenance::Metadata), Vec::new())
    };
    let text = b.text;
    Document {
        id: format!("synthetic-{i}"),
        published: Some(format!("2021-07-{:02}", 1 + n % 28)),
        published_provenance,
        published_evidence,
        attributions,
        syndicated_from: (i % 2 == 0).then(|| byline.clone()),
        credits: vec![byline],
        entities: vec![
            Entity {
                name: speaker.to_string(),
                kind: SourceKind::Person,
                titles: vec![format!("head of the {topic} board")],
                mentions: vec![speaker_span, she],
            },
            Entity {
                name: agency.to_string(),
                kind: SourceKind::Outlet,
                titles: Vec::new(),
                mentions: vec![agency_span],
            },
        ],
        meta: PageMeta {
            origin: Some(format!("synthetic.jsonl#{}", i + 1)),
            title: Some(format!("Story {i}: the {topic} plan")),
            url: Some(format!("https://news.invalid/{i}")),
            outlet: Some(outlet.to_string()),
            author: (i % 5 != 0).then(|| format!("Reporter {}", i % 13)),
            language: Some("en".to_string()),
        },
        text,
    }
}
