//! The class report as one self-contained page for a projector and for print: inline CSS,
//! system fonts, charts drawn as inline SVG, nothing loaded from anywhere. Every value goes
//! through maud, which escapes it; names are also neutralised and shortened first.

use super::model::{ClassReport, ScenarioSummary};
use super::names::shortened_to_width;
use maud::{DOCTYPE, Markup, PreEscaped, html as markup};

/// The widest a trainee's name gets on the page, in columns.
const NAME_WIDTH: usize = 32;

/// Colours with at least 4.5:1 contrast on white, told apart by lightness too.
const CLASS: &str = "#0b3d91";
const SKILLED: &str = "#1b6e35";
const AVERAGE: &str = "#6b6b6b";
const MISSED: &str = "#a33a00";

const CSS: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 32px 48px;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
  font-size: 20px; line-height: 1.45; color: #111; background: #fff; }
h1 { font-size: 2.1em; margin: 0 0 .2em; }
h2 { font-size: 1.5em; margin: 1.6em 0 .5em; border-bottom: 3px solid #111; padding-bottom: .15em; }
h3 { font-size: 1.15em; margin: 1.2em 0 .3em; }
p.summary { font-size: 1.1em; margin: 0 0 1em; }
ol.prompts { padding-left: 1.6em; }
ol.prompts li { margin: 0 0 .7em; font-size: 1.12em; }
table { border-collapse: collapse; width: 100%; font-size: .82em; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #999; padding: .3em .45em; text-align: left; vertical-align: top; }
th { background: #eef1f6; border-bottom: 2px solid #111; }
td.num, th.num { text-align: right; }
td.name { min-width: 9em; max-width: 16em; overflow-wrap: anywhere; }
td.nowrap, th.nowrap { white-space: nowrap; }
span.sub { display: block; font-size: .8em; color: #333; font-weight: normal; }
th { font-size: .92em; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 24px 28px; }
figure { margin: 0; }
figure.wide { grid-column: 1 / -1; }
figcaption { font-size: .85em; color: #333; margin-top: .2em; }
svg { width: 100%; height: auto; display: block; }
svg text { font-family: inherit; fill: #111; }
.key span { display: inline-block; margin-right: 1.2em; }
.swatch { display: inline-block; width: .9em; height: .9em; vertical-align: -.1em; margin-right: .3em; }
ul.questions li { margin-bottom: .3em; }
footer { margin-top: 2.5em; font-size: .8em; color: #333; }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2, h3 { break-after: avoid; }
  figure, section.prompts { break-inside: avoid; }
  .charts { grid-template-columns: repeat(2, 1fr); }
  tr { break-inside: avoid; }
  th { background: none; }
}
"#;

/// A self-contained page's head: its title and inline style, nothing loaded from anywhere.
pub(super) fn page_head(title: &str, css: &str) -> Markup {
    markup! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            style { (PreEscaped(css)) }
        }
    }
}

/// The page's HTML.
pub fn html(report: &ClassReport) -> String {
    let page = markup! {
        (DOCTYPE)
        html lang="en" {
            (page_head("Class report — Rapport", CSS))
            body {
                h1 { "Class report" }
                p.summary {
                    (report.trainees.len()) " trainees, " (report.calls()) " calls ("
                    (report.finished_calls()) " finished, "
                    (report.calls() - report.finished_calls()) " abandoned), "
                    (report.scenarios.len()) @if report.scenarios.len() == 1 { " scenario." } @else { " scenarios." }
                }
                @if !report.warnings.is_empty() {
                    section.warnings #warnings {
                        h2 { "Check first" }
                        ul { @for w in &report.warnings { li { (shortened_to_width(w, 1_000)) } } }
                    }
                }
                @if !report.prompts.is_empty() {
                    section.prompts #prompts {
                        h2 { "For the room" }
                        ol.prompts { @for p in &report.prompts { li { (p) } } }
                    }
                }
                @for s in &report.scenarios {
                    section.scenario {
                        h2 { (s.title) }
                        p {
                            (s.calls) " calls; " (s.trainees_right) " of " (s.trainees)
                            " trainees reached the right ending."
                        }
                        (trainee_table(report, s))
                        figure {
                            (histogram("Best total per trainee", &report.table(&s.id).iter()
                                .filter_map(|(_, p)| p.best_attempt().map(|a| a.total))
                                .collect::<Vec<_>>()))
                        }
                    }
                }
                section #trust {
                    h2 { "Trust over the call" }
                    p.key {
                        span { span.swatch style={ "background:" (CLASS) } {} "reached the right ending" }
                        span { span.swatch style={ "background:" (MISSED) } {} "did not" }
                    }
                    div.charts {
                        @for s in &report.scenarios { figure.wide { (trust_curves(report, s)) } }
                    }
                }
                section #mix {
                    h2 { "How the class talked, beside Rackham's negotiators" }
                    p.key {
                        span { span.swatch style={ "background:" (CLASS) } {} "this class" }
                        span { span.swatch style={ "background:" (SKILLED) } {} "skilled negotiators" }
                        span { span.swatch style={ "background:" (AVERAGE) } {} "average negotiators" }
                    }
                    figure.wide { (mix_chart(report)) figcaption { "Share of moves, in percent. Source: " (report.mix.source) "." } }
                }
                section #needs {
                    h2 { "Needs most often missed" }
                    @for s in &report.scenarios { (needs(s)) }
                }
                section #moves {
                    h2 { "Moves most often chosen" }
                    @for s in &report.scenarios { (moves(s)) }
                }
                footer {
                    "Made by Rapport from the trainees' result files. Per scenario: First and Best are a trainee's first and best finished calls (an abandoned call is neither); scores, outcome and right ending are those of the best one; tricks and premature proposals are counted over all their calls of it."
                }
            }
        }
    };
    page.into_string()
}

fn name(text: &str) -> Markup {
    markup! { bdi { (shortened_to_width(text, NAME_WIDTH)) } }
}

fn trainee_table(report: &ClassReport, scenario: &ScenarioSummary) -> Markup {
    let ranked = report.options.rank;
    let score = |a: Option<&super::model::AttemptSummary>| {
        a.map_or("—".to_string(), |a| format!("{:.1}", a.total))
    };
    markup! {
        table {
            thead { tr {
                @if ranked { th.num { "Rank" } }
                th { "Trainee" span.sub { "workshop" } } th.num { "Calls" }
                th.num { "First" } th.num { "Best" }
                @for d in ["Discovery", "Agreement", "Relationship", "Fit & outcome"] { th.num { (d) } }
                th { "Outcome" } th { "Right ending" } th.num { "Tricks" } th.num { "Premature" }
            } }
            tbody {
                @for (t, played) in report.table(&scenario.id) {
                    @let best = played.best_attempt();
                    tr {
                        @if ranked { td.num { (played.rank.map_or(String::new(), |r| r.to_string())) } }
                        td.name {
                            (name(&t.name))
                            @if let Some(w) = &t.workshop { span.sub { (name(w)) } }
                        }
                        td.num { (played.attempts.len()) }
                        td.num { (score(played.first_attempt())) }
                        td.num { strong { (score(best)) } }
                        @for i in 0..4 {
                            td.num { (best.map_or("—".to_string(), |b| format!("{:.0}", b.dimensions[i]))) }
                        }
                        td.nowrap { (best.map_or("abandoned", |b| b.outcome_label())) }
                        td { @if best.is_some_and(|b| b.right_ending) { "yes" } @else { "no" } }
                        td.num { (played.attempts.iter().map(|a| a.tricks).sum::<u32>()) }
                        td.num { (played.attempts.iter().map(|a| a.premature_proposals).sum::<u32>()) }
                    }
                }
            }
        }
    }
}

/// Counts in ten bands of ten points (100 goes in the last).
fn histogram(title: &str, values: &[f64]) -> Markup {
    let mut bands = [0usize; 10];
    for v in values {
        bands[((v / 10.0).floor().clamp(0.0, 9.0)) as usize] += 1;
    }
    let most = bands.iter().copied().max().unwrap_or(0).max(1);
    let (w, h, left, right, bottom, top) = (380.0, 230.0, 22.0, 22.0, 40.0, 34.0);
    let plot_h = h - bottom - top;
    let bar_w = (w - left - right) / 10.0;
    let label = format!(
        "{title}: number of trainees per band of ten points: {}",
        bands
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    markup! {
        svg viewBox={ "0 0 " (w) " " (h) } role="img" aria-label=(label) {
            title { (label) }
            text x="0" y="22" font-size="19" font-weight="bold" { (title) }
            line x1=(left) y1=(h - bottom) x2=(w - right) y2=(h - bottom) stroke="#111" stroke-width="1.5" {}
            @for (i, n) in bands.iter().enumerate() {
                @let bh = plot_h * *n as f64 / most as f64;
                @let x = left + i as f64 * bar_w;
                rect x=(x + 2.0) y=(h - bottom - bh) width=(bar_w - 4.0) height=(bh) fill=(CLASS) {}
                @if *n > 0 {
                    text x=(x + bar_w / 2.0) y=(h - bottom - bh - 5.0) font-size="15" text-anchor="middle" { (n) }
                }
            }
            @for tick in [0, 50, 100] {
                text x=(left + tick as f64 / 10.0 * bar_w) y=(h - bottom + 20.0) font-size="15" text-anchor="middle" { (tick) }
            }
        }
    }
}

fn trust_curves(report: &ClassReport, s: &ScenarioSummary) -> Markup {
    let calls: Vec<_> = report
        .attempts()
        .map(|(_, a)| a)
        .filter(|a| a.scenario_id == s.id)
        .collect();
    let turns = calls
        .iter()
        .map(|a| a.trust.len().saturating_sub(1))
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, h, left, right, top, bottom) = (1100.0, 330.0, 50.0, 20.0, 40.0, 44.0);
    let x = |turn: usize| left + (w - left - right) * turn as f64 / turns as f64;
    let y = |trust: i16| top + (h - top - bottom) * (1.0 - f64::from(trust.clamp(0, 100)) / 100.0);
    let title = format!(
        "{} — trust after each move ({} calls)",
        s.title,
        calls.len()
    );
    markup! {
        svg viewBox={ "0 0 " (w) " " (h) } role="img" aria-label=(title) {
            title { (title) }
            text x="0" y="24" font-size="20" font-weight="bold" { (shortened_to_width(&title, 90)) }
            @for t in [0i16, 25, 50, 75, 100] {
                line x1=(left) y1=(y(t)) x2=(w - right) y2=(y(t)) stroke="#ccc" stroke-width="1" {}
                text x=(left - 8.0) y=(y(t) + 5.0) font-size="15" text-anchor="end" { (t) }
            }
            line x1=(left) y1=(y(0)) x2=(w - right) y2=(y(0)) stroke="#111" stroke-width="1.5" {}
            text x=(left) y=(h - 10.0) font-size="15" { "move 0" }
            text x=(w - right) y=(h - 10.0) font-size="15" text-anchor="end" { "move " (turns) }
            @for a in &calls {
                @let points = a.trust.iter().enumerate()
                    .map(|(i, t)| format!("{:.1},{:.1}", x(i), y(*t)))
                    .collect::<Vec<_>>().join(" ");
                polyline points=(points) fill="none"
                    stroke=(if a.right_ending { CLASS } else { MISSED })
                    stroke-width="2.5" stroke-opacity="0.55" stroke-linejoin="round" {}
            }
        }
    }
}

fn mix_chart(report: &ClassReport) -> Markup {
    let shares = &report.mix.shares;
    let most = shares
        .iter()
        .flat_map(|s| [s.class, s.skilled, s.average])
        .fold(25.0_f64, f64::max);
    let (w, h, left, top, bottom) = (1100.0, 320.0, 50.0, 20.0, 50.0);
    let group_w = (w - left) / shares.len().max(1) as f64;
    let bar_w = group_w / 4.5;
    let y = |v: f64| top + (h - top - bottom) * (1.0 - v / most);
    let label = shares
        .iter()
        .map(|s| {
            format!(
                "{}: class {:.1}%, skilled {:.1}%, average {:.1}%",
                s.label, s.class, s.skilled, s.average
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    markup! {
        svg viewBox={ "0 0 " (w) " " (h) } role="img" aria-label=(label) {
            title { (label) }
            line x1=(left) y1=(y(0.0)) x2=(w) y2=(y(0.0)) stroke="#111" stroke-width="1.5" {}
            @for (g, s) in shares.iter().enumerate() {
                @let gx = left + g as f64 * group_w + group_w / 2.0 - 1.5 * bar_w;
                @for (b, (v, colour)) in [(s.class, CLASS), (s.skilled, SKILLED), (s.average, AVERAGE)].iter().enumerate() {
                    @let bx = gx + b as f64 * bar_w;
                    rect x=(bx + 3.0) y=(y(*v)) width=(bar_w - 6.0) height=(y(0.0) - y(*v)) fill=(colour) {}
                    text x=(bx + bar_w / 2.0) y=(y(*v) - 6.0) font-size="17" text-anchor="middle" { (format!("{v:.1}%")) }
                }
                text x=(gx + 1.5 * bar_w) y=(h - 18.0) font-size="19" text-anchor="middle" { (s.label) }
            }
        }
    }
}

fn needs(s: &ScenarioSummary) -> Markup {
    let shown: Vec<_> = s.missed_needs.iter().take(6).collect();
    let (w, row, left) = (1100.0, 52.0, 10.0);
    let h = row * shown.len() as f64 + 10.0;
    let label_w = 160.0;
    let bar_max = w - left - label_w;
    markup! {
        h3 { (s.title) }
        @if shown.is_empty() {
            p { "Every need in play was found in every finished call." }
        } @else {
            figure.wide {
                svg viewBox={ "0 0 " (w) " " (h) } role="img"
                    aria-label={ "Needs most often missed in " (s.title) } {
                    @for (i, n) in shown.iter().enumerate() {
                        @let share = n.missed as f64 / n.in_play.max(1) as f64;
                        @let y0 = i as f64 * row;
                        text x=(left) y=(y0 + 20.0) font-size="18" { (shortened_to_width(&n.summary, 90)) }
                        rect x=(left) y=(y0 + 27.0) width=(bar_max) height="16" fill="#e6e6e6" {}
                        rect x=(left) y=(y0 + 27.0) width=(bar_max * share) height="16" fill=(MISSED) {}
                        text x=(w - 4.0) y=(y0 + 41.0) font-size="17" text-anchor="end" {
                            (n.missed) " of " (n.in_play) " calls"
                        }
                    }
                }
                figcaption { "Finished calls where the customer had the need but never said it in their own words." }
            }
            ul.questions {
                @for n in &shown {
                    @if let Some(q) = &n.suggestion {
                        li { strong { (n.summary) } ": “" (q) "”" }
                    }
                }
            }
        }
    }
}

fn moves(s: &ScenarioSummary) -> Markup {
    markup! {
        h3 { (s.title) }
        table {
            thead { tr { th { "Move" } th { "Kind" } th.num { "Times" } th.num { "Calls" } } }
            tbody {
                @for m in s.moves.iter().take(8) {
                    tr {
                        td { (shortened_to_width(&m.text, 120)) }
                        td { (m.kind.label()) }
                        td.num { (m.times) }
                        td.num { (m.calls) }
                    }
                }
            }
        }
    }
}
