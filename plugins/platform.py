"""What a platform plugin registers: the Page it reads, the Platform it is, what parsing returns."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from plugins.post import Account, Post

TARGET_KINDS: tuple[str, ...] = ("post", "account", "hashtag", "search")


class ParseError(Exception):
    """The one exception a parser may raise: the page is not in a format the parser knows."""


@dataclass(slots=True)
class Page:
    """A fetched (or saved) response handed to a parser."""

    url: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    fetched_at: str | None = None
    kind: str | None = None  # a hint: "html", "json", "ndjson"; parsers sniff when None

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (undecodable bytes replaced)."""
        return self.body.decode("utf-8", errors="replace")


@dataclass(slots=True)
class ParseResult:
    """Posts (in page order) and accounts found on a page, with what was missing and why."""

    posts: list[Post] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    missing: Counter[str] = field(default_factory=Counter)  # field name -> posts lacking it
    warnings: list[str] = field(default_factory=list)
    next_cursor: str | None = None  # pagination: what to ask for next, when the page says
    has_more: bool | None = None
    format: str | None = None  # which of the platform's formats was recognised

    def __iter__(self) -> Iterator[Post]:
        return iter(self.posts)

    def __len__(self) -> int:
        return len(self.posts)

    def add(self, post: Post, missing: list[str] | tuple[str, ...] = ()) -> None:
        """Append a post and count the optional fields it lacks."""
        self.posts.append(post)
        self.missing.update(missing)

    def warn(self, message: str) -> None:
        """Record a page-level warning (login wall, unknown block, …)."""
        self.warnings.append(message)


@dataclass(slots=True)
class Recipe:
    """How a spider builds the first request for a target kind and follows pagination."""

    kind: str  # one of TARGET_KINDS
    start_url: Callable[[str, str], str]  # (base_url, target) -> URL of the first page
    next_url: Callable[[str, str, ParseResult], str | None] | None = None  # (base, target, result)
    browser: bool = False  # True when only a browser gets the data (scroll + capture XHR)
    capture: tuple[str, ...] = ()  # URL substrings of the JSON responses to capture in a browser


@dataclass(slots=True)
class Platform:
    """A platform as a plugin registers it: identity, URL patterns, parser, spider recipes."""

    name: str
    domains: tuple[str, ...]
    url_patterns: dict[str, tuple[str, ...]]  # target kind -> regexes over full URLs
    parse: Callable[[Page], ParseResult]
    sniff: Callable[[Page], bool]  # does this body look like one of this platform's formats?
    base_url: str = ""
    recipes: dict[str, Recipe] = field(default_factory=dict)
    counters: tuple[str, ...] = ("views", "likes", "comments", "shares", "saves")
    formats: tuple[str, ...] = ()
    version: str = "0"
    _compiled: dict[str, list[re.Pattern[str]]] = field(default_factory=dict, repr=False)

    def match(self, url: str) -> str | None:
        """Return the target kind a URL is for on this platform, or None."""
        if not self._compiled:
            self._compiled = {k: [re.compile(p) for p in v] for k, v in self.url_patterns.items()}
        for kind, patterns in self._compiled.items():
            if any(p.search(url) for p in patterns):
                return kind
        return None

    def describe(self) -> dict[str, Any]:
        """What this platform provides, for `reelscope plugins`."""
        return {
            "name": self.name,
            "domains": list(self.domains),
            "targets": sorted(self.url_patterns),
            "formats": list(self.formats),
            "counters": list(self.counters),
            "version": self.version,
        }
