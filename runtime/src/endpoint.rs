//! Endpoint rule-set support: the resolved [`Endpoint`], the rule set's [`EndpointError`], and
//! the standard library of rule functions the generated resolvers call.
//!
//! A generated crate compiles its service's endpoint rule set into a `resolve` function; that
//! function calls the functions here for the rule set's library functions:
//!
//! | rule set            | here                    |
//! | ------------------- | ----------------------- |
//! | `aws.partition`     | [`partition`]           |
//! | `aws.parseArn`      | [`parse_arn`]           |
//! | `parseURL`          | [`parse_url`]           |
//! | `isValidHostLabel`  | [`is_valid_host_label`] |
//! | `substring`         | [`substring`]           |
//! | `uriEncode`         | [`uri_encode`]          |
//!
//! (`isSet`, `not`, `booleanEquals`, `stringEquals` and `getAttr` become plain Rust.)
//! None of these functions panics, whatever its input.

use std::collections::BTreeMap;
use std::fmt;

/// serde_json, for the generated resolvers' endpoint properties (`serde_json::json!`): a
/// generated crate depends on it only for its tests.
#[doc(hidden)]
pub use serde_json;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::sync::OnceLock;

/// An endpoint a rule set resolved to: the URL to send requests to, with the headers to add and
/// the rule set's properties (such as `authSchemes`).
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, serde_json::Value>,
}

impl Endpoint {
    /// An endpoint at `url`, with no headers and no properties.
    pub fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            headers: BTreeMap::new(),
            properties: BTreeMap::new(),
        }
    }

    /// Adds `value` to the values of the header `name`.
    #[must_use]
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers
            .entry(name.into())
            .or_default()
            .push(value.into());
        self
    }

    /// Sets the property `name` to `value`.
    #[must_use]
    pub fn with_property(mut self, name: impl Into<String>, value: serde_json::Value) -> Self {
        self.properties.insert(name.into(), value);
        self
    }

    /// The URL, e.g. `https://inspector.us-east-1.amazonaws.com`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers to send with each request, by name, each with its values in order.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The rule set's properties of this endpoint, by name.
    pub fn properties(&self) -> &BTreeMap<String, serde_json::Value> {
        &self.properties
    }
}

/// Why no endpoint could be resolved: the message of the rule set's error rule that matched
/// (e.g. `Invalid Configuration: Missing Region`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    /// An error with the rule set's `message`.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// The rule set's message.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EndpointError {}

/// What `aws.partition` returns: the partition a region is in, with the outputs of
/// `partitions.json` (botocore 1.44.5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Partition {
    name: String,
    dns_suffix: String,
    dual_stack_dns_suffix: String,
    supports_fips: bool,
    supports_dual_stack: bool,
    implicit_global_region: String,
}

impl Partition {
    /// `name`, e.g. `aws`, `aws-cn`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `dnsSuffix`, e.g. `amazonaws.com`.
    pub fn dns_suffix(&self) -> &str {
        &self.dns_suffix
    }

    /// `dualStackDnsSuffix`, e.g. `api.aws`.
    pub fn dual_stack_dns_suffix(&self) -> &str {
        &self.dual_stack_dns_suffix
    }

    /// `supportsFIPS`.
    pub fn supports_fips(&self) -> bool {
        self.supports_fips
    }

    /// `supportsDualStack`.
    pub fn supports_dual_stack(&self) -> bool {
        self.supports_dual_stack
    }

    /// `implicitGlobalRegion`, e.g. `us-east-1`.
    pub fn implicit_global_region(&self) -> &str {
        &self.implicit_global_region
    }
}

/// botocore's `partitions.json`; see `data/PROVENANCE.toml`.
const PARTITIONS_JSON: &str = include_str!("../data/partitions.json");

/// One partition of `partitions.json`, read for lookups.
struct PartitionEntry {
    id: String,
    region_regex: Option<regex_lite::Regex>,
    /// The partition's outputs, for a region that matches only the regex.
    outputs: Partition,
    /// The outputs for each region the partition lists, with the region's own overrides.
    regions: BTreeMap<String, Partition>,
}

fn partitions() -> &'static [PartitionEntry] {
    static PARTITIONS: OnceLock<Vec<PartitionEntry>> = OnceLock::new();
    PARTITIONS.get_or_init(|| read_partitions(PARTITIONS_JSON).unwrap_or_default())
}

/// Reads a `partitions.json` document; `None` when it is not one.
fn read_partitions(json: &str) -> Option<Vec<PartitionEntry>> {
    let document: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut entries = Vec::new();
    for partition in document.get("partitions")?.as_array()? {
        let id = partition.get("id")?.as_str()?.to_owned();
        let outputs = partition.get("outputs")?.as_object()?;
        let base = read_outputs(outputs, None)?;
        let region_regex = partition
            .get("regionRegex")
            .and_then(serde_json::Value::as_str)
            .and_then(|pattern| regex_lite::Regex::new(pattern).ok());
        let mut regions = BTreeMap::new();
        if let Some(listed) = partition.get("regions").and_then(|r| r.as_object()) {
            for (region, overrides) in listed {
                let overrides = overrides.as_object();
                let outputs = match overrides {
                    Some(overrides) => read_outputs(overrides, Some(&base))?,
                    None => base.clone(),
                };
                regions.insert(region.clone(), outputs);
            }
        }
        entries.push(PartitionEntry {
            id,
            region_regex,
            outputs: base,
            regions,
        });
    }
    Some(entries)
}

/// A partition's outputs from `fields`, each missing field taken from `base` (a region's
/// overrides), or required (`base` is `None`: the partition's own outputs).
fn read_outputs(
    fields: &serde_json::Map<String, serde_json::Value>,
    base: Option<&Partition>,
) -> Option<Partition> {
    let string = |key: &str, inherited: Option<&String>| -> Option<String> {
        match fields.get(key).and_then(serde_json::Value::as_str) {
            Some(value) => Some(value.to_owned()),
            None => inherited.cloned(),
        }
    };
    let boolean = |key: &str, inherited: Option<bool>| -> Option<bool> {
        fields
            .get(key)
            .and_then(serde_json::Value::as_bool)
            .or(inherited)
    };
    Some(Partition {
        name: string("name", base.map(|b| &b.name))?,
        dns_suffix: string("dnsSuffix", base.map(|b| &b.dns_suffix))?,
        dual_stack_dns_suffix: string(
            "dualStackDnsSuffix",
            base.map(|b| &b.dual_stack_dns_suffix),
        )?,
        supports_fips: boolean("supportsFIPS", base.map(|b| b.supports_fips))?,
        supports_dual_stack: boolean("supportsDualStack", base.map(|b| b.supports_dual_stack))?,
        implicit_global_region: string(
            "implicitGlobalRegion",
            base.map(|b| &b.implicit_global_region),
        )?,
    })
}

/// `aws.partition(region)`: the partition that lists `region`, else the first whose region
/// regex matches it, else the `aws` partition (so an unknown region still resolves, as the
/// rules-engine specification asks). `None` only if no partition is known at all.
pub fn partition(region: &str) -> Option<&'static Partition> {
    partition_in(partitions(), region)
}

fn partition_in<'a>(entries: &'a [PartitionEntry], region: &str) -> Option<&'a Partition> {
    if let Some(listed) = entries.iter().find_map(|e| e.regions.get(region)) {
        return Some(listed);
    }
    let matched = entries.iter().find(|entry| {
        entry
            .region_regex
            .as_ref()
            .is_some_and(|regex| regex.is_match(region))
    });
    matched
        .or_else(|| entries.iter().find(|entry| entry.id == "aws"))
        .map(|entry| &entry.outputs)
}

/// What `parseURL` returns: the parts of an `http` or `https` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    scheme: String,
    authority: String,
    path: String,
    normalized_path: String,
    is_ip: bool,
}

impl Url {
    /// `scheme`: `http` or `https`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// `authority`: the host, with the port if the URL has one (`example.com:8443`).
    pub fn authority(&self) -> &str {
        &self.authority
    }

    /// `path`: the path as written, empty when the URL has none.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// `normalizedPath`: the path with a `/` at the start and at the end (`/` for no path).
    pub fn normalized_path(&self) -> &str {
        &self.normalized_path
    }

    /// `isIp`: whether the host is an IPv4 or IPv6 address.
    pub fn is_ip(&self) -> bool {
        self.is_ip
    }
}

/// `parseURL(url)`: the URL's parts, or `None` when it is not an `http` or `https` URL with a
/// host, or has a query or a fragment (which the rules engine does not allow).
pub fn parse_url(url: &str) -> Option<Url> {
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#')
    {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    let host = host_of(authority)?;
    let is_ip = match host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        Some(v6) => v6.parse::<Ipv6Addr>().is_ok(),
        None => host.parse::<Ipv4Addr>().is_ok(),
    };
    let normalized_path = if path.is_empty() {
        "/".to_owned()
    } else if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    Some(Url {
        scheme,
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// The host of an authority (`user@host:port`), `None` when it has none or a bad port.
fn host_of(authority: &str) -> Option<&str> {
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = if host_port.starts_with('[') {
        let end = host_port.find(']')?;
        let (host, after) = host_port.split_at(end + 1);
        match after {
            "" => (host, None),
            _ => (host, Some(after.strip_prefix(':')?)),
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    if host.is_empty() {
        return None;
    }
    if let Some(port) = port {
        port.parse::<u16>().ok()?;
    }
    Some(host)
}

/// `isValidHostLabel(value, allowSubDomains)`: whether `value` is an RFC 1123 host label
/// (1 to 63 ASCII letters, digits and `-`, starting with a letter or digit); with
/// `allow_sub_domains`, whether each of its `.`-separated parts is one.
pub fn is_valid_host_label(value: &str, allow_sub_domains: bool) -> bool {
    if allow_sub_domains {
        value
            .split('.')
            .all(|label| is_valid_host_label(label, false))
    } else {
        (1..=63).contains(&value.len())
            && value.starts_with(|c: char| c.is_ascii_alphanumeric())
            && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    }
}

/// `substring(input, start, stop, reverse)`: the characters `start..stop` of `input`, counted
/// from its end when `reverse`; `None` when `start >= stop`, `input` is shorter than `stop`, or
/// `input` is not ASCII.
pub fn substring(input: &str, start: usize, stop: usize, reverse: bool) -> Option<&str> {
    if start >= stop || stop > input.len() || !input.is_ascii() {
        return None;
    }
    if reverse {
        input.get(input.len() - stop..input.len() - start)
    } else {
        input.get(start..stop)
    }
}

/// What `aws.parseArn` returns: the parts of an ARN
/// (`arn:partition:service:region:account-id:resource`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arn {
    partition: String,
    service: String,
    region: String,
    account_id: String,
    resource_id: Vec<String>,
}

impl Arn {
    /// `partition`, e.g. `aws`.
    pub fn partition(&self) -> &str {
        &self.partition
    }

    /// `service`, e.g. `cloudfront`.
    pub fn service(&self) -> &str {
        &self.service
    }

    /// `region`; empty for a global resource.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// `accountId`; may be empty.
    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    /// `resourceId`: the resource split at each `:` and `/`.
    pub fn resource_id(&self) -> &[String] {
        &self.resource_id
    }

    /// `resourceId[index]`, or `None` past its end.
    pub fn resource_id_at(&self, index: usize) -> Option<&str> {
        self.resource_id.get(index).map(String::as_str)
    }
}

/// `aws.parseArn(value)`: the ARN's parts, or `None` when `value` is not an ARN — it does not
/// start with `arn:`, has fewer than six `:`-separated parts, or its partition, service or
/// resource is empty. The resource is everything after the fifth `:`.
pub fn parse_arn(value: &str) -> Option<Arn> {
    let rest = value.strip_prefix("arn:")?;
    let mut parts = rest.splitn(5, ':');
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

/// `uriEncode(value)`: `value` percent-encoded as RFC 3986 section 2.1 says, every byte but the
/// unreserved characters (`A-Z a-z 0-9 - . _ ~`) as `%XX`.
pub fn uri_encode(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &byte in value.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arn_splits_into_its_parts_and_its_resource_at_colons_and_slashes() {
        let arn = parse_arn("arn:aws:cloudfront::123456789012:key-value-store/my:store").unwrap();
        assert_eq!(arn.partition(), "aws");
        assert_eq!(arn.service(), "cloudfront");
        assert_eq!(arn.region(), "");
        assert_eq!(arn.account_id(), "123456789012");
        assert_eq!(arn.resource_id(), ["key-value-store", "my", "store"]);
        assert_eq!(arn.resource_id_at(0), Some("key-value-store"));
        assert_eq!(arn.resource_id_at(3), None);
        // Everything after the fifth `:` is the resource, colons and all.
        let arn = parse_arn("arn:aws:s3:us-east-1::a:b:c").unwrap();
        assert_eq!(arn.resource_id(), ["a", "b", "c"]);
        assert_eq!(arn.account_id(), "");
    }

    #[test]
    fn what_is_not_an_arn_parses_to_none() {
        for value in [
            "",
            "arn",
            "arn:",
            "urn:aws:s3:us-east-1:1:r",
            "arn:aws:s3:us-east-1:1",
            "arn::s3:us-east-1:1:r",
            "arn:aws::us-east-1:1:r",
            "arn:aws:s3:us-east-1:1:",
        ] {
            assert_eq!(parse_arn(value), None, "{value:?}");
        }
    }

    #[test]
    fn every_region_regex_of_partitions_json_compiles() {
        let document: serde_json::Value = serde_json::from_str(PARTITIONS_JSON).unwrap();
        let listed = document["partitions"].as_array().unwrap().len();
        let entries = partitions();
        assert_eq!(entries.len(), listed);
        assert!(entries.iter().all(|e| e.region_regex.is_some()));
    }

    #[test]
    fn a_listed_region_is_in_its_partition() {
        let cn = partition("cn-north-1").unwrap();
        assert_eq!(cn.name(), "aws-cn");
        assert_eq!(cn.dns_suffix(), "amazonaws.com.cn");
        assert_eq!(cn.dual_stack_dns_suffix(), "api.amazonwebservices.com.cn");
        assert!(cn.supports_fips() && cn.supports_dual_stack());
        assert_eq!(cn.implicit_global_region(), "cn-northwest-1");
        assert_eq!(partition("aws-global").unwrap().name(), "aws");
    }

    #[test]
    fn an_unlisted_region_is_found_by_the_regex() {
        assert_eq!(partition("us-gov-north-9").unwrap().name(), "aws-us-gov");
        assert_eq!(partition("us-isob-west-7").unwrap().name(), "aws-iso-b");
        assert_eq!(partition("eu-west-42").unwrap().name(), "aws");
    }

    #[test]
    fn a_region_nothing_matches_falls_back_to_aws() {
        for region in ["mars-east-1", "", "💥", "us-east-1\n"] {
            assert_eq!(partition(region).unwrap().name(), "aws", "{region:?}");
        }
    }

    #[test]
    fn a_region_may_override_its_partitions_outputs() {
        let entries = read_partitions(
            r#"{"partitions": [{"id": "p", "regionRegex": "^p-\\w+$",
                "outputs": {"name": "p", "dnsSuffix": "p.example", "dualStackDnsSuffix": "d.example",
                            "supportsFIPS": true, "supportsDualStack": true,
                            "implicitGlobalRegion": "p-one"},
                "regions": {"p-two": {"description": "Two", "supportsFIPS": false}}}]}"#,
        )
        .unwrap();
        assert!(!partition_in(&entries, "p-two").unwrap().supports_fips());
        assert!(partition_in(&entries, "p-three").unwrap().supports_fips());
        // No `aws` partition to fall back to.
        assert_eq!(partition_in(&entries, "q"), None);
    }

    #[test]
    fn malformed_partitions_are_none() {
        for json in ["", "[]", r#"{"partitions": [{"id": "x"}]}"#] {
            assert!(read_partitions(json).is_none(), "{json}");
        }
    }

    #[test]
    fn urls_are_split_into_their_parts() {
        let url = parse_url("https://example.com").unwrap();
        assert_eq!(url.scheme(), "https");
        assert_eq!(url.authority(), "example.com");
        assert_eq!(url.path(), "");
        assert_eq!(url.normalized_path(), "/");
        assert!(!url.is_ip());

        let url = parse_url("http://127.0.0.1:8080/foo/bar").unwrap();
        assert_eq!(url.authority(), "127.0.0.1:8080");
        assert_eq!(url.path(), "/foo/bar");
        assert_eq!(url.normalized_path(), "/foo/bar/");
        assert!(url.is_ip());

        let url = parse_url("https://[::1]:443/").unwrap();
        assert_eq!(url.authority(), "[::1]:443");
        assert_eq!(url.normalized_path(), "/");
        assert!(url.is_ip());
    }

    #[test]
    fn urls_the_rules_engine_rejects_are_none() {
        for url in [
            "example.com",
            "ftp://example.com",
            "https://",
            "https://example.com?x=1",
            "https://example.com/#top",
            "https://exa mple.com",
            "https://example.com:port",
            "https://[::1",
            "",
        ] {
            assert_eq!(parse_url(url), None, "{url}");
        }
    }

    #[test]
    fn host_labels_follow_rfc_1123() {
        assert!(is_valid_host_label("us-east-1", false));
        assert!(is_valid_host_label("a", false));
        assert!(is_valid_host_label(&"a".repeat(63), false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label("-a", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label("a..b", true));
        assert!(!is_valid_host_label("é", false));
    }

    #[test]
    fn substrings_count_from_either_end() {
        assert_eq!(substring("abcdef", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true), Some("cdef"));
        assert_eq!(substring("abcdef", 2, 2, false), None);
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abcdé", 0, 2, false), None);
    }

    #[test]
    fn uri_encode_keeps_only_unreserved_characters() {
        assert_eq!(uri_encode("a-b_c.d~e"), "a-b_c.d~e");
        assert_eq!(uri_encode("a b/c?é"), "a%20b%2Fc%3F%C3%A9");
    }

    #[test]
    fn endpoints_carry_headers_and_properties() {
        let endpoint = Endpoint::new("https://example.com")
            .with_header("x-a", "1")
            .with_header("x-a", "2")
            .with_property("authSchemes", serde_json::json!([{"name": "sigv4"}]));
        assert_eq!(endpoint.url(), "https://example.com");
        assert_eq!(endpoint.headers()["x-a"], ["1", "2"]);
        assert_eq!(endpoint.properties()["authSchemes"][0]["name"], "sigv4");
        assert_eq!(
            EndpointError::new("Invalid Configuration: Missing Region").to_string(),
            "Invalid Configuration: Missing Region"
        );
    }
}
