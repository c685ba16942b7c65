//! Datelines: the `TEHRAN, March 3 (IRNA) - ` that opens a wire story. The one reading
//! of a dateline: the date, the agency and the place of an article (`meta`), and the
//! place the entity rules weigh (`entities/places.rs`), all come from [`read_dateline`].
//!
//! In: a text, where its first paragraph starts, and its tokens. Out: a [`Dateline`]
//! that says how much it read ([`Reach`]):
//! - [`Reach::Complete`]: the whole dateline as a pattern reads it, place, optional
//!   region (`N.Y.`), month and day (and year, when written), agency code and separator.
//!   It must end within the first [`MAX_LEN`] characters of the paragraph, so prose such
//!   as "He said (AP) …" in mid-text is never taken for one;
//! - [`Reach::PlaceOnly`]: only place words at the head of the text, read from its
//!   tokens where the pattern finds no dateline: `LONDON 1996-08-30`, a misspelt month
//!   (`NEW YORK, Fbe 26 - `).
//!
//! The place is the head reading's words when it reads any (they are what the entity
//! rules have always weighed), else the pattern's place, and [`Dateline::head_words`]
//! says which. A byline (`By Patti Domm,
//! Reuter`) is no dateline in either reading.
//!
//! What varies between callers is the [`Lexicon`]: which tokens name an agency and which
//! open a `Published:` stamp line. `meta` reads with the agency table
//! ([`parse_dateline`]); the entity rules with their gazetteers. This module does not
//! decide which paragraph to look at, nor map the code to an agency name.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use super::entities::tokens::{tokenize, Kind, Shape, Token, GLUED, LINE_START};
use super::meta::canonical_agency;
use super::meta::captures;
use super::meta::date::PLAUSIBLE_YEARS;
use crate::read::months::Languages;

/// A dateline ends within this many characters of the start of its paragraph.
pub const MAX_LEN: usize = 80;

/// At most this many place words are read at the head of a text.
const MAX_PLACE_WORDS: usize = 5;

/// [`parse_dateline`] tokenizes this many bytes of a paragraph: the place words and what
/// ends them lie well within it, and a long paragraph costs no more than a short one.
const HEAD_BYTES: usize = 256;

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

/// How much of a dateline was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Place, date or agency code, and where the story starts.
    Complete,
    /// The place words alone: no date, code, separator or region.
    PlaceOnly,
}

/// The dateline at the start of a paragraph, borrowed from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline<'a> {
    /// How much was read: the fields below the place are empty for
    /// [`Reach::PlaceOnly`].
    pub reach: Reach,
    /// The place as written (`"Iran"`, `"NEW YORK"`), as a byte range of the text read.
    pub place: Range<usize>,
    /// Is the place the head reading's words? `false` when only the pattern read it
    /// (`DALLAS/FORT WORTH, Texas, March 3 - `, but also `DIY (Do it Yourself)`).
    pub head_words: bool,
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
    /// Byte offset in the text where the story starts, after the dateline and its
    /// trailing space; the end of the place for [`Reach::PlaceOnly`].
    pub end: usize,
    text: &'a str,
}

impl<'a> Dateline<'a> {
    /// The place as written.
    pub fn place_text(&self) -> &'a str {
        &self.text[self.place.clone()]
    }

    /// Was the whole dateline read?
    pub fn is_complete(&self) -> bool {
        self.reach == Reach::Complete
    }

    /// The place in title case: words written in capitals are capitalised
    /// (`"NEW YORK"` → `"New York"`, `"DAR ES SALAAM"` → `"Dar es Salaam"`); words already
    /// in mixed case are kept (`"New Delhi"`).
    pub fn place_title(&self) -> String {
        title_case(self.place_text())
    }
}

/// What a caller knows of the words at the head of its text.
pub trait Lexicon {
    /// One past the last token of the agency name that token `i` of `tokens` is part
    /// of (`"AP"`, `"Agence France-Presse"`), if it is part of one.
    fn agency_end(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize>;

    /// Does token `i` name no one, so that with a colon after it (`Published:`) it opens
    /// a stamp line that pages put above the dateline?
    fn opens_stamp_line(&self, _text: &str, _tokens: &[Token], _i: usize) -> bool {
        false
    }
}

/// The agency table of `agencies.tsv`, one word at a time: the lexicon of [`parse_dateline`].
struct AgencyTable;

impl Lexicon for AgencyTable {
    fn agency_end(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        let token = tokens.get(i)?;
        canonical_agency(token.text(text)).map(|_| i + 1)
    }
}

/// What ends a dateline, longest first.
const SEPARATOR: &str = r"\.-|--|—|–|-";

/// Small words that may sit between the capitalised words of a place name.
const CONNECTORS: &str = "de|da|del|della|do|dos|das|du|des|es|el|al|la|le|les|of|on|upon|am|an|der|den|di|y|au|aux|sur|en";

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}[\p{L}\p{M}'’./\-]*";
    let words = format!(r"{word}(?:[\ \t]+{word}){{0,2}}");
    // Agencies date their own languages' copies in them (`PARIS, 12 mai (AFP) -`); inside
    // a dateline's strict shape a foreign month name cannot be mistaken for prose.
    let month = format!("(?i:{})", Languages::European.pattern());
    let pattern = format!(
        r"(?x)
        ^
        (?: \( (?P<lead> [^()\n]+ ) \) \s* (?: --|-|—|– ) \s* )?       # (ANSA) -
        (?P<place> {word} (?: [\ \t]+ (?: (?:{CONNECTORS}) [\ \t]+ )? {word} ){{0,4}} )
        (?: [\ \t]*,[\ \t]*                                                   # , N.Y.
            (?P<region> (?:the[\ \t]+)? {words} (?: ,[\ \t]* {words} )? ) )?
        (?: [\ \t]*,?\s+ (?:                                                  # , Feb 26
              (?P<month> {month} ) \.? \s+ (?P<day> \d{{1,2}} ) (?: st|nd|rd|th )?
            | (?P<day2> \d{{1,2}} ) \.? \s+ (?P<month2> {month} )
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

/// The dateline that opens `paragraph`, read with the agency table.
pub fn parse_dateline(paragraph: &str) -> Option<Dateline<'_>> {
    let mut cut = paragraph.len().min(HEAD_BYTES);
    while !paragraph.is_char_boundary(cut) {
        cut -= 1;
    }
    let mut tokens = Vec::new();
    tokenize(&paragraph[..cut], &mut tokens);
    read_dateline(paragraph, 0, &tokens, 0, &AgencyTable)
}

/// The dateline of the paragraph of `text` that starts at byte `start`, whose first
/// token is `tokens[first]` (`tokens` are of `text`).
///
/// Accepted shapes for [`Reach::Complete`]: `PLACE[, REGION][, DATE] (CODE) SEP`,
/// `PLACE, DATE. /CODE/. `, `PLACE, DATE[,] Code - ` (a code the agency table knows),
/// `(CODE) - PLACE, DATE - `, `PLACE[, REGION], DATE SEP` (Reuters), and
/// `PLACE[, REGION] SEP` for a place in capitals (`WASHINGTON — `). Leading spaces are
/// skipped. After a date or a code the story may follow the separator without a space
/// (`March 4 -General Motors`). [`Reach::PlaceOnly`]: up to five words of one shape on
/// one line at the head, see the module's documentation.
pub fn read_dateline<'a>(
    text: &'a str,
    start: usize,
    tokens: &[Token],
    first: usize,
    lexicon: &impl Lexicon,
) -> Option<Dateline<'a>> {
    let rest = text.get(start..)?;
    let paragraph = rest.split("\n\n").next().unwrap_or(rest);
    let complete = complete(paragraph).map(|mut dateline| {
        dateline.place = dateline.place.start + start..dateline.place.end + start;
        dateline.end += start;
        Dateline { text, ..dateline }
    });
    let head = place_words(text, tokens, first, lexicon);
    let dateline = match (complete, head) {
        (Some(dateline), Some(place)) => Dateline { place, head_words: true, ..dateline },
        (Some(dateline), None) => dateline,
        (None, Some(place)) => Dateline {
            reach: Reach::PlaceOnly,
            end: place.end,
            place,
            head_words: true,
            region: None,
            month_day: None,
            year: None,
            code: None,
            separator: None,
            text,
        },
        (None, None) => return None,
    };
    // "By Patti Domm, Reuter" reads like "BRUSSELS, March 27, Reuter": a byline.
    let byline = dateline
        .place_text()
        .split_whitespace()
        .next()
        .is_some_and(|word| word.eq_ignore_ascii_case("by"));
    (!byline).then_some(dateline)
}

/// The whole dateline that opens `paragraph`, by the pattern; offsets in `paragraph`.
fn complete(paragraph: &str) -> Option<Dateline<'_>> {
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
    let place = caps.name("place").map_or(0..0, |m| offset + m.start()..offset + m.end());
    let mut region = caps.name("region").map(|m| m.as_str());
    // `TOKYO, Kyodo - `: the pattern reads the agency as the place's region.
    let code = match (code, region) {
        (None, Some(name)) if canonical_agency(name).is_some() => {
            region = None;
            Some(name)
        }
        (code, _) => code,
    };
    let separator = caps.name("sep").or_else(|| caps.name("sep_only")).map(|m| m.as_str());
    // A code or a date makes a dateline; without either, only a place in capitals
    // followed by a spaced separator does (`WASHINGTON — `, `BAGUIO, Philippines - `).
    let spaced = caps.name("space").is_some();
    let plausible = match (code, separator) {
        (Some(_), _) => true,
        (None, None) => false,
        (None, Some(_)) => {
            month_day.is_some() || (spaced && is_capitals(&paragraph[place.clone()]))
        }
    };
    plausible.then_some(Dateline {
        reach: Reach::Complete,
        place,
        head_words: false,
        region,
        month_day,
        year,
        code,
        separator,
        end: offset + len,
        text: paragraph,
    })
}

/// The place words at the head of the text from token `first`, as a byte range:
/// `TEHRAN, Sept. 19 (IRNA) -`, `NEW YORK, Feb 26 -`, `LONDON 1996-08-30`,
/// `Iran (IMNA) -`, `(ANSA) - ROME, MAR 3 -`, `ELWOOD, KAN., Feb 26 -`. Up to
/// [`MAX_PLACE_WORDS`] words of one shape on one line: in capitals, ended by a comma, an
/// agency in brackets, a number or a dash; capitalised, ended by an agency in brackets or
/// a comma and a month (its first three letters, so a misspelt month still ends it).
fn place_words(
    text: &str,
    tokens: &[Token],
    first: usize,
    lexicon: &impl Lexicon,
) -> Option<Range<usize>> {
    let is_punct = |i: usize, c: char| i < tokens.len() && tokens[i].is_punct(text, c);
    let mut i = after_stamp_line(text, tokens, first, lexicon);
    // "(ANSA) - ROME": an agency in brackets, then dashes.
    if is_punct(i, '(') {
        let agency_end = lexicon.agency_end(text, tokens, i + 1)?;
        if !is_punct(agency_end, ')') {
            return None;
        }
        i = agency_end + 1;
        while i < tokens.len() && tokens[i].kind == Kind::Punct && !is_punct(i, '(') {
            i += 1;
        }
    }
    let start = i;
    let shape = tokens.get(start)?.shape;
    if !matches!(shape, Shape::Upper | Shape::Capitalized) {
        return None;
    }
    let mut end = start;
    while end < tokens.len() && end - start < MAX_PLACE_WORDS {
        let t = &tokens[end];
        let same_shape = t.kind == Kind::Word
            && (t.shape == shape || (shape == Shape::Upper && t.shape == Shape::None));
        let joiner = is_punct(end, '-') && t.has(GLUED);
        if !(same_shape || joiner) || (end > start && t.has(LINE_START)) {
            break;
        }
        end += 1;
    }
    if end == start || end >= tokens.len() {
        return None;
    }
    let agency_follows = is_punct(end, '(') && lexicon.agency_end(text, tokens, end + 1).is_some();
    let terminated = is_punct(end, ',')
        || agency_follows
        || (tokens[end].kind == Kind::Number && !tokens[end].has(LINE_START));
    let caps = shape == Shape::Upper && (terminated || is_punct(end, '-'));
    let capitalised =
        shape == Shape::Capitalized && (agency_follows || month_after_comma(text, tokens, end));
    (caps || capitalised).then(|| tokens[start].start as usize..tokens[end - 1].end as usize)
}

/// The first token after a `Published: 14 April 2024` line at token `i` (see
/// [`Lexicon::opens_stamp_line`]), or `i` when there is none.
fn after_stamp_line(text: &str, tokens: &[Token], i: usize, lexicon: &impl Lexicon) -> usize {
    let colon = i + 1 < tokens.len() && tokens[i + 1].is_punct(text, ':');
    if !colon || !lexicon.opens_stamp_line(text, tokens, i) {
        return i;
    }
    (i + 2..tokens.len()).find(|&k| tokens[k].has(LINE_START)).unwrap_or(i)
}

/// A comma at token `i`, then a word that starts like a month (`Feb`, `Sept.`, `Fbe`
/// does not, `Febuary` does).
fn month_after_comma(text: &str, tokens: &[Token], i: usize) -> bool {
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    i + 1 < tokens.len()
        && tokens[i].is_punct(text, ',')
        && MONTHS.iter().any(|m| {
            let w = tokens[i + 1].text(text).trim_end_matches('.');
            w.len() >= 3 && w.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m))
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
    let month = Languages::European.month(month.as_str())?;
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
            ("TOKYO, Kyodo - Japan", "TOKYO", None, None, Some("Kyodo"), Some("-")),
            ("PARIS, 12 mai (AFP) - Le", "PARIS", None, Some((5, 12)), Some("AFP"), Some("-")),
            ("BERLIN, 3. März (dpa) - Die", "BERLIN", None, Some((3, 3)), Some("dpa"), Some("-")),
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
            assert_eq!(got.reach, Reach::Complete, "{text:?}");
            assert_eq!(got.place_text(), place, "{text:?}");
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
            assert_eq!(&text[dateline.end..], story, "{text:?}");
        }
    }

    #[test]
    fn a_written_year_is_kept() {
        let dateline = parse_dateline("WASHINGTON, Sept. 19, 2023 (AP) — The").unwrap();
        assert_eq!(dateline.year, Some(2023));
        assert_eq!(dateline.month_day, MonthDay::new(9, 19));
    }

    #[test]
    fn bylines_are_no_datelines() {
        for text in [
            "By Patti Domm, Reuter - Stocks fell",
            "By Patti Domm, Reuter\n    NEW YORK, March 3 - Stocks fell",
            "BY LAWRENCE EDELMAN, REUTERS\n    NEW YORK, June 1 - The",
            "by Philip Blenkinsop, Reuters",
        ] {
            assert_eq!(parse_dateline(text), None, "{text:?}");
        }
    }

    #[test]
    fn place_words_alone_are_read_where_the_pattern_reads_none() {
        // (paragraph, place)
        let cases = [
            ("LONDON 1996-08-30\nWest Indian all-rounder", "LONDON"),
            ("NEW YORK, Fbe 26 - Shares rose", "NEW YORK"),
            ("Scarborough, Febuary 26 - Net profit", "Scarborough"),
            ("WASHINGTON -based analysts said so.", "WASHINGTON"),
        ];
        for (text, place) in cases {
            let got = parse_dateline(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
            assert_eq!(got.reach, Reach::PlaceOnly, "{text:?}");
            assert_eq!(got.place_text(), place, "{text:?}");
            assert_eq!((got.month_day, got.code, got.separator), (None, None, None), "{text:?}");
            assert_eq!(got.end, got.place.end, "{text:?}");
        }
    }

    #[test]
    fn complete_datelines_of_mixed_case_places() {
        // The head reading stops at "de" and reads nothing; the pattern's place stands.
        let got = parse_dateline("Rio de Janeiro, March 3 (Reuters) - Brazil").unwrap();
        assert_eq!((got.reach, got.place_text()), (Reach::Complete, "Rio de Janeiro"));
        assert!(!got.head_words);
        assert_eq!(got.month_day, MonthDay::new(3, 3));
        let got = parse_dateline("Berlin (dpa) - Germany").unwrap();
        assert_eq!(
            (got.reach, got.place_text(), got.code),
            (Reach::Complete, "Berlin", Some("dpa"))
        );
        let got = parse_dateline("WASHINGTON, March 3 - The Senate").unwrap();
        assert_eq!((got.reach, got.place_text()), (Reach::Complete, "WASHINGTON"));
        assert!(got.head_words);
        assert_eq!((got.month_day, got.separator), (MonthDay::new(3, 3), Some("-")));
    }

    #[test]
    fn the_place_is_a_range_of_the_text_read() {
        struct NoAgencies;
        impl Lexicon for NoAgencies {
            fn agency_end(&self, _: &str, _: &[Token], _: usize) -> Option<usize> {
                None
            }
        }
        let text = "TITLE\n\nNEW YORK, Feb 26 - Shares rose";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let got = read_dateline(text, 7, &tokens, 1, &NoAgencies).unwrap();
        assert_eq!((got.place.clone(), got.place_text()), (7..15, "NEW YORK"));
        assert_eq!(&text[got.end..], "Shares rose");
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
            "London - Belgium is launching a program.",
            "\"Shared obstacles, such as the unilateral actions (AP) - of",
            "Officials in the capital of the province of the state said on Tuesday (AP) - it",
            "",
        ];
        for text in cases {
            let got = parse_dateline(text);
            assert!(got.as_ref().is_none_or(|d| d.reach == Reach::PlaceOnly), "{text:?}");
            // Only a place in capitals before a comma or a date is read alone.
            let capitals_head = text.split([',', ' ']).next().is_some_and(is_capitals);
            if !capitals_head {
                assert_eq!(got, None, "{text:?}");
            }
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
