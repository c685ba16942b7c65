//! A page's publication day, from every place a page writes it, in order of trust.
//!
//! The candidates, most trusted first: the `datePublished` of the page's JSON-LD
//! article; the publication `<meta>` tags (Open Graph, `article:`, Dublin Core,
//! `itemprop`, and the names CMSs use), in the order of [`PUBLISHED_META`]; elements
//! marked `itemprop=datePublished`; a `<time>` inside the article; a date in the
//! article's URL (`/2020/05/04/`); a date written near the top of the article's text
//! ("4. Mai 2020", "04.05.2020", "May 4, 2020", in the main European languages); a
//! `<time>` anywhere on the page; and last the modification dates. A candidate that does
//! not parse, or gives a day after `today`, is passed over for the next one.
//!
//! The day is the one the page writes, in its own time zone: `2020-05-04T04:25+07:00` is
//! May 4 (moving it to UTC would make it May 3).

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use ego_tree::iter::Edge;
use ego_tree::NodeId;
use regex::Regex;
use scraper::{ElementRef, Html, Node};
use serde_json::{Map, Value};

use crate::read::months::Languages;
use crate::read::PublishedFrom;

use super::SELECTORS;

/// The `name`, `property` or `itemprop` of `<meta>` tags that hold the publication date,
/// most trusted first (lower case).
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "pubdate",
    "article.published",
    "article_date_original",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "citation_publication_date",
    "originalpublicationdate",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
    "rnews:datepublished",
    "datecreated",
];

/// `<meta>` names of the modification date: used when nothing gives the publication.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "og:updated_time",
    "datemodified",
    "dc.date.modified",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// Elements whose text is never the article's, so never its date.
const FURNITURE: &[&str] = &["nav", "aside", "footer", "script", "style", "noscript", "template"];

/// How much of the article's text is searched for a written date: dates are printed
/// beside the headline or the byline, not in the middle of the story.
const TEXT_PREFIX_CHARS: usize = 2_000;

/// The longest text of an element labelled as a date (`class="date"`) that is read as
/// one: a date with its time and a word or two, not a paragraph that mentions a day.
const LABEL_MAX_CHARS: usize = 80;

/// `2020-05-04…`, `2020/05/04`, `2020.05.04`, `20200504`, at the start of a value.
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})(?:([-/.])(\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2}))(?:$|[T\s,_]|\b)")
        .expect("constant pattern")
});

/// `4 May 2020`, `4. Mai 2020`, `4 de mayo de 2020`, `Tue, 04 May 2020 …`.
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)\b(\d{{1,2}})(?:\.|º|er|st|nd|rd|th)?\s+(?:de\s+)?({})\.?,?\s+(?:de\s+)?(\d{{4}})\b",
        Languages::European.pattern()
    );
    Regex::new(&pattern).expect("constant pattern")
});

/// `May 4, 2020`, `Sept. 4th 2020`.
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)\b({})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b",
        Languages::European.pattern()
    );
    Regex::new(&pattern).expect("constant pattern")
});

/// `04.05.2020` and `04/05/2020`: day first with dots or dashes (the European way);
/// with slashes only when one of the two numbers cannot be a month.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})\b").expect("constant pattern")
});

/// `2020-05-04` inside a text ("2020-05-04 20:29 | Politics").
static ISO_IN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b").expect("constant pattern")
});

/// A day in a URL path: `/2020/05/04/`, `/2020-05-04-`, `/20200504/`.
static URL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d{2})([/_-]?)(\d{2})([/_-]?)(\d{2})(?:[/_.-]|$)")
        .expect("constant pattern")
});

/// The page's publication day and the kind of candidate that gave it, if any candidate
/// gives one on or before `today`.
pub(super) fn publication_day(
    page: &Html,
    json_ld: &[Map<String, Value>],
    article: Option<ElementRef<'_>>,
    url: Option<&str>,
    today: NaiveDate,
) -> Option<(NaiveDate, PublishedFrom)> {
    let valid = |day: NaiveDate| (day.year() >= 1990 && day <= today).then_some(day);
    let stamps = Stamps::of(page, json_ld);
    // A metadata value stamped in UTC ("…T03:37Z") names the day in London, not where the
    // page was written: when the page writes the same moment in its own zone elsewhere,
    // that zone's day is the one its readers saw.
    let from_value =
        |value: &str| stamps.local_day(value).or_else(|| parse_day(value)).and_then(valid);
    let metas = meta_values(page);
    let meta_in = |names: &[&str]| {
        names.iter().find_map(|name| {
            metas.iter().filter(|(n, _)| n == name).find_map(|(_, value)| from_value(value))
        })
    };
    let json_ld_key = |key: &str, articles_only: bool| {
        json_ld
            .iter()
            .filter(|object| !articles_only || is_article(object))
            .filter_map(|object| object.get(key))
            .find_map(|value| match value {
                Value::String(text) => from_value(text),
                Value::Array(items) => items.iter().find_map(|item| from_value(item.as_str()?)),
                _ => None,
            })
    };
    let attribute_or_text = |element: ElementRef<'_>| {
        let value = element.value();
        ["datetime", "content", "title"]
            .iter()
            .filter_map(|name| value.attr(name))
            .find_map(from_value)
            .or_else(|| written_day(&text_of(element)).and_then(valid))
    };
    let time_in = |scope: ElementRef<'_>| {
        scope
            .select(&SELECTORS.time)
            .find_map(|time| time.value().attr("datetime").and_then(from_value))
    };
    // Where written dates are looked for: the article, else the page outside furniture.
    let scope = article.or_else(|| page.select(&SELECTORS.body).next());
    let metadata = json_ld_key("datePublished", true)
        .or_else(|| json_ld_key("datePublished", false))
        .or_else(|| meta_in(PUBLISHED_META))
        .or_else(|| page.select(&SELECTORS.item_published).find_map(attribute_or_text))
        .or_else(|| article.and_then(time_in));
    let found = |from| move |day| (day, from);
    metadata
        .map(found(PublishedFrom::Metadata))
        .or_else(|| url.and_then(url_day).and_then(valid).map(found(PublishedFrom::Url)))
        .or_else(|| {
            let body = page.select(&SELECTORS.body).next();
            [scope, body]
                .into_iter()
                .flatten()
                .flat_map(|scope| scope.select(&SELECTORS.dated))
                .filter(|element| !in_furniture(*element))
                .map(text_of)
                .filter(|text| text.len() <= LABEL_MAX_CHARS)
                .find_map(|text| written_day(&text).and_then(valid))
                .map(found(PublishedFrom::Text))
        })
        .or_else(|| {
            // A date printed beside the headline, else near the top of the article.
            let scope = scope?;
            let headline = scope.select(&SELECTORS.h1).next().map(|h1| h1.id());
            [headline, None]
                .into_iter()
                .find_map(|from| {
                    written_day(&visible_text(scope, from, TEXT_PREFIX_CHARS)).and_then(valid)
                })
                .map(found(PublishedFrom::Text))
        })
        .or_else(|| {
            time_in(page.root_element())
                .or_else(|| json_ld_key("dateCreated", false))
                .or_else(|| json_ld_key("dateModified", false))
                .or_else(|| meta_in(MODIFIED_META))
                .map(found(PublishedFrom::Metadata))
        })
}

/// The text of `element`.
fn text_of(element: ElementRef<'_>) -> String {
    element.text().collect()
}

/// Is `element` page furniture or inside it (a footer's copyright year, a sidebar's
/// list of other stories), or a script?
fn in_furniture(element: ElementRef<'_>) -> bool {
    std::iter::once(*element)
        .chain(element.ancestors())
        .filter_map(|node| node.value().as_element())
        .any(|element| FURNITURE.contains(&element.name()))
}

/// The first `limit` characters of the text of `scope` outside furniture, from the
/// element `from` on when given, chunks separated by spaces. The walk is iterative and
/// linear, like the body's.
fn visible_text(scope: ElementRef<'_>, from: Option<NodeId>, limit: usize) -> String {
    let mut text = String::new();
    let mut count = 0;
    let mut furniture_depth = 0usize;
    let mut started = from.is_none();
    for edge in scope.traverse() {
        match edge {
            Edge::Open(node) if !started => started = Some(node.id()) == from,
            Edge::Close(_) if !started => {}
            Edge::Open(node) => match node.value() {
                Node::Element(element) if FURNITURE.contains(&element.name()) => {
                    furniture_depth += 1
                }
                Node::Text(chunk) if furniture_depth == 0 => {
                    for c in chunk.chars().chain([' ']) {
                        text.push(c);
                        count += 1;
                    }
                    if count >= limit {
                        break;
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if node.value().as_element().is_some_and(|e| FURNITURE.contains(&e.name())) {
                    furniture_depth -= 1;
                }
            }
        }
    }
    text
}

/// Every time stamp of the page's metadata and `<time>`s that carries a zone offset, to
/// find the local day of a UTC one.
struct Stamps(Vec<DateTime<FixedOffset>>);

impl Stamps {
    fn of(page: &Html, json_ld: &[Map<String, Value>]) -> Stamps {
        let times = page.select(&SELECTORS.time).filter_map(|t| t.value().attr("datetime"));
        let metas = page.select(&SELECTORS.meta).filter_map(|m| m.value().attr("content"));
        let ld = json_ld.iter().flat_map(|object| object.values()).filter_map(Value::as_str);
        let local = times
            .chain(metas)
            .chain(ld)
            .filter_map(parse_stamp)
            .filter(|stamp| stamp.offset().local_minus_utc() != 0);
        Stamps(local.collect())
    }

    /// The local day of `value` when it is a UTC stamp and the page writes the same
    /// moment with a zone offset.
    fn local_day(&self, value: &str) -> Option<NaiveDate> {
        let stamp = parse_stamp(value).filter(|s| s.offset().local_minus_utc() == 0)?;
        let same = |other: &&DateTime<FixedOffset>| (**other - stamp).num_seconds().abs() <= 60;
        self.0.iter().find(same).map(|local| local.date_naive())
    }
}

/// A full time stamp with a zone offset (`2022-05-04T03:37:37+00:00`, `…Z`, `…+0100`).
fn parse_stamp(value: &str) -> Option<DateTime<FixedOffset>> {
    let value = value.trim();
    if value.len() > 40 {
        return None;
    }
    DateTime::parse_from_rfc3339(value)
        .or_else(|_| DateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f%z"))
        .ok()
}

/// Is this JSON-LD object an article (`NewsArticle`, `BlogPosting`, …)?
pub(super) fn is_article(object: &Map<String, Value>) -> bool {
    let article_type = |value: &Value| {
        value.as_str().is_some_and(|kind| kind.contains("Article") || kind.contains("Posting"))
    };
    match object.get("@type") {
        Some(Value::Array(kinds)) => kinds.iter().any(article_type),
        Some(kind) => article_type(kind),
        None => false,
    }
}

/// Each `<meta>`'s name (its `name`, `property` or `itemprop`, lower case) and content.
fn meta_values(page: &Html) -> Vec<(String, String)> {
    page.select(&SELECTORS.meta)
        .filter_map(|meta| {
            let value = meta.value();
            let name = value.attr("property").or(value.attr("name")).or(value.attr("itemprop"))?;
            Some((name.trim().to_lowercase(), value.attr("content")?.to_string()))
        })
        .collect()
}

/// The day a metadata value gives: year first (`2020-05-04T04:25:00+07:00`, with the
/// day as written), else a date written out in words or numbers.
fn parse_day(value: &str) -> Option<NaiveDate> {
    if let Some(found) = YEAR_FIRST.captures(value) {
        let number = |at: usize| found.get(at)?.as_str().parse::<u32>().ok();
        let year = found[1].parse().ok()?;
        let (month, day) = match found.get(2) {
            Some(_) => (number(3)?, number(4)?),
            None => (number(5)?, number(6)?),
        };
        return NaiveDate::from_ymd_opt(year, month, day);
    }
    written_day(value)
}

/// The first date written in `text` in words (`4. Mai 2020`, `May 4, 2020`), day-first
/// numbers (`04.05.2020`) or year first (`2020-05-04`).
fn written_day(text: &str) -> Option<NaiveDate> {
    let month_of = |name: &str| Languages::European.month(name);
    let day_month_year = DAY_MONTH_YEAR.captures_iter(text).find_map(|found| {
        NaiveDate::from_ymd_opt(
            found[3].parse().ok()?,
            month_of(&found[2])?,
            found[1].parse().ok()?,
        )
        .map(|day| (found.get(0).map_or(0, |m| m.start()), day))
    });
    let month_day_year = MONTH_DAY_YEAR.captures_iter(text).find_map(|found| {
        NaiveDate::from_ymd_opt(
            found[3].parse().ok()?,
            month_of(&found[1])?,
            found[2].parse().ok()?,
        )
        .map(|day| (found.get(0).map_or(0, |m| m.start()), day))
    });
    let numeric = NUMERIC.captures_iter(text).find_map(|found| {
        if found[2] != found[4] {
            return None;
        }
        let (first, second): (u32, u32) = (found[1].parse().ok()?, found[3].parse().ok()?);
        let (day, month) = if &found[2] != "/" || first > 12 {
            (first, second)
        } else if second > 12 {
            (second, first)
        } else {
            return None;
        };
        NaiveDate::from_ymd_opt(found[5].parse().ok()?, month, day)
            .map(|date| (found.get(0).map_or(0, |m| m.start()), date))
    });
    let year_first = ISO_IN_TEXT.captures_iter(text).find_map(|found| {
        NaiveDate::from_ymd_opt(
            found[1].parse().ok()?,
            found[2].parse().ok()?,
            found[3].parse().ok()?,
        )
        .map(|date| (found.get(0).map_or(0, |m| m.start()), date))
    });
    [day_month_year, month_day_year, numeric, year_first]
        .into_iter()
        .flatten()
        .min()
        .map(|(_, day)| day)
}

/// The day a URL's path gives.
fn url_day(url: &str) -> Option<NaiveDate> {
    URL_DAY.captures_iter(url).find_map(|found| {
        if found[2] != found[4] {
            return None;
        }
        NaiveDate::from_ymd_opt(
            found[1].parse().ok()?,
            found[3].parse().ok()?,
            found[5].parse().ok()?,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn values_keep_the_local_day() {
        let cases = [
            ("2020-05-04T04:25:00+07:00", day(2020, 5, 4)),
            ("2020-05-04T23:30:00-05:00", day(2020, 5, 4)),
            ("2020-05-04", day(2020, 5, 4)),
            ("2020/05/04 10:00", day(2020, 5, 4)),
            ("20200504", day(2020, 5, 4)),
            ("Mon, 04 May 2020 23:00:00 -0400", day(2020, 5, 4)),
            ("4. Mai 2020", day(2020, 5, 4)),
            ("4 de mayo de 2020", day(2020, 5, 4)),
            ("le 4 mai 2020 à 10h", day(2020, 5, 4)),
            ("May 4, 2020", day(2020, 5, 4)),
            ("Sept. 14th, 2020", day(2020, 9, 14)),
            ("04.05.2020", day(2020, 5, 4)),
            ("25/12/2020", day(2020, 12, 25)),
            ("12/25/2020", day(2020, 12, 25)),
            ("04/05/2020", None),
            ("2020-02-30", None),
            ("yesterday", None),
        ];
        for (value, expected) in cases {
            assert_eq!(parse_day(value), expected, "{value}");
        }
    }

    #[test]
    fn the_first_date_written_wins() {
        assert_eq!(
            written_day("Updated 05.06.2021 · first published May 4, 2020"),
            day(2021, 6, 5)
        );
    }

    #[test]
    fn url_days() {
        let cases = [
            ("https://x.test/world/2020/05/04/story-title", day(2020, 5, 4)),
            ("https://x.test/news/story-2020-05-04.html", day(2020, 5, 4)),
            ("https://x.test/20200504/story", day(2020, 5, 4)),
            ("https://x.test/2020/05/story", None),
            ("https://x.test/2020/05-04/story", None),
            ("https://x.test/id/12345678901", None),
        ];
        for (url, expected) in cases {
            assert_eq!(url_day(url), expected, "{url}");
        }
    }
}
