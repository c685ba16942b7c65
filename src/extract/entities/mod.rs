//! People, officials, places and countries.

use super::Official;

/// The entities of one article, canonical names, each listed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entities {
    /// Every person named.
    pub people: Vec<String>,
    /// The people with a role.
    pub officials: Vec<Official>,
    /// Every place named (countries, regions, cities).
    pub places: Vec<String>,
    /// Countries named or implied.
    pub countries: Vec<String>,
}

/// Finds the entities in an article's title and body.
pub fn extract_entities(_title: &str, _body: &str) -> Entities {
    Entities::default()
}

/// The canonical country name for a name, code, alias or demonym
/// (`"US"`, `"U.S."`, `"America"` → `"United States"`), case-insensitive.
pub fn canonical_country(_name: &str) -> Option<&'static str> {
    None
}

/// The country a canonical place name lies in (`"Tehran"` → `"Iran"`); a country is
/// its own country.
pub fn country_of_place(_place: &str) -> Option<&'static str> {
    None
}

/// The canonical name of a place from a name or alias, case-insensitive.
pub fn canonical_place(_name: &str) -> Option<&'static str> {
    None
}
