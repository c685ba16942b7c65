//! `newsdex serve` in a real headless Chromium, driven through WebDriver (chromedriver):
//! searching, facets, the timeline, articles, entity pages, and hostile articles.
//!
//! Each test starts its own chromedriver on a free port with a fresh profile, and fails
//! with how to install it when it is missing. Screenshots of each view go under
//! `target/tmp/`.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};

use crate::serve::{news, Server};
use crate::util::Dir;

const INSTALL: &str = "chromedriver was not found: the browser tests need Chromium and its \
     WebDriver. On Debian or Ubuntu: `apt-get install chromium chromium-driver` \
     (.ci/run installs them)";

/// The key under which WebDriver names an element.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver and a browser session on it, ended when dropped.
///
/// The dozen W3C WebDriver commands these tests send are JSON over HTTP, sent with the
/// HTTP client the API tests use; a WebDriver crate would bring a second HTTP stack and
/// its own async runtime into the test build for them.
struct Browser {
    driver: Child,
    agent: ureq::Agent,
    /// `http://127.0.0.1:PORT/session/ID`.
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let driver = match Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
        {
            Ok(child) => child,
            Err(err) => panic!("{INSTALL} ({err})"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().expect("a profile folder");
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .into_iter()
        .map(str::to_owned)
        .collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let mut browser = Browser {
            driver,
            agent,
            session: format!("http://127.0.0.1:{port}/session"),
            _profile: profile,
        };
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"args": args},
        }}});
        let created = browser
            .command("POST", "", Some(capabilities))
            .unwrap_or_else(|e| panic!("no browser session: {e}; {INSTALL}"));
        let id = created["sessionId"].as_str().expect("a session id").to_owned();
        browser.session = format!("{}/{id}", browser.session);
        browser
    }

    /// Sends one WebDriver command; gives its `value`, or the driver's error message.
    fn command(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{path}", self.session);
        let response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self.agent.post(&url).send_json(body.unwrap_or_else(|| json!({}))),
        };
        let mut response = response.map_err(|e| format!("{method} {url}: {e}"))?;
        let ok = response.status().is_success();
        let answer: Value = response.body_mut().read_json().map_err(|e| format!("{url}: {e}"))?;
        let value = answer["value"].clone();
        if ok {
            Ok(value)
        } else {
            Err(format!("{method} {path}: {}", value["message"]))
        }
    }

    fn goto(&self, url: &str) {
        self.command("POST", "/url", Some(json!({ "url": url })))
            .unwrap_or_else(|e| panic!("goto {url}: {e}"));
    }

    fn eval(&self, script: &str) -> Value {
        self.command("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
            .unwrap_or_else(|e| panic!("script {script}: {e}"))
    }

    /// Waits (up to 10 s) until the script, a function body, returns true.
    fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.eval(script) != Value::Bool(true) {
            assert!(Instant::now() < deadline, "waited in vain for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The element `css` selects, once there is one (up to 10 s).
    fn element(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let query = json!({"using": "css selector", "value": css});
            if let Ok(element) = self.command("POST", "/element", Some(query)) {
                return element[ELEMENT].as_str().expect("an element id").to_owned();
            }
            assert!(Instant::now() < deadline, "no element {css}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn all(&self, css: &str) -> Vec<String> {
        let query = json!({"using": "css selector", "value": css});
        let found =
            self.command("POST", "/elements", Some(query)).unwrap_or_else(|e| panic!("{css}: {e}"));
        let list = found.as_array().cloned().unwrap_or_default();
        list.iter().map(|e| e[ELEMENT].as_str().expect("an element id").to_owned()).collect()
    }

    fn text(&self, css: &str) -> String {
        let element = self.element(css);
        let text = self.command("GET", &format!("/element/{element}/text"), None);
        let text = text.unwrap_or_else(|e| panic!("text of {css}: {e}"));
        text.as_str().unwrap_or_default().to_owned()
    }

    fn click(&self, css: &str) {
        let element = self.element(css);
        self.command("POST", &format!("/element/{element}/click"), None)
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    fn back(&self) {
        self.command("POST", "/back", None).expect("back");
    }

    /// Presses the mouse on one element and lets go on another.
    fn drag(&self, from: &str, to: &str) {
        let at = |element: &str, x: i32| json!({"type": "pointerMove", "duration": 50, "origin": {ELEMENT: element}, "x": x, "y": 0});
        let actions = json!({"actions": [{
            "type": "pointer", "id": "mouse", "parameters": {"pointerType": "mouse"},
            "actions": [at(from, 0), {"type": "pointerDown", "button": 0}, at(to, 1),
                        {"type": "pointerUp", "button": 0}],
        }]});
        self.command("POST", "/actions", Some(actions)).expect("a drag");
    }

    fn url(&self) -> String {
        let url = self.command("GET", "/url", None).expect("a URL");
        url.as_str().unwrap_or_default().to_owned()
    }

    fn has_alert(&self) -> bool {
        self.command("GET", "/alert/text", None).is_ok()
    }

    /// Saves a screenshot as `target/tmp/serve-NAME.png`.
    fn screenshot(&self, name: &str) {
        let encoded = self.command("GET", "/screenshot", None).expect("a screenshot");
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or_default())
            .expect("base64");
        let path =
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("serve-{name}.png"));
        std::fs::write(&path, png).expect("write the screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.command("DELETE", "", None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The script's answer to "is the result count `text`?".
fn count_is(text: &str) -> String {
    format!(
        "const c = document.getElementById('count'); return !!c && c.textContent.startsWith({});",
        serde_json::to_string(text).expect("a string")
    )
}

#[test]
fn search_facets_timeline_article_and_entity_in_a_browser() {
    let dir = news();
    let server = Server::start(&dir);
    let browser = Browser::start();
    browser.goto(&format!("{}/?q=sanctions", server.base));
    browser.wait_until("three hits", &count_is("1–3 of 3 articles"));
    browser.screenshot("search");
    let facet = "section[data-facet=country] a.facet-value";
    let countries = browser.text("section[data-facet=country] ul");
    assert_contains!(countries, "Iraq");

    // Choosing a country filters the hits, changes the counts and lands in the URL.
    browser.click(&format!("{facet}[href*='country=Iraq']"));
    browser.wait_until("two hits", &count_is("1–2 of 2 articles"));
    assert_contains!(browser.url(), "country=Iraq");
    let hits = browser.text("ol.hits");
    assert_contains!(hits, "Oil prices fall in London");
    assert!(!hits.contains("defense talks"), "{hits}");
    // A second country is ORed with the first.
    browser.click(&format!("{facet}[href*='country=Russia']"));
    browser.wait_until("three hits again", &count_is("1–3 of 3 articles"));
    assert_contains!(browser.url(), "country=Iraq&country=Russia");
    browser.screenshot("facets");

    // Back in history is the previous search, from the URL alone.
    browser.back();
    browser.wait_until("two hits after back", &count_is("1–2 of 2 articles"));

    // Dragging across the first bar of the timeline filters to its month.
    browser.goto(&format!("{}/?q=sanctions&interval=month", server.base));
    browser.wait_until("the chart", "return !!document.querySelector('svg.chart rect.hit');");
    let bars = browser.all("svg.chart rect.hit");
    browser.drag(&bars[0], &bars[0]);
    browser.wait_until("September only", &count_is("1–1 of 1 articles"));
    let url = browser.url();
    assert_contains!(url, "from=2023-09-01");
    assert_contains!(url, "to=2023-09-30");
    browser.screenshot("timeline");

    // The article page marks its entities as links that filter by them.
    browser.goto(&format!("{}/?q=water", server.base));
    browser.click("ol.hits h3 a");
    browser.wait_until("the article", "return !!document.querySelector('.article h1');");
    assert_eq!(browser.text(".article h1"), "Iraq and Iran discuss water");
    assert_contains!(browser.text(".body"), "water sharing");
    browser.screenshot("article");
    // Names are marked as whole words: "Iran" stays unmarked inside "Iranian".
    assert_eq!(
        browser.eval(
            "return [...document.querySelectorAll('.body a.entity')]
               .some((a) => /^\\p{L}/u.test(a.nextSibling?.textContent ?? ''));"
        ),
        false
    );
    browser.click(".body a.entity.official");
    browser.wait_until("the official's articles", &count_is("1–2 of 2 articles"));
    assert_contains!(browser.url(), "official=Kamran+Dehghani");

    // The entity page: roles, mentions over time, latest articles.
    browser.goto(&format!("{}/entity/official/Dehghani", server.base));
    browser.wait_until("the entity", "return !!document.querySelector('.entity h1');");
    assert_contains!(browser.text(".entity h1"), "Kamran Dehghani");
    assert_contains!(browser.text(".roles"), "Foreign Minister");
    assert_contains!(browser.text(".entity ol.hits"), "Iraq and Iran discuss water");
    browser.screenshot("entity");

    // A bad query shows the server's one-line message.
    browser.goto(&format!("{}/?q=%22oil", server.base));
    assert_eq!(
        browser.text("p.error"),
        "bad query: the quote at column 1 is never closed in `\"oil`"
    );
}

#[test]
fn hostile_articles_are_shown_as_text_never_run() {
    let dir = Dir::new();
    dir.create(
        "evil/2023/01/02/a.txt",
        "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> Tanker &amp; seized\n\n\
         ROME (Reuters) - The tanker <b onclick=\"window.pwned = 3\">seized</b> near Rome carried \
         oil; see javascript:window.pwned=4 and \u{202e}gnp.exe and a bell \u{7} here.\n",
    );
    dir.create(
        "evil/b.json",
        r#"{"title": "Tanker link", "body": "A tanker was seized off Rome, officials said.", "date": "2023-01-03", "url": "javascript:window.pwned=5"}"#,
    );
    dir.index_corpus();
    let server = Server::start(&dir);
    let browser = Browser::start();
    browser.goto(&format!("{}/?q=tanker", server.base));
    browser.wait_until("two hits", &count_is("1–2 of 2 articles"));
    let titles = browser.text("ol.hits");
    assert_contains!(titles, "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> Tanker &amp; seized");
    assert_eq!(browser.eval("return document.scripts.length;"), 1, "only the page's own script");
    assert_eq!(
        browser.eval("return document.querySelectorAll('ol.hits img, ol.hits b').length;"),
        0
    );
    browser.screenshot("hostile-search");

    let opened = browser.eval(
        "const a = [...document.querySelectorAll('ol.hits h3 a')]
           .find((a) => a.textContent.includes('<script>'));
         if (a) a.click();
         return !!a;",
    );
    assert_eq!(opened, true, "the hostile title is a link");
    browser.wait_until("the article", "return !!document.querySelector('.article h1');");
    let body = browser.text(".body");
    assert_contains!(body, "<b onclick=\"window.pwned = 3\">seized</b>");
    assert_contains!(body, "javascript:window.pwned=4");
    // The bell is shown as its control picture; the right-to-left override stays inside
    // its paragraph, and titles inside isolates, so neither can turn the page around it.
    assert_contains!(body, "\u{2407}");
    assert_eq!(browser.eval("return document.querySelectorAll('.article h1 bdi').length;"), 1);
    browser.goto(&format!("{}/?q=%22tanker+link%22", server.base));
    browser.click("ol.hits h3 a");
    browser.wait_until("the linked article", "return !!document.querySelector('.fields');");
    assert_contains!(browser.text(".fields"), "javascript:window.pwned=5");
    assert_eq!(
        browser.eval("return document.querySelectorAll('a[href^=\"javascript:\"]').length;"),
        0,
        "a javascript: URL is never a link"
    );
    browser.screenshot("hostile-article");
    assert_eq!(browser.eval("return window.pwned === undefined;"), true, "nothing ran");
    assert!(!browser.has_alert(), "no alert");
}
