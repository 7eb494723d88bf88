//! Checks that the scenario can be played to an honest end, and advice about the customer's
//! own lines.

use super::*;

/// Enough to play: moves, needs, and a move for every honest ending.
pub(super) fn enough_to_play(c: &mut Check) {
    // Enough to play.
    let has = |k: MoveKind| c.file.moves.iter().any(|m| m.kind == k);
    if c.file.moves.len() < MIN_MOVES || c.file.needs.is_empty() {
        c.out.push(
            err(
                "E017",
                format!(
                    "the scenario is too short to play: {} moves, {} needs",
                    c.file.moves.len(),
                    c.file.needs.len()
                ),
            )
            .label("too few moves")
            .help(format!(
                "Offer at least {MIN_MOVES} moves and one need; shipped scenarios offer 20 or more."
            ))
            .at(c.lines, c.loc.field_name(&[], "moves")),
        );
    }
    let mut missing_endings = Vec::new();
    if !has(MoveKind::AskCommitment) && c.file.decision.right_outcome == RightWhenFits::Order {
        missing_endings.push("AskCommitment");
    }
    if !has(MoveKind::AgreeNextSteps) {
        missing_endings.push("AgreeNextSteps");
    }
    if !has(MoveKind::RecommendNoFit)
        && c.file
            .needs
            .iter()
            .any(|n| n.dealbreaker && n.fit == Fit::None)
    {
        missing_endings.push("RecommendNoFit");
    }
    if !has(MoveKind::Summarize) && !has(MoveKind::CheckUnderstanding) {
        missing_endings.push("Summarize or CheckUnderstanding");
    }
    if !has(MoveKind::FollowUp) && c.file.post_sale.is_some() {
        missing_endings.push("FollowUp");
    }
    if !missing_endings.is_empty() {
        c.out.push(
            err(
                "E022",
                format!(
                    "no move of kind {} — the right ending cannot be reached",
                    missing_endings.join(", ")
                ),
            )
            .label("missing moves")
            .help("Add a move of each of those kinds so the trainee can finish the call honestly.")
            .at(c.lines, c.loc.field_name(&[], "moves")),
        );
    }
    if c.file.customer.opening.iter().all(|l| l.trim().is_empty()) {
        c.out.push(
            err("E019", "the customer has no opening line".to_string())
                .label("empty")
                .help("Write what the customer says when the call starts.")
                .at(c.lines, c.loc.span(&["customer", "opening"])),
        );
    }
}

/// Advice that does not stop play: reactions without the customer's own lines.
pub(super) fn replies(c: &mut Check) {
    // Advice that does not stop play.
    let covered: Vec<Reaction> = c.file.replies.iter().map(|r| r.on).collect();
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
        c.out.push(
            Diagnostic::warning("W001", format!("no customer lines for: {}", missing.join(", ")))
                .label("a generic line will be used")
                .help("Add `(on: …, lines: [\"…\"])` entries to `replies` so the customer sounds like themselves.")
                .at(c.lines, c.loc.field_name(&[], "replies")),
        );
    }
}
