//! Title, body, date, agency and the agency's article id.
//!
//! In: a [`RawArticle`]. Out: [`MetaFields`]: the headline, the body without site
//! furniture, the publication date and where it came from, the canonical agency, the
//! agency's own article id, and the dateline's place. Each field family has its own
//! module of pure functions:
//!
//! - `title`: the headline (metadata, a text page's first line, or the first sentence);
//! - `furniture`: comment boxes, share bars, link lists, and the `News ID` line;
//! - the dateline (`TEHRAN, March 3 (IRNA) - ` at the start of a paragraph) is read by
//!   `extract::dateline`, the one reading the entity rules share; only a complete
//!   dateline gives a date, an agency code or a title's start here;
//! - `agency`: canonical agency names from `agencies.tsv`, sign-offs, file names;
//! - `date`: date formats, and the order in which sources of a date are trusted.
//!
//! People, places and countries are the entity extractor's job, not this module's.

mod agency;
pub(super) mod date;
mod furniture;
mod title;

use chrono::NaiveDate;

pub use self::agency::canonical_agency;
pub use self::date::parse_date_text;
pub use super::dateline::{parse_dateline, Dateline, MonthDay, Reach};
use super::DateSource;
use crate::discover::Format;
use crate::read::RawArticle;

/// A dateline is looked for at the start of this many paragraphs: it may follow a lead
/// paragraph, as on sites that print a summary first.
const DATELINE_PARAGRAPHS: usize = 3;

/// A date and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    /// The publication date.
    pub date: NaiveDate,
    /// Where it was found.
    pub source: DateSource,
}

/// The non-entity fields of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetaFields {
    /// Headline.
    pub title: String,
    /// Body without site furniture or the agency's sign-off; the dateline stays.
    pub body: String,
    /// Publication date.
    pub date: Option<FoundDate>,
    /// Canonical agency name.
    pub agency: Option<String>,
    /// The agency's own article id.
    pub news_id: Option<String>,
    /// The dateline's place in title case (`"New York"` for `NEW YORK, Feb 26 - `).
    pub dateline_place: Option<String>,
}

/// Extracts title, body, date, agency, news id and dateline place.
///
/// The agency comes from the metadata, else the dateline's code, else a sign-off at
/// the end of the body (`Reuter`), else a file name such as `imna-689019.txt`. The news
/// id comes from a `News ID 689019`-style line, else the metadata's id.
pub fn extract_meta(raw: &RawArticle) -> MetaFields {
    let meta = &raw.meta;
    let given_title = meta.title.as_deref().filter(|title| !title.trim().is_empty());
    let (title_line, text) = match (given_title, raw.format) {
        (Some(given), _) => (None, title::skip_repeated_title(&raw.text, given)),
        (None, Format::Text) => {
            title::split_title_line(&raw.text).map_or((None, ""), |(line, rest)| (Some(line), rest))
        }
        (None, _) => (None, raw.text.as_str()),
    };
    let stripped = furniture::strip(text);
    let mut body = stripped.body;
    let sign_off = agency::take_sign_off(&mut body);

    let dateline = body
        .split("\n\n")
        .take(DATELINE_PARAGRAPHS)
        .find_map(|paragraph| parse_dateline(paragraph).filter(Dateline::is_complete));
    let title = title::choose_title(given_title.or(title_line), &body, &raw.text);
    let published = meta.published.as_deref().map(|value| (value, meta.published_from));
    let date = date::find_date(published, &body, dateline.as_ref(), &raw.origin.path);
    let agency = meta
        .agency
        .as_deref()
        .and_then(agency::agency_name)
        .or_else(|| {
            dateline.as_ref().and_then(|dateline| dateline.code).and_then(agency::agency_name)
        })
        .or_else(|| sign_off.map(str::to_owned))
        .or_else(|| agency::agency_from_path(&raw.origin.path).map(str::to_owned));
    let news_id = stripped
        .news_id
        .or_else(|| meta.source_id.as_deref().map(str::trim).filter(|id| !id.is_empty()))
        .map(str::to_owned);
    let dateline_place = dateline.map(|dateline| dateline.place_title());

    MetaFields { title, body, date, agency, news_id, dateline_place }
}

/// `re.captures(text)`, without the cost of one when there is no match: `captures`
/// allocates its slots before it searches, and most lines match none of our patterns.
pub(super) fn captures<'h>(re: &regex::Regex, text: &'h str) -> Option<regex::Captures<'h>> {
    if re.is_match(text) {
        re.captures(text)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::read::{Meta, Origin};

    use crate::extract::SEED;

    fn article(path: &str, format: Format, text: &str, meta: Meta) -> RawArticle {
        RawArticle {
            origin: Origin { path: PathBuf::from(path), line: None },
            format,
            text: text.to_owned(),
            meta,
        }
    }

    #[test]
    fn the_seed_article() {
        let got =
            extract_meta(&article("seed/imna-689019.txt", Format::Text, SEED, Meta::default()));
        assert_eq!(got.title, "Relations with Iran reaching new highs");
        assert_eq!(got.agency.as_deref(), Some("IMNA"));
        assert_eq!(got.news_id.as_deref(), Some("689019"));
        assert_eq!(got.date, None);
        assert_eq!(got.dateline_place.as_deref(), Some("Iran"));
        for furniture in ["Your Comment", "You are replying to", "News ID", "689019"] {
            assert!(!got.body.contains(furniture), "{furniture:?} left in the body");
        }
        assert!(
            !got.body.contains("Relations with Iran reaching new highs"),
            "the title line stays in the body"
        );
        let prose: Vec<&str> = SEED.split("\n\n").skip(1).take(6).collect();
        assert_eq!(got.body.split("\n\n").collect::<Vec<_>>(), prose);
    }

    #[test]
    fn the_seed_path_does_not_decide_the_agency_when_the_dateline_does() {
        let text = SEED.replace("Iran (IMNA) - ", "TEHRAN, Sept. 19 (IRNA) - ");
        let got =
            extract_meta(&article("2023/imna-689019.txt", Format::Text, &text, Meta::default()));
        assert_eq!(got.agency.as_deref(), Some("IRNA"));
        assert_eq!(got.dateline_place.as_deref(), Some("Tehran"));
        assert_eq!(
            got.date,
            NaiveDate::from_ymd_opt(2023, 9, 19)
                .map(|date| FoundDate { date, source: DateSource::Dateline })
        );
    }

    #[test]
    fn a_reuters_page() {
        let text = "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the temporao will be late this year.\n Reuter\n";
        let got =
            extract_meta(&article("1987/02/26/reuters-1.txt", Format::Text, text, Meta::default()));
        assert_eq!(got.title, "BAHIA COCOA REVIEW");
        assert_eq!(got.agency.as_deref(), Some("Reuters"));
        assert_eq!(got.dateline_place.as_deref(), Some("Salvador"));
        assert_eq!(
            got.date,
            NaiveDate::from_ymd_opt(1987, 2, 26)
                .map(|date| FoundDate { date, source: DateSource::Path })
        );
        assert_eq!(
            got.body,
            "SALVADOR, Feb 26 - Showers continued throughout the week in\nthe Bahia cocoa zone.\n    The dry period means the temporao will be late this year."
        );
    }

    #[test]
    fn a_json_article_uses_its_metadata() {
        let meta = Meta {
            title: Some("Iran, Russia sign pact".to_owned()),
            published: Some("2023-09-19T01:00:00+03:30".to_owned()),
            published_from: None,
            agency: Some("The Tehran Times".to_owned()),
            url: None,
            source_id: Some(" tt-42 ".to_owned()),
        };
        let text = "Iran, Russia sign pact\n\nTEHRAN (AP) — Iran and Russia signed a pact.\n\nShare\n\nTags: Iran, Russia";
        let got = extract_meta(&article("2021/01/01/a.json", Format::Json, text, meta));
        assert_eq!(got.title, "Iran, Russia sign pact");
        assert_eq!(got.body, "TEHRAN (AP) — Iran and Russia signed a pact.");
        assert_eq!(got.agency.as_deref(), Some("The Tehran Times"));
        assert_eq!(got.news_id.as_deref(), Some("tt-42"));
        assert_eq!(
            got.date,
            NaiveDate::from_ymd_opt(2023, 9, 18)
                .map(|date| FoundDate { date, source: DateSource::Metadata })
        );
    }

    #[test]
    fn agencies_come_from_datelines_and_sign_offs_of_every_style() {
        let cases = [
            ("TEHRAN, March 3 (IRNA) - Text.", "IRNA"),
            ("WASHINGTON (AP) — Text.", "Associated Press"),
            ("BEIJING, March 3 (Xinhua) -- Text.", "Xinhua"),
            ("MOSCOW, March 3. /TASS/. Text.", "TASS"),
            ("TEHRAN, Mar. 03 (MNA) – Text.", "Mehr News Agency"),
            ("(ANSA) - ROME, MAR 3 - Text.", "ANSA"),
            ("TOKYO, March 3 Kyodo - Text.", "Kyodo"),
            ("Berlin (dpa) - Text.", "dpa"),
            ("Madrid, Mar 3 (EFE).- Text.", "EFE"),
            ("ANKARA (AA) - Text.", "Anadolu"),
            ("SEOUL, March 3 (Yonhap) -- Text.", "Yonhap"),
            ("New Delhi, Mar 3 (PTI) Text.", "PTI"),
            ("Iran (IMNA) - Text.", "IMNA"),
            ("PARIS, March 3 (CNN) - Text.", "CNN"),
            ("Text without a dateline.\n-- AFP", "Agence France-Presse"),
        ];
        for (body, want) in cases {
            let got = extract_meta(&article("a.json", Format::Json, body, Meta::default()));
            assert_eq!(got.agency.as_deref(), Some(want), "{body:?}");
        }
    }

    #[test]
    fn agencies_are_never_read_from_prose() {
        let text =
            "Title\n\nThe minister said (AP) - nothing. AP and AA reported it, Reuters said.";
        let got = extract_meta(&article("notes.txt", Format::Text, text, Meta::default()));
        assert_eq!(got.agency, None);
        assert_eq!(got.dateline_place, None);
    }

    #[test]
    fn a_blank_metadata_title_falls_back_to_the_title_line() {
        let meta = Meta { title: Some("  ".to_owned()), ..Meta::default() };
        let got = extract_meta(&article("a.txt", Format::Text, "Headline\n\nBody text.", meta));
        assert_eq!(got.title, "Headline");
        assert_eq!(got.body, "Body text.");
    }

    #[test]
    fn a_headline_repeated_at_the_top_of_an_html_body_is_dropped() {
        let meta = Meta { title: Some("Iran, Russia sign pact".to_owned()), ..Meta::default() };
        let text = "IRAN, RUSSIA SIGN PACT\n\nRelated news\nOil prices rise\n\nThe pact was signed on Tuesday.";
        let got = extract_meta(&article("a.html", Format::Html, text, meta));
        assert_eq!(got.body, "The pact was signed on Tuesday.");
    }

    #[test]
    fn empty_text_gives_empty_fields() {
        let got = extract_meta(&article("a.txt", Format::Text, "", Meta::default()));
        assert_eq!(got, MetaFields::default());
    }
}
