"""The hooks a reelscope plugin may implement (DESIGN §3)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pluggy

from plugins.platform import Platform
from plugins.post import Post, Signal

PROJECT = "reelscope"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def register_platforms(register: Callable[[Platform], None]) -> None:
    """Register platforms by calling ``register(Platform(...))`` once per platform.

    A Platform carries its name, URL patterns per target kind, a pure ``parse(page)`` and ``sniff``,
    and the spider recipes per target kind. Two plugins may not register the same platform name.
    """


@hookspec
def register_lexicon(register: Callable[[dict[str, Any]], None]) -> None:
    """Add disclosure markers: call ``register(entry)`` with a lexicon mapping (see plugins/sponsorship)."""


@hookspec
def register_brands(register: Callable[[dict[str, Any]], None]) -> None:
    """Add brands to the registry: ``register({"name":…, "aliases":[…], "handles":{…}, "domains":[…]})``."""


@hookspec
def plugins_loaded(hook: Any) -> None:
    """Called once after every plugin is loaded; ``hook`` lets a plugin ask the others for data.

    The sponsorship plugin uses it to collect ``register_lexicon`` and ``register_brands`` entries.
    """


@hookspec
def detect_signals(post: Post) -> list[Signal] | None:
    """Return the commercial or disclosure evidence found in a post; results of all plugins are merged.

    Detectors must not mutate the post: the core appends the signals and decides ``sponsored`` and
    ``disclosed`` from all of them.
    """


@hookspec
def enrich_post(post: Post) -> None:
    """Fill derived fields in place (engagement rates, brands, language) after signals are merged."""


@hookspec
def register_commands(cli: Any) -> None:
    """Add commands to the Typer application ``cli`` (``@cli.command()``)."""


@hookspec
def plugin_info() -> dict[str, Any] | None:
    """Declare what the plugin provides, for ``reelscope plugins``.

    Keys (all optional): ``version``, ``signal_kinds`` (list), ``counters`` (list), ``description``.
    """
