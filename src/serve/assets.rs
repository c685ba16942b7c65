//! The page's files, compiled into the binary: one HTML shell, one script, one style
//! sheet and an icon. Nothing is read from disk at run time and nothing is fetched from
//! elsewhere, so the page works offline and a path can never reach outside this list.

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// The HTML every page path answers with; the script draws the view the URL names.
pub const PAGE: &str = include_str!("assets/index.html");

/// The files under `/assets/`: name, content type, contents.
const FILES: [(&str, &str, &str); 3] = [
    ("app.js", "text/javascript; charset=utf-8", include_str!("assets/app.js")),
    ("app.css", "text/css; charset=utf-8", include_str!("assets/app.css")),
    ("icon.svg", "image/svg+xml", include_str!("assets/icon.svg")),
];

/// The API's description, served beside it.
pub const OPENAPI: &str = include_str!("../../docs/openapi.yaml");

/// `/`, `/article/…`, `/entity/…`: the page.
pub async fn page() -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], PAGE).into_response()
}

/// `/assets/{name}`: one of the embedded files, by exact name.
pub async fn file(Path(name): Path<String>) -> Response {
    match FILES.iter().find(|(file, _, _)| *file == name) {
        Some((_, content_type, body)) => {
            ([(header::CONTENT_TYPE, *content_type)], *body).into_response()
        }
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

/// `/api/openapi.yaml`.
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/yaml")], OPENAPI).into_response()
}
