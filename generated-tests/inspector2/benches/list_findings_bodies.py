#!/usr/bin/env python3
"""Writes the ListFindings response bodies of the inspector2 parse benchmark into DIR:
tiny.json (one finding), 1mb.json and 10mb.json (findings up to about that many bytes).

    python3 list_findings_bodies.py DIR

The findings are package-vulnerability findings on EC2 instances and ECR images, shaped like
the ones Amazon Inspector returns: every member of Finding that such a finding carries, nested
resources with their details, CVSS scores, vulnerable packages and remediation text, timestamps
as epoch seconds (restJson1's default). The same seed gives the same bytes on every machine.
"""

import json
import random
import sys
from pathlib import Path

SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL", "INFORMATIONAL", "UNTRIAGED"]
MANAGERS = ["OS", "PIP", "NPM", "JAR", "GOBINARY", "CARGO", "GEMSPEC", "NUGET"]
WORDS = (
    "a flaw was found in the handling of crafted input which allows a remote attacker to cause "
    "a denial of service or execute arbitrary code via a buffer overflow in the parser when "
    "processing certificates with long names resulting in memory corruption and information "
    "disclosure affecting versions before the fixed release"
).split()


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def timestamp(rng):
    # Whole seconds and milliseconds, as Inspector returns both.
    return round(1_700_000_000 + rng.random() * 60_000_000, rng.choice([0, 3]))


def cvss(rng):
    return {
        "baseScore": round(rng.uniform(1, 10), 1),
        "scoringVector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "version": rng.choice(["2.0", "3.1"]),
        "source": rng.choice(["NVD", "UBUNTU_CVE", "AMAZON_CVE"]),
    }


def package(rng, index):
    return {
        "name": f"lib{rng.choice(WORDS)}{index}",
        "version": f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 99)}",
        "epoch": rng.randint(0, 2),
        "release": f"{rng.randint(1, 40)}.amzn2023",
        "arch": rng.choice(["X86_64", "ARM64"]),
        "packageManager": rng.choice(MANAGERS),
        "filePath": f"/usr/lib/{rng.choice(WORDS)}/{index}.so",
        "fixedInVersion": f"{rng.randint(0, 9)}.{rng.randint(31, 60)}.0",
        "remediation": "dnf update --releasever=2023.6.20241212 --security",
    }


def resource(rng, account, region, index):
    if index % 2 == 0:
        instance = f"i-{rng.getrandbits(64):016x}"
        return {
            "type": "AWS_EC2_INSTANCE",
            "id": instance,
            "partition": "aws",
            "region": region,
            "tags": {"Name": f"web-{index}", "team": rng.choice(WORDS)},
            "details": {
                "awsEc2Instance": {
                    "type": rng.choice(["t3.micro", "m7g.large", "c7i.xlarge"]),
                    "imageId": f"ami-{rng.getrandbits(64):016x}",
                    "ipV4Addresses": [f"10.0.{rng.randint(0, 255)}.{rng.randint(1, 254)}"],
                    "ipV6Addresses": [],
                    "keyName": "ops",
                    "iamInstanceProfileArn": f"arn:aws:iam::{account}:instance-profile/web",
                    "vpcId": f"vpc-{rng.getrandbits(32):08x}",
                    "subnetId": f"subnet-{rng.getrandbits(32):08x}",
                    "launchedAt": timestamp(rng),
                    "platform": "AMAZON_LINUX_2023",
                }
            },
        }
    digest = f"sha256:{rng.getrandbits(256):064x}"
    repository = f"service-{index % 17}"
    return {
        "type": "AWS_ECR_CONTAINER_IMAGE",
        "id": f"arn:aws:ecr:{region}:{account}:repository/{repository}/{digest}",
        "partition": "aws",
        "region": region,
        "tags": {},
        "details": {
            "awsEcrContainerImage": {
                "repositoryName": repository,
                "imageTags": ["latest", f"v{index}"],
                "pushedAt": timestamp(rng),
                "architecture": "amd64",
                "imageHash": digest,
                "registry": account,
                "platform": "DEBIAN_12",
                "lastInUseAt": timestamp(rng),
                "inUseCount": rng.randint(0, 40),
            }
        },
    }


def finding(rng, index):
    account = f"{rng.randint(10**11, 10**12 - 1)}"
    region = rng.choice(["us-east-1", "eu-west-1", "ap-southeast-2"])
    cve = f"CVE-20{rng.randint(15, 26)}-{rng.randint(1000, 99999)}"
    score = round(rng.uniform(1, 10), 1)
    return {
        "findingArn": f"arn:aws:inspector2:{region}:{account}:finding/{rng.getrandbits(128):032x}",
        "awsAccountId": account,
        "type": "PACKAGE_VULNERABILITY",
        "description": sentence(rng, rng.randint(20, 60)),
        "title": f"{cve} - lib{rng.choice(WORDS)}",
        "remediation": {
            "recommendation": {
                "text": "None Provided",
                "Url": f"https://nvd.nist.gov/vuln/detail/{cve}",
            }
        },
        "severity": rng.choice(SEVERITIES),
        "firstObservedAt": timestamp(rng),
        "lastObservedAt": timestamp(rng),
        "updatedAt": timestamp(rng),
        "status": rng.choice(["ACTIVE", "SUPPRESSED", "CLOSED"]),
        "resources": [resource(rng, account, region, index)],
        "inspectorScore": score,
        "inspectorScoreDetails": {
            "adjustedCvss": {
                "scoreSource": "NVD",
                "cvssSource": "NVD",
                "version": "3.1",
                "score": score,
                "scoringVector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                "adjustments": [
                    {"metric": "attackVector", "reason": sentence(rng, 6)}
                    for _ in range(rng.randint(0, 2))
                ],
            }
        },
        "packageVulnerabilityDetails": {
            "vulnerabilityId": cve,
            "vulnerablePackages": [package(rng, i) for i in range(rng.randint(1, 4))],
            "source": "NVD",
            "cvss": [cvss(rng) for _ in range(rng.randint(1, 3))],
            "relatedVulnerabilities": [f"ALAS2023-2024-{rng.randint(100, 999)}"],
            "sourceUrl": f"https://nvd.nist.gov/vuln/detail/{cve}",
            "vendorSeverity": rng.choice(["LOW", "MEDIUM", "HIGH", "CRITICAL"]),
            "vendorCreatedAt": timestamp(rng),
            "vendorUpdatedAt": timestamp(rng),
            "referenceUrls": [f"https://example.com/advisories/{cve}/{i}" for i in range(rng.randint(1, 4))],
        },
        "fixAvailable": rng.choice(["YES", "NO", "PARTIAL"]),
        "exploitAvailable": rng.choice(["YES", "NO"]),
        "exploitabilityDetails": {"lastKnownExploitAt": timestamp(rng)},
        "epss": {"score": round(rng.random(), 5)},
    }


def body(target_bytes, seed):
    rng = random.Random(seed)
    findings = []
    size = 0
    while True:
        item = finding(rng, len(findings))
        size += len(json.dumps(item)) + 2
        if findings and size > target_bytes:
            break
        findings.append(item)
        if target_bytes == 0:
            break
    return json.dumps({"findings": findings, "nextToken": "eyJ0b2tlbiI6Im5leHQifQ=="}).encode()


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: list_findings_bodies.py DIR")
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, target in [("tiny", 0), ("1mb", 1_000_000), ("10mb", 10_000_000)]:
        data = body(target, seed=2020_06_08)
        (out / f"{name}.json").write_bytes(data)
        print(f"{name}.json: {len(data):,} bytes")


if __name__ == "__main__":
    main()
