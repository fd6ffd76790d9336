#!/usr/bin/env python3
"""botocore's side of the differential test of the generated `inspector` crate.

Writes seeded random cases for every operation of the vendored Amazon Inspector model as JSON
lines; each case carries what botocore 1.44.5 makes of it. `tests/differential.rs` replays every
case through the generated crate and compares. The record format is described in README.md next
to this file.

Only botocore and the standard library are used, and every random choice comes from a
`random.Random` seeded with the seed, the operation and the kind of case, so a case is replayed
by rerunning with the same seed and case count (filtering operations does not change a case).
"""

from __future__ import annotations

import argparse
import datetime
import decimal
import json
import os
import sys
import time
from pathlib import Path
from random import Random

import botocore
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer

BOTOCORE_VERSION = "1.44.5"
DEFAULT_MODEL = (
    Path(__file__).resolve().parents[2] / "models" / "inspector" / "2016-02-16" / "service-2.json"
)
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
MILLISECOND = datetime.timedelta(milliseconds=1)

# Epoch milliseconds of 1000-01-01T00:00:00Z and of the latest instant the crate keeps exactly.
EARLIEST_MS = -30_610_224_000_000
# The latest instant `jiff::Timestamp` holds (9999-12-30T22:00Z); the crate saturates beyond it.
LATEST_MS = 253_402_207_200_999

# Pieces that strings are made of: the characters JSON must escape, the ones that trip up
# escapers and HTML embedders, and characters outside ASCII and outside the BMP.
ESCAPE_PIECES = [
    '"', "\\", "/", "\b", "\f", "\n", "\r", "\t", "\x00", "\x01", "\x1f", "\x7f", "\x80",
    "\u0085", "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "'", "&", "<", ">",
    "</script>", "<!--", "]]>", "\\u0041", "\\\"", "%s", "${x}", "{}",
]
UNICODE_PIECES = [
    "é", "ß", "ǅ", "Ω", "中", "文", "e\u0301", "\u200b", "\u202e", "😀", "𝄞",
    "\U0001f1fa\U0001f1f8",  # a flag: two regional indicators
    "\U0001f469\u200d\U0001f4bb",  # a ZWJ sequence
    "\U0010ffff", "\U00010000",
]
IDENTIFIER = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
ASCII = IDENTIFIER + "-_.: "


class RawNumber:
    """A JSON number written exactly as `text`, to vary how numbers look on the wire."""

    def __init__(self, text: str):
        self.text = text


class JsonStyle:
    """How one response body is written: escaping and whitespace vary per body."""

    def __init__(self, rng: Random):
        self.rng = rng
        self.ensure_ascii = rng.random() < 0.4
        self.escape_slash = rng.random() < 0.2
        self.upper_hex = rng.random() < 0.5
        self.escape_ascii = rng.random() < 0.05
        self.indent = rng.choice([None, None, None, 0, 2, "\t"])
        self.space = rng.random() < 0.3

    def dumps(self, value) -> str:
        out: list[str] = []
        if self.rng.random() < 0.05:
            out.append(self.rng.choice([" ", "\n", "\r\n", "\t "]))
        self._write(value, out, 0)
        if self.rng.random() < 0.1:
            out.append(self.rng.choice([" ", "\n", "\r\n", "\t "]))
        return "".join(out)

    def _newline(self, out, level):
        if self.indent is None:
            return
        unit = self.indent if isinstance(self.indent, str) else " " * self.indent
        out.append("\n" + unit * level)

    def _write(self, value, out, level):
        if isinstance(value, RawNumber):
            out.append(value.text)
        elif value is None:
            out.append("null")
        elif value is True:
            out.append("true")
        elif value is False:
            out.append("false")
        elif isinstance(value, int):
            out.append(str(value))
        elif isinstance(value, float):
            out.append(repr(value))
        elif isinstance(value, str):
            self._write_string(value, out)
        elif isinstance(value, list):
            out.append("[")
            for index, item in enumerate(value):
                if index:
                    out.append(", " if self.space else ",")
                self._newline(out, level + 1)
                self._write(item, out, level + 1)
            if value:
                self._newline(out, level)
            out.append("]")
        elif isinstance(value, dict):
            out.append("{")
            for index, (key, item) in enumerate(value.items()):
                if index:
                    out.append(", " if self.space else ",")
                self._newline(out, level + 1)
                self._write_string(key, out)
                out.append(": " if self.space else ":")
                self._write(item, out, level + 1)
            if value:
                self._newline(out, level)
            out.append("}")
        else:
            raise TypeError(f"cannot write {value!r} as JSON")

    def _unicode_escape(self, code: int) -> str:
        return ("\\u%04X" if self.upper_hex else "\\u%04x") % code

    def _write_string(self, text: str, out):
        out.append('"')
        for char in text:
            code = ord(char)
            if char == '"':
                out.append('\\"')
            elif char == "\\":
                out.append("\\\\")
            elif char == "/" and self.escape_slash:
                out.append("\\/")
            elif char in "\b\f\n\r\t" and not self.escape_ascii:
                out.append({"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}[char])
            elif code < 0x20 or (code < 0x80 and self.escape_ascii):
                out.append(self._unicode_escape(code))
            elif code >= 0x80 and self.ensure_ascii:
                if code > 0xFFFF:
                    code -= 0x10000
                    out.append(self._unicode_escape(0xD800 + (code >> 10)))
                    out.append(self._unicode_escape(0xDC00 + (code & 0x3FF)))
                else:
                    out.append(self._unicode_escape(code))
            else:
                out.append(char)
        out.append('"')


class Generator:
    """Random values of model shapes.

    In the `input` direction values are what a botocore caller passes (timestamps as
    `datetime`); in the `output` direction they are wire JSON for a response body, with the
    occasional unknown key, unknown enum value and `null` optional member a service may send.
    A per-case budget (roughly, characters plus nodes) keeps nested collections at their
    maximum length from exploding: once spent, strings and collections fall back to their
    minimum length and optional members are left out.
    """

    SMALL_BUDGET = 1_500
    LARGE_BUDGET = 120_000
    MAX_DEPTH = 10

    def __init__(self, rng: Random, direction: str):
        self.rng = rng
        self.output = direction == "output"
        self.enum_turns: dict[str, int] = {}
        self.budget = 0
        self.optional_mode = "random"

    def start_case(self):
        self.budget = self.LARGE_BUDGET if self.rng.random() < 0.03 else self.SMALL_BUDGET
        self.optional_mode = self.rng.choice(["all", "none", "random", "random"])

    def value(self, shape, depth=0):
        self.budget -= 1
        return getattr(self, "_" + shape.type_name)(shape, depth)

    # -- aggregates -----------------------------------------------------------------------

    def _include_optional(self, depth) -> bool:
        if self.budget <= 0 or depth >= self.MAX_DEPTH:
            return False
        if self.optional_mode == "all":
            return True
        if self.optional_mode == "none":
            return False
        return self.rng.random() < 0.5

    def _structure(self, shape, depth):
        required = set(shape.required_members)
        result = {}
        for name, member in shape.members.items():
            key = member.serialization.get("name", name) if self.output else name
            if name in required or self._include_optional(depth):
                result[key] = self.value(member, depth + 1)
            elif self.output and self.rng.random() < 0.05:
                result[key] = None
        if self.output:
            if self.rng.random() < 0.1:
                for _ in range(self.rng.randint(1, 3)):
                    unknown = "unknownMember" + self.text(self.rng.randint(0, 12))
                    if unknown not in result:
                        result[unknown] = self.any_json(2)
            if self.rng.random() < 0.3:
                items = list(result.items())
                self.rng.shuffle(items)
                result = dict(items)
        return result

    def _collection_length(self, shape, depth) -> int:
        low = shape.metadata.get("min", 0)
        high = shape.metadata.get("max")
        if self.budget <= 0 or depth >= self.MAX_DEPTH:
            return low
        mode = self.rng.choice(["min", "max", "max", "small", "small", "small"])
        if mode == "min":
            return low
        if mode == "max":
            # Only when even lean items fit in what is left, so nested maxima stay rare.
            high = high if high is not None else low + 8
            return high if high * 20 <= self.budget else low
        top = low + 3 if high is None else min(high, low + 3)
        return self.rng.randint(low, top)

    def _list(self, shape, depth):
        length = self._collection_length(shape, depth)
        return [self.value(shape.member, depth + 1) for _ in range(length)]

    def _map(self, shape, depth):
        length = self._collection_length(shape, depth)
        result = {}
        attempts = 0
        while len(result) < length and attempts < length * 5 + 10:
            attempts += 1
            key = self.value(shape.key, depth + 1)
            if key not in result:
                result[key] = self.value(shape.value, depth + 1)
        return result

    # -- scalars --------------------------------------------------------------------------

    def _string(self, shape, depth):
        enum = shape.enum
        if enum:
            if self.output and self.rng.random() < 0.08:
                return "UNKNOWN_" + self.text(self.rng.randint(0, 20))
            # Cycle through the values so every one shows up once an operation has enough cases.
            turn = self.enum_turns.get(shape.name, 0)
            self.enum_turns[shape.name] = turn + 1
            return enum[turn % len(enum)]
        if "pattern" in shape.metadata:
            return self._patterned(shape)
        low = shape.metadata.get("min", 0)
        high = shape.metadata.get("max")
        if self.budget <= 0:
            length = low
        else:
            mode = self.rng.choice(["min", "max", "short", "short", "short"])
            if mode == "min":
                length = low
            elif mode == "max":
                length = high if high is not None else low + 300
                if length > self.budget:
                    length = low
            else:
                top = low + 40 if high is None else min(high, low + 40)
                length = self.rng.randint(low, top)
        self.budget -= length
        return self.text(length)

    def _patterned(self, shape):
        pattern = shape.metadata["pattern"]
        if pattern == "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}":
            digits = "".join(self.rng.choice("0123456789abcdef") for _ in range(32))
            return "-".join(
                [digits[:8], digits[8:12], digits[12:16], digits[16:20], digits[20:]]
            )
        raise ValueError(f"no generator for the pattern of {shape.name}: {pattern}")

    def text(self, length: int) -> str:
        """A string of exactly `length` code points, usually full of escapes."""
        flavour = self.rng.choice(["escapes", "escapes", "unicode", "mixed", "ascii"])
        pieces: list[str] = []
        size = 0
        while size < length:
            roll = self.rng.random()
            if flavour == "ascii" or (flavour == "mixed" and roll < 0.5):
                piece = self.rng.choice(ASCII)
            elif flavour == "escapes" and roll < 0.6:
                piece = self.rng.choice(ESCAPE_PIECES)
            elif flavour == "unicode" and roll < 0.7:
                piece = self.rng.choice(UNICODE_PIECES)
            else:
                piece = self.rng.choice(ESCAPE_PIECES + UNICODE_PIECES + list(ASCII))
            piece = piece[: length - size]
            pieces.append(piece)
            size += len(piece)
        return "".join(pieces)

    def _integer(self, shape, depth):
        return self._bounded_int(shape, -(2**31), 2**31 - 1)

    def _long(self, shape, depth):
        return self._bounded_int(shape, -(2**63), 2**63 - 1)

    def _bounded_int(self, shape, type_low, type_high):
        low = shape.metadata.get("min", type_low)
        high = shape.metadata.get("max", type_high)
        candidates = [low, high, low + 1, high - 1, max(low, min(high, 0))]
        roll = self.rng.random()
        if roll < 0.5:
            return self.rng.choice(candidates)
        if roll < 0.75:
            return self.rng.randint(low, min(high, low + 1000))
        return self.rng.randint(low, high)

    def _double(self, shape, depth):
        low = shape.metadata.get("min")
        high = shape.metadata.get("max")
        if low is None or high is None:
            candidates = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-300, 5e-324, 1.7976931348623157e308]
        else:
            candidates = [float(low), float(high), 5e-324 + low, float(int(low)), float(int(high))]
            candidates = [c for c in candidates if low <= c <= high]
        roll = self.rng.random()
        if roll < 0.4:
            number = self.rng.choice(candidates)
        else:
            lo = -1e6 if low is None else low
            hi = 1e6 if high is None else high
            number = self.rng.uniform(lo, hi)
            if roll < 0.7:
                number = round(number, self.rng.randint(0, 3))
        if not self.output:
            return number
        form = self.rng.random()
        if form < 0.15 and number == int(number) and abs(number) < 2**53:
            return int(number)
        if form < 0.3:
            return RawNumber("%.17e" % number)
        return number

    _float = _double

    def _boolean(self, shape, depth):
        return self.rng.random() < 0.5

    def _timestamp(self, shape, depth):
        millis = self.epoch_millis()
        if not self.output:
            return EPOCH + millis * MILLISECOND
        # The wire form is epoch seconds; write the same instant in different ways.
        seconds = decimal.Decimal(millis) / 1000
        form = self.rng.random()
        if millis % 1000 == 0 and form < 0.5:
            return millis // 1000
        if form < 0.6:
            return float(seconds)
        if form < 0.75:
            return RawNumber(f"{seconds:.3f}")
        if form < 0.9:
            return RawNumber(str(seconds))
        return RawNumber(f"{seconds:e}")

    def epoch_millis(self) -> int:
        roll = self.rng.random()
        if roll < 0.1:
            return self.rng.choice([0, 1, -1, 999, -999, 1000, EARLIEST_MS, LATEST_MS])
        if roll < 0.3:
            return self.rng.randint(0, 4_102_444_800) * 1000  # whole seconds up to 2100
        if roll < 0.4:
            return self.rng.randint(-2_208_988_800_000, 0)  # 1900 to 1970
        if roll < 0.45:
            return self.rng.randint(EARLIEST_MS, LATEST_MS)
        return self.rng.randint(946_684_800_000, 1_893_456_000_000)  # 2000 to 2030

    def _blob(self, shape, depth):
        raise ValueError(f"blobs are not generated (shape {shape.name})")

    def any_json(self, depth):
        """An arbitrary JSON value, for members the model does not know."""
        roll = self.rng.random()
        if depth > 0 and roll < 0.15:
            return [self.any_json(depth - 1) for _ in range(self.rng.randint(0, 3))]
        if depth > 0 and roll < 0.3:
            return {self.text(self.rng.randint(0, 6)): self.any_json(depth - 1)
                    for _ in range(self.rng.randint(0, 3))}
        return self.rng.choice([
            None, True, False, 0, -17, 2**64, 1.5e-7, RawNumber("-0.0e+00"),
            self.text(self.rng.randint(0, 10)),
        ])


# -- botocore's results back to wire form -------------------------------------------------


def canonical(value, shape):
    """botocore's parsed value as wire JSON: member keys as on the wire, timestamps as integer
    epoch milliseconds (rounded to the nearest millisecond), doubles as the text of Python's
    `repr` (so the reader need not trust its JSON parser's float rounding), everything else
    as botocore returns it."""
    if value is None:
        return None
    kind = shape.type_name
    if kind == "structure":
        result = {}
        for name, member in shape.members.items():
            if name in value:
                result[member.serialization.get("name", name)] = canonical(value[name], member)
        return result
    if kind == "list":
        return [canonical(item, shape.member) for item in value]
    if kind == "map":
        return {key: canonical(item, shape.value) for key, item in value.items()}
    if kind == "timestamp":
        return round((value - EPOCH) / datetime.timedelta(microseconds=1) / 1000)
    if kind in ("double", "float"):
        return repr(float(value))
    return value


def paths_of(value, shape, kinds, path="") -> list[str]:
    """JSON Pointers (RFC 6901) of every value of a shape type in `kinds` in the wire-form
    `value`."""
    if value is None:
        return []
    kind = shape.type_name
    if kind in kinds:
        return [path]
    found: list[str] = []
    if kind == "structure":
        for name, member in shape.members.items():
            key = member.serialization.get("name", name)
            if key in value:
                found += paths_of(value[key], member, kinds, path + "/" + pointer_token(key))
    elif kind == "list":
        for index, item in enumerate(value):
            found += paths_of(item, shape.member, kinds, f"{path}/{index}")
    elif kind == "map":
        for key, item in value.items():
            found += paths_of(item, shape.value, kinds, path + "/" + pointer_token(key))
    return found


def typed_paths(value, shape, prefix="") -> dict[str, list[str]]:
    """Where the timestamps and doubles are, for the reader to compare them as such."""
    if shape is None:
        return {"timestamp_paths": [], "double_paths": []}
    return {
        "timestamp_paths": paths_of(value, shape, ("timestamp",), prefix),
        "double_paths": paths_of(value, shape, ("double", "float"), prefix),
    }


def pointer_token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# -- cases -------------------------------------------------------------------------------


class Oracle:
    def __init__(self, service_model: ServiceModel, seed: int, cases: int):
        self.service_model = service_model
        self.seed = seed
        self.cases = cases
        self.serializer = create_serializer("json")
        self.parser = create_parser("json")

    def rng(self, operation: str, kind: str) -> Random:
        return Random(f"{self.seed}:{operation}:{kind}")

    def request_cases(self, operation_model):
        rng = self.rng(operation_model.name, "request")
        generator = Generator(rng, "input")
        shape = operation_model.input_shape
        for case in range(self.cases):
            generator.start_case()
            params = generator.value(shape) if shape is not None else {}
            request = self.serializer.serialize_to_request(params, operation_model)
            body = request["body"].decode("utf-8")
            wire_input = json.loads(body)
            yield {
                "kind": "request",
                "operation": operation_model.name,
                "case": case,
                "wire_input": wire_input,
                **typed_paths(wire_input, shape),
                "method": request["method"],
                "url_path": request["url_path"],
                "headers": dict(sorted(request["headers"].items())),
                "body": body,
            }

    def output_cases(self, operation_model):
        rng = self.rng(operation_model.name, "output")
        generator = Generator(rng, "output")
        shape = operation_model.output_shape
        for case in range(self.cases):
            generator.start_case()
            if shape is None:
                body = rng.choice(["{}", "{}", "", "{ }\n", '{"unknownMember":[1,{"a":null}]}'])
            else:
                body = JsonStyle(rng).dumps(generator.value(shape))
            headers = response_headers(rng, body)
            parsed = self.parser.parse(
                {"status_code": 200, "headers": headers, "body": body.encode("utf-8")}, shape
            )
            parsed.pop("ResponseMetadata", None)
            expected = canonical(parsed, shape) if shape is not None else {}
            yield {
                "kind": "output",
                "operation": operation_model.name,
                "case": case,
                "status": 200,
                "headers": headers,
                "body": body,
                "expected": expected,
                **typed_paths(expected, shape),
            }

    def error_cases(self, operation_model):
        """Cases cycle through the operation's modelled errors, then one code it does not model."""
        rng = self.rng(operation_model.name, "error")
        generator = Generator(rng, "output")
        errors = sorted(operation_model.error_shapes, key=lambda shape: shape.name)
        for case in range(self.cases):
            generator.start_case()
            slot = case % (len(errors) + 1)
            error_shape = errors[slot] if slot < len(errors) else None
            if error_shape is not None:
                code = error_shape.error_code
                status = 500 if error_shape.metadata.get("fault") else 400
                body_value = generator.value(error_shape)
            else:
                code = rng.choice(
                    ["ThrottlingException", "UnrecognizedClientException", "ValidationException",
                     "InternalFailure",
                     # Codes are identifiers; the crate trims whitespace from them, botocore not.
                     "Unknown" + "".join(rng.choice(IDENTIFIER) for _ in range(rng.randint(0, 8)))]
                )
                status = rng.choice([400, 403, 429, 500, 503])
                body_value = {}
                message_key = rng.choice(["message", "Message", None])
                if message_key is not None:
                    body_value[message_key] = generator.text(rng.randint(0, 30))
                if rng.random() < 0.3:
                    body_value["unknownMember"] = generator.any_json(2)
            wire_code = decorated_error_code(rng, code)
            items = [("__type", wire_code)] + list(body_value.items())
            if rng.random() < 0.3:
                rng.shuffle(items)
            body = JsonStyle(rng).dumps(dict(items))
            headers = response_headers(rng, body)
            if rng.random() < 0.3:
                headers["x-amzn-errortype"] = decorated_error_code(rng, code)
            response = {"status_code": status, "headers": headers, "body": body.encode("utf-8")}
            # What botocore's endpoint does: parse against the output shape to find the error,
            # then merge in the members parsed against the error's own shape.
            parsed = self.parser.parse(response, operation_model.output_shape)
            found_code = parsed["Error"]["Code"]
            found_shape = self.service_model.shape_for_error_code(found_code)
            found_name = found_shape.name if found_shape is not None else None
            if error_shape is not None and found_name != error_shape.name:
                raise AssertionError(f"botocore found {found_code!r} for {code!r}")
            members = None
            paths = typed_paths(None, None)
            if found_shape is not None:
                parsed.update(self.parser.parse(response, found_shape))
                members = canonical(
                    {name: parsed[name] for name in found_shape.members if name in parsed},
                    found_shape,
                )
                paths = typed_paths(members, found_shape, "/members")
            yield {
                "kind": "error",
                "operation": operation_model.name,
                "case": case,
                "status": status,
                "headers": headers,
                "body": body,
                "expected": {
                    "code": found_code,
                    "message": parsed["Error"]["Message"],
                    "members": members,
                },
                **paths,
            }


def decorated_error_code(rng: Random, code: str) -> str:
    """The error code in one of the forms services send; botocore strips them all to `code`."""
    return rng.choice([
        code,
        code,
        f"com.amazonaws.inspector#{code}",
        f"{code}:http://internal.amazon.com/coral/com.amazon.coral.service/",
        f"aws.protocoltests.restjson#{code}"
        ":http://internal.amazon.com/coral/com.amazon.coral.validate/",
    ])


def response_headers(rng: Random, body: str) -> dict[str, str]:
    digits = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    request_id = "-".join([digits[:8], digits[8:12], digits[12:16], digits[16:20], digits[20:]])
    return {
        "content-length": str(len(body.encode("utf-8"))),
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-requestid": request_id,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--cases", type=int, required=True, help="cases per operation and kind")
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--operations", default="", help="comma-separated operation names")
    parser.add_argument("--kinds", default="request,output,error")
    parser.add_argument("output", type=Path, help="where to write the JSON lines")
    args = parser.parse_args(argv)
    # botocore parses timestamps into local time; near year 9999 an offset east of UTC
    # overflows, so pin the zone for the same results on every machine.
    os.environ["TZ"] = "UTC"
    time.tzset()

    if botocore.__version__ != BOTOCORE_VERSION:
        print(
            f"botocore_oracle.py needs botocore {BOTOCORE_VERSION}, found {botocore.__version__}",
            file=sys.stderr,
        )
        return 2
    with args.model.open(encoding="utf-8") as model_file:
        service_model = ServiceModel(json.load(model_file), service_name="inspector")
    names = sorted(service_model.operation_names)
    if args.operations:
        wanted = args.operations.split(",")
        unknown = sorted(set(wanted) - set(names))
        if unknown:
            print(f"unknown operations: {', '.join(unknown)}", file=sys.stderr)
            return 2
        names = [name for name in names if name in wanted]
    kinds = args.kinds.split(",")
    oracle = Oracle(service_model, args.seed, args.cases)
    count = 0
    with args.output.open("w", encoding="utf-8") as out:
        for name in names:
            operation_model = service_model.operation_model(name)
            for kind in kinds:
                for record in getattr(oracle, f"{kind}_cases")(operation_model):
                    out.write(json.dumps(record, ensure_ascii=True, separators=(",", ":")))
                    out.write("\n")
                    count += 1
    print(f"wrote {count} cases for {len(names)} operations to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
