//! One article as the entity rules see it: text, tokens, and the gazetteer hits on them.
//!
//! In: the tokens and hits of [`super::tokens`] and [`super::lexicon`]. Out: a [`Doc`]
//! with the small questions every rule asks ("which entry covers token 7?", "is the word
//! before it *in*?", "is *turkey* written in lower case anywhere?"). It decides nothing.
//!
//! The questions about the whole article are answered from a table of its words, built
//! the first time one is asked, so that asking them at every mention keeps the rules'
//! time linear in the article's length.

use std::cell::OnceCell;
use std::hash::{Hash, Hasher};

use rustc_hash::FxHashSet;

use super::lexicon::{Entry, Hit, Lexicon};
use super::tokens::{Kind, Shape, Token, SENTENCE_START};

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
    /// The words written in lower case, built on first use.
    lower_words: OnceCell<FxHashSet<NoCase<'a>>>,
    /// The words written capitalised inside a sentence, built on first use.
    capitalised_inside: OnceCell<FxHashSet<&'a str>>,
}

/// A word compared and hashed ignoring ASCII case, as `eq_ignore_ascii_case` compares:
/// sets of them answer "is this word among those, in any case?" without lowering copies.
#[derive(Debug, Clone, Copy)]
pub struct NoCase<'a>(pub &'a str);

impl PartialEq for NoCase<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.eq_ignore_ascii_case(other.0)
    }
}

impl Eq for NoCase<'_> {}

impl Hash for NoCase<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        for b in self.0.bytes() {
            state.write_u8(b.to_ascii_lowercase());
        }
        // As `str` does: "ab" then "c" must not hash as "a" then "bc".
        state.write_u8(0xff);
    }
}

impl<'a> Doc<'a> {
    /// The article prepared for the rules.
    pub fn new(
        text: &'a str,
        tokens: &'a [Token],
        hits: &'a [Hit],
        hit_of: &'a [u32],
        lex: &'a Lexicon,
        body_start: usize,
    ) -> Doc<'a> {
        Doc {
            text,
            tokens,
            hits,
            hit_of,
            lex,
            body_start,
            lower_words: OnceCell::new(),
            capitalised_inside: OnceCell::new(),
        }
    }

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
        let words = self.lower_words.get_or_init(|| {
            let lower =
                self.tokens.iter().filter(|t| t.kind == Kind::Word && t.shape == Shape::Lower);
            lower.map(|t| NoCase(t.text(self.text))).collect()
        });
        words.contains(&NoCase(word))
    }

    /// Is `word` (exactly so) written with a capital inside a sentence somewhere, where the
    /// capital says it is a name ("... that Yeltsin backed")?
    pub fn capitalised_inside_sentence(&self, word: &str) -> bool {
        let words = self.capitalised_inside.get_or_init(|| {
            let inside = self
                .tokens
                .iter()
                .filter(|t| t.shape == Shape::Capitalized && !t.has(SENTENCE_START));
            inside.map(|t| t.text(self.text)).collect()
        });
        words.contains(word)
    }
}
