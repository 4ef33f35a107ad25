"""A crawl's privacy policy: refuse anything that would log in, pseudonymise creators before storage,
apply retention at storage, scrub logs, and describe the crawl for its `crawl_run` audit record.

The policy comes from the watchlist (`-a config=FILE`, else $REELSCOPE_CONFIG) and the Scrapy settings.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings

from plugins.post import Account, Post
from reelscope.config import LOGIN_KEYS, Privacy, Watchlist, load_watchlist
from spiders.manners import CONTACT_ENV, user_agent
from store.pseudonym import Pseudonymiser, PseudonymKeyError, key_from_env

logger = logging.getLogger(__name__)
# Request headers that carry a user's identity; a crawl never sends them itself.
LOGIN_HEADERS = ("cookie", "authorization", "proxy-authorization", "x-csrftoken", "x-ig-app-id-session")
# Scrapy's own settings whose names look like login settings but are not.
_SCRAPY_OWN = frozenset({"COOKIES_ENABLED", "COOKIES_DEBUG", "HTTPAUTH_DOMAIN", "COOKIES_PERSISTENCE"})


class LoginRefused(ValueError):
    """A crawl was configured to act as a logged-in user."""


def _words(name: str) -> set[str]:
    return {w for w in name.lower().replace("-", "_").split("_") if w} | {name.lower()}


def refuse_login(settings: BaseSettings, arguments: dict[str, Any]) -> None:
    """Raise LoginRefused when settings, headers or spider arguments would make the crawl log in."""
    problem = None
    for name in arguments:
        if _words(name) & LOGIN_KEYS or name in ("http_user", "http_pass"):
            problem = f"spider argument {name!r}"
    headers = settings.getdict("DEFAULT_REQUEST_HEADERS")
    for header in headers:
        if str(header).lower() in LOGIN_HEADERS:
            problem = f"DEFAULT_REQUEST_HEADERS {header!r}"
    for name in settings:
        if name in _SCRAPY_OWN or (settings.getpriority(name) or 0) < SETTINGS_PRIORITIES["cmdline"]:
            continue
        if _words(name) & LOGIN_KEYS:
            problem = f"setting {name}"
    for context in settings.getdict("PLAYWRIGHT_CONTEXTS").values():
        if isinstance(context, dict) and ("storage_state" in context or "http_credentials" in context):
            problem = "PLAYWRIGHT_CONTEXTS with a stored browser session"
    if settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS").get("user_data_dir"):
        problem = "PLAYWRIGHT_LAUNCH_OPTIONS user_data_dir (a browser profile)"
    if problem:
        raise LoginRefused(
            f"refusing to crawl with {problem}: reelscope collects public pages only "
            "(no login, no account cookies or sessions)"
        )


class RefuseLoginMiddleware:
    """Drop any request that carries a login header before the cookie middleware adds the site's own
    anonymous cookies (a spider or another middleware could set one per request)."""

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        """Refuse a request with a Cookie or Authorization header of its own."""
        for header in LOGIN_HEADERS:
            if request.headers.get(header):
                raise IgnoreRequest(f"refused {request.url}: it has a {header} header (public pages only)")


def _scrubbing_factory(pseudonymiser: Pseudonymiser, make: Callable[..., logging.LogRecord]) -> Any:
    """A log record factory that replaces pseudonymised handles and ids in every record's message
    (logs end up in crawl_run.stderr_tail). A factory, not a handler filter: Scrapy replaces its root
    handler after the spider is built."""

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            return record
        record.msg, record.args = pseudonymiser.scrub(message), ()
        return record

    return factory


def _watchlist(config: str | None) -> Watchlist:
    return load_watchlist(config or None)


@dataclass
class CrawlPrivacy:
    """What one crawl process does to protect the people in the data it collects."""

    watchlist: Watchlist
    pseudonymiser: Pseudonymiser | None = None
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @classmethod
    def for_crawl(cls, platform: str, config: str | None = None) -> CrawlPrivacy:
        """The policy of a crawl of `platform` (ValueError when the key is missing)."""
        watchlist = _watchlist(config)
        privacy = watchlist.privacy
        pseudonymiser = None
        if privacy.pseudonymise:
            try:
                key = key_from_env()
            except PseudonymKeyError as exc:
                raise ValueError(str(exc)) from None
            keep = {platform: watchlist.watched_accounts(platform), "*": watchlist.brand_handles()}
            pseudonymiser = Pseudonymiser(key, keep, mask_mentions=privacy.mask_mentions)
        return cls(watchlist, pseudonymiser)

    @property
    def policy(self) -> Privacy:
        """The watchlist's privacy table."""
        return self.watchlist.privacy

    def scrub_logs(self) -> None:
        """Scrub every log record of this process from now on (when pseudonymising)."""
        if self.pseudonymiser is None:
            return
        logging.setLogRecordFactory(_scrubbing_factory(self.pseudonymiser, logging.getLogRecordFactory()))

    def target(self, platform: str, kind: str, target: str) -> str:
        """The crawl target as stored (an account not on the watchlist is pseudonymised)."""
        if self.pseudonymiser is None:
            return target
        return self.pseudonymiser.target(platform, kind, target)

    def apply(self, posts: list[Post], accounts: list[Account]) -> tuple[list[Post], list[Account]]:
        """Retention and pseudonymisation of one page, just before storage."""
        if self.pseudonymiser is None and not self.policy.retention:
            return posts, accounts  # nothing to do: keep the common path free
        kept = []
        posts_cut = self._cutoff(self.policy.retain_posts_days)
        text_cut = self._cutoff(self.policy.retain_text_days)
        for post in posts:
            when = _when(post)
            if posts_cut is not None and when is not None and when < posts_cut:
                continue  # older than the posts retention: not stored at all
            if text_cut is not None and when is not None and when < text_cut:
                strip_text(post)
            kept.append(post)
        if self.pseudonymiser is not None:
            kept = [self.pseudonymiser.post(p) for p in kept]
            accounts = [self.pseudonymiser.account(a) for a in accounts]
        return kept, accounts

    def _cutoff(self, days: int | None) -> datetime | None:
        return self.now - timedelta(days=days) if days is not None else None

    def audit(self, settings: BaseSettings, *, path: str) -> dict[str, Any]:
        """How the crawl collects, for its crawl_run: robots.txt, identity, path, privacy, overrides."""
        obey = settings.getbool("ROBOTSTXT_OBEY")
        if not obey:
            logger.warning("robots.txt is NOT obeyed: ROBOTSTXT_OBEY was turned off by the operator")
        overrides = {
            name: _plain(settings.get(name))
            for name in sorted(settings)
            if (settings.getpriority(name) or 0) >= SETTINGS_PRIORITIES["cmdline"] and name != "JOBDIR"
        }
        return {
            "audit": {
                "robots_txt": "obeyed" if obey else "ignored (turned off by the operator)",
                "user_agent": settings.get("USER_AGENT") or user_agent(),
                "contact": self.watchlist.contact or os.environ.get(CONTACT_ENV) or None,
                "path": path,
                "public_only": True,
                "pseudonymised": self.pseudonymiser is not None,
                "privacy": self.policy.to_dict(),
                "watchlist": str(self.watchlist.path) if self.watchlist.path else None,
                "operator_settings": overrides,
            }
        }


def strip_text(post: Post) -> None:
    """Remove a post's free text (caption, signal evidence) and mark it, keeping every other field."""
    post.text = ""
    for signal in post.signals:
        signal.evidence = ""
    post.metadata.pop("title", None)
    post.metadata["text_removed"] = True


def _when(post: Post) -> datetime | None:
    if not post.published_at:
        return None
    try:
        when = datetime.fromisoformat(post.published_at.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _plain(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
