//! moto for the tests of the generated clients (`inspector2`, `dynamodb`, `sqs`): a Python with
//! `moto[server]` 5.2.5, and moto's server on 127.0.0.1 (`moto_server.py`), killed when
//! dropped. The test packages share it, and share one venv.
//!
//! `MOTO_PYTHON` names a Python that has moto 5.2.5 and its server; otherwise
//! `target/moto-venv` is made with `python3 -m venv` (or `PYTHON3 -m venv`) and moto installed
//! into it, once, as `target/botocore-venv` is made for the botocore tests. moto routes a
//! restJson1 request by botocore's model of the service, so botocore is pinned to the release
//! the crate is generated from.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const MOTO_VERSION: &str = "5.2.5";
pub const BOTOCORE_VERSION: &str = "1.44.5";

/// What `versions` prints for a Python with everything the server needs.
fn wanted() -> String {
    format!("moto {MOTO_VERSION}, botocore {BOTOCORE_VERSION}")
}

/// The Python to run moto with; made once per process.
pub fn python() -> Result<PathBuf, String> {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PYTHON.get_or_init(find_or_make_python).clone()
}

/// The workspace's root: this crate sits two folders below it.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .expect("the crate sits two folders below the workspace root")
        .to_path_buf()
}

fn run(command: &mut Command) -> Result<Output, String> {
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

/// `moto X, botocore Y` for `python`, or `None` when moto, its server or botocore is missing.
fn versions(python: &Path) -> Option<String> {
    let output = Command::new(python)
        .args([
            "-c",
            "import botocore, flask, flask_cors, moto; \
             print(f'moto {moto.__version__}, botocore {botocore.__version__}')",
        ])
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
    if let Some(python) = std::env::var_os("MOTO_PYTHON") {
        let python = PathBuf::from(python);
        return match versions(&python) {
            Some(found) if found == wanted() => Ok(python),
            Some(found) => Err(format!(
                "MOTO_PYTHON={} has {found}; the tests need {} and moto's server",
                python.display(),
                wanted()
            )),
            None => Err(format!(
                "MOTO_PYTHON={} cannot be run or cannot import moto, its server and botocore; \
                 the tests need {}",
                python.display(),
                wanted()
            )),
        };
    }
    let target = workspace_root().join("target");
    let venv = target.join("moto-venv");
    let python = venv_python(&venv);
    if versions(&python).as_deref() == Some(wanted().as_str()) {
        return Ok(python);
    }
    fs::create_dir_all(&target).map_err(|e| format!("cannot create {}: {e}", target.display()))?;
    // Built under a private name and renamed into place, so concurrent test processes never
    // see a half-built venv.
    let building = target.join(format!("moto-venv.building-{}", std::process::id()));
    let _ = fs::remove_dir_all(&building);
    if let Err(problem) = make_venv(&building) {
        let _ = fs::remove_dir_all(&building);
        return Err(problem);
    }
    if venv.exists() && versions(&python).as_deref() != Some(wanted().as_str()) {
        let stale = target.join(format!("moto-venv.stale-{}", std::process::id()));
        let _ = fs::rename(&venv, &stale);
        let _ = fs::remove_dir_all(&stale);
    }
    if fs::rename(&building, &venv).is_err() {
        let _ = fs::remove_dir_all(&building);
    }
    match versions(&python) {
        Some(found) if found == wanted() => Ok(python),
        found => Err(format!(
            "{} has {found:?} after installing {}",
            venv.display(),
            wanted()
        )),
    }
}

fn make_venv(venv: &Path) -> Result<(), String> {
    let base = std::env::var_os("PYTHON3").unwrap_or_else(|| "python3".into());
    Command::new(&base).arg("--version").output().map_err(|e| {
        format!(
            "the moto tests need Python 3, but `{}` cannot be run ({e}); install Python 3, or \
             set MOTO_PYTHON to a Python with moto[server]=={MOTO_VERSION}",
            base.to_string_lossy()
        )
    })?;
    run(Command::new(&base).args(["-m", "venv"]).arg(venv)).map_err(|e| {
        format!(
            "cannot create a venv for moto (on Debian and Ubuntu install `python3-venv`), or set \
             MOTO_PYTHON to a Python with moto[server]=={MOTO_VERSION}:\n{e}"
        )
    })?;
    run(Command::new(venv_python(venv)).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("moto[server]=={MOTO_VERSION}"),
        &format!("botocore=={BOTOCORE_VERSION}"),
    ]))
    .map_err(|e| {
        format!(
            "cannot install moto[server]=={MOTO_VERSION} with pip (is the package index \
             reachable?), or set MOTO_PYTHON to a Python that has it:\n{e}"
        )
    })?;
    Ok(())
}

/// A running moto server; killed when dropped, so a failing test leaves none behind.
pub struct MotoServer {
    child: Child,
    // Held open: the server exits when its stdin closes, even if this process is killed.
    _stdin: ChildStdin,
    port: u16,
    log: PathBuf,
}

impl MotoServer {
    /// Starts moto on 127.0.0.1 on a free port and waits until it answers HTTP.
    pub fn start() -> MotoServer {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        let python = python().unwrap_or_else(|problem| panic!("{problem}"));
        let dir = workspace_root().join("target").join("moto-logs");
        fs::create_dir_all(&dir).unwrap();
        let log = dir.join(format!(
            "{}-{}.log",
            std::process::id(),
            RUNS.fetch_add(1, Ordering::Relaxed)
        ));
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("moto_server.py");
        let mut child = Command::new(&python)
            .arg(&script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(fs::File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", script.display()));
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let mut server = MotoServer {
            child,
            _stdin: stdin,
            port: 0,
            log,
        };
        server.port = line.trim().parse().unwrap_or_else(|_| {
            panic!(
                "moto_server.py printed {line:?} instead of its port; its log:\n{}",
                server.log()
            )
        });
        server.wait_until_ready();
        server
    }

    /// The endpoint URL to give the client.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// What the server wrote on stderr so far: a line per request, moto's tracebacks.
    pub fn log(&self) -> String {
        fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// The log once `done` holds for it, or after ten seconds: moto may finish logging a
    /// request just after the client has its answer.
    pub fn log_when(&self, done: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let log = self.log();
            if done(&log) || Instant::now() > deadline {
                return log;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The requests received whose line contains `needle`, as `METHOD TARGET STATUS` with the
    /// target (path and query) exactly as it arrived, once there are `count` of them (or
    /// after ten seconds).
    pub fn requests_containing(&self, needle: &str, count: usize) -> Vec<String> {
        let matching = |log: &str| -> Vec<String> {
            log.lines()
                .filter_map(|line| line.strip_prefix("request: "))
                .filter(|request| request.contains(needle))
                .map(str::to_owned)
                .collect()
        };
        matching(&self.log_when(|log| matching(log).len() >= count))
    }

    fn wait_until_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            match self.request("GET", "/moto-api/config", None) {
                Ok((status, _)) if status < 300 => return,
                outcome => {
                    if let Ok(Some(exit)) = self.child.try_wait() {
                        panic!("moto exited ({exit}) before it was ready:\n{}", self.log());
                    }
                    if Instant::now() > deadline {
                        panic!(
                            "moto did not answer GET /moto-api/config within a minute \
                             ({outcome:?}):\n{}",
                            self.log()
                        );
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
            }
        }
    }

    /// One HTTP/1.1 request to the server outside the client (moto's own `/moto-api/`): the
    /// status and the body.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        json: Option<&serde_json::Value>,
    ) -> std::io::Result<(u16, String)> {
        let body = json.map(|json| json.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )?;
        let mut response = String::new();
        stream.read_to_string(&mut response)?;
        let status = response
            .split(' ')
            .nth(1)
            .and_then(|status| status.parse().ok())
            .ok_or_else(|| std::io::Error::other(format!("not HTTP: {response:?}")))?;
        let body = response
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
            .to_owned();
        Ok((status, body))
    }
}

impl MotoServer {
    /// Sends `request` (a generated crate's `serialize_request` output, unsigned: moto does
    /// not check signatures) as it is, and returns the response with every header moto sent.
    pub fn exchange(
        &self,
        request: &http::Request<Vec<u8>>,
    ) -> std::io::Result<http::Response<Vec<u8>>> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        let target = request
            .uri()
            .path_and_query()
            .map_or("/", |target| target.as_str());
        let mut head = format!(
            "{} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            request.method(),
            self.port
        );
        for (name, value) in request.headers() {
            if name != http::header::HOST && name != http::header::CONNECTION {
                let value = value.to_str().map_err(std::io::Error::other)?;
                head.push_str(&format!("{name}: {value}\r\n"));
            }
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(request.body())?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let not_http = || {
            std::io::Error::other(format!(
                "not HTTP: {:?}",
                String::from_utf8_lossy(&response)
            ))
        };
        let end = response
            .windows(4)
            .position(|window| window == b"\r\n\r\n")
            .ok_or_else(not_http)?;
        let head = std::str::from_utf8(&response[..end]).map_err(|_| not_http())?;
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|status| status.parse().ok())
            .ok_or_else(not_http)?;
        let mut builder = http::Response::builder().status(status);
        for line in lines {
            let (name, value) = line.split_once(':').ok_or_else(not_http)?;
            builder = builder.header(name.trim(), value.trim());
        }
        builder
            .body(response[end + 4..].to_vec())
            .map_err(std::io::Error::other)
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
