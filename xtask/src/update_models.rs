//! `cargo xtask update-models`: vendors the service models listed in [`default_models`] (Amazon
//! Inspector, `inspector` 2016-02-16, and Amazon Inspector2, `inspector2` 2020-06-08), and any
//! other service named with `--service` (its newest API version, every model file the wheel
//! has for it), from a botocore wheel on PyPI, each into `models/<service>/<api-version>/` with its own
//! `PROVENANCE.toml`; their endpoint test cases and botocore's protocol test suites from
//! botocore's source distribution (the wheel has no tests); and botocore's `partitions.json` into
//! the runtime crate.
//!
//! pip downloads the wheel and the source distribution; Python's `zipfile` unpacks the wheel's
//! `botocore/data/` folder into a temporary directory and `tarfile` reads the test files
//! out of the source archive, so no zip or tar crate is needed. Everything is staged in memory and checked
//! before the first file is written, and only files whose content changed are written.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

/// The botocore release the vendored models and the names file come from.
pub const DEFAULT_BOTOCORE_VERSION: &str = "1.44.5";

/// Whether the wheel must have a model file, or it is vendored only if the wheel has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    Required,
    IfPresent,
}

/// A vendored service model: the wheel's `botocore/data/<service>/<api_version>/`, vendored into
/// [`VendoredModel::dir`] with its endpoint test cases (from the source distribution) and a
/// `PROVENANCE.toml`.
#[derive(Debug)]
struct VendoredModel {
    /// botocore's name for the service: its folder under `botocore/data/`.
    service: String,
    api_version: String,
    /// The files taken from the wheel, by their name in [`VendoredModel::dir`], in the order the
    /// `PROVENANCE.toml` lists them. The wheel ships some of them gzipped.
    files: Vec<(&'static str, Need)>,
}

impl VendoredModel {
    /// Repository-relative folder of the vendored model, `models/<service>/<api-version>`; the
    /// wheel keeps the files in `botocore/data/<service>/<api-version>/`.
    fn dir(&self) -> String {
        format!("{MODELS_DIR}/{}/{}", self.service, self.api_version)
    }

    /// Where the source distribution keeps the model's endpoint test cases, below its top folder
    /// (`botocore-<VERSION>/`).
    fn endpoint_tests_in_sdist(&self) -> String {
        format!(
            "tests/functional/endpoint-rules/{}/{ENDPOINT_TESTS_FILE}",
            self.service
        )
    }
}

/// The vendored service models. Each is written to `models/<service>/<api-version>/`.
fn default_models() -> Vec<VendoredModel> {
    vec![
        VendoredModel {
            service: "inspector".into(),
            api_version: "2016-02-16".into(),
            files: vec![
                ("service-2.json", Need::Required),
                ("paginators-1.json", Need::Required),
                ("examples-1.json", Need::Required),
                ("endpoint-rule-set-1.json", Need::Required),
            ],
        },
        VendoredModel {
            service: "inspector2".into(),
            api_version: "2020-06-08".into(),
            files: vec![
                ("service-2.json", Need::Required),
                ("paginators-1.json", Need::Required),
                ("paginators-1.sdk-extras.json", Need::Required),
                ("waiters-2.json", Need::Required),
                ("examples-1.json", Need::IfPresent),
                ("endpoint-rule-set-1.json", Need::Required),
            ],
        },
    ]
}

/// The model files a service named with `--service` is vendored with, those its folder has.
const SERVICE_FILES: [(&str, Need); 6] = [
    ("service-2.json", Need::Required),
    ("paginators-1.json", Need::IfPresent),
    ("paginators-1.sdk-extras.json", Need::IfPresent),
    ("waiters-2.json", Need::IfPresent),
    ("examples-1.json", Need::IfPresent),
    ("endpoint-rule-set-1.json", Need::IfPresent),
];

/// The models to vendor: the default ones, then each of `services` not among them, at the
/// newest API version the wheel's `data_dir` has.
fn models_to_vendor(
    data_dir: &Path,
    services: &[String],
) -> Result<Vec<VendoredModel>, UpdateError> {
    let mut models = default_models();
    for service in services {
        if models.iter().any(|model| &model.service == service) {
            continue;
        }
        let folder = data_dir.join(service);
        let newest = read_dir_sorted(&folder)
            .ok()
            .and_then(|versions| versions.into_iter().rfind(|path| path.is_dir()));
        let Some(newest) = newest else {
            return Err(UpdateError::UnknownService(service.clone()));
        };
        models.push(VendoredModel {
            service: service.clone(),
            api_version: file_name(&newest),
            files: SERVICE_FILES.to_vec(),
        });
    }
    Ok(models)
}

/// The service model, the one file every vendored model has and whose API version is checked.
const SERVICE_MODEL_FILE: &str = "service-2.json";
/// Repository-relative folder of the vendored models.
const MODELS_DIR: &str = "models";
const PROVENANCE_FILE: &str = "PROVENANCE.toml";
const NAMES_DIR: &str = "codegen/tests/data";
/// Repository-relative folder of the runtime crate's data files.
const RUNTIME_DATA_DIR: &str = "runtime/data";
/// botocore's partition table, `botocore/data/partitions.json` in the wheel.
const PARTITIONS_FILE: &str = "partitions.json";
/// The endpoint test cases, vendored beside each model; see
/// [`VendoredModel::endpoint_tests_in_sdist`].
const ENDPOINT_TESTS_FILE: &str = "endpoint-tests-1.json";

/// Repository-relative folder of the vendored protocol test suites.
const PROTOCOL_SUITES_DIR: &str = "codegen/tests/data/botocore-protocols";
/// Where the source distribution keeps the protocol test suites, below its top folder.
const PROTOCOL_SUITES_IN_SDIST: &str = "tests/unit/protocols";
/// The vendored protocol test suites, by their path in [`PROTOCOL_SUITES_DIR`] (the same below
/// [`PROTOCOL_SUITES_IN_SDIST`]): the JSON protocols' request (`input`) and response (`output`)
/// cases, and the list of suites and cases botocore's runner skips.
const PROTOCOL_SUITE_FILES: [&str; 9] = [
    "input/json.json",
    "input/json_1_0.json",
    "input/json_1_0-query-compatible.json",
    "input/rest-json.json",
    "output/json.json",
    "output/json_1_0.json",
    "output/json_1_0-query-compatible.json",
    "output/rest-json.json",
    "protocol-tests-ignore-list.json",
];

/// Unpacks the `botocore/data/` folder of the wheel `argv[1]` into the directory `argv[2]`.
const EXTRACT_SCRIPT: &str = "\
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel:
    wheel.extractall(sys.argv[2], [n for n in wheel.namelist() if n.startswith('botocore/data/')])
";

/// For each pair `argv[2k]`, `argv[2k+1]` after the tar archive `argv[1]`: writes the file
/// `argv[2k]` (below the archive's one top folder) to `argv[2k+1]`, and prints its full path in
/// the archive, one line each.
const SDIST_EXTRACT_SCRIPT: &str = "\
import sys, tarfile
with tarfile.open(sys.argv[1]) as archive:
    members = [m for m in archive.getmembers() if m.isfile()]
    for wanted, out_path in zip(sys.argv[2::2], sys.argv[3::2]):
        found = [m for m in members if m.name.split('/', 1)[1:] == [wanted]]
        if len(found) != 1:
            sys.exit(f'{wanted} is not in the archive below its top folder')
        with open(out_path, 'wb') as out:
            out.write(archive.extractfile(found[0]).read())
        print(found[0].name)
";

/// What [`update_models`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateSummary {
    /// The botocore version, as spelled in the wheel's file name.
    pub botocore_version: String,
    pub wheel_file: String,
    pub wheel_sha256: String,
    /// Repository-relative paths of the files whose content changed.
    pub written: Vec<PathBuf>,
    /// Repository-relative paths of the files that already had the right content.
    pub unchanged: Vec<PathBuf>,
    /// Repository-relative path of the names list.
    pub names_file: PathBuf,
    pub name_count: usize,
    pub service_models_read: usize,
}

impl fmt::Display for UpdateSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "botocore {} from {} (sha256 {})",
            self.botocore_version, self.wheel_file, self.wheel_sha256
        )?;
        for path in &self.written {
            writeln!(f, "  written    {}", path.display())?;
        }
        for path in &self.unchanged {
            writeln!(f, "  unchanged  {}", path.display())?;
        }
        write!(
            f,
            "{} written, {} unchanged; {} names from {} service models",
            self.written.len(),
            self.unchanged.len(),
            self.name_count,
            self.service_models_read
        )?;
        if self.botocore_version != DEFAULT_BOTOCORE_VERSION {
            write!(
                f,
                "\nnote: the naming test reads {} by name; point it at {} (and delete the old \
                 file) to test against botocore {}",
                names_file_path(DEFAULT_BOTOCORE_VERSION).display(),
                self.names_file.display(),
                self.botocore_version
            )?;
        }
        Ok(())
    }
}

/// Why [`update_models`] failed; nothing has been written unless the variant is [`UpdateError::Io`]
/// on a write.
#[derive(Debug)]
pub enum UpdateError {
    /// `--service` names a service the wheel has no model for.
    UnknownService(String),
    InvalidVersion(String),
    NotARepoRoot(PathBuf),
    PythonNotFound {
        python: OsString,
        from_env: bool,
    },
    PythonFailed {
        python: OsString,
        source: io::Error,
    },
    PipMissing {
        python: OsString,
        output: String,
    },
    Download {
        version: String,
        output: String,
    },
    NoWheel(PathBuf),
    SdistDownload {
        version: String,
        output: String,
    },
    NoSdist(PathBuf),
    SdistExtract {
        archive: String,
        output: String,
    },
    Extract {
        wheel: String,
        output: String,
    },
    MissingInWheel {
        wheel: String,
        path: String,
    },
    /// A file of the wheel is not what this command expects: bad gzip, bad JSON, wrong API version.
    BadFile {
        path: String,
        problem: String,
    },
    Io {
        action: &'static str,
        path: PathBuf,
        source: io::Error,
    },
}

impl fmt::Display for UpdateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::UnknownService(name) => write!(
                f,
                "botocore has no service `{name}`: expected a folder name under botocore/data/ \
                 such as `dynamodb` or `secretsmanager`"
            ),
            Self::InvalidVersion(version) => write!(
                f,
                "`{version}` is not a botocore version: expected something like \
                 {DEFAULT_BOTOCORE_VERSION} (letters, digits and `.+!_-` only)"
            ),
            Self::NotARepoRoot(root) => write!(
                f,
                "{} is not the repository root (it has no Cargo.toml)",
                root.display()
            ),
            Self::PythonNotFound { python, from_env } => {
                let python = python.to_string_lossy();
                let origin = if *from_env {
                    " (from the PYTHON environment variable)"
                } else {
                    ""
                };
                write!(
                    f,
                    "Python interpreter `{python}`{origin} not found. update-models runs \
                     `{python} -m pip download` to fetch botocore from PyPI: install Python 3 \
                     with pip, or point the PYTHON environment variable at one, e.g. \
                     `PYTHON=/usr/bin/python3 cargo xtask update-models`"
                )
            }
            Self::PythonFailed { python, source } => write!(
                f,
                "could not run Python interpreter `{}`: {source}; set PYTHON to a working \
                 Python 3 with pip",
                python.to_string_lossy()
            ),
            Self::PipMissing { python, output } => {
                let python = python.to_string_lossy();
                write!(
                    f,
                    "pip is not available: `{python} -m pip --version` failed:\n{output}\n\
                     Install pip (`{python} -m ensurepip --upgrade`, or your system's \
                     python3-pip package), or set PYTHON to a Python 3 that has it"
                )
            }
            Self::Download { version, output } => write!(
                f,
                "pip could not download the botocore {version} wheel (is {version} a \
                 released version? see https://pypi.org/project/botocore/#history). pip said:\n\
                 {output}"
            ),
            Self::NoWheel(dir) => write!(
                f,
                "pip succeeded but left no botocore-*.whl in {}",
                dir.display()
            ),
            Self::SdistDownload { version, output } => write!(
                f,
                "pip could not download the botocore {version} source distribution (which \
                 holds the endpoint test cases and the protocol test suites). pip said:\n{output}"
            ),
            Self::NoSdist(dir) => write!(
                f,
                "pip succeeded but left no botocore-*.tar.gz in {}",
                dir.display()
            ),
            Self::SdistExtract { archive, output } => write!(
                f,
                "could not read the test files out of {archive} with Python's tarfile:\n{output}"
            ),
            Self::Extract { wheel, output } => {
                write!(
                    f,
                    "could not unpack {wheel} with Python's zipfile:\n{output}"
                )
            }
            Self::MissingInWheel { wheel, path } => write!(f, "{wheel} has no {path}.gz or {path}"),
            Self::BadFile { path, problem } => write!(f, "{path}: {problem}"),
            Self::Io {
                action,
                path,
                source,
            } => write!(f, "could not {action} {}: {source}", path.display()),
        }
    }
}

impl std::error::Error for UpdateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::PythonFailed { source, .. } | Self::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Downloads the botocore `botocore_version` wheel and source distribution with pip, then
/// rewrites each vendored service model of [`MODELS`] and its endpoint test cases in
/// `models/<service>/<api-version>/`, with the `PROVENANCE.toml` there,
/// `runtime/data/partitions.json` and its `PROVENANCE.toml`,
/// `codegen/tests/data/botocore-<VERSION>-names.txt`, and the protocol test suites in
/// `codegen/tests/data/botocore-protocols/` with their `PROVENANCE.toml`.
///
/// The Python interpreter is `python3`, or the value of the `PYTHON` environment variable.
pub fn update_models(
    repo_root: &Path,
    botocore_version: &str,
    services: &[String],
) -> Result<UpdateSummary, UpdateError> {
    let staged = stage(repo_root, botocore_version, services, &Python::from_env())?;
    staged.write(repo_root)
}

/// The interpreter that runs pip, and whether it came from `PYTHON` (for the error message).
#[derive(Debug, Clone)]
struct Python {
    program: OsString,
    from_env: bool,
}

impl Python {
    fn from_env() -> Self {
        match std::env::var_os("PYTHON") {
            Some(program) if !program.is_empty() => Self {
                program,
                from_env: true,
            },
            _ => Self {
                program: "python3".into(),
                from_env: false,
            },
        }
    }

    fn run(&self, args: &[&OsStr]) -> Result<Output, UpdateError> {
        Command::new(&self.program)
            .args(args)
            .output()
            .map_err(|source| match source.kind() {
                io::ErrorKind::NotFound => UpdateError::PythonNotFound {
                    python: self.program.clone(),
                    from_env: self.from_env,
                },
                _ => UpdateError::PythonFailed {
                    python: self.program.clone(),
                    source,
                },
            })
    }

    fn check_pip(&self) -> Result<(), UpdateError> {
        let output = self.run(&["-m".as_ref(), "pip".as_ref(), "--version".as_ref()])?;
        if output.status.success() {
            Ok(())
        } else {
            Err(UpdateError::PipMissing {
                python: self.program.clone(),
                output: process_output(&output),
            })
        }
    }
}

/// What pip or Python printed, stderr first, for an error message.
fn process_output(output: &Output) -> String {
    abbreviate_long_lines(&joined_output(output))
}

fn joined_output(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let text = [stderr.trim(), stdout.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if text.is_empty() {
        format!("(no output; {})", output.status)
    } else {
        text
    }
}

/// Shortens lines such as pip's "(from versions: 1.0.0rc1, …)", which lists every release.
fn abbreviate_long_lines(text: &str) -> String {
    const KEEP: usize = 200;
    text.lines()
        .map(|line| {
            let chars: Vec<char> = line.chars().collect();
            if chars.len() <= 3 * KEEP {
                line.to_owned()
            } else {
                let head: String = chars[..KEEP].iter().collect();
                let tail: String = chars[chars.len() - KEEP..].iter().collect();
                format!("{head} … {tail}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self, UpdateError> {
        static COUNT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let count = COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "xtask-update-models-{}-{count}-{nanos}",
            std::process::id()
        ));
        std::fs::create_dir(&path).map_err(|source| UpdateError::Io {
            action: "create temporary directory",
            path: path.clone(),
            source,
        })?;
        Ok(Self(path))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Everything [`update_models`] writes, computed before anything is written.
struct Staged {
    botocore_version: String,
    wheel_file: String,
    wheel_sha256: String,
    /// Repository-relative path and full content of every output file.
    files: Vec<(PathBuf, Vec<u8>)>,
    names_file: PathBuf,
    name_count: usize,
    service_models_read: usize,
}

fn stage(
    repo_root: &Path,
    requested_version: &str,
    services: &[String],
    python: &Python,
) -> Result<Staged, UpdateError> {
    if !is_valid_version(requested_version) {
        return Err(UpdateError::InvalidVersion(requested_version.to_owned()));
    }
    if !repo_root.join("Cargo.toml").is_file() {
        return Err(UpdateError::NotARepoRoot(repo_root.to_owned()));
    }
    python.check_pip()?;

    let temp = TempDir::new()?;
    let wheel_path = download_wheel(python, requested_version, &temp.0.join("wheel"))?;
    let wheel_file = wheel_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let botocore_version = wheel_version(&wheel_file)
        .filter(|v| is_valid_version(v))
        .ok_or_else(|| UpdateError::BadFile {
            path: wheel_file.clone(),
            problem: "not a botocore-<VERSION>-….whl file name".into(),
        })?
        .to_owned();
    let wheel_bytes = read(&wheel_path)?;
    let wheel_sha256 = sha256_hex(&wheel_bytes);

    let unpacked = temp.0.join("unpacked");
    let output = python.run(&[
        "-c".as_ref(),
        EXTRACT_SCRIPT.as_ref(),
        wheel_path.as_os_str(),
        unpacked.as_os_str(),
    ])?;
    if !output.status.success() {
        return Err(UpdateError::Extract {
            wheel: wheel_file,
            output: process_output(&output),
        });
    }
    let data_dir = unpacked.join("botocore").join("data");

    let models = models_to_vendor(&data_dir, services)?;
    let mut files = Vec::new();
    let mut model_provenance = Vec::new();
    for model in &models {
        let dir = model.dir();
        let mut entries = Vec::new();
        for &(name, need) in &model.files {
            let found = find_in_data(&data_dir, &[&model.service, &model.api_version], name)?;
            let found = match (found, need) {
                (Some(found), _) => found,
                (None, Need::IfPresent) => continue,
                (None, Need::Required) => {
                    return Err(UpdateError::MissingInWheel {
                        wheel: wheel_file.clone(),
                        path: format!(
                            "botocore/data/{}/{}/{name}",
                            model.service, model.api_version
                        ),
                    });
                }
            };
            let contents = found.contents;
            let api_version = (name == SERVICE_MODEL_FILE).then_some(model.api_version.as_str());
            check_json(&found.wheel_path, &contents, api_version)?;
            entries.push(ProvenanceEntry {
                file: name.to_owned(),
                wheel_path: found.wheel_path,
                gunzipped: found.gunzipped,
                sha256: sha256_hex(&contents),
            });
            files.push((Path::new(&dir).join(name), contents));
        }
        model_provenance.push((dir, entries));
    }
    // The endpoint test cases of each model, in the order of `models`, then the protocol suites.
    let mut wanted: Vec<(String, String)> = models
        .iter()
        .map(|model| {
            (
                model.endpoint_tests_in_sdist(),
                ENDPOINT_TESTS_FILE.to_owned(),
            )
        })
        .collect();
    wanted.extend(PROTOCOL_SUITE_FILES.iter().map(|file| {
        (
            format!("{PROTOCOL_SUITES_IN_SDIST}/{file}"),
            (*file).to_owned(),
        )
    }));
    let (archive, mut sdist_files) =
        fetch_sdist_files(python, &botocore_version, &temp.0, &wanted)?;
    let suite_files = sdist_files.split_off(models.len());
    for ((dir, entries), endpoint_tests) in model_provenance.into_iter().zip(sdist_files) {
        files.push((
            Path::new(&dir).join(ENDPOINT_TESTS_FILE),
            endpoint_tests.contents,
        ));
        let provenance = Provenance {
            version: botocore_version.clone(),
            wheel_file: wheel_file.clone(),
            wheel_sha256: wheel_sha256.clone(),
            entries,
            sdist: Some(SdistProvenance {
                archive: archive.clone(),
                files: vec![endpoint_tests.provenance],
            }),
        };
        files.push((
            Path::new(&dir).join(PROVENANCE_FILE),
            render_provenance(&dir, &provenance).into_bytes(),
        ));
    }
    let suites = SdistProvenance {
        archive,
        files: suite_files.iter().map(|f| f.provenance.clone()).collect(),
    };
    for file in suite_files {
        files.push((
            Path::new(PROTOCOL_SUITES_DIR).join(&file.provenance.file),
            file.contents,
        ));
    }
    files.push((
        Path::new(PROTOCOL_SUITES_DIR).join(PROVENANCE_FILE),
        render_suites_provenance(&botocore_version, &suites).into_bytes(),
    ));

    let partitions = find_in_data(&data_dir, &[], PARTITIONS_FILE)?.ok_or_else(|| {
        UpdateError::MissingInWheel {
            wheel: wheel_file.clone(),
            path: format!("botocore/data/{PARTITIONS_FILE}"),
        }
    })?;
    check_json(&partitions.wheel_path, &partitions.contents, None)?;
    let runtime_provenance = render_runtime_provenance(&Provenance {
        version: botocore_version.clone(),
        wheel_file: wheel_file.clone(),
        wheel_sha256: wheel_sha256.clone(),
        entries: vec![ProvenanceEntry {
            file: PARTITIONS_FILE.to_owned(),
            wheel_path: partitions.wheel_path,
            gunzipped: partitions.gunzipped,
            sha256: sha256_hex(&partitions.contents),
        }],
        sdist: None,
    });
    files.push((
        Path::new(RUNTIME_DATA_DIR).join(PARTITIONS_FILE),
        partitions.contents,
    ));
    files.push((
        Path::new(RUNTIME_DATA_DIR).join(PROVENANCE_FILE),
        runtime_provenance.into_bytes(),
    ));

    let (names, models) = collect_all_names(&data_dir)?;
    let names_source = NamesSource {
        version: botocore_version.clone(),
        wheel_file: wheel_file.clone(),
        wheel_sha256: wheel_sha256.clone(),
        models,
    };
    let names_file = names_file_path(&botocore_version);
    let name_count = names.all().len();
    files.push((
        names_file.clone(),
        render_names(&names_source, &names).into_bytes(),
    ));

    Ok(Staged {
        botocore_version,
        wheel_file,
        wheel_sha256,
        files,
        names_file,
        name_count,
        service_models_read: models.files,
    })
}

impl Staged {
    /// Writes the files whose content differs from what is on disk.
    fn write(self, repo_root: &Path) -> Result<UpdateSummary, UpdateError> {
        let mut changed = Vec::new();
        let mut unchanged = Vec::new();
        // Read every existing file first, so an unreadable one stops us before any write.
        for (path, contents) in self.files {
            if read_if_exists(&repo_root.join(&path))?.as_deref() == Some(&contents[..]) {
                unchanged.push(path);
            } else {
                changed.push((path, contents));
            }
        }
        for (path, contents) in &changed {
            write_replacing(&repo_root.join(path), contents)?;
        }
        Ok(UpdateSummary {
            botocore_version: self.botocore_version,
            wheel_file: self.wheel_file,
            wheel_sha256: self.wheel_sha256,
            written: changed.into_iter().map(|(path, _)| path).collect(),
            unchanged,
            names_file: self.names_file,
            name_count: self.name_count,
            service_models_read: self.service_models_read,
        })
    }
}

/// PEP 440 versions and their normalized wheel spellings use only these characters; `/` and
/// spaces would break the names file's path.
fn is_valid_version(version: &str) -> bool {
    !version.is_empty()
        && version
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".+!_-".contains(c))
}

/// `botocore-1.44.5-py3-none-any.whl` → `1.44.5`.
fn wheel_version(wheel_file: &str) -> Option<&str> {
    let rest = wheel_file.strip_prefix("botocore-")?;
    rest.split('-').next().filter(|v| !v.is_empty())
}

fn names_file_path(version: &str) -> PathBuf {
    Path::new(NAMES_DIR).join(format!("botocore-{version}-names.txt"))
}

fn download_wheel(python: &Python, version: &str, dir: &Path) -> Result<PathBuf, UpdateError> {
    let requirement = format!("botocore=={version}");
    let output = python.run(&[
        "-m".as_ref(),
        "pip".as_ref(),
        "download".as_ref(),
        "--disable-pip-version-check".as_ref(),
        "--no-input".as_ref(),
        "--no-deps".as_ref(),
        "--only-binary=:all:".as_ref(),
        requirement.as_ref(),
        "-d".as_ref(),
        dir.as_os_str(),
    ])?;
    if !output.status.success() {
        return Err(UpdateError::Download {
            version: version.to_owned(),
            output: process_output(&output),
        });
    }
    let mut wheels = Vec::new();
    for entry in read_dir_sorted(dir)? {
        let name = entry.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("botocore-") && name.ends_with(".whl") {
            wheels.push(entry);
        }
    }
    match <[PathBuf; 1]>::try_from(wheels) {
        Ok([wheel]) => Ok(wheel),
        Err(_) => Err(UpdateError::NoWheel(dir.to_owned())),
    }
}

/// A test file read out of the source distribution, and where it came from.
struct SdistFile {
    contents: Vec<u8>,
    provenance: SdistFileProvenance,
}

/// Downloads the botocore `version` source distribution into `temp/sdist` and reads the files
/// `wanted` (path below the archive's top folder, name to vendor it under) out of it, in order.
/// Returns the archive's provenance and the files.
fn fetch_sdist_files(
    python: &Python,
    version: &str,
    temp: &Path,
    wanted: &[(String, String)],
) -> Result<(SdistArchive, Vec<SdistFile>), UpdateError> {
    let dir = temp.join("sdist");
    let requirement = format!("botocore=={version}");
    let output = python.run(&[
        "-m".as_ref(),
        "pip".as_ref(),
        "download".as_ref(),
        "--disable-pip-version-check".as_ref(),
        "--no-input".as_ref(),
        "--no-deps".as_ref(),
        "--no-binary=:all:".as_ref(),
        requirement.as_ref(),
        "-d".as_ref(),
        dir.as_os_str(),
    ])?;
    if !output.status.success() {
        return Err(UpdateError::SdistDownload {
            version: version.to_owned(),
            output: process_output(&output),
        });
    }
    let mut archives = Vec::new();
    for entry in read_dir_sorted(&dir)? {
        let name = entry.file_name().unwrap_or_default().to_string_lossy();
        if name.starts_with("botocore-") && name.ends_with(".tar.gz") {
            archives.push(entry);
        }
    }
    let archive = match <[PathBuf; 1]>::try_from(archives) {
        Ok([archive]) => archive,
        Err(_) => return Err(UpdateError::NoSdist(dir)),
    };
    let archive_file = file_name(&archive);
    let archive_sha256 = sha256_hex(&read(&archive)?);
    let extracted = temp.join("extracted");
    let mut args: Vec<OsString> = vec![
        "-c".into(),
        SDIST_EXTRACT_SCRIPT.into(),
        archive.clone().into_os_string(),
    ];
    for (index, (in_sdist, _)) in wanted.iter().enumerate() {
        args.push(in_sdist.into());
        args.push(extracted.join(index.to_string()).into_os_string());
    }
    std::fs::create_dir_all(&extracted).map_err(|source| UpdateError::Io {
        action: "create",
        path: extracted.clone(),
        source,
    })?;
    let output = python.run(&args.iter().map(OsString::as_os_str).collect::<Vec<_>>())?;
    if !output.status.success() {
        return Err(UpdateError::SdistExtract {
            archive: archive_file,
            output: process_output(&output),
        });
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let archive_paths: Vec<&str> = stdout.lines().map(str::trim).collect();
    let mut files = Vec::new();
    for (index, (_, name)) in wanted.iter().enumerate() {
        let archive_path = archive_paths.get(index).copied().unwrap_or_default();
        let contents = read(&extracted.join(index.to_string()))?;
        check_json(archive_path, &contents, None)?;
        files.push(SdistFile {
            provenance: SdistFileProvenance {
                file: name.clone(),
                archive_path: archive_path.to_owned(),
                sha256: sha256_hex(&contents),
            },
            contents,
        });
    }
    Ok((
        SdistArchive {
            file: archive_file,
            sha256: archive_sha256,
        },
        files,
    ))
}

/// A file from the wheel's `botocore/data/`, gunzipped if the wheel ships it as `.gz`.
struct DataFile {
    wheel_path: String,
    gunzipped: bool,
    contents: Vec<u8>,
}

/// Finds `data_dir/<folders…>/<name>.gz` (gunzipped) or else `data_dir/<folders…>/<name>`.
fn find_in_data(
    data_dir: &Path,
    folders: &[&str],
    name: &str,
) -> Result<Option<DataFile>, UpdateError> {
    let dir = folders
        .iter()
        .fold(data_dir.to_owned(), |dir, f| dir.join(f));
    let wheel_dir = ["botocore", "data"]
        .iter()
        .chain(folders)
        .copied()
        .collect::<Vec<_>>()
        .join("/");
    let gz_name = format!("{name}.gz");
    let gz_path = dir.join(&gz_name);
    if gz_path.is_file() {
        let wheel_path = format!("{wheel_dir}/{gz_name}");
        let contents = gunzip(&read(&gz_path)?).map_err(|e| UpdateError::BadFile {
            path: wheel_path.clone(),
            problem: format!("not valid gzip: {e}"),
        })?;
        return Ok(Some(DataFile {
            wheel_path,
            gunzipped: true,
            contents,
        }));
    }
    let path = dir.join(name);
    if path.is_file() {
        return Ok(Some(DataFile {
            wheel_path: format!("{wheel_dir}/{name}"),
            gunzipped: false,
            contents: read(&path)?,
        }));
    }
    Ok(None)
}

fn gunzip(bytes: &[u8]) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

fn parse_json(wheel_path: &str, contents: &[u8]) -> Result<serde_json::Value, UpdateError> {
    serde_json::from_slice(contents).map_err(|e| UpdateError::BadFile {
        path: wheel_path.to_owned(),
        problem: format!("not valid JSON: {e}"),
    })
}

/// Every vendored file must be JSON; a service model (`api_version` given) must also be the API
/// version we vendor.
fn check_json(
    wheel_path: &str,
    contents: &[u8],
    api_version: Option<&str>,
) -> Result<(), UpdateError> {
    let value = parse_json(wheel_path, contents)?;
    if let Some(expected) = api_version {
        let found = value.pointer("/metadata/apiVersion");
        if found.and_then(|v| v.as_str()) != Some(expected) {
            return Err(UpdateError::BadFile {
                path: wheel_path.to_owned(),
                problem: format!(
                    "metadata.apiVersion is {}, expected \"{expected}\"",
                    found.map_or_else(|| "missing".to_owned(), |v| v.to_string())
                ),
            });
        }
    }
    Ok(())
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

struct ProvenanceEntry {
    /// Name in the folder it is vendored to.
    file: String,
    wheel_path: String,
    gunzipped: bool,
    /// Of the vendored (uncompressed) file.
    sha256: String,
}

struct Provenance {
    version: String,
    wheel_file: String,
    wheel_sha256: String,
    entries: Vec<ProvenanceEntry>,
    /// The files taken from the source distribution, when there are some.
    sdist: Option<SdistProvenance>,
}

/// botocore's source distribution, as downloaded.
#[derive(Clone)]
struct SdistArchive {
    file: String,
    sha256: String,
}

/// Files read out of botocore's source distribution.
struct SdistProvenance {
    archive: SdistArchive,
    files: Vec<SdistFileProvenance>,
}

/// A file read out of botocore's source distribution.
#[derive(Clone)]
struct SdistFileProvenance {
    /// Path in the folder it is vendored to.
    file: String,
    /// Full path inside the archive.
    archive_path: String,
    sha256: String,
}

/// The `PROVENANCE.toml` of the model vendored in `model_dir`.
fn render_provenance(model_dir: &str, p: &Provenance) -> String {
    let mut out = format!(
        "\
# Where the files in {model_dir}/ come from.
#
# Written by `cargo xtask update-models`; do not edit by hand. To refresh the files, or to
# move to another botocore release, run from the repository root:
#
#     cargo xtask update-models --botocore <VERSION>    # default: {DEFAULT_BOTOCORE_VERSION}
#
# It downloads the botocore wheel from PyPI with `python3 -m pip download` (set PYTHON to use
# another interpreter), takes the files below out of it, gunzips the `.gz` ones, and rewrites
# them, this file, and {NAMES_DIR}/botocore-<VERSION>-names.txt.
# `endpoint-tests-1.json` is not in the wheel: it comes from botocore's tests, in the source
# distribution (`[sdist]`, `[[sdist_files]]`), which it downloads with
# `python3 -m pip download --no-binary :all:` and reads with Python's `tarfile`.
# `sha256` is the checksum of the file as vendored here, after gunzipping.
",
    );
    out.push_str(&source_and_files(p));
    if let Some(sdist) = &p.sdist {
        out.push_str(&sdist_tables(&p.version, sdist));
    }
    out
}

/// The `[sdist]` table (the archive) and one `[[sdist_files]]` table per file taken from it.
fn sdist_tables(version: &str, sdist: &SdistProvenance) -> String {
    let mut out = format!(
        "\n[sdist]\npackage = {}\nversion = {}\narchive = {}\narchive_sha256 = {}\n",
        toml_string("botocore"),
        toml_string(version),
        toml_string(&sdist.archive.file),
        toml_string(&sdist.archive.sha256),
    );
    for file in &sdist.files {
        out.push_str(&format!(
            "\n[[sdist_files]]\nfile = {}\narchive_path = {}\nsha256 = {}\n",
            toml_string(&file.file),
            toml_string(&file.archive_path),
            toml_string(&file.sha256),
        ));
    }
    out
}

/// `codegen/tests/data/botocore-protocols/PROVENANCE.toml`: where the protocol test suites come
/// from.
fn render_suites_provenance(version: &str, sdist: &SdistProvenance) -> String {
    let mut out = format!(
        "\
# Where the files in {PROTOCOL_SUITES_DIR}/ come from: botocore's protocol test suites
# ({PROTOCOL_SUITES_IN_SDIST}/ in its source distribution), for the JSON protocols, and the list of
# suites and cases botocore's runner skips.
#
# Written by `cargo xtask update-models`; do not edit by hand. It downloads botocore's source
# distribution with `python3 -m pip download --no-binary :all:` (set PYTHON to use another
# interpreter), reads the files below out of it with Python's `tarfile`, and rewrites them and
# this file; run from the repository root:
#
#     cargo xtask update-models --botocore <VERSION>    # default: {DEFAULT_BOTOCORE_VERSION}
#
# `sha256` is the checksum of the file as vendored here (unchanged from the archive).
",
    );
    out.push_str(&sdist_tables(version, sdist));
    out
}

/// The `[source]` table (the wheel) and one `[[files]]` table per file taken from it.
fn source_and_files(p: &Provenance) -> String {
    let mut out = format!(
        "\n[source]\npackage = {}\nversion = {}\nwheel = {}\nwheel_sha256 = {}\n",
        toml_string("botocore"),
        toml_string(&p.version),
        toml_string(&p.wheel_file),
        toml_string(&p.wheel_sha256),
    );
    for entry in &p.entries {
        out.push_str(&format!(
            "\n[[files]]\nfile = {}\nwheel_path = {}\ngunzipped = {}\nsha256 = {}\n",
            toml_string(&entry.file),
            toml_string(&entry.wheel_path),
            entry.gunzipped,
            toml_string(&entry.sha256),
        ));
    }
    out
}

/// `runtime/data/PROVENANCE.toml`: where `partitions.json` comes from. It points at the first
/// model's `PROVENANCE.toml`; every model comes from the same wheel.
fn render_runtime_provenance(p: &Provenance) -> String {
    let model_dir = default_models()[0].dir();
    let mut out = format!(
        "\
# Where the files in {RUNTIME_DATA_DIR}/ come from.
#
# Written by `cargo xtask update-models`; do not edit by hand. It takes `{PARTITIONS_FILE}` out of
# the same botocore wheel as the model in {model_dir}/ (see the {PROVENANCE_FILE}
# there); run from the repository root:
#
#     cargo xtask update-models --botocore <VERSION>    # default: {DEFAULT_BOTOCORE_VERSION}
#
# `sha256` is the checksum of the file as vendored here.
",
    );
    out.push_str(&source_and_files(p));
    out
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The distinct names of one or more service models, by kind.
#[derive(Debug, Default)]
struct ModelNames {
    shapes: BTreeSet<String>,
    members: BTreeSet<String>,
    operations: BTreeSet<String>,
}

impl ModelNames {
    /// Adds the keys of `operations`, of `shapes`, and of each shape's `members`.
    fn add_model(&mut self, model: &serde_json::Value) -> Result<(), String> {
        fn object<'a>(
            value: Option<&'a serde_json::Value>,
            what: &str,
        ) -> Result<&'a serde_json::Map<String, serde_json::Value>, String> {
            value
                .and_then(|v| v.as_object())
                .ok_or_else(|| format!("{what} is missing or not an object"))
        }
        let operations = object(model.get("operations"), "\"operations\"")?;
        self.operations.extend(operations.keys().cloned());
        let shapes = object(model.get("shapes"), "\"shapes\"")?;
        for (name, shape) in shapes {
            self.shapes.insert(name.clone());
            if let Some(members) = shape.get("members") {
                let members = object(Some(members), &format!("\"members\" of shape {name}"))?;
                self.members.extend(members.keys().cloned());
            }
        }
        Ok(())
    }

    /// All names of every kind, in byte order.
    fn all(&self) -> BTreeSet<&str> {
        self.shapes
            .iter()
            .chain(&self.members)
            .chain(&self.operations)
            .map(String::as_str)
            .collect()
    }
}

/// How many service models were read, and how they are stored in the wheel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ModelsRead {
    files: usize,
    services: usize,
    /// Whether every `service-2.json` was gzipped (true for every recent botocore).
    all_gzipped: bool,
}

/// Reads `data_dir/<service>/<api-version>/service-2.json[.gz]` for every service and API version.
fn collect_all_names(data_dir: &Path) -> Result<(ModelNames, ModelsRead), UpdateError> {
    let mut names = ModelNames::default();
    let mut read = ModelsRead {
        files: 0,
        services: 0,
        all_gzipped: true,
    };
    for service_dir in read_dir_sorted(data_dir)? {
        if !service_dir.is_dir() {
            continue;
        }
        let service = file_name(&service_dir);
        let files_before = read.files;
        for version_dir in read_dir_sorted(&service_dir)? {
            if !version_dir.is_dir() {
                continue;
            }
            let version = file_name(&version_dir);
            let Some(model) = find_in_data(data_dir, &[&service, &version], "service-2.json")?
            else {
                continue;
            };
            let value = parse_json(&model.wheel_path, &model.contents)?;
            names
                .add_model(&value)
                .map_err(|problem| UpdateError::BadFile {
                    path: model.wheel_path.clone(),
                    problem,
                })?;
            read.files += 1;
            read.all_gzipped &= model.gunzipped;
        }
        if read.files > files_before {
            read.services += 1;
        }
    }
    if read.files == 0 {
        return Err(UpdateError::BadFile {
            path: "botocore/data/".into(),
            problem: "has no <service>/<api-version>/service-2.json[.gz] files".into(),
        });
    }
    if let Some(bad) = names.all().into_iter().find(|n| !is_listable_name(n)) {
        return Err(UpdateError::BadFile {
            path: "botocore/data/".into(),
            problem: format!("the name {bad:?} cannot be written one per line"),
        });
    }
    Ok((names, read))
}

/// A name that can sit on its own line without being mistaken for a header line.
fn is_listable_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with("# ") && !name.contains(['\n', '\r'])
}

/// Where a names list comes from, for its header.
struct NamesSource {
    version: String,
    wheel_file: String,
    wheel_sha256: String,
    models: ModelsRead,
}

fn render_names(source: &NamesSource, names: &ModelNames) -> String {
    let all = names.all();
    let model_file = if source.models.all_gzipped {
        "service-2.json.gz"
    } else {
        "service-2.json[.gz]"
    };
    let regenerate = if source.version == DEFAULT_BOTOCORE_VERSION {
        "cargo xtask update-models".to_owned()
    } else {
        format!("cargo xtask update-models --botocore {}", source.version)
    };
    let mut out = format!(
        "\
# Every distinct shape, member and operation name in the AWS service models of botocore {version}.
# Source: the botocore {version} wheel from PyPI, {wheel},
# sha256 {sha256};
# read: botocore/data/<service>/<api-version>/{model_file}, all {files} files
# ({services} services, every API version of each).
# Names taken: the keys of \"operations\", the keys of \"shapes\", and the keys of each shape's \"members\".
# {total} names ({shapes} distinct shape, {members} member, {operations} operation names, overlapping).
# Regenerate with `{regenerate}`; do not edit by hand.
# Format: these header lines, each starting with \"# \", then one name per line,
# unique, sorted by byte order (Rust `str` Ord), each line ending in \"\\n\".
",
        version = source.version,
        wheel = source.wheel_file,
        sha256 = source.wheel_sha256,
        files = source.models.files,
        services = source.models.services,
        total = all.len(),
        shapes = names.shapes.len(),
        members = names.members.len(),
        operations = names.operations.len(),
    );
    for name in all {
        out.push_str(name);
        out.push('\n');
    }
    out
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

fn read(path: &Path) -> Result<Vec<u8>, UpdateError> {
    std::fs::read(path).map_err(|source| UpdateError::Io {
        action: "read",
        path: path.to_owned(),
        source,
    })
}

fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>, UpdateError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(UpdateError::Io {
            action: "read",
            path: path.to_owned(),
            source,
        }),
    }
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>, UpdateError> {
    let io_error = |source| UpdateError::Io {
        action: "list",
        path: dir.to_owned(),
        source,
    };
    let mut paths = std::fs::read_dir(dir)
        .map_err(io_error)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(io_error)?;
    paths.sort();
    Ok(paths)
}

/// Writes a sibling temporary file and renames it over `path`, so a reader never sees half a file.
fn write_replacing(path: &Path, contents: &[u8]) -> Result<(), UpdateError> {
    let io_error = |action, source| UpdateError::Io {
        action,
        path: path.to_owned(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| io_error("create the folder of", e))?;
    }
    let mut temp_name = OsString::from(".");
    temp_name.push(path.file_name().unwrap_or_default());
    temp_name.push(".update-models.tmp");
    let temp = path.with_file_name(temp_name);
    std::fs::write(&temp, contents).map_err(|e| io_error("write a temporary file for", e))?;
    std::fs::rename(&temp, path).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io_error("replace", e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_model() -> serde_json::Value {
        serde_json::json!({
            "version": "2.0",
            "metadata": {"apiVersion": "2016-02-16"},
            "operations": {
                "ListFindings": {"name": "ListFindings"},
                "Tag": {"name": "Tag"}
            },
            "shapes": {
                "ListFindingsRequest": {
                    "type": "structure",
                    "members": {"maxResults": {"shape": "MaxResults"}, "nextToken": {"shape": "Token"}}
                },
                "Tag": {
                    "type": "structure",
                    "members": {"key": {"shape": "Token"}, "value": {"shape": "Token"}}
                },
                "TagList": {"type": "list", "member": {"shape": "Tag"}},
                "Token": {"type": "string"},
                "MaxResults": {"type": "integer"}
            }
        })
    }

    fn sample_source(version: &str) -> NamesSource {
        NamesSource {
            version: version.into(),
            wheel_file: format!("botocore-{version}-py3-none-any.whl"),
            wheel_sha256: "ab".repeat(32),
            models: ModelsRead {
                files: 2,
                services: 1,
                all_gzipped: true,
            },
        }
    }

    #[test]
    fn sha256_hex_is_lowercase_hex_of_the_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn names_are_operation_shape_and_member_keys_but_not_list_members() {
        let mut names = ModelNames::default();
        names.add_model(&sample_model()).unwrap();
        assert_eq!(
            names.all().into_iter().collect::<Vec<_>>(),
            [
                "ListFindings",
                "ListFindingsRequest",
                "MaxResults",
                "Tag",
                "TagList",
                "Token",
                "key",
                "maxResults",
                "nextToken",
                "value",
            ]
        );
        assert_eq!(names.shapes.len(), 5);
        assert_eq!(names.members.len(), 4);
        assert_eq!(names.operations.len(), 2);
    }

    #[test]
    fn names_of_several_models_are_merged_and_deduplicated() {
        let mut names = ModelNames::default();
        names.add_model(&sample_model()).unwrap();
        names
            .add_model(&serde_json::json!({
                "operations": {"Tag": {}},
                "shapes": {"Token": {"type": "string"}, "Zone": {"type": "string"}}
            }))
            .unwrap();
        assert_eq!(names.all().len(), 11);
        assert_eq!(names.operations.len(), 2);
    }

    #[test]
    fn a_model_without_shapes_is_rejected() {
        let mut names = ModelNames::default();
        let error = names
            .add_model(&serde_json::json!({"operations": {}}))
            .unwrap_err();
        assert_eq!(error, "\"shapes\" is missing or not an object");
    }

    #[test]
    fn names_file_is_header_then_one_sorted_name_per_line() {
        let mut names = ModelNames::default();
        names.add_model(&sample_model()).unwrap();
        let text = render_names(&sample_source(DEFAULT_BOTOCORE_VERSION), &names);
        let (header, body): (Vec<&str>, Vec<&str>) =
            text.lines().partition(|line| line.starts_with("# "));
        assert_eq!(header.len(), 10);
        assert_eq!(
            header[0],
            "# Every distinct shape, member and operation name in the AWS service models of botocore 1.44.5."
        );
        assert_eq!(
            header[6],
            "# 10 names (5 distinct shape, 4 member, 2 operation names, overlapping)."
        );
        assert_eq!(
            header[7],
            "# Regenerate with `cargo xtask update-models`; do not edit by hand."
        );
        assert!(text.starts_with(&format!("{}\n", header.join("\n"))));
        assert_eq!(body.first(), Some(&"ListFindings"));
        assert_eq!(body.last(), Some(&"value"));
        assert!(text.ends_with("value\n"));
    }

    #[test]
    fn names_file_of_another_version_says_how_to_regenerate_it() {
        let text = render_names(&sample_source("1.50.0"), &ModelNames::default());
        assert!(text.contains(
            "\n# Regenerate with `cargo xtask update-models --botocore 1.50.0`; do not edit by hand.\n"
        ));
    }

    #[test]
    fn provenance_names_the_wheel_and_each_file_with_its_checksum() {
        let provenance = Provenance {
            version: "1.44.5".into(),
            wheel_file: "botocore-1.44.5-py3-none-any.whl".into(),
            wheel_sha256: "ab".repeat(32),
            entries: vec![
                ProvenanceEntry {
                    file: "service-2.json".into(),
                    wheel_path: "botocore/data/inspector/2016-02-16/service-2.json.gz".into(),
                    gunzipped: true,
                    sha256: "cd".repeat(32),
                },
                ProvenanceEntry {
                    file: "paginators-1.json".into(),
                    wheel_path: "botocore/data/inspector/2016-02-16/paginators-1.json".into(),
                    gunzipped: false,
                    sha256: "ef".repeat(32),
                },
            ],
            sdist: None,
        };
        let text = render_provenance("models/inspector/2016-02-16", &provenance);
        assert!(text.starts_with("# Where the files in models/inspector/2016-02-16/ come from.\n"));
        assert!(text.contains("Written by `cargo xtask update-models`"));
        assert!(text.contains("cargo xtask update-models --botocore <VERSION>"));
        let data = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n");
        let expected = format!(
            "
[source]
package = \"botocore\"
version = \"1.44.5\"
wheel = \"botocore-1.44.5-py3-none-any.whl\"
wheel_sha256 = \"{ab}\"

[[files]]
file = \"service-2.json\"
wheel_path = \"botocore/data/inspector/2016-02-16/service-2.json.gz\"
gunzipped = true
sha256 = \"{cd}\"

[[files]]
file = \"paginators-1.json\"
wheel_path = \"botocore/data/inspector/2016-02-16/paginators-1.json\"
gunzipped = false
sha256 = \"{ef}\"",
            ab = "ab".repeat(32),
            cd = "cd".repeat(32),
            ef = "ef".repeat(32),
        );
        assert_eq!(data, expected);
    }

    #[test]
    fn provenance_names_the_source_archive_of_the_endpoint_tests() {
        let provenance = Provenance {
            version: "1.44.5".into(),
            wheel_file: "botocore-1.44.5-py3-none-any.whl".into(),
            wheel_sha256: "ab".repeat(32),
            entries: Vec::new(),
            sdist: Some(SdistProvenance {
                archive: SdistArchive {
                    file: "botocore-1.44.5.tar.gz".into(),
                    sha256: "cd".repeat(32),
                },
                files: vec![SdistFileProvenance {
                    file: "endpoint-tests-1.json".into(),
                    archive_path: format!(
                        "botocore-1.44.5/{}",
                        default_models()[0].endpoint_tests_in_sdist()
                    ),
                    sha256: "ef".repeat(32),
                }],
            }),
        };
        let text = render_provenance("models/inspector/2016-02-16", &provenance);
        let expected = format!(
            "
[sdist]
package = \"botocore\"
version = \"1.44.5\"
archive = \"botocore-1.44.5.tar.gz\"
archive_sha256 = \"{cd}\"

[[sdist_files]]
file = \"endpoint-tests-1.json\"
archive_path = \"botocore-1.44.5/tests/functional/endpoint-rules/inspector/endpoint-tests-1.json\"
sha256 = \"{ef}\"
",
            cd = "cd".repeat(32),
            ef = "ef".repeat(32),
        );
        assert!(text.ends_with(&expected), "{text}");
    }

    #[test]
    fn suites_provenance_names_the_archive_and_each_suite_file() {
        let sdist = SdistProvenance {
            archive: SdistArchive {
                file: "botocore-1.44.5.tar.gz".into(),
                sha256: "cd".repeat(32),
            },
            files: vec![
                SdistFileProvenance {
                    file: "input/json.json".into(),
                    archive_path: "botocore-1.44.5/tests/unit/protocols/input/json.json".into(),
                    sha256: "ef".repeat(32),
                },
                SdistFileProvenance {
                    file: "output/json.json".into(),
                    archive_path: "botocore-1.44.5/tests/unit/protocols/output/json.json".into(),
                    sha256: "01".repeat(32),
                },
            ],
        };
        let text = render_suites_provenance("1.44.5", &sdist);
        assert!(text.starts_with("# Where the files in codegen/tests/data/botocore-protocols/"));
        let expected = format!(
            "
[sdist]
package = \"botocore\"
version = \"1.44.5\"
archive = \"botocore-1.44.5.tar.gz\"
archive_sha256 = \"{cd}\"

[[sdist_files]]
file = \"input/json.json\"
archive_path = \"botocore-1.44.5/tests/unit/protocols/input/json.json\"
sha256 = \"{ef}\"

[[sdist_files]]
file = \"output/json.json\"
archive_path = \"botocore-1.44.5/tests/unit/protocols/output/json.json\"
sha256 = \"{one}\"
",
            cd = "cd".repeat(32),
            ef = "ef".repeat(32),
            one = "01".repeat(32),
        );
        assert!(text.ends_with(&expected), "{text}");
    }

    #[test]
    fn runtime_provenance_names_the_partitions_file() {
        let provenance = Provenance {
            version: "1.44.5".into(),
            wheel_file: "botocore-1.44.5-py3-none-any.whl".into(),
            wheel_sha256: "ab".repeat(32),
            entries: vec![ProvenanceEntry {
                file: "partitions.json".into(),
                wheel_path: "botocore/data/partitions.json".into(),
                gunzipped: false,
                sha256: "cd".repeat(32),
            }],
            sdist: None,
        };
        let text = render_runtime_provenance(&provenance);
        assert!(text.starts_with("# Where the files in runtime/data/ come from.\n"));
        assert!(text.ends_with(&format!(
            "[[files]]\nfile = \"partitions.json\"\nwheel_path = \"botocore/data/partitions.json\"\n\
             gunzipped = false\nsha256 = \"{}\"\n",
            "cd".repeat(32)
        )));
    }

    #[test]
    fn each_model_has_its_own_folder_and_endpoint_tests() {
        let models = default_models();
        let dirs = models.iter().map(VendoredModel::dir).collect::<Vec<_>>();
        assert_eq!(
            dirs,
            [
                "models/inspector/2016-02-16",
                "models/inspector2/2020-06-08"
            ]
        );
        assert_eq!(
            models[1].endpoint_tests_in_sdist(),
            "tests/functional/endpoint-rules/inspector2/endpoint-tests-1.json"
        );
        for model in &models {
            assert_eq!(
                model.files.first(),
                Some(&(SERVICE_MODEL_FILE, Need::Required)),
                "{model:?}"
            );
            assert!(
                model
                    .files
                    .contains(&("endpoint-rule-set-1.json", Need::Required)),
                "{model:?}"
            );
            let names = model.files.iter().map(|(name, _)| name);
            assert_eq!(
                names.clone().collect::<BTreeSet<_>>().len(),
                model.files.len(),
                "{model:?}"
            );
            assert!(names.into_iter().all(|name| *name != ENDPOINT_TESTS_FILE));
        }
    }

    #[test]
    fn toml_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(toml_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(toml_string("a\nb"), r#""a\u000Ab""#);
    }

    #[test]
    fn a_missing_python_names_the_program_and_the_python_variable() {
        let python = Python {
            program: "/nonexistent/xtask-test-python3".into(),
            from_env: true,
        };
        let error = python.check_pip().unwrap_err();
        assert!(
            matches!(error, UpdateError::PythonNotFound { .. }),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with(
                "Python interpreter `/nonexistent/xtask-test-python3` (from the PYTHON \
                 environment variable) not found."
            ),
            "{message}"
        );
        assert!(message.contains("PYTHON=/usr/bin/python3 cargo xtask update-models"));
    }

    #[test]
    fn versions_are_checked_before_anything_runs() {
        for good in ["1.44.5", "1.45.0rc1", "1!2.0+local_1"] {
            assert!(is_valid_version(good), "{good}");
        }
        for bad in ["", "1.44.5; x", "../1", "1 2"] {
            assert!(!is_valid_version(bad), "{bad}");
        }
        let python = Python {
            program: "/nonexistent/xtask-test-python3".into(),
            from_env: false,
        };
        let error = stage(Path::new("."), "1/2", &[], &python).err().unwrap();
        assert!(matches!(error, UpdateError::InvalidVersion(_)), "{error:?}");
    }

    #[test]
    fn very_long_output_lines_keep_their_start_and_end() {
        let versions = (0..200).map(|i| format!("1.{i}.0")).collect::<Vec<_>>();
        let line = format!("(from versions: {})", versions.join(", "));
        let text = abbreviate_long_lines(&format!("ERROR: short\n{line}"));
        let lines = text.lines().collect::<Vec<_>>();
        assert_eq!(lines[0], "ERROR: short");
        assert!(lines[1].starts_with("(from versions: 1.0.0, 1.1.0,"));
        assert!(lines[1].ends_with("1.198.0, 1.199.0)"));
        assert!(lines[1].contains(" … "));
        assert_eq!(lines[1].chars().count(), 403);
    }

    #[test]
    fn the_version_comes_from_the_wheel_file_name() {
        assert_eq!(
            wheel_version("botocore-1.44.5-py3-none-any.whl"),
            Some("1.44.5")
        );
        assert_eq!(wheel_version("boto3-1.44.5-py3-none-any.whl"), None);
    }

    #[test]
    fn gzipped_data_files_are_found_and_gunzipped() {
        let temp = TempDir::new().unwrap();
        let dir = temp.0.join("svc").join("2020-01-01");
        std::fs::create_dir_all(&dir).unwrap();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        io::Write::write_all(&mut encoder, b"{}").unwrap();
        std::fs::write(dir.join("service-2.json.gz"), encoder.finish().unwrap()).unwrap();
        std::fs::write(dir.join("paginators-1.json"), b"[]").unwrap();

        let found = find_in_data(&temp.0, &["svc", "2020-01-01"], "service-2.json")
            .unwrap()
            .unwrap();
        assert_eq!(
            found.wheel_path,
            "botocore/data/svc/2020-01-01/service-2.json.gz"
        );
        assert!(found.gunzipped);
        assert_eq!(found.contents, b"{}");
        let plain = find_in_data(&temp.0, &["svc", "2020-01-01"], "paginators-1.json")
            .unwrap()
            .unwrap();
        assert!(!plain.gunzipped);
        assert!(
            find_in_data(&temp.0, &["svc", "2020-01-01"], "waiters-2.json")
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_service_model_of_another_api_version_is_rejected() {
        let error = check_json(
            "x/service-2.json.gz",
            br#"{"metadata": {"apiVersion": "2015-08-18"}}"#,
            Some("2016-02-16"),
        )
        .unwrap_err();
        assert_eq!(
            error.to_string(),
            "x/service-2.json.gz: metadata.apiVersion is \"2015-08-18\", expected \"2016-02-16\""
        );
    }

    /// Downloads botocore from PyPI and checks that the committed files are what
    /// `cargo xtask update-models` would write. Needs network: `cargo test -p xtask -- --ignored`.
    #[test]
    #[ignore = "downloads botocore from PyPI"]
    fn committed_models_match_the_botocore_wheel() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let staged = stage(root, DEFAULT_BOTOCORE_VERSION, &[], &Python::from_env())
            .unwrap_or_else(|e| panic!("{e}"));
        for (path, contents) in &staged.files {
            let on_disk = std::fs::read(root.join(path)).unwrap_or_default();
            assert!(
                on_disk == *contents,
                "{} is stale: run `cargo xtask update-models`",
                path.display()
            );
        }
    }
}
