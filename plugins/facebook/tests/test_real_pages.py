"""The real Facebook captures in ../shared/real-pages, checked against values read by hand in each file."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.containers import unpack
from plugins.facebook import PLATFORM
from plugins.platform import Page, ParseResult
from plugins.post import Post
from plugins.testing import real_pages_dir

pytestmark = pytest.mark.real_pages

STORY = "fb_m_story_nintendo_3065154550235644_2021-06.html"
CASSETTE = "fb_mbasic_page_posts_vcr_2021-06.yaml"
NINTENDO = "119240841493711"


def _path(name: str) -> Path:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    return root / "facebook" / name


def _parse(page: Page) -> ParseResult:
    assert PLATFORM.sniff(page)
    return PLATFORM.parse(page)


def _story() -> ParseResult:
    path = _path(STORY)
    return _parse(Page(url=path.as_uri(), body=path.read_bytes()))


def _counters(post: Post) -> tuple[int | None, ...]:
    return (post.views, post.likes, post.comments, post.shares, post.saves)


def test_story_page_posts() -> None:
    result = _story()
    assert result.format == "story_page"
    # The permalinked story, then three "more from this page" stories (data-ft story_location 4).
    assert [p.post_id for p in result.posts] == [
        "3065154550235644",
        "4194934713924283",
        "4193752747375813",
        "4191173794300375",
    ]
    assert result.missing == {"views": 4, "saves": 4}
    assert result.warnings == []


def test_nintendo_story_counters_and_fields() -> None:
    post = _story().posts[0]
    # MLiveData: like_count:1615 ("1,615 Likes"), comment_count:149, share_count:281; "281 shares" in the UFI
    assert _counters(post) == (None, 1615, 149, 281, None)
    assert post.approximate == []
    assert post.url == "https://www.facebook.com/Nintendo/posts/3065154550235644"
    assert post.author == "Nintendo"
    assert post.published_at == "2020-05-13T01:01:18Z"  # page_insights publish_time 1589331678
    assert post.text == (
        "Check out these themed wallpapers and many more at the link below for your personal use! "
        "We hope you enjoy them!\nhttps://www.nintendo.com/wallpapers/"
    )
    assert post.media_type == "carousel"  # story_attachment_style "album", four photos
    assert post.metadata == {
        "author_id": NINTENDO,
        "author_name": "Nintendo",
        "links": ["https://www.nintendo.com/wallpapers/"],  # unwrapped from lm.facebook.com/l.php
    }


def test_more_stories_counters_and_media() -> None:
    posts = _story().posts[1:]
    # MLiveData blobs: 466/73/17, 290/44/25, 305/408/22; UFI text "17 shares", "25 shares", "22 shares"
    assert [_counters(p) for p in posts] == [
        (None, 466, 73, 17, None),
        (None, 290, 44, 25, None),
        (None, 305, 408, 22, None),
    ]
    assert [p.media_type for p in posts] == ["image", "video", "video"]  # cover_photo, video_inline x2
    assert [p.published_at for p in posts] == [
        "2021-06-05T00:33:32Z",
        "2021-06-04T15:11:22Z",
        "2021-06-03T18:00:35Z",
    ]
    assert posts[0].text == ""  # "updated their cover photo." has no message
    assert posts[1].text.startswith("May 2021 is in the books!")


def test_sponsored_selector_config_is_not_a_label() -> None:
    path = _path(STORY)
    assert b"Sponsored" in path.read_bytes()  # only inside the ad-detection selector config
    assert all(p.signals == [] and "labels" not in p.metadata for p in _story().posts)


def test_cassette_responses() -> None:
    path = _path(CASSETTE)
    pages = unpack(Page(url=path.as_uri(), body=path.read_bytes()))
    # The 302 redirect has an empty body; the five others are gzip-encoded HTML.
    assert len(pages) == 5
    results = [_parse(page) for page in pages]
    assert [r.format for r in results] == ["story_page"] + ["photo_page"] * 4
    story = results[0].posts[0]
    assert story.post_id == "3065154550235644" and _counters(story) == (None, 1615, 149, 281, None)
    assert len(results[0].posts) == 4


def test_cassette_photo_pages() -> None:
    path = _path(CASSETTE)
    pages = unpack(Page(url=path.as_uri(), body=path.read_bytes()))[1:]
    posts = [post for page in pages for post in _parse(page).posts]
    # MLiveData of each photo: like_count / comment_count / share_count
    assert [(p.post_id, p.likes, p.comments, p.shares) for p in posts] == [
        ("3065146500236449", 85, 5, 2),
        ("3065146626903103", 88, 2, 3),
        ("3065146783569754", 115, 18, 12),
        ("3065146886903077", 72, 6, 1),
    ]
    for post in posts:
        assert post.url == f"https://www.facebook.com/photo.php?fbid={post.post_id}"
        assert post.author == "Nintendo" and post.media_type == "image"
        assert post.published_at == "2020-05-13T01:01:18Z"  # abbr data-store time 1589331678
        assert post.metadata == {"album_post_id": "3065154550235644", "author_id": NINTENDO}
