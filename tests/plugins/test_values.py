"""Shared JSON value reads: damaged values give None (or an empty container), never a crash or a guess."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plugins.values import (
    as_bool,
    as_count,
    as_dict,
    as_id,
    as_int,
    as_list,
    as_number,
    as_text,
    datetime_iso,
    dig,
    epoch_to_iso,
    is_utf8,
    load_without,
    unique_lower,
    utc_iso,
)

DOC = {"a": [{"b": 7}, "x"]}


def test_dig_follows_dicts_and_lists() -> None:
    assert dig(DOC, "a", 0, "b") == 7
    assert dig(DOC, "a", -1) == "x"
    assert dig(DOC) is DOC


@pytest.mark.parametrize(
    "path", [("a", 2), ("a", -3), ("a", "b"), ("z",), ("a", 0, "b", "c"), ("a", 1, 0)], ids=str
)
def test_dig_returns_none_on_any_mismatch(path: tuple[str | int, ...]) -> None:
    assert dig(DOC, *path) is None


def test_dig_on_non_containers() -> None:
    assert dig(None, "a") is None and dig("text", 0) is None and dig(5, "a") is None


def test_containers_and_text() -> None:
    assert as_dict({"k": 1}) == {"k": 1} and as_dict([1]) == {} and as_dict(None) == {}
    assert as_list([1]) == [1] and as_list({"k": 1}) == [] and as_list("ab") == []
    assert as_text("hi") == "hi" and as_text("") is None and as_text(5) is None


@pytest.mark.parametrize(
    ("value", "expected"), [(True, True), (False, False), (0, None), (1, None), ("true", None)]
)
def test_as_bool_takes_json_booleans_only(value: object, expected: bool | None) -> None:
    assert as_bool(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, 0), (25500, 25500), (-1, None), (True, None), (False, None), ("12", None), (1.0, None)],
)
def test_as_int_takes_non_negative_ints_only(value: object, expected: int | None) -> None:
    assert as_int(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (306, 306),
        ("1520", 1520),
        (" 42 ", 42),
        ("-5", None),
        ("1.2K", None),
        ("", None),
        ("١٢", None),  # Arabic-Indic digits are not a counter
        (True, None),
        (3.5, None),
        (None, None),
    ],
)
def test_as_count_takes_ints_and_digit_strings(value: object, expected: int | None) -> None:
    assert as_count(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7571863205253778710", "7571863205253778710"),
        (" 52491273 ", "52491273"),
        (123, "123"),
        (0, None),
        (-1, None),
        (True, None),
        (1.0, None),
        ("12a", None),
        ("", None),
        ("１２", None),
    ],
)
def test_as_id(value: object, expected: str | None) -> None:
    assert as_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3.0), (2.5, 2.5), (-1, None), (float("nan"), None), (float("inf"), None), (True, None), ("3", None)],
)
def test_as_number_is_finite_and_non_negative(value: object, expected: float | None) -> None:
    assert as_number(value) == expected


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [(0, "1970-01-01T00:00:00Z"), (1762961788, "2025-11-12T15:36:28Z"), (951782400, "2000-02-29T00:00:00Z")],
)
def test_utc_iso(seconds: int, expected: str) -> None:
    assert utc_iso(seconds) == expected


def test_utc_iso_agrees_with_datetime_over_many_days() -> None:
    for seconds in range(946_684_799, 4_102_444_800, 7_777_777):
        assert utc_iso(seconds) == datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_datetime_iso_pads_every_field() -> None:
    moment = datetime(2018, 3, 4, 5, 6, 7, 890, tzinfo=UTC)
    assert datetime_iso(moment) == "2018-03-04T05:06:07Z"
    assert datetime_iso(moment + timedelta(days=300)) == "2018-12-29T05:06:07Z"


EARLIEST = 1_000_000_000


def test_epoch_ints_and_digit_strings() -> None:
    assert epoch_to_iso(1697101549, EARLIEST) == "2023-10-12T09:05:49Z"
    assert epoch_to_iso("1762961788", EARLIEST) == "2025-11-12T15:36:28Z"


@pytest.mark.parametrize(
    "value", [0, -5, 999_999_999, 4_102_444_801, 10**15, True, None, "abc", "1.7K", [], 1.7e9]
)
def test_implausible_or_wrong_typed_epochs_are_none(value: object) -> None:
    assert epoch_to_iso(value, EARLIEST) is None


def test_epoch_strings_can_be_refused_and_floats_accepted() -> None:
    assert epoch_to_iso("1525553837", EARLIEST, strings=False) is None
    assert epoch_to_iso(1525553837.9, EARLIEST, floats=True) == "2018-05-05T20:57:17Z"
    for bad in (float("nan"), float("inf"), -1.0):
        assert epoch_to_iso(bad, EARLIEST, floats=True) is None


def test_unique_lower_keeps_first_appearance_order() -> None:
    assert unique_lower(["Ads", "ads", "", None, 5, "Brand", "ADS"]) == ["ads", "brand"]
    assert unique_lower([]) == []


SKIP = frozenset({"big", "huge"})
INSIDE = frozenset({"inner"})


def _without(value: Any) -> Any:
    """What load_without should give: the value less SKIP keys, here and under INSIDE keys."""
    out = {}
    for key, item in value.items():
        if key in SKIP:
            continue
        out[key] = _without(item) if key in INSIDE else item
    return out


def test_load_without_drops_skipped_keys_here_and_inside() -> None:
    body = b'{"big": [1, {"x": 2}], "keep": null, "inner": {"huge": "s", "n": 8, "inner": {"big": 1}}}'
    assert load_without(body, SKIP, INSIDE) == {"keep": None, "inner": {"n": 8, "inner": {}}}


@pytest.mark.parametrize(
    "body",
    [
        b"[1, 2]",  # not an object
        b'{"inner": [1]}',  # an INSIDE value that is no object
        b'{"big": [1,]}',  # damaged, inside a skipped value
        b'{"keep": tru}',
        b'{"keep": 1} 2',
        b'{"big": "\xff"}',  # invalid UTF-8 in a skipped string
        b'{"big": "\xed\xa0\x80", "keep": 1}',
        b'{"\xff": 1}',  # invalid UTF-8 in a key, which msgspec decodes
        b'{"big": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_load_without_leaves_what_it_cannot_vouch_for_to_orjson(body: bytes) -> None:
    assert load_without(body, SKIP, INSIDE) is None


def test_load_without_reads_kept_values_as_orjson_does() -> None:
    # orjson reads integers past 64 bits as floats; msgspec would keep them exact.
    body = (
        b'{"keep": 36893488147419103232, "inner": {"n": -36893488147419103232}, "big": 36893488147419103232}'
    )
    assert load_without(body, SKIP, INSIDE) == _without(orjson.loads(body))
    assert isinstance(load_without(body, SKIP, INSIDE)["keep"], float)  # type: ignore[index]


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["big", "huge", "inner", "keep", "k"]), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=300, deadline=None, database=None)
@given(
    st.dictionaries(st.sampled_from(["big", "huge", "inner", "keep", "k"]), _JSON, max_size=5), st.booleans()
)
def test_load_without_is_orjson_less_the_skipped_keys(value: dict[str, Any], ascii_only: bool) -> None:
    body = json.dumps(value, ensure_ascii=ascii_only).encode()
    loaded = orjson.loads(body)
    inner_ok = all(isinstance(v, dict) for v in _inside_values(loaded))
    assert load_without(body, SKIP, INSIDE) == (_without(loaded) if inner_ok else None)


def _inside_values(value: dict[str, Any]) -> list[Any]:
    found = []
    for key, item in value.items():
        if key in INSIDE and key not in SKIP:
            found.append(item)
            if isinstance(item, dict):
                found += _inside_values(item)
    return found


@pytest.mark.parametrize(
    ("body", "valid"),
    [(b"ascii", True), ("caf\u00e9 \U0001f6b2".encode(), True), (b"\xff", False), (b"\xed\xa0\x80", False)],
)
def test_is_utf8_is_strict_utf8(body: bytes, valid: bool) -> None:
    assert is_utf8(body) is valid
