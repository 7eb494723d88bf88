//! The outbox and the configuration without an LRS: statements are queued whole and once,
//! the outbox is bounded and says when it is not draining, credentials come only from an
//! owner-only file or the environment and never show, and an LRS that never answers times out
//! in one line.

use rapport_lrs::config::{ALLOW_HTTP_VAR, CREDENTIALS_FILE_VAR, CREDENTIALS_VAR, ENDPOINT_VAR};
use rapport_lrs::outbox::STALE_AFTER;
use rapport_lrs::{
    ConfigError, Credentials, LrsConfig, Outbox, OutboxError, Retry, SendError, Sender,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::time::{Duration, SystemTime};

fn statement(n: u32) -> Value {
    json!({
        "id": format!("00000000-0000-4000-8000-{n:012x}"),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://example.org", "name": "a"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/attempted"},
        "object": {"id": "https://example.org/scenarios/s"},
    })
}

#[test]
fn queuing_the_same_statements_twice_keeps_one_copy_of_each() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::beside_results(dir.path());
    let statements: Vec<Value> = (0..5).map(statement).collect();
    assert_eq!(outbox.add(&statements).unwrap(), 5);
    assert_eq!(outbox.add(&statements[2..]).unwrap(), 0);
    let waiting = outbox.waiting().unwrap();
    assert_eq!(waiting.len(), 5);
    for w in &waiting {
        let read = outbox.read(w).unwrap();
        assert_eq!(
            read["id"],
            w.id.as_str(),
            "each file holds its own statement whole"
        );
    }
}

#[test]
fn a_temporary_file_left_by_a_crash_while_queuing_is_never_sent() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::beside_results(dir.path());
    outbox.add(&[statement(1)]).unwrap();
    std::fs::write(
        outbox.dir().join(".queued-half.tmp"),
        b"{\"id\": \"00000000-00",
    )
    .unwrap();
    let waiting = outbox.waiting().unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].id, "00000000-0000-4000-8000-000000000001");
}

#[test]
fn a_full_outbox_refuses_a_whole_call_and_says_it_is_not_draining() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::at(dir.path().join("outbox"), 4);
    outbox
        .add(&[statement(1), statement(2), statement(3)])
        .unwrap();
    let error = outbox.add(&[statement(4), statement(5)]).unwrap_err();
    assert!(
        matches!(error, OutboxError::Full { capacity: 4, .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("not draining"), "{error}");
    assert_eq!(
        outbox.status().unwrap().waiting,
        3,
        "nothing of the refused call was queued"
    );
    outbox.add(&[statement(4)]).unwrap();
    assert!(
        outbox.status().unwrap().not_draining(SystemTime::now()),
        "full"
    );
}

#[test]
fn statements_waiting_longer_than_a_day_mean_the_outbox_is_not_draining() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::beside_results(dir.path());
    outbox.add(&[statement(1)]).unwrap();
    let status = outbox.status().unwrap();
    let now = SystemTime::now();
    assert!(!status.not_draining(now));
    assert!(status.not_draining(now + STALE_AFTER + Duration::from_secs(60)));
    outbox
        .delivered("00000000-0000-4000-8000-000000000001")
        .unwrap();
    let empty = outbox.status().unwrap();
    assert_eq!(empty.waiting, 0);
    assert!(!empty.not_draining(now + STALE_AFTER * 2));
}

#[test]
fn a_statement_without_an_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::beside_results(dir.path());
    let mut no_id = statement(1);
    no_id.as_object_mut().unwrap().remove("id");
    assert!(matches!(outbox.add(&[no_id]), Err(OutboxError::NoId)));
    let mut path_like = statement(1);
    path_like["id"] = json!("../../escape");
    assert!(matches!(outbox.add(&[path_like]), Err(OutboxError::NoId)));
}

fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn no_endpoint_means_no_lrs() {
    assert!(LrsConfig::from_vars(vars(&[])).unwrap().is_none());
}

#[test]
fn plain_http_needs_the_explicit_flag() {
    let http = [
        (ENDPOINT_VAR, "http://127.0.0.1:8100/xAPI"),
        (CREDENTIALS_VAR, "u:p"),
    ];
    let error = LrsConfig::from_vars(vars(&http)).unwrap_err();
    assert!(matches!(error, ConfigError::PlainHttp(_)), "{error:?}");
    let allowed = [http[0], http[1], (ALLOW_HTTP_VAR, "1")];
    let config = LrsConfig::from_vars(vars(&allowed)).unwrap().unwrap();
    assert_eq!(config.endpoint(), "http://127.0.0.1:8100/xAPI/");
    let https = [
        (ENDPOINT_VAR, "https://lrs.example.org/xAPI/"),
        (CREDENTIALS_VAR, "u:p"),
    ];
    assert!(LrsConfig::from_vars(vars(&https)).unwrap().is_some());
    let nonsense = [(ENDPOINT_VAR, "lrs.example.org"), (CREDENTIALS_VAR, "u:p")];
    assert!(matches!(
        LrsConfig::from_vars(vars(&nonsense)),
        Err(ConfigError::BadEndpoint(_))
    ));
}

#[test]
fn an_endpoint_without_credentials_is_refused() {
    let error =
        LrsConfig::from_vars(vars(&[(ENDPOINT_VAR, "https://lrs.example.org/")])).unwrap_err();
    assert_eq!(error, ConfigError::NoCredentials);
}

#[cfg(unix)]
#[test]
fn a_credentials_file_others_can_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lrs-credentials");
    std::fs::write(&path, "key:s3cret-value\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    let file_var = [
        (ENDPOINT_VAR, "https://lrs.example.org/xAPI/"),
        (CREDENTIALS_FILE_VAR, path.to_str().unwrap()),
    ];
    let error = LrsConfig::from_vars(vars(&file_var)).unwrap_err();
    assert!(
        matches!(
            error,
            ConfigError::CredentialsFileShared { mode: 0o644, .. }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("chmod 600"), "{error}");
    assert!(!error.to_string().contains("s3cret-value"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let config = LrsConfig::from_vars(vars(&file_var)).unwrap().unwrap();
    assert!(
        !format!("{config:?}").contains("s3cret-value"),
        "Debug hides the password"
    );
}

#[test]
fn credentials_are_user_colon_password() {
    assert_eq!(
        Credentials::parse(" key:secret:with:colons\n")
            .unwrap()
            .user(),
        "key"
    );
    for bad in ["", "no-colon", ":password", "user:"] {
        assert_eq!(
            Credentials::parse(bad),
            Err(ConfigError::MalformedCredentials),
            "{bad:?}"
        );
    }
}

#[test]
fn an_lrs_that_never_answers_times_out_in_one_line_and_keeps_the_outbox() {
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!("http://{}/xAPI/", silent.local_addr().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let outbox = Outbox::beside_results(dir.path());
    outbox.add(&[statement(1)]).unwrap();
    let credentials = Credentials::parse("key:hush-hush").unwrap();
    let mut config = LrsConfig::new(&endpoint, credentials, true).unwrap();
    config.timeout = Duration::from_millis(300);
    let once = Retry {
        attempts: 1,
        first_wait: Duration::from_millis(10),
        max_wait: Duration::from_millis(10),
    };
    let error = Sender::new(config)
        .drain(&outbox, &once, &mut |_| {})
        .unwrap_err();
    assert!(matches!(error, SendError::Timeout { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        !message.contains('\n') && !message.contains("hush-hush"),
        "{message}"
    );
    assert_eq!(outbox.status().unwrap().waiting, 1);
}

#[test]
fn waits_between_attempts_double_up_to_the_ceiling() {
    let retry = Retry {
        attempts: 10,
        first_wait: Duration::from_millis(500),
        max_wait: Duration::from_secs(3),
    };
    let waits: Vec<u128> = (1..=5).map(|n| retry.wait_before(n).as_millis()).collect();
    assert_eq!(waits, [500, 1000, 2000, 3000, 3000]);
}
