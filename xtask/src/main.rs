//! `cargo xtask`: the maintainers' commands. Parses arguments and calls the `codegen` library.

mod update_models;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use codegen::output::{self, Mode};

/// Maintainer commands for the Amazon Inspector crate generator.
#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the crate from the model (by default `models/inspector/2016-02-16` into `generated/`).
    Codegen(CodegenArgs),
    /// Run the differential tests against botocore alone (`DIFF_SEED`, `DIFF_CASES` apply).
    Conformance {
        /// The seed of the random cases (default: `DIFF_SEED`, else the test's own).
        #[arg(long)]
        seed: Option<u64>,
        /// Cases per operation (default: `DIFF_CASES`, else the test's own).
        #[arg(long)]
        cases: Option<u64>,
    },
    /// Generate a crate per protocol test service (Smithy's) and per botocore protocol test
    /// suite model with its protocol tests, run them, and print the cases passed, failed and
    /// skipped (fails if any case failed).
    ProtocolTests {
        /// Also write the table into PROTOCOLS.md.
        #[arg(long)]
        record: bool,
    },
    /// Refresh `models/` from the botocore package on PyPI and rewrite its provenance file.
    UpdateModels {
        /// The botocore version to take the model from.
        #[arg(long, default_value = update_models::DEFAULT_BOTOCORE_VERSION)]
        botocore: String,
    },
}

#[derive(clap::Args)]
struct CodegenArgs {
    /// Write nothing; fail, listing the stale files, if the output is not up to date.
    #[arg(long)]
    check: bool,
    /// The model: a botocore model folder or its `service-2.json`, or a Smithy JSON AST file.
    #[arg(long, value_name = "PATH")]
    model: Option<PathBuf>,
    /// The service to generate, by absolute shape id, from a Smithy model that defines several.
    #[arg(long, value_name = "NAMESPACE#NAME")]
    service: Option<String>,
    /// The folder to write the crate into.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Generate only these operations (comma-separated model names) and the shapes they reach.
    #[arg(long, value_name = "NAME,...", value_delimiter = ',')]
    operations: Option<Vec<String>>,
    /// The crate's package and library name (default: the service's SDK id, `inspector`).
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
}

/// The workspace root: the folder above this crate.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits one folder below the workspace root")
        .to_path_buf()
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Codegen(args) => codegen(args),
        Command::Conformance { seed, cases } => conformance(seed, cases),
        Command::ProtocolTests { record } => protocol_tests(record),
        Command::UpdateModels { botocore } => {
            match update_models::update_models(&workspace_root(), &botocore) {
                Ok(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}

/// The client runtime's folder as the generated crate at `out` names it: `../runtime` for a
/// crate beside it in this workspace, else the absolute path.
fn runtime_path(root: &std::path::Path, out: &std::path::Path) -> String {
    let runtime = root.join("runtime");
    let beside = out
        .parent()
        .is_some_and(|parent| parent.canonicalize().ok() == root.canonicalize().ok());
    if beside {
        "../runtime".to_owned()
    } else {
        runtime.display().to_string()
    }
}

fn codegen(args: CodegenArgs) -> ExitCode {
    let started = Instant::now();
    let root = workspace_root();
    let model = args
        .model
        .unwrap_or_else(|| root.join("models/inspector/2016-02-16"));
    let out = args.out.unwrap_or_else(|| root.join("generated"));
    let options = codegen::Options {
        crate_name: args.crate_name,
        operations: args.operations,
        service: args.service,
        runtime_path: Some(runtime_path(&root, &out)),
        ..codegen::Options::default()
    };
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let result = codegen::source::read(&model, Some(&root))
        .and_then(|source| codegen::generate(&source, &options))
        .and_then(|files| output::apply(&out, &files, mode));
    let report = match result {
        Ok(report) => report,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    let shown = out
        .strip_prefix(&root)
        .unwrap_or(&out)
        .display()
        .to_string();
    if mode == Mode::Check {
        if report.is_clean() {
            println!(
                "{shown} is up to date ({} files checked in {:.0?})",
                report.unchanged.len(),
                elapsed
            );
            return ExitCode::SUCCESS;
        }
        eprintln!("error: {shown} is stale:");
        for file in &report.written {
            eprintln!("  would write   {shown}/{file}");
        }
        for file in &report.removed {
            eprintln!("  would remove  {shown}/{file}");
        }
        eprintln!("run `cargo xtask codegen` to regenerate it, and commit the result");
        return ExitCode::FAILURE;
    }
    for file in &report.written {
        println!("  wrote    {shown}/{file}");
    }
    for file in &report.removed {
        println!("  removed  {shown}/{file}");
    }
    println!(
        "{shown}: {} written, {} unchanged, {} removed in {:.0?}",
        report.written.len(),
        report.unchanged.len(),
        report.removed.len(),
        elapsed
    );
    ExitCode::SUCCESS
}

/// Runs Smithy's protocol tests and botocore's protocol test suites through the crates
/// generated for their services.
fn protocol_tests(record: bool) -> ExitCode {
    use codegen::compliance::{self, Harness};
    let started = Instant::now();
    let root = workspace_root();
    let botocore = match compliance::botocore_suite(&root.join(compliance::BOTOCORE_PROTOCOL_TESTS))
    {
        Ok(suite) => suite,
        Err(e) => {
            eprintln!("error: botocore's protocol test suites: {e}");
            return ExitCode::FAILURE;
        }
    };
    let suites = [
        compliance::smithy_suite(&root.join(compliance::SMITHY_PROTOCOL_TESTS)),
        botocore,
    ];
    let report = Harness::new(&root).run(&suites, &mut |step| eprintln!("==> {step}"));
    let markdown = report.markdown();
    println!("{markdown}");
    println!("(in {:.0?})", started.elapsed());
    if record {
        let path = root.join("PROTOCOLS.md");
        let text = format!(
            "{}
{markdown}",
            compliance::PROTOCOLS_HEADER
        );
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        println!("wrote {}", path.display());
    }
    if report.succeeded() {
        ExitCode::SUCCESS
    } else {
        eprintln!("error: protocol test cases failed");
        ExitCode::FAILURE
    }
}

/// `cargo test -p inspector-tests --test differential`, with the seed and case count set.
fn conformance(seed: Option<u64>, cases: Option<u64>) -> ExitCode {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = std::process::Command::new(cargo);
    command
        .args([
            "test",
            "-p",
            "inspector-tests",
            "--test",
            "differential",
            "--",
            "--nocapture",
        ])
        .current_dir(workspace_root());
    if let Some(seed) = seed {
        command.env("DIFF_SEED", seed.to_string());
    }
    if let Some(cases) = cases {
        command.env("DIFF_CASES", cases.to_string());
    }
    match command.status() {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: could not run cargo: {e}");
            ExitCode::FAILURE
        }
    }
}
