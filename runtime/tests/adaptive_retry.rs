//! The adaptive retry mode's rate limiter against botocore 1.44.5's own (`ClientRateLimiter`
//! with its `CubicCalculator`, `RateClocker` and `TokenBucket`), on a fake clock: the same
//! responses at the same times must give the same token-bucket rate after every response.

mod support;

use service_runtime::AdaptiveRateLimiter;

/// Drives botocore's limiter: `events` is a JSON list of `[time, throttled]`; prints the
/// bucket's rate and whether it is in use after each.
const BOTOCORE: &str = r#"
import json, sys
from botocore.retries import adaptive, bucket, throttling

class Clock:
    now = 0.0
    def current_time(self):
        return self.now
    def sleep(self, amount):
        self.now += amount

class Detector:
    throttled = False
    def is_throttling_error(self, **kwargs):
        return self.throttled

clock, detector = Clock(), Detector()
limiter = adaptive.ClientRateLimiter(
    rate_adjustor=throttling.CubicCalculator(starting_max_rate=0, start_time=clock.current_time()),
    rate_clocker=adaptive.RateClocker(clock),
    token_bucket=bucket.TokenBucket(max_rate=1, clock=clock),
    throttling_detector=detector,
    clock=clock,
)
out = []
for time, throttled in json.loads(sys.argv[1]):
    clock.now = time
    detector.throttled = throttled
    limiter.on_receiving_response()
    out.append([limiter._token_bucket.max_rate, limiter._enabled])
print(json.dumps(out))
"#;

#[test]
fn the_rate_follows_botocores_after_every_response() {
    // Responses at uneven times, throttled in bursts.
    let mut events = Vec::new();
    let mut time = 0.0_f64;
    let mut seed = 7_u64;
    for index in 0..300 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        time += [0.01, 0.05, 0.13, 0.3, 0.7][(seed >> 33) as usize % 5];
        let throttled = (40..60).contains(&index) || (150..155).contains(&index) || seed >> 60 == 0;
        events.push((time, throttled));
    }
    let python = support::python::python().unwrap_or_else(|problem| panic!("{problem}"));
    let argument = serde_json::to_string(&events).unwrap();
    let output =
        support::python::run(std::process::Command::new(python).args(["-c", BOTOCORE, &argument]))
            .unwrap_or_else(|problem| panic!("{problem}"));
    let expected: Vec<(f64, bool)> = serde_json::from_slice(&output.stdout).unwrap();

    let limiter = AdaptiveRateLimiter::new(0.0);
    let mut throttled_seen = 0;
    for (index, ((time, throttled), (rate, enabled))) in events.iter().zip(&expected).enumerate() {
        limiter.on_response(*time, *throttled);
        let (ours, in_use) = limiter.max_rate();
        assert_eq!(in_use, *enabled, "event {index} at {time}");
        assert!(
            (ours - rate).abs() <= 1e-9 * rate.abs().max(1.0),
            "event {index} at {time}: rate {ours}, botocore {rate}"
        );
        throttled_seen += usize::from(*throttled);
    }
    assert!(throttled_seen >= 25, "the sequence throttles");
    assert_eq!(events.len(), expected.len());
}

#[test]
fn tokens_are_spaced_by_the_rate_once_throttled() {
    let limiter = AdaptiveRateLimiter::new(0.0);
    // Before any throttling nothing waits.
    assert!(limiter.acquire(0.0).is_zero());
    assert!(limiter.acquire(0.0).is_zero());
    // Ten successes a second for two seconds, then a throttling error: the bucket's rate
    // drops to 70 % of the measured rate.
    for step in 1..=20 {
        limiter.on_response(f64::from(step) * 0.1, false);
    }
    limiter.on_response(2.05, true);
    let (rate, in_use) = limiter.max_rate();
    assert!(in_use && rate > 0.5, "{rate}");
    // Callers at the same moment take what the bucket holds (at most `rate` tokens), then
    // wait 1/rate apart.
    let waits: Vec<f64> = (0..20)
        .map(|_| limiter.acquire(2.05).as_secs_f64())
        .collect();
    let free = waits.iter().take_while(|wait| **wait == 0.0).count();
    assert!(free <= rate.ceil() as usize, "{waits:?}");
    for pair in waits[free..].windows(2) {
        assert!(
            (pair[1] - pair[0] - 1.0 / rate).abs() < 1e-9,
            "{waits:?} at {rate}"
        );
    }
    assert!(waits.len() - free >= 10);
}
