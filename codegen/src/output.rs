//! The output stage, the generator's only writer: puts the rendered files into the output
//! folder, touching only files whose content changed and removing generated files that are no
//! longer generated. Check mode runs the same comparison and writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::render;

/// Write the files, or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write changed files and remove stale ones.
    Write,
    /// Write nothing; report what writing would change.
    Check,
}

/// What an output run changed, or in check mode would change. Paths are relative to the
/// output folder, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files that are new or whose content differs.
    pub written: Vec<String>,
    /// Files already up to date.
    pub unchanged: Vec<String>,
    /// Generated files the generator no longer makes.
    pub removed: Vec<String>,
}

impl Report {
    /// Whether the folder already matched.
    pub fn is_clean(&self) -> bool {
        self.written.is_empty() && self.removed.is_empty()
    }
}

/// Brings `out` in line with `files` (paths relative to `out`, `/`-separated).
pub fn apply(out: &Path, files: &BTreeMap<String, String>, mode: Mode) -> Result<Report> {
    let mut report = Report::default();
    for (relative, content) in files {
        let path = out.join(relative);
        match std::fs::read(&path) {
            Ok(existing) if existing == content.as_bytes() => {
                report.unchanged.push(relative.clone());
            }
            Ok(_) => report.written.push(relative.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report.written.push(relative.clone())
            }
            Err(e) => return Err(Error::io(path, e)),
        }
    }
    for relative in generated_files(out)? {
        if !files.contains_key(&relative) {
            report.removed.push(relative);
        }
    }
    if mode == Mode::Write {
        for relative in &report.written {
            let path = out.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            write_atomically(&path, files[relative].as_bytes())?;
        }
        for relative in &report.removed {
            let path = out.join(relative);
            std::fs::remove_file(&path).map_err(|e| Error::io(&path, e))?;
            remove_empty_parents(out, &path);
        }
    }
    Ok(report)
}

/// Writes through a temporary file in the same folder, so a reader never sees half a file.
fn write_atomically(path: &Path, content: &[u8]) -> Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, content).map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| Error::io(path, e))
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || std::fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// The files under `out` that carry the generated-file header, relative and sorted. The
/// `target` folder is skipped.
fn generated_files(out: &Path) -> Result<Vec<String>> {
    let mut found = Vec::new();
    if !out.exists() {
        return Ok(found);
    }
    let mut pending = vec![out.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(&dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::io(&dir, e))?;
            let path = entry.path();
            let file_type = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if file_type.is_dir() {
                if entry.file_name() != "target" {
                    pending.push(path);
                }
            } else if file_type.is_file()
                && path.extension().is_some_and(|e| e == "rs" || e == "toml")
            {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                if render::is_generated(&text) {
                    let relative = path.strip_prefix(out).expect("walked from out");
                    found.push(relative.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("codegen-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, String> {
        entries
            .iter()
            .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
            .collect()
    }

    const HEADER: &str = "// Code generated by `cargo xtask codegen` from m. DO NOT EDIT.\n";

    #[test]
    fn writes_new_files_then_leaves_unchanged_ones_alone() {
        let out = temp_dir("write");
        let wanted = files(&[
            ("src/lib.rs", HEADER),
            (
                "Cargo.toml",
                "# Code generated by `cargo xtask codegen` x\n",
            ),
        ]);
        let first = apply(&out, &wanted, Mode::Write).unwrap();
        assert_eq!(first.written, ["Cargo.toml", "src/lib.rs"]);
        let second = apply(&out, &wanted, Mode::Write).unwrap();
        assert!(second.is_clean());
        assert_eq!(second.unchanged.len(), 2);
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn removes_generated_files_no_longer_generated_but_keeps_other_files() {
        let out = temp_dir("remove");
        apply(
            &out,
            &files(&[("src/a.rs", HEADER), ("src/b/c.rs", HEADER)]),
            Mode::Write,
        )
        .unwrap();
        std::fs::write(out.join("src/hand.rs"), "fn main() {}").unwrap();
        let report = apply(&out, &files(&[("src/a.rs", HEADER)]), Mode::Write).unwrap();
        assert_eq!(report.removed, ["src/b/c.rs"]);
        assert!(!out.join("src/b").exists(), "the emptied folder is removed");
        assert!(out.join("src/hand.rs").exists());
        std::fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn check_mode_reports_stale_files_and_writes_nothing() {
        let out = temp_dir("check");
        apply(
            &out,
            &files(&[("src/a.rs", HEADER), ("src/old.rs", HEADER)]),
            Mode::Write,
        )
        .unwrap();
        let changed = format!("{HEADER}// changed\n");
        let report = apply(
            &out,
            &files(&[("src/a.rs", &changed), ("src/new.rs", HEADER)]),
            Mode::Check,
        )
        .unwrap();
        assert_eq!(report.written, ["src/a.rs", "src/new.rs"]);
        assert_eq!(report.removed, ["src/old.rs"]);
        assert_eq!(
            std::fs::read_to_string(out.join("src/a.rs")).unwrap(),
            HEADER
        );
        assert!(!out.join("src/new.rs").exists());
        assert!(out.join("src/old.rs").exists());
        std::fs::remove_dir_all(&out).unwrap();
    }
}
