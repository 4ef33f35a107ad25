"""Read the localized upload date a watch page writes as text ("Apr 4, 2006", "27 mar 2025", "4 thg 4, 2007").

Used only when no machine-readable date is given (InnerTube /next responses). The result is a day, given
as midnight UTC; relative dates ("3 days ago") are not dates and give None.
"""

from __future__ import annotations

import re
import unicodedata

# Month-name prefixes (accents stripped, lowercase) in en, fr, de, es, it, pt, nl.
_MONTHS: dict[str, int] = {
    "jan": 1, "ene": 1, "gen": 1,
    "feb": 2, "fev": 2,
    "mar": 3, "mrt": 3, "maa": 3,
    "apr": 4, "abr": 4, "avr": 4,
    "may": 5, "mai": 5, "mag": 5, "mei": 5,
    "jun": 6, "juin": 6, "giu": 6,
    "jul": 7, "juil": 7, "lug": 7,
    "aug": 8, "ago": 8, "aou": 8,
    "sep": 9, "set": 9,
    "oct": 10, "okt": 10, "ott": 10, "out": 10,
    "nov": 11,
    "dec": 12, "dez": 12, "dic": 12,
}  # fmt: skip
# Month abbreviations of tr, pl, id, ru, uk (first three letters, accents stripped) that read as a month
# only right after the day ("4 Nis 2007", "4 kwi 2007", "4 апр. 2007 г."): "sie" or "ara" are words too.
_AFTER_DAY: dict[str, int] = {
    "oca": 1, "sub": 2, "nis": 4, "haz": 6, "tem": 7, "agu": 8, "eyl": 9, "eki": 10, "kas": 11, "ara": 12,
    "sty": 1, "lut": 2, "kwi": 4, "maj": 5, "cze": 6, "lip": 7, "sie": 8, "wrz": 9, "paz": 10, "lis": 11,
    "gru": 12,
    "agt": 8, "des": 12,
    "янв": 1, "фев": 2, "мар": 3, "апр": 4, "мая": 5, "маи": 5, "июн": 6, "июл": 7, "авг": 8, "сен": 9,
    "окт": 10, "ноя": 11, "дек": 12,
    "січ": 1, "лют": 2, "бер": 3, "кві": 4, "тра": 5, "чер": 6, "лип": 7, "сер": 8,
    "вер": 9, "жов": 10, "лис": 11, "гру": 12,
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_VI = re.compile(r"(?<!\d)(\d{1,2})\s+(?:thg|thang)\s+(\d{1,2}),?\s+(\d{4})(?!\d)")  # "4 thg 4, 2007"
_YMD = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY = re.compile(r"(?<!\d)(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})(?!\d)")


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month(word: str) -> int | None:
    return _MONTHS.get(word[:4]) or _MONTHS.get(word[:3])


def _after_day(word: str, previous: str) -> int | None:
    return _AFTER_DAY.get(word[:3]) if previous.isdigit() and len(previous) <= 2 else None


def _iso(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


def date_from_text(text: object) -> str | None:
    """The day a localized date text names, as "YYYY-MM-DDT00:00:00Z", or None."""
    if not isinstance(text, str) or not text:
        return None
    plain = _plain(text)
    found = _YMD.search(plain)
    if found:
        return _iso(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    found = _DMY.search(plain) or _VI.search(plain)
    if found:
        return _iso(int(found.group(3)), int(found.group(2)), int(found.group(1)))
    year = day = month = None
    previous = ""
    for word in _WORD.findall(plain):
        if word.isdigit():
            if len(word) == 4 and year is None:
                year = int(word)
            elif len(word) <= 2 and day is None:
                day = int(word)
        elif month is None and len(word) >= 3:
            month = _month(word) or _after_day(word, previous)
        previous = word
    if year is None or day is None or month is None:
        return None
    return _iso(year, month, day)
