"""Small readers of m.facebook.com / mbasic markup: attribute JSON, visible text, links, times."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import orjson

from plugins import values

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
_HREF = re.compile(r'<a\b[^>]*?href="([^"]+)"')
_EPOCH_MIN = 1_070_000_000  # Facebook started in 2004


def attribute_json(raw: str) -> dict[str, Any]:
    """The JSON object an HTML attribute holds (entity-escaped), or {} when it is not one."""
    try:
        value = orjson.loads(html.unescape(raw))
    except orjson.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def visible_text(fragment: str) -> str:
    """The text a fragment of HTML shows: paragraphs and breaks as newlines, tags dropped."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", fragment)))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def outside_links(fragment: str) -> list[str]:
    """Links of a fragment that leave Facebook (the l.php redirect unwrapped), in order, once each."""
    links: list[str] = []
    for href in _HREF.findall(fragment):
        href = html.unescape(href)
        parts = urlsplit(href)
        host = (parts.hostname or "").lower()
        if host.endswith("facebook.com") and parts.path == "/l.php":
            href = (parse_qs(parts.query).get("u") or [""])[0]
            host = (urlsplit(href).hostname or "").lower()
        leaves = href.startswith(("http://", "https://")) and not host.endswith(("facebook.com", "fbcdn.net"))
        if leaves and href not in links:
            links.append(href)
    return links


def epoch_to_iso(value: Any) -> str | None:
    """Epoch seconds (int or digit string) as UTC ISO-8601 with a Z, or None when implausible."""
    return values.epoch_to_iso(value, _EPOCH_MIN)
