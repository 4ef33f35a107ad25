"""`reelscope db upgrade|current`: the store's schema, owned by Alembic."""

from __future__ import annotations

from typing import Annotated

import typer

from reelscope.output import say

db_app = typer.Typer(help="Manage the database schema.", no_args_is_help=True)

UrlOption = Annotated[
    str | None,
    typer.Option("--url", help="Database URL (default: REELSCOPE_DATABASE_URL, else the SQLite file)."),
]


@db_app.command("upgrade")
def upgrade(url: UrlOption = None, revision: Annotated[str, typer.Option(help="Target.")] = "head") -> None:
    """Create or migrate the schema to the latest revision (safe to run again).

    Examples:
      reelscope db upgrade
      REELSCOPE_DATABASE_URL=postgresql+psycopg://user@host/db reelscope db upgrade
    """
    from store.engine import database_url, redact
    from store.migrations import current
    from store.migrations import upgrade as run_upgrade

    target = url or database_url()
    run_upgrade(target, revision)
    say(f"database {redact(target)} is at revision {current(target)}")


@db_app.command("current")
def show_current(url: UrlOption = None) -> None:
    """Print the schema revision of the database.

    Examples:
      reelscope db current
    """
    from store.engine import database_url
    from store.migrations import current

    typer.echo(current(url or database_url()) or "empty")


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.add_typer(db_app, name="db")
