"""Who published a video: handle, channel id, name and subscriber count, from whichever block has them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from plugins.values import as_text, dig
from plugins.youtube.text import handle_from_path
from plugins.youtube.values import label_of, text_count, text_of


@dataclass(slots=True)
class Owner:
    """A channel as a post refers to it; every field may be unknown."""

    handle: str | None = None
    channel_id: str | None = None
    name: str | None = None
    followers: int | None = None

    def merge(self, other: Owner) -> Owner:
        """Fill the unknown fields from `other`."""
        return Owner(
            self.handle or other.handle,
            self.channel_id or other.channel_id,
            self.name or other.name,
            self.followers if self.followers is not None else other.followers,
        )


def _channel_id(value: Any) -> str | None:
    text = as_text(value)
    return text if text and text.startswith("UC") and len(text) == 24 else None


def from_endpoint(endpoint: Any) -> Owner:
    """The channel a navigation endpoint opens (browseEndpoint or its web URL)."""
    browse = dig(endpoint, "browseEndpoint")
    path = dig(browse, "canonicalBaseUrl") or dig(endpoint, "commandMetadata", "webCommandMetadata", "url")
    return Owner(handle=handle_from_path(path), channel_id=_channel_id(dig(browse, "browseId")))


def from_byline(text: Any) -> Owner:
    """The channel a byline text ({runs: [{text, navigationEndpoint}]}) names."""
    owner = from_endpoint(dig(text, "runs", 0, "navigationEndpoint"))
    owner.name = text_of(text)
    return owner


def followers(text: Any) -> int | None:
    """A subscriber count text ("4,69 M de suscriptores", "366K subscribers") as a number."""
    parsed = text_count(text) or text_count(label_of(text))
    return parsed[0] if parsed else None


def from_video_owner(renderer: Any) -> Owner:
    """The videoOwnerRenderer under a watch page's video."""
    owner = from_endpoint(dig(renderer, "navigationEndpoint"))
    if owner.handle is None and owner.channel_id is None:
        owner = from_endpoint(dig(renderer, "title", "runs", 0, "navigationEndpoint"))
    owner.name = text_of(dig(renderer, "title"))
    owner.followers = followers(dig(renderer, "subscriberCountText"))
    return owner


def from_player(player: Any) -> Owner:
    """The channel named by a player response (videoDetails and microformat)."""
    details = dig(player, "videoDetails")
    micro = dig(player, "microformat", "playerMicroformatRenderer")
    return Owner(
        handle=handle_from_path(dig(micro, "ownerProfileUrl")),
        channel_id=_channel_id(dig(details, "channelId")) or _channel_id(dig(micro, "externalChannelId")),
        name=as_text(dig(details, "author")) or as_text(dig(micro, "ownerChannelName")),
    )
