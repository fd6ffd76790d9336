//! Behaviour tests of the generated `inspector2` crate live in `tests/`; this library is empty.
