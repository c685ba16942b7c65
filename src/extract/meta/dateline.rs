//! Datelines: the `TEHRAN, March 3 (IRNA) - ` that opens a wire story.
//!
//! In: one paragraph. Out: a [`Dateline`] when the paragraph opens with one: the place
//! as written, an optional region (`N.Y.`), an optional month and day (and year, when
//! written), the agency code and the separator. Only the start of a paragraph is looked
//! at, and the dateline must end within its first [`MAX_LEN`] characters, so prose such
//! as "He said (AP) …" in mid-text is never taken for one. This module does not decide
//! which paragraph to look at, nor map the code to an agency name.

use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::agency::canonical_agency;
use super::captures;
use super::date::{month_number, MONTH, PLAUSIBLE_YEARS};

/// A dateline ends within this many characters of the start of its paragraph.
pub const MAX_LEN: usize = 80;

/// A month and a day, checked to exist in some year (February 29 is allowed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthDay {
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31, valid for the month.
    pub day: u32,
}

impl MonthDay {
    /// The month and day, or `None` if no year has that day.
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        // 2000 is a leap year, so every day that exists in some year exists in it.
        chrono::NaiveDate::from_ymd_opt(2000, month, day).map(|_| MonthDay { month, day })
    }
}

/// The dateline at the start of a paragraph, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// The place as written (`"Iran"`, `"NEW YORK"`); see [`Dateline::place_title`].
    pub place: &'a str,
    /// A state, province or country after the place (`"N.Y."` in `COMMACK, N.Y., Feb 26`).
    pub region: Option<&'a str>,
    /// The month and day, when written.
    pub month_day: Option<MonthDay>,
    /// The year, when written (`Sept. 19, 2023`); rare in datelines.
    pub year: Option<i32>,
    /// The agency code as written, without its brackets (`"IMNA"`, `"TASS"`, `"Kyodo"`).
    pub code: Option<&'a str>,
    /// The separator before the story (`"-"`, `"--"`, `"—"`, `"–"`, `".-"`, `"."`), or
    /// `None` when the code alone ends the dateline (`New Delhi, Mar 3 (PTI) `).
    pub separator: Option<&'a str>,
    /// Length in bytes of the dateline at the start of the paragraph, trailing space
    /// included: the story starts at `paragraph[len..]`.
    pub len: usize,
}

impl Dateline<'_> {
    /// The place in title case: words written in capitals are capitalised
    /// (`"NEW YORK"` → `"New York"`, `"DAR ES SALAAM"` → `"Dar es Salaam"`); words already
    /// in mixed case are kept (`"New Delhi"`).
    pub fn place_title(&self) -> String {
        title_case(self.place)
    }
}

/// What ends a dateline, longest first.
const SEPARATOR: &str = r"\.-|--|—|–|-";

/// Small words that may sit between the capitalised words of a place name.
const CONNECTORS: &str = "de|da|del|della|do|dos|das|du|des|es|el|al|la|le|les|of|on|upon|am|an|der|den|di|y|au|aux|sur|en";

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}[\p{L}\p{M}'’./\-]*";
    let words = format!(r"{word}(?:[\ \t]+{word}){{0,2}}");
    let pattern = format!(
        r"(?x)
        ^
        (?: \( (?P<lead> [^()\n]+ ) \) \s* (?: --|-|—|– ) \s* )?       # (ANSA) -
        (?P<place> {word} (?: [\ \t]+ (?: (?:{CONNECTORS}) [\ \t]+ )? {word} ){{0,4}} )
        (?: [\ \t]*,[\ \t]*                                                   # , N.Y.
            (?P<region> (?:the[\ \t]+)? {words} (?: ,[\ \t]* {words} )? ) )?
        (?: [\ \t]*,?\s+ (?:                                                  # , Feb 26
              (?P<month> {MONTH} ) \.? \s+ (?P<day> \d{{1,2}} ) (?: st|nd|rd|th )?
            | (?P<day2> \d{{1,2}} ) \.? \s+ (?P<month2> {MONTH} )
            ) \.? (?: ,?\s+ (?P<year> \d{{4}} ) )? )?
        (?:
            (?: \s* \( (?P<code> [^()\n]+ ) \)                         # (IMNA)
              | \s* / (?P<slash> [\p{{L}}\-]{{2,}} ) /                      # /TASS/
              | ,?[\ \t]+ (?P<bare> \p{{Lu}}\p{{Ll}}+ )                       # Kyodo
            ) [\ \t]* (?P<sep> {SEPARATOR} | \. )?                        # `.` only after a code
          | [\ \t]* ,? [\ \t]* (?P<sep_only> {SEPARATOR} )
        )
        (?P<space> \s+ | $ )?
        "
    );
    Regex::new(&pattern).expect("the dateline pattern is a compiled-in constant")
});

/// The dateline that opens `paragraph`, if any.
///
/// Accepted shapes: `PLACE[, REGION][, DATE] (CODE) SEP`, `PLACE, DATE. /CODE/. `,
/// `PLACE, DATE[,] Code - ` (a code the agency table knows), `(CODE) - PLACE, DATE - `,
/// `PLACE[, REGION], DATE SEP` (Reuters), and `PLACE[, REGION] SEP` for a place in
/// capitals (`WASHINGTON — `). Leading spaces are skipped. After a date or a code the
/// story may follow the separator without a space (`March 4 -General Motors`).
pub fn parse_dateline(paragraph: &str) -> Option<Dateline<'_>> {
    let text = paragraph.trim_start();
    let offset = paragraph.len() - text.len();
    // Every dateline starts with a capital or a bracket; most prose is turned down here.
    if !text.starts_with(|c: char| c.is_uppercase() || c == '(') {
        return None;
    }
    let caps = captures(&DATELINE, text)?;
    let len = caps.get(0).map_or(0, |m| m.end());
    if text[..len].chars().count() > MAX_LEN {
        return None;
    }
    let code = code(&caps)?;
    let month_day = month_day(&caps)?;
    let year = match caps.name("year") {
        Some(year) => Some(year.as_str().parse().ok().filter(|y| PLAUSIBLE_YEARS.contains(y))?),
        None => None,
    };
    let place = caps.name("place").map_or("", |m| m.as_str());
    let region = caps.name("region").map(|m| m.as_str());
    let separator = caps.name("sep").or_else(|| caps.name("sep_only")).map(|m| m.as_str());
    // A code or a date makes a dateline; without either, only a place in capitals
    // followed by a spaced separator does (`WASHINGTON — `, `BAGUIO, Philippines - `).
    let spaced = caps.name("space").is_some();
    let plausible = match (code, separator) {
        (Some(_), _) => true,
        (None, None) => false,
        (None, Some(_)) => month_day.is_some() || (spaced && is_capitals(place)),
    };
    plausible.then_some(Dateline {
        place,
        region,
        month_day,
        year,
        code,
        separator,
        len: offset + len,
    })
}

/// The agency code, `Some(None)` when there is none; `None` rejects the dateline: a code
/// in brackets must start with a capital unless the agency table knows it (`dpa`), and
/// a bare word after the date counts only if it is a known agency (`Kyodo`).
fn code<'a>(caps: &Captures<'a>) -> Option<Option<&'a str>> {
    let bracketed = [("lead", 30), ("code", 30), ("slash", 20)]
        .into_iter()
        .find_map(|(name, max_len)| Some((caps.name(name)?, max_len)));
    if let Some((code, max_len)) = bracketed {
        // The lengths are checked here, not in the pattern: a bounded repetition copies
        // its part of the automaton that many times, which slowed every match.
        if code.as_str().chars().count() > max_len {
            return None;
        }
        let code = code.as_str().trim();
        let capital = code.starts_with(|c: char| c.is_uppercase());
        return (capital || canonical_agency(code).is_some()).then_some(Some(code));
    }
    match caps.name("bare") {
        Some(bare) => canonical_agency(bare.as_str()).map(|_| Some(bare.as_str())),
        None => Some(None),
    }
}

/// The month and day, `Some(None)` when none is written; `None` rejects a day that no
/// month has (`Feb 31`).
fn month_day(caps: &Captures<'_>) -> Option<Option<MonthDay>> {
    let (month, day) = match (caps.name("month"), caps.name("day")) {
        (Some(month), Some(day)) => (month, day),
        _ => match (caps.name("month2"), caps.name("day2")) {
            (Some(month), Some(day)) => (month, day),
            _ => return Some(None),
        },
    };
    let month = month_number(month.as_str())?;
    let day = day.as_str().parse().ok()?;
    MonthDay::new(month, day).map(Some)
}

/// Is every letter of the place a capital, with at least two letters (`NEW YORK`)?
fn is_capitals(place: &str) -> bool {
    let mut letters = 0;
    let all_capitals = place.chars().filter(|c| c.is_alphabetic()).all(|c| {
        letters += 1;
        c.is_uppercase()
    });
    all_capitals && letters >= 2
}

/// Title case for a place written in capitals; mixed-case words are kept as written.
fn title_case(place: &str) -> String {
    let mut out = String::with_capacity(place.len());
    for (i, word) in place.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let lower = word.to_lowercase();
        if !is_capitals(word) && word.chars().any(char::is_lowercase) {
            out.push_str(word);
        } else if i > 0 && CONNECTORS.split('|').any(|connector| connector == lower) {
            out.push_str(&lower);
        } else {
            // Capitalise after the start and after `-`, `/` and `.` (AL-ARISH → Al-Arish),
            // and after an apostrophe that follows one letter (N'DJAMENA → N'Djamena,
            // but ST. JOHN'S → St. John's).
            let mut capital = true;
            let mut letters_in_part = 0;
            for c in lower.chars() {
                if capital {
                    out.extend(c.to_uppercase());
                } else {
                    out.push(c);
                }
                let apostrophe = matches!(c, '\'' | '’');
                capital = matches!(c, '-' | '/' | '.') || (apostrophe && letters_in_part == 1);
                letters_in_part = if capital { 0 } else { letters_in_part + 1 };
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (paragraph, place, region, (month, day), code, separator)
    type Case = (
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<(u32, u32)>,
        Option<&'static str>,
        Option<&'static str>,
    );

    #[test]
    fn datelines_of_every_style_parse() {
        let cases: &[Case] = &[
            ("Iran (IMNA) - During a meeting", "Iran", None, None, Some("IMNA"), Some("-")),
            ("NEW YORK, Feb 26 - Shares rose", "NEW YORK", None, Some((2, 26)), None, Some("-")),
            (
                "TEHRAN, March 3 (IRNA) - Iran said",
                "TEHRAN",
                None,
                Some((3, 3)),
                Some("IRNA"),
                Some("-"),
            ),
            ("WASHINGTON (AP) — The Senate", "WASHINGTON", None, None, Some("AP"), Some("—")),
            (
                "BEIJING, March 3 (Xinhua) -- China",
                "BEIJING",
                None,
                Some((3, 3)),
                Some("Xinhua"),
                Some("--"),
            ),
            (
                "MOSCOW, March 3. /TASS/. Russia",
                "MOSCOW",
                None,
                Some((3, 3)),
                Some("TASS"),
                Some("."),
            ),
            ("TEHRAN, Mar. 03 (MNA) – Iran", "TEHRAN", None, Some((3, 3)), Some("MNA"), Some("–")),
            ("(ANSA) - ROME, MAR 3 - Italy", "ROME", None, Some((3, 3)), Some("ANSA"), Some("-")),
            ("TOKYO, March 3 Kyodo - Japan", "TOKYO", None, Some((3, 3)), Some("Kyodo"), Some("-")),
            ("Berlin (dpa) - Germany", "Berlin", None, None, Some("dpa"), Some("-")),
            ("Madrid, Mar 3 (EFE).- Spain", "Madrid", None, Some((3, 3)), Some("EFE"), Some(".-")),
            ("ANKARA (AA) - Turkey", "ANKARA", None, None, Some("AA"), Some("-")),
            (
                "SEOUL, March 3 (Yonhap) -- Korea",
                "SEOUL",
                None,
                Some((3, 3)),
                Some("Yonhap"),
                Some("--"),
            ),
            ("New Delhi, Mar 3 (PTI) India", "New Delhi", None, Some((3, 3)), Some("PTI"), None),
            (
                "LONDON, Sept. 19 (Reuters) - Oil",
                "LONDON",
                None,
                Some((9, 19)),
                Some("Reuters"),
                Some("-"),
            ),
            (
                "COMMACK, N.Y., Feb 26 - Computer",
                "COMMACK",
                Some("N.Y."),
                Some((2, 26)),
                None,
                Some("-"),
            ),
            (
                "SANTA CRUZ, Calif., Feb 26 -\n    Shr 34 cts",
                "SANTA CRUZ",
                Some("Calif."),
                Some((2, 26)),
                None,
                Some("-"),
            ),
            (
                "MONTREAL, Feb 26-\n    Shr 1.11 dlrs",
                "MONTREAL",
                None,
                Some((2, 26)),
                None,
                Some("-"),
            ),
            (
                "WESTPORT, Conn., FEb 26 - Liberty",
                "WESTPORT",
                Some("Conn."),
                Some((2, 26)),
                None,
                Some("-"),
            ),
            (
                "Scarborough, Ontario, Feb 26 - Net",
                "Scarborough",
                Some("Ontario"),
                Some((2, 26)),
                None,
                Some("-"),
            ),
            (
                "RIO DE JANEIRO, March 3 - Brazil",
                "RIO DE JANEIRO",
                None,
                Some((3, 3)),
                None,
                Some("-"),
            ),
            (
                "Berlin, 19 September (dpa) - Text",
                "Berlin",
                None,
                Some((9, 19)),
                Some("dpa"),
                Some("-"),
            ),
            ("WASHINGTON — The Senate voted", "WASHINGTON", None, None, None, Some("—")),
            ("  LONDON, Feb 26 - Indented", "LONDON", None, Some((2, 26)), None, Some("-")),
            ("DETROIT, March 4 -General Motors", "DETROIT", None, Some((3, 4)), None, Some("-")),
            ("ATLANTA , March 3 - National Data", "ATLANTA", None, Some((3, 3)), None, Some("-")),
            ("CHICAGO, March 4, - South Korea's", "CHICAGO", None, Some((3, 4)), None, Some("-")),
            (
                "BRUSSELS, March 27, Reuter - Greece",
                "BRUSSELS",
                None,
                Some((3, 27)),
                Some("Reuter"),
                Some("-"),
            ),
            (
                "ARNHEM, the Netherlands, April 1 - Enka",
                "ARNHEM",
                Some("the Netherlands"),
                Some((4, 1)),
                None,
                Some("-"),
            ),
            (
                "GEORGETOWN, Grand Cayman, British West Indies, March 25 -\n    Shr",
                "GEORGETOWN",
                Some("Grand Cayman, British West Indies"),
                Some((3, 25)),
                None,
                Some("-"),
            ),
            (
                "DALLAS/FORT WORTH, Texas, March 3 - AMR",
                "DALLAS/FORT WORTH",
                Some("Texas"),
                Some((3, 3)),
                None,
                Some("-"),
            ),
            (
                "BAGUIO, Philippines - Military",
                "BAGUIO",
                Some("Philippines"),
                None,
                None,
                Some("-"),
            ),
        ];
        for &(text, place, region, month_day, code, separator) in cases {
            let got = parse_dateline(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(got.place, place, "{text:?}");
            assert_eq!(got.region, region, "{text:?}");
            assert_eq!(got.month_day.map(|md| (md.month, md.day)), month_day, "{text:?}");
            assert_eq!(got.code, code, "{text:?}");
            assert_eq!(got.separator, separator, "{text:?}");
        }
    }

    #[test]
    fn the_story_starts_after_the_dateline() {
        let cases = [
            ("Iran (IMNA) - During", "During"),
            ("New Delhi, Mar 3 (PTI) The", "The"),
            ("MOSCOW, March 3. /TASS/. Russia", "Russia"),
            ("  LONDON, Feb 26 - Indented", "Indented"),
            ("NEW YORK, Feb 26 -", ""),
        ];
        for (text, story) in cases {
            let dateline =
                parse_dateline(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(&text[dateline.len..], story, "{text:?}");
        }
    }

    #[test]
    fn a_written_year_is_kept() {
        let dateline = parse_dateline("WASHINGTON, Sept. 19, 2023 (AP) — The").unwrap();
        assert_eq!(dateline.year, Some(2023));
        assert_eq!(dateline.month_day, MonthDay::new(9, 19));
    }

    #[test]
    fn prose_is_not_a_dateline() {
        let cases = [
            "He said (AP) - the talks would go on.",
            "The Russian Defense Minister, Sergei Shoigu, stated that relations grow.",
            "The Bank of Japan - which sets rates - said so.",
            "Iran. The talks resumed.",
            "Paris, France - the city of light.",
            "Shoigu (pictured) - at the meeting",
            "TOKYO, March 3 Thursday - Japan",
            "NEW YORK, Feb 31 - Shares",
            "Shr 34 cts vs 1.19 dlrs",
            "WASHINGTON-based analysts said so.",
            "WASHINGTON -based analysts said so.",
            "London - Belgium is launching a program.",
            "\"Shared obstacles, such as the unilateral actions (AP) - of",
            "Officials in the capital of the province of the state said on Tuesday (AP) - it",
            "",
        ];
        for text in cases {
            assert_eq!(parse_dateline(text), None, "{text:?}");
        }
    }

    #[test]
    fn places_are_title_cased() {
        let cases = [
            ("NEW YORK", "New York"),
            ("Iran", "Iran"),
            ("New Delhi", "New Delhi"),
            ("DAR ES SALAAM", "Dar es Salaam"),
            ("AL-ARISH", "Al-Arish"),
            ("WASHINGTON", "Washington"),
            ("McLEAN", "McLEAN"),
            ("DALLAS/FORT WORTH", "Dallas/Fort Worth"),
            ("N'DJAMENA", "N'Djamena"),
            ("ST. JOHN'S", "St. John's"),
            ("COEUR D'ALENE", "Coeur D'Alene"),
        ];
        for (place, want) in cases {
            assert_eq!(title_case(place), want, "{place:?}");
        }
    }
}
