//! Site furniture: the lines a scraped page carries around an article that are not
//! part of it (comment boxes, share bars, "Related news" link lists, tags, copyright,
//! cookie notices), and the agency's article id (`News ID 689019`) among them.
//!
//! In: article text. Out: the body with furniture removed line by line, paragraphs
//! separated by single blank lines, no blank lines at either end; and the news id.
//! Removal is by whole line and deliberately narrow: a line goes only when all of it is
//! furniture ("Share", "Tags: Iran, Russia"), never because prose mentions a comment or
//! a cookie. Lines keep their indentation (tables rely on it). This module does not
//! touch the dateline or the agency sign-off.

use std::sync::LazyLock;

use regex::Regex;

use super::captures;

/// How one line of a page is treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    Blank,
    Prose,
    /// Furniture to drop.
    Furniture,
    /// `News ID 689019`: furniture that carries the agency's article id.
    NewsId(&'a str),
    /// `Related news`, `Read more`: drops the run of link lines after it too.
    RelatedHeading,
}

/// Whole lines that are furniture, compared ignoring case and a trailing `:`; a
/// trailing `.` is kept, as it marks the end of a sentence ("…per share.").
const FURNITURE_LINES: &[&str] = &[
    "your comment",
    "your comments",
    "leave a comment",
    "leave a reply",
    "post a comment",
    "add a comment",
    "add comment",
    "comment",
    "comments",
    "send",
    "submit",
    "cancel",
    "reply",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share this page",
    "share on facebook",
    "share on twitter",
    "print",
    "print this article",
    "email",
    "e-mail",
    "email this article",
    "send to a friend",
    "tweet",
    "advertisement",
    "advertisements",
    "sponsored",
    "sponsored content",
    "scroll to continue",
    "continue reading",
    "subscribe",
    "subscribe now",
    "follow us",
    "accept",
    "accept all",
    "accept cookies",
    "accept all cookies",
    "reject all",
    "cookie policy",
    "cookie settings",
    "manage cookies",
    "your name",
    "your email",
    "name",
];

/// Headings of link lists, compared ignoring case and a trailing `:`.
const RELATED_HEADINGS: &[&str] = &[
    "related",
    "related news",
    "related stories",
    "related articles",
    "related content",
    "related posts",
    "related links",
    "read more",
    "read also",
    "also read",
    "see also",
    "more news",
    "more stories",
    "more on this",
    "more on this story",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended stories",
    "most read",
    "most popular",
    "most viewed",
    "latest news",
    "top stories",
];

/// Words a share bar is made of (`Facebook Twitter WhatsApp Email`).
const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "print",
    "email",
    "e-mail",
    "mail",
    "facebook",
    "twitter",
    "x",
    "whatsapp",
    "telegram",
    "linkedin",
    "reddit",
    "pinterest",
    "messenger",
    "viber",
    "vk",
    "tumblr",
    "flipboard",
    "pocket",
    "sms",
    "copy",
    "link",
];

/// The longest line worth comparing with the lists above.
const MAX_LISTED_LEN: usize = 40;

/// Lines longer than this are prose, whatever they start with.
const MAX_FURNITURE_LEN: usize = 400;

/// A link line in a "Related news" list is at most this long.
const MAX_LINK_LEN: usize = 120;

/// `News ID 689019`, `News ID: 689019`, `News Code : 123456`, `Story Code: 12345`,
/// `Article ID 123`.
static NEWS_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:news\s+(?:id|code)|story\s+(?:id|code)|article\s+id)\s*[:#]?\s*(?P<id>\d[\w-]{0,31})$")
        .expect("the news id pattern is a compiled-in constant")
});

/// Furniture recognised by how the line starts. Anchored at the start, so that a line
/// of prose is turned down after a few bytes.
static FURNITURE_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            you\ are\ replying\ to\s*:
          | (?:tags?|keywords)\s*:
          | (?:read\ more|read\ also|also\ read|see\ also|related)\s*:\s*\S.{0,150}$
          | ©
          | \(c\)\s*\d{4}
          | copyright\s*(?:©|\(c\)|\d{4})
          | your\ e-?mail
          | (?:we|this\ (?:web)?site|our\ (?:web)?site)\ uses?\ cookies
          | by\ (?:continuing|using)\ .{0,200}cookies
          | \d+\ comments?$
          | comments?\s*\(\d+\)$
        )",
    )
    .expect("the furniture pattern is a compiled-in constant")
});

/// A copyright line that does not start with the word: `2023 IMNA. All rights reserved.`
fn is_rights_reserved(line: &str) -> bool {
    const RESERVED: &str = "all rights reserved";
    let line = line.trim_end_matches('.');
    line.len() <= 200
        && line.len() >= RESERVED.len()
        && line.is_char_boundary(line.len() - RESERVED.len())
        && line[line.len() - RESERVED.len()..].eq_ignore_ascii_case(RESERVED)
}

/// Classifies one line, already trimmed.
fn classify(line: &str) -> Line<'_> {
    if line.is_empty() {
        return Line::Blank;
    }
    if let Some(caps) = captures(&NEWS_ID, line) {
        return caps.name("id").map_or(Line::Furniture, |id| Line::NewsId(id.as_str()));
    }
    // A line in lower case continues a sentence ("…per\nshare."): it is prose.
    if line.len() > MAX_FURNITURE_LEN || line.starts_with(char::is_lowercase) {
        return Line::Prose;
    }
    if line.len() <= MAX_LISTED_LEN {
        let key = line.trim_end_matches([':', '»', '›', '>']).trim_end();
        let listed = |list: &[&str]| list.iter().any(|entry| entry.eq_ignore_ascii_case(key));
        if listed(RELATED_HEADINGS) {
            return Line::RelatedHeading;
        }
        if listed(FURNITURE_LINES) {
            return Line::Furniture;
        }
    }
    if FURNITURE_PREFIX.is_match(line) || is_rights_reserved(line) || is_share_bar(line) {
        return Line::Furniture;
    }
    Line::Prose
}

/// A line made only of share words (`Facebook | Twitter | WhatsApp`).
fn is_share_bar(line: &str) -> bool {
    let mut words = line
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | ',' | '/'))
        .filter(|word| !word.is_empty())
        .peekable();
    line.len() <= 200
        && words.peek().is_some()
        && words.all(|word| SHARE_WORDS.iter().any(|share| share.eq_ignore_ascii_case(word)))
}

/// Does a line after a "Related news" heading look like a link title rather than
/// prose? Short, not ending like a sentence, not a wrapped continuation.
fn is_link_line(line: &str) -> bool {
    line.len() <= MAX_LINK_LEN
        && !line.ends_with(['.', ',', ';', ':'])
        && !line.starts_with(|c: char| c.is_lowercase())
}

/// The body of a page without its furniture, and the news id found among it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Stripped<'a> {
    /// The remaining lines, paragraphs separated by single blank lines.
    pub body: String,
    /// The first news id line's id.
    pub news_id: Option<&'a str>,
}

/// Removes furniture from `text`, line by line. After a related-links heading, the run
/// of short title-like lines that follows goes too, up to the first line of prose.
pub(super) fn strip(text: &str) -> Stripped<'_> {
    let mut body = String::with_capacity(text.len());
    let mut news_id = None;
    let mut in_related = false;
    let mut blank_before = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        match classify(line.trim_start()) {
            Line::Blank => blank_before = true,
            Line::Furniture => {}
            Line::NewsId(id) => {
                news_id = news_id.or(Some(id));
            }
            Line::RelatedHeading => in_related = true,
            Line::Prose if in_related && is_link_line(line.trim_start()) => {}
            Line::Prose => {
                in_related = false;
                if !body.is_empty() {
                    body.push_str(if blank_before { "\n\n" } else { "\n" });
                }
                body.push_str(line);
                blank_before = false;
            }
        }
    }
    Stripped { body, news_id }
}

/// Is this line furniture (or a news id, or a related heading) rather than prose?
pub(super) fn is_furniture(line: &str) -> bool {
    !matches!(classify(line.trim()), Line::Prose | Line::Blank)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_are_recognised() {
        let cases = [
            ("Your Comment", Line::Furniture),
            ("You are replying to: .", Line::Furniture),
            ("You are replying to: Mr Smith", Line::Furniture),
            ("News ID 689019", Line::NewsId("689019")),
            ("News ID: 689019", Line::NewsId("689019")),
            ("News Code : 123456", Line::NewsId("123456")),
            ("Story Code: 12345", Line::NewsId("12345")),
            ("Article ID 123", Line::NewsId("123")),
            ("Share", Line::Furniture),
            ("PRINT", Line::Furniture),
            ("Share this article", Line::Furniture),
            ("Tweet", Line::Furniture),
            ("Facebook Twitter WhatsApp Email", Line::Furniture),
            ("Facebook | Twitter | Telegram", Line::Furniture),
            ("Related news", Line::RelatedHeading),
            ("Related Stories:", Line::RelatedHeading),
            ("Read more", Line::RelatedHeading),
            ("See also", Line::RelatedHeading),
            ("Read more: Iran and Russia sign a pact", Line::Furniture),
            ("Tags: Iran, Russia, defense", Line::Furniture),
            ("Copyright © 2023 IMNA. All rights reserved.", Line::Furniture),
            ("© 2023 Reuters", Line::Furniture),
            ("(c) 2023 The Tehran Times", Line::Furniture),
            ("All rights reserved.", Line::Furniture),
            ("Comments", Line::Furniture),
            ("3 Comments", Line::Furniture),
            ("Send", Line::Furniture),
            ("Your email address will not be published.", Line::Furniture),
            ("We use cookies to improve your experience. Accept", Line::Furniture),
            ("This website uses cookies.", Line::Furniture),
            ("Advertisement", Line::Furniture),
            ("", Line::Blank),
        ];
        for (line, want) in cases {
            assert_eq!(classify(line), want, "{line:?}");
        }
    }

    #[test]
    fn prose_about_furniture_is_kept() {
        let cases = [
            "Share prices rose 3 pct in early trading.",
            "Copyright law was changed by parliament on Tuesday.",
            "The minister declined to comment on the report.",
            "Comments by the minister drew criticism.",
            "Print media in Iran face new rules.",
            "The EU said websites that use cookies must ask first.",
            "News of the deal spread quickly.",
            "Tags on the containers showed their origin.",
            "He sent a letter. Send more, he said.",
            "Related talks will take place in Geneva.",
            "Twitter said it would appeal.",
            "share.",
            "Share.",
            "comment.",
            "twitter",
            "/",
            "all rights reserved.",
        ];
        for line in cases {
            assert_eq!(classify(line), Line::Prose, "{line:?}");
        }
    }

    #[test]
    fn related_link_runs_go_up_to_the_next_prose() {
        let text = "First paragraph.\n\nRelated news\n\nIran, Russia sign pact\nOil prices rise\n\nThe talks went on for two days and ended with a statement.\n";
        let got = strip(text);
        assert_eq!(
            got.body,
            "First paragraph.\n\nThe talks went on for two days and ended with a statement."
        );
    }

    #[test]
    fn paragraphs_stay_separated_and_ends_are_trimmed() {
        let text = "\n\n  Share\nFirst line\nsecond line\n\n\n\nSecond paragraph.  \r\n\nTweet\n\nThird.\n\n\n";
        let got = strip(text);
        assert_eq!(got.body, "First line\nsecond line\n\nSecond paragraph.\n\nThird.");
        assert_eq!(got.news_id, None);
    }

    #[test]
    fn the_first_news_id_is_kept() {
        let got = strip("Text.\n\nNews ID 689019\n\nNews Code: 1\n");
        assert_eq!(got.body, "Text.");
        assert_eq!(got.news_id, Some("689019"));
    }

    #[test]
    fn indentation_is_kept() {
        let text =
            "NEW YORK, Feb 26 - Net\n    Shr 34 cts vs 1.19 dlrs\n    Net 807,000 vs 2,858,000";
        assert_eq!(strip(text).body, text);
    }
}
