"""A cheap guess of a caption's language from function words, for language-bound markers."""

from __future__ import annotations

import re

_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        ["the", "and", "is", "are", "with", "for", "this", "that", "you", "my", "your", "of", "to", "it"]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "des",
            "et",
            "est",
            "avec",
            "pour",
            "une",
            "un",
            "mon",
            "ma",
            "mes",
            "du",
            "sur",
            "dans",
            "c'est",
            "vous",
            "je",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "das",
            "und",
            "ist",
            "mit",
            "für",
            "ein",
            "eine",
            "ich",
            "nicht",
            "auf",
            "dem",
            "den",
            "zu",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "es",
            "con",
            "para",
            "una",
            "un",
            "mi",
            "del",
            "por",
            "que",
            "muy",
            "este",
            "esta",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "lo",
            "la",
            "gli",
            "le",
            "e",
            "è",
            "con",
            "per",
            "una",
            "un",
            "mio",
            "mia",
            "del",
            "che",
            "della",
            "questo",
            "sono",
        ]
    ),
    "nl": frozenset(
        ["de", "het", "een", "en", "is", "met", "voor", "van", "dit", "dat", "ik", "mijn", "niet", "op", "je"]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "e",
            "é",
            "com",
            "para",
            "uma",
            "um",
            "meu",
            "minha",
            "do",
            "da",
            "que",
            "não",
            "isso",
            "muito",
        ]
    ),
}
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def guess_languages(low: str, declared: object = None) -> frozenset[str]:
    """Likely languages of a lowercased caption: the declared one, else the best function-word score."""
    if isinstance(declared, str) and declared:
        return frozenset({declared.lower().replace("_", "-").split("-")[0]})
    counts = dict.fromkeys(_WORDS, 0)
    for token in _TOKEN.findall(low):
        for lang, words in _WORDS.items():
            if token in words:
                counts[lang] += 1
    best = max(counts.values())
    if best == 0:
        return frozenset()
    return frozenset(lang for lang, n in counts.items() if n == best)
