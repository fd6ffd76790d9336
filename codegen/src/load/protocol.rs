//! The protocols a model names, and the one the generated crate speaks, for both loaders.

use crate::model::Protocol;

/// botocore's `PRIORITY_ORDERED_SUPPORTED_PROTOCOLS` (`botocore/utils.py`, 1.44.5): when a
/// model names several protocols, botocore speaks the first of this list the model names.
pub const BOTOCORE_PRIORITY: &[&str] = &[
    "json",
    "rest-json",
    "rest-xml",
    "smithy-rpc-v2-cbor",
    "query",
    "ec2",
];

/// Smithy's protocol traits, with the botocore name of each.
pub const PROTOCOL_TRAITS: &[(&str, &str)] = &[
    ("aws.protocols#awsJson1_0", "json"),
    ("aws.protocols#awsJson1_1", "json"),
    ("aws.protocols#restJson1", "rest-json"),
    ("aws.protocols#restXml", "rest-xml"),
    ("smithy.protocols#rpcv2Cbor", "smithy-rpc-v2-cbor"),
    ("aws.protocols#awsQuery", "query"),
    ("aws.protocols#ec2Query", "ec2"),
];

/// Whether the Smithy trait `id` names a protocol.
pub fn is_protocol_trait(id: &str) -> bool {
    PROTOCOL_TRAITS.iter().any(|(trait_id, _)| *trait_id == id)
}

/// The Smithy trait id of the botocore protocol `name`; `json_version` tells awsJson 1.0 from
/// 1.1. A name botocore does not know is kept as it is.
pub fn botocore_protocol_id(name: &str, json_version: &str) -> String {
    match (name, json_version) {
        ("json", "1.1") => "aws.protocols#awsJson1_1".to_owned(),
        ("json", _) => "aws.protocols#awsJson1_0".to_owned(),
        _ => PROTOCOL_TRAITS
            .iter()
            .find(|(_, botocore)| *botocore == name)
            .map_or_else(|| name.to_owned(), |(id, _)| (*id).to_owned()),
    }
}

/// Of the protocols `listed` (Smithy trait ids), the first the generator supports in
/// [`BOTOCORE_PRIORITY`] order.
pub fn choose(listed: &[String]) -> Option<Protocol> {
    BOTOCORE_PRIORITY.iter().find_map(|family| {
        listed.iter().find_map(|id| {
            let in_family = PROTOCOL_TRAITS
                .iter()
                .any(|(trait_id, botocore)| trait_id == id && botocore == family);
            in_family.then(|| Protocol::from_trait_id(id)).flatten()
        })
    })
}

/// The protocols the generator supports, for messages.
pub fn supported() -> String {
    [
        Protocol::AwsJson1_0,
        Protocol::AwsJson1_1,
        Protocol::RestJson1,
    ]
    .map(|p| format!("`{}`", p.trait_id()))
    .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(names: &[&str]) -> Vec<String> {
        names
            .iter()
            .map(|n| botocore_protocol_id(n, "1.0"))
            .collect()
    }

    #[test]
    fn json_comes_before_cbor_whatever_the_model_order() {
        assert_eq!(
            choose(&ids(&["smithy-rpc-v2-cbor", "json"])),
            Some(Protocol::AwsJson1_0)
        );
        assert_eq!(
            choose(&ids(&["smithy-rpc-v2-cbor", "json", "query"])),
            Some(Protocol::AwsJson1_0)
        );
    }

    #[test]
    fn json_version_picks_the_aws_json_protocol() {
        assert_eq!(
            choose(&[botocore_protocol_id("json", "1.1")]),
            Some(Protocol::AwsJson1_1)
        );
        assert_eq!(
            choose(&[botocore_protocol_id("json", "1.0")]),
            Some(Protocol::AwsJson1_0)
        );
    }

    #[test]
    fn rest_json_is_chosen_and_unsupported_protocols_are_not() {
        assert_eq!(choose(&ids(&["rest-json"])), Some(Protocol::RestJson1));
        assert_eq!(choose(&ids(&["rest-xml", "query"])), None);
        assert_eq!(
            choose(&ids(&["rest-xml", "rest-json"])),
            Some(Protocol::RestJson1)
        );
    }

    #[test]
    fn botocore_names_map_to_smithy_trait_ids() {
        assert_eq!(
            ids(&[
                "rest-json",
                "rest-xml",
                "smithy-rpc-v2-cbor",
                "query",
                "ec2",
                "new"
            ]),
            [
                "aws.protocols#restJson1",
                "aws.protocols#restXml",
                "smithy.protocols#rpcv2Cbor",
                "aws.protocols#awsQuery",
                "aws.protocols#ec2Query",
                "new"
            ]
        );
    }
}
