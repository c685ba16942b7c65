//! Chinese, Japanese and Korean text: found by a word of two characters or more, while
//! spaced scripts search as before.

use crate::util::{titles, Dir};

fn corpus() -> Dir {
    Dir::with_stories(&[
        ("zh.txt", "上海举行会议", "新华社 - 中国外交部长在上海会见了日本外相。"),
        ("ja.txt", "北京市で会議", "東京 - 中国と日本の外相が北京市で会談した。"),
        ("ko.txt", "서울에서 회담", "서울 - 한국 외교부 장관이 회담했다."),
        (
            "en.txt",
            "Talks in Vienna",
            "VIENNA (Reuters) - Iran and Saudi Arabia met on oil output.",
        ),
    ])
}

#[test]
fn a_two_character_word_finds_chinese_and_japanese_articles() {
    let dir = corpus();
    assert_eq!(titles(&dir.search(&["上海"])), ["上海举行会议"]);
    assert_eq!(titles(&dir.search(&["会議"])), ["北京市で会議"]);
    let mut both =
        titles(&dir.search(&["外相"])).into_iter().map(str::to_owned).collect::<Vec<_>>();
    both.sort();
    assert_eq!(both, ["上海举行会议", "北京市で会議"]);
    assert_eq!(titles(&dir.search(&["회담"])), ["서울에서 회담"]);
}

#[test]
fn three_characters_match_as_a_phrase() {
    let dir = corpus();
    assert_eq!(titles(&dir.search(&["北京市"])), ["北京市で会議"]);
    assert_eq!(titles(&dir.search(&["\"会见了\""])), ["上海举行会议"]);
    // No article has the run: its first pair, 市上, is nowhere.
    assert_eq!(dir.search(&["市上海"]).total, 0);
}

#[test]
fn spaced_scripts_search_as_before() {
    let dir = corpus();
    assert_eq!(titles(&dir.search(&["iran"])), ["Talks in Vienna"]);
    assert_eq!(titles(&dir.search(&["\"saudi arabia\""])), ["Talks in Vienna"]);
}
