//! The gazetteers, loaded once, and the automata that find them in an article.
//!
//! In: the generated tables in `data/` (compiled in with `include_str!`). Out: a
//! [`Lexicon`] of places (canonical name, kind, country) and of *entries*: every surface
//! form the rules look for ("U.S.", "Defense Minister", "Sergei", "said"), each with all
//! its senses, and [`Lexicon::find`], which reports the whole-token matches in an
//! article's key stream (see [`super::tokens::key_stream`]) in one pass.
//!
//! The tens of thousands of names (places, given names, demonyms, agencies) only count
//! with a capital, so their Aho-Corasick automaton is only walked, anchored, from
//! capitalised tokens: most of the text is never fed to it. The few hundred words that
//! may be written in lower case ("minister", "said", "in") are a closed vocabulary of
//! words and short phrases, looked up by their key in a hash table, one probe a word
//! (more only at the first word of a known phrase). The tables are built by
//! `scripts/build_gazetteers.py`; this module does not decide which sense applies, it
//! only says which senses a span of tokens may have.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};

use super::tokens::{push_key, tokenize, Shape, Token};

const PLACES_TSV: &str = include_str!("data/places.tsv");
const NAMES_TSV: &str = include_str!("data/names.tsv");

/// Index of a place in [`Lexicon::places`].
pub type PlaceId = u32;

/// What sort of place a canonical place is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// A country or territory of today.
    Country,
    /// A country of the past (Soviet Union, West Germany).
    Historic,
    /// A nation inside a country (England, Scotland).
    Nation,
    /// A US state.
    State,
    /// A province, territory or region inside one country (Chechnya, Quebec).
    Province,
    /// A region across countries, or a sea (Middle East, Caucasus): implies no country.
    Region,
    /// A city.
    City,
}

impl PlaceKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "country" => Self::Country,
            "historic" => Self::Historic,
            "nation" => Self::Nation,
            "state" => Self::State,
            "province" => Self::Province,
            "region" => Self::Region,
            "city" => Self::City,
            _ => return None,
        })
    }

    /// Countries, today's or historic.
    pub fn is_country(self) -> bool {
        matches!(self, Self::Country | Self::Historic)
    }
}

/// A canonical place.
#[derive(Debug, Clone)]
pub struct Place {
    /// Canonical name ("Tehran", "Georgia (U.S. state)").
    pub name: &'static str,
    /// What sort of place it is.
    pub kind: PlaceKind,
    /// The country it lies in (a country is its own country); `None` for regions.
    pub country: Option<PlaceId>,
    /// For a country, the countries beside it.
    pub neighbours: Vec<PlaceId>,
}

/// Word classes a surface form can belong to, as bits of [`Entry::classes`].
pub mod class {
    /// A place name or alias (see [`super::Entry::places`]).
    pub const PLACE: u32 = 1;
    /// A demonym or adjective of a country or group ("Iranian", "Arab").
    pub const DEMONYM: u32 = 1 << 1;
    /// A news agency.
    pub const AGENCY: u32 = 1 << 2;
    /// The head of an office ("Minister", "Spokesman", "Chief of Staff").
    pub const OFFICE: u32 = 1 << 3;
    /// A military or police rank ("Brigadier General").
    pub const RANK: u32 = 1 << 4;
    /// A form of address, stripped from names ("Mr.", "Dr", "Sheikh").
    pub const HONORIFIC: u32 = 1 << 5;
    /// A word that qualifies an office ("Defense", "Foreign").
    pub const MODIFIER: u32 = 1 << 6;
    /// A given name.
    pub const GIVEN: u32 = 1 << 7;
    /// A verb of speech ("said", "told").
    pub const SPEECH: u32 = 1 << 8;
    /// A word before places ("in", "near", "visited").
    pub const LOCATIVE: u32 = 1 << 9;
    /// A capitalised word that is never part of a name ("The", "Monday").
    pub const NONNAME: u32 = 1 << 10;
    /// A word that makes a capitalised sequence an organisation ("Corp", "Bank", "Times").
    pub const ORGWORD: u32 = 1 << 11;
    /// An organisation head before "of" ("Bank" in "Bank of England").
    pub const ORGOF: u32 = 1 << 12;
    /// "counterpart": lends its country to the person named next.
    pub const COUNTERPART: u32 = 1 << 14;
    /// An organisation word of firms, clubs and newspapers ("Corp", "Airways", "Times").
    pub const COMPANY: u32 = 1 << 15;
    /// A currency word ("dlrs", "franc"): "Swiss franc" names money, not a country.
    pub const CURRENCY: u32 = 1 << 16;
    /// A common surname ("Stewart").
    pub const SURNAME: u32 = 1 << 17;
    /// A word that describes the person named next ("businessman", "striker").
    pub const DESCRIPTOR: u32 = 1 << 18;
    /// Any word of a title before a name.
    pub const TITLE: u32 = OFFICE | RANK | HONORIFIC | MODIFIER;
}

/// The place sense flag: only when written in capitals ("US", not "us").
pub const UPPER: u8 = 1;
/// The place sense flag: only after a comma ("Jackson, Miss.").
pub const AFTER_COMMA: u8 = 2;
/// The place sense flag: a small place, or one named like a person; needs support.
pub const WEAK: u8 = 4;
/// The place sense flag: also a common word ("Turkey", "Mobile").
pub const WORD: u8 = 8;
/// The place sense flag: a less known place of the name ("Cambridge, Massachusetts").
pub const ALT: u8 = 16;

/// One place a surface form may name, with the flags of that sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceSense {
    /// The place.
    pub place: PlaceId,
    /// Bit set of [`UPPER`], [`AFTER_COMMA`], [`WEAK`], [`WORD`], [`ALT`].
    pub flags: u8,
}

/// Everything one surface form may be.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    /// Bit set of [`class`] constants.
    pub classes: u32,
    /// The places it may name, the most prominent first (country, then state, then city).
    pub places: Vec<PlaceSense>,
    /// For a demonym: the country it implies (`None` for a group such as "Arab").
    pub demonym_country: Option<PlaceId>,
    /// Number of tokens in the surface form.
    pub len: u32,
}

impl Entry {
    /// Does the entry belong to any class in `mask`?
    pub fn is(&self, mask: u32) -> bool {
        self.classes & mask != 0
    }
}

/// A gazetteer match: tokens `start..end` may be entry `entry`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// First token.
    pub start: u32,
    /// One past the last token.
    pub end: u32,
    /// Index into [`Lexicon::entries`].
    pub entry: u32,
}

/// All gazetteers and the automaton over their surface forms.
pub struct Lexicon {
    /// Every canonical place and its names.
    pub places: &'static PlaceTable,
    /// Every surface form's senses.
    pub entries: Vec<Entry>,
    /// The lower-case forms a word's key (" minister ") may start: a small table, in
    /// cache, probed once a word.
    words: HashMap<String, WordSlot, KeyHash>,
    /// Lower-case forms of several words, by key (" prime  minister ").
    phrases: HashMap<String, u32, KeyHash>,
    /// Forms that start with a capital, walked from capitalised tokens.
    capitalised: contiguous::NFA,
    /// A filter of the first words of `capitalised`'s patterns: a capitalised word whose
    /// bit is clear starts none, and the walk (a few cache misses in a large automaton)
    /// is skipped.
    first_words: Vec<u64>,
    /// The entry of each pattern of `capitalised`.
    capitalised_entries: Vec<u32>,
}

/// The canonical places and the names that lead to them, without the matching
/// automata: what a search needs to read `--country US` or `place:tehran`, built in a
/// fraction of the time the whole [`Lexicon`] takes.
pub struct PlaceTable {
    /// Every canonical place, by [`PlaceId`].
    pub places: Vec<Place>,
    place_by_name: HashMap<String, PlaceId, KeyHash>,
    /// Each place name or alias, by [`lookup_key`], to its most prominent place.
    place_by_surface: HashMap<String, PlaceId, KeyHash>,
}

/// The place table, built on first use (and by the lexicon, which shares it).
pub static PLACES: LazyLock<PlaceTable> = LazyLock::new(PlaceTable::build);

impl PlaceTable {
    fn build() -> PlaceTable {
        let mut places = Vec::new();
        let mut place_by_name: HashMap<String, PlaceId, KeyHash> = HashMap::default();
        let mut links = Vec::new();
        for line in data_lines(PLACES_TSV) {
            let mut cols = line.split('\t');
            let (Some(name), Some(kind)) = (cols.next(), cols.next()) else { continue };
            let Some(kind) = PlaceKind::parse(kind) else { continue };
            place_by_name.insert(lookup_key(name), places.len() as PlaceId);
            places.push(Place { name, kind, country: None, neighbours: Vec::new() });
            links.push((cols.next().unwrap_or(""), cols.next().unwrap_or("")));
        }
        let id_of = |name: &str| place_by_name.get(&lookup_key(name)).copied();
        for (place, (country, neighbours)) in places.iter_mut().zip(links) {
            place.country = id_of(country);
            place.neighbours = neighbours.split('|').filter_map(id_of).collect();
        }
        let mut place_by_surface: HashMap<String, PlaceId, KeyHash> = HashMap::default();
        for line in data_lines(NAMES_TSV) {
            let mut cols = line.split('\t');
            let (Some(surface), Some("place"), Some(target)) =
                (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            let Some(place) = place_by_name.get(&lookup_key(target)).copied() else { continue };
            let rank = kind_rank(places[place as usize].kind);
            place_by_surface
                .entry(lookup_key(surface))
                .and_modify(|p| {
                    if rank < kind_rank(places[*p as usize].kind) {
                        *p = place;
                    }
                })
                .or_insert(place);
        }
        PlaceTable { places, place_by_name, place_by_surface }
    }

    /// The place with this id.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// The place a canonical name, alias or code names, in any case; of several places
    /// of one name, the most prominent (a country before a state before a city).
    pub fn place_by_surface(&self, name: &str) -> Option<PlaceId> {
        let key = lookup_key(name);
        self.place_by_name.get(&key).or_else(|| self.place_by_surface.get(&key)).copied()
    }

    /// The place with this canonical name (or alias of a place row).
    fn place_by_name(&self, name: &str) -> Option<PlaceId> {
        self.place_by_name.get(&lookup_key(name)).copied()
    }
}

/// FNV-1a: keys are a few bytes long, where a simple byte loop beats hashers built for
/// long inputs or for resistance to crafted keys (the keys here are the project's own).
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The lower-case forms a single word may start.
#[derive(Debug, Clone, Copy, Default)]
struct WordSlot {
    /// The lower-case form of this one word, if it is one.
    any_case: Option<u32>,
    /// The length in words of the longest lower-case phrase it opens (0 if none).
    longest_phrase: usize,
}

/// Bits of the first-word filter: 2^20 bits, 128 KiB, for some 25,000 first words, so
/// that few unknown words pass it.
const FIRST_WORD_BITS: usize = 1 << 20;

fn first_word_bit(key: &str) -> usize {
    let mut hash = Fnv::default();
    hash.write(key.as_bytes());
    (hash.finish() as usize) & (FIRST_WORD_BITS - 1)
}

/// The hasher of the lower-case word table.
type KeyHash = BuildHasherDefault<Fnv>;

/// Classes whose forms may be written in lower case ("defense minister", "said").
const ANY_CASE: u32 = class::OFFICE
    | class::MODIFIER
    | class::SPEECH
    | class::LOCATIVE
    | class::CURRENCY
    | class::COUNTERPART
    | class::DESCRIPTOR;

/// The lexicon, built on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

/// The lookup key of a name typed by a user: lowercase, single spaces, no leading "the".
pub fn lookup_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        push_key(word, &mut key);
    }
    match key.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => key,
    }
}

impl Lexicon {
    fn build() -> Lexicon {
        let places = &*PLACES;
        let mut entries: Vec<Entry> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut tokens: Vec<Token> = Vec::new();
        for line in data_lines(NAMES_TSV) {
            let mut cols = line.split('\t');
            let (Some(surface), Some(kind)) = (cols.next(), cols.next()) else { continue };
            let target = cols.next().unwrap_or("");
            let flags = cols.next().unwrap_or("");
            tokenize(surface, &mut tokens);
            if tokens.is_empty() {
                continue;
            }
            let mut key = String::with_capacity(surface.len() + 2 * tokens.len());
            for t in &tokens {
                key.push(' ');
                push_key(t.text(surface), &mut key);
                key.push(' ');
            }
            let index = *by_key.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                entries.push(Entry { len: tokens.len() as u32, ..Entry::default() });
                entries.len() - 1
            });
            let entry = &mut entries[index];
            let target_place = places.place_by_name(target);
            let has = |f: &str| flags.split(',').any(|x| x == f);
            match kind {
                "place" => {
                    let Some(place) = target_place else { continue };
                    let mut bits = 0;
                    for (name, bit) in [
                        ("upper", UPPER),
                        ("comma", AFTER_COMMA),
                        ("weak", WEAK),
                        ("word", WORD),
                        ("alt", ALT),
                    ] {
                        if has(name) {
                            bits |= bit;
                        }
                    }
                    entry.classes |= class::PLACE;
                    entry.places.push(PlaceSense { place, flags: bits });
                }
                "demonym" => {
                    entry.classes |= class::DEMONYM;
                    entry.demonym_country = target_place;
                }
                "agency" => entry.classes |= class::AGENCY,
                other => entry.classes |= class_of(other),
            }
        }
        for entry in &mut entries {
            // The most prominent sense first: a country before a state before a city, the
            // best-known city of a name before the others.
            entry.places.sort_by_key(|s| (kind_rank(places.place(s.place).kind), s.flags & ALT));
        }
        let mut words: HashMap<String, WordSlot, KeyHash> = HashMap::default();
        let mut phrases = HashMap::default();
        let (mut large, mut large_entries) = (Vec::new(), Vec::new());
        let mut first_words = vec![0u64; FIRST_WORD_BITS / 64];
        for (index, (entry, pattern)) in entries.iter().zip(&patterns).enumerate() {
            let first_word = &pattern[..pattern[1..].find(' ').map_or(pattern.len(), |e| e + 2)];
            if !entry.is(ANY_CASE) {
                let bit = first_word_bit(first_word);
                first_words[bit / 64] |= 1 << (bit % 64);
                large.push(pattern.as_str());
                large_entries.push(index as u32);
                continue;
            }
            let slot: &mut WordSlot = words.entry(first_word.to_string()).or_default();
            if entry.len > 1 {
                slot.longest_phrase = slot.longest_phrase.max(entry.len as usize);
                phrases.insert(pattern.clone(), index as u32);
            } else {
                slot.any_case = Some(index as u32);
            }
        }
        let capitalised = contiguous::Builder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&large)
            .expect("the name patterns are plain strings well under the automaton's limits");
        Lexicon {
            places,
            entries,
            words,
            phrases,
            capitalised,
            capitalised_entries: large_entries,
            first_words,
        }
    }

    /// The place with this id.
    pub fn place(&self, id: PlaceId) -> &Place {
        self.places.place(id)
    }

    /// The entry with this index.
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// Finds every gazetteer surface form in the key stream `stream` of `tokens` (token
    /// `i` starts at `starts[i]`), appending hits to `out` (cleared first) in text order,
    /// leftmost-longest: of two forms starting at one token the longer wins, and no form
    /// starts inside an earlier hit.
    pub fn find(&self, tokens: &[Token], stream: &str, starts: &[u32], out: &mut Vec<Hit>) {
        out.clear();
        let mut next_free = 0;
        for (i, token) in tokens.iter().enumerate() {
            if i < next_free {
                continue;
            }
            // The key of tokens i..i + len: the stream from token i's start to token
            // i + len's ("  prime  minister ").
            let key_of = |len: usize| {
                let end = starts.get(i + len).map_or(stream.len(), |&s| s as usize);
                &stream[starts[i] as usize..end]
            };
            let slot = self.words.get(key_of(1)).copied().unwrap_or_default();
            let mut best = slot.any_case;
            for len in (2..=slot.longest_phrase.min(tokens.len() - i)).rev() {
                if let Some(&entry) = self.phrases.get(key_of(len)) {
                    best = Some(entry);
                    break;
                }
            }
            if matches!(token.shape, Shape::Capitalized | Shape::Upper)
                && self.may_start_name(key_of(1))
            {
                let at = starts[i] as usize;
                if let Some(entry) = self.longest_name_at(&stream.as_bytes()[at..]) {
                    if best.is_none_or(|b| self.entry(entry).len > self.entry(b).len) {
                        best = Some(entry);
                    }
                }
            }
            if let Some(entry) = best {
                next_free = i + self.entry(entry).len as usize;
                out.push(Hit { start: i as u32, end: next_free as u32, entry });
            }
        }
    }

    /// Can a name pattern start with this word key (" iran ")? `false` is certain.
    fn may_start_name(&self, key: &str) -> bool {
        let bit = first_word_bit(key);
        self.first_words[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The entry of the longest name pattern that `stream` starts with: a walk down the
    /// automaton from its anchored start until no pattern can continue.
    fn longest_name_at(&self, stream: &[u8]) -> Option<u32> {
        let nfa = &self.capitalised;
        let mut state = nfa.start_state(Anchored::Yes).ok()?;
        let mut longest = None;
        for &byte in stream {
            state = nfa.next_state(Anchored::Yes, state, byte);
            if nfa.is_special(state) {
                if nfa.is_dead(state) {
                    break;
                }
                if nfa.is_match(state) {
                    longest = Some(nfa.match_pattern(state, 0));
                }
            }
        }
        longest.map(|p| self.capitalised_entries[p.as_usize()])
    }
}

fn kind_rank(kind: PlaceKind) -> u8 {
    match kind {
        PlaceKind::Country | PlaceKind::Historic => 0,
        PlaceKind::Nation | PlaceKind::Region => 1,
        PlaceKind::State => 2,
        PlaceKind::Province => 3,
        PlaceKind::City => 4,
    }
}

fn class_of(kind: &str) -> u32 {
    match kind {
        "office" => class::OFFICE,
        "rank" => class::RANK,
        "honorific" => class::HONORIFIC,
        "modifier" => class::MODIFIER,
        "given" => class::GIVEN,
        "speech" => class::SPEECH,
        "locative" => class::LOCATIVE,
        "nonname" => class::NONNAME,
        "orgword" => class::ORGWORD,
        "orgof" => class::ORGOF,
        "counterpart" => class::COUNTERPART,
        "company" => class::COMPANY | class::ORGWORD,
        "currency" => class::CURRENCY,
        "surname" => class::SURNAME,
        "descriptor" => class::DESCRIPTOR,
        _ => 0,
    }
}

fn data_lines(tsv: &'static str) -> impl Iterator<Item = &'static str> {
    tsv.lines().filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::super::tokens::key_stream;
    use super::*;

    fn hits(text: &str) -> Vec<(String, u32)> {
        let lex = &*LEXICON;
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let (mut stream, mut starts, mut out) = (String::new(), Vec::new(), Vec::new());
        key_stream(text, &tokens, &mut stream, &mut starts);
        lex.find(&tokens, &stream, &starts, &mut out);
        out.iter()
            .map(|h| {
                let span = &text[tokens[h.start as usize].start as usize
                    ..tokens[h.end as usize - 1].end as usize];
                (span.to_string(), lex.entry(h.entry).classes)
            })
            .collect()
    }

    #[test]
    fn finds_whole_tokens_longest_first() {
        let found =
            hits("The New York Times said Romania and Woman Iranians met in New York City.");
        let spans: Vec<&str> = found.iter().map(|(s, _)| s.as_str()).collect();
        assert!(spans.contains(&"New York"), "{spans:?}");
        assert!(spans.contains(&"Times"));
        assert!(spans.contains(&"New York City"));
        assert!(spans.contains(&"Romania"));
        assert!(spans.contains(&"Iranians"));
        assert!(!spans.contains(&"Oman"), "no match inside a word");
    }

    #[test]
    fn entries_carry_all_senses() {
        let lex = &*LEXICON;
        let jordan = hits("Jordan")[0].1;
        assert!(jordan & class::PLACE != 0 && jordan & class::GIVEN != 0);
        let id = PLACES.place_by_surface("georgia").expect("Georgia is known");
        assert_eq!(lex.place(id).name, "Georgia");
        assert_eq!(lex.place(id).kind, PlaceKind::Country);
        let tehran = PLACES.place_by_surface("TEHRAN").expect("Tehran is known");
        let iran = lex.place(tehran).country.expect("Tehran lies in a country");
        assert_eq!(lex.place(iran).name, "Iran");
    }

    #[test]
    fn lookup_keys() {
        assert_eq!(lookup_key("  The  United   States "), "united states");
        assert_eq!(lookup_key("Côte d\u{2019}Ivoire"), "côte d'ivoire");
    }
}
