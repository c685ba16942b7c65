//! Timing searches in-process, the engine opened once: what `newsdex bench` reports.
//!
//! A timed search is the whole of [`Engine::search`]: parsing, filters, facets, hits and
//! snippets, not printing. Warm-up runs come first and are not timed (they fault the
//! index's pages in), and the figures are percentiles of the timed runs, because one slow
//! run on a busy machine says nothing about the search.

use std::time::{Duration, Instant};

use serde::Serialize;

use super::{Engine, SearchRequest};
use crate::error::Result;

/// Warm-up runs per search, not timed.
pub const WARM_UP: usize = 3;

/// The timings of one search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timing {
    /// The search as the user wrote it.
    pub search: String,
    /// Matching articles.
    pub hits: usize,
    /// Timed runs.
    pub runs: usize,
    /// Median, in milliseconds.
    pub p50_ms: f64,
    /// 99th percentile, in milliseconds.
    pub p99_ms: f64,
    /// Fastest run, in milliseconds.
    pub min_ms: f64,
    /// Mean, in milliseconds.
    pub mean_ms: f64,
}

/// Runs `request` [`WARM_UP`] times, then `runs` times (at least once) timed.
pub fn time_search(
    engine: &dyn Engine,
    label: &str,
    request: &SearchRequest,
    runs: usize,
) -> Result<Timing> {
    let runs = runs.max(1);
    let mut samples = Vec::with_capacity(runs);
    let mut hits = 0;
    for run in 0..WARM_UP + runs {
        let started = Instant::now();
        hits = engine.search(request)?.total;
        if run >= WARM_UP {
            samples.push(started.elapsed());
        }
    }
    Ok(summarise(label, hits, samples))
}

/// Percentiles of `samples` (not empty).
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
    fn percentiles_come_from_the_sorted_samples() {
        let samples = (1..=100).rev().map(Duration::from_millis).collect();
        let t = summarise("q", 5, samples);
        assert_eq!((t.p50_ms.round(), t.p99_ms.round(), t.min_ms.round()), (51.0, 99.0, 1.0));
    }
}
