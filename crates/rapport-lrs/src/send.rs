//! Sending the outbox to the LRS: batches POSTed to `statements`; when the LRS answers 409
//! (a statement of the batch it already holds, say after a crash between its answer and the
//! outbox's update) each statement of the batch is PUT under its own id, and 204 or 409 both
//! count as delivered, since statement ids are stable. A statement leaves the outbox only
//! once acknowledged; any failure stops the pass with one plain line and leaves the rest.

use crate::config::LrsConfig;
use crate::outbox::{Outbox, Waiting};
use serde_json::Value;
use std::fmt;
use std::time::Duration;
use ureq::Agent;
use ureq::tls::{RootCerts, TlsConfig};

/// Statements per POST: a few hundred KB, well under any LRS's limit.
pub const DEFAULT_BATCH: usize = 50;
const XAPI_VERSION: &str = "1.0.3";

/// What a pass delivered: `sent` the LRS stored now, `already_there` it held before, and
/// `refused` statements it rejected one by one (set aside in the outbox, with the first
/// reason in `refusal`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub already_there: usize,
    pub refused: usize,
    pub refusal: Option<String>,
}

impl Delivery {
    /// What the LRS has now.
    pub fn total(&self) -> usize {
        self.sent + self.already_there
    }

    fn add(&mut self, other: &Delivery) {
        self.sent += other.sent;
        self.already_there += other.already_there;
        self.refused += other.refused;
        if self.refusal.is_none() {
            self.refusal = other.refusal.clone();
        }
    }
}

/// What became of one statement of a batch.
enum Fate {
    Stored,
    Known,
    Refused(String),
}

/// Why sending stopped, each in one line; none of them carries the credentials.
#[derive(Debug)]
pub enum SendError {
    /// 401 or 403: the user name or password is wrong, or lacks the right to write.
    Credentials { status: u16 },
    /// Another 4xx: the LRS refuses what was sent.
    Rejected { status: u16, detail: String },
    /// 5xx: the LRS is there but failing.
    Server { status: u16, detail: String },
    /// No answer within the timeout.
    Timeout { endpoint: String, after: Duration },
    /// Nothing listening, no route, or the name does not resolve.
    Down { endpoint: String, why: String },
    /// The certificate is not trusted or the TLS handshake failed.
    Tls { endpoint: String, why: String },
    /// The outbox itself cannot be read or updated.
    Outbox(std::io::Error),
    /// The LRS answered something that is not xAPI.
    Unexpected { why: String },
}

impl SendError {
    /// Whether waiting and trying again may help (the LRS down, slow or failing).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SendError::Server { .. } | SendError::Timeout { .. } | SendError::Down { .. }
        )
    }
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SendError::Credentials { status } => write!(
                f,
                "the LRS refused the credentials (HTTP {status}): check the user and password \
                 it gave you; the statements stay in the outbox"
            ),
            SendError::Rejected { status, detail } => write!(
                f,
                "the LRS rejected the statements (HTTP {status}: {detail}); they stay in the outbox"
            ),
            SendError::Server { status, detail } => write!(
                f,
                "the LRS failed (HTTP {status}: {detail}); the statements stay in the outbox"
            ),
            SendError::Timeout { endpoint, after } => write!(
                f,
                "the LRS at {endpoint} did not answer within {} s; the statements stay in the outbox",
                after.as_secs()
            ),
            SendError::Down { endpoint, why } => write!(
                f,
                "cannot reach the LRS at {endpoint} ({why}); the statements stay in the outbox"
            ),
            SendError::Tls { endpoint, why } => write!(
                f,
                "no secure connection to the LRS at {endpoint} ({why}); the statements stay in \
                 the outbox"
            ),
            SendError::Outbox(e) => write!(f, "cannot read the LRS outbox: {e}"),
            SendError::Unexpected { why } => write!(f, "the LRS answered oddly: {why}"),
        }
    }
}

impl std::error::Error for SendError {}

/// How often and how patiently to try again after a transient failure: waits double from
/// `first_wait` up to `max_wait`.
#[derive(Debug, Clone, Copy)]
pub struct Retry {
    pub attempts: u32,
    pub first_wait: Duration,
    pub max_wait: Duration,
}

impl Default for Retry {
    fn default() -> Retry {
        Retry {
            attempts: 6,
            first_wait: Duration::from_millis(500),
            max_wait: Duration::from_secs(30),
        }
    }
}

impl Retry {
    /// The wait before attempt `n` (1 is the first retry).
    pub fn wait_before(&self, n: u32) -> Duration {
        let doubled = self
            .first_wait
            .saturating_mul(1u32.checked_shl(n.saturating_sub(1)).unwrap_or(u32::MAX));
        doubled.min(self.max_wait)
    }
}

/// Sends statements to one LRS.
pub struct Sender {
    agent: Agent,
    config: LrsConfig,
    batch: usize,
}

impl Sender {
    pub fn new(config: LrsConfig) -> Sender {
        let tls = TlsConfig::builder()
            .root_certs(RootCerts::PlatformVerifier)
            .build();
        let agent: Agent = Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .tls_config(tls)
            .user_agent(concat!("rapport/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Sender {
            agent,
            config,
            batch: DEFAULT_BATCH,
        }
    }

    /// Statements per POST (at least one).
    pub fn with_batch(mut self, batch: usize) -> Sender {
        self.batch = batch.max(1);
        self
    }

    pub fn config(&self) -> &LrsConfig {
        &self.config
    }

    /// One pass over the outbox, oldest first; `after_batch` sees the running total after each
    /// acknowledged batch. Stops at the first failure.
    pub fn send_waiting(
        &self,
        outbox: &Outbox,
        after_batch: &mut dyn FnMut(Delivery),
    ) -> Result<Delivery, SendError> {
        let waiting = outbox.waiting().map_err(SendError::Outbox)?;
        let mut done = Delivery::default();
        for chunk in waiting.chunks(self.batch) {
            let mut statements = Vec::with_capacity(chunk.len());
            let mut queued: Vec<&Waiting> = Vec::with_capacity(chunk.len());
            for w in chunk {
                match outbox.read(w) {
                    Ok(statement) => {
                        statements.push(statement);
                        queued.push(w);
                    }
                    // Delivered and removed by another sender meanwhile.
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(SendError::Outbox(e)),
                }
            }
            if statements.is_empty() {
                continue;
            }
            let fates = self.send_batch(&statements)?;
            for (w, fate) in queued.iter().zip(fates) {
                match fate {
                    Fate::Stored => done.sent += 1,
                    Fate::Known => done.already_there += 1,
                    Fate::Refused(why) => {
                        done.refused += 1;
                        done.refusal.get_or_insert(why);
                        outbox.set_aside(&w.id).map_err(SendError::Outbox)?;
                        continue;
                    }
                }
                outbox.delivered(&w.id).map_err(SendError::Outbox)?;
            }
            after_batch(done.clone());
        }
        Ok(done)
    }

    /// Sends the outbox until it is empty, trying again with growing waits after a transient
    /// failure; a permanent one (credentials, a rejected statement) stops at once.
    pub fn drain(
        &self,
        outbox: &Outbox,
        retry: &Retry,
        after_batch: &mut dyn FnMut(Delivery),
    ) -> Result<Delivery, SendError> {
        let mut done = Delivery::default();
        let mut failures = 0;
        loop {
            let before = done.clone();
            let mut this_pass = Delivery::default();
            let result = self.send_waiting(outbox, &mut |pass| {
                let mut total = before.clone();
                total.add(&pass);
                this_pass = pass;
                after_batch(total);
            });
            done.add(&this_pass);
            match result {
                Ok(_) => return Ok(done),
                Err(e) if e.is_transient() && failures < retry.attempts => {
                    failures += 1;
                    std::thread::sleep(retry.wait_before(failures));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// POSTs a batch. A 409 (one statement already there) or another refusal of the batch
    /// (one statement the LRS rejects) falls back to a PUT of each statement, so the rest of
    /// the batch still goes and only the statement at fault is refused.
    fn send_batch(&self, statements: &[Value]) -> Result<Vec<Fate>, SendError> {
        let body = serde_json::to_vec(statements).unwrap_or_default();
        let (status, text) = self.request("POST", &self.config.statements_url(), None, &body)?;
        match status_error(status, &text) {
            None => Ok(statements.iter().map(|_| Fate::Stored).collect()),
            Some(SendError::Rejected { .. }) => self.put_each(statements),
            Some(error) => Err(error),
        }
    }

    fn put_each(&self, statements: &[Value]) -> Result<Vec<Fate>, SendError> {
        let mut fates = Vec::with_capacity(statements.len());
        for statement in statements {
            let id = crate::outbox::statement_id(statement).unwrap_or_default();
            let body = serde_json::to_vec(statement).unwrap_or_default();
            let (status, text) =
                self.request("PUT", &self.config.statements_url(), Some(id), &body)?;
            fates.push(match status_error(status, &text) {
                None => Fate::Stored,
                Some(SendError::Rejected { status: 409, .. }) => Fate::Known,
                Some(SendError::Rejected { status, detail }) => {
                    Fate::Refused(format!("HTTP {status}: {detail}"))
                }
                Some(error) => return Err(error),
            });
        }
        Ok(fates)
    }

    /// Statements the LRS holds that match `query` (xAPI GET parameters), following `more`
    /// links until the last page.
    pub fn statements(&self, query: &[(&str, &str)]) -> Result<Vec<Value>, SendError> {
        let mut url = self.config.statements_url();
        let mut first = true;
        let mut all = Vec::new();
        loop {
            let mut request = self
                .agent
                .get(&url)
                .header("Authorization", &self.config.credentials().authorization())
                .header("X-Experience-API-Version", XAPI_VERSION);
            if first {
                for (name, value) in query {
                    request = request.query(*name, *value);
                }
            }
            let response = request.call().map_err(|e| self.transport_error(e))?;
            let status = response.status().as_u16();
            let text = response
                .into_body()
                .with_config()
                .limit(64 * 1024 * 1024)
                .read_to_string()
                .map_err(|e| self.transport_error(e))?;
            if let Some(error) = status_error(status, &text) {
                return Err(error);
            }
            let page: Value = serde_json::from_str(&text).map_err(|e| SendError::Unexpected {
                why: format!("a statements page that is not JSON ({e})"),
            })?;
            if let Some(statements) = page.get("statements").and_then(Value::as_array) {
                all.extend(statements.iter().cloned());
            }
            match page
                .get("more")
                .and_then(Value::as_str)
                .filter(|m| !m.is_empty())
            {
                Some(more) => url = self.resolve(more),
                None => return Ok(all),
            }
            first = false;
        }
    }

    /// Whether the LRS answers and accepts the credentials: a one-statement query.
    pub fn check(&self) -> Result<(), SendError> {
        let (status, text) = {
            let response = self
                .agent
                .get(&self.config.statements_url())
                .query("limit", "1")
                .header("Authorization", &self.config.credentials().authorization())
                .header("X-Experience-API-Version", XAPI_VERSION)
                .call()
                .map_err(|e| self.transport_error(e))?;
            let status = response.status().as_u16();
            let text = response.into_body().read_to_string().unwrap_or_default();
            (status, text)
        };
        status_error(status, &text).map_or(Ok(()), Err)
    }

    /// A `more` link is relative to the LRS's origin (xAPI 1.0.3, 4.2.3).
    fn resolve(&self, more: &str) -> String {
        if more.starts_with("http://") || more.starts_with("https://") {
            return more.to_string();
        }
        let endpoint = self.config.endpoint();
        let after_scheme = endpoint.find("://").map(|i| i + 3).unwrap_or(0);
        let origin_end = endpoint[after_scheme..]
            .find('/')
            .map(|i| after_scheme + i)
            .unwrap_or(endpoint.len());
        format!("{}{more}", &endpoint[..origin_end])
    }

    fn request(
        &self,
        method: &str,
        url: &str,
        statement_id: Option<&str>,
        body: &[u8],
    ) -> Result<(u16, String), SendError> {
        let authorization = self.config.credentials().authorization();
        let result = if method == "PUT" {
            self.agent
                .put(url)
                .query("statementId", statement_id.unwrap_or_default())
                .header("Authorization", &authorization)
                .header("X-Experience-API-Version", XAPI_VERSION)
                .header("Content-Type", "application/json")
                .send(body)
        } else {
            self.agent
                .post(url)
                .header("Authorization", &authorization)
                .header("X-Experience-API-Version", XAPI_VERSION)
                .header("Content-Type", "application/json")
                .send(body)
        };
        let response = result.map_err(|e| self.transport_error(e))?;
        let status = response.status().as_u16();
        let text = response.into_body().read_to_string().unwrap_or_default();
        Ok((status, text))
    }

    fn transport_error(&self, error: ureq::Error) -> SendError {
        let endpoint = self.config.endpoint().to_string();
        match error {
            ureq::Error::Timeout(_) => SendError::Timeout {
                endpoint,
                after: self.config.timeout,
            },
            ureq::Error::Tls(why) => SendError::Tls {
                endpoint,
                why: why.to_string(),
            },
            ureq::Error::Rustls(e) => SendError::Tls {
                endpoint,
                why: e.to_string(),
            },
            ureq::Error::HostNotFound => SendError::Down {
                endpoint,
                why: "the host name does not resolve".to_string(),
            },
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => SendError::Timeout {
                endpoint,
                after: self.config.timeout,
            },
            ureq::Error::Io(e) => SendError::Down {
                endpoint,
                why: e.to_string(),
            },
            other => SendError::Down {
                endpoint,
                why: other.to_string(),
            },
        }
    }
}

/// `None` for a success (2xx), else the error the status means.
fn status_error(status: u16, body: &str) -> Option<SendError> {
    if (200..300).contains(&status) {
        return None;
    }
    let detail = detail_of(body);
    Some(match status {
        401 | 403 => SendError::Credentials { status },
        400..=499 => SendError::Rejected { status, detail },
        500..=599 => SendError::Server { status, detail },
        _ => SendError::Unexpected {
            why: format!("HTTP {status}: {detail}"),
        },
    })
}

/// The LRS's reason in one short line: a JSON `detail`/`message`, else the body's start.
fn detail_of(body: &str) -> String {
    let parsed: Option<Value> = serde_json::from_str(body).ok();
    let text = parsed
        .as_ref()
        .and_then(|v| v.get("detail").or_else(|| v.get("message")))
        .map(|d| match d {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_else(|| body.to_string());
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        "no reason given".to_string()
    } else if line.chars().count() > 200 {
        format!("{}…", line.chars().take(200).collect::<String>())
    } else {
        line
    }
}
