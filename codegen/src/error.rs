//! The generator's error type: every failure says where (file, shape) and what.

use std::fmt;
use std::path::PathBuf;

/// Why generation stopped. Nothing has been written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model is malformed, or uses something the generator does not support.
    #[error("{}", ModelProblem { file, shape: shape.as_deref(), message })]
    Model {
        /// The model file, as the user named it.
        file: String,
        /// The shape the problem is in, when there is one.
        shape: Option<String>,
        /// What is wrong.
        message: String,
    },
    /// The options asked for something the model cannot give (an unknown operation, say).
    #[error("{0}")]
    Options(String),
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

struct ModelProblem<'a> {
    file: &'a str,
    shape: Option<&'a str>,
    message: &'a str,
}

impl fmt::Display for ModelProblem<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.shape {
            Some(shape) => write!(f, "{}: shape `{}`: {}", self.file, shape, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl Error {
    /// A model problem not tied to one shape.
    pub fn model(file: &str, message: impl Into<String>) -> Self {
        Error::Model {
            file: file.to_owned(),
            shape: None,
            message: message.into(),
        }
    }

    /// A model problem in one shape.
    pub fn shape(file: &str, shape: impl fmt::Display, message: impl Into<String>) -> Self {
        Error::Model {
            file: file.to_owned(),
            shape: Some(shape.to_string()),
            message: message.into(),
        }
    }

    /// An I/O failure on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The generator's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_error_names_file_shape_and_problem() {
        let error = Error::shape(
            "service-2.json",
            "ns#Foo",
            "member `bar` targets `Baz`, which does not exist",
        );
        assert_eq!(
            error.to_string(),
            "service-2.json: shape `ns#Foo`: member `bar` targets `Baz`, which does not exist"
        );
    }

    #[test]
    fn model_error_without_shape_names_file_and_problem() {
        let error = Error::model(
            "service-2.json",
            "not JSON: expected value at line 1 column 1",
        );
        assert_eq!(
            error.to_string(),
            "service-2.json: not JSON: expected value at line 1 column 1"
        );
    }
}
