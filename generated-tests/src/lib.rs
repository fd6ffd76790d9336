//! Behaviour tests of the generated `inspector` crate, written against its public API
//! as an application developer would use it; the tests live in `tests/`.
//!
//! The README follows, so that its Rust example is compiled and run as a doctest.
#![doc = include_str!("../../README.md")]
