"""`reelscope report`, `browse` and `export`: market-share figures, research access to the database."""

from __future__ import annotations

import json
import os
import sys
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from reelscope.errors import UserError
from reelscope.options import DbOption
from reelscope.output import say


class Granularity(StrEnum):
    """How periods are cut."""

    day = "day"
    week = "week"
    month = "month"


class Format(StrEnum):
    """Output formats of `report`."""

    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


class ExportFormat(StrEnum):
    """Output formats of `export`."""

    parquet = "parquet"
    csv = "csv"


def parse_when(value: str, option: str) -> datetime:
    """Read a date (2025-11-10) or an ISO-8601 time (naive means UTC) given to an option."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UserError(f"{option}: {value!r} is not a date (YYYY-MM-DD) or ISO-8601 time") from None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def choose_periods(
    granularity: Granularity | None,
    since: str | None,
    until: str | None,
    last: int,
    now: datetime | None = None,
) -> list[Any]:
    """The periods to report: `--period` periods in since/until, one custom period, or the last N."""
    from store import compare

    start = parse_when(since, "--since") if since else None
    end = parse_when(until, "--until") if until else None
    if granularity is None and start and end:
        if end <= start:
            raise UserError("--until must be after --since")
        return [compare.custom_period(start, end)]
    cut = (granularity or Granularity.week).value
    now = now or datetime.now(UTC)
    if start is None:
        first = compare.period_of(cut, end - timedelta(microseconds=1) if end else now)
        periods = [first]
        while len(periods) < last:
            periods.insert(0, compare.period_of(cut, periods[0].start - timedelta(microseconds=1)))
        return periods
    end = end or now
    if end <= start:
        raise UserError("--until must be after --since")
    return compare.periods_between(cut, start, end)


def _engine(db: str | None) -> Any:
    from store.engine import database_url, get_engine
    from store.migrations import ensure_schema

    engine = get_engine(db or database_url())
    ensure_schema(engine)
    return engine


def report(
    period: Annotated[
        Granularity | None, typer.Option("--period", help="Cut into days, weeks or months (default: week).")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="From this date or time (UTC).")] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Until this date or time (UTC, excluded).")
    ] = None,
    last: Annotated[int, typer.Option("--last", min=1, help="Without --since: how many periods.")] = 4,
    brand: Annotated[
        list[str] | None, typer.Option("--brand", help='Brand(s) to show; "*" = all posts.')
    ] = None,
    platform: Annotated[list[str] | None, typer.Option("--platform", help="Platform(s) to show.")] = None,
    metric: Annotated[list[str] | None, typer.Option("--metric", help="Metric(s) to show.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file.")] = None,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw charts to FILE.png or FILE.html.")
    ] = None,
    html: Annotated[
        Path | None, typer.Option("--html", help="Also write a static HTML report in DIR.")
    ] = None,
    db: DbOption = None,
    no_recompute: Annotated[bool, typer.Option("--no-recompute", help="Only read stored figures.")] = False,
) -> None:
    """Compare platforms and brands per period: posts, creators, views, engagements, EMV, sponsorship.

    The periods are recomputed first (from the latest snapshot of each post within the period), unless
    --no-recompute. Shares: a platform's share of the total (brand *), a brand's share of voice.

    Examples:
      reelscope report --period week --since 2025-11-01 --until 2025-12-01
      reelscope report --brand nike --brand adidas --metric posts --metric engagements
      reelscope report --format parquet --output shares.parquet
      reelscope report --period month --last 6 --chart shares.png --html report/
    """
    from reelscope.report import charts, png, svg, tables
    from reelscope.report import html as html_report
    from store import compare
    from store.engine import redact, session

    periods = choose_periods(period, since, until, last)
    unknown = sorted(set(metric or ()) - set(compare.METRICS))
    if unknown:
        raise UserError(f"unknown metric(s): {', '.join(unknown)} (known: {', '.join(compare.METRICS)})")
    if fmt is Format.parquet and output is None:
        raise UserError("--format parquet needs --output FILE")
    if chart is not None and chart.suffix.lower() not in (".png", ".html"):
        raise UserError(f"--chart {chart}: the file must end in .png or .html")
    engine = _engine(db)
    with session(engine) as s:
        if not no_recompute:
            fresh, kept = _recomputable(periods)
            written = compare.compute(s, fresh)
            say(f"recomputed {len(fresh)} period(s): {written} figures")
            if kept:
                say(f"kept the stored figures of {len(kept)} period(s) older than privacy.retain_posts_days")
        rows = compare.read(s, periods, platforms=platform, brands=brand or ["*"], metrics=metric)
        everything = compare.read(s, periods) if (chart or html) else rows
    shown = list(metric or tables.DEFAULT_METRICS)
    if fmt is Format.table:
        from rich.console import Console

        if output is None:
            console = Console()
            # Piped output gets room for every column instead of the 80-column default.
            (console if console.is_terminal else Console(width=220)).print(tables.table(rows, shown))
        else:
            with output.open("w", encoding="utf-8") as handle:
                Console(file=handle, width=200).print(tables.table(rows, shown))
    elif fmt is Format.csv:
        _emit(tables.to_csv(rows).encode(), output)
    elif fmt is Format.json:
        _emit(tables.to_json(rows), output)
    else:
        assert output is not None
        tables.write_parquet(rows, output)
        say(f"wrote {len(rows)} figures to {output}")
    source = redact(engine.url)
    if chart is not None:
        drawn = charts.standard(everything, metric)
        if chart.suffix.lower() == ".png":
            png.write(drawn, chart)
        else:
            body = "".join(svg.render(c) for c in drawn)
            chart.write_text(
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>reelscope charts</title>'
                f"</head><body>{body}</body></html>\n",
                encoding="utf-8",
            )
        say(f"charts written to {chart}")
    if html is not None:
        title = f"Market share by {periods[0].granularity}: {periods[0].label} to {periods[-1].label}"
        path = html_report.write(html, everything, title=title, source=source, metrics=metric)
        say(f"HTML report written to {path}")


def _recomputable(periods: list[Any]) -> tuple[list[Any], list[Any]]:
    """Split off the periods a purge may have thinned (the watchlist in $REELSCOPE_CONFIG says)."""
    from reelscope.config import load_watchlist
    from store.retention import split_frozen

    return split_frozen(periods, load_watchlist().privacy.retain_posts_days)


def _emit(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        output.write_bytes(data)


def browse(
    port: Annotated[int, typer.Option("--port", help="Port to listen on (127.0.0.1).")] = 8001,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    db: DbOption = None,
) -> None:
    """Explore the SQLite database in the browser with Datasette: documented tables, views, canned queries.

    Examples:
      reelscope browse
      reelscope browse --port 8010 --db sqlite:///data/reelscope.db
    """
    from reelscope.report.datasette import metadata

    engine = _engine(db)
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise UserError(
            "Datasette serves SQLite files only; for PostgreSQL, use `reelscope export DIR` and open the "
            "Parquet files with DuckDB, pandas or polars"
        )
    try:
        import datasette  # noqa: F401
    except ImportError:
        raise UserError("`browse` needs Datasette: pip install datasette") from None
    path = Path(engine.url.database).resolve()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reelscope"
    cache.mkdir(parents=True, exist_ok=True)
    meta = cache / f"datasette-{path.stem}.json"
    meta.write_text(json.dumps(metadata(path.stem), indent=2), encoding="utf-8")
    say(f"serving {path} on http://{host}:{port}/ (Ctrl-C to stop)")
    engine.dispose()
    args = [sys.executable, "-m", "datasette", "serve", str(path), "--metadata", str(meta)]
    # Replace this process, so stopping `reelscope browse` stops the server itself.
    os.execv(
        sys.executable, [*args, "--host", host, "--port", str(port), "--setting", "sql_time_limit_ms", "5000"]
    )


def export(
    folder: Annotated[Path, typer.Argument(help="Folder to write <table>.parquet (or .csv) files into.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="File format.")] = ExportFormat.parquet,
    table: Annotated[list[str] | None, typer.Option("--table", help="Table or view (default: all).")] = None,
    db: DbOption = None,
    share: Annotated[
        bool,
        typer.Option(
            "--share", help="A dataset to share: creators pseudonymised, no free text, a data sheet."
        ),
    ] = False,
    with_text: Annotated[
        bool, typer.Option("--with-text", help="With --share: keep captions and evidence (mentions masked).")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", "-c", help="With --share: the watchlist whose brands and accounts stay named."
        ),
    ] = None,
) -> None:
    """Export tables and research views for pandas, polars and DuckDB (Parquet keeps types).

    With --share: the tables only, creators not on the watchlist pseudonymised with the key in
    $REELSCOPE_PSEUDONYM_KEY, free text removed unless --with-text, and DATASHEET.md + datasheet.json
    (sources, periods, fields, what was removed).

    Examples:
      reelscope export out/
      reelscope export out/ --format csv --table post --table v_share_of_voice
      reelscope export shared/ --share --config reelscope.toml
      duckdb -c "SELECT platform, count(*) FROM 'out/post.parquet' GROUP BY 1"
    """
    if share:
        _export_shared(folder, fmt, db, config, with_text, table)
        return
    if with_text:
        raise UserError("--with-text only applies to --share")
    from store.export import export as run_export

    written = run_export(_engine(db), folder, fmt=fmt.value, tables=table)
    for name, count in written.items():
        say(f"{folder / name}.{fmt.value}: {count} rows")


def _export_shared(
    folder: Path, fmt: ExportFormat, db: str | None, config: Path | None, with_text: bool, table: Any
) -> None:
    """The shared dataset: pseudonymised (key required, exit 2 without), with its data sheet."""
    from reelscope.config import load_watchlist
    from store.pseudonym import Pseudonymiser, PseudonymKeyError, key_from_env
    from store.share import ShareOptions, export_shared

    if table:
        raise UserError("--share exports a fixed set of tables; leave out --table")
    watchlist = load_watchlist(config)
    try:
        key = key_from_env()
    except PseudonymKeyError as exc:
        raise UserError(f"export --share: {exc}") from None
    platforms = {g.platform for g in watchlist.targets}
    keep = {p: watchlist.watched_accounts(p) for p in platforms} | {"*": watchlist.brand_handles()}
    options = ShareOptions(
        with_text=with_text,
        privacy=watchlist.privacy.to_dict(),
        watchlist=str(watchlist.path) if watchlist.path else None,
    )
    written = export_shared(_engine(db), folder, Pseudonymiser(key, keep), fmt=fmt.value, options=options)
    for name, count in written.items():
        say(f"{folder / name}.{fmt.value}: {count} rows")
    say(f"data sheet: {folder / 'DATASHEET.md'}")


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.command("report")(report)
    app.command("browse")(browse)
    app.command("export")(export)
