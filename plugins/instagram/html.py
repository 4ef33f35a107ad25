"""Instagram HTML pages: legacy `window._sharedData`, `__additionalDataLoaded`, and `data-sjs` JSON blobs."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import orjson

from plugins.instagram.api import parse_document, profile_result
from plugins.instagram.collect import Collector
from plugins.instagram.graph import user_account
from plugins.instagram.media import missing_fields
from plugins.instagram.meta import meta_post_result
from plugins.platform import ParseError, ParseResult
from plugins.values import as_dict, dig

SHARED_DATA = b"window._sharedData = "
ADDITIONAL_DATA = b"window.__additionalDataLoaded("
_SCRIPT_END = b"</script>"
# Keys of the GraphQL payloads that newer pages embed in `<script type="application/json" data-sjs>`.
_SJS_MARKERS = (b'"xdt_api__v1__', b'"xdt_shortcode_media"')
_CANONICAL = re.compile(
    rb'<link rel="canonical" href="https://www\.instagram\.com/(?:p|reels?|tv)/([\w-]+)/?"'
)
LOGIN_WALL = "no post data (login wall)"


def _load(chunk: bytes) -> Any:
    """The JSON value of an assignment's right-hand side (trailing `;`, `)` and spaces removed)."""
    try:
        return orjson.loads(chunk.rstrip().rstrip(b";").rstrip().rstrip(b")"))
    except orjson.JSONDecodeError:
        return None


def _shared_data(body: bytes) -> Any:
    start = body.find(SHARED_DATA)
    if start < 0:
        return None
    start += len(SHARED_DATA)
    end = body.find(_SCRIPT_END, start)
    return _load(body[start : end if end >= 0 else len(body)])


def _additional_data(body: bytes) -> Any:
    """The object of `window.__additionalDataLoaded('/p/CODE/', {...});` (2020-2021 post pages)."""
    start = body.find(ADDITIONAL_DATA)
    while start >= 0:
        after = start + len(ADDITIONAL_DATA)
        if body[after : after + 1] in (b"'", b'"'):
            brace = body.find(b"{", after)
            end = body.find(_SCRIPT_END, after)
            if brace >= 0:
                return _load(body[brace : end if end >= 0 else len(body)])
        start = body.find(ADDITIONAL_DATA, after)
    return None


def _post_page(entry: dict[str, Any], fmt: str) -> ParseResult | None:
    """Posts of a PostPage entry: `graphql.shortcode_media` (with its owner account) or v1 `items`."""
    node = dig(entry, "graphql", "shortcode_media")
    if isinstance(node, dict):
        collector = Collector(fmt)
        if collector.add(node):
            owner = as_dict(node.get("owner"))
            account = user_account(owner) if "username" in owner else None
            if account is not None:
                collector.result.accounts.append(account)
        return collector.result
    items = entry.get("items")
    if isinstance(items, list):
        collector = Collector(fmt)
        collector.add_all(items)
        return collector.result
    return None


def _from_shared(shared: Any, url: str) -> ParseResult | None:
    entry_data = as_dict(dig(shared, "entry_data"))
    post_entry = as_dict(dig(entry_data, "PostPage", 0))
    if post_entry:
        found = _post_page(post_entry, "post_page")
        if found is not None:
            return found
    user = dig(entry_data, "ProfilePage", 0, "graphql", "user")
    if isinstance(user, dict):
        return profile_result(user, url, "profile_page")
    tag = dig(entry_data, "TagPage", 0, "graphql")
    if isinstance(tag, dict) and "hashtag" in tag:
        return parse_document(tag, url)
    return None


def _xdt_holders(value: Any) -> list[dict[str, Any]]:
    """Every dict in a blob that holds an `xdt_…` GraphQL payload, in document order."""
    found: list[dict[str, Any]] = []
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if any(k.startswith(("xdt_api__v1__", "xdt_shortcode_media")) for k in current):
                found.append(current)
                continue
            stack.extend(reversed(list(current.values())))
        elif isinstance(current, list):
            stack.extend(reversed(current))
    return found


def _sjs_blobs(body: bytes) -> list[Any]:
    """The decoded `<script type="application/json">` blobs that carry a GraphQL media payload."""
    blobs: list[Any] = []
    cursor = 0
    while True:
        hits = [p for p in (body.find(m, cursor) for m in _SJS_MARKERS) if p >= 0]
        if not hits:
            return blobs
        at = min(hits)
        open_tag = body.rfind(b"<script", cursor, at)
        end = body.find(_SCRIPT_END, at)
        if open_tag < 0 or end < 0:
            return blobs
        content = body.find(b">", open_tag) + 1
        with contextlib.suppress(orjson.JSONDecodeError):
            blobs.append(orjson.loads(body[content:end]))
        cursor = end


def _from_sjs(body: bytes, url: str) -> ParseResult | None:
    merged: ParseResult | None = None
    for blob in _sjs_blobs(body):
        for holder in _xdt_holders(blob):
            try:
                part = parse_document({"data": holder}, url)
            except ParseError:
                continue
            if merged is None:
                merged = part
                continue
            known = {p.post_id for p in merged.posts}
            for post in part.posts:
                if post.post_id not in known:
                    merged.add(post, missing=missing_fields(post))
            merged.accounts.extend(part.accounts)
    if merged is not None:
        merged.format = "post_page_sjs" if merged.format == "media_info" else merged.format
    return merged


def parse_html(body: bytes, url: str = "") -> ParseResult:
    """Posts of an Instagram page; a page without embedded post data gives none and a warning."""
    shared = _shared_data(body)
    found = _from_shared(shared, url) if shared is not None else None
    if found is None or not found.posts:
        entry = as_dict(_additional_data(body))
        found = (_post_page(entry, "post_page") if entry else None) or found
    if found is None or not found.posts:
        found = _from_sjs(body, url) or found
    if found is not None and (found.posts or found.accounts):
        return found
    # Logged-out pages ship the app shell only, but their meta tags still describe the post.
    described = meta_post_result(body)
    if described is not None:
        return described
    result = ParseResult(format="login_wall")
    canonical = _CANONICAL.search(body)
    result.warn(LOGIN_WALL + (f" for {canonical.group(1).decode()}" if canonical else ""))
    return result


def is_instagram_html(body: bytes) -> bool:
    """Whether an HTML body is an Instagram page (never another site's)."""
    return (
        b'property="og:site_name" content="Instagram"' in body
        or (SHARED_DATA in body and b'"entry_data"' in body)
        or (b"instagram.com" in body and any(marker in body for marker in _SJS_MARKERS))
    )
