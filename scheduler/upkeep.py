"""Revisit, compare and purge jobs: re-crawl recent posts so engagement becomes a time series, keep the
market-share comparisons of recently seen posts up to date, and apply the retention policy."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from typing import Any

from scheduler.crawl import crawl_job
from scheduler.runtime import RUNTIME
from store import compare, retention, runs
from store.engine import database_url, get_engine, session
from store.migrations import ensure_schema

logger = logging.getLogger(__name__)
MAX_PERIODS = 60


def revisit_job(spec: dict[str, Any]) -> dict[str, Any]:
    """Crawl again, one post crawl each, the posts whose revisit age (+1 h, +24 h, +7 d…) has come."""
    engine = get_engine(RUNTIME.db or database_url())
    ensure_schema(engine)
    ages = [timedelta(seconds=s) for s in spec["ages"]]
    with session(engine) as s:
        due = runs.revisits_due(s, ages)[: int(spec.get("limit", 200))]
    outcomes = []
    for post in due:
        # The bare post id, so the crawl goes to the platform's configured base URL.
        job = {
            "job_id": f"revisit:{post.platform}:{post.post_id}",
            "platform": post.platform,
            "kind": "post",
            "target": post.post_id,
            "retries": 0,
        }
        outcomes.append(crawl_job(job))
    done = sum(1 for o in outcomes if o["status"] == "ok")
    logger.info("revisit: %d posts due, %d crawled", len(due), done)
    return {"due": len(due), "ok": done}


def compare_job(spec: dict[str, Any]) -> dict[str, Any]:
    """Recompute the weekly and monthly comparisons covering the posts seen in the last window."""
    engine = get_engine(RUNTIME.db or database_url())
    ensure_schema(engine)
    now = datetime.now(UTC)
    written = 0
    with session(engine) as s:
        span = runs.seen_span(s, now - timedelta(days=int(spec.get("window_days", 90))))
        if span is None:
            return {"periods": 0, "figures": 0}
        periods = 0
        for granularity in ("week", "month"):
            chosen = compare.periods_between(granularity, span[0], max(span[1], now) + timedelta(seconds=1))
            chosen = chosen[-MAX_PERIODS:]
            # Periods older than the posts retention keep the figures computed before a purge.
            chosen, _kept = retention.split_frozen(chosen, spec.get("retain_posts_days"), now)
            written += compare.compute(s, chosen)
            periods += len(chosen)
    logger.info("compare: %d periods, %d figures", periods, written)
    return {"periods": periods, "figures": written}


def purge_job(spec: dict[str, Any]) -> dict[str, Any]:
    """Remove text and posts past the watchlist's retention (privacy.retain_text_days / retain_posts_days)."""
    engine = get_engine(RUNTIME.db or database_url())
    ensure_schema(engine)
    with session(engine) as s:
        report = retention.purge(s, text_days=spec.get("text_days"), posts_days=spec.get("posts_days"))
    texts, posts = sum(report.texts.values()), sum(report.posts.values())
    logger.info("purge: %d texts and %d posts removed", texts, posts)
    return {"texts": texts, "posts": posts}
