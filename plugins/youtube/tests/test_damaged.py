"""Damaged bodies: wrong types give fewer fields, not crashes; non-YouTube bodies raise ParseError only."""

from __future__ import annotations

import orjson
import pytest

from plugins.platform import Page, ParseError
from plugins.youtube import PLATFORM


def _parse(obj: object, url: str = "https://www.youtube.com/watch?v=Abcdefghij1") -> object:
    return PLATFORM.parse(Page(url=url, body=orjson.dumps(obj)))


@pytest.mark.parametrize(
    "player",
    [
        {
            "responseContext": {},
            "videoDetails": {"videoId": "Abcdefghij1", "viewCount": "abc", "lengthSeconds": []},
        },
        {"responseContext": {}, "videoDetails": {"videoId": "Abcdefghij1", "viewCount": -5, "title": 3}},
        {
            "responseContext": {},
            "videoDetails": {"videoId": "Abcdefghij1"},
            "microformat": {"playerMicroformatRenderer": []},
        },
        {
            "responseContext": {},
            "videoDetails": {"videoId": "Abcdefghij1", "viewCount": True, "shortDescription": {}},
        },
    ],
)
def test_wrong_types_in_a_player_response(player: dict[str, object]) -> None:
    result = _parse(player)
    (post,) = result.posts  # type: ignore[attr-defined]
    assert post.post_id == "Abcdefghij1" and post.views is None and isinstance(post.text, str)


def test_wrong_types_in_watch_next_data() -> None:
    data = {
        "responseContext": {},
        "currentVideoEndpoint": {"watchEndpoint": {"videoId": "Abcdefghij1"}},
        "contents": {
            "twoColumnWatchNextResults": {
                "results": {
                    "results": {
                        "contents": [
                            {
                                "videoPrimaryInfoRenderer": {
                                    "videoActions": {
                                        "menuRenderer": {
                                            "topLevelButtons": [
                                                None,
                                                3,
                                                {"segmentedLikeDislikeButtonViewModel": []},
                                            ]
                                        }
                                    },
                                    "viewCount": {"videoViewCountRenderer": "x"},
                                }
                            },
                            {
                                "videoSecondaryInfoRenderer": {
                                    "owner": {"videoOwnerRenderer": {"title": {"runs": [None]}}}
                                }
                            },
                            "junk",
                        ]
                    }
                }
            }
        },
        "engagementPanels": [
            None,
            {
                "engagementPanelSectionListRenderer": {
                    "content": {
                        "structuredDescriptionContentRenderer": {
                            "items": [{"videoDescriptionHeaderRenderer": {"factoid": [3]}}]
                        }
                    }
                }
            },
        ],
    }
    (post,) = _parse(data).posts  # type: ignore[attr-defined]
    assert (post.views, post.likes, post.comments) == (None, None, None)


def test_wrong_types_in_a_listing() -> None:
    data = {
        "responseContext": {},
        "contents": {
            "twoColumnBrowseResultsRenderer": {
                "tabs": [
                    {
                        "tabRenderer": {
                            "selected": True,
                            "content": {
                                "richGridRenderer": {
                                    "contents": [
                                        None,
                                        {"richItemRenderer": {"content": {"videoRenderer": {"videoId": 5}}}},
                                        {
                                            "richItemRenderer": {
                                                "content": {"shortsLockupViewModel": {"onTap": []}}
                                            }
                                        },
                                        {
                                            "continuationItemRenderer": {
                                                "continuationEndpoint": {"continuationCommand": {"token": 7}}
                                            }
                                        },
                                    ]
                                }
                            },
                        }
                    }
                ]
            }
        },
        "header": [],
        "metadata": {"channelMetadataRenderer": "x"},
    }
    result = _parse(data, "https://www.youtube.com/@x/videos")
    assert result.posts == [] and result.next_cursor is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json at all {",
        b'{"statusCode": 0, "itemList": []}',
        b"[1, 2, 3]",
        b"<html><body>hi</body></html>",
    ],
)
def test_other_bodies_raise_parse_error(body: bytes) -> None:
    with pytest.raises(ParseError):
        PLATFORM.parse(Page(url="https://example.com/", body=body))


def test_page_with_damaged_embedded_json_warns() -> None:
    body = b'<html><script>var ytInitialData = {"contents": {"twoColumn</script></html>'
    result = PLATFORM.parse(Page(url="https://www.youtube.com/watch?v=Abcdefghij1", body=body))
    assert result.posts == [] and "no readable ytInitialData" in result.warnings[0]


def test_ndjson_capture_lines_are_parsed_in_order() -> None:
    line1 = {"data": {"responseContext": {}, "videoDetails": {"videoId": "Abcdefghij1", "viewCount": "5"}}}
    line2 = {"responseContext": {}, "videoDetails": {"videoId": "Abcdefghij2", "viewCount": "6"}}
    body = orjson.dumps(line1) + b"\n" + orjson.dumps(line2) + b"\n{broken\n"
    result = PLATFORM.parse(Page(url="capture.ndjson", body=body))
    assert result.format == "ndjson"
    assert [(p.post_id, p.views) for p in result.posts] == [("Abcdefghij1", 5), ("Abcdefghij2", 6)]
    assert result.warnings == ["line 3: not JSON"]
