//! Checks a parsed scenario file for every problem that can be found without playing it.
//! (RON's own errors are turned into diagnostics in `ron_errors.rs`.)

use super::diagnostic::Diagnostic;
use super::kinds::*;
use super::model::*;
use super::spans::{Node, locate};
use super::{MAX_CONCERNS, MAX_NEEDS};
use std::collections::HashMap;
use std::ops::Range;

/// Fewest moves a playable scenario offers.
pub const MIN_MOVES: usize = 12;

/// Finds where a path in the file stands, falling back to its nearest located parent.
struct Locator<'a> {
    tree: Option<&'a Node>,
}

impl Locator<'_> {
    fn span(&self, path: &[&str]) -> Range<usize> {
        let Some(tree) = self.tree else { return 0..0 };
        for len in (0..=path.len()).rev() {
            if let Some(node) = locate(tree, &path[..len]) {
                return node.span.clone();
            }
        }
        tree.span.clone()
    }

    /// The span of a field's name, e.g. to point at `weights:` rather than its whole value.
    fn field_name(&self, parent: &[&str], field: &str) -> Range<usize> {
        self.tree
            .and_then(|t| locate(t, parent))
            .and_then(|n| n.field_name_span(field))
            .unwrap_or_else(|| self.span(parent))
    }
}

pub(super) fn check(file: &ScenarioFile, source: &str, tree: Option<&Node>) -> Vec<Diagnostic> {
    let loc = Locator { tree };
    let mut out = Vec::new();
    let err = |code, msg: String| Diagnostic::error(code, msg);

    if file.format_version == 1 {
        out.push(
            Diagnostic::warning(
                "W002",
                "format version 1 is read as version 2: nothing else needs to change",
            )
            .label("old version")
            .help(format!(
                "Write `format_version: {FORMAT_VERSION}`. Version 2 only adds optional fields (concern hints, seeded concerns, who decides, guarded customers, DiscloseLimitation moves), so a version 1 file means the same."
            ))
            .at(source, loc.span(&["format_version"])),
        );
    } else if file.format_version != FORMAT_VERSION {
        out.push(
            err(
                "E003",
                format!("format version {} is not supported", file.format_version),
            )
            .label("unsupported version")
            .help(format!("Write `format_version: {FORMAT_VERSION}`."))
            .at(source, loc.span(&["format_version"])),
        );
    }
    for (field, value) in [("id", &file.meta.id), ("title", &file.meta.title)] {
        if value.trim().is_empty() {
            out.push(
                err("E019", format!("the scenario's {field} is empty"))
                    .label("empty")
                    .help(format!("Give the scenario a {field}; the menu shows it."))
                    .at(source, loc.span(&["meta", field])),
            );
        }
    }

    // Ranges of numbers.
    let mut range_check = |path: &[&str], value: i64, lo: i64, hi: i64, what: &str| {
        if value < lo || value > hi {
            out.push(
                err("E018", format!("{what} is {value}, outside {lo}–{hi}"))
                    .label("out of range")
                    .help(format!("Use a number from {lo} to {hi}."))
                    .at(source, loc.span(path)),
            );
        }
    };
    range_check(
        &["customer", "trust"],
        file.customer.trust.into(),
        0,
        100,
        "starting trust",
    );
    range_check(
        &["customer", "patience"],
        file.customer.patience.into(),
        10,
        100,
        "patience",
    );
    range_check(
        &["customer", "mood_variation"],
        file.customer.mood_variation.into(),
        0,
        20,
        "mood variation",
    );
    if let Some(max) = file.customer.max_trust {
        range_check(
            &["customer", "max_trust"],
            max.into(),
            1,
            100,
            "the trust ceiling",
        );
    }
    // A gate or a criterion above the customer's trust ceiling can never open.
    let ceiling = i64::from(file.customer.trust_ceiling().clamp(1, 100));
    range_check(
        &["meta", "estimated_minutes"],
        file.meta.estimated_minutes.into(),
        1,
        120,
        "estimated minutes",
    );
    let need_indices: Vec<String> = (0..file.needs.len()).map(|i| i.to_string()).collect();
    for (i, need) in file.needs.iter().enumerate() {
        let ni = need_indices[i].as_str();
        range_check(
            &["needs", ni, "importance"],
            need.importance.into(),
            1,
            5,
            "importance",
        );
        if let Some(gate) = need.trust_gate {
            range_check(
                &["needs", ni, "trust_gate"],
                gate.into(),
                0,
                ceiling,
                "trust gate (this customer's trust tops out at its `max_trust` or style default)",
            );
        }
    }
    let concern_indices: Vec<String> = (0..file.concerns.len()).map(|i| i.to_string()).collect();
    for (i, concern) in file.concerns.iter().enumerate() {
        if let Some(gate) = concern.trust_gate {
            range_check(
                &["concerns", &concern_indices[i], "trust_gate"],
                gate.into(),
                0,
                ceiling,
                "trust gate (this customer's trust tops out at its `max_trust` or style default)",
            );
        }
    }

    if file.needs.len() > MAX_NEEDS || file.concerns.len() > MAX_CONCERNS {
        out.push(
            err(
                "E020",
                format!(
                    "a scenario may have at most {MAX_NEEDS} needs and {MAX_CONCERNS} concerns"
                ),
            )
            .label("too many")
            .help("Merge related needs or concerns, or split the scenario in two.")
            .at(
                source,
                loc.field_name(
                    &[],
                    if file.needs.len() > MAX_NEEDS {
                        "needs"
                    } else {
                        "concerns"
                    },
                ),
            ),
        );
    }

    // Duplicate ids: needs and concerns share one namespace (moves are `about` either).
    let mut seen: HashMap<(&str, &str), (&str, usize)> = HashMap::new();
    let groups: [(&str, Vec<&str>); 4] = [
        ("needs", file.needs.iter().map(|n| n.id.as_str()).collect()),
        (
            "concerns",
            file.concerns.iter().map(|c| c.id.as_str()).collect(),
        ),
        (
            "criteria",
            file.criteria.iter().map(|c| c.id.as_str()).collect(),
        ),
        ("moves", file.moves.iter().map(|m| m.id.as_str()).collect()),
    ];
    for (group, ids) in &groups {
        let namespace = if *group == "concerns" { "needs" } else { group };
        for (i, id) in ids.iter().enumerate() {
            let index = i.to_string();
            if id.trim().is_empty() {
                out.push(
                    err("E019", format!("an entry in `{group}` has an empty id"))
                        .label("empty id")
                        .help("Give it a short id such as \"budget-timing\"; moves and criteria refer to it.")
                        .at(source, loc.span(&[group, &index, "id"])),
                );
                continue;
            }
            match seen.get(&(namespace, *id)) {
                Some(&(first_group, first)) => {
                    let first_span = loc.span(&[first_group, &first.to_string(), "id"]);
                    let (line, _) = super::diagnostic::line_column(source, first_span.start);
                    out.push(
                        err("E010", format!("the id \"{id}\" is used twice"))
                            .label("used again here")
                            .help(format!("Ids must be unique; the first \"{id}\" is on line {line}. Rename one of them."))
                            .at(source, loc.span(&[group, &index, "id"])),
                    );
                }
                None => {
                    seen.insert((namespace, id), (group, i));
                }
            }
        }
    }

    let need_ids: Vec<&str> = file.needs.iter().map(|n| n.id.as_str()).collect();
    let concern_ids: Vec<&str> = file.concerns.iter().map(|c| c.id.as_str()).collect();
    let suggest = |id: &str, candidates: &[&str]| -> String {
        match closest(id, candidates) {
            Some(c) => format!("Did you mean \"{c}\"?"),
            None if candidates.is_empty() => {
                "There is nothing of that kind to refer to yet.".to_string()
            }
            None => format!(
                "Known ids: {}.",
                candidates
                    .iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    };

    // Moves: targets must exist and suit the kind.
    for (i, mv) in file.moves.iter().enumerate() {
        let index = i.to_string();
        if mv.text.trim().is_empty() {
            out.push(
                err("E019", format!("move \"{}\" has no text", mv.id))
                    .label("empty text")
                    .help("Write what the trainee says, as they would say it.")
                    .at(source, loc.span(&["moves", &index, "text"])),
            );
        }
        let mut needs = 0;
        let mut concerns = 0;
        for (j, target) in mv.about.iter().enumerate() {
            let j = j.to_string();
            if need_ids.contains(&target.as_str()) {
                needs += 1;
            } else if concern_ids.contains(&target.as_str()) {
                concerns += 1;
            } else {
                let all: Vec<&str> = need_ids.iter().chain(concern_ids.iter()).copied().collect();
                out.push(
                    err(
                        "E011",
                        format!(
                            "move \"{}\" is about \"{target}\", which is no need or concern",
                            mv.id
                        ),
                    )
                    .label("unknown id")
                    .help(suggest(target, &all))
                    .at(source, loc.span(&["moves", &index, "about", &j])),
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
            out.push(
                err(
                    "E012",
                    format!("a {} must be about {want}", mv.kind.label()),
                )
                .label("does not suit this kind of move")
                .help(format!(
                    "Change `about` of move \"{}\" to name {want}, or change its kind.",
                    mv.id
                ))
                .at(source, loc.span(&["moves", &index, "about"])),
            );
        }
    }

    // Every need can be revealed to the end; every concern can be explored.
    for (i, need) in file.needs.iter().enumerate() {
        let index = i.to_string();
        for kind in [
            MoveKind::Problem,
            MoveKind::Implication,
            MoveKind::NeedPayoff,
        ] {
            if !file
                .moves
                .iter()
                .any(|m| m.kind == kind && m.about.contains(&need.id))
            {
                out.push(
                    err("E013", format!("no move can take the need \"{}\" further: no {} about it", need.id, kind.label()))
                        .label("this need cannot be fully discovered")
                        .help(format!(
                            "Add a move with `kind: {kind:?}, about: [\"{}\"]` so the trainee can ask it.",
                            need.id
                        ))
                        .at(source, loc.span(&["needs", &index, "id"])),
                );
            }
        }
        for (stage, lines) in [
            ("surfaced", &need.surfaced),
            ("explored", &need.explored),
            ("explicit", &need.explicit),
        ] {
            if lines.iter().all(|l| l.trim().is_empty()) {
                out.push(
                    err(
                        "E019",
                        format!("the need \"{}\" has no `{stage}` line", need.id),
                    )
                    .label("the customer would have nothing to say")
                    .help(format!(
                        "Write at least one line the customer says when the need is {stage}."
                    ))
                    .at(source, loc.span(&["needs", &index, stage])),
                );
            }
        }
    }
    for (i, concern) in file.concerns.iter().enumerate() {
        let index = i.to_string();
        if !file
            .moves
            .iter()
            .any(|m| m.kind == MoveKind::ExploreConcern && m.about.contains(&concern.id))
        {
            out.push(
                err(
                    "E014",
                    format!("no move can explore the concern \"{}\"", concern.id),
                )
                .label("this concern can never be resolved")
                .help(format!(
                    "Add a move with `kind: ExploreConcern, about: [\"{}\"]`.",
                    concern.id
                ))
                .at(source, loc.span(&["concerns", &index, "id"])),
            );
        }
        for (stage, lines) in [
            ("raised", &concern.raised),
            ("resolved", &concern.resolved),
            ("hardened", &concern.hardened),
        ] {
            if lines.iter().all(|l| l.trim().is_empty()) {
                out.push(
                    err(
                        "E019",
                        format!("the concern \"{}\" has no `{stage}` line", concern.id),
                    )
                    .label("the customer would have nothing to say")
                    .help(format!(
                        "Write at least one line the customer says when the concern is {stage}."
                    ))
                    .at(source, loc.span(&["concerns", &index, stage])),
                );
            }
        }
        if concern.after_sale && file.post_sale.is_none() {
            out.push(
                err("E015", format!("the concern \"{}\" comes after the sale, but there is no `post_sale`", concern.id))
                    .label("can never appear")
                    .help("Add a `post_sale: (intro: …, opening: […])` section, or set `after_sale: false`.")
                    .at(source, loc.span(&["concerns", &index, "after_sale"])),
            );
        }
    }

    // Criteria refer to something real.
    if file.criteria.is_empty() {
        out.push(
            err("E015", "the scenario has no buying criteria".to_string())
                .label("empty")
                .help("Add at least one criterion: what must be true before this customer commits.")
                .at(source, loc.field_name(&[], "criteria")),
        );
    }
    for (i, criterion) in file.criteria.iter().enumerate() {
        let index = i.to_string();
        if criterion.requires.is_empty() {
            out.push(
                err("E015", format!("the criterion \"{}\" requires nothing", criterion.id))
                    .label("empty list")
                    .help("Name what must be true, e.g. `requires: [Explicit(\"backlog\"), Resolved(\"budget\")]`.")
                    .at(source, loc.span(&["criteria", &index, "requires"])),
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
                    if !(0..=ceiling).contains(&i64::from(*t)) {
                        out.push(
                            err("E018", format!("trust {t} is outside 0–{ceiling}"))
                                .label("out of range")
                                .help(format!("Use a number from 0 to {ceiling}: this customer's trust never goes higher (`max_trust`, or the style's default)."))
                                .at(source, loc.span(&["criteria", &index, "requires", &j])),
                        );
                    }
                    continue;
                }
            };
            let known: &[&str] = if is_need { &need_ids } else { &concern_ids };
            if !known.contains(&id.as_str()) {
                let what = if is_need { "need" } else { "concern" };
                let help = if is_need && concern_ids.contains(&id.as_str()) {
                    format!(
                        "\"{id}\" is a concern, not a need: to require it worked through, write `Resolved(\"{id}\")`."
                    )
                } else if !is_need && need_ids.contains(&id.as_str()) {
                    format!(
                        "\"{id}\" is a need, not a concern: write `Explicit(\"{id}\")`, `Explored(\"{id}\")` or `Proposed(\"{id}\")`."
                    )
                } else {
                    suggest(id, known)
                };
                out.push(
                    err(
                        "E011",
                        format!(
                            "the criterion \"{}\" refers to \"{id}\", which is no {what}",
                            criterion.id
                        ),
                    )
                    .label(format!("unknown {what}"))
                    .help(help)
                    .at(source, loc.span(&["criteria", &index, "requires", &j])),
                );
            }
        }
    }

    // Seeded variation.
    if let Some(pick) = &file.variation.active_needs {
        for (j, id) in pick.from.iter().enumerate() {
            if !need_ids.contains(&id.as_str()) {
                out.push(
                    err(
                        "E011",
                        format!("the variation names \"{id}\", which is no need"),
                    )
                    .label("unknown need")
                    .help(suggest(id, &need_ids))
                    .at(
                        source,
                        loc.span(&["variation", "active_needs", "from", &j.to_string()]),
                    ),
                );
            }
        }
        if pick.pick == 0 || pick.pick > pick.from.len() {
            out.push(
                err(
                    "E021",
                    format!("cannot pick {} of {} needs", pick.pick, pick.from.len()),
                )
                .label("impossible pick")
                .help(format!(
                    "Use a number from 1 to {}.",
                    pick.from.len().max(1)
                ))
                .at(source, loc.span(&["variation", "active_needs", "pick"])),
            );
        }
    }

    if let Some(pick) = &file.variation.active_concerns {
        for (j, id) in pick.from.iter().enumerate() {
            if !concern_ids.contains(&id.as_str()) {
                let help = if need_ids.contains(&id.as_str()) {
                    format!(
                        "\"{id}\" is a need: list it under `active_needs`, or name a concern here"
                    )
                } else {
                    suggest(id, &concern_ids)
                };
                out.push(
                    err(
                        "E011",
                        format!("the variation names \"{id}\", which is no concern"),
                    )
                    .label("unknown concern")
                    .help(help)
                    .at(
                        source,
                        loc.span(&["variation", "active_concerns", "from", &j.to_string()]),
                    ),
                );
            }
        }
        if pick.pick == 0 || pick.pick > pick.from.len() {
            out.push(
                err(
                    "E021",
                    format!("cannot pick {} of {} concerns", pick.pick, pick.from.len()),
                )
                .label("impossible pick")
                .help(format!(
                    "Use a number from 1 to {}.",
                    pick.from.len().max(1)
                ))
                .at(source, loc.span(&["variation", "active_concerns", "pick"])),
            );
        }
    }
    if let Some(b) = &file.decision.budget_holder {
        range_check_plain(
            &mut out,
            source,
            loc.span(&["decision", "budget_holder", "chance"]),
            b.chance.into(),
            0,
            100,
            "the budget holder's chance (percent of seeds)",
        );
        if b.cue.is_empty() {
            out.push(
                err("E019", "the budget holder has no cue".to_string())
                    .label("no words")
                    .help("Write what the customer says that tells the trainee they need sign-off, e.g. `cue: [\"Anything like this goes to our finance director.\"]`.")
                    .at(source, loc.span(&["decision", "budget_holder"])),
            );
        }
    }
    if let Some(g) = &file.customer.guarded {
        range_check_plain(
            &mut out,
            source,
            loc.span(&["customer", "guarded", "chance"]),
            g.chance.into(),
            0,
            100,
            "the guarded chance (percent of seeds)",
        );
        range_check_plain(
            &mut out,
            source,
            loc.span(&["customer", "guarded", "trust_drop"]),
            g.trust_drop.into(),
            0,
            40,
            "the guarded trust drop",
        );
        if g.cue.is_empty() {
            out.push(
                err("E019", "the guarded customer has no cue".to_string())
                    .label("no words")
                    .help("Write what a guarded customer says after the opening, so a listening trainee can tell, e.g. `cue: [\"I'll be honest, I almost cancelled this.\"]`.")
                    .at(source, loc.span(&["customer", "guarded"])),
            );
        }
    }

    // Weights within bounds.
    if let Some(w) = file.weights {
        let all = [w.discovery, w.agreement, w.relationship, w.fit_and_outcome];
        let sum: u32 = all.iter().sum();
        if all
            .iter()
            .any(|&x| !(Weights::MIN..=Weights::MAX).contains(&x))
            || sum != 100
        {
            out.push(
                err("E016", format!("score weights must each be {}–{} and add up to 100 (these add up to {sum})", Weights::MIN, Weights::MAX))
                    .label("weights out of bounds")
                    .help("Adjust them, e.g. `(discovery: 30, agreement: 20, relationship: 20, fit_and_outcome: 30)`.")
                    .at(source, loc.span(&["weights"])),
            );
        }
    }

    for (i, concern) in file.concerns.iter().enumerate() {
        if let Some(hint) = &concern.hinted_by
            && !need_ids.contains(&hint.as_str())
        {
            let what = if concern_ids.contains(&hint.as_str()) {
                format!(
                    "\"{hint}\" is a concern; `hinted_by` names the need whose discussion hints at this concern"
                )
            } else {
                suggest(hint, &need_ids)
            };
            out.push(
                err(
                    "E011",
                    format!(
                        "concern \"{}\" is hinted by \"{hint}\", which is no need",
                        concern.id
                    ),
                )
                .label("unknown need")
                .help(what)
                .at(
                    source,
                    loc.span(&["concerns", &concern_indices[i], "hinted_by"]),
                ),
            );
        }
    }
    if file.moves.len() > super::MAX_MOVES {
        out.push(
            err(
                "E020",
                format!(
                    "a scenario may have at most {} moves; this one has {}",
                    super::MAX_MOVES,
                    file.moves.len()
                ),
            )
            .label("too many")
            .help("Drop near-duplicate moves; a trainee reads the menu, so shorter is kinder.")
            .at(source, loc.field_name(&[], "moves")),
        );
    }

    // Enough to play.
    let has = |k: MoveKind| file.moves.iter().any(|m| m.kind == k);
    if file.moves.len() < MIN_MOVES || file.needs.is_empty() {
        out.push(
            err(
                "E017",
                format!(
                    "the scenario is too short to play: {} moves, {} needs",
                    file.moves.len(),
                    file.needs.len()
                ),
            )
            .label("too few moves")
            .help(format!(
                "Offer at least {MIN_MOVES} moves and one need; shipped scenarios offer 20 or more."
            ))
            .at(source, loc.field_name(&[], "moves")),
        );
    }
    let mut missing_endings = Vec::new();
    if !has(MoveKind::AskCommitment) && file.decision.right_outcome == RightWhenFits::Order {
        missing_endings.push("AskCommitment");
    }
    if !has(MoveKind::AgreeNextSteps) {
        missing_endings.push("AgreeNextSteps");
    }
    if !has(MoveKind::RecommendNoFit)
        && file
            .needs
            .iter()
            .any(|n| n.dealbreaker && n.fit == Fit::None)
    {
        missing_endings.push("RecommendNoFit");
    }
    if !has(MoveKind::Summarize) && !has(MoveKind::CheckUnderstanding) {
        missing_endings.push("Summarize or CheckUnderstanding");
    }
    if !has(MoveKind::FollowUp) && file.post_sale.is_some() {
        missing_endings.push("FollowUp");
    }
    if !missing_endings.is_empty() {
        out.push(
            err(
                "E022",
                format!(
                    "no move of kind {} — the right ending cannot be reached",
                    missing_endings.join(", ")
                ),
            )
            .label("missing moves")
            .help("Add a move of each of those kinds so the trainee can finish the call honestly.")
            .at(source, loc.field_name(&[], "moves")),
        );
    }
    if file.customer.opening.iter().all(|l| l.trim().is_empty()) {
        out.push(
            err("E019", "the customer has no opening line".to_string())
                .label("empty")
                .help("Write what the customer says when the call starts.")
                .at(source, loc.span(&["customer", "opening"])),
        );
    }

    // Advice that does not stop play.
    let covered: Vec<Reaction> = file.replies.iter().map(|r| r.on).collect();
    let missing: Vec<String> = [
        Reaction::NotAnIssue,
        Reaction::NothingNew,
        Reaction::ProposalPremature,
        Reaction::CommitmentNotReady,
        Reaction::Ordered,
        Reaction::NextStepAgreed,
        Reaction::BrochurePlease,
        Reaction::NoFitAgreed,
        Reaction::Pressured,
        Reaction::Walkout,
    ]
    .iter()
    .filter(|r| !covered.contains(r))
    .map(|r| format!("{r:?}"))
    .collect();
    if !missing.is_empty() {
        out.push(
            Diagnostic::warning("W001", format!("no customer lines for: {}", missing.join(", ")))
                .label("a generic line will be used")
                .help("Add `(on: …, lines: [\"…\"])` entries to `replies` so the customer sounds like themselves.")
                .at(source, loc.field_name(&[], "replies")),
        );
    }
    out
}

/// A number outside its range, for checks outside the main range closure.
fn range_check_plain(
    out: &mut Vec<Diagnostic>,
    source: &str,
    span: std::ops::Range<usize>,
    value: i64,
    lo: i64,
    hi: i64,
    what: &str,
) {
    if value < lo || value > hi {
        out.push(
            Diagnostic::error("E018", format!("{what} is {value}, outside {lo}–{hi}"))
                .label("out of range")
                .help(format!("Use a number from {lo} to {hi}."))
                .at(source, span),
        );
    }
}

/// The candidate nearest in spelling, if it is near enough to be a likely typo.
fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (edit_distance(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}
