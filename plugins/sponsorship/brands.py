"""The brand registry (names, aliases, handles, domains) and one compiled matcher over all brands."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from plugins.sponsorship.trie import KeyWords, Words, fold, key_word, may_contain, trie_pattern


@dataclass(frozen=True, slots=True)
class Brand:
    """A brand to recognise: its name, other names, handles per platform and web domains."""

    name: str
    aliases: tuple[str, ...] = ()
    handles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    domains: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The lowercase name posts carry in `brands`."""
        return self.name.strip().lower()


@dataclass(frozen=True, slots=True)
class Mention:
    """A brand found in a post: which one, the text as written, and how (handle, hashtag, name, domain)."""

    brand: str
    evidence: str
    via: str


def brand_from_dict(data: Mapping[str, Any]) -> Brand:
    """Validate a brand mapping (`name` required; `aliases`, `handles`, `domains` optional)."""
    name = data.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValueError("every brand needs a non-empty 'name'")
    aliases = data.get("aliases") or []
    handles = data.get("handles") or {}
    domains = data.get("domains") or []
    if not isinstance(aliases, list | tuple) or not isinstance(domains, list | tuple):
        raise ValueError(f"brand {name!r}: 'aliases' and 'domains' must be lists")
    if not isinstance(handles, Mapping):
        raise ValueError(f"brand {name!r}: 'handles' must map platform names to lists of handles")
    clean: dict[str, tuple[str, ...]] = {}
    for platform, values in handles.items():
        items = [values] if isinstance(values, str) else values
        if not isinstance(items, list | tuple):
            raise ValueError(f"brand {name!r}: handles of {platform!r} must be a list")
        clean[str(platform)] = tuple(str(h).lstrip("@").lower() for h in items if str(h).strip("@ "))
    return Brand(
        name=name.strip(),
        aliases=tuple(str(a).strip() for a in aliases if str(a).strip()),
        handles=clean,
        domains=tuple(_domain(str(d)) for d in domains if str(d).strip()),
    )


def _domain(value: str) -> str:
    value = value.strip().lower()
    value = value.split("://", 1)[-1].split("/", 1)[0]
    return value.removeprefix("www.")


class BrandRegistry:
    """Brands from the configuration and from plugins, matched in text by one compiled regex."""

    def __init__(self) -> None:
        self._config: dict[str, Brand] = {}
        self._plugins: dict[str, Brand] = {}
        self._pattern: re.Pattern[str] | None = None
        self._names: dict[str, str] = {}
        self._tags: dict[str, str] = {}
        self._handles: dict[str, str] = {}
        self._domains: dict[str, str] = {}
        self._keys: frozenset[str] = frozenset()
        self._key_words = KeyWords()

    def load(self, brands: Iterable[Mapping[str, Any]]) -> None:
        """Replace the configured brands (a watchlist's) with these; plugin brands are kept."""
        parsed = [brand_from_dict(b) for b in brands]
        self._config = {b.key: b for b in parsed}
        self._pattern = None

    def add(self, brand: Mapping[str, Any]) -> None:
        """Add (or replace) one brand registered by a plugin."""
        parsed = brand_from_dict(brand)
        self._plugins[parsed.key] = parsed
        self._pattern = None

    def clear(self) -> None:
        """Forget every brand."""
        self._config.clear()
        self._plugins.clear()
        self._pattern = None

    @property
    def brands(self) -> list[Brand]:
        """Every registered brand (configured ones win over a plugin's of the same name)."""
        return list({**self._plugins, **self._config}.values())

    def _compile(self) -> re.Pattern[str]:
        names: dict[str, str] = {}
        tags: dict[str, str] = {}
        handles: dict[str, str] = {}
        domains: dict[str, str] = {}
        for brand in self.brands:
            for name in (brand.name, *brand.aliases):
                folded = fold(name)
                names.setdefault(folded, brand.key)
                tags.setdefault("".join(ch for ch in folded if ch.isalnum()), brand.key)
            for values in brand.handles.values():
                for handle in values:
                    handles.setdefault(handle, brand.key)
                    tags.setdefault(fold(handle).replace(".", "").replace("_", ""), brand.key)
            for domain in brand.domains:
                domains.setdefault(domain, brand.key)
        self._names, self._tags, self._handles, self._domains = names, tags, handles, domains
        self._keys = frozenset(key_word(fold(key)) for key in (*names, *tags, *handles))
        self._key_words = KeyWords.of(self._keys)
        if not (names or handles):
            return re.compile(r"(?!x)x")
        return re.compile(
            "@(?P<h>"
            + trie_pattern(handles)
            + r")(?!\w)(?!\.\w)|#(?P<t>"
            + trie_pattern(tags)
            + r")(?!\w)|(?<![\w@#.])(?P<n>"
            + trie_pattern(names)
            + r")(?!\w)"
        )

    def _ready(self) -> re.Pattern[str]:
        if self._pattern is None:
            self._pattern = self._compile()
        return self._pattern

    def may_match(self, words: Words) -> bool:
        """False when no brand can be in a text of these words: `find` would find nothing."""
        self._ready()
        return words.hold_any(self._key_words)

    def find(self, text: str, low: str, words: Collection[str] | None = None) -> list[Mention]:
        """Brands in `text` (`low` = `text.lower()`) by @handle, #tag or name, first mention each."""
        pattern = self._ready()
        if not self._names and not self._handles:
            return []
        if words is not None and not may_contain(words, self._keys):
            return []
        same = len(low) == len(text)
        found: list[Mention] = []
        seen: set[str] = set()
        for match in pattern.finditer(low):
            group = match.lastgroup or "n"
            value = fold(match.group(group))
            table = {"h": self._handles, "t": self._tags, "n": self._names}[group]
            brand = table.get(value if group != "t" else value.replace(" ", ""))
            if brand is None and group == "h":
                brand = self._handles.get(match.group(group))
            if brand is None or brand in seen:
                continue
            seen.add(brand)
            via = {"h": "handle", "t": "hashtag", "n": "name"}[group]
            found.append(Mention(brand, (text if same else low)[match.start() : match.end()], via))
        return found

    def for_handle(self, handle: str) -> str | None:
        """The brand an account handle belongs to, if registered."""
        self._ready()
        return self._handles.get(handle.lstrip("@").lower())

    def for_host(self, host: str) -> str | None:
        """The brand owning a web host (`shop.nike.com` -> nike), if registered."""
        self._ready()
        if not self._domains:
            return None
        host = host.lower().removeprefix("www.")
        while host:
            brand = self._domains.get(host)
            if brand is not None:
                return brand
            _, _, host = host.partition(".")
        return None


REGISTRY = BrandRegistry()


def load_brands(brands: Iterable[Mapping[str, Any]]) -> None:
    """Set the configured brands (the watchlist's `[[brands]]` as mappings); raises ValueError if invalid."""
    REGISTRY.load(brands)


def register_brand(brand: Mapping[str, Any]) -> None:
    """Add one brand from a plugin (the `register_brands` hook's `register` callable)."""
    REGISTRY.add(brand)
