"""Crawls detect the watchlist's brands, as `reelscope parse/detect` do: `reelscope crawl` and scheduled
crawls from $REELSCOPE_CONFIG, `scrapy crawl` from `-a config=FILE` too."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reelscope.config import CONFIG_ENV
from sandbox import Sandbox
from scheduler.crawl import crawl_job
from scheduler.runtime import RUNTIME, configure
from spiders.runner import SETTINGS_MODULE, CrawlOutcome, crawl_command, run_crawl
from tests.crawl.helpers import FAST, stored

# GlowLab is one of the sandbox's brands; no plugin registers it, only this watchlist names it.
WATCHLIST = '[[brands]]\nname = "GlowLab"\nhandles = { youtube = ["glowlab"] }\n'
ACCOUNT = "CreatorEN0"  # two of its posts mention GlowLab: "@glowlab" and "ft. GlowLab"


def _glowlab_posts(box: Sandbox) -> set[str]:
    truth = [t for t in box.truth("youtube") if t["author"] == ACCOUNT]
    found = {t["post_id"] for t in truth if t["brand"] == "glowlab"}
    assert len(found) == 2 and len(truth) > 2
    return found


def _crawl(box: Sandbox, db: str, **env: str) -> CrawlOutcome:
    """A crawl of the account (`python -m spiders.main`, as `reelscope crawl` and the scheduler run it)."""
    return run_crawl(
        "youtube", ACCOUNT, kind="account", db=db, base_url=box.base_url("youtube"), settings=FAST, env=env
    )


def _with_brand(db: str) -> set[str]:
    posts = stored(db, "youtube")
    assert len(posts) > 2
    return {post_id for post_id, post in posts.items() if "glowlab" in post.brands}


@pytest.fixture
def watchlist(tmp_path: Path) -> Path:
    """A watchlist naming GlowLab."""
    path = tmp_path / "reelscope.toml"
    path.write_text(WATCHLIST)
    return path


def test_reelscope_crawl_detects_the_brands_of_the_watchlist_in_its_environment(
    reelscope: Callable[..., subprocess.CompletedProcess[str]], box: Sandbox, db: str, watchlist: Path
) -> None:
    proc = reelscope(
        "crawl", "youtube", ACCOUNT, "--kind", "account", "--db", db, "--base-url", box.base_url("youtube"),
        "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0", REELSCOPE_CONFIG=str(watchlist),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert _with_brand(db) == _glowlab_posts(box)


def test_a_scheduled_crawl_detects_the_brands_of_the_schedulers_watchlist(
    box: Sandbox, db: str, watchlist: Path
) -> None:
    saved = dict(vars(RUNTIME))
    # What `reelscope scheduler --config FILE` does: its crawl subprocesses get the file in their environment.
    configure(db=db, crawl_settings=dict(FAST), env={**box.env(), CONFIG_ENV: str(watchlist)}, retries=0)
    try:
        outcome = crawl_job({"platform": "youtube", "kind": "account", "target": ACCOUNT, "job_id": "brands"})
    finally:
        for name in ("db", "crawl_settings", "env", "retries"):
            setattr(RUNTIME, name, saved[name])
    assert outcome["status"] == "ok", outcome
    assert _with_brand(db) == _glowlab_posts(box)


def test_scrapy_crawl_detects_the_brands_of_its_config_argument(
    box: Sandbox, db: str, watchlist: Path
) -> None:
    args = crawl_command(
        "youtube", ACCOUNT, kind="account", db=db, base_url=box.base_url("youtube"), settings=FAST
    )[3:]  # scrapy crawl takes the same arguments as `python -m spiders.main`
    env = {k: v for k, v in os.environ.items() if k != "REELSCOPE_CONFIG"}
    proc = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", *args, "-a", f"config={watchlist}"],
        env={**env, "SCRAPY_SETTINGS_MODULE": SETTINGS_MODULE},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert _with_brand(db) == _glowlab_posts(box)


def test_without_a_watchlist_the_brand_is_not_detected(box: Sandbox, db: str) -> None:
    """The tests above are not vacuous: no plugin knows GlowLab."""
    outcome = _crawl(box, db, REELSCOPE_CONFIG="")
    assert outcome.ok, outcome.stderr_tail[-3000:]
    assert _with_brand(db) == set()


def test_watchlist_brands_without_the_sponsorship_plugin_stop_the_crawl_with_one_line(
    box: Sandbox, db: str, watchlist: Path
) -> None:
    outcome = _crawl(box, db, REELSCOPE_CONFIG=str(watchlist), REELSCOPE_PLUGINS="youtube")
    assert not outcome.ok
    last = outcome.stderr_tail.strip().splitlines()[-1]
    assert last.endswith("brands need the sponsorship plugin, which is not loaded")
    assert box.requests_to("/youtube/") == []
