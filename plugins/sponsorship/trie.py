"""Accent-insensitive trie regexes: one compiled alternation over many terms, matched on lowercased text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Lowercase letters and the accented forms a folded letter stands for in lowercased text.
_VARIANTS: dict[str, str] = {
    "a": "aàáâãäåā",
    "c": "cç",
    "e": "eèéêëē",
    "i": "iìíîïī",
    "n": "nñ",
    "o": "oòóôõöøō",
    "u": "uùúûüū",
    "y": "yýÿ",
}
_END = ""
_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lowercase and strip accents (`Publicité` -> `publicite`), with spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("ß", "ss").replace("’", "'").split())


def _unit(ch: str) -> str:
    if ch == " ":
        return r"[\s_-]+"  # "paid partnership", "paid-partnership", "paid\npartnership"
    if ch in "'’":
        return "['’]"
    variants = _VARIANTS.get(ch)
    if variants is None:
        return re.escape(ch)
    return "[" + variants + "]"


def _build(node: dict[str, dict]) -> str:
    ends = _END in node
    branches = [_unit(ch) + _build(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        # Optional tail: greedy, so the longest term wins at a given start.
        return body + "?" if len(branches) == 1 and len(branches[0]) == 1 else "(?:" + body + ")?"
    return body


def trie_pattern(terms: Iterable[str]) -> str:
    """A regex source matching any of `terms` (folded first) in lowercased, possibly accented text."""
    root: dict[str, dict] = {}
    for term in terms:
        folded = fold(term)
        if not folded:
            continue
        node = root
        for ch in folded:
            node = node.setdefault(ch, {})
        node[_END] = {}
    if not root:
        return r"(?!x)x"  # matches nothing
    pattern = _build(root)
    return pattern if pattern.startswith("(?:") else "(?:" + pattern + ")"


def words_of(low: str) -> set[str]:
    """The distinct words of a lowercased text (split at anything but letters and digits), plus the
    accent-stripped form of accented ones."""
    words = set(_WORD.findall(low))
    if not low.isascii():
        words.update([fold(w) for w in words if not w.isascii()])
    return words


def key_word(term: str) -> str:
    """The longest word of a folded term (as `words_of` cuts words): a text holding the term holds it."""
    return max(_WORD.findall(term), key=len, default="")


def may_contain(words: set[str], keys: frozenset[str]) -> bool:
    """True when `words` (from `words_of`) hold a term's key word: a cheap test before the full regex."""
    return not words.isdisjoint(keys)
