"""GraphQL media nodes and profile users: types, counter fallbacks, hidden counts, the account."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.instagram.graph import node_to_post, user_account
from plugins.post import Post


def _node(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "__typename": "GraphImage",
        "id": "3189514788261367716",
        "shortcode": "CxDbs0YLI-k",
        "owner": {"id": "49017258985", "username": "gricardov"},
        "taken_at_timestamp": 1694439813,
        "edge_liked_by": {"count": 5},
        "edge_media_preview_like": {"count": 5},
        "edge_media_to_comment": {"count": 2},
        "edge_media_to_caption": {"edges": [{"node": {"text": "Feliz lunes #lunes @amigo"}}]},
    }
    base.update(fields)
    return base


def _post(followers: dict[str, int] | None = None, **fields: Any) -> tuple[Post, list[str]]:
    converted = node_to_post(_node(**fields), followers)
    assert converted is not None
    return converted


@pytest.mark.parametrize(
    ("typename", "extra", "media_type"),
    [
        ("GraphImage", {}, "image"),
        ("GraphVideo", {}, "video"),
        ("GraphSidecar", {}, "carousel"),
        ("XDTGraphSidecar", {}, "carousel"),
        (None, {"is_video": True}, "video"),
        (None, {"is_video": False}, "image"),
        (None, {"edge_sidecar_to_children": {"edges": []}}, "carousel"),
        (None, {}, None),
    ],
)
def test_media_type_from_typename(
    typename: str | None, extra: dict[str, Any], media_type: str | None
) -> None:
    post, _ = _post(__typename=typename, **extra)
    assert post.media_type == media_type


def test_clips_get_reel_urls_and_views() -> None:
    post, missing = _post(__typename="GraphVideo", product_type="clips", video_view_count=56)
    assert post.url == "https://www.instagram.com/reel/CxDbs0YLI-k/"
    assert post.views == 56 and "views" not in missing


def test_caption_hashtags_mentions_and_date() -> None:
    post, _ = _post()
    assert post.text == "Feliz lunes #lunes @amigo"
    assert (post.hashtags, post.mentions) == (["lunes"], ["amigo"])
    assert post.published_at == "2023-09-11T13:43:33Z"
    assert post.author == "gricardov"


def test_likes_fall_back_on_the_preview_edge() -> None:
    post, _ = _post(edge_liked_by=None, edge_media_preview_like={"count": 159071})
    assert post.likes == 159071


def test_comments_fall_back_on_preview_then_parent_comments() -> None:
    post, _ = _post(edge_media_to_comment=None, edge_media_preview_comment={"count": 1747})
    assert post.comments == 1747
    post, _ = _post(edge_media_to_comment=None, edge_media_to_parent_comment={"count": 204})
    assert post.comments == 204
    post, missing = _post(edge_media_to_comment=None)
    assert post.comments is None and "comments" in missing


def test_hidden_counts_on_a_node() -> None:
    post, missing = _post(__typename="GraphVideo", like_and_view_counts_disabled=True, video_view_count=9)
    assert (post.likes, post.views, post.comments) == (None, None, 2)
    assert {"likes", "views"} <= set(missing)


def test_sponsor_edges_and_is_ad() -> None:
    post, _ = _post(
        is_paid_partnership=True,
        is_ad=True,
        edge_media_to_sponsor_user={"edges": [{"node": {"sponsor": {"id": "1", "username": "oatly"}}}]},
    )
    assert [(s.kind, s.evidence, s.source) for s in post.signals] == [
        ("platform_label", "Paid partnership", "label"),
        ("paid_partner", "oatly", "label"),
        ("promoted", "is_ad=true", "metadata"),
    ]
    assert post.metadata["sponsors"] == ["oatly"]
    assert post.metadata["is_ad"] is True


def test_followers_come_from_the_owner_or_the_profile() -> None:
    post, _ = _post(owner={"id": "1", "username": "tesla", "edge_followed_by": {"count": 88}})
    assert post.metadata["author_followers"] == 88
    post, _ = _post(followers={"gricardov": 12})
    assert post.metadata["author_followers"] == 12


def test_no_shortcode_no_post() -> None:
    assert node_to_post(_node(shortcode=None)) is None


def test_user_account() -> None:
    user = {
        "id": "41000000001",
        "username": "nordic.kitchen",
        "full_name": "Nordic Kitchen",
        "is_verified": False,
        "edge_followed_by": {"count": 48213},
        "edge_follow": {"count": 312},
        "edge_owner_to_timeline_media": {"count": 158},
    }
    account = user_account(user)
    assert account is not None
    assert (account.handle, account.account_id, account.display_name) == (
        "nordic.kitchen",
        "41000000001",
        "Nordic Kitchen",
    )
    assert (account.followers, account.following, account.posts, account.verified) == (48213, 312, 158, False)


def test_user_account_needs_a_handle() -> None:
    assert user_account({"full_name": "Someone"}) is None
    account = user_account({"full_name": "Someone"}, handle="someone")
    assert account is not None and account.handle == "someone" and account.verified is None
