"""`reelscope status` (posts stored, runs per platform, sections) and `status --audit` (how each run
collected), on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from plugins.post import Post
from reelscope import cmd_status
from reelscope.cli import main
from store import repo

AUDIT = {
    "robots_txt": "ignored (turned off by the operator)",
    "user_agent": "reelscope/0 (research crawler; +research@example.org)",
    "contact": "research@example.org",
    "path": "browser",
    "public_only": True,
    "pseudonymised": True,
    "privacy": {
        "pseudonymise": True,
        "mask_mentions": True,
        "retain_text_days": 30,
        "retain_posts_days": None,
    },
    "watchlist": "/etc/reelscope.toml",
    "operator_settings": {"ROBOTSTXT_OBEY": "False"},
}


def _load(db: Session) -> None:
    audited = repo.start_run(
        db, platform="tiktok", target="ootd", target_kind="hashtag", settings={"max_posts": 5, "audit": AUDIT}
    )
    repo.upsert_posts(db, [Post(platform="tiktok", post_id="1", url="u", views=1)], crawl_run_id=audited)
    repo.finish_run(db, audited, status="ok", pages=2, posts=1)
    old = repo.start_run(db, platform="x", target="mode", target_kind="hashtag")
    repo.finish_run(db, old, status="failed", errors=1, stderr_tail="boom\n")


def test_status_lists_posts_and_runs_per_platform(
    db_url: str, db: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _load(db)
    assert main(["status", "--db", db_url, "--jobstore", f"sqlite:///{tmp_path / 'jobs.db'}"]) == 0
    out = capsys.readouterr().out
    assert "Posts stored:" in out and "tiktok" in out.split("Posts stored:")[1].splitlines()[1]
    assert "last run 1 ok" in out and "last run 2 failed" in out
    assert "Next runs:" in out and "Drift alerts: 0" in out and "Failures in the last 24 h: 1" in out


def test_status_audit_shows_how_each_run_collected(
    db_url: str, db: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    _load(db)
    assert main(["status", "--audit", "--db", db_url]) == 0
    out = capsys.readouterr().out
    first, second = out.split("run 1 ")[0], out.split("run 1 ")[1]
    assert "run 2 " in first and "audit: not recorded" in first
    for expected in (
        "tiktok hashtag ootd",
        "collected: 2 pages, 1 posts, 0 errors",
        "robots.txt: ignored (turned off by the operator); path: browser",
        "contact: research@example.org",
        "pseudonymised: yes; mentions masked; retention: retain_text_days 30",
        "operator settings: ROBOTSTXT_OBEY=False",
        "settings: max_posts=5",
    ):
        assert expected in second, expected
    assert main(["status", "--audit", "--platform", "x", "--db", db_url]) == 0
    assert "run 1 " not in capsys.readouterr().out


def test_a_feature_adds_its_own_section(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cmd_status, "SECTIONS", list(cmd_status.SECTIONS))

    def queue(ctx: cmd_status.StatusContext) -> None:
        print(f"Queue: {len(ctx.history)} runs known")

    cmd_status.add_section(queue, before=cmd_status.SECTIONS[1])
    assert main(["status", "--db", db_url, "--jobstore", f"sqlite:///{tmp_path / 'jobs.db'}"]) == 0
    out = capsys.readouterr().out
    assert out.index("Posts stored:") < out.index("Queue: 0 runs known") < out.index("Next runs:")
