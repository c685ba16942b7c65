//! JSON (`.json`) and JSON Lines (`.jsonl`, `.ndjson`) article exports.
//!
//! A `.json` file holds one article object, an array of them, or an envelope such as
//! NewsAPI's `{"status": "ok", "articles": [...]}`; a JSON Lines file one object per
//! line (and so does a `.json` file whose second value starts a new line: many exports
//! name JSON Lines `.json`). Keys are matched case-insensitively against the names real exports use (see
//! the `*_KEYS` tables); the first key in table order with a usable value wins.

use chrono::{DateTime, NaiveDate, SecondsFormat};
use serde_json::{Map, Number, Value};

use super::{clean, decode::normalize_newlines, Meta, ReadOutcome};
use crate::discover::SourceFile;
use crate::problem::Problem;

const TITLE_KEYS: &[&str] = &["title", "headline", "name"];
const BODY_KEYS: &[&str] = &["body", "text", "content", "article", "articleBody", "description"];
const DATE_KEYS: &[&str] = &[
    "published",
    "date",
    "datePublished",
    "pubDate",
    "publishedAt",
    "published_at",
    "created_at",
    "time",
    "timestamp",
];
const AGENCY_KEYS: &[&str] = &["source", "agency", "publisher", "author", "byline"];
const URL_KEYS: &[&str] = &["url", "link"];
const ID_KEYS: &[&str] = &["id", "guid", "_id"];
const DATELINE_KEYS: &[&str] = &["dateline"];
/// Keys under which an envelope object (an API response saved to a file) holds its
/// articles: NewsAPI and GNews use `articles`, feeds converted to JSON `items`, other
/// news APIs `results`.
const ENVELOPE_KEYS: &[&str] = &["articles", "items", "results"];

/// Unix times in seconds are taken from March 1973 (10⁸ s) to 2100; below, a number is
/// more likely a count, a flag or a day written as digits than a date of the news.
const SECONDS: std::ops::Range<f64> = 1e8..4.2e9;
/// The same span in milliseconds.
const MILLIS: std::ops::Range<f64> = 1e11..4.2e12;

/// Reads a `.json` file. Text that is not JSON at all, or JSON that holds no article
/// objects, is an error for the whole file.
pub(super) fn read_json(source: &SourceFile, text: &str) -> Result<ReadOutcome, Problem> {
    let value: Value = match parse(text) {
        Ok(value) => value,
        // Exports often write JSON Lines under a .json name: a second value starts a line.
        Err(err) if err.column() == 1 && err.to_string().starts_with("trailing characters") => {
            return Ok(read_json_lines(source, text));
        }
        Err(err) => return Err(bad_json(&err, true)),
    };
    let mut outcome = ReadOutcome::default();
    match value {
        Value::Object(object) => match (envelope(&object), parse_article(&object)) {
            (Some(items), Err(_)) => read_array(source, items, &mut outcome),
            (_, article) => outcome.push(source, None, article),
        },
        Value::Array(items) => read_array(source, &items, &mut outcome),
        other => return Err(Problem::NotAnArticle { found: kind(&other), array_allowed: true }),
    }
    Ok(outcome)
}

/// Reads a JSON Lines file: one article per non-blank line; a line that does not parse
/// is a problem naming that line, and the other lines are still read.
pub(super) fn read_json_lines(source: &SourceFile, text: &str) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let article = match parse(line) {
            Ok(Value::Object(object)) => parse_article(&object),
            Ok(other) => Err(Problem::NotAnArticle { found: kind(&other), array_allowed: false }),
            Err(err) => Err(bad_json(&err, false)),
        };
        outcome.push(source, Some(index as u64 + 1), article);
    }
    outcome
}

/// The articles of a JSON array, each with its 1-based position as its line.
fn read_array(source: &SourceFile, items: &[Value], outcome: &mut ReadOutcome) {
    for (index, item) in items.iter().enumerate() {
        let article = match item {
            Value::Object(object) => parse_article(object),
            other => Err(Problem::NotAnArticle { found: kind(other), array_allowed: false }),
        };
        outcome.push(source, Some(index as u64 + 1), article);
    }
}

/// The article array inside an envelope object, if it has one.
fn envelope(object: &Map<String, Value>) -> Option<&[Value]> {
    first(object, ENVELOPE_KEYS, |value| value.as_array().map(Vec::as_slice))
}

/// The text and metadata of one article object.
fn parse_article(object: &Map<String, Value>) -> Result<(String, Meta), Problem> {
    let title = first(object, TITLE_KEYS, as_string);
    let body = first(object, BODY_KEYS, as_paragraphs);
    if title.is_none() && body.is_none() {
        return Err(Problem::NoTitleOrBody);
    }
    let text = with_dateline(body.unwrap_or_default(), first(object, DATELINE_KEYS, as_string));
    let meta = Meta {
        title,
        published: first(object, DATE_KEYS, as_timestamp),
        published_from: None,
        agency: first(object, AGENCY_KEYS, name_of),
        url: first(object, URL_KEYS, as_string),
        source_id: first(object, ID_KEYS, as_id),
    };
    Ok((text, meta))
}

/// The first usable value under any of `keys` (in the order of `keys`, names compared
/// case-insensitively).
fn first<'a, T>(
    object: &'a Map<String, Value>,
    keys: &[&str],
    usable: impl Fn(&'a Value) -> Option<T>,
) -> Option<T> {
    keys.iter().find_map(|key| {
        object
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(key))
            .find_map(|(_, v)| usable(v))
    })
}

/// A non-blank string, whitespace collapsed.
fn as_string(value: &Value) -> Option<String> {
    value.as_str().and_then(clean)
}

/// A body: a string, or an array of strings taken as paragraphs.
fn as_paragraphs(value: &Value) -> Option<String> {
    let paragraph = |text: &str| Some(normalize_newlines(text).trim().to_string());
    let text = match value {
        Value::String(text) => paragraph(text)?,
        Value::Array(items) => items
            .iter()
            .filter_map(|item| item.as_str().and_then(paragraph))
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n"),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A date as written, or a unix time (seconds or milliseconds) as RFC 3339 in UTC.
fn as_timestamp(value: &Value) -> Option<String> {
    match value {
        Value::Number(number) => unix_time(number),
        _ => as_string(value),
    }
}

/// A number as a date: a day written as digits (`20230919`), or a unix time in seconds
/// or milliseconds within the plausible spans; anything else (`0`, `-1`, a count) is no
/// date rather than a day in 1970.
fn unix_time(number: &Number) -> Option<String> {
    if let Some(day) = number.as_u64().and_then(digits_day) {
        return Some(day.to_string());
    }
    let value = number.as_f64()?;
    let millis = if SECONDS.contains(&value) {
        value * 1000.0
    } else if MILLIS.contains(&value) {
        value
    } else {
        return None;
    };
    let time = DateTime::from_timestamp_millis(millis.round() as i64)?;
    Some(time.to_rfc3339_opts(SecondsFormat::AutoSi, true))
}

/// `20230919` as 19 September 2023: eight digits that make a real day from 1800 to 2100.
fn digits_day(number: u64) -> Option<NaiveDate> {
    if !(18_000_101..=21_001_231).contains(&number) {
        return None;
    }
    let (year, month, day) = (number / 10_000, number / 100 % 100, number % 100);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month as u32, day as u32)
}

/// Parses JSON text, repairing what serde_json refuses a whole document for although
/// only one value is wrong: a lone surrogate escape (`"\ud800"`, from a string cut in the
/// middle of an emoji) and a number out of range (`1e400`). serde_json has no lenient
/// mode (its `arbitrary_precision` feature would change it for every crate of the
/// build), so after a refusal the text is repaired ([`repaired`]) and parsed once more;
/// the repairs keep every column where it was, so an error still points at its place.
fn parse(text: &str) -> Result<Value, serde_json::Error> {
    serde_json::from_str(text).or_else(|err| match repaired(text) {
        Some(text) => serde_json::from_str(&text),
        None => Err(err),
    })
}

/// `text` with each lone surrogate escape made `\ufffd` and each number out of `f64`'s
/// range made `null` (padded with spaces to its length), or `None` when it holds neither.
/// One pass over the bytes, tracking only whether it is inside a string: hand-written
/// because no JSON crate repairs and keeps positions.
fn repaired(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut changed = false;
    let mut in_string = false;
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if in_string {
            match byte {
                b'"' => in_string = false,
                b'\\' if bytes.get(i + 1) == Some(&b'u') => {
                    let unit = hex_unit(bytes, i + 2);
                    let paired = unit.is_some_and(|u| (0xD800..0xDC00).contains(&u))
                        && bytes.get(i + 6..i + 8) == Some(b"\\u")
                        && hex_unit(bytes, i + 8).is_some_and(|u| (0xDC00..0xE000).contains(&u));
                    if paired {
                        out.extend_from_slice(&bytes[i..i + 12]);
                        i += 12;
                    } else if unit.is_some_and(|u| (0xD800..0xE000).contains(&u)) {
                        out.extend_from_slice(b"\\ufffd");
                        changed = true;
                        i += 6;
                    } else {
                        out.extend_from_slice(&bytes[i..i + 2]);
                        i += 2;
                    }
                    continue;
                }
                b'\\' => {
                    out.extend_from_slice(&bytes[i..(i + 2).min(bytes.len())]);
                    i += 2;
                    continue;
                }
                _ => {}
            }
        } else if byte == b'"' {
            in_string = true;
        } else if byte == b'-' || byte.is_ascii_digit() {
            let end = bytes[i..]
                .iter()
                .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .map_or(bytes.len(), |n| i + n);
            let number = &text[i..end];
            if number.parse::<f64>().is_ok_and(f64::is_infinite) {
                out.extend_from_slice(format!("{:<1$}", "null", number.len()).as_bytes());
                changed = true;
            } else {
                out.extend_from_slice(number.as_bytes());
            }
            i = end;
            continue;
        }
        out.push(byte);
        i += 1;
    }
    // Only ASCII was put in place of ASCII: the bytes are still UTF-8.
    changed.then(|| String::from_utf8(out).ok()).flatten()
}

/// The UTF-16 unit of the four hex digits at `at`, if there are four.
fn hex_unit(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = std::str::from_utf8(bytes.get(at..at + 4)?).ok()?;
    u32::from_str_radix(digits, 16).ok().filter(|_| digits.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A name: a string, an object's `name` (`{"source": {"id": null, "name": "Reuters"}}`),
/// or the first name in an array (`"author": [{"name": "..."}]`). JSON-LD shares it.
pub(super) fn name_of(value: &Value) -> Option<String> {
    match value {
        Value::Object(object) => first(object, &["name"], as_string),
        Value::Array(items) => items.iter().find_map(name_of),
        _ => as_string(value),
    }
}

/// An id: a string, or a number written out.
fn as_id(value: &Value) -> Option<String> {
    match value {
        Value::Number(number) => Some(number.to_string()),
        _ => as_string(value),
    }
}

/// Puts the dateline in front of the body unless the body already starts with it, so
/// extraction finds it where it looks: "LONDON, March 3 - The body...".
fn with_dateline(body: String, dateline: Option<String>) -> String {
    let Some(dateline) = dateline else { return body };
    let bare =
        dateline.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—'));
    if bare.is_empty() || starts_with_words(&body, bare) {
        return body;
    }
    format!("{bare} - {body}").trim_end().to_string()
}

/// Does `text` start with the words of `prefix`, whatever the spacing and case?
fn starts_with_words(text: &str, prefix: &str) -> bool {
    let mut words = text.split_whitespace();
    prefix.split_whitespace().all(|expected| {
        words.next().is_some_and(|word| word.to_lowercase() == expected.to_lowercase())
    })
}

/// serde's error as a problem, its position apart from its message. In JSON Lines the
/// line is the file's, which the warning names already, so only the column is kept.
fn bad_json(err: &serde_json::Error, with_line: bool) -> Problem {
    let full = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    let what = full.strip_suffix(&position).unwrap_or(&full).to_owned();
    Problem::BadJson {
        line: with_line.then_some(err.line() as u64),
        column: err.column() as u64,
        what,
    }
}

/// What a JSON value is, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use crate::discover::Format;
    use crate::read::{read_bytes, RawArticle, ReadOutcome};

    use super::*;

    fn read(format: Format, text: &str) -> Result<ReadOutcome, Problem> {
        let name = if format == Format::Json { "a.json" } else { "a.jsonl" };
        read_bytes(&SourceFile { path: name.into(), format }, text.as_bytes())
    }

    /// The single article of a `.json` file.
    fn article(text: &str) -> RawArticle {
        let mut outcome = read(Format::Json, text).expect("reads");
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert_eq!(outcome.articles.len(), 1);
        outcome.articles.remove(0)
    }

    /// The problems as `line: reason`, for comparing with a listing.
    fn problems(outcome: &ReadOutcome) -> Vec<String> {
        outcome
            .problems
            .iter()
            .map(|at| {
                format!("{}: {}", at.line.map_or("-".to_string(), |l| l.to_string()), at.problem)
            })
            .collect()
    }

    #[test]
    fn field_names_real_exports_use_are_recognised_in_any_case() {
        let cases = [
            (r#"{"title": "T", "body": "B"}"#, "T", "B"),
            (r#"{"Headline": "T", "TEXT": "B"}"#, "T", "B"),
            (r#"{"name": "T", "content": "B"}"#, "T", "B"),
            (r#"{"title": "T", "article": "B"}"#, "T", "B"),
            (r#"{"title": "T", "articleBody": "B"}"#, "T", "B"),
            (r#"{"title": "T", "articlebody": "B"}"#, "T", "B"),
            (r#"{"title": "T", "description": "B"}"#, "T", "B"),
            (r#"{"title": "T", "body": "", "content": null, "description": "B"}"#, "T", "B"),
            (r#"{"title": "  T\n  two ", "body": "\n B \n"}"#, "T two", "B"),
        ];
        for (json, title, body) in cases {
            let article = article(json);
            assert_eq!(article.meta.title.as_deref(), Some(title), "{json}");
            assert_eq!(article.text, body, "{json}");
        }
    }

    #[test]
    fn date_agency_url_and_id_keys() {
        let cases: &[(&str, Meta)] = &[
            (
                r#"{"title": "T", "published": "2023-09-19T10:00:00Z", "source": "Reuters",
                    "url": "https://x.test/a", "id": "r-1"}"#,
                Meta {
                    published: Some("2023-09-19T10:00:00Z".into()),
                    agency: Some("Reuters".into()),
                    url: Some("https://x.test/a".into()),
                    source_id: Some("r-1".into()),
                    ..Meta::default()
                },
            ),
            (
                r#"{"title": "T", "pubDate": "Tue, 19 Sep 2023 10:00:00 GMT", "agency": "IMNA",
                    "link": "https://x.test/b", "guid": "g"}"#,
                Meta {
                    published: Some("Tue, 19 Sep 2023 10:00:00 GMT".into()),
                    agency: Some("IMNA".into()),
                    url: Some("https://x.test/b".into()),
                    source_id: Some("g".into()),
                    ..Meta::default()
                },
            ),
            (
                r#"{"title": "T", "published_at": "2023-09-19", "publisher": {"name": "AP"}, "_id": 42}"#,
                Meta {
                    published: Some("2023-09-19".into()),
                    agency: Some("AP".into()),
                    source_id: Some("42".into()),
                    ..Meta::default()
                },
            ),
            (
                r#"{"title": "T", "datePublished": "2023", "author": [{"name": "AFP"}], "byline": "x"}"#,
                Meta {
                    published: Some("2023".into()),
                    agency: Some("AFP".into()),
                    ..Meta::default()
                },
            ),
            (
                r#"{"title": "T", "created_at": "c", "byline": "By Jane Roe"}"#,
                Meta {
                    published: Some("c".into()),
                    agency: Some("By Jane Roe".into()),
                    ..Meta::default()
                },
            ),
            (
                r#"{"title": "T", "date": "", "time": "t", "timestamp": "s", "source": {"id": null}}"#,
                Meta { published: Some("t".into()), ..Meta::default() },
            ),
        ];
        for (json, expected) in cases {
            let meta = article(json).meta;
            assert_eq!(meta, Meta { title: Some("T".into()), ..expected.clone() }, "{json}");
        }
    }

    #[test]
    fn numeric_timestamps_are_unix_seconds_or_milliseconds() {
        let cases = [
            ("1695117600", "2023-09-19T10:00:00Z"),
            ("1695117600000", "2023-09-19T10:00:00Z"),
            ("1695117600.5", "2023-09-19T10:00:00.500Z"),
            ("1695117600123", "2023-09-19T10:00:00.123Z"),
            ("20230919", "2023-09-19"),
            ("19870226", "1987-02-26"),
        ];
        for (number, expected) in cases {
            let json = format!(r#"{{"title": "T", "timestamp": {number}}}"#);
            assert_eq!(article(&json).meta.published.as_deref(), Some(expected), "{number}");
        }
        // Not a plausible date of the news: no date rather than a wrong one.
        for number in ["0", "-1", "1", "20231332", "99999999", "5000000000", "1e300", "-1695117600"]
        {
            let json = format!(r#"{{"title": "T", "date": {number}}}"#);
            assert_eq!(article(&json).meta.published, None, "{number}");
        }
    }

    #[test]
    fn one_bad_value_does_not_cost_the_article() {
        let json = r#"{"title": "Cut \ud800 emoji", "body": "B \ud83d\ude00 \udc00", "score": 1e400, "n": -2E999}"#;
        let cut = article(json);
        assert_eq!(cut.meta.title.as_deref(), Some("Cut \u{fffd} emoji"));
        assert_eq!(cut.text, "B \u{1f600} \u{fffd}");
        // An escaped backslash before `u` is text, and a number in a string is text.
        let json = r#"{"title": "path C:\\ud800 1e400", "body": "x", "d": 1e400}"#;
        assert_eq!(article(json).meta.title.as_deref(), Some("path C:\\ud800 1e400"));
        // The same in a JSON Lines file, line by line; real errors keep their column.
        let outcome = read(
            Format::JsonLines,
            "{\"title\": \"\\ud800\", \"x\": 1e400}\n{\"x\": 1e400, \"title\n",
        )
        .expect("reads");
        assert_eq!(outcome.articles.len(), 1);
        assert_eq!(problems(&outcome), ["2: column 19: EOF while parsing a string"]);
    }

    #[test]
    fn a_body_array_is_paragraphs() {
        let json = r#"{"title": "T", "body": ["First.", "", "Second.\r\nSame paragraph.", 3]}"#;
        assert_eq!(article(json).text, "First.\n\nSecond.\nSame paragraph.");
    }

    #[test]
    fn newsapi_articles_and_responses() {
        let newsapi_article = r#"{
            "source": {"id": "reuters", "name": "Reuters"},
            "author": "Jane Roe",
            "title": "Iran and Russia sign accord",
            "description": "A short summary.",
            "url": "https://example.test/world/accord",
            "urlToImage": null,
            "publishedAt": "2023-09-19T10:00:00Z",
            "content": "TEHRAN, Sept 19 (Reuters) - The two countries signed... [+1200 chars]"
        }"#;
        let expected = RawArticle {
            origin: crate::read::Origin { path: "a.json".into(), line: None },
            format: Format::Json,
            text: "TEHRAN, Sept 19 (Reuters) - The two countries signed... [+1200 chars]".into(),
            meta: Meta {
                title: Some("Iran and Russia sign accord".into()),
                published: Some("2023-09-19T10:00:00Z".into()),
                published_from: None,
                agency: Some("Reuters".into()),
                url: Some("https://example.test/world/accord".into()),
                source_id: None,
            },
        };
        assert_eq!(article(newsapi_article), expected);

        let response = format!(
            r#"{{"status": "ok", "totalResults": 2, "articles": [{newsapi_article}, {newsapi_article}]}}"#
        );
        let outcome = read(Format::Json, &response).expect("reads");
        let lines: Vec<_> = outcome.articles.iter().map(|a| a.origin.line).collect();
        assert_eq!(lines, [Some(1), Some(2)]);
        assert_eq!(outcome.articles[1].meta, expected.meta);
    }

    #[test]
    fn an_array_gives_articles_and_problems_by_position() {
        let json = r#"[{"title": "A", "body": "a"}, "oops", {"id": 3}, {"title": "D"}]"#;
        let outcome = read(Format::Json, json).expect("reads");
        let got: Vec<_> =
            outcome.articles.iter().map(|a| (a.origin.line, a.meta.title.as_deref())).collect();
        assert_eq!(got, [(Some(1), Some("A")), (Some(4), Some("D"))]);
        assert_eq!(
            problems(&outcome),
            ["2: not an article object (found a string)", "3: no title or body"]
        );
    }

    #[test]
    fn a_title_without_body_is_kept_with_empty_text() {
        let article = article(r#"{"title": "Only a headline"}"#);
        assert_eq!(
            (article.meta.title.as_deref(), article.text.as_str()),
            (Some("Only a headline"), "")
        );
    }

    #[test]
    fn an_object_without_title_or_body_is_a_problem() {
        let outcome = read(Format::Json, r#"{"id": 1, "url": "u"}"#).expect("reads");
        assert!(outcome.articles.is_empty());
        assert_eq!(problems(&outcome), ["-: no title or body"]);
    }

    #[test]
    fn the_dateline_is_prepended_only_when_the_body_lacks_it() {
        let cases = [
            (
                "BOCA RATON, Fla., March 23 -",
                "BOCA RATON, Fla., March 23 - Markets...",
                "BOCA RATON, Fla., March 23 - Markets...",
            ),
            ("LONDON, March 3", "London,  March 3 - Prices...", "London,  March 3 - Prices..."),
            ("TEHRAN, Sept 19 (IRNA) —", "Iran said...", "TEHRAN, Sept 19 (IRNA) - Iran said..."),
            ("LONDON", "LONDONDERRY, March 3 - ...", "LONDON - LONDONDERRY, March 3 - ..."),
            ("PARIS -", "", "PARIS -"),
            ("  ", "Body.", "Body."),
        ];
        for (dateline, body, expected) in cases {
            let json =
                serde_json::json!({"title": "T", "dateline": dateline, "body": body}).to_string();
            assert_eq!(article(&json).text, expected, "{dateline:?}");
        }
    }

    #[test]
    fn truncated_json_names_the_position() {
        let err = read(Format::Json, "{\n  \"title\": \"T\",\n  \"body").expect_err("truncated");
        assert_eq!(
            err,
            Problem::BadJson {
                line: Some(3),
                column: 7,
                what: "EOF while parsing a string".into()
            }
        );
    }

    #[test]
    fn json_lines_named_json_are_read_as_json_lines() {
        let outcome =
            read(Format::Json, "{\"title\": \"A\"}\n{\"title\": \"B\"}\n").expect("reads");
        let got: Vec<_> =
            outcome.articles.iter().map(|a| (a.origin.line, a.meta.title.as_deref())).collect();
        assert_eq!(got, [(Some(1), Some("A")), (Some(2), Some("B"))]);
        // Garbage after a value on the same line is still an error.
        let err = read(Format::Json, "{\"title\": \"A\"} x").expect_err("trailing garbage");
        assert_eq!(err.to_string(), "line 1 column 16: trailing characters");
    }

    #[test]
    fn json_that_is_not_an_article_is_refused() {
        let err = read(Format::Json, "42").expect_err("a number");
        assert_eq!(err.to_string(), "not an article object or array (found a number)");
    }

    #[test]
    fn a_broken_json_line_is_a_problem_and_the_other_lines_are_read() {
        let jsonl = concat!(
            "{\"title\": \"One\", \"body\": \"1\"}\n",
            "\n",
            "{\"title\": \"Two\", \"bo\n",
            "   \n",
            "[1, 2]\n",
            "{\"url\": \"u\"}\n",
            "{\"title\": \"Seven\", \"body\": \"7\"}",
        );
        let outcome = read(Format::JsonLines, jsonl).expect("reads");
        let got: Vec<_> =
            outcome.articles.iter().map(|a| (a.origin.line, a.text.as_str())).collect();
        assert_eq!(got, [(Some(1), "1"), (Some(7), "7")]);
        assert_eq!(
            problems(&outcome),
            [
                "3: column 20: EOF while parsing a string",
                "5: not an article object (found an array)",
                "6: no title or body",
            ]
        );
    }

    #[test]
    fn jsonl_with_crlf_line_endings() {
        let outcome =
            read(Format::JsonLines, "{\"title\": \"A\"}\r\n{\"title\": \"B\"}\r\n").expect("reads");
        assert_eq!(outcome.articles.len(), 2);
        assert!(outcome.problems.is_empty());
    }
}
