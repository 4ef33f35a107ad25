"""What spiders hand to the item pipelines: one parsed page of posts, and the end of a request."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from plugins.post import Account, Post


@dataclass(slots=True)
class PostPage:
    """Posts (in page order, with their ranks) and accounts read from one page or captured response."""

    url: str
    posts: list[Post]
    ranks: list[int | None]
    path: str  # "http" or "browser"
    accounts: list[Account] = field(default_factory=list)
    missing: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class RequestDone:
    """Every page of a request is stored (or the request was given up): the journal may say so."""

    key: int | None
    error: str | None = None
