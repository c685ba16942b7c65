//! The gazetteers, loaded once, and the one automaton that finds them in an article.
//!
//! In: the generated tables in `data/` (compiled in with `include_str!`). Out: a
//! [`Lexicon`] of places (canonical name, kind, country) and of *entries*: every surface
//! form the rules look for ("U.S.", "Defense Minister", "Sergei", "said"), each with all
//! its senses, and [`Lexicon::find`], which runs one Aho-Corasick pass over an article's
//! key stream (see [`super::tokens::key_stream`]) and reports whole-token matches. The
//! tables are built by `scripts/build_gazetteers.py`; this module does not decide which
//! sense applies, it only says which senses a span of tokens may have.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::tokens::{push_key, tokenize, Token};

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
    /// A unit after a number ("mln", "pct").
    pub const UNIT: u32 = 1 << 13;
    /// "counterpart": lends its country to the person named next.
    pub const COUNTERPART: u32 = 1 << 14;
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

/// One place a surface form may name, with the flags of that sense.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceSense {
    /// The place.
    pub place: PlaceId,
    /// Bit set of [`UPPER`], [`AFTER_COMMA`], [`WEAK`], [`WORD`].
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
    /// For an agency: its canonical name.
    pub agency: Option<&'static str>,
    /// Only counts when written in capitals ("AP", "UAE").
    pub upper_only: bool,
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
    /// Every canonical place.
    pub places: Vec<Place>,
    /// Every surface form's senses; the automaton's pattern `i` is entry `i`.
    pub entries: Vec<Entry>,
    matcher: AhoCorasick,
    place_by_name: HashMap<String, PlaceId>,
    place_by_surface: HashMap<String, PlaceId>,
}

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
        let mut places = Vec::new();
        let mut place_by_name: HashMap<String, PlaceId> = HashMap::new();
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

        let mut entries: Vec<Entry> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        let mut place_by_surface: HashMap<String, PlaceId> = HashMap::new();
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
            let target_place = place_by_name.get(&lookup_key(target)).copied();
            let has = |f: &str| flags.split(',').any(|x| x == f);
            match kind {
                "place" => {
                    let Some(place) = target_place else { continue };
                    let mut bits = 0;
                    for (name, bit) in
                        [("upper", UPPER), ("comma", AFTER_COMMA), ("weak", WEAK), ("word", WORD)]
                    {
                        if has(name) {
                            bits |= bit;
                        }
                    }
                    entry.classes |= class::PLACE;
                    entry.places.push(PlaceSense { place, flags: bits });
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
                "demonym" => {
                    entry.classes |= class::DEMONYM;
                    entry.demonym_country = target_place;
                }
                "agency" => {
                    entry.classes |= class::AGENCY;
                    entry.agency = Some(target);
                    entry.upper_only |= has("upper");
                }
                other => entry.classes |= class_of(other),
            }
        }
        for entry in &mut entries {
            // The most prominent sense first: a country before a state before a city.
            entry.places.sort_by_key(|s| kind_rank(places[s.place as usize].kind));
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the gazetteer patterns are plain strings well under the automaton's limits");
        Lexicon { places, entries, matcher, place_by_name, place_by_surface }
    }

    /// The place with this id.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    /// The entry with this index.
    pub fn entry(&self, index: u32) -> &Entry {
        &self.entries[index as usize]
    }

    /// Finds every gazetteer surface form in the key stream `stream` whose token starts
    /// are `starts`, leftmost-longest, appending hits to `out` (cleared first).
    pub fn find(&self, stream: &str, starts: &[u32], out: &mut Vec<Hit>) {
        out.clear();
        for m in self.matcher.find_iter(stream) {
            let start = starts.partition_point(|&s| (s as usize) < m.start());
            let entry = m.pattern().as_u32();
            let len = self.entries[entry as usize].len;
            out.push(Hit { start: start as u32, end: start as u32 + len, entry });
        }
    }

    /// The place a canonical name, alias or code names, in any case.
    pub fn place_by_surface(&self, name: &str) -> Option<PlaceId> {
        let key = lookup_key(name);
        self.place_by_name.get(&key).or_else(|| self.place_by_surface.get(&key)).copied()
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
        "unit" => class::UNIT,
        "counterpart" => class::COUNTERPART,
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
        lex.find(&stream, &starts, &mut out);
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
        let id = lex.place_by_surface("georgia").expect("Georgia is known");
        assert_eq!(lex.place(id).name, "Georgia");
        assert_eq!(lex.place(id).kind, PlaceKind::Country);
        let tehran = lex.place_by_surface("TEHRAN").expect("Tehran is known");
        let iran = lex.place(tehran).country.expect("Tehran lies in a country");
        assert_eq!(lex.place(iran).name, "Iran");
    }

    #[test]
    fn lookup_keys() {
        assert_eq!(lookup_key("  The  United   States "), "united states");
        assert_eq!(lookup_key("Côte d\u{2019}Ivoire"), "côte d'ivoire");
    }
}
