//! Stage 6, presenting: results to any [`std::io::Write`], for people (`text`) or for
//! programs (`json`).
//!
//! This is the only module that knows about terminals: colour is a [`Style`] decided once
//! by the caller (on for a terminal, off for pipes and when `NO_COLOR` is set), and every
//! printer takes it as a value.

pub mod csv;
pub mod json;
pub mod text;

use std::ops::Range;

/// Whether to colour output, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
}

impl Style {
    /// No colour.
    pub const PLAIN: Style = Style { color: false };

    fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    /// Bold text.
    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    /// Dimmed text.
    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    /// Cyan text.
    pub fn cyan(self, text: &str) -> String {
        self.paint("36", text)
    }

    /// Marks the byte ranges of `text`: bold yellow in colour, `[` `]` without.
    pub fn highlight(self, text: &str, ranges: &[Range<usize>]) -> String {
        let mut out = String::with_capacity(text.len() + ranges.len() * 8);
        let mut last = 0;
        for range in ranges {
            let (Some(before), Some(word)) = (text.get(last..range.start), text.get(range.clone()))
            else {
                continue;
            };
            out.push_str(before);
            if self.color {
                out.push_str(&self.paint("1;33", word));
            } else {
                out.push('[');
                out.push_str(word);
                out.push(']');
            }
            last = range.end;
        }
        out.push_str(text.get(last..).unwrap_or_default());
        out.replace('\n', " ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_are_bracketed_without_colour() {
        let text = "Oil prices rose";
        assert_eq!(Style::PLAIN.highlight(text, &[0..3, 4..10]), "[Oil] [prices] rose");
    }

    #[test]
    fn highlights_are_coloured_on_a_terminal() {
        let coloured = Style { color: true }.highlight("Oil rose", &[Range { start: 0, end: 3 }]);
        assert_eq!(coloured, "\x1b[1;33mOil\x1b[0m rose");
    }
}
