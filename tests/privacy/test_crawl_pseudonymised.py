"""Real crawls of the sandbox into SQLite under a watchlist with privacy.pseudonymise = true: the
database file (and its WAL), the logs and the shared export hold no raw handle of a creator who is not
on the watchlist, and never the key; analyses by creator still work."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reelscope.cli import main
from sandbox import Sandbox
from store import repo
from store.engine import dispose_engines, get_engine, session
from store.pseudonym import KEY_ENV, is_pseudonym
from tests.crawl.helpers import FAST
from tests.privacy.helpers import KEY, crawl_into

WATCHED = {"ti_en_creator0"}
# What each crawl collects: a watched account, hashtags mixing many creators, an unwatched account.
CRAWLS = (
    ("tiktok", "ti_en_creator0", "account"),
    ("tiktok", "mode", "hashtag"),
    ("x", "mode", "hashtag"),
    ("youtube", "recette", "hashtag"),
    ("instagram", "in_fr_creator1", "account"),
)


def _raw_handles(box: Sandbox) -> set[str]:
    """Every sandbox creator's handle, account id and display name, except the watched account's."""
    out, kept = set(), set()
    for accounts in box.world.accounts.values():
        for account in accounts:
            values = {account.handle, account.account_id, account.name}
            if account.handle.lower() in WATCHED:
                kept |= values
            else:
                out |= values
    return out - kept  # sandbox display names repeat across platforms


def _database_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))


def _found(data: bytes, needles: set[str]) -> set[str]:
    low = data.lower()
    return {n for n in needles if n.lower().encode() in low}


def test_a_pseudonymised_crawl_stores_no_raw_handle_of_an_unwatched_creator(
    box: Sandbox, sqlite_db: Path, write_watchlist: Callable[..., Path], tmp_path: Path
) -> None:
    watchlist = write_watchlist()
    db = f"sqlite:///{sqlite_db}"
    # A caption mentioning another creator and a brand, so @mention masking is exercised too.
    box.publish("tiktok", "ti_en_creator0", text="Collab with @ti_de_creator2 and @glowlab #ootd")
    logs = []
    for platform, target, kind in CRAWLS:
        outcome = crawl_into(box, db, watchlist, platform, target, kind=kind)
        assert outcome.ok, outcome.stderr_tail[-2000:]
        logs.append(outcome.stderr_tail)
    dispose_engines()  # nothing held open: the WAL is what the crawls left

    with session(get_engine(db)) as s:
        posts = list(repo.iter_posts(s))
        runs = [repo.get_run(s, n) for n in range(1, len(CRAWLS) + 1)]
    collected = {p.platform for p in posts}
    assert collected == {"tiktok", "x", "youtube", "instagram"}
    truth = {(t["platform"], t["post_id"]): t for t in box.truth()}
    unwatched_authors = {truth[p.key]["author"] for p in posts if p.key in truth} - WATCHED
    assert len(unwatched_authors) >= 5  # the hashtags really did collect other creators' posts

    raw = _raw_handles(box)
    assert _found(_database_bytes(sqlite_db), raw) == set()
    assert KEY.encode() not in _database_bytes(sqlite_db)
    assert all(KEY not in log for log in logs)
    assert _found("".join(logs).encode(), raw) == set()

    # Watched accounts and brand handles keep their names.
    assert b"ti_en_creator0" in _database_bytes(sqlite_db)
    collab = next(p for p in posts if "Collab" in p.text)
    assert collab.author == "ti_en_creator0" and "@glowlab" in collab.text
    masked = [m for m in collab.mentions if m != "glowlab"]
    assert masked and all(is_pseudonym(m) for m in masked) and f"@{masked[0]}" in collab.text

    # Analyses by creator still work: one pseudonym per creator, as many as there are creators.
    authors_by_truth: dict[str, set[str | None]] = {}
    for post in posts:
        if post.key in truth:
            authors_by_truth.setdefault(truth[post.key]["author"], set()).add(post.author)
    assert all(len(stored) == 1 for stored in authors_by_truth.values())
    assert len({a for names in authors_by_truth.values() for a in names}) == len(authors_by_truth)

    # Every run records how it collected; the unwatched account's target is pseudonymised.
    assert all(r is not None and r.settings["audit"]["pseudonymised"] for r in runs)
    assert runs[-1] is not None and is_pseudonym(runs[-1].target)
    assert {r.settings["audit"]["robots_txt"] for r in runs if r} == {"obeyed"}

    # The shared export of that database: no raw handle, no key, no free text.
    out = tmp_path / "shared"
    env_key = {KEY_ENV: KEY}
    with pytest.MonkeyPatch.context() as mp:
        for name, value in env_key.items():
            mp.setenv(name, value)
        code = main(["export", str(out), "--share", "--format", "csv", "--db", db, "-c", str(watchlist)])
    assert code == 0
    exported = b"".join(p.read_bytes() for p in out.iterdir())
    assert _found(exported, raw) == set()
    assert KEY.encode() not in exported
    assert b"Collab with" not in exported and (out / "DATASHEET.md").is_file()


def test_the_same_crawl_without_pseudonymisation_stores_the_handles(
    box: Sandbox, sqlite_db: Path, write_watchlist: Callable[..., Path]
) -> None:
    """The control of the scan above: raw handles are found when pseudonymisation is off."""
    watchlist = write_watchlist("pseudonymise = false")
    outcome = crawl_into(box, f"sqlite:///{sqlite_db}", watchlist, "x", "mode", kind="hashtag")
    assert outcome.ok, outcome.stderr_tail[-2000:]
    dispose_engines()
    assert len(_found(_database_bytes(sqlite_db), _raw_handles(box))) >= 3


def test_robots_turned_off_is_recorded_in_the_run(
    box: Sandbox, sqlite_db: Path, write_watchlist: Callable[..., Path]
) -> None:
    db = f"sqlite:///{sqlite_db}"
    outcome = crawl_into(
        box, db, write_watchlist(), "youtube", "recette", kind="hashtag", settings={"ROBOTSTXT_OBEY": "False"}
    )
    assert outcome.ok, outcome.stderr_tail[-2000:]
    with session(get_engine(db)) as s:
        run = repo.get_run(s, outcome.progress["run"])
    assert run is not None
    audit = run.settings["audit"]
    assert audit["robots_txt"].startswith("ignored")
    assert audit["operator_settings"]["ROBOTSTXT_OBEY"] == "False"
    assert "robots.txt is NOT obeyed" in outcome.stderr_tail


def test_scheduled_crawls_logging_at_debug_store_no_raw_handle_in_their_logs(
    box: Sandbox, sqlite_db: Path, write_watchlist: Callable[..., Path]
) -> None:
    """The scheduler keeps each crawl's stderr tail in crawl_run: every log line is scrubbed, even the
    DEBUG lines naming request URLs (also percent-encoded) and scraped items."""
    from scheduler.crawl import crawl_job
    from scheduler.runtime import RUNTIME, configure

    db = f"sqlite:///{sqlite_db}"
    env = {KEY_ENV: KEY, "REELSCOPE_CONFIG": str(write_watchlist())}
    env |= {f"REELSCOPE_BASE_URL_{p.upper()}": box.base_url(p) for p in ("tiktok", "instagram")}
    saved = (RUNTIME.db, RUNTIME.env, RUNTIME.crawl_settings, RUNTIME.use_jobdir)
    configure(db=db, env=env, use_jobdir=False, crawl_settings={**FAST, "LOG_LEVEL": "DEBUG"})
    try:
        for platform, kind, target in (
            ("tiktok", "hashtag", "mode"),
            ("instagram", "account", "in_fr_creator1"),
        ):
            spec = {"job_id": f"{platform}-{kind}", "platform": platform, "kind": kind, "target": target}
            assert crawl_job({**spec, "retries": 0})["status"] == "ok"
    finally:
        configure(db=saved[0], env=saved[1], crawl_settings=saved[2], use_jobdir=saved[3])
    dispose_engines()
    with session(get_engine(db)) as s:
        tails = "".join(r.stderr_tail for r in (repo.get_run(s, 1), repo.get_run(s, 2)) if r)
    assert "DEBUG" in tails and "anon_" in tails
    assert _found(_database_bytes(sqlite_db), _raw_handles(box)) == set()
    assert KEY.encode() not in _database_bytes(sqlite_db)
