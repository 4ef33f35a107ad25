"""Engagement settings: which counters make up engagement per platform, CPMs and cost per engagement.

Defaults come from `rates.json`; `configure(settings)` overlays a mapping of the same shape (from the
watchlist or the app's config), and environment variables overlay both: ``REELSCOPE_CPM`` (
``"tiktok=4.5,youtube=10"``), ``REELSCOPE_CPE`` (same shape) and ``REELSCOPE_CURRENCY``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from plugins.post import COUNTERS

RATES_FILE = Path(__file__).with_name("rates.json")
ENGAGEMENT_COUNTERS = tuple(c for c in COUNTERS if c != "views")


@dataclass(frozen=True, slots=True)
class PlatformRates:
    """How one platform's engagement is counted and valued."""

    counters: tuple[str, ...]
    cpm: float
    cpe: float = 0.0


@dataclass(frozen=True)
class Settings:
    """Engagement settings: a default, and per-platform overrides that inherit what they do not set."""

    currency: str
    default: PlatformRates
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    _resolved: dict[str, PlatformRates] = field(default_factory=dict, compare=False, repr=False)

    def rates(self, platform: str) -> PlatformRates:
        """The rates of a platform: its overrides laid over the default."""
        found = self._resolved.get(platform)
        if found is None:
            found = _rates(self.overrides.get(platform, {}), self.default, f"platforms.{platform}")
            self._resolved[platform] = found
        return found


def _rates(raw: Any, base: PlatformRates, where: str) -> PlatformRates:
    if not isinstance(raw, Mapping):
        raise ValueError(f"engagement settings: {where} must be a mapping")
    counters = raw.get("counters", base.counters)
    if not isinstance(counters, list | tuple) or not set(counters) <= set(ENGAGEMENT_COUNTERS):
        raise ValueError(f"engagement settings: {where}.counters must be among {list(ENGAGEMENT_COUNTERS)}")
    cpm, cpe = raw.get("cpm", base.cpm), raw.get("cpe", base.cpe)
    for name, value in (("cpm", cpm), ("cpe", cpe)):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ValueError(f"engagement settings: {where}.{name} must be a number >= 0")
    return PlatformRates(tuple(counters), float(cpm), float(cpe))


def merge(settings: Settings, overlay: Mapping[str, Any]) -> Settings:
    """Settings with a mapping of the `rates.json` shape laid over them (only the keys given change)."""
    default = _rates(overlay.get("default", {}), settings.default, "default")
    raw_platforms = overlay.get("platforms", {})
    if not isinstance(raw_platforms, Mapping):
        raise ValueError("engagement settings: platforms must be a mapping")
    overrides = {name: dict(values) for name, values in settings.overrides.items()}
    for name, raw in raw_platforms.items():
        if not isinstance(raw, Mapping):
            raise ValueError(f"engagement settings: platforms.{name} must be a mapping")
        overrides.setdefault(str(name), {}).update(raw)
    for name, raw in overrides.items():
        _rates(raw, default, f"platforms.{name}")  # validate now, not on the first post
    currency = overlay.get("currency", settings.currency)
    if not isinstance(currency, str) or not currency:
        raise ValueError("engagement settings: currency must be a non-empty string")
    return Settings(currency, default, overrides)


def _pairs(value: str, name: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in value.split(","):
        if not item.strip():
            continue
        platform, sep, number = item.partition("=")
        try:
            out[platform.strip()] = float(number)
        except ValueError:
            raise ValueError(f"{name}: {item.strip()!r} is not platform=number") from None
        if not sep or not platform.strip():
            raise ValueError(f"{name}: {item.strip()!r} is not platform=number")
    return out


def from_env(environ: Mapping[str, str]) -> dict[str, Any]:
    """The overlay the REELSCOPE_CPM / REELSCOPE_CPE / REELSCOPE_CURRENCY variables describe."""
    overlay: dict[str, Any] = {"platforms": {}}
    for var, key in (("REELSCOPE_CPM", "cpm"), ("REELSCOPE_CPE", "cpe")):
        for platform, number in _pairs(environ.get(var, ""), var).items():
            target = (
                overlay if platform in ("default", "*") else overlay["platforms"].setdefault(platform, {})
            )
            if target is overlay:
                overlay.setdefault("default", {})[key] = number
            else:
                target[key] = number
    if environ.get("REELSCOPE_CURRENCY"):
        overlay["currency"] = environ["REELSCOPE_CURRENCY"]
    return overlay


def defaults() -> Settings:
    """The settings of `rates.json`."""
    data = orjson.loads(RATES_FILE.read_bytes())
    base = PlatformRates(ENGAGEMENT_COUNTERS, 0.0, 0.0)
    return merge(Settings(str(data.get("currency", "USD")), base, {}), data)


def build(settings: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then `settings`, then the environment."""
    current = defaults()
    if settings:
        current = merge(current, settings)
    return merge(current, from_env(os.environ if environ is None else environ))
