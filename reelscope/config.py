"""Configuration: environment settings and the watchlist file (`reelscope.toml`), validated on load.

A watchlist declares brands, crawl targets per platform with their schedule and limits, the revisit
policy, and privacy settings. Errors name the file, the line and the key.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reelscope.errors import UserError

CONFIG_ENV = "REELSCOPE_CONFIG"
TARGET_KINDS = ("post", "account", "hashtag", "search")
_DURATION = re.compile(r"^\s*(\d+)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-]+)\s*\]\]?")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+)\s*=")


class ConfigError(UserError):
    """A watchlist mistake, located as FILE:LINE: key: problem."""


def parse_duration(text: str) -> timedelta:
    """'90s', '15m', '6h', '7d', '2w' -> timedelta; ValueError otherwise."""
    match = _DURATION.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a duration like 30m, 6h or 7d")
    return timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2)])


@dataclass(frozen=True, slots=True)
class Brand:
    """A brand to recognise in posts: its names, handles per platform, and web domains."""

    name: str
    aliases: tuple[str, ...] = ()
    handles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    domains: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The mapping the brand registry and the store take."""
        return {
            "name": self.name,
            "aliases": list(self.aliases),
            "handles": {k: list(v) for k, v in self.handles.items()},
            "domains": list(self.domains),
        }


@dataclass(frozen=True, slots=True)
class TargetGroup:
    """Targets of one kind on one platform, crawled on one schedule with one set of limits."""

    name: str
    platform: str
    kind: str
    values: tuple[str, ...]
    every: timedelta | None = None
    cron: str | None = None
    jitter: timedelta = timedelta(0)
    max_posts: int | None = None
    since: date | None = None


@dataclass(frozen=True, slots=True)
class Privacy:
    """The `[privacy]` table: pseudonymised creators, mention masking, retention of text and posts."""

    pseudonymise: bool = False
    mask_mentions: bool = True
    retain_text_days: int | None = None
    retain_posts_days: int | None = None
    purge_every: timedelta | None = None

    @property
    def retention(self) -> bool:
        """Whether any retention period is set (then a purge job runs on schedule)."""
        return self.retain_text_days is not None or self.retain_posts_days is not None

    def to_dict(self) -> dict[str, Any]:
        """The plain mapping recorded with crawl runs and data sheets."""
        return {
            "pseudonymise": self.pseudonymise,
            "mask_mentions": self.mask_mentions,
            "retain_text_days": self.retain_text_days,
            "retain_posts_days": self.retain_posts_days,
        }


@dataclass(frozen=True, slots=True)
class Watchlist:
    """The whole watchlist file, validated."""

    path: Path | None
    brands: tuple[Brand, ...] = ()
    targets: tuple[TargetGroup, ...] = ()
    revisit: tuple[timedelta, ...] = ()
    compare_every: timedelta | None = None
    contact: str | None = None
    privacy: Privacy = field(default_factory=Privacy)

    def watched_accounts(self, platform: str) -> set[str]:
        """Lowercase handles of the accounts this watchlist crawls on a platform."""
        return {
            v.strip().lstrip("@").lower()
            for g in self.targets
            if g.platform == platform and g.kind == "account"
            for v in g.values
        }

    def brand_handles(self) -> set[str]:
        """Lowercase handles of every brand, on every platform."""
        return {h.lstrip("@").lower() for b in self.brands for hs in b.handles.values() for h in hs}


class _Locator:
    """Finds the line of a key in a TOML text, for error messages (tables and arrays of tables)."""

    def __init__(self, text: str) -> None:
        self.lines: dict[tuple[str, str], int] = {}
        counts: dict[str, int] = {}
        table = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = _HEADER.match(line)
            if header:
                name = header.group(2)
                if header.group(1) == "[[":
                    counts[name] = counts.get(name, -1) + 1
                    table = f"{name}[{counts[name]}]"
                else:
                    table = name
                self.lines.setdefault((table, ""), number)
                continue
            key = _KEY.match(line)
            if key:
                self.lines.setdefault((table, key.group(1)), number)

    def line(self, table: str, key: str = "") -> int | None:
        """The line of `key` in `table` (or of the table's header), if found."""
        if not table:  # a top-level key, or a table named by it
            return self.lines.get(("", key)) or self.lines.get((key, ""))
        return self.lines.get((table, key)) or self.lines.get((table, ""))


class _Reader:
    """Typed access to the parsed TOML with located errors."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.locator = _Locator(text)

    def fail(self, table: str, key: str, problem: str) -> ConfigError:
        line = self.locator.line(table, key)
        where = f"{self.path}:{line}" if line else str(self.path)
        name = f"{table}.{key}" if table and key else (key or table)
        return ConfigError(f"{where}: {name}: {problem}")

    def get(
        self, data: dict[str, Any], table: str, key: str, kind: type | tuple[type, ...], default: Any
    ) -> Any:
        value = data.get(key, default)
        if value is default:
            return value
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.fail(table, key, f"expected {names}, found {type(value).__name__}")
        return value

    def strings(self, data: dict[str, Any], table: str, key: str) -> tuple[str, ...]:
        value = self.get(data, table, key, (list, str), [])
        items = [value] if isinstance(value, str) else value
        if not all(isinstance(v, str) and v.strip() for v in items):
            raise self.fail(table, key, "expected a list of non-empty strings")
        return tuple(v.strip() for v in items)

    def duration(self, data: dict[str, Any], table: str, key: str) -> timedelta | None:
        value = self.get(data, table, key, str, None)
        if value is None:
            return None
        try:
            return parse_duration(value)
        except ValueError as exc:
            raise self.fail(table, key, str(exc)) from None


def _brands(reader: _Reader, raw: Any) -> tuple[Brand, ...]:
    if not isinstance(raw, list):
        raise reader.fail("brands", "", "use [[brands]] tables")
    brands = []
    for index, item in enumerate(raw):
        table = f"brands[{index}]"
        name = reader.get(item, table, "name", str, None)
        if not name or not name.strip():
            raise reader.fail(table, "name", "every brand needs a name")
        handles_raw = reader.get(item, table, "handles", dict, {})
        handles = {str(k): reader.strings(handles_raw, table, k) for k in handles_raw}
        brands.append(
            Brand(
                name=name.strip(),
                aliases=reader.strings(item, table, "aliases"),
                handles=handles,
                domains=tuple(d.lower() for d in reader.strings(item, table, "domains")),
            )
        )
    return tuple(brands)


def _targets(reader: _Reader, raw: Any, platforms: set[str] | None) -> tuple[TargetGroup, ...]:
    if not isinstance(raw, list):
        raise reader.fail("targets", "", "use [[targets]] tables")
    groups = []
    for index, item in enumerate(raw):
        table = f"targets[{index}]"
        platform = reader.get(item, table, "platform", str, None)
        if not platform:
            raise reader.fail(table, "platform", "every target group needs a platform")
        if platforms is not None and platform not in platforms:
            known = ", ".join(sorted(platforms))
            raise reader.fail(table, "platform", f"unknown platform {platform!r} (known: {known})")
        kind = reader.get(item, table, "kind", str, None)
        if kind not in TARGET_KINDS:
            raise reader.fail(table, "kind", f"expected one of {', '.join(TARGET_KINDS)}, found {kind!r}")
        values = reader.strings(item, table, "values")
        if not values:
            raise reader.fail(table, "values", "list at least one account, hashtag, search or post URL")
        every = reader.duration(item, table, "every")
        cron = reader.get(item, table, "cron", str, None)
        if every is not None and cron is not None:
            raise reader.fail(table, "cron", "give either every or cron, not both")
        if cron is not None and len(cron.split()) != 5:
            raise reader.fail(table, "cron", f"{cron!r} is not a 5-field cron expression")
        max_posts = reader.get(item, table, "max_posts", int, None)
        if max_posts is not None and max_posts <= 0:
            raise reader.fail(table, "max_posts", "must be a positive number")
        since = reader.get(item, table, "since", (date, str), None)
        if isinstance(since, str):
            try:
                since = date.fromisoformat(since)
            except ValueError:
                raise reader.fail(table, "since", f"{since!r} is not a date like 2025-01-31") from None
        groups.append(
            TargetGroup(
                name=reader.get(item, table, "name", str, f"{platform}-{kind}-{index}"),
                platform=platform,
                kind=kind,
                values=values,
                every=every,
                cron=cron,
                jitter=reader.duration(item, table, "jitter") or timedelta(0),
                max_posts=max_posts,
                since=since,
            )
        )
    names = [g.name for g in groups]
    for index, name in enumerate(names):
        if names.index(name) != index:
            raise reader.fail(f"targets[{index}]", "name", f"the name {name!r} is used twice")
    return tuple(groups)


# Keys that would make a crawl act as a logged-in user: reelscope collects public pages only.
LOGIN_KEYS = frozenset(
    {
        "cookie",
        "cookies",
        "login",
        "password",
        "passwd",
        "session",
        "sessionid",
        "session_id",
        "sessions",
        "auth",
        "authorization",
        "credentials",
        "access_token",
        "bearer",
        "storage_state",
        "user_data_dir",
    }
)


def _refuse_login(reader: _Reader, data: Any, table: str = "", prefix: str = "") -> None:
    """Fail on any login, cookie or session setting anywhere in the watchlist (tables, inline tables)."""
    items = data.items() if isinstance(data, dict) else ()
    for key, value in items:
        name = f"{prefix}{key}"
        if str(key).lower().replace("-", "_") in LOGIN_KEYS:
            line = reader.locator.line(table, name.split(".")[0])
            where = f"{reader.path}:{line}" if line else str(reader.path)
            raise ConfigError(
                f"{where}: {f'{table}.' if table else ''}{name}: login, cookie and session settings are "
                "refused: reelscope collects public pages only"
            )
        top = not table and not prefix
        if isinstance(value, dict):
            _refuse_login(reader, value, str(key) if top else table, "" if top else f"{name}.")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if top:
                    _refuse_login(reader, item, f"{key}[{index}]")
                else:
                    _refuse_login(reader, item, table, f"{name}[{index}].")


def _days(reader: _Reader, data: dict[str, Any], key: str) -> int | None:
    value = reader.get(data, "privacy", key, int, None)
    if value is not None and value <= 0:
        raise reader.fail("privacy", key, "must be a positive number of days")
    return value


def _privacy(reader: _Reader, data: dict[str, Any]) -> Privacy:
    known = {"pseudonymise", "mask_mentions", "retain_text_days", "retain_posts_days", "purge_every"}
    for key in data:
        if key not in known:
            raise reader.fail("privacy", key, f"unknown key (expected one of {', '.join(sorted(known))})")
    privacy = Privacy(
        pseudonymise=reader.get(data, "privacy", "pseudonymise", bool, False),
        mask_mentions=reader.get(data, "privacy", "mask_mentions", bool, True),
        retain_text_days=_days(reader, data, "retain_text_days"),
        retain_posts_days=_days(reader, data, "retain_posts_days"),
        purge_every=reader.duration(data, "privacy", "purge_every"),
    )
    if privacy.purge_every is not None and not privacy.retention:
        raise reader.fail("privacy", "purge_every", "set retain_text_days or retain_posts_days too")
    return privacy


def load_watchlist(path: Path | str | None = None, platforms: set[str] | None = None) -> Watchlist:
    """Read and validate a watchlist file (path, else $REELSCOPE_CONFIG, else an empty watchlist)."""
    if path is None:
        env = os.environ.get(CONFIG_ENV)
        if not env:
            return Watchlist(path=None)
        path = env
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    reader = _Reader(path, text)
    _refuse_login(reader, data)
    known = {"brands", "targets", "revisit", "compare", "operator", "privacy"}
    for key in data:
        if key not in known:
            raise reader.fail("", key, f"unknown section (expected one of {', '.join(sorted(known))})")
    revisit = reader.get(data, "", "revisit", dict, {})
    after = []
    for text_value in reader.strings(revisit, "revisit", "after"):
        try:
            after.append(parse_duration(text_value))
        except ValueError as exc:
            raise reader.fail("revisit", "after", str(exc)) from None
    compare = reader.get(data, "", "compare", dict, {})
    operator = reader.get(data, "", "operator", dict, {})
    return Watchlist(
        path=path,
        brands=_brands(reader, data.get("brands", [])),
        targets=_targets(reader, data.get("targets", []), platforms),
        revisit=tuple(sorted(after)),
        compare_every=reader.duration(compare, "compare", "every"),
        contact=reader.get(operator, "operator", "contact", str, None),
        privacy=_privacy(reader, reader.get(data, "", "privacy", dict, {})),
    )
