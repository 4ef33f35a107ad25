"""A YouTube collaboration video: its first channel is the author, the others are coauthors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson

import plugins.youtube
from plugins.platform import Page
from plugins.youtube import PLATFORM
from plugins.youtube.owner import collaborators, from_video_owner

FIXTURE = Path(plugins.youtube.__file__).parent / "fixtures" / "next_collaboration" / "input.json"


def _next() -> dict[str, Any]:
    data: dict[str, Any] = orjson.loads(FIXTURE.read_bytes())
    return data


def _owner_renderer(data: dict[str, Any]) -> dict[str, Any]:
    contents = data["contents"]["twoColumnWatchNextResults"]["results"]["results"]["contents"]
    renderer: dict[str, Any] = contents[1]["videoSecondaryInfoRenderer"]["owner"]["videoOwnerRenderer"]
    return renderer


def test_every_channel_of_the_dialog_is_read_in_order() -> None:
    channels = collaborators(_owner_renderer(_next()))
    assert [(c.handle, c.channel_id, c.name, c.followers) for c in channels] == [
        ("GardenLab", "UCgardenlab0000000000000", "Garden Lab", 1_200_000),
        ("SoilStories", "UCsoilstories00000000000", "Soil Stories", 48_500),
        ("CompostClub", "UCcompostclub00000000000", "Compost Club", None),  # handle from the avatar link
    ]
    assert from_video_owner(_owner_renderer(_next())).coauthors == ["SoilStories", "CompostClub"]


def test_a_player_response_names_the_same_author_and_keeps_the_coauthors() -> None:
    player = {
        "videoDetails": {
            "videoId": "Co1laBv1d3o",
            "channelId": "UCgardenlab0000000000000",
            "author": "Garden Lab",
        },
        "microformat": {
            "playerMicroformatRenderer": {"ownerProfileUrl": "http://www.youtube.com/@GardenLab"}
        },
    }
    body = b"[" + orjson.dumps({"playerResponse": player}) + b"," + orjson.dumps({"response": _next()}) + b"]"
    [post] = PLATFORM.parse(Page(url="https://www.youtube.com/watch?v=Co1laBv1d3o", body=body)).posts
    assert (post.author, post.metadata["coauthors"]) == ("GardenLab", ["SoilStories", "CompostClub"])


def test_a_single_channel_video_has_no_coauthors() -> None:
    renderer = {
        "title": {
            "runs": [
                {
                    "text": "Garden Lab",
                    "navigationEndpoint": {"browseEndpoint": {"canonicalBaseUrl": "/@GardenLab"}},
                }
            ]
        },
        "navigationEndpoint": {
            "browseEndpoint": {"browseId": "UCgardenlab0000000000000", "canonicalBaseUrl": "/@GardenLab"}
        },
        "subscriberCountText": {"simpleText": "1.2M subscribers"},
    }
    owner = from_video_owner(renderer)
    assert (owner.handle, owner.followers, owner.coauthors) == ("GardenLab", 1_200_000, [])
