"""The jobs a watchlist asks for, and their reconciliation into a job store.

Job ids derive from the configuration (`crawl:<group>:<value>`, `revisit`, `compare`, `purge`), so a
restart or a `schedule sync` finds the same jobs again: an unchanged job keeps its next run time, a
changed one is replaced, and a job the watchlist no longer lists is removed (with its pending retry).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from reelscope.config import TargetGroup, Watchlist

DEFAULT_EVERY = timedelta(days=1)
COMPARE_WINDOW_DAYS = 90
REVISIT_LIMIT = 200


@dataclass(frozen=True)
class JobSpec:
    """One job as the watchlist wants it."""

    id: str
    func: str  # "module:function", resolvable by the job store
    name: str
    spec: dict[str, Any] = field(default_factory=dict)

    def trigger(self) -> BaseTrigger:
        """The APScheduler trigger of this job's schedule."""
        schedule = self.spec["schedule"]
        jitter = int(schedule.get("jitter") or 0) or None
        if schedule.get("cron"):
            minute, hour, day, month, day_of_week = schedule["cron"].split()
            return CronTrigger(
                minute=minute,
                hour=hour,
                day=day,
                month=month,
                day_of_week=day_of_week,
                timezone=UTC,
                jitter=jitter,
            )
        return IntervalTrigger(seconds=schedule["every"], jitter=jitter, timezone=UTC)


def _seconds(value: timedelta | None) -> int | None:
    return int(value.total_seconds()) if value is not None else None


def crawl_job_id(group: str, value: str) -> str:
    """The id of the crawl job of one target value of a target group."""
    return f"crawl:{group}:{value}"


def _crawl_specs(group: TargetGroup) -> list[JobSpec]:
    schedule = {
        "every": _seconds(group.every or (None if group.cron else DEFAULT_EVERY)),
        "cron": group.cron,
        "jitter": _seconds(group.jitter) or 0,
    }
    out = []
    for value in group.values:
        job_id = crawl_job_id(group.name, value)
        spec = {
            "job_id": job_id,
            "platform": group.platform,
            "kind": group.kind,
            "target": value,
            "max_posts": group.max_posts,
            "since": group.since.isoformat() if group.since else None,
            "schedule": schedule,
        }
        name = f"{group.platform} {group.kind} {value}"
        out.append(JobSpec(job_id, "scheduler.crawl:crawl_job", name, spec))
    return out


def _short(age: timedelta) -> str:
    seconds = int(age.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def revisit_every(ages: tuple[timedelta, ...]) -> int:
    """How often the revisit job looks for due posts: a quarter of the shortest age, 1 s to 15 min."""
    return max(1, min(900, int(min(ages).total_seconds() / 4)))


def desired_jobs(watchlist: Watchlist) -> list[JobSpec]:
    """Every job the watchlist asks for: one crawl per target value, revisits, comparisons."""
    jobs = [spec for group in watchlist.targets for spec in _crawl_specs(group)]
    if watchlist.revisit:
        ages = [int(a.total_seconds()) for a in watchlist.revisit]
        spec = {"ages": ages, "limit": REVISIT_LIMIT, "schedule": {"every": revisit_every(watchlist.revisit)}}
        label = ", ".join(f"+{_short(a)}" for a in watchlist.revisit)
        name = f"revisit recent posts at {label}"
        jobs.append(JobSpec("revisit", "scheduler.upkeep:revisit_job", name, spec))
    if watchlist.compare_every:
        spec = {"window_days": COMPARE_WINDOW_DAYS, "schedule": {"every": _seconds(watchlist.compare_every)}}
        if watchlist.privacy.retain_posts_days is not None:
            spec["retain_posts_days"] = watchlist.privacy.retain_posts_days
        jobs.append(JobSpec("compare", "scheduler.upkeep:compare_job", "recompute comparisons", spec))
    privacy = watchlist.privacy
    if privacy.retention:
        spec = {
            "text_days": privacy.retain_text_days,
            "posts_days": privacy.retain_posts_days,
            "schedule": {"every": _seconds(privacy.purge_every or DEFAULT_EVERY)},
        }
        jobs.append(
            JobSpec("purge", "scheduler.upkeep:purge_job", "purge text and posts past retention", spec)
        )
    return jobs


@dataclass
class SyncReport:
    """What a reconciliation changed."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _owner(job_id: str) -> str:
    return job_id.removeprefix("retry:")


def reconcile(
    scheduler: Any, watchlist: Watchlist, misfire_grace: int | None = None, start_new: bool = True
) -> SyncReport:
    """Make the scheduler's jobs those of the watchlist (call it while the scheduler is paused).

    With `start_new`, a target new to the job store is crawled right away instead of one period later.
    """
    report = SyncReport()
    wanted = {job.id: job for job in desired_jobs(watchlist)}
    for job in scheduler.get_jobs():
        if _owner(job.id) not in wanted:
            scheduler.remove_job(job.id)
            report.removed.append(job.id)
    for job_id, want in wanted.items():
        existing = scheduler.get_job(job_id)
        if existing is not None and existing.func_ref == want.func and existing.kwargs == {"spec": want.spec}:
            report.kept.append(job_id)
            continue
        options: dict[str, Any] = {}
        if existing is not None:
            options["next_run_time"] = existing.next_run_time  # a schedule change keeps a pause
        elif start_new and want.func.endswith(":crawl_job"):
            options["next_run_time"] = datetime.now(UTC)  # a new target is crawled right away
        if misfire_grace is not None:
            options["misfire_grace_time"] = misfire_grace
        scheduler.add_job(
            want.func,
            want.trigger(),
            id=job_id,
            name=want.name,
            kwargs={"spec": want.spec},
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            **options,
        )
        (report.replaced if existing is not None else report.added).append(job_id)
    return report
