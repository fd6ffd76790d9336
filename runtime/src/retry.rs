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

/// How often and how patiently a call is retried: the standard mode of botocore 1.44.5.
///
/// Up to `max_attempts` attempts in all (default 3). Before attempt `n + 1` the client sleeps
/// a random time in `[0, min(max_backoff, base * 2^(n-1))]` ("full jitter"), where `base` is
/// `throttling_backoff` (1 s) after a throttling error and `initial_backoff` (50 ms) after any
/// other; a response's `x-amz-retry-after` (milliseconds) raises the wait to at most 5 s more.
/// Retries draw on a quota shared by every call with the same [`Config`](crate::Config): 500
/// units, 5 a throttling retry and 14 any other, 1 back for a call that succeeds at once and
/// the last draw back for one that succeeds after retries; an empty quota stops retrying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    mode: RetryMode,
    max_attempts: u32,
    initial_backoff: Duration,
    throttling_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// 3 attempts; backoff base 50 ms, or 1 s after throttling; at most 20 s.
    pub fn standard() -> Self {
        Self {
            mode: RetryMode::Standard,
            max_attempts: 3,
            initial_backoff: Duration::from_millis(50),
            throttling_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// botocore's legacy mode: 5 attempts, a 1 s backoff base for every error (at most 20 s),
    /// no retry quota.
    pub fn legacy() -> Self {
        Self {
            mode: RetryMode::Legacy,
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
            ..Self::standard()
        }
    }

    /// The standard mode with the adaptive mode's client-side rate limiter.
    pub fn adaptive() -> Self {
        Self {
            mode: RetryMode::Adaptive,
            ..Self::standard()
        }
    }

    /// The configuration of `mode` (`standard`, `legacy` or `adaptive`), its default attempts.
    pub fn of_mode(mode: RetryMode) -> Self {
        match mode {
            RetryMode::Legacy => Self::legacy(),
            RetryMode::Standard => Self::standard(),
            RetryMode::Adaptive => Self::adaptive(),
        }
    }

    pub fn mode(&self) -> RetryMode {
        self.mode
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

    /// The base of the exponential backoff after an error that is not throttling: the
    /// longest wait before the second attempt.
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The base of the exponential backoff after a throttling error.
    pub fn with_throttling_backoff(mut self, throttling_backoff: Duration) -> Self {
        self.throttling_backoff = throttling_backoff;
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

    pub fn throttling_backoff(&self) -> Duration {
        self.throttling_backoff
    }

    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The longest wait after failed attempt `attempt` (1-based):
    /// `min(max_backoff, base * 2^(attempt-1))`, the base by whether it was throttled.
    pub fn backoff_ceiling(&self, attempt: u32, throttled: bool) -> Duration {
        let base = if throttled {
            self.throttling_backoff
        } else {
            self.initial_backoff
        };
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
        base.checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(self.max_backoff)
    }

    /// The wait after failed attempt `attempt` for a `random` number in `[0, 1)`, raised
    /// towards the response's `retry_after` by at most 5 s.
    pub(crate) fn backoff(
        &self,
        attempt: u32,
        throttled: bool,
        random: f64,
        retry_after: Option<Duration>,
    ) -> Duration {
        let wait = self
            .backoff_ceiling(attempt, throttled)
            .mul_f64(random.clamp(0.0, 1.0));
        match retry_after {
            Some(after) => wait.max(after.min(wait + RETRY_AFTER_MAX_ADDITIONAL)),
            None => wait,
        }
    }
}

/// How much longer than its own backoff a call waits for `x-amz-retry-after`.
const RETRY_AFTER_MAX_ADDITIONAL: Duration = Duration::from_secs(5);

/// The `x-amz-retry-after` of a response, in milliseconds; an invalid value is ignored.
pub(crate) fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let value = headers.get("x-amz-retry-after")?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_millis)
}

/// The retry quota of the standard mode: retries spend it, successes refill it.
#[derive(Debug)]
pub(crate) struct RetryQuota {
    available: std::sync::Mutex<u32>,
}

impl RetryQuota {
    pub(crate) const CAPACITY: u32 = 500;
    const RETRY_COST: u32 = 14;
    const THROTTLING_RETRY_COST: u32 = 5;
    const NO_RETRY_INCREMENT: u32 = 1;

    pub(crate) fn new() -> Self {
        Self {
            available: std::sync::Mutex::new(Self::CAPACITY),
        }
    }

    fn available(&self) -> std::sync::MutexGuard<'_, u32> {
        self.available
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Takes the cost of one retry; `None` when the quota cannot pay it (no retry then).
    pub(crate) fn acquire(&self, throttled: bool) -> Option<u32> {
        let cost = if throttled {
            Self::THROTTLING_RETRY_COST
        } else {
            Self::RETRY_COST
        };
        let mut available = self.available();
        *available = available.checked_sub(cost)?;
        Some(cost)
    }

    /// After a successful call: `last_draw` back (the cost of its last retry), or 1 when it
    /// succeeded without retries.
    pub(crate) fn release(&self, last_draw: Option<u32>) {
        let mut available = self.available();
        *available =
            (*available + last_draw.unwrap_or(Self::NO_RETRY_INCREMENT)).min(Self::CAPACITY);
    }

    #[cfg(test)]
    pub(crate) fn remaining(&self) -> u32 {
        *self.available()
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
    let code = code.map(crate::error::sanitize_error_code);
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

/// The retry mode, botocore's `retry_mode` (`AWS_RETRY_MODE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum RetryMode {
    /// botocore's legacy mode: 5 attempts by default, backoff from a 1 s base for every
    /// error, no retry quota.
    Legacy,
    /// The standard mode of the AWS SDKs (the default).
    #[default]
    Standard,
    /// The standard mode, and a client-side rate limiter that slows the calls of one
    /// configuration down after throttling errors (botocore's `adaptive` mode).
    Adaptive,
}

impl RetryMode {
    /// The mode named `value` (`legacy`, `standard`, `adaptive`; ASCII case ignored).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_ascii_lowercase().as_str() {
            "legacy" => Some(RetryMode::Legacy),
            "standard" => Some(RetryMode::Standard),
            "adaptive" => Some(RetryMode::Adaptive),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            RetryMode::Legacy => "legacy",
            RetryMode::Standard => "standard",
            RetryMode::Adaptive => "adaptive",
        }
    }
}

/// The client-side rate limiter of the adaptive mode, as botocore 1.44.5 implements it
/// (`retries/adaptive.py`, `bucket.py`, `throttling.py`): a token bucket that every attempt
/// takes a token from once a throttling error has been seen, whose rate follows a CUBIC
/// curve: cut to 70 % of the measured sending rate at each throttling error, growing back
/// along `0.4 (t - k)^3 + w_max` after, and never above twice the measured rate.
///
/// Times are seconds on the caller's clock (the client uses seconds since the limiter was
/// made), so the arithmetic can be checked against botocore's with a fake clock.
#[doc(hidden)]
#[derive(Debug)]
pub struct AdaptiveRateLimiter {
    state: std::sync::Mutex<LimiterState>,
    started: std::time::Instant,
}

#[derive(Debug)]
struct LimiterState {
    enabled: bool,
    // CUBIC (throttling.py).
    w_max: f64,
    k: f64,
    last_fail: f64,
    // Token bucket (bucket.py).
    fill_rate: f64,
    max_capacity: f64,
    capacity: f64,
    last_refill: Option<f64>,
    // Sending rate (RateClocker).
    measured_rate: f64,
    last_bucket: f64,
    count: f64,
}

const CUBIC_SCALE: f64 = 0.4;
const CUBIC_BETA: f64 = 0.7;
const MIN_FILL_RATE: f64 = 0.5;
const RATE_SMOOTHING: f64 = 0.8;
const RATE_BUCKETS_PER_SECOND: f64 = 2.0;
const MAX_RATE_ADJUST_SCALE: f64 = 2.0;

impl Default for AdaptiveRateLimiter {
    fn default() -> Self {
        Self::new(0.0)
    }
}

impl AdaptiveRateLimiter {
    /// A limiter whose clock reads `start` now (botocore's starting rates: the curve's
    /// maximum 0, the bucket's rate 1).
    pub fn new(start: f64) -> Self {
        let mut state = LimiterState {
            enabled: false,
            w_max: 0.0,
            k: 0.0,
            last_fail: start,
            fill_rate: 0.0,
            max_capacity: 1.0,
            capacity: 0.0,
            last_refill: None,
            measured_rate: 0.0,
            last_bucket: start.floor(),
            count: 0.0,
        };
        state.k = state.zero_point();
        state.set_max_rate(1.0, start);
        Self {
            state: std::sync::Mutex::new(state),
            started: std::time::Instant::now(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, LimiterState> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Seconds since the limiter was made: the clock the client passes.
    pub fn now(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }

    /// Before an attempt at `now`: how long to wait for a token (zero until the first
    /// throttling error). The token is taken now, so callers waiting together are spaced.
    pub fn acquire(&self, now: f64) -> std::time::Duration {
        let mut state = self.state();
        if !state.enabled {
            return std::time::Duration::ZERO;
        }
        state.refill(now);
        let wait = if state.capacity >= 1.0 {
            0.0
        } else {
            (1.0 - state.capacity) / state.fill_rate
        };
        state.capacity -= 1.0;
        std::time::Duration::from_secs_f64(wait.max(0.0))
    }

    /// After a response (or failure) at `now`, throttled or not.
    pub fn on_response(&self, now: f64, throttled: bool) {
        let mut state = self.state();
        let measured = state.record(now);
        let new_rate = if throttled {
            let rate = if state.enabled {
                measured.min(state.fill_rate)
            } else {
                measured
            };
            state.w_max = rate;
            state.k = state.zero_point();
            state.last_fail = now;
            state.enabled = true;
            rate * CUBIC_BETA
        } else {
            CUBIC_SCALE * (now - state.last_fail - state.k).powi(3) + state.w_max
        };
        state.set_max_rate(new_rate.min(MAX_RATE_ADJUST_SCALE * measured), now);
    }

    /// The bucket's rate (tokens a second), and whether the bucket is in use.
    pub fn max_rate(&self) -> (f64, bool) {
        let state = self.state();
        (state.fill_rate, state.enabled)
    }
}

impl LimiterState {
    fn zero_point(&self) -> f64 {
        (self.w_max * (1.0 - CUBIC_BETA) / CUBIC_SCALE).cbrt()
    }

    fn refill(&mut self, now: f64) {
        let Some(last) = self.last_refill else {
            self.last_refill = Some(now);
            return;
        };
        self.capacity = self
            .max_capacity
            .min(self.capacity + (now - last) * self.fill_rate);
        self.last_refill = Some(now);
    }

    fn set_max_rate(&mut self, rate: f64, now: f64) {
        self.refill(now);
        self.fill_rate = rate.max(MIN_FILL_RATE);
        self.max_capacity = if rate >= 1.0 { rate } else { 1.0 };
        self.capacity = self.capacity.min(self.max_capacity);
    }

    fn record(&mut self, now: f64) -> f64 {
        let bucket = (now * RATE_BUCKETS_PER_SECOND).floor() / RATE_BUCKETS_PER_SECOND;
        self.count += 1.0;
        if bucket > self.last_bucket {
            let current = self.count / (bucket - self.last_bucket);
            self.measured_rate =
                current * RATE_SMOOTHING + self.measured_rate * (1.0 - RATE_SMOOTHING);
            self.count = 0.0;
            self.last_bucket = bucket;
        }
        self.measured_rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_botocores_standard_mode() {
        let config = RetryConfig::default();
        assert_eq!(config.max_attempts(), 3);
        assert_eq!(config.initial_backoff(), Duration::from_millis(50));
        assert_eq!(config.throttling_backoff(), Duration::from_secs(1));
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
        let throttled: Vec<u64> = (1..=7)
            .map(|a| config.backoff_ceiling(a, true).as_secs())
            .collect();
        assert_eq!(throttled, [1, 2, 4, 8, 16, 20, 20]);
        let other: Vec<u128> = (1..=4)
            .map(|a| config.backoff_ceiling(a, false).as_millis())
            .collect();
        assert_eq!(other, [50, 100, 200, 400]);
        // Huge attempt numbers saturate instead of overflowing.
        assert_eq!(
            config.backoff_ceiling(u32::MAX, false),
            Duration::from_secs(20)
        );
    }

    #[test]
    fn backoff_stays_within_zero_and_the_ceiling() {
        let config = RetryConfig::standard()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(350));
        assert_eq!(config.backoff(3, false, 0.0, None), Duration::ZERO);
        assert_eq!(
            config.backoff(1, false, 0.5, None),
            Duration::from_millis(50)
        );
        assert_eq!(
            config.backoff(3, false, 1.0, None),
            Duration::from_millis(350)
        );
        for attempt in 1..10 {
            for _ in 0..200 {
                let wait = config.backoff(attempt, false, fastrand::f64(), None);
                assert!(
                    wait <= config.backoff_ceiling(attempt, false),
                    "{wait:?} at {attempt}"
                );
            }
        }
    }

    #[test]
    fn retry_after_raises_the_wait_by_at_most_five_seconds() {
        let config = RetryConfig::standard();
        let ms = Duration::from_millis;
        // Own backoff 25 ms (50 ms × 0.5); the header asks for 2 s: 2 s.
        assert_eq!(config.backoff(1, false, 0.5, Some(ms(2_000))), ms(2_000));
        // The header asks for 60 s: at most 5 s more than the own backoff.
        assert_eq!(config.backoff(1, false, 0.5, Some(ms(60_000))), ms(5_025));
        // The header asks for less than the own backoff: the own backoff.
        assert_eq!(config.backoff(1, true, 0.5, Some(ms(10))), ms(500));
        let mut headers = http::HeaderMap::new();
        headers.insert("x-amz-retry-after", "1500".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(ms(1_500)));
        headers.insert("x-amz-retry-after", "-1".parse().unwrap());
        assert_eq!(retry_after(&headers), None, "invalid values are ignored");
    }

    #[test]
    fn the_quota_pays_for_retries_and_refills_on_success() {
        let quota = RetryQuota::new();
        // 500 units pay for 35 ordinary retries (14 each), then no more.
        for _ in 0..35 {
            assert_eq!(quota.acquire(false), Some(14));
        }
        assert_eq!(quota.remaining(), 10);
        assert_eq!(quota.acquire(false), None);
        assert_eq!(quota.remaining(), 10, "a refused retry costs nothing");
        // A throttling retry costs 5.
        assert_eq!(quota.acquire(true), Some(5));
        assert_eq!(quota.remaining(), 5);
        // Success after retries gives back the last draw; success at once gives 1.
        quota.release(Some(14));
        assert_eq!(quota.remaining(), 19);
        quota.release(None);
        assert_eq!(quota.remaining(), 20);
        // Never above the capacity.
        let full = RetryQuota::new();
        full.release(Some(14));
        assert_eq!(full.remaining(), RetryQuota::CAPACITY);
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
