"""`export --share` on SQLite and PostgreSQL, from a store collected without pseudonymisation: no raw
handle of an unwatched creator, no free text unless asked, never the key, and a data sheet."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlmodel import Session

from plugins.post import Account, Post, Signal
from reelscope.cli import main
from store import repo
from store.pseudonym import KEY_ENV, is_pseudonym
from tests.privacy.helpers import KEY

RAW = ("ti_fr_creator1", "7700001", "Creator FR", "ti_de_creator2", "in_stranger")


def _load(db: Session) -> None:
    run = repo.start_run(db, platform="instagram", target="in_stranger", target_kind="account")
    posts = [
        Post(
            platform="tiktok",
            post_id="1",
            url="https://www.tiktok.com/@ti_fr_creator1/video/1",
            author="ti_fr_creator1",
            published_at="2025-11-12T10:00:00Z",
            text="Look @ti_de_creator2 and @glowlab #ad",
            mentions=["ti_de_creator2", "glowlab"],
            signals=[Signal("disclosure", "#ad with @ti_de_creator2", "text")],
            metadata={"author_id": "7700001", "author_name": "Creator FR", "title": "Look"},
            views=10,
        ),
        Post(
            platform="tiktok",
            post_id="2",
            url="https://www.tiktok.com/@ti_en_creator0/video/2",
            author="ti_en_creator0",
            published_at="2025-11-13T10:00:00Z",
            text="Watched creator's own post",
            views=20,
        ),
    ]
    repo.upsert_posts(db, posts, crawl_run_id=run, target="in_stranger")
    repo.upsert_accounts(
        db,
        [
            Account(
                platform="tiktok", handle="ti_fr_creator1", account_id="7700001", display_name="Creator FR"
            )
        ],
    )


def _export(db_url: str, out: Path, watchlist: Path, *extra: str) -> int:
    return main(
        ["export", str(out), "--share", "--format", "csv", "--db", db_url, "-c", str(watchlist), *extra]
    )


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_shared_export_hides_creators_and_text_and_describes_itself(
    db_url: str,
    db: Session,
    tmp_path: Path,
    write_watchlist: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _load(db)
    monkeypatch.setenv(KEY_ENV, KEY)
    out = tmp_path / "shared"
    assert _export(db_url, out, write_watchlist("pseudonymise = false")) == 0
    everything = b"".join(p.read_bytes() for p in out.iterdir()).lower()
    assert [raw for raw in RAW if raw.lower().encode() in everything] == []
    assert KEY.encode() not in everything
    assert b"look" not in everything and b"#ad with" not in everything
    posts = {row["post_id"]: row for row in _rows(out / "post.csv")}
    assert is_pseudonym(posts["1"]["author"]) and posts["1"]["text"] == ""
    assert posts["2"]["author"] == "ti_en_creator0"  # a watched account keeps its name
    assert json.loads(posts["1"]["mentions"])[1] == "glowlab"
    assert [row["evidence"] for row in _rows(out / "signal.csv")] == [""]
    assert is_pseudonym(_rows(out / "crawl_run.csv")[0]["target"])
    sheet = json.loads((out / "datasheet.json").read_text())
    assert sheet["tables"]["post"]["rows"] == 2 and sheet["periods"]["posts_per_platform"] == {"tiktok": 2}
    assert any("free text" in item for item in sheet["removed"])
    assert "## What was removed" in (out / "DATASHEET.md").read_text()


def test_with_text_keeps_captions_with_mentions_masked(
    db_url: str,
    db: Session,
    tmp_path: Path,
    write_watchlist: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _load(db)
    monkeypatch.setenv(KEY_ENV, KEY)
    out = tmp_path / "shared"
    assert _export(db_url, out, write_watchlist("pseudonymise = false"), "--with-text") == 0
    posts = {row["post_id"]: row for row in _rows(out / "post.csv")}
    mention = json.loads(posts["1"]["mentions"])[0]
    assert posts["1"]["text"] == f"Look @{mention} and @glowlab #ad"
    assert _rows(out / "signal.csv")[0]["evidence"] == f"#ad with @{mention}"
    everything = b"".join(p.read_bytes() for p in out.iterdir()).lower()
    assert [raw for raw in RAW if raw.lower().encode() in everything] == []
