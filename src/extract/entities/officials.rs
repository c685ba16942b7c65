//! Officials: the people whose role the text gives, with the role's country.
//!
//! In: a [`Doc`], its [`People`] and its places ([`Found`], for the sense each place
//! name was taken in). Out: one [`Official`] per person with a role, in
//! first-mention order. The patterns, around each mention of a person:
//! - a title before the name: "Russian Defense Minister Sergei Shoigu",
//!   "Russia's Defense Minister Sergei Shoigu", "U.S. President Joe Biden";
//! - a title, a comma, the name: "The Russian Defense Minister, Sergei Shoigu";
//! - a counterpart: "his Iranian counterpart, Brigadier General Mohammad Reza Ashtiani";
//! - an apposition after the name: "Mohammad Baqeri, the Chief of Staff of the Iranian
//!   Armed Forces", "Shoigu, Russia's defense minister";
//! - a country after the name: "Foreign Minister Ali Velayati of Iran".
//!
//! The role is the office as the text words it, title-cased, without its country words
//! ("Chief of Staff of the Armed Forces"); a rank ("Brigadier General") is the role only
//! when no office is given. The country is the one a demonym, a country (or a place in
//! it) or a possessive names with the title; it is `None` when the text does not say it:
//! "President Reagan" alone gets no country, however likely one is.

use std::cell::OnceCell;

use super::doc::Doc;
use super::lexicon::{class, PlaceId};
use super::people::People;
use super::places::Found;
use super::tokens::{Kind, Shape, GLUED};
use crate::extract::Official;

/// What the text says of one mention's role.
#[derive(Debug, Clone, Default)]
struct RoleFacts {
    /// The office, title-cased.
    office: Option<String>,
    /// The rank, title-cased.
    rank: Option<String>,
    /// The role's country.
    country: Option<PlaceId>,
}

impl RoleFacts {
    /// Fills what is missing from `other`.
    fn merge(&mut self, other: RoleFacts) {
        if self.office.is_none() {
            self.office = other.office;
        }
        if self.rank.is_none() {
            self.rank = other.rank;
        }
        if self.country.is_none() {
            self.country = other.country;
        }
    }

    fn role(&self) -> Option<&String> {
        self.office.as_ref().or(self.rank.as_ref())
    }
}

/// Finds the officials of `doc` among `people`.
pub fn find_officials(doc: &Doc, people: &People, found: &Found) -> Vec<Official> {
    let mut facts: Vec<RoleFacts> = vec![RoleFacts::default(); people.persons.len()];
    let mut pieces = Vec::with_capacity(8);
    let capitals = Capitals::default();
    for mention in &people.mentions {
        let mut said = title_before(doc, found, &capitals, mention.start, &mut pieces);
        said.merge(apposition_after(doc, found, mention.end, &mut pieces));
        said.merge(country_after(doc, found, mention.end));
        // An office beats a rank; the first office given is the role.
        facts[mention.person].merge(said);
    }
    people
        .persons
        .iter()
        .zip(facts)
        .filter_map(|(person, facts)| {
            let role = facts.role()?.clone();
            Some(Official {
                name: person.name.clone(),
                role: Some(role),
                country: facts.country.map(|c| doc.lex.place(c).name.to_string()),
            })
        })
        .collect()
}

/// A piece of a title, in text order.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    classes: u32,
}

/// The title just before token `at`, and across a comma: "Russian Defense Minister X",
/// "The Russian Defense Minister, X", "his Iranian counterpart, Brigadier General X".
fn title_before(
    doc: &Doc,
    found: &Found,
    capitals: &Capitals,
    at: usize,
    pieces: &mut Vec<Piece>,
) -> RoleFacts {
    let (country, chain_start) = chain_before(doc, found, at, pieces);
    let mut facts = role_of(doc, pieces);
    facts.country = country;
    if pieces.is_empty() {
        if let Some(office) = office_of_before(doc, found, capitals, at, pieces) {
            return office;
        }
    }
    let incomplete = facts.office.is_none() || facts.country.is_none();
    if incomplete && chain_start > 0 && doc.is_punct(chain_start - 1, ',') {
        if let Some(earlier) = office_of_before(doc, found, capitals, chain_start - 1, pieces) {
            facts.office = facts.office.or(earlier.office);
            facts.country = facts.country.or(earlier.country);
            return facts;
        }
        let (country_before, _) = chain_before(doc, found, chain_start - 1, pieces);
        let counterpart = pieces.last().is_some_and(|p| p.classes & class::COUNTERPART != 0);
        let earlier = role_of(doc, pieces);
        if earlier.office.is_some() || counterpart {
            facts.office = facts.office.or(earlier.office);
            facts.rank = facts.rank.or(earlier.rank);
            facts.country = facts.country.or(country_before);
        }
    }
    facts
}

/// An office with an "of" phrase ending just before token `end` (a comma or a name):
/// "The commander of the Iranian Navy, Rear Admiral X" gives "Commander of the Navy" and
/// Iran; "Director General of Meteorology X" gives "Director General of Meteorology".
fn office_of_before(
    doc: &Doc,
    found: &Found,
    capitals: &Capitals,
    end: usize,
    pieces: &mut Vec<Piece>,
) -> Option<RoleFacts> {
    let k = capitals.start_before(doc, end);
    if k == end || k == 0 || !doc.is_word(k - 1, "of") {
        return None;
    }
    let (words, country, phrase_end) = of_phrase(doc, found, k, end);
    if phrase_end != end {
        return None;
    }
    let (title_country, _) = chain_before(doc, found, k - 1, pieces);
    let mut facts = role_of(doc, pieces);
    let office = facts.office.as_mut()?;
    if !words.is_empty() {
        office.push_str(" of ");
        office.push_str(&words);
    }
    facts.country = title_country.or(country);
    Some(facts)
}

/// Where the run of capitalised words (and "the") that ends before each token starts:
/// built once, on first use, so that finding it at every mention is not a walk back
/// over all the capitalised words before it.
#[derive(Default)]
struct Capitals {
    starts: OnceCell<Vec<u32>>,
}

impl Capitals {
    /// The first token of the run of capitalised words and "the" that ends just before
    /// token `end` (`end` itself when there is none).
    fn start_before(&self, doc: &Doc, end: usize) -> usize {
        let starts = self.starts.get_or_init(|| {
            let mut starts = Vec::with_capacity(doc.len() + 1);
            starts.push(0);
            for i in 0..doc.len() {
                let joins = doc.tokens[i].is_capitalized() || doc.is_word(i, "the");
                starts.push(if joins { starts[i] } else { i as u32 + 1 });
            }
            starts
        });
        starts.get(end).map_or(end, |&start| start as usize)
    }
}

/// The title words, countries and counterparts ending at token `at`, walking back, into
/// `pieces` in text order; the country found, and where the chain starts.
fn chain_before(
    doc: &Doc,
    found: &Found,
    at: usize,
    pieces: &mut Vec<Piece>,
) -> (Option<PlaceId>, usize) {
    pieces.clear();
    let mut country = None;
    let mut j = at;
    while j > 0 {
        // "Russia's": a possessive after a place.
        if doc.tokens[j - 1].kind == Kind::Punct && doc.word(j - 1).len() > 1 {
            match place_country_ending_at(doc, found, j - 1) {
                Some((start, c)) => {
                    country = country.or(Some(c));
                    j = start;
                    continue;
                }
                None => break,
            }
        }
        // "Mines and Energy Minister": "and" between two modifiers.
        let joins_modifiers = j >= 2
            && doc.is_word(j - 1, "and")
            && doc.word_classes(j - 2) & class::MODIFIER != 0
            && pieces.last().is_some_and(|p| p.start == j && p.classes & class::MODIFIER != 0);
        if joins_modifiers {
            pieces.push(Piece { start: j - 1, end: j, classes: class::MODIFIER });
            j -= 1;
            continue;
        }
        let Some(hit) = doc.hit_at(j - 1).filter(|h| h.end as usize == j) else { break };
        let entry = doc.lex.entry(hit.entry);
        let start = hit.start as usize;
        if entry.is(class::TITLE | class::COUNTERPART) {
            if entry.is(class::RANK | class::HONORIFIC) && !doc.tokens[start].is_capitalized() {
                break; // "in general", "major"
            }
            pieces.push(Piece { start, end: j, classes: entry.classes });
        } else if entry.is(class::DEMONYM) && doc.tokens[start].is_capitalized() {
            country = country.or(entry.demonym_country);
        } else if let Some((_, c)) = place_country_ending_at(doc, found, j) {
            country = country.or(Some(c));
        } else {
            break;
        }
        j = start;
    }
    pieces.reverse();
    (country, j)
}

/// A capitalised place hit ending just before token `end`, and the country it names.
fn place_country_ending_at(doc: &Doc, found: &Found, end: usize) -> Option<(usize, PlaceId)> {
    let hit = doc.hit_at(end.checked_sub(1)?).filter(|h| h.end as usize == end)?;
    let entry = doc.lex.entry(hit.entry);
    let start = hit.start as usize;
    if !entry.is(class::PLACE) || !doc.tokens[start].is_capitalized() {
        return None;
    }
    // The sense the places rules chose ("Georgia Gov. Brian Kemp": the US state).
    let place = found.place_at(start).or_else(|| entry.places.first().map(|s| s.place))?;
    Some((start, doc.lex.place(place).country?))
}

/// The office (modifiers and head) or, failing one, the rank of a title chain.
fn role_of(doc: &Doc, pieces: &[Piece]) -> RoleFacts {
    let mut facts = RoleFacts::default();
    let is_office = |p: &Piece| p.classes & class::OFFICE != 0;
    let mut head = pieces.iter().rposition(is_office);
    // "Foreign Minister Prince Saud al-Faisal": a royal title after an office is part
    // of the name, not of the role.
    if let Some(last) = head.filter(|&h| is_royal(doc, pieces[h])) {
        if let Some(office) = pieces[..last].iter().rposition(is_office) {
            head = Some(office);
        }
    }
    if let Some(head) = head {
        let mut first = head;
        while first > 0 {
            let prev = pieces[first - 1];
            let joined = prev.end == pieces[first].start;
            if !joined || prev.classes & (class::OFFICE | class::MODIFIER) == 0 {
                break;
            }
            first -= 1;
        }
        facts.office = Some(role_text(doc, pieces[first].start, pieces[head].end));
    }
    if let Some(rank) = pieces.iter().rev().find(|p| p.classes & class::RANK != 0) {
        facts.rank = Some(role_text(doc, rank.start, rank.end));
    }
    facts
}

/// Whether a title piece is a royal one, which a name may carry after an office.
fn is_royal(doc: &Doc, piece: Piece) -> bool {
    const ROYAL: &[&str] = &["prince", "princess", "king", "queen", "emir", "sultan", "sheikh"];
    piece.end == piece.start + 1
        && ROYAL.iter().any(|r| doc.word(piece.start).eq_ignore_ascii_case(r))
}

/// ", the Chief of Staff of the Iranian Armed Forces", ", Russia's defense minister".
fn apposition_after(doc: &Doc, found: &Found, end: usize, pieces: &mut Vec<Piece>) -> RoleFacts {
    let mut facts = RoleFacts::default();
    if !doc.is_punct(end, ',') {
        return facts;
    }
    let mut k = end + 1;
    if ["the", "a", "an"].iter().any(|w| doc.is_word(k, w)) {
        k += 1;
    }
    pieces.clear();
    while k < doc.len() {
        if let Some((place_end, country)) = place_with_possessive(doc, found, k) {
            facts.country = facts.country.or(Some(country));
            k = place_end;
            continue;
        }
        // "the EU agriculture commissioner": an organisation's acronym says whose office
        // it is, not a country.
        if pieces.is_empty() && doc.tokens[k].shape == Shape::Upper && doc.hit_at(k).is_none() {
            k += 1;
            continue;
        }
        let after_modifier = pieces.last().is_some_and(|p| p.classes & class::MODIFIER != 0);
        if after_modifier && doc.is_word(k, "and") && doc.word_classes(k + 1) & class::MODIFIER != 0
        {
            pieces.push(Piece { start: k, end: k + 1, classes: class::MODIFIER });
            k += 1;
            continue;
        }
        let Some(hit) = doc.hit_at(k).filter(|h| h.start as usize == k) else { break };
        let entry = doc.lex.entry(hit.entry);
        let hit_end = hit.end as usize;
        if entry.is(class::DEMONYM) {
            facts.country = facts.country.or(entry.demonym_country);
        } else if entry.is(class::OFFICE | class::MODIFIER | class::RANK) {
            pieces.push(Piece { start: k, end: hit_end, classes: entry.classes });
        } else {
            break;
        }
        k = hit_end;
    }
    if !pieces.iter().any(|p| p.classes & class::OFFICE != 0) {
        return RoleFacts::default();
    }
    let mut role = role_of(doc, pieces);
    if let Some(office) = role.office.as_mut() {
        if doc.is_word(k, "of") {
            let (words, country, end) = of_phrase(doc, found, k + 1, usize::MAX);
            facts.country = facts.country.or(country);
            if !words.is_empty() {
                office.push_str(" of ");
                office.push_str(&words);
            }
            k = end;
        }
    }
    // "Nigel Lawson, Foreign Secretary Geoffrey Howe and ...": a title followed by a
    // name is that name's, not an apposition.
    if k < doc.len() && doc.tokens[k].is_capitalized() {
        return RoleFacts::default();
    }
    facts.office = role.office;
    facts.rank = role.rank.take();
    facts
}

/// "Russia's" at token `k`: the end of the possessive and the country.
fn place_with_possessive(doc: &Doc, found: &Found, k: usize) -> Option<(usize, PlaceId)> {
    let hit = doc.hit_at(k).filter(|h| h.start as usize == k)?;
    let end = hit.end as usize;
    if end >= doc.len() || doc.tokens[end].kind != Kind::Punct || doc.word(end).len() < 2 {
        return None;
    }
    let (_, country) = place_country_ending_at(doc, found, end)?;
    Some((end + 1, country))
}

/// The words after "of" that belong to an office ("the Armed Forces"), without country
/// words, the country they name, and where they end. Only an organisation's words are
/// kept: "of Iran" gives no words, only the country. The phrase is not followed past
/// token `limit`: once past it, where it would end does not matter to the caller.
fn of_phrase(
    doc: &Doc,
    found: &Found,
    mut k: usize,
    limit: usize,
) -> (String, Option<PlaceId>, usize) {
    let mut words = String::new();
    let mut country = None;
    let the = doc.is_word(k, "the");
    if the {
        k += 1;
    }
    while k < doc.len() && k <= limit && doc.tokens[k].is_capitalized() {
        let end = doc.hit_at(k).filter(|h| h.start as usize == k).map_or(k + 1, |h| h.end as usize);
        let entry = doc.entry_at(k);
        if let Some(e) = entry.filter(|e| e.is(class::DEMONYM)) {
            country = country.or(e.demonym_country);
        } else if let Some((_, c)) = place_country_ending_at(doc, found, end) {
            country = country.or(Some(c));
        } else if entry.is_some_and(|e| e.is(class::SPEECH | class::NONNAME)) {
            break;
        } else {
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(&role_text(doc, k, end));
        }
        k = end;
    }
    if the && !words.is_empty() {
        words.insert_str(0, "the ");
    }
    (words, country, k)
}

/// "Foreign Minister Ali Velayati of Iran".
fn country_after(doc: &Doc, found: &Found, end: usize) -> RoleFacts {
    let mut facts = RoleFacts::default();
    if doc.is_word(end, "of") {
        let k = end + 1;
        if let Some(hit) = doc.hit_at(k).filter(|h| h.start as usize == k) {
            if let Some((_, c)) = place_country_ending_at(doc, found, hit.end as usize) {
                facts.country = Some(c);
            }
        }
    }
    facts
}

/// Tokens `start..end` as a role: each word capitalised except small joining words,
/// words in capitals put in title case, hyphens kept tight ("Secretary-General").
fn role_text(doc: &Doc, start: usize, end: usize) -> String {
    const SMALL: &[&str] = &["of", "the", "and", "for", "in", "on", "at", "to"];
    let mut out = String::new();
    for i in start..end {
        let t = &doc.tokens[i];
        if i > start && !t.has(GLUED) {
            out.push(' ');
        }
        let word = doc.word(i);
        if i > start && SMALL.iter().any(|s| word.eq_ignore_ascii_case(s)) {
            out.push_str(&word.to_lowercase());
            continue;
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            if t.shape == Shape::Upper && word.len() > 3 && !word.contains('.') {
                out.extend(chars.flat_map(char::to_lowercase));
            } else {
                out.push_str(chars.as_str());
            }
        }
    }
    out
}
