"""PostgreSQL gives exactly the SQLite answers on a seeded mixed data set (three weeks, many brands)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Float, cast, column, func, select, values

from store import compare
from store.engine import get_engine, session
from store.migrations import upgrade
from store.types import UTCDateTime
from tests.conftest import scratch_pg_schema

from .data import WEEK1, D, H, definitions, load_random, observe, post


def _answers(url: str) -> list[tuple[Any, ...]]:
    engine = get_engine(url)
    upgrade(engine)
    weeks = compare.periods_between("week", WEEK1, WEEK1 + 21 * D)
    with session(engine) as db:
        load_random(db)
        compare.compute(db, weeks, definitions())
        compare.compute(db, compare.periods_between("month", WEEK1, WEEK1 + 21 * D), definitions())
        rows = compare.read(db, weeks + compare.periods_between("month", WEEK1, WEEK1 + 21 * D))
    return [
        (
            r.granularity,
            r.period_start,
            r.platform,
            r.brand,
            r.metric,
            r.value,
            r.share,
            r.definition_version,
            r.sample,
        )
        for r in rows
    ]


def test_every_backend_gives_the_sqlite_answers(db_url: str, tmp_path: Path) -> None:
    here = _answers(db_url)
    reference = _answers(f"sqlite:///{tmp_path / 'reference.db'}")
    assert len(here) > 500
    assert {r[4] for r in here} >= {"posts", "views", "engagements", "views_at_24h", "disclosed_share"}
    assert here == reference


def test_reads_split_over_several_connections_give_the_one_connection_answers(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = get_engine(db_url)
    upgrade(engine)
    weeks = compare.periods_between("week", WEEK1, WEEK1 + 21 * D)

    def figures(threads: int) -> list[tuple[Any, ...]]:
        monkeypatch.setenv(compare.THREADS_ENV, str(threads))
        with session(engine) as db:
            assert compare._threads(db.connection()) == threads
            compare.compute(db, weeks, definitions())
            rows = compare.read(db, weeks)
        return [(r.period_start, r.platform, r.brand, r.metric, r.value, r.share, r.sample) for r in rows]

    with session(engine) as db:
        load_random(db)
    alone = figures(1)
    assert len(alone) > 500
    assert figures(3) == alone
    assert figures(2) == alone


def test_figures_keep_awkward_text_as_given(db_url: str) -> None:
    # PostgreSQL stores the figures with COPY, whose text format gives tabs, line breaks and
    # backslashes a meaning of their own: they must come back as they went in.
    engine = get_engine(db_url)
    upgrade(engine)
    target = 'tab\there\nnew line \\ back "quoted" Marché ☃'
    brand = "Nestlé\\Kids\t"
    week = compare.periods_between("week", WEEK1, WEEK1 + D)
    with session(engine) as db:
        observe(
            db,
            post("tiktok", "odd", WEEK1 + H, author="a\tb", brands=[brand]),
            WEEK1 + 2 * H,
            target,
            views=5,
        )
        compare.compute(db, week, definitions())
        rows = compare.read(db, week, brands=[brand], metrics=["views"])
    assert [(r.platform, r.brand, r.value, r.sample["targets"]) for r in rows] == [
        ("*", brand, 5.0, [target]),
        ("tiktok", brand, 5.0, [target]),
    ]


@pytest.mark.postgres
def test_postgresql_ages_round_to_the_millisecond_as_numeric_does() -> None:
    # Ages are rounded in floats on PostgreSQL; they must equal numeric's round(seconds, 3), ties
    # (an odd half millisecond) away from zero included, over microsecond ages of either sign.
    rng = random.Random(3)
    micros = [0, 500, 499, 501, 1500, -500, -1500, 86_400_000_500, -604_800_000_500]
    micros += [rng.randrange(-(10**15), 10**15) for _ in range(3000)]  # about ±31 years
    micros += [rng.randrange(-(10**12), 10**12) * 1000 + 500 for _ in range(1000)]
    start = datetime(2001, 1, 1, tzinfo=UTC)
    ages = values(column("later", UTCDateTime), column("earlier", UTCDateTime), name="ages").data(
        [(start + timedelta(microseconds=us), start) for us in micros]
    )
    later, earlier = ages.c.later, ages.c.earlier
    numeric = cast(func.round(func.extract("epoch", later - earlier), 3), Float)
    with scratch_pg_schema("ages") as url, get_engine(url).connect() as conn:
        rows = conn.execute(select(compare._seconds_between("postgresql", later, earlier), numeric)).all()
    assert len(rows) == len(micros)
    assert [floats for floats in rows if floats[0] != floats[1]] == []
