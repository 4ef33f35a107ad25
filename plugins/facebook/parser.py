"""Facebook parser: m.facebook.com / mbasic story pages, page post listings and photo pages (HTML)."""

from __future__ import annotations

import html
import re

from plugins.facebook.body import page_text
from plugins.facebook.live import read_feedback
from plugins.facebook.photo import photo_to_post
from plugins.facebook.story import iter_stories, story_to_post
from plugins.platform import Page, ParseError, ParseResult

FORMATS: tuple[str, ...] = ("story_page", "page_listing", "photo_page")
_SNIFF_SPAN = 400_000
# Markup only Facebook's own pages carry.
_SITE_MARKS = (b"fbcdn.net", b"facebook.com")
_DATA_MARKS = (b"top_level_post_id", b'"MLiveData"')
_PERMALINK = 'id="m_story_permalink_view"'
_LOGIN_WALL = ('id="login_form"', "You must log in to continue")
# The "See more stories" pager of a page's post listing (a relative URL with the next cursor).
_MORE = re.compile(r'id="see_more_pager"[^>]*>\s*<a\b[^>]*?href="([^"]+)"')


def sniff(page: Page) -> bool:
    """Whether the body is a Facebook story, listing or photo page (gzip-encoded bodies included)."""
    head = page.body[:2]
    body = page.body if head != b"\x1f\x8b" else page_text(page.body).encode()
    start = body[:2048].lstrip()[:1]
    if start in (b"{", b"["):
        return False
    window = body[:_SNIFF_SPAN]
    return any(mark in window for mark in _SITE_MARKS) and any(mark in body for mark in _DATA_MARKS)


def parse(page: Page) -> ParseResult:
    """Posts of a Facebook page; ParseError when the body is no Facebook page at all."""
    text = page_text(page.body)
    if "facebook.com" not in text[:_SNIFF_SPAN] and "fbcdn.net" not in text[:_SNIFF_SPAN]:
        raise ParseError("not a Facebook page")
    live = read_feedback(text)
    result = ParseResult()
    for unit in iter_stories(text):
        converted = story_to_post(unit, live)
        if converted is None:
            result.warn("story without a post id skipped")
        elif converted[0].post_id not in {p.post_id for p in result.posts}:
            result.add(converted[0], missing=converted[1])
    if result.posts:
        result.format = "story_page" if _PERMALINK in text else "page_listing"
        more = _MORE.search(text)
        if more and result.format == "page_listing":
            result.next_cursor = html.unescape(more.group(1))
        result.has_more = result.next_cursor is not None
        return result
    photo = photo_to_post(page.url, text, live)
    if photo is not None:
        result.format = "photo_page"
        result.add(photo[0], missing=photo[1])
        return result
    if any(mark in text for mark in _LOGIN_WALL):
        result.warn("login wall: the page shows no public post")
    else:
        result.warn("no story, listing or photo found on this Facebook page")
    result.format = "page_listing"
    return result
