//! Parse throughput of inspector2's ListFindings `parse_response` on 1 MB and 10 MB bodies,
//! next to a plain serde-derive mirror of the response (enums as `String`, timestamps as `f64`)
//! as the floor, measured in the same run. Run with `cargo bench -p inspector2-tests`.
//!
//! The bodies come from `list_findings_bodies.py` beside this file, written once into
//! `target/list-findings-bodies/`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use divan::Bencher;
use divan::counter::BytesCount;
use inspector2::operation::list_findings;
use serde::Deserialize;

fn main() {
    // Whichever benchmark runs first would otherwise pay for growing the heap (glibc serves the
    // first multi-megabyte vectors with fresh mmap'd pages until a free raises its mmap
    // threshold). Parse each body once with both parsers, and check they read the same findings.
    for name in BODIES {
        let body = body(name);
        let floor = serde_json::from_slice::<mirror::Output>(&body).unwrap();
        let response = http::Response::builder().status(200).body(body).unwrap();
        let output = list_findings::parse_response(&response).unwrap();
        assert_eq!(
            output.findings().map_or(0, <[_]>::len),
            floor.findings.len(),
            "{name}"
        );
    }
    divan::main();
}

const BODIES: &[&str] = &["tiny", "1mb", "10mb"];

/// The folder with the bodies, written first if it is not there yet.
fn bodies_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join("target/list-findings-bodies");
    if !dir.join("10mb.json").exists() {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/list_findings_bodies.py");
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
        let status = std::process::Command::new(python)
            .arg(&script)
            .arg(&dir)
            .status()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        assert!(status.success(), "{} failed", script.display());
    }
    dir
}

fn body(name: &str) -> Vec<u8> {
    std::fs::read(bodies_dir().join(format!("{name}.json"))).unwrap()
}

/// `parse_response` of the generated crate.
#[divan::bench(args = BODIES)]
fn parse_response(bencher: Bencher, name: &str) {
    let body = body(name);
    let len = body.len();
    let response = http::Response::builder().status(200).body(body).unwrap();
    bencher
        .counter(BytesCount::new(len))
        .bench(|| list_findings::parse_response(divan::black_box(&response)).unwrap());
}

/// The floor: serde derive on a plain mirror of the response.
#[divan::bench(args = BODIES)]
fn serde_mirror_floor(bencher: Bencher, name: &str) {
    let body = body(name);
    bencher
        .counter(BytesCount::new(body.len()))
        .bench(|| serde_json::from_slice::<mirror::Output>(divan::black_box(&body)).unwrap());
}

/// Every member of the response that the bodies carry, as serde derive reads it.
#[allow(dead_code)]
mod mirror {
    use super::{Deserialize, HashMap};

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Output {
        pub findings: Vec<Finding>,
        next_token: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Finding {
        finding_arn: String,
        aws_account_id: String,
        r#type: String,
        description: String,
        title: Option<String>,
        remediation: Remediation,
        severity: String,
        first_observed_at: f64,
        last_observed_at: f64,
        updated_at: Option<f64>,
        status: String,
        resources: Vec<Resource>,
        inspector_score: Option<f64>,
        inspector_score_details: Option<ScoreDetails>,
        package_vulnerability_details: Option<PackageVulnerabilityDetails>,
        fix_available: Option<String>,
        exploit_available: Option<String>,
        exploitability_details: Option<ExploitabilityDetails>,
        epss: Option<Epss>,
    }

    #[derive(Deserialize)]
    struct Remediation {
        recommendation: Option<Recommendation>,
    }

    #[derive(Deserialize)]
    struct Recommendation {
        text: Option<String>,
        #[serde(rename = "Url")]
        url: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Resource {
        r#type: String,
        id: String,
        partition: Option<String>,
        region: Option<String>,
        tags: Option<HashMap<String, String>>,
        details: Option<ResourceDetails>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ResourceDetails {
        aws_ec2_instance: Option<Ec2Instance>,
        aws_ecr_container_image: Option<EcrContainerImage>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Ec2Instance {
        r#type: Option<String>,
        image_id: Option<String>,
        #[serde(rename = "ipV4Addresses")]
        ip_v4_addresses: Option<Vec<String>>,
        #[serde(rename = "ipV6Addresses")]
        ip_v6_addresses: Option<Vec<String>>,
        key_name: Option<String>,
        iam_instance_profile_arn: Option<String>,
        vpc_id: Option<String>,
        subnet_id: Option<String>,
        launched_at: Option<f64>,
        platform: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct EcrContainerImage {
        repository_name: String,
        image_tags: Option<Vec<String>>,
        pushed_at: Option<f64>,
        architecture: Option<String>,
        image_hash: String,
        registry: String,
        platform: Option<String>,
        last_in_use_at: Option<f64>,
        in_use_count: Option<i64>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ScoreDetails {
        adjusted_cvss: Option<CvssScoreDetails>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct CvssScoreDetails {
        score_source: String,
        cvss_source: Option<String>,
        version: String,
        score: f64,
        scoring_vector: String,
        adjustments: Option<Vec<Adjustment>>,
    }

    #[derive(Deserialize)]
    struct Adjustment {
        metric: String,
        reason: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct PackageVulnerabilityDetails {
        vulnerability_id: String,
        vulnerable_packages: Option<Vec<Package>>,
        source: String,
        cvss: Option<Vec<Cvss>>,
        related_vulnerabilities: Option<Vec<String>>,
        source_url: Option<String>,
        vendor_severity: Option<String>,
        vendor_created_at: Option<f64>,
        vendor_updated_at: Option<f64>,
        reference_urls: Option<Vec<String>>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Package {
        name: String,
        version: String,
        epoch: Option<i32>,
        release: Option<String>,
        arch: Option<String>,
        package_manager: Option<String>,
        file_path: Option<String>,
        fixed_in_version: Option<String>,
        remediation: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Cvss {
        base_score: f64,
        scoring_vector: String,
        version: String,
        source: String,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct ExploitabilityDetails {
        last_known_exploit_at: Option<f64>,
    }

    #[derive(Deserialize)]
    struct Epss {
        score: Option<f64>,
    }
}
