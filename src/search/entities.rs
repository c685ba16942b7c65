//! What an archive holds of one kind of entity: every person, official, place, country
//! or agency the matching articles name, with the articles of each, the first and last
//! day it is named, the names it goes by, and, for officials, the roles they held and
//! when. This is what a user reads to see who is in the archive and to write the
//! curation file, and what answers "who was Iran's foreign minister, and when?".
//!
//! One pass over the matching articles counts, per value, its articles and its first and
//! last dates from fast fields, with people grouped as [`Identity`] and the curation file
//! say (a person named two ways in one article counts once). Roles are the one thing
//! stored only in the documents: they are read for the officials listed (or, with a role
//! to match, for every official of the matching articles), so their cost is that of the
//! articles read, and the listing's is that of a facet count.
//!
//! When the filters name entities of the kind listed (`--official Nakasone`), the
//! listing is of those, not of everyone named beside them.
//!
//! What it does not own: building the query from the request (`local`), output.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::{DateTime, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::fastfield::FacetReader;
use tantivy::query::Query;
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyError};

use super::curation::Curation;
use super::facets::{groups, NOT_COUNTED};
use super::filter;
use super::identity::{name_parts, Identity, People};
use super::request::{FacetField, Filters};
use crate::error::{Error, Result};
use crate::extract::entities::canonical_country;
use crate::extract::Official;
use crate::index::document::facet_leaf;
use crate::index::{NewsSchema, StoredDocs};

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
    let collector = EntityCounter {
        field: schema.name(schema.facet(kind)),
        date_field: schema.name(schema.date),
        identity: identity.clone(),
        keep_docs: kind == FacetField::Official,
    };
    let (articles, counted) = searcher.search(query, &collector)?;
    let mut entities: Vec<(Entity, Vec<DocAddress>)> = counted
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
            let entity =
                Entity { name, span: counted.span, variants, ambiguous, roles: Vec::new() };
            (entity, counted.docs)
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
        entities.retain(|(entity, _)| wanted.contains(&entity.name));
    }
    let docs = StoredDocs::new(searcher);
    let curation = people.curation();
    if let Some(role) = &request.role {
        let countries: Vec<&str> = request
            .filters
            .country
            .iter()
            .map(|c| canonical_country(c).unwrap_or(c.as_str()))
            .collect();
        let wanted = RoleMatch { words: name_parts(role), countries };
        for (entity, addresses) in &mut entities {
            let people = (identity.as_deref(), curation);
            (entity.roles, entity.span) =
                roles(&docs, schema, people, entity, addresses, Some(&wanted))?;
        }
        entities.retain(|(entity, _)| !entity.roles.is_empty());
    }
    let total = entities.len();
    sort(&mut entities, request.sort);
    if request.limit > 0 {
        entities.truncate(request.limit);
    }
    if kind == FacetField::Official && request.role.is_none() {
        for (entity, addresses) in &mut entities {
            let people = (identity.as_deref(), curation);
            entity.roles = roles(&docs, schema, people, entity, addresses, None)?.0;
        }
    }
    let entities = entities.into_iter().map(|(entity, _)| entity).collect();
    Ok(EntityListing { kind, articles, total, entities, notes })
}

fn sort(entities: &mut [(Entity, Vec<DocAddress>)], sort: EntitySort) {
    let by_name = |a: &Entity, b: &Entity| a.name.cmp(&b.name);
    let first = |e: &Entity| e.span.dates.map(|(first, _)| first);
    let last = |e: &Entity| e.span.dates.map(|(_, last)| last);
    entities.sort_by(|(a, _), (b, _)| match sort {
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
struct RoleMatch<'a> {
    words: Vec<String>,
    countries: Vec<&'a str>,
}

impl RoleMatch<'_> {
    fn matches(&self, role: &Option<String>, country: &Option<String>) -> bool {
        let words = role.as_deref().map(name_parts).unwrap_or_default();
        let country = country.as_deref();
        self.words.iter().all(|w| words.contains(w))
            && (self.countries.is_empty() || country.is_some_and(|c| self.countries.contains(&c)))
    }
}

/// The roles an official is named with in the articles at `addresses`, most articles
/// first, and the span of the articles that name one; with `wanted`, only the roles it
/// matches.
fn roles(
    docs: &StoredDocs,
    schema: &NewsSchema,
    people: (Option<&Identity>, &Curation),
    entity: &Entity,
    addresses: &[DocAddress],
    wanted: Option<&RoleMatch>,
) -> Result<(Vec<Role>, Span)> {
    let (identity, curation) = people;
    let mut roles: BTreeMap<(Option<String>, Option<String>), Span> = BTreeMap::new();
    let mut named = Span::default();
    let mut seen = Vec::new();
    for &address in addresses {
        let article = docs.article(schema, address)?;
        seen.clear();
        for Official { name, role, country } in article.officials {
            let person = identity.map_or(name.as_str(), |identity| identity.canonical(&name));
            if person != entity.name {
                continue;
            }
            let country = curation.country(person).map(str::to_owned).or(country);
            let key = (role, country);
            // One article naming the same role twice counts once.
            if seen.contains(&key) || wanted.is_some_and(|w| !w.matches(&key.0, &key.1)) {
                continue;
            }
            seen.push(key.clone());
            add(roles.entry(key).or_default(), article.date);
        }
        if !seen.is_empty() {
            add(&mut named, article.date);
        }
    }
    let mut roles: Vec<Role> =
        roles.into_iter().map(|((role, country), span)| Role { role, country, span }).collect();
    roles.sort_by(|a, b| {
        b.span.articles.cmp(&a.span.articles).then_with(|| a.span.dates.cmp(&b.span.dates))
    });
    Ok((roles, named))
}

/// Counts one article, of `date`, into a span.
fn add(span: &mut Span, date: Option<NaiveDate>) {
    span.articles += 1;
    if let Some(day) = date {
        span.dates = Some(match span.dates {
            Some((first, last)) => (first.min(day), last.max(day)),
            None => (day, day),
        });
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

/// One entity as counted over the segments.
#[derive(Debug, Default)]
struct Counted {
    span: Span,
    variants: BTreeMap<String, u64>,
    docs: Vec<DocAddress>,
}

/// Counts the entities of one facet field over the matching articles: the number of
/// articles, and the articles themselves when their roles may be read.
struct EntityCounter<'a> {
    field: &'a str,
    date_field: &'a str,
    identity: Option<Arc<Identity>>,
    keep_docs: bool,
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
    /// The group's articles, when kept.
    docs: Vec<DocId>,
}

struct EntitySegment {
    segment: SegmentOrdinal,
    facets: FacetReader,
    dates: Column<tantivy::DateTime>,
    groups: Option<Vec<u64>>,
    identity: Option<Arc<Identity>>,
    keep_docs: bool,
    tallies: Vec<Tally>,
    articles: usize,
    seen: Vec<u64>,
}

impl Collector for EntityCounter<'_> {
    type Fruit = (usize, BTreeMap<String, Counted>);
    type Child = EntitySegment;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<EntitySegment> {
        let facets = segment.facet_reader(self.field)?;
        // A slot per value, and a damaged dictionary can claim any number of them: see
        // `facets`, which refuses the same.
        if facets.num_facets() > tantivy::HasLen::len(&facets.facet_dict().sstable_slice) {
            return Err(TantivyError::DataCorruption(
                tantivy::error::DataCorruption::comment_only(format!(
                    "the {} facet dictionary counts more values than it has bytes",
                    self.field
                )),
            ));
        }
        let groups = match &self.identity {
            Some(identity) => Some(groups(&facets, identity)?),
            None => None,
        };
        Ok(EntitySegment {
            segment: segment_ord,
            tallies: vec![Tally::default(); facets.num_facets()],
            facets,
            dates: segment.fast_fields().date(self.date_field)?,
            groups,
            identity: self.identity.clone(),
            keep_docs: self.keep_docs,
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
                into.docs.extend(counted.docs);
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
            if let Some(day) = day {
                tally.group_days = Some(match tally.group_days {
                    Some((first, last)) => (first.min(day), last.max(day)),
                    None => (day, day),
                });
            }
            if self.keep_docs {
                tally.docs.push(doc);
            }
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
                let span = Span {
                    articles: u64::from(tally.group_articles),
                    dates: tally.group_days.map(|(first, last)| (day(first), day(last))),
                };
                entry.span = sum(entry.span, span);
                let segment = self.segment;
                entry.docs.extend(tally.docs.iter().map(|&doc| DocAddress::new(segment, doc)));
            }
        }
        Ok((self.articles, counted.into_iter().collect()))
    }
}

/// The day `days` after 1970-01-01.
fn day(days: i64) -> NaiveDate {
    DateTime::from_timestamp(days.saturating_mul(86_400), 0).unwrap_or_default().date_naive()
}
