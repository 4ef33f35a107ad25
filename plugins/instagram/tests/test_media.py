"""One v1 media object as a Post: counters, hidden counts, types, ids, sponsorship, damaged values."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.instagram.media import media_id, media_to_post
from plugins.post import Post


def _media(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "code": "DUa1b2C3d4E",
        "pk": "3829011100000000001",
        "id": "3829011100000000001_61000000001",
        "taken_at": 1770550000,
        "media_type": 1,
        "product_type": "feed",
        "user": {"pk": "61000000001", "username": "citrus.daily"},
        "caption": {"text": "hello"},
        "like_count": 40,
        "comment_count": 2,
    }
    base.update(fields)
    return base


def _post(**fields: Any) -> tuple[Post, list[str]]:
    converted = media_to_post(_media(**fields))
    assert converted is not None
    return converted


def test_hidden_counts_drop_likes_and_views_whatever_number_is_beside_them() -> None:
    post, missing = _post(
        like_and_view_counts_disabled=True, like_count=3, play_count=3, product_type="clips"
    )
    assert (post.likes, post.views, post.comments) == (None, None, 2)
    assert {"likes", "views"} <= set(missing)
    assert post.metadata["counts_hidden"] is True


def test_visible_counts_are_kept() -> None:
    post, missing = _post(like_and_view_counts_disabled=False, like_count=3)
    assert post.likes == 3
    assert "likes" not in missing


@pytest.mark.parametrize(
    ("fields", "shares"),
    [
        ({"share_count": 18, "share_count_disabled": False}, 18),
        ({"share_count": 18}, 18),
        ({"share_count": 18, "share_count_disabled": True}, None),
        ({"share_count_disabled": False}, None),
        ({"share_count": "12"}, 12),
        ({"share_count": -1}, None),
    ],
)
def test_shares_come_from_share_count_unless_disabled(fields: dict[str, Any], shares: int | None) -> None:
    post, missing = _post(**fields)
    assert post.shares == shares
    assert ("shares" in missing) is (shares is None)


@pytest.mark.parametrize(
    ("fields", "views"),
    [
        ({"play_count": 10, "ig_play_count": 7, "view_count": 5}, 10),
        ({"play_count": None, "ig_play_count": 7, "view_count": 5}, 7),
        ({"view_count": 5}, 5),
        ({}, None),
    ],
)
def test_views_take_the_first_play_counter_present(fields: dict[str, Any], views: int | None) -> None:
    post, missing = _post(product_type="clips", media_type=2, **fields)
    assert post.views == views
    assert ("views" in missing) is (views is None)


@pytest.mark.parametrize(
    ("product", "kind", "media_type", "url_kind"),
    [
        ("feed", 1, "image", "p"),
        ("feed", 2, "video", "p"),
        ("clips", 2, "video", "reel"),
        ("carousel_container", 8, "carousel", "p"),
        ("igtv", 2, "video", "p"),
        (None, 8, "carousel", "p"),
        ("something_new", 1, "image", "p"),
        (None, None, None, "p"),
    ],
)
def test_media_type_and_url(
    product: str | None, kind: int | None, media_type: str | None, url_kind: str
) -> None:
    post, missing = _post(product_type=product, media_type=kind)
    assert post.media_type == media_type
    assert post.url == f"https://www.instagram.com/{url_kind}/DUa1b2C3d4E/"
    assert ("media_type" in missing) is (media_type is None)


def test_null_caption_gives_empty_text() -> None:
    post, _ = _post(caption=None)
    assert (post.text, post.hashtags, post.mentions) == ("", [], [])


def test_author_falls_back_on_owner() -> None:
    post, _ = _post(user=None, owner={"id": "9", "username": "owner.name"})
    assert post.author == "owner.name"
    assert post.metadata["author_id"] == "9"


def test_media_id_prefers_exact_strings_over_rounded_numbers() -> None:
    assert (
        media_id({"pk": 3606320802535303000, "id": "3606320802535302916_56099298"}) == "3606320802535302916"
    )
    assert media_id({"pk": "3606320802535302916"}) == "3606320802535302916"
    assert media_id({"pk": 3606320802535302916}) == "3606320802535302916"
    assert media_id({"id": "abc_1"}) is None


def test_paid_partnership_label_and_sponsor_shapes() -> None:
    post, _ = _post(
        is_paid_partnership=True,
        sponsor_tags=[
            {"sponsor": {"username": "Brand.One"}},
            {"username": "brand_two"},
            {"user": {"username": "b3"}},
        ],
    )
    assert [(s.kind, s.evidence, s.source) for s in post.signals] == [
        ("platform_label", "Paid partnership", "label"),
        ("paid_partner", "brand.one", "label"),
        ("paid_partner", "brand_two", "label"),
        ("paid_partner", "b3", "label"),
    ]
    assert post.metadata["labels"] == ["Paid partnership"]
    assert post.metadata["sponsors"] == ["brand.one", "brand_two", "b3"]


def test_deeply_nested_sponsor_entries_are_not_followed_forever() -> None:
    entry: dict[str, Any] = {"username": "too.deep"}
    for _ in range(900):
        entry = {"sponsor": entry}
    post, _ = _post(sponsor_tags=[entry, {"sponsor": {"username": "brand"}}])
    assert post.metadata["sponsors"] == ["brand"]


def test_sponsor_tags_alone_name_a_partner_without_a_label() -> None:
    post, _ = _post(is_paid_partnership=False, sponsor_tags=[{"sponsor": {"username": "brand"}}])
    assert [s.kind for s in post.signals] == ["paid_partner"]
    assert post.metadata["paid_partnership"] is False
    assert "labels" not in post.metadata


def test_coauthors_are_metadata_only_and_exclude_the_author() -> None:
    post, _ = _post(coauthor_producers=[{"username": "citrus.daily"}, {"username": "Partner.Shop"}])
    assert post.metadata["coauthors"] == ["partner.shop"]
    assert post.signals == []


@pytest.mark.parametrize(
    ("fields", "evidence"),
    [
        ({"is_ad": True}, "is_ad=true"),
        ({"ad_id": "120200000000000777"}, "ad_id"),
        ({"boosted_status": "boosted"}, "boosted_status=boosted"),
        ({"boosted_status": "ACTIVE"}, "boosted_status=ACTIVE"),
    ],
)
def test_ads_and_boosted_posts_are_promoted(fields: dict[str, Any], evidence: str) -> None:
    post, _ = _post(**fields)
    assert [(s.kind, s.evidence, s.source) for s in post.signals] == [("promoted", evidence, "metadata")]
    assert post.metadata["is_ad"] is True


@pytest.mark.parametrize(
    "fields",
    [
        {"boosted_status": "not_boosted"},
        {"boosted_status": None},
        {"boosted_status": "NOT_ELIGIBLE"},
        {"boosted_status": "unavailable"},
        {"ad_id": None},
        {"ad_id": ""},
        {"is_ad": False},
    ],
)
def test_unboosted_posts_are_not_promoted(fields: dict[str, Any]) -> None:
    post, _ = _post(**fields)
    assert post.signals == []
    assert post.metadata.get("is_ad") in (None, False)


def test_affiliate_links_land_in_metadata() -> None:
    post, _ = _post(affiliate_info={"affiliate_url": "https://shop.example/x", "merchant": "Shop"})
    assert post.metadata["links"] == ["https://shop.example/x"]


def test_without_a_shortcode_there_is_no_post() -> None:
    assert media_to_post(_media(code=None)) is None
    assert media_to_post(_media(code="has space")) is None


@pytest.mark.parametrize("bad", [None, "x", 7, -3, 2.5, True, [], {}])
def test_wrong_types_give_missing_fields_not_errors(bad: Any) -> None:
    fields = (
        "user owner caption taken_at media_type product_type like_count comment_count play_count",
        "is_paid_partnership sponsor_tags coauthor_producers boosted_status affiliate_info usertags",
        "video_duration like_and_view_counts_disabled pk id ad_id is_ad",
    )
    names = " ".join(fields).split()
    post, missing = _post(**dict.fromkeys(names, bad))
    assert post.post_id == "DUa1b2C3d4E"
    assert isinstance(post.text, str)
    assert post.likes is None or isinstance(post.likes, int)
    assert "shares" in missing and "saves" in missing
