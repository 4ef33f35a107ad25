"""Export tables and research views to Parquet or CSV files, streamed in batches (memory flat in rows).

Parquet keeps types (int64, float64, bool, UTC timestamps; JSON columns as JSON text), ready for
pandas, polars and DuckDB (`duckdb.sql("SELECT * FROM 'post.parquet'")`). pyarrow is needed for Parquet.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import JSON, BigInteger, Boolean, Engine, Float, Integer, Table, select
from sqlalchemy.types import TypeEngine
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables)
from store.errors import StoreError
from store.types import UTCDateTime
from store.views import VIEWS, view_table

FORMATS: tuple[str, ...] = ("parquet", "csv")
BATCH = 20_000
# A row rewrite applied before writing (the shared export pseudonymises and drops text with it).
Transform = Callable[[dict[str, Any]], dict[str, Any]]


def exportable() -> list[str]:
    """Names of every table and view that can be exported, tables first."""
    return sorted(SQLModel.metadata.tables) + list(VIEWS)


def _table(name: str) -> Table:
    if name in SQLModel.metadata.tables:
        return SQLModel.metadata.tables[name]
    if name in VIEWS:
        return view_table(name)
    raise StoreError(f"unknown table {name!r} (known: {', '.join(exportable())})")


def _is_json(type_: TypeEngine[Any]) -> bool:
    return isinstance(type_, JSON)


def _cell(value: Any, json_column: bool) -> Any:
    if json_column and value is not None:
        return orjson.dumps(value).decode()
    return value


def _batches(
    engine: Engine, table: Table, transform: Transform | None = None
) -> Iterator[list[tuple[Any, ...]]]:
    json_cols = [_is_json(c.type) for c in table.columns]
    names = [c.name for c in table.columns]
    with engine.connect() as conn:
        result = conn.execution_options(yield_per=BATCH).execute(select(table))
        for part in result.partitions():
            rows: Sequence[Any] = part
            if transform is not None:
                rows = [tuple(transform(dict(zip(names, row, strict=True))).values()) for row in part]
            yield [tuple(_cell(v, j) for v, j in zip(row, json_cols, strict=True)) for row in rows]


def _arrow_type(type_: TypeEngine[Any]) -> Any:
    import pyarrow as pa

    if isinstance(type_, UTCDateTime):
        return pa.timestamp("us", tz="UTC")
    if isinstance(type_, Boolean):
        return pa.bool_()
    if isinstance(type_, Integer | BigInteger):
        return pa.int64()
    if isinstance(type_, Float):
        return pa.float64()
    return pa.string()


def _write_parquet(engine: Engine, table: Table, path: Path, transform: Transform | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise StoreError("Parquet export needs pyarrow: pip install pyarrow (or use --format csv)") from None
    schema = pa.schema([(c.name, _arrow_type(c.type)) for c in table.columns])
    count = 0
    with pq.ParquetWriter(path, schema) as writer:
        for rows in _batches(engine, table, transform):
            columns = list(zip(*rows, strict=True))
            writer.write_batch(pa.record_batch([list(col) for col in columns], schema=schema))
            count += len(rows)
        if not count:
            writer.write_table(schema.empty_table())
    return count


def _csv_cell(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    return value


def _write_csv(engine: Engine, table: Table, path: Path, transform: Transform | None = None) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([c.name for c in table.columns])
        for rows in _batches(engine, table, transform):
            writer.writerows([_csv_cell(v) for v in row] for row in rows)
            count += len(rows)
    return count


def export(
    engine: Engine,
    folder: Path,
    *,
    fmt: str = "parquet",
    tables: Sequence[str] | None = None,
    transforms: dict[str, Transform] | None = None,
) -> dict[str, int]:
    """Write each table or view to `folder/<name>.<fmt>` (rows rewritten by `transforms[name]`); return
    rows written per name."""
    if fmt not in FORMATS:
        raise StoreError(f"export format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    chosen = [_table(name) for name in (tables or exportable())]
    folder.mkdir(parents=True, exist_ok=True)
    write = _write_parquet if fmt == "parquet" else _write_csv
    rewrite = transforms or {}
    return {
        table.name: write(engine, table, folder / f"{table.name}.{fmt}", rewrite.get(table.name))
        for table in chosen
    }
