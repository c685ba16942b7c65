//! Progress on a terminal while indexing, and warnings that do not tear it.
//!
//! The line is `{bar} {status}` with the status written here rather than by indicatif's
//! template keys: its `{per_sec}` prints four decimals and its `{msg}` is empty before
//! the first file, and together they overflowed an 80-column terminal.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::{Reporter, Warning};
use crate::present::warning_line;

/// Columns of the bar, when the total is known.
const BAR_COLUMNS: usize = 20;

/// A live counter of files and articles on standard error, or nothing at all.
pub struct Progress {
    bar: Option<ProgressBar>,
    articles: AtomicU64,
}

impl Progress {
    /// Shows progress only when `visible` (a terminal, and no `--quiet`), out of `files`
    /// files when the total is known (then with an ETA).
    pub fn new(visible: bool, files: Option<u64>) -> Progress {
        let bar = visible.then(|| {
            let bar = ProgressBar::with_draw_target(files, ProgressDrawTarget::stderr());
            let template = match files {
                Some(_) => format!("{{bar:{BAR_COLUMNS}}} {{msg}}"),
                None => "{spinner} {msg}".to_owned(),
            };
            bar.set_style(
                ProgressStyle::with_template(&template)
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.set_message(status(0, files, 0, 0.0, None));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress { bar, articles: AtomicU64::new(0) }
    }

    /// Removes the progress line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Reporter for Progress {
    fn file_done(&self, _path: &Path, articles: usize) {
        if let Some(bar) = &self.bar {
            let total =
                self.articles.fetch_add(articles as u64, Ordering::Relaxed) + articles as u64;
            bar.inc(1);
            let eta = bar.length().map(|_| bar.eta());
            bar.set_message(status(bar.position(), bar.length(), total, bar.per_sec(), eta));
        }
    }

    fn warning(&self, warning: &Warning) {
        let line = warning_line(warning);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

/// The text beside the bar: "1234/5678 files, 45678 articles, 120 files/s, ETA 2m 05s",
/// at most 59 columns for counts below ten billion, so that with the bar it fits 80.
fn status(
    done: u64,
    files: Option<u64>,
    articles: u64,
    per_sec: f64,
    eta: Option<Duration>,
) -> String {
    let files = match files {
        Some(total) => format!("{}/{} files", compact(done), compact(total)),
        None => format!("{} files", compact(done)),
    };
    // Whole files a second: a fraction of one is noise at this scale.
    let rate = if per_sec.is_finite() && per_sec > 0.0 { per_sec.round() as u64 } else { 0 };
    let mut line = format!("{files}, {} articles, {} files/s", compact(articles), compact(rate));
    if let Some(eta) = eta {
        line.push_str(&format!(", ETA {}", short_duration(eta)));
    }
    line
}

/// A count in at most five characters: 9999, 12k, 3456M.
fn compact(count: u64) -> String {
    match count {
        0..10_000 => count.to_string(),
        10_000..10_000_000 => format!("{}k", count / 1_000),
        10_000_000..10_000_000_000 => format!("{}M", count / 1_000_000),
        _ => format!("{}G", count / 1_000_000_000),
    }
}

/// "45s", "2m 05s", "3h 07m", "120h": two units at most.
fn short_duration(duration: Duration) -> String {
    let secs = duration.as_secs();
    match secs {
        0..60 => format!("{secs}s"),
        60..3600 => format!("{}m {:02}s", secs / 60, secs % 60),
        3600..360_000 => format!("{}h {:02}m", secs / 3600, secs % 3600 / 60),
        _ => format!("{}h", secs / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_fits_80_columns_on_a_big_archive() {
        // Ten million files, a billion articles, a year to go.
        let line = status(
            9_999_999,
            Some(10_000_000),
            1_000_000_000,
            12_345.678,
            Some(Duration::from_secs(31_536_000)),
        );
        assert_eq!(line, "9999k/10M files, 1000M articles, 12k files/s, ETA 8760h");
        assert!(
            BAR_COLUMNS + 1 + line.chars().count() <= 80,
            "{} columns",
            BAR_COLUMNS + 1 + line.len()
        );
    }

    #[test]
    fn every_status_fits_beside_the_bar() {
        let big = [0, 9_999, 10_000, 9_999_999, 10_000_000, 9_999_999_999];
        for (done, total, articles) in
            big.iter().flat_map(|&a| big.iter().map(move |&b| (a, b, a.max(b))))
        {
            let line =
                status(done, Some(total), articles, 99_999.0, Some(Duration::from_secs(359_999)));
            assert!(BAR_COLUMNS + 1 + line.chars().count() <= 80, "{line}");
        }
    }

    #[test]
    fn the_first_line_has_no_empty_fields() {
        assert_eq!(status(0, Some(40), 0, 0.0, None), "0/40 files, 0 articles, 0 files/s");
        assert_eq!(status(3, None, 7, f64::NAN, None), "3 files, 7 articles, 0 files/s");
    }

    #[test]
    fn times_are_two_units_at_most() {
        assert_eq!(short_duration(Duration::from_secs(45)), "45s");
        assert_eq!(short_duration(Duration::from_secs(125)), "2m 05s");
        assert_eq!(short_duration(Duration::from_secs(3 * 3600 + 7 * 60 + 9)), "3h 07m");
        assert_eq!(short_duration(Duration::from_secs(u64::MAX)), "5124095576030431h");
    }
}
