"""Damaged data gives fewer fields, never a crash: every value of every fixture replaced by wrong types."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

import plugins.instagram
from plugins.instagram import PLATFORM
from plugins.platform import Page, ParseError

FIXTURES = Path(plugins.instagram.__file__).parent / "fixtures"
WRONG: tuple[Any, ...] = (None, "x", -1, 2.5, True, [], {}, [None], {"count": "many"})
JSON_CASES = sorted(p.parent.name for p in FIXTURES.glob("*/input.json"))
SHARED_MARK = b"window._sharedData = "


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield (*prefix, key)
            yield from _paths(inner, (*prefix, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield (*prefix, index)
            yield from _paths(inner, (*prefix, index))


def _replaced(doc: Any, path: tuple[Any, ...], new: Any) -> Any:
    out = copy.deepcopy(doc)
    holder = out
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = new
    return out


def _parses_or_refuses(body: bytes) -> None:
    try:
        result = PLATFORM.parse(Page(url="https://www.instagram.com/p/DUgjOD7D0br/", body=body))
    except ParseError:
        return
    for post in result.posts:
        assert post.post_id and post.url.startswith("https://www.instagram.com/")
        assert isinstance(post.text, str)
        for counter in (post.views, post.likes, post.comments):
            assert counter is None or (isinstance(counter, int) and counter >= 0)


@pytest.mark.parametrize("case", JSON_CASES)
def test_every_value_of_a_json_fixture_may_be_damaged(case: str) -> None:
    doc = orjson.loads((FIXTURES / case / "input.json").read_bytes())
    for path in _paths(doc):
        for new in WRONG:
            _parses_or_refuses(orjson.dumps(_replaced(doc, path, new)))


def test_every_value_of_an_ndjson_line_may_be_damaged() -> None:
    lines = (FIXTURES / "ndjson_feed_capture" / "input.ndjson").read_bytes().splitlines()
    record = orjson.loads(lines[1])
    for path in _paths(record):
        for new in WRONG:
            damaged = orjson.dumps(_replaced(record, path, new))
            _parses_or_refuses(b"\n".join([lines[0], damaged, lines[2]]))


def test_every_value_of_a_shared_data_page_may_be_damaged() -> None:
    html = (FIXTURES / "post_page_shared_data" / "input.html").read_bytes()
    start = html.index(SHARED_MARK) + len(SHARED_MARK)
    end = html.index(b"};", start) + 1
    doc = orjson.loads(html[start:end])
    for path in _paths(doc):
        for new in WRONG:
            _parses_or_refuses(html[:start] + orjson.dumps(_replaced(doc, path, new)) + html[end:])


@pytest.mark.parametrize("cut", [1, 10, 100, 1000, 5000])
def test_truncated_bodies(cut: int) -> None:
    for path in sorted(FIXTURES.glob("*/input.*")):
        _parses_or_refuses(path.read_bytes()[:-cut])
