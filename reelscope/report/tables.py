"""Figures as a terminal table (one row per period × platform × brand) and as CSV, JSON or Parquet."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
from rich.table import Table

from reelscope.errors import UserError
from store.compare import ALL, ShareRow

DEFAULT_METRICS: tuple[str, ...] = (
    "posts",
    "creators",
    "views",
    "engagements",
    "emv",
    "sponsored_posts",
    "disclosed_share",
    "views_at_24h",
)
COLUMNS: tuple[str, ...] = (
    "granularity",
    "period_start",
    "period_end",
    "platform",
    "brand",
    "metric",
    "value",
    "share",
    "definition_version",
    "posts",
    "with_value",
)


def number(value: float, metric: str) -> str:
    """A figure for people: ratios as %, money with 2 decimals, counts with thousands separators."""
    if metric.endswith("_share"):
        return f"{value * 100:.1f}%"
    if metric.endswith("emv"):
        return f"{value:,.2f}"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.1f}"


def _order(platform: str) -> tuple[int, str]:
    return (1 if platform == ALL else 0, platform)


def table(rows: Sequence[ShareRow], metrics: Sequence[str]) -> Table:
    """A rich table: one line per (period, platform, brand), a column per metric, share in brackets."""
    grid: dict[tuple[Any, str, str], dict[str, ShareRow]] = {}
    for r in rows:
        grid.setdefault((r.period_start, r.platform, r.brand), {})[r.metric] = r
    out = Table(title="Market share", show_lines=False, header_style="bold")
    for name in ("period", "platform", "brand"):
        out.add_column(name, no_wrap=True)
    for metric in metrics:
        out.add_column(metric, justify="right")
    for key in sorted(grid, key=lambda k: (k[0], _order(k[1]), k[2] != ALL, k[2])):
        start, platform, brand = key
        cells = []
        for metric in metrics:
            found = grid[key].get(metric)
            if found is None:
                cells.append("[dim]–[/dim]")
                continue
            text = number(found.value, metric)
            if found.share is not None:
                text += f" [dim]({found.share * 100:.1f}%)[/dim]"
            cells.append(text)
        out.add_row(start.strftime("%Y-%m-%d"), platform, brand, *cells)
    out.caption = "value (share of the platform total for brand *, share of voice for a brand); – unknown"
    return out


def records(rows: Sequence[ShareRow]) -> list[dict[str, Any]]:
    """JSON-ready records, one per figure."""
    return [r.to_dict() for r in rows]


def to_json(rows: Sequence[ShareRow]) -> bytes:
    """The figures as a JSON array."""
    return orjson.dumps(records(rows), option=orjson.OPT_INDENT_2) + b"\n"


def to_csv(rows: Sequence[ShareRow]) -> str:
    """The figures as CSV with a header line."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records(rows))
    return buffer.getvalue()


def write_parquet(rows: Sequence[ShareRow], path: Path) -> None:
    """The figures as a Parquet file (typed columns; times as UTC timestamps)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise UserError("Parquet output needs pyarrow: pip install pyarrow (or use --format csv)") from None
    schema = pa.schema(
        [
            ("granularity", pa.string()),
            ("period_start", pa.timestamp("us", tz="UTC")),
            ("period_end", pa.timestamp("us", tz="UTC")),
            ("platform", pa.string()),
            ("brand", pa.string()),
            ("metric", pa.string()),
            ("value", pa.float64()),
            ("share", pa.float64()),
            ("definition_version", pa.int64()),
            ("posts", pa.int64()),
            ("with_value", pa.int64()),
        ]
    )
    data = {
        "granularity": [r.granularity for r in rows],
        "period_start": [r.period_start for r in rows],
        "period_end": [r.period_end for r in rows],
        "platform": [r.platform for r in rows],
        "brand": [r.brand for r in rows],
        "metric": [r.metric for r in rows],
        "value": [r.value for r in rows],
        "share": [r.share for r in rows],
        "definition_version": [r.definition_version for r in rows],
        "posts": [r.sample.get("posts") for r in rows],
        "with_value": [r.sample.get("with_value") for r in rows],
    }
    pq.write_table(pa.table(data, schema=schema), path)
