"""The real TikTok captures in ../shared/real-pages, checked against values read by hand in each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.platform import Page, ParseResult
from plugins.post import Post
from plugins.testing import real_pages, real_pages_dir
from plugins.tiktok import PLATFORM

pytestmark = pytest.mark.real_pages

VIDEO = "tiktok_video_page_illojuan_7571863205253778710_SPONSORED_metascraper_2025-12.html"
PROFILE = "tiktok_profile_page_illojuan_metascraper_2025-12.html"
NDJSON = "tiktok_api_search_item_full_zeeschuimer_2023-10.ndjson"
ITEM = "tiktok_item_zeeschuimer_example_2023-10.json"


def _parse(name: str) -> ParseResult:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    path: Path = root / "tiktok" / name
    page = Page(url=path.as_uri(), body=path.read_bytes())
    assert PLATFORM.sniff(page)
    return PLATFORM.parse(page)


def _counters(post: Post) -> tuple[int | None, ...]:
    return (post.views, post.likes, post.comments, post.shares, post.saves)


def test_sponsored_video_page_post() -> None:
    result = _parse(VIDEO)
    assert result.format == "video_page"
    assert [p.post_id for p in result.posts] == ["7571863205253778710"]
    post = result.posts[0]
    assert post.url == "https://www.tiktok.com/@illojuan/video/7571863205253778710"
    assert post.author == "illojuan"
    assert post.published_at == "2025-11-12T15:36:28Z"  # createTime "1762961788"
    assert post.text.startswith("La nueva locurilla de fin de año")
    assert post.mentions == ["burgerking_es", "esperanzagraciaoficial"]
    assert post.hashtags == []
    assert post.media_type == "video"
    # statsV2: playCount "192100", diggCount "25500", commentCount "146", shareCount "2156",
    # collectCount "1311"
    assert _counters(post) == (192100, 25500, 146, 2156, 1311)
    assert post.approximate == []
    assert result.missing == {}


def test_sponsored_video_page_label_comes_from_the_rendered_tag() -> None:
    post = _parse(VIDEO).posts[0]
    assert post.metadata["labels"] == ["Paid partnership"]
    assert post.metadata["paid_partnership"] is True
    assert post.metadata["is_ad"] is False
    kinds = [(s.kind, s.evidence, s.source, s.strength) for s in post.signals]
    # isAd is false and no textExtra mention has isCommerce: the label is the only evidence.
    assert kinds == [("platform_label", "Paid partnership", "label", 1.0)]


def test_sponsored_video_page_metadata() -> None:
    meta = _parse(VIDEO).posts[0].metadata
    assert meta["author_id"] == "6781206617314018309"
    assert meta["author_followers"] == 783400  # authorStatsV2.followerCount "783400"
    assert meta["duration"] == 64
    assert meta["language"] == "es"


def test_profile_account_prefers_exact_stats_v2() -> None:
    result = _parse(PROFILE)
    assert result.format == "profile_page"
    assert len(result.accounts) == 1
    account = result.accounts[0]
    assert account.handle == "illojuan"
    assert account.account_id == "6781206617314018309"
    assert account.display_name == "IlloJuan"
    assert account.followers == 783427  # statsV2 "783427"; stats has the rounded 783400
    assert account.likes == 3922256  # statsV2.heartCount; stats says 3900000
    assert account.posts == 19
    assert account.following == 0
    assert account.verified is True
    assert account.approximate == []


def test_profile_grid_tiles_become_posts() -> None:
    result = _parse(PROFILE)
    assert len(result.posts) == 18  # 18 data-e2e="user-post-item" tiles; userInfo.itemList is []
    first, second, last = result.posts[0], result.posts[1], result.posts[-1]
    assert first.post_id == "7571863205253778710"
    assert first.views == 192100 and first.approximate == ["views"]  # "192.1K"
    assert first.text.endswith("Espero que os guste ❤️")
    assert first.mentions == ["burgerking_es", "esperanzagraciaoficial"]
    assert second.post_id == "7437176835944795424"
    assert second.views == 1_900_000  # "1.9M"
    assert second.hashtags == ["illojuan"]
    assert last.post_id == "6781208758358985989"
    assert last.views == 344_900  # "344.9K"
    assert all(p.author == "illojuan" and p.likes is None for p in result.posts)
    assert result.missing["likes"] == 18 and result.missing["published_at"] == 18


def test_ndjson_capture_has_96_items() -> None:
    result = _parse(NDJSON)
    assert result.format == "ndjson"
    assert len(result.posts) == 96
    assert result.warnings == []
    assert len({p.post_id for p in result.posts}) == 96
    assert all(p.metadata["is_ad"] is False and p.signals == [] for p in result.posts)
    assert all(p.saves is not None for p in result.posts)  # every line has stats.collectCount


def test_ndjson_capture_hand_checked_items() -> None:
    posts = _parse(NDJSON).posts
    first, second, last = posts[0], posts[1], posts[95]
    assert (first.post_id, first.author) == ("7288995634328177926", "haberturktv")
    assert first.published_at == "2023-10-12T09:05:49Z"  # createTime 1697101549
    assert _counters(first) == (3597, 59, 3, 0, 9)
    assert first.hashtags[:3] == ["fosfor", "bomba", "fosforbombası"]
    assert first.metadata["author_followers"] == 277400
    assert (second.post_id, second.author) == ("7288710518670396678", "selmanayrilmaz1")
    assert _counters(second) == (911300, 15800, 762, 428, 2544)
    assert (last.post_id, last.author) == ("7213827546666781958", "quattradingservices")
    assert _counters(last) == (35000, 1866, 7, 175, 311)


def test_single_pretty_printed_capture_item() -> None:
    result = _parse(ITEM)
    assert result.format == "capture_item"
    assert len(result.posts) == 1
    post = result.posts[0]
    assert (post.post_id, post.author) == ("7288995634328177926", "haberturktv")
    assert _counters(post) == (3597, 59, 3, 0, 9)
    assert post.published_at == "2023-10-12T09:05:49Z"


def test_other_platforms_captures_are_not_claimed() -> None:
    pages = [p for p in real_pages() if p.platform != "tiktok"]
    if not pages:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    claimed = [p.id for p in pages if PLATFORM.sniff(Page(url=p.path.as_uri(), body=p.path.read_bytes()))]
    assert claimed == []
