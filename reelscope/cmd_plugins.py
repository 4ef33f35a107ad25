"""`reelscope plugins` and `reelscope plugin new|record|test`: what is loaded, and tools for authors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from reelscope.host import host
from reelscope.output import say, write_jsonl

plugin_app = typer.Typer(help="Write, record and test platform plugins.", no_args_is_help=True)


def plugins_command(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per plugin (JSON Lines).")] = False,
) -> None:
    """List loaded plugins: version, hooks, and the platforms, signal kinds and counters they provide.

    Examples:
      reelscope plugins
      reelscope plugins --json
      REELSCOPE_PLUGINS=tiktok,sponsorship reelscope plugins
    """
    h = host()
    described = h.describe()
    failures = [{"name": f.name, "error": f.reason} for f in h.registry.failures]
    if as_json:
        write_jsonl([*described, *({"failed": True, **f} for f in failures)])
        return
    table = Table(title="reelscope plugins")
    for column in ("plugin", "version", "origin", "platforms", "signal kinds", "counters", "hooks"):
        table.add_column(column, overflow="fold")
    for p in described:
        table.add_row(
            p["name"],
            p["version"],
            p["origin"],
            ", ".join(x["name"] for x in p["platforms"]) or "-",
            ", ".join(p["signal_kinds"]) or "-",
            ", ".join(p["counters"]) or "-",
            ", ".join(p["hooks"]),
        )
    from rich.console import Console

    Console().print(table)
    for f in failures:
        say(f"plugin {f['name']} not loaded: {f['error']}", "yellow", "warning:")


@plugin_app.command("new")
def plugin_new(
    name: Annotated[str, typer.Argument(help="Platform name: lowercase letters, digits and _.")],
    directory: Annotated[
        Path | None, typer.Option("--dir", help="Where to create the package (default ./reelscope-NAME).")
    ] = None,
    domain: Annotated[str, typer.Option(help="The platform's web domain.")] = "",
) -> None:
    """Scaffold an installable platform plugin: hookimpls, parser, recipes, a fixture and its tests.

    Examples:
      reelscope plugin new pinterest --domain www.pinterest.com
      cd reelscope-pinterest && pip install -e . && pytest
    """
    from reelscope.scaffold import scaffold_plugin

    target = directory or Path(f"reelscope-{name}")
    created = scaffold_plugin(name, target, domain=domain or f"www.{name}.com")
    say(f"created plugin {name!r} in {target} ({len(created)} files)")
    say(f"next: pip install -e {target} && pytest {target}")


@plugin_app.command("record")
def plugin_record(
    url: Annotated[str, typer.Argument(help="A page URL (http, https or file://) or a saved file path.")],
    case: Annotated[str, typer.Option("--as", help="Fixture case name (a folder name).")],
    platform: Annotated[str | None, typer.Option(help="Platform name (default: recognised).")] = None,
    page_url: Annotated[str | None, typer.Option("--url", help="The page's URL when URL is a file.")] = None,
    fixtures: Annotated[
        Path | None, typer.Option("--fixtures", help="Fixtures folder (default: the plugin's own).")
    ] = None,
) -> None:
    """Save a page as a fixture with the output it produces today, for you to check and edit.

    Examples:
      reelscope plugin record https://www.tiktok.com/@user/video/1 --as sponsored_video
      reelscope plugin record saved.html --url https://www.youtube.com/watch?v=ID --as watch_es
    """
    from reelscope.fixtures import record_fixture

    folder = record_fixture(host(), url, case, platform=platform, page_url=page_url, fixtures=fixtures)
    say(f"recorded {folder}: check expected.json by hand before committing it")


@plugin_app.command("test")
def plugin_test(
    name: Annotated[str | None, typer.Argument(help="Plugin (platform) name; all when omitted.")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Print passing fields too.")] = False,
) -> None:
    """Run plugins' fixtures and print per-field results; exit 1 when a field differs.

    Examples:
      reelscope plugin test
      reelscope plugin test tiktok -v
    """
    from reelscope.fixtures import run_fixtures

    failed = run_fixtures(host(), name, verbose=verbose)
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach these commands to the main app."""
    app.command("plugins")(plugins_command)
    app.add_typer(plugin_app, name="plugin")
