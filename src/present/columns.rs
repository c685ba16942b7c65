//! The columns of a hit or an article in CSV and JSON Lines output, which `--fields`
//! chooses: one name per field, one way to write each as a cell and as a JSON value.
//!
//! This module owns the column names and their order; it does not decide which columns
//! a command prints by default beyond the two lists here (a search hit, an article).

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::text::describe_official;
use crate::search::Hit;

/// One column of hit or article output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// Stable article id.
    Id,
    /// Publication date.
    Date,
    /// Where the date came from.
    DateSource,
    /// Canonical agency.
    Agency,
    /// The agency's own article id.
    NewsId,
    /// Headline.
    Title,
    /// The article's URL.
    Url,
    /// Countries.
    Countries,
    /// Officials, with role and country.
    Officials,
    /// People.
    People,
    /// Places.
    Places,
    /// Source file.
    Path,
    /// Line of a JSON Lines file.
    Line,
    /// Relevance score.
    Score,
    /// Best passage.
    Snippet,
    /// The whole text.
    Body,
    /// The story the article is a copy of (its earliest article's id).
    Story,
    /// When the article was written to the index.
    Added,
}

impl Column {
    /// Every column, in the order `--fields all` lists them.
    pub const ALL: [Column; 18] = [
        Column::Id,
        Column::Date,
        Column::DateSource,
        Column::Agency,
        Column::NewsId,
        Column::Title,
        Column::Url,
        Column::Countries,
        Column::Officials,
        Column::People,
        Column::Places,
        Column::Path,
        Column::Line,
        Column::Score,
        Column::Snippet,
        Column::Body,
        Column::Story,
        Column::Added,
    ];

    /// The columns of a search hit in CSV when `--fields` is not given: the first twelve
    /// as they always were, the later ones after them so existing sheets keep their
    /// column positions.
    pub const HIT_CSV: [Column; 17] = [
        Column::Id,
        Column::Date,
        Column::Agency,
        Column::Title,
        Column::Countries,
        Column::Officials,
        Column::People,
        Column::Places,
        Column::Path,
        Column::Line,
        Column::Score,
        Column::Snippet,
        Column::Url,
        Column::NewsId,
        Column::DateSource,
        Column::Story,
        Column::Added,
    ];

    /// The columns of a whole article (`export`): the fields of the article JSON shape,
    /// in its order.
    pub const ARTICLE: [Column; 16] = [
        Column::Id,
        Column::Path,
        Column::Line,
        Column::Title,
        Column::Date,
        Column::DateSource,
        Column::Agency,
        Column::NewsId,
        Column::Url,
        Column::People,
        Column::Officials,
        Column::Places,
        Column::Countries,
        Column::Body,
        Column::Story,
        Column::Added,
    ];

    /// The name of the column, as `--fields` takes it and as headers and keys show it.
    pub fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Date => "date",
            Column::DateSource => "date_source",
            Column::Agency => "agency",
            Column::NewsId => "news_id",
            Column::Title => "title",
            Column::Url => "url",
            Column::Countries => "countries",
            Column::Officials => "officials",
            Column::People => "people",
            Column::Places => "places",
            Column::Path => "path",
            Column::Line => "line",
            Column::Score => "score",
            Column::Snippet => "snippet",
            Column::Body => "body",
            Column::Story => "story",
            Column::Added => "added",
        }
    }

    /// Parses one `--fields` value: a column name, or `all`.
    pub fn parse_list(text: &str) -> Result<Vec<Column>, String> {
        let name = text.trim();
        if name == "all" {
            return Ok(Column::ALL.to_vec());
        }
        Column::ALL.into_iter().find(|c| c.name() == name).map(|c| vec![c]).ok_or_else(|| {
            let known: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
            format!("unknown field `{name}`; fields: {}, or all", known.join(", "))
        })
    }

    /// The cell of this column for a CSV row: lists joined with "; ", line breaks of a
    /// snippet folded, a missing value empty.
    pub fn cell(self, hit: &Hit) -> String {
        let a = &hit.article;
        let optional = |value: &Option<String>| value.clone().unwrap_or_default();
        match self {
            Column::Id => a.id.clone(),
            Column::Date => a.date.map(|d| d.to_string()).unwrap_or_default(),
            Column::DateSource => a.date_source.map(|s| s.name().to_owned()).unwrap_or_default(),
            Column::Agency => optional(&a.agency),
            Column::NewsId => optional(&a.news_id),
            Column::Title => a.title.clone(),
            Column::Url => optional(&a.url),
            Column::Countries => a.countries.join("; "),
            Column::Officials => {
                a.officials.iter().map(describe_official).collect::<Vec<_>>().join("; ")
            }
            Column::People => a.people.join("; "),
            Column::Places => a.place_names().collect::<Vec<_>>().join("; "),
            Column::Path => a.path.clone(),
            Column::Line => a.line.map(|l| l.to_string()).unwrap_or_default(),
            Column::Score => format!("{:.4}", hit.score),
            Column::Snippet => hit.snippet.text.replace('\n', " "),
            Column::Body => a.body.clone(),
            Column::Story => optional(&a.story),
            Column::Added => a
                .added
                .map(|added| added.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
                .unwrap_or_default(),
        }
    }
}

/// A hit as one JSON object holding the chosen columns, in their order: what a line of
/// `--format jsonl --fields …` is.
pub struct Row<'a> {
    /// The hit.
    pub hit: &'a Hit,
    /// The columns, in order.
    pub columns: &'a [Column],
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (hit, a) = (self.hit, &self.hit.article);
        let mut map = serializer.serialize_map(Some(self.columns.len()))?;
        for &column in self.columns {
            let key = column.name();
            match column {
                Column::Id => map.serialize_entry(key, &a.id)?,
                Column::Date => map.serialize_entry(key, &a.date)?,
                Column::DateSource => map.serialize_entry(key, &a.date_source)?,
                Column::Agency => map.serialize_entry(key, &a.agency)?,
                Column::NewsId => map.serialize_entry(key, &a.news_id)?,
                Column::Title => map.serialize_entry(key, &a.title)?,
                Column::Url => map.serialize_entry(key, &a.url)?,
                Column::Countries => map.serialize_entry(key, &a.countries)?,
                Column::Officials => map.serialize_entry(key, &a.officials)?,
                Column::People => map.serialize_entry(key, &a.people)?,
                Column::Places => map.serialize_entry(key, &a.places)?,
                Column::Path => map.serialize_entry(key, &a.path)?,
                Column::Line => map.serialize_entry(key, &a.line)?,
                Column::Score => map.serialize_entry(key, &hit.score)?,
                Column::Snippet => {
                    map.serialize_entry(key, &super::json::SnippetJson::from(&hit.snippet))?
                }
                Column::Body => map.serialize_entry(key, &a.body)?,
                Column::Story => map.serialize_entry(key, &a.story)?,
                Column::Added => map.serialize_entry(key, &a.added)?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_parse_by_name_or_all() {
        assert_eq!(Column::parse_list("news_id"), Ok(vec![Column::NewsId]));
        assert_eq!(Column::parse_list("all").map(|c| c.len()), Ok(Column::ALL.len()));
        let err = Column::parse_list("colour").unwrap_err();
        assert!(err.starts_with("unknown field `colour`; fields: id, date,"), "{err}");
    }

    #[test]
    fn every_column_has_its_own_name() {
        let mut names: Vec<&str> = Column::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Column::ALL.len());
    }
}
