"""The plain-HTTP path through scrapy-impersonate (curl_cffi), per platform by REELSCOPE_IMPERSONATE."""

from __future__ import annotations

import pytest

from sandbox import Sandbox
from spiders.impersonate import parse_impersonate
from spiders.runner import run_crawl
from tests.crawl.helpers import COUNTERS, FAST, assert_matches_truth, run_of, stored

pytest.importorskip("scrapy_impersonate", reason="the impersonate extra is not installed")
FULL = ("url", "author", "published_at", "text", "hashtags", "sponsored", "disclosed", *COUNTERS)


def pages(box: Sandbox, platform: str) -> list[dict[str, str]]:
    """Headers of the requests a crawl made for pages (robots.txt aside)."""
    return [h.headers for h in box.hits if h.path.startswith(f"/{platform}/")]


def test_impersonated_crawl_equals_truth_and_presents_a_browser(box: Sandbox, db: str) -> None:
    truth = [t for t in box.truth("youtube") if "recette" in t["hashtags"]]
    outcome = run_crawl(
        "youtube",
        "recette",
        kind="hashtag",
        db=db,
        base_url=box.base_url("youtube"),
        settings={**FAST, "REELSCOPE_IMPERSONATE": "tiktok=safari170, youtube=chrome124"},
    )
    assert outcome.ok, outcome.stderr_tail[-3000:]
    sent = pages(box, "youtube")
    assert len(sent) == len(truth) + 1
    for headers in sent:  # Chrome 124's client hints, with the operator's user agent kept
        assert '"Google Chrome";v="124"' in headers["sec-ch-ua"]
        assert headers["user-agent"].startswith("reelscope/")
    assert "'impersonate/request_bytes'" in outcome.stderr_tail
    assert_matches_truth(stored(db, "youtube"), truth, FULL)
    assert run_of(db, outcome.progress["run"]).errors == 0


def test_other_platforms_and_unset_download_plainly(box: Sandbox, db: str) -> None:
    fact = box.truth("youtube")[0]
    outcome = run_crawl(
        "youtube",
        fact["post_id"],
        kind="post",
        db=db,
        base_url=box.base_url("youtube"),
        settings=FAST,
        env={"REELSCOPE_IMPERSONATE": "tiktok=chrome124"},
    )
    assert outcome.ok, outcome.stderr_tail[-3000:]
    assert pages(box, "youtube") and all("sec-ch-ua" not in h for h in pages(box, "youtube"))
    assert "impersonate/" not in outcome.stderr_tail


def test_impersonation_from_the_environment_and_retries_through_it(db: str) -> None:
    with Sandbox(seed=7, faults="429:0.5,500:0.5") as box:
        fact = box.truth("youtube")[2]
        outcome = run_crawl(
            "youtube",
            fact["post_id"],
            kind="post",
            db=db,
            base_url=box.base_url("youtube"),
            settings={**FAST, "RETRY_BACKOFF_BASE": "0"},
            env={"REELSCOPE_IMPERSONATE": "youtube=chrome124"},
        )
        hits = box.requests_to(fact["post_id"])
    assert outcome.ok, outcome.stderr_tail[-3000:]
    assert [h.status for h in hits][1:] == [200] and hits[0].status in (429, 500)
    assert all("sec-ch-ua" in h.headers for h in hits)
    assert list(stored(db, "youtube")) == [fact["post_id"]]


def test_an_unknown_browser_fails_the_crawl_with_its_name(box: Sandbox, db: str) -> None:
    outcome = run_crawl(
        "youtube",
        "recette",
        kind="hashtag",
        db=db,
        base_url=box.base_url("youtube"),
        settings={**FAST, "REELSCOPE_IMPERSONATE": "youtube=netscape4"},
    )
    assert not outcome.ok
    assert "unknown browser 'netscape4' for youtube" in outcome.stderr_tail
    assert not box.hits


def test_cli_refuses_an_unknown_browser_in_one_line(reelscope, box: Sandbox, db: str) -> None:  # type: ignore[no-untyped-def]
    proc = reelscope(
        "crawl", "youtube", "recette", "--kind", "hashtag", "--db", db, "--base-url", box.base_url("youtube"),
        "-s", "REELSCOPE_IMPERSONATE=youtube=netscape4",
    )  # fmt: skip
    assert proc.returncode == 2
    (line,) = [line for line in proc.stderr.splitlines() if line.strip()]
    assert line.startswith("error: REELSCOPE_IMPERSONATE: unknown browser 'netscape4' for youtube (e.g. ")
    assert not box.hits


def test_parse_impersonate() -> None:
    assert parse_impersonate(" tiktok=chrome124 ,YouTube=safari170,") == {
        "tiktok": "chrome124",
        "youtube": "safari170",
    }
    with pytest.raises(ValueError, match="'tiktok' is not PLATFORM=BROWSER"):
        parse_impersonate("tiktok")
