"""Shared terminal output: a stderr console for progress and messages, JSON Lines on stdout."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

import orjson
from rich.console import Console
from rich.markup import escape

err = Console(stderr=True, highlight=False)


def write_jsonl(records: Iterable[dict[str, Any]]) -> int:
    """Write records as JSON Lines to stdout; return how many were written."""
    out = sys.stdout.buffer
    count = 0
    for record in records:
        out.write(orjson.dumps(record) + b"\n")
        count += 1
    out.flush()
    return count


def say(message: str, style: str | None = None, prefix: str = "") -> None:
    """Print one message line on stderr; the message is never read as markup (paths may hold [ ])."""
    head = f"[{style}]{escape(prefix)}[/{style}] " if style and prefix else escape(prefix)
    err.print(head + escape(message), soft_wrap=True)
