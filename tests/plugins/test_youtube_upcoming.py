"""A scheduled stream or premiere has no views or length yet: null, not 0, on both load paths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

import plugins.youtube
from plugins.platform import Page
from plugins.post import Post
from plugins.youtube import PLATFORM

FIXTURE = Path(plugins.youtube.__file__).parent / "fixtures" / "player_upcoming_live" / "input.json"


def _player(**details: Any) -> dict[str, Any]:
    player: dict[str, Any] = orjson.loads(FIXTURE.read_bytes())
    player["videoDetails"].update(details)
    return player


def _parse(player: dict[str, Any], skim: bool) -> Post:
    if skim:  # a real /player body: streamingData first and large enough for the skimming loader
        player = {"streamingData": {"formats": [{"url": "x" * 40_000}]}, **player}
    page = Page(url="https://www.youtube.com/watch?v=Up0c0m1nGLv", body=orjson.dumps(player))
    [post] = PLATFORM.parse(page).posts
    return post


@pytest.mark.parametrize("skim", [False, True])
def test_upcoming_live_has_no_views_or_duration_and_keeps_its_start(skim: bool) -> None:
    post = _parse(_player(), skim)
    assert (post.media_type, post.views) == ("live", None)
    assert "duration" not in post.metadata
    assert (post.metadata["upcoming"], post.metadata["scheduled_start"]) == (True, "2026-05-29T11:00:00Z")


@pytest.mark.parametrize("skim", [False, True])
def test_upcoming_premiere_is_a_video_without_views(skim: bool) -> None:
    player = _player(isLiveContent=False, lengthSeconds="754")
    del player["microformat"]["playerMicroformatRenderer"]["liveBroadcastDetails"]
    post = _parse(player, skim)
    assert (post.media_type, post.views, post.metadata["upcoming"]) == ("video", None, True)
    assert "scheduled_start" not in post.metadata
    assert post.metadata["duration"] == 754  # a premiere's video is uploaded: its length is known


def test_a_stream_on_air_has_views_but_no_length_yet() -> None:
    post = _parse(_player(isUpcoming=False, isLive=True, viewCount="812"), False)
    assert (post.media_type, post.views) == ("live", 812)
    assert "duration" not in post.metadata and "upcoming" not in post.metadata
