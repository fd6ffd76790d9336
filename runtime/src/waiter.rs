//! Waiters: the polling loop every generated waiter shares.
//!
//! A generated waiter is a list of [`Acceptor`]s (a state, a description and a matcher the
//! generator compiled from the model) and a [`Schedule`]. [`wait`] calls the operation, offers
//! each response to the acceptors in order and lets the first that matches decide: `success`
//! returns the response ([`FinalPoll`]), `failure` fails with [`WaiterError::FailureState`]
//! naming the acceptor, `retry` sleeps and calls again. A response no acceptor matches is
//! retried, unless it is an error of the service, which fails the wait with
//! [`WaiterError::Operation`]; so does any error that is not the service's (the input, the
//! endpoint, the transport, …), at once. This is what boto3's `Waiter.wait` does.
//!
//! The async client's waits ([`wait`]) sleep with `tokio::time`, like its retries: a test on
//! a paused tokio clock runs a wait of hours in no time. The blocking client's
//! (`wait_blocking`, feature `blocking`) sleep on the calling thread.

use std::fmt;
use std::future::Future;
use std::time::Duration;

use crate::ResponseMetadata;
use crate::client::Error;

/// What an acceptor moves the waiter to when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AcceptorState {
    /// The wait is over: the resource is in the state waited for.
    Success,
    /// The wait failed: the resource will not reach that state.
    Failure,
    /// Not there yet: sleep and call again.
    Retry,
}

impl fmt::Display for AcceptorState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        })
    }
}

/// One response of the waiter's operation, as its acceptors see it.
#[derive(Debug)]
pub enum Response<'a, O, E> {
    /// The call succeeded.
    Output {
        /// The operation's output.
        output: &'a O,
        /// The response's HTTP status.
        status: u16,
    },
    /// The service answered with an error.
    Error {
        /// The operation's error.
        error: &'a E,
        /// The response's HTTP status, when a response came.
        status: Option<u16>,
    },
}

impl<O, E> Clone for Response<'_, O, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O, E> Copy for Response<'_, O, E> {}

impl<'a, O, E> Response<'a, O, E> {
    /// The output, when the call succeeded.
    pub fn output(&self) -> Option<&'a O> {
        match self {
            Response::Output { output, .. } => Some(output),
            Response::Error { .. } => None,
        }
    }

    /// The service's error, when it answered with one.
    pub fn error(&self) -> Option<&'a E> {
        match self {
            Response::Output { .. } => None,
            Response::Error { error, .. } => Some(error),
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Response::Output { status, .. } => Some(*status),
            Response::Error { status, .. } => *status,
        }
    }
}

/// One acceptor of a waiter: `I`, `O` and `E` are its operation's input, output and error.
pub struct Acceptor<I, O, E> {
    /// What a match means.
    pub state: AcceptorState,
    /// The matcher as the model writes it, for messages: ``path `status` == "FAILED"``.
    pub description: &'static str,
    /// Whether the acceptor matches a response to `input`.
    pub matches: fn(&I, Response<'_, O, E>) -> bool,
}

impl<I, O, E> fmt::Debug for Acceptor<I, O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Acceptor")
            .field("state", &self.state)
            .field("description", &self.description)
            .finish_non_exhaustive()
    }
}

/// A waiter as the generator makes it: its name and acceptors, in model order.
pub struct Waiter<I: 'static, O: 'static, E: 'static> {
    /// The waiter's name in the model, e.g. `ConnectorConnected`.
    pub name: &'static str,
    /// The acceptors, in model order: the first that matches a response decides.
    pub acceptors: &'static [Acceptor<I, O, E>],
}

impl<I, O, E> fmt::Debug for Waiter<I, O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("name", &self.name)
            .field("acceptors", &self.acceptors)
            .finish()
    }
}

/// When a waiter calls again, and when it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// boto3's schedule, for waiters of botocore models.
    Fixed(FixedDelay),
    /// Smithy's schedule, for waiters of Smithy models.
    Backoff(Backoff),
}

/// boto3's schedule: at most `max_attempts` attempts, `delay` apart (`WaiterConfig`'s `Delay`
/// and `MaxAttempts`, which default to the model's `delay` and `maxAttempts`). With a
/// `max_wait`, the waiter also gives up rather than sleep past it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedDelay {
    /// The sleep between two attempts.
    pub delay: Duration,
    /// The most attempts, the first included (0 counts as 1).
    pub max_attempts: u32,
    /// The longest the whole wait may take, when set.
    pub max_wait: Option<Duration>,
}

/// Smithy's waiter retry strategy: after attempt `n` the waiter sleeps a random time between
/// `min_delay` and `min(max_delay, min_delay * 2^(n-1))` (`max_delay` once
/// `n > log2(max_delay / min_delay) + 1`), cut so that the next attempt starts at least
/// `min_delay` before `max_wait` is over; when less than `min_delay` of `max_wait` is left,
/// it gives up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// The shortest sleep between two attempts.
    pub min_delay: Duration,
    /// The longest sleep between two attempts.
    pub max_delay: Duration,
    /// The longest the whole wait may take.
    pub max_wait: Duration,
}

impl Backoff {
    /// The sleep after attempt `attempt` (1-based), `elapsed` into the wait, for a `random`
    /// number in `[0, 1)`; `None` when the waiter must give up.
    pub fn delay(&self, attempt: u32, elapsed: Duration, random: f64) -> Option<Duration> {
        let remaining = self.max_wait.checked_sub(elapsed)?;
        if remaining <= self.min_delay {
            return None;
        }
        let min = self.min_delay.as_secs_f64();
        let max = self.max_delay.as_secs_f64().max(min);
        let ceiling = if min > 0.0 {
            (max / min).log2() + 1.0
        } else {
            0.0
        };
        let upper = if f64::from(attempt) > ceiling {
            max
        } else {
            (min * 2f64.powi(attempt.saturating_sub(1).min(1023) as i32)).min(max)
        };
        let delay = Duration::from_secs_f64(min + (upper - min) * random.clamp(0.0, 1.0));
        Some(if remaining.saturating_sub(delay) <= self.min_delay {
            remaining - self.min_delay
        } else {
            delay
        })
    }
}

/// What a successful wait ends with: the response the `success` acceptor matched.
#[derive(Debug)]
pub enum FinalPoll<O, E> {
    /// The call succeeded.
    Output(O),
    /// The call failed with an error an acceptor waits for (a waiter that waits for a
    /// resource to be deleted succeeds on `ResourceNotFoundException`, say).
    Error(E),
}

impl<O, E> FinalPoll<O, E> {
    /// The output, when the last call succeeded.
    pub fn output(&self) -> Option<&O> {
        match self {
            FinalPoll::Output(output) => Some(output),
            FinalPoll::Error(_) => None,
        }
    }

    /// The output, when the last call succeeded.
    pub fn into_output(self) -> Option<O> {
        match self {
            FinalPoll::Output(output) => Some(output),
            FinalPoll::Error(_) => None,
        }
    }

    /// The error, when the last call failed.
    pub fn error(&self) -> Option<&E> {
        match self {
            FinalPoll::Output(_) => None,
            FinalPoll::Error(error) => Some(error),
        }
    }

    /// The last call's output or error.
    pub fn into_result(self) -> Result<O, E> {
        match self {
            FinalPoll::Output(output) => Ok(output),
            FinalPoll::Error(error) => Err(error),
        }
    }
}

/// Which acceptor matched, for messages: its index in the model's list and what it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchedAcceptor {
    /// The acceptor's index (0-based) in the model's list of the waiter's acceptors.
    pub index: usize,
    /// The state it moves the waiter to.
    pub state: AcceptorState,
    /// The matcher as the model writes it.
    pub description: &'static str,
}

impl fmt::Display for MatchedAcceptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "acceptors[{}] ({}: {})",
            self.index, self.state, self.description
        )
    }
}

/// A `failure` acceptor matched.
#[derive(Debug)]
pub struct FailureState<O, E> {
    waiter: &'static str,
    acceptor: MatchedAcceptor,
    attempts: u32,
    elapsed: Duration,
    response: FinalPoll<O, E>,
}

impl<O, E> FailureState<O, E> {
    /// The waiter's name in the model.
    pub fn waiter(&self) -> &'static str {
        self.waiter
    }

    /// The acceptor that matched.
    pub fn acceptor(&self) -> MatchedAcceptor {
        self.acceptor
    }

    /// The attempts made, the last included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long the wait took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The response the acceptor matched.
    pub fn response(&self) -> &FinalPoll<O, E> {
        &self.response
    }

    /// The response the acceptor matched.
    pub fn into_response(self) -> FinalPoll<O, E> {
        self.response
    }
}

/// The limit a wait that gave up reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitLimit {
    /// The most attempts ([`FixedDelay::max_attempts`]).
    MaxAttempts(u32),
    /// The longest wait ([`FixedDelay::max_wait`], [`Backoff::max_wait`]).
    MaxWait(Duration),
}

/// The waiter gave up: no `success` or `failure` acceptor matched before its limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exhausted {
    waiter: &'static str,
    limit: WaitLimit,
    attempts: u32,
    elapsed: Duration,
    last_matched: Option<MatchedAcceptor>,
}

impl Exhausted {
    /// The waiter's name in the model.
    pub fn waiter(&self) -> &'static str {
        self.waiter
    }

    /// The limit reached.
    pub fn limit(&self) -> WaitLimit {
        self.limit
    }

    /// The attempts made.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// How long the wait took.
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }

    /// The `retry` acceptor that matched last, if one did (boto3's "previously accepted
    /// state").
    pub fn last_matched(&self) -> Option<MatchedAcceptor> {
        self.last_matched
    }
}

impl fmt::Display for Exhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "waiter `{}` gave up after {} attempt{} in {:?}: ",
            self.waiter,
            self.attempts,
            if self.attempts == 1 { "" } else { "s" },
            self.elapsed
        )?;
        match self.limit {
            WaitLimit::MaxAttempts(max) => write!(f, "the most attempts, {max}, were made")?,
            WaitLimit::MaxWait(max) => write!(f, "the longest wait, {max:?}, is over")?,
        }
        if let Some(acceptor) = self.last_matched {
            write!(f, " (last matched: {acceptor})")?;
        }
        Ok(())
    }
}

/// Why a wait failed; `O` and `E` are the operation's output and error.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<O, E> {
    /// A `failure` acceptor matched a response.
    FailureState(FailureState<O, E>),
    /// No `success` or `failure` acceptor matched before the limit.
    Exhausted(Exhausted),
    /// The call failed in a way no acceptor matched: an error of the service, or one of the
    /// input, endpoint or transport. The last call's error, as the operation's `send` gives it.
    Operation(Error<E>),
}

impl<O, E> WaiterError<O, E> {
    /// The acceptor that failed the wait, when one did.
    pub fn failure_acceptor(&self) -> Option<MatchedAcceptor> {
        match self {
            WaiterError::FailureState(failure) => Some(failure.acceptor),
            _ => None,
        }
    }

    /// The operation's error, when the wait failed on one no acceptor matched.
    pub fn as_operation_error(&self) -> Option<&Error<E>> {
        match self {
            WaiterError::Operation(error) => Some(error),
            _ => None,
        }
    }

    /// Whether the waiter gave up at its limit.
    pub fn is_exhausted(&self) -> bool {
        matches!(self, WaiterError::Exhausted(_))
    }
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::FailureState(failure) => write!(
                f,
                "waiter `{}` failed: {} matched on attempt {} after {:?}",
                failure.waiter, failure.acceptor, failure.attempts, failure.elapsed
            ),
            WaiterError::Exhausted(exhausted) => exhausted.fmt(f),
            WaiterError::Operation(error) => write!(f, "the waiter's call failed: {error}"),
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaiterError::Operation(error) => Some(error),
            _ => None,
        }
    }
}

/// The result of one call as a generated client's `call_with_error_metadata` gives it: the
/// output and its response metadata, or the error and, when a response came, its metadata.
pub type CallResult<O, E> = Result<(O, ResponseMetadata), (Error<E>, Option<ResponseMetadata>)>;

/// Runs `waiter`: calls `send` with a copy of `input` until an acceptor ends the wait or the
/// `schedule` gives up. See the [module documentation](self).
///
/// # Errors
///
/// [`WaiterError::FailureState`] when a `failure` acceptor matches, [`WaiterError::Exhausted`]
/// at the schedule's limit, [`WaiterError::Operation`] when a call fails in a way no acceptor
/// matches.
#[cfg(feature = "client")]
pub async fn wait<I, O, E, F, Fut>(
    waiter: &Waiter<I, O, E>,
    schedule: Schedule,
    input: I,
    send: F,
) -> Result<FinalPoll<O, E>, WaiterError<O, E>>
where
    I: Clone,
    F: FnMut(I) -> Fut,
    Fut: Future<Output = CallResult<O, E>>,
{
    let started = tokio::time::Instant::now();
    let clock = Clock {
        elapsed: &|| started.elapsed(),
        sleep: &|delay| Box::pin(tokio::time::sleep(delay)),
    };
    run(waiter, schedule, input, send, &clock).await
}

/// [`wait`] on the calling thread, for the blocking client: `send` makes one call and returns
/// its result; the waits between calls sleep the thread.
///
/// # Errors
///
/// As [`wait`].
#[cfg(feature = "blocking")]
pub fn wait_blocking<I, O, E>(
    waiter: &Waiter<I, O, E>,
    schedule: Schedule,
    input: I,
    mut send: impl FnMut(I) -> CallResult<O, E>,
) -> Result<FinalPoll<O, E>, WaiterError<O, E>>
where
    I: Clone,
{
    let started = std::time::Instant::now();
    let clock = Clock {
        elapsed: &|| started.elapsed(),
        sleep: &|delay| {
            std::thread::sleep(delay);
            Box::pin(std::future::ready(()))
        },
    };
    let send = |input| std::future::ready(send(input));
    // Every future here is ready when first polled: the thread does the work.
    crate::blocking::block_on(run(waiter, schedule, input, send, &clock))
}

/// How a wait tells the time and sleeps.
struct Clock<'a> {
    elapsed: &'a (dyn Fn() -> Duration + Sync),
    sleep: &'a (dyn Fn(Duration) -> crate::BoxFuture<'static, ()> + Sync),
}

async fn run<I, O, E, F, Fut>(
    waiter: &Waiter<I, O, E>,
    schedule: Schedule,
    input: I,
    mut send: F,
    clock: &Clock<'_>,
) -> Result<FinalPoll<O, E>, WaiterError<O, E>>
where
    I: Clone,
    F: FnMut(I) -> Fut,
    Fut: Future<Output = CallResult<O, E>>,
{
    let mut attempts = 0u32;
    let mut last_matched = None;
    loop {
        let result = send(input.clone()).await;
        attempts += 1;
        let (polled, status) = match result {
            Ok((output, metadata)) => (FinalPoll::Output(output), Some(metadata.status())),
            Err((Error::Service(error), metadata)) => (
                FinalPoll::Error(error),
                metadata.as_ref().map(ResponseMetadata::status),
            ),
            Err((error, _)) => return Err(WaiterError::Operation(error)),
        };
        let response = match &polled {
            FinalPoll::Output(output) => Response::Output {
                output,
                status: status.unwrap_or_default(),
            },
            FinalPoll::Error(error) => Response::Error { error, status },
        };
        let matched = waiter
            .acceptors
            .iter()
            .enumerate()
            .find(|(_, acceptor)| (acceptor.matches)(&input, response))
            .map(|(index, acceptor)| MatchedAcceptor {
                index,
                state: acceptor.state,
                description: acceptor.description,
            });
        match (matched, polled) {
            (Some(acceptor), polled) if acceptor.state == AcceptorState::Success => {
                return Ok(polled);
            }
            (Some(acceptor), response) if acceptor.state == AcceptorState::Failure => {
                return Err(WaiterError::FailureState(FailureState {
                    waiter: waiter.name,
                    acceptor,
                    attempts,
                    elapsed: (clock.elapsed)(),
                    response,
                }));
            }
            (Some(acceptor), _) => last_matched = Some(acceptor),
            // An error no acceptor matched fails the wait, as boto3's does.
            (None, FinalPoll::Error(error)) => {
                return Err(WaiterError::Operation(Error::Service(error)));
            }
            (None, FinalPoll::Output(_)) => {}
        }
        let elapsed = (clock.elapsed)();
        let exhausted = |limit| {
            WaiterError::Exhausted(Exhausted {
                waiter: waiter.name,
                limit,
                attempts,
                elapsed,
                last_matched,
            })
        };
        let delay = match schedule {
            Schedule::Fixed(fixed) => {
                if attempts >= fixed.max_attempts.max(1) {
                    return Err(exhausted(WaitLimit::MaxAttempts(fixed.max_attempts.max(1))));
                }
                if let Some(max_wait) = fixed.max_wait {
                    if elapsed + fixed.delay > max_wait {
                        return Err(exhausted(WaitLimit::MaxWait(max_wait)));
                    }
                }
                fixed.delay
            }
            Schedule::Backoff(backoff) => match backoff.delay(attempts, elapsed, fastrand::f64()) {
                Some(delay) => delay,
                None => return Err(exhausted(WaitLimit::MaxWait(backoff.max_wait))),
            },
        };
        if !delay.is_zero() {
            (clock.sleep)(delay).await;
        }
    }
}

#[cfg(all(test, feature = "client"))]
mod tests {
    use std::collections::VecDeque;
    use std::sync::{Arc, Mutex};

    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Output {
        state: &'static str,
    }

    #[derive(Debug, PartialEq)]
    struct ServiceError {
        code: &'static str,
    }

    impl fmt::Display for ServiceError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.code)
        }
    }

    const ACCEPTORS: &[Acceptor<(), Output, ServiceError>] = &[
        Acceptor {
            state: AcceptorState::Success,
            description: "path `state` == \"READY\"",
            matches: |_, response| response.output().is_some_and(|o| o.state == "READY"),
        },
        Acceptor {
            state: AcceptorState::Failure,
            description: "path `state` == \"FAILED\"",
            matches: |_, response| response.output().is_some_and(|o| o.state == "FAILED"),
        },
        Acceptor {
            state: AcceptorState::Retry,
            description: "error \"NotYet\"",
            matches: |_, response| response.error().is_some_and(|e| e.code == "NotYet"),
        },
        Acceptor {
            state: AcceptorState::Success,
            description: "status 404",
            matches: |_, response| response.status() == Some(404),
        },
    ];

    const WAITER: Waiter<(), Output, ServiceError> = Waiter {
        name: "ThingReady",
        acceptors: ACCEPTORS,
    };

    /// What a scripted call answers: a state, or an error code with a status.
    #[derive(Clone, Copy)]
    enum Answer {
        State(&'static str),
        Service(&'static str, u16),
    }

    fn metadata(status: u16) -> ResponseMetadata {
        ResponseMetadata::of(
            http::Response::builder()
                .status(status)
                .body(Vec::<u8>::new())
                .unwrap(),
            0,
        )
    }

    type Script = Arc<Mutex<VecDeque<Answer>>>;

    /// Answers from the script in order; the script left shows how many calls were made.
    fn scripted(
        answers: &[Answer],
    ) -> (
        Script,
        impl FnMut(()) -> std::future::Ready<CallResult<Output, ServiceError>>,
    ) {
        let script: Script = Arc::new(Mutex::new(answers.iter().copied().collect()));
        let shared = script.clone();
        let send = move |()| {
            let answer = shared
                .lock()
                .unwrap()
                .pop_front()
                .expect("a scripted answer");
            std::future::ready(match answer {
                Answer::State(state) => Ok((Output { state }, metadata(200))),
                Answer::Service(code, status) => Err((
                    Error::Service(ServiceError { code }),
                    Some(metadata(status)),
                )),
            })
        };
        (script, send)
    }

    fn fixed(delay_secs: u64, max_attempts: u32) -> Schedule {
        Schedule::Fixed(FixedDelay {
            delay: Duration::from_secs(delay_secs),
            max_attempts,
            max_wait: None,
        })
    }

    #[tokio::test(start_paused = true)]
    async fn retries_until_success_sleeping_the_fixed_delay_between_attempts() {
        let (script, send) = scripted(&[
            Answer::State("PENDING"),
            Answer::Service("NotYet", 400),
            Answer::State("READY"),
        ]);
        let started = tokio::time::Instant::now();
        let done = wait(&WAITER, fixed(15, 40), (), send).await.unwrap();
        assert_eq!(done.output(), Some(&Output { state: "READY" }));
        assert!(script.lock().unwrap().is_empty());
        assert_eq!(
            started.elapsed(),
            Duration::from_secs(30),
            "two sleeps of 15 s"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_failure_acceptor_fails_the_wait_naming_it() {
        let (_, send) = scripted(&[Answer::State("PENDING"), Answer::State("FAILED")]);
        let error = wait(&WAITER, fixed(5, 40), (), send).await.unwrap_err();
        assert_eq!(
            error.to_string(),
            "waiter `ThingReady` failed: acceptors[1] (failure: path `state` == \"FAILED\") \
             matched on attempt 2 after 5s"
        );
        let WaiterError::FailureState(failure) = error else {
            panic!("expected a failure state")
        };
        assert_eq!(failure.acceptor().index, 1);
        assert_eq!(
            failure.response().output(),
            Some(&Output { state: "FAILED" })
        );
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts_naming_the_last_retry_acceptor() {
        let (script, send) = scripted(&[Answer::Service("NotYet", 400); 3]);
        let error = wait(&WAITER, fixed(10, 3), (), send).await.unwrap_err();
        assert!(script.lock().unwrap().is_empty(), "three attempts");
        assert_eq!(
            error.to_string(),
            "waiter `ThingReady` gave up after 3 attempts in 20s: the most attempts, 3, were \
             made (last matched: acceptors[2] (retry: error \"NotYet\"))"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_max_wait_stops_a_fixed_schedule_before_sleeping_past_it() {
        let (_, send) = scripted(&[Answer::State("PENDING"); 3]);
        let schedule = Schedule::Fixed(FixedDelay {
            delay: Duration::from_secs(10),
            max_attempts: 40,
            max_wait: Some(Duration::from_secs(25)),
        });
        let WaiterError::Exhausted(exhausted) =
            wait(&WAITER, schedule, (), send).await.unwrap_err()
        else {
            panic!("expected the waiter to give up")
        };
        assert_eq!(
            exhausted.limit(),
            WaitLimit::MaxWait(Duration::from_secs(25))
        );
        assert_eq!(exhausted.attempts(), 3);
        assert_eq!(exhausted.elapsed(), Duration::from_secs(20));
        assert_eq!(exhausted.last_matched(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn an_error_no_acceptor_matches_fails_the_wait_with_it() {
        let (_, send) = scripted(&[Answer::Service("AccessDenied", 403)]);
        let error = wait(&WAITER, fixed(5, 40), (), send).await.unwrap_err();
        let Some(Error::Service(ServiceError { code })) = error.as_operation_error() else {
            panic!("expected the service error, got {error:?}")
        };
        assert_eq!(*code, "AccessDenied");
    }

    #[tokio::test(start_paused = true)]
    async fn a_status_acceptor_sees_the_status_of_an_error_response() {
        let (_, send) = scripted(&[Answer::Service("NotFound", 404)]);
        let done = wait(&WAITER, fixed(5, 40), (), send).await.unwrap();
        assert_eq!(done.error(), Some(&ServiceError { code: "NotFound" }));
    }

    #[tokio::test(start_paused = true)]
    async fn errors_that_are_not_the_services_end_the_wait_at_once() {
        let mut calls = 0;
        let send = |()| {
            calls += 1;
            std::future::ready(Err((
                Error::RepeatedPageToken("t".into()),
                None::<ResponseMetadata>,
            )))
        };
        let error = wait(&WAITER, fixed(5, 40), (), send).await.unwrap_err();
        assert!(matches!(
            error,
            WaiterError::Operation(Error::RepeatedPageToken(_))
        ));
        assert_eq!(calls, 1);
    }

    #[tokio::test(start_paused = true)]
    async fn a_backoff_schedule_gives_up_when_less_than_min_delay_is_left() {
        let (script, send) = scripted(&[Answer::State("PENDING"); 100]);
        let schedule = Schedule::Backoff(Backoff {
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(120),
            max_wait: Duration::from_secs(60),
        });
        let started = tokio::time::Instant::now();
        let error = wait(&WAITER, schedule, (), send).await.unwrap_err();
        let WaiterError::Exhausted(exhausted) = error else {
            panic!("expected the waiter to give up")
        };
        assert_eq!(
            exhausted.limit(),
            WaitLimit::MaxWait(Duration::from_secs(60))
        );
        let elapsed = started.elapsed();
        assert!(
            elapsed <= Duration::from_secs(58) && elapsed >= Duration::from_secs(2),
            "{elapsed:?}"
        );
        assert_eq!(
            100 - script.lock().unwrap().len() as u32,
            exhausted.attempts()
        );
    }

    #[test]
    fn backoff_delays_grow_from_min_to_max_and_stop_short_of_max_wait() {
        let backoff = Backoff {
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(120),
            max_wait: Duration::from_secs(3600),
        };
        let secs = |attempt, random| {
            backoff
                .delay(attempt, Duration::ZERO, random)
                .unwrap()
                .as_secs_f64()
        };
        // The top of the range doubles: 2, 4, 8, … up to 120.
        assert_eq!(secs(1, 1.0), 2.0);
        assert_eq!(secs(2, 1.0), 4.0);
        assert_eq!(secs(3, 1.0), 8.0);
        assert_eq!(secs(7, 1.0), 120.0, "2 * 2^6 = 128, capped at 120");
        assert_eq!(secs(8, 1.0), 120.0, "past the attempt ceiling: max_delay");
        // Jitter: never below min_delay.
        assert_eq!(secs(5, 0.0), 2.0);
        assert_eq!(secs(3, 0.5), 5.0);
        // Near the end the sleep leaves min_delay for the last attempt.
        let near_end = backoff.delay(8, Duration::from_secs(3590), 1.0).unwrap();
        assert_eq!(near_end, Duration::from_secs(8));
        assert_eq!(backoff.delay(8, Duration::from_secs(3598), 1.0), None);
        assert_eq!(backoff.delay(1, Duration::from_secs(4000), 1.0), None);
    }
}
