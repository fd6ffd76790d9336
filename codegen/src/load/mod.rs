//! The load stage: a model source, in any supported format, → the model IR.

mod botocore;
pub mod botocore_suite;
pub mod features;
mod http;
mod json;
pub mod protocol;
mod smithy;
pub mod waiters;

use crate::error::{Error, Result};
use crate::model::{Model, ShapeKind};
use crate::source::ModelSource;

/// The formats a model can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// botocore's JSON service model (`service-2.json`).
    Botocore,
    /// Smithy JSON AST.
    Smithy,
}

/// Tells the format from the main file's content.
pub fn detect(source: &ModelSource) -> Result<Format> {
    let file = &source.main.display;
    let value = json::parse(file, &source.main.text)?;
    let object = value.as_object().ok_or_else(|| {
        Error::model(
            file,
            format!(
                "the model must be a JSON object, found {}",
                json::describe(&value)
            ),
        )
    })?;
    if object.contains_key("smithy") {
        Ok(Format::Smithy)
    } else if object.contains_key("metadata") && object.contains_key("shapes") {
        Ok(Format::Botocore)
    } else {
        Err(Error::model(
            file,
            "neither a botocore service model (no `metadata` and `shapes`) nor a Smithy JSON AST (no `smithy` version)",
        ))
    }
}

/// Loads the model, choosing the loader from the content. A Smithy file must define one service;
/// see [`load_service`] for files that define several.
pub fn load(source: &ModelSource) -> Result<Model> {
    load_service(source, None)
}

/// Loads the service `service` (an absolute shape id, e.g. `aws.protocoltests.restjson#RestJson`)
/// of the model, or, when `None`, its only service. A botocore model holds one service: naming
/// another is an error.
pub fn load_service(source: &ModelSource, service: Option<&str>) -> Result<Model> {
    match detect(source)? {
        Format::Botocore => {
            let model = botocore::load(source)?;
            match service {
                Some(wanted) if wanted != model.service.id.to_string() => {
                    Err(Error::Options(format!(
                        "{}: the model's service is `{}`, not `{wanted}`",
                        source.main.display, model.service.id
                    )))
                }
                _ => Ok(model),
            }
        }
        Format::Smithy => smithy::load(source, service),
    }
}

/// Checks that every reference points at a shape of a kind that fits.
pub(crate) fn check_targets(model: &Model, file: &str) -> Result<()> {
    let missing = |from: &dyn std::fmt::Display, what: &str, target: &dyn std::fmt::Display| {
        Error::shape(
            file,
            from,
            format!("{what} targets `{target}`, which the model does not define"),
        )
    };
    for shape in model.shapes.values() {
        for member in shape.kind.members() {
            let Some(target) = model.shape(&member.target) else {
                return Err(missing(
                    &shape.id,
                    &format!("member `{}`", member.name),
                    &member.target,
                ));
            };
            if matches!(target.kind, ShapeKind::Operation(_)) {
                return Err(Error::shape(
                    file,
                    &shape.id,
                    format!(
                        "member `{}` targets the operation `{}`",
                        member.name, target.id
                    ),
                ));
            }
        }
        if let ShapeKind::Map { key, .. } = &shape.kind {
            let key_kind = &model.shapes[&key.target].kind;
            if !matches!(key_kind, ShapeKind::String | ShapeKind::Enum(_)) {
                return Err(Error::shape(
                    file,
                    &shape.id,
                    format!(
                        "map keys must be strings or string enums, found the {} `{}`",
                        key_kind.name(),
                        key.target
                    ),
                ));
            }
        }
        if let ShapeKind::Operation(operation) = &shape.kind {
            let io = [("input", &operation.input), ("output", &operation.output)];
            for (what, target) in io {
                let Some(target) = target else { continue };
                match model.shape(target) {
                    None => return Err(missing(&shape.id, what, target)),
                    Some(t) if !matches!(t.kind, ShapeKind::Structure(_)) => {
                        return Err(Error::shape(
                            file,
                            &shape.id,
                            format!(
                                "the {what} `{target}` must be a structure, found a {}",
                                t.kind.name()
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
            for error in &operation.errors {
                match model.shape(error) {
                    None => return Err(missing(&shape.id, "an error", error)),
                    Some(e)
                        if e.traits.error.is_none()
                            || !matches!(e.kind, ShapeKind::Structure(_)) =>
                    {
                        return Err(Error::shape(
                            file,
                            &shape.id,
                            format!("the error `{error}` is not an error structure"),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
    for operation in &model.service.operations {
        if model.shape(operation).is_none() {
            return Err(missing(&model.service.id, "an operation", operation));
        }
    }
    Ok(())
}
