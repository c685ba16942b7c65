//! The user's word on who the people are: a plain-text file of rules that merge, rename
//! and suppress people and set an official's country, applied when searching.
//!
//! Extraction and [`Identity`](super::identity::Identity) decide from the text and the
//! archive; a person who reads the facets knows better in the cases they cannot ("Ayatollah
//! Khamenei" is Ali Khamenei, "Greens" is a party). Those answers live in a file the user
//! edits, not in the index, so a correction takes effect at the next search, with no
//! re-indexing, and survives `index --full`. The format, one rule per line:
//!
//! ```text
//! # comments and blank lines are ignored
//! merge    Ayatollah Khamenei = Ali Khamenei     # one person, counted and found as Ali Khamenei
//! rename   Kamran Dehghani = Kamran Dehghani-Nejad
//! suppress Greens                                 # not a person: not counted, not matched
//! country  Sherif Farouk = Egypt                  # the country an official serves
//! ```
//!
//! Names are matched as [`name_parts`] folds them (case and accents aside). A line that
//! cannot be read is an error naming the file and the line: a file the user relies on is
//! never half applied.
//!
//! What it does not own: where the file is (the command line decides), and what the
//! rules do to counting and filtering (`identity`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::identity::name_parts;
use crate::error::{Error, Result, UserError};
use crate::extract::entities::canonical_country;

/// Most merges and renames followed from one name to the person it ends at; a longer
/// chain is a loop.
const MAX_CHAIN: usize = 16;

/// The rules of one curation file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Curation {
    /// Folded name → the name it is merged into or renamed to, chains followed.
    people: BTreeMap<String, String>,
    /// Folded names that are not people.
    suppressed: BTreeMap<String, String>,
    /// Folded official's name → canonical country.
    countries: BTreeMap<String, String>,
}

/// One rule as read, with its line.
enum Rule {
    Person { from: String, to: String },
    Suppress(String),
    Country { official: String, country: String },
}

impl Curation {
    /// The curation file beside an index folder: `INDEX.curation.txt`.
    pub fn beside(index: &Path) -> PathBuf {
        let mut name = index.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(".curation.txt");
        index.with_file_name(name)
    }

    /// Reads and checks a curation file.
    pub fn load(path: &Path) -> Result<Curation> {
        let text = std::fs::read_to_string(path).map_err(|err| Error::io(path, err))?;
        Curation::parse(&text).map_err(|(line, message)| {
            Error::User(UserError::Curation { path: path.to_owned(), line, message })
        })
    }

    /// The rules of a curation file's text; an error is the line (from 1) and why.
    pub fn parse(text: &str) -> std::result::Result<Curation, (usize, String)> {
        let mut curation = Curation::default();
        // Folded name → the line that gave it a rule, so that a name given two rules is
        // an error naming both lines, not whichever came last.
        let mut ruled: BTreeMap<(bool, String), usize> = BTreeMap::new();
        for (number, line) in text.lines().enumerate() {
            let number = number + 1;
            let Some(rule) = rule(line).map_err(|message| (number, message))? else { continue };
            let (is_country, name) = match &rule {
                Rule::Person { from, .. } => (false, folded(from)),
                Rule::Suppress(name) => (false, folded(name)),
                Rule::Country { official, .. } => (true, folded(official)),
            };
            if let Some(earlier) = ruled.insert((is_country, name.clone()), number) {
                return Err((number, format!("a second rule for this name (line {earlier})")));
            }
            match rule {
                Rule::Person { from, to } => {
                    if folded(&to) == name {
                        return Err((number, format!("`{from}` is merged into itself")));
                    }
                    curation.people.insert(name, to);
                }
                Rule::Suppress(original) => {
                    curation.suppressed.insert(name, original);
                }
                Rule::Country { country, .. } => {
                    curation.countries.insert(name, country);
                }
            }
        }
        curation.follow_chains().map_err(|name| {
            let line = ruled.get(&(false, folded(&name))).copied().unwrap_or(0);
            (line, format!("merges and renames from `{name}` go round in a loop"))
        })?;
        Ok(curation)
    }

    /// Makes every merge end at its final name (`A = B`, `B = C` → `A = C`), or names a
    /// name whose chain loops.
    fn follow_chains(&mut self) -> std::result::Result<(), String> {
        let mut ended = BTreeMap::new();
        for (from, to) in &self.people {
            let mut to = to.clone();
            for step in 0.. {
                match self.people.get(&folded(&to)) {
                    Some(next) if step < MAX_CHAIN => to = next.clone(),
                    Some(_) => return Err(from.clone()),
                    None => break,
                }
            }
            ended.insert(from.clone(), to);
        }
        self.people = ended;
        Ok(())
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.suppressed.is_empty() && self.countries.is_empty()
    }

    /// The person a name is merged into or renamed to, if a rule says so.
    pub fn person(&self, name: &str) -> Option<&str> {
        self.people.get(&folded(name)).map(String::as_str)
    }

    /// Whether a rule says the name is not a person.
    pub fn is_suppressed(&self, name: &str) -> bool {
        self.suppressed.contains_key(&folded(name))
    }

    /// The country a rule gives an official.
    pub fn country(&self, official: &str) -> Option<&str> {
        self.countries.get(&folded(official)).map(String::as_str)
    }
}

/// A name as rules compare it.
fn folded(name: &str) -> String {
    name_parts(name).join(" ")
}

/// The rule on one line, `None` for a blank or comment line.
fn rule(line: &str) -> std::result::Result<Option<Rule>, String> {
    let line = line.split_once('#').map_or(line, |(rule, _)| rule).trim();
    if line.is_empty() {
        return Ok(None);
    }
    let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    let pair = |what: &str| -> std::result::Result<(String, String), String> {
        let (left, right) =
            rest.split_once('=').ok_or_else(|| format!("`{keyword}` needs `NAME = {what}`"))?;
        let (left, right) = (left.trim(), right.trim());
        if folded(left).is_empty() || folded(right).is_empty() {
            return Err(format!("`{keyword}` needs a name on both sides of `=`"));
        }
        Ok((left.to_owned(), right.to_owned()))
    };
    let rule = match keyword.to_lowercase().as_str() {
        "merge" | "rename" => {
            let (from, to) = pair("NAME")?;
            Rule::Person { from, to }
        }
        "suppress" => {
            if folded(rest).is_empty() || rest.contains('=') {
                return Err("`suppress` needs one name".to_owned());
            }
            Rule::Suppress(rest.to_owned())
        }
        "country" => {
            let (official, country) = pair("COUNTRY")?;
            let country = canonical_country(&country)
                .ok_or_else(|| format!("`{country}` is not a country newsdex knows"))?;
            Rule::Country { official, country: country.to_owned() }
        }
        other => {
            return Err(format!(
                "unknown rule `{other}`: a line starts with merge, rename, suppress or country"
            ))
        }
    };
    Ok(Some(rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_read_with_case_and_accents_aside() {
        let curation = Curation::parse(
            "# people\n\
             merge  Ayatollah Khamenei = Ali Khamenei   # one man\n\
             \n\
             RENAME Kamran Dehghani = Kamran Dehghani-Nejad\n\
             suppress Greens\n\
             country Sherif Farouk = egypt\n",
        )
        .unwrap();
        assert_eq!(curation.person("ayatollah KHAMENEI"), Some("Ali Khamenei"));
        assert_eq!(curation.person("Kamran Dehghani"), Some("Kamran Dehghani-Nejad"));
        assert_eq!(curation.person("Ali Khamenei"), None);
        assert!(curation.is_suppressed("greens"));
        assert!(!curation.is_suppressed("Green"));
        assert_eq!(curation.country("Sherif Farouk"), Some("Egypt"));
    }

    #[test]
    fn chains_end_at_their_last_name() {
        let curation = Curation::parse("merge A Ali = B Ali\nrename B Ali = C Ali\n").unwrap();
        assert_eq!(curation.person("A Ali"), Some("C Ali"));
        assert_eq!(curation.person("B Ali"), Some("C Ali"));
    }

    #[test]
    fn a_bad_line_is_named_with_why() {
        let error = |text: &str| Curation::parse(text).unwrap_err();
        assert_eq!(
            error("suppress Greens\nmerge Khamenei\n"),
            (2, "`merge` needs `NAME = NAME`".to_owned())
        );
        assert_eq!(
            error("forget Greens"),
            (
                1,
                "unknown rule `forget`: a line starts with merge, rename, suppress or country"
                    .to_owned()
            )
        );
        assert_eq!(error("merge A = a"), (1, "`A` is merged into itself".to_owned()));
        assert_eq!(
            error("suppress Greens\n\nmerge greens = Green Party"),
            (3, "a second rule for this name (line 1)".to_owned())
        );
        assert_eq!(
            error("country Farouk = Atlantis"),
            (1, "`Atlantis` is not a country newsdex knows".to_owned())
        );
        assert_eq!(
            error("merge  = B"),
            (1, "`merge` needs a name on both sides of `=`".to_owned())
        );
        assert_eq!(
            error("merge A = B\nmerge B = A"),
            (1, "merges and renames from `a` go round in a loop".to_owned())
        );
    }

    #[test]
    fn the_file_sits_beside_the_index() {
        assert_eq!(
            Curation::beside(Path::new("/data/newsdex/index")),
            Path::new("/data/newsdex/index.curation.txt")
        );
    }
}
