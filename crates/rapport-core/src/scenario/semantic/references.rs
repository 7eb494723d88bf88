//! Checks that every id is used once and every reference names something real of the right
//! sort: moves' targets, what can reveal each need and explore each concern, criteria.

use super::*;

/// Every id used once.
pub(super) fn duplicate_ids(c: &mut Check) {
    // Duplicate ids: needs and concerns share one namespace (moves are `about` either).
    let mut seen: HashMap<(&str, &str), (&str, usize)> = HashMap::new();
    let groups: [(&str, Vec<&str>); 4] = [
        (
            "needs",
            c.file.needs.iter().map(|n| n.id.as_str()).collect(),
        ),
        (
            "concerns",
            c.file.concerns.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "criteria",
            c.file.criteria.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "moves",
            c.file.moves.iter().map(|m| m.id.as_str()).collect(),
        ),
    ];
    for (group, ids) in &groups {
        let namespace = if *group == "concerns" { "needs" } else { group };
        for (i, id) in ids.iter().enumerate() {
            let index = i.to_string();
            if id.trim().is_empty() {
                c.out.push(
                    err("E019", format!("an entry in `{group}` has an empty id"))
                        .label("empty id")
                        .help("Give it a short id such as \"budget-timing\"; moves and criteria refer to it.")
                        .at(c.lines, c.loc.span(&[group, &index, "id"])),
                );
                continue;
            }
            if let Some(bad) = id.chars().find(|&ch| invisible(ch)) {
                c.out.push(
                    err(
                        "E024",
                        format!(
                            "the id \"{}\" in `{group}` contains an invisible or direction-changing character (U+{:04X})",
                            id.escape_debug(),
                            u32::from(bad)
                        ),
                    )
                    .label("hidden character")
                    .help("Retype the id with visible letters, digits and hyphens only: two ids that look the same must not be different.")
                    .at(c.lines, c.loc.span(&[group, &index, "id"])),
                );
            }
            match seen.get(&(namespace, *id)) {
                Some(&(first_group, first)) => {
                    let first_span = c.loc.span(&[first_group, &first.to_string(), "id"]);
                    let (line, _) = c.lines.line_column(first_span.start);
                    c.out.push(
                        err("E010", format!("the id \"{id}\" is used twice"))
                            .label("used again here")
                            .help(format!("Ids must be unique; the first \"{id}\" is on line {line}. Rename one of them."))
                            .at(c.lines, c.loc.span(&[group, &index, "id"])),
                    );
                }
                None => {
                    seen.insert((namespace, id), (group, i));
                }
            }
        }
    }
}

/// Each move's targets exist and suit its kind.
pub(super) fn moves(c: &mut Check) {
    // Moves: targets must exist and suit the kind.
    for (i, mv) in c.file.moves.iter().enumerate() {
        let index = i.to_string();
        if mv.text.trim().is_empty() {
            c.out.push(
                err("E019", format!("move \"{}\" has no text", mv.id))
                    .label("empty text")
                    .help("Write what the trainee says, as they would say it.")
                    .at(c.lines, c.loc.span(&["moves", &index, "text"])),
            );
        }
        let mut needs = 0;
        let mut concerns = 0;
        for (j, target) in mv.about.iter().enumerate() {
            let j = j.to_string();
            if c.need_set.contains(target.as_str()) {
                needs += 1;
            } else if c.concern_set.contains(target.as_str()) {
                concerns += 1;
            } else {
                let all: Vec<&str> = c
                    .need_ids
                    .iter()
                    .chain(c.concern_ids.iter())
                    .take(SUGGESTION_POOL)
                    .copied()
                    .collect();
                c.out.push(
                    err(
                        "E011",
                        format!(
                            "move \"{}\" is about \"{target}\", which is no need or concern",
                            mv.id
                        ),
                    )
                    .label("unknown id")
                    .help(suggest(target, &all))
                    .at(c.lines, c.loc.span(&["moves", &index, "about", &j])),
                );
            }
        }
        let ok = match mv.kind.target() {
            TargetRule::Nothing => needs == 0 && concerns == 0,
            TargetRule::OneNeed => needs == 1 && concerns == 0,
            TargetRule::AtMostOneNeed => needs <= 1 && concerns == 0,
            TargetRule::SomeNeeds => needs >= 1 && concerns == 0,
            TargetRule::AnyNeeds => concerns == 0,
            TargetRule::OneConcern => concerns == 1 && needs == 0,
        };
        let unknown = mv.about.len() - needs - concerns;
        if !ok && unknown == 0 {
            let want = match mv.kind.target() {
                TargetRule::Nothing => "nothing: leave `about` out".to_string(),
                TargetRule::OneNeed => "exactly one need, e.g. `about: [\"backlog\"]`".to_string(),
                TargetRule::AtMostOneNeed => "one need or none".to_string(),
                TargetRule::SomeNeeds => "one or more needs".to_string(),
                TargetRule::AnyNeeds => "needs only (or nothing)".to_string(),
                TargetRule::OneConcern => "exactly one concern".to_string(),
            };
            c.out.push(
                err(
                    "E012",
                    format!("a {} must be about {want}", mv.kind.label()),
                )
                .label("does not suit this kind of move")
                .help(format!(
                    "Change `about` of move \"{}\" to name {want}, or change its kind.",
                    mv.id
                ))
                .at(c.lines, c.loc.span(&["moves", &index, "about"])),
            );
        }
    }
}

/// Each concern's `settled_by` names `AnswerConcern` moves; and an answer is only worth
/// something beside others that miss, so a concern's right answer never stands alone.
pub(super) fn answers(c: &mut Check) {
    let kinds: HashMap<&str, MoveKind> = c
        .file
        .moves
        .iter()
        .map(|m| (m.id.as_str(), m.kind))
        .collect();
    let answer_ids: Vec<&str> = c
        .file
        .moves
        .iter()
        .filter(|m| m.kind == MoveKind::AnswerConcern)
        .map(|m| m.id.as_str())
        .collect();
    for (i, concern) in c.file.concerns.iter().enumerate() {
        let index = i.to_string();
        for (j, id) in concern.settled_by.iter().enumerate() {
            let j = j.to_string();
            let at = c.loc.span(&["concerns", &index, "settled_by", &j]);
            match kinds.get(id.as_str()) {
                Some(MoveKind::AnswerConcern) => {}
                Some(kind) => c.out.push(
                    err(
                        "E025",
                        format!(
                            "concern \"{}\" is settled by \"{id}\", a {}, not an answer",
                            concern.id,
                            kind.label()
                        ),
                    )
                    .label("not an AnswerConcern move")
                    .help(format!(
                        "Give move \"{id}\" `kind: AnswerConcern`, or name an answer here."
                    ))
                    .at(c.lines, at),
                ),
                None => c.out.push(
                    err(
                        "E025",
                        format!(
                            "concern \"{}\" is settled by \"{id}\", which is no move",
                            concern.id
                        ),
                    )
                    .label("unknown move")
                    .help(suggest(id, &answer_ids))
                    .at(c.lines, at),
                ),
            }
        }
    }
    if answer_ids.len() == 1 && c.file.concerns.iter().any(|k| !k.settled_by.is_empty()) {
        let at = c
            .file
            .moves
            .iter()
            .position(|m| m.kind == MoveKind::AnswerConcern);
        let index = at.unwrap_or(0).to_string();
        c.out.push(
            Diagnostic::warning(
                "W005",
                "the menu holds one answer to a worry, so it is always the right one",
            )
            .label("no wrong answer beside it")
            .help("Write at least one more `AnswerConcern` move: the right answer to another worry, or one that addresses none of hers (a discount, \"everyone loves it\"). A trainee must pick the answer from what she said.")
            .at(c.lines, c.loc.span(&["moves", &index, "kind"])),
        );
    }
}

/// Every need can be revealed to the end; every concern can be explored.
pub(super) fn reachability(c: &mut Check) {
    // Indexed once: a file with thousands of needs and moves must not cost their product.
    let offered: HashSet<(MoveKind, &str)> = c
        .file
        .moves
        .iter()
        .flat_map(|m| m.about.iter().map(move |a| (m.kind, a.as_str())))
        .collect();
    for (i, need) in c.file.needs.iter().enumerate() {
        let index = i.to_string();
        for kind in [
            MoveKind::Problem,
            MoveKind::Implication,
            MoveKind::NeedPayoff,
        ] {
            if !offered.contains(&(kind, need.id.as_str())) {
                c.out.push(
                    err("E013", format!("no move can take the need \"{}\" further: no {} about it", need.id, kind.label()))
                        .label("this need cannot be fully discovered")
                        .help(format!(
                            "Add a move with `kind: {kind:?}, about: [\"{}\"]` so the trainee can ask it.",
                            need.id
                        ))
                        .at(c.lines, c.loc.span(&["needs", &index, "id"])),
                );
            }
        }
        for (stage, lines) in [
            ("surfaced", &need.surfaced),
            ("explored", &need.explored),
            ("explicit", &need.explicit),
        ] {
            if lines.iter().all(|l| l.trim().is_empty()) {
                c.out.push(
                    err(
                        "E019",
                        format!("the need \"{}\" has no `{stage}` line", need.id),
                    )
                    .label("the customer would have nothing to say")
                    .help(format!(
                        "Write at least one line the customer says when the need is {stage}."
                    ))
                    .at(c.lines, c.loc.span(&["needs", &index, stage])),
                );
            }
        }
    }
    for (i, concern) in c.file.concerns.iter().enumerate() {
        let index = i.to_string();
        if !offered.contains(&(MoveKind::ExploreConcern, concern.id.as_str())) {
            c.out.push(
                err(
                    "E014",
                    format!("no move can explore the concern \"{}\"", concern.id),
                )
                .label("this concern can never be resolved")
                .help(format!(
                    "Add a move with `kind: ExploreConcern, about: [\"{}\"]`.",
                    concern.id
                ))
                .at(c.lines, c.loc.span(&["concerns", &index, "id"])),
            );
        }
        for (stage, lines) in [
            ("raised", &concern.raised),
            ("resolved", &concern.resolved),
            ("hardened", &concern.hardened),
        ] {
            if lines.iter().all(|l| l.trim().is_empty()) {
                c.out.push(
                    err(
                        "E019",
                        format!("the concern \"{}\" has no `{stage}` line", concern.id),
                    )
                    .label("the customer would have nothing to say")
                    .help(format!(
                        "Write at least one line the customer says when the concern is {stage}."
                    ))
                    .at(c.lines, c.loc.span(&["concerns", &index, stage])),
                );
            }
        }
        if concern.after_sale && c.file.post_sale.is_none() {
            c.out.push(
                err("E015", format!("the concern \"{}\" comes after the sale, but there is no `post_sale`", concern.id))
                    .label("can never appear")
                    .help("Add a `post_sale: (intro: …, opening: […])` section, or set `after_sale: false`.")
                    .at(c.lines, c.loc.span(&["concerns", &index, "after_sale"])),
            );
        }
    }
}

/// Criteria refer to something real.
pub(super) fn criteria(c: &mut Check) {
    // Criteria refer to something real.
    if c.file.criteria.is_empty() {
        c.out.push(
            err("E015", "the scenario has no buying criteria".to_string())
                .label("empty")
                .help("Add at least one criterion: what must be true before this customer commits.")
                .at(c.lines, c.loc.field_name(&[], "criteria")),
        );
    }
    for (i, criterion) in c.file.criteria.iter().enumerate() {
        let index = i.to_string();
        if criterion.requires.is_empty() {
            c.out.push(
                err("E015", format!("the criterion \"{}\" requires nothing", criterion.id))
                    .label("empty list")
                    .help("Name what must be true, e.g. `requires: [Explicit(\"backlog\"), Resolved(\"budget\")]`.")
                    .at(c.lines, c.loc.span(&["criteria", &index, "requires"])),
            );
        }
        for (j, cond) in criterion.requires.iter().enumerate() {
            let j = j.to_string();
            let (id, is_need) = match cond {
                Condition::Explicit(id) | Condition::Explored(id) | Condition::Proposed(id) => {
                    (id, true)
                }
                Condition::Resolved(id) => (id, false),
                Condition::Trust(t) => {
                    let ceiling = c.ceiling;
                    if !(0..=ceiling).contains(&i64::from(*t)) {
                        c.out.push(
                            err("E018", format!("trust {t} is outside 0–{ceiling}"))
                                .label("out of range")
                                .help(format!("Use a number from 0 to {ceiling}: this customer's trust never goes higher (`max_trust`, or the style's default)."))
                                .at(c.lines, c.loc.span(&["criteria", &index, "requires", &j])),
                        );
                    }
                    continue;
                }
            };
            let (known, known_set) = if is_need {
                (&c.need_ids, &c.need_set)
            } else {
                (&c.concern_ids, &c.concern_set)
            };
            if !known_set.contains(id.as_str()) {
                let what = if is_need { "need" } else { "concern" };
                let help = if is_need && c.concern_set.contains(id.as_str()) {
                    format!(
                        "\"{id}\" is a concern, not a need: to require it worked through, write `Resolved(\"{id}\")`."
                    )
                } else if !is_need && c.need_set.contains(id.as_str()) {
                    format!(
                        "\"{id}\" is a need, not a concern: write `Explicit(\"{id}\")`, `Explored(\"{id}\")` or `Proposed(\"{id}\")`."
                    )
                } else {
                    suggest(id, known)
                };
                c.out.push(
                    err(
                        "E011",
                        format!(
                            "the criterion \"{}\" refers to \"{id}\", which is no {what}",
                            criterion.id
                        ),
                    )
                    .label(format!("unknown {what}"))
                    .help(help)
                    .at(c.lines, c.loc.span(&["criteria", &index, "requires", &j])),
                );
            }
        }
    }
}

/// A character that shows as nothing or reorders the text around it: control characters,
/// zero-width characters and bidirectional controls. Two ids differing only in these would
/// look identical to a trainer.
pub(super) fn invisible(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{061C}'
                | '\u{FEFF}'
                | '\u{00AD}'
        )
}
