"""`python -m spiders.main PLATFORM -a NAME=VALUE … -s NAME=VALUE …`: `scrapy crawl` for one crawl
subprocess, without the command-line machinery (every Scrapy command imported to find `crawl`) and
without the interpreter's teardown once the crawl has written everything (a quarter of a second of
freeing modules nobody will use again, paid by every scheduled crawl)."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys

SETTINGS_MODULE = "spiders.settings"


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name:
            raise SystemExit(f"{flag} takes NAME=VALUE, not {value!r}")
        pairs[name] = rest
    return pairs


def run(argv: list[str] | None = None) -> int:
    """Run one crawl to its end; return the exit code `scrapy crawl` would give (1 if it never started)."""
    parser = argparse.ArgumentParser(prog="python -m spiders.main", description="Crawl one target.")
    parser.add_argument("platform")
    parser.add_argument("-a", dest="spargs", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE)

    # Imported first, while the stack is shallow and few modules are loaded: its deprecated aliases
    # call inspect.stack(), which reads the source of every frame and scans sys.modules (~40 ms later).
    import scrapy.core.downloader.contextfactory  # noqa: F401
    from scrapy.crawler import AsyncCrawlerProcess
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.setdict(_pairs(args.settings, "-s"), priority="cmdline")
    process = AsyncCrawlerProcess(settings)
    # Scrapy's loggers are at DEBUG whatever LOG_LEVEL says, so every page and item built a record only
    # for the handler to drop it: two thousand records for a thousand pages.
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL"))
    process.crawl(args.platform, **_pairs(args.spargs, "-a"))
    # Everything imported and built so far lives as long as the process: keep it out of the cyclic
    # collector, whose full passes over it cost the crawl's steady state 10-20% (measured A/B).
    gc.freeze()
    process.start()
    return 1 if process.bootstrap_failed else 0


def main() -> None:
    """Crawl, then leave at once: the store is committed and the journal closed by now."""
    code = run()
    from store.engine import dispose_engines

    dispose_engines()  # say goodbye to PostgreSQL rather than drop the connection
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
