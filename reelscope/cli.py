"""The `reelscope` command line: one Typer app, with commands grouped in small modules."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from reelscope import __version__
from reelscope.errors import UserError
from reelscope.output import say

app = typer.Typer(
    name="reelscope",
    help="Collect public posts from video platforms, detect sponsored content, compare market share.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reelscope {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """reelscope: competitive intelligence on TikTok, YouTube, Instagram, X and more.

    Examples:
      reelscope plugins
      reelscope parse page.html
      reelscope db upgrade
    """


def _register_commands() -> None:
    from reelscope import (
        cmd_crawl,
        cmd_db,
        cmd_model,
        cmd_parse,
        cmd_plugins,
        cmd_privacy,
        cmd_report,
        cmd_schedule,
        cmd_status,
        cmd_worker,
    )

    cmd_plugins.register(app)
    cmd_parse.register(app)
    cmd_db.register(app)
    cmd_model.register(app)
    cmd_report.register(app)
    cmd_crawl.register(app)
    cmd_schedule.register(app)
    cmd_status.register(app)
    cmd_privacy.register(app)
    cmd_worker.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user mistakes print one line on stderr and exit non-zero."""
    from store.errors import StoreError

    _register_commands()
    try:
        from reelscope.host import host

        host().register_commands(app)
        app(args=argv)  # standalone: click prints usage errors itself and exits
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except (UserError, StoreError) as exc:
        say(str(exc), "red", "error:")
        return getattr(exc, "code", 2)
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
