"""Reading one tweet result: wrappers, unavailable tweets, counters, entities, media, promotion."""

from __future__ import annotations

from typing import Any

import pytest

from plugins.values import as_count, dig
from plugins.x.tweet import media_type, screen_name, tweet_to_post, unwrap
from plugins.x.values import created_at_to_iso


def _tweet(**legacy: Any) -> dict[str, Any]:
    base = {
        "full_text": "hello",
        "favorite_count": 3,
        "retweet_count": 2,
        "reply_count": 1,
        "bookmark_count": 0,
    }
    base.update(legacy)
    return {
        "__typename": "Tweet",
        "rest_id": "42",
        "core": {"user_results": {"result": {"rest_id": "7", "legacy": {"screen_name": "Someone"}}}},
        "views": {"count": "100", "state": "EnabledWithCount"},
        "legacy": base,
    }


def test_created_at_is_converted_to_utc() -> None:
    assert created_at_to_iso("Wed Oct 10 20:19:24 +0000 2018") == "2018-10-10T20:19:24Z"
    assert created_at_to_iso("Wed Oct 10 20:19:24 +0200 2018") == "2018-10-10T18:19:24Z"
    assert created_at_to_iso("Wed Dec 31 23:30:00 -0100 2018") == "2019-01-01T00:30:00Z"


@pytest.mark.parametrize(
    "value", ["", "2018-10-10", "Wed Foo 10 20:19:24 +0000 2018", "Wed Feb 30 20:19:24 +0000 2018", 5, None]
)
def test_unreadable_created_at_is_none(value: Any) -> None:
    assert created_at_to_iso(value) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5, 5), ("979440", 979440), (-1, None), (True, None), ("1.2K", None), (1.5, None), (None, None)],
)
def test_counters_are_exact_ints_or_none(value: Any, expected: int | None) -> None:
    assert as_count(value) == expected


def test_dig_survives_wrong_types() -> None:
    assert dig({"a": [1, {"b": 2}]}, "a", 1, "b") == 2
    assert dig({"a": "text"}, "a", "b") is None
    assert dig([1], 5) is None
    assert dig(None, "a") is None


def test_visibility_wrapper_is_unwrapped() -> None:
    inner = _tweet()
    del inner["__typename"]
    tweet, why = unwrap({"__typename": "TweetWithVisibilityResults", "tweet": inner})
    assert why is None and tweet is inner


@pytest.mark.parametrize("kind", ["TweetTombstone", "TweetUnavailable"])
def test_unavailable_results_are_skipped_with_a_reason(kind: str) -> None:
    tweet, why = unwrap({"__typename": kind, "tombstone": {}})
    assert tweet is None and why is not None and kind in why


@pytest.mark.parametrize("value", [None, [], "x", {"__typename": "Tweet"}, {"rest_id": "abc", "legacy": {}}])
def test_results_without_an_id_are_skipped(value: Any) -> None:
    assert unwrap(value)[0] is None


def test_views_state_without_count_is_missing_not_zero() -> None:
    tweet = _tweet()
    tweet["views"] = {"state": "Enabled"}
    post, missing = tweet_to_post(tweet)
    assert post.views is None and "views" in missing
    assert post.likes == 3 and post.shares == 2 and post.comments == 1 and post.saves == 0


def test_wrong_typed_counters_are_missing() -> None:
    post, missing = tweet_to_post(
        _tweet(favorite_count="many", retweet_count=None, reply_count=-3, bookmark_count=[])
    )
    assert (post.likes, post.shares, post.comments, post.saves) == (None, None, None, None)
    assert {"likes", "shares", "comments", "saves"} <= set(missing)


def test_quote_count_stays_in_metadata_not_in_shares() -> None:
    post, _ = tweet_to_post(_tweet(retweet_count=4, quote_count=9))
    assert post.shares == 4 and post.metadata["quotes"] == 9


def test_newer_user_layout_gives_the_screen_name() -> None:
    assert screen_name({"core": {"screen_name": "NewLayout"}, "legacy": {}}) == "NewLayout"
    assert screen_name({"legacy": {"screen_name": "Old"}}) == "Old"
    assert screen_name("broken") is None


def test_url_falls_back_to_i_status_without_author() -> None:
    tweet = _tweet()
    tweet["core"] = "damaged"
    post, missing = tweet_to_post(tweet)
    assert post.url == "https://x.com/i/status/42" and post.author is None and "author" in missing


def test_text_entities_are_unescaped() -> None:
    post, _ = tweet_to_post(_tweet(full_text="Fish &amp; chips &lt;3 &gt;"))
    assert post.text == "Fish & chips <3 >"


def test_entities_are_lowercased_and_deduplicated() -> None:
    entities = {
        "hashtags": [{"text": "Ad"}, {"text": "ad"}, {"text": "Sale"}, "junk"],
        "user_mentions": [{"screen_name": "Brand"}, {}],
        "urls": [{"expanded_url": "https://brand.example/x"}, {"expanded_url": "https://brand.example/x"}],
    }
    post, _ = tweet_to_post(_tweet(entities=entities))
    assert post.hashtags == ["ad", "sale"] and post.mentions == ["brand"]
    assert post.metadata["links"] == ["https://brand.example/x"]


def test_trimmed_entities_fall_back_to_the_text() -> None:
    post, _ = tweet_to_post(_tweet(full_text="@Shop thanks #Gift #gift a&#b", entities={}))
    assert post.mentions == ["shop"] and post.hashtags == ["gift"]


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ([], "text"),
        (["photo"], "image"),
        (["video"], "video"),
        (["animated_gif"], "video"),
        (["photo", "video"], "carousel"),
    ],
)
def test_media_type(media: list[str], expected: str) -> None:
    assert media_type({"extended_entities": {"media": [{"type": t} for t in media]}}) == expected


def test_media_type_reads_entities_when_extended_is_absent() -> None:
    assert media_type({"entities": {"media": [{"type": "photo"}]}}) == "image"


def test_promoted_metadata_gives_a_promoted_signal_and_the_advertiser() -> None:
    promoted = {"advertiser_results": {"result": {"core": {"screen_name": "BrandCo"}}}, "impressionId": "ab"}
    post, _ = tweet_to_post(_tweet(), promoted=promoted)
    assert post.metadata["is_ad"] is True and post.metadata["promoted_by"] == "BrandCo"
    assert [(s.kind, s.evidence, s.source) for s in post.signals] == [("promoted", "BrandCo", "label")]


def test_no_promoted_metadata_in_a_timeline_means_not_an_ad() -> None:
    post, _ = tweet_to_post(_tweet(), promoted=False)
    assert post.metadata["is_ad"] is False and post.signals == []


def test_unknown_promotion_leaves_is_ad_out() -> None:
    post, _ = tweet_to_post(_tweet(), promoted=None)
    assert "is_ad" not in post.metadata and post.signals == []


def test_promoted_only_scope_is_metadata() -> None:
    post, _ = tweet_to_post(_tweet(scopes={"followers": False}))
    assert post.metadata["promoted_only"] is True and post.signals == []
    plain, _ = tweet_to_post(_tweet(scopes={"followers": True}))
    assert "promoted_only" not in plain.metadata


def test_undetermined_language_is_not_kept() -> None:
    post, _ = tweet_to_post(_tweet(lang="und"))
    assert "language" not in post.metadata
