"""The itemStruct reader: exact counters, tags, media types, commercial flags, damaged fields."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.post import Post
from plugins.tiktok.item import item_to_post


def _item(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "7000000000000000001",
        "desc": "hola",
        "createTime": 1700000000,
        "author": {"id": "6000000000000000001", "uniqueId": "maker"},
        "stats": {"diggCount": 1, "shareCount": 2, "commentCount": 3, "playCount": 4, "collectCount": "5"},
    }
    base.update(fields)
    return base


def _post(item: dict[str, Any], **context: Any) -> tuple[Post, list[str]]:
    converted = item_to_post(item, **context)
    assert converted is not None
    return converted


def test_stats_v2_wins_over_rounded_stats() -> None:
    post, _ = _post(_item(statsV2={"diggCount": "12345", "playCount": "456789"}, stats={"diggCount": 12300}))
    assert post.likes == 12345 and post.views == 456789


def test_stats_beside_stats_v2_are_marked_approximate() -> None:
    post, _ = _post(_item(statsV2={"diggCount": "12345"}, stats={"diggCount": 12300, "shareCount": 1200}))
    assert post.shares == 1200
    assert post.approximate == ["shares"]


def test_stats_alone_are_exact_and_string_collect_count_is_read() -> None:
    post, missing = _post(_item())
    assert (post.views, post.likes, post.comments, post.shares, post.saves) == (4, 1, 3, 2, 5)
    assert post.approximate == [] and missing == []


def test_absent_saves_are_none_and_counted() -> None:
    post, missing = _post(_item(stats={"diggCount": 9, "playCount": 10, "commentCount": 0, "shareCount": 0}))
    assert post.saves is None and missing == ["saves"]
    assert post.comments == 0  # a written zero stays zero


@pytest.mark.parametrize("bad", ["abc", None, [], {}, -5, True, 1.5])
def test_damaged_counter_is_none(bad: object) -> None:
    post, missing = _post(_item(stats={"diggCount": bad, "playCount": 10}))
    assert post.likes is None and "likes" in missing


def test_photo_mode_is_carousel_or_image() -> None:
    many, _ = _post(_item(imagePost={"images": [{}, {}, {}]}))
    one, _ = _post(_item(imagePost={"images": [{}]}))
    assert (many.media_type, one.media_type) == ("carousel", "image")
    assert "duration" not in many.metadata


def test_text_extra_gives_tags_mentions_and_commerce() -> None:
    extra = [
        {"hashtagName": "Fyp🔥", "userUniqueId": ""},
        {"hashtagName": "", "userUniqueId": "Brand_X", "isCommerce": True},
        {"hashtagName": "fyp🔥"},
        {"hashtagName": "", "userUniqueId": "friend", "isCommerce": False},
        "junk",
    ]
    post, _ = _post(_item(desc="x #fyp🔥 @brand_x @friend", textExtra=extra))
    assert post.hashtags == ["fyp🔥"]
    assert post.mentions == ["brand_x", "friend"]
    assert post.metadata["commerce_mentions"] == ["brand_x"]
    assert [(s.kind, s.evidence, s.strength) for s in post.signals] == [("paid_partner", "brand_x", 0.6)]


def test_without_text_extra_tags_come_from_text_and_challenges() -> None:
    post, _ = _post(_item(desc="Nuevo #Menu con @Grill.house. #menu", challenges=[{"title": "Oculto"}]))
    assert post.hashtags == ["menu", "oculto"]
    assert post.mentions == ["grill.house"]


def test_text_falls_back_to_contents() -> None:
    post, _ = _post(_item(desc="", contents=[{"desc": "uno"}, {"desc": "dos"}, "junk"]))
    assert post.text == "uno dos"


def test_ad_flags() -> None:
    post, _ = _post(_item(isAd=True, adAuthorization=True))
    assert [(s.kind, s.source, s.strength) for s in post.signals] == [
        ("promoted", "metadata", 1.0),
        ("spark_ads", "metadata", 0.3),
    ]
    assert post.metadata["is_ad"] is True


@pytest.mark.parametrize("flag", ["true", 1, None])
def test_ad_flags_need_a_json_true(flag: object) -> None:
    post, _ = _post(_item(isAd=flag, adAuthorization=flag))
    assert post.signals == [] and "is_ad" not in post.metadata


def test_brand_organic_type_is_a_weaker_metadata_label() -> None:
    post, _ = _post(_item(brandOrganicType=1))
    signal = post.signals[0]
    assert (signal.kind, signal.source, signal.strength) == ("platform_label", "metadata", 0.8)
    assert "labels" not in post.metadata  # nothing was shown on a page
    unset, _ = _post(_item(brandOrganicType=0))
    assert unset.signals == []


def test_sigi_item_with_author_as_a_handle() -> None:
    item = _item(author="oldtimer", authorId="6000000000000000009")
    users = {"oldtimer": {"id": "6000000000000000009", "uniqueId": "oldtimer"}}
    post, _ = _post(item, users=users, author_stats={"followerCount": 77})
    assert post.author == "oldtimer"
    assert post.url == "https://www.tiktok.com/@oldtimer/video/7000000000000000001"
    assert post.metadata["author_id"] == "6000000000000000009"
    assert post.metadata["author_followers"] == 77


def test_exact_author_followers_preferred() -> None:
    post, _ = _post(_item(authorStats={"followerCount": 783400}, authorStatsV2={"followerCount": "783427"}))
    assert post.metadata["author_followers"] == 783427


def test_missing_author_keeps_a_resolvable_url() -> None:
    post, missing = _post(_item(author=None))
    assert post.author is None and "author" in missing
    assert post.url == "https://www.tiktok.com/@/video/7000000000000000001"


@pytest.mark.parametrize("bad_id", [None, "", "abc", [], 0])
def test_item_without_id_is_refused(bad_id: object) -> None:
    assert item_to_post(_item(id=bad_id)) is None


@pytest.mark.parametrize(
    "field",
    ["desc", "author", "stats", "textExtra", "challenges", "imagePost", "video", "contents", "statsV2"],
)
@pytest.mark.parametrize("junk", [None, 5, "s", [1], {"x": []}])
def test_wrong_types_never_crash(field: str, junk: object) -> None:
    post, _ = _post(_item(**{field: junk}))
    assert post.post_id == "7000000000000000001"
    assert isinstance(post.text, str)
