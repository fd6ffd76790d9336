"""Checks the signatures of a signed input event stream with botocore.

Usage:
    verify_event_signatures.py FRAMES --access-key-id ID --secret-access-key KEY
        --region REGION --service NAME (--seed HEX | --request JSON)

FRAMES is a file of event-stream frames (`-`: standard input), as a client sends them on an
operation whose input is an event stream: each frame wraps a framed message in an outer message
with the headers `:date` (a timestamp) and `:chunk-signature` (32 bytes), and the last frame's
payload is empty. `--seed` is the signature of the HTTP request that carries the stream.
`--request` names instead a JSON file holding that request as it was received (`method`,
`url`, `headers` with lower-case names): its own SigV4 signature is checked first, with
botocore's `SigV4Auth.add_auth` at the request's `x-amz-date` over its signed headers and the
payload hash `STREAMING-AWS4-HMAC-SHA256-EVENTS`, and the signature it carries is the seed.

botocore has no signer for input event streams (it sends none), so the string to sign is built
here as AWS documents it for Transcribe's streaming:

    AWS4-HMAC-SHA256-PAYLOAD
    <the :date as YYYYMMDDTHHMMSSZ>
    <YYYYMMDD>/<region>/<service>/aws4_request
    <the previous signature, hex; the seed for the first frame>
    <hex SHA-256 of the encoded :date header>
    <hex SHA-256 of the payload>

and botocore computes the rest: the frames are decoded (with their checksums) by
`botocore.eventstream.EventStreamBuffer`, the credential scope is
`botocore.auth.SigV4Auth.credential_scope`, and the signature is `SigV4Auth.signature`, the
key derivation and HMAC botocore signs requests with. Each frame is checked against the
signature a service expects, chained from the signature it computed for the frame before (so
a frame that was altered invalidates itself and every frame after it).

Prints one JSON object: `request` (with `--request`: `expected`, `found`, `valid`), `frames`,
one entry per frame (`date`, `expected`, `found`, `valid`,
`end`, and `inner`, the wrapped message's headers and hex payload), `problems`, a list of
sentences, and `ok`, whether there are none. Exits 0 when ok, 1 when not, 2 on bad arguments.
"""

import argparse
import datetime
import hashlib
import json
import struct
import sys

from aws_server import botocore_authorization, parse_authorization
from botocore.auth import SIGV4_TIMESTAMP, SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.eventstream import EventStreamBuffer, ParserError

ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD"
# The type byte of a timestamp header value: an int64 of milliseconds since the epoch.
TIMESTAMP_TYPE = 8
PRELUDE = 12


def encoded_date_header(millis):
    """The `:date` header as the frame encodes it: name length, name, type, value."""
    name = b":date"
    return bytes([len(name)]) + name + bytes([TIMESTAMP_TYPE]) + struct.pack("!q", millis)


def jsonable(value):
    if isinstance(value, (bytes, bytearray)):
        return {"bytes": bytes(value).hex()}
    return value


def decode_all(data):
    """The messages of `data` with where each starts, and a problem if it does not decode."""
    buffer = EventStreamBuffer()
    buffer.add_data(data)
    messages = []
    offset = 0
    try:
        for message in buffer:
            messages.append((offset, message))
            offset += message.prelude.total_length
    # ParserError for bad lengths and checksums; KeyError (an unknown header type) and
    # UnicodeDecodeError (a header name that is not UTF-8) from the header parser.
    except (ParserError, KeyError, UnicodeDecodeError, struct.error) as error:
        return messages, f"frame {len(messages)} cannot be decoded: {type(error).__name__}: {error}"
    if offset != len(data):
        return messages, (
            f"{len(data) - offset} bytes after frame {len(messages) - 1} are not a whole frame"
        )
    return messages, None


def inner_message(payload):
    """The message a frame wraps, or a problem."""
    messages, problem = decode_all(payload)
    if problem is not None:
        return None, f"its payload is not a framed message ({problem})"
    if len(messages) != 1:
        return None, f"its payload holds {len(messages)} messages, not one"
    message = messages[0][1]
    return {
        "headers": {name: jsonable(value) for name, value in message.headers.items()},
        "payload_hex": bytes(message.payload).hex(),
    }, None


STREAMING_EVENTS = "STREAMING-AWS4-HMAC-SHA256-EVENTS"


def verify_request(received, args, problems):
    """The check of the HTTP request's own signature, and the signature it carries (the seed)."""
    headers = received["headers"]
    authorization = headers.get("authorization", "")
    entry = {"found": "", "expected": None, "valid": False}
    try:
        _scope, signed, found = parse_authorization(authorization)
    except (KeyError, ValueError) as error:
        problems.append(f"the request's authorization is not a SigV4 one ({error}): {authorization!r}")
        return entry, ""
    entry["found"] = found
    if headers.get("x-amz-content-sha256") != STREAMING_EVENTS:
        problems.append(
            f"the request's x-amz-content-sha256 is {headers.get('x-amz-content-sha256')!r}, "
            f"not {STREAMING_EVENTS}"
        )
    for name in ["host", "x-amz-date", "x-amz-content-sha256"]:
        if name not in signed:
            problems.append(f"the request's signature does not cover {name}")
    missing = [name for name in signed if name not in headers]
    if missing or "x-amz-date" not in signed:
        problems.append(f"the request's signed headers were not received: {missing}")
        return entry, found
    expected = botocore_authorization(
        Credentials(args.access_key_id, args.secret_access_key),
        args.service,
        args.region,
        received["method"],
        received["url"],
        {name: headers[name] for name in signed},
        b"",
    ).split("Signature=")[-1]
    entry.update(expected=expected, valid=expected == found)
    if not entry["valid"]:
        problems.append(
            f"the request's signature does not match: botocore computed {expected}, found {found}"
        )
    return entry, found


def verify(data, args):
    auth = SigV4Auth(
        Credentials(args.access_key_id, args.secret_access_key), args.service, args.region
    )
    problems = []
    frames = []
    request_check = None
    if args.request is not None:
        with open(args.request, encoding="utf-8") as file:
            request_check, args.seed = verify_request(json.load(file), args, problems)
    messages, problem = decode_all(data)
    if problem is not None:
        problems.append(problem)
    if not messages:
        problems.append("there are no frames")
    previous = args.seed
    for index, (offset, message) in enumerate(messages):
        entry = {"index": index, "valid": False, "end": False, "inner": None}
        frames.append(entry)
        headers = message.headers
        payload = bytes(message.payload)
        if set(headers) != {":date", ":chunk-signature"}:
            problems.append(
                f"frame {index} has the headers {sorted(headers)}, not :date and :chunk-signature"
            )
            break
        millis, found = headers[":date"], headers[":chunk-signature"]
        raw_headers = data[offset + PRELUDE : offset + PRELUDE + message.prelude.headers_length]
        date_header = encoded_date_header(millis) if isinstance(millis, int) else b""
        if not date_header or date_header not in raw_headers:
            problems.append(f"frame {index}: :date is not a timestamp header")
            break
        if not isinstance(found, bytes) or len(found) != 32:
            problems.append(f"frame {index}: :chunk-signature is not 32 bytes")
            break
        if millis % 1000:
            problems.append(
                f"frame {index}: :date has milliseconds ({millis}); the signed date has whole "
                "seconds"
            )
        when = datetime.datetime.fromtimestamp(millis // 1000, datetime.timezone.utc)
        request = AWSRequest()
        request.context["timestamp"] = when.strftime(SIGV4_TIMESTAMP)
        string_to_sign = "\n".join(
            [
                ALGORITHM,
                request.context["timestamp"],
                auth.credential_scope(request),
                previous,
                hashlib.sha256(date_header).hexdigest(),
                hashlib.sha256(payload).hexdigest(),
            ]
        )
        expected = auth.signature(string_to_sign, request)
        entry.update(
            date=request.context["timestamp"],
            expected=expected,
            found=found.hex(),
            valid=expected == found.hex(),
            end=not payload,
        )
        if not entry["valid"]:
            problems.append(
                f"frame {index}: signature mismatch: expected {expected}, found {found.hex()}"
            )
        if payload:
            entry["inner"], problem = inner_message(payload)
            if problem is not None:
                problems.append(f"frame {index}: {problem}")
        elif index != len(messages) - 1:
            problems.append(f"frame {index} is an empty end message but frames follow it")
        previous = expected
    if frames and not frames[-1]["end"]:
        problems.append("the stream does not end with a signed empty message")
    return {"request": request_check, "frames": frames, "problems": problems, "ok": not problems}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("frames")
    parser.add_argument("--access-key-id", required=True)
    parser.add_argument("--secret-access-key", required=True)
    parser.add_argument("--region", required=True)
    parser.add_argument("--service", required=True)
    seed = parser.add_mutually_exclusive_group(required=True)
    seed.add_argument("--seed")
    seed.add_argument("--request")
    args = parser.parse_args()
    if args.frames == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(args.frames, "rb") as frames:
            data = frames.read()
    report = verify(data, args)
    json.dump(report, sys.stdout, indent=1)
    sys.stdout.write("\n")
    sys.exit(0 if report["ok"] else 1)


if __name__ == "__main__":
    main()
