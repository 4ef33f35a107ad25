"""`reelscope crawl`, `reelscope sandbox serve` and `reelscope demo`: crawling public pages into the store."""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from reelscope.errors import UserError
from reelscope.output import say

sandbox_app = typer.Typer(
    help="A local server of platform-shaped pages, for tests and demos.", no_args_is_help=True
)

# What the demo crawls on every platform the sandbox serves: (platform, target, kind).
DEMO_WATCHLIST: tuple[tuple[str, str, str], ...] = (
    ("tiktok", "ti_en_creator0", "account"),
    ("tiktok", "ti_fr_creator1", "account"),
    ("youtube", "CreatorEN0", "account"),
    ("youtube", "recette", "hashtag"),
    ("instagram", "in_en_creator0", "account"),
    ("instagram", "in_de_creator2", "account"),
    ("x", "x_en_creator0", "account"),
    ("x", "mode", "hashtag"),
)
# The sandbox is local: no politeness delays are needed against it.
SANDBOX_SETTINGS = {"AUTOTHROTTLE_ENABLED": "0", "DOWNLOAD_DELAY": "0", "LOG_LEVEL": "WARNING"}


def _progress_bar() -> Any:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        TextColumn("pages {task.fields[pages]}  posts {task.fields[posts]}  errors {task.fields[errors]}"),
        TextColumn("{task.fields[rate]} posts/s"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )


def crawl_with_progress(platform: str, target: str, label: str | None = None, **options: Any) -> Any:
    """Run one crawl subprocess with a rich progress line on stderr, keep its stderr tail on its
    crawl_run; return its outcome."""
    from spiders.runner import record_outcome, run_crawl

    with _progress_bar() as bar:
        task = bar.add_task(label or f"{platform} {target}", total=None, pages=0, posts=0, errors=0, rate=0)

        def update(progress: dict[str, Any]) -> None:
            bar.update(task, **{k: progress.get(k, 0) for k in ("pages", "posts", "errors", "rate")})

        outcome = run_crawl(platform, target, on_progress=update, **options)
    record_outcome(outcome, platform, target, kind=options.get("kind"), db=options.get("db"))
    return outcome


def crawl(
    platform: Annotated[str, typer.Argument(help="Platform name (see `reelscope plugins`).")],
    target: Annotated[
        str, typer.Argument(help="A post URL or id, an account, a #hashtag or a search query.")
    ],
    kind: Annotated[
        str | None, typer.Option(help="post, account, hashtag or search (guessed if omitted).")
    ] = None,
    max_posts: Annotated[int | None, typer.Option("--max-posts", help="Stop after this many posts.")] = None,
    since: Annotated[str | None, typer.Option(help="Only posts published on or after this ISO date.")] = None,
    db: Annotated[
        str | None, typer.Option("--db", help="Database URL (default: REELSCOPE_DATABASE_URL).")
    ] = None,
    base_url: Annotated[
        str | None, typer.Option("--base-url", help="Where the platform lives (a sandbox).")
    ] = None,
    jobdir: Annotated[
        Path | None, typer.Option(help="Resume directory: a killed crawl continues from it.")
    ] = None,
    setting: Annotated[
        list[str] | None, typer.Option("--set", "-s", help="Scrapy setting NAME=VALUE.")
    ] = None,
) -> None:
    """Crawl one target of a platform into the store, with progress on stderr.

    Examples:
      reelscope crawl tiktok @some.creator --max-posts 100
      reelscope crawl youtube "#recipe" --kind hashtag --since 2025-01-01
      reelscope crawl x x_en_creator0 --base-url http://127.0.0.1:8000/x --db sqlite:///demo.db
    """
    from reelscope.host import host

    if platform not in host().platforms:
        raise UserError(f"unknown platform {platform!r} (known: {', '.join(sorted(host().platforms))})")
    settings = {}
    for pair in setting or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UserError(f"--set takes NAME=VALUE, not {pair!r}")
        settings[name] = value
    from reelscope.cmd_privacy import check_crawl

    check_crawl(settings)
    _check_impersonate(platform, settings)
    outcome = crawl_with_progress(
        platform,
        target,
        kind=kind,
        max_posts=max_posts,
        since=since,
        db=db,
        base_url=base_url,
        jobdir=str(jobdir) if jobdir else None,
        settings=settings,
    )
    p = outcome.progress
    if not outcome.ok:
        tail = outcome.stderr_tail.strip().splitlines()[-5:]
        raise UserError(
            f"crawl of {platform} {target} failed (exit {outcome.returncode}): " + " | ".join(tail)
        )
    say(
        f"crawl run {p.get('run', '?')}: {p.get('pages', 0)} pages, {p.get('posts', 0)} posts, "
        f"{p.get('errors', 0)} errors"
    )


def _check_impersonate(platform: str, settings: dict[str, str]) -> None:
    """Refuse (exit 2) a REELSCOPE_IMPERSONATE the crawl could not honour, before it starts."""
    from spiders.impersonate import SETTING, chosen_browser

    try:
        chosen_browser(settings.get(SETTING, os.environ.get(SETTING, "")), platform)
    except ValueError as exc:
        raise UserError(str(exc)) from None


@sandbox_app.command("serve")
def serve(
    port: Annotated[int, typer.Option(help="Port on 127.0.0.1 (0: a free one).")] = 8000,
    seed: Annotated[int, typer.Option(help="Seed of the generated world.")] = 7,
    faults: Annotated[
        str | None, typer.Option(help="e.g. 429:0.2,500:0.1,slow:0.05,truncate,malformed,drift")
    ] = None,
) -> None:
    """Serve platform-shaped pages (TikTok, YouTube, Instagram, X) until interrupted.

    Examples:
      reelscope sandbox serve --port 8000
      reelscope sandbox serve --faults 429:0.2,500:0.1
    """
    from sandbox import Sandbox

    try:
        box = Sandbox(seed=seed, faults=faults, port=port).start()
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot listen on port {port}: {exc}") from None
    say(f"sandbox at {box.url} (ground truth: {box.url}/_truth.json); Ctrl-C stops it")
    for name, value in box.env().items():
        typer.echo(f"export {name}={value}")
    try:
        while True:
            time.sleep(3600)
    finally:
        box.stop()


def demo(
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Where to write the demo's outputs.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of the sandbox world.")] = 7,
) -> None:
    """Crawl a sample watchlist from a local sandbox into a fresh SQLite file and summarise it.

    Examples:
      reelscope demo
      reelscope demo --dir ./demo-out
    """
    from sandbox import Sandbox
    from store.migrations import upgrade

    out = directory or Path(tempfile.mkdtemp(prefix="reelscope-demo-"))
    out.mkdir(parents=True, exist_ok=True)
    db_path = out / "reelscope.db"
    if db_path.exists():
        db_path.unlink()
    db = f"sqlite:///{db_path}"
    upgrade(db)
    started = time.monotonic()
    with Sandbox(seed=seed) as box:
        (out / "truth.json").write_bytes(_json(box.truth_document()))
        failures = []
        for platform, target, kind in DEMO_WATCHLIST:
            outcome = crawl_with_progress(
                platform,
                target,
                f"{platform} {kind} {target}",
                kind=kind,
                db=db,
                base_url=box.base_url(platform),
                settings=SANDBOX_SETTINGS,
            )
            (out / f"crawl-{platform}-{kind}-{target}.log").write_text(outcome.stderr_tail)
            if not outcome.ok:
                failures.append(f"{platform} {target}")
        truth = box.truth()
    _summarise(db, truth, out)
    _compare(db, truth, out)
    say(
        f"demo finished in {time.monotonic() - started:.0f}s; outputs in {out} "
        f"(reelscope.db, posts.jsonl, truth.json, crawl-*.log, shares.png, report/index.html)"
    )
    if failures:
        raise UserError(f"crawls failed: {', '.join(failures)} (see the logs in {out})")


def _compare(db: str, truth: list[dict[str, Any]], out: Path) -> None:
    """Market share per day over the sandbox's publication span: table, charts and the HTML report."""
    from reelscope.cmd_report import Format, Granularity, report

    dates = sorted(t["published_at"][:10] for t in truth if t.get("published_at"))
    if not dates:
        return
    until = (date.fromisoformat(dates[-1]) + timedelta(days=1)).isoformat()
    report(
        period=Granularity.day,
        since=dates[0],
        until=until,
        last=1,
        brand=None,
        platform=None,
        metric=None,
        fmt=Format.table,
        output=None,
        chart=out / "shares.png",
        html=out / "report",
        db=db,
        no_recompute=False,
    )


def _json(value: Any) -> bytes:
    import orjson

    return orjson.dumps(value, option=orjson.OPT_INDENT_2)


def _summarise(db: str, truth: list[dict[str, Any]], out: Path) -> None:
    """Write posts.jsonl and print one table row per platform."""
    from rich.console import Console
    from rich.table import Table

    from store import repo
    from store.engine import get_engine, session

    known = {(t["platform"], t["post_id"]): t for t in truth}
    rows: dict[str, dict[str, int]] = {}
    with session(get_engine(db)) as s, (out / "posts.jsonl").open("wb") as fh:
        for post in repo.iter_posts(s):
            fh.write(post.to_json() + b"\n")
            row = rows.setdefault(
                post.platform,
                dict.fromkeys(
                    ("posts", "engagement", "sponsored", "disclosed", "truly_sponsored", "truly_disclosed"), 0
                ),
            )
            row["posts"] += 1
            row["engagement"] += sum(v or 0 for v in (post.likes, post.comments, post.shares, post.saves))
            row["sponsored"] += post.sponsored
            row["disclosed"] += post.disclosed
            fact = known.get((post.platform, post.post_id), {})
            row["truly_sponsored"] += bool(fact.get("sponsored"))
            row["truly_disclosed"] += bool(fact.get("disclosed"))
    table = Table(title="Crawled from the sandbox")
    for column in (
        "platform",
        "posts",
        "engagement",
        "sponsored (detected/true)",
        "disclosed (detected/true)",
    ):
        table.add_column(column, justify="left" if column == "platform" else "right")
    for name, row in sorted(rows.items()):
        table.add_row(
            name,
            str(row["posts"]),
            f"{row['engagement']:,}",
            f"{row['sponsored']}/{row['truly_sponsored']}",
            f"{row['disclosed']}/{row['truly_disclosed']}",
        )
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.command("crawl")(crawl)
    app.command("demo")(demo)
    app.add_typer(sandbox_app, name="sandbox")
