//! `newsdex serve`: the archive in a browser, and the JSON API the page is built on.
//!
//! An HTTP server (axum on a small tokio runtime) answers from an [`Engine`](crate::search::Engine): every
//! search runs on tokio's blocking pool, so a slow search holds a pool thread, never the
//! threads that accept connections. The API returns the same JSON shapes as
//! `--format json`, written by `present`; the page is three embedded files
//! ([`assets`]) that draw everything from the API in the browser. A background task
//! reloads the index every second, so commits of a running `newsdex index` show up
//! without a restart.
//!
//! The server is read-only (every route is a `GET`), has no authentication (the command
//! line warns when it listens beyond loopback), and bounds each request: its size, its
//! time and the page size it may ask for. It does not parse queries or count facets
//! itself: that is `search`'s job; nor does it decide the JSON shapes: that is
//! `present`'s.

mod api;
pub mod assets;
mod params;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, HeaderValue, StatusCode};
use axum::routing::get;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::error::{Error, InternalError, Result};
use crate::search::LocalEngine;

/// Longest time a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// Largest request body accepted; no route reads one, so anything more is refused.
const BODY_LIMIT: usize = 16 * 1024;

/// How often the index is reloaded to see new commits.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// The Content-Security-Policy of every response: nothing but the server's own files,
/// no inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Serves the index behind `engine` on `addr` until the process ends; `ready` is told the
/// address actually bound (port 0 picks a free port).
pub fn serve(engine: LocalEngine, addr: SocketAddr, ready: impl FnOnce(SocketAddr)) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        // Accepting and writing responses is light; the searches run on the blocking
        // pool, which is bounded so that many clients queue instead of oversubscribing
        // the cores.
        .worker_threads(2)
        .max_blocking_threads(search_threads())
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(InternalError::Runtime(e)))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::invalid(format!("cannot listen on {addr}: {e}")))?;
        let bound = listener
            .local_addr()
            .map_err(|e| Error::invalid(format!("cannot listen on {addr}: {e}")))?;
        let engine = Arc::new(engine);
        tokio::spawn(reload_forever(Arc::clone(&engine)));
        ready(bound);
        axum::serve(listener, router(engine))
            .await
            .map_err(|e| Error::Internal(InternalError::Runtime(e)))
    })
}

/// Threads for searches: one per core and one more, so a core is never idle while a
/// search waits on the disk.
fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get() + 1)
}

async fn reload_forever(engine: Arc<LocalEngine>) {
    let mut tick = tokio::time::interval(RELOAD_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let engine = Arc::clone(&engine);
        // A failed reload (an index run swapping files) keeps the last good reader; the
        // next tick tries again.
        let _ = tokio::task::spawn_blocking(move || engine.reload()).await;
    }
}

/// Every route: the page's paths, its files, the API.
fn router(engine: Arc<LocalEngine>) -> Router {
    Router::new()
        .route("/", get(assets::page))
        .route("/article/{id}", get(assets::page))
        .route("/entity/{field}/{name}", get(assets::page))
        .route("/assets/{name}", get(assets::file))
        .route("/api/search", get(api::search))
        .route("/api/export", get(api::export))
        .route("/api/article/{id}", get(api::article))
        .route("/api/similar/{id}", get(api::similar))
        .route("/api/entity/{field}/{name}", get(api::entity))
        .route("/api/openapi.yaml", get(assets::openapi))
        .fallback(api::not_found)
        .with_state(engine)
        .layer(axum::middleware::map_response(secure_headers))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
}

/// Headers every response carries: the CSP, no MIME sniffing, no referrer leaving the
/// archive.
async fn secure_headers(mut response: axum::response::Response) -> axum::response::Response {
    let headers = response.headers_mut();
    headers
        .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    response
}
