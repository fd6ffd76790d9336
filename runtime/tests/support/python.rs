//! A Python with botocore 1.44.5 for tests that run botocore.
//!
//! `BOTOCORE_PYTHON` (or `DIFF_PYTHON`, as the differential test of `generated-tests` calls
//! it) names one; otherwise `target/botocore-venv` is made with `python3 -m venv` (or
//! `PYTHON3 -m venv`) and botocore installed into it, once. The same venv serves every test
//! that uses this logic. Self-contained so other test crates can include it with
//! `#[path = "…"] mod python;`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

pub const BOTOCORE_VERSION: &str = "1.44.5";

/// The Python to run botocore with; made once per process.
pub fn python() -> Result<PathBuf, String> {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PYTHON.get_or_init(find_or_make_python).clone()
}

/// The workspace's root: every crate that uses this module sits one folder below it.
pub fn workspace_root() -> PathBuf {
    // The nearest folder above the crate's that holds the scripted server: crates sit one or
    // two folders below the root (`runtime/`, `generated-tests/bedrock-runtime/`), or in a
    // scratch workspace under its `target/` (the breadth sample's scenario tests).
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .find(|folder| folder.join("runtime/tests/server/aws_server.py").is_file())
        .expect("the crate sits in the workspace")
        .to_path_buf()
}

/// Runs `command`; its output, or an error with both its streams when it fails.
pub fn run(command: &mut Command) -> Result<Output, String> {
    let output = command
        .output()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!(
            "{command:?} failed ({}):\n{}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn botocore_version(python: &Path) -> Option<String> {
    let output = Command::new(python)
        .args(["-c", "import botocore; print(botocore.__version__)"])
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn venv_python(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn find_or_make_python() -> Result<PathBuf, String> {
    for variable in ["BOTOCORE_PYTHON", "DIFF_PYTHON"] {
        if let Some(python) = std::env::var_os(variable) {
            let python = PathBuf::from(python);
            return match botocore_version(&python) {
                Some(version) if version == BOTOCORE_VERSION => Ok(python),
                found => Err(format!(
                    "{variable}={} has botocore {found:?}; the tests need {BOTOCORE_VERSION}",
                    python.display()
                )),
            };
        }
    }
    let target = workspace_root().join("target");
    let venv = target.join("botocore-venv");
    let python = venv_python(&venv);
    if botocore_version(&python).as_deref() == Some(BOTOCORE_VERSION) {
        return Ok(python);
    }
    fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    // Built under a private name and renamed into place, so concurrent test processes never
    // see a half-built venv.
    let building = target.join(format!("botocore-venv.building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&building);
    if let Err(problem) = make_venv(&building) {
        let _ = fs::remove_dir_all(&building);
        return Err(problem);
    }
    if venv.exists() && botocore_version(&python).as_deref() != Some(BOTOCORE_VERSION) {
        let stale = target.join(format!("botocore-venv.stale-{}", std::process::id()));
        let _ = fs::rename(&venv, &stale);
        let _ = fs::remove_dir_all(&stale);
    }
    if fs::rename(&building, &venv).is_err() {
        let _ = fs::remove_dir_all(&building);
    }
    match botocore_version(&python) {
        Some(version) if version == BOTOCORE_VERSION => Ok(python),
        found => Err(format!(
            "{} has botocore {found:?} after installing {BOTOCORE_VERSION}",
            venv.display()
        )),
    }
}

fn make_venv(venv: &Path) -> Result<(), String> {
    let base = std::env::var_os("PYTHON3").unwrap_or_else(|| "python3".into());
    Command::new(&base).arg("--version").output().map_err(|e| {
        format!(
            "these tests need Python 3 to run botocore, but `{}` cannot be run ({e}); install \
             Python 3, or set BOTOCORE_PYTHON to a Python with botocore=={BOTOCORE_VERSION}",
            base.to_string_lossy()
        )
    })?;
    run(Command::new(&base).args(["-m", "venv"]).arg(venv)).map_err(|e| {
        format!(
            "cannot create a venv for botocore (on Debian and Ubuntu install `python3-venv`), \
             or set BOTOCORE_PYTHON to a Python with botocore=={BOTOCORE_VERSION}:\n{e}"
        )
    })?;
    run(Command::new(venv_python(venv)).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("botocore=={BOTOCORE_VERSION}"),
    ]))
    .map_err(|e| {
        format!(
            "cannot install botocore=={BOTOCORE_VERSION} with pip (is the package index \
             reachable?), or set BOTOCORE_PYTHON to a Python that has it:\n{e}"
        )
    })?;
    Ok(())
}
