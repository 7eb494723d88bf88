//! Files with thousands of problems, overlong words and overlong lines are reported in a
//! bounded way: the first problems in full and a count of the rest, words and lines shortened;
//! and every place is located as a plain scan from the start of the file would locate it.

use proptest::prelude::*;
use rapport_core::STARTER_SCENARIO;
use rapport_core::scenario::diagnostic::{
    LONGEST_LINE_SHOWN, SHOWN_PER_FILE, render, render_short, with_thousands,
};
use rapport_core::scenario::{LineIndex, parse};

/// The starter scenario with `count` more moves all called "hello", which it already has.
fn with_duplicate_moves(count: usize) -> String {
    let at = STARTER_SCENARIO
        .find("moves: [\n")
        .expect("the starter has moves")
        + 9;
    let line = "        (id: \"hello\", text: \"Lovely weather.\", kind: Rapport),\n";
    format!(
        "{}{}{}",
        &STARTER_SCENARIO[..at],
        line.repeat(count),
        &STARTER_SCENARIO[at..]
    )
}

/// Reports ariadne or the shortened-line layout drew: each ends with a `╯` line.
fn reports_drawn(rendered: &str) -> usize {
    rendered
        .lines()
        .filter(|l| l.ends_with('╯') && l.trim_start_matches('─') == "╯")
        .count()
}

#[test]
fn thousands_of_duplicate_ids_show_the_first_fifty_and_count_the_rest() {
    let text = with_duplicate_moves(3_000);
    let parsed = parse(&text);
    let duplicates = parsed
        .diagnostics
        .iter()
        .filter(|d| d.code == "E010")
        .count();
    assert_eq!(duplicates, 3_000, "every duplicate is found and counted");
    let total = parsed.diagnostics.len();
    let errors = parsed.diagnostics.iter().filter(|d| d.is_error()).count();
    let rest = total - SHOWN_PER_FILE;

    let rendered = render("many.ron", &text, &parsed.diagnostics);
    assert_eq!(reports_drawn(&rendered), SHOWN_PER_FILE);
    let last = rendered.lines().last().expect("a last line");
    assert!(
        last.starts_with(&format!(
            "… and {} more problems in this file, not shown",
            with_thousands(rest)
        )),
        "{last}"
    );
    let rest_errors = errors
        - parsed.diagnostics[..SHOWN_PER_FILE]
            .iter()
            .filter(|d| d.is_error())
            .count();
    assert!(
        last.contains(&format!("({} errors", with_thousands(rest_errors))),
        "{last}"
    );

    let short = render_short("many.ron", &parsed.diagnostics);
    let lines: Vec<&str> = short.lines().collect();
    assert_eq!(lines.len(), SHOWN_PER_FILE + 1);
    assert!(
        lines[..SHOWN_PER_FILE]
            .iter()
            .all(|l| l.starts_with("many.ron:"))
    );
    assert_eq!(lines[SHOWN_PER_FILE], last);
}

#[test]
fn a_file_with_few_problems_shows_them_all_without_a_count() {
    let text = with_duplicate_moves(3);
    let parsed = parse(&text);
    let rendered = render("few.ron", &text, &parsed.diagnostics);
    assert_eq!(reports_drawn(&rendered), parsed.diagnostics.len());
    assert!(!rendered.contains("more problem"), "{rendered}");
}

#[test]
fn an_overlong_unknown_word_is_shortened_in_the_message_and_the_rendering() {
    let word = "x".repeat(2_000_000);
    let text = STARTER_SCENARIO.replacen("style: Socializer,", &format!("style: {word},"), 1);
    let parsed = parse(&text);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.code, "E002");
    assert!(
        d.message.contains("…` (a 2,000,000-character word)"),
        "{}",
        d.message
    );
    assert!(d.message.len() < 200, "{}", d.message);
    let rendered = render("long-word.ron", &text, &parsed.diagnostics);
    assert!(rendered.len() < 2_000, "{rendered}");
    assert!(
        rendered.contains(&format!("long-word.ron:{}:{} ]", d.line, d.column)),
        "the place is the word's own, not the shortened line's: {rendered}"
    );
    assert!(rendered.contains("xxx…"), "{rendered}");
}

#[test]
fn an_unknown_id_with_escapes_and_direction_overrides_is_echoed_visibly() {
    let (before, after) = STARTER_SCENARIO
        .split_once("about: [\"")
        .expect("the starter has a move about a need");
    let hostile = "zz\u{1b}[31m\u{202e}evil\u{2066}";
    let text = format!("{before}about: [\"{hostile}{after}");
    let parsed = parse(&text);
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "E011")
        .expect("an unknown id is E011");
    assert!(
        d.message.contains("zz\\u{1b}[31m\\u{202e}evil\\u{2066}"),
        "{}",
        d.message
    );
    let rendered = render("hostile.ron", &text, &parsed.diagnostics);
    let short = render_short("hostile.ron", &parsed.diagnostics);
    for shown in [&rendered, &short] {
        assert!(
            !shown.contains(['\u{1b}', '\u{202e}', '\u{2066}']),
            "a hidden character reached the terminal: {shown:?}"
        );
    }
    assert!(
        rendered.contains(&format!("hostile.ron:{}:{} ]", d.line, d.column)),
        "{rendered}"
    );
}

#[test]
fn an_overlong_line_is_shown_shortened_around_the_problem() {
    let comment = "é".repeat(5_000);
    let text = STARTER_SCENARIO.replacen(
        "importance: 4,",
        &format!("/* {comment} */ importance: 9, // {comment}"),
        1,
    );
    let parsed = parse(&text);
    let d = parsed
        .diagnostics
        .iter()
        .find(|d| d.code == "E018")
        .expect("importance out of range");
    let rendered = render("long-line.ron", &text, std::slice::from_ref(d));
    assert!(
        rendered.contains(&format!("long-line.ron:{}:{} ]", d.line, d.column)),
        "{rendered}"
    );
    let shown = rendered
        .lines()
        .find(|l| l.contains("importance: 9"))
        .expect("the line is shown around the problem");
    assert!(shown.starts_with(&format!(" {} │ …", d.line)), "{shown}");
    assert!(shown.ends_with('…'), "{shown}");
    assert!(
        shown.chars().count() < LONGEST_LINE_SHOWN + 20,
        "{} characters",
        shown.chars().count()
    );
    // The underline stands under the value, in characters.
    let underline = rendered
        .lines()
        .find(|l| l.contains('┬'))
        .expect("an underline");
    let value_at = shown.chars().position(|c| c == '9').expect("the value");
    assert_eq!(underline.chars().position(|c| c == '┬'), Some(value_at));
}

/// Line and column as a scan from the start of the text finds them.
fn naive_line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn the_line_index_locates_as_a_scan_from_the_start_does(
        text in "[ab é日😀\r\n\t]{0,700}",
        picks in prop::collection::vec(any::<prop::sample::Index>(), 1..20),
    ) {
        let index = LineIndex::new(&text);
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        for pick in picks {
            let offset = boundaries[pick.index(boundaries.len())];
            let (line, column) = index.line_column(offset);
            prop_assert_eq!((line, column), naive_line_column(&text, offset));
            prop_assert_eq!(index.offset_of(line, column), offset);
            prop_assert_eq!(index.char_offset(offset), text[..offset].chars().count());
        }
    }
}
