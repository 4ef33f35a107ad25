"""`reelscope worker`: a long-running crawl worker sharing its frontier with every other worker through
Redis (scrapy-redis) and storing into the shared database; run as many as the machines allow."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from reelscope.errors import UserError


def worker(
    platform: Annotated[
        list[str] | None,
        typer.Option("--platform", "-p", help="Platforms this worker serves (repeatable; default: all)."),
    ] = None,
    redis_url: Annotated[
        str | None, typer.Option("--redis", help="Redis URL (default: REELSCOPE_REDIS_URL).")
    ] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: REELSCOPE_DATABASE_URL).")
    ] = None,
    prefix: Annotated[
        str | None, typer.Option("--prefix", help="Redis key prefix (default: REELSCOPE_REDIS_PREFIX).")
    ] = None,
    setting: Annotated[
        list[str] | None, typer.Option("--set", "-s", help="A Scrapy setting NAME=VALUE (repeatable).")
    ] = None,
    browser: Annotated[
        bool,
        typer.Option(
            "--browser/--no-browser",
            help="Render browser recipes with Chromium (default; off when Chromium is missing). "
            "Without it the worker leaves them to workers that have it.",
        ),
    ] = True,
) -> None:
    """Crawl targets queued in Redis until stopped (SIGTERM/Ctrl-C hands unfinished requests back).

    Examples:
      REELSCOPE_REDIS_URL=redis://queue:6379/0 reelscope worker
      reelscope worker --platform youtube --platform instagram --db postgresql+psycopg://u@db/reelscope
      reelscope worker --no-browser     # plain-HTTP pages only, e.g. on a machine without Chromium
    """
    from reelscope.host import host
    from spiders.frontier import connect
    from spiders.frontier import redis_url as configured_redis
    from store.engine import database_url

    url = configured_redis(redis_url)
    if url is None:
        raise UserError("reelscope worker needs Redis: give --redis URL or set REELSCOPE_REDIS_URL")
    known = sorted(host().platforms)
    platforms = platform or known
    unknown = [p for p in platforms if p not in known]
    if unknown:
        raise UserError(f"--platform {unknown[0]}: no such platform (known: {', '.join(known)})")
    settings = {}
    for item in setting or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UserError(f"--set {item}: expected NAME=VALUE")
        settings[name.strip()] = value
    try:
        connect(url).ping()
    except Exception as exc:
        raise UserError(f"--redis {url}: cannot reach Redis ({exc})") from None
    from spiders.worker import run_worker

    run_worker(
        platforms, url, db=db or database_url(), prefix=prefix, settings=settings, with_browser=browser
    )


def queue_section(ctx: Any) -> None:
    """The `reelscope status` section of the Redis frontier: queue depth per platform, live workers."""
    from spiders.frontier import live_workers, queue_depths, redis_url

    url = redis_url()
    if url is None:
        typer.echo("Crawl queue: none (REELSCOPE_REDIS_URL not set: crawls run as local subprocesses)")
        return
    try:
        depths, alive = queue_depths(url), live_workers(url)
    except Exception as exc:
        typer.echo(f"Crawl queue: Redis at {url} unreachable ({exc})")
        return
    typer.echo("Crawl queue per platform (of which for browser workers only):")
    for platform, row in depths.items():
        counts = (
            f"targets {row['targets']:6} ({row['browser_targets']})  "
            f"queued {row['queued']:7} ({row['browser_queued']})  in flight {row['in_flight']:5}"
        )
        typer.echo(f"  {platform:10} {counts}")
    if not depths:
        typer.echo("  (empty)")
    typer.echo(f"Live workers: {len(alive)}")
    for info in alive:
        platforms = ",".join(info.get("platforms") or [])
        typer.echo(
            f"  {info['id']}  pid {info['pid']} on {info['host']}  {platforms}  beat {info['age']}s ago"
        )


def register(app: typer.Typer) -> None:
    """Attach `worker` to the main app, and its section to `reelscope status`."""
    from reelscope.cmd_status import add_section

    app.command("worker")(worker)
    add_section(queue_section)
