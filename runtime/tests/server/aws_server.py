#!/usr/bin/env python3
"""A scripted AWS-like HTTP server that checks SigV4 signatures with botocore's own signer.

Usage:

    python aws_server.py SCENARIO.json LOG.jsonl

The server listens on 127.0.0.1 on a free port, prints that port (one line, digits only) on
stdout, and serves until its stdin closes (so it dies with the test that started it) or it is
killed. It needs botocore (the tests use botocore 1.44.5).

Scenario (JSON object; every key is optional):

    {
      "credentials": {                    # the signer's credentials; without them, signatures
        "access_key_id": "AKID",          # are not checked
        "secret_access_key": "SECRET",
        "session_token": null             # when set, x-amz-security-token must carry it
      },
      "region": "us-east-1",              # the signing region the scope must name
      "service": "inspector",             # the signing name the scope must name
      "exchanges": [                      # answered in order, one per request received
        {
          "request": {                    # expectations; a mismatch is answered with
            "method": "POST",             #   400 {"__type": "ScenarioMismatchException", ...}
            "path": "/",                  # path and query as received
            "headers": {"x-amz-target": "InspectorService.ListFindings"},  # exact values
            "headers_present": ["amz-sdk-invocation-id"],
            "headers_absent": ["x-amz-security-token"],
            "body": "{}",                 # the exact body text, or
            "body_json": {}               # the body parsed as JSON
          },
          "response": {                   # defaults: 200, no extra headers, empty body
            "status": 200,
            "headers": {"content-type": "application/x-amz-json-1.1"},
            "body": "{}",                 # text, or
            "body_json": {},              # a JSON value, serialized, or
            "chunks": ["a", "b"],         # sent with chunked transfer encoding, one by one,
            "chunk_delay_seconds": 0.2,   #   this long apart, each `chunk_repeat` times over;
            "chunk_repeat": 1             #   a chunk {"base64": "..."} is those bytes
          },
          "delay_seconds": 0.5,           # wait before answering
          "hang": true,                   # never answer (instead of "response")
          "repeat": 1                     # answer this many consecutive requests this way
        }
      ]
    }

Checks, in order, for each request:

1. Signature (when "credentials" is given): the `Authorization` header is parsed; its
   access key, region and service must match; then botocore's `SigV4Auth.add_auth` signs an
   `AWSRequest` made of the received method, host, path, body and exactly the headers the
   request says it signed, at the time of its `x-amz-date`, with the scenario's secret and
   token. A different signature (or a missing or wrong token) is answered with
   403 {"__type": "InvalidSignatureException", "message": ...}; a missing `Authorization`
   with 403 {"__type": "MissingAuthenticationTokenException", ...}.
2. The exchange's request expectations (see above).
3. A request beyond the scripted exchanges is answered with
   400 {"__type": "UnexpectedRequestException", ...}.

Log (JSON lines, one per request, written before answering, so a hung request is logged):

    {"index": 0, "method": "POST", "path": "/", "headers": {"name": "value", ...},
     "body": "...", "body_length": 2, "body_sha256": "hex",
     "signature": "valid" | "invalid" | "missing" | "unchecked",
     "problems": ["..."], "status": 200 | null (hang)}

A request body comes with `content-length` or chunked transfer encoding.

Header names are lower-cased; repeated headers are joined with ", ".

For each chunked response, a line is added to LOG.jsonl.streams once it ends:

    {"index": 0, "chunks": 5, "sent": 2, "closed_early": true, "seconds": 0.61}

`sent` counts the chunks written before a write failed because the client had closed the
connection (`closed_early`), and `seconds` the time from the headers to the end.
"""

import base64

import datetime
import hashlib
import hmac
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.auth
from botocore.auth import SIGV4_TIMESTAMP, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

# botocore signs at "now"; verification pins "now" to the request's x-amz-date, one request
# at a time.
SIGNING_LOCK = threading.Lock()
STATE_LOCK = threading.Lock()
HANG_SECONDS = 3600


def chunk_bytes(chunk):
    """A scripted chunk: text, or {"base64": "..."} for bytes."""
    if isinstance(chunk, dict):
        return base64.b64decode(chunk["base64"])
    return chunk.encode()


def error_body(code, message):
    return json.dumps({"__type": code, "message": message})


class Scenario:
    def __init__(self, data):
        self.credentials = data.get("credentials")
        self.region = data.get("region")
        self.service = data.get("service")
        self.slots = []
        for exchange in data.get("exchanges", []):
            self.slots.extend([exchange] * int(exchange.get("repeat", 1)))
        self.received = 0

    def next_exchange(self):
        with STATE_LOCK:
            index = self.received
            self.received += 1
        exchange = self.slots[index] if index < len(self.slots) else None
        return index, exchange


def parse_authorization(value):
    """`AWS4-HMAC-SHA256 Credential=a/d/r/s/aws4_request, SignedHeaders=x;y, Signature=z`."""
    algorithm, _, rest = value.partition(" ")
    if algorithm != "AWS4-HMAC-SHA256":
        raise ValueError(f"unknown algorithm {algorithm!r}")
    fields = {}
    for part in rest.split(","):
        key, _, field = part.strip().partition("=")
        fields[key] = field
    scope = fields["Credential"].split("/")
    if len(scope) != 5 or scope[4] != "aws4_request":
        raise ValueError(f"malformed credential scope {fields['Credential']!r}")
    return scope, fields["SignedHeaders"].split(";"), fields["Signature"]


def botocore_authorization(credentials, service, region, method, url, signed_headers, body):
    """The `Authorization` botocore's `SigV4Auth.add_auth` gives the request `method` `url`
    with `signed_headers` (lower-case names, `x-amz-date` among them: the time it signs at)
    and `body`; an `x-amz-content-sha256` among them is the payload hash it signs."""
    request = AWSRequest(method=method, url=url, data=body, headers=signed_headers)
    moment = datetime.datetime.strptime(signed_headers["x-amz-date"], SIGV4_TIMESTAMP)
    with SIGNING_LOCK:
        original = botocore.auth.get_current_datetime
        botocore.auth.get_current_datetime = lambda: moment
        try:
            SigV4Auth(credentials, service, region).add_auth(request)
        finally:
            botocore.auth.get_current_datetime = original
    return request.headers["Authorization"]


def verify_signature(scenario, method, path, headers, body):
    """Returns (state, error code, problem); the code and problem are None when valid."""
    authorization = headers.get("authorization")
    if authorization is None:
        return "missing", "MissingAuthenticationTokenException", "no Authorization header"
    try:
        scope, signed_headers, _ = parse_authorization(authorization)
    except (KeyError, ValueError) as error:
        return "invalid", "InvalidSignatureException", f"malformed Authorization: {error}"
    access_key_id, _date, region, service, _ = scope
    creds = scenario.credentials
    if access_key_id != creds["access_key_id"]:
        return "invalid", "InvalidSignatureException", f"unknown access key {access_key_id}"
    if scenario.region and region != scenario.region:
        return "invalid", "InvalidSignatureException", f"signed for region {region}, expected {scenario.region}"
    if scenario.service and service != scenario.service:
        return "invalid", "InvalidSignatureException", f"signed for service {service}, expected {scenario.service}"
    token = creds.get("session_token")
    if headers.get("x-amz-security-token") != token:
        return "invalid", "InvalidSignatureException", "the security token is missing or wrong"
    amz_date = headers.get("x-amz-date")
    if amz_date is None or "x-amz-date" not in signed_headers:
        return "invalid", "InvalidSignatureException", "x-amz-date is missing or unsigned"
    missing = [name for name in signed_headers if name not in headers]
    if missing:
        return "invalid", "InvalidSignatureException", f"signed headers not sent: {missing}"

    expected = botocore_authorization(
        Credentials(creds["access_key_id"], creds["secret_access_key"], token),
        service,
        region,
        method,
        f"http://{headers['host']}{path}",
        {name: headers[name] for name in signed_headers},
        body,
    )
    if not hmac.compare_digest(expected, authorization):
        return (
            "invalid",
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. "
            f"botocore computed `{expected.split('Signature=')[-1]}` "
            f"over SignedHeaders={';'.join(sorted(signed_headers))}",
        )
    return "valid", None, None


def check_expectations(expected, method, path, headers, body):
    problems = []
    if "method" in expected and method != expected["method"]:
        problems.append(f"method {method}, expected {expected['method']}")
    if "path" in expected and path != expected["path"]:
        problems.append(f"path {path}, expected {expected['path']}")
    for name, value in expected.get("headers", {}).items():
        actual = headers.get(name.lower())
        if actual != value:
            problems.append(f"header {name.lower()}: {actual!r}, expected {value!r}")
    for name in expected.get("headers_present", []):
        if name.lower() not in headers:
            problems.append(f"header {name.lower()} is missing")
    for name in expected.get("headers_absent", []):
        if name.lower() in headers:
            problems.append(f"header {name.lower()} should be absent")
    text = body.decode("utf-8", errors="replace")
    if "body" in expected and text != expected["body"]:
        problems.append(f"body {text!r}, expected {expected['body']!r}")
    if "body_json" in expected:
        try:
            actual = json.loads(text)
        except ValueError as error:
            problems.append(f"body is not JSON: {error}")
        else:
            if actual != expected["body_json"]:
                problems.append(f"body {actual!r}, expected {expected['body_json']!r}")
    return problems


def make_handler(scenario, log):
    log_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # quiet: the log file is the record
            pass

        def handle_any(self):
            if self.headers.get("transfer-encoding", "").lower() == "chunked":
                parts = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        break
                    parts.append(self.rfile.read(size))
                    self.rfile.readline()
                body = b"".join(parts)
            else:
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
            headers = {}
            for name, value in self.headers.items():
                name = name.lower()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            index, exchange = scenario.next_exchange()

            signature, problems = "unchecked", []
            status, response_headers, response_body, chunks = 200, {}, b"", None
            failure = None
            if scenario.credentials:
                signature, code, problem = verify_signature(
                    scenario, self.command, self.path, headers, body
                )
                if code:
                    failure = (403, code, problem)
            if failure is None and exchange is None:
                failure = (400, "UnexpectedRequestException",
                           f"request {index + 1} but the scenario scripts {len(scenario.slots)}")
            if failure is None:
                problems = check_expectations(
                    exchange.get("request", {}), self.command, self.path, headers, body
                )
                if problems:
                    failure = (400, "ScenarioMismatchException", "; ".join(problems))
            hang = failure is None and exchange.get("hang", False)
            if failure is not None:
                status, code, message = failure
                problems = problems or [message]
                response_headers = {"content-type": "application/x-amz-json-1.1"}
                response_body = error_body(code, message).encode()
            elif not hang:
                response = exchange.get("response", {})
                status = int(response.get("status", 200))
                response_headers = response.get("headers", {})
                if "body_json" in response:
                    response_body = json.dumps(response["body_json"]).encode()
                elif "chunks" in response:
                    chunks = [chunk_bytes(chunk) * int(response.get("chunk_repeat", 1))
                              for chunk in response["chunks"]]
                    chunk_delay = float(response.get("chunk_delay_seconds", 0))
                else:
                    response_body = response.get("body", "").encode()

            record = {
                "index": index,
                "method": self.command,
                "path": self.path,
                "headers": headers,
                "body": body.decode("utf-8", errors="replace") if len(body) <= 65536 else "",
                "body_length": len(body),
                "body_sha256": hashlib.sha256(body).hexdigest(),
                "signature": signature,
                "problems": problems,
                "status": None if hang else status,
            }
            with log_lock:
                log.write(json.dumps(record) + "\n")
                log.flush()

            if failure is None and exchange.get("delay_seconds"):
                time.sleep(float(exchange["delay_seconds"]))
            if hang:
                time.sleep(HANG_SECONDS)
                return
            self.send_response(status)
            for name, value in response_headers.items():
                self.send_header(name, value)
            if chunks is not None:
                self.send_header("transfer-encoding", "chunked")
                self.send_header("x-amzn-requestid", f"request-{index}")
                self.end_headers()
                self.wfile.flush()
                started, sent, closed_early = time.monotonic(), 0, False
                try:
                    for number, chunk in enumerate(chunks):
                        if number and chunk_delay:
                            time.sleep(chunk_delay)
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                        sent += 1
                    self.wfile.write(b"0\r\n\r\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    # The client stopped reading and closed: what a dropped stream does.
                    closed_early = True
                    self.close_connection = True
                with log_lock:
                    with open(log.name + ".streams", "a", encoding="utf-8") as streams:
                        streams.write(json.dumps({
                            "index": index, "chunks": len(chunks), "sent": sent,
                            "closed_early": closed_early,
                            "seconds": round(time.monotonic() - started, 3),
                        }) + "\n")
                return
            self.send_header("content-length", str(len(response_body)))
            if failure is None:
                self.send_header("x-amzn-requestid", f"request-{index}")
            self.end_headers()
            self.wfile.write(response_body)
            self.wfile.flush()

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = handle_any

    return Handler


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: aws_server.py SCENARIO.json LOG.jsonl")
    with open(sys.argv[1], encoding="utf-8") as file:
        scenario = Scenario(json.load(file))
    log = open(sys.argv[2], "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(scenario, log))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    # Serve until whoever started us closes our stdin (or dies).
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
