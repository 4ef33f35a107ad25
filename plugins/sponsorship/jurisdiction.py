"""Judge a post's disclosure against one jurisdiction's rule (us, uk, fr, de, es, it, nl, pt)."""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any

from plugins.decision import is_sponsored
from plugins.post import Post, Signal
from plugins.sponsorship.state import LEXICON


class _Jurisdictions(Set[str]):
    """The live set of jurisdiction codes the lexicon has rules for (registered ones included)."""

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip().lower() in LEXICON.jurisdictions

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(LEXICON.jurisdictions))

    def __len__(self) -> int:
        return len(LEXICON.jurisdictions)


JURISDICTIONS: Set[str] = _Jurisdictions()
_ALLOWED_POSITIONS: dict[str, frozenset[str]] = {
    "opening": frozenset({"opening", "label"}),
    "visible": frozenset({"opening", "buried", "label"}),
    "anywhere": frozenset({"opening", "buried", "hashtag_wall", "hashtags", "label"}),
}
_IMAGE_MARKERS = ("retouch", "virtuel")


def known_jurisdictions() -> list[str]:
    """Every jurisdiction the lexicon has a rule for (built-in and registered)."""
    return sorted(LEXICON.jurisdictions)


def _platform_disclosure(signal: Signal) -> bool:
    if signal.strength < 0.5:
        return False
    if signal.kind in ("platform_label", "promoted"):
        return True
    # A sponsor the platform names in its label; a bare commercial @mention is weaker.
    return signal.kind == "paid_partner" and signal.strength >= 0.9


def assess(post: Post, jurisdiction: str) -> dict[str, Any]:
    """Whether the disclosure found on a detected post meets `jurisdiction`'s rule, with the reasons.

    Returns {"jurisdiction", "compliant", "reasons"}; `compliant` is None when the post shows no
    commercial evidence. A platform label counts in every jurisdiction.
    """
    code = jurisdiction.strip().lower()
    info = LEXICON.jurisdictions.get(code)
    if info is None:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r} (known: {', '.join(known_jurisdictions())})")
    name = str(info.get("name", code))
    signals = list(post.signals)
    if not is_sponsored(signals):
        return {"jurisdiction": code, "compliant": None, "reasons": ["no commercial evidence"]}
    reasons: list[str] = []
    compliant = False
    for signal in signals:
        if _platform_disclosure(signal):
            compliant = True
            reasons.append(f"platform label {signal.evidence!r} counts as a disclosure everywhere")
    allowed = _ALLOWED_POSITIONS[str(info.get("placement", "opening"))]
    disclosures = [s for s in signals if s.kind == "disclosure"]
    for signal in disclosures:
        term = str(signal.detail.get("marker") or signal.evidence.lstrip("#").lower())
        where = str(signal.detail.get("position") or "unknown")
        standing = LEXICON.standing_of(term, code)
        if standing == "valid" and where in allowed:
            compliant = True
            reasons.append(f"{signal.evidence!r} meets the {name} rule ({where.replace('_', ' ')})")
        elif standing == "valid":
            reasons.append(
                f"{signal.evidence!r} is accepted in {name} but stands {_where(where)}; "
                f"the rule wants it {_want(str(info.get('placement')))}"
            )
        else:
            reasons.append(f"{signal.evidence!r} is not enough on its own in {name}")
    if not disclosures and not compliant:
        evidence = ", ".join(f"{s.kind} {s.evidence!r}" for s in signals if s.kind != "brand_mention")
        reasons.append(f"commercial evidence ({evidence}) but no disclosure")
    low = post.text.lower() if isinstance(post.text, str) else ""
    if any(m in low for m in _IMAGE_MARKERS):
        labels = [f.evidence for f in LEXICON.find(post.text, low) if f.rule.cls == "image_label"]
        reasons.extend(
            f"{label!r} labels edited images; it is not an advertising disclosure" for label in labels
        )
    if not compliant:
        rule = str(info.get("rule", ""))
        if rule:
            reasons.append(f"rule: {rule}")
    return {"jurisdiction": code, "compliant": compliant, "reasons": reasons}


def _where(position: str) -> str:
    return {
        "hashtag_wall": "in the hashtag wall at the end",
        "buried": "after the fold",
        "hashtags": "only in the hashtag list",
    }.get(position, position)


def _want(placement: str) -> str:
    return {
        "opening": "in the opening words",
        "visible": "visible in the message, not in a hashtag wall",
    }.get(placement, "present")
