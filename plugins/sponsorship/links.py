"""Links in a post: affiliate networks, unresolved shorteners, and brand-campaign links with tracking."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from plugins.sponsorship.brands import BrandRegistry

_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
    r"|(?<![\w@./-])(?:[a-z0-9-]+\.)+[a-z]{2,}/[^\s<>\"'()\[\]{}]*"
)
_TRAILING = ".,;:!?…»”’'\""
# Hosts (and their subdomains) that only serve affiliate redirects, by network.
AFFILIATE_HOSTS: dict[str, str] = {
    "amzn.to": "amazon",
    "rstyle.me": "rewardstyle",
    "liketk.it": "ltk",
    "shopltk.com": "ltk",
    "shopmy.us": "shopmy",
    "geni.us": "geniuslink",
    "howl.me": "howl",
    "howl.link": "howl",
    "awin1.com": "awin",
    "anrdoezrs.net": "cj",
    "dpbolvw.net": "cj",
    "jdoqocy.com": "cj",
    "kqzyfj.com": "cj",
    "tkqlhce.com": "cj",
    "emjcd.com": "cj",
    "sjv.io": "impact",
    "go.skimresources.com": "skimlinks",
    "hop.clickbank.net": "clickbank",
    "s.click.aliexpress.com": "aliexpress",
    "click.linksynergy.com": "rakuten",
    "shareasale.com": "shareasale",
    "shopstyle.com": "shopstyle",
    "shopstyle.co.uk": "shopstyle",
    "shopstyle.de": "shopstyle",
    "shopstyle.fr": "shopstyle",
    "shopstyle.it": "shopstyle",
}
_IMPACT = re.compile(r"(?:^|\.)imp\.i\d+\.net$")
SHORTENERS: frozenset[str] = frozenset(
    [
        "bit.ly",
        "tinyurl.com",
        "ow.ly",
        "buff.ly",
        "is.gd",
        "cutt.ly",
        "rebrand.ly",
        "shorturl.at",
        "t.ly",
        "rb.gy",
        "tiny.cc",
        "lnkd.in",
        "bl.ink",
        "soo.gd",
        "s.id",
        "urlz.fr",
        "vu.fr",
    ]
)
_GENERIC_AFFILIATE_KEYS = frozenset({"affid", "aff_id", "affiliate_id", "affiliate", "aff", "affiliateid"})
_CREATOR_VALUES = frozenset(
    {
        "influencer",
        "influencers",
        "creator",
        "creators",
        "affiliate",
        "affiliates",
        "partner",
        "partners",
        "partnership",
        "ambassador",
        "ambassadors",
        "collab",
        "ugc",
    }
)
_CAMPAIGN_KEYS = frozenset(
    {"ref", "code", "discount", "coupon", "promo", "utm_campaign", "irclickid", "ranmid"}
)
_CREATOR_PATHS = frozenset(
    {"discount", "ref", "creator", "creators", "partner", "partners", "ambassador", "invite", "r"}
)


@dataclass(frozen=True, slots=True)
class LinkSignal:
    """What a link says: its kind (affiliate_link, brand_link, brand_mention), strength, and details."""

    kind: str
    url: str
    strength: float
    detail: dict[str, Any] = field(default_factory=dict)


def may_hold_url(low: str) -> bool:
    """False when the lowercased text cannot hold a URL `_URL` matches (every one has "/" or "www.")."""
    return "/" in low or "www." in low


def extract_urls(text: str, low: str) -> list[str]:
    """URLs written in `text` (with or without scheme), as written, trailing punctuation removed."""
    if not may_hold_url(low):
        return []
    same = len(low) == len(text)
    out = []
    for match in _URL.finditer(low):
        url = (text if same else low)[match.start() : match.end()].rstrip(_TRAILING)
        if url:
            out.append(url)
    return out


def _host_and_query(url: str) -> tuple[str, str, list[tuple[str, str]]] | None:
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
        host = (parts.hostname or "").lower()
    except ValueError:
        return None
    if not host:
        return None
    query = parse_qsl(parts.query, keep_blank_values=True) if parts.query else []
    return host.removeprefix("www."), parts.path, query


def _suffix_lookup(host: str, table: dict[str, str]) -> str | None:
    while host:
        found = table.get(host)
        if found is not None:
            return found
        _, _, host = host.partition(".")
    return None


def _affiliate(host: str, path: str, keys: set[str]) -> tuple[str, float] | None:
    network = _suffix_lookup(host, AFFILIATE_HOSTS)
    if network is not None:
        return network, 0.9
    if _IMPACT.search(host) or host.endswith(".hop.clickbank.net"):
        return ("impact" if "imp.i" in host else "clickbank"), 0.9
    if ".amazon." in "." + host + "." and "tag" in keys:
        return "amazon", 0.9
    if "aliexpress." in host and any(k.startswith("aff_") for k in keys):
        return "aliexpress", 0.9
    if (host == "booking.com" or host.endswith(".booking.com")) and "aid" in keys:
        return "booking", 0.8
    if keys & _GENERIC_AFFILIATE_KEYS:
        return "generic", 0.7
    return None


def classify(url: str, brands: BrandRegistry, author: str | None = None) -> list[LinkSignal]:
    """The signals one URL carries: affiliate network, shortener, brand domain and campaign tracking."""
    parsed = _host_and_query(url)
    if parsed is None:
        return []
    host, path, query = parsed
    keys = {k.lower() for k, _ in query}
    out: list[LinkSignal] = []
    affiliate = _affiliate(host, path, keys)
    if affiliate is not None:
        out.append(LinkSignal("affiliate_link", url, affiliate[1], {"network": affiliate[0], "host": host}))
    elif host in SHORTENERS:
        out.append(LinkSignal("affiliate_link", url, 0.3, {"network": "shortener", "host": host}))
    brand = brands.for_host(host)
    if brand is not None:
        out.append(LinkSignal("brand_mention", url, 0.2, {"brand": brand, "via": "domain"}))
        reason = _campaign(path, query, keys, author)
        if reason is not None:
            out.append(LinkSignal("brand_link", url, 0.7, {"brand": brand, "tracking": reason}))
    return out


def _campaign(path: str, query: list[tuple[str, str]], keys: set[str], author: str | None) -> str | None:
    """Why a brand link looks creator-specific (tracking parameter, creator path), or None."""
    for key, value in query:
        low_key = key.lower()
        if low_key in ("utm_source", "utm_medium") and value.lower() in _CREATOR_VALUES:
            return f"{low_key}={value}"
        if low_key in _CAMPAIGN_KEYS:
            return f"{low_key}={value}" if value else low_key
    segments = [s for s in path.lower().split("/") if s]
    if any(s in _CREATOR_PATHS for s in segments):
        return "path /" + "/".join(segments)
    if author and author.lower() in segments:
        return f"path names the author {author}"
    return None


def links_of(text: str, low: str, metadata_links: Any) -> Iterable[tuple[str, str]]:
    """(url, source) pairs: URLs in the text, then `metadata["links"]` not already seen."""
    seen: set[str] = set()
    for url in extract_urls(text, low):
        if url not in seen:
            seen.add(url)
            yield url, "text"
    if isinstance(metadata_links, list):
        for url in metadata_links:
            if isinstance(url, str) and url and url not in seen:
                seen.add(url)
                yield url, "metadata"
