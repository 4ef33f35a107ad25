"""YouTube parser: recognise a body (watch/Shorts/channel/search page HTML, InnerTube JSON, Data API JSON,
NDJSON captures) and dispatch to its reader."""

from __future__ import annotations

import re
from typing import Any

import orjson

from plugins.platform import Page, ParseError, ParseResult
from plugins.youtube import consent, embedded, responses
from plugins.youtube.api import is_api_response, parse_api
from plugins.youtube.skim import load_player

FORMATS: tuple[str, ...] = (
    "watch_page",
    "shorts_page",
    "channel_page",
    "listing_page",
    "innertube_next",
    "innertube_player",
    "innertube_reel",
    "innertube_browse",
    "innertube_search",
    "data_api",
    "ndjson",
    "consent_wall",
)
_BOM = b"\xef\xbb\xbf"
_API_KIND = re.compile(rb'"kind"\s*:\s*"youtube#')
# Renderers only InnerTube writes, for responses stored without (or far from) "responseContext".
_INNERTUBE = re.compile(
    rb'"(?:twoColumnWatchNextResults|singleColumnWatchNextResults|twoColumnBrowseResultsRenderer|'
    rb'twoColumnSearchResultsRenderer|playabilityStatus)"'
)
_PAGE_ID = re.compile(r"(?:[?&]v=|youtu\.be/|/shorts/|/embed/|/live/)([\w-]{11})(?![\w-])")


def _body(page: Page) -> bytes:
    body = page.body.lstrip()
    return body[len(_BOM) :].lstrip() if body.startswith(_BOM) else body


def _sniff_json(head: bytes) -> bool:
    if b'"responseContext"' in head or b'"playerResponse"' in head:
        return True
    return _API_KIND.search(head) is not None or _INNERTUBE.search(head) is not None


def sniff(page: Page) -> bool:
    """Whether the body is a YouTube page, InnerTube/Data API response or capture of one."""
    body = _body(page)
    if body[:1] in (b"{", b"["):
        return _sniff_json(body[:4096])
    return _embeds_json(body) or consent.is_consent_page(body)


def _embeds_json(body: bytes) -> bool:
    return embedded.find_start(body, embedded.DATA) >= 0 or embedded.find_start(body, embedded.PLAYER) >= 0


def _page_video(url: str) -> tuple[str | None, bool]:
    found = _PAGE_ID.search(url)
    return (found.group(1) if found else None), "/shorts/" in url


def parse_html(body: bytes, url: str) -> ParseResult:
    """Posts of an HTML page from the JSON it embeds."""
    data = embedded.find_json(body, embedded.DATA)
    if responses.is_listing(data):
        result = responses.parse_listing(data)
        result.format = "channel_page" if result.accounts else "listing_page"
        return result
    player = embedded.find_json(body, embedded.PLAYER)
    page_id, shorts_url = _page_video(url)
    if responses.is_player(player) or responses.is_watch(data) or (data and responses.reel.is_reel(data)):
        is_short = shorts_url or responses.reel.is_reel(data)
        return responses.parse_video(
            player, data, "shorts_page" if is_short else "watch_page", page_id, shorts_url
        )
    if responses.is_listing(data):
        result = responses.parse_listing(data)
        result.format = "channel_page" if result.accounts else "listing_page"
        return result
    result = ParseResult(format="watch_page")
    result.warn(
        "the page embeds no readable ytInitialData or ytInitialPlayerResponse (damaged or a consent page)"
    )
    return result


def _parse_json(data: Any, url: str) -> ParseResult | None:
    if is_api_response(data):
        return parse_api(data)
    page_id, shorts_url = _page_video(url)
    if isinstance(data, list):
        return _parse_bundle(data, page_id, shorts_url)
    if isinstance(data, dict) and isinstance(data.get("data"), (dict, list)):
        return _parse_json(data["data"], url)
    return responses.parse_object(data, page_id, shorts_url)


def _parse_bundle(items: list[Any], page_id: str | None, shorts_url: bool) -> ParseResult | None:
    """The web client's `[{"page": ..., "playerResponse": ..., "response": ...}]` navigation bundle."""
    player = next(
        (i.get("playerResponse") for i in items if isinstance(i, dict) and "playerResponse" in i), None
    )
    data = next((i.get("response") for i in items if isinstance(i, dict) and "response" in i), None)
    if responses.is_player(player) or responses.is_watch(data):
        return responses.parse_video(player, data, "innertube_next", page_id, shorts_url)
    return responses.parse_object(data, page_id, shorts_url)


def _merge(into: ParseResult, part: ParseResult) -> None:
    for post in part.posts:
        into.posts.append(post)
    into.accounts.extend(part.accounts)
    into.missing.update(part.missing)
    into.warnings.extend(part.warnings)
    if part.next_cursor is not None:
        into.next_cursor, into.has_more = part.next_cursor, part.has_more


def parse_ndjson(body: bytes, url: str) -> ParseResult:
    """One captured response per line (the response itself or under "data")."""
    result = ParseResult(format="ndjson")
    for number, line in enumerate(body.splitlines(), 1):
        if not line.strip():
            continue
        try:
            part = _parse_json(orjson.loads(line), url)
        except orjson.JSONDecodeError:
            result.warn(f"line {number}: not JSON")
            continue
        if part is None:
            result.warn(f"line {number}: not a YouTube response")
            continue
        _merge(result, part)
    return result


def _is_ndjson(body: bytes) -> bool:
    newline = body.find(b"\n")
    if newline < 0 or not body[:newline].rstrip().endswith(b"}"):
        return False
    return body[newline + 1 : newline + 257].lstrip()[:1] == b"{"


def parse(page: Page) -> ParseResult:
    """Posts (and channel accounts) of a YouTube body; ParseError when it is none of YouTube's formats."""
    body = _body(page)
    if body[:1] not in (b"{", b"["):
        if not sniff(page):
            raise ParseError("not a YouTube page: no ytInitialData or ytInitialPlayerResponse")
        if consent.is_consent_page(body) and not _embeds_json(body):
            target = consent.continue_url(body)
            video = _page_video(target)[0]
            return consent.consent_result(f"video {video}" if video else target or "the page")
        return parse_html(body, page.url)
    if _is_ndjson(body):
        return parse_ndjson(body, page.url)
    data = load_player(body)  # a player response, without its stream and tracking data
    if data is None:
        try:
            data = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise ParseError(f"not a YouTube response: invalid JSON ({exc})") from None
    result = _parse_json(data, page.url)
    if result is None:
        raise ParseError("JSON is not a YouTube InnerTube or Data API response")
    return result
