//! Tests and the ConverseStream example program of the generated `bedrock-runtime` crate; no
//! library code.
