//! People as people: a surname filter finds everyone called so, a full name finds that
//! person with the articles that name them by surname alone, and the person facet
//! counts one man once.

use crate::util::Dir;

/// "Baker" is two people (James, at the Treasury, and Howard, at the White House);
/// "Reagan" is one, named in full once and by surname alone three times.
pub(crate) fn people_corpus() -> Dir {
    Dir::with_stories(&[
        ("reuters/1987/03/02/a.txt", "Treasury outlines dollar plan", "WASHINGTON, March 2 (Reuters) - Treasury Secretary James Baker said on Monday the dollar had fallen far enough, and Baker told reporters talks would go on."),
        ("reuters/1987/03/03/b.txt", "Trade bill likely", "WASHINGTON, March 3 (Reuters) - Treasury Secretary James Baker said a trade bill was likely this year."),
        ("reuters/1987/03/04/c.txt", "Budget talks to resume", "WASHINGTON, March 4 (Reuters) - White House chief of staff Howard Baker said the budget talks with Congress would resume."),
        ("reuters/1987/03/05/d.txt", "Order on trade signed", "WASHINGTON, March 5 (Reuters) - President Ronald Reagan signed an order on trade with Japan on Thursday."),
        ("reuters/1987/03/06/e.txt", "Highway bill vetoed", "WASHINGTON, March 6 (Reuters) - President Reagan vetoed the highway bill, saying it spent too much."),
        ("reuters/1987/03/07/f.txt", "Envoy to visit", "WASHINGTON, March 7 (Reuters) - Reagan said on Friday he would meet a Japanese envoy to discuss the trade dispute."),
        ("reuters/1987/03/09/g.txt", "Dispute to be settled", "WASHINGTON, March 9 (Reuters) - Mr Reagan told reporters the trade dispute would be settled."),
        ("reuters/1987/03/10/h.txt", "Curfew to end in Lima", "LIMA, March 10 (Reuters) - Peruvian Interior Minister Abel Santiváñez said the curfew would end."),
    ])
}

fn titles(dir: &Dir, args: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = dir
        .search(&[args, &["--limit", "100"]].concat())
        .hits
        .into_iter()
        .map(|h| h.title)
        .collect();
    found.sort();
    found
}

#[test]
fn a_surname_filter_finds_every_person_called_so_and_says_who() {
    let dir = people_corpus();
    let found = dir.search(&["--person", "baker"]);
    assert_eq!(found.total, 3);
    assert_eq!(found.notes, ["person baker: James Baker 2, Howard Baker 1"]);
    assert_eq!(
        titles(&dir, &["--person", "James Baker"]),
        ["Trade bill likely", "Treasury outlines dollar plan"]
    );
    assert_eq!(titles(&dir, &["--official", "Howard Baker"]), ["Budget talks to resume"]);
    // The same in the query language, and without the accents of the text.
    assert_eq!(dir.search(&["person:Baker"]).total, 3);
    let accents = dir.search(&["--official", "santivanez"]);
    assert_eq!(accents.total, 1);
    assert_eq!(accents.notes, ["official santivanez: Abel Santiváñez 1"]);
}

#[test]
fn a_surname_alone_is_the_one_person_the_archive_knows_by_it() {
    let dir = people_corpus();
    let reagan =
        ["Dispute to be settled", "Envoy to visit", "Highway bill vetoed", "Order on trade signed"];
    assert_eq!(titles(&dir, &["--person", "Ronald Reagan"]), reagan);
    assert_eq!(titles(&dir, &["--person", "Reagan"]), reagan);
    assert_eq!(
        titles(&dir, &["official:\"Ronald Reagan\""]),
        ["Highway bill vetoed", "Order on trade signed"]
    );

    let facet = dir.search(&["--facets", "person", "--facet-limit", "0"]);
    let people: Vec<(&str, u64)> =
        facet.facets["person"].values.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(
        people,
        [("Ronald Reagan", 4), ("James Baker", 2), ("Abel Santiváñez", 1), ("Howard Baker", 1)]
    );
    // Drilling down on a facet value finds what it counted.
    for (person, count) in people {
        assert_eq!(dir.search(&["--person", person]).total as u64, count, "{person}");
    }
}

#[test]
fn a_surname_shared_by_two_people_is_kept_apart_and_noted() {
    let dir = people_corpus();
    dir.create("reuters/1987/03/11/i.txt", "Baker on the budget\n\nWASHINGTON, March 11 (Reuters) - Baker said the budget would pass.\n");
    dir.index_corpus();
    let facet = dir.search(&["--facets", "person", "--facet-limit", "0"]);
    let baker = facet.facets["person"].values.iter().find(|v| v.value == "Baker");
    assert_eq!(baker.map(|v| v.count), Some(1), "{:?}", facet.facets["person"].values);
    assert_contains!(
        facet.notes.join("\n"),
        "person `Baker` is kept apart: it could be James Baker, Howard Baker"
    );
    assert_eq!(dir.search(&["--person", "James Baker"]).total, 2);
}

/// The curation file beside the index, applied by the next search with no re-indexing.
fn curate(dir: &Dir, rules: &str) {
    let mut name = dir.index().file_name().expect("a name").to_os_string();
    name.push(".curation.txt");
    std::fs::write(dir.index().with_file_name(name), rules).expect("write the curation file");
}

#[test]
fn the_curation_file_merges_renames_and_suppresses_people_at_the_next_search() {
    let dir = people_corpus();
    curate(
        &dir,
        "# Howard is not our concern; the Bakers are one man here\n\
         merge Howard Baker = James Baker\n\
         rename Abel Santiváñez = Abel Santivanez Reyes\n\
         suppress Ronald Reagan\n",
    );
    let facet = dir.search(&["--facets", "person", "--facet-limit", "0"]);
    let people: Vec<(&str, u64)> =
        facet.facets["person"].values.iter().map(|v| (v.value.as_str(), v.count)).collect();
    assert_eq!(people, [("James Baker", 3), ("Reagan", 3), ("Abel Santivanez Reyes", 1)]);
    // Filters and timelines follow the same people.
    assert_eq!(dir.search(&["--person", "James Baker"]).total, 3);
    let timeline = dir.search(&["--person", "James Baker", "--timeline", "day", "--limit", "0"]);
    let days: u64 = timeline.timeline.expect("a timeline").periods.iter().map(|p| p.count).sum();
    assert_eq!(days, 3);
    assert_eq!(dir.search(&["--person", "Santivanez Reyes"]).total, 1);
    let suppressed = dir.search(&["--person", "Ronald Reagan"]);
    assert_eq!(suppressed.total, 0);
    assert_eq!(
        suppressed.notes,
        ["person `Ronald Reagan` is not a person by the curation file: it matches nothing"]
    );
    // Without the file, the archive's own identities are back.
    let run = dir.run(&[
        "search",
        "--person",
        "James Baker",
        "--format",
        "json",
        "--curation",
        "/dev/null",
    ]);
    assert_eq!(run.assert_exit(0).json::<newsdex::present::json::SearchJson>().total, 2);
}

#[test]
fn a_bad_curation_line_stops_the_search_naming_the_line() {
    let dir = people_corpus();
    curate(&dir, "merge Howard Baker = James Baker\nmerge Baker\n");
    let run = dir.run(&["search", "budget"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "index.curation.txt:2: `merge` needs `NAME = NAME`");
    let missing = dir.run(&["search", "budget", "--curation", "nowhere.txt"]);
    missing.assert_exit(2);
    assert_contains!(missing.stderr(), "nowhere.txt");
}
