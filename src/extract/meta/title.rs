//! Headlines.
//!
//! In: the metadata's title, the page text, the cleaned body. Out: one headline, with
//! whitespace collapsed, never empty when the article has any text: the metadata's
//! title; else a text page's first line; else the body's first sentence, after its
//! dateline, cut on a word boundary at about [`MAX_CHARS`] characters. A given title is
//! one line too: past [`MAX_GIVEN_CHARS`] it is cut on a word boundary and marked "…".

use super::furniture::is_furniture;
use crate::extract::dateline::{parse_dateline, Dateline};

/// A headline made from the body is cut at about this many characters.
pub const MAX_CHARS: usize = 100;

/// A given headline (metadata, a text page's first line) is cut at about this many
/// characters: a page scraped without line breaks has its whole text as its "first
/// line", and would make every hit a page long.
pub const MAX_GIVEN_CHARS: usize = 300;

/// Words whose trailing period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "capt", "sen", "rep", "gov",
    "pres", "inc", "ltd", "co", "corp", "jr", "sr", "no", "vs", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// Splits a text page into its title line and the text after it: the first non-blank
/// line that is not site furniture, else the first non-blank line. `None` for a page
/// with no text.
pub(super) fn split_title_line(text: &str) -> Option<(&str, &str)> {
    let mut first = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.trim().is_empty() {
            continue;
        }
        if !is_furniture(line) {
            return Some((line.trim(), &text[offset..]));
        }
        first = first.or(Some((line.trim(), start + line.len())));
    }
    first.map(|(line, end)| (line, &text[end..]))
}

/// `text` without its first non-blank line when that line repeats the title (ignoring
/// case and spacing), as bodies exported with their headline do.
pub(super) fn skip_repeated_title<'a>(text: &'a str, title: &str) -> &'a str {
    let start = text.len() - text.trim_start().len();
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let first = &text[start..end];
    let same = first
        .split_whitespace()
        .map(str::to_lowercase)
        .eq(title.split_whitespace().map(str::to_lowercase));
    if same {
        &text[end..]
    } else {
        text
    }
}

/// The headline: the given title (the metadata's, or a text page's title line), else
/// the first sentence of the body's first paragraph (after its dateline), else the first
/// line of `fallback` (the raw text, for an article that is all furniture).
pub(super) fn choose_title(given: Option<&str>, body: &str, fallback: &str) -> String {
    if let Some(title) = given.map(one_line).filter(|title| !title.is_empty()) {
        return title;
    }
    let first_paragraph = body.trim_start().split("\n\n").next().unwrap_or("");
    let story = parse_dateline(first_paragraph)
        .filter(Dateline::is_complete)
        .map_or(first_paragraph, |dateline| &first_paragraph[dateline.end..]);
    // The sentence is looked for where the headline can reach, so a body of one endless
    // sentence costs no more than a short one.
    let title = collapse(cut(first_sentence(head(story, MAX_CHARS * 2)), MAX_CHARS));
    if !title.is_empty() {
        return title;
    }
    let first_line = fallback.lines().find(|line| !line.trim().is_empty()).unwrap_or("");
    collapse(cut(first_line, MAX_CHARS))
}

/// A given headline as one line of at most about [`MAX_GIVEN_CHARS`] characters, cut
/// on a word boundary and marked "…" when it was longer. Only its head is looked at.
fn one_line(text: &str) -> String {
    let text = text.trim();
    let looked_at = head(text, MAX_GIVEN_CHARS * 2);
    let line = collapse(looked_at);
    if looked_at.len() == text.len() && line.chars().count() <= MAX_GIVEN_CHARS {
        return line;
    }
    format!("{}…", cut(&line, MAX_GIVEN_CHARS))
}

/// The first `max` characters of `text`.
fn head(text: &str, max: usize) -> &str {
    text.char_indices().nth(max).map_or(text, |(end, _)| &text[..end])
}

/// Whitespace runs collapsed to single spaces, ends trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence: up to a `.`, `!` or `?` followed by a space and a word that does
/// not start in lower case, unless the period closes an abbreviation or an initial
/// (`Mr.`, `U.S.`, `J.`).
fn first_sentence(text: &str) -> &str {
    let text = text.trim_start();
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let after = &text[i + 1..];
        let next = after.trim_start();
        let spaced = after.len() > next.len() || after.is_empty();
        if !spaced || next.starts_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let word_start = bytes[..i].iter().rposition(u8::is_ascii_whitespace).map_or(0, |p| p + 1);
        let word = &text[word_start..i];
        let abbreviation = c == '.'
            && (word.contains('.')
                || word.chars().count() == 1
                || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)));
        if !abbreviation {
            return &text[..=i];
        }
    }
    text
}

/// `text` cut on a word boundary to at most `max` characters (a single longer word is
/// cut where it must be), without trailing punctuation that would dangle.
fn cut(text: &str, max: usize) -> &str {
    let Some((limit, _)) = text.char_indices().nth(max) else { return text };
    let head = &text[..limit];
    let at_space = if text[limit..].starts_with(char::is_whitespace) {
        head
    } else {
        head.rfind(char::is_whitespace).map_or(head, |space| &head[..space])
    };
    at_space.trim_end().trim_end_matches([',', ';', ':', '-', '–', '—']).trim_end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_pages_give_their_first_line() {
        let cases = [
            ("Title here\n\nBody.\n", Some(("Title here", "\nBody.\n"))),
            ("\n\n  Title here  \r\nBody.", Some(("Title here", "Body."))),
            ("Share\nTitle here\nBody.", Some(("Title here", "Body."))),
            ("Share\n", Some(("Share", ""))),
            ("\n  \n", None),
        ];
        for (text, want) in cases {
            assert_eq!(split_title_line(text), want, "{text:?}");
        }
    }

    #[test]
    fn a_repeated_title_is_skipped() {
        let cases = [
            ("Relations  with Iran\nBody.", "Relations with Iran", "\nBody."),
            ("\nRELATIONS WITH IRAN\nBody.", "Relations with Iran", "\nBody."),
            ("Body first.\nMore.", "Relations with Iran", "Body first.\nMore."),
        ];
        for (text, title, want) in cases {
            assert_eq!(skip_repeated_title(text, title), want, "{text:?}");
        }
    }

    #[test]
    fn titles_come_from_the_given_title_then_the_first_sentence() {
        let long = "The foreign ministers of the six countries met in Geneva on Tuesday for talks that lasted well into the night and ended without any agreement. More text.";
        let cases = [
            (Some("  Iran  and Russia\n sign pact "), "Body.", "Iran and Russia sign pact"),
            (Some("   "), "Body text. More.", "Body text."),
            (None, "TEHRAN, March 3 (IRNA) - Iran and Russia signed a pact. The talks went on.", "Iran and Russia signed a pact."),
            (None, "Mr. Smith met U.S. officials in Washington. They talked.", "Mr. Smith met U.S. officials in Washington."),
            (None, "Prices rose 1.5 pct. Traders said so.", "Prices rose 1.5 pct."),
            (None, "First paragraph without a stop\n\nSecond.", "First paragraph without a stop"),
            (None, long, "The foreign ministers of the six countries met in Geneva on Tuesday for talks that lasted well into"),
        ];
        for (given, body, want) in cases {
            assert_eq!(choose_title(given, body, body), want, "{body:?}");
        }
    }

    #[test]
    fn a_given_title_is_one_line_of_sane_length() {
        let endless = "Sanctions talks ".repeat(5_000);
        let title = choose_title(Some(&endless), "", "");
        assert!(title.ends_with("talks…") || title.ends_with("Sanctions…"), "{title}");
        assert!(title.chars().count() <= MAX_GIVEN_CHARS + 1, "{}", title.chars().count());
        let spaced = format!("A  title{}", " ".repeat(1_000));
        assert_eq!(choose_title(Some(&spaced), "", ""), "A title");
        assert_eq!(choose_title(Some("  A\n short   title "), "", ""), "A short title");
    }

    #[test]
    fn a_title_is_never_empty_when_there_is_text() {
        assert_eq!(choose_title(None, "", "\n Share \n"), "Share");
        assert_eq!(choose_title(None, "", ""), "");
    }

    #[test]
    fn long_words_are_cut_where_they_must_be() {
        assert_eq!(cut("abcdefghij", 4), "abcd");
        assert_eq!(cut("ab cd, ef", 6), "ab cd");
        assert_eq!(cut("short", 10), "short");
    }
}
