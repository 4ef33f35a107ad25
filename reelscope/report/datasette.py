"""Datasette for research access: metadata describing every table, view and column, and canned queries."""

from __future__ import annotations

from typing import Any

from store.views import describe

CANNED: dict[str, dict[str, str]] = {
    "share_of_voice_by_week": {
        "title": "Share of voice by week",
        "description": "Each brand's posts and share of voice per platform, week by week "
        "(`reelscope report` computes the weeks).",
        "sql": "SELECT period_start, platform, brand, value AS posts,\n"
        "       round(share_of_voice, 4) AS share_of_voice\n"
        "FROM v_share_of_voice\nWHERE granularity = 'week' AND metric = 'posts'\n"
        "ORDER BY period_start DESC, platform, share_of_voice DESC, brand",
    },
    "top_sponsored_creators_per_brand": {
        "title": "Top sponsored creators per brand",
        "description": "The ten creators with the most sponsored posts naming each brand, and their views.",
        "sql": "SELECT brand, platform, author, sponsored_posts, views FROM (\n"
        "  SELECT brand, platform, author, count(*) AS sponsored_posts, sum(views) AS views,\n"
        "         row_number() OVER (PARTITION BY brand ORDER BY count(*) DESC, sum(views) DESC,\n"
        "                            platform, author) AS rank\n"
        "  FROM (SELECT DISTINCT b.value AS brand, p.post_pk, p.platform, p.author, p.views\n"
        "        FROM v_post_latest p, json_each(p.brands) b\n"
        "        WHERE p.sponsored AND p.author IS NOT NULL)\n"
        "  GROUP BY brand, platform, author\n"
        ") WHERE rank <= 10 ORDER BY brand, rank",
    },
    "undisclosed_by_platform": {
        "title": "Undisclosed sponsorship by platform",
        "description": "Sponsored posts per platform and how many carry no label or disclosure.",
        "sql": "SELECT platform, sum(sponsored) AS sponsored_posts,\n"
        "       sum(CASE WHEN sponsored AND NOT disclosed THEN 1 ELSE 0 END) AS undisclosed,\n"
        "       round(1.0 * sum(CASE WHEN sponsored AND NOT disclosed THEN 1 ELSE 0 END)\n"
        "             / max(sum(sponsored), 1), 4) AS undisclosed_share\n"
        "FROM post GROUP BY platform ORDER BY undisclosed DESC, platform",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for the database named `database` (the SQLite file's stem)."""
    tables = {
        name: {"description": doc["description"], "columns": doc["columns"]}
        for name, doc in describe().items()
    }
    return {
        "title": "reelscope",
        "description": "Public posts, engagement over time, sponsorship signals and market-share figures.",
        "databases": {database: {"tables": tables, "queries": CANNED}},
    }
