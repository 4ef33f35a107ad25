"""Where a marker stands in a caption: in the opening words, buried after the fold, or in a hashtag wall."""

from __future__ import annotations

import re

# Feeds show about this many characters (and only the first line) before "… more".
FOLD_CHARS = 125
WALL_MIN_TAGS = 3
_TOKEN = re.compile(r"\S+")


def hashtag_wall_start(text: str) -> int | None:
    """The offset where the trailing run of hashtags/mentions begins, if it holds enough hashtags."""
    tokens = [(m.start(), m.group()) for m in _TOKEN.finditer(text)]
    start: int | None = None
    tags = 0
    for offset, token in reversed(tokens):
        stripped = token.strip(".,;:!?·•|()[]")
        if stripped.startswith("#"):
            tags += 1
        elif not (stripped.startswith("@") or not stripped or not any(ch.isalnum() for ch in stripped)):
            break
        start = offset
    return start if tags >= WALL_MIN_TAGS else None


def is_opening(text: str, start: int) -> bool:
    """True when `start` lies in the first line and within the first FOLD_CHARS characters."""
    # Blank lines before the first words do not push a marker below the fold.
    return start < FOLD_CHARS and "\n" not in text[:start].lstrip()


def position(text: str, start: int) -> str:
    """ "opening", "hashtag_wall" or "buried" for a marker found at `start` in `text`."""
    if is_opening(text, start):
        return "opening"
    wall = hashtag_wall_start(text)
    if wall is not None and start >= wall:
        return "hashtag_wall"
    return "buried"
