//! News-specific cleanup around the body extractor.
//!
//! Before extraction, on the markup ([`strip_furniture`]): captions and photo
//! credits, share widgets, newsletter boxes, "related"/"recommended" blocks,
//! tag lists, bylines and datelines are removed when their class or id says
//! so and they are small next to the page's text (a wrapper whose class
//! happens to contain "share" must not take the article with it).
//!
//! After extraction, on the paragraphs ([`clean_paragraphs`]): lines that are
//! only furniture ("Advertisement", "Read more", "Share this"), photo credits,
//! bylines and bare dates are dropped; a trailing "Related" / "You may also
//! like" section is cut; the headline repeated at the top is dropped;
//! whitespace is collapsed and paragraphs are joined with blank lines.

use dom_query::{Document, NodeRef};

/// Class or id tokens that mark page furniture rather than article text.
const FURNITURE_TOKENS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "recommended",
    "recommendations",
    "outbrain",
    "taboola",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "tags",
    "breadcrumb",
    "breadcrumbs",
    "byline",
    "caption",
    "credit",
    "credits",
    "dateline",
    "timestamp",
    "popular",
    "trending",
    "readmore",
    "bio",
    "author",
    "authors",
    "prev",
    "previous",
    "next",
    "pagination",
    "comments",
    "comment",
    "reply",
    "respond",
    "sidebar",
    "widget",
    "footer",
    "nav",
    "menu",
    "meta",
    "category",
    "categories",
];

fn tokens(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
}

fn is_furniture_name(node: &NodeRef) -> bool {
    let mut names = String::new();
    if let Some(c) = node.class() {
        names.push_str(&c);
    }
    names.push(' ');
    if let Some(i) = node.id_attr() {
        names.push_str(&i);
    }
    let found = tokens(&names).any(|t| FURNITURE_TOKENS.contains(&t.as_str()));
    found
}

fn text_len(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Characters of `node`'s text that lie in paragraphs.
fn paragraph_text_len(node: &NodeRef) -> usize {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("p")))
        .map(|p| text_len(&p))
        .sum()
}

fn link_text_len(node: &NodeRef) -> usize {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("a")))
        .map(|a| text_len(&a))
        .sum()
}

fn link_count(node: &NodeRef) -> usize {
    node.descendants_it()
        .filter(|d| d.node_name().is_some_and(|n| n.eq_ignore_ascii_case("a")))
        .count()
}

/// Remove captions, share widgets, newsletter boxes, related blocks and
/// similar furniture from `doc`, in place; `description` is the page's
/// summary, which as a heading is a standfirst, not article text.
pub(crate) fn strip_furniture(doc: &Document, description: Option<&str>) {
    // Scripts and styles hold no article text, and their length would make
    // every block look small next to the page.
    doc.select("script, style, noscript, template, svg")
        .remove();
    // Block boundaries the markup leaves implicit (`</p><p>`) become line
    // breaks, so that paragraphs never run together in the extracted text.
    for node in doc
        .select("body p, body h1, body h2, body h3, body h4, body h5, body h6, body li, body blockquote, body div, body td, body br")
        .nodes()
    {
        node.after_html("\n");
    }
    // What the reader never sees.
    doc.select("body [hidden], body [aria-hidden=\"true\"]")
        .remove();
    for node in doc.select("body [style]").nodes() {
        let style: String = node
            .attr("style")
            .map(|s| {
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_lowercase()
            })
            .unwrap_or_default();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            node.remove_from_parent();
        }
    }
    // Pop-up cards inside a paragraph: a span of several links (innermost first,
    // so that the link the card hangs on stays in the text).
    let spans: Vec<NodeRef> = doc.select("body p span").nodes().to_vec();
    for node in spans.iter().rev() {
        let len = text_len(node);
        if len > 0 && link_count(node) >= 2 && link_text_len(node) * 10 >= len * 8 {
            node.remove_from_parent();
        }
    }
    let total = doc
        .select("body")
        .nodes()
        .first()
        .map_or(0, text_len)
        .max(1);
    doc.select("figcaption").remove();
    for node in doc.select("figure").nodes() {
        if text_len(node) < 400 {
            node.remove_from_parent();
        }
    }
    let paragraphs = doc
        .select("body")
        .nodes()
        .first()
        .map_or(0, paragraph_text_len)
        .max(1);
    // Small next to the page, and holding little of its paragraph text.
    let small =
        |node: &NodeRef| text_len(node) * 4 < total && paragraph_text_len(node) * 5 < paragraphs;
    let candidates: Vec<NodeRef> = doc
        .select("body *[class], body *[id]")
        .nodes()
        .iter()
        .filter(|n| is_furniture_name(n))
        .cloned()
        .collect();
    for node in candidates {
        let name = node
            .node_name()
            .map(|n| n.to_lowercase())
            .unwrap_or_default();
        if matches!(name.as_str(), "body" | "html" | "article" | "main") {
            continue;
        }
        if small(&node) {
            node.remove_from_parent();
        }
    }
    // Teasers: a paragraph or heading that is (almost) all link.
    for node in doc
        .select("body p, body h2, body h3, body h4, body h5, body h6")
        .nodes()
    {
        let len = text_len(node);
        if len > 0 && len < 300 && link_text_len(node) * 10 >= len * 8 {
            node.remove_from_parent();
        }
    }
    // Lists of links to other stories.
    for node in doc.select("body ul, body ol").nodes() {
        let len = text_len(node);
        if len > 0 && link_count(node) >= 3 && link_text_len(node) * 10 >= len * 6 {
            node.remove_from_parent();
        }
    }
    for node in doc
        .select("body div, body section, body aside, body table")
        .nodes()
    {
        let len = text_len(node);
        if len > 0 && small(node) && link_count(node) >= 4 && link_text_len(node) * 10 >= len * 7 {
            node.remove_from_parent();
        }
    }
    // A heading that repeats the page's description is a standfirst.
    if let Some(d) = description.map(normalize_line).filter(|d| !d.is_empty()) {
        for node in doc
            .select("body h2, body h3, body h4, body h5, body h6")
            .nodes()
        {
            if normalize_line(&node.text()) == d {
                node.remove_from_parent();
            }
        }
    }
}

fn normalize_line(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines that are only page furniture, compared lowercased without trailing punctuation.
const FURNITURE_LINES: &[&str] = &[
    "advertisement",
    "advert",
    "ad",
    "sponsored",
    "story continues below",
    "story continues below advertisement",
    "continue reading",
    "continue reading below",
    "read more",
    "read more here",
    "see more",
    "show more",
    "load more",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "like this story? share it with a friend",
    "click to share",
    "tweet",
    "email",
    "print",
    "comments",
    "comment",
    "tags",
    "related",
    "don't miss",
    "this slideshow requires javascript",
    "sign up",
    "subscribe",
    "back to gallery",
    "back to top",
    "leave a reply",
    "leave a comment",
    "cancel reply",
    "you must be logged in to post a comment",
    "order reprints",
    "print article",
    "text size",
    "breaking news",
    "skip to main content",
    "skip to content",
];

/// Prefixes of lines that point to another story ("READ MORE: …").
const TEASER_PREFIXES: &[&str] = &[
    "read more:",
    "see more:",
    "read also:",
    "also read:",
    "related:",
    "more:",
    "watch:",
    "click here to",
    "get the",
    "sign up for",
    "subscribe to",
    "follow us on",
    "leia também:",
    "copyright",
    "this document is subject to copyright",
    "all rights reserved",
    "reporting by",
    "(reporting by",
    "additional reporting by",
    "editing by",
    "writing by",
    "compiled by",
    "our standards:",
    "reading time:",
    "tempo de leitura:",
    "veja também:",
];

/// A line pointing to another story: "READ MORE: …", "… [VIDEO]".
fn is_teaser(line: &str) -> bool {
    let l = line.to_lowercase();
    if word_count(line) <= 25 && TEASER_PREFIXES.iter().any(|p| l.starts_with(p)) {
        return true;
    }
    // "Write to Ana Ruiz at ana.ruiz@example.com", a bare address or profile link.
    if word_count(line) <= 12
        && (l.starts_with("write to ") || l.starts_with("contact "))
        && l.contains('@')
    {
        return true;
    }
    if word_count(line) == 1
        && (l.contains('@') || l.starts_with("twitter.com/") || l.starts_with("http"))
    {
        return true;
    }
    // "Follow us on Twitter", "Follow Newsbeat on Instagram, Facebook and YouTube".
    if word_count(line) <= 30
        && l.starts_with("follow ")
        && ["twitter", "facebook", "instagram", "youtube", "linkedin"]
            .iter()
            .any(|s| l.contains(s))
    {
        return true;
    }
    // A trailing tag in capitals: "Headline of another story [INSIGHT]".
    let t = line.trim_end_matches(['|', ' ']);
    if let Some(open) = t.rfind('[') {
        let tag = t[open + 1..].trim_end_matches(']').trim();
        if t.ends_with(']') && !tag.is_empty() && tag.chars().all(|c| c.is_uppercase() || c == ' ')
        {
            return word_count(line) <= 25;
        }
    }
    false
}

/// Headings after which, near the end of a text, only links to other stories follow.
const TRAILER_HEADINGS: &[&str] = &[
    "related",
    "related articles",
    "related stories",
    "related posts",
    "related news",
    "related content",
    "related coverage",
    "you may also like",
    "you might also like",
    "more stories",
    "more from",
    "recommended",
    "recommended for you",
    "most popular",
    "most read",
    "trending",
    "read next",
    "what to read next",
    "further reading",
    "tags",
    "leia também",
    "veja também",
    "lea también",
    "lesen sie auch",
    "explore further",
    "citation",
    "leave a reply",
    "leave a comment",
    "comments",
    "more news",
    "top video",
    "latest stories",
    "our latest stories",
    "à lire aussi",
    "関連記事",
    "читайте также",
];

fn bare(line: &str) -> String {
    line.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ':' | '!' | '…' | '|' | '-' | '»' | '›')
    })
    .to_lowercase()
    .replace('’', "'")
}

/// A heading that opens a list of other stories: "Related", "More Great WIRED Stories".
fn is_trailer_heading(bare: &str) -> bool {
    let words = word_count(bare);
    TRAILER_HEADINGS
        .iter()
        .any(|h| bare == *h || (bare.starts_with(h) && words <= 4))
        || (words <= 6
            && (bare.starts_with("more ") || bare.starts_with("also "))
            && [
                "stories", "news", "articles", "from", "in", "on", "coverage",
            ]
            .iter()
            .any(|w| bare.split_whitespace().any(|x| x == *w)))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A photo credit or caption tail: "© Reuters", "Photo: AP", "[File: Reuters]".
fn is_credit(line: &str) -> bool {
    let l = line.to_lowercase();
    let short = word_count(line) <= 12;
    (short
        && (l.starts_with('©')
            || l.starts_with("(c)")
            || l.starts_with("photo:")
            || l.starts_with("image:")
            || l.starts_with("photo by")
            || l.starts_with("picture:")
            || l.starts_with("credit:")
            || l.starts_with("image source")
            || l.starts_with("getty images")))
        || (word_count(line) <= 40
            && (l.ends_with("[file: reuters]")
                || l.ends_with("(photo: ap)")
                || l.contains("© reuters")
                || l.contains("©  reuters")
                || l.ends_with("getty images")
                || l.ends_with("/ reuters")
                || l.ends_with("(ap photo)")
                || (l.contains("[file:") && l.ends_with(']'))))
}

/// A byline or dateline alone on its line: "By Ana Ruiz", "Updated at 1:23 p.m.".
fn is_byline_or_date(line: &str) -> bool {
    let l = line.to_lowercase();
    let words = word_count(line);
    if words <= 6 && (l.starts_with("by ") || l.starts_with("por ") || l.starts_with("von ")) {
        return true;
    }
    if words <= 8
        && [
            "updated",
            "published",
            "posted",
            "last updated",
            "first published",
        ]
        .iter()
        .any(|p| l.starts_with(p))
        && l.chars().any(|c| c.is_ascii_digit())
    {
        return true;
    }
    // A date with a time of day: "segunda-feira, 22 de janeiro de 2018 às 0:13".
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")));
    let has_clock = line.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_ascii_digit());
        w.split_once(':').is_some_and(|(h, m)| {
            (1..=2).contains(&h.len())
                && m.len() == 2
                && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit())
        })
    });
    if words <= 10 && has_year && has_clock && !line.ends_with('.') {
        return true;
    }
    // A bare date or time: mostly digits and separators, at most a few words.
    let letters = line.chars().filter(|c| c.is_alphabetic()).count();
    let digits = line.chars().filter(|c| c.is_ascii_digit()).count();
    words <= 7 && digits >= 4 && letters <= 12 && !line.ends_with('.')
}

/// A line that reads as a headline: short, no closing punctuation.
fn is_headline_like(line: &str) -> bool {
    let words = word_count(line);
    (2..=20).contains(&words) && !line.ends_with(['.', ':', ';', ',', '"', '”', '»'])
}

/// Clean the extractor's paragraphs: drop furniture lines, cut a trailing
/// related-links section, drop a repeated headline, collapse whitespace, and
/// join the paragraphs with blank lines.
pub(crate) fn clean_paragraphs(text: &str, headline: Option<&str>) -> String {
    let mut lines: Vec<String> = text
        .lines()
        .map(normalize_line)
        .filter(|l| !l.is_empty())
        .collect();

    // A trailing related-links section: a heading in the last part of the
    // text followed only by short lines.
    let n = lines.len();
    if let Some(cut) = (n / 2..n).find(|&i| {
        let b = bare(&lines[i]);
        TRAILER_HEADINGS
            .iter()
            .any(|h| b == *h || (b.starts_with(h) && word_count(&b) <= 4))
            && lines[i + 1..].iter().all(|l| word_count(l) <= 25)
    }) {
        lines.truncate(cut);
    }

    // A related-stories heading in the middle of the text, with the
    // headlines under it (short lines without a closing full stop).
    let mut keep = vec![true; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if is_trailer_heading(&bare(&lines[i])) {
            keep[i] = false;
            let mut j = i + 1;
            while j < lines.len() && is_headline_like(&lines[j]) {
                keep[j] = false;
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    let lines: Vec<String> = lines
        .into_iter()
        .zip(keep)
        .filter_map(|(l, k)| k.then_some(l))
        .collect();

    let headline = headline.map(|h| bare(&normalize_line(h)));
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let b = bare(&line);
        if FURNITURE_LINES.contains(&b.as_str()) || b.is_empty() {
            continue;
        }
        if i < 3 && headline.as_deref().is_some_and(|h| h == b) {
            continue;
        }
        if is_credit(&line) || is_byline_or_date(&line) || is_teaser(&line) {
            continue;
        }
        if out.last().is_some_and(|prev| *prev == line) {
            continue;
        }
        out.push(line);
    }
    out.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_and_credits_are_dropped() {
        let text = "Storm hits coast\nBy Ana Ruiz\n20 Nov, 2019 05:47\nThe storm  arrived at dawn.\n\nADVERTISEMENT\nA harbour wall gave way. © Reuters / Kim Lee\nIt was the worst in years.";
        assert_eq!(
            clean_paragraphs(text, Some("Storm hits coast")),
            "The storm arrived at dawn.\n\nIt was the worst in years."
        );
    }

    #[test]
    fn trailing_related_section_is_cut() {
        let text = "One long paragraph of the article that says what happened.\nAnother paragraph.\nRelated articles\nA headline\nAnother headline";
        assert_eq!(
            clean_paragraphs(text, None),
            "One long paragraph of the article that says what happened.\n\nAnother paragraph."
        );
    }

    #[test]
    fn small_share_box_goes_but_wrapper_stays() {
        let doc = Document::from(
            r#"<body><div class="has-share-bar"><p>The article text, long enough to matter, and then some more words here to be sure.</p>
            <div class="share-tools">Share on Facebook</div><figure><img><figcaption>A caption</figcaption></figure></div></body>"#,
        );
        strip_furniture(&doc, None);
        let text = doc.select("body").text().to_string();
        assert!(text.contains("The article text"));
        assert!(!text.contains("Share on Facebook"));
        assert!(!text.contains("A caption"));
    }
}

#[cfg(test)]
mod popup_tests {
    use super::*;

    #[test]
    fn popup_card_inside_a_paragraph_goes_but_its_anchor_link_stays() {
        let doc = Document::from(
            r#"<body><p><span style="font-weight: 400;">A man threatened Rep. <span class="rp"><a href="/p/x">Ana Ruiz</a><span class="rp-block"><span><img src="x.jpg"><a class="name" href="/p/x">Ana Ruiz</a><a href="/a">Other story one</a> <a href="/b">Other story two</a></span></span></span> in May.</span></p></body>"#,
        );
        strip_furniture(&doc, None);
        assert_eq!(
            doc.select("p").text().to_string(),
            "A man threatened Rep. Ana Ruiz in May."
        );
    }
}
