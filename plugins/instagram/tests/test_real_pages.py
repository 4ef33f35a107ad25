"""The real Instagram captures in ../shared/real-pages, checked against values read by hand in each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.instagram import PLATFORM
from plugins.platform import Page, ParseResult
from plugins.post import Post
from plugins.testing import real_pages, real_pages_dir

pytestmark = pytest.mark.real_pages

FEED = "ig_zeeschuimer_feed_posts_2026-02.ndjson"
CLIP = "ig_zeeschuimer_clip_item_example_2024-12.json"
PROFILE = "ig_web_profile_info_graphql_user_2023-07.json"
SHARED = "ig_post_page_sharedData_BWUDBntl3_Z_metascraper.html"
LOGGED_OUT = "ig_post_page_logged_out_clip_metascraper_2025-01.html"


def _parse(name: str) -> ParseResult:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    path: Path = root / "instagram" / name
    page = Page(url=path.as_uri(), body=path.read_bytes())
    assert PLATFORM.sniff(page)
    return PLATFORM.parse(page)


def _by_id(result: ParseResult) -> dict[str, Post]:
    return {post.post_id: post for post in result.posts}


def test_every_instagram_capture_is_covered_here() -> None:
    names = {real.path.name for real in real_pages() if real.platform == "instagram"}
    if not names:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    assert names == {FEED, CLIP, PROFILE, SHARED, LOGGED_OUT}


def test_feed_capture_has_23_posts_in_line_order() -> None:
    result = _parse(FEED)
    assert result.format == "ndjson"
    assert result.warnings == []
    assert len(result.posts) == 23  # 23 lines; the 23 carousel_item children are not posts
    assert [p.post_id for p in result.posts[:3]] == ["DUgjOD7D0br", "DUQaZKUFFR_", "DUAw2C0DGJe"]
    assert result.posts[-1].post_id == "DUfAc2fE6-s"


def test_feed_capture_first_post() -> None:
    post = _parse(FEED).posts[0]
    assert post.url == "https://www.instagram.com/p/DUgjOD7D0br/"
    assert post.author == "abc7ny"
    assert post.published_at == "2026-02-08T19:26:07Z"  # taken_at 1770578767
    assert post.media_type == "image"  # product_type "feed", media_type 1
    assert (post.views, post.likes, post.comments) == (None, 306, 37)
    assert post.text.startswith("New York Republican Rep. Mike Lawler")
    assert post.metadata["author_id"] == "52491273"
    assert post.metadata["media_id"] == "3828214581177566955"
    assert post.metadata["paid_partnership"] is False
    assert post.signals == []


def test_feed_capture_counters_read_by_hand() -> None:
    posts = _by_id(_parse(FEED))
    assert (posts["DTudDaKjwpi"].likes, posts["DTudDaKjwpi"].comments) == (289944, 1397)
    assert (posts["DUekrVmgVXY"].likes, posts["DUekrVmgVXY"].comments) == (25271, 1682)
    assert posts["DUekrVmgVXY"].author == "nypost"
    assert (posts["DUQaZKUFFR_"].likes, posts["DUQaZKUFFR_"].comments) == (18204, 190)
    assert posts["DUQaZKUFFR_"].hashtags[:2] == ["oceancleanup", "plasticpollution"]


def test_feed_capture_hidden_counters_ignore_the_placeholder_like_count() -> None:
    result = _parse(FEED)
    # These four carry like_and_view_counts_disabled=true beside like_count 3.
    hidden = {"DUgpj5AkTkp", "DUdpp93EWcd", "DUgtcTpka_8", "DUfAc2fE6-s"}
    flagged = {p.post_id for p in result.posts if p.metadata.get("counts_hidden")}
    assert flagged == hidden
    for post_id in hidden:
        post = _by_id(result)[post_id]
        assert post.likes is None and post.views is None
    assert _by_id(result)["DUgpj5AkTkp"].comments == 20
    assert result.missing["likes"] == 4


def test_feed_capture_media_types_and_reel_urls() -> None:
    result = _parse(FEED)
    kinds = [p.media_type for p in result.posts]
    assert (kinds.count("image"), kinds.count("video"), kinds.count("carousel")) == (16, 4, 3)
    reels = [p for p in result.posts if p.media_type == "video"]
    assert {p.post_id for p in reels} == {"DUg1bTgkfzG", "DUdVsuZgH--", "DUgp726kWrt", "DUgtcTpka_8"}
    assert all(p.url == f"https://www.instagram.com/reel/{p.post_id}/" for p in reels)
    # Clips in the home feed carry no play_count/view_count: no post has views.
    assert all(p.views is None for p in result.posts)
    assert result.missing["views"] == 23


def test_feed_capture_coauthors_and_no_sponsorship() -> None:
    posts = _by_id(_parse(FEED))
    assert posts["DUgpj5AkTkp"].metadata["coauthors"] == ["nunzioinstereo", "francisdoommusic"]
    assert posts["DUgp726kWrt"].metadata["coauthors"] == ["vivalastool"]
    assert all(p.signals == [] and p.metadata["paid_partnership"] is False for p in posts.values())


def test_single_clip_item_has_hidden_counters() -> None:
    result = _parse(CLIP)
    assert result.format == "capture_item"
    assert len(result.posts) == 1
    post = result.posts[0]
    assert post.post_id == "DDDYVXxCuae"
    assert post.url == "https://www.instagram.com/reel/DDDYVXxCuae/"
    assert post.author == "kindminds_smarthearts"
    assert post.published_at == "2024-12-01T22:39:42Z"  # taken_at 1733092782
    assert post.media_type == "video"
    # like_and_view_counts_disabled=true with like_count 3: hidden, not 3.
    assert (post.views, post.likes, post.comments) == (None, None, 22)
    assert post.hashtags == ["parenting", "parentingtips", "barefoot", "teachyourchildrenwell", "safetyfirst"]
    assert post.metadata["media_id"] == "3513759156023256734"
    assert post.signals == []


def test_profile_graphql_posts() -> None:
    result = _parse(PROFILE)
    assert result.format == "web_profile_info"
    assert len(result.posts) == 12
    first = result.posts[0]
    assert first.post_id == "CuH-zoSA61u"
    assert first.url == "https://www.instagram.com/reel/CuH-zoSA61u/"  # product_type "clips"
    assert first.author == "gricardov"
    assert first.published_at == "2023-06-30T18:33:14Z"  # taken_at_timestamp 1688149994
    assert (first.views, first.likes, first.comments) == (56, 8, 0)
    image = _by_id(result)["CxDbs0YLI-k"]
    assert image.media_type == "image" and image.views is None
    assert (image.likes, image.comments) == (5, 2)
    assert image.text == "Feliz lunes amigos. Hoy es nuevo día para tus sueños 🫶😄"
    kinds = [p.media_type for p in result.posts]
    assert (kinds.count("video"), kinds.count("image")) == (9, 3)
    assert result.missing["views"] == 3


def test_profile_account_and_cursor() -> None:
    result = _parse(PROFILE)
    assert len(result.accounts) == 1
    account = result.accounts[0]
    # The capture's user lacks username and follower counts; the handle comes from the nodes' owner.
    assert account.handle == "gricardov"
    assert account.display_name == "Giovanni Ricardo"
    assert account.posts == 24
    assert account.followers is None
    assert result.has_more is True
    assert result.next_cursor is not None and result.next_cursor.startswith("QVFCdWZDYTYzOW5FMFhyZXps")


def test_shared_data_post_page() -> None:
    result = _parse(SHARED)
    assert result.format == "post_page"
    assert len(result.posts) == 1
    post = result.posts[0]
    assert post.post_id == "BWUDBntl3_Z"
    assert post.url == "https://www.instagram.com/p/BWUDBntl3_Z/"
    assert post.author == "teslamotors"
    assert post.published_at == "2017-07-09T04:58:10Z"  # taken_at_timestamp 1499576290
    assert post.text == "The first Model 3 production car"
    assert post.media_type == "image"
    assert (post.views, post.likes, post.comments) == (None, 159071, 1747)
    assert post.metadata["paid_partnership"] is False
    assert post.metadata["is_ad"] is False
    assert "sponsors" not in post.metadata  # edge_media_to_sponsor_user.edges is []
    assert post.metadata["author_followers"] == 8808002
    assert post.signals == []


def test_shared_data_owner_account() -> None:
    account = _parse(SHARED).accounts[0]
    assert (account.handle, account.account_id, account.display_name) == ("teslamotors", "297604134", "Tesla")
    assert (account.followers, account.posts, account.verified) == (8808002, 683, True)


def test_logged_out_page_gives_the_post_its_meta_tags_describe() -> None:
    # Read by hand: description "152K likes, 784 comments - jaimelorentelo on April 19, 2021", og:url
    # /reel/CN2VQ1yI_MA/, al:ios:url media?id=2555323354817229568, instapp:owner_user_id 287586402.
    result = _parse(LOGGED_OUT)
    assert result.format == "login_wall"
    [post] = result.posts
    assert (post.post_id, post.url) == ("CN2VQ1yI_MA", "https://www.instagram.com/reel/CN2VQ1yI_MA/")
    assert (post.author, post.published_at, post.text) == ("jaimelorentelo", "2021-04-19T00:00:00Z", "")
    assert (post.media_type, post.views, post.likes, post.comments) == ("video", None, 152000, 784)
    assert post.approximate == ["likes"]
    assert post.metadata == {
        "read_from": "meta_tags",
        "author_id": "287586402",
        "media_id": "2555323354817229568",
    }
    assert result.warnings == [
        "login wall: post read from its meta tags only (rounded counters, no views): CN2VQ1yI_MA"
    ]
