//! English stemming with a memory of the words already stemmed.
//!
//! Stemming was a fifth of the CPU time of indexing: the Snowball algorithm runs its
//! suffix tables on every token, yet news prose repeats a small vocabulary ("the", "said",
//! "government") over and over. [`CachedStemmer`] gives exactly the stems of tantivy's
//! `Stemmer` (the same `frostem` algorithm) and remembers each word's stem, so a repeated
//! word costs a hash lookup.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per tokenizer before the memory is emptied and refilled: enough for
/// a news vocabulary, bounded for the rare corpus of endless distinct tokens.
const MAX_REMEMBERED: usize = 200_000;

/// A token filter stemming English words, like tantivy's `Stemmer::new(Language::English)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer, stems: FxHashMap::default() }
    }
}

/// [`CachedStemmer`] applied to a tokenizer.
pub struct CachedStemmerFilter<T> {
    inner: T,
    stems: FxHashMap<Box<str>, Box<str>>,
}

/// tantivy clones the analyzer for each indexing thread and each query: every clone
/// starts with an empty memory of its own, so no lock is ever shared.
impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter { inner: self.inner.clone(), stems: FxHashMap::default() }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stems: &mut self.stems,
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
        }
    }
}

/// The tokens of a text, stemmed.
pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stems: &'a mut FxHashMap<Box<str>, Box<str>>,
    stemmer: frostem::Stemmer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.stems.get(token.text.as_str()) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let stem: Box<str> = self.stemmer.stem(&token.text).into();
        if self.stems.len() >= MAX_REMEMBERED {
            self.stems.clear();
        }
        self.stems.insert(token.text.as_str().into(), stem.clone());
        token.text.clear();
        token.text.push_str(&stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    use super::*;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |token| out.push(token.text.clone()));
        out
    }

    #[test]
    fn stems_exactly_as_tantivys_stemmer_also_when_words_repeat() {
        let text = "Sanctions were sanctioned; the ministers' meetings met. Running runs ran, \
                    sanctions again and again: generously, generation, generalisations.";
        let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let expected = tokens(&mut theirs, text);
        assert!(expected.contains(&"sanction".to_owned()));
        // Twice: the second pass is answered from the memory.
        assert_eq!(tokens(&mut ours, text), expected);
        assert_eq!(tokens(&mut ours, text), expected);
        assert_eq!(tokens(&mut ours.clone(), text), expected);
    }
}
