//! What the loaders do with each Smithy trait and botocore key: read it into the IR, ignore it on
//! purpose because it does not change what goes on the wire, or refuse the model because it
//! changes the wire in a way the IR does not carry. No feature is dropped silently: a trait or
//! key this module does not list is refused, unless it is a Smithy trait of a namespace the
//! generator does not know (custom traits, `smithy.test#…`), which cannot change an AWS
//! protocol's wire and is carried in [`Traits::other`](crate::model::Traits::other).
//!
//! botocore's side files are read by their own loaders, which refuse keys they do not know:
//! `waiters-2.json` by [`super::waiters`]; `paginators-1.json` and `examples-1.json` are read
//! for the keys the IR carries.

/// What a loader does with one trait or key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// Read into a typed part of the IR.
    Read,
    /// Not read: it has no effect on the wire (documentation, tooling hints, Python-side
    /// behaviour). Carried unchanged in `Traits::other`. The text says why it can be ignored.
    Ignored(&'static str),
    /// The model is refused: the feature changes the wire and the IR does not carry it. The text
    /// says what is missing.
    Refused(&'static str),
    /// An XML protocol feature: refused when the model's protocol has XML bodies, ignored (and
    /// carried in `Traits::other`) when it has JSON ones, where it has no effect.
    RefusedInXml(&'static str),
}

impl Handling {
    /// What the handling comes to for a model whose bodies are XML (`xml_body`) or not.
    pub fn for_body(self, xml_body: bool) -> Handling {
        match self {
            Handling::RefusedInXml(why) if xml_body => Refused(why),
            Handling::RefusedInXml(_) => Ignored("an XML protocol feature; the bodies are JSON"),
            other => other,
        }
    }
}

use Handling::{Ignored, Read, Refused, RefusedInXml};

const DOCUMENTATION: Handling = Ignored("documentation only");

/// Smithy traits by id. See [`smithy_trait`] for those not listed.
pub const SMITHY_TRAITS: &[(&str, Handling)] = &[
    // Shapes, members and constraints.
    ("smithy.api#documentation", Read),
    ("smithy.api#required", Read),
    ("smithy.api#default", Read),
    ("smithy.api#length", Read),
    ("smithy.api#range", Read),
    ("smithy.api#pattern", Read),
    ("smithy.api#enum", Read),
    ("smithy.api#enumValue", Read),
    ("smithy.api#box", Read),
    ("smithy.api#mixin", Read),
    ("smithy.api#sensitive", Read),
    ("smithy.api#deprecated", Read),
    ("smithy.api#paginated", Read),
    ("smithy.api#idempotencyToken", Read),
    ("smithy.api#examples", Read),
    ("smithy.api#title", Read),
    ("smithy.api#error", Read),
    ("smithy.api#httpError", Read),
    ("smithy.api#retryable", Read),
    // Serialization.
    ("smithy.api#timestampFormat", Read),
    ("smithy.api#jsonName", Read),
    ("smithy.api#mediaType", Read),
    ("smithy.api#sparse", Read),
    ("smithy.api#xmlName", Read),
    ("smithy.api#xmlAttribute", Read),
    ("smithy.api#xmlFlattened", Read),
    ("smithy.api#xmlNamespace", Read),
    // HTTP bindings.
    ("smithy.api#http", Read),
    ("smithy.api#httpLabel", Read),
    ("smithy.api#httpQuery", Read),
    ("smithy.api#httpQueryParams", Read),
    ("smithy.api#httpHeader", Read),
    ("smithy.api#httpPrefixHeaders", Read),
    ("smithy.api#httpPayload", Read),
    ("smithy.api#httpResponseCode", Read),
    ("smithy.api#httpChecksumRequired", Read),
    ("smithy.api#endpoint", Read),
    ("smithy.api#hostLabel", Read),
    // Streams.
    ("smithy.api#streaming", Read),
    ("smithy.api#requiresLength", Read),
    ("smithy.api#eventHeader", Read),
    ("smithy.api#eventPayload", Read),
    ("smithy.api#requestCompression", Read),
    // Auth.
    ("smithy.api#auth", Read),
    ("smithy.api#httpBearerAuth", Read),
    ("smithy.api#httpBasicAuth", Read),
    ("smithy.api#httpDigestAuth", Read),
    (
        "smithy.api#httpApiKeyAuth",
        Refused("the API key's header or query parameter is not carried"),
    ),
    ("smithy.api#optionalAuth", Read),
    ("aws.auth#sigv4", Read),
    ("aws.auth#sigv4a", Read),
    ("aws.auth#cognitoUserPools", Read),
    ("aws.auth#unsignedPayload", Read),
    // AWS protocols and services.
    ("aws.api#service", Read),
    ("aws.protocols#awsJson1_0", Read),
    ("aws.protocols#awsJson1_1", Read),
    ("aws.protocols#restJson1", Read),
    ("aws.protocols#restXml", Read),
    ("aws.protocols#awsQuery", Read),
    ("aws.protocols#ec2Query", Read),
    ("smithy.protocols#rpcv2Cbor", Read),
    ("aws.protocols#awsQueryCompatible", Read),
    ("aws.protocols#awsQueryError", Read),
    ("aws.protocols#httpChecksum", Read),
    (
        "aws.protocols#ec2QueryName",
        RefusedInXml("ec2Query's member names are not carried"),
    ),
    (
        "aws.customizations#s3UnwrappedXmlOutput",
        RefusedInXml("S3's unwrapped XML output is not carried"),
    ),
    ("aws.api#clientDiscoveredEndpoint", Read),
    (
        "aws.api#clientEndpointDiscovery",
        Ignored("names the discovery operation, which botocore models mark themselves"),
    ),
    (
        "aws.api#clientEndpointDiscoveryId",
        Ignored("only used by endpoint discovery, whose client calls are left out"),
    ),
    // Endpoint rules.
    ("smithy.rules#endpointRuleSet", Read),
    ("smithy.rules#endpointTests", Read),
    ("smithy.rules#clientContextParams", Read),
    ("smithy.rules#contextParam", Read),
    ("smithy.rules#staticContextParams", Read),
    ("smithy.rules#operationContextParams", Read),
    (
        "smithy.rules#endpointBdd",
        Refused("the endpoint rules as a decision diagram are not carried"),
    ),
    // No wire effect.
    ("smithy.api#clientOptional", Read),
    (
        "smithy.api#addedDefault",
        Ignored("the default itself is read"),
    ),
    (
        "smithy.api#input",
        Ignored("marks an operation's input structure"),
    ),
    (
        "smithy.api#output",
        Ignored("marks an operation's output structure"),
    ),
    (
        "smithy.api#readonly",
        Ignored("the operation's behaviour, not its messages"),
    ),
    (
        "smithy.api#idempotent",
        Ignored("the operation's behaviour, not its messages"),
    ),
    (
        "smithy.api#uniqueItems",
        Ignored("a constraint the service checks"),
    ),
    ("smithy.api#idRef", Ignored("a constraint on trait values")),
    ("smithy.api#private", Ignored("model visibility")),
    ("smithy.api#internal", Ignored("model visibility")),
    ("smithy.api#unstable", DOCUMENTATION),
    ("smithy.api#since", DOCUMENTATION),
    ("smithy.api#tags", DOCUMENTATION),
    ("smithy.api#externalDocumentation", DOCUMENTATION),
    ("smithy.api#recommended", DOCUMENTATION),
    ("smithy.api#suppress", Ignored("silences model validation")),
    (
        "smithy.api#unitType",
        Ignored("marks the prelude's unit shape"),
    ),
    ("smithy.api#trait", Ignored("defines a trait")),
    (
        "smithy.api#protocolDefinition",
        Ignored("defines a protocol trait"),
    ),
    (
        "smithy.api#authDefinition",
        Ignored("defines an auth trait"),
    ),
    (
        "smithy.api#traitValidators",
        Ignored("validates trait values"),
    ),
    ("smithy.api#references", Ignored("resource modelling")),
    (
        "smithy.api#resourceIdentifier",
        Ignored("resource modelling"),
    ),
    ("smithy.api#property", Ignored("resource modelling")),
    ("smithy.api#notProperty", Ignored("resource modelling")),
    ("smithy.api#nestedProperties", Ignored("resource modelling")),
    ("smithy.api#noReplace", Ignored("resource modelling")),
    (
        "smithy.api#cors",
        Ignored("browser access to the service, set by the server"),
    ),
    ("aws.api#arn", Ignored("resource modelling")),
    ("aws.api#arnReference", Ignored("resource modelling")),
    ("aws.api#controlPlane", DOCUMENTATION),
    ("aws.api#dataPlane", DOCUMENTATION),
    ("aws.api#data", DOCUMENTATION),
    ("aws.api#tagEnabled", Ignored("resource modelling")),
    ("aws.api#taggable", Ignored("resource modelling")),
    // Client behaviour.
    ("smithy.waiters#waitable", Read),
];

/// Namespaces whose traits must be listed in [`SMITHY_TRAITS`]: a trait of these that is not
/// listed is refused, since it may change the wire.
pub const SMITHY_CHECKED_NAMESPACES: &[&str] = &[
    "smithy.api",
    "smithy.protocols",
    "smithy.rules",
    "aws.api",
    "aws.auth",
    "aws.protocols",
    "aws.customizations",
    "smithy.waiters",
];

/// What the Smithy loader does with the trait `id`.
pub fn smithy_trait(id: &str) -> Handling {
    if let Some((_, handling)) = SMITHY_TRAITS.iter().find(|(known, _)| *known == id) {
        return *handling;
    }
    let namespace = id.split_once('#').map_or(id, |(namespace, _)| namespace);
    if SMITHY_CHECKED_NAMESPACES.contains(&namespace) {
        Refused("the generator does not know this trait, so it cannot tell its effect on the wire")
    } else {
        Ignored("a trait of a namespace the AWS protocols do not read")
    }
}

/// The places of a botocore model that hold keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BotocorePlace {
    /// The top level of `service-2.json`.
    Root,
    /// `metadata`.
    Metadata,
    /// An operation.
    Operation,
    /// An operation's `input` or `output` reference.
    OperationIo,
    /// A shape.
    Shape,
    /// A member of a structure, or a list's `member`, a map's `key` or `value`.
    Member,
}

/// botocore keys by place. A key not listed for its place is refused.
pub const BOTOCORE_KEYS: &[(BotocorePlace, &[(&str, Handling)])] = &[
    (
        BotocorePlace::Root,
        &[
            ("metadata", Read),
            ("operations", Read),
            ("shapes", Read),
            ("documentation", Read),
            ("clientContextParams", Read),
            ("version", Ignored("the version of the model format")),
            ("examples", DOCUMENTATION),
            ("deprecated", DOCUMENTATION),
            ("deprecatedMessage", DOCUMENTATION),
        ],
    ),
    (
        BotocorePlace::Metadata,
        &[
            ("apiVersion", Read),
            ("endpointPrefix", Read),
            ("protocol", Read),
            ("protocols", Read),
            ("jsonVersion", Read),
            ("targetPrefix", Read),
            ("serviceId", Read),
            ("serviceAbbreviation", Read),
            ("serviceFullName", Read),
            ("signingName", Read),
            ("signatureVersion", Read),
            ("auth", Read),
            ("xmlNamespace", Read),
            ("awsQueryCompatible", Read),
            ("uid", Ignored("an id for documentation")),
            ("ripServiceName", Ignored("an internal name")),
            (
                "globalEndpoint",
                Ignored("the endpoint rule set decides the endpoint"),
            ),
            (
                "protocolSettings",
                Ignored("which HTTP version to prefer; the messages are the same"),
            ),
            (
                "checksumFormat",
                Ignored(
                    "Glacier's tree hashes: the operations that need them stream their body and \
                     are left out",
                ),
            ),
        ],
    ),
    (
        BotocorePlace::Operation,
        &[
            ("name", Read),
            ("http", Read),
            ("input", Read),
            ("output", Read),
            ("errors", Read),
            ("documentation", Read),
            ("deprecated", Read),
            ("deprecatedMessage", Read),
            ("deprecatedSince", Read),
            ("endpoint", Read),
            ("requestcompression", Read),
            ("httpChecksumRequired", Read),
            ("httpChecksum", Read),
            ("auth", Read),
            ("authtype", Read),
            ("unsignedPayload", Read),
            ("staticContextParams", Read),
            ("operationContextParams", Read),
            // A required one is refused where it is read.
            ("endpointdiscovery", Read),
            ("endpointoperation", Read),
            (
                "idempotent",
                Ignored("the operation's behaviour, not its messages"),
            ),
            (
                "readonly",
                Ignored("the operation's behaviour, not its messages"),
            ),
            ("documentationUrl", DOCUMENTATION),
        ],
    ),
    (
        BotocorePlace::OperationIo,
        &[
            ("shape", Read),
            ("documentation", DOCUMENTATION),
            (
                "locationName",
                RefusedInXml("the root element name of an XML body is not carried"),
            ),
            (
                "xmlNamespace",
                RefusedInXml("the namespace of an XML body's root element is not carried"),
            ),
            (
                "resultWrapper",
                RefusedInXml("awsQuery's result wrapper element is not carried"),
            ),
            (
                "wrapper",
                RefusedInXml("awsQuery's output wrapper element is not carried"),
            ),
        ],
    ),
    (
        BotocorePlace::Shape,
        &[
            ("type", Read),
            ("members", Read),
            ("member", Read),
            ("key", Read),
            ("value", Read),
            ("required", Read),
            ("documentation", Read),
            ("min", Read),
            ("max", Read),
            ("pattern", Read),
            ("enum", Read),
            ("exception", Read),
            ("fault", Read),
            ("error", Read),
            ("retryable", Read),
            ("sensitive", Read),
            ("deprecated", Read),
            ("deprecatedMessage", Read),
            ("deprecatedSince", Read),
            ("timestampFormat", Read),
            ("union", Read),
            ("document", Read),
            ("payload", Read),
            ("streaming", Read),
            ("requiresLength", Read),
            ("eventstream", Read),
            ("sparse", Read),
            ("flattened", Read),
            ("xmlNamespace", Read),
            ("locationName", Read),
            (
                "box",
                Ignored("nullability of botocore's Python values, not of the wire"),
            ),
            (
                "event",
                Ignored("marks a member of an event stream, which the stream's union says"),
            ),
            (
                "synthetic",
                Ignored("marks a shape the conversion from Smithy made"),
            ),
            (
                "wrapper",
                RefusedInXml("awsQuery's wrapper element is not carried"),
            ),
            (
                "xmlOrder",
                RefusedInXml("the order of XML elements is not carried"),
            ),
        ],
    ),
    (
        BotocorePlace::Member,
        &[
            ("shape", Read),
            ("documentation", Read),
            ("idempotencyToken", Read),
            ("deprecated", Read),
            ("deprecatedMessage", Read),
            ("deprecatedSince", Read),
            ("timestampFormat", Read),
            ("location", Read),
            ("locationName", Read),
            ("hostLabel", Read),
            ("streaming", Read),
            ("jsonvalue", Read),
            ("eventheader", Read),
            ("eventpayload", Read),
            ("contextParam", Read),
            ("flattened", Read),
            ("xmlNamespace", Read),
            ("xmlAttribute", Read),
            (
                "box",
                Ignored("nullability of botocore's Python values, not of the wire"),
            ),
            (
                "enum",
                Ignored("values listed for documentation; botocore does not check them"),
            ),
            (
                "queryName",
                RefusedInXml("ec2Query's member names are not carried"),
            ),
        ],
    ),
];

/// What the botocore loader does with `key` at `place`.
pub fn botocore_key(place: BotocorePlace, key: &str) -> Handling {
    BOTOCORE_KEYS
        .iter()
        .find(|(p, _)| *p == place)
        .and_then(|(_, keys)| keys.iter().find(|(k, _)| *k == key))
        .map_or(
            Refused(
                "the generator does not know this key, so it cannot tell its effect on the wire",
            ),
            |(_, handling)| *handling,
        )
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    #[test]
    fn xml_features_are_refused_in_xml_protocols_and_ignored_in_json_ones() {
        for handling in [
            smithy_trait("aws.protocols#ec2QueryName"),
            botocore_key(BotocorePlace::Member, "queryName"),
            botocore_key(BotocorePlace::OperationIo, "resultWrapper"),
            botocore_key(BotocorePlace::Shape, "xmlOrder"),
            botocore_key(BotocorePlace::Shape, "wrapper"),
        ] {
            assert!(
                matches!(handling.for_body(true), Refused(_)),
                "{handling:?}"
            );
            assert!(
                matches!(handling.for_body(false), Ignored(_)),
                "{handling:?}"
            );
        }
        assert_eq!(Read.for_body(true), Read);
    }

    #[test]
    fn no_trait_or_key_is_listed_twice() {
        let mut seen = BTreeSet::new();
        for (id, _) in SMITHY_TRAITS {
            assert!(seen.insert(*id), "{id} is listed twice");
        }
        for (place, keys) in BOTOCORE_KEYS {
            let mut seen = BTreeSet::new();
            for (key, _) in *keys {
                assert!(seen.insert(*key), "{place:?} {key} is listed twice");
            }
        }
    }

    #[test]
    fn every_listed_smithy_trait_is_in_a_checked_namespace() {
        for (id, _) in SMITHY_TRAITS {
            let namespace = id.split_once('#').unwrap().0;
            assert!(SMITHY_CHECKED_NAMESPACES.contains(&namespace), "{id}");
        }
    }

    #[test]
    fn protocol_facts_are_read() {
        for id in [
            "smithy.api#http",
            "smithy.api#httpLabel",
            "smithy.api#httpQuery",
            "smithy.api#httpQueryParams",
            "smithy.api#httpHeader",
            "smithy.api#httpPrefixHeaders",
            "smithy.api#httpPayload",
            "smithy.api#httpResponseCode",
            "smithy.api#endpoint",
            "smithy.api#hostLabel",
            "smithy.api#jsonName",
            "smithy.api#timestampFormat",
            "smithy.api#xmlName",
            "smithy.api#xmlFlattened",
            "smithy.api#xmlNamespace",
            "smithy.api#xmlAttribute",
            "smithy.api#streaming",
            "smithy.api#requestCompression",
            "smithy.api#mediaType",
            "smithy.api#sparse",
            "aws.protocols#awsQueryCompatible",
            "aws.protocols#awsQueryError",
        ] {
            assert_eq!(smithy_trait(id), Read, "{id}");
        }
        for (place, key) in [
            (BotocorePlace::Operation, "http"),
            (BotocorePlace::Operation, "endpoint"),
            (BotocorePlace::Operation, "requestcompression"),
            (BotocorePlace::Member, "location"),
            (BotocorePlace::Member, "locationName"),
            (BotocorePlace::Member, "hostLabel"),
            (BotocorePlace::Member, "streaming"),
            (BotocorePlace::Shape, "payload"),
            (BotocorePlace::Shape, "eventstream"),
            (BotocorePlace::Shape, "sparse"),
            (BotocorePlace::Shape, "flattened"),
            (BotocorePlace::Metadata, "awsQueryCompatible"),
        ] {
            assert_eq!(botocore_key(place, key), Read, "{place:?} {key}");
        }
    }

    #[test]
    fn documentation_traits_are_ignored() {
        for id in [
            "smithy.api#tags",
            "smithy.api#externalDocumentation",
            "smithy.api#since",
            "smithy.api#suppress",
            "smithy.api#readonly",
        ] {
            assert!(matches!(smithy_trait(id), Ignored(_)), "{id}");
        }
        assert!(matches!(
            botocore_key(BotocorePlace::Root, "examples"),
            Ignored(_)
        ));
        assert!(matches!(
            botocore_key(BotocorePlace::Shape, "box"),
            Ignored(_)
        ));
    }

    #[test]
    fn unknown_traits_of_aws_and_smithy_namespaces_are_refused_others_ignored() {
        assert!(matches!(smithy_trait("smithy.api#newTrait"), Refused(_)));
        assert!(matches!(
            smithy_trait("aws.protocols#newProtocol"),
            Refused(_)
        ));
        assert!(matches!(smithy_trait("example.traits#custom"), Ignored(_)));
        assert_eq!(smithy_trait("smithy.waiters#waitable"), Read);
        assert!(matches!(smithy_trait("smithy.waiters#other"), Refused(_)));
        assert!(matches!(
            smithy_trait("smithy.test#httpRequestTests"),
            Ignored(_)
        ));
    }

    #[test]
    fn wire_features_the_ir_does_not_carry_are_refused() {
        assert!(matches!(
            smithy_trait("smithy.api#httpApiKeyAuth"),
            Refused(_)
        ));
        // Glacier's: its tree hashes go with its streaming uploads, which are left out.
        assert!(matches!(
            botocore_key(BotocorePlace::Metadata, "checksumFormat"),
            Ignored(_)
        ));
        assert!(matches!(
            botocore_key(BotocorePlace::Shape, "newKey"),
            Refused(_)
        ));
    }
}
