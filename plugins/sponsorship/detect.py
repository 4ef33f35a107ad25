"""The rules path: every sponsorship signal of a post (disclosures, platform facts, codes, links, brands)."""

from __future__ import annotations

from collections.abc import Collection

from plugins.post import Post, Signal
from plugins.sponsorship.brands import REGISTRY, BrandRegistry
from plugins.sponsorship.codes import find_codes, may_hold_trigger
from plugins.sponsorship.lexicon import Found, Lexicon
from plugins.sponsorship.links import classify, links_of, may_hold_url
from plugins.sponsorship.platform_signals import partner_handles, platform_signals
from plugins.sponsorship.position import position
from plugins.sponsorship.trie import Words


def _disclosure(found: Found, text: str, where: str | None = None) -> Signal:
    return Signal(
        "disclosure",
        found.evidence,
        "text",
        found.strength,
        {
            "marker": found.rule.term,
            "class": found.rule.cls,
            "form": found.rule.form,
            "position": where or position(text, found.start),
            "offset": found.start if where is None else None,
        },
    )


def disclosure_signals(
    post: Post, lexicon: Lexicon, text: str, low: str, words: Collection[str] | None = None
) -> list[Signal]:
    """Disclosure markers in the caption, and in the hashtag list when the caption does not carry it."""
    language = post.metadata.get("language") if post.metadata and isinstance(post.metadata, dict) else None
    out = [
        _disclosure(f, text, None)
        for f in lexicon.find(text, low, language, words)
        if f.rule.cls != "image_label"
    ]
    if post.hashtags and "#" not in text:
        tags = " ".join("#" + str(t) for t in post.hashtags)
        seen = {s.detail["marker"] for s in out}
        out.extend(
            _disclosure(f, tags, "hashtags")
            for f in lexicon.find(tags, tags.lower(), language)
            if f.rule.cls != "image_label" and f.rule.term not in seen
        )
    return out


def brand_signals(
    post: Post, brands: BrandRegistry, text: str, low: str, words: Collection[str] | None = None
) -> list[Signal]:
    """Brand mentions by @handle, #tag or name in the text, and accounts the platform ties to the post."""
    out = [
        Signal("brand_mention", m.evidence, "text", 0.2, {"brand": m.brand, "via": m.via})
        for m in brands.find(text, low, words)
    ]
    if not post.mentions and not post.metadata:
        return out
    seen = {s.detail["brand"] for s in out}
    handles = [(h, "mentions") for h in post.mentions if isinstance(h, str)] + partner_handles(post)
    for handle, role in handles:
        brand = brands.for_handle(handle)
        if brand is not None and brand not in seen:
            seen.add(brand)
            out.append(Signal("brand_mention", "@" + handle, "metadata", 0.2, {"brand": brand, "via": role}))
    return out


def link_signals(post: Post, brands: BrandRegistry, text: str, low: str) -> list[Signal]:
    """Affiliate, shortener and brand-campaign links from the text and `metadata["links"]`."""
    meta_links = post.metadata.get("links") if post.metadata and isinstance(post.metadata, dict) else None
    if meta_links is None and not may_hold_url(low):
        return []
    out: list[Signal] = []
    for url, where in links_of(text, low, meta_links):
        for found in classify(url, brands, post.author):
            detail = dict(found.detail, found_in=where)
            out.append(Signal(found.kind, found.url, "link", found.strength, detail))
    return out


def detect(post: Post, lexicon: Lexicon, brands: BrandRegistry = REGISTRY) -> list[Signal]:
    """All rule-based sponsorship signals of a post; works on posts with only platform and text."""
    text = post.text if isinstance(post.text, str) else ""
    low = text.lower()
    words = Words(low)
    meta = post.metadata
    # Most captions hold nothing commercial: each step runs only when its cheap test (shared words,
    # a substring, metadata present) says it could find something; skipped, it would return [].
    if post.hashtags or lexicon.may_match(words):
        signals = disclosure_signals(post, lexicon, text, low)
    else:
        signals = []
    if meta:
        signals.extend(platform_signals(post, lexicon))
    if may_hold_trigger(low):
        signals.extend(
            Signal("promo_code", c.code, "text", c.strength, {"trigger": c.trigger})
            for c in find_codes(text, low)
        )
    if meta or may_hold_url(low):
        signals.extend(link_signals(post, brands, text, low))
    if meta or post.mentions or brands.may_match(words):
        signals.extend(brand_signals(post, brands, text, low))
    return signals
