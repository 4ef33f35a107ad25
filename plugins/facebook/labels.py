"""Sponsorship labels Facebook renders in a story's header ("Sponsored", "Paid partnership with X").

Only rendered markup counts: the word "Sponsored" also sits in m.facebook.com's ad-detection
selector configuration (inside JS strings, escaped as \\x3C), which says nothing about a post.
"""

from __future__ import annotations

import re

from plugins.facebook.markup import visible_text
from plugins.post import Post, Signal

_SPONSORED = re.compile(r">\s*(Sponsored)\s*<")
_PARTNERSHIP = re.compile(r">\s*(Paid partnership)(?:\s+with\s*(?:<[^>]*>\s*)*([^<]{1,80})<)?")


def read_labels(header: str) -> list[tuple[str, str | None]]:
    """(label text, partner name or None) for each label rendered in a story header."""
    found: list[tuple[str, str | None]] = []
    partnership = _PARTNERSHIP.search(header)
    if partnership:
        partner = visible_text(partnership.group(2) or "") or None
        found.append((partnership.group(1), partner))
    sponsored = _SPONSORED.search(header)
    if sponsored:
        found.append((sponsored.group(1), None))
    return found


def apply_labels(post: Post, header: str) -> None:
    """Record a header's labels on a post: metadata facts and the platform's signals."""
    labels = read_labels(header)
    if not labels:
        return
    post.metadata["labels"] = [label for label, _ in labels]
    for label, partner in labels:
        post.signals.append(Signal("platform_label", label, "label"))
        if label == "Sponsored":
            post.metadata["is_ad"] = True
        else:
            post.metadata["paid_partnership"] = True
        if partner:
            post.metadata.setdefault("sponsors", []).append(partner)
            post.signals.append(Signal("paid_partner", partner, "label"))
