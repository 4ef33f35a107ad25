"""The crash-safe resume journal kept in JOBDIR: the crawl's run id, every request the crawl decided to
make, and every page whose posts are stored. Appended and flushed line by line, so a crawl killed at
any moment resumes with the requests it had not finished, and nothing else."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

JOURNAL = "reelscope-journal.ndjson"


class Journal:
    """Append-only record of a crawl's frontier; `pending()` is what a resumed crawl still has to do."""

    def __init__(self, jobdir: str | os.PathLike[str] | None) -> None:
        self.path = Path(jobdir) / JOURNAL if jobdir else None
        self.run_id: int | None = None
        self.finished = False
        self._requests: dict[int, dict[str, Any]] = {}
        self._done: set[int] = set()
        self._next = 0
        self._file: Any = None
        if self.path is not None and self.path.exists():
            self._load()

    def _load(self) -> None:
        assert self.path is not None
        for line in self.path.read_bytes().splitlines():
            try:
                event = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue  # a line cut by the kill
            kind = event.get("e")
            if kind == "run":
                self.run_id = int(event["id"])
            elif kind == "req":
                self._requests[int(event["k"])] = event["r"]
                self._next = max(self._next, int(event["k"]) + 1)
            elif kind == "done":
                self._done.add(int(event["k"]))
            elif kind == "end":
                self.finished = True

    @property
    def resuming(self) -> bool:
        """Whether an unfinished crawl left this journal."""
        return self.run_id is not None and not self.finished

    def reset(self) -> None:
        """Forget a finished crawl's journal: the next crawl starts afresh."""
        if self.path is not None and self.path.exists():
            self.path.unlink()
        self.run_id, self.finished, self._requests, self._done, self._next = None, False, {}, set(), 0

    def _write(self, event: dict[str, Any]) -> None:
        if self.path is None:
            return
        if self._file is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file = self.path.open("ab")
        self._file.write(orjson.dumps(event) + b"\n")
        self._file.flush()
        os.fsync(self._file.fileno())

    def start(self, run_id: int) -> None:
        """Record the crawl run this journal belongs to."""
        self.run_id = run_id
        self._write({"e": "run", "id": run_id})

    def add(self, spec: dict[str, Any]) -> int:
        """Record a request the crawl will make; return its key."""
        key = self._next
        self._next += 1
        self._requests[key] = spec
        self._write({"e": "req", "k": key, "r": spec})
        return key

    def done(self, key: int) -> None:
        """Record that a request's page is stored (or given up)."""
        if key not in self._done:
            self._done.add(key)
            self._write({"e": "done", "k": key})

    def pending(self) -> list[tuple[int, dict[str, Any]]]:
        """Requests recorded and not done, in the order they were made."""
        return [(k, spec) for k, spec in sorted(self._requests.items()) if k not in self._done]

    def end(self) -> None:
        """Record that the crawl finished; close the file."""
        self._write({"e": "end"})
        if self._file is not None:
            self._file.close()
            self._file = None
