//! Splitting prose into words, with Chinese, Japanese and Korean text as overlapping
//! pairs of characters.
//!
//! Latin, Cyrillic, Arabic and other spaced scripts split as tantivy's `SimpleTokenizer`
//! splits them: a word is a run of letters and digits. CJK text has no spaces, so such a
//! run would be one token per sentence, never matching a word typed on its own. A run of
//! CJK characters becomes its overlapping bigrams instead (`北京市` gives `北京`, `京市`),
//! each at the next position, so a two-character word is one token and a longer word a
//! phrase of bigrams, which the query parser builds from the query's own bigrams. A lone
//! CJK character is a token of one character. This is the approach of Lucene's
//! `CJKBigramFilter`; it is written here because the tantivy tokenizer crates for CJK
//! segment with dictionaries (tens of megabytes, one language each), and bigrams need
//! none and treat the three languages alike.
//!
//! What happens to a token afterwards (lower-casing, folding, stemming) is the analyzer's
//! business ([`super::schema::news_analyzer`]).

use std::iter::Peekable;
use std::str::CharIndices;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Words, and CJK runs as bigrams.
#[derive(Clone, Copy, Debug, Default)]
pub struct NewsTokenizer;

impl Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        NewsTokenStream {
            text,
            chars: text.char_indices().peekable(),
            token: Token::default(),
            cjk: None,
            cjk_alone: false,
        }
    }
}

/// The tokens of one text.
pub struct NewsTokenStream<'a> {
    text: &'a str,
    chars: Peekable<CharIndices<'a>>,
    token: Token,
    /// The last CJK character read, with its byte offset, while inside a CJK run.
    cjk: Option<(usize, char)>,
    /// The CJK run so far is that one character (no bigram has been given yet).
    cjk_alone: bool,
}

impl NewsTokenStream<'_> {
    fn emit(&mut self, from: usize, to: usize) -> bool {
        self.token.position = self.token.position.wrapping_add(1);
        self.token.position_length = 1;
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.text.clear();
        self.token.text.push_str(&self.text[from..to]);
        true
    }
}

impl TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some((start, first)) = self.cjk {
                match self.chars.peek() {
                    Some(&(at, next)) if is_cjk(next) => {
                        self.chars.next();
                        self.cjk = Some((at, next));
                        self.cjk_alone = false;
                        return self.emit(start, at + next.len_utf8());
                    }
                    _ => {
                        self.cjk = None;
                        if self.cjk_alone {
                            return self.emit(start, start + first.len_utf8());
                        }
                    }
                }
            }
            let (start, first) = loop {
                match self.chars.next() {
                    None => return false,
                    Some((at, c)) if c.is_alphanumeric() => break (at, c),
                    Some(_) => {}
                }
            };
            if is_cjk(first) {
                self.cjk = Some((start, first));
                self.cjk_alone = true;
                continue;
            }
            let mut end = start + first.len_utf8();
            while let Some(&(at, c)) = self.chars.peek() {
                if !c.is_alphanumeric() || is_cjk(c) {
                    break;
                }
                end = at + c.len_utf8();
                self.chars.next();
            }
            return self.emit(start, end);
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Is `c` a letter of a script written without spaces between words: Han ideographs
/// (Chinese, Japanese kanji, Korean hanja), kana, Hangul, Bopomofo?
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF // Hangul Jamo
        | 0x2E80..=0x2FDF // CJK and Kangxi radicals
        | 0x3005..=0x3007 // 々 〆 〇
        | 0x3040..=0x309F // Hiragana
        | 0x30A0..=0x30FF // Katakana
        | 0x3100..=0x312F // Bopomofo
        | 0x3130..=0x318F // Hangul compatibility Jamo
        | 0x31A0..=0x31BF // Bopomofo extended
        | 0x31F0..=0x31FF // Katakana phonetic extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xA960..=0xA97F // Hangul Jamo extended A
        | 0xAC00..=0xD7FF // Hangul syllables, Jamo extended B
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFFDC // half-width Katakana and Hangul
        | 0x20000..=0x3FFFF // CJK extensions B and later
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut tokenizer = NewsTokenizer;
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            assert_eq!(&text[token.offset_from..token.offset_to], token.text);
            out.push((token.text.clone(), token.position));
        }
        out
    }

    fn texts(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(text, _)| text).collect()
    }

    #[test]
    fn spaced_scripts_split_as_simple_tokenizer_splits_them() {
        let mut simple = tantivy::tokenizer::SimpleTokenizer::default();
        for text in
            ["Iran's foreign-minister met 3+3 officials.", "Brasília, São Paulo", "Москва 2023", ""]
        {
            let mut stream = simple.token_stream(text);
            let mut expected = Vec::new();
            while let Some(token) = stream.next() {
                expected.push((token.text.clone(), token.position));
            }
            assert_eq!(tokens(text), expected, "{text}");
        }
    }

    #[test]
    fn cjk_runs_become_overlapping_bigrams() {
        assert_eq!(tokens("北京市"), [("北京".into(), 0), ("京市".into(), 1)]);
        assert_eq!(texts("東京で会議"), ["東京", "京で", "で会", "会議"]);
        assert_eq!(texts("서울 시장"), ["서울", "시장"]);
    }

    #[test]
    fn a_lone_cjk_character_is_a_token() {
        assert_eq!(texts("人"), ["人"]);
        assert_eq!(texts("A 人。B"), ["A", "人", "B"]);
    }

    #[test]
    fn mixed_runs_split_at_the_script_boundary() {
        assert_eq!(
            tokens("iPhone手机2023年"),
            [("iPhone".into(), 0), ("手机".into(), 1), ("2023".into(), 2), ("年".into(), 3)]
        );
    }
}
