//! Article text made inert for a terminal: the one function every text printer passes
//! article-derived strings (titles, agencies, URLs, snippets, bodies, facet values, file
//! names) through before they are written.
//!
//! An article is hostile: an escape sequence in a title could clear the screen, retitle
//! the window or forge an OSC 8 link, a carriage return could overwrite what was printed
//! before it, and a newline in a file name could fake a line of output. Here every
//! control character (C0, DEL, C1) and every Unicode bidirectional control is written as
//! a visible escape (`\x1b`, `\r`, `\u{9b}`, `\u{202e}`), whatever the colour setting.
//! JSON and CSV output carry the text exactly: their readers are programs, and the
//! escaping they need is their format's own.

use std::borrow::Cow;
use std::fmt::Write as _;

/// How the text is laid out where it is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One line (a title, a path, a facet value): newlines and tabs are escaped too.
    Line,
    /// Lines of prose (a body): newlines and tabs stay; every other control is escaped.
    Block,
}

/// `text` with nothing a terminal would act on, borrowed when there is nothing to
/// change (the usual case, so printing costs one scan).
pub fn inert(text: &str, layout: Layout) -> Cow<'_, str> {
    let Some(first) = text.find(|c| is_active(c, layout)) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if !is_active(c, layout) {
            out.push(c);
            continue;
        }
        // Writing to a String cannot fail.
        let _ = match c {
            '\n' => out.write_str("\\n"),
            '\r' => out.write_str("\\r"),
            '\t' => out.write_str("\\t"),
            c if (c as u32) < 0x80 => write!(out, "\\x{:02x}", c as u32),
            c => write!(out, "\\u{{{:x}}}", c as u32),
        };
    }
    Cow::Owned(out)
}

/// Would a terminal act on `c` (move the cursor, start a sequence, reorder the line)?
fn is_active(c: char, layout: Layout) -> bool {
    match c {
        '\n' | '\t' => layout == Layout::Line,
        // Bidirectional embeddings, overrides and isolates reorder what follows them.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        c => c.is_control(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(inert("Brasília — talks", Layout::Line), Cow::Borrowed(_)));
        assert!(matches!(inert("two\n\nparagraphs\tand a tab", Layout::Block), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_visible_escapes() {
        let cases = [
            ("\x1b[2J\x1b]0;owned\x07Title", "\\x1b[2J\\x1b]0;owned\\x07Title"),
            ("a\rb", "a\\rb"),
            ("file\nname.txt", "file\\nname.txt"),
            ("tab\there", "tab\\there"),
            ("nul\0del\x7f", "nul\\x00del\\x7f"),
            ("csi\u{9b}31m", "csi\\u{9b}31m"),
            ("evil\u{202e}txt.exe", "evil\\u{202e}txt.exe"),
        ];
        for (text, expected) in cases {
            assert_eq!(inert(text, Layout::Line), expected, "{text:?}");
        }
    }

    #[test]
    fn a_block_keeps_its_lines_and_tabs() {
        assert_eq!(
            inert("one\n\ttwo\r\n\x1b]8;;http://x\x1b\\link", Layout::Block),
            "one\n\ttwo\\r\n\\x1b]8;;http://x\\x1b\\link"
        );
    }
}
