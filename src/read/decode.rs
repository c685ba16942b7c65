//! Bytes to text, shared by every format: pick the encoding, decode, refuse what is not
//! text, and normalise line endings.
//!
//! The encoding is, in order: the byte order mark (UTF-8, UTF-16 LE/BE); UTF-8 when the
//! bytes are valid UTF-8; for HTML, the page's own `<meta charset>`; otherwise
//! `chardetng`'s guess (a Windows-1252 page stays "Brasília", not "Bras�lia").

use std::borrow::Cow;

use chardetng::EncodingDetector;
use encoding_rs::{Encoding, UTF_8};

use crate::discover::Format;
use crate::problem::Problem;

/// How many characters from the start of a file the binary check looks at.
const SNIFF_CHARS: usize = 8 * 1024;

/// Decodes a file's bytes to text with `\n` line endings; the bytes of an empty or a
/// binary file are [`Problem::Empty`] or [`Problem::Binary`].
pub(super) fn decode(bytes: &[u8], format: Format) -> Result<String, Problem> {
    let text = match Encoding::for_bom(bytes) {
        Some((encoding, bom_length)) => {
            encoding.decode_without_bom_handling(&bytes[bom_length..]).0
        }
        None => match std::str::from_utf8(bytes) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => guess_encoding(bytes, format).decode_without_bom_handling(bytes).0,
        },
    };
    if text.trim().is_empty() {
        return Err(Problem::Empty);
    }
    if looks_binary(&text) {
        return Err(Problem::Binary);
    }
    Ok(normalize_newlines(&text).into_owned())
}

/// The encoding of bytes that are not UTF-8: what an HTML page declares, else a guess.
fn guess_encoding(bytes: &[u8], format: Format) -> &'static Encoding {
    // A page that declares UTF-8 (or UTF-16, impossible in an ASCII-compatible prefix)
    // but is not valid UTF-8 is mislabelled: the detector knows better.
    let declared = match format {
        Format::Html => super::html::declared_encoding(bytes)
            .filter(|encoding| *encoding != UTF_8 && encoding.is_ascii_compatible()),
        Format::Text | Format::Json | Format::JsonLines => None,
    };
    declared.unwrap_or_else(|| {
        let mut detector = EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, false)
    })
}

/// Binary data shows itself early: more than one control character (NULs included) in
/// ten among the first [`SNIFF_CHARS`] characters. Text has tabs, newlines and form
/// feeds, which do not count; a stray NUL in a scraped page does not make it binary.
fn looks_binary(text: &str) -> bool {
    let mut sampled = 0;
    let mut controls = 0;
    for c in text.chars().take(SNIFF_CHARS) {
        sampled += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c') {
            controls += 1;
        }
    }
    controls * 10 > sampled
}

/// `\r\n` and lone `\r` become `\n`. Borrows when there is nothing to change.
pub(super) fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            let pair = if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn encodings_are_recognised() {
        let cases: &[(&str, Vec<u8>, &str)] = &[
            ("plain UTF-8", "Brasília".as_bytes().to_vec(), "Brasília"),
            ("UTF-8 BOM stripped", b"\xEF\xBB\xBFBras\xC3\xADlia".to_vec(), "Brasília"),
            ("UTF-16 LE BOM", utf16("Brasília, 19 Sep", false), "Brasília, 19 Sep"),
            ("UTF-16 BE BOM", utf16("Brasília, 19 Sep", true), "Brasília, 19 Sep"),
            (
                "Windows-1252",
                b"BRAS\xCDLIA, Sept 19 - O governo de Bras\xEDlia anunciou \x93novas\x94 medidas."
                    .to_vec(),
                "BRASÍLIA, Sept 19 - O governo de Brasília anunciou \u{201c}novas\u{201d} medidas.",
            ),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(decode(bytes, Format::Text).as_deref(), Ok(*expected), "{name}");
        }
    }

    #[test]
    fn an_html_meta_charset_guides_the_decoder() {
        // Alone, these bytes look Cyrillic to a detector; the page says Latin-1.
        let page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>\xC0\xC1\xC2\xC3</p></body></html>";
        let text = decode(page, Format::Html).expect("decodes");
        assert!(text.contains("<p>ÀÁÂÃ</p>"), "{text}");
    }

    #[test]
    fn a_page_mislabelled_utf8_is_detected_instead() {
        let page = b"<meta charset=\"utf-8\"><p>Bras\xEDlia, capital of Brazil, said on Monday</p>";
        let text = decode(page, Format::Html).expect("decodes");
        assert!(text.contains("Brasília"), "{text}");
    }

    #[test]
    fn line_endings_become_newlines() {
        let text = decode(b"one\r\ntwo\rthree\nfour", Format::Text);
        assert_eq!(text.as_deref(), Ok("one\ntwo\nthree\nfour"));
    }

    #[test]
    fn what_is_not_text_is_refused() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(std::iter::repeat_n(0x01u8, 100));
        let controls: Vec<u8> = (0..200u8).map(|i| if i % 3 == 0 { b'a' } else { 0x01 }).collect();
        let cases: &[(&str, &[u8], Problem)] = &[
            ("nothing", b"", Problem::Empty),
            ("whitespace", b" \n\t\r\n  ", Problem::Empty),
            ("BOM alone", b"\xEF\xBB\xBF\n", Problem::Empty),
            ("NUL byte", b"GIF89a\0\x01", Problem::Binary),
            ("PNG", &png, Problem::Binary),
            ("mostly control characters", &controls, Problem::Binary),
        ];
        for (name, bytes, expected) in cases {
            assert_eq!(decode(bytes, Format::Text), Err(expected.clone()), "{name}");
        }
        assert_eq!(Problem::Binary.to_string(), "binary file, not text");
        assert_eq!(Problem::Empty.to_string(), "empty file");
    }

    #[test]
    fn a_few_control_characters_do_not_make_a_file_binary() {
        let text = "a line of news text with a stray escape \x1b in it\n".repeat(3);
        assert!(decode(text.as_bytes(), Format::Text).is_ok());
        let text = "Title\n\nA page with one stray NUL\0 byte in its body.\n";
        assert_eq!(decode(text.as_bytes(), Format::Text).as_deref(), Ok(text));
    }
}
