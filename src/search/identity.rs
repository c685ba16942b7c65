//! Who the people of an archive are: the person and official values the index holds,
//! seen together, so that a surname means the people called so and one person is one
//! facet value.
//!
//! Extraction links a surname to a full name only inside one article ("Ronald Reagan
//! … Reagan said"); an article that names him by surname alone stores "Reagan". This
//! module links such a value to a full name at search time, over the facet dictionary
//! alone: cheap (one pass over the names, no article read), free of re-indexing, and
//! stable when files are re-indexed, because it depends on the names the archive holds
//! and not on the order they came in. A surname-only value is linked to a full name
//! when the archive makes it plain ([`Identity::new`] says how); otherwise it is kept
//! apart and reported as ambiguous.
//!
//! The user has the last word: the curation file's merges, renames and suppressions
//! (`curation`) come before any link made here. [`People`] keeps the identities of one
//! index generation, so a search makes each at most once, and the next generation anew.
//!
//! What it does not own: reading the dictionary from the index (`filter`), counting
//! (`facets`), the curation file's format (`curation`), output.

use std::collections::BTreeMap;

use super::curation::Curation;
use super::filter::stored_values;
use super::request::FacetField;
use crate::error::Result;
use crate::index::NewsSchema;

use std::sync::{Arc, Mutex, PoisonError};

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, TokenStream};
use tantivy::Searcher;

/// A surname alone is taken for one of several full names with that surname when that
/// one is named in at least this many times as many articles as all the others together
/// ("Ronald Reagan" 22 against "Nancy Reagan" and "Michael Reagan" 1 each; not "James
/// Baker" 175 against "Howard Baker" 41). A surname with one full name is taken for it.
const DOMINANCE: u64 = 5;

/// Matches listed in a note before "and N more".
const NOTE_NAMES: usize = 6;

/// The people of one facet field (person or official), with the articles of each.
#[derive(Debug, Default)]
pub struct Identity {
    /// Every stored value that is a person, with the number of articles that carry it.
    names: Vec<Name>,
    /// Value → the person it stands for: a surname-only value linked to a full name, or
    /// a name the curation file merges or renames.
    links: FxHashMap<String, String>,
    /// Surname-only value → the full names it could be, when the archive does not say.
    ambiguous: FxHashMap<String, Vec<String>>,
    /// Stored values the curation file says are not people.
    suppressed: FxHashSet<String>,
}

#[derive(Debug)]
struct Name {
    value: String,
    articles: u64,
    /// Lower-cased, accents folded.
    parts: Vec<String>,
    /// The parts of the person it stands for, when that is another name.
    person_parts: Option<Vec<String>>,
}

impl Name {
    /// The parts of the value, then those of the person it stands for.
    fn names(&self) -> impl Iterator<Item = &Vec<String>> {
        std::iter::once(&self.parts).chain(self.person_parts.as_ref())
    }
}

impl Identity {
    /// The identity of the values of one field and their article counts, with the
    /// user's curation applied first: its merges, renames and suppressions are never
    /// second-guessed, and the surname links are made among the rest.
    pub fn new(counts: BTreeMap<String, u64>, curation: &Curation) -> Identity {
        let mut suppressed = FxHashSet::default();
        let mut links = FxHashMap::default();
        let mut names: Vec<Name> = Vec::with_capacity(counts.len());
        for (value, articles) in counts {
            if curation.is_suppressed(&value) {
                suppressed.insert(value);
                continue;
            }
            if let Some(person) = curation.person(&value) {
                links.insert(value.clone(), person.to_owned());
            }
            let parts = name_parts(&value);
            names.push(Name { value, articles, parts, person_parts: None });
        }
        let mut by_surname: FxHashMap<&str, Vec<&Name>> = FxHashMap::default();
        for name in names.iter().filter(|n| n.parts.len() > 1 && !links.contains_key(&n.value)) {
            if let Some(last) = name.parts.last() {
                by_surname.entry(last.as_str()).or_default().push(name);
            }
        }
        let mut ambiguous = FxHashMap::default();
        let mut surname_links = Vec::new();
        for alone in names.iter().filter(|n| n.parts.len() == 1 && !links.contains_key(&n.value)) {
            let Some(full) = by_surname.get(alone.parts[0].as_str()) else { continue };
            let total: u64 = full.iter().map(|n| n.articles).sum();
            // Ties go to the name that sorts first, so the choice never depends on order.
            let best = full
                .iter()
                .max_by(|a, b| a.articles.cmp(&b.articles).then_with(|| b.value.cmp(&a.value)));
            match best {
                Some(best) if best.articles >= DOMINANCE * (total - best.articles) => {
                    surname_links.push((alone.value.clone(), best.value.clone()));
                }
                _ => {
                    let mut candidates: Vec<&Name> = full.clone();
                    candidates.sort_by(|a, b| {
                        b.articles.cmp(&a.articles).then_with(|| a.value.cmp(&b.value))
                    });
                    ambiguous.insert(
                        alone.value.clone(),
                        candidates.iter().map(|n| n.value.clone()).collect(),
                    );
                }
            }
        }
        links.extend(surname_links);
        for name in &mut names {
            name.person_parts = links.get(&name.value).map(|person| name_parts(person));
        }
        Identity { names, links, ambiguous, suppressed }
    }

    /// The person a stored value stands for: the name the curation file gives it, or
    /// the full name a surname is linked to, else itself.
    pub fn canonical<'a>(&'a self, value: &'a str) -> &'a str {
        self.links.get(value).map_or(value, String::as_str)
    }

    /// Whether counting must do more than count values one by one: some value stands
    /// for another, or is not counted at all.
    pub fn changes_any(&self) -> bool {
        !self.links.is_empty() || !self.suppressed.is_empty()
    }

    /// Whether the curation file says a stored value is not a person.
    pub fn is_suppressed(&self, value: &str) -> bool {
        self.suppressed.contains(value)
    }

    /// The full names a surname-only value could be, when it is left apart.
    pub fn ambiguous(&self, value: &str) -> Option<&[String]> {
        self.ambiguous.get(value).map(Vec::as_slice)
    }

    /// The stored values a name typed by the user stands for, case and accents aside:
    /// a full name is that person (and the values that stand for them: linked surnames,
    /// names merged into them); a part of a name ("Baker") is every person whose name
    /// has it.
    pub fn resolve(&self, typed: &str) -> Vec<&str> {
        let wanted = name_parts(typed);
        if wanted.is_empty() {
            return Vec::new();
        }
        let exact: Vec<&Name> =
            self.names.iter().filter(|n| n.names().any(|parts| *parts == wanted)).collect();
        let people: Vec<&Name> = if wanted.len() > 1 && !exact.is_empty() {
            exact
        } else {
            self.names
                .iter()
                .filter(|n| n.names().any(|parts| wanted.iter().all(|w| parts.contains(w))))
                .collect()
        };
        let mut values: Vec<&str> = people.iter().map(|n| n.value.as_str()).collect();
        values.sort_unstable();
        values
    }

    /// The stored values of `typed` that the curation file says are not people, for a
    /// note when a filter finds nothing else.
    pub fn suppressed_as(&self, typed: &str) -> Vec<&str> {
        let wanted = name_parts(typed);
        self.suppressed.iter().filter(|s| name_parts(s) == wanted).map(String::as_str).collect()
    }

    /// The values of `values` a note names, most articles first as the dictionary counts
    /// them (which includes articles deleted and not yet merged away), at most
    /// `NOTE_NAMES`, and how many it leaves out.
    pub fn noted<'a>(&self, values: &[&'a str]) -> (Vec<&'a str>, usize) {
        let mut named: Vec<(&str, u64)> = values
            .iter()
            .map(|&v| (v, self.names.iter().find(|n| n.value == v).map_or(0, |n| n.articles)))
            .collect();
        named.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let left_out = named.len().saturating_sub(NOTE_NAMES);
        (named.into_iter().take(NOTE_NAMES).map(|(v, _)| v).collect(), left_out)
    }

    /// What to tell the user about `typed` matching `values`: nothing when it is the one
    /// value it names, else which people, most articles first ("person Baker: James Baker
    /// 175, Howard Baker 41"), with `articles` saying how many articles match each.
    pub fn note(
        &self,
        field: &str,
        typed: &str,
        values: &[&str],
        articles: &mut dyn FnMut(&str) -> u64,
    ) -> Option<String> {
        if values.is_empty() || values == [typed] {
            return None;
        }
        let (shown, left_out) = self.noted(values);
        let mut counted: Vec<(&str, u64)> = shown.iter().map(|&v| (v, articles(v))).collect();
        counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let mut listed: Vec<String> = counted
            .iter()
            .map(|(value, articles)| match self.links.get(*value) {
                Some(full) => format!("{value} {articles} (as {full})"),
                None => format!("{value} {articles}"),
            })
            .collect();
        if left_out > 0 {
            listed.push(format!("and {left_out} more"));
        }
        Some(format!("{field} {typed}: {}", listed.join(", ")))
    }
}

/// The identities of the people fields of one index, with the user's curation, made
/// once per index generation: every search and filter of a generation shares them, and a
/// reload that sees new commits makes them again.
#[derive(Debug, Default)]
pub struct People {
    curation: Curation,
    made: Mutex<Option<Made>>,
}

/// The generation identities were made for, and the identity of each field made so far.
type Made = (u64, Vec<(FacetField, Arc<Identity>)>);

impl People {
    /// The people of an index, as the curation file sees them.
    pub fn new(curation: Curation) -> People {
        People { curation, made: Mutex::new(None) }
    }

    /// The identity of a people field (`person` or `official`) as `searcher` sees it.
    pub fn of(
        &self,
        searcher: &Searcher,
        schema: &NewsSchema,
        field: FacetField,
    ) -> Result<Arc<Identity>> {
        let generation = searcher.generation().generation_id();
        // An identity is made whole or not at all, so one a panicking thread left
        // behind is as good as any.
        let mut made = self.made.lock().unwrap_or_else(PoisonError::into_inner);
        let fields = match &mut *made {
            Some((made_for, fields)) if *made_for == generation => fields,
            slot => &mut slot.insert((generation, Vec::new())).1,
        };
        if let Some((_, identity)) = fields.iter().find(|(made, _)| *made == field) {
            return Ok(Arc::clone(identity));
        }
        let values = stored_values(searcher, schema.facet(field))?;
        let identity = Arc::new(Identity::new(values, &self.curation));
        fields.push((field, Arc::clone(&identity)));
        Ok(identity)
    }

    /// The curation file's rules.
    pub fn curation(&self) -> &Curation {
        &self.curation
    }
}

/// The parts of a name, lower-cased and with accents folded (`Santiváñez` →
/// `santivanez`). Hyphenated and apostrophe names stay whole: "Shoigu" is not
/// "Shoigu-Smith".
pub fn name_parts(name: &str) -> Vec<String> {
    let mut analyzer = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    name.split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut stream = analyzer.token_stream(part);
            let mut folded = String::new();
            while let Some(token) = stream.next() {
                folded.push_str(&token.text);
            }
            folded
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(values: &[(&str, u64)]) -> Identity {
        curated(values, "")
    }

    fn curated(values: &[(&str, u64)], rules: &str) -> Identity {
        let curation = Curation::parse(rules).unwrap();
        Identity::new(values.iter().map(|&(v, n)| (v.to_owned(), n)).collect(), &curation)
    }

    #[test]
    fn a_surname_is_every_person_called_so() {
        let people = identity(&[("James Baker", 175), ("Howard Baker", 41), ("Baker", 1)]);
        let mut stored = |value: &str| match value {
            "James Baker" => 175,
            "Howard Baker" => 41,
            _ => 1,
        };
        assert_eq!(people.resolve("baker"), vec!["Baker", "Howard Baker", "James Baker"]);
        assert_eq!(people.resolve("James BAKER"), vec!["James Baker"]);
        assert_eq!(
            people.note("person", "Baker", &people.resolve("Baker"), &mut stored).as_deref(),
            Some("person Baker: James Baker 175, Howard Baker 41, Baker 1")
        );
        assert_eq!(people.canonical("Baker"), "Baker");
        assert_eq!(
            people.ambiguous("Baker"),
            Some(&["James Baker".to_owned(), "Howard Baker".to_owned()][..])
        );
    }

    #[test]
    fn a_surname_goes_to_the_full_name_the_archive_makes_plain() {
        let people = identity(&[
            ("Ronald Reagan", 22),
            ("Nancy Reagan", 1),
            ("Michael Reagan", 1),
            ("Reagan", 286),
            ("Nakasone", 3),
            ("Yasuhiro Nakasone", 100),
            ("Phelps", 12),
            ("Michael Phelps", 1),
            ("Carter", 4),
            ("Jimmy Carter", 3),
            ("Dave Carter", 1),
        ]);
        assert_eq!(people.canonical("Reagan"), "Ronald Reagan");
        assert_eq!(people.canonical("Nakasone"), "Yasuhiro Nakasone");
        // The one Phelps the archive knows by full name, however rarely.
        assert_eq!(people.canonical("Phelps"), "Michael Phelps");
        assert_eq!(people.canonical("Carter"), "Carter");
        assert_eq!(
            people.ambiguous("Carter"),
            Some(&["Jimmy Carter".to_owned(), "Dave Carter".to_owned()][..])
        );
        assert_eq!(people.resolve("Ronald Reagan"), vec!["Reagan", "Ronald Reagan"]);
        assert_eq!(people.resolve("Nancy Reagan"), vec!["Nancy Reagan"]);
        assert!(people.ambiguous("Reagan").is_none());
    }

    #[test]
    fn accents_and_case_do_not_split_people() {
        let people =
            identity(&[("Gonzalo Santiváñez", 4), ("Sergei Shoigu", 2), ("Ali Shoigu-Smith", 1)]);
        assert_eq!(people.resolve("Santivanez"), vec!["Gonzalo Santiváñez"]);
        assert_eq!(people.resolve("SANTIVÁÑEZ"), vec!["Gonzalo Santiváñez"]);
        assert_eq!(people.resolve("shoigu"), vec!["Sergei Shoigu"]);
        assert!(people.resolve("Baqeri").is_empty());
        assert!(people.resolve(" , ").is_empty());
        assert_eq!(people.note("official", "Sergei Shoigu", &["Sergei Shoigu"], &mut |_| 2), None);
    }

    #[test]
    fn the_curation_file_comes_first() {
        let people = curated(
            &[
                ("Ali Khamenei", 40),
                ("Ayatollah Khamenei", 9),
                ("Khamenei", 12),
                ("Greens", 30),
                ("Kamran Dehghani", 8),
                ("James Baker", 175),
                ("Howard Baker", 41),
                ("Baker", 3),
            ],
            "merge Ayatollah Khamenei = Ali Khamenei\n\
             suppress greens\n\
             rename Kamran Dehghani = Kamran Dehghani-Nejad\n\
             merge Baker = James Baker\n",
        );
        assert_eq!(people.canonical("Ayatollah Khamenei"), "Ali Khamenei");
        // With the Ayatollah merged away, one Khamenei is left for the surname.
        assert_eq!(people.canonical("Khamenei"), "Ali Khamenei");
        assert_eq!(
            people.resolve("Ali Khamenei"),
            vec!["Ali Khamenei", "Ayatollah Khamenei", "Khamenei"]
        );
        // The user settled what the counts could not.
        assert_eq!(people.canonical("Baker"), "James Baker");
        assert!(people.ambiguous("Baker").is_none());
        // A new name finds the value renamed to it, and the old name still does.
        assert_eq!(people.resolve("Dehghani-Nejad"), vec!["Kamran Dehghani"]);
        assert_eq!(people.resolve("Kamran Dehghani"), vec!["Kamran Dehghani"]);
        assert!(people.is_suppressed("Greens"));
        assert!(people.resolve("Greens").is_empty());
        assert_eq!(people.suppressed_as("GREENS"), vec!["Greens"]);
        assert!(people.changes_any());
        assert!(!identity(&[("Greens", 1)]).changes_any());
    }
}
