"""YouTube's cookie consent interstitial ("Before you continue to YouTube"), served instead of the video."""

from __future__ import annotations

import html
import re

from plugins.platform import ParseResult

# The consent form posts to consent.youtube.com; its hidden `continue` input is the page asked for.
_MARKER = b"consent.youtube.com/"
_CONTINUE = re.compile(
    rb'<input\b[^>]*\bname="continue"[^>]*\bvalue="([^"]*)"|<input\b[^>]*\bvalue="([^"]*)"[^>]*\bname="continue"'
)


def is_consent_page(body: bytes) -> bool:
    """Whether an HTML body is the consent interstitial (a form to consent.youtube.com)."""
    return _MARKER in body and b'name="continue"' in body


def continue_url(body: bytes) -> str:
    """The URL the interstitial continues to once consent is given ("" when absent)."""
    found = _CONTINUE.search(body)
    value = (found.group(1) or found.group(2) or b"") if found else b""
    return html.unescape(value.decode("utf-8", "replace"))


def consent_result(what: str) -> ParseResult:
    """No posts, and a warning naming what (a video, a page) the interstitial stands in front of."""
    result = ParseResult(format="consent_wall")
    result.warn(f"no post data (consent wall): YouTube's cookie consent page was served instead of {what}")
    return result
