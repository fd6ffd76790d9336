//! `cargo xtask`: the maintainers' commands. Parses arguments and calls the `codegen` library.

mod botocore_cache;
mod breadth;
mod conformance;
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
    /// Regenerate the crates: every vendored model `models/<service>/<newest version>` into
    /// `generated/<service>`, or one `--model` into `--out`.
    Codegen(CodegenArgs),
    /// Generate every botocore service of the JSON family into `target/breadth/` and print a
    /// row per service (with `--compile`, also build each and run its endpoint tests).
    Breadth(breadth::BreadthArgs),
    /// Run the differential test against botocore: the workspace's (both vendored crates), or,
    /// with `--model` (repeatable) or `--sample`, that of botocore models, generated into
    /// `target/conformance/`.
    Conformance(conformance::ConformanceArgs),
    /// Generate a crate per protocol test service (Smithy's) and per botocore protocol test
    /// suite model with its protocol tests, run them, and print the cases passed, failed and
    /// skipped (fails if any case failed).
    ProtocolTests {
        /// Also write the table into PROTOCOLS.md.
        #[arg(long, conflicts_with = "only")]
        record: bool,
        /// Run only the crates whose name contains this text (`RestJson`, `rest-json`).
        #[arg(long)]
        only: Option<String>,
    },
    /// Refresh the vendored service models in `models/` from the botocore package on PyPI and
    /// rewrite their provenance files.
    UpdateModels {
        /// The botocore version to take the models from.
        #[arg(long, default_value = update_models::DEFAULT_BOTOCORE_VERSION)]
        botocore: String,
        /// Also vendor these botocore services (their newest API version), besides `inspector`
        /// and `inspector2`.
        #[arg(long, value_name = "NAME[,NAME...]", value_delimiter = ',')]
        service: Vec<String>,
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
    /// Without `--model`: a botocore service by name (`dynamodb`), generated from botocore
    /// 1.44.5, downloaded once into `target/botocore-1.44.5/`. With a Smithy `--model` that
    /// defines several services: the one to generate, by absolute shape id.
    #[arg(long, value_name = "NAME|NAMESPACE#NAME")]
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
pub(crate) fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits one folder below the workspace root")
        .to_path_buf()
}

/// Generation allocates and frees many small token trees and syntax nodes; mimalloc is
/// measurably faster at that than the system allocator (PERFORMANCE.md, "Generation time").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Codegen(args) => codegen(args),
        Command::Conformance(args) => conformance::conformance(&args),
        Command::Breadth(args) => breadth::breadth(&args),
        Command::ProtocolTests { record, only } => protocol_tests(record, only.as_deref()),
        Command::UpdateModels { botocore, service } => {
            match update_models::update_models(&workspace_root(), &botocore, &service) {
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

/// The client runtime's folder as the generated crate at `out` names it: relative for a crate
/// inside this workspace (`../../runtime` for `generated/<service>`), else the absolute path.
fn runtime_path(root: &Path, out: &Path) -> String {
    let runtime = root.join("runtime");
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let absolute = if out.is_absolute() {
        out.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(out))
            .unwrap_or_else(|_| out.to_path_buf())
    };
    // The output folder may not exist yet: canonicalize the nearest folder that does.
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    match resolved.strip_prefix(&root) {
        Ok(inside) if inside.components().count() > 0 => {
            let depth = inside.components().count();
            format!("{}runtime", "../".repeat(depth))
        }
        _ => runtime.display().to_string(),
    }
}

/// The vendored models: `models/<service>/<version>`, the newest version of each service,
/// with the folder each is generated into, `generated/<service>`.
fn vendored_models(root: &Path) -> Result<Vec<(PathBuf, PathBuf)>, String> {
    let models = root.join("models");
    let read = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.is_dir())
            .collect();
        entries.sort();
        Ok(entries)
    };
    let mut found = Vec::new();
    for service in read(&models)? {
        let Some(version) = read(&service)?.pop() else {
            continue;
        };
        let name = service
            .file_name()
            .expect("a folder read from models/ has a name")
            .to_owned();
        found.push((version, root.join("generated").join(name)));
    }
    if found.is_empty() {
        return Err(format!("no model in {}", models.display()));
    }
    Ok(found)
}

fn codegen(args: CodegenArgs) -> ExitCode {
    let root = workspace_root();
    let by_name = args.model.is_none()
        && args
            .service
            .as_deref()
            .is_some_and(|service| !service.contains('#'));
    let jobs = match &args.model {
        None if by_name => {
            let name = args.service.as_deref().unwrap_or_default();
            let service =
                match botocore_cache::service(&root, update_models::DEFAULT_BOTOCORE_VERSION, name)
                {
                    Ok(service) => service,
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                };
            let Some(out) = args.out.clone() else {
                eprintln!(
                    "error: with --service, name the folder to write the crate into with --out"
                );
                return ExitCode::FAILURE;
            };
            vec![(service.dir, out)]
        }
        Some(model) => {
            let Some(out) = args.out.clone() else {
                eprintln!(
                    "error: with --model, name the folder to write the crate into with --out"
                );
                return ExitCode::FAILURE;
            };
            vec![(model.clone(), out)]
        }
        None => {
            if args.out.is_some()
                || args.operations.is_some()
                || args.crate_name.is_some()
                || args.service.is_some()
            {
                eprintln!(
                    "error: --out, --operations, --crate-name and --service NAMESPACE#NAME generate \
                     one crate: name its model with --model, or a botocore service with --service"
                );
                return ExitCode::FAILURE;
            }
            match vendored_models(&root) {
                Ok(jobs) => jobs,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::FAILURE;
                }
            }
        }
    };
    let mut status = ExitCode::SUCCESS;
    for (model, out) in jobs {
        let smithy_service = if by_name { None } else { args.service.clone() };
        if generate_one(&root, &args, smithy_service, &model, &out) != ExitCode::SUCCESS {
            status = ExitCode::FAILURE;
        }
    }
    status
}

/// Generates (or checks) the crate of `model` in `out`, and says what it did.
fn generate_one(
    root: &Path,
    args: &CodegenArgs,
    smithy_service: Option<String>,
    model: &Path,
    out: &Path,
) -> ExitCode {
    let started = Instant::now();
    let options = codegen::Options {
        crate_name: args.crate_name.clone(),
        operations: args.operations.clone(),
        service: smithy_service,
        runtime_path: Some(runtime_path(root, out)),
        ..codegen::Options::default()
    };
    let mode = if args.check { Mode::Check } else { Mode::Write };
    let result = codegen::source::read(model, Some(root))
        .and_then(|source| codegen::generate_with_summary(&source, &options))
        .and_then(|generated| {
            output::apply(out, &generated.files, mode).map(|report| (report, generated.notes))
        });
    let (report, notes) = match result {
        Ok(done) => done,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let elapsed = started.elapsed();
    let shown = out.strip_prefix(root).unwrap_or(out).display().to_string();
    for note in &notes {
        println!("  {:<17}  {shown}: {}", note.kind.label(), note.text);
    }
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
fn protocol_tests(record: bool, only: Option<&str>) -> ExitCode {
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
    let mut suites = [
        compliance::smithy_suite(&root.join(compliance::SMITHY_PROTOCOL_TESTS)),
        botocore,
    ];
    if let Some(only) = only {
        for suite in &mut suites {
            suite.crates.retain(|krate| krate.name.contains(only));
        }
    }
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
