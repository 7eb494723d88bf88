//! The class's calls as xAPI 1.0.3 statements a learning record store can import: per
//! attempt, "attempted" without a result; for a finished call "completed" (completion and
//! duration) and "passed" or "failed" (the score, and whether the right ending was reached),
//! so the score is in one statement only; for a call left before its end "abandoned" (the
//! cmi5 verb). An account-based actor on a simulation activity per scenario, the workshop as
//! context, the attempt as registration, and statement ids derived from the attempt (and, in
//! an anonymous export, from the pseudonym too), so importing the same file twice adds
//! nothing and an anonymous export never overwrites a named one.
//! [`validate`] checks a statement against the xAPI 1.0.3 rules the export relies on.

use super::model::{AttemptSummary, ClassReport, Trainee};
use super::time::{is_iso8601_duration, iso8601_duration, parse_rfc3339};
use crate::record::{CallResult, Status};
use rapport_core::scoring::outcome_label;
use serde_json::{Map, Value, json};
use uuid::Uuid;

pub const ATTEMPTED: &str = "http://adlnet.gov/expapi/verbs/attempted";
pub const COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
/// cmi5's verb for a session that ended without the learner finishing it.
pub const ABANDONED: &str = "https://w3id.org/xapi/adl/verbs/abandoned";
pub const SIMULATION: &str = "http://adlnet.gov/expapi/activities/simulation";
/// The grouping activity type for a workshop.
pub const MEETING: &str = "http://adlnet.gov/expapi/activities/meeting";
/// The IRI the project owns for its activities and extensions.
pub const DEFAULT_BASE: &str = "https://rapport-game.org/xapi";
/// Where trainee accounts live when nobody says otherwise.
pub const DEFAULT_HOMEPAGE: &str = "https://rapport-game.org/trainees";

/// Where the statements point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XapiOptions {
    /// The IRI under which scenarios (`BASE/scenarios/ID`), workshops (`BASE/workshops/CODE`)
    /// and Rapport's extensions (`BASE/extensions/NAME`) are named. No trailing slash needed.
    pub base: String,
    /// The `account.homePage` of every actor: the system the trainee names belong to.
    pub homepage: String,
}

impl Default for XapiOptions {
    fn default() -> XapiOptions {
        XapiOptions {
            base: DEFAULT_BASE.to_string(),
            homepage: DEFAULT_HOMEPAGE.to_string(),
        }
    }
}

/// The namespace of every UUID this export derives: a v5 of the default base IRI.
fn namespace() -> Uuid {
    Uuid::new_v5(&Uuid::NAMESPACE_URL, DEFAULT_BASE.as_bytes())
}

/// The attempt's registration: its id when it is a UUID (written lowercase and hyphenated),
/// else a v5 UUID derived from it, so even a hand-made result gets a stable one.
pub fn registration(attempt_id: &str) -> Uuid {
    Uuid::try_parse(attempt_id)
        .unwrap_or_else(|_| Uuid::new_v5(&namespace(), attempt_id.as_bytes()))
}

/// A stand-in for a trainee: a v5 UUID of their identity (workshop, matched name) in a
/// namespace derived from the facilitator's secret. Stable from one report to the next with
/// the same secret; without it, a guess of a name and workshop cannot be checked.
pub fn pseudonym(key: &[u8; 32], identity: &str) -> Uuid {
    let keyed = Uuid::new_v5(&namespace(), &[b"trainee-key|".as_slice(), key].concat());
    Uuid::new_v5(&keyed, identity.as_bytes())
}

/// A stand-in when no secret was given: derived from the trainee's first attempt id (a random
/// UUID carrying no name), so it cannot be recomputed from a name.
pub fn unkeyed_pseudonym(first_attempt_id: &str) -> Uuid {
    Uuid::new_v5(
        &namespace(),
        format!("trainee-attempt|{first_attempt_id}").as_bytes(),
    )
}

/// Which statements an id was made for: exports before "attempted" lost its result used ids
/// without it. A store refuses a statement whose id it holds with other content (409
/// Conflict, the whole batch), so statements that changed get new ids.
const STATEMENTS_VERSION: &str = "statements-2";

/// A statement's id: a v5 UUID of the registration and the verb, so a named export imported
/// again adds nothing.
pub fn statement_id(attempt_id: &str, verb: &str) -> Uuid {
    let key = format!(
        "{}|{verb}|{STATEMENTS_VERSION}",
        registration(attempt_id).hyphenated()
    );
    Uuid::new_v5(&namespace(), key.as_bytes())
}

/// An anonymous statement's id: also derived from the pseudonym, so it never equals the named
/// export's id for the same attempt (a store would keep the first and drop the other).
pub fn anonymous_statement_id(attempt_id: &str, verb: &str, account: &str) -> Uuid {
    let key = format!(
        "{}|{verb}|{STATEMENTS_VERSION}|anonymous|{account}",
        registration(attempt_id).hyphenated()
    );
    Uuid::new_v5(&namespace(), key.as_bytes())
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for an IRI path segment.
pub fn percent_encoded(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The statements of every attempt in the report, in the report's order: "attempted", then
/// "completed" and "passed"/"failed" when the call finished, or "abandoned" when it did not.
/// The actor's account name is [`Trainee::account`]: with `anonymous`, "Trainee N" and a
/// pseudonym that carries no name.
pub fn xapi(report: &ClassReport, options: &XapiOptions) -> Value {
    let base = options.base.trim_end_matches('/');
    let anonymous = report.options.anonymous;
    let mut statements = Vec::new();
    for (t, a) in report.attempts() {
        let call = &report.results[a.result];
        let actor = actor(t, &options.homepage);
        let id = |verb: &str| {
            if anonymous {
                anonymous_statement_id(&a.attempt_id, verb, &t.account)
            } else {
                statement_id(&a.attempt_id, verb)
            }
        };
        let mut push = |verb: &str, word: &str, result: Option<Value>| {
            let mut s = statement(call, a, &actor, (verb, word), base, result);
            s["id"] = json!(id(verb).hyphenated().to_string());
            statements.push(s);
        };
        push(ATTEMPTED, "attempted", None);
        let duration = iso8601_duration(a.duration_seconds);
        if call.status == Status::Finished {
            push(
                COMPLETED,
                "completed",
                Some(json!({ "completion": true, "duration": duration })),
            );
            let (verb, word) = if a.right_ending {
                (PASSED, "passed")
            } else {
                (FAILED, "failed")
            };
            push(verb, word, Some(scored(call, a, base)));
        } else {
            push(
                ABANDONED,
                "abandoned",
                Some(json!({ "completion": false, "duration": duration })),
            );
        }
    }
    Value::Array(statements)
}

fn actor(t: &Trainee, homepage: &str) -> Value {
    json!({
        "objectType": "Agent",
        "name": t.name,
        "account": { "homePage": homepage, "name": t.account },
    })
}

/// The result of a finished call: the score, whether the right ending was reached, and
/// Rapport's own figures as extensions.
fn scored(call: &CallResult, a: &AttemptSummary, base: &str) -> Value {
    let ext = |name: &str| format!("{base}/extensions/{name}");
    let profile = &call.debrief.profile;
    let mut result_ext = Map::new();
    result_ext.insert(
        ext("trust-end"),
        json!(a.trust.last().copied().unwrap_or_default()),
    );
    result_ext.insert(ext("trust"), json!(a.trust));
    result_ext.insert(ext("outcome"), json!(a.outcome_label()));
    result_ext.insert(ext("right-outcome"), json!(outcome_label(a.right_outcome)));
    result_ext.insert(ext("tricks"), json!(a.tricks));
    result_ext.insert(ext("premature-proposals"), json!(a.premature_proposals));
    result_ext.insert(
        ext("dimensions"),
        Value::Object(
            call.debrief
                .score
                .dimensions
                .iter()
                .map(|d| (d.name.clone(), json!(d.value)))
                .collect(),
        ),
    );
    result_ext.insert(
        ext("profile"),
        json!({
            "moves": profile.moves,
            "testing_understanding": profile.testing_understanding,
            "summarizing": profile.summarizing,
            "questions": profile.questions,
            "irritators": profile.irritators,
            "closes": profile.closes,
        }),
    );
    let total = a.total.clamp(0.0, 100.0);
    json!({
        "score": {
            "scaled": (total / 100.0 * 1000.0).round() / 1000.0,
            "raw": total,
            "min": 0,
            "max": 100,
        },
        "success": a.right_ending,
        "completion": true,
        "duration": iso8601_duration(a.duration_seconds),
        "extensions": result_ext,
    })
}

fn statement(
    call: &CallResult,
    a: &AttemptSummary,
    actor: &Value,
    (verb, verb_word): (&str, &str),
    base: &str,
    result: Option<Value>,
) -> Value {
    let ext = |name: &str| format!("{base}/extensions/{name}");
    let registration = registration(&a.attempt_id).hyphenated().to_string();
    let mut context = json!({
        "registration": registration,
        "platform": "Rapport",
        "extensions": {
            ext("seed"): call.attempt.seed.to_string(),
            ext("scenario-hash"): call.attempt.scenario.hash,
            ext("attempt"): a.number,
        },
    });
    if let Some(code) = &call.attempt.workshop {
        context["extensions"][ext("workshop")] = json!(code);
        context["contextActivities"] = json!({
            "grouping": [{
                "objectType": "Activity",
                "id": format!("{base}/workshops/{}", percent_encoded(code)),
                "definition": {
                    "type": MEETING,
                    "name": { "en-US": format!("Rapport workshop {code}") },
                },
            }],
        });
    }
    let timestamp = if verb == ATTEMPTED {
        &call.attempt.started_at
    } else {
        &call.ended_at
    };
    let mut statement = json!({
        "actor": actor,
        "verb": { "id": verb, "display": { "en-US": verb_word } },
        "object": {
            "objectType": "Activity",
            "id": format!("{base}/scenarios/{}", percent_encoded(&a.scenario_id)),
            "definition": {
                "type": SIMULATION,
                "name": { "en-US": a.scenario_title },
            },
        },
        "context": context,
        "version": "1.0.3",
    });
    if let Some(result) = result {
        statement["result"] = result;
    }
    // A timestamp the result file got wrong is left out rather than sent malformed.
    if parse_rfc3339(timestamp).is_some() {
        statement["timestamp"] = json!(timestamp);
    }
    statement
}

/// Whether a text is an absolute IRI: a scheme (a letter, then letters, digits, `+`, `-`,
/// `.`), a colon, and a rest without spaces, controls or the characters IRIs exclude.
pub fn is_absolute_iri(text: &str) -> bool {
    let Some((scheme, rest)) = text.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    let scheme_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    scheme_ok
        && !rest.is_empty()
        && !rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
}

/// Whether a text is a UUID in the form xAPI requires: 36 characters, lowercase hex, hyphens
/// at 8, 13, 18 and 23.
pub fn is_lower_hyphenated_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
        })
}

/// The xAPI 1.0.3 rules a statement breaks, in plain words (empty when it is valid): the
/// required actor, verb and object; verb, object, activity type and extension keys as absolute
/// IRIs; id and registration as lowercase hyphenated UUIDs; an Agent with exactly one inverse
/// functional identifier; a scaled score within −1..1 and a raw one within min..max; an ISO
/// 8601 duration; an RFC 3339 timestamp; language maps of strings.
pub fn validate(statement: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let Some(s) = statement.as_object() else {
        return vec!["a statement is a JSON object".into()];
    };
    for required in ["actor", "verb", "object"] {
        if !s.contains_key(required) {
            errors.push(format!("missing the required \"{required}\""));
        }
    }
    if let Some(id) = s.get("id")
        && !id.as_str().is_some_and(is_lower_hyphenated_uuid)
    {
        errors.push(format!("id {id} is not a lowercase hyphenated UUID"));
    }
    if let Some(actor) = s.get("actor") {
        check_actor(actor, &mut errors);
    }
    if let Some(verb) = s.get("verb") {
        match verb.get("id").and_then(Value::as_str) {
            Some(id) if is_absolute_iri(id) => {}
            _ => errors.push(format!("verb id {} is not an absolute IRI", verb["id"])),
        }
        if let Some(display) = verb.get("display") {
            check_language_map(display, "verb.display", &mut errors);
        }
    }
    if let Some(object) = s.get("object") {
        let kind = object
            .get("objectType")
            .and_then(Value::as_str)
            .unwrap_or("Activity");
        if kind == "Activity" {
            match object.get("id").and_then(Value::as_str) {
                Some(id) if is_absolute_iri(id) => {}
                _ => errors.push(format!("object id {} is not an absolute IRI", object["id"])),
            }
            if let Some(def) = object.get("definition") {
                if let Some(t) = def.get("type")
                    && !t.as_str().is_some_and(is_absolute_iri)
                {
                    errors.push(format!("activity type {t} is not an absolute IRI"));
                }
                for map in ["name", "description"] {
                    if let Some(m) = def.get(map) {
                        check_language_map(m, &format!("definition.{map}"), &mut errors);
                    }
                }
                if let Some(e) = def.get("extensions") {
                    check_extensions(e, "object.definition.extensions", &mut errors);
                }
            }
        }
    }
    if let Some(result) = s.get("result") {
        check_result(result, &mut errors);
    }
    if let Some(context) = s.get("context") {
        if let Some(r) = context.get("registration")
            && !r.as_str().is_some_and(is_lower_hyphenated_uuid)
        {
            errors.push(format!(
                "registration {r} is not a lowercase hyphenated UUID"
            ));
        }
        if let Some(e) = context.get("extensions") {
            check_extensions(e, "context.extensions", &mut errors);
        }
        if let Some(activities) = context.get("contextActivities").and_then(Value::as_object) {
            for (key, list) in activities {
                if !["parent", "grouping", "category", "other"].contains(&key.as_str()) {
                    errors.push(format!("contextActivities has an unknown key \"{key}\""));
                }
                let items = list
                    .as_array()
                    .cloned()
                    .unwrap_or_else(|| vec![list.clone()]);
                for a in items {
                    if !a
                        .get("id")
                        .and_then(Value::as_str)
                        .is_some_and(is_absolute_iri)
                    {
                        errors.push(format!("a {key} activity's id is not an absolute IRI"));
                    }
                }
            }
        }
    }
    if let Some(t) = s.get("timestamp")
        && t.as_str().is_none_or(|t| parse_rfc3339(t).is_none())
    {
        errors.push(format!("timestamp {t} is not an RFC 3339 date-time"));
    }
    if let Some(v) = s.get("version")
        && !v.as_str().is_some_and(|v| v.starts_with("1.0."))
    {
        errors.push(format!("version {v} is not 1.0.x"));
    }
    errors
}

fn check_actor(actor: &Value, errors: &mut Vec<String>) {
    let kind = actor
        .get("objectType")
        .and_then(Value::as_str)
        .unwrap_or("Agent");
    if kind != "Agent" && kind != "Group" {
        errors.push(format!(
            "actor objectType \"{kind}\" is neither Agent nor Group"
        ));
    }
    let ifis = ["mbox", "mbox_sha1sum", "openid", "account"]
        .iter()
        .filter(|k| actor.get(**k).is_some())
        .count();
    if kind == "Agent" && ifis != 1 {
        errors.push(format!(
            "an Agent has exactly one inverse functional identifier, this one has {ifis}"
        ));
    }
    if let Some(name) = actor.get("name")
        && !name.is_string()
    {
        errors.push("actor name is not a string".into());
    }
    if let Some(account) = actor.get("account") {
        match account.get("homePage").and_then(Value::as_str) {
            Some(h) if is_absolute_iri(h) => {}
            _ => errors.push("account homePage is not an absolute IRI".into()),
        }
        if account
            .get("name")
            .and_then(Value::as_str)
            .is_none_or(str::is_empty)
        {
            errors.push("account name is missing or empty".into());
        }
    }
}

fn check_result(result: &Value, errors: &mut Vec<String>) {
    if let Some(score) = result.get("score") {
        let get = |k: &str| score.get(k).map(|v| v.as_f64());
        if let Some(scaled) = get("scaled") {
            match scaled {
                Some(x) if (-1.0..=1.0).contains(&x) => {}
                _ => errors.push(format!(
                    "score.scaled {} is not within -1..1",
                    score["scaled"]
                )),
            }
        }
        let (min, max, raw) = (get("min").flatten(), get("max").flatten(), get("raw"));
        if let (Some(min), Some(max)) = (min, max)
            && min >= max
        {
            errors.push(format!("score.min {min} is not below score.max {max}"));
        }
        if let Some(raw) = raw {
            match raw {
                Some(r) if min.is_none_or(|m| r >= m) && max.is_none_or(|m| r <= m) => {}
                _ => errors.push(format!("score.raw {} is not within min..max", score["raw"])),
            }
        }
    }
    for flag in ["success", "completion"] {
        if let Some(v) = result.get(flag)
            && !v.is_boolean()
        {
            errors.push(format!("result.{flag} is not a boolean"));
        }
    }
    if let Some(d) = result.get("duration")
        && !d.as_str().is_some_and(is_iso8601_duration)
    {
        errors.push(format!("duration {d} is not an ISO 8601 duration"));
    }
    if let Some(e) = result.get("extensions") {
        check_extensions(e, "result.extensions", errors);
    }
}

fn check_extensions(extensions: &Value, place: &str, errors: &mut Vec<String>) {
    match extensions.as_object() {
        Some(map) => {
            for key in map.keys() {
                if !is_absolute_iri(key) {
                    errors.push(format!("{place} key \"{key}\" is not an absolute IRI"));
                }
            }
        }
        None => errors.push(format!("{place} is not an object")),
    }
}

fn check_language_map(map: &Value, place: &str, errors: &mut Vec<String>) {
    match map.as_object() {
        Some(m) if m.values().all(Value::is_string) && !m.is_empty() => {}
        _ => errors.push(format!("{place} is not a language map of strings")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuid_attempt_id_is_its_registration_and_anything_else_gets_a_stable_one() {
        let upper = "6F1C2D3E-0000-4000-8000-000000000001";
        assert_eq!(
            registration(upper).hyphenated().to_string(),
            upper.to_lowercase()
        );
        let odd = registration("not a uuid ../");
        assert_eq!(odd, registration("not a uuid ../"));
        assert!(is_lower_hyphenated_uuid(&odd.hyphenated().to_string()));
        assert_ne!(
            statement_id(upper, ATTEMPTED),
            statement_id(upper, COMPLETED)
        );
    }

    #[test]
    fn statements_whose_content_changed_get_ids_a_store_has_not_seen() {
        let id = "6f1c2d3e-0000-4000-8000-000000000001";
        let earlier = Uuid::new_v5(&namespace(), format!("{id}|{ATTEMPTED}").as_bytes());
        assert_ne!(statement_id(id, ATTEMPTED), earlier);
        assert_ne!(
            statement_id(id, PASSED),
            anonymous_statement_id(id, PASSED, "trainee-x")
        );
    }

    #[test]
    fn iris_need_a_scheme_and_no_spaces() {
        assert!(is_absolute_iri(
            "https://rapport-game.org/xapi/scenarios/corner-cafe"
        ));
        assert!(is_absolute_iri(
            "urn:uuid:6f1c2d3e-0000-4000-8000-000000000001"
        ));
        assert!(!is_absolute_iri("/scenarios/corner-cafe"));
        assert!(!is_absolute_iri("https://x.org/a b"));
        assert!(!is_absolute_iri("1http://x"));
        assert_eq!(percent_encoded("café/../x y"), "caf%C3%A9%2F..%2Fx%20y");
    }

    #[test]
    fn the_validator_names_what_a_broken_statement_gets_wrong() {
        let broken = json!({
            "id": "6F1C2D3E-0000-4000-8000-000000000001",
            "actor": { "objectType": "Agent", "mbox": "mailto:a@b.c",
                       "account": { "homePage": "https://x.org", "name": "a" } },
            "verb": { "id": "attempted" },
            "result": { "score": { "scaled": 1.5, "raw": 120, "min": 0, "max": 100 },
                        "duration": "7 minutes", "extensions": { "trust": 3 } },
            "context": { "registration": "nope" },
            "timestamp": "yesterday",
        });
        let errors = validate(&broken);
        for part in [
            "\"object\"",
            "id \"6F1C",
            "inverse functional",
            "verb id",
            "scaled",
            "raw",
            "duration",
            "key \"trust\"",
            "registration",
            "timestamp",
        ] {
            assert!(
                errors.iter().any(|e| e.contains(part)),
                "no error about {part}: {errors:?}"
            );
        }
    }
}
