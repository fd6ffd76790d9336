"""Writes the hand-picked seed inputs of the `parse_response` fuzz target into fuzz/seeds/, and
fuzz/json.dict, the dictionary of JSON tokens and the model's member names and enum values.

Each seed is a response in the target's input format (see fuzz_targets/parse_response.rs): a
2-byte status, a header count, the headers, then the body. Run from the repository root:

    python3 fuzz/make_seeds.py

The tiny DescribeAssessmentRuns body comes from ../shared/bench/describe_runs_bodies.py when
that script is there; the other bodies from the model's examples, with timestamps as the
epoch-second numbers the service sends.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODEL_DIR = os.path.join(ROOT, "models", "inspector", "2016-02-16")
SEEDS = os.path.join(ROOT, "fuzz", "seeds")
DICT = os.path.join(ROOT, "fuzz", "json.dict")

# The target's header names, in its order (HEADER_NAMES in fuzz_targets/parse_response.rs).
HEADER_NAMES = ["x-amzn-errortype", "X-Amzn-ErrorType", "x-amzn-requestid", "X-Amzn-RequestId",
                "content-type", "content-length", "x-amz-crc32", "date"]


def encode(status, headers, body):
    """The target's input for a response."""
    assert 100 <= status < 600 and len(headers) < 8
    out = bytearray((status - 100).to_bytes(2, "big"))
    out.append(len(headers))
    for name, value in headers:
        value = value.encode()
        assert len(value) < 64
        out += bytes([HEADER_NAMES.index(name), len(value)]) + value
    return bytes(out) + (body if isinstance(body, bytes) else body.encode())


def load(name):
    with open(os.path.join(MODEL_DIR, name)) as f:
        return json.load(f)


model = load("service-2.json")
shapes = model["shapes"]
timestamp_members = {member for shape in shapes.values()
                     for member, target in shape.get("members", {}).items()
                     if shapes[target["shape"]]["type"] == "timestamp"}


def timestamps_as_numbers(value):
    if isinstance(value, dict):
        return {k: float(v) if k in timestamp_members and isinstance(v, str) else timestamps_as_numbers(v)
                for k, v in value.items()}
    if isinstance(value, list):
        return [timestamps_as_numbers(v) for v in value]
    return value


def example_output(operation):
    output = load("examples-1.json")["examples"][operation][0]["output"]
    return json.dumps(timestamps_as_numbers(output), separators=(",", ":"))


JSON = [("content-type", "application/x-amz-json-1.1")]
INVALID_INPUT = ('{"message":"bad arn","errorCode":"INVALID_ASSESSMENT_RUN_ARN",'
                 '"canRetry":false}')
seeds = {
    "describe_assessment_runs_example": encode(200, JSON, example_output("DescribeAssessmentRuns")),
    "describe_findings_example": encode(200, JSON, example_output("DescribeFindings")),
    "list_findings_example": encode(200, [], example_output("ListFindings")),
    "empty_success": encode(200, [], b""),
    "error_code_in_header": encode(400, [
        ("x-amzn-errortype", "InvalidInputException:http://internal.amazon.com/"),
        ("x-amzn-requestid", "req-1"),
    ], INVALID_INPUT),
    "error_code_in_type": encode(400, JSON, '{"__type":"com.amazonaws.inspector#InvalidInputException",'
                                            + INVALID_INPUT[1:]),
    "unmodelled_error": encode(429, [("X-Amzn-RequestId", "req-2")],
                               '{"code":"ThrottlingException","Message":"slow down"}'),
    "html_error": encode(503, [("content-type", "text/html")], "<html>Service Unavailable</html>"),
    "empty_error": encode(500, [], b""),
}

bench = os.path.join(ROOT, "..", "shared", "bench", "describe_runs_bodies.py")
if os.path.exists(bench):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, bench, tmp], check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(tmp, "tiny.json"), "rb") as f:
            seeds["describe_assessment_runs_tiny"] = encode(200, JSON, f.read())

os.makedirs(SEEDS, exist_ok=True)
for name, data in sorted(seeds.items()):
    with open(os.path.join(SEEDS, name), "wb") as f:
        f.write(data)
    print(f"{name}: {len(data)} bytes")

words = {"__type", "code", "message", "Message", "errorMessage"}
for name, shape in shapes.items():
    words.update(shape.get("members", {}))
    words.update(shape.get("enum", []))
    if shape.get("exception"):
        words.add(name)
tokens = ['"{"', '"}"', '"["', '"]"', '":"', '","', '"\\""', '"null"', '"true"', '"false"',
          '"-0.5e+308"', '"\\\\u00e9"', '"\\\\ud83d\\\\ude00"', '"NaN"', '"Infinity"',
          '"1458680301.4"', '"2016-03-22T21:00:00Z"', '"Tue, 22 Mar 2016 21:00:00 GMT"']
tokens += ['"\\"%s\\""' % word for word in sorted(words)]
with open(DICT, "w") as f:
    f.write("# JSON tokens and the Inspector model's member names and enum values, quoted.\n")
    f.write("# Written by fuzz/make_seeds.py.\n")
    f.write("\n".join(tokens) + "\n")
print(f"json.dict: {len(tokens)} tokens")
