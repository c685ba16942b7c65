//! Publication dates: the forms sources write them in, and where to look for one.
//!
//! In: the metadata's date string, the cleaned body, the dateline and the file's path.
//! Out: one [`FoundDate`] and where it came from, in this order of trust: metadata (a
//! web page's reader has already chosen among the page's own candidates and says where
//! its day came from: metadata, the page's text or its URL), a
//! date written near the top or bottom of the text with a cue ("Published: …"), a
//! dateline that writes its year, a full date in the path (`2023/09/19/`,
//! `…-2023-09-19.txt`), and last the dateline's month and day with the year from the
//! path. When nothing gives a date there is none: no "today", no guess from "on
//! Tuesday", no day invented for a `2023/09/` folder.
//!
//! A full path date outranks the dateline's month and day: the day in a dateline is
//! the local day where the story was filed, often a day off the archive's own date
//! (a Wellington story datelined Feb 27 filed in New York on Feb 26).

use std::path::Path;
use std::sync::LazyLock;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use regex::{Captures, Regex};

use super::{captures, DateSource, FoundDate};
use crate::extract::dateline::Dateline;
use crate::read::months::Languages;
use crate::read::PublishedFrom;

/// English month names and abbreviations as a regex group (`Feb`, `Sept`, `MAR`,
/// `february`).
pub(in crate::extract) fn month_pattern() -> String {
    format!("(?i:{})", Languages::English.pattern())
}

/// A time of day with an optional AM/PM and zone, after a date.
const TIME: &str = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?\s*(?P<zone>z|utc|gmt|[+-]\d{2}(?::?\d{2})?|[a-z]{2,5})?";

/// Dates and times the metadata holds, year first: `2023-09-19`, `2023/09/19`,
/// `2023-09-19T10:00:00+03:30`, `2023-09-19 10:00`.
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?i)^(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})[-/.](?P<day>\d{{1,2}})(?:(?:t|\s+){TIME})?$"
    );
    Regex::new(&pattern).expect("the year-first date pattern is a compiled-in constant")
});

/// Dates with the month's name: `19 September 2023`, `September 19, 2023`,
/// `Tue, 19 Sep 2023 10:00 GMT`, `Sept. 19, 2023 at 10:00 a.m.`.
static NAMED_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    let month = month_pattern();
    let pattern = format!(
        r"(?ix)^
        (?: (?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.? ,? \s+ )?
        (?: (?P<day> \d{{1,2}} )(?:st|nd|rd|th)?\.? \s+ (?P<month> {month} )\.? ,? \s+ (?P<year> \d{{4}} )
          | (?P<month2> {month} )\.? \s+ (?P<day2> \d{{1,2}} )(?:st|nd|rd|th)? ,? \s+ (?P<year2> \d{{4}} ) )
        (?: (?: \s*,\s* | \s+(?:at\s+)? | \s*[-–|]\s* ) {TIME} )?
        \s*$"
    );
    Regex::new(&pattern).expect("the month-name date pattern is a compiled-in constant")
});

/// Day-first or month-first numeric dates: `19/09/2023`, `09.19.2023`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<first>\d{1,2})[/.\-](?P<second>\d{1,2})[/.\-](?P<year>\d{4})$")
        .expect("the numeric date pattern is a compiled-in constant")
});

/// A line announcing the page's date: `Published: …`, `Posted on …`, `Updated …`.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?P<updated>(?:last\s+)?(?:updated|modified))|(?:first\s+)?published|posted|dated?|released)(?:\s+(?:on|at))?\s*:?\s*(?P<rest>\S.*)$",
    )
    .expect("the date cue pattern is a compiled-in constant")
});

/// Paths: a date in a file or folder name (`2023-09-19`, `20230919`).
static NAME_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\D)(?:(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})|(?P<compact>\d{8}))(?:\D|$)",
    )
    .expect("the file name date pattern is a compiled-in constant")
});

/// The years a publication date may have.
pub(in crate::extract) const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1800..=2100;

/// The years a path may name: narrower, as numbers in paths are often not years.
const PATH_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// How many non-blank lines at the top and at the bottom of the text may hold a date.
const TEXT_DATE_LINES: usize = 5;

/// Parses a date as metadata writes it: RFC 3339 and ISO dates with or without a time
/// (`2023-09-19T10:00:00Z`, `2023-09-19 10:00`, `2023/09/19`), RFC 2822
/// (`Tue, 19 Sep 2023 10:00:00 GMT`), `19 September 2023`, `September 19, 2023`,
/// unambiguous day/month orders (`19/09/2023`, never `09/10/2023`), `20230919`, and
/// unix time as a string (seconds, or milliseconds with 13 digits).
///
/// A time with a UTC offset is converted to UTC before the date is taken; a time
/// without one is taken as it is. Years outside 1800–2100 are refused.
pub fn parse_date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.bytes().all(|b| b.is_ascii_digit()) {
        parse_number(s)
    } else {
        parse_written(s)
    }
}

/// A date written with separators or words (everything but a bare number).
fn parse_written(s: &str) -> Option<NaiveDate> {
    if s.len() > 64 || !s.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let date = if let Some(caps) = captures(&YEAR_FIRST, s) {
        let date = ymd(&caps["year"], &caps["month"], &caps["day"])?;
        at_utc(date, &caps)?
    } else if let Ok(time) = DateTime::parse_from_rfc2822(s) {
        time.naive_utc().date()
    } else if let Some(caps) = captures(&NAMED_MONTH, s) {
        let (day, month, year) = match caps.name("day") {
            Some(day) => (day, &caps["month"], &caps["year"]),
            None => (caps.name("day2")?, &caps["month2"], &caps["year2"]),
        };
        let date = NaiveDate::from_ymd_opt(
            year.parse().ok()?,
            Languages::English.month(month)?,
            day.as_str().parse().ok()?,
        )?;
        at_utc(date, &caps)?
    } else {
        let caps = captures(&NUMERIC, s)?;
        day_month_or_month_day(&caps)?
    };
    plausible(date)
}

/// `YYYYMMDD`, unix seconds (9–10 digits) or unix milliseconds (13 digits).
fn parse_number(s: &str) -> Option<NaiveDate> {
    let date = match s.len() {
        8 => ymd(&s[..4], &s[4..6], &s[6..])?,
        9 | 10 => DateTime::from_timestamp(s.parse().ok()?, 0)?.date_naive(),
        13 => DateTime::from_timestamp_millis(s.parse().ok()?)?.date_naive(),
        _ => return None,
    };
    plausible(date)
}

fn ymd(year: &str, month: &str, day: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

fn plausible(date: NaiveDate) -> Option<NaiveDate> {
    PLAUSIBLE_YEARS.contains(&date.year()).then_some(date)
}

/// The UTC date of `date` at the captured time and zone. Without a time, or with a zone
/// abbreviation whose offset is not certain (`EDT` is handled by RFC 2822 parsing
/// above), the date is kept as written.
fn at_utc(date: NaiveDate, caps: &Captures<'_>) -> Option<NaiveDate> {
    let Some(hour) = caps.name("hour") else { return Some(date) };
    let mut hour: u32 = hour.as_str().parse().ok()?;
    let minute = caps["minute"].parse().ok()?;
    let second = caps.name("second").map_or(Some(0), |s| s.as_str().parse().ok())?;
    if let Some(ampm) = caps.name("ampm") {
        let pm = ampm.as_str().starts_with(['p', 'P']);
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    // A leap second (:60) still falls on the same day.
    let time = NaiveTime::from_hms_opt(hour, minute, second.min(59))?;
    let Some(offset) = caps.name("zone").and_then(|zone| offset_seconds(zone.as_str())) else {
        return Some(date);
    };
    let utc = NaiveDateTime::new(date, time) - TimeDelta::seconds(offset);
    Some(utc.date())
}

/// Seconds east of UTC for `Z`, `UTC`, `GMT`, `+03:30`, `-0500`, `+03`; `None` for
/// anything else.
fn offset_seconds(zone: &str) -> Option<i64> {
    if ["z", "utc", "gmt"].iter().any(|utc| zone.eq_ignore_ascii_case(utc)) {
        return Some(0);
    }
    let sign = match zone.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let hours: i64 = digits.get(..2)?.parse().ok()?;
    let minutes: i64 =
        digits.get(2..).filter(|m| !m.is_empty()).map_or(Some(0), |m| m.parse().ok())?;
    (hours <= 23 && minutes <= 59).then_some(sign * (hours * 3600 + minutes * 60))
}

/// `19/09/2023` (only a day can be 19) or `09/09/2023` (both readings agree); `None`
/// when the two readings give two different dates.
fn day_month_or_month_day(caps: &Captures<'_>) -> Option<NaiveDate> {
    let first = &caps["first"];
    let second = &caps["second"];
    let year = &caps["year"];
    match (ymd(year, second, first), ymd(year, first, second)) {
        (Some(a), Some(b)) if a != b => None,
        (a, b) => a.or(b),
    }
}

/// A date written on a line of its own near the top or bottom of the text, with a cue
/// (`Published: 19 September 2023`, `Posted on September 19, 2023`, `Date: 19/09/2023`)
/// or bare (`2023-09-19`). A bare date must open its paragraph, so that a wrapped line
/// of prose that happens to be a date ("…between February 1, 1985 and\nApril 2, 1987")
/// is not taken for one. A publication date is preferred to an `Updated` one.
fn text_date(body: &str) -> Option<NaiveDate> {
    let mut updated = None;
    let mut above_blank = true;
    let mut seen = 0;
    for line in body.lines() {
        if line.trim().is_empty() {
            above_blank = true;
            continue;
        }
        match line_date(line, above_blank) {
            Some((date, false)) => return Some(date),
            Some((date, true)) => updated = updated.or(Some(date)),
            None => {}
        }
        above_blank = false;
        seen += 1;
        if seen == TEXT_DATE_LINES {
            break;
        }
    }
    let mut bottom = body.lines().rev().peekable();
    for _ in 0..TEXT_DATE_LINES {
        let Some(line) = bottom.by_ref().find(|line| !line.trim().is_empty()) else { break };
        let opens_paragraph = bottom.peek().is_none_or(|above| above.trim().is_empty());
        match line_date(line, opens_paragraph) {
            Some((date, false)) => return Some(date),
            Some((date, true)) => updated = updated.or(Some(date)),
            None => {}
        }
    }
    updated
}

/// The date a line announces, and whether it is an `Updated` date.
fn line_date(line: &str, opens_paragraph: bool) -> Option<(NaiveDate, bool)> {
    let line = line.trim();
    if line.len() > 80 {
        return None;
    }
    match captures(&CUE, line) {
        Some(caps) => Some((parse_written(&caps["rest"])?, caps.name("updated").is_some())),
        None if opens_paragraph => Some((parse_written(line)?, false)),
        None => None,
    }
}

/// What a file's path says about its date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct PathDate {
    /// A year folder (`…/2023/…`) or a file name starting with one (`2023-…`).
    year: Option<i32>,
    /// The month folder after the year folder, if any.
    month: Option<u32>,
    /// A whole date: `YYYY/MM/DD/` folders, or `YYYY-MM-DD` / `YYYYMMDD` in a name.
    date: Option<NaiveDate>,
}

/// Reads the date parts of a path; the parts nearest the file win.
fn path_date(path: &Path) -> PathDate {
    let folders: Vec<&str> = path
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|component| component.as_os_str().to_str())
        .collect();
    let file_name = path.file_name().and_then(|name| name.to_str()).unwrap_or("");
    let mut found = PathDate::default();
    for (i, folder) in folders.iter().enumerate() {
        let Some(year) = path_year(folder) else { continue };
        let month =
            folders.get(i + 1).and_then(|m| small_number(m)).filter(|m| (1..=12).contains(m));
        let day = folders.get(i + 2).and_then(|d| small_number(d));
        found = PathDate {
            year: Some(year),
            month,
            date: month.zip(day).and_then(|(month, day)| NaiveDate::from_ymd_opt(year, month, day)),
        };
    }
    let named = std::iter::once(file_name).chain(folders.iter().rev().copied()).find_map(name_date);
    if let Some(date) = named {
        found = PathDate { year: Some(date.year()), month: Some(date.month()), date: Some(date) };
    } else if found.year.is_none() {
        found.year = file_name
            .get(..5)
            .filter(|head| head.ends_with(['-', '_']))
            .and_then(|head| path_year(&head[..4]));
    }
    found
}

/// A folder name that is a plausible year.
fn path_year(name: &str) -> Option<i32> {
    let year = name.parse().ok().filter(|_| name.len() == 4)?;
    PATH_YEARS.contains(&year).then_some(year)
}

/// A one- or two-digit folder name (a month or a day).
fn small_number(name: &str) -> Option<u32> {
    (1..=2).contains(&name.len()).then(|| name.parse().ok()).flatten()
}

/// A plausible `YYYY-MM-DD` or `YYYYMMDD` inside a file or folder name.
fn name_date(name: &str) -> Option<NaiveDate> {
    let caps = captures(&NAME_DATE, name)?;
    let date = match caps.name("compact") {
        Some(compact) => {
            let digits = compact.as_str();
            ymd(&digits[..4], &digits[4..6], &digits[6..])?
        }
        None => ymd(&caps["year"], &caps["month"], &caps["day"])?,
    };
    PATH_YEARS.contains(&date.year()).then_some(date)
}

/// The dateline's date: its own year if written, else the path's year (a month folder
/// corrects it across New Year: a `Dec 31` story in a `2024/01/` folder is from 2023).
fn dateline_date(dateline: &Dateline<'_>, path: &PathDate) -> Option<NaiveDate> {
    let month_day = dateline.month_day?;
    let year = match (dateline.year, path.year) {
        (Some(year), _) => year,
        (None, Some(year)) => match (path.month, month_day.month) {
            (Some(1), 12) => year - 1,
            (Some(12), 1) => year + 1,
            _ => year,
        },
        (None, None) => return None,
    };
    NaiveDate::from_ymd_opt(year, month_day.month, month_day.day).and_then(plausible)
}

/// The article's date and where it came from, in the order of trust the module doc
/// gives, or `None` when nothing gives one.
pub(super) fn find_date(
    published: Option<(&str, Option<PublishedFrom>)>,
    body: &str,
    dateline: Option<&Dateline<'_>>,
    path: &Path,
) -> Option<FoundDate> {
    let found = |date, source| Some(FoundDate { date, source });
    if let Some((value, from)) = published {
        if let Some(date) = parse_date_text(value) {
            let source = match from {
                None | Some(PublishedFrom::Metadata) => DateSource::Metadata,
                Some(PublishedFrom::Text) => DateSource::Text,
                Some(PublishedFrom::Url) => DateSource::Path,
            };
            return found(date, source);
        }
    }
    if let Some(date) = text_date(body) {
        return found(date, DateSource::Text);
    }
    let from_path = path_date(path);
    let with_year = dateline.filter(|dateline| dateline.year.is_some());
    if let Some(date) = with_year.and_then(|dateline| dateline_date(dateline, &from_path)) {
        return found(date, DateSource::Dateline);
    }
    if let Some(date) = from_path.date {
        return found(date, DateSource::Path);
    }
    let date = dateline_date(dateline?, &from_path)?;
    found(date, DateSource::Dateline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dateline::parse_dateline;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn metadata_date_forms_parse() {
        let cases = [
            ("2023-09-19T10:00:00Z", day(2023, 9, 19)),
            ("2023-09-19T10:00:00.123+00:00", day(2023, 9, 19)),
            ("2023-09-19T01:30:00+03:30", day(2023, 9, 18)),
            ("2023-09-19T22:00:00-05:00", day(2023, 9, 20)),
            ("2023-09-19T22:00:00-0500", day(2023, 9, 20)),
            ("2023-09-19T10:00:00", day(2023, 9, 19)),
            ("2023-09-19", day(2023, 9, 19)),
            ("2023-09-19 10:00", day(2023, 9, 19)),
            ("2023/09/19", day(2023, 9, 19)),
            ("Tue, 19 Sep 2023 10:00:00 GMT", day(2023, 9, 19)),
            ("Tue, 19 Sep 2023 23:00:00 -0400", day(2023, 9, 20)),
            ("19 Sep 2023 23:00:00 EDT", day(2023, 9, 20)),
            ("19 September 2023", day(2023, 9, 19)),
            ("September 19, 2023", day(2023, 9, 19)),
            ("Sept. 19, 2023", day(2023, 9, 19)),
            ("Tuesday, September 19, 2023 10:15 PM", day(2023, 9, 19)),
            ("September 19, 2023 at 11:30 p.m. +00:00", day(2023, 9, 19)),
            ("19/09/2023", day(2023, 9, 19)),
            ("09/19/2023", day(2023, 9, 19)),
            ("09/09/2023", day(2023, 9, 9)),
            ("20230919", day(2023, 9, 19)),
            ("1695117600", day(2023, 9, 19)),
            ("1695117600000", day(2023, 9, 19)),
            ("  2023-09-19  ", day(2023, 9, 19)),
        ];
        for (text, want) in cases {
            assert_eq!(parse_date_text(text), want, "{text:?}");
        }
    }

    #[test]
    fn ambiguous_invalid_and_implausible_dates_are_refused() {
        let cases = [
            "09/10/2023",
            "2023-02-30",
            "2023-13-01",
            "1750-01-01",
            "2150-01-01",
            "on Tuesday",
            "yesterday",
            "2023",
            "689019",
            "2023-09-19T25:00:00Z",
            "",
        ];
        for text in cases {
            assert_eq!(parse_date_text(text), None, "{text:?}");
        }
    }

    #[test]
    fn dates_written_in_the_text_need_a_line_of_their_own() {
        let cases = [
            ("Published: 19 September 2023\n\nText.", day(2023, 9, 19)),
            ("Text.\n\nUpdated 2023-09-19", day(2023, 9, 19)),
            ("Posted on September 19, 2023\nText.", day(2023, 9, 19)),
            ("2023-09-19\nText.", day(2023, 9, 19)),
            ("Date: 19/09/2023\nText.", day(2023, 9, 19)),
            ("Updated 2023-09-20\nPublished: 2023-09-19\nText.", day(2023, 9, 19)),
            ("Date: 09/10/2023\nText.", None),
            ("The vote was held on September 19, 2023 in Tehran.", None),
            ("Shoigu visited Tehran on Tuesday.", None),
            ("Text.\n1695117600", None),
            ("Text between February 1, 1985 and\nApril 2, 1987\nended.", None),
            ("Text.\n\nApril 2, 1987", day(1987, 4, 2)),
        ];
        for (body, want) in cases {
            assert_eq!(text_date(body), want, "{body:?}");
        }
    }

    #[test]
    fn paths_give_dates_and_years() {
        let cases = [
            ("/news/1987/02/26/reuters-1.txt", Some(1987), day(1987, 2, 26)),
            ("archive/2023/09/story.txt", Some(2023), None),
            ("archive/2023/story.txt", Some(2023), None),
            ("archive/irna-2023-09-19.txt", Some(2023), day(2023, 9, 19)),
            ("archive/irna_20230919_12.html", Some(2023), day(2023, 9, 19)),
            ("archive/2023-09-19/story.txt", Some(2023), day(2023, 9, 19)),
            ("archive/2023-story.txt", Some(2023), None),
            ("imna-689019.txt", None, None),
            ("archive/12345678.txt", None, None),
            ("archive/2023/02/30/story.txt", Some(2023), None),
            ("archive/3023/02/03/story.txt", None, None),
        ];
        for (path, year, date) in cases {
            let got = path_date(Path::new(path));
            assert_eq!((got.year, got.date), (year, date), "{path}");
        }
    }

    #[test]
    fn the_date_comes_from_the_most_trusted_source() {
        let reuters = "NEW YORK, Feb 27 - Shares rose.";
        let seed = "Iran (IMNA) - During a meeting.";
        // (published, body, path, date, source)
        let cases = [
            (
                Some("2023-09-19"),
                reuters,
                "1987/02/26/a.txt",
                day(2023, 9, 19),
                Some(DateSource::Metadata),
            ),
            (
                Some("not a date"),
                "Published: 2023-09-18\n\nText.",
                "a.txt",
                day(2023, 9, 18),
                Some(DateSource::Text),
            ),
            (None, reuters, "1987/02/26/a.txt", day(1987, 2, 26), Some(DateSource::Path)),
            (None, reuters, "1987/02/a.txt", day(1987, 2, 27), Some(DateSource::Dateline)),
            (None, reuters, "1987/a.txt", day(1987, 2, 27), Some(DateSource::Dateline)),
            (
                None,
                "LONDON, Dec 31 - Text.",
                "1988/01/a.txt",
                day(1987, 12, 31),
                Some(DateSource::Dateline),
            ),
            (None, "LONDON, Feb 29 - Text.", "1987/a.txt", None, None),
            (
                None,
                "LONDON, Sept. 19, 2023 (Reuters) - Text.",
                "1987/02/26/a.txt",
                day(2023, 9, 19),
                Some(DateSource::Dateline),
            ),
            (None, reuters, "a.txt", None, None),
            (None, seed, "seed/imna-689019.txt", None, None),
        ];
        for (published, body, path, date, source) in cases {
            let dateline = parse_dateline(body).filter(Dateline::is_complete);
            let published = published.map(|value| (value, None));
            let got = find_date(published, body, dateline.as_ref(), Path::new(path));
            assert_eq!(got.map(|f| f.date), date, "{body:?} at {path}");
            assert_eq!(got.map(|f| f.source), source, "{body:?} at {path}");
        }
    }
}
