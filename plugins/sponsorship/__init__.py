"""Sponsored-content signals: disclosure lexicon per jurisdiction, platform labels, promo codes, affiliate
and brand-campaign links, brand mentions, and an optional weakly supervised text classifier."""

from __future__ import annotations

from typing import Any

from plugins.decision import commercial_score
from plugins.hookspecs import hookimpl
from plugins.post import Post, Signal
from plugins.sponsorship.brands import REGISTRY, load_brands, register_brand
from plugins.sponsorship.classifier import model_signal
from plugins.sponsorship.detect import detect
from plugins.sponsorship.state import LEXICON, register_lexicon_entry

__all__ = ["collect_extensions", "load_brands", "register_brand", "register_lexicon_entry"]

SIGNAL_KINDS = [
    "disclosure",
    "platform_label",
    "promoted",
    "paid_partner",
    "promo_code",
    "affiliate_link",
    "brand_link",
    "brand_mention",
    "classifier",
]
_IMAGE_MARKERS = ("retouch", "virtuel")


@hookimpl
def detect_signals(post: Post) -> list[Signal]:
    """Disclosure markers, platform facts, promo codes, links and brand mentions of a post."""
    signals = detect(post, LEXICON, REGISTRY)
    found = model_signal(post)
    if found is not None:
        signals.append(found)
    return signals


@hookimpl
def enrich_post(post: Post) -> None:
    """Fill `brands` from the merged signals; note the commercial score and any edited-image label."""
    brands = list(post.brands)
    signals = post.signals
    for signal in signals:
        brand = signal.detail.get("brand") if isinstance(signal.detail, dict) else None
        if isinstance(brand, str) and brand not in brands:
            brands.append(brand)
    post.brands = brands
    if not isinstance(post.metadata, dict):
        post.metadata = {}
    # The host has already decided `sponsored` and `disclosed` from these signals.
    post.metadata["sponsorship"] = {
        "score": round(commercial_score(signals), 4) if signals else 0.0,
        "undisclosed": post.sponsored and not post.disclosed,
    }
    low = post.text.lower() if isinstance(post.text, str) else ""
    for marker in _IMAGE_MARKERS:
        if marker in low:
            labels = [f.evidence for f in LEXICON.find(post.text, low) if f.rule.cls == "image_label"]
            if labels:
                post.metadata["image_labels"] = labels
            break


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "Sponsored-content evidence: disclosures, labels, codes, links, brands",
        "signal_kinds": SIGNAL_KINDS,
    }


@hookimpl
def plugins_loaded(hook: Any) -> None:
    """Collect the lexicon entries and brands other plugins register."""
    collect_extensions(hook)


def collect_extensions(hook: Any) -> None:
    """Ask every plugin for lexicon entries and brands (call once after loading, with `pm.hook`)."""
    hook.register_lexicon(register=register_lexicon_entry)
    hook.register_brands(register=register_brand)
