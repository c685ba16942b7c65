//! Web pages as real sites write them: the headline and the day, deep and large pages,
//! through `newsdex extract`. Every page is written here, small, one failure kind each.

use newsdex::extract::Article;

use crate::util::Dir;

/// Three paragraphs of a story, each long enough to read as article text.
const STORY: [&str; 3] = [
    "The city council approved the new harbour budget on Monday after a long debate about the cost of dredging the northern channel.",
    "Council members said the plan would let larger cargo ships dock within two years, and that fees paid by shipping lines would cover most of the cost.",
    "Opponents argued that the money should go to schools first, and promised to bring the question back at the next meeting of the council.",
];

/// A page with `head` and `body`.
fn page(head: &str, body: &str) -> String {
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>{body}</body></html>")
}

/// The story as `<p>` paragraphs.
fn paragraphs() -> String {
    STORY.iter().map(|p| format!("<p>{p}</p>")).collect()
}

/// The one article `newsdex extract` gives for `html`, written as `name`.
fn extract_page(name: &str, html: &str) -> Article {
    let dir = Dir::new();
    dir.create(name, html);
    let run = dir.run(&["extract", "corpus"]);
    run.assert_exit(0);
    let mut articles: Vec<Article> = run.json_lines();
    assert_eq!(articles.len(), 1, "{}", run.stderr());
    articles.remove(0)
}

/// Asserts that every paragraph of the story is in `body`, and none of `furniture`.
fn assert_story(body: &str, furniture: &[&str]) {
    for paragraph in STORY {
        assert_contains!(body, paragraph);
    }
    for unwanted in furniture {
        assert!(!body.contains(unwanted), "{unwanted:?} in the body:\n{body}");
    }
}

#[test]
fn site_names_are_cut_from_titles_and_never_the_title_alone() {
    let site = r#"<meta property="og:site_name" content="The Harbour Herald">"#;
    let cases = [
        (format!("{site}<title>Council approves budget | The Harbour Herald</title>"), "", "Council approves budget"),
        (format!("{site}<title>The Harbour Herald - Council approves budget</title>"), "", "Council approves budget"),
        (
            format!(r#"{site}<meta property="og:title" content="The Harbour Herald"><title>The Harbour Herald</title>"#),
            "<h1>Council approves budget</h1>",
            "Council approves budget",
        ),
        (
            r#"<meta property="og:title" content="Council approves budget – Harbour Herald Online"><link rel="canonical" href="https://www.harbourherald.example/news/1">"#.to_string(),
            "",
            "Council approves budget – Harbour Herald Online",
        ),
        (
            r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves budget"}</script><title>Harbour Herald</title>"#.to_string(),
            "",
            "Council approves budget",
        ),
    ];
    for (head, h1, expected) in cases {
        let body = format!("<article>{h1}{}</article>", paragraphs());
        assert_eq!(extract_page("a.html", &page(&head, &body)).title, expected, "{head}");
    }
}

#[test]
fn each_date_source_is_read_and_the_local_day_kept() {
    let article = |inner: &str| {
        format!("<article><h1>Council approves</h1>{inner}{}</article>", paragraphs())
    };
    let plain = article("");
    let cases = [
        (
            page(
                r#"<script type="application/ld+json">{"@graph": [{"@type": "WebSite"}, {"@type": "NewsArticle", "datePublished": "2020-05-04T04:25:00+07:00"}]}</script>"#,
                &plain,
            ),
            "2020-05-04",
        ),
        (
            page(
                r#"<meta name="article:published_time" content="2020-05-04T23:30:00-05:00">"#,
                &plain,
            ),
            "2020-05-04",
        ),
        (
            page(r#"<meta property="og:article:published_time" content="2020-05-04">"#, &plain),
            "2020-05-04",
        ),
        (page(r#"<meta name="DC.date.issued" content="2020-05-04">"#, &plain), "2020-05-04"),
        (
            page(
                "",
                &article(r#"<span itemprop="datePublished" content="2020-05-04">4 May</span>"#),
            ),
            "2020-05-04",
        ),
        (page("", &article(r#"<time datetime="2020-05-04T10:00">May 4</time>"#)), "2020-05-04"),
        (
            page(
                r#"<meta property="og:url" content="https://news.example/2020/05/04/council">"#,
                &plain,
            ),
            "2020-05-04",
        ),
        (page("", &article("<p class=\"byline\">Von Anna Schmidt, 4. Mai 2020</p>")), "2020-05-04"),
        (page("", &article("<p class=\"byline\">Published 04.05.2020</p>")), "2020-05-04"),
        (page("", &article("<p class=\"byline\">May 4, 2020</p>")), "2020-05-04"),
        // A candidate that does not parse, or lies in the future, gives way to the next.
        (
            page(
                r#"<meta property="article:published_time" content="soon"><meta name="date" content="2999-01-01"><meta name="dc.date" content="2020-05-04">"#,
                &plain,
            ),
            "2020-05-04",
        ),
        // Publication before modification, whatever the order.
        (
            page(
                r#"<meta property="article:modified_time" content="2021-01-01"><meta property="article:published_time" content="2020-05-04">"#,
                &plain,
            ),
            "2020-05-04",
        ),
    ];
    for (html, expected) in cases {
        let got = extract_page("a.html", &html);
        assert_eq!(got.date.map(|d| d.to_string()).as_deref(), Some(expected), "{html}");
    }
}

#[test]
fn a_time_of_another_article_is_not_the_date() {
    let body = format!(
        r#"<aside><time datetime="2019-01-01">Jan 1</time><a href="/old">Old story</a></aside>
        <article><h1>Council approves</h1><time datetime="2020-05-04">May 4</time>{}</article>"#,
        paragraphs()
    );
    let got = extract_page("a.html", &page("", &body));
    assert_eq!(got.date.map(|d| d.to_string()).as_deref(), Some("2020-05-04"));
}

#[test]
fn xhtml_and_shtml_pages_are_read() {
    for name in ["a.xhtml", "a.shtml"] {
        let body = format!("<article><h1>Council approves</h1>{}</article>", paragraphs());
        assert_story(&extract_page(name, &page("", &body)).body, &[]);
    }
}

#[test]
fn extract_on_a_folder_exits_0_when_some_files_have_no_article() {
    let dir = Dir::new();
    dir.create("good.html", page("", &format!("<article>{}</article>", paragraphs())));
    dir.create("empty.html", page("<title>Nothing</title>", "<nav><a href=\"/\">Home</a></nav>"));
    let run = dir.run(&["extract", "corpus"]);
    run.assert_exit(0);
    assert_eq!(run.json_lines::<Article>().len(), 1);
    assert_contains!(run.stderr(), "empty.html");
    assert_contains!(run.stderr(), "no article text");
}

#[test]
fn a_page_of_100000_nested_elements_gives_its_text_and_a_warning() {
    let depth = 100_000;
    let body = format!("{}{}{}", "<div>".repeat(depth), paragraphs(), "</div>".repeat(depth));
    let dir = Dir::new();
    dir.create("deep.html", page("<title>Council approves</title>", &body));
    let run = dir.run(&["extract", "corpus"]);
    let articles: Vec<Article> = run.json_lines();
    assert_eq!(articles.len(), 1, "{}", run.stderr());
    assert_story(&articles[0].body, &[]);
    assert_contains!(run.stderr(), "nested 100003 deep, past the limit of 2048");
}

#[test]
fn a_50_mb_page_gives_its_text() {
    let filler = "<div class=\"slot\"><span></span></div>\n".repeat(50 * 1024 * 1024 / 36);
    let body = format!("<article><h1>Council approves</h1>{}{filler}</article>", paragraphs());
    let html = page("<title>Council approves</title>", &body);
    assert!(html.len() > 50 * 1024 * 1024);
    assert_story(&extract_page("big.html", &html).body, &[]);
}
