//! Assertions that show what was wrong, not just that something was.

/// Asserts that `haystack` contains `needle`, printing both when it does not.
#[macro_export]
macro_rules! assert_contains {
    ($haystack:expr, $needle:expr $(,)?) => {{
        let haystack: &str = &$haystack;
        let needle: &str = &$needle;
        assert!(
            haystack.contains(needle),
            "\n--- expected to find\n{needle}\n--- in\n{haystack}\n---\n"
        );
    }};
}

/// Asserts that two multi-line texts are equal, printing them line by line with the
/// first difference marked (ripgrep's `eqnice!`).
#[macro_export]
macro_rules! eqnice {
    ($expected:expr, $got:expr $(,)?) => {{
        let expected: &str = &$expected;
        let got: &str = &$got;
        if expected != got {
            panic!("{}", $crate::macros::show_difference(expected, got));
        }
    }};
}

/// Both texts, with `>` marking the first line where they part.
pub fn show_difference(expected: &str, got: &str) -> String {
    let expected_lines: Vec<&str> = expected.lines().collect();
    let got_lines: Vec<&str> = got.lines().collect();
    let first = expected_lines
        .iter()
        .zip(&got_lines)
        .position(|(a, b)| a != b)
        .unwrap_or(expected_lines.len().min(got_lines.len()));
    let mark = |lines: &[&str]| {
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| format!("{} {line}", if i == first { '>' } else { ' ' }))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "\ntexts differ at line {}\n--- expected\n{}\n--- got\n{}\n---\n",
        first + 1,
        mark(&expected_lines),
        mark(&got_lines)
    )
}
