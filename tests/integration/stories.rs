//! Stories: copies of one text grouped at index time, kept apart from other texts on the
//! same topic, and regrouped as files come and go.

use std::collections::BTreeMap;

use newsdex::extract::Article;

use crate::util::Dir;

const LEDE: &str = "HOUSTON, Feb 26 - Texas Oil Co said it raised its posted prices for \
    crude oil by 50 cts a barrel, effective today, bringing West Texas Intermediate to \
    17.50 dlrs a barrel.";

const MIDDLE: &str = "The company said the increase followed similar moves by other \
    producers earlier this week, and that it expected demand from refiners to stay firm \
    well into the spring.";

const END: &str = "Officials of the company declined to say how long the higher postings \
    would last, citing uncertainty about the output policy of the Organization of \
    Petroleum Exporting Countries at its next meeting in June.";

/// Another report on the same company, the same week: a different story.
const OTHER: &str = "HOUSTON, Feb 27 - Texas Oil Co said its fourth quarter profit fell \
    12 pct on lower refining margins, and that it would cut its spending on exploration \
    this year by 80 mln dlrs.\n\nThe company said it expected crude oil prices to recover \
    in the second half, but gave no forecast for its earnings in the period, citing the \
    weak demand for heating oil in a mild winter.";

fn body() -> String {
    format!("{LEDE}\n\n{MIDDLE}\n\n{END}")
}

/// The wire's own story, its copies in every format, and a story on the same topic.
fn corpus(dir: &Dir) {
    dir.create(
        "wire/1987/02/26/source.txt",
        format!("TEXAS OIL RAISES CRUDE POSTINGS\n\n{}\n", body()),
    );
    // The same file twice under two names.
    dir.create(
        "mirror/1987/02/26/source-copy.txt",
        format!("TEXAS OIL RAISES CRUDE POSTINGS\n\n{}\n", body()),
    );
    let json = serde_json::json!({
        "title": "Texas Oil raises crude prices | The Daily Barrel",
        "body": format!("{}\n\nShare this article", body().replace("17.50 dlrs", "$17.50")),
        "published": "1987-02-26T15:00:00Z",
    });
    dir.create("outlets/barrel/copy.json", json.to_string());
    let html = format!(
        "<html><head><title>TEXAS OIL</title></head><body><nav>Home News</nav><article>\
         <h1>TEXAS OIL LIFTS POSTINGS</h1><time datetime=\"1987-02-27\">Feb 27</time>\
         <p>{}</p><p>{}</p></article></body></html>",
        LEDE.to_uppercase(),
        MIDDLE.to_uppercase()
    );
    dir.create("outlets/gazette/copy.html", html);
    // A brief of the lede alone, under a headline of its own.
    dir.create("outlets/brief/1987/02/28/brief.txt", format!("Oil price up\n\n{LEDE}\n"));
    dir.create("wire/1987/02/27/other.txt", format!("TEXAS OIL PROFIT FALLS\n\n{OTHER}\n"));
}

/// Stories by file name (the last path step), from `newsdex export`.
fn stories(dir: &Dir) -> BTreeMap<String, String> {
    let run = dir.run(&["export"]);
    run.assert_exit(0);
    run.json_lines::<Article>()
        .into_iter()
        .map(|a| {
            let name = a.path.rsplit('/').next().unwrap_or_default().to_owned();
            (name, a.story.expect("every indexed article has a story"))
        })
        .collect()
}

fn id_of(dir: &Dir, name: &str) -> String {
    let run = dir.run(&["export"]);
    run.json_lines::<Article>()
        .into_iter()
        .find(|a| a.path.ends_with(name))
        .unwrap_or_else(|| panic!("{name} is indexed"))
        .id
}

#[test]
fn copies_in_every_format_share_the_story_of_the_earliest_and_other_stories_stay_apart() {
    let dir = Dir::new();
    corpus(&dir);
    dir.index_corpus();
    let stories = stories(&dir);
    let story = &stories["source.txt"];
    for copy in ["source-copy.txt", "copy.json", "copy.html", "brief.txt"] {
        assert_eq!(&stories[copy], story, "{copy} in {stories:?}");
    }
    assert_ne!(&stories["other.txt"], story);
    assert_eq!(stories["other.txt"], id_of(&dir, "other.txt"), "alone, its own story");
    // The three copies of 26 February come first (ids hash the paths, so which of them
    // is smallest changes with the test's folder); of them, the smallest id leads.
    let earliest =
        [id_of(&dir, "source.txt"), id_of(&dir, "source-copy.txt"), id_of(&dir, "copy.json")];
    assert_eq!(story, earliest.iter().min().unwrap());
}

#[test]
fn the_story_is_in_show_and_in_search_json() {
    let dir = Dir::new();
    corpus(&dir);
    dir.index_corpus();
    let story = stories(&dir)["copy.json"].clone();
    let found = dir.search(&["\"Daily Barrel\" OR title:daily"]);
    assert!(!found.hits.is_empty());
    assert!(found.hits.iter().all(|hit| hit.story.as_deref() == Some(story.as_str())));
    let id = id_of(&dir, "copy.json");
    let shown = dir.run(&["show", &id]);
    shown.assert_exit(0);
    assert_contains!(shown.stdout(), &format!("story: {story}"));
}

#[test]
fn an_earlier_copy_takes_the_lead_and_hands_it_back_when_deleted() {
    let dir = Dir::new();
    dir.create(
        "wire/1987/02/26/source.txt",
        format!("TEXAS OIL RAISES CRUDE POSTINGS\n\n{}\n", body()),
    );
    dir.create(
        "outlets/late/1987/03/01/late.txt",
        format!("Texas Oil raises prices\n\n{}\n", body()),
    );
    dir.index_corpus();
    let source = id_of(&dir, "source.txt");
    assert_eq!(stories(&dir)["late.txt"], source);

    let early = dir.create(
        "outlets/early/1987/02/25/early.txt",
        format!("Texas Oil to raise prices\n\n{}\n", body()),
    );
    dir.index_corpus();
    let lead = id_of(&dir, "early.txt");
    let now = stories(&dir);
    assert!(now.values().all(|story| story == &lead), "{now:?}");

    std::fs::remove_file(early).expect("rm");
    dir.index_corpus();
    let after = stories(&dir);
    assert_eq!(after.len(), 2);
    assert!(after.values().all(|story| story == &source), "{after:?}");
}

#[test]
fn a_copy_rewritten_into_another_text_leaves_its_story() {
    let dir = Dir::new();
    dir.create(
        "wire/1987/02/26/source.txt",
        format!("TEXAS OIL RAISES CRUDE POSTINGS\n\n{}\n", body()),
    );
    let copy = dir.create("outlets/a/1987/02/27/copy.txt", format!("Texas Oil\n\n{}\n", body()));
    dir.create("outlets/b/1987/02/28/copy2.txt", format!("Texas Oil\n\n{LEDE}\n\n{MIDDLE}\n"));
    dir.index_corpus();
    let source = id_of(&dir, "source.txt");
    assert!(stories(&dir).values().all(|story| story == &source));

    std::fs::write(&copy, format!("Texas Oil profit\n\n{OTHER}\n")).expect("write");
    dir.index_corpus();
    let after = stories(&dir);
    assert_eq!(after["copy.txt"], id_of(&dir, "copy.txt"));
    assert_eq!(after["copy2.txt"], source);
    assert_eq!(after["source.txt"], source);
}

#[test]
fn the_lead_removed_the_story_goes_on_under_the_next_earliest() {
    let dir = Dir::new();
    let source = dir.create(
        "wire/1987/02/26/source.txt",
        format!("TEXAS OIL RAISES CRUDE POSTINGS\n\n{}\n", body()),
    );
    dir.create("outlets/a/1987/02/28/a.txt", format!("Texas Oil\n\n{}\n", body()));
    dir.create("outlets/b/1987/02/27/b.txt", format!("Texas Oil\n\n{LEDE}\n\n{MIDDLE}\n"));
    dir.index_corpus();
    std::fs::remove_file(source).expect("rm");
    dir.index_corpus();
    let after = stories(&dir);
    let next = id_of(&dir, "b.txt");
    assert_eq!(after.len(), 2);
    assert!(after.values().all(|story| story == &next), "{after:?}");
}

#[test]
fn collapse_shows_one_hit_per_story_with_its_copies_counted() {
    let dir = Dir::new();
    corpus(&dir);
    dir.index_corpus();
    let all = dir.search(&["texas"]);
    assert_eq!(all.total, 6);
    assert_eq!(all.stories, None);
    let collapsed = dir.search(&["texas", "--collapse", "--sort", "-date"]);
    assert_eq!((collapsed.total, collapsed.stories), (6, Some(2)));
    assert_eq!(collapsed.hits.len(), 2);
    let lead = &collapsed.hits[0];
    assert_eq!(lead.story.as_deref(), Some(lead.id.as_str()), "the earliest copy leads");
    let copies = lead.copies.as_ref().expect("copies counted");
    assert_eq!(copies.count, 4);
    assert_eq!(copies.first.map(|d| d.to_string()).as_deref(), Some("1987-02-26"));
    assert_eq!(copies.last.map(|d| d.to_string()).as_deref(), Some("1987-02-28"));
    assert_eq!(collapsed.hits[1].copies.as_ref().map(|c| c.count), Some(0));
    // Paging counts stories.
    let second = dir.search(&["texas", "--collapse", "--sort", "-date", "--offset", "1"]);
    assert_eq!(second.hits.len(), 1);
    assert_eq!(second.hits[0].id, collapsed.hits[1].id);
    let text = dir.run(&["search", "texas", "--collapse"]);
    assert_contains!(text.stdout(), "2 stories (6 articles)");
    assert_contains!(text.stdout(), "+4 copies");
}

#[test]
fn story_lists_every_copy_with_what_it_adds_and_lacks() {
    let dir = Dir::new();
    corpus(&dir);
    dir.index_corpus();
    let brief = id_of(&dir, "brief.txt");
    let run = dir.run(&["story", &brief, "--format", "json"]);
    run.assert_exit(0);
    let listing: newsdex::present::json::StoryJson = run.json();
    assert_eq!(listing.copies.len(), 5);
    assert_eq!(listing.copies[0].id, listing.id, "the lead first");
    let of = |name: &str| listing.copies.iter().find(|c| c.path.ends_with(name)).unwrap();
    assert_eq!((of("brief.txt").adds, of("brief.txt").lacks), (0, 2));
    assert_eq!((of("copy.html").adds, of("copy.html").lacks), (0, 1));
    assert_eq!((of("source-copy.txt").adds, of("source-copy.txt").lacks), (0, 0));
    let by_story = dir.run(&["story", &listing.id]);
    by_story.assert_exit(0);
    assert_contains!(by_story.stdout(), "story ");
    assert_contains!(by_story.stdout(), "lacks 2 paragraphs");
    let found = dir.search(&[&format!("story:{}", listing.id)]);
    assert_eq!(found.total, 5);
    dir.run(&["story", "0000000000000000"]).assert_exit(2);
}
