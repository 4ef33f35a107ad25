"""The disclosure lexicon: markers per jurisdiction from `lexicon/*.json`, matched by one compiled regex.

A lexicon entry (a file, or a mapping given to `register`) names a jurisdiction and lists markers:
``{"text": "werbung", "forms": ["label", "hashtag"], "class": "ad", "standing": "valid",
"languages": ["de"]}``. Forms: ``hashtag`` (``#werbung`` only), ``phrase`` (the words anywhere, on word
boundaries), ``label`` (the word standing as a label: at the start of a line or between delimiters,
``Werbung |``, ``[Anzeige]``, ``(ad)``, not inside a sentence). Classes and the strength they give a
disclosure signal: ``ad`` (an advertising disclosure), ``partnership`` (a stated partnership or gift),
``ambiguous`` (commercial hint that discloses nothing clearly), ``image_label`` (an edited-image label,
not about advertising). ``standing`` says whether the marker meets that jurisdiction's rule; a marker
with ``languages`` only counts when the caption is in one of them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from plugins.sponsorship.language import guess_languages
from plugins.sponsorship.trie import KeyWords, Words, fold, key_word, may_contain, trie_pattern

LEXICON_DIR = Path(__file__).with_name("lexicon")
CLASS_STRENGTH: dict[str, float] = {"ad": 1.0, "partnership": 0.7, "ambiguous": 0.35, "image_label": 0.0}
FORMS: frozenset[str] = frozenset({"hashtag", "phrase", "label"})
STANDINGS: frozenset[str] = frozenset({"valid", "insufficient", "image_label"})
PLACEMENTS: frozenset[str] = frozenset({"opening", "visible", "anywhere"})
# Words that may join a label to the brand it names: "Werbung für @brand", "Ad with #brand".
_CONNECTORS = "with|by|for|x|avec|pour|par|mit|für|con|per|para|met|voor|com|de|da|di|w/"
# French typography sets « Publicité » in guillemets with (narrow) no-break spaces inside.
_LABEL_AFTER = (
    r"(?=[ \t\u00a0\u202f]*(?:$|[\])|:•·*/,.!?–—»”“\"-]|[@#])|[ \t]+(?:" + _CONNECTORS + r")[ \t]+[@#])"
)
_LABEL_BEFORE = r"(?:^[^\w\n#@]{0,6}|[\[(|•·*/–—«“„\"-][ \t\u00a0\u202f]*)"


@dataclass(frozen=True, slots=True)
class Rule:
    """What a matched marker means: its class and, if restricted, the languages it counts in."""

    term: str
    form: str
    cls: str
    languages: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class Found:
    """A marker found in a text: the rule it matched, the text as written and its offset."""

    rule: Rule
    evidence: str
    start: int

    @property
    def strength(self) -> float:
        """The disclosure strength of its class."""
        return CLASS_STRENGTH[self.rule.cls]


@dataclass
class Lexicon:
    """Markers of every registered jurisdiction, compiled into one regex."""

    jurisdictions: dict[str, dict[str, Any]] = field(default_factory=dict)
    standing: dict[tuple[str, str], str] = field(default_factory=dict)  # (term, jurisdiction)
    rules: dict[tuple[str, str], list[Rule]] = field(default_factory=dict)  # (form, key)
    labels: set[str] = field(default_factory=set)
    pattern: re.Pattern[str] = field(default_factory=lambda: re.compile(r"(?!x)x"))
    key_words: frozenset[str] = frozenset()
    keys: KeyWords = field(default_factory=KeyWords)

    def add(self, entry: Mapping[str, Any], recompile: bool = True) -> None:
        """Merge one jurisdiction's entry (validated) and recompile (unless more entries follow)."""
        jurisdiction = _text(entry, "jurisdiction").lower()
        markers = entry.get("markers")
        if not isinstance(markers, list):
            raise ValueError(f"lexicon {jurisdiction!r}: 'markers' must be a list")
        parsed = [pair for m in markers for pair in _markers(jurisdiction, m)]
        info = {k: v for k, v in entry.items() if k not in ("markers", "labels")}
        self.jurisdictions.setdefault(jurisdiction, {}).update(info)
        placement = self.jurisdictions[jurisdiction].setdefault("placement", "opening")
        if placement not in PLACEMENTS:
            raise ValueError(f"lexicon {jurisdiction!r}: placement must be one of {sorted(PLACEMENTS)}")
        for rule, standing in parsed:
            self.standing[(rule.term, jurisdiction)] = standing
            key = _key(rule.form, rule.term)
            existing = self.rules.setdefault((rule.form, key), [])
            if rule not in existing:
                existing.append(rule)
        self.labels.update(fold(str(label)) for label in entry.get("labels") or [])
        if recompile:
            self._compile()

    def _compile(self) -> None:
        terms: dict[str, set[str]] = {form: set() for form in FORMS}
        for form, key in self.rules:
            terms[form].add(key)
        self.key_words = frozenset(key_word(key) for _, key in self.rules)
        self.keys = KeyWords.of(self.key_words)
        self.pattern = re.compile(
            "#(?P<h>"
            + trie_pattern(terms["hashtag"])
            + r")(?!\w)|(?<![\w#@])(?P<p>"
            + trie_pattern(terms["phrase"])
            + r")(?!\w)|"
            + _LABEL_BEFORE
            + "(?P<l>"
            + trie_pattern(terms["label"])
            + ")"
            + _LABEL_AFTER,
            re.MULTILINE,
        )

    def may_match(self, words: Words) -> bool:
        """False when no marker can be in a text of these words: `find` would find nothing."""
        return words.hold_any(self.keys)

    def find(
        self, text: str, low: str, declared_language: object = None, words: Collection[str] | None = None
    ) -> list[Found]:
        """Every marker in `text` (`low` = `text.lower()`, `words` = its `words_of`), first of each term."""
        if words is not None and not may_contain(words, self.key_words):
            return []
        found: list[Found] = []
        seen: set[str] = set()
        languages: frozenset[str] | None = None
        same = len(low) == len(text)
        for match in self.pattern.finditer(low):
            form = "hashtag" if match.start("h") >= 0 else "phrase" if match.start("p") >= 0 else "label"
            group = form[0]
            start, end = match.start(group), match.end(group)
            candidates = self.rules.get((form, fold(low[start:end])))
            if not candidates:
                continue
            if any(r.languages is not None for r in candidates) and languages is None:
                languages = guess_languages(low, declared_language)
            rule = _strongest(candidates, languages)
            if rule is None or rule.term in seen:
                continue
            seen.add(rule.term)
            if form == "hashtag":
                start -= 1
            found.append(Found(rule, (text if same else low)[start:end], start))
        return found

    def is_label(self, label: str) -> bool:
        """True when a platform label text is a sponsorship label (known text, or holding an ad marker)."""
        folded = fold(label)
        if folded in self.labels:
            return True
        return any(f.rule.cls in ("ad", "partnership") for f in self.find(label, label.lower()))

    def standing_of(self, term: str, jurisdiction: str) -> str:
        """ "valid", "insufficient" or "unrecognised": what a marker is worth in a jurisdiction."""
        return self.standing.get((term, jurisdiction), "unrecognised")


def _strongest(rules: list[Rule], languages: frozenset[str] | None) -> Rule | None:
    usable = [r for r in rules if r.languages is None or (languages and r.languages & languages)]
    if not usable:
        return None
    return max(usable, key=lambda r: CLASS_STRENGTH[r.cls])


def _key(form: str, term: str) -> str:
    if form == "hashtag":
        return "".join(ch for ch in term if ch.isalnum())
    return term


def _text(entry: Mapping[str, Any], name: str) -> str:
    value = entry.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"lexicon entry needs a non-empty string {name!r}")
    return value.strip()


def _markers(jurisdiction: str, raw: Any) -> list[tuple[Rule, str]]:
    if not isinstance(raw, Mapping):
        raise ValueError(f"lexicon {jurisdiction!r}: every marker must be a mapping")
    term = fold(_text(raw, "text"))
    cls = raw.get("class", "ad")
    standing = raw.get("standing", "valid")
    forms = raw.get("forms") or ["phrase"]
    languages = raw.get("languages")
    if cls not in CLASS_STRENGTH:
        raise ValueError(f"lexicon {jurisdiction!r}: {term!r} has unknown class {cls!r}")
    if standing not in STANDINGS:
        raise ValueError(f"lexicon {jurisdiction!r}: {term!r} has unknown standing {standing!r}")
    if not isinstance(forms, list) or not set(forms) <= FORMS:
        raise ValueError(f"lexicon {jurisdiction!r}: {term!r} forms must be among {sorted(FORMS)}")
    langs = frozenset(str(x).lower() for x in languages) if isinstance(languages, list) else None
    return [(Rule(term, form, cls, langs), standing) for form in forms]


def load_files(paths: Iterable[Path]) -> Lexicon:
    """A lexicon from JSON files, one jurisdiction each."""
    lexicon = Lexicon()
    for path in sorted(paths):
        data = orjson.loads(path.read_bytes())
        if not isinstance(data, dict):
            raise ValueError(f"{path}: a lexicon file holds one JSON object")
        lexicon.add(data, recompile=False)
    # One compile of the whole trie, not one per file: every crawl process pays this at start.
    lexicon._compile()
    return lexicon
