"""Read counters written as localized or abbreviated text ("6.870.691", "1,2 M", "36K", "3 mil")."""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

# Multipliers by lowercase suffix word, across en, fr, de, es, it, pt, nl (and the usual letters).
_SUFFIXES: dict[str, int] = {
    "k": 1_000,
    "thousand": 1_000,
    "mil": 1_000,  # es/pt: "36 mil" is 36 000
    "mila": 1_000,  # it
    "tsd": 1_000,  # de
    "tausend": 1_000,
    "duizend": 1_000,
    "d": 1_000,  # nl short form ("12d")
    "m": 1_000_000,
    "mn": 1_000_000,
    "mio": 1_000_000,
    "mi": 1_000_000,  # pt-BR: "1,2 mi"
    "mln": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "millionen": 1_000_000,
    "millones": 1_000_000,
    "millón": 1_000_000,
    "millon": 1_000_000,
    "milione": 1_000_000,
    "milioni": 1_000_000,
    "milhão": 1_000_000,
    "milhões": 1_000_000,
    "miljoen": 1_000_000,
    "b": 1_000_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "md": 1_000_000_000,
    "mrd": 1_000_000_000,
    "milliard": 1_000_000_000,
    "milliards": 1_000_000_000,
    "miliardi": 1_000_000_000,
    "mld": 1_000_000_000,
    "bi": 1_000_000_000,
    "tys": 1_000,  # pl
    "тыс": 1_000,  # ru
    "тис": 1_000,  # uk
    "млн": 1_000_000,
    "млрд": 1_000_000_000,
    "n": 1_000,  # vi: "34,2 N" (nghìn)
    "nghìn": 1_000,
    "ngàn": 1_000,
    "tr": 1_000_000,  # vi: "11 Tr" (triệu)
    "triệu": 1_000_000,
    "t": 1_000_000_000,  # vi: "1,2 T" (tỷ)
    "tỷ": 1_000_000_000,
    "tỉ": 1_000_000_000,
    "rb": 1_000,  # id: "3,4 rb" (ribu); id "M" (miliar) clashes with the million M and is left as million
    "ribu": 1_000,
    "jt": 1_000_000,  # id: juta
    "juta": 1_000_000,
    "miliar": 1_000_000_000,
    "lakh": 100_000,  # en-IN
    "lakhs": 100_000,
    "lac": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "cr": 10_000_000,
    "bin": 1_000,  # tr; tr "B" is a thousand too but a billion in en: see _AMBIGUOUS
    "milyon": 1_000_000,
    "mr": 1_000_000_000,
    "milyar": 1_000_000_000,
}
# Suffixes that mean another multiplier in another language: English writes "1.2B" (a billion),
# Turkish "1,2 B" and "12 B" (a thousand). After a decimal comma, or apart from a whole number, such a
# counter is unreadable rather than a million times too large.
_AMBIGUOUS = frozenset({"b"})
# Short words that follow a plain count without multiplying it: es "12 Me gusta", id "12 x ditonton".
_NOT_SUFFIXES = frozenset({"me", "x", "de"})
# Multiplier words that instead begin a phrase: it "12 Mi piace" is 12 likes, not pt-BR "12 mi".
_PHRASES: dict[str, re.Pattern[str]] = {"mi": re.compile(r"[\s\u00a0]+piace", re.IGNORECASE)}
# Single-character multipliers written without a space after the number ("1.2万回視聴", "3.4만회").
_CJK_SUFFIXES: dict[str, int] = {
    "千": 1_000,
    "万": 10_000,
    "萬": 10_000,
    "亿": 100_000_000,
    "億": 100_000_000,
    "천": 1_000,
    "만": 10_000,
    "억": 100_000_000,
}

_SPACES = "\u00a0\u202f\u2009\u2007 '’"
_NUMBER = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,\u00a0\u202f\u2009\u2007 '’]\d{3})+|\d+)"  # grouped or plain integer part
    r"(?:[.,](\d+))?"  # decimal part
    r"(?:[\u00a0\u202f\u2009 ]?(?:de\s+)?([^\W\d_]{1,10})\.?"  # optional suffix word ("K", "mil", "Mio.")
    r"(?:[\u00a0\u202f\u2009 ](M)(?!\w))?)?",  # es billions: "1,2 mil M" is 1 200 000 000
    re.UNICODE,
)


_GROUPING = re.compile(f"[.,{_SPACES}]")


@lru_cache(maxsize=1024)
def _suffix_multiplier(word: str | None) -> int | None:
    # Cached: a page repeats the same few words ("K", "views"), and NFC normalisation is not free.
    if not word:
        return None
    w = unicodedata.normalize("NFC", word.lower())
    found = _SUFFIXES.get(w)
    if found is None and w[0] in _CJK_SUFFIXES:
        return _CJK_SUFFIXES[w[0]]
    return found


def _unreadable_suffix(m: re.Match[str], known: bool) -> bool:
    """Whether the word after a number is a multiplier this module cannot read ("1,2 B" in tr, "5 Xy")."""
    word = m.group(3)
    if word is None:
        return False
    after = m.string[m.end(3) : m.end(3) + 1]
    if known:
        if word.lower() not in _AMBIGUOUS:
            return False
        if m.group(2) is not None:
            return m.string[m.end(1)] == ","
        return m.start(3) > m.end(1)  # "12 B", not "12B"
    if (after and after in "'’") or word.lower() in _NOT_SUFFIXES or word.lower() == word.upper():
        return False  # "12 J’aime", "12 Me gusta", uncased scripts ("1,234回視聴")
    return (len(word) <= 2 and word[0].isupper()) or (len(word) <= 4 and after == ".")


def _begins_phrase(m: re.Match[str]) -> bool:
    phrase = _PHRASES.get(m.group(3).lower())
    return phrase is not None and phrase.match(m.string, m.end(3)) is not None


def _match_count(m: re.Match[str]) -> tuple[int, bool] | None:
    whole, decimals, word, billions = m.groups()
    multiplier = _suffix_multiplier(word)
    if billions and multiplier == 1_000:
        multiplier = 1_000_000_000
    if multiplier is not None and _begins_phrase(m):
        multiplier, word = None, None
    elif _unreadable_suffix(m, multiplier is not None):
        return None
    digits = whole if whole.isdigit() else _GROUPING.sub("", whole)
    if multiplier is None:
        if decimals is not None:
            # "2,347" or "1.234" with a single separator and three digits is a thousands group.
            if len(decimals) == 3 and len(digits) <= 3:
                return int(digits + decimals), False
            if word is not None:
                return None  # "34,2 người": a fraction before a word is an abbreviation not known here
            # A fractional counter without a suffix is not a counter: keep the integer part only
            # if nothing was after the separator that could change it.
            return int(digits), False
        return int(digits), False
    value = int(digits) * multiplier
    if decimals:
        value += int(decimals) * multiplier // (10 ** len(decimals))
    return value, True


def parse_count(text: str | int | float | None) -> tuple[int, bool] | None:
    """Return (value, approximate) for a counter string, or None if it holds no number.

    `approximate` is True when the value was expanded from an abbreviation ("1,2 M", "36K").
    """
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, int):
        return (text, False) if text >= 0 else None
    if isinstance(text, float):
        return (int(text), False) if math.isfinite(text) and text >= 0 else None
    m = _NUMBER.search(text)
    if m is None:
        return None
    return _match_count(m)


def count_or_none(text: str | int | float | None) -> int | None:
    """The exact value of a counter string, or None when absent or unreadable."""
    parsed = parse_count(text)
    return None if parsed is None else parsed[0]


def find_counts(text: str) -> list[tuple[int, bool]]:
    """Every readable counter in a sentence, in order ("along with 6,870,691 other people")."""
    return [count for m in _NUMBER.finditer(text) if (count := _match_count(m)) is not None]
