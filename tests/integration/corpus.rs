//! Articles for the end-to-end tests, one per format and style. Events and officials are
//! invented; places and agencies are real.

/// A page scraped to text in the style of an Iranian agency: dateline, no date, News ID
/// and a comment box.
pub const IMNA_PAGE: &str = "\
Iran and Armenia sign a transit accord

The Iranian Foreign Minister, Ali Rezaei, said the accord would open a new road to Europe.

Tehran (IMNA) - Speaking in Tehran after talks with his Armenian counterpart, Foreign Minister Karen Petrosyan, Rezaei said the transit corridor through Armenia would carry goods to Georgia and the Black Sea.

Petrosyan said the corridor was a priority for Yerevan.


News ID 702211


Your Comment

You are replying to: .";

/// A wire story saved as text: title, blank line, dateline with month and day, sign-off.
/// Its date comes from the dateline and the folder's year.
pub const WIRE_TEXT: &str = "\
Oil prices climb on supply worries

NEW YORK, Feb 26 - Oil prices rose sharply on Thursday as traders worried about supplies from the Gulf, analysts in New York said.

Brent crude gained two dollars a barrel.
Reuter
";

/// A JSON export with nested source and an RFC 3339 date.
pub const XINHUA_JSON: &str = r#"{
  "headline": "China and Brazil expand soybean trade",
  "text": "BEIJING, May 4 (Xinhua) -- China and Brazil agreed on Friday to expand soybean trade, officials in Beijing said.\n\nThe agreement follows a drought in Brazil last year.",
  "datePublished": "2024-05-04T08:30:00+08:00",
  "source": {"name": "Xinhua"},
  "url": "https://example.org/xinhua/soybeans"
}"#;

/// A JSON Lines export: three good articles and, on line 2, a broken one.
pub const FEED_JSONL: &str = concat!(
    r#"{"title": "Japan raises interest rates", "body": "TOKYO, March 19 Kyodo - The Bank of Japan raised interest rates for the first time in years.", "published": "2024-03-19", "agency": "Kyodo"}"#,
    "\n",
    r#"{"title": "Broken line", "body": "this line never ends"#,
    "\n",
    r#"{"title": "Seoul and Tokyo resume talks", "body": "SEOUL, March 20 (Yonhap) -- South Korea and Japan resumed trade talks in Seoul on Wednesday.", "published": "2024-03-20", "agency": "Yonhap"}"#,
    "\n",
    r#"{"title": "Rice harvest in India", "body": "New Delhi, Oct 2 (PTI) The rice harvest in India rose after a strong monsoon.", "published": "2023-10-02", "agency": "PTI"}"#,
    "\n",
);

/// A news web page with furniture around the article.
pub const ANSA_HTML: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Italy and France discuss migration - ANSA English</title>
<meta property="og:title" content="Italy and France discuss migration">
<meta property="article:published_time" content="2022-06-14T10:00:00Z">
<meta property="og:site_name" content="ANSA">
<script>var analytics = "tracking";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header><p>ANSA English</p></header>
<article>
<h1>Italy and France discuss migration</h1>
<time datetime="2022-06-14T10:00:00Z">June 14, 2022</time>
<p>(ANSA) - ROME, JUN 14 - Italy and France discussed migration across the Mediterranean in Rome on Tuesday.</p>
<p>Ministers from both countries agreed to meet again in Paris.</p>
</article>
<aside><h2>Related stories</h2><ul><li><a href="/x">Flood warnings in Venice</a></li></ul></aside>
<footer><p>&copy; 2022 ANSA. All rights reserved.</p></footer>
</body></html>
"#;

/// Writes every article above into a test folder, in dated folders.
pub fn write_all(dir: &super::util::Dir) {
    dir.create("imna/tehran-transit.txt", IMNA_PAGE);
    dir.create("reuters/1987/02/26/oil.txt", WIRE_TEXT);
    dir.create("xinhua/2024/05/soybeans.json", XINHUA_JSON);
    dir.create("feeds/asia.jsonl", FEED_JSONL);
    dir.create("ansa/2022/06/14/migration.html", ANSA_HTML);
}
