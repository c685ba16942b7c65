use newsdex::extract::Article;

use crate::corpus;
use crate::util::Dir;

#[test]
fn extract_prints_the_fields_of_a_scraped_page() {
    let dir = Dir::new();
    let path = dir.create("imna/transit.txt", corpus::IMNA_PAGE);
    let run = dir.run(&["extract", path.to_str().expect("utf-8 path")]);
    run.assert_exit(0);
    let articles: Vec<Article> = run.json_lines();
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a.title, "Iran and Armenia sign a transit accord");
    assert_eq!(a.agency.as_deref(), Some("IMNA"));
    assert_eq!(a.news_id.as_deref(), Some("702211"));
    assert_eq!(a.date, None);
    assert!(!a.body.contains("Your Comment"), "{}", a.body);
    assert!(!a.body.contains("News ID"), "{}", a.body);
    assert_contains!(a.body, "Petrosyan said the corridor");
    for country in ["Iran", "Armenia", "Georgia"] {
        assert!(a.countries.iter().any(|c| c == country), "{country} in {:?}", a.countries);
    }
    assert!(a.places.iter().any(|p| p == "Tehran"), "{:?}", a.places);
    let names: Vec<&str> = a.officials.iter().map(|o| o.name.as_str()).collect();
    assert!(names.contains(&"Ali Rezaei") && names.contains(&"Karen Petrosyan"), "{names:?}");
    assert!(!a.people.iter().any(|p| p == "Rezaei" || p == "Petrosyan"), "{:?}", a.people);
}

#[test]
fn the_date_comes_from_the_dateline_and_the_folder_year() {
    let dir = Dir::new();
    // The folder gives only the year; the dateline gives "Feb 26".
    dir.create("reuters/1987/oil.txt", corpus::WIRE_TEXT);
    let articles: Vec<Article> = dir.run(&["extract", "corpus"]).json_lines();
    assert_eq!(articles[0].date.map(|d| d.to_string()).as_deref(), Some("1987-02-26"));
    assert_eq!(articles[0].date_source, Some(newsdex::extract::DateSource::Dateline));
    assert_eq!(articles[0].agency.as_deref(), Some("Reuters"));
}

#[test]
fn a_full_date_in_the_path_beats_the_dateline() {
    // Wire datelines carry the city's local date, often a day off the archive's date.
    let dir = Dir::new();
    dir.create("reuters/1987/02/27/oil.txt", corpus::WIRE_TEXT);
    let articles: Vec<Article> = dir.run(&["extract", "corpus"]).json_lines();
    assert_eq!(articles[0].date.map(|d| d.to_string()).as_deref(), Some("1987-02-27"));
    assert_eq!(articles[0].date_source, Some(newsdex::extract::DateSource::Path));
}

#[test]
fn export_gives_back_what_extract_printed() {
    let dir = Dir::new();
    corpus::write_all(&dir);
    dir.run(&["index", "corpus"]).assert_exit(1);
    let mut extracted: Vec<Article> = dir.run(&["extract", "corpus"]).json_lines();
    let mut exported: Vec<Article> = dir.run(&["export"]).json_lines();
    extracted.sort_by(|a, b| a.id.cmp(&b.id));
    exported.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(extracted.len(), 7);
    // The story and the time of writing are the fields only the index knows: these
    // articles are no copies, so each is a story of its own.
    assert!(extracted.iter().all(|a| a.story.is_none() && a.added.is_none()));
    for article in &mut exported {
        assert_eq!(article.story.take().as_deref(), Some(article.id.as_str()));
        assert!(article.added.take().is_some(), "{}", article.id);
    }
    assert_eq!(exported, extracted);
}

#[test]
fn a_byline_is_no_dateline() {
    // "BY NAME, AGENCY" has the shape of "BRUSSELS, March 27, Reuter": read as a
    // dateline, it made the writer's first name a place (Lawrence, Kansas).
    let dir = Dir::new();
    let text = "Investors may take Computerland public\n\nBY LAWRENCE EDELMAN, REUTERS\n\n\
                NEW YORK, June 1 - The investor group that agreed to buy the retailer will \
                likely take it public, analysts in Chicago said.\n";
    dir.create("wire/1987/computerland.txt", text);
    let run = dir.run(&["extract", "corpus"]);
    run.assert_exit(0);
    let articles: Vec<Article> = run.json_lines();
    let [a] = articles.as_slice() else { panic!("one article: {articles:?}") };
    assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("1987-06-01"));
    assert_eq!(a.date_source, Some(newsdex::extract::DateSource::Dateline));
    assert_eq!(a.place_names().collect::<Vec<_>>(), ["Chicago"]);
    assert_eq!(a.countries, ["United States"]);
    assert_eq!(a.title, "Investors may take Computerland public");
}

/// The seed article, through the binary: the fields it must always give.
#[test]
fn the_seed_article_gives_its_fields() {
    let dir = Dir::new();
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed");
    let run = dir.run(&["extract", seed.to_str().expect("utf-8 path")]);
    run.assert_exit(0);
    let articles: Vec<Article> = run.json_lines();
    let [a] = articles.as_slice() else { panic!("one article: {articles:?}") };
    assert_eq!(a.title, "Relations with Iran reaching new highs");
    assert_eq!(
        (a.agency.as_deref(), a.news_id.as_deref(), a.date),
        (Some("IMNA"), Some("689019"), None)
    );
    assert_eq!(a.people, ["Sergei Shoigu", "Mohammad Reza Ashtiani", "Mohammad Baqeri"]);
    let officials: Vec<(&str, Option<&str>, Option<&str>)> = a
        .officials
        .iter()
        .map(|o| (o.name.as_str(), o.role.as_deref(), o.country.as_deref()))
        .collect();
    assert_eq!(
        officials,
        [
            ("Sergei Shoigu", Some("Defense Minister"), Some("Russia")),
            ("Mohammad Reza Ashtiani", Some("Brigadier General"), Some("Iran")),
            ("Mohammad Baqeri", Some("Chief of Staff of the Armed Forces"), Some("Iran")),
        ]
    );
    assert_eq!(
        a.countries,
        ["Iran", "Russia", "United States", "Armenia", "Georgia", "Azerbaijan", "Turkey"]
    );
    assert!(a.places.iter().any(|p| p == "Tehran"), "{:?}", a.places);
    for furniture in ["Your Comment", "You are replying to", "News ID"] {
        assert!(!a.body.contains(furniture), "{furniture:?} in the body");
    }
}

#[test]
fn extract_reads_standard_input_as_text_unless_told_the_format() {
    let dir = Dir::new();
    let run = dir.run_with_stdin(&["extract", "-"], corpus::IMNA_PAGE.as_bytes());
    run.assert_exit(0);
    let articles: Vec<Article> = run.json_lines();
    assert_eq!(articles.len(), 1);
    assert_eq!(articles[0].title, "Iran and Armenia sign a transit accord");
    assert_eq!(articles[0].path, "-");
    assert_eq!(articles[0].agency.as_deref(), Some("IMNA"));

    let run = dir
        .run_with_stdin(&["extract", "--format-in", "jsonl", "-"], corpus::FEED_JSONL.as_bytes());
    run.assert_exit(0);
    let articles: Vec<Article> = run.json_lines();
    let titles: Vec<&str> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Japan raises interest rates", "Seoul and Tokyo resume talks", "Rice harvest in India"]
    );
    assert_eq!(articles[2].line, Some(4));
    assert_contains!(run.stderr(), "newsdex: warning: -:2: ");

    let run =
        dir.run_with_stdin(&["extract", "--format-in", "html", "-"], corpus::ANSA_HTML.as_bytes());
    let articles: Vec<Article> = run.assert_exit(0).json_lines();
    assert_eq!(articles[0].title, "Italy and France discuss migration");
    assert!(!articles[0].body.contains("Related stories"), "{}", articles[0].body);
}

#[test]
fn extract_of_standard_input_comes_before_the_files_and_an_empty_one_is_a_warning() {
    let dir = Dir::new();
    let file = dir.create("reuters/1987/oil.txt", corpus::WIRE_TEXT);
    let file = file.to_str().expect("utf-8 path");
    let run = dir.run_with_stdin(&["extract", file, "-"], corpus::IMNA_PAGE.as_bytes());
    let articles: Vec<Article> = run.assert_exit(0).json_lines();
    let paths: Vec<&str> = articles.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(paths, ["-", file]);

    let run = dir.run_with_stdin(&["extract", "-"], b"");
    run.assert_exit(1);
    assert_eq!(run.stdout(), "");
    assert_eq!(run.stderr().trim_end(), "newsdex: warning: -: empty file");
}
