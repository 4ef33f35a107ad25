"""Type-safe reads: damaged values give None, never a crash or an invented number."""

from __future__ import annotations

import pytest

from plugins.tiktok.values import as_count, epoch_to_iso
from plugins.values import as_id, dig


def test_dig_follows_dicts_and_lists() -> None:
    data = {"a": [{"b": 7}]}
    assert dig(data, "a", 0, "b") == 7


@pytest.mark.parametrize(
    "path", [("a", 1, "b"), ("a", "b"), ("x",), ("a", 0, "b", "c"), ("a", -2, "b")], ids=str
)
def test_dig_returns_none_on_any_mismatch(path: tuple[str | int, ...]) -> None:
    assert dig({"a": [{"b": 7}]}, *path) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(25500, (25500, False)), ("1311", (1311, False)), (" 42 ", (42, False)), ("192.1K", (192100, True))],
)
def test_counts_from_ints_and_strings(value: object, expected: tuple[int, bool]) -> None:
    assert as_count(value) == expected


@pytest.mark.parametrize("value", [None, True, False, -5, "-5", "abc", "", 1.5, [], {}, float("inf")])
def test_damaged_counts_are_none(value: object) -> None:
    assert as_count(value) is None


@pytest.mark.parametrize(
    ("value", "expected"), [("7571863205253778710", "7571863205253778710"), (123, "123")]
)
def test_ids(value: object, expected: str) -> None:
    assert as_id(value) == expected


@pytest.mark.parametrize("value", [None, "", "abc", "12a", 0, -1, True, 1.0, "١٢٣"])
def test_bad_ids_are_none(value: object) -> None:
    assert as_id(value) is None


def test_epoch_strings_and_ints_are_utc() -> None:
    assert epoch_to_iso("1762961788") == "2025-11-12T15:36:28Z"
    assert epoch_to_iso(1697101549) == "2023-10-12T09:05:49Z"


@pytest.mark.parametrize("value", [0, -5, "abc", None, 10**15, "1.7K", True])
def test_implausible_epochs_are_none(value: object) -> None:
    assert epoch_to_iso(value) is None
