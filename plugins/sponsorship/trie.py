"""Accent-insensitive trie regexes: one compiled alternation over many terms, matched on lowercased text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass

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
# Every ASCII character that is not a letter or digit becomes a space, so `split()` cuts ASCII text
# exactly where `_WORD` would, at a fraction of a regex pass.
_ASCII_BREAKS = str.maketrans({chr(i): " " for i in range(128) if not chr(i).isalnum()})
# The same on UTF-8 bytes; bytes of non-ASCII characters are kept, to be cut by `_WORD` afterwards.
_BYTE_BREAKS = bytes(b if b >= 128 or chr(b).isalnum() else 32 for b in range(256))


def fold(text: str) -> str:
    """Lowercase and strip accents (`Publicité` -> `publicite`), with spaces collapsed."""
    if text.isascii():  # nothing to decompose or replace: the common case, per match
        return " ".join(text.lower().split())
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


def word_list(low: str) -> list[str]:
    """The words of a lowercased text as `words_of` cuts them, in order, repeats kept (cheaper: no set)."""
    words = low.translate(_ASCII_BREAKS).split()
    if low.isascii():
        return words
    out: list[str] = []
    for word in words:
        if word.isascii():
            out.append(word)
            continue
        # Non-ASCII punctuation («, –, …, emoji) still separates words here.
        parts = _WORD.findall(word)
        out.extend(parts)
        out.extend([fold(p) for p in parts if not p.isascii()])
    return out


def words_of(low: str) -> set[str]:
    """The distinct words of a lowercased text (split at anything but letters and digits), plus the
    accent-stripped form of accented ones."""
    return set(word_list(low))


def key_word(term: str) -> str:
    """The longest word of a folded term (as `words_of` cuts words): a text holding the term holds it."""
    return max(_WORD.findall(term), key=len, default="")


def may_contain(words: Collection[str], keys: frozenset[str]) -> bool:
    """True when `words` (from `words_of` or `word_list`) hold a term's key word: a cheap test before
    the full regex."""
    return not keys.isdisjoint(words)


@dataclass(frozen=True, slots=True)
class KeyWords:
    """Key words of a set of terms (from `key_word`), as text and as the ASCII bytes `Words` compares."""

    text: frozenset[str] = frozenset()
    ascii: frozenset[bytes] = frozenset()

    @classmethod
    def of(cls, keys: Iterable[str]) -> KeyWords:
        """The key words given, in both forms (an ASCII caption can only hold the ASCII ones)."""
        text = frozenset(k for k in keys if k)
        return cls(text, frozenset(k.encode("ascii") for k in text if k.isascii()))


class Words:
    """A lowercased caption's words, cut once per post and shared by every detector's cheap test.

    The caption is cut as UTF-8 bytes (one table lookup per byte, no regex): ASCII words stay bytes;
    the few pieces holding other characters are cut by `_WORD` and folded, as `word_list` does.
    """

    __slots__ = ("_ascii", "_text")

    def __init__(self, low: str) -> None:
        pieces = low.encode("utf-8", "surrogatepass").translate(_BYTE_BREAKS).split()
        self._text: list[str] = []
        if low.isascii():
            self._ascii = pieces
            return
        self._ascii = [p for p in pieces if p.isascii()]
        for piece in pieces:
            if not piece.isascii():
                words = _WORD.findall(piece.decode("utf-8", "surrogatepass"))
                self._text.extend(words)
                self._text.extend([fold(w) for w in words if not w.isascii()])

    def hold_any(self, keys: KeyWords) -> bool:
        """True when one of `keys` is among the words."""
        if not keys.ascii.isdisjoint(self._ascii):
            return True
        return bool(self._text) and not keys.text.isdisjoint(self._text)
