//! Page metadata from `<meta>` tags, OpenGraph, and schema.org JSON-LD.
//!
//! Traps of the domain:
//! - JSON-LD comes as one object, an array, or a `@graph` array; the article
//!   node is the first whose `@type` (a string or an array) names an article
//!   kind (`NewsArticle`, `Article`, `ReportageNewsArticle`, `BlogPosting`, …).
//! - `author` is a string, an object with `name`, or an array of either.
//! - `publisher` may be an object whose name is the outlet, or only an `@id`
//!   pointing to an `Organization` elsewhere in the graph.
//! - Dates are kept as found; the parsed value is filled only when the string
//!   is an RFC 3339 / ISO 8601 date-time or date (with or without offset).
//! - Without any explicit outlet, the outlet is the registrable part of the
//!   URL's host (`www.example.co.uk` gives `example.co.uk`), not a brand name.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use dom_query::Document;
use serde_json::Value;

/// A date or date-time as the page states it, with its parsed value when parseable.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PageDate {
    /// The string exactly as found (trimmed).
    pub raw: String,
    /// The parsed value; a date alone is taken at midnight UTC; a date-time
    /// without offset is taken as UTC.
    pub parsed: Option<DateTime<FixedOffset>>,
}

impl PageDate {
    /// Keep `raw` and parse it when it is an ISO 8601 / RFC 3339 / RFC 2822 form.
    pub fn new(raw: &str) -> Self {
        let raw = raw.trim().to_string();
        let parsed = parse_date(&raw);
        Self { raw, parsed }
    }
}

fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let utc = FixedOffset::east_opt(0)?;
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, f) {
            return Some(d);
        }
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, f) {
            return d.and_local_timezone(utc).single();
        }
    }
    let day = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|d| d.and_local_timezone(utc).single())
}

/// What a page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct PageMetadata {
    /// The headline (JSON-LD `headline`, `og:title`, `twitter:title`, or `<title>`).
    pub headline: Option<String>,
    /// When the article was first published.
    pub published: Option<PageDate>,
    /// When it was last modified.
    pub modified: Option<PageDate>,
    /// Author names in page order, without duplicates.
    pub authors: Vec<String>,
    /// The outlet: JSON-LD publisher, `og:site_name`, or the URL's domain.
    pub outlet: Option<String>,
    /// Whether `outlet` was derived from the URL's domain rather than stated.
    pub outlet_from_domain: bool,
    /// The canonical URL (`<link rel=canonical>`, `og:url`, or the given URL).
    pub canonical_url: Option<String>,
    /// The page's summary (`og:description`, `description`, JSON-LD `description`).
    pub description: Option<String>,
    /// The page language (`<html lang>`, `og:locale`, `content-language`, JSON-LD `inLanguage`).
    pub language: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "Report",
    "ScholarlyArticle",
    "TechArticle",
    "WebPage",
];

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!s.is_empty()).then_some(s)
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Every object in a JSON-LD value: top level, arrays, and `@graph` arrays.
fn nodes<'a>(v: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| nodes(x, out, depth + 1)),
        Value::Object(o) => {
            out.push(v);
            if let Some(g) = o.get("@graph") {
                nodes(g, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Object(o) => o.get("name").and_then(name_of),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
}

fn names_of(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| names_of(x, out)),
        other => out.extend(name_of(other)),
    }
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => clean(s),
        Value::Array(a) => a.iter().find_map(|x| string_of(Some(x))),
        Value::Object(o) => string_of(o.get("@value").or(o.get("name"))),
        _ => None,
    }
}

/// The registrable part of a URL's host: `https://www.news.example.co.uk/a` gives `example.co.uk`.
pub fn domain_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.').to_lowercase();
    if host.is_empty() || !host.contains('.') || host.parse::<std::net::Ipv4Addr>().is_ok() {
        return None;
    }
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    // A second-level public suffix (co.uk, com.br, ne.jp): keep three labels.
    let second = labels[labels.len() - 2];
    let short_tld = labels[labels.len() - 1].len() == 2;
    let generic = [
        "co", "com", "net", "org", "gov", "ac", "edu", "ne", "or", "go",
    ];
    let keep = if short_tld && generic.contains(&second) && labels.len() >= 3 {
        3
    } else {
        2
    };
    Some(labels[labels.len() - keep..].join("."))
}

/// Read the metadata of a parsed page; `url` is where the page came from, if known.
pub(crate) fn read(doc: &Document, url: Option<&str>) -> PageMetadata {
    let meta = |keys: &[&str]| -> Option<String> {
        for key in keys {
            for attr in ["property", "name", "itemprop", "http-equiv"] {
                // `itemprop` holds a list of words ("datePublished dateCreated").
                let op = if attr == "itemprop" { "~=" } else { "=" };
                let sel = doc.select(&format!("meta[{attr}{op}\"{key}\" i]"));
                for node in sel.nodes() {
                    if let Some(c) = node.attr("content").as_deref().and_then(clean) {
                        return Some(c);
                    }
                }
            }
        }
        None
    };

    let mut ld_values = Vec::new();
    for node in doc.select("script[type=\"application/ld+json\" i]").nodes() {
        let text = node.text();
        let text = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        if let Ok(v) = serde_json::from_str::<Value>(text.trim()) {
            ld_values.push(v);
        }
    }
    let mut all = Vec::new();
    for v in &ld_values {
        nodes(v, &mut all, 0);
    }
    let article = ARTICLE_TYPES
        .iter()
        .find_map(|t| all.iter().copied().find(|n| types(n).contains(t)));
    let organization = |id: &str| {
        all.iter()
            .copied()
            .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
            .and_then(|n| n.get("name"))
            .and_then(name_of)
    };

    let mut m = PageMetadata::default();
    let title_tag = doc
        .select("title")
        .nodes()
        .first()
        .and_then(|n| clean(&n.text()));
    m.headline = article
        .and_then(|a| string_of(a.get("headline")).or_else(|| string_of(a.get("name"))))
        .or_else(|| meta(&["og:title", "twitter:title", "headline", "title"]))
        .or(title_tag);

    let ld_date = |key: &str| article.and_then(|a| string_of(a.get(key)));
    m.published = ld_date("datePublished")
        .or_else(|| {
            meta(&[
                "article:published_time",
                "article:published",
                "datePublished",
                "pubdate",
                "publishdate",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "og:published_time",
            ])
        })
        .or_else(|| {
            // Microdata on any element: `<time itemprop="datePublished" datetime=…>`.
            doc.select("[itemprop~=\"datePublished\"]")
                .nodes()
                .iter()
                .find_map(|n| {
                    n.attr("datetime")
                        .or_else(|| n.attr("content"))
                        .as_deref()
                        .and_then(clean)
                        .or_else(|| clean(&n.text()))
                })
        })
        .or_else(|| {
            doc.select("time[datetime]")
                .nodes()
                .first()
                .and_then(|n| n.attr("datetime").as_deref().and_then(clean))
        })
        .map(|s| PageDate::new(&s));
    m.modified = ld_date("dateModified")
        .or_else(|| {
            meta(&[
                "article:modified_time",
                "og:updated_time",
                "dateModified",
                "dcterms.modified",
            ])
        })
        .map(|s| PageDate::new(&s));

    if let Some(a) = article.and_then(|a| a.get("author")) {
        names_of(a, &mut m.authors);
    }
    if m.authors.is_empty() {
        for key in [
            "author",
            "article:author",
            "dc.creator",
            "parsely-author",
            "sailthru.author",
        ] {
            for attr in ["name", "property"] {
                for node in doc.select(&format!("meta[{attr}=\"{key}\" i]")).nodes() {
                    if let Some(c) = node.attr("content").as_deref().and_then(clean) {
                        if !c.starts_with("http") {
                            m.authors.push(c);
                        }
                    }
                }
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    m.authors.retain(|a| seen.insert(a.to_lowercase()));

    let publisher = article.and_then(|a| a.get("publisher")).and_then(|p| {
        name_of(p).or_else(|| p.get("@id").and_then(Value::as_str).and_then(organization))
    });
    m.canonical_url = doc
        .select("link[rel=\"canonical\" i]")
        .nodes()
        .iter()
        .find_map(|n| n.attr("href").as_deref().and_then(clean))
        .filter(|u| u.contains("://"))
        .or_else(|| meta(&["og:url"]))
        .or_else(|| url.and_then(clean));
    m.outlet = publisher.or_else(|| {
        meta(&[
            "og:site_name",
            "application-name",
            "publisher",
            "dc.publisher",
        ])
    });
    if m.outlet.is_none() {
        m.outlet = url
            .and_then(domain_of)
            .or_else(|| m.canonical_url.as_deref().and_then(domain_of));
        m.outlet_from_domain = m.outlet.is_some();
    }

    m.description = meta(&["og:description", "description", "twitter:description"])
        .or_else(|| article.and_then(|a| string_of(a.get("description"))));
    m.language = doc
        .select("html[lang]")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang").as_deref().and_then(clean))
        .or_else(|| meta(&["og:locale", "content-language", "language", "dc.language"]))
        .or_else(|| article.and_then(|a| string_of(a.get("inLanguage"))));
    if let (Some(headline), Some(outlet)) = (m.headline.as_deref(), m.outlet.as_deref()) {
        m.headline = Some(without_site_name(headline, outlet));
    }
    m
}

/// A headline without the site name that `<title>` and `og:title` often
/// carry: "Council delays vote | Harbor Gazette" → "Council delays vote".
/// Only a first or last segment equal to the outlet's name (or its domain)
/// is dropped, so a headline that merely contains a dash is kept whole.
fn without_site_name(headline: &str, outlet: &str) -> String {
    let key = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let site = key(outlet);
    let site_bare = key(outlet
        .trim_start_matches("www.")
        .split('.')
        .next()
        .unwrap_or(outlet));
    let is_site = |segment: &str| {
        let k = key(segment);
        !k.is_empty() && (k == site || k == site_bare)
    };
    for sep in [" | ", " — ", " – ", " - ", " :: ", " · "] {
        if let Some((head, tail)) = headline.rsplit_once(sep) {
            if is_site(tail) && !head.trim().is_empty() {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = headline.split_once(sep) {
            if is_site(head) && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    headline.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_name_leaves_the_headline() {
        let t = |h: &str, o: &str| without_site_name(h, o);
        assert_eq!(
            t("Council delays vote | Harbor Gazette", "Harbor Gazette"),
            "Council delays vote"
        );
        assert_eq!(
            t("Harbor Gazette - Council delays vote", "Harbor Gazette"),
            "Council delays vote"
        );
        assert_eq!(
            t(
                "Council delays vote – harborgazette.com",
                "harborgazette.com"
            ),
            "Council delays vote"
        );
        assert_eq!(
            t("Mayor - the man who stayed", "Harbor Gazette"),
            "Mayor - the man who stayed"
        );
        assert_eq!(t("Harbor Gazette", "Harbor Gazette"), "Harbor Gazette");
    }

    fn meta_of(html: &str) -> PageMetadata {
        read(
            &Document::from(html),
            Some("https://www.example.co.uk/news/1"),
        )
    }

    #[test]
    fn json_ld_graph_with_author_array_and_publisher_reference() {
        let m = meta_of(
            r##"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"Organization","@id":"#org","name":"Harbor Gazette"},
              {"@type":["ReportageNewsArticle"],"headline":"Vote delayed",
               "datePublished":"2026-03-04T09:30:00+01:00",
               "author":[{"@type":"Person","name":"Ana Ruiz"},"Bo Chen"],
               "publisher":{"@id":"#org"}}]}
            </script></head><body></body></html>"##,
        );
        assert_eq!(m.headline.as_deref(), Some("Vote delayed"));
        assert_eq!(m.authors, ["Ana Ruiz", "Bo Chen"]);
        assert_eq!(m.outlet.as_deref(), Some("Harbor Gazette"));
        assert!(!m.outlet_from_domain);
        assert_eq!(m.language.as_deref(), Some("en-GB"));
        let p = m.published.expect("published");
        assert_eq!(p.raw, "2026-03-04T09:30:00+01:00");
        assert_eq!(
            p.parsed.map(|d| d.to_rfc3339()).as_deref(),
            Some("2026-03-04T09:30:00+01:00")
        );
    }

    #[test]
    fn opengraph_and_meta_without_json_ld() {
        let m = meta_of(
            r#"<head><meta property="og:title" content=" Storm  hits coast ">
            <meta property="og:site_name" content="Coastline Wire">
            <meta property="article:published_time" content="2026-01-02">
            <meta name="author" content="Kim Lee">
            <link rel="canonical" href="https://example.co.uk/storm"></head>"#,
        );
        assert_eq!(m.headline.as_deref(), Some("Storm hits coast"));
        assert_eq!(m.outlet.as_deref(), Some("Coastline Wire"));
        assert_eq!(m.authors, ["Kim Lee"]);
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.co.uk/storm")
        );
        assert!(m.published.and_then(|p| p.parsed).is_some());
    }

    #[test]
    fn microdata_dates_with_word_lists() {
        let m = meta_of(
            r#"<meta itemprop="datePublished dateCreated" content="2026-02-01T10:00:00Z">"#,
        );
        assert_eq!(
            m.published.map(|p| p.raw).as_deref(),
            Some("2026-02-01T10:00:00Z")
        );
        let m = meta_of(
            r#"<p>Posted <time itemprop="datePublished" datetime="2026-02-03">3 Feb</time></p>"#,
        );
        assert_eq!(m.published.map(|p| p.raw).as_deref(), Some("2026-02-03"));
    }

    #[test]
    fn outlet_falls_back_to_domain() {
        let m = meta_of("<title>x</title>");
        assert_eq!(m.outlet.as_deref(), Some("example.co.uk"));
        assert!(m.outlet_from_domain);
        assert_eq!(m.headline.as_deref(), Some("x"));
    }

    #[test]
    fn domains() {
        assert_eq!(
            domain_of("https://www.example.com/a").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            domain_of("http://a.b.example.com.br").as_deref(),
            Some("example.com.br")
        );
        assert_eq!(domain_of("http://localhost/x"), None);
        assert_eq!(domain_of(""), None);
    }

    #[test]
    fn unparseable_date_is_kept_raw() {
        let d = PageDate::new(" 20 Nov, 2019 05:47 ");
        assert_eq!(d.raw, "20 Nov, 2019 05:47");
        assert_eq!(d.parsed, None);
    }

    #[test]
    fn malformed_json_ld_is_ignored() {
        let m = meta_of(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", </script><title>t</title>"#,
        );
        assert_eq!(m.headline.as_deref(), Some("t"));
    }
}
