"""Sponsorship labels that TikTok renders in the server HTML of a video page ("Paid partnership")."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from plugins.values import as_dict

_TAG = b'data-e2e="sponsored-tag"'
_ARTICLE = b"<article"
# The player of each feed card carries the video id: id="xgwrapper-<n>-<video id>".
_VIDEO_ID = re.compile(rb'id="xgwrapper-\d+-(\d+)"|/video/(\d+)')
_MARKUP = re.compile(r"<[^>]*>")
# i18n keys of the labels (the page's own table gives their text in the page's language).
PAID_PARTNERSHIP_KEY = "bc_new_disclosure"
PROMOTIONAL_KEY = "tcm_closedLoop_commercialContent_brandOrganic_videoTag"
_ENGLISH = {"Paid partnership": PAID_PARTNERSHIP_KEY, "Promotional content": PROMOTIONAL_KEY}
_MAX_LABEL = 2000  # bytes after the tag in which its text must close


@dataclass(frozen=True, slots=True)
class RenderedLabel:
    """A label shown on the page: its text, the video card it sits in, and its i18n key if known."""

    text: str
    video_id: str | None
    key: str | None = None


def _card_video_id(body: bytes, at: int) -> str | None:
    """The id of the video whose feed card (<article>) holds position `at`, if the page says."""
    start = body.rfind(_ARTICLE, 0, at)
    if start < 0:
        return None
    match = _VIDEO_ID.search(body, start, at)
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _label_text(body: bytes, at: int) -> str:
    end = body.find(b"</div>", at, at + _MAX_LABEL)
    if end < 0:
        return ""
    close = body.find(b">", at, end)
    if close < 0:
        return ""
    chunk = body[close + 1 : end].decode("utf-8", errors="replace")
    return " ".join(html.unescape(_MARKUP.sub(" ", chunk)).split())


def label_keys(i18n: Any) -> dict[str, str]:
    """Label text -> i18n key, from the page's translation table (`webapp.i18n-translation`)."""
    table = as_dict(as_dict(i18n).get("Webapp"))
    keys = dict(_ENGLISH)
    for key in (PAID_PARTNERSHIP_KEY, PROMOTIONAL_KEY):
        text = table.get(key)
        if isinstance(text, str) and text:
            keys[" ".join(text.split())] = key
    return keys


def rendered_labels(body: bytes, keys: dict[str, str]) -> list[RenderedLabel]:
    """Every sponsorship tag rendered in the HTML, with the video card it belongs to."""
    found: list[RenderedLabel] = []
    at = body.find(_TAG)
    while at >= 0:
        text = _label_text(body, at + len(_TAG))
        if text:
            found.append(RenderedLabel(text, _card_video_id(body, at), keys.get(text)))
        at = body.find(_TAG, at + len(_TAG))
    return found


def labels_for(labels: list[RenderedLabel], video_id: str) -> list[RenderedLabel]:
    """The labels of one video: those in its card, or in no identifiable card (single-video layouts)."""
    return [label for label in labels if label.video_id in (video_id, None)]
