"""The brand registry: config and plugin brands, mentions by handle, hashtag, name and domain."""

from __future__ import annotations

import pytest

from plugins.sponsorship import enrich_post, load_brands, register_brand
from plugins.sponsorship.brands import REGISTRY

from .conftest import run

BRANDS = [
    {"name": "Nike", "handles": {"instagram": ["nike"], "tiktok": ["nike"]}, "domains": ["nike.com"]},
    {"name": "L'Oréal", "aliases": ["Loreal Paris"], "handles": {"instagram": ["lorealparis"]}},
]


@pytest.mark.parametrize(
    ("text", "via"),
    [
        ("New shoes with @nike.", "handle"),
        ("Running day #Nike #run", "hashtag"),
        ("My old NIKE trainers", "name"),
        ("Merci @lorealparis pour tout", "handle"),
        ("J'adore l’oréal depuis toujours", "name"),
        ("Love LOREAL PARIS products", "name"),
    ],
)
def test_mentions_are_found(text: str, via: str) -> None:
    load_brands(BRANDS)
    _, signals = run(text)
    (mention,) = [s for s in signals if s.kind == "brand_mention"]
    assert mention.detail["via"] == via


def test_brand_mention_alone_is_not_commercial() -> None:
    load_brands(BRANDS)
    post, signals = run("Wearing my old Nike trainers, no deal, just love them @nike")
    assert signals and {s.kind for s in signals} == {"brand_mention"}
    assert not post.sponsored and not post.disclosed


def test_no_match_inside_other_words_or_handles() -> None:
    load_brands(BRANDS)
    _, signals = run("nikezilla @nike_running #nikeplus")
    assert not signals


def test_enrich_puts_lowercase_brand_names_on_the_post() -> None:
    load_brands(BRANDS)
    post, _ = run("#ad with @nike and L'Oréal", metadata={"sponsors": ["lorealparis"]})
    enrich_post(post)
    assert post.brands == ["nike", "l'oréal"]


def test_metadata_handles_and_mentions_list_are_matched() -> None:
    load_brands(BRANDS)
    _, signals = run("", mentions=["nike"], metadata={"coauthors": ["lorealparis"]})
    assert {(s.detail["brand"], s.detail["via"]) for s in signals if s.kind == "brand_mention"} == {
        ("nike", "mentions"),
        ("l'oréal", "coauthors"),
    }


def test_config_reload_replaces_config_brands_but_keeps_plugin_brands() -> None:
    register_brand({"name": "Adidas", "handles": {"instagram": ["adidas"]}})
    load_brands(BRANDS)
    load_brands([{"name": "Puma"}])
    assert sorted(b.key for b in REGISTRY.brands) == ["adidas", "puma"]


def test_many_brands_are_matched_by_one_pattern() -> None:
    load_brands([{"name": f"Brand{i}", "handles": {"x": [f"brand{i}"]}} for i in range(2000)])
    _, signals = run("Thanks @brand1999 and brand7 and #brand42")
    assert sorted(s.detail["brand"] for s in signals) == ["brand1999", "brand42", "brand7"]


@pytest.mark.parametrize(
    "brand",
    [{"aliases": ["x"]}, {"name": " "}, {"name": "A", "aliases": "x"}, {"name": "A", "handles": ["x"]}],
)
def test_invalid_brands_are_rejected(brand: dict) -> None:
    with pytest.raises(ValueError):
        load_brands([brand])
