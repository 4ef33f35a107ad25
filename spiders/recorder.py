"""The crawl's side of the store: one crawl_run per crawl, pages of posts upserted with provenance,
and the questions incremental and resumed crawls ask."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from plugins.post import Account, Post
from store import repo
from store.engine import database_url, get_engine, session
from store.migrations import ensure_schema

logger = logging.getLogger(__name__)


@dataclass
class Tally:
    """What a crawl did so far."""

    pages: int = 0
    posts: int = 0
    errors: int = 0
    missing: Counter[str] = field(default_factory=Counter)


class Recorder:
    """Writes one crawl's pages to the store and records its run."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine = get_engine(self.url)
        ensure_schema(self.engine)
        self.run_id: int | None = None
        self.tally = Tally()
        self._last_ok: dict[int, tuple[str, datetime | None]] = {}

    def start(self, *, platform: str, target: str, kind: str, settings: dict[str, Any]) -> int:
        """Open the crawl run; return its id."""
        with session(self.engine) as db:
            self.run_id = repo.start_run(
                db, platform=platform, target=target, target_kind=kind, settings=settings
            )
        return self.run_id

    def resume(self, run_id: int) -> None:
        """Continue a crawl run a killed crawl left open, with the counts it had stored."""
        self.run_id = run_id
        with session(self.engine) as db:
            run = repo.get_run(db, run_id)
            if run is not None:
                self.tally.pages, self.tally.posts = run.pages, run.posts
                self.tally.errors = run.errors
                self.tally.missing.update(run.missing or {})

    def store(
        self,
        posts: Sequence[Post],
        ranks: Sequence[int | None],
        *,
        target: str,
        path: str,
        accounts: Sequence[Account] = (),
    ) -> int:
        """Upsert one page's posts (and accounts) with their provenance; return how many were stored."""
        with session(self.engine) as db:
            if accounts:
                repo.upsert_accounts(db, accounts)
            if not posts:
                return 0
            stats = repo.upsert_posts(
                db,
                posts,
                observed_at=datetime.now(UTC),
                crawl_run_id=self.run_id,
                target=target,
                path=path,
                ranks=ranks,
            )
        return stats.posts

    def checkpoint(self) -> None:
        """Write the counts so far into the running crawl run (a killed crawl keeps them)."""
        self.finish("running")

    def finish(self, status: str, stderr_tail: str = "") -> None:
        """Close the crawl run with its counts ("running" only updates them)."""
        if self.run_id is None:
            return
        t = self.tally
        with session(self.engine) as db:
            if status == "running":
                run = repo.get_run(db, self.run_id)
                if run is not None:
                    run.pages, run.posts, run.errors, run.missing = (
                        t.pages,
                        t.posts,
                        t.errors,
                        dict(t.missing),
                    )
                    db.add(run)
                    db.commit()
                return
            repo.finish_run(
                db,
                self.run_id,
                status=status,
                pages=t.pages,
                posts=t.posts,
                errors=t.errors,
                missing=dict(t.missing),
                stderr_tail=stderr_tail,
            )

    def seen_in_run(self, post: Post) -> bool:
        """Whether this crawl run already stored the post (a resumed crawl re-reading a page)."""
        with session(self.engine) as db:
            return any(s.crawl_run_id == self.run_id for s in repo.sightings(db, post.platform, post.post_id))

    def known_before(self, post: Post, target: str) -> bool:
        """Whether an earlier successful crawl of `target` stored the post, which it published before."""
        if post.published_at is None:
            return False
        published = repo.parse_time(post.published_at)
        assert published is not None
        with session(self.engine) as db:
            for sighting in repo.sightings(db, post.platform, post.post_id):
                run_id = sighting.crawl_run_id
                if run_id is None or run_id == self.run_id or sighting.target != target:
                    continue
                if run_id not in self._last_ok:
                    run = repo.get_run(db, run_id)
                    self._last_ok[run_id] = (run.status, run.started_at) if run else ("gone", None)
                status, started = self._last_ok[run_id]
                if status == "ok" and started is not None and published < started:
                    return True
        return False
