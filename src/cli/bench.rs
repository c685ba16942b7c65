//! `newsdex bench`: in-process search latency, the index opened once.
//!
//! Each line of the queries file is parsed exactly as `newsdex search` arguments, so a
//! benchmarked search is the search a user runs. Times cover parsing, filtering, facets,
//! hits and snippets, not printing.

use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use clap::Parser;
use serde::Serialize;

use super::args::{BenchArgs, Cli, Command, Format};
use super::search_request;
use crate::exit::Exit;
use crate::index::NewsIndex;
use crate::search;

/// Warm-up runs per search, not timed (they fault the index's pages in).
const WARM_UP: usize = 3;

#[derive(Debug, Serialize)]
struct Timing {
    search: String,
    hits: usize,
    runs: usize,
    p50_ms: f64,
    p99_ms: f64,
    min_ms: f64,
    mean_ms: f64,
}

/// Runs the benchmark.
pub fn run(index_path: &Path, args: &BenchArgs) -> Result<Exit> {
    let news = NewsIndex::open(index_path)?;
    let reader = news.reader()?;
    let searcher = reader.searcher();
    let text = std::fs::read_to_string(&args.queries)
        .with_context(|| format!("cannot read {}", args.queries.display()))?;
    let mut timings = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let request = parse_line(line)
            .with_context(|| format!("{}:{}", args.queries.display(), number + 1))?;
        let mut samples = Vec::with_capacity(args.runs);
        let mut hits = 0;
        for run in 0..WARM_UP + args.runs.max(1) {
            let started = Instant::now();
            let results = search::search_with(&news, &searcher, &request)?;
            let took = started.elapsed();
            hits = results.total;
            if run >= WARM_UP {
                samples.push(took);
            }
        }
        timings.push(summarise(line, hits, samples));
    }
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &timings)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(out, "{:>9} {:>9} {:>9} {:>9}  search", "p50 ms", "p99 ms", "min ms", "hits")?;
            for t in &timings {
                writeln!(
                    out,
                    "{:>9.3} {:>9.3} {:>9.3} {:>9}  {}",
                    t.p50_ms, t.p99_ms, t.min_ms, t.hits, t.search
                )?;
            }
        }
    }
    Ok(Exit::Success)
}

fn parse_line(line: &str) -> Result<search::SearchRequest> {
    let words = shlex::split(line).context("unbalanced quotes")?;
    let cli =
        Cli::try_parse_from(["newsdex", "search"].into_iter().map(str::to_owned).chain(words))
            .map_err(|e| anyhow::anyhow!("{}", e.to_string().lines().next().unwrap_or_default()))?;
    match cli.command {
        Command::Search(args) => search_request(*args),
        _ => anyhow::bail!("not a search"),
    }
}

fn summarise(search: &str, hits: usize, mut samples: Vec<Duration>) -> Timing {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    let total: Duration = samples.iter().sum();
    Timing {
        search: search.to_owned(),
        hits,
        runs: samples.len(),
        p50_ms: at(0.5),
        p99_ms: at(0.99),
        min_ms: ms(samples[0]),
        mean_ms: ms(total) / samples.len() as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_as_search_arguments() {
        let request =
            parse_line("'\"interest rates\"' --country Iran --facets country,year").unwrap();
        assert_eq!(request.query, "\"interest rates\"");
        assert_eq!(request.filters.country, ["Iran"]);
        assert_eq!(request.facets.len(), 2);
        assert!(parse_line("oil --colour red").is_err());
    }

    #[test]
    fn percentiles_come_from_the_sorted_samples() {
        let samples = (1..=100).rev().map(Duration::from_millis).collect();
        let t = summarise("q", 5, samples);
        assert_eq!((t.p50_ms.round(), t.p99_ms.round(), t.min_ms.round()), (51.0, 99.0, 1.0));
    }
}
