"""Command-line options that several commands share, so their flags and help read the same everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database URL (default: REELSCOPE_DATABASE_URL, else the SQLite file)."),
]
JobstoreOption = Annotated[
    str | None,
    typer.Option("--jobstore", help="Job store URL (default: REELSCOPE_JOBSTORE_URL, else jobs.db)."),
]
ConfigOption = Annotated[
    Path | None, typer.Option("--config", "-c", help="Watchlist TOML (default: REELSCOPE_CONFIG).")
]
