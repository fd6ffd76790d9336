//! The DescribeAssessmentRuns response bodies every parse benchmark uses, written once by
//! `../shared/bench/describe_runs_bodies.py` into `target/describe-runs-bodies/`.

use std::path::{Path, PathBuf};

/// The folder with the bodies, written first if it is not there yet.
fn bodies_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let dir = root.join("target/describe-runs-bodies");
    if !dir.join("10mb.json").exists() {
        let script = root.join("../shared/bench/describe_runs_bodies.py");
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let status = std::process::Command::new(python)
            .arg(&script)
            .arg(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        assert!(status.success(), "{} failed", script.display());
    }
    dir
}

/// The body named `name`: `tiny`, `1mb` or `10mb`.
pub fn body(name: &str) -> Vec<u8> {
    std::fs::read(bodies_dir().join(format!("{name}.json"))).unwrap()
}
