"""Typed reads of Instagram JSON values, and hashtags/mentions in captions."""

from __future__ import annotations

import pytest

from plugins.instagram.text import hashtags_in, mentions_in
from plugins.instagram.values import as_handle, as_seconds, edge_count, epoch_to_iso
from plugins.values import as_count, as_id, dig


def test_dig_returns_none_on_any_mismatch() -> None:
    doc = {"a": [{"b": 1}]}
    assert dig(doc, "a", 0, "b") == 1
    assert dig(doc, "a", 1, "b") is None
    assert dig(doc, "a", "b") is None
    assert dig(doc, "a", 0, "b", "c") is None
    assert dig(None, "a") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3828214581177566955", "3828214581177566955"),
        (3828214581177566955, "3828214581177566955"),
        (" 52491273 ", "52491273"),
        ("abc", None),
        ("", None),
        (0, None),
        (-5, None),
        (True, None),
        (1.5, None),
        (None, None),
        ("１２", None),  # full-width digits are not an id
    ],
)
def test_as_id(value: object, expected: str | None) -> None:
    assert as_id(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(306, 306), (0, 0), ("1520", 1520), (-1, None), (True, None), (3.5, None), ("1.2K", None), (None, None)],
)
def test_as_count_takes_exact_integers_only(value: object, expected: int | None) -> None:
    assert as_count(value) == expected


def test_edge_count() -> None:
    assert edge_count({"edge_liked_by": {"count": 8}}, "edge_liked_by") == 8
    assert edge_count({"edge_liked_by": {"count": "8"}}, "edge_liked_by") == 8
    assert edge_count({"edge_liked_by": 8}, "edge_liked_by") is None
    assert edge_count({"edge_liked_by": {}}, "edge_liked_by") is None


def test_as_handle_and_seconds() -> None:
    assert as_handle("@trail.mara") == "trail.mara"
    assert as_handle("two words") is None
    assert as_handle(12) is None
    assert as_seconds(28.5334) == 28.533
    assert as_seconds(15) == 15
    assert as_seconds(float("nan")) is None
    assert as_seconds(-1.0) is None
    assert as_seconds(True) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1770578767, "2026-02-08T19:26:07Z"),
        ("1499576290", "2017-07-09T04:58:10Z"),
        (1499576290.7, "2017-07-09T04:58:10Z"),
        (0, None),
        (1770578767000, None),  # milliseconds are not seconds
        ("yesterday", None),
        (None, None),
        (True, None),
    ],
)
def test_epoch_to_iso(value: object, expected: str | None) -> None:
    assert epoch_to_iso(value) == expected


def test_hashtags_lowercase_ordered_unique_in_any_script() -> None:
    text = "Fika time #Kaffe #kaffe #café #東京 #2024 #top_10 it&#39;s"
    assert hashtags_in(text) == ["kaffe", "café", "東京", "top_10"]
    assert hashtags_in("no tags") == []


def test_mentions_strip_trailing_dots_and_skip_emails() -> None:
    text = "with @Ferry.Crew. and @harbour_lights, write to team@ferry.example or @ferry.crew"
    assert mentions_in(text) == ["ferry.crew", "harbour_lights"]
    assert mentions_in("no handles") == []
