"""Tell InnerTube-shaped objects apart (/next, /player, /reel, /browse, /search, their continuations)
and turn each into a ParseResult. Watch pages and channel pages embed the same objects."""

from __future__ import annotations

from typing import Any

from plugins.platform import ParseResult
from plugins.values import as_list, dig
from plugins.youtube import channel, listing, reel, watch

_CONTINUATION_KEYS = (
    "onResponseReceivedActions",
    "onResponseReceivedCommands",
    "onResponseReceivedEndpoints",
)
_CONTINUATION_ACTIONS = ("appendContinuationItemsAction", "reloadContinuationItemsCommand")


def is_watch(data: Any) -> bool:
    """Whether an object is watch-next data (/next, ytInitialData of a watch page)."""
    contents = dig(data, "contents")
    return isinstance(dig(contents, "twoColumnWatchNextResults"), dict) or isinstance(
        dig(contents, "singleColumnWatchNextResults"), dict
    )


def is_player(data: Any) -> bool:
    """Whether an object is a player response (/player, ytInitialPlayerResponse)."""
    return isinstance(dig(data, "videoDetails"), dict) or isinstance(
        dig(data, "microformat", "playerMicroformatRenderer"), dict
    )


def _listing_entries(data: Any) -> tuple[str, list[Any]] | None:
    """(format, entries) of a browse or search listing, or None."""
    contents = dig(data, "contents")
    for key in ("twoColumnBrowseResultsRenderer", "singleColumnBrowseResultsRenderer"):
        tabs = as_list(dig(contents, key, "tabs"))
        if tabs:
            return "innertube_browse", _selected_tab(tabs)
    for key in ("twoColumnSearchResultsRenderer", "sectionListRenderer"):
        section = dig(contents, key, "primaryContents", "sectionListRenderer", "contents")
        if section is None:
            section = dig(contents, key, "contents")
        if isinstance(section, list):
            return "innertube_search", section
    for key in _CONTINUATION_KEYS:
        for action in as_list(dig(data, key)):
            for name in _CONTINUATION_ACTIONS:
                items = dig(action, name, "continuationItems")
                if isinstance(items, list):
                    return (
                        "innertube_search" if key == "onResponseReceivedCommands" else "innertube_browse"
                    ), items
    return None


def _selected_tab(tabs: list[Any]) -> list[Any]:
    """The entries of the selected tab (else the first tab with content)."""
    chosen = None
    for tab in tabs:
        renderer = dig(tab, "tabRenderer") or dig(tab, "expandableTabRenderer")
        content = dig(renderer, "content")
        if content is None:
            continue
        if chosen is None or dig(renderer, "selected") is True:
            chosen = content
            if dig(renderer, "selected") is True:
                break
    grid = dig(chosen, "richGridRenderer", "contents")
    if isinstance(grid, list):
        return grid
    return as_list(dig(chosen, "sectionListRenderer", "contents"))


def is_listing(data: Any) -> bool:
    """Whether an object is a browse/search listing or one of their continuations."""
    return _listing_entries(data) is not None


def parse_listing(data: Any) -> ParseResult:
    """Posts of a listing (channel tab, channel home, search, hashtag, continuation) and its channel."""
    found = _listing_entries(data)
    fmt, entries = found if found else ("innertube_browse", [])
    result = ParseResult(format=fmt)
    account = channel.account_of(data)
    if account is not None:
        result.accounts.append(account)
    owner = channel.owner_of(account)
    seen: set[str] = set()
    missing_all: list[str] = []  # counted once: a Counter update per post costs more than the post
    for tile in listing.walk(entries):
        if tile.video_id in seen:
            continue
        seen.add(tile.video_id)
        post, missing = listing.to_post(tile, owner)
        result.posts.append(post)
        missing_all += missing
    result.missing.update(missing_all)
    result.next_cursor = listing.continuation(entries)
    result.has_more = result.next_cursor is not None
    return result


def parse_video(
    player: Any, data: Any, fmt: str, page_id: str | None = None, shorts_url: bool = False
) -> ParseResult:
    """The one video a watch page, /next, /player or reel response describes."""
    result = ParseResult(format=fmt)
    built = watch.build(player, data, page_id, shorts_url)
    if built is None:
        result.warn("no video id in the response")
        return result
    result.add(built[0], missing=built[1])
    return result


def parse_object(data: Any, page_id: str | None = None, shorts_url: bool = False) -> ParseResult | None:
    """Dispatch one decoded InnerTube object on its shape; None when it is none of them."""
    if not isinstance(data, dict):
        return None
    player = data.get("playerResponse")
    if isinstance(player, dict) or reel.is_reel(data):
        return parse_video(player, data, "innertube_reel", page_id, shorts_url)
    if is_watch(data):
        return parse_video(None, data, "innertube_next", page_id, shorts_url)
    if is_player(data):
        return parse_video(data, None, "innertube_player", page_id, shorts_url)
    if is_listing(data):
        return parse_listing(data)
    return None
