"""Platform evidence derived from `post.metadata` when the parser recorded the fact but no signal for it."""

from __future__ import annotations

from typing import Any

from plugins.post import Post, Signal
from plugins.sponsorship.lexicon import Lexicon


def _handles(value: Any) -> list[str]:
    if not isinstance(value, list):
        return []
    return [v.lstrip("@").lower() for v in value if isinstance(v, str) and v.strip("@ ")]


def platform_signals(post: Post, lexicon: Lexicon) -> list[Signal]:
    """Signals for labels, is_ad, paid_partnership, sponsors, commerce mentions left unsignalled."""
    meta = post.metadata
    if not meta or not isinstance(meta, dict):
        return []
    kinds = {s.kind for s in post.signals}
    out: list[Signal] = []
    if "platform_label" not in kinds:
        labels = meta.get("labels")
        for label in labels if isinstance(labels, list) else []:
            if isinstance(label, str) and label.strip() and lexicon.is_label(label):
                out.append(Signal("platform_label", label.strip(), "label", 1.0, {"position": "label"}))
        if meta.get("paid_partnership") is True and not out:
            out.append(
                Signal(
                    "platform_label", "paid_partnership=true", "metadata", 1.0, {"label": "Paid partnership"}
                )
            )
    if "promoted" not in kinds and meta.get("is_ad") is True:
        out.append(Signal("promoted", "is_ad=true", "metadata", 1.0))
    if "paid_partner" not in kinds:
        for handle in _handles(meta.get("sponsors")):
            out.append(Signal("paid_partner", handle, "metadata", 1.0, {"via": "sponsors"}))
        for handle in _handles(meta.get("commerce_mentions")):
            # TikTok marks a commercial @mention; weaker than a sponsor named in a label.
            out.append(Signal("paid_partner", handle, "metadata", 0.6, {"via": "commerce_mentions"}))
    return out


def partner_handles(post: Post) -> list[tuple[str, str]]:
    """(handle, role) of accounts the platform ties to the post: sponsors, co-authors, commerce mentions."""
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    out: list[tuple[str, str]] = []
    for role in ("sponsors", "coauthors", "commerce_mentions"):
        out.extend((h, role) for h in _handles(meta.get(role)))
    return out
