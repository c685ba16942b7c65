//! People: capitalised name sequences confirmed by evidence, and the later mentions that
//! refer to them.
//!
//! In: a [`Doc`]. Out: [`People`], the persons of the article (canonical full names in
//! first-mention order) and every mention of each (token spans, titles excluded).
//!
//! A run of capitalised words ("Mohammad Reza Ashtiani", "James A. Baker", "Bashar
//! al-Assad") is a person when something confirms it: a title or honorific just before
//! it ("Defense Minister", "Mr."), a known given name or an initial first, or, for two
//! words or more, a verb of speech beside it ("... Wang Jianguo said") or an appositive
//! after it (", a spokesman", ", 45,"). A run that is not confirmed but whose words all
//! belong to a confirmed person ("Shoigu", "Shoigu's", "SHOIGU" in a headline) is a
//! mention of that person. Runs in all-capital lines count only through a title or such
//! a link. This module does not find roles (see [`super::officials`]) or places.

use super::doc::Doc;
use super::lexicon::class;
use super::tokens::{Kind, Shape, CASELESS, GLUED, PARAGRAPH_START, SENTENCE_START};

/// A person of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Canonical name: the longest form the article gives, titles stripped.
    pub name: String,
    /// The lowercase words of the name, for linking other mentions.
    keys: Vec<String>,
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
pub struct People {
    /// Persons, in first-mention order.
    pub persons: Vec<Person>,
    /// Mentions, in text order.
    pub mentions: Vec<Mention>,
}

impl People {
    /// Is token `i` inside a mention of a person?
    pub fn covers(&self, i: usize) -> bool {
        let at = self.mentions.partition_point(|m| m.end <= i);
        self.mentions.get(at).is_some_and(|m| m.start <= i)
    }

    /// Is `word` (any case) one of the words of a person's name?
    pub fn has_name_word(&self, word: &str) -> bool {
        self.persons.iter().any(|p| p.keys.iter().any(|k| k.eq_ignore_ascii_case(word)))
    }
}

/// Lowercase words that may sit inside a name ("Bashar al-Assad", "Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "di", "du", "dos", "das", "del", "della", "van",
    "von", "der", "den", "ter", "ten", "la", "le", "y",
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
}

/// Finds the people of `doc`.
pub fn find_people(doc: &Doc) -> People {
    let runs = name_runs(doc);
    let mut people = People::default();
    let mut pending = Vec::new();
    for run in runs {
        if confirmed(doc, run) {
            add_person(doc, run, &mut people);
        } else {
            pending.push(run);
        }
    }
    for run in pending {
        let keys = run_keys(doc, run);
        if let Some(person) = linked_person(&people, &keys, run.start) {
            people.mentions.push(Mention { start: run.start, end: run.end, person });
        }
    }
    order_by_first_mention(&mut people);
    people
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
        return if PARTICLES.contains(&word) { Part::Particle } else { Part::No };
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
        | class::UNIT
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

fn is_initial(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[1] == b'.'
}

fn is_given(doc: &Doc, i: usize) -> bool {
    doc.word_classes(i) & class::GIVEN != 0 || is_initial(doc.word(i))
}

fn is_place_word(doc: &Doc, i: usize) -> bool {
    let c = doc.word_classes(i);
    c & class::PLACE != 0 && c & class::GIVEN == 0
}

/// Maximal runs of name words; a place word only continues a run opened by a given name.
fn name_runs(doc: &Doc) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < doc.len() {
        if part(doc, i) != Part::Name || is_place_word(doc, i) {
            i += 1;
            continue;
        }
        let caseless = doc.tokens[i].has(CASELESS);
        let mut end = i + 1;
        let mut names = 1;
        while end < doc.len() && names < 6 {
            let t = &doc.tokens[end];
            if t.has(CASELESS) != caseless || t.has(PARAGRAPH_START) {
                break;
            }
            match part(doc, end) {
                Part::Name if is_place_word(doc, end) && !is_given(doc, i) => break,
                Part::Name => {
                    end += 1;
                    names += 1;
                }
                Part::Particle | Part::Hyphen
                    if end + 1 < doc.len() && part(doc, end + 1) == Part::Name =>
                {
                    end += 2;
                    names += 1;
                }
                Part::Particle
                    if end + 2 < doc.len()
                        && part(doc, end + 1) == Part::Hyphen
                        && part(doc, end + 2) == Part::Name =>
                {
                    end += 3;
                    names += 1;
                }
                _ => break,
            }
        }
        let mut run = Run { start: i, end, caseless };
        trim_sentence_start(doc, &mut run);
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

fn name_count(doc: &Doc, run: Run) -> usize {
    (run.start..run.end).filter(|&i| part(doc, i) == Part::Name).count()
}

/// A title, rank or honorific ends just before the run ("Minister Sergei Shoigu").
fn titled(doc: &Doc, run: Run) -> bool {
    doc.classes_ending_before(run.start) & (class::OFFICE | class::RANK | class::HONORIFIC) != 0
}

fn confirmed(doc: &Doc, run: Run) -> bool {
    let names = name_count(doc, run);
    if names == 0 || names > 4 {
        return false;
    }
    let titled = titled(doc, run);
    if run.caseless {
        return titled && names <= 3;
    }
    if looks_like_organisation(doc, run) && !titled {
        return false;
    }
    if titled {
        return true;
    }
    if names < 2 {
        return false;
    }
    is_given(doc, run.start) || speech_beside(doc, run) || apposition_after(doc, run)
}

/// The run is followed by an organisation word or "&", or preceded by a bare "the".
fn looks_like_organisation(doc: &Doc, run: Run) -> bool {
    let next = run.end;
    if next < doc.len() {
        let t = &doc.tokens[next];
        if t.is_capitalized() && doc.word_classes(next) & class::ORGWORD != 0 {
            return true;
        }
        if doc.is_punct(next, '&') {
            return true;
        }
    }
    run.start > 0 && doc.is_word(run.start - 1, "the")
}

fn speech_beside(doc: &Doc, run: Run) -> bool {
    let after = doc.word_classes(run.end) & class::SPEECH != 0;
    let before = run.start > 0 && doc.word_classes(run.start - 1) & class::SPEECH != 0;
    after || before
}

/// ", a spokesman", ", who", ", 45,".
fn apposition_after(doc: &Doc, run: Run) -> bool {
    if !doc.is_punct(run.end, ',') || run.end + 1 >= doc.len() {
        return false;
    }
    let next = run.end + 1;
    if APPOSITION.iter().any(|w| doc.is_word(next, w) && doc.tokens[next].shape == Shape::Lower) {
        return true;
    }
    doc.tokens[next].kind == Kind::Number
        && doc.word(next).len() <= 2
        && doc.is_punct(next + 1, ',')
}

fn run_keys(doc: &Doc, run: Run) -> Vec<String> {
    (run.start..run.end)
        .filter(|&i| part(doc, i) == Part::Name)
        .map(|i| doc.word(i).trim_end_matches('.').to_lowercase())
        .collect()
}

fn is_subset(small: &[String], big: &[String]) -> bool {
    small.iter().all(|k| big.contains(k))
}

/// The person whose name contains all of `keys`: the one mentioned last before `at`, else
/// the first one found.
fn linked_person(people: &People, keys: &[String], at: usize) -> Option<usize> {
    if keys.is_empty() {
        return None;
    }
    let before = people
        .mentions
        .iter()
        .filter(|m| m.start < at && is_subset(keys, &people.persons[m.person].keys))
        .max_by_key(|m| m.start)
        .map(|m| m.person);
    before.or_else(|| people.persons.iter().position(|p| is_subset(keys, &p.keys)))
}

fn add_person(doc: &Doc, run: Run, people: &mut People) {
    let keys = run_keys(doc, run);
    let person = if let Some(p) = linked_person(people, &keys, run.start) {
        p
    } else if let Some(p) = people.persons.iter().position(|p| is_subset(&p.keys, &keys)) {
        // A fuller form of a name already seen ("James Baker", then "James A. Baker").
        people.persons[p] = Person { name: display_name(doc, run), keys };
        p
    } else {
        people.persons.push(Person { name: display_name(doc, run), keys });
        people.persons.len() - 1
    };
    people.mentions.push(Mention { start: run.start, end: run.end, person });
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
    let mut order = Vec::with_capacity(people.persons.len());
    for m in &people.mentions {
        if !order.contains(&m.person) {
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
