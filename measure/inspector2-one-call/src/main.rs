//! Serializes one ListFindings request and parses one response.

use inspector2::operation::list_findings::{self, ListFindingsInput};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input = ListFindingsInput::builder().max_results(10).build()?;
    let request = list_findings::serialize_request(&input)?;
    println!("{} {}", request.uri(), String::from_utf8_lossy(request.body()));
    let response = http::Response::builder()
        .status(200)
        .body(br#"{"findings": []}"#.to_vec())?;
    let output = list_findings::parse_response(&response)?;
    println!("{} findings", output.findings().map_or(0, <[_]>::len));
    Ok(())
}
