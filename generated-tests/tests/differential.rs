//! Differential test: the generated crates against botocore 1.44.5 on seeded random cases.
//!
//! `diff/botocore_oracle.py` writes cases for every operation of a model as JSON lines, each
//! with botocore's own result; `differential/harness.rs` replays every one through the
//! operation's `serialize_request` or `parse_response` and compares (the record format is in
//! `diff/README.md`). Neither side lists operations: the oracle follows the model, and the
//! harness takes each crate's operations from the crate's hidden `__operation_table!`.
//!
//! ```text
//! DIFF_SEED=7 DIFF_CASES=500 cargo test -p inspector-tests --test differential
//! cargo xtask conformance --model models/inspector2/2020-06-08 --seed 2 --cases 2000
//! ```
//!
//! The variables (`DIFF_SEED`, `DIFF_CASES`, `DIFF_OPERATIONS`, `DIFF_PYTHON`, `PYTHON3`) are
//! described in the harness. Without `DIFF_PYTHON` the test makes `target/botocore-venv` with
//! `python3 -m venv` and installs botocore 1.44.5 into it, once; later runs reuse it.

#[path = "../../runtime/tests/support/python.rs"]
mod python;

#[macro_use]
#[path = "differential/harness.rs"]
mod harness;

/// The workspace root, which the model paths are relative to.
const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

differential_tests!(inspector => "models/inspector/2016-02-16", root = ROOT);
differential_tests!(inspector2 => "models/inspector2/2020-06-08", root = ROOT);
