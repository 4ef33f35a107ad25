"""`reelscope purge`: the retention policy of the watchlist applied to the store (text, then posts)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from reelscope.errors import UserError
from reelscope.options import ConfigOption, DbOption
from reelscope.output import say


def require_key(watchlist: Any) -> None:
    """A user error (exit 2) when the watchlist pseudonymises and $REELSCOPE_PSEUDONYM_KEY is unusable."""
    if not watchlist.privacy.pseudonymise:
        return
    from store.pseudonym import PseudonymKeyError, key_from_env

    try:
        key_from_env()
    except PseudonymKeyError as exc:
        raise UserError(f"{watchlist.path}: {exc}") from None


def check_crawl(settings: dict[str, str]) -> None:
    """Refuse a crawl before it starts (exit 2): login settings, or pseudonymisation without its key."""
    from scrapy.settings import Settings

    from reelscope.config import load_watchlist
    from spiders.privacy import LoginRefused, refuse_login

    require_key(load_watchlist())
    given = Settings()
    given.setmodule("spiders.settings", priority="project")
    given.setdict(settings, priority="cmdline")
    try:
        refuse_login(given, {})
    except LoginRefused as exc:
        raise UserError(str(exc)) from None


def purge(
    config: ConfigOption = None,
    db: DbOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would go; change nothing.")] = False,
    text_days: Annotated[
        int | None, typer.Option("--text-days", min=1, help="Override privacy.retain_text_days.")
    ] = None,
    posts_days: Annotated[
        int | None, typer.Option("--posts-days", min=1, help="Override privacy.retain_posts_days.")
    ] = None,
) -> None:
    """Remove free text and whole posts past their retention age; computed comparisons are kept.

    The age of a post counts from its publication (its first sighting when undated). Text: captions,
    titles and signal evidence are emptied, every other field stays. Posts: the post with its
    snapshots, signals and sightings.

    Examples:
      reelscope purge --dry-run
      reelscope purge --config reelscope.toml
      reelscope purge --posts-days 365 --text-days 90
    """
    from reelscope.config import load_watchlist
    from store.engine import database_url, get_engine, session
    from store.migrations import ensure_schema
    from store.retention import purge as run_purge

    privacy = load_watchlist(config).privacy
    text_days = text_days if text_days is not None else privacy.retain_text_days
    posts_days = posts_days if posts_days is not None else privacy.retain_posts_days
    if text_days is None and posts_days is None:
        raise UserError(
            "no retention policy: set privacy.retain_text_days / retain_posts_days in the watchlist "
            "(--config or $REELSCOPE_CONFIG), or give --text-days / --posts-days"
        )
    engine = get_engine(db or database_url())
    ensure_schema(engine)
    with session(engine) as s:
        report = run_purge(s, text_days=text_days, posts_days=posts_days, dry_run=dry_run)
    verb = "would remove" if dry_run else "removed"
    for label, counts, before in (
        ("whole posts", report.posts, report.posts_before),
        ("texts", report.texts, report.text_before),
    ):
        if before is None:
            continue
        detail = ", ".join(f"{p} {n}" for p, n in sorted(counts.items())) or "none"
        say(f"{verb} {label} older than {before:%Y-%m-%d %H:%M}Z: {sum(counts.values())} ({detail})")
    if not dry_run:
        say("comparisons already computed (share_snapshot) are kept unchanged")


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.command("purge")(purge)
