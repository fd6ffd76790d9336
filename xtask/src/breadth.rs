//! `cargo xtask breadth`: every botocore service of the JSON family generated from the cached
//! botocore (see [`crate::botocore_cache`]) into one scratch workspace, `target/breadth/`
//! (`target/breadth-sample/` for `--sample`), with
//! a row per service: protocol, operations, shapes, generated lines, generation time, the
//! summary's notes by kind and, with `--compile`, whether the crate builds with its client and
//! how many of its endpoint tests pass. With `--lint`, also clippy, rustdoc and every test of
//! every crate, each of which must be clean: CI runs `--sample --compile --lint`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use codegen::model::NoteKind;
use codegen::output::{self, Mode};

use crate::botocore_cache::{self, CachedService};
use crate::update_models::DEFAULT_BOTOCORE_VERSION;

/// The services CI builds, lints and tests (`cargo xtask breadth --sample`) and checks against
/// botocore (`cargo xtask conformance --sample`): both JSON protocols, large models
/// (sagemaker), documents and event streams (bedrock-runtime), bearer auth (codecatalyst),
/// awsQuery compatibility (sqs), header and status bindings (lambda, apigateway), a streaming
/// payload (polly's SynthesizeSpeech audio).
pub const SAMPLE: &[&str] = &[
    "dynamodb",
    "ssm",
    "sqs",
    "lambda",
    "apigateway",
    "polly",
    "sagemaker",
    "bedrock-runtime",
    "cognito-idp",
    "wafv2",
    "kinesis",
    "codecatalyst",
];

/// Scenario tests written into a generated crate's `tests/scenario.rs` (after a line giving the
/// path of the scripted server's support module), each run against a stand-in on 127.0.0.1 by
/// the sample's test step: Lambda's InvokeWithResponseStream event stream and Polly's 50 MiB
/// SynthesizeSpeech audio, through the crates as generated. Their dev-dependencies are added
/// to the crate's manifest ([`SCENARIO_DEV_DEPENDENCIES`]).
const SCENARIOS: &[(&str, &str)] = &[
    ("lambda", include_str!("../scenarios/lambda.rs")),
    ("polly", include_str!("../scenarios/polly.rs")),
];

/// What the scenario tests use beside the crate's own dependencies (`service-runtime`,
/// `serde_json`).
const SCENARIO_DEV_DEPENDENCIES: &str = "base64 = \"0.22\"\n\
     tokio = { version = \"1\", features = [\"rt\", \"macros\", \"time\"] }\n";

/// The features the crates are built with: the client, and with `--lint` serde too, so that
/// clippy, rustdoc and the tests see all the code.
const FEATURES: &str = "client";
const LINT_FEATURES: &str = "client,serde";

#[derive(clap::Args)]
pub struct BreadthArgs {
    /// The protocols to generate (botocore's names), comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "json,rest-json")]
    protocol: Vec<String>,
    /// Only these services (botocore's names), comma-separated.
    #[arg(long, value_delimiter = ',', conflicts_with = "sample")]
    services: Option<Vec<String>>,
    /// Only the sample of services CI checks ([`SAMPLE`]).
    #[arg(long)]
    sample: bool,
    /// Also build every crate with its client and tests (one `cargo build`, one workspace)
    /// and run each crate's endpoint tests.
    #[arg(long)]
    compile: bool,
    /// With `--compile`: also run clippy and rustdoc on every crate (features `client` and
    /// `serde`), and every test of each; any warning or failing test fails the run.
    #[arg(long, requires = "compile")]
    lint: bool,
    /// Threads that generate (default: the machine's cores); with `--compile`, cargo's jobs.
    #[arg(long)]
    jobs: Option<usize>,
    /// Write the table into the repository's BREADTH.md (it always goes to
    /// `target/breadth/BREADTH.md`).
    #[arg(long)]
    record: bool,
}

/// One service's row.
#[derive(Debug, Default, Clone)]
struct Row {
    service: String,
    api_version: String,
    protocol: String,
    operations: usize,
    shapes: usize,
    lines: usize,
    time: Duration,
    notes: BTreeMap<NoteKind, usize>,
    /// What was left out (operations, client calls), each with its reason, as the generator
    /// said it.
    left_out: Vec<String>,
    /// Why generation failed.
    error: Option<String>,
    compiled: Option<bool>,
    /// Compiler warnings in the crate's own code (library, tests, examples).
    warnings: Option<usize>,
    /// Endpoint tests passed and run.
    endpoint_tests: Option<(usize, usize)>,
    /// With `--lint`: clippy's warnings (and errors) in the crate's code, all targets.
    clippy: Option<usize>,
    /// With `--lint`: rustdoc's warnings (and errors) in the crate's documentation.
    doc: Option<usize>,
    /// With `--lint`: all of the crate's tests (unit, integration, doc) passed and run.
    tests: Option<(usize, usize)>,
}

pub fn breadth(args: &BreadthArgs) -> ExitCode {
    match run(args) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &BreadthArgs) -> Result<bool, String> {
    let root = crate::workspace_root();
    let services: Vec<CachedService> = botocore_cache::services(&root, DEFAULT_BOTOCORE_VERSION)?
        .into_iter()
        .filter(|s| {
            s.json_protocol()
                .is_some_and(|p| args.protocol.iter().any(|wanted| wanted == p))
        })
        .filter(|s| {
            if args.sample {
                SAMPLE.contains(&s.name.as_str())
            } else {
                args.services
                    .as_ref()
                    .is_none_or(|names| names.contains(&s.name))
            }
        })
        .collect();
    if args.sample && services.len() != SAMPLE.len() {
        return Err(format!(
            "the sample names {} services, the cache has {} of them with a JSON protocol",
            SAMPLE.len(),
            services.len()
        ));
    }
    if services.is_empty() {
        return Err("no service of botocore matches the --protocol and --services given".into());
    }
    // The sample has its own scratch workspace and target, so that it can run beside a full
    // run without either rewriting the other's workspace or waiting for its build lock.
    let scratch = root.join(if args.sample {
        "target/breadth-sample"
    } else {
        "target/breadth"
    });
    let crates = scratch.join("crates");
    std::fs::create_dir_all(&crates)
        .map_err(|e| format!("cannot create {}: {e}", crates.display()))?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from));
    let started = Instant::now();
    let rows = generate_all(&root, &services, &crates, jobs);
    let generation = started.elapsed();
    let mut rows = rows;
    let generated: Vec<&Row> = rows.iter().filter(|row| row.error.is_none()).collect();
    eprintln!(
        "generated {} of {} services in {:.1} s ({jobs} threads)",
        generated.len(),
        rows.len(),
        generation.as_secs_f64()
    );
    if args.compile {
        let started = Instant::now();
        let features = if args.lint { LINT_FEATURES } else { FEATURES };
        compile(&root, &scratch, &mut rows, jobs, features)?;
        eprintln!("compiled in {:.0} s", started.elapsed().as_secs_f64());
    }
    if args.lint {
        let started = Instant::now();
        lint(&scratch, &mut rows, jobs)?;
        eprintln!(
            "clippy, rustdoc and the tests in {:.0} s",
            started.elapsed().as_secs_f64()
        );
    }
    let table = markdown(&rows, generation, jobs, args.compile, args.lint);
    println!("{table}");
    let write = |path: PathBuf| {
        std::fs::write(&path, &table).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    write(scratch.join("BREADTH.md"))?;
    if args.record {
        write(root.join("BREADTH.md"))?;
    }
    Ok(rows.iter().all(|row| {
        row.error.is_none()
            && row.compiled != Some(false)
            && row.endpoint_tests.is_none_or(|(passed, run)| passed == run)
            && row.clippy.is_none_or(|warnings| warnings == 0)
            && row.doc.is_none_or(|warnings| warnings == 0)
            && row
                .tests
                .is_none_or(|(passed, run)| passed == run && run > 0)
    }))
}

/// Generates every service on `jobs` threads; rows in name order.
fn generate_all(root: &Path, services: &[CachedService], crates: &Path, jobs: usize) -> Vec<Row> {
    let next = Mutex::new(0usize);
    let rows = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut next = next.lock().expect("no thread panics holding it");
                        let index = *next;
                        *next += 1;
                        index
                    };
                    let Some(service) = services.get(index) else {
                        break;
                    };
                    let row = generate(root, service, &crates.join(&service.name));
                    rows.lock().expect("no thread panics holding it").push(row);
                }
            });
        }
    });
    let mut rows = rows.into_inner().expect("no thread panicked");
    rows.sort_by(|a, b| a.service.cmp(&b.service));
    rows
}

fn generate(root: &Path, service: &CachedService, out: &Path) -> Row {
    let mut row = Row {
        service: service.name.clone(),
        api_version: service.api_version.clone(),
        protocol: service.json_protocol().unwrap_or_default().to_owned(),
        ..Row::default()
    };
    let started = Instant::now();
    let options = codegen::Options {
        // The package is named after the service folder, which `compile` passes to `-p`
        // (the SDK id can differ: apigateway's is `API Gateway`).
        crate_name: Some(service.name.clone()),
        runtime_path: Some(root.join("runtime").display().to_string()),
        ..codegen::Options::default()
    };
    let result = codegen::source::read(&service.dir, None).and_then(|source| {
        if let Ok(model) = serde_json::from_str::<serde_json::Value>(&source.main.text) {
            row.operations = model["operations"].as_object().map_or(0, |o| o.len());
            row.shapes = model["shapes"].as_object().map_or(0, |o| o.len());
        }
        codegen::generate_with_summary(&source, &options)
    });
    match result {
        Ok(generated) => {
            row.time = started.elapsed();
            row.lines = generated
                .files
                .iter()
                .filter(|(path, _)| path.ends_with(".rs"))
                .map(|(_, text)| text.lines().count())
                .sum();
            for note in &generated.notes {
                *row.notes.entry(note.kind).or_default() += 1;
                if note.kind == NoteKind::LeftOut {
                    row.left_out.push(note.text.clone());
                }
            }
            if let Err(e) = output::apply(out, &generated.files, Mode::Write) {
                row.error = Some(e.to_string());
            } else if let Err(e) = write_scenario(root, &service.name, out) {
                row.error = Some(e);
            }
        }
        Err(e) => {
            row.time = started.elapsed();
            row.error = Some(e.to_string());
        }
    }
    row
}

/// Writes the scenario test of `service`, if it has one ([`SCENARIOS`]), into its generated
/// crate at `out`, and adds the test's dev-dependencies to the crate's manifest.
fn write_scenario(root: &Path, service: &str, out: &Path) -> Result<(), String> {
    let Some((_, test)) = SCENARIOS.iter().find(|(name, _)| *name == service) else {
        return Ok(());
    };
    let support = root.join("runtime/tests/support/mod.rs");
    // The module's inner doc comment first, then the support module.
    let docs_end = test
        .lines()
        .take_while(|line| line.starts_with("//!"))
        .map(|line| line.len() + 1)
        .sum::<usize>();
    let (docs, rest) = test.split_at(docs_end);
    let text = format!(
        "{docs}\n// Written by `cargo xtask breadth` from xtask/scenarios/{service}.rs.\n\
         #[path = {:?}]\nmod support;\n{rest}",
        support.display().to_string()
    );
    let tests = out.join("tests");
    std::fs::create_dir_all(&tests)
        .and_then(|()| std::fs::write(tests.join("scenario.rs"), text))
        .map_err(|e| format!("cannot write the scenario test of {service}: {e}"))?;
    let manifest_path = out.join("Cargo.toml");
    let manifest = std::fs::read_to_string(&manifest_path)
        .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
    let Some((head, tail)) = manifest.split_once("[dev-dependencies]\n") else {
        return Err(format!(
            "{} has no [dev-dependencies] for the scenario test's",
            manifest_path.display()
        ));
    };
    std::fs::write(
        &manifest_path,
        format!("{head}[dev-dependencies]\n{SCENARIO_DEV_DEPENDENCIES}{tail}"),
    )
    .map_err(|e| format!("cannot write {}: {e}", manifest_path.display()))
}

/// One build of every generated crate with its client and tests in one workspace, then each
/// crate's endpoint tests, run from the executables that build made.
fn compile(
    root: &Path,
    scratch: &Path,
    rows: &mut [Row],
    jobs: usize,
    features: &str,
) -> Result<(), String> {
    let members: Vec<String> = rows
        .iter()
        .filter(|row| row.error.is_none())
        .map(|row| format!("    \"crates/{}\",\n", row.service))
        .collect();
    std::fs::write(
        scratch.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [\n{}]\n\n\
             # Whether the crates build and their endpoint tests pass does not need debug info,\n\
             # which would be most of the build's output, nor incremental state, which a\n\
             # one-shot build of hundreds of crates never reuses.\n\
             [profile.dev]\ndebug = false\nincremental = false\n",
            members.concat()
        ),
    )
    .map_err(|e| format!("cannot write the scratch workspace: {e}"))?;
    std::fs::copy(root.join("Cargo.lock"), scratch.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = target_dir(scratch);
    // One build of every crate and its tests (`build --tests`, what `test --no-run` builds),
    // so cargo compiles crates side by side and the dependencies once; `--keep-going` builds
    // the others when one fails (`test --no-run` would stop scheduling). Its JSON messages
    // give each crate's warnings and errors (plain `json`: with `json-render-diagnostics`
    // cargo prints the diagnostics itself and leaves them out of the messages) and the paths
    // of the test executables.
    let output = Command::new(&cargo)
        .args([
            "build",
            "--workspace",
            "--tests",
            "--keep-going",
            "--features",
            features,
            "--message-format",
            "json",
        ])
        .args(["--jobs", &jobs.to_string()])
        .arg("--manifest-path")
        .arg(scratch.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let build = BuildScan::read(&String::from_utf8_lossy(&output.stdout));
    for (service, rendered) in &build.diagnostics {
        for text in rendered {
            eprintln!("{service}: {text}");
        }
    }
    for row in rows.iter_mut().filter(|row| row.error.is_none()) {
        let crate_dir = scratch.join("crates").join(&row.service);
        let has_endpoint_tests = crate_dir.join("tests/endpoint_tests.rs").is_file();
        let executable = build.endpoint_tests.get(&row.service);
        // A crate compiled when none of its targets had an error and, if it has endpoint
        // tests, their executable was built (a crate whose dependency failed reports no error
        // of its own, but gets no executable either).
        let compiled = !build.errors.contains(&row.service)
            && (executable.is_some() || !has_endpoint_tests && output.status.success());
        row.compiled = Some(compiled);
        row.warnings = Some(build.diagnostics.get(&row.service).map_or(0, BTreeSet::len));
        let (true, Some(executable)) = (compiled, executable) else {
            continue;
        };
        // The test executable is run as `cargo test` would, from its crate's folder; running
        // the executables the one build made, rather than `cargo test -p` per crate, saves
        // cargo resolving a workspace of hundreds of members once per crate.
        let tests = Command::new(executable)
            .arg("--quiet")
            .current_dir(&crate_dir)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", executable.display()))?;
        row.endpoint_tests = Some(tally(&tests, test_counts));
    }
    Ok(())
}

/// What one `cargo build --message-format json` of the scratch workspace says per crate.
#[derive(Debug, Default)]
struct BuildScan {
    /// Warnings and errors, see [`diagnostics_by_crate`].
    diagnostics: BTreeMap<String, BTreeSet<String>>,
    /// The crates with an error in any of their targets.
    errors: BTreeSet<String>,
    /// Each crate's built `endpoint_tests` test executable.
    endpoint_tests: BTreeMap<String, PathBuf>,
}

impl BuildScan {
    fn read(stdout: &str) -> BuildScan {
        let mut scan = BuildScan::default();
        for message in messages(stdout) {
            if let Some((service, rendered)) = diagnostic(&message) {
                scan.diagnostics
                    .entry(service.to_owned())
                    .or_default()
                    .insert(rendered.to_owned());
            }
            let Some(service) = message["package_id"].as_str().and_then(scratch_crate) else {
                continue;
            };
            match message["reason"].as_str() {
                Some("compiler-message") if message["message"]["level"] == "error" => {
                    scan.errors.insert(service.to_owned());
                }
                Some("compiler-artifact") if message["target"]["name"] == "endpoint_tests" => {
                    if let Some(executable) = message["executable"].as_str() {
                        scan.endpoint_tests
                            .insert(service.to_owned(), PathBuf::from(executable));
                    }
                }
                _ => {}
            }
        }
        scan
    }
}

/// The scratch crate (its folder name, the service) a cargo package id names, if it is one of
/// `crates/<service>`.
fn scratch_crate(package_id: &str) -> Option<&str> {
    package_id
        .split("/crates/")
        .nth(1)
        .and_then(|rest| rest.split(['#', ' ', ')']).next())
}

/// The target folder of the scratch workspace `scratch`: `target/breadth-target` beside
/// `target/breadth`.
fn target_dir(scratch: &Path) -> PathBuf {
    let mut name = scratch.file_name().unwrap_or_default().to_owned();
    name.push("-target");
    scratch.with_file_name(name)
}

/// Clippy, rustdoc (both `-D warnings` in effect: any warning counts) and every test of each
/// crate that compiled, with the features of [`LINT_FEATURES`]; clippy also on the library
/// with `serde` alone, without the client.
fn lint(scratch: &Path, rows: &mut [Row], jobs: usize) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let target = target_dir(scratch);
    let workspace = |subcommand: &[&str], features: &str| -> Result<String, String> {
        let output = Command::new(&cargo)
            .args(subcommand)
            // `--keep-going`: one crate's errors do not stop the others' checks.
            .args(["--workspace", "--keep-going", "--features", features])
            .args(["--message-format", "json"])
            .args(["--jobs", &jobs.to_string()])
            .arg("--manifest-path")
            .arg(scratch.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .stderr(std::process::Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    // Warnings are counted per crate rather than denied, so that one crate's do not hide the
    // others'; a crate passes with none. Errors count too.
    let mut clippy = diagnostics_by_crate(&workspace(&["clippy", "--all-targets"], LINT_FEATURES)?);
    // The library without its client too: code or imports only the client uses must not
    // warn where it is off.
    for (service, rendered) in diagnostics_by_crate(&workspace(&["clippy", "--lib"], "serde")?) {
        clippy.entry(service).or_default().extend(rendered);
    }
    let doc = diagnostics_by_crate(&workspace(&["doc", "--no-deps"], LINT_FEATURES)?);
    for (service, rendered) in clippy.iter().chain(&doc) {
        for text in rendered {
            eprintln!("{service}: {text}");
        }
    }
    for row in rows.iter_mut().filter(|row| row.compiled == Some(true)) {
        row.clippy = Some(clippy.get(&row.service).map_or(0, BTreeSet::len));
        row.doc = Some(doc.get(&row.service).map_or(0, BTreeSet::len));
        let output = Command::new(&cargo)
            .args(["test", "--features", LINT_FEATURES, "-p", &row.service])
            .args(["--jobs", &jobs.to_string()])
            .arg("--manifest-path")
            .arg(scratch.join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", &target)
            .stderr(std::process::Stdio::inherit())
            .output()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        row.tests = Some(tally(&output, all_test_counts));
    }
    Ok(())
}

/// Warnings and errors per scratch crate (its folder name, the service), from cargo's JSON
/// messages (`--message-format json`): those whose package is one of `crates/<service>`, as
/// rendered text, deduplicated (a library built for its tests and for itself reports the same
/// warning twice).
fn diagnostics_by_crate(stdout: &str) -> BTreeMap<String, BTreeSet<String>> {
    BuildScan::read(stdout).diagnostics
}

/// Cargo's JSON messages, one a line; lines that are not JSON are skipped.
fn messages(stdout: &str) -> impl Iterator<Item = serde_json::Value> + '_ {
    stdout
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
}

/// The scratch crate and rendered text of a compiler warning or error about a scratch crate.
fn diagnostic(message: &serde_json::Value) -> Option<(&str, &str)> {
    if message["reason"] != "compiler-message"
        || !matches!(
            message["message"]["level"].as_str(),
            Some("warning" | "error")
        )
    {
        return None;
    }
    let service = message["package_id"].as_str().and_then(scratch_crate)?;
    let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
    // The compiler's summary lines ("`x` generated N warnings", "aborting due to …") are not
    // diagnostics of their own.
    let summary = (rendered.contains("generated") || rendered.contains("aborting due to"))
        && message["message"]["spans"]
            .as_array()
            .is_some_and(Vec::is_empty);
    (!summary).then_some((service, rendered))
}

/// Passed and run tests of a finished test run, read from its stdout by `counts`; the output is
/// printed when a test failed. A run that fails without failing a test (a binary that does not
/// build or run, a crash) counts as one failing test.
fn tally(output: &std::process::Output, counts: fn(&str) -> (usize, usize)) -> (usize, usize) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let (passed, run) = counts(&stdout);
    if passed != run || !output.status.success() {
        print!("{stdout}");
    }
    let failed_to_run = usize::from(!output.status.success() && passed == run);
    (passed, run + failed_to_run)
}

/// Passed and run tests summed over every libtest `test result:` line (one per test binary,
/// and one for the doc tests).
fn all_test_counts(stdout: &str) -> (usize, usize) {
    stdout
        .lines()
        .filter(|line| line.starts_with("test result:"))
        .map(test_counts)
        .fold((0, 0), |(p, r), (passed, run)| (p + passed, r + run))
}

/// Passed and run tests from libtest's first `test result:` line.
fn test_counts(stdout: &str) -> (usize, usize) {
    let line = stdout
        .lines()
        .find(|line| line.starts_with("test result:"))
        .unwrap_or_default();
    let number = |word: &str| {
        line.split(';')
            .find(|part| part.trim_end().ends_with(word))
            .and_then(|part| part.split_whitespace().rev().nth(1))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0)
    };
    let passed = number("passed");
    (passed, passed + number("failed"))
}

fn markdown(
    rows: &[Row],
    generation: Duration,
    jobs: usize,
    compiled: bool,
    linted: bool,
) -> String {
    let mut text = String::new();
    let failed = rows.iter().filter(|row| row.error.is_some()).count();
    let _ = writeln!(
        text,
        "# Breadth\n\nWritten by `cargo xtask breadth{}`: every botocore {DEFAULT_BOTOCORE_VERSION} \
         service of the JSON family ({} services) generated in one run in {:.1} s on {jobs} \
         threads; {} generated, {failed} failed.\n",
        match (compiled, linted) {
            (true, true) => " --compile --lint",
            (true, false) => " --compile",
            _ => "",
        },
        rows.len(),
        generation.as_secs_f64(),
        rows.len() - failed,
    );
    if compiled {
        let built = rows.iter().filter(|row| row.compiled == Some(true)).count();
        let warnings: usize = rows.iter().filter_map(|row| row.warnings).sum();
        let (passed, run) = rows
            .iter()
            .filter_map(|row| row.endpoint_tests)
            .fold((0, 0), |(p, r), (passed, run)| (p + passed, r + run));
        let _ = writeln!(
            text,
            "With their `client` feature, {built} of {} generated crates compile (debug, with their \
             tests), with {warnings} compiler warnings in their own code; their endpoint tests: \
             {passed} of {run} pass.\n",
            rows.len() - failed,
        );
    }
    let kinds = [
        (NoteKind::Renamed, "renamed"),
        (NoteKind::UncheckedPattern, "unchecked patterns"),
        (NoteKind::SkippedExample, "skipped examples"),
        (NoteKind::SkippedPaginator, "skipped paginators"),
        (NoteKind::SkippedWaiter, "skipped waiters"),
        (NoteKind::LeftOut, "left out"),
    ];
    let _ = writeln!(
        text,
        "| service | API version | protocol | operations | shapes | lines | ms | {} | compiled | warnings | endpoint tests |",
        kinds.map(|(_, name)| name).join(" | ")
    );
    let _ = writeln!(
        text,
        "|---|---|---|---:|---:|---:|---:|{}---|---:|---|",
        "---:|".repeat(kinds.len())
    );
    for row in rows {
        let notes = kinds
            .iter()
            .map(|(kind, _)| row.notes.get(kind).copied().unwrap_or(0).to_string())
            .collect::<Vec<_>>()
            .join(" | ");
        let compiled = match row.compiled {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "—",
        };
        let warnings = row
            .warnings
            .map_or("—".to_owned(), |count| count.to_string());
        let tests = row
            .endpoint_tests
            .map_or("—".to_owned(), |(passed, run)| format!("{passed}/{run}"));
        match &row.error {
            Some(error) => {
                let error = error.replace('|', "\\|").replace('\n', " ");
                let error: String = error.chars().take(200).collect();
                let _ = writeln!(
                    text,
                    "| {} | {} | {} | {} | {} | **failed**: {error} | | {} | — | — | — |",
                    row.service,
                    row.api_version,
                    row.protocol,
                    row.operations,
                    row.shapes,
                    " |".repeat(kinds.len())
                );
            }
            None => {
                let _ = writeln!(
                    text,
                    "| {} | {} | {} | {} | {} | {} | {} | {notes} | {compiled} | {warnings} | {tests} |",
                    row.service,
                    row.api_version,
                    row.protocol,
                    row.operations,
                    row.shapes,
                    row.lines,
                    row.time.as_millis()
                );
            }
        }
    }
    if linted {
        lint_table(&mut text, rows);
    }
    left_out_list(&mut text, rows);
    text
}

/// Every operation or client call left out, per service, with the generator's reason.
fn left_out_list(text: &mut String, rows: &[Row]) {
    let count: usize = rows.iter().map(|row| row.left_out.len()).sum();
    let _ = writeln!(text, "\n## Left out ({count})\n");
    if count == 0 {
        let _ = writeln!(text, "Nothing.");
    }
    for row in rows {
        for note in &row.left_out {
            let _ = writeln!(text, "- {}: {}", row.service, note.replace('\n', " "));
        }
    }
}

/// The table of `--lint`: clippy's and rustdoc's warnings and the tests, per crate.
fn lint_table(text: &mut String, rows: &[Row]) {
    let _ = writeln!(
        text,
        "\nWith the features `{LINT_FEATURES}`: clippy (all targets; and the library with `serde` \
         alone, without the client) and rustdoc warnings (any fails the run) and every test \
         (unit, integration, examples, doc tests).\n\n\
         | service | clippy warnings | rustdoc warnings | tests passed |\n|---|---:|---:|---:|"
    );
    let count = |value: Option<usize>| value.map_or("—".to_owned(), |n| n.to_string());
    for row in rows {
        let tests = row
            .tests
            .map_or("—".to_owned(), |(passed, run)| format!("{passed}/{run}"));
        let _ = writeln!(
            text,
            "| {} | {} | {} | {tests} |",
            row.service,
            count(row.clippy),
            count(row.doc)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::{BuildScan, all_test_counts, diagnostics_by_crate, test_counts};

    #[test]
    fn the_build_scan_finds_errors_and_endpoint_test_executables_per_crate() {
        let artifact = |package: &str, target: &str, executable: Option<&str>| {
            serde_json::json!({
                "reason": "compiler-artifact",
                "package_id": package,
                "target": {"name": target, "kind": ["test"]},
                "executable": executable,
            })
            .to_string()
        };
        let stdout = [
            artifact(
                "path+file:///w/target/breadth/crates/sqs#0.1.0",
                "endpoint_tests",
                Some("/w/target/breadth-target/debug/deps/endpoint_tests-1a2b"),
            ),
            // Another test target, and a library (no executable), are not endpoint tests.
            artifact(
                "path+file:///w/target/breadth/crates/sqs#0.1.0",
                "examples",
                Some("/w/target/breadth-target/debug/deps/examples-3c4d"),
            ),
            artifact("path+file:///w/target/breadth/crates/kinesis#0.1.0", "kinesis", None),
            // A dependency's test target is not a scratch crate's.
            artifact(
                "registry+https://github.com/rust-lang/crates.io-index#http@1.3.1",
                "endpoint_tests",
                Some("/x"),
            ),
            serde_json::json!({"reason": "compiler-message", "package_id": "path+file:///w/target/breadth/crates/kinesis#0.1.0",
                "message": {"level": "error", "rendered": "mismatched types", "spans": [{"line_start": 3}]}})
            .to_string(),
            serde_json::json!({"reason": "compiler-message", "package_id": "path+file:///w/target/breadth/crates/sqs#0.1.0",
                "message": {"level": "warning", "rendered": "unused import", "spans": [{"line_start": 1}]}})
            .to_string(),
        ]
        .join("\n");
        let scan = BuildScan::read(&stdout);
        assert_eq!(
            scan.endpoint_tests
                .iter()
                .map(|(service, path)| (service.as_str(), path.to_str().unwrap()))
                .collect::<Vec<_>>(),
            [(
                "sqs",
                "/w/target/breadth-target/debug/deps/endpoint_tests-1a2b"
            )]
        );
        assert_eq!(scan.errors.iter().collect::<Vec<_>>(), ["kinesis"]);
        assert_eq!(scan.diagnostics.len(), 2, "{:?}", scan.diagnostics);
    }

    #[test]
    fn warnings_are_counted_per_scratch_crate_once_each() {
        let warning = |package: &str, text: &str| {
            serde_json::json!({
                "reason": "compiler-message",
                "package_id": package,
                "message": {"level": "warning", "rendered": text, "spans": [{"line_start": 1}]},
            })
            .to_string()
        };
        let stdout = [
            warning("path+file:///w/target/breadth/crates/sqs#0.1.0", "unused import `a`"),
            // The same warning from the library built for its tests.
            warning("path+file:///w/target/breadth/crates/sqs#0.1.0", "unused import `a`"),
            warning("path+file:///w/target/breadth/crates/sqs#0.1.0", "unused variable `b`"),
            warning("path+file:///w/target/breadth/crates/acm-pca#0.1.0", "dead code"),
            // A dependency's warning is not the crate's.
            warning("registry+https://github.com/rust-lang/crates.io-index#http@1.3.1", "x"),
            serde_json::json!({"reason": "compiler-message", "package_id": "path+file:///w/target/breadth/crates/sqs#0.1.0",
                "message": {"level": "warning", "rendered": "`sqs` (lib) generated 2 warnings", "spans": []}})
            .to_string(),
            // An error counts; the compiler's "aborting" summary after it does not.
            serde_json::json!({"reason": "compiler-message", "package_id": "path+file:///w/target/breadth/crates/kinesis#0.1.0",
                "message": {"level": "error", "rendered": "mismatched types", "spans": [{"line_start": 3}]}})
            .to_string(),
            serde_json::json!({"reason": "compiler-message", "package_id": "path+file:///w/target/breadth/crates/kinesis#0.1.0",
                "message": {"level": "error", "rendered": "error: aborting due to 1 previous error", "spans": []}})
            .to_string(),
            "not json".to_owned(),
        ]
        .join("\n");
        let counts: std::collections::BTreeMap<String, usize> = diagnostics_by_crate(&stdout)
            .into_iter()
            .map(|(service, rendered)| (service, rendered.len()))
            .collect();
        assert_eq!(counts.get("sqs"), Some(&2));
        assert_eq!(counts.get("acm-pca"), Some(&1));
        assert_eq!(counts.get("kinesis"), Some(&1));
        assert_eq!(counts.len(), 3, "{counts:?}");
    }

    #[test]
    fn all_test_counts_add_up_every_test_binary() {
        let stdout = "running 2 tests\ntest result: ok. 2 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
                      running 0 tests\ntest result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out\n\
                      running 4 tests\ntest result: FAILED. 3 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out\n";
        assert_eq!(all_test_counts(stdout), (5, 6));
        assert_eq!(all_test_counts(""), (0, 0));
    }

    #[test]
    fn test_counts_read_libtest_summary() {
        let stdout = "running 3 tests\ntest result: FAILED. 2 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n";
        assert_eq!(test_counts(stdout), (2, 3));
        assert_eq!(test_counts("no summary"), (0, 0));
    }
}
