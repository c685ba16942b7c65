//! People, officials, places and countries of an article.
//!
//! In: an article's title and body (the body starting with its dateline, if any). Out:
//! [`Entities`], canonical names, each listed once, in first-mention order. The work is
//! one pass: the text is tokenised (`tokens`), the gazetteers, built once (`lexicon`),
//! mark the spans that may be places, demonyms, titles, given names or cue words, and
//! rules over those marks find the people (`people`), their roles (`officials`) and the
//! places and countries (`places`), settling ambiguous names by their context. No model, no network: the gazetteers ship in `data/`, built
//! by `scripts/build_gazetteers.py`.
//!
//! This module does not read files, find dates or agencies (see [`super::meta`]), or
//! normalise facet values for the index: it gives canonical names, and each place with
//! the country of the sense it chose, which the index files the place under as it is.

mod doc;
mod lexicon;
mod officials;
mod people;
mod places;
pub(super) mod tokens;

use std::cell::RefCell;

use doc::{Doc, NO_HIT};
use lexicon::{Hit, Lexicon, LEXICON, PLACES};
use places::PlaceName;
use tokens::Token;

use super::{Official, Place};

/// The entities of one article, canonical names, each listed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entities {
    /// Every person named.
    pub people: Vec<String>,
    /// The people with a role.
    pub officials: Vec<Official>,
    /// Every place named (countries, regions, cities), with the country of the sense
    /// the rules chose.
    pub places: Vec<Place>,
    /// Countries named or implied.
    pub countries: Vec<String>,
}

/// Buffers reused from one article to the next on the same thread.
#[derive(Default)]
struct Scratch {
    text: String,
    tokens: Vec<Token>,
    stream: String,
    starts: Vec<u32>,
    hits: Vec<Hit>,
    hit_of: Vec<u32>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Finds the entities in an article's title and body.
pub fn extract_entities(title: &str, body: &str) -> Entities {
    SCRATCH.with(|scratch| {
        let mut guard = scratch.borrow_mut();
        let Scratch { text, tokens, stream, starts, hits, hit_of } = &mut *guard;
        text.clear();
        text.push_str(title.trim());
        text.push_str("\n\n");
        let body_offset = text.len() as u32;
        text.push_str(body);

        tokens::tokenize(text, tokens);
        let body_start = tokens.partition_point(|t| t.start < body_offset);
        tokens::mark_title_case(tokens, body_start);
        tokens::key_stream(text, tokens, stream, starts);
        let lex = &*LEXICON;
        lex.find(tokens, stream, starts, hits);
        hit_of.clear();
        hit_of.resize(tokens.len(), NO_HIT);
        for (h, hit) in hits.iter().enumerate() {
            for slot in &mut hit_of[hit.start as usize..hit.end as usize] {
                *slot = h as u32;
            }
        }

        let doc = Doc::new(text, tokens, hits, hit_of, lex, body_start);
        let people = people::find_people(&doc);
        let found = places::find_places(&doc, &people);
        let officials = officials::find_officials(&doc, &people, &found);
        Entities {
            people: people.persons.into_iter().map(|p| p.name).collect(),
            officials,
            places: found.places.into_iter().map(|p| place(lex, p)).collect(),
            countries: found.countries.into_iter().map(|c| lex.place(c).name.to_string()).collect(),
        }
    })
}

/// The place as the article shape holds it: its name, and the country of the sense
/// chosen when that is not the place itself.
fn place(lex: &Lexicon, name: PlaceName) -> Place {
    match name {
        PlaceName::Known(id) => {
            let place = lex.place(id);
            let country = place.country.map(|c| lex.place(c).name).filter(|&c| c != place.name);
            Place { name: place.name.to_owned(), country: country.map(str::to_owned) }
        }
        PlaceName::Unknown(name) => Place { name, country: None },
    }
}

/// The canonical country name for a name, code or alias (`"US"`, `"U.S."`, `"usa"`,
/// `"America"`, `"Britain"`, `"Russian Federation"`, `"Islamic Republic of Iran"`),
/// case-insensitive. Demonyms ("Iranian") are not country names and give `None`.
pub fn canonical_country(name: &str) -> Option<&'static str> {
    let table = &*PLACES;
    let place = table.place(table.place_by_surface(name)?);
    place.kind.is_country().then_some(place.name)
}

/// The canonical place for a name or alias of a place, case-insensitive (`"tehran"` →
/// `"Tehran"`, `"Peking"` → `"Beijing"`, `"the Gulf"` → `"Persian Gulf"`). A name with
/// several places gives the most prominent (`"georgia"` → the country).
pub fn canonical_place(name: &str) -> Option<&'static str> {
    let table = &*PLACES;
    Some(table.place(table.place_by_surface(name)?).name)
}

#[cfg(test)]
mod tests;
