//! How deeply a page nests its elements, judged from its text before it is parsed, and
//! the page flattened past a depth.
//!
//! html5ever's tree builder checks its stack of open elements for each tag, so the time
//! to parse grows with the square of the nesting (tens of thousands of unclosed `<div>`s
//! take minutes). No HTML crate offers a cap, and a parse cannot be stopped midway, so
//! this module scans the text first, in one linear pass, with a small model of the
//! tree builder: void elements and self-closed tags open nothing, a `<p>`, `<li>`, `<td>`
//! … closes the one before it, a closing tag closes up to the nearest element of its
//! name (searched among the last few open ones only, to stay linear), and the text of
//! `<script>`, `<style>` and comments is skipped. The estimate errs on the deep side,
//! which only sends a page to the slower, safe path sooner.

/// How far down the stack of open elements a closing tag looks for its element. Real
/// pages close what they opened a few levels up; past this the tag is ignored, as the
/// tree builder ignores a closing tag with no open element.
const CLOSE_SEARCH: usize = 32;

/// Elements that never have content.
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"br",
    b"col",
    b"embed",
    b"hr",
    b"img",
    b"input",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"keygen",
    b"basefont",
    b"bgsound",
    b"frame",
];

/// Elements whose text is not markup: scanned for their closing tag only.
const RAW_TEXT: &[&[u8]] = &[b"script", b"style", b"textarea", b"title", b"xmp", b"noscript"];

/// Elements that a new one of the same family closes: `<p>` a `<p>`, `<li>` an `<li>`.
const SELF_CLOSING_FAMILIES: &[&[&[u8]]] =
    &[&[b"p"], &[b"li"], &[b"dt", b"dd"], &[b"td", b"th"], &[b"tr"], &[b"option"]];

/// One tag of the page: where it starts and ends, and what it does to the depth.
#[derive(Debug, PartialEq, Eq)]
enum Tag<'a> {
    Open(&'a [u8]),
    Close(&'a [u8]),
    /// A void or self-closed element, a comment, a doctype: no change.
    Other,
}

/// Walks the tags of `page`, calling `visit(start, end, depth_before, depth_after)` for
/// each tag that opens or closes an element, with byte offsets into `page`.
fn walk(page: &str, mut visit: impl FnMut(usize, usize, usize, usize)) {
    let bytes = page.as_bytes();
    let mut open: Vec<&[u8]> = Vec::new();
    let mut at = 0;
    while let Some(offset) = memchr(b'<', &bytes[at..]) {
        let start = at + offset;
        let (tag, end) = read_tag(bytes, start);
        at = end;
        let before = open.len();
        match tag {
            Tag::Open(name) => {
                if let Some(family) = SELF_CLOSING_FAMILIES.iter().find(|f| f.contains(&name)) {
                    if open.last().is_some_and(|last| family.contains(last)) {
                        open.pop();
                    }
                }
                open.push(name);
                if RAW_TEXT.contains(&name) {
                    at = skip_raw_text(bytes, end, name);
                    open.pop();
                }
            }
            Tag::Close(name) => {
                let search = open.iter().rev().take(CLOSE_SEARCH).position(|n| *n == name);
                if let Some(back) = search {
                    open.truncate(open.len() - back - 1);
                }
            }
            Tag::Other => continue,
        }
        visit(start, end, before, open.len());
    }
}

/// The deepest nesting of elements in `page`, as estimated by [`walk`].
pub(super) fn estimated_depth(page: &str) -> usize {
    let mut deepest = 0;
    walk(page, |_, _, _, after| deepest = deepest.max(after));
    deepest
}

/// `page` without the tags that open or close elements deeper than `limit`: their text
/// stays, in place, one level up.
pub(super) fn flatten(page: &str, limit: usize) -> String {
    let mut flat = String::with_capacity(page.len());
    let mut copied = 0;
    walk(page, |start, end, before, after| {
        // A `<p>` never nests (the next one closes it), so it stays: the walker reads
        // the flattened text by its paragraphs.
        let tag = &page.as_bytes()[start..end];
        let paragraph = tag.len() > 2 && tag[tag.len().min(2) - 1..].starts_with(b"p")
            || tag.starts_with(b"</p") && !tag.get(3).is_some_and(u8::is_ascii_alphanumeric);
        let paragraph = paragraph
            && (tag.starts_with(b"</p") || !tag.get(2).is_some_and(u8::is_ascii_alphanumeric));
        if before.max(after) > limit && !paragraph {
            flat.push_str(&page[copied..start]);
            // A space where the tag was, so words on either side stay apart.
            flat.push(' ');
            copied = end;
        }
    });
    flat.push_str(&page[copied..]);
    flat
}

/// The tag starting at `start` (a `<`) and the offset just after it. A `<` that starts
/// no tag is `Other`, one byte long.
fn read_tag(bytes: &[u8], start: usize) -> (Tag<'_>, usize) {
    let rest = &bytes[start + 1..];
    if rest.starts_with(b"!--") {
        let end = find(bytes, start + 4, b"-->").map_or(bytes.len(), |at| at + 3);
        return (Tag::Other, end);
    }
    let (closing, name_start) = match rest.first() {
        Some(b'/') => (true, start + 2),
        _ => (false, start + 1),
    };
    let name_len = bytes[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .count();
    if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
        let end = if rest.first().is_some_and(|b| *b == b'!' || *b == b'?') {
            memchr(b'>', rest).map_or(bytes.len(), |at| start + 1 + at + 1)
        } else {
            start + 1
        };
        return (Tag::Other, end);
    }
    let name = &bytes[name_start..name_start + name_len];
    let end = end_of_tag(bytes, name_start + name_len);
    let self_closed = end >= 2 && bytes[end - 2] == b'/';
    let tag = if closing {
        Tag::Close(name)
    } else if self_closed || VOID.iter().any(|void| void.eq_ignore_ascii_case(name)) {
        Tag::Other
    } else {
        Tag::Open(name)
    };
    (tag, end)
}

/// The offset just after the `>` that ends a tag whose attributes start at `from`, with
/// `>` inside quoted attribute values skipped.
fn end_of_tag(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (at, byte) in bytes.iter().enumerate().skip(from) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(*byte),
            (Some(q), b) if q == *b => quote = None,
            (None, b'>') => return at + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// The offset after the closing tag of the raw-text element `name` whose content starts
/// at `from` (the end of the page if it is never closed).
fn skip_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(offset) = find(bytes, at, b"</") {
        let after = offset + 2;
        let candidate = bytes.get(after..after + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return end_of_tag(bytes, after + name.len());
        }
        at = after;
    }
    bytes.len()
}

fn memchr(needle: u8, haystack: &[u8]) -> Option<usize> {
    haystack.iter().position(|b| *b == needle)
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|at| from + at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimates() {
        let cases = [
            ("<html><body><div><p>x</p></div></body></html>", 4),
            ("<p>one<p>two<p>three", 1),
            ("<ul><li>a<li>b<ul><li>c</ul></ul>", 4),
            ("<div><br><img src=x><hr/><span/></div>", 1),
            ("<script>if (a<b) { '<div><div><div>' }</script><div></div>", 1),
            ("<!-- <div><div> --><div></div>", 1),
            ("<div title='a>b'><div></div></div>", 2),
            ("a < b and 1<2 <", 0),
            ("<DIV><Div></div></DIV>", 2),
        ];
        for (page, depth) in cases {
            assert_eq!(estimated_depth(page), depth, "{page}");
        }
        let deep = format!("{}x{}", "<span>".repeat(100_000), "</div>".repeat(10));
        assert_eq!(estimated_depth(&deep), 100_000);
    }

    #[test]
    fn flattening_keeps_the_text_and_cuts_the_depth() {
        let page = "<div><div><div><p>deep</p></div>mid</div></div><p>after</p>";
        let flat = flatten(page, 2);
        assert_eq!(flat, "<div><div> <p>deep</p> mid</div></div><p>after</p>");
        assert_eq!(estimated_depth(&flat), 3);
        assert_eq!(flatten(page, 10), page);
    }
}
