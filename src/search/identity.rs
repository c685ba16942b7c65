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
//! What it does not own: reading the dictionary from the index (`filter`), counting
//! (`facets`), output.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, TokenStream};

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
    /// Every stored value, with the number of articles that carry it.
    names: Vec<Name>,
    /// Surname-only value → the full name it is linked to.
    links: FxHashMap<String, String>,
    /// Surname-only value → the full names it could be, when the archive does not say.
    ambiguous: FxHashMap<String, Vec<String>>,
}

#[derive(Debug)]
struct Name {
    value: String,
    articles: u64,
    /// Lower-cased, accents folded.
    parts: Vec<String>,
}

impl Identity {
    /// The identity of the values of one field and their article counts.
    pub fn new(counts: BTreeMap<String, u64>) -> Identity {
        let names: Vec<Name> = counts
            .into_iter()
            .map(|(value, articles)| {
                let parts = name_parts(&value);
                Name { value, articles, parts }
            })
            .collect();
        let mut by_surname: FxHashMap<&str, Vec<&Name>> = FxHashMap::default();
        for name in names.iter().filter(|n| n.parts.len() > 1) {
            if let Some(last) = name.parts.last() {
                by_surname.entry(last.as_str()).or_default().push(name);
            }
        }
        let mut links = FxHashMap::default();
        let mut ambiguous = FxHashMap::default();
        for alone in names.iter().filter(|n| n.parts.len() == 1) {
            let Some(full) = by_surname.get(alone.parts[0].as_str()) else { continue };
            let total: u64 = full.iter().map(|n| n.articles).sum();
            // Ties go to the name that sorts first, so the choice never depends on order.
            let best = full
                .iter()
                .max_by(|a, b| a.articles.cmp(&b.articles).then_with(|| b.value.cmp(&a.value)));
            match best {
                Some(best) if best.articles >= DOMINANCE * (total - best.articles) => {
                    links.insert(alone.value.clone(), best.value.clone());
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
        Identity { names, links, ambiguous }
    }

    /// The person a stored value stands for: its full name when it is a surname linked
    /// to one, else itself.
    pub fn canonical<'a>(&'a self, value: &'a str) -> &'a str {
        self.links.get(value).map_or(value, String::as_str)
    }

    /// Whether any value is linked to another (if not, counting needs no merging).
    pub fn links_any(&self) -> bool {
        !self.links.is_empty()
    }

    /// The full names a surname-only value could be, when it is left apart.
    pub fn ambiguous(&self, value: &str) -> Option<&[String]> {
        self.ambiguous.get(value).map(Vec::as_slice)
    }

    /// The stored values a name typed by the user stands for, case and accents aside:
    /// a full name is that person (and the surname-only values linked to them); a part
    /// of a name ("Baker") is every person whose name has it.
    pub fn resolve(&self, typed: &str) -> Vec<&str> {
        let wanted = name_parts(typed);
        if wanted.is_empty() {
            return Vec::new();
        }
        let exact: Vec<&Name> = self.names.iter().filter(|n| n.parts == wanted).collect();
        let people: Vec<&Name> = if wanted.len() > 1 && !exact.is_empty() {
            exact
        } else {
            self.names.iter().filter(|n| wanted.iter().all(|w| n.parts.contains(w))).collect()
        };
        let mut values: Vec<&str> = people.iter().map(|n| n.value.as_str()).collect();
        for (alone, full) in &self.links {
            if values.contains(&full.as_str()) && !values.contains(&alone.as_str()) {
                values.push(alone);
            }
        }
        values.sort_unstable();
        values
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
        Identity::new(values.iter().map(|&(v, n)| (v.to_owned(), n)).collect())
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
}
