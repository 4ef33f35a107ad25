"""Promo codes: "use my code X", "code: X", "-20% avec le code X", "Rabattcode X", "código X", "cupom X"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from plugins.sponsorship.trie import fold, trie_pattern

# Triggers that only ever introduce a discount code.
STRONG_TRIGGERS: tuple[str, ...] = (
    "use my code",
    "use code",
    "use our code",
    "use the code",
    "using my code",
    "using code",
    "with my code",
    "with code",
    "promo code",
    "discount code",
    "coupon code",
    "voucher code",
    "coupon",
    "code promo",
    "code de réduction",
    "code réduc",
    "avec le code",
    "avec mon code",
    "avec code",
    "utilise le code",
    "utilise mon code",
    "utilisez le code",
    "grâce au code",
    "rabattcode",
    "gutscheincode",
    "mit dem code",
    "mit meinem code",
    "mit code",
    "gutschein",
    "código",
    "código de descuento",
    "código promocional",
    "código de desconto",
    "cupón",
    "cupom",
    "cupão",
    "codice",
    "codice sconto",
    "codice promozionale",
    "con il codice",
    "con il mio codice",
    "kortingscode",
    "actiecode",
    "met de code",
    "met code",
)
# "code" alone, or "code:", only counts with a code-looking token and a discount word nearby.
WEAK_TRIGGERS: tuple[str, ...] = ("code",)
_TRIGGER = re.compile(
    r"(?<![\w#@/])(?P<t>"
    + trie_pattern(STRONG_TRIGGERS + WEAK_TRIGGERS)
    + r")[ \t]*[:：=\-–]?[ \t]*[\"'«“‘]?[ \t]*(?P<c>[^\W_][\w-]{2,24})(?![\w/])"
)
_DISCOUNT = re.compile(
    r"\d\s?%|%\s?\d|\boff\b|discount|rabatt|réduc|reduc|remise|descuento|desconto|sconto|korting|"
    r"save|spare|spar|économ|ahorra|risparmi|bespaar|promo|free shipping|livraison|envío|spedizion"
)
_STOP = frozenset(
    [
        "the",
        "my",
        "a",
        "an",
        "at",
        "in",
        "on",
        "for",
        "to",
        "and",
        "is",
        "it",
        "this",
        "that",
        "below",
        "here",
        "bio",
        "link",
        "links",
        "above",
        "le",
        "la",
        "les",
        "de",
        "du",
        "des",
        "et",
        "mon",
        "ma",
        "dans",
        "ici",
        "en",
        "est",
        "pour",
        "au",
        "der",
        "die",
        "das",
        "dem",
        "den",
        "und",
        "mit",
        "im",
        "ist",
        "hier",
        "unten",
        "el",
        "los",
        "las",
        "del",
        "y",
        "es",
        "para",
        "aqui",
        "aquí",
        "abajo",
        "il",
        "lo",
        "gli",
        "di",
        "e",
        "per",
        "qui",
        "sotto",
        "het",
        "een",
        "van",
        "op",
        "dit",
        "met",
        "voor",
        "o",
        "os",
        "as",
        "do",
        "da",
        "com",
        "que",
        "no",
        "na",
        "em",
        "is",
        "source",
        "your",
        "our",
        "their",
        "you",
    ]
)


def _nouns(triggers: tuple[str, ...]) -> tuple[str, ...]:
    """The one-word triggers no other one-word trigger contains ("code", "coupon", "codice", ...).

    Every trigger holds one of them inside a single word, so a text where none of them appears (up to
    accents) cannot match `_TRIGGER`, whatever its spacing, and even with a code glued on.
    """
    single = {fold(t) for t in triggers if " " not in fold(t)}
    nouns = tuple(sorted(w for w in single if not any(o != w and o in w for o in single)))
    for trigger in triggers:
        if not any(n in word for word in fold(trigger).split() for n in nouns):
            raise ValueError(f"promo-code trigger {trigger!r} holds none of {nouns}")
    return nouns


_NOUNS = _nouns(STRONG_TRIGGERS + WEAK_TRIGGERS)
# Fewer, shorter substrings, each inside some noun, that together cover every noun: one `in` each.
_PROBES: tuple[str, ...] = ("cod", "coupon", "cup", "gutschein")
if not all(any(probe in noun for probe in _PROBES) for noun in _NOUNS):
    raise ValueError(f"promo-code probes {_PROBES} do not cover the trigger nouns {_NOUNS}")
# The probes with the accented letters the trigger regex accepts ("cödigo", "cupão").
_ACCENTED_PROBES = re.compile(trie_pattern(_PROBES))


def may_hold_trigger(low: str) -> bool:
    """False when the lowercased text cannot match a trigger: a substring test before the regex."""
    if not low.isascii():
        return _ACCENTED_PROBES.search(low) is not None
    for part in _PROBES:  # noqa: SIM110 - a plain loop: any() with a generator costs twice as much here
        if part in low:
            return True
    return False


@dataclass(frozen=True, slots=True)
class Code:
    """A promo code found in a caption, with the words that introduced it and how sure the match is."""

    code: str
    trigger: str
    strength: float
    start: int


def find_codes(text: str, low: str) -> list[Code]:
    """Every promo code in `text` (`low` is `text.lower()`), once each."""
    if not may_hold_trigger(low):
        return []
    same = len(low) == len(text)
    found: list[Code] = []
    seen: set[str] = set()
    discount: bool | None = None
    for match in _TRIGGER.finditer(low):
        token = (text if same else low)[match.start("c") : match.end("c")]
        if token.lower() in _STOP or token.lower() in seen:
            continue
        trigger = match.group("t")
        digits = any(ch.isdigit() for ch in token)
        strength = 0.9
        if trigger == "code":
            if not _looks_like_code(token):
                continue
            if discount is None:
                discount = _DISCOUNT.search(low) is not None
            strength = 0.8 if discount else 0.6 if digits else 0.4
        elif not (_looks_like_code(token) or digits):
            continue  # "codice fiscale", "coupon clipping": a word, not a code
        seen.add(token.lower())
        found.append(Code(token, trigger, strength, match.start()))
    return found


def _looks_like_code(token: str) -> bool:
    """Upper-case letters and digits ("SUMMER20", "ANNA"), the way brands issue codes."""
    letters = [ch for ch in token if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters) and len(token) >= 3
