"""The real Reddit capture in ../shared/real-pages, checked against values read by hand in the file."""

from __future__ import annotations

from collections import Counter

import pytest

from plugins.platform import Page, ParseResult
from plugins.post import Post
from plugins.reddit import PLATFORM
from plugins.testing import real_pages_dir

pytestmark = pytest.mark.real_pages

LISTING = "reddit_front_best_listing.json"

# (id, ups, num_comments) of every child of the /best listing, in file order.
CHILDREN = [
    ("8hacwl", 14348, 265), ("8h9v02", 39285, 900), ("8ha7rv", 14496, 534),
    ("8hacb7", 14812, 414), ("8hagya", 6909, 457), ("8h9jy5", 15204, 295),
    ("8h9ksf", 12461, 233), ("8h8w1l", 31201, 1207), ("8h8vtb", 34938, 316),
    ("8h8v1b", 60407, 459), ("8h9aho", 12068, 578), ("8h8y3s", 21715, 177),
    ("8h9oio", 6080, 80), ("8h953a", 13106, 293), ("8h8uoi", 40797, 1641),
    ("8h8tmp", 13070, 1126), ("8h8kv8", 19091, 863), ("8h9cel", 6925, 239),
    ("8h9wo7", 4835, 160), ("8hak2k", 3143, 315), ("8h8hmk", 20689, 311),
    ("8h9605", 6855, 65), ("8h8l3n", 17938, 276), ("8h8pwt", 16019, 623),
    ("8h8ayy", 15338, 701), ("8h9e4k", 6421, 166), ("8h88sh", 33230, 240),
    ("8h8h1a", 18286, 329), ("8h8b4t", 31932, 571), ("8h899i", 17637, 143),
    ("8h7ziw", 32491, 266), ("8h7ymm", 16339, 738), ("8h93h2", 6373, 65),
    ("8h86cy", 28507, 319), ("8h9g31", 4135, 169), ("8h8kgs", 7770, 434),
    ("8h8c0w", 13278, 165), ("8h88oq", 11161, 276), ("8h84d1", 14873, 223),
    ("8h8041", 26147, 552), ("8h95yv", 6265, 170), ("8h98vl", 4893, 130),
    ("8h7yxa", 19837, 389), ("8h894m", 9468, 271), ("8h7qs6", 36647, 499),
    ("8h92nf", 9851, 444), ("8h7wk4", 13982, 344), ("8h83dv", 36494, 575),
    ("8h7x1f", 13019, 250), ("8h7tyq", 29998, 217), ("8h7u4g", 29273, 349),
    ("8h7vl0", 17928, 553), ("8haa9n", 2086, 62), ("8h7ms2", 61308, 1440),
    ("8h99tg", 3361, 19), ("8h7wtu", 14141, 597), ("8h83um", 15209, 286),
    ("8h85tt", 6843, 236), ("8h7npd", 21806, 150), ("8h91m7", 14731, 225),
    ("8h7ot0", 12412, 293), ("8h7qja", 13034, 119), ("8h9y1e", 5566, 213),
    ("8h7siq", 10814, 367), ("8h9h5k", 3165, 51), ("8h9vz6", 2248, 42),
    ("8h9rf9", 2501, 162), ("8h7ulb", 35172, 3125), ("8h9n3j", 2585, 42),
    ("8h987e", 8170, 166), ("8ha91c", 2153, 27), ("8h9htz", 2846, 73),
    ("8h7k3g", 13351, 196), ("8h7i0h", 20842, 318), ("8h7iyo", 14866, 1079),
    ("8h8134", 8246, 351), ("8h7zj8", 6950, 62), ("8h94ma", 8109, 406),
    ("8h9yy6", 4764, 112), ("8h7upd", 7310, 145), ("8h7cnv", 31946, 220),
    ("8h99et", 7322, 51), ("8h8ukn", 3583, 51), ("8h7mj4", 11166, 89),
    ("8h8efd", 4745, 281), ("8h7jzx", 10947, 59), ("8h829z", 7069, 238),
    ("8h7alq", 15378, 92), ("8h75oo", 26347, 435), ("8h96ld", 2804, 218),
    ("8h7gif", 11761, 89), ("8h7jvq", 17053, 247), ("8h7leb", 9446, 384),
    ("8h9riz", 2015, 13), ("8h787k", 14720, 327), ("8h71zh", 39375, 385),
    ("8h9xqa", 1825, 54), ("8h8huo", 3678, 166), ("8h7r4f", 8899, 243),
    ("8h8g1q", 4168, 33),
]  # fmt: skip


def _parse() -> ParseResult:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    path = root / "reddit" / LISTING
    page = Page(url=path.as_uri(), body=path.read_bytes())
    assert PLATFORM.sniff(page)
    return PLATFORM.parse(page)


def _by_id(result: ParseResult, post_id: str) -> Post:
    return next(p for p in result.posts if p.post_id == post_id)


def test_listing_has_every_link_with_votes_and_comments() -> None:
    result = _parse()
    assert result.format == "listing"
    assert [(p.post_id, p.likes, p.comments) for p in result.posts] == CHILDREN
    assert sum(p.likes or 0 for p in result.posts) == 1516801
    assert sum(p.comments or 0 for p in result.posts) == 35414


def test_listing_cursor_and_missing_counters() -> None:
    result = _parse()
    assert result.next_cursor == "t3_8h8g1q" and result.has_more is True  # data.after
    # view_count is null on every link; Reddit gives no shares or saves.
    assert result.missing == {"views": 100, "shares": 100, "saves": 100}
    assert all(p.views is None and p.shares is None and p.saves is None for p in result.posts)


def test_first_link() -> None:
    post = _parse().posts[0]
    assert (
        post.url == "https://www.reddit.com/r/funny/comments/8hacwl/whistling_noise_coming_from_the_engine/"
    )
    assert post.author == "Ben-A-Flick"
    assert post.published_at == "2018-05-05T20:57:17Z"  # created_utc 1525553837.0
    assert post.text == "Whistling noise coming from the engine!"
    assert post.media_type == "image"  # post_hint "image" (i.imgur.com)
    assert post.metadata == {"subreddit": "funny", "score": 14348}


def test_hosted_videos_and_their_durations() -> None:
    result = _parse()
    durations = {p.post_id: p.metadata.get("duration") for p in result.posts if "duration" in p.metadata}
    # is_video true, domain v.redd.it, media.reddit_video.duration
    assert durations == {"8h7yxa": 8, "8h83dv": 13, "8h7vl0": 56, "8h9yy6": 9}
    # 4 hosted:video + 5 rich:video embeds (youtu.be, youtube.com, gfycat.com)
    assert Counter(p.media_type for p in result.posts) == {"image": 52, "text": 39, "video": 9}


def test_self_post_text_and_markdown_link() -> None:
    post = _by_id(_parse(), "8h8kgs")
    assert post.author == "sagedro09" and post.metadata["subreddit"] == "NintendoSwitch"
    assert post.text.startswith(
        "So installed my Switch in my Lyft/Uber car. Huge hit with my passengers!\n\n"
    )
    assert post.text.split("\n\n", 1)[1].startswith("[Pictures of Setup](https://imgur.com/a/8KXFkfG)")
    assert post.metadata["links"][0] == "https://imgur.com/a/8KXFkfG"
    assert (post.likes, post.comments) == (7770, 434)


def test_link_post_keeps_the_outside_url() -> None:
    post = _by_id(_parse(), "8h9v02")
    assert post.metadata["links"] == [
        "http://www.businessinsider.com/a-story-about-bill-gatess-intelligence-2015-11"
    ]
    assert post.media_type == "text"


def test_nothing_is_promoted() -> None:
    posts = _parse().posts
    assert all(p.signals == [] and "is_ad" not in p.metadata for p in posts)
