"""One post's engagement: total per the platform's definition, rates, earned media value."""

from __future__ import annotations

from typing import Any

from plugins.engagement.settings import Settings
from plugins.post import Post


def engagement(post: Post, settings: Settings) -> dict[str, Any]:
    """The `metadata["engagement"]` mapping: total, counters used and missing, rates, EMV."""
    rates = settings.rates(post.platform)
    total: int | None = None
    present: list[str] = []
    missing: list[str] = []
    for name in rates.counters:
        value = getattr(post, name, None)
        # bool is an int subclass: a stray True must not count as one like.
        if type(value) is int and value >= 0:
            total = value if total is None else total + value
            present.append(name)
        else:
            missing.append(name)
    views = post.views if type(post.views) is int and post.views >= 0 else None
    followers = post.metadata.get("author_followers") if isinstance(post.metadata, dict) else None
    if type(followers) is not int or followers < 0:
        followers = None
    emv: float | None = None
    if views is not None or (total is not None and rates.cpe > 0):
        emv = round((views or 0) * rates.cpm / 1000 + (total or 0) * rates.cpe, 2)
    return {
        "total": total,
        "counters": present,
        "missing": missing,
        "rate_by_views": round(total / views, 6) if total is not None and views else None,
        "rate_by_followers": round(total / followers, 6) if total is not None and followers else None,
        "emv": emv,
        "currency": settings.currency,
        "cpm": rates.cpm,
    }
