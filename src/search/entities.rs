//! What an archive holds of one kind of entity: every person, official, place, country
//! or agency the matching articles name, with the articles of each, the first and last
//! day it is named, the names it goes by, and, for officials, the roles they held and
//! when. This is what a user reads to see who is in the archive and to write the
//! curation file, and what answers "who was Iran's foreign minister, and when?".
//!
//! One pass over the matching articles counts, per value, its articles and its first and
//! last dates from fast fields, with people grouped as [`Identity`] and the curation file
//! say (a person named two ways in one article counts once). Officials' roles come from
//! the same pass, over the `official_tree` facet (person, role, country as path steps):
//! no document is read, so a listing costs what a facet count costs, however many
//! articles its officials have.
//!
//! When the filters name entities of the kind listed (`--official Nakasone`), the
//! listing is of those, not of everyone named beside them.
//!
//! What it does not own: building the query from the request (`local`), output.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use rustc_hash::FxHashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fastfield::FacetReader;
use tantivy::query::Query;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use super::curation::Curation;
use super::facets::{groups, NOT_COUNTED};
use super::filter;
use super::identity::{name_parts, Identity, People};
use super::request::{FacetField, Filters};
use crate::error::{Error, Result};
use crate::extract::entities::canonical_country;
use crate::index::document::facet_leaf;
use crate::index::NewsSchema;

/// What to list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntitiesRequest {
    /// Which articles, in the query language; empty for all.
    pub query: String,
    /// Which articles, by filters, as `search` takes them.
    pub filters: Filters,
    /// Which kind of entity: country, official, person, place or agency.
    pub kind: FacetField,
    /// Officials only: list those named with a role of these words ("Foreign Minister"),
    /// of a country among `filters.country` when that is given, with those roles alone.
    pub role: Option<String>,
    /// Order of the listing.
    pub sort: EntitySort,
    /// How many entities to list; 0 lists them all.
    pub limit: usize,
}

/// The order of a listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntitySort {
    /// Most articles first.
    Articles,
    /// By name.
    Name,
    /// Earliest first mention first.
    First,
    /// Latest last mention first.
    Last,
}

/// The articles of an entity or a role, and the span of their dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    /// Matching articles.
    pub articles: u64,
    /// The earliest and latest day of the dated ones.
    pub dates: Option<(NaiveDate, NaiveDate)>,
}

/// One entity of a listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The name, as the archive (or the curation file) spells it.
    pub name: String,
    /// Its articles and dates.
    pub span: Span,
    /// The stored names it goes by, with their articles, when there are several or the
    /// one differs from `name` (a surname linked to it, a name merged into it).
    pub variants: Vec<(String, u64)>,
    /// A surname-only name that could be any of these people, when the archive does
    /// not say which.
    pub ambiguous: Vec<String>,
    /// Officials: the roles named with them, most articles first.
    pub roles: Vec<Role>,
}

/// A role an official was named with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The role as the text gives it, if any ("Prime Minister").
    pub role: Option<String>,
    /// The country of the role: the curation file's, else the text's.
    pub country: Option<String>,
    /// Its articles and dates.
    pub span: Span,
}

/// What `newsdex entities` prints.
#[derive(Debug, Clone)]
pub struct EntityListing {
    /// The kind listed.
    pub kind: FacetField,
    /// Articles the query and filters match.
    pub articles: usize,
    /// Entities found in them (before `limit`).
    pub total: usize,
    /// The listed entities.
    pub entities: Vec<Entity>,
    /// Things the user should know (a filter value that matched nothing).
    pub notes: Vec<String>,
}

/// Lists the entities of the articles `query` matches.
pub fn list(
    searcher: &Searcher,
    schema: &NewsSchema,
    people: &People,
    query: &dyn Query,
    request: &EntitiesRequest,
    notes: Vec<String>,
) -> Result<EntityListing> {
    let kind = request.kind;
    if matches!(kind, FacetField::Year | FacetField::Month) {
        return Err(Error::invalid(format!(
            "`{}` is not a kind of entity: list country, official, person, place or agency \
             (for dates, `newsdex search --timeline`)",
            kind.name()
        )));
    }
    if request.role.is_some() && kind != FacetField::Official {
        return Err(Error::invalid("--role lists officials: use it with --kind official"));
    }
    let identity = if kind.is_people() { Some(people.of(searcher, schema, kind)?) } else { None };
    let date_field = schema.name(schema.date);
    let counter = EntityCounter {
        field: schema.name(schema.facet(kind)),
        date_field,
        identity: identity.clone(),
    };
    let wanted_role = request.role.as_ref().map(|role| RoleMatch {
        words: name_parts(role),
        countries: request
            .filters
            .country
            .iter()
            .map(|c| canonical_country(c).unwrap_or(c.as_str()).to_owned())
            .collect(),
    });
    let roles = RoleCounter {
        field: schema.name(schema.official_tree),
        date_field,
        identity: identity.clone(),
        curation: people.curation(),
        wanted: wanted_role.as_ref(),
    };
    let ((articles, counted), roles) = if kind == FacetField::Official {
        let (counted, roles) = searcher.search(query, &(counter, roles))?;
        (counted, Some(roles))
    } else {
        (searcher.search(query, &counter)?, None)
    };
    let (mut roles, named) = roles.unwrap_or_default();
    let mut entities: Vec<Entity> = counted
        .into_iter()
        .map(|(name, counted)| {
            let mut variants: Vec<(String, u64)> = counted.variants.into_iter().collect();
            variants.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            if variants.len() == 1 && variants[0].0 == name {
                variants.clear();
            }
            let ambiguous = identity
                .as_ref()
                .and_then(|identity| identity.ambiguous(&name))
                .map(<[String]>::to_vec)
                .unwrap_or_default();
            let mut held = roles.remove(&name).unwrap_or_default();
            held.sort_by(|a, b| {
                b.span.articles.cmp(&a.span.articles).then_with(|| a.span.dates.cmp(&b.span.dates))
            });
            Entity { name, span: counted.span, variants, ambiguous, roles: held }
        })
        .collect();
    // `--official Nakasone` with officials listed: Nakasone, not everyone named beside him.
    let asked = match kind {
        FacetField::Country => &request.filters.country,
        FacetField::Official => &request.filters.official,
        FacetField::Person => &request.filters.person,
        FacetField::Place => &request.filters.place,
        FacetField::Agency => &request.filters.agency,
        FacetField::Year | FacetField::Month => &Vec::new(),
    };
    if !asked.is_empty() {
        let mut wanted = Vec::new();
        for value in asked {
            for stored in filter::resolve_values(searcher, schema, people, kind, value)?.0 {
                wanted.push(match &identity {
                    Some(identity) => identity.canonical(&stored).to_owned(),
                    None => stored,
                });
            }
        }
        entities.retain(|entity| wanted.contains(&entity.name));
    }
    if wanted_role.is_some() {
        // Those who held the role, over the articles that name them in it.
        entities.retain(|entity| !entity.roles.is_empty());
        for entity in &mut entities {
            entity.span = named.get(&entity.name).copied().unwrap_or_default();
        }
    }
    let total = entities.len();
    sort(&mut entities, request.sort);
    if request.limit > 0 {
        entities.truncate(request.limit);
    }
    Ok(EntityListing { kind, articles, total, entities, notes })
}

fn sort(entities: &mut [Entity], sort: EntitySort) {
    let by_name = |a: &Entity, b: &Entity| a.name.cmp(&b.name);
    let first = |e: &Entity| e.span.dates.map(|(first, _)| first);
    let last = |e: &Entity| e.span.dates.map(|(_, last)| last);
    entities.sort_by(|a, b| match sort {
        EntitySort::Articles => b.span.articles.cmp(&a.span.articles).then_with(|| by_name(a, b)),
        EntitySort::Name => by_name(a, b),
        // Undated entities go last either way.
        EntitySort::First => match (first(a), first(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (x, y) => y.is_some().cmp(&x.is_some()),
        }
        .then_with(|| by_name(a, b)),
        EntitySort::Last => last(b).cmp(&last(a)).then_with(|| by_name(a, b)),
    });
}

/// Which roles `--role` (and `--country`) ask for: every word of the role, case and
/// accents aside, and a country among those given.
struct RoleMatch {
    words: Vec<String>,
    countries: Vec<String>,
}

impl RoleMatch {
    fn matches(&self, role: Option<&str>, country: Option<&str>) -> bool {
        let words = role.map(name_parts).unwrap_or_default();
        self.words.iter().all(|w| words.contains(w))
            && (self.countries.is_empty()
                || country.is_some_and(|c| self.countries.iter().any(|w| w == c)))
    }
}

/// Two spans of different articles as one.
fn sum(a: Span, b: Span) -> Span {
    Span {
        articles: a.articles + b.articles,
        dates: match (a.dates, b.dates) {
            (Some((x, y)), Some((z, w))) => Some((x.min(z), y.max(w))),
            (x, y) => x.or(y),
        },
    }
}

/// Counts one article, dated `day` (days since 1970), into a span of days.
fn add_day(days: &mut Option<(i64, i64)>, day: Option<i64>) {
    if let Some(day) = day {
        *days = Some(match *days {
            Some((first, last)) => (first.min(day), last.max(day)),
            None => (day, day),
        });
    }
}

/// The span of `articles` over `days`, as dates.
fn span(articles: u32, days: Option<(i64, i64)>) -> Span {
    Span { articles: u64::from(articles), dates: days.map(|(first, last)| (day(first), day(last))) }
}

/// One entity as counted over the segments.
#[derive(Debug, Default)]
struct Counted {
    span: Span,
    variants: BTreeMap<String, u64>,
}

/// Counts the entities of one facet field over the matching articles.
struct EntityCounter<'a> {
    field: &'a str,
    date_field: &'a str,
    identity: Option<Arc<Identity>>,
}

/// Per value ordinal of a segment: what its group (person) and the value itself gathered.
#[derive(Debug, Default, Clone)]
struct Tally {
    /// Articles of the group this ordinal heads.
    group_articles: u32,
    /// Days since 1970 of the group's first and last dated article.
    group_days: Option<(i64, i64)>,
    /// Articles carrying this very value.
    value_articles: u32,
}

struct EntitySegment {
    facets: FacetReader,
    dates: Column<tantivy::DateTime>,
    groups: Option<Vec<u64>>,
    identity: Option<Arc<Identity>>,
    tallies: Vec<Tally>,
    articles: usize,
    seen: Vec<u64>,
}

impl Collector for EntityCounter<'_> {
    type Fruit = (usize, BTreeMap<String, Counted>);
    type Child = EntitySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<EntitySegment> {
        let facets = sound_facets(segment, self.field)?;
        let groups = match &self.identity {
            Some(identity) => Some(groups(&facets, identity)?),
            None => None,
        };
        Ok(EntitySegment {
            tallies: vec![Tally::default(); facets.num_facets()],
            facets,
            dates: segment.fast_fields().date(self.date_field)?,
            groups,
            identity: self.identity.clone(),
            articles: 0,
            seen: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        fruits: Vec<tantivy::Result<(usize, Vec<(String, Counted)>)>>,
    ) -> tantivy::Result<Self::Fruit> {
        let mut articles = 0;
        let mut merged: BTreeMap<String, Counted> = BTreeMap::new();
        for fruit in fruits {
            let (segment_articles, counted) = fruit?;
            articles += segment_articles;
            for (name, counted) in counted {
                let into = merged.entry(name).or_default();
                into.span = sum(into.span, counted.span);
                for (variant, articles) in counted.variants {
                    *into.variants.entry(variant).or_default() += articles;
                }
            }
        }
        Ok((articles, merged))
    }
}

impl SegmentCollector for EntitySegment {
    type Fruit = tantivy::Result<(usize, Vec<(String, Counted)>)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.articles += 1;
        let day = self.dates.first(doc).map(|d| d.into_timestamp_secs().div_euclid(86_400));
        self.seen.clear();
        // A document's ordinals come sorted: a value given twice is seen twice in a row.
        let mut previous = None;
        for ord in self.facets.facet_ords(doc) {
            if previous.replace(ord) == Some(ord) {
                continue;
            }
            let group = match &self.groups {
                Some(groups) => groups.get(ord as usize).copied().unwrap_or(NOT_COUNTED),
                None => ord,
            };
            if group == NOT_COUNTED {
                continue;
            }
            if let Some(tally) = self.tallies.get_mut(ord as usize) {
                tally.value_articles += 1;
            }
            // A person named two ways in one article counts once.
            if self.seen.contains(&group) {
                continue;
            }
            self.seen.push(group);
            let Some(tally) = self.tallies.get_mut(group as usize) else { continue };
            tally.group_articles += 1;
            add_day(&mut tally.group_days, day);
        }
    }

    fn harvest(self) -> Self::Fruit {
        let named: Vec<u64> = self
            .tallies
            .iter()
            .enumerate()
            .filter(|(_, t)| t.group_articles > 0 || t.value_articles > 0)
            .map(|(ord, _)| ord as u64)
            .collect();
        let mut values = Vec::with_capacity(named.len());
        let mut corrupt = false;
        let all_found = self.facets.facet_dict().sorted_ords_to_term_cb(&named, |encoded| {
            match std::str::from_utf8(encoded) {
                Ok(encoded) => values.push(facet_leaf(encoded)),
                Err(_) => corrupt = true,
            }
        })?;
        if !all_found || corrupt || values.len() != named.len() {
            return Err(TantivyError::InternalError(
                "a facet dictionary does not match its column; re-index with `newsdex index --full`"
                    .to_owned(),
            ));
        }
        let mut counted: BTreeMap<String, Counted> = BTreeMap::new();
        for (&ord, value) in named.iter().zip(values) {
            let tally = &self.tallies[ord as usize];
            let person = match &self.identity {
                Some(identity) => identity.canonical(&value).to_owned(),
                None => value.clone(),
            };
            let entry = counted.entry(person).or_default();
            if tally.value_articles > 0 {
                *entry.variants.entry(value).or_default() += u64::from(tally.value_articles);
            }
            if tally.group_articles > 0 {
                entry.span = sum(entry.span, span(tally.group_articles, tally.group_days));
            }
        }
        Ok((self.articles, counted.into_iter().collect()))
    }
}

/// The day `days` after 1970-01-01.
fn day(days: i64) -> NaiveDate {
    DateTime::from_timestamp(days.saturating_mul(86_400), 0).unwrap_or_default().date_naive()
}

/// A segment's reader of a facet field, refused when its dictionary claims more values
/// than it has bytes: the counts take a slot per value, and a damaged file could make
/// that any number (`facets` refuses the same).
fn sound_facets(segment: &SegmentReader, field: &str) -> tantivy::Result<FacetReader> {
    let facets = segment.facet_reader(field)?;
    if facets.num_facets() > tantivy::HasLen::len(&facets.facet_dict().sstable_slice) {
        return Err(TantivyError::DataCorruption(tantivy::error::DataCorruption::comment_only(
            format!("the {field} facet dictionary counts more values than it has bytes"),
        )));
    }
    Ok(facets)
}

/// A role as counted: the official's person, the role, its country.
type RoleKey = (String, Option<String>, Option<String>);

/// Per official (by person), the roles named with them; and, with a role asked for, the
/// span of each official's articles that name them in it.
type RoleFruit = (BTreeMap<String, Vec<Role>>, BTreeMap<String, Span>);

/// Counts the roles of the officials of the matching articles from the `official_tree`
/// facet column: articles and days per (person, role, country).
struct RoleCounter<'a> {
    field: &'a str,
    date_field: &'a str,
    identity: Option<Arc<Identity>>,
    curation: &'a Curation,
    wanted: Option<&'a RoleMatch>,
}

/// [`RoleCounter`]'s work on one segment.
struct RoleSegment {
    facets: FacetReader,
    dates: Column<tantivy::DateTime>,
    /// Per ordinal: the role it counts under, if it is a whole (person, role, country).
    key_of: Vec<Option<u32>>,
    keys: Vec<RoleKey>,
    /// Per role: its articles and days.
    tallies: Vec<(u32, Option<(i64, i64)>)>,
    /// Per role: the person, as an index into `persons`, and whether `--role` wants it.
    person_of: Vec<(u32, bool)>,
    persons: Vec<String>,
    /// Per person: the articles that name them in a role asked for.
    named: Vec<(u32, Option<(i64, i64)>)>,
    seen: Vec<u32>,
    seen_persons: Vec<u32>,
}

impl Collector for RoleCounter<'_> {
    type Fruit = RoleFruit;
    type Child = RoleSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<RoleSegment> {
        let facets = sound_facets(segment, self.field)?;
        let mut key_of = Vec::with_capacity(facets.num_facets());
        let mut ids: FxHashMap<RoleKey, u32> = FxHashMap::default();
        let mut keys = Vec::new();
        let mut person_ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut persons = Vec::new();
        let mut person_of = Vec::new();
        let mut terms = facets.facet_dict().stream()?;
        while terms.advance() {
            let encoded = String::from_utf8_lossy(terms.key());
            let steps: Vec<&str> = encoded.split('\0').collect();
            let [name, role, country] = steps[..] else {
                key_of.push(None); // a person's or a role's own step
                continue;
            };
            let person = match &self.identity {
                Some(identity) if identity.is_suppressed(name) => {
                    key_of.push(None);
                    continue;
                }
                Some(identity) => identity.canonical(name).to_owned(),
                None => name.to_owned(),
            };
            let role = (!role.is_empty()).then(|| role.to_owned());
            let country = self
                .curation
                .country(&person)
                .map(str::to_owned)
                .or_else(|| (!country.is_empty()).then(|| country.to_owned()));
            let wanted = self.wanted.is_none_or(|w| w.matches(role.as_deref(), country.as_deref()));
            let key = (person, role, country);
            let id = match ids.get(&key) {
                Some(&id) => id,
                None => {
                    let id = keys.len() as u32;
                    let next = persons.len() as u32;
                    let person = *person_ids.entry(key.0.clone()).or_insert(next);
                    if person == next {
                        persons.push(key.0.clone());
                    }
                    person_of.push((person, wanted));
                    ids.insert(key.clone(), id);
                    keys.push(key);
                    id
                }
            };
            key_of.push(Some(id));
        }
        Ok(RoleSegment {
            tallies: vec![(0, None); keys.len()],
            named: vec![(0, None); persons.len()],
            facets,
            dates: segment.fast_fields().date(self.date_field)?,
            key_of,
            keys,
            person_of,
            persons,
            seen: Vec::new(),
            seen_persons: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<tantivy::Result<RoleFruit>>) -> tantivy::Result<RoleFruit> {
        let mut roles: BTreeMap<RoleKey, Span> = BTreeMap::new();
        let mut named: BTreeMap<String, Span> = BTreeMap::new();
        for fruit in fruits {
            let (segment_roles, segment_named) = fruit?;
            for (person, held) in segment_roles {
                for role in held {
                    let key = (person.clone(), role.role, role.country);
                    let into = roles.entry(key).or_default();
                    *into = sum(*into, role.span);
                }
            }
            for (person, span) in segment_named {
                let into = named.entry(person).or_default();
                *into = sum(*into, span);
            }
        }
        let mut by_person: BTreeMap<String, Vec<Role>> = BTreeMap::new();
        for ((person, role, country), span) in roles {
            by_person.entry(person).or_default().push(Role { role, country, span });
        }
        Ok((by_person, named))
    }
}

impl SegmentCollector for RoleSegment {
    type Fruit = tantivy::Result<RoleFruit>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let day = self.dates.first(doc).map(|d| d.into_timestamp_secs().div_euclid(86_400));
        self.seen.clear();
        self.seen_persons.clear();
        for ord in self.facets.facet_ords(doc) {
            let Some(Some(id)) = self.key_of.get(ord as usize).copied() else { continue };
            // One article naming the same role twice (or by two names) counts once.
            if self.seen.contains(&id) {
                continue;
            }
            self.seen.push(id);
            let (articles, days) = &mut self.tallies[id as usize];
            *articles += 1;
            add_day(days, day);
            let (person, wanted) = self.person_of[id as usize];
            if wanted && !self.seen_persons.contains(&person) {
                self.seen_persons.push(person);
                let (articles, days) = &mut self.named[person as usize];
                *articles += 1;
                add_day(days, day);
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut roles: BTreeMap<String, Vec<Role>> = BTreeMap::new();
        for (id, (person, role, country)) in self.keys.into_iter().enumerate() {
            let (articles, days) = self.tallies[id];
            let (_, wanted) = self.person_of[id];
            if articles > 0 && wanted {
                roles.entry(person).or_default().push(Role {
                    role,
                    country,
                    span: span(articles, days),
                });
            }
        }
        let named = self
            .persons
            .into_iter()
            .zip(self.named)
            .filter(|(_, (articles, _))| *articles > 0)
            .map(|(person, (articles, days))| (person, span(articles, days)))
            .collect();
        Ok((roles, named))
    }
}
