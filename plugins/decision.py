"""Decide `sponsored` and `disclosed` from a post's merged signals."""

from __future__ import annotations

from collections.abc import Iterable

from plugins.post import Signal

# Kinds whose presence means the post is labelled or disclosed as commercial content.
DISCLOSURE_KINDS: frozenset[str] = frozenset({"platform_label", "disclosure", "paid_partner", "promoted"})
# Kinds that say the post is commercial whether or not it is disclosed; brand mentions alone are not.
COMMERCIAL_KINDS: frozenset[str] = frozenset(
    {
        "platform_label",
        "promoted",
        "disclosure",
        "promo_code",
        "affiliate_link",
        "brand_link",
        "paid_partner",
        "classifier",
    }
)
THRESHOLD = 0.5


def is_disclosed(signals: Iterable[Signal]) -> bool:
    """True when a platform label or a disclosure marker of sufficient strength is present."""
    return any(s.kind in DISCLOSURE_KINDS and s.strength >= THRESHOLD for s in signals)


def is_sponsored(signals: Iterable[Signal]) -> bool:
    """True when commercial evidence of sufficient strength is present."""
    return any(s.kind in COMMERCIAL_KINDS and s.strength >= THRESHOLD for s in signals)
