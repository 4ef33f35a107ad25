"""What a YouTube title or description holds: hashtags, @mentions, and the links its runs point to."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from plugins.values import as_list, dig

# A hashtag starts after a non-word character; YouTube ends it at whitespace or punctuation.
# The literal "#" or "@" leads and a look-behind checks the character before it (a pattern that starts
# with a look-behind is tried at every position of the text, several times slower).
_HASHTAG = re.compile(r"#(?<![\w&#/]#)([^\W_][\w]*)", re.UNICODE)
# Handles: letters, digits, dot, dash, underscore; not an e-mail address (no word char before @).
_MENTION = re.compile(r"@(?<![\w.@/]@)([\w][\w.-]{0,99})", re.UNICODE)
_REDIRECT_HOSTS = ("www.youtube.com", "youtube.com", "m.youtube.com")


def hashtags(text: str) -> list[str]:
    """Hashtags in order of appearance, lowercase, without '#', no duplicates (digits-only tags skipped)."""
    if "#" not in text:  # most titles: no scan
        return []
    seen: dict[str, None] = {}
    for tag in _HASHTAG.findall(text):
        if not tag.isdigit():
            seen.setdefault(tag.lower(), None)
    return list(seen)


def mentions(text: str) -> list[str]:
    """@handles in order of appearance, lowercase, without '@', no duplicates."""
    if "@" not in text:
        return []
    seen: dict[str, None] = {}
    for handle in _MENTION.findall(text):
        seen.setdefault(handle.rstrip(".-").lower(), None)
    return [h for h in seen if h]


def unwrap(url: str) -> str:
    """The target of a youtube.com/redirect?...&q=<url> link, or the URL itself."""
    parts = urlsplit(url)
    if parts.netloc in _REDIRECT_HOSTS and parts.path == "/redirect":
        target = parse_qs(parts.query).get("q")
        if target and target[0].startswith(("http://", "https://")):
            return target[0]
    return url


def _endpoint_url(endpoint: Any) -> str | None:
    url = dig(endpoint, "urlEndpoint", "url")
    if not isinstance(url, str):
        url = dig(endpoint, "commandMetadata", "webCommandMetadata", "url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return None
    return unwrap(url)


def description_links(description: Any) -> list[str]:
    """External URLs the description links to: `attributedDescription.commandRuns` or `description.runs`."""
    found: dict[str, None] = {}
    for run in as_list(dig(description, "commandRuns")):
        url = _endpoint_url(dig(run, "onTap", "innertubeCommand"))
        if url:
            found.setdefault(url, None)
    for run in as_list(dig(description, "runs")):
        url = _endpoint_url(dig(run, "navigationEndpoint"))
        if url:
            found.setdefault(url, None)
    return list(found)


def handle_from_path(path: Any) -> str | None:
    """The account name in a channel path or URL: "/@handle", "/user/name", "/c/name" (else None)."""
    if not isinstance(path, str):
        return None
    for marker in ("/@", "/user/", "/c/"):
        at = path.find(marker)
        if at >= 0:
            name = path[at + len(marker) :].split("/", 1)[0].split("?", 1)[0]
            return unquote(name) or None
    if path.startswith("@") and len(path) > 1:
        return path[1:].split("/", 1)[0] or None
    return None
