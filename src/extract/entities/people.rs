//! People: capitalised name sequences confirmed by evidence, and the later mentions that
//! refer to them.
//!
//! In: a [`Doc`]. Out: [`People`], the persons of the article (canonical full names in
//! first-mention order) and every mention of each (token spans, titles excluded).
//!
//! A run of capitalised words ("Mohammad Reza Ashtiani", "James A. Baker", "Bashar
//! al-Assad", "Miguel de la Madrid") is a person when something confirms it:
//! - a title, honorific or describing word just before it ("Defense Minister", "Mr.",
//!   "businessman", "his counterpart");
//! - for two words or more: a known given name or an initial in it, a common surname last,
//!   a verb of speech beside it ("... Wang Jianguo said"), an apposition after it (", a
//!   spokesman", ", 45,"), its country in brackets ("Fabrizio Mori (Italy)"), or a list
//!   it shares with a person ("Billy Andrade, Duffy Waldorf and ...");
//! - for one word: a verb of speech beside it, the word being capitalised inside a
//!   sentence somewhere ("Yeltsin said ...").
//!
//! It is not one when it looks like an organisation: an organisation word or "&" after it,
//! a bare "the" before it, a firm's suffix after the same words elsewhere ("Harris Upham
//! and Co"), or a place's setting ("in Jackson Hole, Wyoming"). Words before the given name
//! that are no names are dropped ("Exchequer Nigel Lawson"); a title word can end a name
//! ("John Major"). A run that is not confirmed but whose words all belong to a confirmed
//! person ("Shoigu", "Shoigu's", "SHOIGU" in a headline) is a mention of that person. Runs
//! in all-capital lines count only through such a link. This module does not find roles
//! (see [`super::officials`]) or places.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::{Doc, NoCase};
use super::lexicon::{self, class};
use super::tokens::{Kind, Shape, CASELESS, GLUED, PARAGRAPH_START, SENTENCE_START};

/// A person of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person<'d> {
    /// Canonical name: the longest form the article gives, titles stripped.
    pub name: String,
    /// The words of the name as written, for linking other mentions.
    keys: Vec<&'d str>,
}

/// One mention of a person: tokens `start..end` (the name only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// First token of the name.
    pub start: usize,
    /// One past the last token of the name.
    pub end: usize,
    /// Index into [`People::persons`].
    pub person: usize,
}

/// The people of one article.
#[derive(Debug, Clone, Default)]
pub struct People<'d> {
    /// Persons, in first-mention order.
    pub persons: Vec<Person<'d>>,
    /// Mentions, in text order.
    pub mentions: Vec<Mention>,
    /// The words of all the persons' names.
    name_words: FxHashSet<NoCase<'d>>,
}

impl People<'_> {
    /// Is token `i` inside a mention of a person?
    pub fn covers(&self, i: usize) -> bool {
        let at = self.mentions.partition_point(|m| m.end <= i);
        self.mentions.get(at).is_some_and(|m| m.start <= i)
    }

    /// Is `word` (any case) one of the words of a person's name?
    pub fn has_name_word(&self, word: &str) -> bool {
        self.name_words.contains(&NoCase(word))
    }
}

/// A name has at most this many name words (particles and hyphens not counted).
const MAX_NAME_WORDS: usize = 6;

/// Lowercase words that may sit inside a name ("Bashar al-Assad", "Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "dos", "das", "del", "della", "van",
    "von", "der", "den", "ter", "ten", "la", "le", "y", "wa",
];

/// Words after a run's comma that make the run a person ("Smith, a spokesman, said").
const APPOSITION: &[&str] = &["a", "an", "the", "who", "whose", "his", "her", "aged"];

/// What token `i` can be inside a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    /// Not part of a name.
    No,
    /// A name word.
    Name,
    /// A lowercase particle ("al", "van").
    Particle,
    /// A hyphen joining name words ("Jean-Claude").
    Hyphen,
}

/// A run of name words, tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    caseless: bool,
    /// Number of name words (particles and hyphens not counted).
    names: usize,
}

/// Finds the people of `doc`.
pub fn find_people<'d>(doc: &Doc<'d>) -> People<'d> {
    let mut parts: Vec<Part> = (0..doc.len()).map(|i| part(doc, i)).collect();
    title_words_as_surnames(doc, &mut parts);
    let runs = name_runs(doc, &parts);
    let firms = firm_words(doc);
    let mut people = People::default();
    let mut directory = Directory::default();
    let mut pending = Vec::with_capacity(runs.len());
    for run in runs {
        if confirmed(doc, run, &firms) {
            add_person(doc, &parts, run, &mut people, &mut directory);
        } else {
            pending.push(run);
        }
    }
    confirm_coordinated(doc, &parts, &mut pending, &mut people, &mut directory);
    for run in pending {
        link_run(doc, &parts, run, &mut people, &mut directory);
    }
    order_by_first_mention(&mut people);
    people.name_words =
        people.persons.iter().flat_map(|p| p.keys.iter().map(|&k| NoCase(k))).collect();
    people
}

/// "Billy Andrade, Duffy Waldorf and Jesper Parnevik": names listed with a person are
/// people too. Each step confirms the first run, in text order, that is listed with a
/// person found so far; a newly found person can only make the runs beside it listed,
/// so those alone are checked again.
fn confirm_coordinated<'d>(
    doc: &Doc<'d>,
    parts: &[Part],
    pending: &mut Vec<Run>,
    people: &mut People<'d>,
    directory: &mut Directory<'d>,
) {
    let listable: Vec<bool> = pending
        .iter()
        .map(|run| !run.caseless && run.names >= 2 && !looks_like_organisation(doc, *run))
        .collect();
    let mut starts: FxHashSet<usize> = people.mentions.iter().map(|m| m.start).collect();
    let mut ends: FxHashSet<usize> = people.mentions.iter().map(|m| m.end).collect();
    let listed = |index: usize, starts: &FxHashSet<usize>, ends: &FxHashSet<usize>| {
        let run = pending[index];
        let joiner = |i: usize| doc.is_punct(i, ',') || doc.is_word(i, "and");
        let joined_before =
            run.start >= 2 && joiner(run.start - 1) && ends.contains(&(run.start - 1));
        let joined_after = joiner(run.end) && starts.contains(&(run.end + 1));
        listable[index] && (joined_before || joined_after)
    };
    let by_start: FxHashMap<usize, usize> =
        pending.iter().enumerate().map(|(index, run)| (run.start, index)).collect();
    let by_end: FxHashMap<usize, usize> =
        pending.iter().enumerate().map(|(index, run)| (run.end, index)).collect();
    let mut ready: BinaryHeap<Reverse<usize>> =
        (0..pending.len()).filter(|&index| listed(index, &starts, &ends)).map(Reverse).collect();
    let mut confirmed = vec![false; pending.len()];
    while let Some(Reverse(index)) = ready.pop() {
        if confirmed[index] {
            continue;
        }
        confirmed[index] = true;
        let run = pending[index];
        add_person(doc, parts, run, people, directory);
        starts.insert(run.start);
        ends.insert(run.end);
        // The runs this person is listed with: after it ("X, Y") and before it ("Y and X").
        let beside =
            [by_start.get(&(run.end + 1)), run.start.checked_sub(1).and_then(|s| by_end.get(&s))];
        for &next in beside.into_iter().flatten() {
            if !confirmed[next] && listed(next, &starts, &ends) {
                ready.push(Reverse(next));
            }
        }
    }
    let mut index = 0;
    pending.retain(|_| {
        index += 1;
        !confirmed[index - 1]
    });
}

/// Links a run that is not a person by itself to the person it names ("Shoigu"). A run
/// in a capitals line may run on past the name ("FAHD WANTS STABLE OIL PRICES"): its
/// longest linked beginning counts.
fn link_run<'d>(
    doc: &Doc<'d>,
    parts: &[Part],
    run: Run,
    people: &mut People<'d>,
    directory: &mut Directory<'d>,
) {
    let mut end = run.end;
    while end > run.start {
        let words = run_words(doc, parts, Run { end, ..run });
        if let Some(person) = directory.linked(words, run.start) {
            directory.add_mention(person, run.start);
            people.mentions.push(Mention { start: run.start, end, person });
            return;
        }
        if !run.caseless {
            return;
        }
        end -= 1;
    }
}

/// Title words that are names here: after a lone given name and ending the name ("John
/// Major"), or inside a name, joined by a hyphen to the next word ("Hossein
/// Amir-Abdollahian").
fn title_words_as_surnames(doc: &Doc, parts: &mut [Part]) {
    for i in 1..parts.len() {
        let one_word = doc.hit_at(i).is_some_and(|h| h.end - h.start == 1);
        let classes = doc.word_classes(i);
        if !one_word || classes & (class::RANK | class::OFFICE) == 0 {
            continue;
        }
        let capitalized = doc.tokens[i].shape == Shape::Capitalized;
        let after_given = parts[i - 1] == Part::Name
            && doc.word_classes(i - 1) & class::GIVEN != 0
            && (i < 2 || parts[i - 2] == Part::No);
        let ends = parts.get(i + 1).is_none_or(|&p| p == Part::No);
        let hyphenated = parts[i - 1] == Part::Name
            && parts.get(i + 1) == Some(&Part::Hyphen)
            && parts.get(i + 2) == Some(&Part::Name);
        if capitalized && ((after_given && ends) || hyphenated) {
            parts[i] = Part::Name;
        }
    }
}

fn part(doc: &Doc, i: usize) -> Part {
    let t = &doc.tokens[i];
    let word = doc.word(i);
    if t.kind == Kind::Punct {
        return if word == "-" && t.has(GLUED) { Part::Hyphen } else { Part::No };
    }
    if t.kind != Kind::Word {
        return Part::No;
    }
    if t.shape == Shape::Lower {
        if hyphenated_syllable(doc, i) {
            return Part::Name; // "Lee Sung-min"
        }
        if word.len() > 5 && !word.contains('\'') {
            return Part::No; // longer than any particle
        }
        // "d'Estaing": an elided particle glued to a name is a name word.
        let elided = word.len() > 3
            && matches!(word.as_bytes()[..2], [b'd' | b'l', b'\''])
            && word[2..].starts_with(|c: char| c.is_uppercase());
        return if elided {
            Part::Name
        } else if PARTICLES.contains(&word) {
            Part::Particle
        } else {
            Part::No
        };
    }
    let initial = is_initial(word);
    if t.shape == Shape::Upper && !initial && !t.has(CASELESS) {
        return Part::No; // an acronym ("IBM", "NATO")
    }
    let Some(hit) = doc.hit_at(i) else { return Part::Name };
    let entry = doc.lex.entry(hit.entry);
    let blocking = class::NONNAME
        | class::ORGWORD
        | class::ORGOF
        | class::SPEECH
        | class::TITLE
        | class::AGENCY
        | class::DEMONYM
        | class::COUNTERPART
        | class::LOCATIVE;
    if entry.is(class::GIVEN) && !entry.is(blocking & !class::ORGWORD) {
        return Part::Name;
    }
    if entry.is(blocking) || hit.end - hit.start > 1 {
        return Part::No;
    }
    if entry.is(class::PLACE) {
        // A city or state can end a name begun by a given name ("George Washington");
        // that is decided in `name_runs`.
        let country = entry.places.iter().any(|s| doc.lex.place(s.place).kind.is_country());
        return if country { Part::No } else { Part::Name };
    }
    Part::Name
}

/// Lower-case second halves of hyphenated words that are English compounds, not the
/// syllable of a given name ("Moscow-led", "Tokyo-based").
const COMPOUND_TAILS: &[&str] = &[
    "led", "based", "made", "born", "era", "run", "owned", "backed", "style", "like", "wide",
    "bound", "held", "type", "class", "level", "area", "sized", "bred", "year", "old", "day",
    "week", "long", "only", "free", "rich", "poor", "hit",
];

/// Is token `i` a lower-case syllable glued by a hyphen to a capitalised word, as in
/// the romanised given names "Sung-min", "Jae-in"?
fn hyphenated_syllable(doc: &Doc, i: usize) -> bool {
    let word = doc.word(i);
    i >= 2
        && word.len() <= 5
        && doc.tokens[i].has(GLUED)
        && doc.is_punct(i - 1, '-')
        && doc.tokens[i - 1].has(GLUED)
        && doc.tokens[i - 2].shape == Shape::Capitalized
        && !COMPOUND_TAILS.contains(&word)
}

fn is_initial(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

fn is_given(doc: &Doc, i: usize) -> bool {
    doc.word_classes(i) & class::GIVEN != 0 || is_initial(doc.word(i))
}

/// A word that names a well-known place and no given name ("London", not "Paris" or
/// the small town "Tamura"): it opens no name and ends one only after a given name.
fn is_place_word(doc: &Doc, i: usize) -> bool {
    let Some(entry) = doc.entry_at(i) else { return false };
    entry.is(class::PLACE)
        && !entry.is(class::GIVEN)
        && entry.places.iter().any(|s| s.flags & lexicon::WEAK == 0)
}

/// Maximal runs of name words; a place word only continues a run just after a given
/// name ("George Washington", "Zhao Ziyang").
fn name_runs(doc: &Doc, parts: &[Part]) -> Vec<Run> {
    let mut runs = Vec::with_capacity(32);
    let mut i = 0;
    while i < doc.len() {
        if parts[i] != Part::Name || is_place_word(doc, i) {
            i += 1;
            continue;
        }
        let caseless = doc.tokens[i].has(CASELESS);
        let mut end = i + 1;
        let mut names = 1;
        while end < doc.len() && names < MAX_NAME_WORDS {
            let t = &doc.tokens[end];
            if t.has(CASELESS) != caseless || t.has(PARAGRAPH_START) {
                break;
            }
            match parts[end] {
                Part::Name if is_place_word(doc, end) && !is_given(doc, end - 1) => break,
                Part::Name => {
                    end += 1;
                    names += 1;
                }
                // "al-Assad", "de la Madrid", "van der Westhuizen": joiners, then a name.
                Part::Particle | Part::Hyphen => {
                    let joiners = parts[end..]
                        .iter()
                        .take(3)
                        .take_while(|p| matches!(p, Part::Particle | Part::Hyphen))
                        .count();
                    if parts.get(end + joiners) != Some(&Part::Name) {
                        break;
                    }
                    end += joiners + 1;
                    names += 1;
                }
                Part::No => break,
            }
        }
        let mut run = Run { start: i, end, caseless, names: 0 };
        trim_sentence_start(doc, &mut run);
        trim_to_given_name(doc, parts, &mut run);
        trim_office_object(doc, parts, &mut run);
        run.names = (run.start..run.end).filter(|&k| parts[k] == Part::Name).count();
        if run.start < run.end {
            runs.push(run);
        }
        i = end;
    }
    runs
}

/// A sentence's first word is capitalised whatever it is: drop it when the article also
/// writes it in lower case ("Trailing Somerset ..." with "trailing" elsewhere).
fn trim_sentence_start(doc: &Doc, run: &mut Run) {
    let first = run.start;
    if run.end - run.start > 1
        && doc.tokens[first].has(SENTENCE_START)
        && !is_given(doc, first)
        && doc.occurs_lowercase(doc.word(first))
    {
        run.start += 1;
    }
}

/// "Exchequer Nigel Lawson": when the first word is no given name but a later one is,
/// with a name after it, the run starts at the given name.
fn trim_to_given_name(doc: &Doc, parts: &[Part], run: &mut Run) {
    if is_given(doc, run.start) || run.caseless {
        return;
    }
    let given = (run.start + 1..run.end).find(|&i| is_given(doc, i) && parts[i] == Part::Name);
    if let Some(g) = given {
        if (g + 1..run.end).any(|i| parts[i] == Part::Name) {
            run.start = g;
        }
    }
}

/// "Director General of Meteorology Meena Raghavan": after an office and "of", the
/// first of three or more name words is what the office is of, not the person's.
fn trim_office_object(doc: &Doc, parts: &[Part], run: &mut Run) {
    let after_office_of = run.start >= 2
        && doc.is_word(run.start - 1, "of")
        && doc.classes_ending_before(run.start - 1) & class::OFFICE != 0;
    let names = (run.start..run.end).filter(|&k| parts[k] == Part::Name).count();
    if after_office_of && names >= 3 && !run.caseless {
        run.start += 1;
    }
}

/// A title, rank or honorific ends just before the run ("Minister Sergei Shoigu"), or a
/// word that describes a person ("businessman Zygmunt Solorz", "his counterpart Zhirayr
/// Liparityan").
fn titled(doc: &Doc, run: Run) -> bool {
    let person_words =
        class::OFFICE | class::RANK | class::HONORIFIC | class::DESCRIPTOR | class::COUNTERPART;
    doc.classes_ending_before(run.start) & person_words != 0
}

fn confirmed(doc: &Doc, run: Run, firms: &FxHashSet<NoCase>) -> bool {
    let names = run.names;
    if names == 0 || names > 4 {
        return false;
    }
    if run.caseless {
        return false;
    }
    let titled = titled(doc, run);
    // A name with an initial is a person's even when a firm bears it ("Ivan F. Boesky",
    // of "Ivan F. Boesky and Co").
    let initial = (run.start..run.end).any(|i| is_initial(doc.word(i)));
    let firm = !initial && firms.contains(&NoCase(doc.word(run.end - 1)));
    if !titled && (firm || looks_like_organisation(doc, run)) {
        return false;
    }
    if titled {
        return true;
    }
    if names < 2 {
        return speech_beside(doc, run)
            && named_mid_sentence(doc, run.start)
            && !listed_with_place(doc, run);
    }
    let any_given = (run.start..run.end).any(|i| is_given(doc, i));
    let surname_last = doc.word_classes(run.end - 1) & class::SURNAME != 0;
    any_given
        || surname_last
        || speech_beside(doc, run)
        || apposition_after(doc, run)
        || country_in_brackets(doc, run)
}

/// "said Paris and Berlin would ...": a one-word name that is also a place, listed
/// beside a place, is that place.
fn listed_with_place(doc: &Doc, run: Run) -> bool {
    let place_hit = |i: usize, starts: bool| {
        doc.hit_at(i).is_some_and(|h| {
            let edge = if starts { h.start as usize == i } else { h.end as usize == i + 1 };
            edge && doc.lex.entry(h.entry).is(class::PLACE)
        })
    };
    let joiner = |i: usize| doc.is_word(i, "and") || doc.is_punct(i, ',');
    let after = joiner(run.end) && place_hit(run.end + 1, true);
    let before = run.start >= 2 && joiner(run.start - 1) && place_hit(run.start - 2, false);
    place_hit(run.start, true) && (after || before)
}

/// "Fabrizio Mori (Italy)", "Jan Kroslak (Slovakia)": a name with its country in brackets,
/// as results lists give athletes.
fn country_in_brackets(doc: &Doc, run: Run) -> bool {
    doc.is_punct(run.end, '(')
        && doc.hit_at(run.end + 1).is_some_and(|h| {
            let entry = doc.lex.entry(h.entry);
            let country =
                entry.places.first().is_some_and(|s| doc.lex.place(s.place).kind.is_country());
            (country || entry.is(class::DEMONYM)) && doc.is_punct(h.end as usize, ')')
        })
}

/// A sentence's first word proves nothing by its capital: the word must also be written
/// with a capital inside a sentence ("Yeltsin said ..." and "... that Yeltsin backed").
fn named_mid_sentence(doc: &Doc, i: usize) -> bool {
    !doc.tokens[i].has(SENTENCE_START) || doc.capitalised_inside_sentence(doc.word(i))
}

/// The words the article shows to be firms' names: followed by a firm's word ("Allegheny
/// International Inc", "Harris Upham and Co" make "Allegheny", "Upham" and
/// "Harris" firm words), or written as a ticker (`<AG>`). A run ending in one is a firm.
fn firm_words<'d>(doc: &Doc<'d>) -> FxHashSet<NoCase<'d>> {
    let mut firms = FxHashSet::default();
    for k in 0..doc.len() {
        // In a capitals headline every word looks like a name ("VOLCKER SAYS BANK ...").
        if !doc.tokens[k].is_capitalized() || doc.tokens[k].has(CASELESS) {
            continue;
        }
        let ticker = k > 0 && doc.is_punct(k - 1, '<');
        let org_after = (k + 1..doc.len().min(k + 4))
            .take_while(|&n| {
                doc.tokens[n].is_capitalized() || doc.is_word(n, "and") || doc.is_punct(n, '&')
            })
            .any(|n| doc.word_classes(n) & class::COMPANY != 0);
        if ticker || org_after {
            firms.insert(NoCase(doc.word(k)));
        }
    }
    firms
}

/// The run is followed by an organisation word or "&", preceded by a firm's word
/// ("Banque Nationale de Paris") or by a bare "the" (but "the Marc Dutroux case"); or it
/// is placed like a place: "in Jackson Hole, Wyoming".
fn looks_like_organisation(doc: &Doc, run: Run) -> bool {
    let firm_before = run.start > 0
        && doc.tokens[run.start - 1].is_capitalized()
        && doc.word_classes(run.start - 1) & class::COMPANY != 0;
    if firm_before {
        return true;
    }
    let next = run.end;
    let after_locative = run.start > 0 && doc.word_classes(run.start - 1) & class::LOCATIVE != 0;
    let place_after = doc.is_punct(next, ',') && doc.word_classes(next + 1) & class::PLACE != 0;
    if after_locative && place_after {
        return true;
    }
    if next < doc.len() {
        let t = &doc.tokens[next];
        if t.is_capitalized() && doc.word_classes(next) & class::ORGWORD != 0 {
            return true;
        }
        if doc.is_punct(next, '&') {
            return true;
        }
    }
    // "the Salomon Brothers": a bare "the" before a run with no given name.
    run.start > 0 && doc.is_word(run.start - 1, "the") && !is_given(doc, run.start)
}

fn speech_beside(doc: &Doc, run: Run) -> bool {
    let after = doc.word_classes(run.end) & class::SPEECH != 0;
    let before = run.start > 0 && doc.word_classes(run.start - 1) & class::SPEECH != 0;
    after || before
}

/// ", a spokesman", ", who", ", 45,", and ", said" after an inserted name ("the head of
/// the institute, Jorio Dauster, said").
fn apposition_after(doc: &Doc, run: Run) -> bool {
    if !doc.is_punct(run.end, ',') || run.end + 1 >= doc.len() {
        return false;
    }
    let next = run.end + 1;
    if run.start > 0
        && doc.is_punct(run.start - 1, ',')
        && doc.word_classes(next) & class::SPEECH != 0
    {
        return true;
    }
    if APPOSITION.iter().any(|w| doc.is_word(next, w) && doc.tokens[next].shape == Shape::Lower) {
        return true;
    }
    doc.tokens[next].kind == Kind::Number
        && doc.word(next).len() <= 2
        && doc.is_punct(next + 1, ',')
}

/// The name words of a run, without the period of an initial.
fn run_words<'d: 'p, 'p>(
    doc: &Doc<'d>,
    parts: &'p [Part],
    run: Run,
) -> impl Iterator<Item = &'d str> + Clone + 'p {
    let (text, tokens) = (doc.text, doc.tokens);
    (run.start..run.end)
        .filter(move |&i| parts[i] == Part::Name)
        .map(move |i| tokens[i].text(text).trim_end_matches('.'))
}

fn add_person<'d>(
    doc: &Doc<'d>,
    parts: &[Part],
    run: Run,
    people: &mut People<'d>,
    directory: &mut Directory<'d>,
) {
    let words = run_words(doc, parts, run);
    let person = if let Some(p) = directory.linked(words.clone(), run.start) {
        p
    } else {
        let keys: Vec<&'d str> = words.collect();
        let person = Person { name: display_name(doc, run), keys };
        match directory.shorter(&person.keys) {
            // A fuller form of a name already seen ("James Baker", then "James A. Baker").
            Some(p) => {
                directory.lengthen(p, &person.keys);
                people.persons[p] = person;
                p
            }
            None => {
                directory.add_person(people.persons.len(), &person.keys);
                people.persons.push(person);
                people.persons.len() - 1
            }
        }
    };
    directory.add_mention(person, run.start);
    people.mentions.push(Mention { start: run.start, end: run.end, person });
}

/// The persons found so far, filed by the words of their names, so that linking a run
/// of words to the person it names takes the same time however many persons and
/// mentions came before it.
///
/// Words are compared ignoring ASCII case, and as sets: a run names a person when each
/// of its words is one of the person's. A name has at most [`MAX_NAME_WORDS`] words, so
/// a person is filed under at most 63 sets of words.
#[derive(Debug, Default)]
struct Directory<'d> {
    /// A number for each word of a name.
    ids: FxHashMap<NoCase<'d>, u32>,
    /// Under each set of words: the persons whose names hold all of them.
    holding: FxHashMap<WordSet, Holders>,
    /// Under the whole set of words of each person's name: that person. No two persons
    /// have one set, as a run whose words a person holds is that person's mention.
    named: FxHashMap<WordSet, u32>,
    /// Each person's words, and its last mention in `starts`.
    persons: Vec<(WordSet, u32)>,
    /// Every mention's first token, and the mention of the same person before it in
    /// this list (`NO_MENTION` for the first): the persons' mentions, without a list
    /// for each.
    starts: Vec<(u32, u32)>,
}

/// No mention: the end of a person's chain in [`Directory::starts`].
const NO_MENTION: u32 = u32::MAX;

/// A set of words by their numbers: ascending, then [`WordSet::NONE`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct WordSet([u32; MAX_NAME_WORDS]);

impl WordSet {
    const NONE: u32 = u32::MAX;

    /// The set of `ids`; `None` when empty.
    fn of(ids: impl Iterator<Item = u32>) -> Option<WordSet> {
        let mut set = [WordSet::NONE; MAX_NAME_WORDS];
        let mut len = 0;
        for id in ids {
            let at = set[..len].partition_point(|&x| x < id);
            if set[..len].get(at) == Some(&id) || len == MAX_NAME_WORDS {
                continue;
            }
            set.copy_within(at..len, at + 1);
            set[at] = id;
            len += 1;
        }
        (len > 0).then_some(WordSet(set))
    }

    /// The non-empty subsets of the set.
    fn subsets(self) -> impl Iterator<Item = WordSet> {
        let n = self.0.iter().take_while(|&&id| id != WordSet::NONE).count();
        (1..1u32 << n).map(move |mask| {
            let mut set = [WordSet::NONE; MAX_NAME_WORDS];
            let chosen = (0..n).filter(|&i| mask & (1 << i) != 0).map(|i| self.0[i]);
            for (slot, id) in set.iter_mut().zip(chosen) {
                *slot = id;
            }
            WordSet(set)
        })
    }
}

/// The persons whose names hold one set of words.
#[derive(Debug)]
struct Holders {
    /// The first of them found.
    first: u32,
    /// Their mentions.
    mentions: Mentions,
}

/// Mentions, person by first token: most sets of words have one, kept inline.
#[derive(Debug)]
enum Mentions {
    Empty,
    One { start: u32, person: u32 },
    Many(BTreeMap<u32, u32>),
}

impl Holders {
    fn new(first: u32) -> Holders {
        Holders { first, mentions: Mentions::Empty }
    }

    fn insert(&mut self, start: u32, person: u32) {
        self.mentions = match std::mem::replace(&mut self.mentions, Mentions::Empty) {
            Mentions::Empty => Mentions::One { start, person },
            Mentions::One { start: s, .. } if s == start => Mentions::One { start, person },
            Mentions::One { start: s, person: p } => {
                Mentions::Many(BTreeMap::from([(s, p), (start, person)]))
            }
            Mentions::Many(mut map) => {
                map.insert(start, person);
                Mentions::Many(map)
            }
        };
    }

    /// The person mentioned last before token `at`.
    fn last_before(&self, at: u32) -> Option<u32> {
        match &self.mentions {
            Mentions::Empty => None,
            Mentions::One { start, person } => (*start < at).then_some(*person),
            Mentions::Many(map) => map.range(..at).next_back().map(|(_, &person)| person),
        }
    }
}

impl<'d> Directory<'d> {
    /// The person whose name holds all of `words`: the one mentioned last before token
    /// `at`, else the first one found.
    fn linked<'w>(&self, words: impl Iterator<Item = &'w str>, at: usize) -> Option<usize> {
        // A word no person's name has: no person holds the set.
        let mut known = true;
        let set = WordSet::of(words.map_while(|word| {
            let id = self.ids.get(&NoCase(word)).copied();
            known &= id.is_some();
            id
        }));
        let holders = self.holding.get(&set.filter(|_| known)?)?;
        let person = holders.last_before(at as u32).unwrap_or(holders.first);
        Some(person as usize)
    }

    /// The words of a name as a set, numbering new words.
    fn word_set(&mut self, keys: &[&'d str]) -> Option<WordSet> {
        let ids = &mut self.ids;
        WordSet::of(keys.iter().map(|&key| {
            let next = ids.len() as u32;
            *ids.entry(NoCase(key)).or_insert(next)
        }))
    }

    /// The first person found whose name's words are all among `keys`.
    fn shorter(&mut self, keys: &[&'d str]) -> Option<usize> {
        let set = self.word_set(keys)?;
        set.subsets().filter_map(|sub| self.named.get(&sub).copied()).min().map(|p| p as usize)
    }

    /// Files a new person, `person`, under the words of its name.
    fn add_person(&mut self, person: usize, keys: &[&'d str]) {
        debug_assert_eq!(self.persons.len(), person);
        let person = person as u32;
        let set = self.word_set(keys).unwrap_or(WordSet([WordSet::NONE; MAX_NAME_WORDS]));
        for sub in set.subsets() {
            self.holding.entry(sub).or_insert_with(|| Holders::new(person));
        }
        self.named.insert(set, person);
        self.persons.push((set, NO_MENTION));
    }

    /// Person `person` now has the fuller name of words `keys` (all of its old words
    /// among them): it and its mentions are filed under the new sets of words too.
    fn lengthen(&mut self, person: usize, keys: &[&'d str]) {
        let Some(set) = self.word_set(keys) else { return };
        let (old, last) = self.persons[person];
        let person = person as u32;
        self.named.remove(&old);
        self.named.insert(set, person);
        let old_sets: FxHashSet<WordSet> = old.subsets().collect();
        for sub in set.subsets().filter(|sub| !old_sets.contains(sub)) {
            let holders = self.holding.entry(sub).or_insert_with(|| Holders::new(person));
            holders.first = holders.first.min(person);
            let mut mention = last;
            while let Some(&(start, before)) = self.starts.get(mention as usize) {
                holders.insert(start, person);
                mention = before;
            }
        }
        self.persons[person as usize].0 = set;
    }

    /// A mention of `person` starts at token `start`.
    fn add_mention(&mut self, person: usize, start: usize) {
        let (set, last) = self.persons[person];
        let (person, start) = (person as u32, start as u32);
        self.persons[person as usize].1 = self.starts.len() as u32;
        self.starts.push((start, last));
        for sub in set.subsets() {
            if let Some(holders) = self.holding.get_mut(&sub) {
                holders.insert(start, person);
            }
        }
    }
}

/// The name as written, words joined by single spaces (none around a joining hyphen),
/// with all-capital words put in title case.
fn display_name(doc: &Doc, run: Run) -> String {
    let mut name = String::new();
    for i in run.start..run.end {
        let t = &doc.tokens[i];
        if i > run.start && !t.has(GLUED) {
            name.push(' ');
        }
        let word = doc.word(i);
        if t.shape == Shape::Upper && !is_initial(word) {
            push_title_case(word, &mut name);
        } else {
            name.push_str(word);
        }
    }
    name
}

fn push_title_case(word: &str, out: &mut String) {
    let mut start_of_part = true;
    for c in word.chars() {
        if start_of_part {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        start_of_part = !c.is_alphanumeric();
    }
}

fn order_by_first_mention(people: &mut People) {
    people.mentions.sort_by_key(|m| m.start);
    let mut next = 0;
    let in_order = people.mentions.iter().all(|m| {
        let ok = m.person <= next;
        next = next.max(m.person + 1);
        ok
    });
    if in_order {
        return;
    }
    let mut order = Vec::with_capacity(people.persons.len());
    let mut seen = vec![false; people.persons.len()];
    for m in &people.mentions {
        if !std::mem::replace(&mut seen[m.person], true) {
            order.push(m.person);
        }
    }
    let mut new_index = vec![0; people.persons.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut persons: Vec<Option<Person>> = people.persons.drain(..).map(Some).collect();
    people.persons = order.iter().filter_map(|&old| persons[old].take()).collect();
    for m in &mut people.mentions {
        m.person = new_index[m.person];
    }
}
