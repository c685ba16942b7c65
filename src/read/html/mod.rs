//! News web pages (`.html`, `.htm`), parsed with `scraper` (html5ever): the article's
//! main text (`body`) and the metadata a page carries in its `<head>`, `<time>` and
//! JSON-LD.
//!
//! The headline is reconciled from the page's titles (`title`), the publication day is
//! the first of the page's dates that parses, in order of trust (`date`), and written
//! out as `YYYY-MM-DD`: the day the page itself gives, not moved to another time zone.
//!
//! A page nested deeper than [`PARSE_MAX_DEPTH`] (see `nesting`) is flattened past that
//! depth before it is parsed, with a [`Problem::DeepNesting`] warning: its text is kept,
//! its structure there is not.

mod body;
mod date;
mod nesting;
mod title;

use std::borrow::Cow;
use std::sync::LazyLock;

use encoding_rs::Encoding;
use scraper::{Html, Selector};
use serde_json::Value;

use super::{clean, json::name_of, ArticleProblem, Meta, ReadOutcome};
use crate::discover::SourceFile;
use crate::problem::Problem;

/// The deepest nesting a page is parsed with. html5ever's time grows with the square of
/// the depth; at this depth a page still parses in milliseconds, and no real page comes
/// near it.
const PARSE_MAX_DEPTH: usize = 2_048;

/// How much of a page's start is searched for a `<meta charset>`. Browsers look at the
/// first 1024 bytes; real pages put a few scripts first, so allow more.
const CHARSET_PRESCAN_BYTES: usize = 4096;

/// Every selector the reader uses, compiled once.
struct Selectors {
    article: Selector,
    main: Selector,
    article_body: Selector,
    body: Selector,
    h1: Selector,
    title: Selector,
    og_title: Selector,
    twitter_title: Selector,
    application_name: Selector,
    meta: Selector,
    item_published: Selector,
    dated: Selector,
    time: Selector,
    json_ld: Selector,
    site_name: Selector,
    author: Selector,
    publisher: Selector,
    og_url: Selector,
    canonical: Selector,
    charset: Selector,
    content_type: Selector,
}

static SELECTORS: LazyLock<Selectors> = LazyLock::new(|| {
    let parse = |css| Selector::parse(css).expect("a selector written in this file parses");
    Selectors {
        article: parse("article"),
        main: parse("main"),
        article_body: parse("[itemprop=articleBody]"),
        body: parse("body"),
        h1: parse("h1"),
        title: parse("title"),
        og_title: parse(r#"meta[property="og:title"]"#),
        twitter_title: parse(r#"meta[name="twitter:title" i], meta[property="twitter:title" i]"#),
        application_name: parse(r#"meta[name="application-name" i]"#),
        meta: parse("meta[content]"),
        item_published: parse(
            r#"[itemprop="datePublished" i]:not(meta), abbr.published[title], time.published"#,
        ),
        dated: parse(
            r#"[class*="date" i], [class*="time" i], [class*="publish" i], [class*="posted" i], [id*="date" i]"#,
        ),
        time: parse("time[datetime]"),
        json_ld: parse(r#"script[type="application/ld+json" i]"#),
        site_name: parse(r#"meta[property="og:site_name"]"#),
        author: parse(r#"meta[name="author" i]"#),
        publisher: parse(r#"meta[property="article:publisher"]"#),
        og_url: parse(r#"meta[property="og:url"]"#),
        canonical: parse(r#"link[rel="canonical" i]"#),
        charset: parse("meta[charset]"),
        content_type: parse(r#"meta[http-equiv="content-type" i]"#),
    }
});

/// Reads one page: one article, or the problem "no article text".
pub(super) fn read_html(source: &SourceFile, text: &str) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let depth = nesting::estimated_depth(text);
    let text = if depth > PARSE_MAX_DEPTH {
        let problem = Problem::DeepNesting { depth, limit: PARSE_MAX_DEPTH };
        outcome.problems.push(ArticleProblem { line: None, problem });
        Cow::Owned(nesting::flatten(text, PARSE_MAX_DEPTH))
    } else {
        Cow::Borrowed(text)
    };
    let page = Html::parse_document(&text);
    let selectors = &*SELECTORS;
    let container = body::article_container(&page);
    let h1 = container
        .select(&selectors.h1)
        .next()
        .or_else(|| page.select(&selectors.h1).next())
        .and_then(|h1| clean(&h1.text().collect::<String>()));
    let json_ld = json_ld_objects(&page);
    let publisher = json_ld.iter().find_map(|object| name_of(object.get("publisher")?));

    let site_name = meta_content(&page, &selectors.site_name);
    let agency = site_name
        .clone()
        .or_else(|| meta_content(&page, &selectors.author))
        // Often the publisher's Facebook page rather than a name.
        .or_else(|| meta_content(&page, &selectors.publisher).filter(|p| !p.starts_with("http")))
        .or_else(|| publisher.clone())
        .or_else(|| json_ld.iter().find_map(|object| name_of(object.get("author")?)));
    let url = meta_content(&page, &selectors.og_url).or_else(|| {
        page.select(&selectors.canonical).find_map(|link| clean(link.value().attr("href")?))
    });

    let headline = json_ld
        .iter()
        .filter(|object| date::is_article(object))
        .find_map(|object| object.get("headline")?.as_str().and_then(clean));
    let candidates = title::Candidates {
        metadata: [
            meta_content(&page, &selectors.og_title),
            headline,
            meta_content(&page, &selectors.twitter_title),
        ]
        .into_iter()
        .flatten()
        .collect(),
        h1: h1.clone(),
        title: page
            .select(&selectors.title)
            .next()
            .and_then(|t| clean(&t.text().collect::<String>())),
        site_names: [
            site_name,
            meta_content(&page, &selectors.application_name),
            publisher,
            url.as_deref().and_then(host_name),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    let title = title::reconcile(&candidates);
    let in_article = (container != page.root_element() && container.value().name() != "body")
        .then_some(container);
    let published = date::publication_day(&page, &json_ld, in_article, url.as_deref(), today());
    let (published, published_from) = match published {
        Some((day, from)) => (Some(day.format("%Y-%m-%d").to_string()), Some(from)),
        None => (None, None),
    };

    let paragraphs: Vec<String> =
        body::body_paragraphs(container).into_iter().filter(|p| Some(p) != h1.as_ref()).collect();
    let article = if paragraphs.is_empty() {
        Err(Problem::NoArticleText)
    } else {
        Ok((
            paragraphs.join("\n\n"),
            Meta { title, published, published_from, agency, url, source_id: None },
        ))
    };
    outcome.push(source, None, article);
    outcome
}

/// The encoding a page declares in its first bytes (`<meta charset>` or the older
/// `http-equiv` form), read with the same parser as the page itself.
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let prefix = String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_PRESCAN_BYTES)]);
    let head = Html::parse_document(&prefix);
    let selectors = &*SELECTORS;
    let label = head
        .select(&selectors.charset)
        .find_map(|meta| meta.value().attr("charset"))
        .map(str::to_string)
        .or_else(|| {
            head.select(&selectors.content_type).find_map(|meta| {
                let content = meta.value().attr("content")?.to_ascii_lowercase();
                let (_, after) = content.split_once("charset=")?;
                Some(
                    after
                        .trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace())
                        .to_string(),
                )
            })
        })?;
    Encoding::for_label(label.trim().as_bytes())
}

/// The `content` of the first matching `<meta>` that has one.
fn meta_content(page: &Html, selector: &Selector) -> Option<String> {
    page.select(selector).find_map(|meta| clean(meta.value().attr("content")?))
}

/// The name a site's host gives it: `www.the-daily.example` gives `the-daily`.
fn host_name(url: &str) -> Option<String> {
    let host = url.split("://").nth(1)?.split(['/', '?', '#', ':']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|label| *label != "www").collect();
    let name = match labels.as_slice() {
        [.., name, "co" | "com" | "org" | "net" | "gov", _] if name.len() > 2 => name,
        [.., name, _] => name,
        _ => return None,
    };
    Some(name.to_string())
}

/// The latest day it is anywhere on Earth (UTC+14): no publication day is later.
fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::TimeDelta::hours(14)).date_naive()
}

/// Every JSON-LD object of the page: top-level objects, the items of top-level arrays,
/// and the items of `@graph` arrays. Scripts that do not parse are ignored.
fn json_ld_objects(page: &Html) -> Vec<serde_json::Map<String, Value>> {
    let mut objects = Vec::new();
    let mut pending: Vec<Value> = page
        .select(&SELECTORS.json_ld)
        .filter_map(|script| serde_json::from_str(&script.text().collect::<String>()).ok())
        .collect();
    pending.reverse();
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.into_iter().rev()),
            Value::Object(mut object) => {
                if let Some(graph) = object.remove("@graph") {
                    pending.push(graph);
                }
                objects.push(object);
            }
            _ => {}
        }
    }
    objects
}

#[cfg(test)]
mod tests {
    use crate::discover::Format;
    use crate::read::{read_bytes, RawArticle, ReadOutcome};

    use super::*;

    fn read(page: &str) -> ReadOutcome {
        let source = SourceFile { path: "a.html".into(), format: Format::Html };
        read_bytes(&source, page.as_bytes()).expect("reads")
    }

    /// The page's article; fails on a problem.
    fn article(page: &str) -> RawArticle {
        let mut outcome = read(page);
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        outcome.articles.remove(0)
    }

    /// The body newsdex's own walker reads from `html`.
    fn walker_text(html: &str) -> String {
        body::body_paragraphs(body::article_container(&Html::parse_document(html))).join("\n\n")
    }

    /// A page with `head` inside `<head>` and `body` inside `<body>`.
    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>")
    }

    const TEXT: &str = "<p>Some text.</p>";

    #[test]
    fn title_precedence() {
        let cases = [
            (
                page(
                    r#"<meta property="og:title" content="From og"><title>From title - Site</title>"#,
                    "<h1>Site logo</h1><article><h1>From h1</h1><p>x</p></article>",
                ),
                "From og",
            ),
            (
                page(
                    "<title>From title - Site</title>",
                    "<h1>Site logo</h1><article><h1>From h1</h1><p>x</p></article>",
                ),
                "From h1",
            ),
            (
                page("<title>From title</title>", "<main><h1> From \n h1 </h1><p>x</p></main>"),
                "From h1",
            ),
            (page("<title>Iran - Russia talks - Reuters</title>", TEXT), "Iran - Russia talks"),
            (
                page("<title>Iran, Russia sign accord | Mehr News Agency</title>", TEXT),
                "Iran, Russia sign accord",
            ),
            (page("<title>Kyiv – Live updates — The Daily</title>", TEXT), "Kyiv – Live updates"),
            (page("<title>Plain headline</title>", TEXT), "Plain headline"),
            (page("<title> - Site</title>", TEXT), "- Site"),
        ];
        for (html, expected) in cases {
            assert_eq!(article(&html).meta.title.as_deref(), Some(expected), "{html}");
        }
        assert_eq!(article(&page("", TEXT)).meta.title, None);
    }

    #[test]
    fn date_precedence() {
        let published =
            r#"<meta property="article:published_time" content="2023-09-19T10:00:00Z">"#;
        let time_in_article =
            r#"<article><time datetime="2023-09-18">Sept 18</time><p>x</p></article>"#;
        let time_outside = r#"<time datetime="2020-01-01">Today</time>"#;
        let ld = r#"<script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "The Daily"},
                {"@type": "NewsArticle", "datePublished": "2023-09-17T08:00:00+03:30"}]}
            </script>"#;
        let meta_date = r#"<meta name="DC.date.issued" content="2023-09-16">"#;
        let times = format!("{time_outside}{time_in_article}");
        // JSON-LD, then meta tags, then a time in the article, then a time anywhere; the
        // day as the page writes it (08:00 at +03:30 is still the 17th).
        let cases = [
            (page(&format!("{published}{ld}{meta_date}"), &times), "2023-09-17"),
            (page(&format!("{meta_date}{published}"), &times), "2023-09-19"),
            (page(meta_date, &times), "2023-09-16"),
            (page("", &times), "2023-09-18"),
            (page("", &format!("{time_outside}<main>{TEXT}</main>")), "2020-01-01"),
            (page(r#"<meta name="pubdate" content="20230915">"#, TEXT), "2023-09-15"),
            (page(r#"<meta name="date" content="2023-09-14">"#, TEXT), "2023-09-14"),
        ];
        for (html, expected) in cases {
            assert_eq!(article(&html).meta.published.as_deref(), Some(expected), "{html}");
        }
    }

    #[test]
    fn json_ld_in_an_array_and_a_broken_script() {
        let head = r#"<script type="application/ld+json">{ not json</script>
            <script type="application/ld+json">[{"@type": "BreadcrumbList"},
                {"@type": "NewsArticle", "datePublished": "2023-09-17",
                 "author": [{"@type": "Person", "name": "Jane Roe"}]}]</script>"#;
        let meta = article(&page(head, TEXT)).meta;
        assert_eq!(meta.published.as_deref(), Some("2023-09-17"));
        assert_eq!(meta.agency.as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn agency_precedence() {
        let site = r#"<meta property="og:site_name" content="Tehran Times">"#;
        let author = r#"<meta name="author" content="IRNA">"#;
        let publisher_url =
            r#"<meta property="article:publisher" content="https://www.facebook.com/x">"#;
        let publisher = r#"<meta property="article:publisher" content="Mehr News">"#;
        let ld = r#"<script type="application/ld+json">{"@type": "NewsArticle",
            "publisher": {"@type": "Organization", "name": "AFP"}, "author": {"name": "Jane Roe"}}</script>"#;
        let ld_author =
            r#"<script type="application/ld+json">{"author": {"name": "Jane Roe"}}</script>"#;
        let cases = [
            (format!("{ld}{publisher}{author}{site}"), "Tehran Times"),
            (format!("{ld}{publisher}{author}"), "IRNA"),
            (format!("{ld}{publisher}"), "Mehr News"),
            (format!("{publisher_url}{ld}"), "AFP"),
            (ld_author.to_string(), "Jane Roe"),
        ];
        for (head, expected) in cases {
            assert_eq!(
                article(&page(&head, TEXT)).meta.agency.as_deref(),
                Some(expected),
                "{head}"
            );
        }
        assert_eq!(article(&page(publisher_url, TEXT)).meta.agency, None);
    }

    #[test]
    fn url_from_og_url_else_canonical() {
        let canonical = r#"<link rel="canonical" href="https://x.test/canonical">"#;
        let og = r#"<meta property="og:url" content="https://x.test/og">"#;
        assert_eq!(
            article(&page(&format!("{canonical}{og}"), TEXT)).meta.url.as_deref(),
            Some("https://x.test/og")
        );
        assert_eq!(
            article(&page(canonical, TEXT)).meta.url.as_deref(),
            Some("https://x.test/canonical")
        );
    }

    #[test]
    fn the_body_is_the_articles_paragraphs_without_furniture() {
        let body = r#"
            <nav><ul><li><a href="/">Home</a></li></ul></nav>
            <header><p>Site name</p></header>
            <main>
              <article>
                <header><h1>Russia and Iran reach new highs</h1><p>By Jane Roe</p></header>
                <h1>Russia and Iran reach new highs</h1>
                <time datetime="2023-09-19">Sept 19</time>
                <p>TEHRAN (IMNA) -   The Russian   Defense
                   Minister, <a href="/p/shoigu">Sergei Shoigu</a>, said...</p>
                <figure><img src="x.jpg"><figcaption>Shoigu in Tehran</figcaption></figure>
                <div class="share"><button>Share</button><p>Advertisement <script>ad()</script></p></div>
                <h2>Joint steps</h2>
                <p>Shoigu also <em>announced</em>&nbsp;plans.<br>New line.</p>
                <ul><li>Item <p>one</p></li><li>Item two</li></ul>
                <pre>
    Oper shr 50 cts vs 52 cts
    Sales 1.43 billion</pre>
                <p>   </p>
                <form><p>Your comment</p></form>
                <aside><p>Related: other story</p></aside>
                <footer><p>News ID 689019</p></footer>
              </article>
              <aside><h2>Related stories</h2><ul><li>Other</li></ul></aside>
            </main>
            <footer><p>&copy; 2023</p></footer>"#;
        let expected = [
            "TEHRAN (IMNA) - The Russian Defense Minister, Sergei Shoigu, said...",
            "Advertisement",
            "Joint steps",
            "Shoigu also announced plans. New line.",
            "Item one",
            "Item two",
            "    Oper shr 50 cts vs 52 cts\n    Sales 1.43 billion",
        ]
        .join("\n\n");
        assert_eq!(walker_text(&page("", body)), expected);
        let article = article(&page("", body));
        assert_eq!(article.meta.title.as_deref(), Some("Russia and Iran reach new highs"));
        assert_eq!(article.meta.published.as_deref(), Some("2023-09-19"));
    }

    #[test]
    fn the_container_is_article_else_main_else_article_body_else_body() {
        let cases = [
            ("<aside><article><p>card</p></article></aside><article><p>A</p></article><main><p>M</p></main>", "A"),
            (r#"<div><p>outside</p></div><main><div itemprop="articleBody"><p>B</p></div><p>M</p></main>"#, "B\n\nM"),
            (r#"<p>outside</p><div itemprop="articleBody"><p>B</p></div>"#, "B"),
            ("<div><p>one</p><div><p>two</p></div></div>", "one\n\ntwo"),
        ];
        for (body, expected) in cases {
            assert_eq!(walker_text(&page("", body)), expected, "{body}");
        }
    }

    #[test]
    fn a_page_without_article_text_is_a_problem() {
        for body in ["", "<nav><p>Home</p></nav><article><h1>Title only</h1></article>"] {
            let outcome = read(&page("<title>T</title>", body));
            assert!(outcome.articles.is_empty(), "{body}");
            let problems: Vec<&Problem> = outcome.problems.iter().map(|p| &p.problem).collect();
            assert_eq!(problems, [&Problem::NoArticleText], "{body}");
        }
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let nested = |depth| {
            let text = "A paragraph deep inside the page, long enough to be the main text.";
            page("", &format!("{}<p>{text}</p>{}", "<div>".repeat(depth), "</div>".repeat(depth)))
        };
        let text = "A paragraph deep inside the page, long enough to be the main text.";
        // Within the parser's depth: read as it is.
        assert_eq!(article(&nested(PARSE_MAX_DEPTH - 10)).text, text);
        // Past the parser's depth: flattened, with a warning.
        let mut outcome = read(&nested(5_000));
        assert_eq!(outcome.articles.remove(0).text, text);
        let problems: Vec<Problem> = outcome.problems.into_iter().map(|p| p.problem).collect();
        assert_eq!(problems, [Problem::DeepNesting { depth: 5_003, limit: PARSE_MAX_DEPTH }]);
    }

    #[test]
    fn declared_encodings() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (b"<meta charset=\"windows-1252\">", Some("windows-1252")),
            (b"<META CHARSET=latin1>", Some("windows-1252")),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\">",
                Some("ISO-8859-2"),
            ),
            (b"<meta charset=\"no-such-thing\">", None),
            (b"<p>no declaration</p>", None),
        ];
        for (bytes, expected) in cases {
            let name = declared_encoding(bytes).map(Encoding::name);
            assert_eq!(name, *expected, "{}", String::from_utf8_lossy(bytes));
        }
    }
}
