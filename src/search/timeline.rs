//! Timelines: how many matching articles per day, week, month or year.
//!
//! One collector counts matching articles per day from the date fast field during the
//! same pass as the hits and facets; the days are then rolled up into calendar periods in
//! Rust (tantivy's date histogram knows only fixed intervals, and a month is not one).
//! Periods without articles between the first and the last are listed with a zero, so a
//! gap in coverage shows as a gap, not as a shorter line.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// The length of a timeline period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interval {
    /// Calendar days.
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// One period of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// `2023-09-19`, `2023-W38`, `2023-09` or `2023`.
    pub label: String,
    /// The period's first day.
    pub start: NaiveDate,
    /// Matching articles published in it.
    pub count: u64,
}

/// Counts matching articles per day since 1970-01-01 (undated articles are not counted),
/// from the date fast field named `field`.
pub struct DayCounts<'a> {
    /// The date field's name.
    pub field: &'a str,
}

/// [`DayCounts`] for one segment.
pub struct DayCountsSegment {
    dates: Column<DateTime>,
    counts: BTreeMap<i64, u64>,
}

impl Collector for DayCounts<'_> {
    type Fruit = BTreeMap<i64, u64>;
    type Child = DayCountsSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let dates = segment.fast_fields().date(self.field)?;
        Ok(DayCountsSegment { dates, counts: BTreeMap::new() })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut merged = BTreeMap::new();
        for fruit in fruits {
            for (day, count) in fruit {
                *merged.entry(day).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for DayCountsSegment {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(date) = self.dates.first(doc) {
            *self.counts.entry(date.into_timestamp_secs().div_euclid(86_400)).or_default() += 1;
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.counts
    }
}

/// Rolls day counts up into periods, from the first period with an article to the last,
/// empty periods included.
pub fn periods(days: &BTreeMap<i64, u64>, interval: Interval) -> Vec<Period> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    let mut by_start: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    for (&day, &count) in days {
        let date = epoch + Duration::days(day);
        *by_start.entry(period_start(date, interval)).or_default() += count;
    }
    let (Some(&first), Some(&last)) = (by_start.keys().next(), by_start.keys().next_back()) else {
        return Vec::new();
    };
    let mut periods = Vec::new();
    let mut start = first;
    while start <= last {
        periods.push(Period {
            label: label(start, interval),
            start,
            count: by_start.get(&start).copied().unwrap_or(0),
        });
        match next_start(start, interval) {
            Some(next) => start = next,
            None => break,
        }
    }
    periods
}

fn period_start(date: NaiveDate, interval: Interval) -> NaiveDate {
    match interval {
        Interval::Day => date,
        Interval::Week => date - Duration::days(i64::from(date.weekday().num_days_from_monday())),
        Interval::Month => date.with_day(1).unwrap_or(date),
        Interval::Year => date.with_ordinal(1).unwrap_or(date),
    }
}

fn next_start(start: NaiveDate, interval: Interval) -> Option<NaiveDate> {
    match interval {
        Interval::Day => start.succ_opt(),
        Interval::Week => start.checked_add_signed(Duration::days(7)),
        Interval::Month => start.checked_add_months(chrono::Months::new(1)),
        Interval::Year => start.with_year(start.year() + 1),
    }
}

fn label(start: NaiveDate, interval: Interval) -> String {
    match interval {
        Interval::Day => start.to_string(),
        Interval::Week => {
            let week = start.iso_week();
            format!("{}-W{:02}", week.year(), week.week())
        }
        Interval::Month => format!("{:04}-{:02}", start.year(), start.month()),
        Interval::Year => format!("{:04}", start.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(dates: &[(&str, u64)]) -> BTreeMap<i64, u64> {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        dates
            .iter()
            .map(|(d, n)| {
                ((NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap() - epoch).num_days(), *n)
            })
            .collect()
    }

    fn labels_and_counts(periods: &[Period]) -> Vec<(String, u64)> {
        periods.iter().map(|p| (p.label.clone(), p.count)).collect()
    }

    #[test]
    fn months_roll_up_days_and_show_empty_months() {
        let counts = days(&[("2023-09-01", 2), ("2023-09-30", 1), ("2023-12-05", 4)]);
        let got = labels_and_counts(&periods(&counts, Interval::Month));
        let want = [("2023-09", 3), ("2023-10", 0), ("2023-11", 0), ("2023-12", 4)];
        assert_eq!(got, want.map(|(l, n)| (l.to_owned(), n)));
    }

    #[test]
    fn weeks_start_on_monday_and_use_iso_numbers() {
        // 2023-01-01 is a Sunday: it belongs to ISO week 52 of 2022.
        let counts = days(&[("2023-01-01", 1), ("2023-01-02", 1)]);
        let got = periods(&counts, Interval::Week);
        assert_eq!(
            labels_and_counts(&got),
            [("2022-W52".to_owned(), 1), ("2023-W01".to_owned(), 1)]
        );
        assert_eq!(got[0].start, NaiveDate::from_ymd_opt(2022, 12, 26).unwrap());
    }

    #[test]
    fn years_and_days() {
        let counts = days(&[("1987-02-26", 1), ("1989-06-01", 2)]);
        let years = labels_and_counts(&periods(&counts, Interval::Year));
        assert_eq!(years, [("1987".to_owned(), 1), ("1988".to_owned(), 0), ("1989".to_owned(), 2)]);
        assert_eq!(periods(&counts, Interval::Day).len(), 827);
        assert!(periods(&BTreeMap::new(), Interval::Day).is_empty());
    }
}
