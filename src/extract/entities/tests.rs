//! Tests of the whole extractor, on the project's seed article and the ambiguous cases.

use super::*;

fn official(name: &str, role: &str, country: Option<&str>) -> Official {
    Official { name: name.into(), role: Some(role.into()), country: country.map(Into::into) }
}

#[test]
fn seed_article() {
    // The seed as the entity extractor receives it: title and body after furniture.
    let raw = crate::read::RawArticle {
        origin: crate::read::Origin { path: "seed/imna-689019.txt".into(), line: None },
        format: crate::discover::Format::Text,
        text: crate::extract::SEED.to_owned(),
        meta: crate::read::Meta::default(),
    };
    let fields = crate::extract::meta::extract_meta(&raw);
    let e = extract_entities(&fields.title, &fields.body);
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
    assert!(
        !e.places.iter().any(|p| p.name.contains("West") && p != "West Asia"),
        "{:?}",
        e.places
    );
}

/// The places, countries and people of a one-line article with an empty title.
fn of(body: &str) -> Entities {
    extract_entities("", body)
}

fn has<T: PartialEq<str>>(list: &[T], item: &str) -> bool {
    list.iter().any(|x| x == item)
}

/// The country the gazetteers put the most prominent place of a name in (a country is
/// its own): what the place rules start from before the context chooses a sense.
fn country_of_place(place: &str) -> Option<&'static str> {
    let table = &*PLACES;
    let place = table.place(table.place_by_surface(place)?);
    place.country.map(|c| table.place(c).name)
}

/// The place of `e` named `name`.
fn place<'a>(e: &'a Entities, name: &str) -> &'a Place {
    e.places.iter().find(|p| *p == name).unwrap_or_else(|| panic!("no {name} in {:?}", e.places))
}

#[test]
fn places_carry_the_country_of_the_sense_chosen() {
    let caucasus = of("Talks between Armenia, Georgia and Azerbaijan resumed in Tbilisi.");
    assert_eq!(place(&caucasus, "Georgia").country, None, "a country lies in no other");
    assert_eq!(place(&caucasus, "Tbilisi").country.as_deref(), Some("Georgia"));
    let south = of("The storm moved from Alabama into Georgia, closing roads near Atlanta.");
    let state = place(&south, "Georgia (U.S. state)");
    assert_eq!(state.country.as_deref(), Some("United States"));
    let e = of("Oil ministers met in Tehran to discuss the Middle East.");
    assert_eq!(place(&e, "Tehran").country.as_deref(), Some("Iran"));
    assert_eq!(place(&e, "Middle East").country, None, "a region lies in no one country");
    let e = extract_entities("", "QUELLBRIDGE 1996-08-30\nThe club won.");
    assert_eq!(e.places, [Place { name: "Quellbridge".into(), country: None }]);
}

#[test]
fn georgia_country_or_state_by_context() {
    let caucasus = of("Talks between Armenia, Georgia and Azerbaijan resumed in Tbilisi.");
    assert!(has(&caucasus.places, "Georgia"), "{:?}", caucasus.places);
    assert!(has(&caucasus.countries, "Georgia"));
    let south = of("The storm moved from Alabama into Georgia, closing roads near Atlanta.");
    assert!(has(&south.places, "Georgia (U.S. state)"), "{:?}", south.places);
    assert!(!has(&south.countries, "Georgia"), "{:?}", south.countries);
    assert!(has(&south.countries, "United States"));
    let comma = of("The plant in Savannah, Georgia, will close.");
    assert!(has(&comma.places, "Georgia (U.S. state)"), "{:?}", comma.places);
    // An official's country follows the sense the place was taken in.
    let governor = of("Georgia Gov. Brian Kemp signed the bill in Atlanta.");
    assert_eq!(governor.officials, [official("Brian Kemp", "Gov.", Some("United States"))]);
    let person = of("Jerome Powell spoke in Jackson Hole, Wyoming, on Friday.");
    assert_eq!(person.people, ["Jerome Powell"], "a place named like a person is no person");
}

#[test]
fn jordan_country_or_person() {
    let country = of("King Abdullah of Jordan met officials in Amman.");
    assert!(has(&country.countries, "Jordan"), "{:?}", country.countries);
    let player = of("Michael Jordan scored 40 points. Jordan said he was tired.");
    assert_eq!(player.people, ["Michael Jordan"]);
    assert!(!has(&player.places, "Jordan"), "{:?}", player.places);
    assert!(player.countries.is_empty(), "{:?}", player.countries);
}

#[test]
fn turkey_country_or_bird() {
    let country = of("Exports to Turkey rose sharply last year.");
    assert!(has(&country.countries, "Turkey"));
    let bird = of("Turkey prices rose before the holiday as shoppers bought a turkey each.");
    assert!(!has(&bird.countries, "Turkey"), "{:?}", bird.countries);
    let headline = extract_entities("TURKEY PRICES SOAR", "Farmers said each turkey cost more.");
    assert!(!has(&headline.countries, "Turkey"), "{:?}", headline.countries);
    let headline = extract_entities("TURKEY RAISES RATES", "The central bank of Turkey acted.");
    assert!(has(&headline.countries, "Turkey"), "{:?}", headline.countries);
}

#[test]
fn chad_niger_guinea() {
    let countries = of("Troops from Chad and Niger patrol the border with Guinea.");
    for c in ["Chad", "Niger", "Guinea"] {
        assert!(has(&countries.countries, c), "{c}: {:?}", countries.countries);
    }
    let person = of("Chad Smith, a spokesman, said the guinea pigs were safe.");
    assert_eq!(person.people, ["Chad Smith"]);
    assert!(person.countries.is_empty(), "{:?}", person.countries);
    let longer = of("Papua New Guinea and Equatorial Guinea signed the deal.");
    assert!(
        has(&longer.countries, "Papua New Guinea") && has(&longer.countries, "Equatorial Guinea")
    );
    assert!(!has(&longer.countries, "Guinea"), "{:?}", longer.countries);
}

#[test]
fn washington_city_government_or_person() {
    let city = of("The delegation arrived in Washington on Monday.");
    assert!(has(&city.places, "Washington"));
    assert!(has(&city.countries, "United States"));
    // The government, by metonymy, is still the city and its country.
    let government = of("Washington said it would respond to the tariffs.");
    assert!(has(&government.countries, "United States"), "{:?}", government.countries);
    let person = of("George Washington crossed the river. Washington said little.");
    assert_eq!(person.people, ["George Washington"]);
    assert!(person.places.is_empty(), "{:?}", person.places);
    let state = of("Apple orchards in Washington State had a good year.");
    assert!(has(&state.places, "Washington State"), "{:?}", state.places);
}

#[test]
fn paris_city_or_person() {
    let city = of("The summit opened in Paris on Tuesday.");
    assert!(has(&city.places, "Paris") && has(&city.countries, "France"));
    let listed = of("Dupont said Paris and Madrid would sign the accord.");
    assert!(!has(&listed.people, "Paris"), "{:?}", listed.people);
    let person = of("Paris Hilton arrived late. Hilton said she had been delayed.");
    assert_eq!(person.people, ["Paris Hilton"]);
    assert!(person.places.is_empty(), "{:?}", person.places);
}

#[test]
fn a_firms_name_is_no_person() {
    let bank = of("Banque Nationale de Paris said profits rose, and Credit Lyonnais agreed.");
    assert!(bank.people.is_empty(), "{:?}", bank.people);
    // A title still makes a person, a firm's word before it or not.
    let titled = of("Deutsche Bank chairman Alfred Herrhausen said profits rose.");
    assert_eq!(titled.people, ["Alfred Herrhausen"]);
}

#[test]
fn sentence_initial_capitals_are_no_names() {
    let e = of("Trailing by 213, Somerset collapsed. Separately, prices were trailing.");
    assert!(e.people.is_empty(), "{:?}", e.people);
    let e =
        of("Officials met. Yeltsin said the talks went well, and aides said Yeltsin was tired.");
    assert_eq!(e.people, ["Yeltsin"]);
}

#[test]
fn capitals_headline_and_dateline() {
    let e = extract_entities(
        "SHOIGU VISITS TEHRAN FOR TALKS",
        "TEHRAN, Sept. 19 (IRNA) - Russian Defense Minister Sergei Shoigu arrived on Tuesday.",
    );
    assert_eq!(e.people, ["Sergei Shoigu"]);
    assert_eq!(e.places, ["Tehran"]);
    assert_eq!(e.countries, ["Iran", "Russia"]);
    let e = extract_entities(
        "BAHIA COCOA REVIEW",
        "SALVADOR, Feb 26 - Showers continued in the Bahia zone.",
    );
    assert!(has(&e.places, "Salvador") && has(&e.countries, "Brazil"), "{e:?}");
    assert!(e.people.is_empty(), "{:?}", e.people);
    let e = extract_entities("", "ST. LOUIS, March 3 - Shares rose.");
    assert_eq!(e.places, ["St. Louis"]);
    let e = extract_entities("", "(ANSA) - ROME, MAR 3 - The cabinet met.");
    assert_eq!(e.places, ["Rome"]);
    assert!(e.people.is_empty());
    let e = extract_entities("", "LEYTONSTONE 1996-08-30\nThe club won.");
    assert_eq!(e.places, ["Leytonstone"], "an unknown dateline place is still a place");
}

#[test]
fn dateline_places_the_head_words_miss() {
    // Only the full pattern reads these; their date vouches for the place.
    let e = extract_entities("", "Murdochville, Quebec, April 3 - Noranda said output fell.");
    assert!(has(&e.places, "Murdochville") && has(&e.places, "Quebec"), "{e:?}");
    let e = extract_entities("", "JOHANNESBURG March 13 - Shr 516 cts vs 347 cts");
    assert!(has(&e.places, "Johannesburg") && has(&e.countries, "South Africa"), "{e:?}");
    // The pattern's shape without a date is a heading, not a dateline.
    let e = extract_entities("", "MIGRATION – Problems between locals and refugees.");
    assert!(e.places.is_empty(), "{e:?}");
    let e = extract_entities("", "DIY (Do it Yourself)\n\nBuild a shelf.");
    assert!(e.places.is_empty(), "{e:?}");
}

#[test]
fn a_byline_gives_no_place() {
    let e = extract_entities("", "BY LAWRENCE EDELMAN, REUTERS\n\nShares rose.");
    assert!(e.places.is_empty(), "{e:?}");
}

#[test]
fn agencies_are_neither_people_nor_places() {
    let e = of(
        "Iran (IMNA) - Xinhua and Reuters said, citing AFP and TASS, that IRNA told AP nothing.",
    );
    assert!(e.people.is_empty(), "{:?}", e.people);
    assert_eq!(e.places, ["Iran"]);
}

#[test]
fn places_inside_organisation_names() {
    // An organisation named after a place is not a mention of the place, nor of its
    // country: the Bank of England, the New York Times, Swiss Bank Corp.
    let e = of("The Bank of England and the New York Times quoted Swiss Bank Corp analysts.");
    assert!(e.places.is_empty(), "{:?}", e.places);
    assert!(e.countries.is_empty(), "{:?}", e.countries);
    let e = of("Iran Air flights to New York resumed.");
    assert_eq!(e.places, ["New York"]);
    assert_eq!(e.countries, ["United States"]);
    let e = of("The bond pays 100 mln Canadian dlrs and 50 mln U.S. dlrs.");
    assert!(e.countries.is_empty(), "currencies name money: {:?}", e.countries);
}

#[test]
fn us_state_abbreviations() {
    let e = of("The company, based in Fresno, Calif., bought a plant in Newark, N.J., last year.");
    assert!(has(&e.places, "California") && has(&e.places, "New Jersey"), "{:?}", e.places);
    assert_eq!(e.countries, ["United States"]);
    let e = of("Miss. Smith and Ms. Jones won.");
    assert!(!has(&e.places, "Mississippi"), "{:?}", e.places);
    let e = of("He grew up in Jackson, Miss., and moved.");
    assert!(has(&e.places, "Mississippi"), "{:?}", e.places);
}

#[test]
fn demonyms_give_countries_not_places() {
    let e = of("Iranian and Russian officials met Emirati and Turkish envoys.");
    assert!(e.places.is_empty(), "{:?}", e.places);
    assert_eq!(e.countries, ["Iran", "Russia", "United Arab Emirates", "Turkey"]);
}

#[test]
fn country_codes_as_words() {
    let e = of("The US and the U.K. joined the UAE; us and them.");
    assert_eq!(e.countries, ["United States", "United Kingdom", "United Arab Emirates"]);
    let e = of("Tell us more about it.");
    assert!(e.countries.is_empty(), "{:?}", e.countries);
}

#[test]
fn people_linking_possessives_and_initials() {
    let e = of("James A. Baker met reporters. Baker's aides said Mr. Baker would return. \
                Later James Baker left.");
    assert_eq!(e.people, ["James A. Baker"]);
    let e = of("Shoigu's visit ended. Defense Minister Sergei Shoigu said Shoigu's team left.");
    assert_eq!(e.people, ["Sergei Shoigu"]);
    let e = of("Bashar al-Assad met Jean-Claude Juncker and Valery Giscard d'Estaing.");
    assert_eq!(e.people, ["Bashar al-Assad", "Jean-Claude Juncker", "Valery Giscard d'Estaing"]);
    let e = of("President Miguel de la Madrid spoke in Mexico City.");
    assert_eq!(e.people, ["Miguel de la Madrid"]);
    assert_eq!(e.places, ["Mexico City"], "a place inside a name is no place");
    let e = of("P. Simmons and A. Dale batted.");
    assert_eq!(e.people, ["P. Simmons", "A. Dale"]);
}

#[test]
fn titles_are_stripped_and_companies_are_no_people() {
    let e = of("President Ronald Reagan and Dr. Ruth Westheimer spoke. \
                General Motors Corp said Morgan Stanley agreed.");
    assert_eq!(e.people, ["Ronald Reagan", "Ruth Westheimer"]);
}

#[test]
fn official_patterns() {
    let cases: &[(&str, &str, &str, Option<&str>)] = &[
        (
            "Egyptian Supply Minister Sherif Farouk said wheat imports would rise.",
            "Sherif Farouk",
            "Supply Minister",
            Some("Egypt"),
        ),
        (
            "Saudi Foreign Minister Prince Saud al-Faisal met the envoy.",
            "Saud al-Faisal",
            "Foreign Minister",
            Some("Saudi Arabia"),
        ),
        (
            "Saudi Crown Prince Abdullah met the envoy.",
            "Abdullah",
            "Crown Prince",
            Some("Saudi Arabia"),
        ),
        (
            "Russian Defense Minister Sergei Shoigu arrived.",
            "Sergei Shoigu",
            "Defense Minister",
            Some("Russia"),
        ),
        (
            "Russia's Defense Minister Sergei Shoigu arrived.",
            "Sergei Shoigu",
            "Defense Minister",
            Some("Russia"),
        ),
        (
            "U.S. Treasury Secretary James Baker said so.",
            "James Baker",
            "Treasury Secretary",
            Some("United States"),
        ),
        (
            "Foreign Minister Ali Velayati of Iran said so.",
            "Ali Velayati",
            "Foreign Minister",
            Some("Iran"),
        ),
        (
            "Sergei Shoigu, Russia's defense minister, said so.",
            "Sergei Shoigu",
            "Defense Minister",
            Some("Russia"),
        ),
        (
            "He met his Iranian counterpart, Brigadier General Mohammad Reza Ashtiani.",
            "Mohammad Reza Ashtiani",
            "Brigadier General",
            Some("Iran"),
        ),
        (
            "Major General Mohammad Baqeri, the Chief of Staff of the Iranian Armed Forces, spoke.",
            "Mohammad Baqeri",
            "Chief of Staff of the Armed Forces",
            Some("Iran"),
        ),
        ("President Joe Biden spoke.", "Joe Biden", "President", None),
        (
            "Bank of Japan Governor Satoshi Sumita said so.",
            "Satoshi Sumita",
            "Governor",
            Some("Japan"),
        ),
        (
            "Foreign Ministry spokesman Nasser Kanaani said so.",
            "Nasser Kanaani",
            "Foreign Ministry Spokesman",
            None,
        ),
    ];
    for &(text, name, role, country) in cases {
        let e = of(text);
        assert_eq!(e.officials, [official(name, role, country)], "{text}");
    }
}

#[test]
fn lookups_for_queries() {
    for name in ["US", "U.S.", "usa", "America", "United States", "the United States"] {
        assert_eq!(canonical_country(name), Some("United States"), "{name}");
    }
    for name in ["Britain", "UK", "great britain"] {
        assert_eq!(canonical_country(name), Some("United Kingdom"), "{name}");
    }
    assert_eq!(canonical_country("Russian Federation"), Some("Russia"));
    assert_eq!(canonical_country("Islamic Republic of Iran"), Some("Iran"));
    assert_eq!(canonical_country("iran"), Some("Iran"));
    assert_eq!(canonical_country("Soviet Union"), Some("Soviet Union"));
    assert_eq!(canonical_country("Iranian"), None, "demonyms are not country names");
    assert_eq!(canonical_country("Tehran"), None, "a city is not a country");
    assert_eq!(canonical_place("tehran"), Some("Tehran"));
    assert_eq!(canonical_place("Peking"), Some("Beijing"));
    assert_eq!(canonical_place("the Gulf"), Some("Persian Gulf"));
    assert_eq!(canonical_place("georgia"), Some("Georgia"));
    assert_eq!(country_of_place("Tehran"), Some("Iran"));
    assert_eq!(country_of_place("Iran"), Some("Iran"));
    assert_eq!(country_of_place("Georgia (U.S. state)"), Some("United States"));
    assert_eq!(country_of_place("Middle East"), None);
}

/// Extraction speed on one thread over a folder of `.txt` articles (title line, blank
/// line, body), outside the test suite:
/// `NEWSDEX_SPEED_DIR=eval-data/reuters cargo test --release --lib speed -- --ignored --nocapture`
#[test]
#[ignore = "a measurement, not a test: needs NEWSDEX_SPEED_DIR"]
fn speed() {
    let Some(dir) = std::env::var_os("NEWSDEX_SPEED_DIR") else {
        eprintln!("NEWSDEX_SPEED_DIR is not set: nothing to measure");
        return;
    };
    let mut articles = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
        if entry.path().extension().is_some_and(|e| e == "txt") {
            if let Ok(text) = std::fs::read_to_string(entry.path()) {
                let (title, body) = text.split_once("\n\n").unwrap_or((text.as_str(), ""));
                articles.push((title.to_string(), body.to_string()));
            }
        }
    }
    let bytes: usize = articles.iter().map(|(t, b)| t.len() + b.len()).sum();
    extract_entities("warm up", "the gazetteers load once");
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = std::time::Instant::now();
        let found: usize = articles.iter().map(|(t, b)| extract_entities(t, b).places.len()).sum();
        best = best.min(start.elapsed().as_secs_f64());
        assert!(found > 0 || articles.is_empty());
    }
    eprintln!(
        "{} articles, {:.1} MB: best of 3 {:.3} s, {:.0} articles/s, {:.1} MB/s on one thread",
        articles.len(),
        bytes as f64 / 1e6,
        best,
        articles.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
}

#[test]
fn people_from_results_lists_descriptions_and_title_surnames() {
    let e = of("3. Derrick Adkins (U.S.) 48.62\n4. Fabrizio Mori (Italy) 49.21");
    assert_eq!(e.people, ["Derrick Adkins", "Fabrizio Mori"]);
    let e = of("A group headed by Polish businessman Zygmunt Solorz bid for it.");
    assert_eq!(e.people, ["Zygmunt Solorz"]);
    let e = of("British Prime Minister John Major said so.");
    assert_eq!(e.people, ["John Major"]);
    assert_eq!(e.officials, [official("John Major", "Prime Minister", Some("United Kingdom"))]);
}

#[test]
fn modern_officials_and_hyphenated_names() {
    let e = of("Iranian Foreign Minister Hossein Amir-Abdollahian met his Saudi counterpart, \
                Prince Faisal bin Farhan, in Beijing.");
    assert_eq!(
        e.officials,
        [
            official("Hossein Amir-Abdollahian", "Foreign Minister", Some("Iran")),
            official("Faisal bin Farhan", "Prince", Some("Saudi Arabia")),
        ]
    );
    assert_eq!(e.places, ["Beijing"]);
    assert_eq!(e.countries, ["Iran", "Saudi Arabia", "China"]);
}

#[test]
fn odd_input_gives_no_panic() {
    let cases = [
        "",
        " \n\n \t",
        "'s",
        "U.S",
        "A.",
        "-",
        "(ANSA) -",
        "(",
        "تهران (ایرنا) - وزیر دفاع روسیه",
        "北京 3月19日 新华社",
        "İZMİR, ŞUBAT 3 -",
        "\u{feff}\u{200b}Iran\u{2019}s",
        "Mr. Mr. Mr.",
        "Washington, D.C., D.C.,",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    ];
    for text in cases {
        let e = extract_entities(text, text);
        assert!(e.people.len() <= 2, "{text:?}: {e:?}");
    }
    assert_eq!(extract_entities("", ""), Entities::default());
}

/// The shapes that once took time quadratic in their length (every mention compared with
/// every earlier one) give what one mention gives; `bench/linear_time.sh` times them.
#[test]
fn repeated_mentions_give_each_entity_once() {
    let e = of(&"John Smith said. ".repeat(2_000));
    assert_eq!(e.people, ["John Smith"]);
    let e = of(&"Tehran xx. ".repeat(2_000));
    assert_eq!(e.places, ["Tehran"]);
    assert_eq!(e.countries, ["Iran"]);
    let e = of(&format!("{}Smith said.", "Yasuhiro Smith said. James Smith said. ".repeat(500)));
    assert_eq!(e.people, ["Yasuhiro Smith", "James Smith"]);
}

#[test]
fn firms_named_like_people() {
    let e = of("Harris Upham said it agreed. Harris Upham and Co is a broker.");
    assert!(e.people.is_empty(), "{:?}", e.people);
    let e = of("Ivan F. Boesky and others invested in Ivan F. Boesky and Co LP.");
    assert_eq!(e.people, ["Ivan F. Boesky"]);
    let e = extract_entities(
        "FED CHAIRMAN VOLCKER SAYS BANK PROPOSALS A WORRY",
        "The chairman of the Federal Reserve Board, Paul Volcker, has written.",
    );
    assert_eq!(e.people, ["Paul Volcker"]);
}

#[test]
fn hyphenated_given_names() {
    let e = of(
        "Trade Minister Park Ji-hoon met Kim Dae-jung's envoy in Busan. Park said talks went well.",
    );
    assert!(e.people.contains(&"Kim Dae-jung".to_string()), "{:?}", e.people);
    let led = of("A Moscow-led bloc and Tokyo-based firms met Anna Weber in Vienna.");
    assert!(
        !led.people.iter().any(|p| p.contains("led") || p.contains("based")),
        "{:?}",
        led.people
    );
}

#[test]
fn first_level_divisions_imply_their_country() {
    let cases = [
        (
            "Farmers in Tuscany and Lower Saxony protested.",
            ["Tuscany", "Lower Saxony"],
            ["Italy", "Germany"],
        ),
        (
            "Rain fell in Haryana and West Bengal on Monday.",
            ["Haryana", "West Bengal"],
            ["India", "India"],
        ),
        (
            "Frost hit Mato Grosso and Rio Grande do Sul.",
            ["Mato Grosso", "Rio Grande do Sul"],
            ["Brazil", "Brazil"],
        ),
        ("Floods struck Zhejiang and Jalisco.", ["Zhejiang", "Jalisco"], ["China", "Mexico"]),
    ];
    for (text, places, countries) in cases {
        let e = of(text);
        for place in places {
            assert!(e.places.iter().any(|p| p == place), "{place} in {text}: {:?}", e.places);
        }
        for country in countries {
            assert!(
                e.countries.iter().any(|c| c == country),
                "{country} in {text}: {:?}",
                e.countries
            );
        }
    }
    let bengal = of("Rain fell in West Bengal.");
    assert!(!bengal.places.iter().any(|p| p == "Bengal"), "{:?}", bengal.places);
}

#[test]
fn seas_imply_no_country() {
    let e = of("The tanker sailed from the Gulf of Oman into the Arabian Sea.");
    assert!(e.places.iter().any(|p| p == "Gulf of Oman"), "{:?}", e.places);
    assert!(e.countries.is_empty(), "{:?}", e.countries);
}

#[test]
fn stamp_line_before_the_dateline() {
    let e = extract_entities(
        "Port reopens",
        "Published: 3 March 2024\n\nMUSCAT, March 3 (ONA) - The port reopened on Sunday.",
    );
    assert!(e.places.iter().any(|p| p == "Muscat"), "{:?}", e.places);
    assert!(!e.people.iter().any(|p| p == "Published"), "{:?}", e.people);
}

#[test]
fn offices_after_the_name_or_with_of() {
    let cases = [
        (
            "Marta Nowak, the EU fisheries commissioner, said quotas would fall.",
            official("Marta Nowak", "Fisheries Commissioner", None),
        ),
        (
            "Chile's Mines and Energy Minister, Pablo Rojas, said output rose.",
            official("Pablo Rojas", "Mines and Energy Minister", Some("Chile")),
        ),
        (
            "The commander of the Egyptian Navy, Rear Admiral Karim Fathy, said the ship was safe.",
            official("Karim Fathy", "Commander of the Navy", Some("Egypt")),
        ),
    ];
    for (text, expected) in cases {
        let e = of(text);
        assert_eq!(e.officials, std::slice::from_ref(&expected), "{text}");
        assert_eq!(e.people, [expected.name], "{text}");
    }
    let titled = of("Director General of Meteorology Anil Deshmukh said the rains were late.");
    assert_eq!(titled.people, ["Anil Deshmukh"]);
}

#[test]
fn place_table_lookups() {
    let table = &*lexicon::PLACES;
    let id = table.place_by_surface("Minas Gerais").expect("a Brazilian state");
    let brazil = table.place(id).country.expect("a state lies in a country");
    assert_eq!(table.place(brazil).name, "Brazil");
    assert_eq!(country_of_place("Lower Saxony"), Some("Germany"));
    assert_eq!(canonical_place("gulf of oman"), Some("Gulf of Oman"));
    assert_eq!(country_of_place("Gulf of Oman"), None);
}
