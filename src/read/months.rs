//! Month names: the one table both the web page reader and the text extractor read a
//! written month through (`4. Mai 2020` on a page, `Sept. 19, 2023` in a text).
//!
//! The extractor reads English only: its dates and datelines come from English wire
//! text, where "Mai" or "mars" are more often a word than a month.

/// English month names and abbreviations, with their month number.
const ENGLISH: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

/// Month names and abbreviations of German, French, Spanish, Italian, Portuguese and
/// Dutch that are not English ones, with their month number.
const OTHER: &[(&str, u32)] = &[
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("februari", 2),
    ("märz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// Which languages' month names to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Languages {
    /// English alone.
    English,
    /// English, German, French, Spanish, Italian, Portuguese and Dutch.
    European,
}

impl Languages {
    fn names(self) -> impl Iterator<Item = &'static (&'static str, u32)> {
        let other: &[(&str, u32)] = match self {
            Languages::English => &[],
            Languages::European => OTHER,
        };
        ENGLISH.iter().chain(other)
    }

    /// The month names as a regex alternation, longest first, so that a name is not
    /// cut to a shorter one (`sept` before `sep`); case is the pattern's to ignore.
    pub(crate) fn pattern(self) -> String {
        let mut names: Vec<&str> = self.names().map(|(name, _)| *name).collect();
        names.sort_by_key(|name| std::cmp::Reverse(name.chars().count()));
        names.join("|")
    }

    /// The month number of a name in any case (`"Sept"` → 9), if it is one of these.
    pub(crate) fn month(self, name: &str) -> Option<u32> {
        let name = name.to_lowercase();
        self.names().find(|(known, _)| *known == name).map(|(_, month)| *month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_give_their_months_in_their_languages() {
        assert_eq!(Languages::English.month("Sept"), Some(9));
        assert_eq!(Languages::English.month("MAR"), Some(3));
        assert_eq!(Languages::English.month("Mai"), None);
        assert_eq!(Languages::European.month("Mai"), Some(5));
        assert_eq!(Languages::European.month("décembre"), Some(12));
        assert_eq!(Languages::European.month("Sep"), Some(9));
        assert_eq!(Languages::English.month("Septem"), None);
    }

    #[test]
    fn longer_names_come_first() {
        let pattern = Languages::English.pattern();
        let at = |name: &str| pattern.split('|').position(|n| n == name).unwrap();
        assert!(at("september") < at("sept") && at("sept") < at("sep"), "{pattern}");
    }
}
