#!/usr/bin/env bash
# Builds and runs two small programs outside this workspace that depend on the generated crate
# as a user would (a path dependency, no lock file of ours): one without and one with the
# `client` feature, each at the newest and at the oldest versions our manifests allow.
#
# newest: the programs depend on generated/inspector where it is; `cargo generate-lockfile` picks what
#   a user gets today (they have no rust-version, so MSRV-aware resolution picks the newest).
# oldest: `cargo -Z direct-minimal-versions` resolves the *direct* dependencies of workspace
#   members to the lowest versions their requirements allow, and the rest to the newest. A
#   path dependency outside the workspace is not a member, so that alone would only pin
#   `inspector` itself. The programs therefore get copies of generated/inspector and runtime/ as
#   members of their workspace: then exactly the floors declared in generated/inspector/Cargo.toml
#   (written by codegen/src/emit/manifest.rs) and runtime/Cargo.toml are resolved and built,
#   and the two crates' tests run at them. (`-Z minimal-versions` would take every
#   transitive dependency at its floor too, and fails on third-party crates whose own floors
#   no longer build, e.g. spin 0.4 under lazy_static.) The resolution is strict: two members
#   that declare the same dependency must declare the same floor, and a floor below what
#   another dependency requires fails to resolve.
#
# One target dir (target/scratch, or SCRATCH_TARGET_DIR) serves all builds.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
export CARGO_TARGET_DIR="${SCRATCH_TARGET_DIR:-$repo/target/scratch}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

say() { printf '\n--> [%ss] %s\n' "$SECONDS" "$*"; }

# $1: the folder of a workspace; $2: how the programs name the generated crate's folder.
# Writes the two programs into it.
write_programs() {
  local root=$1 inspector=$2
  mkdir -p "$root/without-client/src" "$root/with-client/src"
  cat > "$root/without-client/Cargo.toml" <<EOF
[package]
name = "without-client"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
inspector = { path = "$inspector" }
EOF
  cat > "$root/without-client/src/main.rs" <<'EOF'
use inspector::operation::describe_assessment_runs::{self, DescribeAssessmentRunsInput};

fn main() {
    let arn = "arn:aws:inspector:us-west-2:123456789012:target/0-0kFIPusq/template/0-4r1V2mAw/run/0-MKkpXXPE";
    let input = DescribeAssessmentRunsInput::builder()
        .assessment_run_arns(arn)
        .build()
        .expect("the ARNs are set");
    input.validate().expect("one ARN is valid");
    let request = describe_assessment_runs::serialize_request(&input).expect("the request is made");
    assert_eq!(request.headers()["x-amz-target"], "InspectorService.DescribeAssessmentRuns");
    assert_eq!(
        request.body(),
        format!(r#"{{"assessmentRunArns":["{arn}"]}}"#).as_bytes()
    );
    println!("serialized DescribeAssessmentRuns: {} bytes", request.body().len());
}
EOF
  cat > "$root/with-client/Cargo.toml" <<EOF
[package]
name = "with-client"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
inspector = { path = "$inspector", features = ["client"] }
EOF
  cat > "$root/with-client/src/main.rs" <<'EOF'
use inspector::client::Credentials;
use inspector::{Client, Config};

fn main() {
    let config = Config::builder()
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .build();
    let client = Client::new(config);
    let endpoint = client.endpoint().expect("the region is set");
    assert_eq!(endpoint.url(), "https://inspector.us-west-2.amazonaws.com");
    // A call's builder; sending it needs a tokio runtime and the network.
    let _call = client.describe_assessment_runs().assessment_run_arns("arn");
    println!("client endpoint: {}", endpoint.url());
}
EOF
}

# $1: the workspace, then cargo tree's options; prints the versions of the dependencies of
# inspector (with its client) and service-runtime.
show_versions() {
  say "the dependencies of inspector and service-runtime resolved to:"
  (cd "$1" && cargo tree --quiet --edges normal --depth 1 --no-dedupe --prefix none \
    -p inspector -p service-runtime "${@:2}" | sort -u | grep -v '^inspector \|^service-runtime \|^$')
}

# $1: the workspace; builds and runs both programs in it.
build_both() {
  for program in without-client with-client; do
    say "cargo run -p $program"
    (cd "$1" && cargo run --quiet -p "$program")
  done
}

say "newest versions: programs depending on $repo/generated/inspector"
newest=$work/newest
write_programs "$newest" "$repo/generated/inspector"
printf '[workspace]\nresolver = "3"\nmembers = ["without-client", "with-client"]\n' > "$newest/Cargo.toml"
(cd "$newest" && cargo generate-lockfile --quiet)
# Not members here: cargo tree takes their features from the programs.
show_versions "$newest"
build_both "$newest"

say "oldest versions the manifests allow: copies of generated/inspector and runtime/ as workspace members"
oldest=$work/oldest
mkdir -p "$oldest"
# The same layout as the repository's, so the crate's `../../runtime` is the copy.
mkdir -p "$oldest/generated"
cp -R "$repo/generated/inspector" "$oldest/generated/inspector"
cp -R "$repo/runtime" "$oldest/runtime"
write_programs "$oldest" "../generated/inspector"
{
  printf '[workspace]\nresolver = "3"\n'
  printf 'members = ["without-client", "with-client", "generated/inspector", "runtime"]\n\n'
  # runtime/Cargo.toml inherits edition, rust-version and license from the workspace.
  sed -n '/^\[workspace.package\]/,/^$/p' "$repo/Cargo.toml"
} > "$oldest/Cargo.toml"
(cd "$oldest" && RUSTC_BOOTSTRAP=1 cargo -Z direct-minimal-versions generate-lockfile --quiet)
show_versions "$oldest" --features inspector/client
build_both "$oldest"
say "the tests of inspector (with its client) and service-runtime at the oldest versions"
(cd "$oldest" && cargo test --quiet -p inspector -p service-runtime --features inspector/client)

say "the programs build and run at the newest and the oldest versions"
