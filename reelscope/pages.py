"""Read saved pages and post-record files from disk, with errors that name the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from plugins.platform import Page
from reelscope.errors import UserError

MAX_BYTES = 512 * 1024 * 1024


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a UserError naming the file and what is wrong with it."""
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"{path}: {size} bytes is larger than the {MAX_BYTES} bytes a page may have")
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror})") from None


def page_from_file(path: Path, url: str | None = None) -> Page:
    """A Page for a saved response; its URL is the given one or the file's own file:// URL."""
    return Page(url=url or path.resolve().as_uri(), body=read_bytes(path))


def read_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for each non-blank line of a JSON Lines file; UserError on a bad line."""
    raw = read_bytes(path)
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            raise UserError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
        if not isinstance(value, dict):
            raise UserError(f"{path}:{number}: expected a JSON object, found {type(value).__name__}")
        yield number, value
