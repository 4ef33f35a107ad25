"""Shared helpers for the signal plugin tests: a post from text, and a clean brand registry per test."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from plugins.decision import is_disclosed, is_sponsored
from plugins.post import Post, Signal
from plugins.sponsorship import detect_signals
from plugins.sponsorship.brands import REGISTRY


def make_post(text: str = "", platform: str = "instagram", **fields: Any) -> Post:
    """A post with only what `reelscope detect` needs, plus any fields given."""
    return Post(platform=platform, post_id=fields.pop("post_id", "1"), url="", text=text, **fields)


def run(text: str = "", **fields: Any) -> tuple[Post, list[Signal]]:
    """Detect a post the way the host does (parser signals + detector's), deciding the flags."""
    post = make_post(text, **fields)
    signals = [*post.signals, *detect_signals(post)]
    post.signals = signals
    post.sponsored = is_sponsored(signals)
    post.disclosed = is_disclosed(signals)
    return post, signals


@pytest.fixture(autouse=True)
def clean_brands() -> Iterator[None]:
    """Every test starts and ends with an empty brand registry."""
    REGISTRY.clear()
    yield
    REGISTRY.clear()
