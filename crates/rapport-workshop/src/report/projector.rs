//! The prompts for the wall: one self-contained page that shows one discussion prompt per
//! screen in large type, without the table (no names, no scores of anyone). Each prompt fills
//! the window and the page snaps to it, so Page Down, Space and the arrow keys (or a presenter
//! remote) step through them; no script, nothing loaded from anywhere.

use super::html::page_head;
use super::model::ClassReport;
use maud::{DOCTYPE, html as markup};

const CSS: &str = r#"
:root { color-scheme: dark; }
* { box-sizing: border-box; }
html { scroll-snap-type: y mandatory; }
body { margin: 0; background: #0d1117; color: #f5f5f5;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif; }
section { height: 100vh; scroll-snap-align: start; display: flex; flex-direction: column;
  justify-content: center; padding: 6vh 8vw; }
section p { font-size: clamp(28px, 4.6vw, 64px); line-height: 1.3; margin: 0; max-width: 32em; }
section .count { font-size: clamp(18px, 2vw, 28px); color: #b8c4d6; margin-bottom: 3vh; }
section.title h1 { font-size: clamp(36px, 6vw, 84px); margin: 0 0 3vh; }
section.title p { color: #d0d7e2; }
@media print { html { scroll-snap-type: none; } section { height: auto; break-after: page; }
  body { background: #fff; color: #111; } section .count { color: #333; } }
"#;

/// The projector page: a title screen, then one screen per prompt.
pub fn projector(report: &ClassReport) -> String {
    let total = report.prompts.len();
    markup! {
        (DOCTYPE)
        html lang="en" {
            (page_head("For the room — Rapport", CSS))
            body {
                section.title {
                    h1 { "For the room" }
                    p {
                        @if total == 0 { "No results to talk about yet." }
                        @else { (total) " questions from this class's calls. Page Down or Space for the next one." }
                    }
                }
                @for (i, prompt) in report.prompts.iter().enumerate() {
                    section id=(format!("prompt-{}", i + 1)) {
                        div.count { (i + 1) " / " (total) }
                        p { (prompt) }
                    }
                }
            }
        }
    }
    .into_string()
}
