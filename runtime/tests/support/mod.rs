//! Test support: the scripted AWS server (`tests/server/aws_server.py`) run on 127.0.0.1.

#![allow(dead_code)] // Each test file uses its own part of the support module.

pub mod python;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

/// A running `aws_server.py`; killed when dropped.
pub struct AwsServer {
    child: Child,
    // Held open: the server exits when its stdin closes.
    _stdin: ChildStdin,
    port: u16,
    log: PathBuf,
}

impl AwsServer {
    /// Starts the server on `scenario` (the format is documented in `aws_server.py`).
    pub fn start(scenario: &Value) -> AwsServer {
        Self::start_script("aws_server.py", scenario)
    }

    /// Starts `runtime/tests/server/<script>` on `scenario`; the script takes the same
    /// arguments and prints its port as `aws_server.py` does.
    pub fn start_script(script: &str, scenario: &Value) -> AwsServer {
        static RUNS: AtomicUsize = AtomicUsize::new(0);
        let python = python::python().unwrap_or_else(|problem| panic!("{problem}"));
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("aws-server")
            .join(format!(
                "{}-{}",
                std::process::id(),
                RUNS.fetch_add(1, Ordering::Relaxed)
            ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let scenario_path = dir.join("scenario.json");
        let log = dir.join("log.jsonl");
        std::fs::write(&scenario_path, serde_json::to_vec_pretty(scenario).unwrap()).unwrap();
        // By the workspace root, so test crates other than the runtime's can use it too.
        let script = python::workspace_root()
            .join("runtime/tests/server")
            .join(script);
        let mut child = Command::new(&python)
            .arg(&script)
            .arg(&scenario_path)
            .arg(&log)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", script.display()));
        let stdin = child.stdin.take().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{script:?} printed {line:?} instead of its port"));
        AwsServer {
            child,
            _stdin: stdin,
            port,
            log,
        }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The requests received so far, as the server logged them.
    pub fn requests(&self) -> Vec<Value> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

impl AwsServer {
    /// One record per chunked response that ended, as the server logged it: the chunks it had,
    /// those it sent, and whether the client closed the connection before the end.
    pub fn streams(&self) -> Vec<Value> {
        let mut path = self.log.clone().into_os_string();
        path.push(".streams");
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect()
    }
}

impl Drop for AwsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
