//! Workshop codes: a short text a facilitator projects (`RAP-…`) that fixes the scenario set
//! and the seed, so a room meets the same customer in the same situation, offline.
//!
//! The code carries what it needs: each scenario's id and a hash of its text, the seed, and a
//! checksum against typos. It is Crockford base32 (no I, L, O or U; those typed by mistake are
//! read as 1, 1 and 0), in groups of four, case and dashes free.

use data_encoding::{Encoding, Specification};
use rapport_core::visible::{ECHO_LIMIT, echoed};

const PREFIX: &str = "RAP";
const VERSION: u8 = 1;
/// How many bits of a scenario's text hash the code carries: enough to tell an edited copy.
const HASH_BYTES: usize = 3;
/// A workshop is a handful of scenarios; more would make the code long.
pub const MAX_SCENARIOS: usize = 8;
/// Shipped scenarios travel as one byte (their place here) instead of their id, which keeps
/// a code short enough to copy from a projector. Append only: a code names the place.
pub const SHIPPED_IDS: [&str; 8] = [
    "corner-cafe",
    "clinic-scheduling",
    "construction-site-safety",
    "cro-lab-inventory",
    "factory-maintenance",
    "law-firm-records",
    "logistics-fleet",
    "school-devices",
];
/// A length byte at or above this is a place in [`SHIPPED_IDS`]; below, an id's length.
const SHIPPED_MARK: u8 = 0x80;

/// What a code fixes: the scenarios (in the facilitator's order) and the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopCode {
    pub scenarios: Vec<CodeScenario>,
    pub seed: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeScenario {
    pub id: String,
    /// The low bits of the scenario's text fingerprint.
    pub hash: u32,
}

/// What this machine has of a scenario a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The same text (line ends aside).
    Same,
    /// Another text of that id: an edited copy or another Rapport version.
    Differs,
    Missing,
}

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// Not a code this version can read (a typo, a truncated copy, another program's code).
    Malformed(String),
    /// The code names a scenario this machine does not have.
    Missing { id: String },
    /// This machine's scenario of that id has another text than the facilitator's.
    Differs { id: String },
    /// A code must name at least one scenario and at most [`MAX_SCENARIOS`]; ids are short.
    Unfit(String),
}

impl std::fmt::Display for CodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A custom scenario's id comes from the code as typed: shown visibly and bounded.
        let shown = |id: &str| echoed(id, ECHO_LIMIT);
        match self {
            CodeError::Malformed(why) => write!(
                f,
                "this is not a workshop code Rapport can read ({why}); check it letter by letter \
                 against the facilitator's (it starts with {PREFIX}-)"
            ),
            CodeError::Missing { id } => write!(
                f,
                "the workshop uses scenario \"{id}\", which this machine does not have: ask the \
                 facilitator for {id}.ron, put it in a folder and start with --scenarios FOLDER",
                id = shown(id)
            ),
            CodeError::Differs { id } => write!(
                f,
                "scenario \"{id}\" on this machine is not the facilitator's version (it was \
                 edited, or Rapport's version differs): ask the facilitator for {id}.ron and \
                 start with --scenarios FOLDER, so the whole room meets the same customer",
                id = shown(id)
            ),
            CodeError::Unfit(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for CodeError {}

fn alphabet() -> Encoding {
    let mut spec = Specification::new();
    spec.symbols.push_str("0123456789ABCDEFGHJKMNPQRSTVWXYZ");
    spec.translate.from.push_str("abcdefghjkmnpqrstvwxyzILOilo");
    spec.translate.to.push_str("ABCDEFGHJKMNPQRSTVWXYZ110110");
    // The last letter's spare bits are not checked here: a typo there is the checksum's to
    // catch, and is then named as a typo, not as a letter that is not in codes.
    spec.check_trailing_bits = false;
    spec.encoding().expect("a valid base32 alphabet")
}

/// A letter a code may hold as typed (after upper-casing): Crockford's 32 and the I, L and O
/// read as 1, 1 and 0.
fn is_code_letter(c: char) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'U')
}

fn checksum(bytes: &[u8]) -> u16 {
    let h = bytes.iter().fold(0x811c_9dc5u32, |h, &b| {
        (h ^ b as u32).wrapping_mul(0x0100_0193)
    });
    (h ^ (h >> 16)) as u16
}

fn push_varint(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn read_varint(bytes: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        n |= ((byte & 0x7f) as u64) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

fn take<'a>(bytes: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
    if bytes.len() < n {
        return None;
    }
    let (head, rest) = bytes.split_at(n);
    *bytes = rest;
    Some(head)
}

impl WorkshopCode {
    /// A code for these scenarios (id and text fingerprint) and seed.
    pub fn new(scenarios: &[(String, u64)], seed: u64) -> Result<WorkshopCode, CodeError> {
        if scenarios.is_empty() || scenarios.len() > MAX_SCENARIOS {
            return Err(CodeError::Unfit(format!(
                "a workshop has 1 to {MAX_SCENARIOS} scenarios, not {}",
                scenarios.len()
            )));
        }
        if let Some((id, _)) = scenarios
            .iter()
            .find(|(id, _)| id.len() >= SHIPPED_MARK as usize)
        {
            return Err(CodeError::Unfit(format!(
                "the id \"{id}\" is too long for a workshop code (127 bytes at most)"
            )));
        }
        Ok(WorkshopCode {
            scenarios: scenarios
                .iter()
                .map(|(id, fingerprint)| CodeScenario {
                    id: id.clone(),
                    hash: short_hash(*fingerprint),
                })
                .collect(),
            seed,
        })
    }

    /// The code as text: `RAP-` and groups of four.
    pub fn encode(&self) -> String {
        let mut bytes = vec![VERSION];
        push_varint(&mut bytes, self.seed);
        bytes.push(self.scenarios.len() as u8);
        for s in &self.scenarios {
            match SHIPPED_IDS.iter().position(|id| *id == s.id) {
                Some(place) => bytes.push(SHIPPED_MARK + place as u8),
                None => {
                    bytes.push(s.id.len() as u8);
                    bytes.extend_from_slice(s.id.as_bytes());
                }
            }
            bytes.extend_from_slice(&s.hash.to_be_bytes()[4 - HASH_BYTES..]);
        }
        bytes.extend_from_slice(&checksum(&bytes).to_be_bytes());
        let text = alphabet().encode(&bytes);
        let groups: Vec<&str> = text
            .as_bytes()
            .chunks(4)
            .map(|c| std::str::from_utf8(c).expect("base32 is ASCII"))
            .collect();
        format!("{PREFIX}-{}", groups.join("-"))
    }

    /// Reads a code as typed: any case, with or without dashes and spaces.
    pub fn decode(text: &str) -> Result<WorkshopCode, CodeError> {
        let malformed = |why: &str| CodeError::Malformed(why.to_string());
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, '-' | ' ' | '\t' | '\n' | '\r'))
            .collect();
        let upper = compact.to_uppercase();
        let Some(body) = upper.strip_prefix(PREFIX) else {
            return Err(malformed("it does not start with RAP-"));
        };
        if body.len() > 400 {
            return Err(malformed("it is far too long"));
        }
        let alphabet = alphabet();
        if let Some((place, letter)) = body.chars().enumerate().find(|(_, c)| !is_code_letter(*c)) {
            return Err(CodeError::Malformed(format!(
                "\"{}\", letter {} after RAP-, is not used in codes (they use 0-9 and A-Z but U)",
                echoed(&letter.to_string(), 4),
                place + 1
            )));
        }
        let bytes = alphabet
            .decode(body.as_bytes())
            .map_err(|_| malformed("it is cut short, or has a letter too many"))?;
        let Some((payload, sum)) = bytes.split_last_chunk::<2>() else {
            return Err(malformed("it is too short"));
        };
        if checksum(payload) != u16::from_be_bytes(*sum) {
            return Err(malformed(
                "a letter is mistyped: the checksum in its last letters does not match the rest",
            ));
        }
        let mut rest = payload;
        let version = take(&mut rest, 1).ok_or_else(|| malformed("it is empty"))?[0];
        if version != VERSION {
            return Err(malformed(&format!(
                "it is a version {version} code; this Rapport reads version {VERSION}"
            )));
        }
        let seed = read_varint(&mut rest).ok_or_else(|| malformed("its seed is cut short"))?;
        let count = take(&mut rest, 1).ok_or_else(|| malformed("it is cut short"))?[0];
        let mut scenarios = Vec::new();
        for _ in 0..count {
            let len = take(&mut rest, 1).ok_or_else(|| malformed("it is cut short"))?[0];
            let id = if len >= SHIPPED_MARK {
                SHIPPED_IDS
                    .get((len - SHIPPED_MARK) as usize)
                    .ok_or_else(|| malformed("it names a scenario of a newer Rapport"))?
                    .to_string()
            } else {
                let id =
                    take(&mut rest, len as usize).ok_or_else(|| malformed("it is cut short"))?;
                String::from_utf8(id.to_vec())
                    .map_err(|_| malformed("a scenario id in it is not text"))?
            };
            let hash = take(&mut rest, HASH_BYTES).ok_or_else(|| malformed("it is cut short"))?;
            let mut full = [0u8; 4];
            full[4 - HASH_BYTES..].copy_from_slice(hash);
            scenarios.push(CodeScenario {
                id,
                hash: u32::from_be_bytes(full),
            });
        }
        if !rest.is_empty() || scenarios.is_empty() {
            return Err(malformed("its contents do not add up"));
        }
        Ok(WorkshopCode { scenarios, seed })
    }

    /// Checks the code against this machine's scenarios: `fingerprint_of(id)` is the text
    /// fingerprint of the scenario with that id, if there is one.
    pub fn verify(&self, fingerprint_of: impl Fn(&str) -> Option<u64>) -> Result<(), CodeError> {
        for (s, found) in self.compare(fingerprint_of) {
            match found {
                Found::Missing => return Err(CodeError::Missing { id: s.id.clone() }),
                Found::Differs => return Err(CodeError::Differs { id: s.id.clone() }),
                Found::Same => {}
            }
        }
        Ok(())
    }

    /// Each scenario of the code beside what this machine has of it.
    pub fn compare(
        &self,
        fingerprint_of: impl Fn(&str) -> Option<u64>,
    ) -> Vec<(&CodeScenario, Found)> {
        self.scenarios
            .iter()
            .map(|s| {
                let found = match fingerprint_of(&s.id) {
                    None => Found::Missing,
                    Some(f) if short_hash(f) != s.hash => Found::Differs,
                    Some(_) => Found::Same,
                };
                (s, found)
            })
            .collect()
    }

    pub fn has_scenario(&self, id: &str) -> bool {
        self.scenarios.iter().any(|s| s.id == id)
    }

    /// The seed of a trainee's `attempt` (1-based) at a scenario of this workshop: the first
    /// attempt meets the room's situation, later ones meet others, the same for everyone.
    pub fn seed_for(&self, attempt: u32) -> u64 {
        attempt_seed(self.seed, attempt)
    }
}

/// The seed of attempt `attempt` (1-based) from a first seed: the first is the seed itself.
pub fn attempt_seed(seed: u64, attempt: u32) -> u64 {
    if attempt <= 1 {
        return seed;
    }
    // SplitMix64 of the seed and the attempt: spread, stable across builds.
    let mut z = seed ^ (attempt as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    (z ^ (z >> 31)) % 1_000_000
}

fn short_hash(fingerprint: u64) -> u32 {
    (fingerprint & ((1 << (8 * HASH_BYTES)) - 1)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> WorkshopCode {
        WorkshopCode::new(
            &[
                ("corner-cafe".into(), 0x1234_5678_9abc_def0),
                ("café-ñ".into(), 42),
            ],
            314_159,
        )
        .unwrap()
    }

    #[test]
    fn a_code_reads_back_as_written_in_any_case_and_spacing() {
        let code = sample();
        let text = code.encode();
        assert!(text.starts_with("RAP-"), "{text}");
        assert_eq!(WorkshopCode::decode(&text).unwrap(), code);
        let sloppy = text.to_lowercase().replace('-', " ");
        assert_eq!(WorkshopCode::decode(&sloppy).unwrap(), code);
    }

    #[test]
    fn a_mistyped_letter_is_caught() {
        let text = sample().encode();
        let mut chars: Vec<char> = text.chars().collect();
        let i = chars.len() / 2;
        chars[i] = if chars[i] == 'X' { 'Y' } else { 'X' };
        let typo: String = chars.into_iter().collect();
        assert!(matches!(
            WorkshopCode::decode(&typo),
            Err(CodeError::Malformed(_))
        ));
        assert!(matches!(
            WorkshopCode::decode("hello"),
            Err(CodeError::Malformed(_))
        ));
        assert!(matches!(
            WorkshopCode::decode(&text[..text.len() - 3]),
            Err(CodeError::Malformed(_))
        ));
    }

    #[test]
    fn a_typo_anywhere_even_in_the_last_letters_is_named_as_a_typo() {
        let text = sample().encode();
        let letters: Vec<usize> = text
            .char_indices()
            .filter(|&(i, c)| i >= 4 && c != '-')
            .map(|(i, _)| i)
            .collect();
        for &i in &letters {
            let mut typo: Vec<char> = text.chars().collect();
            typo[i] = if typo[i] == 'X' { 'Y' } else { 'X' };
            let typo: String = typo.into_iter().collect();
            let err = WorkshopCode::decode(&typo).unwrap_err().to_string();
            assert!(err.contains("a letter is mistyped"), "{typo}: {err}");
        }
    }

    #[test]
    fn a_letter_codes_never_use_is_named_with_its_place_and_shown_visibly() {
        let text = sample().encode().replacen('-', "-U", 2);
        let err = WorkshopCode::decode(&text).unwrap_err().to_string();
        assert!(err.contains("\"U\", letter"), "{err}");
        let err = WorkshopCode::decode("RAP-AB\u{202e}CD")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\\u{202e}") && !err.contains('\u{202e}'),
            "{err}"
        );
    }

    #[test]
    fn verify_names_the_missing_or_different_scenario() {
        let code = sample();
        let all = |id: &str| match id {
            "corner-cafe" => Some(0x1234_5678_9abc_def0),
            "café-ñ" => Some(42),
            _ => None,
        };
        assert_eq!(code.verify(all), Ok(()));
        let missing = |id: &str| (id == "corner-cafe").then_some(0x1234_5678_9abc_def0);
        assert_eq!(
            code.verify(missing),
            Err(CodeError::Missing {
                id: "café-ñ".into()
            })
        );
        let edited = |id: &str| all(id).map(|f| f + 1);
        let err = code.verify(edited).unwrap_err();
        assert_eq!(
            err,
            CodeError::Differs {
                id: "corner-cafe".into()
            }
        );
        assert!(err.to_string().contains("--scenarios"));
    }

    #[test]
    fn the_first_attempt_meets_the_room_seed_and_later_ones_differ() {
        let code = sample();
        assert_eq!(code.seed_for(1), 314_159);
        let later: Vec<u64> = (2..6).map(|a| code.seed_for(a)).collect();
        assert!(later.iter().all(|&s| s != 314_159));
        assert_eq!(later, (2..6).map(|a| code.seed_for(a)).collect::<Vec<_>>());
    }

    #[test]
    fn a_shipped_scenario_costs_one_byte_and_a_room_code_stays_short() {
        let code = WorkshopCode::new(
            &[("corner-cafe".into(), 7), ("clinic-scheduling".into(), 8)],
            314_159,
        )
        .unwrap();
        let text = code.encode();
        assert!(text.len() <= 34, "{text} is {} characters", text.len());
        assert_eq!(WorkshopCode::decode(&text).unwrap(), code);
    }

    #[test]
    fn a_code_needs_one_to_eight_scenarios() {
        assert!(WorkshopCode::new(&[], 1).is_err());
        let nine: Vec<(String, u64)> = (0..9).map(|i| (format!("s{i}"), i)).collect();
        assert!(WorkshopCode::new(&nine, 1).is_err());
    }
}
