"""The process-wide lexicon (built-in files loaded at import) and the hooks' `register` callables."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugins.sponsorship.lexicon import LEXICON_DIR, Lexicon, load_files

LEXICON: Lexicon = load_files(LEXICON_DIR.glob("*.json"))


def register_lexicon_entry(entry: Mapping[str, Any]) -> None:
    """Merge a plugin's lexicon entry (shaped like a `lexicon/*.json` file); ValueError if invalid."""
    LEXICON.add(entry)
