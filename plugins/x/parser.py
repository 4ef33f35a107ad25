"""X parser: recognise a body (GraphQL timeline JSON or NDJSON capture) and dispatch to its reader."""

from __future__ import annotations

from typing import Any

import orjson

from plugins.platform import Page, ParseError, ParseResult
from plugins.values import as_bool, as_dict, as_text
from plugins.x.schema import decode_timeline
from plugins.x.timeline import find_instructions, read_instructions
from plugins.x.tweet import tweet_posts, unwrap
from plugins.x.unavailable import FORMAT, is_unavailable_body, unavailable_result

FORMATS: tuple[str, ...] = (
    "tweet_detail",
    "search_timeline",
    "user_tweets",
    "home_timeline",
    "list_timeline",
    "tweet_result",
    "timeline_entry",
    "ndjson",
    FORMAT,
)
_BOM = b"\xef\xbb\xbf"
# Keys that only X's GraphQL spells this way.
_GRAPHQL_KEYS = (b'"tweet_results"', b'"threaded_conversation_with_injections', b'"search_by_raw_query"')
_TWEET_KEYS = (b'"rest_id"', b'"favorite_count"')
_CAPTURE_HOSTS = ("twitter.com", "x.com")


def _body(page: Page) -> bytes:
    body = page.body.lstrip()
    return body[len(_BOM) :].lstrip() if body.startswith(_BOM) else body


def _is_tweet(value: Any) -> bool:
    """Whether a JSON value is a tweet result (possibly wrapped) as captures store it."""
    value = as_dict(value)
    if value.get("__typename") in ("Tweet", "TweetWithVisibilityResults"):
        return True
    return "rest_id" in value and isinstance(value.get("legacy"), dict) and "full_text" in value["legacy"]


def capture_is_x(record: Any) -> bool:
    """Whether one capture record (an NDJSON line) holds an X tweet."""
    record = as_dict(record)
    source = as_text(record.get("source_platform")) or ""
    host_ok = any(source == host or source.endswith("." + host) for host in _CAPTURE_HOSTS)
    return _is_tweet(record.get("data")) and (host_ok or not source)


def sniff(page: Page) -> bool:
    """Whether the body is an X GraphQL response or a capture of X tweets (never another platform's)."""
    body = _body(page)
    if body[:1] != b"{":
        return False
    head = body[:4096]
    if b'"source_platform"' in head:
        first = body.split(b"\n", 1)[0]
        try:
            return capture_is_x(orjson.loads(first))
        except orjson.JSONDecodeError:
            return False
    if any(key in body for key in _GRAPHQL_KEYS) and all(key in body for key in _TWEET_KEYS):
        return True
    return is_unavailable_body(body)


def _is_ndjson(body: bytes) -> bool:
    """A complete object on the first line and another object after it (saves a failing full load)."""
    newline = body.find(b"\n")
    if newline < 0 or not body[:newline].rstrip().endswith(b"}"):
        return False
    return body[newline + 1 : newline + 257].lstrip()[:1] == b"{"


def _add_capture(
    result: ParseResult, record: Any, where: str | int, seen: set[str], missing_all: list[str]
) -> None:
    """Add the tweet of a capture record, its missing fields to `missing_all` for the caller to count.

    `where` names the record in a warning (an int is a line number).
    """
    data = record.get("data") if isinstance(record, dict) else None
    tweet, why = unwrap(data)
    if tweet is None:
        result.warn(f"line {where}: {why}" if isinstance(where, int) else f"{where}: {why}")
        return
    flag = data.get("promoted") if isinstance(data, dict) else None  # newer captures flag promoted entries
    for post, missing in tweet_posts(tweet, promoted=as_bool(flag)):
        if post.post_id not in seen:
            seen.add(post.post_id)
            result.posts.append(post)
            missing_all += missing


def parse_ndjson(body: bytes) -> ParseResult:
    """Posts of a browser capture: one JSON object per line with the tweet result under `data`."""
    result = ParseResult(format="ndjson")
    seen: set[str] = set()
    missing_all: list[str] = []  # counted once: a Counter update per post costs more than the post
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            result.warn(f"line {number}: not JSON, skipped")
            continue
        _add_capture(result, record, number, seen, missing_all)
    result.missing.update(missing_all)
    if not result.posts:
        raise ParseError("no X tweet in the capture")
    return result


def parse_json(data: Any) -> ParseResult:
    """Posts of one decoded X JSON document (a GraphQL timeline, a single tweet result, a capture record)."""
    if not isinstance(data, dict):
        raise ParseError("an X JSON document is an object")
    found = find_instructions(data)
    if found is not None:
        result = ParseResult(format=found[0])
        read_instructions(found[1], result)
        return result
    gone = unavailable_result(data)  # a suspended user, a deleted or protected tweet
    if gone is not None:
        return gone
    if isinstance(data.get("entryId"), str) and isinstance(data.get("content"), dict):
        result = ParseResult(format="timeline_entry")  # one entry as scrapers store it (twscrape)
        read_instructions([{"type": "TimelineAddEntries", "entries": [data]}], result)
        return result
    single = as_dict(data.get("data")).get("tweetResult")
    if isinstance(single, dict):  # TweetResultByRestId
        result = ParseResult(format="tweet_result")
        missing_all: list[str] = []
        _add_capture(result, {"data": single.get("result")}, "tweetResult", set(), missing_all)
        result.missing.update(missing_all)
        return result
    if _is_tweet(data.get("data")):
        result = ParseResult(format="ndjson")
        missing_all = []
        _add_capture(result, data, 1, set(), missing_all)
        result.missing.update(missing_all)
        return result
    raise ParseError("JSON without X timeline instructions or tweets")


def parse(page: Page) -> ParseResult:
    """Posts of an X body; ParseError when it is none of X's formats."""
    body = _body(page)
    if body[:1] != b"{":
        raise ParseError("not an X JSON response or capture")
    if _is_ndjson(body):
        return parse_ndjson(body)
    response = decode_timeline(body)  # decoded without the keys no post needs
    if response is not None:
        return parse_json(response)
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return parse_ndjson(body)
    return parse_json(data)
