"""The watchlist file: a valid one loads; each mistake is named by file, line and key."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from reelscope.config import ConfigError, load_watchlist, parse_duration

VALID = """\
[operator]
contact = "research@example.org"

[[brands]]
name = "Nike"
aliases = ["Nike Running"]
domains = ["Nike.com"]
handles = { tiktok = ["nike"], instagram = ["nike", "nikerunning"] }

[[targets]]
name = "nike-tiktok"
platform = "tiktok"
kind = "account"
values = ["nike", "adidas"]
every = "6h"
jitter = "5m"
max_posts = 200
since = 2025-01-01

[[targets]]
platform = "youtube"
kind = "search"
values = "running shoes review"
cron = "0 3 * * *"

[revisit]
after = ["7d", "1h", "24h"]

[compare]
every = "1d"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "reelscope.toml"
    path.write_text(text)
    return path


def test_valid_watchlist_loads(tmp_path: Path) -> None:
    watchlist = load_watchlist(write(tmp_path, VALID), platforms={"tiktok", "youtube"})
    nike = watchlist.brands[0]
    assert (nike.name, nike.domains, nike.handles["instagram"]) == (
        "Nike",
        ("nike.com",),
        ("nike", "nikerunning"),
    )
    first, second = watchlist.targets
    assert (first.name, first.every, first.jitter, first.max_posts) == (
        "nike-tiktok",
        timedelta(hours=6),
        timedelta(minutes=5),
        200,
    )
    assert first.since == date(2025, 1, 1)
    assert (second.name, second.values, second.cron) == (
        "youtube-search-1",
        ("running shoes review",),
        "0 3 * * *",
    )
    assert watchlist.revisit == (timedelta(hours=1), timedelta(hours=24), timedelta(days=7))
    assert watchlist.contact == "research@example.org" and watchlist.compare_every == timedelta(days=1)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('kind = "account"', 'kind = "profile"', "reelscope.toml:13: targets[0].kind: expected one of post"),
        ('every = "6h"', 'every = "six hours"', "reelscope.toml:15: targets[0].every: 'six hours' is not a"),
        ("max_posts = 200", "max_posts = -1", "reelscope.toml:17: targets[0].max_posts: must be a positive"),
        (
            'cron = "0 3 * * *"',
            'cron = "daily"',
            "reelscope.toml:24: targets[1].cron: 'daily' is not a 5-field",
        ),
        (
            'platform = "youtube"',
            'platform = "myspace"',
            "reelscope.toml:21: targets[1].platform: unknown platform",
        ),
        ('name = "Nike"', "name = 12", "reelscope.toml:5: brands[0].name: expected str, found int"),
        (
            'after = ["7d", "1h", "24h"]',
            'after = ["soon"]',
            "reelscope.toml:27: revisit.after: 'soon' is not",
        ),
        ("[compare]", "[comparisons]", "reelscope.toml:29: comparisons: unknown section"),
    ],
)
def test_mistakes_are_located(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new))
    with pytest.raises(ConfigError) as info:
        load_watchlist(path, platforms={"tiktok", "youtube"})
    assert str(info.value).startswith(
        str(tmp_path / message.split(":", 1)[0]) + ":" + message.split(":", 1)[1]
    )


def test_missing_and_broken_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_watchlist(tmp_path / "absent.toml")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_watchlist(write(tmp_path, "[[brands]\nname = 1"))


def test_environment_path_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REELSCOPE_CONFIG", raising=False)
    assert load_watchlist().targets == ()
    monkeypatch.setenv("REELSCOPE_CONFIG", str(write(tmp_path, VALID)))
    assert len(load_watchlist().targets) == 2


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("15m", 900), ("6h", 21600), ("2w", 1209600)])
def test_durations(text: str, seconds: int) -> None:
    assert parse_duration(text).total_seconds() == seconds
