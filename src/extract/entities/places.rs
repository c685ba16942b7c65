//! Places and countries: which gazetteer hits are places here, and which place a name
//! with several senses means.
//!
//! In: a [`Doc`] and its [`People`]. Out: [`Found`], the places named (canonical, in
//! first-mention order) and the countries they and the demonyms imply.
//!
//! The rules, in the order they apply to a hit:
//! - a place must be written with a capital ("Turkey" the country, "turkey" the bird);
//!   codes such as "US" only in capitals; abbreviations such as "Miss." only after a comma;
//! - a name inside a person's name is no place ("Michael Jordan", "Paris Hilton"), nor is
//!   a word of a person's name used alone ("Jackson" after "Jesse Jackson") unless a word
//!   such as *in* comes before it;
//! - a place or demonym inside the name of a firm, club or newspaper ("Bank of England",
//!   "New York Times", "Iran Air", "Swiss Bank Corp") names the organisation: it is neither
//!   a place nor a country of the article. So is a city or state followed by a capitalised
//!   word the gazetteers do not know ("Houston Astros", "Colorado Rockies"); a country so
//!   followed still counts ("U.S. Export-Import Bank");
//! - a place or demonym before a currency ("U.S. dlrs", "Swiss franc") names money;
//! - places in a results or standings line (capitalised names and numbers, no prose:
//!   "Chicago 4 HOUSTON 3") are teams;
//! - a small place, or one named like a person ([`WEAK`]), needs support: the dateline, a
//!   word such as *in* before it, or a comma and its state or country after it;
//! - a place that is also a common word ([`WORD`]) at a sentence start or in a capitals
//!   headline counts only when the article never writes the word in lower case;
//! - a name with several places (Georgia the country, Georgia the US state) means the one
//!   whose country, or its neighbours, the rest of the article names more.
//!
//! The dateline's place (read by [`crate::extract::dateline`], with these gazetteers as
//! its lexicon; a place alone is enough here, and a place only the full pattern read
//! needs the dateline's date) is a place even when the gazetteers do not
//! know it, and the rules above that would drop a place do not apply to it.

use std::cell::OnceCell;

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::Doc;
use super::lexicon::{
    class, Hit, PlaceId, PlaceKind, PlaceSense, AFTER_COMMA, ALT, UPPER, WEAK, WORD,
};
use super::people::People;
use super::tokens::{Kind, Shape, Token, CASELESS, GLUED, LINE_START, SENTENCE_START};
use crate::extract::dateline::{read_dateline, Lexicon as DatelineLexicon};

/// A place of the article: one the gazetteers know, or a dateline place they do not.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PlaceName {
    /// A canonical place.
    Known(PlaceId),
    /// A dateline place not in the gazetteers, in title case.
    Unknown(String),
}

/// The places and countries of one article, each once, in first-mention order.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// Places named.
    pub places: Vec<PlaceName>,
    /// Countries named or implied.
    pub countries: Vec<PlaceId>,
    /// The place each place mention was taken for, by its first token, in text order.
    chosen: Vec<(usize, PlaceId)>,
    /// `places` and `countries` as sets.
    seen_places: FxHashSet<PlaceName>,
    seen_countries: FxHashSet<PlaceId>,
}

impl Found {
    /// The place the mention starting at token `start` was taken for, if it was one.
    pub fn place_at(&self, start: usize) -> Option<PlaceId> {
        let at = self.chosen.binary_search_by_key(&start, |&(s, _)| s).ok()?;
        Some(self.chosen[at].1)
    }

    fn add_place(&mut self, place: PlaceName) {
        if self.seen_places.insert(place.clone()) {
            self.places.push(place);
        }
    }

    fn add_country(&mut self, country: PlaceId) {
        if self.seen_countries.insert(country) {
            self.countries.push(country);
        }
    }
}

/// Words before "US" in a capitals headline that make it the pronoun ("TELL US").
const PRONOUN_BEFORE: &[&str] = &[
    "let", "tell", "tells", "give", "gives", "help", "helps", "join", "among", "about", "against",
    "behind", "with", "for", "of", "to", "from", "by", "on", "at", "us",
];

/// A candidate place: a hit and the senses that passed the checks.
struct Candidate<'a> {
    hit: &'a Hit,
    senses: Senses,
}

/// A few place senses, kept inline: a name has at most a handful of places.
#[derive(Clone, Copy)]
struct Senses {
    items: [PlaceSense; 8],
    len: usize,
}

impl Senses {
    fn new() -> Senses {
        Senses { items: [PlaceSense { place: 0, flags: 0 }; 8], len: 0 }
    }

    /// Adds a sense; past eight, the least known ones are dropped.
    fn push(&mut self, sense: PlaceSense) {
        if self.len < self.items.len() {
            self.items[self.len] = sense;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[PlaceSense] {
        &self.items[..self.len]
    }
}

/// Finds the places and countries of `doc`.
pub fn find_places(doc: &Doc, people: &People) -> Found {
    let dateline = dateline(doc);
    let tables = TableLines::default();
    let mut candidates = Vec::with_capacity(doc.hits.len());
    let mut supported: FxHashSet<PlaceId> = FxHashSet::default();
    for hit in doc.hits {
        let entry = doc.lex.entry(hit.entry);
        if !entry.is(class::PLACE) {
            continue;
        }
        if let Some(c) = candidate(doc, people, &tables, hit, dateline) {
            if let [only] = c.senses.as_slice() {
                if only.flags & WEAK == 0 {
                    supported.insert(only.place);
                }
            }
            candidates.push(c);
        }
    }
    // Weak senses a strong mention elsewhere supports ("in Reading" ... "Reading council").
    let weak_ok = |sense: &PlaceSense| sense.flags & WEAK == 0 || supported.contains(&sense.place);
    let support = country_support(doc, &candidates);
    let mut mentions: Vec<(usize, Mention)> = Vec::with_capacity(candidates.len() + 8);
    for c in &candidates {
        let mut senses = Senses::new();
        c.senses.as_slice().iter().copied().filter(|s| weak_ok(s)).for_each(|s| senses.push(s));
        // Only a city is placed by the state or country after it: in "Russia, Belarus"
        // the comma joins a list.
        let cities =
            senses.as_slice().iter().all(|s| doc.lex.place(s.place).kind == PlaceKind::City);
        let beside = if cities { place_after_comma(doc, c.hit.end as usize) } else { None };
        if let Some(place) = choose_sense(doc, senses.as_slice(), &support, beside) {
            mentions.push((c.hit.start as usize, Mention::Place(place)));
        }
    }
    for hit in doc.hits {
        let entry = doc.lex.entry(hit.entry);
        if entry.is(class::DEMONYM) && demonym_counts(doc, people, hit) {
            if let Some(country) = entry.demonym_country {
                mentions.push((hit.start as usize, Mention::Demonym(country)));
            }
        }
    }
    if let Some(d) = dateline {
        if (d.start..d.end).all(|i| doc.hit_at(i).is_none()) {
            mentions.push((d.start, Mention::Unknown(title_case(doc, d.start, d.end))));
        }
    }
    mentions.sort_by_key(|m| m.0);

    let mut found = Found::default();
    for (start, mention) in mentions {
        match mention {
            Mention::Place(place) => {
                found.chosen.push((start, place));
                found.add_place(PlaceName::Known(place));
                if let Some(country) = doc.lex.place(place).country {
                    found.add_country(country);
                }
            }
            Mention::Demonym(country) => found.add_country(country),
            Mention::Unknown(name) => found.add_place(PlaceName::Unknown(name)),
        }
    }
    found
}

/// What a mention adds to the places and countries.
enum Mention {
    /// A place, and its country.
    Place(PlaceId),
    /// A demonym: its country.
    Demonym(PlaceId),
    /// A dateline place the gazetteers do not know.
    Unknown(String),
}

/// The checks of one hit; `None` when no sense of it can be a place here.
fn candidate<'a>(
    doc: &Doc,
    people: &People,
    tables: &TableLines,
    hit: &'a Hit,
    dateline: Option<Dateline>,
) -> Option<Candidate<'a>> {
    let (start, end) = (hit.start as usize, hit.end as usize);
    let first = &doc.tokens[start];
    if !first.is_capitalized() || people.covers(start) {
        return None;
    }
    let in_dateline = dateline.is_some_and(|d| start >= d.start && start < d.support_end);
    // In a capitals headline "TO BUY" is no locative: only the dateline supports there.
    let after_locative = !first.has(CASELESS) && locative_before(doc, start);
    if end - start == 1 && people.has_name_word(doc.word(start)) && !after_locative && !in_dateline
    {
        return None;
    }
    let entry = doc.lex.entry(hit.entry);
    let country = entry.places.iter().any(|s| doc.lex.place(s.place).kind.is_country());
    let team = !country && tables.holds(doc, start);
    if !in_dateline && (team || names_something_else(doc, people, hit)) {
        return None;
    }
    let supported = in_dateline || after_locative || place_after_comma(doc, end).is_some();
    let weak_start = first.has(SENTENCE_START) || first.has(CASELESS);
    let all_upper = (start..end).all(|i| doc.tokens[i].shape == Shape::Upper);
    let mut senses = Senses::new();
    for &sense in &entry.places {
        let flags = sense.flags;
        if flags & UPPER != 0
            && (!all_upper || (first.has(CASELESS) && pronoun_context(doc, start)))
        {
            continue;
        }
        if flags & AFTER_COMMA != 0 && !(start > 0 && doc.is_punct(start - 1, ',')) {
            continue;
        }
        if flags & WORD != 0 && weak_start && !in_dateline && doc.occurs_lowercase(doc.word(start))
        {
            continue;
        }
        let below_country = !doc.lex.place(sense.place).kind.is_country();
        // "ICA", "MAN" in running text are acronyms of organisations, not cities.
        let dotted = doc.word(start).contains('.');
        if below_country
            && all_upper
            && !dotted
            && !first.has(CASELESS)
            && !in_dateline
            && flags & UPPER == 0
        {
            continue;
        }
        let mut sense = sense;
        if supported {
            sense.flags &= !WEAK;
        }
        senses.push(sense);
    }
    (senses.len > 0).then_some(Candidate { hit, senses })
}

/// "in", "near", "visited" (optionally with "the") just before token `i`.
fn locative_before(doc: &Doc, i: usize) -> bool {
    let before = |k: usize| i >= k && doc.word_classes(i - k) & class::LOCATIVE != 0;
    before(1) || (i >= 2 && doc.is_word(i - 1, "the") && before(2))
}

/// ", California", ", Brazil" after a place: the country of the state or country that
/// follows.
fn place_after_comma(doc: &Doc, end: usize) -> Option<PlaceId> {
    if !doc.is_punct(end, ',') {
        return None;
    }
    let entry = doc.entry_at(end + 1)?;
    entry.places.iter().find_map(|s| {
        let place = doc.lex.place(s.place);
        let larger = place.kind.is_country()
            || matches!(place.kind, PlaceKind::State | PlaceKind::Province | PlaceKind::Nation);
        if larger {
            place.country
        } else {
            None
        }
    })
}

/// The hit names a firm, club, newspaper or team, or qualifies a currency, rather than
/// a place or country (see the module rules).
fn names_something_else(doc: &Doc, people: &People, hit: &Hit) -> bool {
    let (start, end) = (hit.start as usize, hit.end as usize);
    // "Bank of England", "University of California".
    if start >= 2
        && doc.is_word(start - 1, "of")
        && doc.word_classes(start - 2) & class::ORGOF != 0
        && doc.tokens[start - 2].is_capitalized()
    {
        return true;
    }
    if end >= doc.len() {
        return false;
    }
    // "U.S. dlrs"; "DOME <DMP>", a firm and its ticker.
    if doc.word_classes(end) & class::CURRENCY != 0 || doc.is_punct(end, '<') {
        return true;
    }
    // "Swiss Bank Corp", "Iran Air", "New York Times"; below a country, any organisation
    // word ("Kurdistan Democratic Party", "North Atlantic Treaty Organisation").
    let entry = doc.lex.entry(hit.entry);
    let country = entry.places.iter().any(|s| doc.lex.place(s.place).kind.is_country());
    let organisation = if country { class::COMPANY } else { class::ORGWORD };
    let mut k = end;
    while k < doc.len()
        && k < end + 3
        && doc.tokens[k].is_capitalized()
        && !doc.tokens[k].has(SENTENCE_START)
    {
        let classes = doc.word_classes(k);
        if classes & organisation != 0 {
            return true;
        }
        if classes & (class::NONNAME | class::SPEECH | class::TITLE | class::PLACE | class::GIVEN)
            != 0
        {
            break;
        }
        k += 1;
    }
    // "Houston Astros", "Cleveland Indians": a city or state before a word no gazetteer
    // knows as anything but a name or demonym.
    let next = &doc.tokens[end];
    let unknown = doc.word_classes(end) & !(class::SURNAME | class::GIVEN | class::DEMONYM) == 0
        && doc.hit_at(end).is_none_or(|h| h.end - h.start == 1);
    !country
        && entry.is(class::PLACE)
        && next.shape == Shape::Capitalized
        && !next.has(SENTENCE_START | CASELESS)
        && unknown
        && !people.covers(end)
}

/// Which lines are results or fixtures: a line of two names or more and numbers, with
/// no prose ("Chicago 4 HOUSTON 3", "HOUSTON AT PITTSBURGH"), whose cities are clubs.
/// (Countries in such lines are national teams, and still name their country. A
/// standings row names one club, "HOUSTON 72 63 .533", and is left alone: annotators
/// read it as the place.) Every line is judged once, when the first place asks.
#[derive(Default)]
struct TableLines {
    /// The first token of each line, and whether the line is a table line.
    lines: OnceCell<Vec<(usize, bool)>>,
}

impl TableLines {
    /// Is token `i` on a table line?
    fn holds(&self, doc: &Doc, i: usize) -> bool {
        let lines = self.lines.get_or_init(|| table_lines(doc));
        let line = lines.partition_point(|&(start, _)| start <= i);
        line > 0 && lines[line - 1].1
    }
}

/// Each line's first token, and whether the line is a table line (see [`TableLines`]).
fn table_lines(doc: &Doc) -> Vec<(usize, bool)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for end in 1..=doc.len() {
        if end < doc.len() && !doc.tokens[end].has(LINE_START) {
            continue;
        }
        let line = &doc.tokens[start..end];
        let numbers = line.iter().filter(|t| t.kind == Kind::Number).count();
        // Two numbers at least: a dateline ("SANTA CRUZ, Calif., Feb 26 -") has one.
        let fixture = (start..end)
            .any(|k| doc.is_word(k, "at") || doc.is_word(k, "vs") || doc.is_word(k, "v"));
        let prose = line
            .iter()
            .any(|t| t.kind == Kind::Word && t.shape == Shape::Lower && t.text(doc.text).len() > 2);
        let words = line.iter().filter(|t| t.kind == Kind::Word).count();
        lines.push((start, !prose && words >= 2 && (numbers >= 2 || fixture)));
        start = end;
    }
    lines
}

fn pronoun_context(doc: &Doc, i: usize) -> bool {
    i > 0 && PRONOUN_BEFORE.iter().any(|w| doc.is_word(i - 1, w))
}

/// A demonym counts when capitalised and not part of a person's name.
fn demonym_counts(doc: &Doc, people: &People, hit: &Hit) -> bool {
    let start = hit.start as usize;
    doc.tokens[start].is_capitalized()
        && !people.covers(start)
        && !names_something_else(doc, people, hit)
}

/// How often the article names each country, counting places with one sense and
/// demonyms: the evidence for choosing among several senses.
fn country_support(doc: &Doc, candidates: &[Candidate]) -> FxHashMap<PlaceId, usize> {
    let mut seen = FxHashMap::default();
    let singles = candidates.iter().filter_map(|c| match c.senses.as_slice() {
        [only] => doc.lex.place(only.place).country,
        _ => None,
    });
    let demonyms = doc.hits.iter().filter_map(|hit| {
        let entry = doc.lex.entry(hit.entry);
        let counts = entry.is(class::DEMONYM) && doc.tokens[hit.start as usize].is_capitalized();
        entry.demonym_country.filter(|_| counts)
    });
    for country in singles.chain(demonyms) {
        *seen.entry(country).or_insert(0) += 1;
    }
    seen
}

/// The sense the article most supports; ties go to the most prominent (countries first).
/// The state or country written just after the name ("Cambridge, Mass.") decides, and
/// only it can choose a less known city of the name ([`ALT`]); when no sense lies there
/// ("Paris, Texas"), the name is a place the gazetteers do not know, and gives none.
fn choose_sense(
    doc: &Doc,
    senses: &[PlaceSense],
    support: &FxHashMap<PlaceId, usize>,
    beside: Option<PlaceId>,
) -> Option<PlaceId> {
    if let Some(country) = beside {
        if !senses.iter().any(|s| doc.lex.place(s.place).country == Some(country)) {
            return None;
        }
    }
    let strong = senses.iter().filter(|s| s.flags & WEAK == 0);
    let mut best: Option<(usize, PlaceId)> = None;
    for sense in strong {
        let place = doc.lex.place(sense.place);
        if sense.flags & ALT != 0 && beside != place.country {
            continue;
        }
        let score = place.country.map_or(0, |country| {
            if beside == Some(country) {
                return usize::MAX;
            }
            // Each mention counts once, for the country or one of its neighbours.
            let neighbours = &doc.lex.place(country).neighbours;
            let near = neighbours
                .iter()
                .enumerate()
                .filter(|&(i, &n)| n != country && !neighbours[..i].contains(&n));
            let count = |c: PlaceId| support.get(&c).copied().unwrap_or(0);
            count(country) + near.map(|(_, &n)| count(n)).sum::<usize>()
        });
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, sense.place));
        }
    }
    best.map(|(_, p)| p)
}

/// Where the dateline's place is, in tokens.
#[derive(Debug, Clone, Copy)]
struct Dateline {
    /// First token of the place words.
    start: usize,
    /// One past the place words.
    end: usize,
    /// One past the state or country after them, if any ("SANTA CRUZ, Calif.,").
    support_end: usize,
}

/// The dateline's place at the start of the body, and the state or country after it.
fn dateline(doc: &Doc) -> Option<Dateline> {
    let body = doc.tokens.get(doc.body_start)?.start as usize;
    let dateline = read_dateline(doc.text, body, doc.tokens, doc.body_start, doc)?;
    // Words only the pattern read are a place when a date vouches for them
    // (`DALLAS/FORT WORTH, Texas, March 3 - `): a heading such as `DIY (Do it Yourself)`
    // or `MIGRATION – Probleme …` has the pattern's shape too.
    if !dateline.head_words && dateline.month_day.is_none() {
        return None;
    }
    let place = dateline.place;
    let start = doc.tokens.partition_point(|t| (t.start as usize) < place.start);
    let end = doc.tokens.partition_point(|t| (t.start as usize) < place.end);
    if end == start {
        return None;
    }
    let mut support_end = end;
    if doc.is_punct(end, ',') {
        if let Some(hit) = doc.hit_at(end + 1).filter(|h| h.start as usize == end + 1) {
            if doc.lex.entry(hit.entry).is(class::PLACE) {
                support_end = hit.end as usize;
            }
        }
    }
    Some(Dateline { start, end, support_end })
}

impl DatelineLexicon for Doc<'_> {
    fn agency_end(&self, _text: &str, _tokens: &[Token], i: usize) -> Option<usize> {
        let hit = self.hit_at(i).filter(|h| self.lex.entry(h.entry).is(class::AGENCY))?;
        Some(hit.end as usize)
    }

    fn opens_stamp_line(&self, _text: &str, _tokens: &[Token], i: usize) -> bool {
        self.word_classes(i) & class::NONNAME != 0
    }
}

fn title_case(doc: &Doc, start: usize, end: usize) -> String {
    let mut out = String::new();
    for i in start..end {
        if i > start && !doc.tokens[i].has(GLUED) {
            out.push(' ');
        }
        let mut first = true;
        for c in doc.word(i).chars() {
            if first {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            first = !c.is_alphanumeric();
        }
    }
    out
}
