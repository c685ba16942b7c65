//! A page's main text: the text of the paragraph-like elements (`p`, `pre`, `h2`–`h4`,
//! `li`) of the article container, outside page furniture (`nav`, `aside`, `footer`,
//! ...). Text in other elements (a `<time>`, a `<div>` of share links) is left out on
//! purpose: on real pages it is mostly furniture. The walk is iterative and linear, so
//! any depth of nesting is safe.

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node};

use super::SELECTORS;
use crate::read::clean;

/// Subtrees that are page furniture (or not text at all), never part of the body.
const FURNITURE: &[&str] = &[
    "nav",
    "header",
    "aside",
    "footer",
    "script",
    "style",
    "noscript",
    "form",
    "figcaption",
    "button",
];

/// Elements whose text is one paragraph of the body. Inside one of them, a nested one
/// (a `p` in an `li`) is part of the outer paragraph, so no text is emitted twice.
const PARAGRAPHS: &[&str] = &["p", "pre", "h2", "h3", "h4", "li"];

/// Where the article's text lives: the first `<article>` that is not furniture itself,
/// else `<main>`, else the `articleBody` microdata, else the whole `<body>`.
pub(super) fn article_container(page: &Html) -> ElementRef<'_> {
    let selectors = &*SELECTORS;
    page.select(&selectors.article)
        .find(|article| !in_furniture(*article))
        .or_else(|| page.select(&selectors.main).next())
        .or_else(|| page.select(&selectors.article_body).next())
        .or_else(|| page.select(&selectors.body).next())
        .unwrap_or_else(|| page.root_element())
}

/// Is `element` inside page furniture?
fn in_furniture(element: ElementRef<'_>) -> bool {
    element.ancestors().any(|node| {
        node.value().as_element().is_some_and(|parent| FURNITURE.contains(&parent.name()))
    })
}

/// The paragraph element whose text is being collected.
struct Collecting {
    /// Its node, to recognise its Close edge.
    id: NodeId,
    /// A `<pre>`: its spacing is the content (tables, lists of figures).
    keep_spacing: bool,
}

/// The text of each paragraph-like element of `container`, outside furniture, in
/// document order. Whitespace is collapsed, except in `<pre>`, where only the blank
/// lines around it go.
pub(super) fn body_paragraphs(container: ElementRef<'_>) -> Vec<String> {
    let mut paragraphs = Vec::new();
    // How many furniture elements we are inside: their Close edges bring it back to 0.
    let mut furniture_depth = 0usize;
    let mut collecting: Option<Collecting> = None;
    let mut text = String::new();
    // Walking edges rather than recursing: deeply nested <div>s must not overflow the
    // stack.
    for edge in container.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(element) if FURNITURE.contains(&element.name()) => {
                    furniture_depth += 1
                }
                _ if furniture_depth > 0 => {}
                Node::Element(element)
                    if collecting.is_none() && PARAGRAPHS.contains(&element.name()) =>
                {
                    collecting =
                        Some(Collecting { id: node.id(), keep_spacing: element.name() == "pre" });
                }
                Node::Element(element) if collecting.is_some() && element.name() == "br" => {
                    text.push('\n')
                }
                Node::Text(chunk) if collecting.is_some() => text.push_str(chunk),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(element) if FURNITURE.contains(&element.name()) => {
                    furniture_depth -= 1
                }
                _ if collecting.as_ref().is_some_and(|open| open.id == node.id()) => {
                    let keep_spacing = collecting.take().is_some_and(|open| open.keep_spacing);
                    paragraphs.extend(finish_paragraph(&text, keep_spacing));
                    text.clear();
                }
                _ => {}
            },
        }
    }
    paragraphs
}

/// A paragraph's collected text, or `None` if blank.
fn finish_paragraph(text: &str, keep_spacing: bool) -> Option<String> {
    if keep_spacing {
        Some(text.trim_start_matches('\n').trim_end().to_string()).filter(|p| !p.trim().is_empty())
    } else {
        clean(text)
    }
}
