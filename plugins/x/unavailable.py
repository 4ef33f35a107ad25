"""X answers about a user or tweet that is not there (suspended, deleted, protected): no posts, a warning."""

from __future__ import annotations

import re
from typing import Any

import orjson

from plugins.platform import ParseResult
from plugins.values import as_dict, as_text, dig

FORMAT = "unavailable"
_KINDS = {"UserUnavailable": "user unavailable", "TweetUnavailable": "tweet unavailable"}
_TOMBSTONE = "TweetTombstone"
_MARK = re.compile(rb'"__typename"\s*:\s*"(?:UserUnavailable|TweetUnavailable|TweetTombstone)"')
_SMALL = 65_536  # such a response is a few hundred bytes; a timeline that holds one tombstone is not it


def reason(data: Any) -> str | None:
    """Why the response holds nothing ("user unavailable (Suspended)"), or None if it is not such a reply."""
    inner = as_dict(as_dict(data).get("data"))
    for result in (
        dig(inner, "user", "result"),
        dig(inner, "user_result", "result"),
        dig(inner, "tweetResult", "result"),
        dig(inner, "tweet_result", "result"),
    ):
        kind = as_text(dig(result, "__typename"))
        if kind == _TOMBSTONE:
            said = as_text(dig(result, "tombstone", "text", "text"))
            return f"tweet unavailable (tombstone{': ' + said if said else ''})"
        if kind in _KINDS:
            why = as_text(dig(result, "reason")) or as_text(dig(result, "message"))
            return f"{_KINDS[kind]} ({why})" if why else _KINDS[kind]
    return None


def is_unavailable_body(body: bytes) -> bool:
    """Whether a small body is X's answer that the user or tweet asked for is unavailable."""
    if len(body) > _SMALL or _MARK.search(body) is None:
        return False
    try:
        return reason(orjson.loads(body)) is not None
    except orjson.JSONDecodeError:
        return False


def unavailable_result(data: Any) -> ParseResult | None:
    """No posts and a warning saying why, for an unavailable user or tweet; None for any other response."""
    why = reason(data)
    if why is None:
        return None
    result = ParseResult(format=FORMAT)
    result.warn(f"X says {why}: no posts")
    return result
