//! RSS 2.0, RSS 1.0 and Atom feeds (and JSON Feed when forced): one record per
//! item, parsed by `feed-rs`.
//!
//! The payload is the item's full content (`content:encoded`, Atom
//! `<content>`) when there is one, else its summary (`<description>`,
//! `<summary>`), as HTML. `published` is the item's publication date, else its
//! update date, in RFC 3339 (the parser reads the date; the form as written is
//! not kept). The outlet is the feed's title. A feed is a document: it is
//! read whole, within the record size limit.

use feed_rs::model::{Entry, Feed, Person};
use feed_rs::parser::ParseFeedError;

use crate::error::{ErrorKind, IngestError};
use crate::record::{GivenMetadata, Origin, Payload, Position, Record};
use crate::source::Stream;
use crate::whole::read_bounded;
use crate::{Ingest, Records};

pub(crate) fn read(ingest: &Ingest, origin: Origin, stream: Stream) -> Records {
    let fail = |kind| Records::from_items(vec![Err(IngestError::new(origin.clone(), kind))]);
    let bytes = match read_bounded(stream, ingest.limit()) {
        Ok(bytes) => bytes,
        Err(kind) => return fail(kind),
    };
    if bytes.trim_ascii().is_empty() {
        return fail(ErrorKind::EmptyBody);
    }
    let feed = match feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(bytes.as_slice())
    {
        Ok(feed) => feed,
        Err(error) => return fail(classify(error)),
    };
    let items = feed
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let origin = origin.at(Position::Item {
                number: index as u64 + 1,
            });
            item(&feed, entry, origin)
        })
        .collect();
    Records::from_items(items)
}

fn classify(error: ParseFeedError) -> ErrorKind {
    match error {
        ParseFeedError::IoError(error) => ErrorKind::Io(error),
        ParseFeedError::XmlReader(error) => ErrorKind::NotXml(error.to_string()),
        ParseFeedError::ParseError(kind) => ErrorKind::NotFeed(kind.to_string()),
        ParseFeedError::JsonSerde(error) => ErrorKind::NotFeed(error.to_string()),
        ParseFeedError::JsonUnsupportedVersion(version) => {
            ErrorKind::NotFeed(format!("unsupported JSON Feed version {version}"))
        }
    }
}

fn item(feed: &Feed, entry: &Entry, origin: Origin) -> Result<Record, IngestError> {
    let body = entry
        .content
        .as_ref()
        .and_then(|content| content.body.clone())
        .filter(|body| !body.trim().is_empty())
        .or_else(|| {
            entry
                .summary
                .as_ref()
                .map(|summary| summary.content.clone())
        })
        .filter(|body| !body.trim().is_empty());
    let Some(text) = body else {
        return Err(IngestError::new(origin, ErrorKind::EmptyBody));
    };
    let authors = if entry.authors.is_empty() {
        &feed.authors
    } else {
        &entry.authors
    };
    Ok(Record {
        origin,
        payload: Payload::Html { text },
        meta: GivenMetadata {
            id: Some(entry.id.clone()).filter(|id| !id.is_empty()),
            url: entry.links.first().map(|link| link.href.clone()),
            title: entry
                .title
                .as_ref()
                .map(|title| title.content.trim().to_string()),
            published: entry
                .published
                .or(entry.updated)
                .map(|date| date.to_rfc3339()),
            outlet: feed
                .title
                .as_ref()
                .map(|title| title.content.trim().to_string()),
            author: names(authors),
            language: entry.language.clone().or_else(|| feed.language.clone()),
            captured: None,
        },
    })
}

fn names(people: &[Person]) -> Option<String> {
    let names: Vec<&str> = people
        .iter()
        .filter_map(|person| person.name.as_deref().or(person.email.as_deref()))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

#[cfg(test)]
mod tests {
    use crate::{ErrorKind, Format, Ingest, Payload, Position};
    use std::io::Cursor;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbor Gazette</title><link>https://gazette.example/</link><language>en-gb</language>
<item><title>Vote delayed</title><link>https://gazette.example/vote</link><guid>g-1</guid>
<pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate><dc:creator>Ann Reporter</dc:creator>
<description>Short.</description><content:encoded><![CDATA[<p>The council said so.</p>]]></content:encoded></item>
<item><title>Only a summary</title><link>https://gazette.example/s</link><description>&lt;p&gt;A summary.&lt;/p&gt;</description></item>
<item><title>Nothing</title><link>https://gazette.example/n</link></item>
</channel></rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Coastline Wire</title><id>urn:x</id><updated>2026-03-04T00:00:00Z</updated>
<entry><title>Wind farm</title><id>urn:e1</id><link href="https://wire.example/wind"/>
<published>2026-03-04T08:30:00+01:00</published><updated>2026-03-05T00:00:00Z</updated>
<author><name>B. Writer</name></author><content type="html">&lt;p&gt;Full text.&lt;/p&gt;</content></entry>
</feed>"#;

    #[test]
    fn rss_items_become_html_records_with_metadata() {
        let results: Vec<_> = Ingest::new().read("feed.xml", Cursor::new(RSS)).collect();
        assert_eq!(results.len(), 3);
        let first = results[0].as_ref().expect("item 1");
        assert_eq!(
            first.payload,
            Payload::Html {
                text: "<p>The council said so.</p>".into()
            }
        );
        assert_eq!(first.meta.title.as_deref(), Some("Vote delayed"));
        assert_eq!(
            first.meta.url.as_deref(),
            Some("https://gazette.example/vote")
        );
        assert_eq!(first.meta.id.as_deref(), Some("g-1"));
        assert_eq!(first.meta.outlet.as_deref(), Some("Harbor Gazette"));
        assert_eq!(first.meta.author.as_deref(), Some("Ann Reporter"));
        assert_eq!(
            first.meta.published.as_deref(),
            Some("2026-03-03T10:00:00+00:00")
        );
        assert_eq!(first.meta.language.as_deref(), Some("en-gb"));
        let second = results[1].as_ref().expect("item 2");
        assert_eq!(second.payload.as_str(), "<p>A summary.</p>");
        assert_eq!(second.origin.position, Position::Item { number: 2 });
        let third = results[2]
            .as_ref()
            .map(|_| ())
            .expect_err("item 3 has no body");
        assert_eq!(third.to_string(), "feed.xml: item 3: empty body");
    }

    #[test]
    fn atom_entries_become_records() {
        let results: Vec<_> = Ingest::new().read("atom", Cursor::new(ATOM)).collect();
        let entry = results[0].as_ref().expect("entry");
        assert_eq!(entry.payload.as_str(), "<p>Full text.</p>");
        assert_eq!(entry.meta.author.as_deref(), Some("B. Writer"));
        assert_eq!(
            entry.meta.published.as_deref(),
            Some("2026-03-04T07:30:00+00:00")
        );
        assert_eq!(entry.meta.url.as_deref(), Some("https://wire.example/wind"));
    }

    #[test]
    fn not_xml_and_not_a_feed_are_named() {
        let forced = Ingest::new().format(Some(Format::Feed));
        let results: Vec<_> = forced
            .read("f.xml", Cursor::new("<rss><channel><item></rss>"))
            .collect();
        match &results[..] {
            [Err(error)] => {
                assert!(
                    matches!(error.kind, ErrorKind::NotXml(_) | ErrorKind::NotFeed(_)),
                    "{error}"
                );
                assert!(error.to_string().starts_with("f.xml: not"), "{error}");
            }
            other => panic!("{other:?}"),
        }
        let results: Vec<_> = Ingest::new()
            .read(
                "f.xml",
                Cursor::new("<?xml version=\"1.0\"?><catalog><book/></catalog>"),
            )
            .collect();
        match &results[..] {
            [Err(error)] => {
                assert!(matches!(error.kind, ErrorKind::NotFeed(_)), "{error}");
                assert!(
                    error
                        .to_string()
                        .starts_with("f.xml: not an RSS or Atom feed"),
                    "{error}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}
