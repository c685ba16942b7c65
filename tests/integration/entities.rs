//! `newsdex entities`: what the archive holds of each kind of entity, with the names
//! each goes by and officials' roles through time, in every output format.

use newsdex::present::json::EntitiesJson;

use crate::identity::people_corpus;
use crate::util::Dir;

fn listing(dir: &Dir, args: &[&str]) -> EntitiesJson {
    let run = dir.run(&[&["entities"], args, &["--format", "json"]].concat());
    run.assert_exit(0);
    run.json()
}

#[test]
fn people_are_listed_once_with_their_names_and_days() {
    let dir = people_corpus();
    let people = listing(&dir, &["--kind", "person", "--limit", "0"]);
    assert_eq!((people.kind.as_str(), people.articles, people.total), ("person", 8, 4));
    let rows: Vec<(&str, u64, String, String)> = people
        .entities
        .iter()
        .map(|e| {
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            (e.name.as_str(), e.articles, day(e.first_date), day(e.last_date))
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Ronald Reagan", 4, "1987-03-05".into(), "1987-03-09".into()),
            ("James Baker", 2, "1987-03-02".into(), "1987-03-03".into()),
            ("Abel Santiváñez", 1, "1987-03-10".into(), "1987-03-10".into()),
            ("Howard Baker", 1, "1987-03-04".into(), "1987-03-04".into()),
        ]
    );
    let reagan = &people.entities[0];
    let variants: Vec<(&str, u64)> =
        reagan.variants.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(variants, [("Reagan", 3), ("Ronald Reagan", 1)]);
    // Counts agree with what the filter finds.
    for entity in &people.entities {
        assert_eq!(dir.search(&["--person", &entity.name]).total as u64, entity.articles);
    }
    let by_name = listing(&dir, &["--kind", "person", "--sort", "name", "--limit", "2"]);
    let names: Vec<&str> = by_name.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!((names, by_name.total), (vec!["Abel Santiváñez", "Howard Baker"], 4));
}

/// Two foreign ministers of one country, one after the other, and a defence minister who
/// becomes prime minister.
fn officials_corpus() -> Dir {
    Dir::with_stories(&[
        ("a/2023/01/10/a.txt", "Talks in Muscat", "MUSCAT, Jan 10 (Reuters) - Iranian Foreign Minister Kamran Dehghani met his Omani counterpart."),
        ("a/2023/03/02/b.txt", "Visit to Baku", "BAKU, March 2 (Reuters) - Iranian Foreign Minister Kamran Dehghani arrived in Baku on Thursday."),
        ("a/2023/09/19/c.txt", "New minister sworn in", "TEHRAN, Sept 19 (Reuters) - Iranian Foreign Minister Leila Farahani was sworn in on Tuesday."),
        ("a/2023/10/01/d.txt", "Minister in Ankara", "ANKARA, Oct 1 (Reuters) - Iranian Foreign Minister Leila Farahani held talks in Ankara."),
        ("a/2023/02/01/e.txt", "Army drill", "TEHRAN, Feb 1 (Reuters) - Iranian Defence Minister Nasser Hosseinpour watched an army drill."),
        ("a/2023/11/05/f.txt", "Cabinet named", "TEHRAN, Nov 5 (Reuters) - Iranian Prime Minister Nasser Hosseinpour named his cabinet."),
        ("a/2023/11/06/g.txt", "Trade talks", "TOKYO, Nov 6 (Reuters) - Japanese Foreign Minister Hiroshi Tanabe met trade officials."),
    ])
}

#[test]
fn officials_are_listed_with_their_roles_through_time() {
    let dir = officials_corpus();
    let one = listing(&dir, &["--official", "Hosseinpour"]);
    assert_eq!((one.kind.as_str(), one.total), ("official", 1));
    let roles: Vec<(Option<&str>, Option<&str>, u64, String)> = one.entities[0]
        .roles
        .iter()
        .map(|r| {
            let first = r.first_date.map(|d| d.to_string()).unwrap_or_default();
            (r.role.as_deref(), r.country.as_deref(), r.articles, first)
        })
        .collect();
    assert_eq!(
        roles,
        [
            (Some("Defence Minister"), Some("Iran"), 1, "2023-02-01".to_owned()),
            (Some("Prime Minister"), Some("Iran"), 1, "2023-11-05".to_owned()),
        ]
    );

    // Who held the office, and when: the Japanese minister is not Iran's.
    let held =
        listing(&dir, &["--role", "foreign minister", "--country", "Iran", "--sort", "first"]);
    let held: Vec<(&str, u64, String, String)> = held
        .entities
        .iter()
        .map(|e| {
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            (e.name.as_str(), e.articles, day(e.first_date), day(e.last_date))
        })
        .collect();
    assert_eq!(
        held,
        [
            ("Kamran Dehghani", 2, "2023-01-10".into(), "2023-03-02".into()),
            ("Leila Farahani", 2, "2023-09-19".into(), "2023-10-01".into()),
        ]
    );
}

#[test]
fn the_curation_file_gives_an_officials_country_and_merges_people_in_listings() {
    let dir = officials_corpus();
    let mut name = dir.index().file_name().expect("a name").to_os_string();
    name.push(".curation.txt");
    std::fs::write(
        dir.index().with_file_name(name),
        "country Hiroshi Tanabe = Oman\nmerge Leila Farahani = Kamran Dehghani\n",
    )
    .expect("write the curation file");
    let tanabe = listing(&dir, &["--official", "Tanabe"]);
    assert_eq!(tanabe.entities[0].roles[0].country.as_deref(), Some("Oman"));
    let held = listing(&dir, &["--role", "foreign minister", "--country", "Iran"]);
    assert_eq!(held.entities.len(), 1);
    assert_eq!((held.entities[0].name.as_str(), held.entities[0].articles), ("Kamran Dehghani", 4));
}

#[test]
fn listings_come_as_text_and_csv_too_and_bad_kinds_are_refused() {
    let dir = officials_corpus();
    let text = dir.run(&["entities", "--kind", "official", "--limit", "2"]);
    text.assert_exit(0);
    let out = text.stdout();
    assert!(out.starts_with("official: 2 of 4 in 7 articles\n"), "{out}");
    assert_contains!(out, "Foreign Minister, Iran  2 articles  2023-01-10 … 2023-03-02");

    let csv = dir.run(&["entities", "--kind", "country", "--format", "csv", "--limit", "0"]);
    csv.assert_exit(0);
    let out = csv.stdout();
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(&rows[0][1], "Iran");
    assert_eq!(&rows[0][2], "6");

    let bad = dir.run(&["entities", "--kind", "year"]);
    bad.assert_exit(2);
    assert_contains!(bad.stderr(), "`year` is not a kind of entity");
    let role = dir.run(&["entities", "--kind", "person", "--role", "minister"]);
    role.assert_exit(2);
    assert_contains!(role.stderr(), "--role lists officials");
    // Nothing matching is exit code 1, as for a search.
    dir.run(&["entities", "--official", "Nobody"]).assert_exit(1);
}
