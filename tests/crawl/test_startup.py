"""What a crawl process and its starters import: every scheduled crawl pays for it at start."""

from __future__ import annotations

import subprocess
import sys

from sandbox import Sandbox
from spiders.runner import crawl_command
from store.migrations import upgrade
from tests.crawl.helpers import FAST, stored

# Runs one crawl in this interpreter (spiders.main's run), then names the modules it loaded.
_CRAWL_THEN_LIST = (
    "import sys; from spiders.main import run; code = run(sys.argv[1:]); "
    "print(' '.join(sorted(m for m in sys.modules if '.' not in m)))"
)


def _top_level_modules(code: str, *args: str) -> set[str]:
    proc = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return set(proc.stdout.split())


def test_starting_crawls_does_not_import_scrapy() -> None:
    """The CLI and the scheduler build and run crawl subprocesses; Scrapy and Twisted stay in those."""
    loaded = _top_level_modules("import sys, spiders.runner; print(' '.join(sys.modules))")
    assert "scrapy" not in loaded and "twisted" not in loaded


def test_a_crawl_into_a_current_store_imports_neither_alembic_nor_a_control_server(
    box: Sandbox, db: str
) -> None:
    upgrade(db)
    fact = box.truth("youtube")[0]
    args = crawl_command(
        "youtube", fact["post_id"], kind="post", db=db, base_url=box.base_url("youtube"), settings=FAST
    )[3:]
    loaded = _top_level_modules(_CRAWL_THEN_LIST, *args)
    assert "scrapy" in loaded and "sqlalchemy" in loaded  # the list is the crawl's
    assert "alembic" not in loaded  # the schema check is one SELECT when the store is at head
    assert "aiohttp" not in loaded  # Scrapy's remote-control server is not even imported
    assert list(stored(db, "youtube")) == [fact["post_id"]]
