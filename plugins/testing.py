"""Run plugins' fixtures: `fixtures/<case>/input.*` parsed and compared field by field with `expected.json`.

`expected.json` holds ``{"url": page URL, "platform": name, "posts": [post fields to check, in page
order], "accounts": [account fields to check], "warnings": [substrings expected in the warnings],
"missing": {field: count}}``; every key but ``url`` and ``posts`` is optional, and only the fields
written in a post are compared, so a fixture states exactly what it vouches for.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import orjson

from plugins.platform import Page, ParseResult, Platform


@dataclass(frozen=True, slots=True)
class FixtureCase:
    """One fixture folder of a plugin."""

    plugin: str
    name: str
    input_path: Path
    expected_path: Path

    @property
    def id(self) -> str:
        """A readable test id: plugin/case."""
        return f"{self.plugin}/{self.name}"

    def expected(self) -> dict[str, Any]:
        """The parsed expected.json."""
        data = orjson.loads(self.expected_path.read_bytes())
        if not isinstance(data, dict):
            raise ValueError(f"{self.expected_path}: expected.json must hold an object")
        return data

    def page(self) -> Page:
        """The input file as the Page a spider would hand the parser."""
        return Page(url=str(self.expected().get("url", "")), body=self.input_path.read_bytes())


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """The comparison of one expected value with what the parser produced."""

    case: str
    where: str  # "posts[0].likes", "accounts[0].followers", "warnings", "count"
    expected: Any
    actual: Any

    @property
    def ok(self) -> bool:
        """Whether the parser produced the expected value."""
        if self.where == "warnings":
            return all(any(w in a for a in self.actual) for w in self.expected)
        return bool(self.expected == self.actual)


def real_pages_dir() -> Path | None:
    """The shared folder of real captures (`../shared/real-pages` beside the project), or None."""
    env = os.environ.get("REELSCOPE_REAL_PAGES")
    candidates = [Path(env)] if env else []
    candidates.append(Path(__file__).resolve().parents[2] / "shared" / "real-pages")
    for candidate in candidates:
        if (candidate / "SOURCES.tsv").is_file():
            return candidate
    return None


@dataclass(frozen=True, slots=True)
class RealPage:
    """One real capture listed in SOURCES.tsv: its path and the platform its folder names."""

    path: Path
    platform: str

    @property
    def id(self) -> str:
        """A readable test id."""
        return self.path.name


def real_pages() -> list[RealPage]:
    """Every capture listed in SOURCES.tsv (empty when the shared folder is absent)."""
    root = real_pages_dir()
    if root is None:
        return []
    with (root / "SOURCES.tsv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [RealPage(root / row["local_file"], row["local_file"].split("/", 1)[0]) for row in rows]


def plugin_dirs(root: Path | None = None) -> list[Path]:
    """Built-in plugin packages that have a fixtures folder."""
    root = root or Path(__file__).parent
    return sorted(p for p in root.iterdir() if (p / "fixtures").is_dir())


def iter_cases(plugin_dir: Path) -> Iterator[FixtureCase]:
    """The fixture cases of one plugin package, sorted by name."""
    for case_dir in sorted((plugin_dir / "fixtures").iterdir()):
        inputs = sorted(case_dir.glob("input.*"))
        expected = case_dir / "expected.json"
        if inputs and expected.is_file():
            yield FixtureCase(plugin_dir.name, case_dir.name, inputs[0], expected)


def all_cases(root: Path | None = None) -> list[FixtureCase]:
    """Every fixture case of every built-in plugin."""
    return [case for d in plugin_dirs(root) for case in iter_cases(d)]


def check_case(case: FixtureCase, platform: Platform) -> list[FieldCheck]:
    """Parse a case's input with `platform` and compare every field expected.json names."""
    expected = case.expected()
    result: ParseResult = platform.parse(case.page())
    checks = [FieldCheck(case.id, "count", len(expected.get("posts", [])), len(result.posts))]
    for index, want in enumerate(expected.get("posts", [])):
        got = result.posts[index].to_dict() if index < len(result.posts) else {}
        for key, value in want.items():
            checks.append(FieldCheck(case.id, f"posts[{index}].{key}", value, got.get(key, "<absent>")))
    for index, want in enumerate(expected.get("accounts", [])):
        got = result.accounts[index].to_dict() if index < len(result.accounts) else {}
        for key, value in want.items():
            checks.append(FieldCheck(case.id, f"accounts[{index}].{key}", value, got.get(key, "<absent>")))
    if "warnings" in expected:
        checks.append(FieldCheck(case.id, "warnings", expected["warnings"], result.warnings))
    for key, value in (expected.get("missing") or {}).items():
        checks.append(FieldCheck(case.id, f"missing.{key}", value, result.missing.get(key, 0)))
    if "next_cursor" in expected:
        checks.append(FieldCheck(case.id, "next_cursor", expected["next_cursor"], result.next_cursor))
    return checks


def record_expected(page: Page, platform: Platform) -> dict[str, Any]:
    """The expected.json a page produces today (for `reelscope plugin record`), to be checked by hand."""
    result = platform.parse(page)
    skip = {"sponsored", "disclosed", "signals", "brands"}
    return {
        "url": page.url,
        "platform": platform.name,
        "posts": [{k: v for k, v in p.to_dict().items() if k not in skip} for p in result.posts],
        "accounts": [a.to_dict() for a in result.accounts],
        "missing": dict(sorted(result.missing.items())),
    }


class KeyRecorder(dict[str, Any]):
    """A decoded JSON object that notes in `asked` (shared by all) every key code asks of it."""

    asked: ClassVar[set[str]] = set()

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.asked.add(str(key))
        return super().__contains__(key)

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        return super().__getitem__(key)


def recording(value: Any) -> Any:
    """A decoded JSON value with every object in it a KeyRecorder (to learn which keys a parser reads)."""
    if isinstance(value, dict):
        return KeyRecorder({key: recording(item) for key, item in value.items()})
    if isinstance(value, list):
        return [recording(item) for item in value]
    return value
