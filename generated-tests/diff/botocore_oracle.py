#!/usr/bin/env python3
"""botocore's side of the differential test of a generated crate.

Reads a botocore service model (awsJson or restJson1), writes seeded random cases for each of
its operations as JSON lines, each with what botocore 1.44.5 makes of it: the request it
serializes, the output it parses, the error it finds. `tests/differential/harness.rs` replays
every case through the generated crate and compares. Nothing here names an operation: the
cases follow the model's shapes, traits and HTTP bindings. The record format is described in
README.md next to this file.

Only botocore and the standard library are used, and every random choice comes from a
`random.Random` seeded with the seed, the operation and the kind of case, so a case is replayed
by rerunning with the same seed and case count (filtering operations does not change a case).
"""

from __future__ import annotations

import argparse
import base64
import datetime
import decimal
import email.utils
import io
import json
import os
import struct
import sys
import time
import urllib.parse
import zlib
from pathlib import Path
from random import Random

try:  # Python 3.11 and later
    import re._parser as sre_parse
    import re._constants as sre_constants
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants
    import sre_parse

import botocore
from botocore.awsrequest import HeadersDict, prepare_request_dict
from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.response import StreamingBody
from botocore.serialize import create_serializer

BOTOCORE_VERSION = "1.44.5"
ENDPOINT = "https://service.example.com"
# The idempotency token both sides use for a member the input leaves unset (botocore makes a
# random UUID there; the crate too, outside `service_runtime::with_idempotency_token`).
FIXED_TOKEN = "00000000-0000-4000-8000-000000000000"
# The largest finite 32-bit float.
F32_MAX = 3.4028234663852886e38
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


# Printable ASCII that a header value may hold as it is (no leading or trailing space is added).
HEADER_SAFE = IDENTIFIER + "-_.:;/=+!#$%&'*^`|~()[]{}<>?@ "


class PatternSampler:
    """Random strings matching a regular expression, from Python's own parse of it.

    Lookaround and anchors are ignored and `\\p{…}` classes are not parsed at all (Python's
    `re` has none): for those patterns `sample` returns None and the caller makes free text.
    Nothing checks patterns on either side of the comparison (botocore validates no pattern and
    the replay does not call `validate()`), so a sample serves only to make values look like
    the service's: ARNs with their `:` and `/`, say.
    """

    MAX_EXTRA_REPEATS = 5

    def __init__(self, rng: Random):
        self.rng = rng
        self.parsed: dict[str, object] = {}

    def sample(self, pattern: str) -> str | None:
        if pattern not in self.parsed:
            try:
                self.parsed[pattern] = sre_parse.parse(pattern)
            except Exception:  # noqa: BLE001 - any pattern Python cannot read
                self.parsed[pattern] = None
        tree = self.parsed[pattern]
        if tree is None:
            return None
        out: list[str] = []
        self._sequence(tree, out)
        return "".join(out)

    def _sequence(self, items, out):
        for op, arg in items:
            self._item(op, arg, out)

    def _item(self, op, arg, out):
        c = sre_constants
        if op == c.LITERAL:
            out.append(chr(arg))
        elif op == c.NOT_LITERAL:
            out.append(self.rng.choice([ch for ch in ASCII if ord(ch) != arg]))
        elif op == c.ANY:
            out.append(self.rng.choice(ASCII))
        elif op == c.IN:
            out.append(self._class(arg))
        elif op == c.BRANCH:
            self._sequence(self.rng.choice(arg[1]), out)
        elif op == c.SUBPATTERN:
            self._sequence(arg[-1], out)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            low, high, item = arg
            high = min(high, low + self.MAX_EXTRA_REPEATS)
            for _ in range(self.rng.randint(low, high)):
                self._sequence(item, out)
        elif op == c.CATEGORY:
            out.append(self._category(arg))
        # AT (anchors), ASSERT, ASSERT_NOT and GROUPREF add nothing.

    def _category(self, category) -> str:
        c = sre_constants
        if category == c.CATEGORY_DIGIT:
            return self.rng.choice("0123456789")
        if category == c.CATEGORY_SPACE:
            return " "
        if category == c.CATEGORY_WORD:
            return self.rng.choice(IDENTIFIER + "_")
        if category == c.CATEGORY_NOT_SPACE:
            return self.rng.choice(IDENTIFIER + "-_.:/")
        return self.rng.choice(".-:/ ")

    def _class(self, items) -> str:
        c = sre_constants
        if items and items[0][0] == c.NEGATE:
            excluded = set()
            for op, arg in items[1:]:
                if op == c.LITERAL:
                    excluded.add(chr(arg))
                elif op == c.RANGE:
                    excluded.update(chr(code) for code in range(arg[0], arg[1] + 1))
            choices = [ch for ch in HEADER_SAFE if ch not in excluded]
            return self.rng.choice(choices or ["x"])
        op, arg = self.rng.choice(items)
        if op == c.LITERAL:
            return chr(arg)
        if op == c.RANGE:
            return chr(self.rng.randint(arg[0], arg[1]))
        if op == c.CATEGORY:
            return self._category(arg)
        return "x"


class Generator:
    """Random values of model shapes.

    In the `input` direction values are what a botocore caller passes (timestamps as
    `datetime`, blobs as `bytes`); in the `output` direction they are wire JSON for a response
    body, with the occasional unknown key, unknown enum value and `null` optional member a
    service may send. A per-case budget (roughly, characters plus nodes) keeps nested
    collections at their maximum length from exploding: once spent, strings and collections
    fall back to their minimum length and optional members are left out.
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
        self.patterns = PatternSampler(rng)

    def start_case(self):
        self.budget = self.LARGE_BUDGET if self.rng.random() < 0.03 else self.SMALL_BUDGET
        self.optional_mode = self.rng.choice(["all", "none", "random", "random"])
        # Whether the values made now are the items of a list bound to a header.
        self.in_header = False

    def value(self, shape, depth=0):
        self.budget -= 1
        kind = shape.type_name
        if getattr(shape, "is_document_type", False):
            return self.document(2)
        if kind == "structure" and getattr(shape, "is_tagged_union", False):
            return self._union(shape, depth)
        return getattr(self, "_" + kind)(shape, depth)

    # -- aggregates -----------------------------------------------------------------------

    def include_optional(self, depth) -> bool:
        if self.budget <= 0 or depth >= self.MAX_DEPTH:
            return False
        if self.optional_mode == "all":
            return True
        if self.optional_mode == "none":
            return False
        return self.rng.random() < 0.5

    def key(self, name, member) -> str:
        """The member's key: its name in a botocore input, its JSON name on the wire."""
        return member.serialization.get("name", name) if self.output else name

    def _structure(self, shape, depth):
        required = set(shape.required_members)
        result = {}
        for name, member in shape.members.items():
            key = self.key(name, member)
            if name in required or self.include_optional(depth):
                result[key] = self.value(member, depth + 1)
            elif self.output and self.rng.random() < 0.05:
                result[key] = None
        if self.output:
            self.add_unknown_members(result)
        return result

    def add_unknown_members(self, result):
        if self.rng.random() < 0.1:
            for _ in range(self.rng.randint(1, 3)):
                unknown = "unknownMember" + self.text(self.rng.randint(0, 12))
                if unknown not in result:
                    result[unknown] = self.any_json(2)
        if self.rng.random() < 0.3:
            items = list(result.items())
            self.rng.shuffle(items)
            result.clear()
            result.update(items)

    def _union(self, shape, depth):
        """Exactly one member set, as both botocore and the service require; on the wire,
        sometimes a member the model does not know, or other members as `null`."""
        names = list(shape.members)
        if self.output and self.rng.random() < 0.05:
            value = self.any_json(2)
            return {"unknownUnionMember" + self.text(self.rng.randint(0, 8)): value or 0}
        name = self.rng.choice(names)
        member = shape.members[name]
        value = self.value(member, depth + 1)
        while value is None:
            # A document member drawn as `null` is not set: a union needs a value.
            value = self.value(member, depth + 1)
        result = {self.key(name, member): value}
        if self.output and self.rng.random() < 0.1:
            other = self.rng.choice(names)
            result.setdefault(self.key(other, shape.members[other]), None)
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
        # The items of a list bound to a header are header text too (a service's header
        # values are visible ASCII, which is all a client can send).
        outer = self.in_header
        self.in_header = outer or shape.serialization.get("location") in ("header", "headers")
        try:
            return [self.value(shape.member, depth + 1) for _ in range(length)]
        finally:
            self.in_header = outer

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
        location = shape.serialization.get("location") or ("header" if self.in_header else None)
        enum = shape.enum
        if enum:
            if self.output and self.rng.random() < 0.08:
                if location in ("header", "headers"):
                    return "UNKNOWN_" + self.header_text(self.rng.randint(0, 20))
                return "UNKNOWN_" + self.text(self.rng.randint(0, 20))
            # Cycle through the values so every one shows up once an operation has enough cases.
            turn = self.enum_turns.get(shape.name, 0)
            self.enum_turns[shape.name] = turn + 1
            return enum[turn % len(enum)]
        low = shape.metadata.get("min", 0)
        if location == "uri":
            low = max(low, 1)  # an empty label is an error on both sides
        pattern = shape.metadata.get("pattern")
        if pattern is not None and self.rng.random() < 0.5:
            sample = self.patterns.sample(pattern)
            high = shape.metadata.get("max", len(sample or ""))
            if sample is not None and low <= len(sample) <= high:
                self.budget -= len(sample)
                return sample
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
        if location in ("header", "headers"):
            return self.header_text(length)
        return self.text(length)

    def header_text(self, length: int) -> str:
        """Printable ASCII without leading or trailing blanks, which HTTP trims."""
        if length == 0:
            return ""
        middle = "".join(self.rng.choice(HEADER_SAFE) for _ in range(max(0, length - 2)))
        ends = [self.rng.choice(IDENTIFIER) for _ in range(min(length, 2))]
        return ends[0] + middle + (ends[1] if length > 1 else "")

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
            # Within the one bound a model may give alone (a weight of at least 0, say), which
            # botocore's parameter validation enforces.
            candidates = [0.0, -0.0, 1.5, -2.25, 1e300, -1e-300, 5e-324, 1.7976931348623157e308]
            candidates += [float(bound) for bound in (low, high) if bound is not None]
            candidates = [
                c for c in candidates
                if (low is None or c >= low) and (high is None or c <= high)
            ]
        else:
            candidates = [float(low), float(high), 5e-324 + low, float(int(low)), float(int(high))]
            candidates = [c for c in candidates if low <= c <= high]
        roll = self.rng.random()
        if roll < 0.4:
            number = self.rng.choice(candidates)
        else:
            if low is not None:
                lo = low
            else:
                lo = -1e6 if high is None else min(-1e6, high)
            hi = max(1e6, lo) if high is None else high
            number = self.rng.uniform(lo, hi)
            if roll < 0.7:
                number = round(number, self.rng.randint(0, 3))
            # Rounding may step over a bound.
            number = max(number, lo) if low is not None else number
            number = min(number, hi) if high is not None else number
        if not self.output or shape.serialization.get("location"):
            return number
        form = self.rng.random()
        if form < 0.15 and number == int(number) and abs(number) < 2**53:
            return int(number)
        if form < 0.3:
            return RawNumber("%.17e" % number)
        return number

    def _float(self, shape, depth):
        """A double that a 32-bit float holds exactly: the crate's type for `float` is `f32`
        (as aws-sdk-rust's), so the values both sides start from are the same."""
        number = self._double(shape, depth)
        if isinstance(number, RawNumber):
            number = float(number.text)
        single = max(-F32_MAX, min(F32_MAX, float(number)))
        return struct.unpack("<f", struct.pack("<f", single))[0]

    def _boolean(self, shape, depth):
        return self.rng.random() < 0.5

    def _timestamp(self, shape, depth):
        millis = self.epoch_millis()
        if not self.output:
            return EPOCH + millis * MILLISECOND
        return wire_timestamp(self.rng, millis, timestamp_format(shape))

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
        length = self.rng.choice([0, 1, 2, 3, 16, self.rng.randint(0, 64)])
        data = bytes(self.rng.randrange(256) for _ in range(length))
        return base64.b64encode(data).decode("ascii") if self.output else data

    def document(self, depth):
        """A value of a document member: any JSON, with numbers `serde_json::Value` (the
        crate's `Document`) keeps exactly: integers within i64, doubles of few digits."""
        roll = self.rng.random()
        if depth > 0 and roll < 0.2:
            return [self.document(depth - 1) for _ in range(self.rng.randint(0, 3))]
        if depth > 0 and roll < 0.45:
            return {self.text(self.rng.randint(0, 6)): self.document(depth - 1)
                    for _ in range(self.rng.randint(0, 3))}
        return self.rng.choice([
            None, True, False, 0, -17, 2**63 - 1, -(2**63), 1.5, -0.25, 1e-7,
            self.text(self.rng.randint(0, 10)),
        ])

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


def timestamp_format(shape) -> str:
    """The member's format: its own or its target's trait, else the binding's default."""
    explicit = shape.serialization.get("timestampFormat")
    if explicit:
        return explicit
    return "rfc822" if shape.serialization.get("location") == "header" else "unixTimestamp"


def wire_timestamp(rng: Random, millis: int, form: str):
    """An instant as a service may write it: epoch seconds in varied number forms, or text."""
    if form == "iso8601":
        instant = EPOCH + millis * MILLISECOND
        text = instant.strftime("%Y-%m-%dT%H:%M:%S")
        fraction = millis % 1000
        if fraction or rng.random() < 0.3:
            text += rng.choice([f".{fraction:03d}", f".{fraction:03d}000"])
        return text + "Z"
    if form == "rfc822":
        return http_date(millis // 1000)
    seconds = decimal.Decimal(millis) / 1000
    roll = rng.random()
    if millis % 1000 == 0 and roll < 0.5:
        return millis // 1000
    if roll < 0.6:
        return float(seconds)
    if roll < 0.75:
        return RawNumber(f"{seconds:.3f}")
    if roll < 0.9:
        return RawNumber(str(seconds))
    return RawNumber(f"{seconds:e}")


def http_date(seconds: int) -> str:
    instant = EPOCH + datetime.timedelta(seconds=seconds)
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return (
        f"{days[instant.weekday()]}, {instant.day:02d} {months[instant.month - 1]} "
        f"{instant.year:04d} {instant.hour:02d}:{instant.minute:02d}:{instant.second:02d} GMT"
    )


# -- botocore's results and inputs in the crate's serde form --------------------------------


def canonical(value, shape):
    """botocore's parsed value in the generated crate's serde form, which has boto3's keys (the
    model's member names): timestamps as integer epoch milliseconds (rounded to the nearest),
    doubles as the text of Python's `repr` (so the reader need not trust its JSON parser's
    float rounding), blobs in base64, a union member botocore does not know
    (`SDK_UNKNOWN_MEMBER`) as `{}` (the crate's `Unknown`), everything else as botocore returns
    it."""
    if value is None:
        return None
    kind = shape.type_name
    if getattr(shape, "is_document_type", False):
        return value
    if kind == "structure":
        if getattr(shape, "is_tagged_union", False) and "SDK_UNKNOWN_MEMBER" in value:
            return {}
        return {
            name: canonical(value[name], member)
            for name, member in shape.members.items()
            if name in value
        }
    if kind == "list":
        return [canonical(item, shape.member) for item in value]
    if kind == "map":
        return {key: canonical(item, shape.value) for key, item in value.items()}
    if kind == "timestamp":
        return round((value - EPOCH) / datetime.timedelta(microseconds=1) / 1000)
    if kind in ("double", "float"):
        return repr(float(value))
    if kind == "blob":
        if isinstance(value, StreamingBody):
            value = value.read()
        return base64.b64encode(value).decode("ascii")
    return value


def serde_input(value, shape):
    """A botocore input in the crate's serde form, for the replay to deserialize: member names,
    blobs in base64, timestamps in the member's `timestampFormat`, else epoch seconds."""
    kind = shape.type_name
    if getattr(shape, "is_document_type", False):
        return value
    if kind == "structure":
        return {name: serde_input(value[name], shape.members[name]) for name in value}
    if kind == "list":
        return [serde_input(item, shape.member) for item in value]
    if kind == "map":
        return {key: serde_input(item, shape.value) for key, item in value.items()}
    if kind == "timestamp":
        millis = round((value - EPOCH) / MILLISECOND)
        form = shape.serialization.get("timestampFormat")
        if form == "iso8601":
            return wire_timestamp(Random(0), millis, "iso8601")
        if form == "rfc822":
            return http_date(millis // 1000)
        return millis / 1000
    if kind == "blob":
        return base64.b64encode(value).decode("ascii")
    return value


def paths_of(value, shape, kinds, path="", wire=False) -> list[str]:
    """JSON Pointers (RFC 6901) of every value of a shape type in `kinds` in `value`, whose keys
    are member names, or the JSON names of the wire when `wire`."""
    if value is None:
        return []
    kind = shape.type_name
    if kind in kinds:
        return [path]
    found: list[str] = []
    if kind == "structure":
        for name, member in shape.members.items():
            key = member.serialization.get("name", name) if wire else name
            if key in value:
                found += paths_of(
                    value[key], member, kinds, path + "/" + pointer_token(key), wire
                )
    elif kind == "list":
        for index, item in enumerate(value):
            found += paths_of(item, shape.member, kinds, f"{path}/{index}", wire)
    elif kind == "map":
        for key, item in value.items():
            found += paths_of(item, shape.value, kinds, path + "/" + pointer_token(key), wire)
    return found


def typed_paths(value, shape, prefix="", wire=False) -> dict[str, list[str]]:
    """Where the timestamps and doubles are, for the reader to compare them as such."""
    if shape is None or value is None:
        return {"timestamp_paths": [], "double_paths": [], "float_paths": []}
    return {
        "timestamp_paths": paths_of(value, shape, ("timestamp",), prefix, wire),
        "double_paths": paths_of(value, shape, ("double", "float"), prefix, wire),
        "float_paths": paths_of(value, shape, ("float",), prefix, wire),
    }


def pointer_token(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class RawStream:
    """The raw body of an event stream, as botocore's `EventStream` reads it (a urllib3
    response's `stream()` and `close()`)."""

    def __init__(self, data: bytes):
        self.data = data

    def stream(self):
        yield self.data

    def close(self):
        pass


def event_stream_member(shape):
    """The name of the output's event stream member (a `streaming` union), if it has one."""
    if shape is None:
        return None
    for name, member in shape.members.items():
        if member.serialization.get("eventstream"):
            return name
    return None


def event_frame(headers: dict, payload: bytes) -> bytes:
    """An `application/vnd.amazon.eventstream` frame with string headers (type 7): the
    prelude (total and header lengths) and its CRC-32, the headers, the payload, and the
    message's CRC-32."""
    encoded = b"".join(
        bytes([len(name)]) + name.encode() + b"\x07" + struct.pack(">H", len(value.encode()))
        + value.encode()
        for name, value in headers.items()
    )
    prelude = struct.pack(">II", 12 + len(encoded) + len(payload) + 4, len(encoded))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + encoded + payload
    return message + struct.pack(">I", zlib.crc32(message))


def body_fields(body: bytes) -> dict:
    """A body as text when it is UTF-8, else in base64."""
    try:
        return {"body": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"body": "", "body_base64": base64.b64encode(body).decode("ascii")}


# -- cases -------------------------------------------------------------------------------


class Oracle:
    def __init__(self, service_model: ServiceModel, seed: int, cases: int):
        self.service_model = service_model
        self.protocol = service_protocol(service_model.metadata)
        self.rest = self.protocol == "rest-json"
        self.seed = seed
        self.cases = cases
        self.serializer = create_serializer(self.protocol)
        self.parser = create_parser(self.protocol)
        if self.rest:
            self.content_type = "application/json"
        else:
            version = service_model.metadata.get("jsonVersion", "1.0")
            self.content_type = f"application/x-amz-json-{version}"

    def rng(self, operation: str, kind: str) -> Random:
        return Random(f"{self.seed}:{operation}:{kind}")

    def request_cases(self, operation_model):
        rng = self.rng(operation_model.name, "request")
        generator = Generator(rng, "input")
        shape = operation_model.input_shape
        for case in range(self.cases):
            generator.start_case()
            params = generator.value(shape) if shape is not None else {}
            sent = dict(params)
            for name, member in (shape.members.items() if shape is not None else ()):
                if member.metadata.get("idempotencyToken") and name not in sent:
                    sent[name] = FIXED_TOKEN
            request = self.serializer.serialize_to_request(sent, operation_model)
            prepare_request_dict(request, ENDPOINT)
            url = urllib.parse.urlsplit(request["url"])
            body = request["body"]
            if isinstance(body, str):
                body = body.encode("utf-8")
            body_shape = shape
            payload = shape.serialization.get("payload") if shape is not None else None
            if payload is not None:
                body_shape = shape.members[payload]
            try:
                body_json = json.loads(body) if body else None
            except ValueError:
                body_json = None
            paths = typed_paths(
                body_json if isinstance(body_json, dict) else None, body_shape, wire=True
            )
            yield {
                "kind": "request",
                "operation": operation_model.name,
                "case": case,
                "input": serde_input(params, shape) if shape is not None else {},
                "method": request["method"],
                "host": url.netloc,
                "url_path": url.path,
                "query": url.query,
                "headers": {key: str(value) for key, value in sorted(request["headers"].items())},
                **body_fields(body),
                **paths,
                **request_notes(shape),
            }

    def response(self, shape, generator: Generator, rng: Random, status: int):
        """A response for `shape` (an output or error structure, or None): status, headers and
        body, with the members the HTTP bindings put outside the body where they go."""
        headers = response_headers(rng, self.content_type)
        if shape is None:
            body = rng.choice(["{}", "{}", "", "{ }\n", '{"unknownMember":[1,{"a":null}]}'])
            return status, headers, body.encode("utf-8")
        stream = event_stream_member(shape)
        if not self.rest and stream is not None:
            # An awsJson event stream is the whole body, its first message the
            # `initial-response` (which botocore requires; no botocore model gives it members).
            initial = event_frame(
                {":message-type": "event", ":event-type": "initial-response",
                 ":content-type": "application/json"},
                b"{}",
            )
            return status, headers, initial
        if not self.rest:
            body = JsonStyle(rng).dumps(generator.value(shape))
            return status, headers, body.encode("utf-8")
        required = set(shape.required_members)
        payload_name = shape.serialization.get("payload")
        body_value = {}
        payload = None
        for name, member in shape.members.items():
            location = member.serialization.get("location")
            if name == stream:
                # The event stream is the body: no events here (see `output_cases`).
                continue
            if location == "statusCode":
                status = rng.choice([status, status, 200, 201, 202, 206])
                continue
            if name not in required and not generator.include_optional(0):
                if location is None and name != payload_name and rng.random() < 0.05:
                    body_value[member.serialization.get("name", name)] = None
                continue
            if location == "header":
                value = generator.value(member, 1)
                header = member.serialization.get("name", name)
                # A member bound to `Content-Type` (apigateway's GetExport) replaces the default.
                for existing in [key for key in headers if key.lower() == header.lower()]:
                    del headers[existing]
                headers[header] = header_text(rng, value, member)
            elif location == "headers":
                prefix = member.serialization.get("name", "")
                for _ in range(rng.randint(0, 3)):
                    key = "".join(rng.choice(IDENTIFIER) for _ in range(rng.randint(1, 8)))
                    headers[prefix + key] = generator.header_text(rng.randint(0, 12))
            elif name == payload_name:
                payload = (member, generator.value(member, 1))
            else:
                body_value[member.serialization.get("name", name)] = generator.value(member, 1)
        if payload is not None:
            member, value = payload
            if member.type_name == "blob":
                return status, headers, base64.b64decode(value)
            if member.type_name == "string":
                return status, headers, value.encode("utf-8")
            return status, headers, JsonStyle(rng).dumps(value).encode("utf-8")
        if payload_name is not None and payload_name == stream:
            return status, headers, b""
        if payload_name is not None:
            return status, headers, rng.choice([b"", b"{}"])
        generator.add_unknown_members(body_value)
        if not body_value and rng.random() < 0.3:
            return status, headers, rng.choice([b"", b"{}", b" "])
        return status, headers, JsonStyle(rng).dumps(body_value).encode("utf-8")

    def output_cases(self, operation_model):
        rng = self.rng(operation_model.name, "output")
        generator = Generator(rng, "output")
        shape = operation_model.output_shape
        for case in range(self.cases):
            generator.start_case()
            status, headers, body = self.response(shape, generator, rng, 200)
            headers["content-length"] = str(len(body))
            # As botocore's endpoint does (`convert_to_response_dict`): an output with a blob
            # payload is streaming, and its body reaches the parser as a `StreamingBody`, which
            # it passes through unread (bytes it would decode as UTF-8).
            wire_body = body
            if operation_model.has_streaming_output:
                wire_body = StreamingBody(io.BytesIO(body), len(body))
            elif operation_model.has_event_stream_output:
                # The raw response, which botocore's EventStream reads with `stream()`.
                wire_body = RawStream(body)
            # Headers as botocore's endpoint gives them: case-insensitive.
            parsed = self.parser.parse(
                {"status_code": status, "headers": HeadersDict(headers), "body": wire_body,
                 # What botocore's endpoint adds; its event stream parser names the operation.
                 "context": {"operation_name": operation_model.name}}, shape
            )
            parsed.pop("ResponseMetadata", None)
            # An event stream's events are compared by the tests that send frames (the
            # event_streams fixture's crate, bedrock-runtime's stand-in, Lambda's scenario),
            # not here: the serde form has no events. The other members are compared.
            stream = event_stream_member(shape)
            if stream is not None:
                parsed.pop(stream, None)
            payload = shape.serialization.get("payload") if shape is not None else None
            if operation_model.has_streaming_output and not body and payload is not None \
                    and payload not in shape.required_members and payload != stream:
                # By design: an empty optional blob payload is `None` in the crate, as in
                # aws-sdk-rust; botocore gives an empty stream. (A required one is empty bytes.)
                parsed.pop(payload, None)
            expected = canonical(parsed, shape) if shape is not None else {}
            yield {
                "kind": "output",
                "operation": operation_model.name,
                "case": case,
                "status": status,
                "headers": headers,
                **body_fields(body),
                "expected": expected,
                **typed_paths(expected, shape),
            }

    def error_cases(self, operation_model):
        """Cases cycle through the operation's modelled errors, then one code it does not model."""
        rng = self.rng(operation_model.name, "error")
        generator = Generator(rng, "output")
        errors = sorted(operation_model.error_shapes, key=lambda shape: shape.name)
        listed = {shape.name for shape in errors}
        listed_codes = {shape.error_code for shape in errors}
        for case in range(self.cases):
            generator.start_case()
            slot = case % (len(errors) + 1)
            error_shape = errors[slot] if slot < len(errors) else None
            if error_shape is not None:
                code = error_shape.error_code
                error = error_shape.metadata.get("error", {})
                status = error.get("httpStatusCode") or (
                    500 if error_shape.metadata.get("fault") else 400
                )
                status, headers, body = self.response(error_shape, generator, rng, status)
                body_value = json.loads(body) if body.strip() else {}
            else:
                # Codes the operation does not list (a listed code comes with its shape's
                # members, which the slots above cover); some the service models elsewhere.
                # Codes are identifiers; the crate trims whitespace from them, botocore not.
                unknown = "Unknown" + "".join(
                    rng.choice(IDENTIFIER) for _ in range(rng.randint(0, 8))
                )
                codes = [
                    name for name in ("ThrottlingException", "UnrecognizedClientException",
                                      "ValidationException", "InternalFailure")
                    if name not in listed_codes
                ]
                code = rng.choice(codes + [unknown])
                status = rng.choice([400, 403, 429, 500, 503])
                headers = response_headers(rng, self.content_type)
                body_value = {}
                message_key = rng.choice(["message", "Message", None])
                if message_key is not None:
                    body_value[message_key] = generator.text(rng.randint(0, 30))
                if rng.random() < 0.3:
                    body_value["unknownMember"] = generator.any_json(2)
            placement = rng.choice(["header", "__type", "code", "header+__type"]) if self.rest \
                else rng.choice(["__type", "__type", "header+__type"])
            items = list(body_value.items())
            if "__type" in placement:
                items.insert(0, ("__type", self.decorated_error_code(rng, code)))
            if placement == "code":
                items.insert(0, ("code", self.decorated_error_code(rng, code)))
            if rng.random() < 0.3:
                rng.shuffle(items)
            body = JsonStyle(rng).dumps(dict(items)).encode("utf-8")
            if "header" in placement:
                headers["x-amzn-errortype"] = self.decorated_error_code(rng, code)
            headers["content-length"] = str(len(body))
            response = {"status_code": status, "headers": HeadersDict(headers), "body": body}
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
            if found_shape is not None and found_name in listed:
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
                **body_fields(body),
                "expected": {
                    "code": found_code,
                    "message": parsed["Error"]["Message"],
                    "shape": found_name if found_name in listed else None,
                    "members": members,
                },
                **paths,
            }

    def decorated_error_code(self, rng: Random, code: str) -> str:
        """The error code in one of the forms services send; botocore strips them all to
        `code`."""
        prefix = self.service_model.metadata.get("endpointPrefix", "service")
        return rng.choice([
            code,
            code,
            f"com.amazonaws.{prefix}#{code}",
            f"{code}:http://internal.amazon.com/coral/com.amazon.coral.service/",
            f"aws.protocoltests.restjson#{code}"
            ":http://internal.amazon.com/coral/com.amazon.coral.validate/",
        ])


def request_notes(shape) -> dict:
    """What the replay needs to know of an input beyond its values: the query parameters that
    carry timestamps (botocore writes microseconds, `.301000Z`, the crate milliseconds, `.301Z`:
    the same instant), the kind of a blob or string payload (botocore sends such a body
    without `Content-Type`; the crate sends Smithy's, `application/octet-stream` or the media
    type, as the restJson1 protocol tests require), and the headers bound to lists (botocore
    leaves out an empty list's header; the crate sends it empty, as Smithy's
    RestJsonNullAndEmptyHeaders requires)."""
    query_timestamps = []
    payload_kind = None
    list_headers = []
    if shape is not None:
        for name, member in shape.members.items():
            if member.serialization.get("location") == "header" and member.type_name == "list":
                list_headers.append(member.serialization.get("name", name).lower())
            target = member.member if member.type_name == "list" else member
            if member.serialization.get("location") == "querystring" \
                    and target.type_name == "timestamp":
                query_timestamps.append(member.serialization.get("name", name))
        payload = shape.serialization.get("payload")
        if payload is not None and shape.members[payload].type_name in ("blob", "string"):
            payload_kind = shape.members[payload].type_name
        elif payload is not None and shape.members[payload].serialization.get("eventstream"):
            # An input event stream, which botocore does not send (it writes `{}` as
            # `application/json`); the crate's events go with the request, for its client to
            # send over HTTP/2. The rest of the request is compared.
            payload_kind = "event_stream"
    return {"query_timestamps": sorted(query_timestamps), "payload_kind": payload_kind,
            "list_headers": sorted(list_headers)}


def header_text(rng: Random, value, shape) -> str:
    """A value of an output header, as a service writes it."""
    kind = shape.type_name
    if kind == "list":
        return ", ".join(header_text(rng, item, shape.member) for item in value)
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "timestamp":
        form = timestamp_format(shape)
        text = value if isinstance(value, str) else value
        return str(text.text if isinstance(text, RawNumber) else text)
    if kind in ("double", "float"):
        return repr(float(value))
    return str(value)


def service_protocol(metadata) -> str:
    """The JSON protocol the model speaks: its `protocol`, or the first JSON one it lists."""
    for protocol in [metadata.get("protocol")] + list(metadata.get("protocols", [])):
        if protocol in ("json", "rest-json"):
            return protocol
    raise SystemExit(f"the model speaks neither awsJson nor restJson1: {metadata.get('protocol')}")


def response_headers(rng: Random, content_type: str) -> dict[str, str]:
    digits = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    request_id = "-".join([digits[:8], digits[8:12], digits[12:16], digits[16:20], digits[20:]])
    return {
        "content-type": content_type,
        "x-amzn-requestid": request_id,
    }


def load_model(path: Path) -> ServiceModel:
    """A botocore model: its folder (with `service-2.json`) or the file itself."""
    if path.is_dir():
        path = path / "service-2.json"
    with path.open(encoding="utf-8") as model_file:
        model = json.load(model_file)
    name = model.get("metadata", {}).get("endpointPrefix", path.parent.name)
    return ServiceModel(model, service_name=name)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--cases", type=int, required=True, help="cases per operation and kind")
    parser.add_argument("--model", type=Path, required=True,
                        help="a botocore model folder or its service-2.json")
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
    service_model = load_model(args.model)
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
