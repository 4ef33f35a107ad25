"""One post's engagement: total per the platform's definition, rates, earned media value."""

from __future__ import annotations

from typing import Any

from plugins.engagement.settings import Settings
from plugins.post import Post


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def engagement(post: Post, settings: Settings) -> dict[str, Any]:
    """The `metadata["engagement"]` mapping: total, counters used and missing, rates, EMV."""
    rates = settings.rates(post.platform)
    known = {name: _count(getattr(post, name, None)) for name in rates.counters}
    present = [name for name, v in known.items() if v is not None]
    total = sum(v for v in known.values() if v is not None) if present else None
    views = _count(post.views)
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    followers = _count(meta.get("author_followers"))
    emv: float | None = None
    if views is not None or (total is not None and rates.cpe > 0):
        emv = round((views or 0) * rates.cpm / 1000 + (total or 0) * rates.cpe, 2)
    return {
        "total": total,
        "counters": present,
        "missing": [name for name, v in known.items() if v is None],
        "rate_by_views": round(total / views, 6) if total is not None and views else None,
        "rate_by_followers": round(total / followers, 6) if total is not None and followers else None,
        "emv": emv,
        "currency": settings.currency,
        "cpm": rates.cpm,
    }
