//! The client's auth: the service's and each operation's auth schemes as
//! `service_runtime::AuthScheme` lists, which the runtime chooses from at each call.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Model, Operation};

/// The runtime's variant for a Smithy auth scheme id; `None` for schemes the runtime does not
/// send with (`aws.auth#cognitoUserPools`, HTTP basic and digest auth), which are left out of
/// the lists as botocore leaves out the schemes it has no signer for.
fn scheme(id: &str) -> Option<TokenStream> {
    Some(match id {
        "aws.auth#sigv4" => quote!(service_runtime::AuthScheme::SigV4),
        "aws.auth#sigv4a" => quote!(service_runtime::AuthScheme::SigV4a),
        "smithy.api#httpBearerAuth" => quote!(service_runtime::AuthScheme::Bearer),
        "smithy.api#noAuth" => quote!(service_runtime::AuthScheme::NoAuth),
        _ => return None,
    })
}

/// `&[service_runtime::AuthScheme::…, …]` for a list of scheme ids, in the model's order.
fn scheme_list(ids: &[String]) -> TokenStream {
    let schemes = ids.iter().filter_map(|id| scheme(id));
    quote!(&[#(#schemes),*])
}

/// The service's schemes, for `Service::auth` (an empty list means SigV4 to the runtime).
pub fn service_schemes(model: &Model) -> TokenStream {
    scheme_list(&model.service.auth)
}

/// The operation's `Option<service_runtime::OperationAuth>`: `None` when it follows the
/// service's auth, signs its payload and needs its auth. No auth (`Some(vec![])` in the model) is
/// `[NoAuth]`; a list of only unsupported schemes is left to the service's.
pub fn operation_auth(operation: &Operation) -> TokenStream {
    let schemes = match operation.auth.as_deref() {
        None => None,
        Some([]) => Some(quote!(&[service_runtime::AuthScheme::NoAuth])),
        Some(ids) if ids.iter().any(|id| scheme(id).is_some()) => Some(scheme_list(ids)),
        Some(_) => None,
    };
    let unsigned_payload = operation.unsigned_payload;
    let optional = operation.optional_auth;
    if schemes.is_none() && !unsigned_payload && !optional {
        return quote!(None);
    }
    let schemes = match schemes {
        Some(list) => quote!(Some(#list)),
        None => quote!(None),
    };
    quote! {
        Some(service_runtime::OperationAuth {
            schemes: #schemes,
            unsigned_payload: #unsigned_payload,
            optional: #optional,
        })
    }
}

/// Whether a call may be signed with SigV4a: the service or an operation lists it, or the
/// endpoint rule set can return it in `authSchemes`. The crate's client then turns on the
/// runtime's `sigv4a` feature.
pub fn uses_sigv4a(model: &Model) -> bool {
    const SIGV4A: &str = "aws.auth#sigv4a";
    model.service.auth.iter().any(|id| id == SIGV4A)
        || model
            .operations()
            .any(|(_, operation)| operation.auth.iter().flatten().any(|id| id == SIGV4A))
        || model
            .service
            .endpoint_rule_set
            .as_ref()
            .is_some_and(|rules| rules.auth_scheme_names().contains("sigv4a"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_schemes_are_left_out_and_no_auth_is_a_list_of_no_auth() {
        let mut operation = Operation::default();
        assert_eq!(operation_auth(&operation).to_string(), "None");
        operation.auth = Some(Vec::new());
        let text = operation_auth(&operation).to_string();
        assert!(text.contains("AuthScheme :: NoAuth"), "{text}");
        operation.auth = Some(vec!["aws.auth#cognitoUserPools".to_owned()]);
        assert_eq!(operation_auth(&operation).to_string(), "None");
        operation.unsigned_payload = true;
        let text = operation_auth(&operation).to_string();
        assert!(
            text.contains("schemes : None") && text.contains("unsigned_payload : true"),
            "{text}"
        );
        let optional = Operation {
            optional_auth: true,
            ..Operation::default()
        };
        let text = operation_auth(&optional).to_string();
        assert!(text.contains("optional : true"), "{text}");
        let list = scheme_list(&[
            "smithy.api#httpBearerAuth".to_owned(),
            "aws.auth#cognitoUserPools".to_owned(),
            "aws.auth#sigv4".to_owned(),
        ])
        .to_string();
        assert_eq!(
            list,
            "& [service_runtime :: AuthScheme :: Bearer , service_runtime :: AuthScheme :: SigV4]"
        );
    }
}
