//! Human-readable output: a hit list a person can scan, and facet tables with bars.

use std::io::{self, Write};
use std::path::Path;

use super::escape::{inert, Layout};
use super::Style;
use crate::extract::{Article, Official};
use crate::index::watches::Watch;
use crate::index::CheckReport;
use crate::ingest::IndexSummary;
use crate::search::bench::Timing;
use crate::search::entities::EntityListing;
use crate::search::summary::QuerySummary;
use crate::search::timeline::Period;
use crate::search::{
    Copies, FacetResult, FacetValue, Hit, IndexStats, Marks, SearchRequest, SearchResults,
    StoryListing,
};

/// Writes search results for a person.
pub fn write_search(
    out: &mut dyn Write,
    style: Style,
    request: &SearchRequest,
    results: &SearchResults,
) -> io::Result<()> {
    let shown = results.hits.len();
    let first = request.offset + usize::from(shown > 0);
    let range =
        if shown > 0 { format!("{first}–{} of ", request.offset + shown) } else { String::new() };
    let articles =
        format!("{} {}", results.total, if results.total == 1 { "article" } else { "articles" });
    let counted = match results.stories {
        Some(stories) => {
            format!("{stories} {} ({articles})", if stories == 1 { "story" } else { "stories" })
        }
        None => articles,
    };
    writeln!(
        out,
        "{}",
        style.bold(&format!("{range}{counted} ({:.1} ms)", results.took.as_secs_f64() * 1000.0))
    )?;
    for hit in &results.hits {
        writeln!(out)?;
        write_hit(out, style, hit)?;
    }
    for facet in &results.facets {
        writeln!(out)?;
        write_facet(out, style, facet)?;
        // Every dated article has one year and one month: what the listed values do not
        // count, when all are listed, is the undated.
        if facet.spec.field.is_temporal() && facet.values.len() == facet.distinct {
            write_undated(out, style, results.total as u64, &facet.values)?;
        }
    }
    if request.timeline.is_some() {
        writeln!(out)?;
        write_timeline(out, style, &results.timeline)?;
        write_undated(out, style, results.total as u64, &results.timeline)?;
    }
    Ok(())
}

/// Matching articles a timeline or a time facet has no period for, since they have no
/// date; nothing when there are none.
fn write_undated<T: Counted>(
    out: &mut dyn Write,
    style: Style,
    total: u64,
    counted: &[T],
) -> io::Result<()> {
    let undated = total.saturating_sub(counted.iter().map(Counted::count).sum());
    if undated > 0 {
        writeln!(out, "  {}", style.dim(&format!("undated: {undated}")))?;
    }
    Ok(())
}

/// What holds a count of matching articles: a period, a facet value.
trait Counted {
    fn count(&self) -> u64;
}

impl Counted for Period {
    fn count(&self) -> u64 {
        self.count
    }
}

impl Counted for FacetValue {
    fn count(&self) -> u64 {
        self.count
    }
}

/// Writes a timeline: one line per period with its count and a bar.
pub fn write_timeline(out: &mut dyn Write, style: Style, periods: &[Period]) -> io::Result<()> {
    writeln!(out, "{}", style.bold(&format!("timeline ({} periods)", periods.len())))?;
    let max = periods.iter().map(|p| p.count).max().unwrap_or(1).max(1);
    let width = periods.iter().map(|p| p.label.len()).max().unwrap_or(0);
    for period in periods {
        let bar = "█".repeat(((period.count as f64 / max as f64) * 40.0).ceil() as usize);
        writeln!(out, "  {:<width$}  {:>6}  {}", period.label, period.count, style.cyan(&bar))?;
    }
    Ok(())
}

/// Writes one article in full: every field, then the body.
pub fn write_article(
    out: &mut dyn Write,
    style: Style,
    article: &Article,
    marks: &Marks,
) -> io::Result<()> {
    writeln!(out, "{}", style.bold(&style.highlight(&article.title, &marks.title)))?;
    let date = match (article.date, article.date_source) {
        (Some(date), Some(source)) => format!("{date} (from {})", source.name()),
        (Some(date), None) => date.to_string(),
        _ => "none".to_owned(),
    };
    let officials: Vec<String> = article.officials.iter().map(describe_official).collect();
    let fields = [
        ("id", article.id.clone()),
        ("story", article.story.clone().unwrap_or_default()),
        ("path", location(&article.path, article.line)),
        ("date", date),
        ("agency", article.agency.clone().unwrap_or_default()),
        ("news id", article.news_id.clone().unwrap_or_default()),
        ("url", article.url.clone().unwrap_or_default()),
        ("countries", article.countries.join(", ")),
        ("places", article.place_names().collect::<Vec<_>>().join(", ")),
        ("officials", officials.join("; ")),
        ("people", article.people.join(", ")),
    ];
    for (name, value) in fields {
        if !value.is_empty() {
            writeln!(
                out,
                "{} {}",
                style.dim(&format!("{name:>10}:")),
                inert(&value, Layout::Line)
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", style.highlight_block(&article.body, &marks.body))
}

/// Writes one hit for a person: date, agency, title, countries, officials, snippet, where.
pub fn write_hit(out: &mut dyn Write, style: Style, hit: &Hit) -> io::Result<()> {
    let a = &hit.article;
    let date = a.date.map_or_else(|| "undated   ".to_owned(), |d| d.to_string());
    let agency = a.agency.as_deref().unwrap_or("-");
    let (agency, title) = (inert(agency, Layout::Line), inert(&a.title, Layout::Line));
    writeln!(out, "{}  {}  {}", style.dim(&date), style.cyan(&agency), style.bold(&title))?;
    if !a.countries.is_empty() {
        writeln!(out, "  countries: {}", inert(&a.countries.join(", "), Layout::Line))?;
    }
    if !a.officials.is_empty() {
        let officials: Vec<String> = a.officials.iter().map(describe_official).collect();
        writeln!(out, "  officials: {}", inert(&officials.join("; "), Layout::Line))?;
    }
    if !hit.snippet.text.is_empty() {
        writeln!(out, "  {}", style.highlight(&hit.snippet.text, &hit.snippet.highlights))?;
    }
    if let Some(copies) = hit.copies.as_ref().filter(|c| c.count > 0) {
        writeln!(out, "  {}", style.cyan(&inert(&describe_copies(copies), Layout::Line)))?;
    }
    let place = format!("{}  id {}", location(&a.path, a.line), a.id);
    writeln!(out, "  {}", style.dim(&inert(&place, Layout::Line)))
}

/// `+13 copies: AP, Reuters, …; 1987-02-26 – 1987-02-28`.
fn describe_copies(copies: &Copies) -> String {
    let noun = if copies.count == 1 { "copy" } else { "copies" };
    let mut line = format!("+{} {noun}", copies.count);
    if !copies.outlets.is_empty() {
        line.push_str(&format!(": {}", copies.outlets.join(", ")));
    }
    if let Some((first, last)) = copies.span {
        line.push_str(&if first == last {
            format!("; {first}")
        } else {
            format!("; {first} – {last}")
        });
    }
    line
}

/// Writes every copy of a story: the lead first, then each copy with its outlet,
/// agency, date and what it adds to or lacks of the lead.
pub fn write_story(out: &mut dyn Write, style: Style, listing: &StoryListing) -> io::Result<()> {
    let n = listing.copies.len();
    writeln!(
        out,
        "{}",
        style.bold(&format!(
            "story {}: {n} {}",
            listing.id,
            if n == 1 { "copy" } else { "copies" }
        ))
    )?;
    for (i, copy) in listing.copies.iter().enumerate() {
        let a = &copy.article;
        let date = a.date.map_or_else(|| "undated   ".to_owned(), |d| d.to_string());
        let outlet = copy.outlet.as_deref().unwrap_or("-");
        writeln!(out)?;
        let (outlet, title) = (inert(outlet, Layout::Line), inert(&a.title, Layout::Line));
        writeln!(out, "{}  {}  {}", style.dim(&date), style.cyan(&outlet), style.bold(&title))?;
        let difference = if i == 0 {
            "lead".to_owned()
        } else {
            let d = copy.difference;
            match (d.adds, d.lacks) {
                (0, 0) => "same text".to_owned(),
                (adds, 0) => format!("adds {adds} {}", paragraphs(adds)),
                (0, lacks) => format!("lacks {lacks} {}", paragraphs(lacks)),
                (adds, lacks) => {
                    format!("adds {adds} {}, lacks {lacks}", paragraphs(adds))
                }
            }
        };
        let agency = a.agency.as_deref().map(|a| format!("agency {a}; ")).unwrap_or_default();
        writeln!(out, "  {}{difference}", inert(&agency, Layout::Line))?;
        writeln!(out, "  {}", style.dim(&format!("{}  id {}", location(&a.path, a.line), a.id)))?;
    }
    Ok(())
}

fn paragraphs(n: usize) -> &'static str {
    if n == 1 {
        "paragraph"
    } else {
        "paragraphs"
    }
}

/// Where an article is, for a person: relative to the current folder when it lies under
/// it (JSON output keeps the absolute path), with the line for JSON Lines files.
fn location(path: &str, line: Option<u64>) -> String {
    let shown = std::env::current_dir()
        .ok()
        .and_then(|cwd| {
            std::path::Path::new(path).strip_prefix(cwd).ok().map(|p| p.display().to_string())
        })
        .unwrap_or_else(|| path.to_owned());
    match line {
        Some(line) => format!("{shown}:{line}"),
        None => shown,
    }
}

/// "Sergei Shoigu (Defense Minister, Russia)".
pub fn describe_official(official: &Official) -> String {
    let details: Vec<&str> =
        [official.role.as_deref(), official.country.as_deref()].into_iter().flatten().collect();
    if details.is_empty() {
        official.name.clone()
    } else {
        format!("{} ({})", official.name, details.join(", "))
    }
}

/// Writes one facet table: value, count and a bar scaled to the largest count.
pub fn write_facet(out: &mut dyn Write, style: Style, facet: &FacetResult) -> io::Result<()> {
    let shown = facet.values.len();
    let header = if shown < facet.distinct {
        format!("{} (top {shown} of {} values)", facet.spec.label(), facet.distinct)
    } else {
        format!("{} ({} values)", facet.spec.label(), facet.distinct)
    };
    writeln!(out, "{}", style.bold(&inert(&header, Layout::Line)))?;
    let names: Vec<_> = facet.values.iter().map(|v| inert(&v.value, Layout::Line)).collect();
    let width = names.iter().map(|name| name.chars().count()).max().unwrap_or(0).min(40);
    let max = facet.values.iter().map(|v| v.count).max().unwrap_or(1).max(1);
    for (value, name) in facet.values.iter().zip(&names) {
        let bar_len = ((value.count as f64 / max as f64) * 30.0).ceil() as usize;
        writeln!(
            out,
            "  {:<width$}  {:>6}  {}",
            name,
            value.count,
            style.cyan(&"█".repeat(bar_len.max(1))),
        )?;
    }
    Ok(())
}

/// Writes `newsdex stats` for a person.
pub fn write_stats(out: &mut dyn Write, style: Style, stats: &IndexStats) -> io::Result<()> {
    writeln!(out, "{}", style.bold(&format!("{} articles", stats.articles)))?;
    let span = match (stats.first_date, stats.last_date) {
        (Some(first), Some(last)) => format!("{first} to {last}"),
        _ => "no dates".to_owned(),
    };
    writeln!(out, "dated: {} ({span}); undated: {}", stats.dated, stats.articles - stats.dated)?;
    for facet in &stats.facets {
        writeln!(out)?;
        write_facet(out, style, facet)?;
    }
    Ok(())
}

/// `newsdex watch list`: a line per watch, its name, query, filters and how far it has
/// seen.
pub fn write_watches(out: &mut dyn Write, watches: &[Watch]) -> io::Result<()> {
    for watch in watches {
        let filters = serde_json::to_string(&watch.filters).unwrap_or_default();
        let last = watch.seen.map_or("never run".to_owned(), |seen| {
            format!("seen up to {}", seen.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
        });
        let line = format!("{}  {:?}  {filters}  {last}", watch.name, watch.query);
        writeln!(out, "{}", inert(&line, Layout::Line))?;
    }
    Ok(())
}

/// Writes the timings of `newsdex bench`, one search per line.
pub fn write_timings(out: &mut dyn Write, timings: &[Timing]) -> io::Result<()> {
    writeln!(out, "{:>9} {:>9} {:>9} {:>9}  search", "p50 ms", "p99 ms", "min ms", "hits")?;
    for t in timings {
        writeln!(
            out,
            "{:>9.3} {:>9.3} {:>9.3} {:>9}  {}",
            t.p50_ms,
            t.p99_ms,
            t.min_ms,
            t.hits,
            inert(&t.search, Layout::Line)
        )?;
    }
    Ok(())
}

/// The summary line(s) of an indexing run.
pub fn describe_summary(summary: &IndexSummary, index: &Path) -> String {
    let secs = summary.elapsed.as_secs_f64();
    let mut text = format!(
        "{} added, {} updated, {} unchanged, {} removed files: {} articles written in {:.1} s ({:.0} articles/s) to {}",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.removed,
        summary.articles,
        secs,
        summary.articles as f64 / secs.max(1e-9),
        inert(&index.display().to_string(), Layout::Line)
    );
    if summary.problems() > 0 {
        let reasons: Vec<String> =
            summary.skipped.iter().map(|(reason, n)| format!("{reason} {n}")).collect();
        let skipped: u64 = summary.skipped.values().sum();
        text.push_str(&format!("\nskipped {skipped}"));
        if !reasons.is_empty() {
            text.push_str(&format!(" ({})", reasons.join(", ")));
        }
        text.push_str(&format!(", failed {}: see the warnings above", summary.failed));
    }
    text
}

/// Values with their counts, "Iran (3), Iraq (1)"; "-" for none.
pub fn counted(values: &[FacetValue], separator: &str) -> String {
    if values.is_empty() {
        return "-".to_owned();
    }
    values.iter().map(|v| format!("{} ({})", v.value, v.count)).collect::<Vec<_>>().join(separator)
}

/// Writes the table of `newsdex batch`: one line per query with its hits and dates,
/// then its top countries, officials and agencies on their own lines.
pub fn write_batch(out: &mut dyn Write, style: Style, rows: &[QuerySummary]) -> io::Result<()> {
    let width = rows.iter().map(|r| r.query.chars().count()).max().unwrap_or(0).clamp(5, 40);
    let hits = rows.iter().map(|r| r.hits.to_string().len()).max().unwrap_or(0).max(4);
    let header = format!("{:<width$}  {:>hits$}  {:<10}  {:<10}", "query", "hits", "first", "last");
    writeln!(out, "{}", style.bold(header.trim_end()))?;
    for row in rows {
        let date =
            |d: Option<chrono::NaiveDate>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
        let shown = inert(&row.query, Layout::Line);
        let query: String = if shown.chars().count() > width {
            shown.chars().take(width - 1).chain(['…']).collect()
        } else {
            shown.into_owned()
        };
        writeln!(
            out,
            "{query:<width$}  {:>hits$}  {:<10}  {}",
            row.hits,
            date(row.first_date),
            date(row.last_date)
        )?;
        if row.hits == 0 {
            continue;
        }
        for (name, values) in [
            ("countries", &row.countries),
            ("officials", &row.officials),
            ("agencies", &row.agencies),
        ] {
            writeln!(
                out,
                "  {} {}",
                style.dim(&format!("{name:>9}:")),
                inert(&counted(values, ", "), Layout::Line)
            )?;
        }
    }
    Ok(())
}

/// `newsdex check`: one line saying what was read.
pub fn write_check(
    out: &mut dyn Write,
    style: Style,
    path: &Path,
    report: &CheckReport,
) -> io::Result<()> {
    let place = inert(&path.display().to_string(), Layout::Line).into_owned();
    let line = format!(
        "{place}: sound: {} articles and {} facet values in {} segments, {} source files, schema version {} (read in {:.1} s)",
        report.articles,
        report.facet_values,
        report.segments,
        report.files,
        report.schema_version,
        report.took.as_secs_f64()
    );
    writeln!(out, "{}", style.bold(&line))
}

/// `newsdex entities`: one line per entity, its names and roles under it.
pub fn write_entities(
    out: &mut dyn Write,
    style: Style,
    listing: &EntityListing,
) -> io::Result<()> {
    let kind = listing.kind.name();
    let shown = listing.entities.len();
    let of = if shown < listing.total {
        format!("{shown} of {}", listing.total)
    } else {
        shown.to_string()
    };
    let articles = listing.articles;
    writeln!(out, "{}", style.bold(&format!("{kind}: {of} in {articles} articles")))?;
    let width = listing.entities.iter().map(|e| e.name.chars().count()).max().unwrap_or(0).min(40);
    for entity in &listing.entities {
        let name = inert(&entity.name, Layout::Line);
        let pad = width.saturating_sub(entity.name.chars().count());
        writeln!(
            out,
            "  {}{}  {:>6}  {}",
            style.bold(&name),
            " ".repeat(pad),
            entity.span.articles,
            style.dim(&days(entity.span.dates))
        )?;
        if !entity.variants.is_empty() {
            let variants: Vec<String> =
                entity.variants.iter().map(|(name, n)| format!("{name} {n}")).collect();
            writeln!(out, "      as: {}", inert(&variants.join(", "), Layout::Line))?;
        }
        if !entity.ambiguous.is_empty() {
            let could = entity.ambiguous.join(", ");
            writeln!(out, "      could be: {}", inert(&could, Layout::Line))?;
        }
        for role in &entity.roles {
            let named = match (&role.role, &role.country) {
                (Some(role), Some(country)) => format!("{role}, {country}"),
                (Some(role), None) => role.clone(),
                (None, Some(country)) => format!("(no role), {country}"),
                (None, None) => "(no role)".to_owned(),
            };
            writeln!(
                out,
                "      {}  {} {}  {}",
                style.cyan(&inert(&named, Layout::Line)),
                role.span.articles,
                if role.span.articles == 1 { "article" } else { "articles" },
                style.dim(&days(role.span.dates))
            )?;
        }
    }
    Ok(())
}

/// A span of days as a person reads it: `1987-02-26 … 1987-10-19`, one day alone, or
/// `undated`.
fn days(dates: Option<(chrono::NaiveDate, chrono::NaiveDate)>) -> String {
    match dates {
        Some((first, last)) if first == last => first.to_string(),
        Some((first, last)) => format!("{first} … {last}"),
        None => "undated".to_owned(),
    }
}
