"""Reading one Reddit link: ids, counters, hidden scores, media, links, promotion, wrong types."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.reddit.link import is_reddit_url, link_to_post, media_type
from plugins.reddit.values import epoch_to_iso
from plugins.values import as_int as as_count


def _link(**data: Any) -> dict[str, Any]:
    base = {"id": "abc12", "permalink": "/r/sub/comments/abc12/t/", "title": "T", "author": "someone"}
    base.update(data)
    return base


def _post(**data: Any) -> Any:
    converted = link_to_post(_link(**data))
    assert converted is not None
    return converted


def test_id_from_the_fullname_when_id_is_absent() -> None:
    post, _ = _post(id=None, name="t3_zz9")
    assert post.post_id == "zz9"


@pytest.mark.parametrize("data", [{"id": None, "name": None}, {"id": 5, "name": "t1_x"}, {"id": "no way"}])
def test_no_usable_id_gives_none(data: dict[str, Any]) -> None:
    assert link_to_post(_link(**data)) is None


def test_url_without_permalink_is_the_comments_url() -> None:
    post, _ = _post(permalink=None)
    assert post.url == "https://www.reddit.com/comments/abc12/"


def test_ups_are_likes_and_score_is_metadata() -> None:
    post, missing = _post(ups=120, score=118, num_comments=4)
    assert (post.likes, post.comments, post.metadata["score"]) == (120, 4, 118)
    assert "likes" not in missing and {"views", "shares", "saves"} <= set(missing)


def test_hidden_score_gives_no_likes() -> None:
    post, missing = _post(ups=1, hide_score=True)
    assert post.likes is None and "likes" in missing


def test_view_count_is_kept_when_given() -> None:
    post, missing = _post(view_count=5230)
    assert post.views == 5230 and "views" not in missing


@pytest.mark.parametrize("value", ["12", -1, 1.5, True, None, [3]])
def test_wrong_typed_counters_are_none(value: Any) -> None:
    assert as_count(value) is None
    post, _ = _post(ups=value, num_comments=value, view_count=value)
    assert (post.likes, post.comments, post.views) == (None, None, None)


def test_created_utc_floats_and_damaged_times() -> None:
    assert epoch_to_iso(1525553837.0) == "2018-05-05T20:57:17Z"
    assert epoch_to_iso(1525553837) == "2018-05-05T20:57:17Z"
    for bad in (float("nan"), float("inf"), -5, "1525553837", True, 10**12):
        assert epoch_to_iso(bad) is None


def test_deleted_author_is_none() -> None:
    post, missing = _post(author="[deleted]")
    assert post.author is None and "author" in missing and post.signals == []


def test_text_joins_title_and_selftext() -> None:
    assert _post(title="Q", selftext="Body")[0].text == "Q\n\nBody"
    assert _post(title="Q", selftext="")[0].text == "Q"
    assert _post(title=None, selftext=None)[0].text == ""


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"is_video": True}, "video"),
        ({"post_hint": "rich:video"}, "video"),
        ({"is_gallery": True}, "carousel"),
        ({"post_hint": "image"}, "image"),
        ({"post_hint": "link"}, "text"),
        ({"is_self": True}, "text"),
    ],
)
def test_media_type(data: dict[str, Any], expected: str) -> None:
    assert media_type(data) == expected


def test_reddit_urls_are_not_links() -> None:
    assert is_reddit_url("https://v.redd.it/x") and is_reddit_url("https://www.reddit.com/r/a/")
    assert is_reddit_url("/r/a/comments/x/") and not is_reddit_url("https://notreddit.com/x")
    post, _ = _post(url="https://i.redd.it/a.jpg", post_hint="image")
    assert "links" not in post.metadata


def test_image_hosted_elsewhere_is_media_not_a_link() -> None:
    post, _ = _post(url="https://i.imgur.com/a.jpg", post_hint="image")
    assert "links" not in post.metadata


def test_selftext_links_and_mentions() -> None:
    post, _ = _post(
        selftext="See https://shop.example/x, and /u/Bob_1 or u/bob_1 (https://www.reddit.com/r/a)"
    )
    assert post.metadata["links"] == ["https://shop.example/x"]
    assert post.mentions == ["bob_1"]


@pytest.mark.parametrize("flag", ["promoted", "is_created_from_ads_ui"])
def test_promoted_flags_give_a_promoted_signal(flag: str) -> None:
    post, _ = _post(**{flag: True})
    assert post.metadata["is_ad"] is True
    assert [(s.kind, s.evidence, s.source) for s in post.signals] == [
        ("promoted", f"{flag}=true", "metadata")
    ]


def test_promoted_false_is_known_not_an_ad() -> None:
    post, _ = _post(promoted=False)
    assert post.metadata["is_ad"] is False and post.signals == []


def test_crosspost_parent_and_duration_metadata() -> None:
    post, _ = _post(crosspost_parent="t3_p1", secure_media={"reddit_video": {"duration": 12.7}}, over_18=True)
    assert post.metadata["crosspost_parent"] == "t3_p1"
    assert post.metadata["duration"] == 12
    assert post.metadata["nsfw"] is True


@pytest.mark.parametrize("hint", [["image"], {"kind": "image"}, 5])
def test_wrong_typed_post_hint_is_no_hint(hint: Any) -> None:
    post, _ = _post(post_hint=hint, url="https://shop.example/item")
    assert post.media_type == "text" and post.metadata["links"] == ["https://shop.example/item"]


@pytest.mark.parametrize(
    ("parent", "expected"),
    [
        ({"is_video": True, "post_hint": "hosted:video"}, "video"),
        ({"is_gallery": True}, "carousel"),
        ({"post_hint": "image"}, "image"),
        ({"post_hint": "self"}, "text"),
    ],
)
def test_a_crosspost_has_its_parents_media(parent: dict[str, Any], expected: str) -> None:
    # A crosspost of a v.redd.it video is a "link" post whose own is_video is false.
    data = _link(post_hint="link", is_video=False, crosspost_parent="t3_p1", crosspost_parent_list=[parent])
    assert media_type(data) == expected
    assert media_type(_link(post_hint="link", crosspost_parent_list=[[], "x"])) == "text"
