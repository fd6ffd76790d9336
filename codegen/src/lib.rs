//! Generates a Rust crate from an AWS service model.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`source`] (read the files) → [`load`] (model IR) → [`transform`] → [`symbols`] (every Rust
//! name) → [`emit`] (token streams) → [`render`] (formatted text) → [`output`] (write or check).
//! Only `source` reads and only `output` writes; everything between works in memory, so a
//! model that fails anywhere leaves the output folder untouched.

pub mod compliance;
pub mod docs;
pub mod emit;
pub mod endpoint_rules;
pub mod error;
pub mod jmespath;
pub mod load;
pub mod model;
pub mod naming;
pub mod output;
pub mod pattern;
pub mod protocol;
pub mod render;
pub mod source;
pub mod symbols;
pub mod transform;

use std::collections::BTreeMap;

pub use error::{Error, Result};

use source::ModelSource;
use symbols::Symbols;

/// What to generate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The crate's package and library name; by default the service's SDK id in lowercase
    /// (`inspector`).
    pub crate_name: Option<String>,
    /// Generate only these operations (by model name) and the shapes they reach.
    pub operations: Option<Vec<String>>,
    /// The service to generate, by absolute shape id (`aws.protocoltests.json#JsonProtocol`),
    /// for a Smithy model that defines several; by default the model's only service.
    pub service: Option<String>,
    /// Where the client runtime crate (`service-runtime`) is, relative to the generated
    /// crate's folder or absolute; `../../runtime` when not set, right for `generated/<service>`.
    pub runtime_path: Option<String>,
    /// Where the cases of `tests/protocol_tests.rs` come from: by default the model's own
    /// Smithy protocol tests.
    pub protocol_tests: ProtocolTests,
}

pub use emit::protocol_tests::ProtocolTests;

/// Loads the model and runs the transform stage: the model the emitters see.
fn transformed_model(source: &ModelSource, options: &Options) -> Result<model::Model> {
    let model = load::load_service(source, options.service.as_deref())?;
    transform::run(model, options.operations.as_deref())
}

/// The client protocol test cases `generate` turns into `tests/protocol_tests.rs`, with the
/// service they test. Unlike `generate`, this works on models the generator cannot make a
/// crate of (a shape kind it does not support), so a harness can count their cases.
pub fn protocol_test_cases(source: &ModelSource, options: &Options) -> Result<ProtocolTestCases> {
    let model = transformed_model(source, options)?;
    Ok(ProtocolTestCases {
        cases: options.protocol_tests.cases(&model)?,
        protocol: model.service.protocol.name(),
        service: model.service.id.to_string(),
    })
}

/// A service's client protocol test cases.
#[derive(Debug, Clone, PartialEq)]
pub struct ProtocolTestCases {
    /// The service's shape id.
    pub service: String,
    /// Its protocol's Smithy name, `awsJson1_1`.
    pub protocol: &'static str,
    /// The cases, in the order of the test file.
    pub cases: Vec<emit::protocol_tests::Case>,
}

/// Why the generator does not generate the model yet — a shape kind, protocol or wire feature
/// it loads but reports as not generated yet —, or `None` when it does.
///
/// # Errors
///
/// The model does not load.
pub fn not_generated_yet(source: &ModelSource, options: &Options) -> Result<Option<Error>> {
    let model = transformed_model(source, options)?;
    Ok(check_generated(&model, source.main.display.as_str()).err())
}

/// Fails when the model uses something the generator does not generate yet.
fn check_generated(model: &model::Model, file: &str) -> Result<()> {
    symbols::check_supported(model, file)?;
    protocol::check_model(model, file)
}

/// The model's waiters the generator compiles (by name), and those it skips, each with the
/// reason: what [`generate`] would do with them. Unlike `generate`, this works on models the
/// generator cannot make a crate of yet (a protocol it does not generate, say), so a survey
/// can count the waiters of many models.
pub fn compile_waiters(
    source: &ModelSource,
    options: &Options,
) -> Result<(Vec<String>, Vec<String>)> {
    let file = source.main.display.as_str();
    let model = transformed_model(source, options)?;
    let symbols = Symbols::new(&model, file)?;
    Ok(emit::compile_waiters(&model, &symbols))
}

/// Generates the crate's files, by path relative to the crate folder, in memory.
pub fn generate(source: &ModelSource, options: &Options) -> Result<BTreeMap<String, String>> {
    generate_with_summary(source, options).map(|generated| generated.files)
}

/// A generated crate: its files, and what of the model it leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The crate's files, by path relative to the crate folder.
    pub files: BTreeMap<String, String>,
    /// The generation summary: what of the valid model the generator renamed, left unchecked
    /// or left out, and why (a waiter whose JMESPath expression it does not compile, say), in
    /// the order of [`model::NoteKind`], then of the text.
    pub notes: Vec<model::Note>,
}

/// [`generate`], also saying what it left out.
pub fn generate_with_summary(source: &ModelSource, options: &Options) -> Result<Generated> {
    let file = source.main.display.as_str();
    let model = transformed_model(source, options)?;
    check_generated(&model, file)?;
    let symbols = Symbols::new(&model, file)?;
    let crate_name = options
        .crate_name
        .clone()
        .unwrap_or_else(|| model.service.sdk_id.to_lowercase().replace(' ', "-"));
    let mut files = BTreeMap::new();
    let emitted = emit::emit_crate(&model, &symbols, &crate_name, &options.protocol_tests)?;
    let rust_files = emitted.files;
    let examples: Vec<&str> = rust_files
        .keys()
        .filter_map(|path| path.strip_prefix("examples/")?.strip_suffix(".rs"))
        .collect();
    let runtime_path = options.runtime_path.as_deref().unwrap_or("../../runtime");
    let manifest = emit::manifest::emit_manifest(&model, &crate_name, &examples, runtime_path);
    for (path, tokens) in rust_files {
        let text = render::render_rust(&path, file, tokens)?;
        files.insert(path, text);
    }
    files.insert(
        "Cargo.toml".to_owned(),
        format!("{}\n{}", render::toml_header(file), manifest),
    );
    let mut notes = model.notes.clone();
    notes.extend(emitted.notes.iter().cloned());
    notes.extend(emitted.skipped_waiters.iter().map(|skipped| model::Note {
        kind: model::NoteKind::SkippedWaiter,
        text: skipped.to_string(),
    }));
    notes.sort();
    notes.dedup();
    Ok(Generated { files, notes })
}
