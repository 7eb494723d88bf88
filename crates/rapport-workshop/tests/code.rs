//! Workshop codes know every shipped scenario, so a room code stays short.

use rapport_workshop::code::SHIPPED_IDS;

#[test]
fn every_shipped_scenario_has_a_place_in_the_code_table() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).expect("the shipped scenarios") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "ron") {
            let text = std::fs::read_to_string(&path).unwrap();
            let scenario = rapport_core::scenario::parse(&text)
                .scenario
                .expect("shipped scenarios are valid");
            assert!(
                SHIPPED_IDS.contains(&scenario.id()),
                "append \"{}\" to SHIPPED_IDS in code.rs",
                scenario.id()
            );
            checked += 1;
        }
    }
    assert!(checked >= 8);
}
