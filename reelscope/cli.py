"""The `reelscope` command line: one Typer app, with commands grouped in small modules."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from reelscope import __version__
from reelscope.errors import UserError
from reelscope.output import err

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
    from reelscope import cmd_db, cmd_parse, cmd_plugins

    cmd_plugins.register(app)
    cmd_parse.register(app)
    cmd_db.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user mistakes print one line on stderr and exit non-zero."""
    from store.errors import StoreError

    _register_commands()
    try:
        from reelscope.host import host

        host().register_commands(app)
        rc = app(args=argv, standalone_mode=False)
        return rc if isinstance(rc, int) else 0
    except (UserError, StoreError) as exc:
        err.print(f"[red]error:[/red] {exc}", soft_wrap=True)
        return getattr(exc, "code", 2)
    except typer.Exit as exc:
        return int(exc.exit_code or 0)
    except typer.Abort:
        err.print("aborted")
        return 130
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except Exception as exc:  # click's usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            return exc.exit_code
        raise


if __name__ == "__main__":
    sys.exit(main())
