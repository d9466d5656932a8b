//! Golden tests (data-driven from `testdata/time/golden.toml`), the seed
//! article, publication date inference, and property tests.

use crate::{infer_publication_date, parse_date, TimeExpression, TimeTagger};
use proptest::prelude::*;
use serde::Deserialize;

fn render(text: &str, found: &[TimeExpression]) -> Vec<String> {
    found
        .iter()
        .map(|e| format!("{}|{}|{}", e.span.slice(text), e.kind, e.value))
        .collect()
}

#[derive(Deserialize)]
struct Golden {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    dct: Option<String>,
    expect: Vec<String>,
}

#[test]
fn golden_cases() {
    let golden: Golden = toml::from_str(include_str!("../../../testdata/time/golden.toml"))
        .expect("golden.toml parses");
    let tagger = TimeTagger::new();
    let mut failures = Vec::new();
    for case in &golden.case {
        let found = match &case.dct {
            Some(d) => tagger.tag(&case.text, Some(parse_date(d).expect("case date"))),
            None => tagger.tag_unanchored(&case.text),
        };
        for e in &found {
            assert_eq!(
                e.span.slice(&case.text).len(),
                e.span.len(),
                "{}: span off char boundaries",
                case.name
            );
        }
        let got = render(&case.text, &found);
        if got != case.expect {
            failures.push(format!(
                "{}\n  want {:?}\n  got  {:?}",
                case.name, case.expect, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

const SEED: &str = include_str!("../../../testdata/time/afghanistan-excerpt.txt");

#[test]
fn seed_article_dates_land_in_2021() {
    let found = TimeTagger::new().tag(SEED, None);
    let got = render(SEED, &found);
    for want in [
        "June|DATE|2021-06",
        "Saturday|DATE|2021-07-17",
        "June 16|DATE|2021-06-16",
        "July 17|DATE|2021-07-17",
        "April|DATE|2021-04",
        "May 21|DATE|2021-05-21",
        "April 20|DATE|2021-04-20",
        "2014|DATE|2014",
        "2013|DATE|2013",
        "August 31|DATE|2021-08-31",
        "nearly two-decade-long|DURATION|P2E",
        "the autumn of 2001|DATE|2001-FA",
        "recent weeks|DURATION|PXW",
        "July 2|DATE|2021-07-02",
        "July 7|DATE|2021-07-07",
        "July 19|DATE|2021-07-19",
    ] {
        assert!(got.iter().any(|g| g == want), "missing {want} in {got:#?}");
    }
    assert!(!got.iter().any(|g| g.starts_with("daily")), "{got:#?}");
}

#[test]
fn seed_article_publication_date() {
    let inferred = infer_publication_date(SEED, &TimeTagger::new()).expect("a date is inferred");
    let earliest = parse_date("2021-07-19").expect("date");
    let latest = parse_date("2021-07-23").expect("date");
    assert!(
        inferred.date >= earliest && inferred.date <= latest,
        "{inferred:#?}"
    );
    assert!(
        inferred.evidence.iter().any(|e| e.reason.contains("Sat")),
        "{inferred:#?}"
    );
    assert_eq!(inferred.basis, crate::InferenceBasis::WeekdayDatePairs);
    for e in &inferred.evidence {
        if let Some(span) = e.span {
            assert!(
                !span.slice(SEED).is_empty(),
                "evidence span {span:?} does not slice"
            );
        }
    }
}

#[test]
fn stated_weekday_date_pair_fixes_the_year() {
    let text = "The summit opened on Saturday, July 17, after talks that began in 2014.";
    let inferred = infer_publication_date(text, &TimeTagger::new()).expect("a date is inferred");
    // told in the past tense: published the day after at the earliest
    assert_eq!(inferred.date.to_string(), "2021-07-18");
}

#[test]
fn an_old_year_is_only_a_lower_bound() {
    let text = "The plant was built in 1972. It closed on March 3 after a fire.";
    let tagger = TimeTagger::new();
    let inferred = infer_publication_date(text, &tagger).expect("a guess");
    assert_eq!(inferred.basis, crate::InferenceBasis::LatestYearMentioned);
    // tagging without a date does not anchor on a lower-bound guess
    let values: Vec<String> = tagger
        .tag(text, None)
        .into_iter()
        .map(|e| e.value)
        .collect();
    assert_eq!(values, ["1972", "XXXX-03-03"]);
}

#[test]
fn no_evidence_no_date() {
    assert_eq!(
        infer_publication_date("Officials met on Saturday.", &TimeTagger::new()),
        None
    );
    assert_eq!(infer_publication_date("", &TimeTagger::new()), None);
}

#[test]
fn parse_date_accepts_the_usual_forms() {
    assert_eq!(
        parse_date("2021-07-20").map(|d| d.to_string()),
        Ok("2021-07-20".to_string())
    );
    assert_eq!(
        parse_date("19980108").map(|d| d.to_string()),
        Ok("1998-01-08".to_string())
    );
    assert_eq!(
        parse_date("1998-03-22T14:57:00").map(|d| d.to_string()),
        Ok("1998-03-22".to_string())
    );
    assert!(parse_date("July 20").is_err());
}

proptest! {
    #[test]
    fn never_panics_and_spans_lie_on_char_boundaries(text in "\\PC{0,80}", days in 0i64..40000) {
        let dct = parse_date("1950-01-01").ok().and_then(|d| d.checked_add_days(chrono::Days::new(days as u64)));
        let tagger = TimeTagger::new();
        for found in [tagger.tag(&text, dct), tagger.tag(&text, None)] {
            let mut last_end = 0;
            for e in &found {
                prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
                prop_assert!(e.span.start < e.span.end && e.span.start >= last_end);
                last_end = e.span.end;
            }
        }
    }

    #[test]
    fn date_like_words_never_panic(words in proptest::collection::vec(prop_oneof![
        Just("the"), Just("last"), Just("next"), Just("Feb."), Just("29"), Just("31"), Just(","), Just("2021"),
        Just("9999"), Just("0000"), Just("Saturday"), Just("a"), Just("year"), Just("ago"), Just("-"), Just("/"),
        Just("12"), Just("p.m."), Just("24:00"), Just("nineteen"), Just("ninety-nine"), Just("two"), Just("thousand"),
        Just("quarter"), Just("of"), Just("fall"), Just("week"), Just("’"), Just("80s"), Just("99999999999999999999"),
        Just("hundred"), Just("thousand"), Just("999999999999"), Just("Q3"), Just("FY99"), Just("2021-07-19T10:00Z"), Just("Mon."),
    ], 0..12)) {
        let text = words.join(" ");
        let found = TimeTagger::new().tag(&text, parse_date("2000-02-29").ok());
        for e in &found {
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        }
    }

    #[test]
    fn composite_and_anaphoric_words_never_panic(words in proptest::collection::vec(prop_oneof![
        Just("the"), Just("day"), Just("before"), Just("after"), Just("week"), Just("of"), Just("Easter"),
        Just("Election"), Just("Day"), Just("Christmas"), Just("same"), Just("that"), Just("since"), Just("until"),
        Just("overnight"), Just("Tuesday"), Just("nights"), Just("and"), Just("or"), Just("later"), Just("beyond"),
        Just("late"), Just("-"), Just("November"), Just("half"), Just("an"), Just("hour"), Just("end"),
        Just("decade"), Just("weekends"), Just("on"), Just("previous"), Just("following"), Just("would"),
        Just("had"), Just("been"), Just("due"), Just("as"), Just("early"), Just("year"), Just("2021"), Just("3"),
        Just("Jan."), Just("at"), Just("10:35"), Just("a.m."), Just("next"), Just("last"), Just("first"),
    ], 0..14), days in 0i64..3_000_000) {
        let text = words.join(" ");
        let dct = parse_date("0001-01-01").ok().and_then(|d| d.checked_add_days(chrono::Days::new(days as u64)));
        let found = TimeTagger::new().tag(&text, dct);
        for e in &found {
            prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
            prop_assert!(!e.value.is_empty());
        }
    }
}

#[test]
fn tagger_is_send_and_sync() {
    fn shareable<T: Send + Sync>() {}
    shareable::<TimeTagger>();
    shareable::<TimeExpression>();
}

#[test]
fn extreme_publication_dates_do_not_panic() {
    let text = "Last week, next year, a decade ago, the 21st century, in 2000 years, \
                next Monday, the weekend, Q4, 999999999999 years ago, this quarter. \
                Easter, the day after Christmas, the week of Dec. 31, overnight, \
                the previous Friday, the following week, since year-end.";
    let tagger = TimeTagger::new();
    for dct in ["0001-01-01", "9999-12-31", "2000-02-29", "1900-03-01"] {
        let found = tagger.tag(text, parse_date(dct).ok());
        assert!(!found.is_empty(), "{dct}");
        for e in &found {
            assert!(
                !e.value.is_empty(),
                "{dct}: empty value for {:?}",
                e.span.slice(text)
            );
        }
    }
}

#[test]
fn a_date_line_near_the_top_fixes_the_publication_date() {
    let tagger = TimeTagger::new();
    let text = "Trump Plays Golf Before Summit\n\nBy Reuters\n\nJuly 15, 2018\n\n\
                TURNBERRY, Scotland — Trump played golf on Saturday, officials said.";
    let inferred = tagger.infer(text).expect("inferred");
    assert_eq!(inferred.date.to_string(), "2018-07-15");
    assert_eq!(inferred.basis, crate::InferenceBasis::DateLine);
    let saturday = tagger
        .tag(text, None)
        .into_iter()
        .find(|t| t.span.slice(text) == "Saturday")
        .expect("Saturday");
    assert_eq!(saturday.value, "2018-07-14");
    // A date inside a sentence is no date line.
    let prose = "Officials said on July 15, 2018 that the talks had ended without a deal.";
    assert_ne!(
        tagger.infer(prose).map(|i| i.basis),
        Some(crate::InferenceBasis::DateLine)
    );
}
