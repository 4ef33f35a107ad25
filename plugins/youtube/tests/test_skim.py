"""Player responses loaded without their unread values give exactly the posts of a full orjson load."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.platform import Page, ParseError
from plugins.testing import real_pages
from plugins.youtube import parser
from plugins.youtube.skim import SKIPPED, load_player

PACKAGE = Path(parser.__file__).parent
REAL = [
    p.path
    for p in real_pages()
    if p.platform == "youtube" and p.path.suffix == ".json" and b'"streamingData"' in p.path.read_bytes()
]


def _outcome(body: bytes, url: str = "https://www.youtube.com/youtubei/v1/player") -> Any:
    """Everything a parse gives, as plain data; or the ParseError."""
    try:
        result = parser.parse(Page(url=url, body=body))
    except ParseError as exc:
        return ("ParseError", str(exc))
    posts = [post.to_dict() for post in result.posts]
    return (posts, list(result.missing.items()), result.warnings, result.next_cursor, result.format)


def _orjson_outcome(body: bytes, url: str = "https://www.youtube.com/youtubei/v1/player") -> Any:
    with mock.patch.object(parser, "load_player", lambda _body: None):
        return _outcome(body, url)


# Stream formats as a /player body lists them: most of its bytes, and more than skim's size threshold.
_FORMATS = [
    {"itag": n, "url": f"https://r1.example/videoplayback?itag={n}&sig={'x' * 40}"} for n in range(500)
]


def _player() -> dict[str, Any]:
    return {
        "responseContext": {"visitorData": "x"},
        "playabilityStatus": {"status": "OK"},
        "streamingData": {"formats": _FORMATS, "expiresInSeconds": "1"},
        "playbackTracking": {"videostatsPlaybackUrl": {"baseUrl": "https://s.example/"}},
        "captions": {"playerCaptionsTracklistRenderer": {"captionTracks": []}},
        "videoDetails": {
            "videoId": "Abcdefghij1",
            "title": "A #Tag title with @someone",
            "lengthSeconds": "61",
            "channelId": "UCabcdefghijklmnopqrstuv",
            "shortDescription": "Thanks to @brand https://brand.example",
            "viewCount": "12345",
            "author": "Someone",
            "isLiveContent": False,
        },
        "microformat": {
            "playerMicroformatRenderer": {
                "publishDate": "2024-01-02",
                "likeCount": "77",
                "ownerProfileUrl": "http://www.youtube.com/@someone",
                "category": "Music",
            }
        },
        "paidContentOverlay": {
            "paidContentOverlayRenderer": {"text": {"simpleText": "Includes paid promotion"}}
        },
        "playerAds": [{"playerLegacyDesktopWatchAdsRenderer": {}}],
        "playerConfig": {"audioConfig": {"loudnessDb": 1.5}},
        "storyboards": {"playerStoryboardSpecRenderer": {"spec": "https://i.example/sb"}},
        "trackingParams": "CAAQ",
        "frameworkUpdates": {"entityBatchUpdate": {"mutations": []}},
    }


def _reel() -> dict[str, Any]:
    return {"responseContext": {}, "playerResponse": _player()}


def _encode(data: Any) -> bytes:
    # json, not orjson: orjson cannot write integers past 64 bits.
    return json.dumps(data).encode()


def test_no_module_of_the_package_reads_a_skipped_key() -> None:
    for module in PACKAGE.glob("*.py"):
        if module.name == "skim.py":
            continue
        source = module.read_text(encoding="utf-8")
        assert not [key for key in SKIPPED if f'"{key}"' in source], module.name


@pytest.mark.parametrize(
    "body", [_encode(_player()), _encode(_reel()), *(p.read_bytes() for p in REAL)], ids=str
)
def test_player_responses_are_skimmed_and_give_the_orjson_posts(body: bytes) -> None:
    skimmed = load_player(body)
    assert skimmed is not None and not SKIPPED & set(skimmed.get("playerResponse", skimmed))
    assert _outcome(body) == _orjson_outcome(body)
    assert _outcome(body)[0]  # a post, not only agreement on nothing


def test_small_bodies_are_left_to_orjson() -> None:
    data = _player()
    data["streamingData"]["formats"] = []
    assert load_player(_encode(data)) is None


def test_integer_past_64_bits_in_a_skipped_value_keeps_the_fast_path() -> None:
    data = _player()
    data["streamingData"]["expiresInSeconds"] = 2**70
    body = _encode(data)
    assert load_player(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


def test_integer_past_64_bits_in_a_read_value_is_read_as_orjson_reads_it() -> None:
    data = _player()
    data["videoDetails"]["viewCount"] = 2**70
    data["videoDetails"]["lengthSeconds"] = -(2**65)
    body = _encode(data)
    assert load_player(body) is not None
    assert _outcome(body) == _orjson_outcome(body)


@pytest.mark.parametrize("bad", [b"\xff", b"\xed\xa0\x80", b"\xc0\x80"])
@pytest.mark.parametrize("where", ["streamingData", "videoDetails"])
def test_invalid_utf8_anywhere_goes_to_orjson(bad: bytes, where: str) -> None:
    data = _player()
    data[where]["marker"] = "MARK"
    body = _encode(data).replace(b"MARK", b"a" + bad + b"b")
    assert load_player(body) is None
    assert _outcome(body) == _orjson_outcome(body)


# A player body's start, over the size threshold; what follows it is damaged in each case.
_HEAD = b'{"streamingData": {"expiresInSeconds": "1"}, "playbackTracking": "' + b"x" * 40_000 + b'", '


@pytest.mark.parametrize(
    "rest",
    [
        b'"captions": {"tracks": [1,]}, "videoDetails": {}}',  # damaged inside a skipped value
        b'"videoDetails": {"videoId": tru}}',
        b'"playerResponse": [1]}',
        b'"videoDetails": {}} trailing',
        b'"captions": ' + b"[" * 5000 + b"]" * 5000 + b"}",
    ],
)
def test_damaged_bodies_go_to_orjson(rest: bytes) -> None:
    assert load_player(_HEAD + b'"videoDetails": {}}') == {"videoDetails": {}}  # undamaged: skimmed
    body = _HEAD + rest
    assert load_player(body) is None
    assert _outcome(body) == _orjson_outcome(body)


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["", "123", "1,234 views", "Abcdefghij2", "Includes paid promotion", "2024-05-06"]),
)
_KEYS = sorted({*SKIPPED, "videoDetails", "microformat", "playerResponse", "videoId", "viewCount", "title"})
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(_KEYS), inner, max_size=3),
    max_leaves=6,
)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(st.data())
def test_changed_values_give_the_same_posts_both_ways(data: st.DataObject) -> None:
    # The skim treats only the top object and the player inside a reel apart: change their keys.
    document = data.draw(st.sampled_from([_player(), _reel()]))
    objects = [document, document["playerResponse"]] if "playerResponse" in document else [document]
    for _ in range(data.draw(st.integers(1, 4))):
        target = data.draw(st.sampled_from(objects))
        key = data.draw(st.sampled_from(sorted(target) or _KEYS) | st.sampled_from(_KEYS))
        if data.draw(st.booleans()):
            target.pop(key, None)
        else:
            target[key] = data.draw(_VALUES)
    body = json.dumps(document, ensure_ascii=data.draw(st.booleans())).encode()
    url = data.draw(
        st.sampled_from(["https://www.youtube.com/youtubei/v1/player", "https://youtu.be/Abcdefghij3"])
    )
    assert _outcome(body, url) == _orjson_outcome(body, url)
