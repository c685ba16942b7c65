//! Tests of the whole extractor, on the project's seed article and the ambiguous cases.

use super::*;

/// The project's seed article (IMNA, news id 689019), as the body reaches the extractor.
const SEED_TITLE: &str = "Relations with Iran reaching new highs";
const SEED_BODY: &str = "The Russian Defense Minister, Sergei Shoigu, stated that the relationship between Russia and Iran is reaching new heights despite the pressure exerted by the West.

Iran (IMNA) - During a meeting with his Iranian counterpart, Brigadier General Mohammad Reza Ashtiani, Shoigu emphasized that both countries are determined to carry out their planned activities, despite opposition from the US and its allies. He expressed satisfaction with the growing dialogue and trust between the leaders of Russia and Iran, and highlighted their common determination to strengthen their strategic defense partnership. Shoigu also announced Russia's readiness to take further joint steps with Iran to enhance stability and security in the Middle East. Ashtiani echoed these sentiments, emphasizing that cooperation between Iran and Russia can safeguard their interests and security in regional and international arenas.

\"Shared obstacles, such as the unilateral actions of the United States, is a crucial and strategic matter in terms of collaborative efforts. Ashtiani highlighted the success of bilateral cooperation in combatting terrorism in West Asia, emphasizing that military and defense connections will undoubtedly persist in the context of global peace and security.

Furthermore, the Iranian defense minister expressed opposition to the presence of external forces in West Asia. He stated that safeguarding the territorial integrity of regional nations and international borders is a non-negotiable principle for the Islamic Republic.

Additionally, he regarded the proposed 3+3 format as a strategy for peacefully resolving issues in the Caucasus region. This format involves the cooperation of Armenia, Georgia, and Azerbaijan, along with Russia, Turkey, and Iran.\"

Shoigu led a prestigious military group and visited Tehran on Tuesday in response to an official invitation from Major General Mohammad Baqeri, the Chief of Staff of the Iranian Armed Forces.
";

fn official(name: &str, role: &str, country: Option<&str>) -> Official {
    Official { name: name.into(), role: Some(role.into()), country: country.map(Into::into) }
}

#[test]
fn seed_article() {
    let e = extract_entities(SEED_TITLE, SEED_BODY);
    assert_eq!(e.people, ["Sergei Shoigu", "Mohammad Reza Ashtiani", "Mohammad Baqeri"]);
    assert_eq!(
        e.officials,
        [
            official("Sergei Shoigu", "Defense Minister", Some("Russia")),
            official("Mohammad Reza Ashtiani", "Brigadier General", Some("Iran")),
            official("Mohammad Baqeri", "Chief of Staff of the Armed Forces", Some("Iran")),
        ]
    );
    for country in ["Iran", "Russia", "United States", "Armenia", "Georgia", "Azerbaijan", "Turkey"]
    {
        assert!(e.countries.iter().any(|c| c == country), "{country} missing: {:?}", e.countries);
    }
    assert_eq!(e.countries.len(), 7, "no false country: {:?}", e.countries);
    for place in ["Tehran", "Iran", "Middle East", "West Asia", "Caucasus", "Georgia"] {
        assert!(e.places.iter().any(|p| p == place), "{place} missing: {:?}", e.places);
    }
    assert!(!e.places.iter().any(|p| p.contains("West") && p != "West Asia"), "{:?}", e.places);
}
