"""A dataset to share: the store's tables with creators pseudonymised, free text removed (unless asked),
display names, logs and crawl targets of unwatched accounts taken out, and a data sheet saying what it
holds and what was removed (`DATASHEET.md` + `datasheet.json`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine, func, select

from plugins.post import Account, Post, Signal
from store.export import Transform, export
from store.pseudonym import Pseudonymiser
from store.repo import ACCOUNT, POST, SIGNAL
from store.runs import RUN
from store.views import TABLE_DOCS

SHARED_TABLES: tuple[str, ...] = (
    "post",
    "engagement_snapshot",
    "signal",
    "account",
    "brand",
    "crawl_run",
    "sighting",
    "share_snapshot",
)
TEXT_META_KEYS = ("title", "description", "caption")


@dataclass
class ShareOptions:
    """What the shared dataset keeps: free text or not, and the privacy policy it was made under."""

    with_text: bool = False
    privacy: dict[str, Any] = field(default_factory=dict)
    watchlist: str | None = None


def _post_row(p: Pseudonymiser, row: dict[str, Any], with_text: bool) -> dict[str, Any]:
    record = Post(
        platform=row["platform"],
        post_id=row["post_id"],
        url=row["url"],
        author=row["author"],
        text=row["text"] or "",
        mentions=list(row["mentions"] or []),
        metadata=dict(row["meta"] or {}),
    )
    p.post(record)
    if not with_text:
        record.text = ""
        for key in TEXT_META_KEYS:
            record.metadata.pop(key, None)
        record.metadata["text_removed"] = True
    return {
        **row,
        "url": record.url,
        "author": record.author,
        "text": record.text,
        "mentions": record.mentions,
        "meta": record.metadata,
    }


def _transforms(engine: Engine, p: Pseudonymiser, with_text: bool) -> dict[str, Transform]:
    with engine.connect() as conn:
        authors = {
            r.id: (r.platform, r.author)
            for r in conn.execute(select(POST.c.id, POST.c.platform, POST.c.author))
        }
        runs = {
            r.id: (r.platform, r.target_kind)
            for r in conn.execute(select(RUN.c.id, RUN.c.platform, RUN.c.target_kind))
        }

    def signal(row: dict[str, Any]) -> dict[str, Any]:
        record = Signal(row["kind"], row["evidence"] or "", row["source"], detail=dict(row["detail"] or {}))
        platform, author = authors.get(row["post_pk"], ("", None))
        holder = Post(platform=platform, post_id="", url="", author=author, signals=[record])
        p.post(holder)
        evidence = record.evidence if with_text else ""
        return {**row, "evidence": evidence, "detail": record.detail}

    def account(row: dict[str, Any]) -> dict[str, Any]:
        record = Account(platform=row["platform"], handle=row["handle"], account_id=row["account_id"])
        record.display_name = row["display_name"]
        p.account(record)
        return {
            **row,
            "handle": record.handle,
            "account_id": record.account_id,
            "display_name": record.display_name,
        }

    def crawl_run(row: dict[str, Any]) -> dict[str, Any]:
        target = p.target(row["platform"], row["target_kind"], row["target"])
        return {**row, "target": target, "stderr_tail": ""}

    def sighting(row: dict[str, Any]) -> dict[str, Any]:
        if row["target"] is None:
            return row
        platform, kind = runs.get(row["crawl_run_id"], (authors.get(row["post_pk"], ("",))[0], "account"))
        return {**row, "target": p.target(platform, kind, row["target"])}

    def share(row: dict[str, Any]) -> dict[str, Any]:
        sample = {k: v for k, v in (row["sample"] or {}).items() if k != "targets"}
        return {**row, "sample": sample}

    return {
        "post": lambda row: _post_row(p, row, with_text),
        "signal": signal,
        "account": account,
        "crawl_run": crawl_run,
        "sighting": sighting,
        "share_snapshot": share,
    }


def _span(engine: Engine) -> dict[str, Any]:
    when = func.coalesce(POST.c.published_at, POST.c.first_seen_at)
    with engine.connect() as conn:
        published = conn.execute(select(func.min(when), func.max(when))).one()
        crawled = conn.execute(select(func.min(RUN.c.started_at), func.max(RUN.c.started_at))).one()
        by_platform = select(POST.c.platform, func.count()).group_by(POST.c.platform)
        platforms = {name: count for name, count in conn.execute(by_platform)}
        by_kind = select(RUN.c.target_kind, func.count()).group_by(RUN.c.target_kind)
        kinds = {name: count for name, count in conn.execute(by_kind)}
        accounts = conn.execute(select(func.count()).select_from(ACCOUNT)).scalar()
        signals = conn.execute(select(func.count()).select_from(SIGNAL)).scalar()
    return {
        "published": [_iso(published[0]), _iso(published[1])],
        "crawled": [_iso(crawled[0]), _iso(crawled[1])],
        "posts_per_platform": platforms,
        "crawl_runs_per_target_kind": kinds,
        "accounts": accounts,
        "signals": signals,
    }


def _iso(value: Any) -> str | None:
    from store.repo import format_time, parse_time

    return format_time(parse_time(value)) if value is not None else None


def removed(with_text: bool) -> list[str]:
    """What the shared dataset leaves out or replaces, in words (for the data sheet)."""
    out = [
        "handles and account ids of creators not on the watchlist: replaced by keyed pseudonyms "
        "(anon_…; HMAC-SHA256 with a secret that is not part of the dataset), in authors, mentions, "
        "post URLs, metadata, crawl targets and sightings",
        "display names of pseudonymised accounts",
        "crawl logs (crawl_run.stderr_tail)",
        "the list of crawl targets in share_snapshot.sample",
    ]
    if not with_text:
        out.insert(
            1, "free text: post captions, titles and signal evidence (post.text, meta.title, signal.evidence)"
        )
    else:
        out.insert(1, "free text kept (--with-text), with @mentions of pseudonymised creators masked")
    return out


def export_shared(
    engine: Engine,
    folder: Path,
    p: Pseudonymiser,
    *,
    fmt: str = "parquet",
    options: ShareOptions | None = None,
) -> dict[str, int]:
    """Write the shared dataset and its data sheet into `folder`; return rows written per table."""
    options = options or ShareOptions()
    counts = export(
        engine,
        folder,
        fmt=fmt,
        tables=list(SHARED_TABLES),
        transforms=_transforms(engine, p, options.with_text),
    )
    sheet = {
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "format": fmt,
        "sources": "Public pages of the platforms below, collected by reelscope crawls (no login, no "
        "account cookies; robots.txt as recorded per crawl run in crawl_run.settings.audit)",
        "periods": _span(engine),
        "privacy": {**options.privacy, "pseudonymised_in_export": True, "free_text": options.with_text},
        "removed": removed(options.with_text),
        "tables": {
            name: {
                "rows": counts[name],
                "file": f"{name}.{fmt}",
                "description": TABLE_DOCS.get(name, ("", {}))[0],
                "fields": TABLE_DOCS.get(name, ("", {}))[1],
            }
            for name in SHARED_TABLES
        },
    }
    (folder / "datasheet.json").write_bytes(orjson.dumps(sheet, option=orjson.OPT_INDENT_2))
    (folder / "DATASHEET.md").write_text(_markdown(sheet), encoding="utf-8")
    return counts


def _markdown(sheet: dict[str, Any]) -> str:
    periods = sheet["periods"]
    lines = [
        "# Data sheet",
        "",
        f"Generated {sheet['generated_at']} by `reelscope export --share` ({sheet['format']} files).",
        "",
        "## Sources",
        "",
        sheet["sources"] + ".",
        "",
        "Posts per platform: "
        + (", ".join(f"{k} {v}" for k, v in sorted(periods["posts_per_platform"].items())) or "none")
        + ".",
        "Crawl runs per target kind: "
        + (", ".join(f"{k} {v}" for k, v in sorted(periods["crawl_runs_per_target_kind"].items())) or "none")
        + ".",
        "",
        "## Periods",
        "",
        f"Published (or first seen): {periods['published'][0]} to {periods['published'][1]}.",
        f"Crawled: {periods['crawled'][0]} to {periods['crawled'][1]}.",
        "",
        "## What was removed",
        "",
        *[f"- {item}" for item in sheet["removed"]],
        "",
        "## Privacy settings",
        "",
        *[f"- {k}: {v}" for k, v in sheet["privacy"].items()],
        "",
        "## Fields",
        "",
    ]
    for name, table in sheet["tables"].items():
        lines += [f"### {name} ({table['rows']} rows, `{table['file']}`)", "", table["description"], ""]
        lines += [f"- `{col}`: {doc}" for col, doc in table["fields"].items()]
        lines.append("")
    return "\n".join(lines)
