//! Stories: which articles are copies of one text (wire copies, the agency's updates,
//! truncated and re-headlined republications), as pure functions of article bodies.
//!
//! In: article bodies. Out: a [`Shingles`] set per body, the few of its hashes that the
//! index stores as terms ([`Shingles::sketch`]), a verdict on a pair ([`same_story`]),
//! groups of verified pairs ([`Groups`]) and the lead of a group ([`lead`]). This module
//! does not touch the index: finding candidates through the stored terms and rewriting
//! the members of a changed story is [`crate::index`]'s side, when to do it is the
//! indexing run's ([`crate::ingest`]).
//!
//! How copies are found, and why this way:
//!
//! - A body becomes a set of word 4-shingles (hashes of four consecutive words) after a
//!   normalisation that undoes what outlets change without changing the story: case
//!   (an all-capitals copy), punctuation and typographic quotes, `U.S.` / `US`, house
//!   style (`13.5 mln dlrs`, `$13.5 million`; `5 pct`, `5%`). Four words, not five: every
//!   edit (a changed figure, a typo) costs four shingles instead of five, and four words
//!   are still specific enough that unrelated articles share few.
//! - Candidates come from the index, not from memory: every shingle whose hash is a
//!   multiple of [`SAMPLE_EVERY`] is stored as a term, with one more term for the whole
//!   text. The sample depends on the text alone (not on which articles came first), so two
//!   articles sharing a passage share about a quarter of its shingles as terms whatever the
//!   order of indexing, and a later run finds them with term lookups. MinHash bands, the
//!   usual alternative, estimate Jaccard similarity, which is low for exactly the copies
//!   that matter here (a lede-only brief of a long story shares a tenth of its shingles);
//!   a content-defined sample estimates shared passages directly.
//! - A candidate pair is verified on the full shingle sets ([`same_story`]): the smaller
//!   text must lie mostly inside the larger ([`MIN_CONTAINMENT`]; truncation, a lede-only
//!   brief, an added local paragraph, an update with new paragraphs on top), and what they
//!   share must be a real part of the larger too ([`MIN_SHARE_OF_LARGER`]) unless the
//!   smaller is the larger's opening (a brief). A roundup made of halves of two stories
//!   lies half in each, and is kept apart; so is another article on the same topic, which
//!   shares names and phrases but not passages.
//! - A story is a connected group of verified pairs; its id is its earliest article's id
//!   (by date, undated last, then by id), so ids do not depend on the order of indexing.

use chrono::NaiveDate;

use crate::extract::Article;

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;

/// One shingle in this many (by hash) is stored as a term to find candidates by.
pub const SAMPLE_EVERY: u64 = 4;

/// Terms two articles must share to be compared (the whole-text term counts as this many
/// on its own).
pub const MIN_SHARED_TERMS: u32 = 2;

/// The share of the smaller text's sketch terms that a candidate must share to be
/// verified at all: below the verdict's threshold, for the sample's noise, and far above
/// what boilerplate phrases give two unrelated articles (most of the cost of grouping
/// was verifying those).
pub const MIN_SHARED_SKETCH: f64 = 0.4;

/// The share of the smaller text's shingles that must be in the larger.
pub const MIN_CONTAINMENT: f64 = 0.6;

/// The share of the larger text's shingles that the pair must share, unless the smaller
/// text is the larger's opening.
pub const MIN_SHARE_OF_LARGER: f64 = 0.3;

/// Shingles of the larger text's opening that decide whether the smaller is a brief of it.
const OPENING_SHINGLES: usize = 20;

/// Texts with fewer shingles than this are grouped only with the very same text: a
/// sentence or two shares too much by chance with unrelated articles.
pub const MIN_SHINGLES: usize = 8;

/// The word hashes of a body, normalised.
fn words(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    // Runs of one-letter tokens are one word: `U.S.` and `US` are the same.
    let mut letters = String::new();
    let flush = |letters: &mut String, out: &mut Vec<u64>| {
        if !letters.is_empty() {
            out.push(word_hash(letters));
            letters.clear();
        }
    };
    for token in text.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()) {
        let lower = token.to_lowercase();
        if lower.chars().count() == 1 && lower.chars().all(char::is_alphabetic) {
            letters.push_str(&lower);
            continue;
        }
        flush(&mut letters, &mut out);
        match house_style(&lower) {
            Some("") => {}
            Some(word) => out.push(word_hash(word)),
            None => out.push(word_hash(&lower)),
        }
    }
    flush(&mut letters, &mut out);
    out
}

/// Wire abbreviations and the words outlets write for them, as one word, or none for
/// unit words that some copies leave out (`$13.5 million` against `13.5 mln dlrs`).
fn house_style(word: &str) -> Option<&'static str> {
    Some(match word {
        "mln" | "million" => "million",
        "bln" | "billion" => "billion",
        "pct" | "percent" | "dlrs" | "dlr" | "dollars" | "dollar" => "",
        _ => return None,
    })
}

fn word_hash(word: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(word.as_bytes())
}

/// Mixes a word into a running shingle hash (splitmix64's finaliser).
fn mix(hash: u64, word: u64) -> u64 {
    let mut z = hash.rotate_left(23) ^ word;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The shingles of one body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shingles {
    /// In text order, for the opening.
    sequence: Vec<u64>,
    /// Sorted, without repeats.
    set: Vec<u64>,
    /// A hash of every word in order; 0 for a text without words.
    whole: u64,
}

impl Shingles {
    /// The shingles of `body`.
    pub fn of(body: &str) -> Shingles {
        let words = words(body);
        if words.is_empty() {
            return Shingles::default();
        }
        let width = SHINGLE_WORDS.min(words.len());
        let sequence: Vec<u64> =
            words.windows(width).map(|w| w.iter().fold(0, |h, &word| mix(h, word))).collect();
        let mut set = sequence.clone();
        set.sort_unstable();
        set.dedup();
        // Never 0, which stands for "no text".
        let whole = words.iter().fold(0x5eed, |h, &word| mix(h, word)) | 1;
        Shingles { sequence, set, whole }
    }

    /// Distinct shingles.
    pub fn len(&self) -> usize {
        self.set.len()
    }

    /// A text without words.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty()
    }

    /// The terms the index stores to find this text's copies by: the sampled shingles and
    /// the whole text ([`Sketch`]).
    pub fn sketch(&self) -> Sketch {
        let sampled = self.set.iter().copied().filter(|h| h % SAMPLE_EVERY == 0).collect();
        Sketch { sampled, whole: (!self.is_empty()).then_some(self.whole) }
    }

    fn shared(&self, other: &Shingles) -> usize {
        let (mut a, mut b) = (self.set.iter().peekable(), other.set.iter().peekable());
        let mut shared = 0;
        while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
            match x.cmp(y) {
                std::cmp::Ordering::Less => {
                    a.next();
                }
                std::cmp::Ordering::Greater => {
                    b.next();
                }
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    a.next();
                    b.next();
                }
            }
        }
        shared
    }

    /// Whether most of this text's opening is in `other`.
    fn opening_in(&self, other: &Shingles) -> bool {
        let opening = &self.sequence[..self.sequence.len().min(OPENING_SHINGLES)];
        let inside = opening.iter().filter(|h| other.set.binary_search(h).is_ok()).count();
        inside as f64 >= MIN_CONTAINMENT * opening.len() as f64
    }
}

/// What the index stores of a text to find its copies by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    /// The shingles whose hash is a multiple of [`SAMPLE_EVERY`].
    pub sampled: Vec<u64>,
    /// The whole text; `None` for a text without words.
    pub whole: Option<u64>,
}

impl Sketch {
    /// Every term, the whole text last.
    pub fn terms(&self) -> impl Iterator<Item = u64> + '_ {
        self.sampled.iter().copied().chain(self.whole)
    }
}

/// Whether two texts are copies of one story.
pub fn same_story(a: &Shingles, b: &Shingles) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.whole == b.whole {
        return true;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.len() < MIN_SHINGLES {
        return false;
    }
    let shared = small.shared(large) as f64;
    shared >= MIN_CONTAINMENT * small.len() as f64
        && (shared >= MIN_SHARE_OF_LARGER * large.len() as f64 || large.opening_in(small))
}

/// Groups of items joined by pairs (union-find with path halving), items numbered from 0.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    /// `n` items, each alone.
    pub fn new(n: usize) -> Groups {
        Groups { parent: (0..n).collect() }
    }

    /// The representative of `item`'s group.
    pub fn find(&mut self, mut item: usize) -> usize {
        while self.parent[item] != item {
            self.parent[item] = self.parent[self.parent[item]];
            item = self.parent[item];
        }
        item
    }

    /// Puts `a` and `b` in one group.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }
}

/// Orders articles as the lead of a story is chosen: earliest date first, undated last,
/// then by id.
pub fn lead_order(
    a: (Option<NaiveDate>, &str),
    b: (Option<NaiveDate>, &str),
) -> std::cmp::Ordering {
    let key = |(date, id): (Option<NaiveDate>, &str)| (date.is_none(), date, id.to_owned());
    key(a).cmp(&key(b))
}

/// The id of a story's lead among `members` (date, id): its earliest article.
pub fn lead<'a>(
    members: impl IntoIterator<Item = (Option<NaiveDate>, &'a str)>,
) -> Option<&'a str> {
    members.into_iter().min_by(|&a, &b| lead_order(a, b)).map(|(_, id)| id)
}

/// Who published an article: the site of its URL, else its agency.
pub fn outlet(article: &Article) -> Option<String> {
    let site = article.url.as_deref().and_then(|url| {
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
        let host = host.strip_prefix("www.").unwrap_or(host);
        (!host.is_empty()).then(|| host.to_lowercase())
    });
    site.or_else(|| article.agency.clone())
}

/// How a copy differs from its story's lead, in paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Difference {
    /// Paragraphs of the copy that are not in the lead (an outlet's own, an update's).
    pub adds: usize,
    /// Paragraphs of the lead that are not in the copy (cut).
    pub lacks: usize,
}

impl Difference {
    /// What `copy` adds to and lacks of `lead`, paragraph by paragraph: a paragraph is
    /// in the other text when most of its shingles are.
    pub fn between(lead: &str, copy: &str) -> Difference {
        let (lead_all, copy_all) = (Shingles::of(lead), Shingles::of(copy));
        let missing = |text: &str, other: &Shingles| {
            paragraphs(text)
                .map(|p| Shingles::of(&p))
                .filter(|p| !p.is_empty() && (p.shared(other) as f64) < 0.5 * p.len() as f64)
                .count()
        };
        Difference { adds: missing(copy, &lead_all), lacks: missing(lead, &copy_all) }
    }
}

/// The paragraphs of a body: runs of lines between blank lines.
fn paragraphs(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split('\n')
        .collect::<Vec<_>>()
        .into_iter()
        .fold(vec![String::new()], |mut out, line| {
            match out.last_mut() {
                Some(last) if !line.trim().is_empty() => {
                    last.push_str(line);
                    last.push('\n');
                }
                _ => {}
            }
            if line.trim().is_empty() && out.last().is_some_and(|p| !p.is_empty()) {
                out.push(String::new());
            }
            out
        })
        .into_iter()
        .filter(|p| !p.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "HOUSTON, Feb 26 - Texas Oil Co said it raised its crude oil \
        posted prices by 50 cts a barrel, effective today, bringing West Texas \
        Intermediate to 17.50 dlrs a barrel.\n\nThe company said the increase followed \
        similar moves by other producers this week, and that it expected demand from \
        refiners to stay firm into the spring.\n\nOfficials of the company declined to \
        say how long the higher postings would last, citing uncertainty about the \
        output policy of the Organization of Petroleum Exporting Countries. Reuter";

    const OTHER: &str = "NEW YORK, March 3 - Texas Oil Co said its first quarter profit \
        fell 12 pct on lower refining margins, and that it would cut its spending on \
        exploration this year by 80 mln dlrs.\n\nThe company said it expected crude oil \
        prices to recover in the second half, but gave no forecast for its earnings in \
        the period. Reuter";

    fn same(a: &str, b: &str) -> bool {
        same_story(&Shingles::of(a), &Shingles::of(b))
    }

    #[test]
    fn copies_in_another_case_and_house_style_are_one_story() {
        let caps = STORY.to_uppercase();
        assert!(same(STORY, &caps));
        let restyled =
            STORY.replace("17.50 dlrs", "$17.50").replace("Feb 26 -", "Feb 26 (Reuters) -");
        assert!(same(STORY, &restyled));
    }

    #[test]
    fn a_lede_only_brief_and_an_update_belong_to_the_story() {
        let lede = STORY.split("\n\n").next().unwrap();
        assert!(same(lede, STORY), "a brief of the opening");
        let update = format!(
            "HOUSTON, Feb 27 - Texas Oil Co extended its rise in posted prices to sour \
             grades on Friday, a day after raising the price of its light crude.\n\n{}",
            STORY.replacen("HOUSTON, Feb 26 - ", "", 1)
        );
        assert!(same(&update, STORY));
    }

    #[test]
    fn another_report_on_the_same_company_is_another_story() {
        assert!(!same(STORY, OTHER));
    }

    #[test]
    fn a_roundup_of_halves_of_two_stories_joins_neither() {
        let half = |text: &str| text.split("\n\n").take(1).collect::<Vec<_>>().join("\n\n");
        let roundup = format!("{}\n\n{}", half(STORY), half(OTHER));
        assert!(!same(&roundup, STORY) || !same(&roundup, OTHER), "not both at once");
    }

    #[test]
    fn short_texts_group_only_when_identical() {
        assert!(same("Markets closed.", "Markets closed."));
        assert!(!same("Markets closed early today.", "Markets closed early."));
        assert!(!same("", ""));
    }

    #[test]
    fn the_sketch_depends_on_the_text_alone() {
        let sketch = Shingles::of(STORY).sketch();
        assert_eq!(sketch, Shingles::of(STORY).sketch());
        assert!(!sketch.sampled.is_empty());
        assert!(sketch.sampled.iter().all(|h| h % SAMPLE_EVERY == 0));
        assert_eq!(Shingles::of("").sketch().terms().count(), 0);
    }

    #[test]
    fn the_lead_is_the_earliest_dated_article_then_the_smallest_id() {
        let day = |d| NaiveDate::from_ymd_opt(1987, 2, d);
        assert_eq!(lead([(day(27), "a"), (day(26), "b"), (None, "0")]), Some("b"));
        assert_eq!(lead([(day(26), "c"), (day(26), "b")]), Some("b"));
        assert_eq!(lead([(None, "c"), (None, "b")]), Some("b"));
    }

    #[test]
    fn a_copy_is_described_by_the_paragraphs_it_adds_and_lacks() {
        let cut = STORY.split("\n\n").take(2).collect::<Vec<_>>().join("\n\n");
        let local = format!("{cut}\n\nThe Valley Courier asked local drivers about the rise, and most of them expected higher pump prices by the summer.");
        assert_eq!(Difference::between(STORY, &local), Difference { adds: 1, lacks: 1 });
        assert_eq!(Difference::between(STORY, STORY), Difference::default());
    }

    #[test]
    fn the_outlet_is_the_site_else_the_agency() {
        let mut article = crate::extract::extract(&crate::read::RawArticle {
            origin: crate::read::Origin { path: "a.txt".into(), line: None },
            format: crate::discover::Format::Text,
            text: "Title\n\nCAIRO (Reuters) - Text.".into(),
            meta: Default::default(),
        });
        assert_eq!(outlet(&article).as_deref(), Some("Reuters"));
        article.url = Some("https://www.Courier.example/news/1?x".into());
        assert_eq!(outlet(&article).as_deref(), Some("courier.example"));
    }

    #[test]
    fn groups_join_transitively() {
        let mut groups = Groups::new(4);
        groups.join(3, 1);
        groups.join(1, 2);
        assert_eq!(groups.find(3), groups.find(2));
        assert_ne!(groups.find(0), groups.find(2));
    }
}
