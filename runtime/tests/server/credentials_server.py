#!/usr/bin/env python3
"""Stand-ins for the places credentials come from, on 127.0.0.1, and a service that checks
the signature they make, with botocore's signer.

Usage:

    python credentials_server.py SCENARIO.json LOG.jsonl

Prints its port (one line) and serves until its stdin closes. Routes:

- EC2 instance metadata: `PUT /latest/api/token` (IMDSv2; needs the TTL header), `GET
  /latest/meta-data/iam/security-credentials/` and `…/<role>`, `GET
  /latest/meta-data/placement/region`. With `"imds": {"token": "required"}` a GET without
  the token issued is answered 401; with `"token": "refused"` the token PUT is answered 403
  and GETs must come without a token (IMDSv1). `"expires_in": [303, 3600]` gives the lifetime
  of each credentials issued in turn (the last repeats).
- Container credentials: `GET /ecs/credentials`; the `Authorization` header must equal
  `"ecs": {"authorization": ...}`.
- STS (query protocol, XML): `POST /sts/` with `Action=AssumeRoleWithWebIdentity` (unsigned;
  `WebIdentityToken` must equal `"sts": {"web_identity_token": ...}`) or `Action=AssumeRole`
  (signed for `sts` by credentials this server issued or the scenario's `"known"` ones; an
  `"external_ids": {role_arn: id}` entry requires that `ExternalId`).
- SSO portal: `GET /sso/federation/credentials?account_id=…&role_name=…` with
  `x-amz-sso_bearer_token`, which must be a token in `"sso": {"access_tokens": [...]}` or one
  issued by the OIDC route.
- SSO OIDC: `POST /oidc/token` (grant `refresh_token`; `refreshToken` must equal
  `"sso": {"refresh_token": ...}`): a new access token.
- `"tls": {"cert": PEM, "key": PEM}` serves HTTPS with that certificate.
- As a proxy: a request naming a whole `http://` URL is served as if sent directly, logged
  with `"proxied": true`; a `CONNECT` (an HTTPS proxy's tunnel) is logged and refused (403).
- A service: any other `POST`; the SigV4 signature must verify with known or issued
  credentials. Answers `{"access_key_id": ...}`.

Credentials it issues are named after their source: `ASIAIMDS1`, `ASIAECS1`, `ASIASTSWEB1`,
`ASIASTSROLE1`, `ASIASSO1`, … Every request is logged as a JSON line: method, path, headers,
body, route, status and problems.
"""

import datetime
import json
import os
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from aws_server import verify_signature  # noqa: E402

LOCK = threading.Lock()


class World:
    def __init__(self, scenario):
        self.scenario = scenario
        # access key id -> {"access_key_id", "secret_access_key", "session_token"}
        self.credentials = {c["access_key_id"]: c for c in scenario.get("known", [])}
        self.counters = {}
        self.imds_tokens = set()
        self.sso_tokens = set(scenario.get("sso", {}).get("access_tokens", []))

    def issue(self, source, lifetime):
        with LOCK:
            number = self.counters.get(source, 0) + 1
            self.counters[source] = number
            issued = {
                "access_key_id": f"ASIA{source}{number}",
                "secret_access_key": f"secret-{source.lower()}-{number}",
                "session_token": f"token-{source.lower()}-{number}",
            }
            self.credentials[issued["access_key_id"]] = issued
        expiry = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=lifetime)
        return issued, expiry, number

    def imds_lifetime(self):
        lifetimes = self.scenario.get("imds", {}).get("expires_in", [3600])
        index = self.counters.get("IMDS", 0)
        return lifetimes[min(index, len(lifetimes) - 1)]


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Signer:
    """What `verify_signature` reads: the credentials, and any region and service."""

    def __init__(self, credentials):
        self.credentials = credentials
        self.region = None
        self.service = None


def check_signature(world, method, path, headers, body, service=None):
    authorization = headers.get("authorization", "")
    key = authorization.partition("Credential=")[2].partition("/")[0]
    credentials = world.credentials.get(key)
    if credentials is None:
        return f"signed by unknown access key {key!r}"
    signer = Signer(credentials)
    signer.service = service
    _state, code, problem = verify_signature(signer, method, path, headers, body)
    return problem if code else None


def sts_response(action, issued, expiry, role_arn, session):
    return (
        f'<{action}Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
        f"<{action}Result>"
        f"<AssumedRoleUser><Arn>{role_arn.replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/{session}</Arn>"
        f"<AssumedRoleId>AROA0000000000:{session}</AssumedRoleId></AssumedRoleUser>"
        f"<Credentials><AccessKeyId>{issued['access_key_id']}</AccessKeyId>"
        f"<SecretAccessKey>{issued['secret_access_key']}</SecretAccessKey>"
        f"<SessionToken>{issued['session_token']}</SessionToken>"
        f"<Expiration>{iso(expiry)}</Expiration></Credentials>"
        f"</{action}Result>"
        f"<ResponseMetadata><RequestId>sts-request</RequestId></ResponseMetadata>"
        f"</{action}Response>"
    )


def sts_error(code, message):
    return (
        403,
        {"content-type": "text/xml"},
        f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code>"
        f"<Message>{message}</Message></Error><RequestId>sts-error</RequestId></ErrorResponse>",
    )


def route(world, method, path, headers, body):
    """(route name, status, headers, body text, problems)."""
    scenario = world.scenario
    url = urllib.parse.urlsplit(path)
    text = body.decode("utf-8", errors="replace")
    json_headers = {"content-type": "application/json"}

    if url.path.startswith("/latest/"):
        imds = scenario.get("imds", {})
        mode = imds.get("token", "required")
        if method == "PUT" and url.path == "/latest/api/token":
            if mode == "refused":
                return "imds-token", 403, {}, "", []
            if "x-aws-ec2-metadata-token-ttl-seconds" not in headers:
                return "imds-token", 400, {}, "", ["no TTL header"]
            token = f"imds-token-{len(world.imds_tokens) + 1}"
            world.imds_tokens.add(token)
            return "imds-token", 200, {"x-aws-ec2-metadata-token-ttl-seconds": "21600"}, token, []
        token = headers.get("x-aws-ec2-metadata-token")
        if mode == "required" and token not in world.imds_tokens:
            return "imds", 401, {}, "", [f"IMDS GET without a valid token ({token!r})"]
        if mode == "refused" and token is not None:
            return "imds", 401, {}, "", ["IMDSv1 GET carried a token"]
        base = "/latest/meta-data/iam/security-credentials/"
        role = imds.get("role", "ec2-role")
        if url.path == base:
            return "imds-role", 200, {}, role, []
        if url.path == base + role:
            issued, expiry, _ = world.issue("IMDS", world.imds_lifetime())
            document = {
                "Code": "Success",
                "LastUpdated": iso(datetime.datetime.now(datetime.timezone.utc)),
                "Type": "AWS-HMAC",
                "AccessKeyId": issued["access_key_id"],
                "SecretAccessKey": issued["secret_access_key"],
                "Token": issued["session_token"],
                "Expiration": iso(expiry),
            }
            return "imds-credentials", 200, json_headers, json.dumps(document), []
        if url.path == "/latest/meta-data/placement/region":
            return "imds-region", 200, {}, imds.get("region", "eu-west-3"), []
        return "imds", 404, {}, "", [f"no such metadata {url.path}"]

    if url.path == "/ecs/credentials":
        expected = scenario.get("ecs", {}).get("authorization")
        if headers.get("authorization") != expected:
            return "ecs", 401, json_headers, '{"message": "bad token"}', [
                f"Authorization {headers.get('authorization')!r}, expected {expected!r}"]
        issued, expiry, _ = world.issue("ECS", 3600)
        document = {
            "AccessKeyId": issued["access_key_id"],
            "SecretAccessKey": issued["secret_access_key"],
            "Token": issued["session_token"],
            "Expiration": iso(expiry),
            "RoleArn": "arn:aws:iam::123456789012:role/task-role",
        }
        return "ecs", 200, json_headers, json.dumps(document), []

    if url.path.startswith("/sts"):
        form = dict(urllib.parse.parse_qsl(text))
        action = form.get("Action")
        sts = scenario.get("sts", {})
        role_arn = form.get("RoleArn", "")
        session = form.get("RoleSessionName", "")
        if action == "AssumeRoleWithWebIdentity":
            if form.get("WebIdentityToken") != sts.get("web_identity_token"):
                return ("sts-web-identity",) + sts_error("InvalidIdentityToken", "wrong token") + (
                    ["wrong web identity token"],)
            issued, expiry, _ = world.issue("STSWEB", 3600)
            return "sts-web-identity", 200, {"content-type": "text/xml"}, sts_response(
                action, issued, expiry, role_arn, session), []
        if action == "AssumeRole":
            problem = check_signature(world, method, path, headers, body, service="sts")
            if problem:
                return ("sts-assume-role",) + sts_error("SignatureDoesNotMatch", problem) + ([problem],)
            wanted = sts.get("external_ids", {}).get(role_arn)
            if wanted is not None and form.get("ExternalId") != wanted:
                return ("sts-assume-role",) + sts_error("AccessDenied", "external id") + (
                    [f"ExternalId {form.get('ExternalId')!r}, expected {wanted!r}"],)
            issued, expiry, _ = world.issue("STSROLE", int(form.get("DurationSeconds", 3600)))
            return "sts-assume-role", 200, {"content-type": "text/xml"}, sts_response(
                action, issued, expiry, role_arn, session), []
        return "sts", 400, {}, "", [f"unknown action {action!r}"]

    if url.path.startswith("/sso/federation/credentials"):
        token = headers.get("x-amz-sso_bearer_token")
        if token not in world.sso_tokens:
            return "sso-portal", 401, json_headers, '{"message": "Session token not found or invalid"}', [
                f"unknown SSO token {token!r}"]
        issued, expiry, _ = world.issue("SSO", 3600)
        document = {"roleCredentials": {
            "accessKeyId": issued["access_key_id"],
            "secretAccessKey": issued["secret_access_key"],
            "sessionToken": issued["session_token"],
            "expiration": int(expiry.timestamp() * 1000),
        }}
        return "sso-portal", 200, json_headers, json.dumps(document), []

    if url.path.startswith("/oidc/token"):
        request = json.loads(text or "{}")
        sso = scenario.get("sso", {})
        if request.get("refreshToken") != sso.get("refresh_token"):
            return "sso-oidc", 400, json_headers, '{"error": "invalid_grant"}', ["wrong refresh token"]
        with LOCK:
            token = f"sso-access-token-refreshed-{len(world.sso_tokens) + 1}"
            world.sso_tokens.add(token)
        document = {"accessToken": token, "tokenType": "Bearer", "expiresIn": 3600,
                    "refreshToken": "sso-refresh-token-2"}
        return "sso-oidc", 200, json_headers, json.dumps(document), []

    if method == "POST":
        problem = check_signature(world, method, path, headers, body)
        if problem:
            return "service", 403, json_headers, json.dumps(
                {"__type": "InvalidSignatureException", "message": problem}), [problem]
        key = headers["authorization"].partition("Credential=")[2].partition("/")[0]
        return "service", 200, json_headers, json.dumps({"access_key_id": key}), []

    return "unknown", 404, {}, "", [f"no route for {method} {path}"]


def make_handler(world, log):
    log_lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass

        def do_CONNECT(self):
            # An HTTPS proxy's tunnel request: logged and refused.
            record = {"route": "connect", "method": "CONNECT", "path": self.path,
                      "headers": {k.lower(): v for k, v in self.headers.items()},
                      "body": "", "status": 403, "problems": []}
            with log_lock:
                log.write(json.dumps(record) + "\n")
                log.flush()
            self.send_response(403)
            self.send_header("content-length", "0")
            self.end_headers()

        def handle_any(self):
            # A request through this server as an HTTP proxy names the whole URL.
            proxied = self.path.startswith("http://")
            if proxied:
                self.path = urllib.parse.urlunsplit(("", "") + urllib.parse.urlsplit(self.path)[2:])
            length = int(self.headers.get("content-length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {}
            for name, value in self.headers.items():
                name = name.lower()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            name, status, response_headers, text, problems = route(
                world, self.command, self.path, headers, body)
            record = {"route": name, "method": self.command, "path": self.path, "proxied": proxied,
                      "headers": headers, "body": body.decode("utf-8", errors="replace"),
                      "status": status, "problems": problems}
            with log_lock:
                log.write(json.dumps(record) + "\n")
                log.flush()
            payload = text.encode()
            self.send_response(status)
            for key, value in response_headers.items():
                self.send_header(key, value)
            self.send_header("content-length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()

        do_GET = do_POST = do_PUT = handle_any

    return Handler


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: credentials_server.py SCENARIO.json LOG.jsonl")
    with open(sys.argv[1], encoding="utf-8") as file:
        world = World(json.load(file))
    log = open(sys.argv[2], "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(world, log))
    server.daemon_threads = True
    tls = world.scenario.get("tls")
    if tls:
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls["cert"], tls["key"])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_address[1], flush=True)
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
