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
//! - a place inside an organisation's name ("Bank of England", "New York Times", "Iran
//!   Air") is no place mention; a *country* so named still counts among the countries,
//!   as a demonym would;
//! - a small place, or one named like a person ([`WEAK`]), needs support: the dateline, a
//!   word such as *in* before it, or a comma and its state or country after it;
//! - a place that is also a common word ([`WORD`]) at a sentence start or in a capitals
//!   headline counts only when the article never writes the word in lower case;
//! - a name with several places (Georgia the country, Georgia the US state) means the one
//!   whose country, or its neighbours, the rest of the article names more.
//!
//! The dateline's place is a place even when the gazetteers do not know it.

use super::doc::Doc;
use super::lexicon::{class, Hit, PlaceId, PlaceKind, PlaceSense, AFTER_COMMA, UPPER, WEAK, WORD};
use super::people::People;
use super::tokens::{Kind, Shape, CASELESS, SENTENCE_START};

/// A place of the article: one the gazetteers know, or a dateline place they do not.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

impl Found {
    fn add_place(&mut self, place: PlaceName) {
        if !self.places.contains(&place) {
            self.places.push(place);
        }
    }

    fn add_country(&mut self, country: PlaceId) {
        if !self.countries.contains(&country) {
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
    senses: Vec<PlaceSense>,
    /// Named inside an organisation: counts for its country only.
    in_organisation: bool,
}

/// Finds the places and countries of `doc`.
pub fn find_places(doc: &Doc, people: &People) -> Found {
    let dateline = dateline(doc);
    let mut candidates = Vec::new();
    let mut supported: Vec<PlaceId> = Vec::new();
    for hit in doc.hits {
        let entry = doc.lex.entry(hit.entry);
        if !entry.is(class::PLACE) {
            continue;
        }
        if let Some(c) = candidate(doc, people, hit, dateline) {
            if let [only] = c.senses.as_slice() {
                if only.flags & WEAK == 0 {
                    supported.push(only.place);
                }
            }
            candidates.push(c);
        }
    }
    // Weak senses a strong mention elsewhere supports ("in Reading" ... "Reading council").
    let weak_ok = |sense: &PlaceSense| sense.flags & WEAK == 0 || supported.contains(&sense.place);
    let support = country_support(doc, &candidates);
    let mut mentions: Vec<(usize, Mention)> = Vec::new();
    for c in &candidates {
        let senses: Vec<PlaceSense> = c.senses.iter().copied().filter(|s| weak_ok(s)).collect();
        if let Some(place) = choose_sense(doc, &senses, &support) {
            let mention = if c.in_organisation {
                Mention::InOrganisation(place)
            } else {
                Mention::Place(place)
            };
            mentions.push((c.hit.start as usize, mention));
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
    if let Some((start, end)) = dateline {
        if (start..end).all(|i| doc.hit_at(i).is_none()) {
            mentions.push((start, Mention::Unknown(title_case(doc, start, end))));
        }
    }
    mentions.sort_by_key(|m| m.0);

    let mut found = Found::default();
    for (_, mention) in mentions {
        match mention {
            Mention::Place(place) => {
                found.add_place(PlaceName::Known(place));
                if let Some(country) = doc.lex.place(place).country {
                    found.add_country(country);
                }
            }
            Mention::InOrganisation(place) if doc.lex.place(place).kind.is_country() => {
                found.add_country(place);
            }
            Mention::InOrganisation(_) => {}
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
    /// A place inside an organisation's name: its country only, if it is one.
    InOrganisation(PlaceId),
    /// A demonym: its country.
    Demonym(PlaceId),
    /// A dateline place the gazetteers do not know.
    Unknown(String),
}

/// The checks of one hit; `None` when no sense of it can be a place here.
fn candidate<'a>(
    doc: &Doc,
    people: &People,
    hit: &'a Hit,
    dateline: Option<(usize, usize)>,
) -> Option<Candidate<'a>> {
    let (start, end) = (hit.start as usize, hit.end as usize);
    let first = &doc.tokens[start];
    if !first.is_capitalized() || people.covers(start) {
        return None;
    }
    let in_dateline = dateline.is_some_and(|(s, e)| start >= s && start < e);
    let after_locative = locative_before(doc, start);
    if end - start == 1 && people.has_name_word(doc.word(start)) && !after_locative && !in_dateline
    {
        return None;
    }
    let in_organisation = organisation_around(doc, start, end);
    let supported = in_dateline || after_locative || place_after_comma(doc, end);
    let weak_start = first.has(SENTENCE_START) || first.has(CASELESS);
    let all_upper = (start..end).all(|i| doc.tokens[i].shape == Shape::Upper);
    let entry = doc.lex.entry(hit.entry);
    let mut senses = Vec::with_capacity(entry.places.len());
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
        let mut sense = sense;
        if supported {
            sense.flags &= !WEAK;
        }
        senses.push(sense);
    }
    (!senses.is_empty()).then_some(Candidate { hit, senses, in_organisation })
}

/// "in", "near", "visited" (optionally with "the") just before token `i`.
fn locative_before(doc: &Doc, i: usize) -> bool {
    let before = |k: usize| i >= k && doc.word_classes(i - k) & class::LOCATIVE != 0;
    before(1) || (i >= 2 && doc.is_word(i - 1, "the") && before(2))
}

/// ", California", ", Brazil" after a place: the place's state or country follows.
fn place_after_comma(doc: &Doc, end: usize) -> bool {
    doc.is_punct(end, ',')
        && doc.entry_at(end + 1).is_some_and(|e| {
            e.places.iter().any(|s| {
                let kind = doc.lex.place(s.place).kind;
                kind.is_country()
                    || matches!(kind, PlaceKind::State | PlaceKind::Province | PlaceKind::Nation)
            })
        })
}

/// The hit at `start..end` names an organisation: an organisation word follows it
/// ("Times", "Air", "Bank"), or "Bank of", "University of" come before it.
fn organisation_around(doc: &Doc, start: usize, end: usize) -> bool {
    let next_is_org = end < doc.len()
        && doc.tokens[end].is_capitalized()
        && doc.word_classes(end) & class::ORGWORD != 0
        && doc.word_classes(end) & class::PLACE == 0;
    let of_before = start >= 2
        && doc.is_word(start - 1, "of")
        && doc.word_classes(start - 2) & class::ORGOF != 0
        && doc.tokens[start - 2].is_capitalized();
    next_is_org || of_before
}

fn pronoun_context(doc: &Doc, i: usize) -> bool {
    i > 0 && PRONOUN_BEFORE.iter().any(|w| doc.is_word(i - 1, w))
}

/// A demonym counts when capitalised and not part of a person's name.
fn demonym_counts(doc: &Doc, people: &People, hit: &Hit) -> bool {
    let start = hit.start as usize;
    doc.tokens[start].is_capitalized() && !people.covers(start)
}

/// How often the article names each country, counting places with one sense and
/// demonyms: the evidence for choosing among several senses.
fn country_support(doc: &Doc, candidates: &[Candidate]) -> Vec<PlaceId> {
    let mut seen = Vec::new();
    for c in candidates {
        if let [only] = c.senses.as_slice() {
            seen.extend(doc.lex.place(only.place).country);
        }
    }
    for hit in doc.hits {
        let entry = doc.lex.entry(hit.entry);
        if entry.is(class::DEMONYM) && doc.tokens[hit.start as usize].is_capitalized() {
            seen.extend(entry.demonym_country);
        }
    }
    seen
}

/// The sense the article most supports; ties go to the most prominent (countries first).
fn choose_sense(doc: &Doc, senses: &[PlaceSense], support: &[PlaceId]) -> Option<PlaceId> {
    let strong = senses.iter().filter(|s| s.flags & WEAK == 0);
    let mut best: Option<(usize, PlaceId)> = None;
    for sense in strong {
        let place = doc.lex.place(sense.place);
        let score = place.country.map_or(0, |country| {
            let neighbours = &doc.lex.place(country).neighbours;
            support.iter().filter(|&&c| c == country || neighbours.contains(&c)).count()
        });
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, sense.place));
        }
    }
    best.map(|(_, p)| p)
}

/// The dateline's place words at the start of the body, as a token span:
/// `TEHRAN, Sept. 19 (IRNA) -`, `NEW YORK, Feb 26 -`, `LONDON 1996-08-30`,
/// `Iran (IMNA) -`, `(ANSA) - ROME, MAR 3 -`.
fn dateline(doc: &Doc) -> Option<(usize, usize)> {
    let mut i = doc.body_start;
    // "(ANSA) - ROME": an agency in brackets, then dashes.
    if doc.is_punct(i, '(') {
        let agency_end =
            doc.hit_at(i + 1).filter(|h| doc.lex.entry(h.entry).is(class::AGENCY))?.end as usize;
        if !doc.is_punct(agency_end, ')') {
            return None;
        }
        i = agency_end + 1;
        while i < doc.len() && doc.tokens[i].kind == Kind::Punct && !doc.is_punct(i, '(') {
            i += 1;
        }
    }
    let start = i;
    let shape = doc.tokens.get(start)?.shape;
    if !matches!(shape, Shape::Upper | Shape::Capitalized) {
        return None;
    }
    let mut end = start;
    while end < doc.len() && end - start < 5 {
        let t = &doc.tokens[end];
        let same_shape = t.kind == Kind::Word
            && (t.shape == shape || (shape == Shape::Upper && t.shape == Shape::None));
        let joiner = doc.is_punct(end, '-') && t.has(super::tokens::GLUED);
        if !(same_shape || joiner) || (end > start && t.has(super::tokens::LINE_START)) {
            break;
        }
        end += 1;
    }
    if end == start || end >= doc.len() {
        return None;
    }
    let agency_follows = doc.is_punct(end, '(')
        && doc.hit_at(end + 1).is_some_and(|h| doc.lex.entry(h.entry).is(class::AGENCY));
    let terminated = doc.is_punct(end, ',')
        || agency_follows
        || (doc.tokens[end].kind == Kind::Number
            && doc.tokens[end].has(super::tokens::LINE_START) == false);
    let caps = shape == Shape::Upper && (terminated || doc.is_punct(end, '-'));
    let capitalised =
        shape == Shape::Capitalized && (agency_follows || month_after_comma(doc, end));
    (caps || capitalised).then_some((start, end))
}

fn month_after_comma(doc: &Doc, i: usize) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    doc.is_punct(i, ',')
        && i + 1 < doc.len()
        && MONTHS.iter().any(|m| {
            let w = doc.word(i + 1).trim_end_matches('.');
            w.len() >= 3 && w.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m))
        })
}

fn title_case(doc: &Doc, start: usize, end: usize) -> String {
    let mut out = String::new();
    for i in start..end {
        if i > start && !doc.tokens[i].has(super::tokens::GLUED) {
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
