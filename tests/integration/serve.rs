//! `newsdex serve`: the JSON API, against the real binary listening on a free port.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use newsdex::present::json::{EntityJson, ErrorJson, HitJson, SearchJson};

use crate::util::{titles, Dir};

/// A running `newsdex serve`, stopped when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    agent: ureq::Agent,
}

impl Server {
    /// Starts `newsdex serve` on the folder's index, on a port the system picks, and
    /// waits for the line saying where it listens.
    pub fn start(dir: &Dir) -> Server {
        Server::start_with(dir, &["serve", "--addr", "127.0.0.1:0"]).0
    }

    /// Starts `newsdex ARGS…`; gives the server and the lines of standard error before
    /// the one naming its address.
    pub fn start_with(dir: &Dir, args: &[&str]) -> (Server, Vec<String>) {
        let mut child = dir
            .command_at(&dir.index(), args)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start newsdex serve");
        let mut stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let mut before = Vec::new();
        let base = loop {
            let mut line = String::new();
            if stderr.read_line(&mut line).expect("read stderr") == 0 {
                let _ = child.kill();
                panic!("newsdex serve ended before listening: {before:?}");
            }
            match line.split_once(" on http://") {
                Some((_, rest)) => {
                    break format!("http://{}", rest.split('/').next().expect("an address"))
                }
                None => before.push(line.trim_end().to_owned()),
            }
        };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build()
            .into();
        (Server { child, base, agent }, before)
    }

    /// `GET PATH`: status, content type and body.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let mut response = self.agent.get(&format!("{}{path}", self.base)).call().expect("GET");
        let status = response.status().as_u16();
        let kind = header(&response, "content-type");
        let body = response.body_mut().read_to_string().expect("a text body");
        (status, kind, body)
    }

    /// `GET PATH`, which must answer 200 with JSON of type `T`.
    pub fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let (status, kind, body) = self.get(path);
        assert_eq!(status, 200, "GET {path}: {body}");
        assert_eq!(kind, "application/json", "GET {path}");
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}\n{body}"))
    }

    /// `GET PATH`, which must fail with `status`; gives the error message.
    pub fn error(&self, path: &str, status: u16) -> String {
        let (got, _, body) = self.get(path);
        assert_eq!(got, status, "GET {path}: {body}");
        let error: ErrorJson =
            serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}\n{body}"));
        error.error
    }

    /// The agent, for requests other than `GET`.
    pub fn agent(&self) -> &ureq::Agent {
        &self.agent
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn header(response: &ureq::http::Response<ureq::Body>, name: &str) -> String {
    response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
}

/// Four stories about two countries and two agencies, over two months.
pub fn news() -> Dir {
    Dir::with_stories(&[
        (
            "irna/2023/09/19/a.txt",
            "Iran and Russia hold defense talks",
            "TEHRAN, Sept. 19 (IRNA) - Iranian Foreign Minister Kamran Dehghani held defense talks with Russia in Tehran on sanctions.",
        ),
        (
            "irna/2023/10/02/b.txt",
            "Iraq and Iran discuss water",
            "TEHRAN, Oct. 2 (IRNA) - Iranian Foreign Minister Kamran Dehghani said Iran and Iraq discussed water sharing and sanctions in Tehran.",
        ),
        (
            "reuters/2023/10/15/c.txt",
            "Oil prices fall in London",
            "LONDON, Oct 15 (Reuters) - Oil prices fell as Iraq raised exports and sanctions on Iran held, traders in London said.",
        ),
        (
            "reuters/2023/09/20/d.txt",
            "Turkey raises interest rates",
            "ANKARA, Sept 20 (Reuters) - Turkey raised interest rates again, the central bank in Ankara said.",
        ),
    ])
}

#[test]
fn search_answers_what_the_command_line_prints() {
    let dir = news();
    let server = Server::start(&dir);
    let api: SearchJson = server.json(
        "/api/search?q=sanctions&country=Iran&country=Iraq&facets=country,agency&timeline=month&sort=date",
    );
    let cli = dir.search(&[
        "sanctions",
        "--country",
        "Iran",
        "--country",
        "Iraq",
        "--facets",
        "country,agency",
        "--timeline",
        "month",
        "--sort",
        "date",
    ]);
    assert_eq!(api.total, 3);
    assert_eq!(titles(&api), titles(&cli));
    assert_eq!(api.filters, cli.filters);
    let counts = |s: &SearchJson, f: &str| -> Vec<(String, u64)> {
        s.facets[f].values.iter().map(|v| (v.value.clone(), v.count)).collect()
    };
    assert_eq!(counts(&api, "country"), counts(&cli, "country"));
    assert_eq!(counts(&api, "agency"), [("IRNA".to_owned(), 2), ("Reuters".to_owned(), 1)]);
    let periods: Vec<(String, u64)> = api
        .timeline
        .as_ref()
        .expect("a timeline")
        .periods
        .iter()
        .map(|p| (p.period.clone(), p.count))
        .collect();
    assert_eq!(periods, [("2023-09".to_owned(), 1), ("2023-10".to_owned(), 2)]);
    let highlighted = &api.hits[0].snippet;
    let [start, end] = highlighted.highlights[0];
    assert_eq!(&highlighted.text[start..end], "sanctions");
}

#[test]
fn paging_dates_and_sorting_follow_the_parameters() {
    let dir = news();
    let server = Server::start(&dir);
    let page: SearchJson = server.json("/api/search?sort=-date&limit=2&offset=1");
    assert_eq!((page.total, page.offset, page.limit), (4, 1, 2));
    assert_eq!(titles(&page), ["Turkey raises interest rates", "Iraq and Iran discuss water"]);
    let october: SearchJson = server.json("/api/search?from=2023-10&to=2023-10");
    assert_eq!(october.total, 2);
}

#[test]
fn a_bad_query_is_a_400_with_the_command_lines_message() {
    let dir = news();
    let server = Server::start(&dir);
    let cli = dir.run(&["search", "\"oil talks"]);
    cli.assert_exit(2);
    let line = cli.stderr().trim_end().strip_prefix("newsdex: ").expect("a prefix").to_owned();
    assert_eq!(server.error("/api/search?q=%22oil%20talks", 400), line);
    assert_eq!(
        line, "bad query: the quote at column 1 is never closed in `\"oil talks`",
        "the CLI's message changed"
    );
    assert_eq!(
        server.error("/api/search?limit=1000", 400),
        "limit: `1000` is not a whole number from 0 to 100"
    );
    assert_eq!(server.error("/api/search?contry=Iran", 400), "unknown parameter `contry`");
    assert_eq!(
        server.error("/api/search?from=2024&to=2023", 400),
        "from 2024-01-01 is after to 2023-12-31"
    );
    let long = format!("/api/search?q={}", "a".repeat(20_000));
    assert_contains!(server.error(&long, 400), "over the limit");
}

#[test]
fn articles_similar_articles_and_entities() {
    let dir = news();
    let server = Server::start(&dir);
    let found: SearchJson = server.json("/api/search?q=water");
    let id = &found.hits[0].id;
    let article: serde_json::Value = server.json(&format!("/api/article/{id}"));
    assert_eq!(article["title"], "Iraq and Iran discuss water");
    assert_contains!(article["body"].as_str().expect("a body"), "water sharing");
    let shown = dir.run(&["show", id, "--format", "json"]);
    let cli: serde_json::Value = shown.json();
    assert_eq!(article, cli, "the article is what `show --format json` prints");

    let similar: SearchJson = server.json(&format!("/api/similar/{id}?limit=2"));
    assert!(similar.hits.iter().all(|h| &h.id != id), "the article itself is left out");
    assert!(!similar.hits.is_empty());

    assert_eq!(
        server.error("/api/article/0000000000000000", 404),
        "no indexed article has the id `0000000000000000`"
    );
    assert_eq!(server.error("/api/similar/nope", 404), "no indexed article has the id `nope`");

    let entity: EntityJson = server.json("/api/entity/official/Dehghani");
    assert_eq!((entity.name.as_str(), entity.total), ("Kamran Dehghani", 2));
    assert_eq!(entity.roles.len(), 1, "{:?}", entity.roles);
    assert_eq!(entity.roles[0].role, "Foreign Minister");
    assert_eq!(entity.roles[0].count, 2);
    assert_eq!(entity.latest[0].title, "Iraq and Iran discuss water", "newest first");
    assert_eq!(entity.facets["country"].values[0].value, "Iran");
    assert!(entity.timeline.is_some());
    let country: EntityJson = server.json("/api/entity/country/Iraq");
    assert_eq!((country.name.as_str(), country.total), ("Iraq", 2));
    assert_contains!(server.error("/api/entity/colour/red", 400), "unknown entity field `colour`");
}

#[test]
fn exports_stream_every_hit_as_csv_or_json_lines() {
    let dir = news();
    let server = Server::start(&dir);
    let (status, kind, body) = server.get("/api/export?q=sanctions&format=csv&sort=date");
    assert_eq!((status, kind.as_str()), (200, "text/csv; charset=utf-8"));
    let mut rows = csv::Reader::from_reader(body.as_bytes());
    let headers = rows.headers().expect("a header").clone();
    assert_eq!(&headers[3], "title");
    let titles: Vec<String> = rows.records().map(|r| r.expect("a row")[3].to_owned()).collect();
    assert_eq!(
        titles,
        [
            "Oil prices fall in London",
            "Iraq and Iran discuss water",
            "Iran and Russia hold defense talks"
        ]
    );
    let (status, kind, body) = server.get("/api/export?country=Iran");
    assert_eq!((status, kind.as_str()), (200, "application/x-ndjson"));
    let hits: Vec<HitJson> =
        body.lines().map(|l| serde_json::from_str(l).expect("a hit")).collect();
    assert_eq!(hits.len(), 3);
    assert_contains!(server.error("/api/export?q=(oil", 400), "bad query: the parenthesis");
    assert_eq!(server.error("/api/export?format=xml", 400), "format: `xml` is not csv or jsonl");
}

#[test]
fn the_server_is_read_only_and_serves_only_its_own_files() {
    let dir = news();
    let server = Server::start(&dir);
    let (status, kind, page) = server.get("/");
    assert_eq!((status, kind.as_str()), (200, "text/html; charset=utf-8"));
    assert_contains!(page, "/assets/app.js");
    assert!(!page.contains("<script>"), "no inline script");
    let response = server.agent().get(&format!("{}/", server.base)).call().expect("GET /");
    assert_eq!(
        header(&response, "content-security-policy"),
        newsdex::serve::CONTENT_SECURITY_POLICY
    );
    assert_eq!(header(&response, "x-content-type-options"), "nosniff");
    assert_eq!(server.get("/assets/app.js").0, 200);
    for path in [
        "/assets/../Cargo.toml",
        "/assets/%2e%2e%2fCargo.toml",
        "/assets/..%2f..%2fCargo.toml",
        "/assets/app.js.map",
        "/etc/passwd",
    ] {
        assert_eq!(server.get(path).0, 404, "{path}");
    }
    let url = format!("{}/api/search", server.base);
    let agent = server.agent();
    for (method, response) in [
        ("POST", agent.post(&url).send_empty()),
        ("PUT", agent.put(&url).send_empty()),
        ("DELETE", agent.delete(&url).call()),
    ] {
        assert_eq!(response.expect("a response").status().as_u16(), 405, "{method} /api/search");
    }
    let still: SearchJson = server.json("/api/search");
    assert_eq!(still.total, 4);
}

#[test]
fn other_addresses_than_loopback_are_warned_about() {
    let dir = news();
    let (_server, before) = Server::start_with(&dir, &["serve", "--addr", "0.0.0.0:0"]);
    assert_eq!(
        before,
        ["newsdex: warning: listening on 0.0.0.0:0, beyond this machine, with no authentication: anyone who can reach it can read the whole archive"]
    );
    let (_quiet, none) = Server::start_with(&dir, &["serve", "--addr", "127.0.0.1:0"]);
    assert!(none.is_empty(), "{none:?}");
}

#[test]
fn no_index_is_an_error_before_anything_listens() {
    let dir = Dir::new();
    let run = dir.run(&["serve", "--addr", "127.0.0.1:0"]);
    run.assert_exit(2);
    assert_contains!(run.stderr(), "no newsdex index at");
}

#[test]
fn new_commits_are_served_without_a_restart() {
    let dir = news();
    let server = Server::start(&dir);
    let before: SearchJson = server.json("/api/search?q=harvest");
    assert_eq!(before.total, 0);
    dir.create(
        "xinhua/2023/11/01/e.txt",
        "China reports record harvest\n\nBEIJING, Nov 1 (Xinhua) -- China reported a record wheat harvest.\n",
    );
    dir.index_corpus();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let now: SearchJson = server.json("/api/search?q=harvest");
        if now.total == 1 {
            break;
        }
        assert!(Instant::now() < deadline, "the new article never showed up");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The `required` keys of a schema of docs/openapi.yaml.
fn required<'a>(spec: &'a str, schema: &str) -> Vec<&'a str> {
    let at = spec.find(&format!("\n    {schema}:\n")).unwrap_or_else(|| panic!("no {schema}"));
    let rest = &spec[at..];
    let list = rest.split_once("required: [").expect("a required list").1;
    let list = list.split_once(']').expect("a closed list").0;
    list.split(", ").collect()
}

fn keys(value: &serde_json::Value) -> Vec<&str> {
    let mut keys: Vec<&str> =
        value.as_object().expect("an object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn sorted(mut list: Vec<&str>) -> Vec<&str> {
    list.sort_unstable();
    list
}

#[test]
fn the_openapi_file_describes_what_the_server_answers() {
    let spec = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.yaml"))
        .expect("docs/openapi.yaml");
    let dir = news();
    let server = Server::start(&dir);
    let (status, kind, served) = server.get("/api/openapi.yaml");
    assert_eq!((status, kind.as_str(), served.as_str()), (200, "application/yaml", spec.as_str()));

    let search: serde_json::Value =
        server.json("/api/search?q=water&facets=country&timeline=month");
    let id = search["hits"][0]["id"].as_str().expect("an id").to_owned();
    let paths: Vec<&str> = spec
        .lines()
        .filter_map(|l| l.strip_prefix("  /api/").and_then(|p| p.strip_suffix(':')))
        .collect();
    assert_eq!(
        paths,
        [
            "search",
            "export",
            "article/{id}",
            "similar/{id}",
            "entity/{field}/{name}",
            "openapi.yaml"
        ]
    );
    for path in paths {
        let real =
            path.replace("{id}", &id).replace("{field}", "country").replace("{name}", "Iraq");
        assert_eq!(server.get(&format!("/api/{real}")).0, 200, "/api/{real}");
    }

    assert_eq!(sorted(required(&spec, "Search")), keys(&search));
    assert_eq!(sorted(required(&spec, "Facet")), keys(&search["facets"]["country"]));
    assert_eq!(sorted(required(&spec, "Timeline")), keys(&search["timeline"]));
    let mut hit = required(&spec, "ArticleFields");
    hit.extend(["score", "snippet", "copies"]);
    assert_eq!(sorted(hit), keys(&search["hits"][0]));
    let article: serde_json::Value = server.json(&format!("/api/article/{id}"));
    let mut fields = required(&spec, "ArticleFields");
    fields.push("body");
    assert_eq!(sorted(fields), keys(&article));
    let entity: serde_json::Value = server.json("/api/entity/official/Dehghani");
    assert_eq!(sorted(required(&spec, "Entity")), keys(&entity));
    assert_eq!(sorted(required(&spec, "Official")), keys(&entity["latest"][0]["officials"][0]));
    assert_eq!(required(&spec, "Error"), ["error"]);
}
