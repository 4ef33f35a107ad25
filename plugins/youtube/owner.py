"""Who published a video: handle, channel id, name and subscriber count, from whichever block has them."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    coauthors: list[str] = field(default_factory=list)  # the other channels of a collaboration

    def merge(self, other: Owner) -> Owner:
        """Fill the unknown fields from `other`."""
        return Owner(
            self.handle or other.handle,
            self.channel_id or other.channel_id,
            self.name or other.name,
            self.followers if self.followers is not None else other.followers,
            self.coauthors or [c for c in other.coauthors if c != (self.handle or other.handle)],
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


def _collaborator(item: Any) -> Owner:
    """One channel of a collaboration dialog (a listItemViewModel: title, "@handle • 2.86m subscribers")."""
    view = dig(item, "listItemViewModel")
    title = dig(view, "title")
    owner = from_endpoint(dig(title, "commandRuns", 0, "onTap", "innertubeCommand"))
    subtitle = (text_of(dig(view, "subtitle")) or "").strip("\u200e\u200f ")
    handle, _, subscribers = subtitle.partition("\u2022")
    avatar = dig(view, "leadingAccessory", "avatarViewModel", "endpoint", "innertubeCommand")
    owner.handle = owner.handle or handle_from_path(handle.strip()) or from_endpoint(avatar).handle
    owner.name = text_of(title)
    owner.followers = followers(subscribers.strip()) if subscribers else None
    return owner


def collaborators(renderer: Any) -> list[Owner]:
    """The channels a collaboration video names in its owner's dialog, in order (none for one channel)."""
    dialog = dig(renderer, "navigationEndpoint", "showDialogCommand", "panelLoadingStrategy", "inlineContent")
    items = dig(dialog, "dialogViewModel", "customContent", "listViewModel", "listItems")
    return [_collaborator(item) for item in items] if isinstance(items, list) else []


def from_video_owner(renderer: Any) -> Owner:
    """The videoOwnerRenderer under a watch page's video (a collaboration: its first channel, coauthors)."""
    channels = collaborators(renderer)
    if channels:
        first = channels[0]
        first.coauthors = [c.handle for c in channels[1:] if c.handle and c.handle != first.handle]
        return first
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
