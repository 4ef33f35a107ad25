"""What the store's tables and SQL views mean, column by column, for people who query it directly.

The views themselves are created by the Alembic revision 0002 (a frozen copy of their SQL, as
revisions must be); this module documents them and gives typed `Table` objects to read them with,
kept on their own MetaData so Alembic never mistakes a view for a table to create.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Float, Integer, MetaData, String, Table, Text
from sqlalchemy.types import TypeEngine

from store.types import JSONType, UTCDateTime

_VIEW_METADATA = MetaData()


@dataclass(frozen=True, slots=True)
class Doc:
    """A documented column: name, type, meaning."""

    name: str
    type: TypeEngine[Any]
    doc: str


@dataclass(frozen=True, slots=True)
class View:
    """A documented SQL view: the question it answers and its columns."""

    name: str
    doc: str
    columns: tuple[Doc, ...]


_T, _I, _B, _F, _TX = String(), Integer(), BigInteger(), Float(), Text()
_TIME, _JSON, _BOOL = UTCDateTime(), JSONType, Boolean()
_COUNTERS = tuple(
    Doc(name, _B, f"{name.capitalize()} in the latest snapshot (NULL: hidden or not shown by the page).")
    for name in ("views", "likes", "comments", "shares", "saves")
)
_SHARE_KEY = (
    Doc("granularity", _T, "How the period was cut: day, week, month or custom."),
    Doc("period_start", _TIME, "Start of the period (UTC, inclusive)."),
    Doc("period_end", _TIME, "End of the period (UTC, exclusive)."),
    Doc("platform", _T, 'Platform, or "*" for all platforms together.'),
    Doc("brand", _T, 'Brand, or "*" for all posts whatever their brands.'),
    Doc("metric", _T, "Metric name (see the metric definitions)."),
    Doc("value", _F, "The figure."),
)

VIEWS: dict[str, View] = {
    v.name: v
    for v in (
        View(
            "v_post_latest",
            "Every post with the counters of its latest engagement snapshot and how many snapshots it has.",
            (
                Doc("post_pk", _I, "The post's row id (post.id)."),
                Doc("platform", _T, "Platform name."),
                Doc("post_id", _T, "The platform's own id of the post."),
                Doc("url", _TX, "Canonical public URL."),
                Doc("author", _T, "Author handle without @ (NULL when unknown)."),
                Doc("published_at", _TIME, "Publication time, UTC (NULL when the page did not give it)."),
                Doc("media_type", _T, "video, short, image, carousel, text or live."),
                Doc("sponsored", _BOOL, "The evidence says the post is commercial content."),
                Doc("disclosed", _BOOL, "A platform label or disclosure marker is present."),
                Doc("brands", _JSON, "Brands found in the post, lowercase (JSON list)."),
                Doc("first_seen_at", _TIME, "First sighting, UTC."),
                Doc("last_seen_at", _TIME, "Latest sighting, UTC."),
                Doc(
                    "observed_at", _TIME, "When the latest snapshot was taken (NULL: no counters ever seen)."
                ),
                *_COUNTERS,
                Doc("crawl_run_id", _I, "The crawl run that took the latest snapshot."),
                Doc("snapshots", _I, "How many engagement snapshots the post has."),
            ),
        ),
        View(
            "v_undisclosed",
            "Sponsored posts without any platform label or disclosure marker, with their latest counters.",
            (
                Doc("post_pk", _I, "The post's row id (post.id)."),
                Doc("platform", _T, "Platform name."),
                Doc("post_id", _T, "The platform's own id of the post."),
                Doc("url", _TX, "Canonical public URL."),
                Doc("author", _T, "Author handle without @."),
                Doc("published_at", _TIME, "Publication time, UTC."),
                Doc("brands", _JSON, "Brands found in the post (JSON list)."),
                Doc("observed_at", _TIME, "When the latest snapshot was taken."),
                *_COUNTERS,
                Doc("signals", _I, "How many pieces of sponsorship evidence the post carries."),
            ),
        ),
        View(
            "v_share_of_voice",
            "Each brand's share of voice within a platform (or all platforms), per period and metric.",
            (
                *_SHARE_KEY,
                Doc("share_of_voice", _F, "value / the sum of every brand's value on the same platform."),
                Doc("definition_version", _I, "Version of the metric's definition."),
                Doc("computed_at", _TIME, "When the figure was computed."),
            ),
        ),
        View(
            "v_platform_share",
            "Each platform's share of the all-platform total, per period and metric (all brands).",
            (
                *_SHARE_KEY,
                Doc("share_of_total", _F, "value / the same metric over all platforms."),
                Doc("definition_version", _I, "Version of the metric's definition."),
                Doc("computed_at", _TIME, "When the figure was computed."),
            ),
        ),
    )
}

TABLE_DOCS: dict[str, tuple[str, dict[str, str]]] = {
    "post": (
        "One row per public post (platform, post_id), merged over every sighting; latest known counters.",
        {
            "id": "Row id.",
            "platform": "Platform name.",
            "post_id": "The platform's own id: TikTok item id, YouTube video id, Instagram shortcode, …",
            "url": "Canonical public URL.",
            "author": "Author handle without @ (NULL when unknown).",
            "published_at": "Publication time, UTC (NULL when the page did not give it).",
            "text": "Caption, description or post text.",
            "hashtags": "Hashtags, lowercase, without # (JSON list).",
            "mentions": "Mentioned handles, lowercase, without @ (JSON list).",
            "media_type": "video, short, image, carousel, text or live.",
            "views": "Latest known views (NULL: hidden or never shown).",
            "likes": "Latest known likes.",
            "comments": "Latest known comments.",
            "shares": "Latest known shares.",
            "saves": "Latest known saves/bookmarks.",
            "approximate": 'Counters that only came abbreviated ("228K"), expanded (JSON list).',
            "sponsored": "The evidence says the post is commercial content.",
            "disclosed": "A platform label or disclosure marker is present.",
            "brands": "Brands found, lowercase (JSON list).",
            "meta": "Extra data from parsers and plugins, e.g. engagement totals and EMV (JSON object).",
            "first_seen_at": "First sighting, UTC.",
            "last_seen_at": "Latest sighting, UTC.",
        },
    ),
    "engagement_snapshot": (
        "The counters of a post as one crawl saw them: a time series per post.",
        {
            "id": "Row id.",
            "post_pk": "The post (post.id).",
            "observed_at": "When the page was fetched, UTC.",
            "views": "Views on that page (NULL: not shown).",
            "likes": "Likes on that page.",
            "comments": "Comments on that page.",
            "shares": "Shares on that page.",
            "saves": "Saves on that page.",
            "crawl_run_id": "The crawl run (crawl_run.id).",
        },
    ),
    "signal": (
        "Sponsorship evidence of a post's latest observation.",
        {
            "id": "Row id.",
            "post_pk": "The post (post.id).",
            "kind": "platform_label, promoted, disclosure, promo_code, affiliate_link, brand_link, …",
            "evidence": "The text or field that triggered it.",
            "source": "label, text, link, metadata or model.",
            "strength": "How strongly it indicates commercial content (0-1).",
            "detail": "Extra detail (JSON object).",
        },
    ),
    "sighting": (
        "Where and how a post was seen: one row per post per stored page.",
        {
            "id": "Row id.",
            "post_pk": "The post (post.id).",
            "crawl_run_id": "The crawl run (crawl_run.id).",
            "target": "The watched target (account, hashtag, search, URL) whose page showed the post.",
            "rank": "Position of the post on that page.",
            "path": "http (plain request) or browser.",
            "seen_at": "When, UTC.",
        },
    ),
    "crawl_run": (
        "One crawl of one target: when, how it ended and what it produced.",
        {
            "id": "Row id.",
            "platform": "Platform name.",
            "target": "What was crawled.",
            "target_kind": "post, account, hashtag or search.",
            "started_at": "Start, UTC.",
            "finished_at": "End, UTC (NULL while running).",
            "status": "running, ok, failed or killed.",
            "pages": "Pages fetched.",
            "posts": "Posts stored.",
            "errors": "Errors met.",
            "missing": "How many posts lacked each field (JSON object).",
            "settings": "Settings of the run (JSON object).",
            "stderr_tail": "End of the crawl's error output.",
        },
    ),
    "account": (
        "Public counters of an account as its profile page shows them.",
        {
            "id": "Row id.",
            "platform": "Platform name.",
            "handle": "Handle without @.",
            "account_id": "The platform's own account id.",
            "display_name": "Display name.",
            "followers": "Followers (NULL when hidden).",
            "following": "Accounts followed.",
            "likes": "Total likes shown on the profile.",
            "posts": "Post count shown on the profile.",
            "verified": "Verified badge.",
            "updated_at": "Last update, UTC.",
        },
    ),
    "brand": (
        "Brands to match in posts.",
        {
            "id": "Row id.",
            "name": "Brand name, lowercase.",
            "aliases": "Other names (JSON list).",
            "handles": "Account handles per platform (JSON object).",
            "domains": "Web domains (JSON list).",
        },
    ),
    "share_snapshot": (
        "Computed market-share figures: one per period × platform × brand × metric.",
        {
            "id": "Row id.",
            "period_start": "Start of the period (UTC, inclusive).",
            "period_end": "End of the period (UTC, exclusive).",
            "granularity": "day, week, month or custom.",
            "platform": 'Platform, or "*" for all platforms.',
            "brand": 'Brand, or "*" for all posts.',
            "metric": "Metric name (see the metric definitions).",
            "value": "The figure.",
            "share": 'Brand "*": the platform\'s share of the total; a brand: its share of voice.',
            "definition_version": "Version of the metric's definition.",
            "sample": "Coverage: posts, posts with a value, targets, crawl runs, parameters.",
            "computed_at": "When the figure was computed.",
        },
    ),
}


def view_table(name: str) -> Table:
    """A typed, read-only `Table` for one documented view."""
    found = _VIEW_METADATA.tables.get(name)
    if found is not None:
        return found
    view = VIEWS[name]
    return Table(name, _VIEW_METADATA, *(Column(c.name, c.type) for c in view.columns))


def describe() -> dict[str, dict[str, Any]]:
    """Every table and view: its description and its columns' descriptions."""
    out: dict[str, dict[str, Any]] = {
        name: {"description": doc, "columns": dict(columns)} for name, (doc, columns) in TABLE_DOCS.items()
    }
    for view in VIEWS.values():
        out[view.name] = {"description": view.doc, "columns": {c.name: c.doc for c in view.columns}}
    return out
