//! Reads a model from disk into memory. The only input I/O of the generator: every later stage
//! works on the [`ModelSource`] this returns.

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One file of a model, read into memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// The path as it is shown in messages and in the generated files' header.
    pub display: String,
    /// The file's text.
    pub text: String,
}

/// The files that make up one model.
///
/// A botocore model is a folder holding `service-2.json` and, optionally, `paginators-1.json`
/// (with `paginators-1.sdk-extras.json`), `waiters-2.json`, `examples-1.json`, `endpoint-rule-set-1.json` and `endpoint-tests-1.json`; a Smithy JSON AST
/// model is one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSource {
    /// The main file: `service-2.json` or the Smithy JSON AST.
    pub main: SourceFile,
    /// botocore's `paginators-1.json`, when present beside `service-2.json`.
    pub paginators: Option<SourceFile>,
    /// botocore's `paginators-1.sdk-extras.json`, which botocore merges into
    /// `paginators-1.json` (it adds `non_aggregate_keys`), when present beside it.
    pub paginators_extras: Option<SourceFile>,
    /// botocore's `waiters-2.json`, when present beside `service-2.json`.
    pub waiters: Option<SourceFile>,
    /// botocore's `examples-1.json`, when present beside `service-2.json`.
    pub examples: Option<SourceFile>,
    /// botocore's `endpoint-rule-set-1.json`, when present beside `service-2.json`.
    pub endpoint_rule_set: Option<SourceFile>,
    /// botocore's `endpoint-tests-1.json` (the rule set's test cases, which botocore ships with
    /// its tests), when present beside `service-2.json`.
    pub endpoint_tests: Option<SourceFile>,
}

impl ModelSource {
    /// A model given as text alone (tests, fixtures).
    pub fn from_text(display: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            main: SourceFile {
                display: display.into(),
                text: text.into(),
            },
            paginators: None,
            paginators_extras: None,
            waiters: None,
            examples: None,
            endpoint_rule_set: None,
            endpoint_tests: None,
        }
    }
}

const BOTOCORE_MAIN: &str = "service-2.json";

/// Reads the model at `path`: a botocore model folder, its `service-2.json`, or a Smithy JSON
/// AST file. `display_root`, when given, is stripped from the paths shown in messages and headers.
pub fn read(path: &Path, display_root: Option<&Path>) -> Result<ModelSource> {
    let display = |p: &Path| -> String {
        let shown = display_root
            .and_then(|root| p.strip_prefix(root).ok())
            .unwrap_or(p);
        shown.to_string_lossy().replace('\\', "/")
    };
    let metadata = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let (main_path, folder): (PathBuf, Option<PathBuf>) = if metadata.is_dir() {
        let main = path.join(BOTOCORE_MAIN);
        if !main.is_file() {
            return Err(Error::Options(format!(
                "{}: a model folder must hold `{BOTOCORE_MAIN}`",
                path.display()
            )));
        }
        (main, Some(path.to_path_buf()))
    } else if path.file_name().is_some_and(|n| n == BOTOCORE_MAIN) {
        (path.to_path_buf(), path.parent().map(Path::to_path_buf))
    } else {
        (path.to_path_buf(), None)
    };
    let read_file = |p: &Path| -> Result<SourceFile> {
        let text = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
        Ok(SourceFile {
            display: display(p),
            text,
        })
    };
    let sibling = |name: &str| -> Result<Option<SourceFile>> {
        match &folder {
            Some(folder) if folder.join(name).is_file() => read_file(&folder.join(name)).map(Some),
            _ => Ok(None),
        }
    };
    Ok(ModelSource {
        main: read_file(&main_path)?,
        paginators: sibling("paginators-1.json")?,
        paginators_extras: sibling("paginators-1.sdk-extras.json")?,
        waiters: sibling("waiters-2.json")?,
        examples: sibling("examples-1.json")?,
        endpoint_rule_set: sibling("endpoint-rule-set-1.json")?,
        endpoint_tests: sibling("endpoint-tests-1.json")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_missing_path_names_it() {
        let error = read(Path::new("/no/such/model"), None).unwrap_err();
        assert!(error.to_string().starts_with("/no/such/model: "), "{error}");
    }

    #[test]
    fn reading_a_folder_without_service_json_says_what_is_missing() {
        let dir = std::env::temp_dir().join(format!("codegen-source-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let error = read(&dir, None).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(
            error
                .to_string()
                .ends_with("a model folder must hold `service-2.json`"),
            "{error}"
        );
    }
}
