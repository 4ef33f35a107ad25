"""The Shorts player overlay (`overlay.reelPlayerOverlayRenderer` of a Shorts page or reel_item_watch).

Two generations: 2022-23 (`likeButton.likeButtonRenderer.likeCount`, `viewCommentsButton`,
`reelPlayerHeaderSupportedRenderers`) and 2024+ (`buttonBar.reelActionBarViewModel.buttonViewModels`,
`metapanel.reelMetapanelViewModel.metadataItems`).
"""

from __future__ import annotations

from typing import Any

from plugins.values import as_count, as_dict, as_list, dig
from plugins.youtube.counts import Best, Count, sentence_count
from plugins.youtube.dates import date_from_text
from plugins.youtube.owner import Owner, from_byline, from_endpoint
from plugins.youtube.values import label_of, text_count, text_of


def overlay(data: Any) -> dict[str, Any]:
    """The reel player overlay, or {}."""
    return as_dict(dig(data, "overlay", "reelPlayerOverlayRenderer"))


def is_reel(data: Any) -> bool:
    """Whether watch data is a Shorts response (reel overlay or reel replacement endpoint)."""
    return bool(overlay(data)) or isinstance(dig(data, "replacementEndpoint", "reelWatchEndpoint"), dict)


def _header(data: Any) -> dict[str, Any]:
    return as_dict(dig(overlay(data), "reelPlayerHeaderSupportedRenderers", "reelPlayerHeaderRenderer"))


def _metapanel_items(data: Any) -> list[Any]:
    return as_list(dig(overlay(data), "metapanel", "reelMetapanelViewModel", "metadataItems"))


def _action_buttons(data: Any) -> list[dict[str, Any]]:
    buttons = dig(overlay(data), "buttonBar", "reelActionBarViewModel", "buttonViewModels")
    return [b for b in as_list(buttons) if isinstance(b, dict)]


def like_counts(data: Any, best: Best) -> None:
    """Offer the like counts the reel overlay states."""
    old = dig(overlay(data), "likeButton", "likeButtonRenderer")
    if isinstance(old, dict):
        number = as_count(old.get("likeCount"))
        best.offer(None if number is None else (number, False))
        best.offer(sentence_count(label_of(old.get("likeCountWithLikeText"))))
        best.offer(text_count(old.get("likeCountText")))
    for button in _action_buttons(data):
        toggle = dig(button, "likeButtonViewModel", "toggleButtonViewModel", "toggleButtonViewModel")
        model = as_dict(dig(toggle, "defaultButtonViewModel", "buttonViewModel"))
        best.offer(sentence_count(model.get("accessibilityText")))
        best.offer(text_count(model.get("title")))


def comment_count(data: Any) -> Count | None:
    """The comment count on the reel's comments button."""
    best = Best()
    old = dig(overlay(data), "viewCommentsButton", "buttonRenderer")
    if isinstance(old, dict):
        best.offer(sentence_count(label_of(old.get("text"))) or text_count(old.get("text")))
    for button in _action_buttons(data):
        model = as_dict(button.get("buttonViewModel"))
        if (
            "COMMENT" in str(model.get("iconName", "")).upper()
            or "MESSAGE" in str(model.get("iconName", "")).upper()
        ):
            best.offer(sentence_count(model.get("accessibilityText")) or text_count(model.get("title")))
    return best.value


def view_count(data: Any, description_header: dict[str, Any]) -> Count | None:
    """Views the Shorts description panel or header state."""
    return text_count(description_header.get("views")) or text_count(_header(data).get("viewCountText"))


def owner_of(data: Any) -> Owner:
    """The channel the reel overlay names."""
    header = _header(data)
    if header:
        found = from_endpoint(header.get("channelNavigationEndpoint"))
        found.name = text_of(header.get("channelTitleText"))
        return found
    for item in _metapanel_items(data):
        name = dig(item, "reelChannelBarViewModel", "channelName")
        if isinstance(name, dict):
            found = from_endpoint(dig(name, "commandRuns", 0, "onTap", "innertubeCommand"))
            content = text_of(name)
            if found.handle is None and content and content.startswith("@"):
                found.handle = content[1:]
            return found
    return from_byline(None)


def title_of(data: Any) -> str | None:
    """The Short's title as the overlay writes it."""
    title = text_of(_header(data).get("reelTitleText"))
    if title:
        return title
    for item in _metapanel_items(data):
        title = text_of(dig(item, "shortsVideoTitleViewModel", "text"))
        if title:
            return title
    return None


def published_of(data: Any) -> str | None:
    """The upload day the reel header writes (absolute dates only)."""
    return date_from_text(text_of(_header(data).get("timestampText")))
