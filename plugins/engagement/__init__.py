"""Engagement enrichment: total engagements per platform definition, rates by views and followers,
earned media value from configurable CPMs, and growth between snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugins.engagement.growth import growth
from plugins.engagement.metrics import engagement
from plugins.engagement.settings import Settings, build
from plugins.hookspecs import hookimpl
from plugins.post import Post

__all__ = ["configure", "current_settings", "engagement", "growth"]

_SETTINGS: list[Settings] = [build()]


def configure(
    settings: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Set engagement settings: `rates.json` defaults, then `settings` (same shape), then the env."""
    _SETTINGS[0] = build(settings, environ)
    return _SETTINGS[0]


def current_settings() -> Settings:
    """The settings in force."""
    return _SETTINGS[0]


@hookimpl
def enrich_post(post: Post) -> None:
    """Put total engagements, rates and earned media value in `post.metadata["engagement"]`."""
    if not isinstance(post.metadata, dict):
        post.metadata = {}
    post.metadata["engagement"] = engagement(post, _SETTINGS[0])


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what the plugin provides."""
    return {
        "version": "1",
        "description": "Engagement totals, rates by views and followers, earned media value, growth",
        "counters": ["views", "likes", "comments", "shares", "saves"],
    }
