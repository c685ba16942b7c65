//! One article as the entity rules see it: text, tokens, and the gazetteer hits on them.
//!
//! In: the tokens and hits of [`super::tokens`] and [`super::lexicon`]. Out: a [`Doc`]
//! with the small questions every rule asks ("which entry covers token 7?", "is the word
//! before it *in*?", "is *turkey* written in lower case anywhere?"). It decides nothing.

use super::lexicon::{Entry, Hit, Lexicon};
use super::tokens::{Kind, Shape, Token};

/// No hit covers this token.
pub const NO_HIT: u32 = u32::MAX;

/// An article prepared for the rules.
pub struct Doc<'a> {
    /// Title, a blank line, then the body.
    pub text: &'a str,
    /// Tokens of `text`.
    pub tokens: &'a [Token],
    /// Gazetteer hits, in text order, not overlapping.
    pub hits: &'a [Hit],
    /// For each token, the index of the hit covering it, or [`NO_HIT`].
    pub hit_of: &'a [u32],
    /// The gazetteers.
    pub lex: &'a Lexicon,
    /// Index of the first token of the body.
    pub body_start: usize,
}

impl<'a> Doc<'a> {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens[i].text(self.text)
    }

    /// Is token `i` the word `w`, ignoring ASCII case?
    pub fn is_word(&self, i: usize, w: &str) -> bool {
        i < self.tokens.len() && self.word(i).eq_ignore_ascii_case(w)
    }

    /// Is token `i` the punctuation character `c`?
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        i < self.tokens.len() && self.tokens[i].is_punct(self.text, c)
    }

    /// The hit covering token `i`, if any.
    pub fn hit_at(&self, i: usize) -> Option<&'a Hit> {
        match self.hit_of.get(i) {
            Some(&h) if h != NO_HIT => Some(&self.hits[h as usize]),
            _ => None,
        }
    }

    /// The entry of the hit covering token `i`, if any.
    pub fn entry_at(&self, i: usize) -> Option<&'a Entry> {
        self.hit_at(i).map(|h| self.lex.entry(h.entry))
    }

    /// The classes of the one-token hit on token `i` (0 when there is none, or when the
    /// hit spans more tokens).
    pub fn word_classes(&self, i: usize) -> u32 {
        match self.hit_at(i) {
            Some(h) if h.end - h.start == 1 => self.lex.entry(h.entry).classes,
            _ => 0,
        }
    }

    /// The classes of the hit that ends just before token `i` (0 if none does).
    pub fn classes_ending_before(&self, i: usize) -> u32 {
        match i.checked_sub(1).and_then(|p| self.hit_at(p)) {
            Some(h) if h.end as usize == i => self.lex.entry(h.entry).classes,
            _ => 0,
        }
    }

    /// Does the article use `word` in lower case ("turkey", "mobile")?
    pub fn occurs_lowercase(&self, word: &str) -> bool {
        self.tokens.iter().any(|t| {
            t.kind == Kind::Word
                && t.shape == Shape::Lower
                && t.text(self.text).eq_ignore_ascii_case(word)
        })
    }
}
