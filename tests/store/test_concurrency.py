"""Several processes store the same posts at the same time: no error, no duplicate, no lost row."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import Engine, text

WRITER = Path(__file__).with_name("writer.py")
PROCESSES, ROUNDS, POSTS = 3, 8, 200


def _run_writers(url: str) -> list[dict[str, int]]:
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), url, str(worker), str(ROUNDS), str(POSTS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for worker in range(PROCESSES)
    ]
    try:
        for proc in procs:
            assert proc.stdout is not None
            line = proc.stdout.readline().strip()
            assert line == "ready", proc.stderr.read() if proc.stderr else line
        for proc in procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
            assert err == "", err
            results.append(json.loads(out))
        return results
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


def test_concurrent_writers_neither_fail_nor_duplicate_nor_lose(engine: Engine, db_url: str) -> None:
    results = _run_writers(db_url)
    writes = PROCESSES * ROUNDS * POSTS
    assert sum(r["inserted"] for r in results) == POSTS
    assert sum(r["inserted"] + r["updated"] for r in results) == writes
    with engine.connect() as conn:

        def scalar(sql: str) -> int:
            return conn.execute(text(sql)).scalar_one()

        assert scalar("SELECT count(*) FROM post") == POSTS
        assert scalar("SELECT count(DISTINCT post_id) FROM post") == POSTS
        assert scalar("SELECT count(*) FROM engagement_snapshot") == writes
        assert scalar("SELECT count(*) FROM sighting") == writes
        # Replaced as a whole each time: exactly one writer's two signals remain per post.
        assert scalar("SELECT count(*) FROM signal") == 2 * POSTS
        assert (
            scalar(
                "SELECT count(*) FROM (SELECT post_pk FROM signal GROUP BY post_pk HAVING count(*) <> 2) s"
            )
            == 0
        )
        # Each writer alone gives one counter: its last value survived the other writers' pages
        # (a merge made from a stale read would put back an earlier round's value).
        for counter in ("likes", "comments", "shares")[:PROCESSES]:
            assert scalar(f"SELECT count(*) FROM post WHERE {counter} IS DISTINCT FROM {ROUNDS}") == 0
        assert scalar(f"SELECT count(*) FROM post WHERE views < 1000 * {ROUNDS - 1}") == 0
