"""`reelscope status`: what the store holds, how recent crawls went, what is scheduled, and with
`--audit` how every crawl run collected (where from, robots.txt, identity, path, privacy, settings).

The report is a list of sections (`SECTIONS`); a feature adds its own with `add_section`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

import typer

from reelscope.options import DbOption, JobstoreOption


@dataclass
class StatusContext:
    """What every section may read: the options, the store session and the run history, loaded once."""

    db: str | None
    jobstore: str | None
    hours: int
    limit: int
    session: Any = None
    history: list[Any] = field(default_factory=list)


Section = Callable[[StatusContext], None]


def when(value: datetime | None) -> str:
    """A time as `YYYY-MM-DD HH:MM:SSZ` ("paused" for none, as the job store means it)."""
    if value is None:
        return "paused"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def _store(ctx: StatusContext) -> None:
    from store.runs import posts_per_platform

    typer.echo("Posts stored:")
    rows = posts_per_platform(ctx.session)
    for platform, count, last in rows:
        typer.echo(f"  {platform:10} {count:8}  last seen {when(_aware(last))}")
    if not rows:
        typer.echo("  (none yet)")
    typer.echo("Recent crawl runs per platform:")
    by_platform: dict[str, list[Any]] = {}
    for run in ctx.history:
        by_platform.setdefault(run.platform, []).append(run)
    for platform, runs in sorted(by_platform.items()):
        states = ", ".join(f"{s} {sum(r.status == s for r in runs[:50])}" for s in ("ok", "failed", "killed"))
        latest = runs[0]
        typer.echo(
            f"  {platform:10} last run {latest.id} {latest.status} at {when(latest.started_at)}; {states}"
        )


def _next_runs(ctx: StatusContext) -> None:
    from reelscope.cmd_schedule import _jobs

    typer.echo("Next runs:")
    jobs = _jobs(ctx.jobstore)
    for job_id, next_run, _trigger, _name in jobs[:20]:
        typer.echo(f"  {next_run:21}  {job_id}")
    if not jobs:
        typer.echo("  (no jobs: run `reelscope schedule sync`)")


def _last_runs(ctx: StatusContext) -> None:
    last: dict[tuple[str, str, str], Any] = {}
    for run in ctx.history:
        last.setdefault((run.platform, run.target_kind, run.target), run)
    typer.echo("Last runs:")
    for run in sorted(last.values(), key=lambda r: r.started_at, reverse=True)[:30]:
        typer.echo(
            f"  {when(run.started_at)}  {run.status:7}  {run.platform} {run.target_kind} {run.target}"
            f"  pages {run.pages} posts {run.posts} errors {run.errors}  (run {run.id})"
        )


def _failures(ctx: StatusContext) -> None:
    cutoff = datetime.now(UTC) - timedelta(hours=ctx.hours)
    failed = [r for r in ctx.history if r.status == "failed" and r.started_at >= cutoff]
    typer.echo(f"Failures in the last {ctx.hours} h: {len(failed)}")
    for run in failed[:10]:
        reason = (run.stderr_tail or "").strip().splitlines()[-1:] or [""]
        typer.echo(f"  run {run.id} {run.platform} {run.target}: {reason[0][:160]}")


def _drift(ctx: StatusContext) -> None:
    from scheduler.drift import drift_alerts

    alerts = drift_alerts(ctx.history)
    typer.echo(f"Drift alerts: {len(alerts)}")
    for alert in alerts:
        typer.echo(f"  DRIFT {alert.describe()}")


SECTIONS: list[Section] = [_store, _next_runs, _last_runs, _failures, _drift]


def add_section(section: Section, before: Section | None = None) -> None:
    """Add a section to `reelscope status` (at the end, or before another one)."""
    if section in SECTIONS:
        return
    SECTIONS.insert(SECTIONS.index(before) if before in SECTIONS else len(SECTIONS), section)


def audit_lines(run: Any) -> list[str]:
    """How one crawl run collected, as the lines `status --audit` prints."""
    settings = dict(run.settings or {})
    audit = dict(settings.pop("audit", None) or {})
    privacy = audit.get("privacy") or {}
    collected = f"{run.pages} pages, {run.posts} posts, {run.errors} errors"
    lines = [
        f"run {run.id}  {when(run.started_at)}  {run.status}  {run.platform} {run.target_kind} {run.target}",
        f"  collected: {collected}; from {settings.get('base_url') or 'the platform'}",
    ]
    if not audit:
        lines.append("  audit: not recorded (a run older than the audit record, or one that never started)")
    else:
        retention = ", ".join(
            f"{k} {privacy[k]}" for k in ("retain_text_days", "retain_posts_days") if privacy.get(k)
        )
        lines += [
            f"  robots.txt: {audit.get('robots_txt')}; path: {audit.get('path')}; public pages only",
            f"  user agent: {audit.get('user_agent')}; contact: {audit.get('contact') or 'none given'}",
            f"  pseudonymised: {'yes' if audit.get('pseudonymised') else 'no'}"
            f"{'; mentions masked' if audit.get('pseudonymised') and privacy.get('mask_mentions') else ''}"
            f"; retention: {retention or 'none'}; watchlist: {audit.get('watchlist') or 'none'}",
            f"  operator settings: {_pairs(audit.get('operator_settings') or {}) or 'none'}",
        ]
    lines.append(f"  settings: {_pairs(settings) or 'none'}")
    return lines


def _pairs(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v}" for k, v in values.items() if v is not None)


def _aware(value: Any) -> datetime | None:
    from store.repo import parse_time

    return parse_time(value)


def status(
    db: DbOption = None,
    jobstore: JobstoreOption = None,
    hours: Annotated[int, typer.Option(help="Failures of the last N hours.")] = 24,
    audit: Annotated[
        bool, typer.Option("--audit", help="How each crawl run collected: source, robots.txt, privacy.")
    ] = False,
    limit: Annotated[int, typer.Option(min=1, help="With --audit: how many recent runs.")] = 50,
    platform: Annotated[str | None, typer.Option(help="With --audit: runs of one platform.")] = None,
) -> None:
    """Posts stored, recent runs per platform, next runs, failures and drift alerts; or the audit trail.

    Examples:
      reelscope status
      reelscope status --hours 72
      reelscope status --audit --limit 20 --platform tiktok
    """
    from store import runs
    from store.engine import database_url, get_engine, session
    from store.migrations import ensure_schema

    engine = get_engine(db or database_url())
    ensure_schema(engine)
    ctx = StatusContext(db=db, jobstore=jobstore, hours=hours, limit=limit)
    with session(engine) as s:
        ctx.session = s
        if audit:
            for run in runs.recent_runs(s, platform=platform, limit=limit):
                typer.echo("\n".join(audit_lines(run)))
            return
        ctx.history = runs.recent_runs(s, limit=1000)
        for section in SECTIONS:
            section(ctx)


def register(app: typer.Typer) -> None:
    """Attach `status` to the main app."""
    app.command("status")(status)
