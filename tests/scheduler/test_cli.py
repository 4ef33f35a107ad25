"""The `schedule` commands and `status` through the CLI entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reelscope.cli import main

WATCHLIST = """
[[targets]]
name = "yt"
platform = "youtube"
kind = "hashtag"
values = ["recette"]
cron = "0 6 * * *"
jitter = "5m"

[compare]
every = "6h"
"""


def test_sync_list_pause_resume_and_run_now(tmp_path: Path, db: str, jobstore: str, capsys: Any) -> None:
    config = tmp_path / "reelscope.toml"
    config.write_text(WATCHLIST)
    store = ["--jobstore", jobstore]
    assert main(["schedule", "sync", "--config", str(config), *store]) == 0
    assert "2 added" in capsys.readouterr().err
    assert main(["schedule", "list", *store]) == 0
    listed = capsys.readouterr().out
    assert "crawl:yt:recette" in listed and "cron[" in listed and "compare" in listed

    assert main(["schedule", "pause", "crawl:yt:recette", *store]) == 0
    assert main(["schedule", "list", *store]) == 0
    paused = [line for line in capsys.readouterr().out.splitlines() if "crawl:yt:recette" in line]
    assert paused[0].startswith("paused")
    assert main(["schedule", "resume", "crawl:yt:recette", *store]) == 0
    assert main(["schedule", "list", *store]) == 0
    resumed = [line for line in capsys.readouterr().out.splitlines() if "crawl:yt:recette" in line]
    assert not resumed[0].startswith("paused")

    assert main(["schedule", "run-now", "compare", "--db", db, *store]) == 0
    assert "periods=0 figures=0" in capsys.readouterr().out  # an empty store has nothing to compare
    assert main(["schedule", "pause", "crawl:nope", *store]) == 2
    assert "no job 'crawl:nope'" in capsys.readouterr().err


def test_the_service_refuses_to_start_without_a_watchlist(jobstore: str, capsys: Any) -> None:
    assert main(["scheduler", "--jobstore", jobstore]) == 2
    assert "give a watchlist" in capsys.readouterr().err
