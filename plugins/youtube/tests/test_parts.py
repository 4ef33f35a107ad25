"""Small readers: localized dates, durations, times, texts, hashtags, mentions, redirect links."""

from __future__ import annotations

import pytest

from plugins.youtube.dates import date_from_text
from plugins.youtube.text import description_links, handle_from_path, hashtags, mentions, unwrap
from plugins.youtube.values import duration_seconds, text_count, text_of, to_utc


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Apr 4, 2006", "2006-04-04"),  # en
        ("24 Aug 2019", "2019-08-24"),  # en-GB
        ("Premiered Apr 4, 2021", "2021-04-04"),
        ("4 avr. 2006", "2006-04-04"),  # fr
        ("27 juil. 2025", "2025-07-27"),
        ("04.04.2006", "2006-04-04"),  # de
        ("27 mar 2025", "2025-03-27"),  # es
        ("4 de abr. de 2006", "2006-04-04"),  # pt
        ("5 set 2021", "2021-09-05"),  # it
        ("12 mrt 2024", "2024-03-12"),  # nl
        ("2019/08/24", "2019-08-24"),
    ],
)
def test_localized_upload_dates(text: str, day: str) -> None:
    assert date_from_text(text) == f"{day}T00:00:00Z"


@pytest.mark.parametrize("text", ["hace 9 meses", "3 days ago", "Streamed 2 hours ago", "", None, 42])
def test_relative_or_absent_dates_are_none(text: object) -> None:
    assert date_from_text(text) is None


def test_times_are_converted_to_utc() -> None:
    assert to_utc("2025-03-27T17:55:38-07:00") == "2025-03-28T00:55:38Z"
    assert to_utc("2019-03-21T20:37:49.000Z") == "2019-03-21T20:37:49Z"
    assert to_utc("2006-04-04") == "2006-04-04T00:00:00Z"
    assert to_utc("not a date") is None and to_utc(20250101) is None


def test_durations() -> None:
    assert duration_seconds("381") == 381
    assert duration_seconds("1:07:34") == 4054
    assert duration_seconds("47:20") == 2840
    assert duration_seconds("PT1H2M3S") == 3723
    assert (
        duration_seconds("P0D") is None
        and duration_seconds("LIVE") is None
        and duration_seconds(None) is None
    )


def test_text_objects() -> None:
    assert text_of({"runs": [{"text": "a"}, {"bold": True}, {"text": "b"}]}) == "ab"
    assert text_of({"simpleText": "x"}) == "x" and text_of({"content": "y"}) == "y"
    assert text_of({"runs": "bad"}) is None and text_of(3) is None
    assert text_count({"simpleText": "1\u00a0M de visualizaciones"}) == (1000000, True)
    assert text_count("-5 views") is None


def test_hashtags_come_from_the_text_in_order_without_duplicates() -> None:
    assert hashtags("New #OOTD look #fall2025 #ootd, see #1 and a&#39;s url.com/#frag") == [
        "ootd",
        "fall2025",
    ]


def test_mentions_skip_email_addresses() -> None:
    assert mentions("Thanks @MapleMills and @cliona.m.b. Mail hello@knit.example") == [
        "maplemills",
        "cliona.m.b",
    ]


def test_redirect_links_are_unwrapped() -> None:
    wrapped = "https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Famzn.to%2F3xYz&v=abc"
    assert unwrap(wrapped) == "https://amzn.to/3xYz"
    assert unwrap("https://example.com/a?q=b") == "https://example.com/a?q=b"
    runs = {
        "runs": [
            {"text": "shop"},
            {"text": "amzn.to/3x...", "navigationEndpoint": {"urlEndpoint": {"url": wrapped}}},
            {"text": "@chan", "navigationEndpoint": {"browseEndpoint": {"browseId": "UCx"}}},
        ]
    }
    assert description_links(runs) == ["https://amzn.to/3xYz"]


def test_handles_from_channel_paths() -> None:
    assert handle_from_path("http://www.youtube.com/@OneMedia.") == "OneMedia."
    assert handle_from_path("/user/FlippyCat") == "FlippyCat"
    assert handle_from_path("/@%E3%81%82") == "あ"
    assert handle_from_path("/channel/UCzcRQ3vRNr6fJ1A9rqFn7QA") is None
