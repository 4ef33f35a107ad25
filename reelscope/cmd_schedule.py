"""`reelscope scheduler` and `reelscope schedule …`: scheduled crawls of the watchlist (`reelscope status`
shows them, see cmd_status)."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from reelscope.errors import UserError
from reelscope.options import ConfigOption, DbOption, JobstoreOption
from reelscope.output import say

schedule_app = typer.Typer(help="The job store of scheduled crawls.", no_args_is_help=True)


def _watchlist(config: Path | None) -> Any:
    from reelscope.cmd_privacy import require_key
    from reelscope.config import CONFIG_ENV, load_watchlist
    from reelscope.host import host
    from scheduler.runtime import RUNTIME, configure

    watchlist = load_watchlist(config, platforms=set(host().platforms))
    if watchlist.path is None:
        raise UserError(f"give a watchlist: --config FILE or ${CONFIG_ENV}")
    require_key(watchlist)
    # Crawl subprocesses read the same watchlist (its brands) through the environment.
    configure(env={**RUNTIME.env, CONFIG_ENV: str(watchlist.path.resolve())})
    return watchlist


def _when(value: datetime | None) -> str:
    if value is None:
        return "paused"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def _settings(pairs: list[str] | None) -> dict[str, str]:
    out = {}
    for pair in pairs or []:
        name, sep, value = pair.partition("=")
        if not sep:
            raise UserError(f"--set takes NAME=VALUE, not {pair!r}")
        out[name] = value
    return out


def scheduler_service(
    config: ConfigOption = None,
    db: DbOption = None,
    jobstore: JobstoreOption = None,
    workers: Annotated[int, typer.Option(min=1, help="Crawls that may run at the same time.")] = 4,
    grace: Annotated[
        float, typer.Option(help="Seconds a running crawl may take to finish after SIGTERM.")
    ] = 60.0,
    setting: Annotated[
        list[str] | None, typer.Option("--set", "-s", help="Scrapy setting NAME=VALUE for every crawl.")
    ] = None,
) -> None:
    """Run scheduled crawls of the watchlist until SIGTERM or Ctrl-C (logs on stderr).

    Jobs are reconciled from the watchlist at start; a second scheduler on the same job store is
    refused. On SIGTERM the running crawls finish (or are stopped after --grace seconds).

    Examples:
      reelscope scheduler --config reelscope.toml
      REELSCOPE_JOBSTORE_URL=postgresql+psycopg://… reelscope scheduler
    """
    from scheduler.locks import LockHeld
    from scheduler.runtime import configure
    from scheduler.service import Service, serve

    watchlist = _watchlist(config)
    logging.basicConfig(
        level=os.environ.get("REELSCOPE_LOG_LEVEL", "INFO"),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    configure(crawl_settings=_settings(setting))
    try:
        serve(Service(watchlist, url=jobstore, db=db, workers=workers, grace=grace))
    except LockHeld as exc:
        raise UserError(f"another scheduler is running on this job store: {exc}") from None


@schedule_app.command("sync")
def sync(config: ConfigOption = None, jobstore: JobstoreOption = None) -> None:
    """Reconcile the job store from the watchlist without running anything.

    Examples:
      reelscope schedule sync --config reelscope.toml
    """
    from scheduler.service import sync as do_sync

    report = do_sync(_watchlist(config), jobstore)
    say(
        f"jobs: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.kept)} unchanged, {len(report.removed)} removed"
    )


def _jobs(jobstore: str | None) -> list[tuple[str, str, str, str]]:
    from scheduler.service import offline

    with offline(jobstore) as scheduler:
        jobs = sorted(scheduler.get_jobs(), key=lambda j: (j.next_run_time is None, j.next_run_time, j.id))
        return [(j.id, _when(j.next_run_time), str(j.trigger), j.name) for j in jobs]


@schedule_app.command("list")
def list_jobs(jobstore: JobstoreOption = None) -> None:
    """Show the scheduled jobs and their next run times (UTC).

    Examples:
      reelscope schedule list
    """
    for job_id, when, trigger, name in _jobs(jobstore):
        typer.echo(f"{when:21}  {job_id}  ({trigger}; {name})")


def _change(job: str, jobstore: str | None, action: str) -> None:
    from apscheduler.jobstores.base import JobLookupError

    from scheduler.service import offline

    with offline(jobstore) as scheduler:
        try:
            job_obj = getattr(scheduler, f"{action}_job")(job)
        except JobLookupError:
            raise UserError(f"no job {job!r} (see `reelscope schedule list`)") from None
        say(f"{job}: next run {_when(job_obj.next_run_time)}")


@schedule_app.command("pause")
def pause(
    job: Annotated[str, typer.Argument(help="Job id (see `schedule list`).")], jobstore: JobstoreOption = None
) -> None:
    """Pause one job (a running scheduler notices within seconds).

    Examples:
      reelscope schedule pause crawl:tiktok-accounts:some.creator
    """
    _change(job, jobstore, "pause")


@schedule_app.command("resume")
def resume(
    job: Annotated[str, typer.Argument(help="Job id (see `schedule list`).")], jobstore: JobstoreOption = None
) -> None:
    """Resume a paused job from its next scheduled time.

    Examples:
      reelscope schedule resume crawl:tiktok-accounts:some.creator
    """
    _change(job, jobstore, "resume")


@schedule_app.command("run-now")
def run_now(
    job: Annotated[str, typer.Argument(help="Job id (see `schedule list`).")],
    jobstore: JobstoreOption = None,
    db: DbOption = None,
    setting: Annotated[
        list[str] | None, typer.Option("--set", "-s", help="Scrapy setting NAME=VALUE.")
    ] = None,
) -> None:
    """Run one job now, in this process, and print its outcome (its schedule is unchanged).

    A crawl already running for the same target (by the scheduler) makes this one skip.

    Examples:
      reelscope schedule run-now crawl:youtube-channels:CreatorEN0
      reelscope schedule run-now compare
    """
    from scheduler.runtime import configure
    from scheduler.service import offline

    with offline(jobstore) as scheduler:
        found = scheduler.get_job(job)
        if found is None:
            raise UserError(f"no job {job!r} (see `reelscope schedule list`)")
        func, kwargs = found.func, dict(found.kwargs)
    configure(db=db, crawl_settings=_settings(setting))
    outcome = func(**kwargs)
    typer.echo(" ".join(f"{k}={v}" for k, v in outcome.items()))
    if outcome.get("status") == "failed":
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.command("scheduler")(scheduler_service)
    app.add_typer(schedule_app, name="schedule")
