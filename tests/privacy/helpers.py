"""Helpers of the privacy tests: the secret key, the test watchlist, a crawl under a watchlist."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sandbox import Sandbox
from spiders.runner import CrawlOutcome, run_crawl
from store.pseudonym import KEY_ENV
from tests.crawl.helpers import FAST

KEY = "k3y-that-must-never-be-stored-9f2c"
WATCHLIST = """
[operator]
contact = "research@example.org"

[[brands]]
name = "GlowLab"
handles = {{ tiktok = ["glowlab"], instagram = ["glowlab"], x = ["glowlab"], youtube = ["glowlab"] }}

[[targets]]
platform = "tiktok"
kind = "account"
values = ["ti_en_creator0"]

[[targets]]
platform = "x"
kind = "hashtag"
values = ["mode"]

[privacy]
{privacy}
"""


def crawl_into(
    box: Sandbox, db: str, watchlist: Path | None, platform: str, target: str, **options: Any
) -> CrawlOutcome:
    """One real crawl of the sandbox under a watchlist, with the key in the environment."""
    env = {KEY_ENV: KEY, "REELSCOPE_CONFIG": str(watchlist) if watchlist else ""}
    settings = {**FAST, **options.pop("settings", {})}
    return run_crawl(
        platform, target, db=db, base_url=box.base_url(platform), settings=settings, env=env, **options
    )
