//! Checks of the seeded situation (which needs and concerns, who decides, how guarded), the
//! score weights, concern hints and the number of moves.

use super::*;

/// Seeded variation names real needs and concerns, and picks what it can.
pub(super) fn variation(c: &mut Check) {
    if let Some(p) = &c.file.variation.active_needs {
        let (known, other) = (c.need_ids.clone(), c.concern_ids.clone());
        pool(
            c,
            "active_needs",
            p,
            ("need", &known),
            ("concern", "active_concerns", &other),
        );
    }
    if let Some(p) = &c.file.variation.active_concerns {
        let (known, other) = (c.concern_ids.clone(), c.need_ids.clone());
        pool(
            c,
            "active_concerns",
            p,
            ("concern", &known),
            ("need", "active_needs", &other),
        );
    }
    if let Some(b) = &c.file.decision.budget_holder {
        range_check_plain(
            &mut c.out,
            c.lines,
            c.loc.span(&["decision", "budget_holder", "chance"]),
            b.chance.into(),
            0,
            100,
            "the budget holder's chance (percent of seeds)",
        );
        if let Some(gate) = b.trust_gate {
            let ceiling = c.ceiling;
            range_check_plain(
                &mut c.out,
                c.lines,
                c.loc.span(&["decision", "budget_holder", "trust_gate"]),
                gate.into(),
                0,
                ceiling,
                "the budget holder's trust gate",
            );
        }
        if b.cue.is_empty() {
            c.out.push(
                err("E019", "the budget holder has no cue".to_string())
                    .label("no words")
                    .help("Write what the customer says that tells the trainee they need sign-off, e.g. `cue: [\"Anything like this goes to our finance director.\"]`.")
                    .at(c.lines, c.loc.span(&["decision", "budget_holder"])),
            );
        }
    }
    pressure_costs(c);
    if let Some(g) = &c.file.customer.guarded {
        range_check_plain(
            &mut c.out,
            c.lines,
            c.loc.span(&["customer", "guarded", "chance"]),
            g.chance.into(),
            0,
            100,
            "the guarded chance (percent of seeds)",
        );
        range_check_plain(
            &mut c.out,
            c.lines,
            c.loc.span(&["customer", "guarded", "trust_drop"]),
            g.trust_drop.into(),
            0,
            40,
            "the guarded trust drop",
        );
        if g.cue.is_empty() {
            c.out.push(
                err("E019", "the guarded customer has no cue".to_string())
                    .label("no words")
                    .help("Write what a guarded customer says after the opening, so a listening trainee can tell, e.g. `cue: [\"I'll be honest, I almost cancelled this.\"]`.")
                    .at(c.lines, c.loc.span(&["customer", "guarded"])),
            );
        }
    }
}

/// A customer's own trick costs name tricks, and never make one cheaper than her style's
/// default (the honesty invariant rests on every trick costing at least that).
fn pressure_costs(c: &mut Check) {
    let style = crate::scenario::style::traits(c.file.customer.style);
    for (i, cost) in c.file.customer.pressure_costs.iter().enumerate() {
        let index = i.to_string();
        if !cost.kind.is_manipulative() {
            c.out.push(
                err(
                    "E026",
                    format!(
                        "a pressure cost for `{:?}`, which is not a trick",
                        cost.kind
                    ),
                )
                .label("an honest move")
                .help("`pressure_costs` raises what a manipulative move (a close, `RebutObjection`, `FeatureDump`, `Irritator`) costs this customer in trust; honest moves have their costs from the engine.")
                .at(c.lines, c.loc.span(&["customer", "pressure_costs", &index, "kind"])),
            );
            continue;
        }
        let default = i64::from(
            crate::scenario::style::pressure_cost(cost.kind) * style.pressure_quarters / 4,
        );
        range_check_plain(
            &mut c.out,
            c.lines,
            c.loc.span(&["customer", "pressure_costs", &index, "trust"]),
            cost.trust.into(),
            default,
            40,
            &format!(
                "the trust cost of a {} for this customer (at least the style's {default})",
                cost.kind.label()
            ),
        );
    }
}

/// Weights within bounds, concern hints that name needs, not too many moves.
pub(super) fn weights_hints_and_size(c: &mut Check) {
    // Weights within bounds.
    if let Some(w) = c.file.weights {
        let all = [w.discovery, w.agreement, w.relationship, w.fit_and_outcome];
        let sum: u32 = all.iter().sum();
        if all
            .iter()
            .any(|&x| !(Weights::MIN..=Weights::MAX).contains(&x))
            || sum != 100
        {
            c.out.push(
                err("E016", format!("score weights must each be {}–{} and add up to 100 (these add up to {sum})", Weights::MIN, Weights::MAX))
                    .label("weights out of bounds")
                    .help("Adjust them, e.g. `(discovery: 30, agreement: 20, relationship: 20, fit_and_outcome: 30)`.")
                    .at(c.lines, c.loc.span(&["weights"])),
            );
        }
    }

    for (i, concern) in c.file.concerns.iter().enumerate() {
        if let Some(hint) = &concern.hinted_by
            && !c.need_set.contains(hint.as_str())
        {
            let what = if c.concern_set.contains(hint.as_str()) {
                format!(
                    "\"{hint}\" is a concern; `hinted_by` names the need whose discussion hints at this concern"
                )
            } else {
                suggest(hint, &c.need_ids)
            };
            c.out.push(
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
                    c.lines,
                    c.loc
                        .span(&["concerns", &c.concern_indices[i], "hinted_by"]),
                ),
            );
        }
    }
    if c.file.moves.len() > crate::scenario::MAX_MOVES {
        c.out.push(
            err(
                "E020",
                format!(
                    "a scenario may have at most {} moves; this one has {}",
                    crate::scenario::MAX_MOVES,
                    c.file.moves.len()
                ),
            )
            .label("too many")
            .help("Drop near-duplicate moves; a trainee reads the menu, so shorter is kinder.")
            .at(c.lines, c.loc.field_name(&[], "moves")),
        );
    }
}

/// One seeded pool (`variation.<field>`): every id names something of the pool's sort (an id of
/// the other sort says where it belongs), and the pick is possible.
fn pool(
    c: &mut Check,
    field: &str,
    p: &Pick,
    (sort, known): (&str, &[&str]),
    (other_sort, other_field, other): (&str, &str, &[&str]),
) {
    for (j, id) in p.from.iter().enumerate() {
        if known.contains(&id.as_str()) {
            continue;
        }
        let help = if other.contains(&id.as_str()) {
            format!(
                "\"{id}\" is a {other_sort}: list it under `{other_field}`, or name a {sort} here"
            )
        } else {
            suggest(id, known)
        };
        c.out.push(
            err(
                "E011",
                format!("the variation names \"{id}\", which is no {sort}"),
            )
            .label(format!("unknown {sort}"))
            .help(help)
            .at(
                c.lines,
                c.loc.span(&["variation", field, "from", &j.to_string()]),
            ),
        );
    }
    if p.pick == 0 || p.pick > p.from.len() {
        c.out.push(
            err(
                "E021",
                format!("cannot pick {} of {} {sort}s", p.pick, p.from.len()),
            )
            .label("impossible pick")
            .help(format!("Use a number from 1 to {}.", p.from.len().max(1)))
            .at(c.lines, c.loc.span(&["variation", field, "pick"])),
        );
    }
}
