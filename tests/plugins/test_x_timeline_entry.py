"""A single X timeline entry, as scrapers store them one by one (twscrape's mocked data), is read as the
same posts the entry gives inside its timeline."""

from __future__ import annotations

from pathlib import Path

import orjson

from plugins.platform import Page
from plugins.x import PLATFORM

DETAIL = Path(__file__).parents[2] / "plugins" / "x" / "fixtures" / "tweet_detail" / "input.json"


def _entries(data: object) -> list[dict]:
    found: list[dict] = []
    if isinstance(data, dict):
        if isinstance(data.get("entryId"), str) and isinstance(data.get("content"), dict):
            found.append(data)
        for value in data.values():
            found += _entries(value)
    elif isinstance(data, list):
        for value in data:
            found += _entries(value)
    return found


def test_a_bare_entry_gives_the_posts_it_gives_in_its_timeline() -> None:
    whole = PLATFORM.parse(Page(url="https://x.com/i/api/graphql/Q/TweetDetail", body=DETAIL.read_bytes()))
    entry = next(e for e in _entries(orjson.loads(DETAIL.read_bytes())) if e["entryId"].startswith("tweet-"))
    page = Page(url="", body=orjson.dumps(entry))
    assert PLATFORM.sniff(page)
    alone = PLATFORM.parse(page)
    assert alone.format == "timeline_entry"
    assert alone.posts and [p.to_dict() for p in alone.posts] == [
        p.to_dict() for p in whole.posts if p.post_id in {q.post_id for q in alone.posts}
    ]
