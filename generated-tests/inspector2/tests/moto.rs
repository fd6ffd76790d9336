//! The generated `inspector2` client end to end against a real, independent server: moto
//! 5.2.5's `inspector2` (`moto[server]` from PyPI, in `target/moto-venv`), on 127.0.0.1. The
//! client is the one users get, configured only with an endpoint URL, static credentials and
//! a region; every step asserts what moto answers.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::TryStreamExt as _;
use inspector2::client::{Credentials, RetryConfig};
use inspector2::operation::get_member::GetMemberError;
use inspector2::primitives::Timestamp;
use inspector2::types::{
    DateFilter, DelegatedAdminStatus, FilterAction, FilterCriteria, FindingStatus, FindingType,
    MapComparison, MapFilter, NumberFilter, PackageFilter, PortRangeFilter, RelationshipStatus,
    ResourceScanType, ResourceType, Severity, Status, StringComparison, StringFilter,
};
use moto_server::MotoServer;
use serde_json::json;

/// moto's account when the access key is not one of its IAM users'.
const ACCOUNT: &str = "123456789012";
const REGION: &str = "us-east-1";

fn client(server: &MotoServer) -> inspector2::Client {
    inspector2::Client::new(
        inspector2::Config::builder()
            .region(REGION)
            .endpoint_url(server.url())
            .credentials(Credentials::new(
                "AKIDMOTOTEST",
                "moto/test+secret/EXAMPLEKEY",
                None,
            ))
            .retry_config(RetryConfig::standard().with_initial_backoff(Duration::from_millis(5)))
            .build(),
    )
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn string(comparison: StringComparison, value: &str) -> StringFilter {
    StringFilter::builder()
        .comparison(comparison)
        .value(value)
        .build()
        .unwrap()
}

fn seconds(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap()
}

/// Criteria with a filter of every kind: strings, dates, numbers, a map, ports, a package.
fn suppress_criteria() -> FilterCriteria {
    FilterCriteria::builder()
        .severity(string(StringComparison::Equals, "LOW"))
        .severity(string(StringComparison::Equals, "INFORMATIONAL"))
        .finding_status(string(StringComparison::NotEquals, "CLOSED"))
        .first_observed_at(
            DateFilter::builder()
                .start_inclusive(seconds(1_700_000_000))
                .end_inclusive(Timestamp::from_millisecond(1_750_000_000_250).unwrap())
                .build()
                .unwrap(),
        )
        .inspector_score(
            NumberFilter::builder()
                .lower_inclusive(0.5)
                .upper_inclusive(3.9)
                .build()
                .unwrap(),
        )
        .resource_tags(
            MapFilter::builder()
                .comparison(MapComparison::Equals)
                .key("team")
                .value("security")
                .build()
                .unwrap(),
        )
        .port_range(
            PortRangeFilter::builder()
                .begin_inclusive(22)
                .end_inclusive(22)
                .build()
                .unwrap(),
        )
        .vulnerable_packages(
            PackageFilter::builder()
                .name(string(StringComparison::Equals, "openssl"))
                .epoch(
                    NumberFilter::builder()
                        .lower_inclusive(1.0)
                        .build()
                        .unwrap(),
                )
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn watch_criteria() -> FilterCriteria {
    FilterCriteria::builder()
        .aws_account_id(string(StringComparison::Equals, ACCOUNT))
        .resource_type(string(StringComparison::Equals, "AWS_EC2_INSTANCE"))
        .build()
        .unwrap()
}

fn temporary_criteria() -> FilterCriteria {
    FilterCriteria::builder()
        .title(string(StringComparison::Prefix, "CVE-2024-"))
        .build()
        .unwrap()
}

fn tags(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect()
}

fn assert_filter_arn(arn: &str) {
    let prefix = format!("arn:aws:inspector2:{REGION}:{ACCOUNT}:owner/{ACCOUNT}/filter/");
    let id = arn
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{arn} does not start with {prefix}"));
    assert!(
        id.len() == 10 && id.bytes().all(|b| b.is_ascii_hexdigit()),
        "{arn}: moto's filter ids are 10 hex digits"
    );
}

/// The scenario: enable scanning; create filters with criteria; list them through the
/// paginator; tag, list tags and untag; list findings; read the account status; delete a
/// filter; and what moto answers for a missing resource.
#[test]
fn inspector2_scenario_against_moto() {
    let server = MotoServer::start();
    let client = client(&server);
    let started = Timestamp::now();
    runtime().block_on(async {
        // Enable scanning of EC2 instances and ECR images.
        let (enabled, metadata) = client
            .enable()
            .account_ids(ACCOUNT)
            .resource_types(ResourceScanType::Ec2)
            .resource_types(ResourceScanType::Ecr)
            .send_with_metadata()
            .await
            .unwrap_or_else(|e| panic!("Enable: {e}\n{}", server.log()));
        assert_eq!(metadata.status(), 200);
        assert_eq!(metadata.retry_attempts(), 0);
        assert!(metadata.request_id().is_some_and(|id| !id.is_empty()));
        assert_eq!(enabled.failed_accounts, Some(vec![]));
        let [account] = enabled.accounts.as_slice() else {
            panic!("one account: {:?}", enabled.accounts);
        };
        assert_eq!(account.account_id, ACCOUNT);
        assert_eq!(account.status, Status::Enabled);
        assert_eq!(account.resource_status.ec2, Status::Enabled);
        assert_eq!(account.resource_status.ecr, Status::Enabled);
        assert_eq!(account.resource_status.lambda, Some(Status::Disabled));
        assert_eq!(account.resource_status.lambda_code, Some(Status::Disabled));
        assert_eq!(account.resource_status.code_repository, None);

        // Three filters: one with criteria of every kind, description, reason and tags.
        let suppress = client
            .create_filter()
            .name("suppress-low")
            .action(FilterAction::Suppress)
            .description("Low and informational findings on port 22")
            .reason("Accepted risk")
            .filter_criteria(suppress_criteria())
            .tags("team", "security")
            .send()
            .await
            .unwrap_or_else(|e| panic!("CreateFilter: {e}\n{}", server.log()))
            .arn;
        let watch = client
            .create_filter()
            .name("watch-ec2")
            .action(FilterAction::None)
            .filter_criteria(watch_criteria())
            .send()
            .await
            .unwrap()
            .arn;
        let temporary = client
            .create_filter()
            .name("temporary")
            .action(FilterAction::None)
            .filter_criteria(temporary_criteria())
            .send()
            .await
            .unwrap()
            .arn;
        for arn in [&suppress, &watch, &temporary] {
            assert_filter_arn(arn);
        }
        assert!(suppress != watch && watch != temporary && suppress != temporary);

        // Every filter, through the paginator: moto ignores `maxResults` and answers one
        // page without a token.
        let pages: Vec<_> = client
            .list_filters()
            .into_paginator()
            .page_size(2)
            .send()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("ListFilters: {e}\n{}", server.log()));
        assert_eq!(pages.len(), 1, "{pages:?}");
        assert_eq!(pages[0].next_token, None);
        let filters = &pages[0].filters;
        let names: Vec<_> = filters.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["suppress-low", "watch-ec2", "temporary"]);
        let finished = Timestamp::now();
        for filter in filters {
            assert_eq!(filter.owner_id, ACCOUNT);
            // moto stamps a filter with its clock, in epoch seconds with a fraction.
            assert!(
                filter.created_at >= started - Duration::from_secs(1)
                    && filter.created_at <= finished + Duration::from_secs(1),
                "{} created at {}, not between {started} and {finished}",
                filter.name,
                filter.created_at
            );
            // moto does not send `updatedAt`; a required member missing from a response
            // takes its zero value.
            assert_eq!(filter.updated_at, Timestamp::UNIX_EPOCH);
        }
        let [first, second, third] = filters.as_slice() else {
            unreachable!()
        };
        assert_eq!(first.arn, suppress);
        assert_eq!(first.action, FilterAction::Suppress);
        assert_eq!(first.criteria, suppress_criteria());
        assert_eq!(
            first.description.as_deref(),
            Some("Low and informational findings on port 22")
        );
        assert_eq!(first.reason.as_deref(), Some("Accepted risk"));
        assert_eq!(first.tags, Some(tags(&[("team", "security")])));
        assert_eq!(second.arn, watch);
        assert_eq!(second.action, FilterAction::None);
        assert_eq!(second.criteria, watch_criteria());
        assert_eq!(second.description, None);
        assert_eq!(second.reason, None);
        assert_eq!(second.tags, Some(HashMap::new()));
        assert_eq!(third.arn, temporary);
        assert_eq!(third.criteria, temporary_criteria());

        // The item paginator, with the list narrowed by action and by ARN.
        let suppressing: Vec<_> = client
            .list_filters()
            .action(FilterAction::Suppress)
            .into_paginator()
            .items()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(suppressing, std::slice::from_ref(first));
        let by_arn = client.list_filters().arns(&watch).send().await.unwrap();
        assert_eq!(by_arn.filters, std::slice::from_ref(second));

        // Tags: the ARN travels as a URI label (its `:` and `/` escaped), the keys to remove
        // as a query list (`?tagKeys=…&tagKeys=…`).
        client
            .tag_resource()
            .resource_arn(&watch)
            .tags("env", "prod")
            .tags("owner", "secops")
            .tags("cost-center", "42/7")
            .send()
            .await
            .unwrap_or_else(|e| panic!("TagResource: {e}\n{}", server.log()));
        let listed = client
            .list_tags_for_resource()
            .resource_arn(&watch)
            .send()
            .await
            .unwrap_or_else(|e| panic!("ListTagsForResource: {e}\n{}", server.log()));
        assert_eq!(
            listed.tags,
            Some(tags(&[
                ("env", "prod"),
                ("owner", "secops"),
                ("cost-center", "42/7")
            ]))
        );
        client
            .untag_resource()
            .resource_arn(&watch)
            .tag_keys("env")
            .tag_keys("cost-center")
            .send()
            .await
            .unwrap_or_else(|e| panic!("UntagResource: {e}\n{}", server.log()));
        let listed = client
            .list_tags_for_resource()
            .resource_arn(&watch)
            .send()
            .await
            .unwrap();
        assert_eq!(listed.tags, Some(tags(&[("owner", "secops")])));
        let label = watch.replace(':', "%3A").replace('/', "%2F");
        let tag_requests = server.requests_containing("/tags/", 4);
        assert_eq!(
            tag_requests,
            [
                format!("POST /tags/{label} 200"),
                format!("GET /tags/{label} 200"),
                format!("DELETE /tags/{label}?tagKeys=env&tagKeys=cost-center 200"),
                format!("GET /tags/{label} 200"),
            ]
        );
        // The filter's own listing shows the tags moto now holds for it.
        let by_arn = client.list_filters().arns(&watch).send().await.unwrap();
        assert_eq!(by_arn.filters[0].tags, Some(tags(&[("owner", "secops")])));
        // The first filter's tags were left alone.
        let listed = client
            .list_tags_for_resource()
            .resource_arn(&suppress)
            .send()
            .await
            .unwrap();
        assert_eq!(listed.tags, Some(tags(&[("team", "security")])));

        // Findings: none until moto is given some through its own API; then the next
        // ListFindings with new arguments answers them.
        let none = client
            .list_findings()
            .send()
            .await
            .unwrap_or_else(|e| panic!("ListFindings: {e}\n{}", server.log()));
        assert_eq!(none.findings, Some(vec![]));
        assert_eq!(none.next_token, None);
        let finding_arn = format!("arn:aws:inspector2:{REGION}:{ACCOUNT}:finding/0123456789abcdef");
        let (status, body) = server
            .request(
                "POST",
                "/moto-api/static/inspector2/findings-results",
                Some(&json!({
                    "results": [[{
                        "findingArn": finding_arn,
                        "awsAccountId": ACCOUNT,
                        "type": "PACKAGE_VULNERABILITY",
                        "description": "A flaw in openssl.",
                        "title": "CVE-2024-0001 - openssl",
                        "remediation": {"recommendation": {"text": "Upgrade openssl."}},
                        "severity": "HIGH",
                        "firstObservedAt": 1_700_000_000.5,
                        "lastObservedAt": 1_700_086_400,
                        "status": "ACTIVE",
                        "resources": [{
                            "type": "AWS_EC2_INSTANCE",
                            "id": "i-0123456789abcdef0",
                            "region": REGION,
                            "tags": {"Name": "web"},
                        }],
                        "inspectorScore": 7.5,
                        "packageVulnerabilityDetails": {
                            "vulnerabilityId": "CVE-2024-0001",
                            "source": "NVD",
                            "vulnerablePackages": [{
                                "name": "openssl",
                                "version": "3.0.1",
                                "epoch": 1,
                                "packageManager": "OS",
                            }],
                        },
                        "fixAvailable": "YES",
                    }]],
                    "account_id": ACCOUNT,
                    "region": REGION,
                })),
            )
            .unwrap();
        assert_eq!(status, 201, "{body}");
        let found: Vec<_> = client
            .list_findings()
            .filter_criteria(temporary_criteria())
            .into_paginator()
            .items()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("ListFindings: {e}\n{}", server.log()));
        let [finding] = found.as_slice() else {
            panic!("one finding: {found:?}");
        };
        assert_eq!(finding.finding_arn, finding_arn);
        assert_eq!(finding.aws_account_id, ACCOUNT);
        assert_eq!(finding.r#type, FindingType::PackageVulnerability);
        assert_eq!(finding.title.as_deref(), Some("CVE-2024-0001 - openssl"));
        assert_eq!(finding.severity, Severity::High);
        assert_eq!(finding.status, FindingStatus::Active);
        assert_eq!(
            finding.first_observed_at,
            Timestamp::from_millisecond(1_700_000_000_500).unwrap()
        );
        assert_eq!(finding.last_observed_at, seconds(1_700_086_400));
        assert_eq!(finding.inspector_score, Some(7.5));
        assert_eq!(
            finding
                .remediation
                .recommendation
                .as_ref()
                .and_then(|r| r.text.as_deref()),
            Some("Upgrade openssl.")
        );
        let [resource] = finding.resources.as_slice() else {
            panic!("one resource: {:?}", finding.resources);
        };
        assert_eq!(resource.r#type, ResourceType::AwsEc2Instance);
        assert_eq!(resource.id, "i-0123456789abcdef0");
        assert_eq!(resource.tags, Some(tags(&[("Name", "web")])));
        let details = finding.package_vulnerability_details.as_ref().unwrap();
        assert_eq!(details.vulnerability_id, "CVE-2024-0001");
        let package = &details.vulnerable_packages.as_ref().unwrap()[0];
        assert_eq!((package.name.as_str(), package.epoch), ("openssl", Some(1)));
        assert_eq!(
            finding.fix_available.as_ref().map(|f| f.as_str()),
            Some("YES")
        );

        // The account's status: EC2 and ECR on, Lambda off; an account never enabled is
        // left out.
        let status = client
            .batch_get_account_status()
            .account_ids(ACCOUNT)
            .account_ids("111122223333")
            .send()
            .await
            .unwrap_or_else(|e| panic!("BatchGetAccountStatus: {e}\n{}", server.log()));
        assert_eq!(status.failed_accounts, Some(vec![]));
        let [state] = status.accounts.as_slice() else {
            panic!("one account: {:?}", status.accounts);
        };
        assert_eq!(state.account_id, ACCOUNT);
        assert_eq!(state.state.status, Status::Enabled);
        assert_eq!(state.resource_state.ec2.status, Status::Enabled);
        assert_eq!(state.resource_state.ecr.status, Status::Enabled);
        let lambda = state.resource_state.lambda.as_ref().map(|s| &s.status);
        assert_eq!(lambda, Some(&Status::Disabled));
        let lambda_code = state.resource_state.lambda_code.as_ref().map(|s| &s.status);
        assert_eq!(lambda_code, Some(&Status::Disabled));

        // Delete a filter: it is gone from the list.
        let deleted = client
            .delete_filter()
            .arn(&temporary)
            .send()
            .await
            .unwrap_or_else(|e| panic!("DeleteFilter: {e}\n{}", server.log()));
        assert_eq!(deleted.arn, temporary);
        let left: Vec<_> = client
            .list_filters()
            .into_paginator()
            .items()
            .try_collect()
            .await
            .unwrap();
        let left: Vec<_> = left.iter().map(|f| f.arn.as_str()).collect();
        assert_eq!(left, [suppress.as_str(), watch.as_str()]);

        // A missing resource. moto 5.2.5 has no ResourceNotFoundException for inspector2:
        // deleting a filter that is gone succeeds again...
        let deleted = client.delete_filter().arn(&temporary).send().await.unwrap();
        assert_eq!(deleted.arn, temporary);
        // ...and a member never associated is a KeyError in moto, answered as an HTML page
        // with HTTP 500: the client retries it as a transient error (three attempts, each
        // one a traceback in moto's log), then returns it as the operation's error, with the
        // status and the start of the page.
        let missing = client
            .get_member()
            .account_id("111122223333")
            .send()
            .await
            .unwrap_err();
        let error = missing
            .as_service_error()
            .unwrap_or_else(|| panic!("a service error: {missing:?}"));
        // moto's page is not JSON: the error is an invalid response, not a modelled one.
        let GetMemberError::InvalidResponse(invalid) = error else {
            panic!("moto's HTML page for HTTP 500, not {error:?}");
        };
        assert_eq!(invalid.status(), 500);
        assert!(
            invalid.excerpt().starts_with("<!doctype html>")
                && invalid.excerpt().contains("500 Internal Server Error"),
            "{invalid}"
        );
        assert_eq!(
            server.requests_containing("/members/get", 3),
            ["POST /members/get 500"; 3]
        );
        let tracebacks = |log: &str| log.matches("KeyError: '111122223333'").count();
        assert_eq!(tracebacks(&server.log_when(|log| tracebacks(log) >= 3)), 3);
    });
}

/// The rest of what moto implements: disable scanning, the organization's configuration,
/// the delegated administrator and members.
#[test]
fn inspector2_accounts_and_organization_against_moto() {
    let server = MotoServer::start();
    let client = client(&server);
    runtime().block_on(async {
        client
            .enable()
            .account_ids(ACCOUNT)
            .resource_types(ResourceScanType::Lambda)
            .resource_types(ResourceScanType::LambdaCode)
            .send()
            .await
            .unwrap_or_else(|e| panic!("Enable: {e}\n{}", server.log()));
        let disabled = client
            .disable()
            .account_ids(ACCOUNT)
            .resource_types(ResourceScanType::LambdaCode)
            .send()
            .await
            .unwrap_or_else(|e| panic!("Disable: {e}\n{}", server.log()));
        let [account] = disabled.accounts.as_slice() else {
            panic!("one account: {:?}", disabled.accounts);
        };
        assert_eq!(account.status, Status::Enabled, "Lambda is still on");
        assert_eq!(account.resource_status.lambda, Some(Status::Enabled));
        assert_eq!(account.resource_status.lambda_code, Some(Status::Disabled));
        assert_eq!(account.resource_status.ec2, Status::Disabled);

        // The organization's configuration: all off, then ECR and Lambda on.
        let described = client
            .describe_organization_configuration()
            .send()
            .await
            .unwrap_or_else(|e| panic!("DescribeOrganizationConfiguration: {e}\n{}", server.log()));
        let auto_enable = described.auto_enable.unwrap();
        assert!(!auto_enable.ec2 && !auto_enable.ecr);
        assert_eq!(auto_enable.lambda, Some(false));
        assert_eq!(described.max_account_limit_reached, Some(false));
        let updated = client
            .update_organization_configuration()
            .auto_enable(
                inspector2::types::AutoEnable::builder()
                    .ec2(false)
                    .ecr(true)
                    .lambda(true)
                    .build()
                    .unwrap(),
            )
            .send()
            .await
            .unwrap_or_else(|e| panic!("UpdateOrganizationConfiguration: {e}\n{}", server.log()));
        assert!(!updated.auto_enable.ec2);
        assert!(updated.auto_enable.ecr);
        assert_eq!(updated.auto_enable.lambda, Some(true));
        assert_eq!(updated.auto_enable.lambda_code, Some(false));

        // The delegated administrator: enabled, listed, disabled. moto's "DISABLED" is not
        // a value of the model's enum, so it lands in `Unknown`.
        let admin = "210987654321";
        let enabled = client
            .enable_delegated_admin_account()
            .delegated_admin_account_id(admin)
            .send()
            .await
            .unwrap_or_else(|e| panic!("EnableDelegatedAdminAccount: {e}\n{}", server.log()));
        assert_eq!(enabled.delegated_admin_account_id, admin);
        let admins: Vec<_> = client
            .list_delegated_admin_accounts()
            .into_paginator()
            .items()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("ListDelegatedAdminAccounts: {e}\n{}", server.log()));
        assert_eq!(admins.len(), 1);
        assert_eq!(admins[0].account_id.as_deref(), Some(admin));
        assert_eq!(admins[0].status, Some(DelegatedAdminStatus::Enabled));
        client
            .disable_delegated_admin_account()
            .delegated_admin_account_id(admin)
            .send()
            .await
            .unwrap();
        let admins = client
            .list_delegated_admin_accounts()
            .send()
            .await
            .unwrap()
            .delegated_admin_accounts
            .unwrap();
        let status = admins[0].status.as_ref().unwrap();
        assert!(
            matches!(status, DelegatedAdminStatus::Unknown(_)),
            "{status:?}"
        );
        assert_eq!(status.as_str(), "DISABLED");

        // Members: associated, read, listed, disassociated.
        let member = "111122223333";
        let associated = client
            .associate_member()
            .account_id(member)
            .send()
            .await
            .unwrap_or_else(|e| panic!("AssociateMember: {e}\n{}", server.log()));
        assert_eq!(associated.account_id, member);
        let got = client
            .get_member()
            .account_id(member)
            .send()
            .await
            .unwrap_or_else(|e| panic!("GetMember: {e}\n{}", server.log()))
            .member
            .unwrap();
        assert_eq!(got.account_id.as_deref(), Some(member));
        assert_eq!(got.delegated_admin_account_id.as_deref(), Some(ACCOUNT));
        assert_eq!(got.relationship_status, Some(RelationshipStatus::Enabled));
        let updated_at = got.updated_at.unwrap();
        assert!(
            (Timestamp::now() - Duration::from_secs(60)..=Timestamp::now()).contains(&updated_at),
            "{updated_at}"
        );
        client
            .disassociate_member()
            .account_id(member)
            .send()
            .await
            .unwrap_or_else(|e| panic!("DisassociateMember: {e}\n{}", server.log()));
        let members: Vec<_> = client
            .list_members()
            .into_paginator()
            .items()
            .try_collect()
            .await
            .unwrap_or_else(|e| panic!("ListMembers: {e}\n{}", server.log()));
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].account_id.as_deref(), Some(member));
        assert_eq!(
            members[0].relationship_status,
            Some(RelationshipStatus::Disabled)
        );
    });
}
