//! Request compression: operations with Smithy's `requestCompression` trait (botocore's
//! `requestcompression`) send bodies of at least the runtime's minimum size gzip-compressed.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Model, ShapeId, ShapeKind};

/// The encodings an operation may compress its requests with, as the model lists them.
fn encodings<'m>(model: &'m Model, operation_id: &ShapeId) -> Vec<&'m str> {
    match &model.shapes[operation_id].kind {
        ShapeKind::Operation(operation) => operation
            .request_compression
            .iter()
            .flat_map(|compression| compression.encodings.iter().map(String::as_str))
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether the operation compresses its requests with gzip, the one encoding supported.
pub fn gzips(model: &Model, operation_id: &ShapeId) -> bool {
    encodings(model, operation_id).contains(&"gzip")
}

/// Whether any operation of the model compresses its requests, so the crate needs the
/// runtime's `gzip` feature.
pub fn any(model: &Model) -> bool {
    model.operations().any(|(id, _)| gzips(model, id))
}

/// The statement that compresses `request` when the operation asks for it; nothing otherwise.
pub fn emit(model: &Model, operation_id: &ShapeId) -> TokenStream {
    if gzips(model, operation_id) {
        quote! {
            service_runtime::compression::gzip_if_large(
                &mut request,
                service_runtime::compression::DEFAULT_MIN_SIZE,
            );
        }
    } else {
        TokenStream::new()
    }
}
