//! The JSON API: each handler checks its parameters, runs its engine call on the
//! blocking pool and hands the result to a `present` printer. Errors are
//! `{"error": MESSAGE}` with the message the command line prints, and a status that
//! says whose fault it was (400 the request's, 404 nothing there, 500 ours).

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use tokio::sync::mpsc;

use super::params;
use crate::error::{Error, UserError};
use crate::present::json::{EntityJson, RoleJson};
use crate::present::{Format, Printer, Style};
use crate::search::timeline::Interval;
use crate::search::{Engine, FacetField, FacetSpec, LocalEngine, SearchRequest, Sort};

type Shared = State<Arc<LocalEngine>>;

/// The latest articles of an entity read for its roles.
const ROLE_SAMPLE: usize = 200;

/// The latest articles an entity page lists.
const ENTITY_LATEST: usize = 10;

/// Bytes of an export gathered before they are sent.
const EXPORT_CHUNK: usize = 64 * 1024;

/// An API error: a status and the one-line message.
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: String) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message }
    }

    fn not_found(message: String) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message }
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let status = match &err {
            Error::User(UserError::Query(_) | UserError::Invalid(_)) => StatusCode::BAD_REQUEST,
            // No index (yet), another schema: the server is up, the index is not.
            Error::User(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::Internal(_) | Error::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError { status, message: err.to_string() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json(self.status, |printer| printer.error(&self.message))
    }
}

/// A JSON response of what `print` writes.
fn json(
    status: StatusCode,
    print: impl FnOnce(&mut Printer<Vec<u8>>) -> io::Result<()>,
) -> Response {
    let mut printer = Printer::new(Format::Json, Style::PLAIN, Vec::new());
    // Writing to memory fails only if serialising does, which these types never do.
    let body = match print(&mut printer).and_then(|()| printer.finish()) {
        Ok(body) => body,
        Err(err) => {
            return (StatusCode::INTERNAL_SERVER_ERROR, format!("cannot write JSON: {err}"))
                .into_response()
        }
    };
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// Runs `work` on the blocking pool.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> crate::Result<T> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(work).await {
        Ok(outcome) => outcome.map_err(ApiError::from),
        Err(err) => Err(ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the search stopped: {err}"),
        }),
    }
}

/// `GET /api/search`: `search --format json`.
pub async fn search(State(engine): Shared, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let pairs = params::pairs(raw.as_deref()).map_err(ApiError::bad)?;
    let (request, _) = params::search_request(&pairs, &[]).map_err(ApiError::bad)?;
    let (request, results) = blocking(move || {
        let results = engine.search(&request)?;
        Ok((request, results))
    })
    .await?;
    Ok(json(StatusCode::OK, |printer| printer.search(&request, &results)))
}

/// `GET /api/article/{id}`: `show --format json`.
pub async fn article(State(engine): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let wanted = id.clone();
    let found = blocking(move || engine.find(&wanted)).await?;
    // `find` also takes a file's path; the page links by id only.
    let Some(article) = found.into_iter().find(|a| a.id == id) else {
        return Err(ApiError::not_found(format!("no indexed article has the id `{id}`")));
    };
    Ok(json(StatusCode::OK, |printer| printer.article(&article)))
}

/// `GET /api/similar/{id}?limit=N`: `similar --format json`.
pub async fn similar(
    State(engine): Shared,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let mut limit = 10;
    for (key, value) in params::pairs(raw.as_deref()).map_err(ApiError::bad)? {
        match key.as_str() {
            "limit" => {
                limit = params::number(&key, &value, 0, params::MAX_LIMIT).map_err(ApiError::bad)?
            }
            other => return Err(ApiError::bad(format!("unknown parameter `{other}`"))),
        }
    }
    let wanted = id.clone();
    let Some(results) = blocking(move || engine.similar(&wanted, limit)).await? else {
        return Err(ApiError::not_found(format!("no indexed article has the id `{id}`")));
    };
    let request = SearchRequest { limit, ..SearchRequest::default() };
    Ok(json(StatusCode::OK, |printer| printer.search(&request, &results)))
}

/// `GET /api/entity/{field}/{name}`: one official, person, place, country or agency.
pub async fn entity(
    State(engine): Shared,
    Path((field, name)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let kind = FacetField::from_name(&field)
        .filter(|f| !matches!(f, FacetField::Year | FacetField::Month))
        .ok_or_else(|| {
            ApiError::bad(format!(
                "unknown entity field `{field}`; fields: country, official, person, place, agency"
            ))
        })?;
    let mut request = SearchRequest {
        facets: [
            FacetField::Official,
            FacetField::Person,
            FacetField::Country,
            FacetField::Place,
            FacetField::Agency,
        ]
        .into_iter()
        .map(FacetSpec::from)
        .collect(),
        limit: ROLE_SAMPLE,
        sort: Sort::Date,
        timeline: Some(Interval::Month),
        ..SearchRequest::default()
    };
    let filter = match kind {
        FacetField::Country => &mut request.filters.country,
        FacetField::Official => &mut request.filters.official,
        FacetField::Person => &mut request.filters.person,
        FacetField::Place => &mut request.filters.place,
        _ => &mut request.filters.agency,
    };
    filter.push(name.clone());
    let (request, results) = blocking(move || {
        let results = engine.search(&request)?;
        Ok((request, results))
    })
    .await?;
    let canonical = results
        .facets
        .iter()
        .find(|f| f.spec.field == kind)
        .and_then(|facet| {
            let all: Vec<_> =
                facet.values.iter().filter(|v| v.count as usize == results.total).collect();
            let lower = name.to_lowercase();
            all.iter().find(|v| v.value.to_lowercase().contains(&lower)).or(all.first()).copied()
        })
        .map_or(name, |v| v.value.clone());
    let roles =
        if kind == FacetField::Official { roles_of(&canonical, &results.hits) } else { Vec::new() };
    let entity =
        EntityJson::new(field.as_str(), canonical, &request, &results, roles, ENTITY_LATEST);
    Ok(json(StatusCode::OK, |printer| printer.entity(&entity)))
}

/// The roles `official` is named with in `hits`, counted once per article, most
/// frequent first.
fn roles_of(official: &str, hits: &[crate::search::Hit]) -> Vec<RoleJson> {
    let mut counts: BTreeMap<(String, Option<String>), u64> = BTreeMap::new();
    for hit in hits {
        let mut seen = Vec::new();
        for o in hit.article.officials.iter().filter(|o| o.name.eq_ignore_ascii_case(official)) {
            if let Some(role) = &o.role {
                let key = (role.clone(), o.country.clone());
                if !seen.contains(&key) {
                    seen.push(key.clone());
                    *counts.entry(key).or_default() += 1;
                }
            }
        }
    }
    let mut roles: Vec<RoleJson> = counts
        .into_iter()
        .map(|((role, country), count)| RoleJson { role, country, count })
        .collect();
    roles.sort_by_key(|r| std::cmp::Reverse(r.count));
    roles
}

/// `GET /api/export?…&format=csv|jsonl`: every hit of a search, streamed.
pub async fn export(State(engine): Shared, RawQuery(raw): RawQuery) -> Result<Response, ApiError> {
    let pairs = params::pairs(raw.as_deref()).map_err(ApiError::bad)?;
    let (mut request, left) = params::search_request(&pairs, &["format"]).map_err(ApiError::bad)?;
    let mut format = Format::JsonLines;
    for (_, value) in left {
        format = match value.as_str() {
            "csv" => Format::Csv,
            "jsonl" => Format::JsonLines,
            _ => return Err(ApiError::bad(format!("format: `{value}` is not csv or jsonl"))),
        };
    }
    let (content_type, file) = match format {
        Format::Csv => ("text/csv; charset=utf-8", "newsdex-export.csv"),
        _ => ("application/x-ndjson", "newsdex-export.jsonl"),
    };
    // A bad query must be a 400, which it can no longer be once the body has started:
    // counting first finds it.
    request.facets.clear();
    request.timeline = None;
    let check = SearchRequest { limit: 0, offset: 0, ..request.clone() };
    let engine = {
        let engine = Arc::clone(&engine);
        blocking(move || engine.search(&check).map(|_| engine)).await?
    };
    let (sender, receiver) = mpsc::channel::<io::Result<Vec<u8>>>(4);
    tokio::task::spawn_blocking(move || {
        let mut printer = Printer::new(
            format,
            Style::PLAIN,
            Chunks { buffer: Vec::new(), sender: sender.clone() },
        );
        let streamed = engine.for_each_hit(&request, &mut |hit| {
            printer.hit(&hit).map_err(|e| Error::io("export", e))
        });
        let finished = printer.finish().and_then(|mut chunks| chunks.send());
        // A failure halfway through cuts the body short, so the client sees a broken
        // transfer rather than a complete-looking file.
        if let Err(err) = streamed.map_err(|e| io::Error::other(e.to_string())).and(finished) {
            let _ = sender.blocking_send(Err(err));
        }
    });
    let body = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|chunk| (chunk, receiver))
    });
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{file}\"")),
        ],
        Body::from_stream(body),
    )
        .into_response())
}

/// An export's bytes, sent to the response in chunks.
struct Chunks {
    buffer: Vec<u8>,
    sender: mpsc::Sender<io::Result<Vec<u8>>>,
}

impl Chunks {
    fn send(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let chunk = std::mem::take(&mut self.buffer);
        self.sender
            .blocking_send(Ok(chunk))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the client went away"))
    }
}

impl Write for Chunks {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= EXPORT_CHUNK {
            self.send()?;
        }
        Ok(bytes.len())
    }

    // The CSV writer flushes after every row; chunks go out when full, and the rest when
    // the export ends.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Any other path.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no such page: {}", uri.path()))
}
