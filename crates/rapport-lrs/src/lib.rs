//! Rapport's xAPI statements on their way to an organisation's learning record store, without
//! Bevy: [`LrsConfig`] (endpoint and Basic credentials from the environment or an owner-only
//! file), the durable [`Outbox`] beside the results, and the [`Sender`] that drains it with
//! retries, idempotently by statement id, and reads statements back.

pub mod config;
pub mod outbox;
pub mod send;

pub use config::{ConfigError, Credentials, LrsConfig};
pub use outbox::{Outbox, OutboxError, OutboxStatus};
pub use send::{Delivery, Retry, SendError, Sender};
