"""Scrapy settings of reelscope crawls: polite by default (robots.txt, AutoThrottle, per-domain limits,
backoff on 429/5xx), a contact in the user agent, and the browser path set up for when a recipe needs it."""

from __future__ import annotations

import os

from scrapy.settings import default_settings

from spiders.browser import launch_options
from spiders.manners import user_agent

BOT_NAME = "reelscope"
SPIDER_LOADER_CLASS = "spiders.loader.PlatformSpiderLoader"
SPIDER_MODULES: list[str] = []
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"

# Turning it off (-s ROBOTSTXT_OBEY=False) is recorded in every affected crawl_run (settings.audit).
ROBOTSTXT_OBEY = True
USER_AGENT = user_agent()
# Anonymous session cookies only: reelscope never sends a user's login cookies.
COOKIES_ENABLED = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.25
DOWNLOAD_TIMEOUT = 30
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF_BASE = 1.0  # seconds; doubled per attempt unless the server sends Retry-After
RETRY_BACKOFF_MAX = 60.0
DOWNLOADER_MIDDLEWARES = {
    # Scrapy 2.19 hands a host's robots.txt to the first waiting request only (the others are let
    # through): a crawl of several targets, or a worker's many tasks, start together.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "spiders.robots.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "spiders.middlewares.BackoffRetryMiddleware": 550,
    # Before the cookie middleware (700): a request carrying login headers of its own is refused.
    "spiders.privacy.RefuseLoginMiddleware": 690,
    "spiders.middlewares.ProxyMiddleware": 740,
}
# No telnet console and no remote-control web server (Scrapy 2.19 starts both by default, each on a
# port of its own): nothing steers a crawl from outside. They are left out of the base list rather than
# set to None in EXTENSIONS, which would import their modules (aiohttp's web server: ~0.1 s per crawl).
EXTENSIONS_BASE = {
    name: order
    for name, order in default_settings.EXTENSIONS_BASE.items()
    if name.rsplit(".", 1)[-1] not in ("TelnetConsole", "RemoteControl")
}
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# The pipelines are synchronous: Scrapy's default of 100 items in parallel per response only builds 100
# asyncio tasks for every page (a tenth of the crawl's time, measured A/B).
CONCURRENT_ITEMS = 1
ITEM_PIPELINES = {
    "spiders.pipelines.DetectPipeline": 100,
    "spiders.pipelines.StorePipeline": 300,
}
# The resume journal in JOBDIR is the crawl frontier; Scrapy's own queue stays in memory.
SCHEDULER_DISK_QUEUE = "scrapy.squeues.FifoMemoryQueue"

# Plain-HTTP downloads that impersonate a browser, per platform: "tiktok=chrome124,youtube=chrome"
# (needs the `impersonate` extra; see spiders/impersonate.py).
REELSCOPE_IMPERSONATE = os.environ.get("REELSCOPE_IMPERSONATE", "")

HTTPCACHE_ENABLED = os.environ.get("REELSCOPE_HTTPCACHE", "") == "1"  # for development only
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_IGNORE_HTTP_CODES = [429, 500, 502, 503, 504]

# Browser path (only installed as download handlers when a browser recipe is crawled).
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = launch_options()
PLAYWRIGHT_ABORT_REQUEST = "spiders.browser.should_abort"
PLAYWRIGHT_RESTART_DISCONNECTED_BROWSER = True
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000
PLAYWRIGHT_MAX_CONTEXTS = 8
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
REELSCOPE_SCROLL_WAIT = 1.5  # seconds to wait for a captured response after each scroll
REELSCOPE_STORE_BATCH = 200  # posts per store transaction
REELSCOPE_STORE_SECONDS = 1.0  # and at least once a second
REELSCOPE_FIRST_CAPTURE_WAIT = 10.0  # seconds to wait for a listing's first captured response
REELSCOPE_SCROLL_IDLE = 2  # scrolls without a new response before a listing counts as finished
REELSCOPE_MAX_SCROLLS = 200

# Redis workers (`reelscope worker`, spiders/worker.py): limits shared by all workers of a deployment.
REELSCOPE_RATE = os.environ.get("REELSCOPE_RATE", "")  # requests/s per platform, "youtube=2,default=1"
REELSCOPE_BUDGET = os.environ.get("REELSCOPE_BUDGET", "")  # requests per window per platform
REELSCOPE_BUDGET_WINDOW = float(os.environ.get("REELSCOPE_BUDGET_WINDOW", "3600"))  # seconds
REELSCOPE_WORKER_TTL = 15.0  # seconds without a heartbeat before a worker's requests are reclaimed
REELSCOPE_WORKER_POLL = 0.2  # seconds between a worker's looks at the shared queue
REELSCOPE_BROWSER_PAGES = 2  # browser requests a worker renders at once per platform, a context each

LOG_LEVEL = os.environ.get("REELSCOPE_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
