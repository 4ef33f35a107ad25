"""Instagram JSON: API and GraphQL responses, single captured items, and NDJSON browser captures."""

from __future__ import annotations

from typing import Any

import orjson

from plugins.instagram.collect import Collector
from plugins.instagram.graph import is_node, user_account
from plugins.instagram.media import is_media
from plugins.instagram.values import as_handle
from plugins.platform import ParseError, ParseResult
from plugins.values import as_dict, as_list, dig

# Where explore, hashtag and search grids keep their sections.
_SECTION_PATHS: tuple[tuple[str, ...], ...] = (
    ("media_grid", "sections"),
    ("data", "media_grid", "sections"),
    ("sections",),
    ("sectional_items",),
    ("data", "top", "sections"),
    ("data", "recent", "sections"),
    ("top", "sections"),
    ("recent", "sections"),
)
_SHORTCODE_MEDIA_PATHS: tuple[tuple[str, ...], ...] = (
    ("data", "xdt_shortcode_media"),
    ("data", "shortcode_media"),
    ("graphql", "shortcode_media"),
    ("shortcode_media",),
)
_XDT_PREFIX = "xdt_api__v1__"
_MEDIA_INFO = "xdt_api__v1__media__shortcode__web_info"


def unwrap(entry: Any) -> Any:
    """The media inside a list entry: the entry itself, or its `media`, `media_or_ad` or `node`."""
    for _ in range(3):  # edge -> node -> media at most; deeper nesting is not a media wrapper
        if not isinstance(entry, dict) or is_media(entry) or is_node(entry):
            return entry
        wrapped = (entry[key] for key in ("media", "media_or_ad", "node") if isinstance(entry.get(key), dict))
        inner = next(wrapped, None)
        if inner is None:
            return entry
        entry = inner
    return entry


def grid_medias(sections: list[Any]) -> list[Any]:
    """Media of grid sections: `medias[]`, `one_by_two_item.clips.items[]`, `fill_items[]`, in page order."""
    out: list[Any] = []
    for section in sections:
        content = as_dict(dig(section, "layout_content"))
        out.extend(as_list(content.get("medias")))
        two = as_dict(content.get("one_by_two_item"))
        out.extend(as_list(dig(two, "clips", "items")))
        if isinstance(two.get("media"), dict):
            out.append(two)
        out.extend(as_list(content.get("fill_items")))
    return [unwrap(entry) for entry in out]


def handle_in_url(url: str) -> str | None:
    """The `username=` query value of a web_profile_info URL, or None."""
    marker = url.find("username=")
    if marker < 0:
        return None
    value = url[marker + len("username=") :].split("&", 1)[0].split("#", 1)[0]
    return as_handle(value)


def _owner_handle(edges: list[Any]) -> str | None:
    """The one owner every timeline node names (profile responses trimmed of their username)."""
    owners = {as_handle(dig(edge, "node", "owner", "username")) for edge in edges}
    owners.discard(None)
    return owners.pop() if len(owners) == 1 else None


def profile_result(user: dict[str, Any], url: str, fmt: str) -> ParseResult:
    """The account and timeline posts of a GraphQL profile user (web_profile_info, ProfilePage)."""
    timeline = as_dict(user.get("edge_owner_to_timeline_media"))
    edges = as_list(timeline.get("edges"))
    account = user_account(user, handle_in_url(url) or _owner_handle(edges))
    followers = {account.handle: account.followers} if account and account.followers is not None else None
    collector = Collector(fmt, followers)
    if account is not None:
        collector.result.accounts.append(account)
    collector.add_all([dig(edge, "node") for edge in edges], "timeline edge")
    info = as_dict(timeline.get("page_info"))
    collector.paginate(info.get("end_cursor"), info.get("has_next_page"))
    return collector.result


def _hashtag(tag: dict[str, Any]) -> ParseResult:
    collector = Collector("graphql_hashtag")
    for key in ("edge_hashtag_to_top_posts", "edge_hashtag_to_media"):
        collector.add_all([dig(edge, "node") for edge in as_list(dig(tag, key, "edges"))], "hashtag edge")
    info = as_dict(dig(tag, "edge_hashtag_to_media", "page_info"))
    collector.paginate(info.get("end_cursor"), info.get("has_next_page"))
    return collector.result


def _xdt(data: dict[str, Any]) -> ParseResult | None:
    """Posts of a GraphQL response whose `data` holds v1 payloads (`xdt_api__v1__…` connections)."""
    keys = [key for key in data if key.startswith(_XDT_PREFIX)]
    if not keys:
        return None
    collector = Collector("media_info" if keys == [_MEDIA_INFO] else "graphql_query")
    for key in keys:
        payload = as_dict(data[key])
        edges = as_list(payload.get("edges"))
        collector.add_all([unwrap(edge) for edge in edges], "edge")
        collector.add_all([unwrap(item) for item in as_list(payload.get("items"))])
        info = as_dict(payload.get("page_info"))
        collector.paginate(info.get("end_cursor"), info.get("has_next_page"))
        collector.paginate(payload.get("next_max_id"), payload.get("more_available"))
    return collector.result


def _v1_listing(data: dict[str, Any]) -> ParseResult | None:
    """Posts of a v1 API response: `items[]`, `feed_items[]` or grid `sections`."""
    for key in ("items", "feed_items"):
        if isinstance(data.get(key), list):
            collector = Collector("api_items")
            collector.add_all([unwrap(item) for item in data[key]])
            collector.paginate(data.get("next_max_id"), data.get("more_available"))
            return collector.result
    for path in _SECTION_PATHS:
        sections = dig(data, *path)
        if isinstance(sections, list):
            collector = Collector("explore_grid")
            collector.add_all(grid_medias(sections))
            grid = as_dict(data.get("media_grid")) or data
            collector.paginate(grid.get("next_max_id"), grid.get("more_available"))
            return collector.result
    return None


def _single(value: Any, fmt: str) -> ParseResult:
    collector = Collector(fmt)
    collector.add(value)
    return collector.result


def parse_document(data: Any, url: str = "") -> ParseResult:
    """Posts (and the profile account) of one decoded Instagram JSON document."""
    if isinstance(data, list):
        collector = Collector("item_list")
        values = [unwrap(as_dict(entry).get("data", entry)) for entry in data]
        if not any(is_media(v) or is_node(v) for v in values):
            raise ParseError("a JSON list without Instagram media")
        collector.add_all(values)
        return collector.result
    if not isinstance(data, dict):
        raise ParseError("an Instagram JSON document is an object")
    inner = data.get("data")
    if is_media(inner) or is_node(inner):
        return _single(inner, "capture_item")
    if is_media(data):
        return _single(data, "media_item")
    if is_node(data):
        return _single(data, "graphql_media")
    for holder in (inner, data.get("graphql")):
        user = dig(holder, "user")
        if isinstance(user, dict) and "edge_owner_to_timeline_media" in user:
            return profile_result(user, url, "web_profile_info")
        tag = dig(holder, "hashtag")
        if isinstance(tag, dict) and ("edge_hashtag_to_media" in tag or "edge_hashtag_to_top_posts" in tag):
            return _hashtag(tag)
    for path in _SHORTCODE_MEDIA_PATHS:
        node = dig(data, *path)
        if is_node(node) or is_media(node):
            return _single(node, "graphql_media")
    if isinstance(inner, dict):
        found = _xdt(inner)
        if found is not None:
            return found
    found = _v1_listing(data)
    if found is None and isinstance(inner, dict):
        found = _v1_listing(inner)  # third-party scraper APIs wrap the v1 body: {"data": {"items": […]}}
    if found is not None:
        return found
    raise ParseError("JSON without Instagram media")


def parse_ndjson(body: bytes) -> ParseResult:
    """Posts of a browser capture: one JSON object per line with the media under `data`."""
    collector = Collector("ndjson")
    result = collector.result
    lines = 0
    for line in body.splitlines():
        if not line.strip():
            continue
        lines += 1
        try:
            record = orjson.loads(line)
        except orjson.JSONDecodeError:
            result.warn(f"line {lines}: not JSON, skipped")
            continue
        item = as_dict(record).get("data", record)
        if not collector.add(unwrap(item)):
            result.warn(f"line {lines}: no Instagram media under 'data', skipped")
    if not result.posts:
        raise ParseError("no Instagram media in the capture")
    return result
