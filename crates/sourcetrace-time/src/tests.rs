//! Golden tests: tricky expressions with their expected extents and values.

use crate::{parse_date, TimeExpression, TimeTagger};

/// Tag `text` against `dct` and render each expression as `text|TYPE|value`.
fn tagged(text: &str, dct: &str) -> Vec<String> {
    let found = TimeTagger::new().tag(text, Some(parse_date(dct).expect("test date")));
    render(text, &found)
}

fn render(text: &str, found: &[TimeExpression]) -> Vec<String> {
    found
        .iter()
        .map(|e| format!("{}|{}|{}", e.span.slice(text), e.kind, e.value))
        .collect()
}

#[test]
fn seed_article_dates() {
    let text = include_str!("../../../testdata/time/afghanistan-excerpt.txt");
    let found = TimeTagger::new().tag(text, None);
    let got = render(text, &found);
    for want in [
        "June|DATE|2021-06",
        "Saturday|DATE|2021-07-17",
        "July 17|DATE|2021-07-17",
        "April|DATE|2021-04",
        "April 20|DATE|2021-04-20",
        "August 31|DATE|2021-08-31",
        "recent weeks|DURATION|PXW",
        "the autumn of 2001|DATE|2001-FA",
        "July 19|DATE|2021-07-19",
    ] {
        assert!(got.iter().any(|g| g == want), "missing {want} in {got:#?}");
    }
    assert!(!got.iter().any(|g| g.starts_with("daily")), "{got:#?}");
}
