"""Pure parser for Pinterest pin pages: the `__PWS_DATA__` JSON that the server embeds."""

from __future__ import annotations

import re
from email.utils import parsedate_to_datetime
from typing import Any

import orjson

from plugins.platform import Page, ParseError, ParseResult
from plugins.post import Post, Signal

FORMATS = ("pin_page",)
OPTIONAL = ("author", "published_at", "likes", "comments", "shares", "saves")
_MARKER = b'<script id="__PWS_DATA__" type="application/json">'
_HASHTAG = re.compile(r"#(\w+)")


def sniff(page: Page) -> bool:
    """Whether the body is a Pinterest page carrying `__PWS_DATA__`."""
    return _MARKER in page.body


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def _date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return parsedate_to_datetime(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (TypeError, ValueError):
        return None


def _pin_to_post(pin: dict[str, Any]) -> tuple[Post, list[str]]:
    pin_id = str(pin["id"])
    pinner = pin.get("pinner") if isinstance(pin.get("pinner"), dict) else {}
    stats = (pin.get("aggregated_pin_data") or {}).get("aggregated_stats") or {}
    reactions = pin.get("reaction_counts") if isinstance(pin.get("reaction_counts"), dict) else {}
    text = pin.get("description") if isinstance(pin.get("description"), str) else ""
    tags = list(dict.fromkeys(t.lower() for t in _HASHTAG.findall(text)))
    post = Post(
        platform="pinterest",
        post_id=pin_id,
        url=f"https://www.pinterest.com/pin/{pin_id}/",
        author=pinner.get("username") if isinstance(pinner.get("username"), str) else None,
        published_at=_date(pin.get("created_at")),
        text=text,
        hashtags=tags,
        media_type="video" if pin.get("videos") else "image",
        likes=sum(v for v in reactions.values() if isinstance(v, int)) if reactions else None,
        comments=_count(pin.get("comment_count")),
        shares=_count(pin.get("repin_count")),
        saves=_count(stats.get("saves")) if isinstance(stats, dict) else None,
    )
    if pin.get("is_promoted") is True:
        advertiser = pin.get("promoter") if isinstance(pin.get("promoter"), dict) else {}
        name = advertiser.get("username") if isinstance(advertiser.get("username"), str) else "Promoted"
        post.signals.append(Signal("promoted", name, "label"))
        post.metadata["is_ad"] = True
    return post, [f for f in OPTIONAL if getattr(post, f) is None]


def parse(page: Page) -> ParseResult:
    """Pins of a pin page, in page order; pins without an id are skipped with a warning."""
    start = page.body.find(_MARKER)
    if start < 0:
        raise ParseError("no __PWS_DATA__ script")
    start += len(_MARKER)
    end = page.body.find(b"</script>", start)
    try:
        data = orjson.loads(page.body[start : end if end >= 0 else None])
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"__PWS_DATA__ is not JSON: {exc}") from None
    pins = (((data or {}).get("props") or {}).get("initialReduxState") or {}).get("pins")
    result = ParseResult(format="pin_page")
    if not isinstance(pins, dict):
        result.warn("no pins in __PWS_DATA__")
        return result
    for pin in pins.values():
        if not isinstance(pin, dict) or not isinstance(pin.get("id"), str | int):
            result.warn("a pin without an id was skipped")
            continue
        post, missing = _pin_to_post(pin)
        result.add(post, missing)
    return result
