"""Decide `sponsored`, `disclosed` and `undisclosed` from a post's merged signals, and explain why.

Commercial evidence combines as a noisy-OR of the strengths of commercial signals: one strong signal
(a platform label, "#ad", an affiliate link) is enough, and weak ones of different kinds (an
unresolved shortener and "#collab") add up. Several signals of one kind count once, at the strongest:
a description with three bit.ly links is one habit, not three independent hints. Brand mentions are
never commercial on their own. A post is disclosed when a platform label or a disclosure marker of at
least THRESHOLD strength is present; ambiguous markers ("#sp", "#collab") count as commercial hints
but disclose nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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
        "spark_ads",
        "classifier",
    }
)
THRESHOLD = 0.5


def _strength(signal: Signal) -> float:
    value = float(signal.strength)
    # Clamped to [0, 1] as min(max(value, 0), 1) would be (NaN passes through), without two calls.
    return 0.0 if value < 0.0 else 1.0 if value > 1.0 else value


def commercial_score(signals: Iterable[Signal]) -> float:
    """The probability-like score that the post is commercial: noisy-OR of the strongest signal per kind."""
    strongest: dict[str, float] = {}
    for signal in signals:
        kind = signal.kind
        if kind in COMMERCIAL_KINDS:
            value = _strength(signal)
            if value > strongest.get(kind, 0.0):
                strongest[kind] = value
    remaining = 1.0
    for value in strongest.values():
        remaining *= 1.0 - value
    return 1.0 - remaining


def is_disclosed(signals: Iterable[Signal]) -> bool:
    """True when a platform label or a disclosure marker of sufficient strength is present."""
    for signal in signals:  # noqa: SIM110 - a plain loop: any() with a generator is slower per post
        if signal.kind in DISCLOSURE_KINDS and _strength(signal) >= THRESHOLD:
            return True
    return False


def is_sponsored(signals: Iterable[Signal]) -> bool:
    """True when the combined commercial evidence reaches THRESHOLD (a disclosure always does)."""
    signals = list(signals)
    if not signals:
        return False
    return is_disclosed(signals) or commercial_score(signals) >= THRESHOLD


def is_undisclosed(signals: Iterable[Signal]) -> bool:
    """True for commercial evidence without any disclosure: the posts a regulator would look at."""
    signals = list(signals)
    return is_sponsored(signals) and not is_disclosed(signals)


def explain(signals: Iterable[Signal]) -> dict[str, Any]:
    """The decision with its evidence: flags, score, and the signals behind it, strongest first."""
    signals = list(signals)
    sponsored = is_sponsored(signals)
    disclosed = is_disclosed(signals)
    ranked = sorted(signals, key=lambda s: -_strength(s))
    return {
        "sponsored": sponsored,
        "disclosed": disclosed,
        "undisclosed": sponsored and not disclosed,
        "score": round(commercial_score(signals), 4),
        "disclosures": [s.to_dict() for s in ranked if s.kind in DISCLOSURE_KINDS],
        "commercial": [s.to_dict() for s in ranked if s.kind in COMMERCIAL_KINDS - DISCLOSURE_KINDS],
        "other": [s.to_dict() for s in ranked if s.kind not in COMMERCIAL_KINDS],
    }
