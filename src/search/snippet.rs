//! Snippets: the passage of a hit's body shown under its title, with the query's words
//! marked.
//!
//! tantivy's [`SnippetGenerator`] scores the body's windows and picks the best; this
//! module bounds what it looks at and shapes what it found into a [`Snippet`]: at most
//! [`SNIPPET_CHARS`] characters (characters, not bytes: a Greek or Chinese passage is as
//! long as an English one), cut between words, with "…" where the body goes on.
//!
//! Only the first [`WINDOW_BYTES`] of a body are searched for a passage: tokenising a
//! 50 MB article for every search that hits it would cost a second each time. A match
//! further in still makes the article a hit; its snippet is then the article's opening.

use std::ops::Range;

use tantivy::snippet::SnippetGenerator;

use super::Snippet;

/// Characters in a snippet.
pub const SNIPPET_CHARS: usize = 220;

/// Bytes of a body searched for the best passage.
pub const WINDOW_BYTES: usize = 256 * 1024;

/// The mark of a cut.
const ELLIPSIS: &str = "…";

/// Sets `generator` up for [`snippet`]: its windows are counted in bytes, so they are
/// made long enough to hold [`SNIPPET_CHARS`] characters of any script.
pub fn configure(generator: &mut SnippetGenerator) {
    generator.set_max_num_chars(SNIPPET_CHARS * 4);
}

/// Byte ranges of every word of `query` in `text`, a value of `field`: the whole text
/// is made one passage, so none is left out (linear in the text).
pub fn marks(
    searcher: &tantivy::Searcher,
    query: &dyn tantivy::query::Query,
    field: tantivy::schema::Field,
    text: &str,
) -> crate::Result<Vec<Range<usize>>> {
    let mut generator = SnippetGenerator::create(searcher, query, field)?;
    generator.set_max_num_chars(text.len() + 1);
    let found = generator.snippet(text);
    let offset = found.fragment_range().start;
    Ok(found.highlighted().iter().map(|r| r.start + offset..r.end + offset).collect())
}

/// The best passage of `body` for the generator's query, or its opening when no word of
/// the query is in the searched window (a filter-only search, a match further in).
pub fn snippet(generator: &SnippetGenerator, body: &str) -> Snippet {
    let window = &body[..floor_char_boundary(body, WINDOW_BYTES)];
    let found = generator.snippet(window);
    let highlights = found.highlighted();
    if found.is_empty() || highlights.is_empty() {
        return passage(body, 0, &[]);
    }
    let offset = found.fragment_range().start;
    let absolute: Vec<Range<usize>> =
        highlights.iter().map(|r| r.start + offset..r.end + offset).collect();
    // Start a little before the first marked word, so it is not the passage's first.
    let first = absolute[0].start;
    let lead = body[..first].char_indices().rev().nth(SNIPPET_CHARS / 4).map_or(0, |(i, _)| i);
    passage(body, lead.max(offset.min(first)), &absolute)
}

/// The passage of `body` from about `from` (moved forward to a word's start), at most
/// [`SNIPPET_CHARS`] characters cut at a word's end, with `highlights` (byte ranges of
/// `body`) that lie wholly inside it made relative to the passage's text.
fn passage(body: &str, from: usize, highlights: &[Range<usize>]) -> Snippet {
    let content = body.trim_end();
    let mut start = from.min(content.len());
    if start > 0 && !body[..start].ends_with(char::is_whitespace) {
        // Inside a word: go on to the next one.
        start = content[start..].find(char::is_whitespace).map_or(content.len(), |i| start + i);
    }
    start += content[start..].len() - content[start..].trim_start().len();
    let rest = &content[start..];
    let end = match rest.char_indices().nth(SNIPPET_CHARS) {
        None => content.len(),
        Some((limit, _)) if rest[limit..].starts_with(char::is_whitespace) => start + limit,
        Some((limit, _)) => {
            // Back to the end of the last whole word; a single long word is cut.
            let head = &rest[..limit];
            start + head.rfind(char::is_whitespace).map_or(limit, |space| space)
        }
    };
    let end = start + content[start..end].trim_end().len();
    let before = if start > 0 { ELLIPSIS } else { "" };
    let after = if end < content.len() { ELLIPSIS } else { "" };
    let text = format!("{before}{}{after}", &content[start..end]);
    let shift = |byte: usize| byte - start + before.len();
    let highlights = highlights
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| shift(r.start)..shift(r.end))
        .collect();
    Snippet { text, highlights }
}

/// The largest char boundary of `text` at or below `index`.
fn floor_char_boundary(text: &str, index: usize) -> usize {
    if index >= text.len() {
        return text.len();
    }
    (0..=index).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(snippet: &Snippet) -> Vec<&str> {
        snippet.highlights.iter().map(|r| &snippet.text[r.clone()]).collect()
    }

    #[test]
    fn a_short_body_is_whole_without_marks_of_a_cut() {
        let body = "Oil prices rose on Monday.\n";
        let found = passage(body, 0, &[Range { start: 0, end: 3 }]);
        assert_eq!(found.text, "Oil prices rose on Monday.");
        assert_eq!(marked(&found), ["Oil"]);
    }

    #[test]
    fn a_long_body_is_cut_between_words_with_ellipses() {
        let words: Vec<String> = (0..200).map(|i| format!("wörd{i}")).collect();
        let body = words.join(" ");
        let at = body.find("wörd100").unwrap();
        let word = Range { start: at, end: at + "wörd100".len() };
        let found = passage(&body, at - 3, &[word]);
        assert!(found.text.starts_with("…wörd100 wörd101"), "{}", found.text);
        assert!(found.text.ends_with('…'), "{}", found.text);
        let inner = found.text.trim_start_matches('…').trim_end_matches('…');
        assert!(inner.chars().count() <= SNIPPET_CHARS);
        assert!(inner.split(' ').all(|w| words.contains(&w.to_string())), "{inner}");
        assert_eq!(marked(&found), ["wörd100"]);
    }

    #[test]
    fn length_is_counted_in_characters() {
        let body = "Αθήνα ".repeat(100);
        let found = passage(&body, 0, &[]);
        let inner = found.text.trim_end_matches('…');
        assert_eq!(inner.chars().count(), SNIPPET_CHARS - SNIPPET_CHARS % 6 - 1);
        assert!(found.text.ends_with("Αθήνα…"));
    }

    #[test]
    fn one_endless_word_is_cut_where_it_must_be() {
        let body = "x".repeat(1000);
        let found = passage(&body, 0, &[]);
        assert_eq!(found.text, format!("{}…", "x".repeat(SNIPPET_CHARS)));
    }

    #[test]
    fn window_ends_fall_on_char_boundaries() {
        assert_eq!(floor_char_boundary("aé", 2), 1);
        assert_eq!(floor_char_boundary("aé", 9), 3);
    }
}
