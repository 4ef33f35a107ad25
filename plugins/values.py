"""Type-safe reads of decoded JSON values that every platform parser shares: paths, ids, counters, times;
and loading a JSON body without the values no parser reads."""

from __future__ import annotations

import math
import time
from datetime import datetime
from functools import lru_cache
from typing import Annotated, Any

import msgspec
import orjson

# Epoch seconds past this are damaged values (or milliseconds), not dates.
EPOCH_LATEST = 4_102_444_800  # 2100-01-01


def dig(obj: Any, *path: str | int) -> Any:
    """The value at `path` inside nested dicts/lists, or None on any missing key or wrong type."""
    for step in path:
        if obj.__class__ is dict and step.__class__ is str:  # the usual step, answered first
            obj = obj.get(step)
        elif isinstance(step, str):
            if not isinstance(obj, dict):
                return None
            obj = obj.get(step)
        else:
            if not isinstance(obj, list) or not -len(obj) <= step < len(obj):
                return None
            obj = obj[step]
    return obj


def as_dict(value: Any) -> dict[str, Any]:
    """The value if it is a dict, else an empty dict."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """The value if it is a list, else an empty list."""
    return value if isinstance(value, list) else []


def as_text(value: Any) -> str | None:
    """A non-empty string, or None."""
    return value if isinstance(value, str) and value else None


def as_bool(value: Any) -> bool | None:
    """True or False when the value is a JSON boolean, else None (0, 1 and "true" are not booleans)."""
    return value if value is True or value is False else None


def as_int(value: Any) -> int | None:
    """A non-negative JSON integer, or None (booleans, floats and strings are not counters here)."""
    if value.__class__ is int:
        return value if value >= 0 else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value if value >= 0 else None
    return None


def as_count(value: Any) -> int | None:
    """A counter given as a non-negative int or an ASCII digit string (" 1520 " too), or None."""
    if value.__class__ is int:
        return value if value >= 0 else None
    if isinstance(value, str):
        if value.isdigit() and value.isascii():
            return int(value)
        text = value.strip()
        return int(text) if text and text.isdigit() and text.isascii() else None
    return as_int(value)


def as_id(value: Any) -> str | None:
    """A numeric id as a string (ids come as digit strings or as integers), or None."""
    if isinstance(value, str):
        if value.isdigit() and value.isascii():
            return value
        value = value.strip()
        return value if value.isdigit() and value.isascii() else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return str(value)
    return None


def as_number(value: Any) -> float | None:
    """A finite non-negative number (int or float) as a float, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) and value >= 0 else None


# "MM:SSZ" for every second of an hour, indexed by the seconds past the hour.
_MINUTE_SECOND = tuple(f"{m:02d}:{s:02d}Z" for m in range(60) for s in range(60))


@lru_cache(maxsize=8192)
def _hour_prefix(hour: int) -> str:
    """The "YYYY-MM-DDTHH:" of an hour counted from the epoch (posts of one page share a few hours)."""
    t = time.gmtime(hour * 3600)
    return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:"


def utc_iso(seconds: int) -> str:
    """Epoch seconds as UTC ISO-8601 with a Z ("2025-11-12T17:03:11Z")."""
    # A cached hour and a table of the seconds of an hour: strftime costs several times more, and
    # parsing is timed against the JSON load.
    hour, rest = divmod(seconds, 3600)
    return _hour_prefix(hour) + _MINUTE_SECOND[rest]


def datetime_iso(moment: datetime) -> str:
    """An aware UTC datetime as ISO-8601 with a Z, to the second."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )


def epoch_to_iso(value: Any, earliest: int, *, strings: bool = True, floats: bool = False) -> str | None:
    """Epoch seconds as UTC ISO-8601 with a Z, or None when not a plausible time.

    An int is read as is, a digit string when `strings`, a finite float (cut to whole seconds) when
    `floats`; a time before `earliest` (the platform's launch) or after 2100 is a damaged value.
    """
    cls = value.__class__
    if cls is int:
        seconds: int | None = value
    elif cls is float:
        # The range test on the float itself also turns NaN and infinities away.
        if not floats or not earliest <= value <= EPOCH_LATEST:
            return None
        seconds = int(value)
    elif isinstance(value, str):
        seconds = as_count(value) if strings else None
    else:
        seconds = as_int(value)
    if seconds is None or not earliest <= seconds <= EPOCH_LATEST:
        return None
    return utc_iso(seconds)


def unique_lower(values: Any) -> list[str]:
    """Non-empty strings among `values`, lowercase, in order, without duplicates."""
    # A plain loop: a generator into dict.fromkeys costs twice as much on the short lists posts have.
    seen: dict[str, None] = {}
    for value in values:
        if isinstance(value, str) and value:
            seen[value.lower()] = None
    return list(seen)


# An integer a msgspec schema accepts where orjson keeps it exact (past 64 bits orjson gives a float).
INT64 = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
_RAW_OBJECT = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode


def _load_without(
    raw: bytes | msgspec.Raw, skipped: frozenset[str], inside: frozenset[str]
) -> dict[str, Any] | None:
    try:
        top = _RAW_OBJECT(raw)
    except (msgspec.MsgspecError, RecursionError, UnicodeDecodeError):  # bad UTF-8 in a decoded string
        return None
    out: dict[str, Any] = {}
    for key, value in top.items():
        if key in skipped:
            continue
        if key in inside:
            found = _load_without(value, skipped, inside)
            if found is None:
                return None
            out[key] = found
            continue
        try:
            out[key] = orjson.loads(memoryview(value))
        except orjson.JSONDecodeError:
            return None
    return out


def load_without(
    body: bytes, skipped: frozenset[str], inside: frozenset[str] = frozenset()
) -> dict[str, Any] | None:
    """`orjson.loads(body)` less the `skipped` keys of its top object and of the objects under `inside`
    keys (at any depth of those); None when orjson must load the whole body.

    msgspec reads the top-level keys and skips the values of `skipped` keys, checking only that they
    are well-formed JSON; orjson loads every other value, so the rest is exactly orjson's. None when
    the body (or a value under an `inside` key) is no JSON object, is damaged, or holds invalid UTF-8
    anywhere (msgspec does not check it in what it skips). One difference is left: a number too large
    for a float (1e400) in a skipped value makes orjson reject the whole body, while here it is skipped
    (deep nesting is not one: msgspec stops at Python's recursion limit, below orjson's 1024 levels).
    """
    found = _load_without(body, skipped, inside)
    return found if found is not None and is_utf8(body) else None


def is_utf8(body: bytes) -> bool:
    """Whether the bytes are valid UTF-8 (as orjson requires of a whole document)."""
    if body.isascii():  # most API bodies escape non-ASCII: the usual answer, without decoding
        return True
    try:
        body.decode()
    except UnicodeDecodeError:
        return False
    return True


def decode_vouched(decoder: msgspec.json.Decoder[Any], body: bytes) -> Any:
    """What a typed msgspec decoder gives for the body, where orjson would load the body too; else None.

    None when msgspec raises (a value of another type than its schema says, damaged JSON, nesting
    past Python's recursion limit) or the body is not valid UTF-8 (msgspec does not check it in the
    values it skips).
    """
    try:
        found = decoder.decode(body)
    except (msgspec.MsgspecError, RecursionError, UnicodeDecodeError):  # bad UTF-8 in a decoded string
        return None
    return found if is_utf8(body) else None
