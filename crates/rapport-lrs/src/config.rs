//! Where statements go and who sends them: the LRS endpoint and Basic credentials, read from
//! the environment or an owner-only file, never from the command line or the results. The
//! password never leaves [`Credentials`]: its `Debug` hides it and only the Authorization
//! header is built from it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The LRS's xAPI endpoint, e.g. `https://lrs.example.org/xAPI/`.
pub const ENDPOINT_VAR: &str = "RAPPORT_LRS_ENDPOINT";
/// Basic credentials as `user:password`.
pub const CREDENTIALS_VAR: &str = "RAPPORT_LRS_CREDENTIALS";
/// A file holding `user:password`, readable by its owner only.
pub const CREDENTIALS_FILE_VAR: &str = "RAPPORT_LRS_CREDENTIALS_FILE";
/// `1` (or `true`, `yes`) allows a plain `http://` endpoint, for an LRS on this machine.
pub const ALLOW_HTTP_VAR: &str = "RAPPORT_LRS_ALLOW_HTTP";

/// How long one request may take before the LRS counts as not answering.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(15);

/// A user name and password for HTTP Basic authentication.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    user: String,
    password: String,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Credentials {{ user: {:?}, password: <hidden> }}",
            self.user
        )
    }
}

impl Credentials {
    /// Reads `user:password` (the form LRSs hand out as key and secret). Surrounding
    /// whitespace and a final newline are ignored.
    pub fn parse(text: &str) -> Result<Credentials, ConfigError> {
        let text = text.trim();
        match text.split_once(':') {
            Some((user, password)) if !user.is_empty() && !password.is_empty() => Ok(Credentials {
                user: user.to_string(),
                password: password.to_string(),
            }),
            _ => Err(ConfigError::MalformedCredentials),
        }
    }

    /// Reads credentials from a file that only its owner can read: a file the group or
    /// others can read is refused, since anyone on the laptop could send as the organisation.
    pub fn from_file(path: &Path) -> Result<Credentials, ConfigError> {
        let unreadable = |e: std::io::Error| ConfigError::CredentialsFile {
            path: path.to_path_buf(),
            why: e.to_string(),
        };
        let metadata = std::fs::metadata(path).map_err(unreadable)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = metadata.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(ConfigError::CredentialsFileShared {
                    path: path.to_path_buf(),
                    mode: mode & 0o777,
                });
            }
        }
        #[cfg(not(unix))]
        let _ = metadata;
        let text = std::fs::read_to_string(path).map_err(unreadable)?;
        Credentials::parse(&text)
    }

    /// The value of the `Authorization` header.
    pub(crate) fn authorization(&self) -> String {
        let pair = format!("{}:{}", self.user, self.password);
        format!("Basic {}", data_encoding::BASE64.encode(pair.as_bytes()))
    }

    pub fn user(&self) -> &str {
        &self.user
    }
}

/// Everything needed to send statements to one LRS.
#[derive(Debug, Clone)]
pub struct LrsConfig {
    endpoint: String,
    credentials: Credentials,
    pub timeout: Duration,
}

impl LrsConfig {
    /// An LRS at `endpoint` (its xAPI base, with or without the final `/`). Only `https://`
    /// unless `allow_http`: credentials in plain HTTP can be read by anyone on the network.
    pub fn new(
        endpoint: &str,
        credentials: Credentials,
        allow_http: bool,
    ) -> Result<LrsConfig, ConfigError> {
        let endpoint = endpoint.trim();
        let lower = endpoint.to_ascii_lowercase();
        let has_host = |rest: &str| !rest.is_empty() && !rest.starts_with('/');
        if let Some(rest) = lower.strip_prefix("https://") {
            if !has_host(rest) {
                return Err(ConfigError::BadEndpoint(endpoint.to_string()));
            }
        } else if let Some(rest) = lower.strip_prefix("http://") {
            if !has_host(rest) {
                return Err(ConfigError::BadEndpoint(endpoint.to_string()));
            }
            if !allow_http {
                return Err(ConfigError::PlainHttp(endpoint.to_string()));
            }
        } else {
            return Err(ConfigError::BadEndpoint(endpoint.to_string()));
        }
        let mut endpoint = endpoint.to_string();
        if !endpoint.ends_with('/') {
            endpoint.push('/');
        }
        Ok(LrsConfig {
            endpoint,
            credentials,
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// The LRS configured in this process's environment, or `None` when no endpoint is set.
    pub fn from_env() -> Result<Option<LrsConfig>, ConfigError> {
        LrsConfig::from_vars(|name| std::env::var(name).ok())
    }

    /// As [`LrsConfig::from_env`], reading variables through `var` (for tests).
    pub fn from_vars(
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Option<LrsConfig>, ConfigError> {
        let Some(endpoint) = var(ENDPOINT_VAR).filter(|e| !e.trim().is_empty()) else {
            return Ok(None);
        };
        let credentials = match (var(CREDENTIALS_VAR), var(CREDENTIALS_FILE_VAR)) {
            (Some(text), _) => Credentials::parse(&text)?,
            (None, Some(path)) => Credentials::from_file(Path::new(&path))?,
            (None, None) => return Err(ConfigError::NoCredentials),
        };
        let allow_http = var(ALLOW_HTTP_VAR).is_some_and(|v| {
            matches!(v.trim().to_ascii_lowercase().as_str(), "1" | "true" | "yes")
        });
        LrsConfig::new(&endpoint, credentials, allow_http).map(Some)
    }

    /// The endpoint, always ending in `/`.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    pub(crate) fn statements_url(&self) -> String {
        format!("{}statements", self.endpoint)
    }

    pub(crate) fn credentials(&self) -> &Credentials {
        &self.credentials
    }
}

/// Why the LRS configuration cannot be used, in one line that names what to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    BadEndpoint(String),
    PlainHttp(String),
    NoCredentials,
    MalformedCredentials,
    CredentialsFile { path: PathBuf, why: String },
    CredentialsFileShared { path: PathBuf, mode: u32 },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::BadEndpoint(e) => write!(
                f,
                "the LRS endpoint {e:?} is not an https:// address (set {ENDPOINT_VAR} to the \
                 LRS's xAPI address, e.g. https://lrs.example.org/xAPI/)"
            ),
            ConfigError::PlainHttp(e) => write!(
                f,
                "the LRS endpoint {e} is plain http://, which would send the password \
                 unencrypted; use https://, or set {ALLOW_HTTP_VAR}=1 for an LRS on this machine"
            ),
            ConfigError::NoCredentials => write!(
                f,
                "{ENDPOINT_VAR} is set but no credentials: set {CREDENTIALS_VAR}=user:password or \
                 {CREDENTIALS_FILE_VAR} to a file only you can read"
            ),
            ConfigError::MalformedCredentials => {
                write!(f, "the LRS credentials are not of the form user:password")
            }
            ConfigError::CredentialsFile { path, why } => write!(
                f,
                "cannot read the LRS credentials file {}: {why}",
                path.display()
            ),
            ConfigError::CredentialsFileShared { path, mode } => write!(
                f,
                "the LRS credentials file {} can be read by others (mode {mode:o}); make it \
                 yours only with chmod 600 {}",
                path.display(),
                path.display()
            ),
        }
    }
}

impl std::error::Error for ConfigError {}
