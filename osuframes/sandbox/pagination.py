"""Cursor encoding, PHP-style query parameters and limit clamps (spec §1.3, §2).

The sandbox parses requests the way osu-web does, so that a client which pages
correctly against the sandbox pages correctly against the real server.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl

_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_SUB = re.compile(r"\[([^\[\]]*)\]")

_TRUE = {"1", "true", "on", "yes"}
_FALSE = {"0", "false", "off", "no", ""}


def encode_cursor(cursor: Mapping[str, Any] | None) -> str | None:
    """Encode a cursor object as osu-web does: URL-safe base64 of PHP-style JSON, no padding."""
    if cursor is None:
        return None
    # PHP's json_encode escapes "/" as "\/" (spec §2.1); keep the same bytes.
    raw = json.dumps(dict(cursor), separators=(",", ":")).replace("/", "\\/")
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor_string(value: str | None) -> dict[str, Any] | None:
    """Decode a cursor_string; None when it is missing or not a JSON object (spec §2.1)."""
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        data = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def cursor_fields(cursor: Mapping[str, Any] | None) -> dict[str, Any]:
    """The `cursor` + `cursor_string` pair every cursor-paginated response carries."""
    return {
        "cursor": dict(cursor) if cursor is not None else None,
        "cursor_string": encode_cursor(cursor),
    }


def clamp(value: int, low: int, high: int) -> int:
    """Clamp value into [low, high]."""
    return max(low, min(high, value))


class Params:
    """Request parameters parsed like PHP: `ids[]=1&ids[]=2`, `cursor[page]=2`.

    Query string and body (form or JSON) are merged, body last, as Laravel's
    `request()->all()` does.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    def parse(cls, query: str, body: Mapping[str, Any] | None = None) -> Params:
        """Build Params from a raw query string and an already decoded body."""
        data: dict[str, Any] = {}
        for key, value in parse_qsl(query, keep_blank_values=True):
            _assign(data, key, value)
        if body:
            for key, value in body.items():
                if isinstance(value, (dict, list)):
                    data[key] = value
                else:
                    _assign(data, key, value)
        return cls(data)

    @staticmethod
    def parse_form(body: str) -> dict[str, Any]:
        """Decode an application/x-www-form-urlencoded body with PHP array keys."""
        data: dict[str, Any] = {}
        for key, value in parse_qsl(body, keep_blank_values=True):
            _assign(data, key, value)
        return data

    def has(self, name: str) -> bool:
        """Whether the parameter was sent at all."""
        return name in self.data

    def get(self, name: str, default: Any = None) -> Any:
        """A raw value (string, list or dict)."""
        return self.data.get(name, default)

    def get_str(self, name: str, default: str | None = None) -> str | None:
        """A scalar value as a string; arrays count as missing."""
        value = self.data.get(name)
        if value is None or isinstance(value, (dict, list)):
            return default
        return str(value)

    def get_int(self, name: str, default: int | None = None) -> int | None:
        """An integer like PHP's get_int: non-numeric values count as missing."""
        return to_int(self.data.get(name), default)

    def get_bool(self, name: str, default: bool | None = None) -> bool | None:
        """A boolean like FILTER_VALIDATE_BOOLEAN: true/false/1/0/on/off/yes/no."""
        return to_bool(self.data.get(name), default)

    def get_list(self, name: str) -> list[Any]:
        """An array parameter sent as `name[]=…` (a plain `name=…` is not an array)."""
        value = self.data.get(name)
        if isinstance(value, list):
            return value
        if isinstance(value, dict):
            return list(value.values())
        return []

    def get_obj(self, name: str) -> dict[str, Any] | None:
        """An object parameter sent as `name[key]=…`."""
        value = self.data.get(name)
        return value if isinstance(value, dict) else None

    def cursor(self) -> dict[str, Any] | None:
        """The request cursor: cursor_string first, then `cursor[...]` (spec §2.1)."""
        decoded = decode_cursor_string(self.get_str("cursor_string"))
        if decoded is not None:
            return decoded
        return self.get_obj("cursor")

    def limit(self, default: int, low: int, high: int) -> int:
        """The `limit` parameter, defaulted and clamped."""
        value = self.get_int("limit")
        return clamp(default if value is None else value, low, high)


def to_int(value: Any, default: int | None = None) -> int | None:
    """Convert a PHP-ish scalar to int, or return default."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            return int(text)
        except ValueError:
            try:
                return int(float(text))
            except ValueError:
                return default
    return default


def to_bool(value: Any, default: bool | None = None) -> bool | None:
    """Convert a PHP-ish scalar to bool, or return default."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return default


def int_list(values: Iterable[Any]) -> list[int]:
    """Keep the values that read as integers."""
    out = []
    for value in values:
        number = to_int(value)
        if number is not None:
            out.append(number)
    return out


def _assign(data: dict[str, Any], key: str, value: Any) -> None:
    match = _KEY.match(key)
    if not match:
        data[key] = value
        return
    name, rest = match.group(1), match.group(2)
    if not rest:
        data[name] = value
        return
    parts = _SUB.findall(rest)
    target: Any = data
    current = name
    for part in parts:
        nxt = target.get(current) if isinstance(target, dict) else None
        if part == "":
            if not isinstance(nxt, list):
                nxt = []
                target[current] = nxt
            # Only one level of `[]` is used by the API; append the scalar.
            nxt.append(value)
            return
        if not isinstance(nxt, dict):
            nxt = {}
            target[current] = nxt
        target = nxt
        current = part
    target[current] = value
