"""Engagement totals, rates, earned media value, settings overrides and growth between snapshots."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import plugins.engagement as engagement
from plugins.engagement import configure, growth
from plugins.post import Post

from .conftest import make_post


@pytest.fixture(autouse=True)
def default_settings() -> Iterator[None]:
    configure(environ={})
    yield
    configure(environ={})


def enriched(post: Post) -> dict:
    engagement.enrich_post(post)
    return post.metadata["engagement"]


def test_default_total_rates_and_emv() -> None:
    post = make_post(platform="tiktok", views=10_000, likes=500, comments=40, shares=10, saves=50)
    post.metadata["author_followers"] = 20_000
    out = enriched(post)
    assert out["total"] == 600 and out["counters"] == ["likes", "comments", "shares", "saves"]
    assert out["rate_by_views"] == 0.06 and out["rate_by_followers"] == 0.03
    assert out["emv"] == 40.0 and out["currency"] == "USD"


def test_per_platform_definition() -> None:
    post = make_post(platform="youtube", views=1000, likes=10, comments=5, shares=99)
    out = enriched(post)
    assert out["total"] == 15 and out["counters"] == ["likes", "comments"]


def test_unknown_counters_stay_unknown() -> None:
    out = enriched(make_post(platform="instagram", likes=None, comments=None))
    assert out["total"] is None and out["rate_by_views"] is None and out["emv"] is None
    assert out["missing"] == ["likes", "comments", "shares", "saves"]


def test_hidden_counter_is_left_out_not_zeroed() -> None:
    out = enriched(make_post(platform="instagram", likes=None, comments=7))
    assert out["total"] == 7 and out["counters"] == ["comments"]


def test_zero_views_gives_no_rate() -> None:
    out = enriched(make_post(platform="tiktok", views=0, likes=3))
    assert out["rate_by_views"] is None and out["emv"] == 0.0


def test_configure_overrides_cpm_and_definition() -> None:
    configure(
        {
            "currency": "EUR",
            "platforms": {"tiktok": {"cpm": 10, "counters": ["likes"]}},
            "default": {"cpe": 0.1},
        },
        environ={},
    )
    out = enriched(make_post(platform="tiktok", views=2000, likes=100, comments=50))
    assert out["total"] == 100 and out["emv"] == pytest.approx(20 + 10) and out["currency"] == "EUR"


def test_environment_overrides_configuration() -> None:
    configure({"platforms": {"tiktok": {"cpm": 10}}}, environ={"REELSCOPE_CPM": "tiktok=2.5, default=1"})
    assert enriched(make_post(platform="tiktok", views=4000))["emv"] == 10.0
    assert enriched(make_post(platform="mastodon", views=4000))["emv"] == 4.0


@pytest.mark.parametrize(
    ("settings", "environ"),
    [
        ({"platforms": {"x": {"cpm": -1}}}, {}),
        ({"platforms": {"x": {"counters": ["views"]}}}, {}),
        ({"platforms": []}, {}),
        ({}, {"REELSCOPE_CPM": "tiktok"}),
        ({}, {"REELSCOPE_CPM": "tiktok=cheap"}),
    ],
)
def test_bad_settings_are_rejected(settings: dict, environ: dict) -> None:
    with pytest.raises(ValueError):
        configure(settings, environ=environ)


def test_growth_between_snapshots() -> None:
    snaps = [
        {"observed_at": "2025-01-01T12:00:00Z", "views": 300, "likes": 30},
        {"observed_at": "2025-01-01T00:00:00Z", "views": 100, "likes": 10, "comments": None},
        {"observed_at": "not a time", "views": 5},
    ]
    (step,) = growth(snaps)
    assert step["from"] == "2025-01-01T00:00:00Z" and step["hours"] == 12.0
    assert step["delta"]["views"] == 200 and step["per_hour"]["likes"] == pytest.approx(20 / 12, abs=1e-4)
    assert step["relative"]["views"] == 2.0
    assert step["delta"]["comments"] is None and step["per_hour"]["comments"] is None


def test_growth_of_fewer_than_two_snapshots_is_empty() -> None:
    assert growth([{"observed_at": "2025-01-01T00:00:00Z", "views": 1}]) == []
