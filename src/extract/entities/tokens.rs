//! Tokens of an article, with the case and position facts the entity rules read.
//!
//! In: text. Out: [`Token`]s (byte spans, kind, shape, flags) and the lowercase *key
//! stream* the gazetteer matcher runs over. Words keep their inner apostrophes and
//! periods of abbreviations ("O'Gorman", "U.S.", "Calif."); hyphens, dashes and other
//! punctuation are tokens of their own, and a possessive `'s` is split off. This module
//! knows nothing of gazetteers: it only says where words are and how they are written.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters (and inner apostrophes, abbreviation periods).
    Word,
    /// Starts with a digit ("1996-08-30", "5.93", "1980s").
    Number,
    /// One punctuation character, or the possessive `'s`.
    Punct,
}

/// How a word is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with a lowercase letter ("said", "al").
    Lower,
    /// Starts with a capital and has lowercase letters ("Iran", "McCague").
    Capitalized,
    /// Has letters, all capitals ("IRNA", "U.S.", "A.").
    Upper,
    /// No letters (numbers, punctuation).
    None,
}

/// First word of a sentence: its capital says nothing about it being a name.
pub const SENTENCE_START: u8 = 1;
/// On a line written all in capitals, or the title in headline case: case says nothing.
pub const CASELESS: u8 = 2;
/// No space between this token and the previous one ("Guinea-Bissau", "Shoigu's").
pub const GLUED: u8 = 4;
/// First token of a line.
pub const LINE_START: u8 = 8;
/// First token of a paragraph (after a blank line, or of the text).
pub const PARAGRAPH_START: u8 = 16;

/// One token: a byte span of the text and what the rules need to know about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
    /// Word, number or punctuation.
    pub kind: Kind,
    /// Capitalisation of a word.
    pub shape: Shape,
    /// Bit set of [`SENTENCE_START`], [`CASELESS`], [`GLUED`], [`LINE_START`],
    /// [`PARAGRAPH_START`].
    pub flags: u8,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start as usize..self.end as usize]
    }

    /// Is `flag` set?
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// A word starting with a capital (or all capitals).
    pub fn is_capitalized(&self) -> bool {
        self.kind == Kind::Word && matches!(self.shape, Shape::Capitalized | Shape::Upper)
    }

    /// Is this the punctuation character `c`?
    pub fn is_punct(&self, text: &str, c: char) -> bool {
        self.kind == Kind::Punct
            && self.text(text).starts_with(c)
            && self.text(text).len() == c.len_utf8()
    }
}

/// Words whose following period belongs to them ("Mr.", "Gen.", "Calif.", "ST. LOUIS"):
/// the period then ends no sentence. Only capitalised words count, so "mass." at a
/// sentence end stays a word and a period.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt",
    "Cpl", "Pvt", "Adm", "Brig", "Rev", "Gov", "Sen", "Rep", "Hon", "Pres", "Jan", "Feb", "Mar",
    "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Corp", "Inc", "Ltd", "Co",
    "Bros", "Ave", "Mt", "Ft", "Calif", "Cal", "Ala", "Ariz", "Ark", "Colo", "Conn", "Del", "Fla",
    "Ga", "Ill", "Ind", "Kan", "Kans", "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo",
    "Mont", "Neb", "Nebr", "Nev", "Okla", "Ore", "Oreg", "Pa", "Penn", "Tenn", "Tex", "Vt", "Va",
    "Wash", "Wis", "Wisc", "Wyo", "Dept", "Univ", "vs",
];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The char starting at byte `i` of `text` (which must be a char boundary), or `None` at
/// the end.
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        text[i..].chars().next()
    }
}

/// Splits `text` into tokens, appending to `out` (which is cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Token>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut newlines_before = 2; // the text's start counts as a paragraph start
    let mut space_before = true;
    while let Some(c) = char_at(text, i) {
        if c.is_whitespace() {
            if c == '\n' {
                newlines_before += 1;
            }
            space_before = true;
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let kind = if c.is_ascii_digit() {
            i = scan_number(text, i);
            Kind::Number
        } else if is_word_char(c) {
            i = scan_word(text, i);
            Kind::Word
        } else if is_apostrophe(c)
            && !space_before
            && matches!(bytes.get(i + c.len_utf8()), Some(b's' | b'S'))
            && !char_at(text, i + c.len_utf8() + 1).is_some_and(is_word_char)
        {
            i += c.len_utf8() + 1;
            Kind::Punct
        } else {
            i += c.len_utf8();
            Kind::Punct
        };
        let mut flags = 0;
        if !space_before {
            flags |= GLUED;
        }
        if newlines_before > 0 {
            flags |= LINE_START;
        }
        if newlines_before > 1 {
            flags |= PARAGRAPH_START;
        }
        let token_text = &text[start..i];
        out.push(Token {
            start: start as u32,
            end: i as u32,
            kind,
            shape: shape_of(token_text),
            flags,
        });
        newlines_before = 0;
        space_before = false;
    }
    mark_sentence_starts(text, out);
    mark_caseless_lines(out);
}

fn scan_number(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i += 1;
        } else if matches!(b, b'.' | b',' | b':' | b'/' | b'-')
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)
        {
            i += 2;
        } else {
            break;
        }
    }
    i
}

fn scan_word(text: &str, start: usize) -> usize {
    let mut i = start;
    while let Some(c) = char_at(text, i) {
        if is_word_char(c) {
            i += c.len_utf8();
        } else if is_apostrophe(c) {
            // An inner apostrophe ("O'Gorman", "d'Ivoire"), but not a possessive 's.
            let after = i + c.len_utf8();
            let next = char_at(text, after);
            let possessive = matches!(next, Some('s' | 'S'))
                && !char_at(text, after + 1).is_some_and(is_word_char);
            if next.is_some_and(char::is_alphabetic) && !possessive {
                i = after;
            } else {
                break;
            }
        } else {
            break;
        }
    }
    if char_at(text, i) != Some('.') {
        return i;
    }
    let word = &text[start..i];
    // "U.S.", "N.J.", "W.Va.": short letter groups each closed by a period.
    if let Some(end) = scan_dotted(text, start) {
        return end;
    }
    // An initial ("A.") or a known abbreviation ("Calif.") keeps its period.
    let single_capital = word.len() == 1 && word.as_bytes()[0].is_ascii_uppercase();
    let capitalised = word.as_bytes()[0].is_ascii_uppercase();
    if single_capital || (capitalised && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)))
    {
        return i + 1;
    }
    i
}

/// The end of a dotted abbreviation starting at `start` ("U.S.", "W.Va.", "U.S.S.R."), if
/// there is one: at least two groups of one to three letters, each closed by a period, the
/// first group a single letter, not running on into a word.
fn scan_dotted(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut i, mut groups, mut end) = (start, 0, start);
    loop {
        let group_start = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let len = i - group_start;
        let fits = (1..=3).contains(&len) && (groups > 0 || len == 1);
        if !fits || bytes.get(i) != Some(&b'.') {
            break;
        }
        i += 1;
        groups += 1;
        end = i;
    }
    (groups >= 2 && !char_at(text, end).is_some_and(is_word_char)).then_some(end)
}

fn shape_of(word: &str) -> Shape {
    let mut letters = 0;
    let mut upper = 0;
    let mut first = None;
    for c in word.chars() {
        if c.is_alphabetic() {
            letters += 1;
            if c.is_uppercase() {
                upper += 1;
            }
            if first.is_none() {
                first = Some(c.is_uppercase());
            }
        }
    }
    match first {
        None => Shape::None,
        Some(false) => Shape::Lower,
        Some(true) if upper == letters => Shape::Upper,
        Some(true) => Shape::Capitalized,
    }
}

/// A sentence starts at a paragraph, after `.`, `!`, `?` or `:` (past closing quotes and
/// brackets), and after a line that ends with such a mark.
fn mark_sentence_starts(text: &str, tokens: &mut [Token]) {
    let mut boundary = true;
    for t in tokens.iter_mut() {
        if t.has(PARAGRAPH_START) {
            boundary = true;
        }
        if t.kind == Kind::Punct {
            let s = t.text(text);
            if matches!(s, "." | "!" | "?" | ":" | ";" | "\u{2026}") {
                boundary = true;
            } else if !matches!(
                s,
                "\"" | "'" | "\u{201c}" | "\u{201d}" | "(" | ")" | "-" | "\u{2014}" | "\u{2013}"
            ) {
                boundary = false;
            }
            continue;
        }
        if boundary {
            t.flags |= SENTENCE_START;
        }
        boundary = false;
    }
}

/// A line whose words are mostly capitals ("BAHIA COCOA REVIEW") says nothing through case.
fn mark_caseless_lines(tokens: &mut [Token]) {
    let mut line_start = 0;
    for i in 0..=tokens.len() {
        if i == tokens.len() || (i > line_start && tokens[i].has(LINE_START)) {
            let line = &mut tokens[line_start..i];
            let (mut words, mut upper) = (0, 0);
            for t in line.iter() {
                if t.kind == Kind::Word && t.end - t.start > 1 {
                    words += 1;
                    if t.shape == Shape::Upper {
                        upper += 1;
                    }
                }
            }
            if words >= 2 && upper * 10 >= words * 7 {
                for t in line.iter_mut() {
                    t.flags |= CASELESS;
                }
            }
            line_start = i;
        }
    }
}

/// Marks every token of `tokens[..end]` caseless when they are all capitalised words (a
/// headline in title case: "Iran Says It Will Raise Output").
pub fn mark_title_case(tokens: &mut [Token], end: usize) {
    let head = &mut tokens[..end];
    let words: Vec<bool> =
        head.iter().filter(|t| t.kind == Kind::Word).map(|t| t.shape != Shape::Lower).collect();
    if words.len() >= 3 && words.iter().all(|&cap| cap) {
        for t in head.iter_mut() {
            t.flags |= CASELESS;
        }
    }
}

/// Writes the key stream of `tokens` into `stream`: each token lowercased and wrapped in
/// single spaces (" iran  (  irna  ) "), so a gazetteer key written the same way can only
/// match whole tokens. `starts[i]` receives the stream offset of token `i`.
pub fn key_stream(text: &str, tokens: &[Token], stream: &mut String, starts: &mut Vec<u32>) {
    stream.clear();
    starts.clear();
    for t in tokens {
        starts.push(stream.len() as u32);
        stream.push(' ');
        push_key(t.text(text), stream);
        stream.push(' ');
    }
}

/// Appends the matching key of one token: lowercase, curly apostrophes and dashes
/// made plain.
pub fn push_key(token: &str, out: &mut String) {
    if token.is_ascii() {
        out.extend(token.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for c in token.chars() {
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            '\u{2013}' | '\u{2014}' => out.push('-'),
            _ => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        tokens.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn splits_words_abbreviations_and_possessives() {
        let cases: &[(&str, &[&str])] = &[
            ("Shoigu's visit", &["Shoigu", "'s", "visit"]),
            ("Russia\u{2019}s readiness", &["Russia", "\u{2019}s", "readiness"]),
            ("the U.S. and U.K.", &["the", "U.S.", "and", "U.K."]),
            ("James A. Baker", &["James", "A.", "Baker"]),
            ("Tim O'Gorman, 109", &["Tim", "O'Gorman", ",", "109"]),
            ("Guinea-Bissau", &["Guinea", "-", "Bissau"]),
            ("Fresno, Calif., said", &["Fresno", ",", "Calif.", ",", "said"]),
            ("Charleston, W.Va. today", &["Charleston", ",", "W.Va.", "today"]),
            ("U.S.-Japan talks", &["U.S.", "-", "Japan", "talks"]),
            ("LONDON 1996-08-30", &["LONDON", "1996-08-30"]),
            ("rose 5.93 mln", &["rose", "5.93", "mln"]),
            ("Côte d'Ivoire", &["Côte", "d'Ivoire"]),
            ("ST. LOUIS, March 3", &["ST.", "LOUIS", ",", "March", "3"]),
            ("end of mass. The", &["end", "of", "mass", ".", "The"]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "{text}");
        }
    }

    #[test]
    fn shapes_and_flags() {
        let text = "TEHRAN, Sept. 19 (IRNA) - Shoigu said.\nHe left.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let find = |w: &str| *tokens.iter().find(|t| t.text(text) == w).expect("token present");
        assert_eq!(find("TEHRAN").shape, Shape::Upper);
        assert!(find("TEHRAN").has(SENTENCE_START | PARAGRAPH_START));
        assert_eq!(find("Shoigu").shape, Shape::Capitalized);
        assert!(!find("Shoigu").has(SENTENCE_START));
        assert_eq!(find("said").shape, Shape::Lower);
        assert!(find("He").has(SENTENCE_START) && find("He").has(LINE_START));
        assert_eq!(find("Sept.").kind, Kind::Word);
    }

    #[test]
    fn capital_lines_are_caseless() {
        let text = "BAHIA COCOA REVIEW\n\nShowers continued in Bahia.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        assert!(tokens[0].has(CASELESS) && tokens[2].has(CASELESS));
        assert!(tokens[3..].iter().all(|t| !t.has(CASELESS)));
    }

    #[test]
    fn title_case_headline_is_caseless() {
        let text = "Iran Says It Will Raise Output";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        mark_title_case(&mut tokens, 6);
        assert!(tokens.iter().all(|t| t.has(CASELESS)));
        let text = "Relations with Iran reaching new highs";
        tokenize(text, &mut tokens);
        mark_title_case(&mut tokens, 6);
        assert!(tokens.iter().all(|t| !t.has(CASELESS)));
    }

    #[test]
    fn key_stream_wraps_each_token() {
        let text = "Côte d\u{2019}Ivoire, USA";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let (mut stream, mut starts) = (String::new(), Vec::new());
        key_stream(text, &tokens, &mut stream, &mut starts);
        assert_eq!(stream, " côte  d'ivoire  ,  usa ");
        assert_eq!(starts, [0, 7, 17, 20]);
    }
}
