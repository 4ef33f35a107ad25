"""One video from player and watch-next data: which source wins, Shorts and live, hidden counters."""

from __future__ import annotations

from typing import Any

from plugins.youtube import watch


def _primary(*buttons: dict[str, Any], views: str | None = None) -> dict[str, Any]:
    primary: dict[str, Any] = {"videoActions": {"menuRenderer": {"topLevelButtons": list(buttons)}}}
    if views:
        primary["viewCount"] = {"videoViewCountRenderer": {"viewCount": {"simpleText": views}}}
    return {
        "contents": {
            "twoColumnWatchNextResults": {
                "results": {"results": {"contents": [{"videoPrimaryInfoRenderer": primary}]}}
            }
        },
        "currentVideoEndpoint": {"watchEndpoint": {"videoId": "Abcdefghij1"}},
    }


def _like_button(a11y: str, title: str, key: str = "unset_like_count_entity_key") -> dict[str, Any]:
    model = {"buttonViewModel": {"title": title, "accessibilityText": a11y}}
    return {
        "segmentedLikeDislikeButtonViewModel": {
            "likeCountEntity": {"key": key},
            "likeButtonViewModel": {
                "likeButtonViewModel": {
                    "toggleButtonViewModel": {"toggleButtonViewModel": {"defaultButtonViewModel": model}}
                }
            },
        }
    }


def test_exact_accessibility_text_beats_abbreviated_title() -> None:
    data = _primary(_like_button("like this video along with 6,870,691 other people", "6.8M"))
    post, missing = watch.build(None, data) or (None, [])
    assert post is not None and post.likes == 6870691 and "likes" not in post.approximate
    assert "views" in missing and post.views is None


def test_abbreviated_likes_only_are_marked_approximate() -> None:
    post, _ = watch.build(None, _primary(_like_button("Me gusta", "1,2 M"))) or (None, [])
    assert post is not None and post.likes == 1200000 and post.approximate == ["likes"]


def test_like_count_entity_from_framework_mutations() -> None:
    data = _primary(_like_button("I like this", "1.7M", key="Eg0xbGlrZXM"))
    data["frameworkUpdates"] = {
        "entityBatchUpdate": {
            "mutations": [
                {"entityKey": "other", "payload": {"likeCountEntity": {"likeCountIfIndifferentNumber": "5"}}},
                {
                    "entityKey": "Eg0xbGlrZXM",
                    "payload": {"likeCountEntity": {"likeCountIfIndifferentNumber": "1712345"}},
                },
            ]
        }
    }
    post, _ = watch.build(None, data) or (None, [])
    assert post is not None and post.likes == 1712345 and post.approximate == []


def test_microformat_like_count_wins_and_live_views_are_not_views() -> None:
    player = {
        "videoDetails": {"videoId": "Abcdefghij1", "isLiveContent": True, "lengthSeconds": "0"},
        "microformat": {"playerMicroformatRenderer": {"likeCount": "42"}},
    }
    data = _primary(
        _like_button("like this video along with 40 other people", "40"), views="1,204 watching now"
    )
    data["contents"]["twoColumnWatchNextResults"]["results"]["results"]["contents"][0][
        "videoPrimaryInfoRenderer"
    ]["viewCount"]["videoViewCountRenderer"]["isLive"] = True
    post, _ = watch.build(player, data) or (None, [])
    assert post is not None and post.likes == 42 and post.views is None and post.media_type == "live"


def test_shorts_need_a_shorts_url_or_reel_data_and_a_short_duration() -> None:
    player = {
        "videoDetails": {"videoId": "Abcdefghij1", "lengthSeconds": "45"},
        "microformat": {"playerMicroformatRenderer": {"isShortsEligible": True}},
    }
    eligible_only = watch.build(player, None)
    assert eligible_only is not None and eligible_only[0].media_type == "video"
    by_url = watch.build(player, None, shorts_url=True)
    assert by_url is not None and by_url[0].media_type == "short"
    assert by_url[0].url == "https://www.youtube.com/shorts/Abcdefghij1"
    reel_data = {"overlay": {"reelPlayerOverlayRenderer": {"style": "REEL_PLAYER_OVERLAY_STYLE_SHORTS"}}}
    by_reel = watch.build(player, reel_data)
    assert by_reel is not None and by_reel[0].media_type == "short"
    long_player = {"videoDetails": {"videoId": "Abcdefghij1", "lengthSeconds": "381"}}
    too_long = watch.build(long_player, reel_data, shorts_url=True)
    assert too_long is not None and too_long[0].media_type == "video"


def test_2024_reel_action_bar_and_metapanel() -> None:
    like = {
        "buttonViewModel": {
            "title": "20K",
            "accessibilityText": "like this video along with 20,571 other people",
        }
    }
    data = {
        "replacementEndpoint": {"reelWatchEndpoint": {"videoId": "Abcdefghij1"}},
        "overlay": {
            "reelPlayerOverlayRenderer": {
                "buttonBar": {
                    "reelActionBarViewModel": {
                        "buttonViewModels": [
                            {
                                "likeButtonViewModel": {
                                    "toggleButtonViewModel": {
                                        "toggleButtonViewModel": {"defaultButtonViewModel": like}
                                    }
                                }
                            },
                            {
                                "buttonViewModel": {
                                    "iconName": "MESSAGE_BUBBLE",
                                    "title": "345",
                                    "accessibilityText": "View 345 comments",
                                }
                            },
                        ]
                    }
                },
                "metapanel": {
                    "reelMetapanelViewModel": {
                        "metadataItems": [
                            {"reelChannelBarViewModel": {"channelName": {"content": "@BeanThere"}}},
                            {"shortsVideoTitleViewModel": {"text": {"content": "Latte art #coffee"}}},
                        ]
                    }
                },
            }
        },
    }
    post, _ = watch.build(None, data) or (None, [])
    assert post is not None
    assert (post.post_id, post.likes, post.comments, post.author) == ("Abcdefghij1", 20571, 345, "BeanThere")
    assert (post.media_type, post.text, post.hashtags) == ("short", "Latte art #coffee", ["coffee"])


def test_no_video_id_gives_nothing() -> None:
    assert watch.build({"videoDetails": {"videoId": "short"}}, {"contents": {}}) is None
