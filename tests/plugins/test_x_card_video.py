"""A tweet whose video (or image) comes as a card ("promo_video_convo" with a player URL, "promo_image_convo"
with a promo_image) is a video (or an image), on both paths."""

from __future__ import annotations

from typing import Any
from unittest import mock

import orjson
import pytest

from plugins.platform import Page
from plugins.x import PLATFORM, parser


def _card(name: str, keys: tuple[str, ...]) -> dict[str, Any]:
    values = [{"key": key, "value": {"string_value": f"v-{key}", "type": "STRING"}} for key in keys]
    return {"rest_id": "card://1", "legacy": {"name": name, "url": "card://1", "binding_values": values}}


def _tweet(rest_id: str, card: dict[str, Any] | None) -> dict[str, Any]:
    tweet: dict[str, Any] = {
        "__typename": "Tweet",
        "rest_id": rest_id,
        "core": {"user_results": {"result": {"legacy": {"screen_name": "talks", "followers_count": 5}}}},
        "legacy": {
            "id_str": rest_id,
            "full_text": "#Talk",
            "created_at": "Wed Jan 30 18:09:44 +0000 2019",
            "favorite_count": 4,
            "entities": {"hashtags": [{"text": "Talk"}]},
        },
    }
    if card is not None:
        tweet["card"] = card
    return tweet


def _body(card: dict[str, Any] | None) -> bytes:
    content = {"itemContent": {"tweet_results": {"result": _tweet("1", card)}}}
    instructions = [{"type": "TimelineAddEntries", "entries": [{"entryId": "tweet-1", "content": content}]}]
    timeline = {"threaded_conversation_with_injections_v2": {"instructions": instructions}}
    return orjson.dumps({"data": timeline})


CASES = [
    (_card("promo_video_convo", ("player_url", "content_duration_seconds", "title")), "video"),
    (_card("promo_video_website", ("player_stream_url", "title")), "video"),
    (_card("summary_large_image", ("title", "thumbnail_image")), "text"),
    (_card("player", ("player_url", "title")), "text"),  # an embedded page player, not the tweet's video
    (_card("video_direct_message", ("title",)), "text"),  # no player: nothing to play
    (None, "text"),
    (_card("promo_image_convo", ("promo_image", "cta_one", "title")), "image"),
    (_card("promo_image_app", ("promo_image", "app_id")), "image"),
    (_card("summary_large_image", ("thumbnail_image", "title")), "text"),  # a link's preview picture
    (_card("promo_image_convo", ("title",)), "text"),  # no picture: nothing to show
    (_card("promo_video_convo", ("promo_image", "title")), "text"),  # a video card without its player
]


@pytest.mark.parametrize("orjson_path", [False, True])
@pytest.mark.parametrize(("card", "kind"), CASES)
def test_video_card_makes_a_video_tweet(card: dict[str, Any] | None, kind: str, orjson_path: bool) -> None:
    page = Page(url="https://x.com/talks/status/1", body=_body(card))
    if orjson_path:
        with mock.patch.object(parser, "decode_timeline", lambda _body: None):
            result = PLATFORM.parse(page)
    else:
        result = PLATFORM.parse(page)
    assert [post.media_type for post in result.posts] == [kind]
