//! Progress on a terminal while indexing, and warnings that do not tear it.

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::ingest::{Reporter, Warning};
use crate::present::warning_line;

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
                Some(_) => "{bar:30} {pos}/{len} files, {msg}, {per_sec}, ETA {eta}",
                None => "{spinner} {pos} files, {msg} [{elapsed}] {per_sec}",
            };
            bar.set_style(
                ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
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
            bar.set_message(format!("{total} articles"));
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
