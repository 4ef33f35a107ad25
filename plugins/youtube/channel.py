"""A channel's header (c4TabbedHeaderRenderer, 2024+ pageHeaderRenderer) and metadata as an Account."""

from __future__ import annotations

from typing import Any

from plugins.post import Account
from plugins.values import as_dict, as_list, as_text, dig
from plugins.youtube.owner import Owner
from plugins.youtube.text import handle_from_path
from plugins.youtube.values import label_of, text_count, text_of
from plugins.youtube.watch import PLATFORM

SUBSCRIBER_WORDS: tuple[str, ...] = (
    "subscri", "suscri", "abonn", "iscritt", "inscrit", "subskryb",
    "подписч", "구독자", "登録者", "订阅者", "訂閱者",
)  # fmt: skip
VIDEO_WORDS: tuple[str, ...] = ("video", "vídeo", "vidéo", "видео", "動画", "동영상")


def _count(text: Any) -> tuple[int, bool] | None:
    return text_count(text) or text_count(label_of(text))


def _c4(header: dict[str, Any], account: Account) -> None:
    account.account_id = as_text(header.get("channelId"))
    account.display_name = text_of(header.get("title"))
    handle = text_of(header.get("channelHandleText"))
    account.handle = handle[1:] if handle and handle.startswith("@") else account.handle
    if not account.handle:
        account.handle = (
            handle_from_path(dig(header, "navigationEndpoint", "browseEndpoint", "canonicalBaseUrl")) or ""
        )
    subscribers = _count(header.get("subscriberCountText"))
    videos = _count(header.get("videosCountText"))
    _set(account, "followers", subscribers)
    _set(account, "posts", videos)
    badges = as_list(header.get("badges"))
    if any("VERIFIED" in str(dig(b, "metadataBadgeRenderer", "style")) for b in badges):
        account.verified = True


def _page_header(header: dict[str, Any], account: Account) -> None:
    model = as_dict(dig(header, "content", "pageHeaderViewModel"))
    account.display_name = text_of(dig(model, "title", "dynamicTextViewModel", "text")) or as_text(
        header.get("pageTitle")
    )
    parts: list[str] = []
    for row in as_list(dig(model, "metadata", "contentMetadataViewModel", "metadataRows")):
        for part in as_list(dig(row, "metadataParts")):
            text = text_of(dig(part, "text"))
            if text:
                parts.append(text)
    numeric: list[str] = []
    for text in parts:
        low = text.lower()
        if text.startswith("@") and not account.handle:
            account.handle = text[1:]
        elif any(word in low for word in SUBSCRIBER_WORDS):
            _set(account, "followers", text_count(text))
        elif any(word in low for word in VIDEO_WORDS):
            _set(account, "posts", text_count(text))
        elif text_count(text):
            numeric.append(text)
    # Unknown interface language: the header lists subscribers, then videos.
    if account.followers is None and account.posts is None and len(numeric) == 2:
        _set(account, "followers", text_count(numeric[0]))
        _set(account, "posts", text_count(numeric[1]))
    image = dig(model, "title", "dynamicTextViewModel", "text", "attachmentRuns")
    if "CHECK_CIRCLE" in str(image):
        account.verified = True


def _set(account: Account, name: str, value: tuple[int, bool] | None) -> None:
    if value is None:
        return
    setattr(account, name, value[0])
    if value[1] and name not in account.approximate:
        account.approximate.append(name)


def account_of(data: Any) -> Account | None:
    """The channel a browse response or channel page shows, or None when it is not a channel."""
    header = as_dict(dig(data, "header"))
    meta = as_dict(dig(data, "metadata", "channelMetadataRenderer"))
    if not meta and not header.get("c4TabbedHeaderRenderer") and not header.get("pageHeaderRenderer"):
        return None
    account = Account(platform=PLATFORM, handle="")
    c4 = header.get("c4TabbedHeaderRenderer")
    if isinstance(c4, dict):
        _c4(c4, account)
    page = header.get("pageHeaderRenderer")
    if isinstance(page, dict):
        _page_header(page, account)
    account.account_id = account.account_id or as_text(meta.get("externalId"))
    account.display_name = account.display_name or as_text(meta.get("title"))
    if not account.handle:
        urls = [meta.get("vanityChannelUrl"), *as_list(meta.get("ownerUrls"))]
        account.handle = next((h for u in urls if (h := handle_from_path(u))), "")
    if not account.handle and not account.account_id:
        return None
    # Channels without a handle are addressed by their id (/channel/UC...).
    account.handle = account.handle or account.account_id or ""
    return account


def owner_of(account: Account | None) -> Owner | None:
    """The channel as the owner its tiles inherit."""
    if account is None:
        return None
    return Owner(account.handle or None, account.account_id, account.display_name, account.followers)
