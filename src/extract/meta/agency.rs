//! News agencies: one canonical name per agency, whatever the source calls it.
//!
//! In: a name as written (metadata, a dateline code, a sign-off line, a file name).
//! Out: the agency's canonical name from the table in `agencies.tsv` (data, not code),
//! matched exactly on a whole alias, ignoring case and runs of spaces. There is no fuzzy
//! matching and no search in prose: an agency is only taken from a place where a name
//! of an agency is expected.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// The agency table, compiled in.
const TABLE_TSV: &str = include_str!("agencies.tsv");

/// The agency table: alias key (lower case, single spaces) → canonical name.
static TABLE: LazyLock<Table> = LazyLock::new(|| {
    parse_table(TABLE_TSV).expect("agencies.tsv is compiled in and checked by a unit test")
});

/// Canonical names by alias.
struct Table {
    by_alias: HashMap<String, &'static str>,
    /// The longest alias key in bytes: longer names are turned down without a lookup.
    longest: usize,
}

/// Reads the agency table: `canonical<TAB>alias<TAB>alias…` per line, `#` comments.
/// Fails on an alias that would name two agencies.
fn parse_table(tsv: &'static str) -> Result<Table, String> {
    let mut by_alias = HashMap::new();
    let rows = tsv.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'));
    for row in rows {
        let mut fields = row.split('\t').map(str::trim).filter(|field| !field.is_empty());
        let Some(canonical) = fields.next() else { continue };
        for alias in std::iter::once(canonical).chain(fields) {
            if let Some(other) = by_alias.insert(alias_key(alias), canonical) {
                if other != canonical {
                    return Err(format!("alias {alias:?} names both {other:?} and {canonical:?}"));
                }
            }
        }
    }
    let longest = by_alias.keys().map(String::len).max().unwrap_or(0);
    Ok(Table { by_alias, longest })
}

/// The lookup key of a name: lower case, whitespace runs collapsed to one space.
fn alias_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// The canonical name of an agency from any of its aliases (`"REUTER"` → `"Reuters"`,
/// `"MNA"` → `"Mehr News Agency"`), or `None` when the name is not in the table.
pub fn canonical_agency(name: &str) -> Option<&'static str> {
    let name = name.trim();
    // Twice the longest alias leaves room for runs of spaces, which the key collapses.
    if name.len() > 2 * TABLE.longest {
        return None;
    }
    TABLE.by_alias.get(&alias_key(name)).copied()
}

/// The agency for a name the source gives explicitly (a metadata field, a dateline
/// code): its canonical name when the table knows it, else the name as written with
/// its spaces tidied (a site name such as "The Tehran Times" is kept, not dropped).
/// `None` when the name is blank.
pub(super) fn agency_name(written: &str) -> Option<String> {
    if let Some(canonical) = canonical_agency(written) {
        return Some(canonical.to_owned());
    }
    let tidy = written.split_whitespace().collect::<Vec<_>>().join(" ");
    (!tidy.is_empty()).then_some(tidy)
}

/// The agency a sign-off names: a line that holds only an agency, possibly wrapped the
/// way wires sign off (`Reuter`, `REUTER...`, `(AP)`, `-- AFP`, `— AP`, `/TASS/`).
fn sign_off_agency(line: &str) -> Option<&'static str> {
    let core = line.trim().trim_end_matches(['.', '…']).trim_end();
    let core = core.trim_start_matches(['-', '—', '–']).trim_start();
    let core = unwrap(core, '(', ')').or_else(|| unwrap(core, '/', '/')).unwrap_or(core);
    canonical_agency(core)
}

/// `inner` when `s` is `open inner close`.
fn unwrap(s: &str, open: char, close: char) -> Option<&str> {
    s.strip_prefix(open)?.strip_suffix(close)
}

/// Takes the agency sign-off off the end of a body and returns the agency it names.
///
/// Two forms are recognised: a last line that is only a sign-off (`Reuter`), which is
/// removed with the blank lines before it, and a sign-off run into the end of the last
/// sentence (`… SAO SIMAO NIL. REUTER`), which is cut off that line. A last sentence
/// that merely ends with an agency's name ("…, he told Reuters.") is prose and stays.
pub(super) fn take_sign_off(body: &mut String) -> Option<&'static str> {
    let end = body.trim_end().len();
    let start = body[..end].rfind('\n').map_or(0, |newline| newline + 1);
    let last = &body[start..end];
    if let Some(agency) = sign_off_agency(last) {
        body.truncate(start);
        body.truncate(body.trim_end().len());
        return Some(agency);
    }
    let (head, token) = last.rsplit_once(char::is_whitespace)?;
    let head = head.trim_end();
    if !head.ends_with(['.', '!', '?', '"', '”']) {
        return None;
    }
    let agency = sign_off_agency(token)?;
    body.truncate(start + head.len());
    Some(agency)
}

/// The agency a file name starts with, for archives that name files
/// `<agency>-<number>` (`reuters-1234.txt`, `imna-689019.txt`). Two-letter codes are not
/// trusted here: `ap-…` or `aa-…` may well mean something else.
pub(super) fn agency_from_path(path: &Path) -> Option<&'static str> {
    let stem = path.file_stem()?.to_str()?;
    let (prefix, rest) = stem.split_once(['-', '_'])?;
    if prefix.chars().count() <= 2 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    canonical_agency(prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_no_alias_names_two_agencies() {
        let table = parse_table(TABLE_TSV).unwrap();
        let agencies: std::collections::HashSet<_> = table.by_alias.values().collect();
        assert!(agencies.len() >= 50, "only {} agencies", agencies.len());
        assert!(parse_table("A\tX\nB\tx\n").is_err());
    }

    #[test]
    fn aliases_map_to_one_canonical_name() {
        let cases = [
            ("Reuters", Some("Reuters")),
            ("REUTER", Some("Reuters")),
            ("reuter", Some("Reuters")),
            ("Thomson  Reuters", Some("Reuters")),
            ("AP", Some("Associated Press")),
            ("AFP", Some("Agence France-Presse")),
            ("Xinhua News Agency", Some("Xinhua")),
            ("ITAR-TASS", Some("TASS")),
            ("Islamic Republic News Agency", Some("IRNA")),
            ("MNA", Some("Mehr News Agency")),
            ("IMNA", Some("IMNA")),
            ("Iran Metropolises News Agency", Some("IMNA")),
            ("Kyodo News", Some("Kyodo")),
            ("DPA", Some("dpa")),
            ("Deutsche Presse-Agentur", Some("dpa")),
            ("AA", Some("Anadolu")),
            ("Press Trust of India", Some("PTI")),
            ("FNA", Some("Fars")),
            ("čtk", Some("CTK")),
            ("The Tehran Times", None),
            ("Reuters Staff", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(canonical_agency(name), want, "{name:?}");
        }
    }

    #[test]
    fn explicit_names_are_canonical_or_kept_as_written() {
        let cases = [
            ("  AP ", Some("Associated Press")),
            (" The  Tehran Times ", Some("The Tehran Times")),
            ("IRNA", Some("IRNA")),
            ("   ", None),
        ];
        for (written, want) in cases {
            assert_eq!(agency_name(written).as_deref(), want, "{written:?}");
        }
    }

    #[test]
    fn sign_offs_are_taken_off_the_body() {
        let cases = [
            ("Text.\n Reuter\n", "Text.", Some("Reuters")),
            ("Text.\nREUTER...\r\n", "Text.", Some("Reuters")),
            ("Text.\n\n-- AFP", "Text.", Some("Agence France-Presse")),
            ("Text.\n(AP)", "Text.", Some("Associated Press")),
            ("Text.\n— AP", "Text.", Some("Associated Press")),
            ("Text.\n/TASS/", "Text.", Some("TASS")),
            ("SAO SIMAO NIL. REUTER", "SAO SIMAO NIL.", Some("Reuters")),
            ("the minister told Reuters.", "the minister told Reuters.", None),
            ("Officials said so.\nMore", "Officials said so.\nMore", None),
            ("", "", None),
        ];
        for (body, want_body, want_agency) in cases {
            let mut body_out = body.to_owned();
            assert_eq!(take_sign_off(&mut body_out), want_agency, "{body:?}");
            assert_eq!(body_out, want_body, "{body:?}");
        }
    }

    #[test]
    fn file_names_name_an_agency_only_as_agency_dash_number() {
        let cases = [
            ("/a/1987/02/26/reuters-1.txt", Some("Reuters")),
            ("seed/imna-689019.txt", Some("IMNA")),
            ("irna_20230919.html", Some("IRNA")),
            ("ap-12.txt", None),
            ("app-settings.txt", None),
            ("reuters.txt", None),
            ("notes-1.txt", None),
        ];
        for (path, want) in cases {
            assert_eq!(agency_from_path(Path::new(path)), want, "{path}");
        }
    }
}
