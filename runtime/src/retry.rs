//! Retries in the standard mode of the AWS SDKs: which failures are retried and how long to
//! wait before the next attempt.

use std::time::Duration;

use crate::transport::{TransportError, TransportErrorKind};

/// Error codes of throttling errors, retried (botocore 1.44.5,
/// `retries/standard.py`, `ThrottledRetryableChecker`).
pub const THROTTLING_ERROR_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of transient errors, retried (botocore's `TransientRetryableChecker`).
pub const TRANSIENT_ERROR_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "PriorRequestNotComplete",
];

/// HTTP statuses of transient errors, retried whatever the error code.
pub const TRANSIENT_STATUS_CODES: &[u16] = &[500, 502, 503, 504];

/// The HTTP status of throttling, retried whatever the error code (botocore's
/// `ThrottlingStatusCodeChecker`).
pub const THROTTLING_STATUS_CODE: u16 = 429;

/// How often and how patiently a call is retried.
///
/// Standard mode: up to `max_attempts` attempts in all (default 3); before attempt `n + 1`
/// the client sleeps a random time in `[0, min(max_backoff, initial_backoff * 2^(n-1))]`
/// ("full jitter"; defaults 1 s and 20 s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// 3 attempts, backoff base 1 s, at most 20 s.
    pub fn standard() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// One attempt, no retries.
    pub fn disabled() -> Self {
        Self::standard().with_max_attempts(1)
    }

    /// Attempts in all, the first included; 0 counts as 1.
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The base of the exponential backoff: the longest wait before the second attempt.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The longest wait between two attempts.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest wait after failed attempt `attempt` (1-based):
    /// `min(max_backoff, initial_backoff * 2^(attempt-1))`.
    pub fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_backoff)
    }

    /// The wait after failed attempt `attempt` for a `random` number in `[0, 1)`.
    pub(crate) fn backoff(&self, attempt: u32, random: f64) -> Duration {
        self.backoff_ceiling(attempt)
            .mul_f64(random.clamp(0.0, 1.0))
    }
}

/// Why a failed attempt is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryReason {
    /// A connect, I/O or timeout failure of the transport, or the attempt timeout.
    Transport,
    /// A 5xx status or a transient error code.
    Transient,
    /// A throttling error code or 429.
    Throttling,
    /// The model marks the error retryable.
    Modelled,
}

/// Whether a transport failure is worth another attempt.
pub(crate) fn classify_transport(error: &TransportError) -> Option<RetryReason> {
    match error.kind() {
        TransportErrorKind::Connect | TransportErrorKind::Io | TransportErrorKind::Timeout => {
            Some(RetryReason::Transport)
        }
        _ => None,
    }
}

/// Whether an error response is worth another attempt; other 4xx never are.
pub(crate) fn classify_response(
    status: u16,
    code: Option<&str>,
    modelled_retryable: bool,
) -> Option<RetryReason> {
    let code = code.map(sanitize_code);
    if code.is_some_and(|code| THROTTLING_ERROR_CODES.contains(&code)) {
        return Some(RetryReason::Throttling);
    }
    if code.is_some_and(|code| TRANSIENT_ERROR_CODES.contains(&code))
        || TRANSIENT_STATUS_CODES.contains(&status)
    {
        return Some(RetryReason::Transient);
    }
    if status == THROTTLING_STATUS_CODE {
        return Some(RetryReason::Throttling);
    }
    modelled_retryable.then_some(RetryReason::Modelled)
}

/// `aws.protocols#ThrottlingException:http://…` → `ThrottlingException`.
fn sanitize_code(code: &str) -> &str {
    let code = code.rsplit_once('#').map_or(code, |(_, name)| name);
    code.split_once(':').map_or(code, |(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_three_attempts_one_second_base_twenty_seconds_cap() {
        let config = RetryConfig::default();
        assert_eq!(config.max_attempts(), 3);
        assert_eq!(config.initial_backoff(), Duration::from_secs(1));
        assert_eq!(config.max_backoff(), Duration::from_secs(20));
        assert_eq!(RetryConfig::disabled().max_attempts(), 1);
        assert_eq!(
            RetryConfig::standard().with_max_attempts(0).max_attempts(),
            1
        );
    }

    #[test]
    fn backoff_ceiling_doubles_per_attempt_up_to_the_cap() {
        let config = RetryConfig::standard();
        let seconds: Vec<u64> = (1..=7)
            .map(|a| config.backoff_ceiling(a).as_secs())
            .collect();
        assert_eq!(seconds, [1, 2, 4, 8, 16, 20, 20]);
        // Huge attempt numbers saturate instead of overflowing.
        assert_eq!(config.backoff_ceiling(u32::MAX), Duration::from_secs(20));
    }

    #[test]
    fn backoff_stays_within_zero_and_the_ceiling() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        assert_eq!(config.backoff(3, 0.0), Duration::ZERO);
        assert_eq!(config.backoff(1, 0.5), Duration::from_millis(50));
        assert_eq!(config.backoff(3, 1.0), Duration::from_millis(350));
        for attempt in 1..10 {
            for _ in 0..200 {
                let wait = config.backoff(attempt, fastrand::f64());
                assert!(
                    wait <= config.backoff_ceiling(attempt),
                    "{wait:?} at {attempt}"
                );
            }
        }
    }

    #[test]
    fn transport_failures_are_retried_except_other() {
        for kind in [
            TransportErrorKind::Connect,
            TransportErrorKind::Io,
            TransportErrorKind::Timeout,
        ] {
            assert_eq!(
                classify_transport(&TransportError::new(kind, "x")),
                Some(RetryReason::Transport),
                "{kind:?}"
            );
        }
        assert_eq!(
            classify_transport(&TransportError::new(TransportErrorKind::Other, "x")),
            None
        );
    }

    #[test]
    fn server_errors_and_throttling_are_retried() {
        for status in [500, 502, 503, 504] {
            assert_eq!(
                classify_response(status, None, false),
                Some(RetryReason::Transient)
            );
        }
        assert_eq!(
            classify_response(429, None, false),
            Some(RetryReason::Throttling)
        );
        for code in THROTTLING_ERROR_CODES {
            assert_eq!(
                classify_response(400, Some(code), false),
                Some(RetryReason::Throttling)
            );
        }
        assert_eq!(
            classify_response(400, Some("RequestTimeoutException"), false),
            Some(RetryReason::Transient)
        );
        assert_eq!(
            classify_response(400, Some("aws.api#ThrottlingException:http://x"), false),
            Some(RetryReason::Throttling)
        );
    }

    #[test]
    fn modelled_retryable_errors_are_retried() {
        assert_eq!(
            classify_response(400, Some("ServiceTemporarilyUnavailableException"), true),
            Some(RetryReason::Modelled)
        );
    }

    #[test]
    fn other_client_errors_are_not_retried() {
        for (status, code) in [
            (400, Some("InvalidInputException")),
            (403, Some("AccessDeniedException")),
            (403, Some("InvalidSignatureException")),
            (404, None),
            (501, None),
        ] {
            assert_eq!(
                classify_response(status, code, false),
                None,
                "{status} {code:?}"
            );
        }
    }
}
