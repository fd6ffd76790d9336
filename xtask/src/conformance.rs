//! `cargo xtask conformance`: the differential test against botocore, of the workspace's crates
//! or of the crates generated from any botocore awsJson or restJson1 models. Several models
//! (`--model A --model B`, or `--sample`) share one scratch workspace, one build and one test
//! binary: a `differential_tests!` module per crate.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::output::{self, Mode};

use crate::botocore_cache;
use crate::update_models::DEFAULT_BOTOCORE_VERSION;

#[derive(clap::Args)]
pub struct ConformanceArgs {
    /// A botocore model (its folder or `service-2.json`, awsJson or restJson1) whose crate
    /// to generate and test; repeat it to test several crates in one build. Without it (and
    /// without `--sample`), the workspace's crates are tested.
    #[arg(long, value_name = "PATH")]
    model: Vec<PathBuf>,
    /// The sample of botocore services CI checks (`cargo xtask breadth --sample`'s), from
    /// botocore's models downloaded once into `target/botocore-1.44.5/`.
    #[arg(long, conflicts_with = "model")]
    sample: bool,
    /// The seed of the random cases (default: `DIFF_SEED`, else 1).
    #[arg(long)]
    seed: Option<u64>,
    /// Cases per operation and kind (default: `DIFF_CASES`, else 300).
    #[arg(long)]
    cases: Option<u64>,
    /// Only these operations (comma-separated model names).
    #[arg(long, value_name = "NAME,...")]
    operations: Option<String>,
    /// Cargo's jobs for the build.
    #[arg(long)]
    jobs: Option<usize>,
}

/// One model to test and the package name to generate its crate under (`None`: the SDK id's).
struct Model {
    path: PathBuf,
    crate_name: Option<String>,
}

/// The differential test: the workspace's (`cargo test -p inspector-tests --test
/// differential`), or that of the crates generated from the models in a scratch workspace.
pub fn conformance(args: &ConformanceArgs) -> ExitCode {
    let root = crate::workspace_root();
    let models = if args.sample {
        match sample_models(&root) {
            Ok(models) => models,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        args.model
            .iter()
            .map(|path| Model {
                path: path.clone(),
                crate_name: None,
            })
            .collect()
    };
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    if models.is_empty() {
        command
            .args(["test", "-p", "inspector-tests", "--test", "differential"])
            .current_dir(&root);
    } else {
        let name = if args.sample { Some("sample") } else { None };
        match workspace(&root, &models, name) {
            Ok(manifest) => {
                command
                    .arg("test")
                    .arg("--manifest-path")
                    .arg(manifest)
                    .args(["-p", "conformance-tests", "--test", "differential"])
                    .env("CARGO_TARGET_DIR", root.join("target/conformance-target"));
                // The workspace's botocore venv, when there is one, rather than a new one.
                let venv = root.join("target/botocore-venv/bin/python");
                if venv.exists() && std::env::var_os("DIFF_PYTHON").is_none() {
                    command.env("DIFF_PYTHON", venv);
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Some(jobs) = args.jobs {
        command.args(["--jobs", &jobs.to_string()]);
    }
    command.args(["--", "--nocapture"]);
    if let Some(seed) = args.seed {
        command.env("DIFF_SEED", seed.to_string());
    }
    if let Some(cases) = args.cases {
        command.env("DIFF_CASES", cases.to_string());
    }
    if let Some(operations) = &args.operations {
        command.env("DIFF_OPERATIONS", operations);
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

/// The sample's models in the botocore cache, each generated under its botocore name.
fn sample_models(root: &Path) -> Result<Vec<Model>, String> {
    crate::breadth::SAMPLE
        .iter()
        .map(|name| {
            botocore_cache::service(root, DEFAULT_BOTOCORE_VERSION, name).map(|service| Model {
                path: service.dir,
                crate_name: Some(service.name),
            })
        })
        .collect()
}

/// Generates the crate of each model into `target/conformance/<workspace>/crates/<crate>` and,
/// beside them, a package whose one test includes the differential harness for each crate;
/// all form a workspace of their own with the repository's lock file. The workspace is named
/// `name`, else after the crate of a lone model. Returns its manifest.
fn workspace(root: &Path, models: &[Model], name: Option<&str>) -> Result<PathBuf, String> {
    let mut crates = Vec::new();
    for model in models {
        let path = std::fs::canonicalize(&model.path)
            .map_err(|e| format!("cannot read the model {}: {e}", model.path.display()))?;
        let options = codegen::Options {
            crate_name: model.crate_name.clone(),
            runtime_path: Some(root.join("runtime").display().to_string()),
            ..codegen::Options::default()
        };
        let generated = codegen::source::read(&path, Some(root))
            .and_then(|source| codegen::generate_with_summary(&source, &options))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let package = generated
            .files
            .get("Cargo.toml")
            .ok_or("the generated crate has no Cargo.toml")?
            .lines()
            .find_map(|line| line.strip_prefix("name = \""))
            .and_then(|rest| rest.strip_suffix('"'))
            .ok_or("the generated Cargo.toml names no package")?
            .to_owned();
        crates.push((package, path, generated.files));
    }
    let name = name.unwrap_or(&crates[0].0);
    let dir = root.join("target/conformance").join(name);
    let write = |path: PathBuf, text: String| {
        std::fs::create_dir_all(path.parent().expect("a file in a folder"))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    let mut members = vec!["\"tests\"".to_owned()];
    let mut dependencies = String::new();
    let mut tests = String::new();
    for (package, model, files) in &crates {
        output::apply(&dir.join("crates").join(package), files, Mode::Write)
            .map_err(|e| e.to_string())?;
        members.push(format!("\"crates/{package}\""));
        dependencies.push_str(&format!(
            "{package} = {{ path = \"../crates/{package}\", features = [\"serde\"] }}\n"
        ));
        tests.push_str(&format!(
            "differential_tests!({krate} => {model:?}, root = ROOT);\n",
            krate = package.replace('-', "_"),
            model = model.display().to_string(),
        ));
    }
    write(
        dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n\n\
             # A one-shot build whose failures are test assertions, not crashes to debug.\n\
             [profile.dev]\ndebug = false\nincremental = false\n",
            members.join(", ")
        ),
    )?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy Cargo.lock: {e}"))?;
    let runtime = root.join("runtime");
    write(
        dir.join("tests/Cargo.toml"),
        format!(
            "[package]\nname = \"conformance-tests\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\
             publish = false\n\n[dependencies]\n{dependencies}\n\
             [dev-dependencies]\nhttp = \"1\"\njiff = {{ version = \"1\", default-features = false, features = [\"std\"] }}\n\
             serde = \"1\"\nserde_json = \"1\"\n\
             service-runtime = {{ path = {runtime:?}, default-features = false }}\n",
            runtime = runtime.display().to_string(),
        ),
    )?;
    write(dir.join("tests/src/lib.rs"), String::new())?;
    let harness = root.join("generated-tests/tests/differential/harness.rs");
    let python = root.join("runtime/tests/support/python.rs");
    write(
        dir.join("tests/tests/differential.rs"),
        format!(
            "//! The differential test of {names}, written by `cargo xtask conformance`.\n\n\
             #[path = {python:?}]\nmod python;\n\n\
             #[macro_use]\n#[path = {harness:?}]\nmod harness;\n\n\
             const ROOT: &str = {root:?};\n\n\
             {tests}",
            names = crates
                .iter()
                .map(|(package, ..)| format!("`{package}`"))
                .collect::<Vec<_>>()
                .join(", "),
            python = python.display().to_string(),
            harness = harness.display().to_string(),
            root = root.display().to_string(),
        ),
    )?;
    println!(
        "conformance: {} generated into {}",
        crates
            .iter()
            .map(|(package, ..)| package.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        dir.display()
    );
    Ok(dir.join("Cargo.toml"))
}
