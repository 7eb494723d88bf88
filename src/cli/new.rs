//! `rapport new NAME`: writes the commented starter scenario under a new id.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(name: &str, out: Option<PathBuf>) -> ExitCode {
    // Letters and digits of any script are kept (lower-cased); anything else becomes a hyphen.
    let id: String = name
        .chars()
        .flat_map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                vec!['-']
            }
        })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    if id.is_empty() {
        eprintln!(
            "error: give the scenario a name with at least one letter or digit, e.g. `rapport new print-shop`"
        );
        return ExitCode::FAILURE;
    }
    let path = out.unwrap_or_else(|| PathBuf::from(format!("{id}.ron")));
    let text =
        rapport_core::STARTER_SCENARIO.replacen("id: \"starter\"", &format!("id: \"{id}\""), 1);
    // `create_new` never follows a link, dangling or not, and never replaces a file.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut file| file.write_all(text.as_bytes()));
    match written {
        Ok(()) => {}
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "error: {} already exists (a file or a link); choose another name or --out path",
                crate::files::shown(&path)
            );
            return ExitCode::FAILURE;
        }
        Err(err) => {
            eprintln!("error: cannot write {}: {err}", crate::files::shown(&path));
            return ExitCode::FAILURE;
        }
    }
    println!(
        "Wrote {}. Edit it, then run: rapport check {}",
        crate::files::shown(&path),
        shell_quoted(&path)
    );
    ExitCode::SUCCESS
}

/// A path as it can be pasted into a shell: quoted when it holds anything but plain
/// characters, with ANSI-C quoting (`$'…'`) when it holds control characters.
pub fn shell_quoted(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        return text;
    }
    if !text.chars().any(rapport_core::visible::is_hidden) {
        return format!("'{}'", text.replace('\'', "'\\''"));
    }
    // Escapes and direction overrides are written the way bash reads them back ($'\x1b'),
    // never raw into the terminal.
    let mut quoted = String::from("$'");
    for c in text.chars() {
        match c {
            '\'' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            c if rapport_core::visible::is_hidden(c) && (c as u32) < 0x80 => {
                quoted.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if rapport_core::visible::is_hidden(c) => {
                quoted.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('\'');
    quoted
}
