"""The crawl worker: one long-running Scrapy process whose scheduler and duplicate filter live in Redis
(scrapy-redis), serving any number of crawl tasks of its platforms and storing into the shared database.

A crawl task is one target taken from the platform's target list: the worker that takes it opens its
`crawl_run` and queues its first request; every later request, on whichever worker, carries the task in
its meta. The platform spider's own parsing runs unchanged on a per-task view; each request's page
counts as done in Redis only after its posts are committed, and the worker that completes the last
pending request closes the run.

Requests Chromium renders (browser recipes: listings scrolled while the page's JSON API responses are
captured) travel through Redis as data only: their meta names the worker's page handlers
(`on_response`, and `init_browser_page` by dotted path) and their callback is the worker's
`parse_browser`, so the worker that pops one attaches its own handlers to its own Chromium page. A
worker without the browser leaves browser targets and requests to the workers that have it."""

from __future__ import annotations

import asyncio
import copy
import logging
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from twisted.internet import task

from spiders import browser, frontier
from spiders.base import PlatformSpider
from spiders.items import PostPage, RequestDone
from spiders.journal import Journal
from spiders.loader import plugin_host, spider_class
from spiders.privacy import refuse_login
from spiders.recorder import Recorder, Tally
from spiders.redis_queue import TaskLedger, browser_pages, request_key

logger = logging.getLogger(__name__)
MAX_VIEWS = 2000
BROWSER_INIT = "spiders.worker.init_browser_page"
_BROWSER_WORKERS: dict[str, WorkerSpider] = {}  # this process's browser workers, by platform


async def init_browser_page(page: Any, request: scrapy.Request) -> None:
    """scrapy-playwright's page init callback of worker requests: the platform's worker takes the page."""
    await _BROWSER_WORKERS[request.meta["task"]["platform"]].on_page(page, request)


@dataclass(slots=True)
class TaskItem:
    """A spider item (a page of posts, or a request's end) of one crawl task."""

    run: int
    item: PostPage | RequestDone
    task: dict[str, Any]


class TaskView:
    """Mixed into a platform's spider class: that spider's parsing, for one task of a worker."""

    worker: Any = None
    platform_name: str  # the platform spider's class attribute
    run_id: int = 0
    task: dict[str, Any]
    rerun = False
    _emitted = 0
    _last = 0

    def request(self, spec: dict[str, Any], key: Any = None) -> scrapy.Request:
        """The request of a spec, recorded as pending in the task before it is yielded."""
        key = request_key(self.run_id, "GET", spec["url"])
        self.worker.ledger.plan(self.run_id, key)
        meta = {"spec": spec, "key": key, "task": self.task}
        callback = self.worker.parse_page
        if spec["browser"]:
            meta.update(browser.browser_meta(self.platform_name, "on_response", BROWSER_INIT))
            callback = self.worker.parse_browser
        # Requests from a page seen again after a kill skip the duplicate filter: their first copies
        # may have been lost with the killed worker; copies that were not are dropped when popped.
        return scrapy.Request(
            spec["url"],
            callback=callback,
            errback=self.worker.failed,
            meta=meta,
            dont_filter=self.rerun,
        )

    @property
    def emitted(self) -> int:
        """Posts kept by the task so far, across all workers when --max-posts needs it."""
        max_posts = getattr(self, "max_posts", None)
        if max_posts is None or self.worker is None:
            return self._emitted
        raw = self.worker.server.hget(self.worker.keys.task(self.run_id, "stats"), "emitted")
        self._last = int(raw or 0)
        return self._last

    @emitted.setter
    def emitted(self, value: int) -> None:
        if getattr(self, "max_posts", None) is None or self.worker is None:
            self._emitted = value
            return
        self.worker.server.hincrby(self.worker.keys.task(self.run_id, "stats"), "emitted", value - self._last)
        self._last = value


_VIEW_CLASSES: dict[str, type[Any]] = {}


def has_browser_recipes(platform: str) -> bool:
    """Whether some target of the platform needs Chromium (only then does its worker start one)."""
    recipes = plugin_host().platform(platform).recipes.values()
    return any(recipe.browser or recipe.capture for recipe in recipes)


def view_class(platform: str) -> type[Any]:
    """The task-view class of a platform's spider."""
    if platform not in _VIEW_CLASSES:
        base = spider_class(platform)
        _VIEW_CLASSES[platform] = type(base.__name__ + "Task", (TaskView, base), {})
    return _VIEW_CLASSES[platform]


class WorkerSpider(scrapy.Spider):
    """One platform's worker: takes targets, crawls requests from the shared queue, reclaims the dead."""

    def __init__(
        self,
        platform: str = "",
        redis_url: str = "",
        prefix: str | None = None,
        worker_id: str | None = None,
        db: str | None = None,
        platforms: list[str] | None = None,
        with_browser: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(name=platform, **kwargs)
        self.platform_name = platform
        self.platforms = platforms or [platform]
        self.worker_id = worker_id or frontier.new_worker_id()
        self.keys = frontier.Keys.from_env(prefix)
        self.server = frontier.connect(redis_url)
        self.ledger = TaskLedger(self.server, self.keys)
        self.db = db
        self.views: dict[int, Any] = {}
        self.holding: dict[tuple[int, str], str] = {}  # (run, request key) -> in-flight id
        self.browser = with_browser and has_browser_recipes(platform)
        self.captures: dict[Any, list[tuple[str, bytes]]] = {}  # every task's captures, by page
        self.pages: dict[Any, Any] = {}  # open browser page -> the view of its task
        self.captured_retry: browser.CapturedRetry | None = None
        self.reliable_queue: Any = None
        self.store: Any = None  # the WorkerPipeline
        self._recorder: Recorder | None = None
        self.closing: set[asyncio.Future[Any]] = set()
        self.stopping = False
        self._loop: Any = None
        self._beat = self._reclaim = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WorkerSpider:
        """Connect the worker's loop to the crawl's life."""
        spider: WorkerSpider = super().from_crawler(crawler, *args, **kwargs)
        if spider.browser:
            browser.install(crawler.settings)
            spider.captured_retry = browser.CapturedRetry(crawler.settings)
            _BROWSER_WORKERS[spider.name] = spider
        crawler.signals.connect(spider.opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.closed_worker, signal=signals.spider_closed)
        return spider

    async def start(self) -> Any:
        """No start requests: targets come from Redis."""
        return
        yield

    # --- the worker's loop ----------------------------------------------------------------------

    @property
    def ttl(self) -> float:
        """Seconds without a heartbeat after which the worker counts as dead."""
        return self.settings.getfloat("REELSCOPE_WORKER_TTL", 15.0)

    def opened(self, spider: Any) -> None:
        """Register, and poll Redis often: Scrapy otherwise asks an empty scheduler every 5 seconds."""
        refuse_login(self.settings, {})
        self.beat()
        poll = self.settings.getfloat("REELSCOPE_WORKER_POLL", 0.2)
        # Scrapy (2.19) has no public setting for its slot heartbeat, read when the engine starts its slot
        # loop; should the private name go, this line does nothing and an idle worker polls every 5 s.
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = poll
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(poll, now=False).addErrback(lambda f: logger.error("worker loop: %s", f.value))

    def beat(self) -> None:
        """Renew this worker's heartbeat."""
        frontier.beat(self.server, self.keys, self.worker_id, self.platforms, self.ttl)
        self._beat = time.monotonic()

    def tick(self) -> None:
        """Heartbeat, reclaim dead workers' requests, and take targets while the queue runs low."""
        if self.stopping:
            return
        if self.store is not None:
            self.store.flush_due()
        now = time.monotonic()
        if now - self._beat >= self.ttl / 3:
            self.beat()
        if now - self._reclaim >= min(self.ttl / 2, 5.0):
            self._reclaim = now
            moved = frontier.reclaim_dead(self.server, self.keys, self.name)
            if moved:
                logger.warning("reclaimed %d requests and targets of dead %s workers", moved, self.name)
            while (orphan := frontier.take_orphan(self.server, self.keys)) is not None:
                self.close_orphan(orphan)
        # Keep about one downloader's worth of requests queued (of browser requests, as many as it
        # renders at once): enough to stay busy, few enough that targets stay with workers with room.
        self.take_targets(self.settings.getint("CONCURRENT_REQUESTS", 16), browser=False)
        if self.browser:
            self.take_targets(browser_pages(self.settings), browser=True)

    def take_targets(self, depth: int, *, browser: bool) -> None:
        """Start waiting targets (of browser recipes if `browser`) while their queue is below `depth`."""
        queue = (self.keys.browser_requests if browser else self.keys.requests)(self.name)
        for _ in range(max(0, depth - int(self.server.llen(queue)))):
            if self.crawler.engine.needs_backout():
                break
            target = frontier.claim_target(self.server, self.keys, self.name, self.worker_id, browser=browser)
            if target is None:
                break
            self.start_task(target)

    def idle(self, spider: Any) -> None:
        """A worker waits for work instead of closing."""
        if not self.stopping:
            raise DontCloseSpider

    def closed_worker(self, spider: Any, reason: str) -> None:
        """Hand back what this worker holds and leave (a SIGKILL skips this: others reclaim)."""
        self.stopping = True
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        returned = self.reliable_queue.return_all() if self.reliable_queue is not None else 0
        frontier.leave(self.server, self.keys, self.worker_id, [self.name])
        logger.info("worker %s stopped (%s): %d requests handed back", self.worker_id, reason, returned)

    # --- tasks --------------------------------------------------------------------------------

    def start_task(self, target: dict[str, Any]) -> None:
        """Open a crawl run for a target and queue its first request (a browser request lands in the
        browser queue, whichever worker queues it); release the claim."""
        run_id = None
        try:
            view = self.new_view(target)
        except (ValueError, KeyError) as exc:
            logger.error("target %s refused: %s", target, exc)
            self.refuse(target, str(exc))
        else:
            run_id = view.recorder.start(
                platform=self.name,
                target=view.stored_target,
                kind=view.kind,
                settings=view.run_settings(),
            )
            frontier.opening(self.server, self.keys, self.name, self.worker_id, run_id)
            self.attach(view, run_id, target)
            url = view.recipe.start_url(view.base, view.target)
            first = view.request(view.plan(url, browser=view.recipe.browser, kind=view.kind, rank=0))
            self.crawler.engine.crawl(first)
            logger.info("task %s: %s %s %s", run_id, self.name, view.kind, view.target)
        frontier.release_target(self.server, self.keys, self.name, self.worker_id, target, run_id)

    def refuse(self, target: dict[str, Any], reason: str) -> None:
        """Record a target no spider can crawl as a failed run."""
        recorder = self.new_recorder()
        recorder.start(
            platform=self.name, target=str(target.get("target")), kind=str(target.get("kind")), settings={}
        )
        recorder.tally.errors = 1
        recorder.finish("failed", reason + "\n")

    def close_orphan(self, run_id: int) -> None:
        """Close as failed a run whose worker died before queueing its first request (its target went
        back to the queue and is crawled again as a new run)."""
        if self.server.exists(self.keys.task(run_id, "pending"), self.keys.task(run_id, "done")):
            return  # the first request made it to the queue: the task goes on without its opener
        recorder = self.new_recorder()
        recorder.run_id = run_id
        recorder.tally.errors = 1
        recorder.finish("failed", "worker died while opening the run; its target was queued again\n")
        logger.warning("run %s closed as failed: its worker died while opening it", run_id)

    def new_recorder(self) -> Recorder:
        """A recorder for one task, sharing the worker's engine (the schema is checked once, not per task)."""
        if self._recorder is None:
            self._recorder = Recorder(self.db or self.settings.get("REELSCOPE_DATABASE_URL"))
        recorder = copy.copy(self._recorder)
        recorder.run_id, recorder.tally, recorder._last_ok = None, Tally(), {}
        return recorder

    def new_view(self, target: dict[str, Any]) -> Any:
        """A platform spider for one target, parsing on this worker's behalf."""
        view = view_class(self.name)(
            target=target["target"],
            kind=target.get("kind"),
            max_posts=target.get("max_posts"),
            since=target.get("since"),
            base_url=target.get("base_url"),
            details=target.get("details", "auto"),
            db=self.db,
            config=target.get("config"),
        )
        view.worker = self
        view.crawler, view.settings = self.crawler, self.settings
        view.recorder = self.new_recorder()
        view.journal = Journal(None)
        view.captures = self.captures  # pages are keyed across tasks: any view of a task finds them
        if self.captured_retry is not None:
            view.captured_retry = self.captured_retry
        return view

    def attach(self, view: Any, run_id: int, target: dict[str, Any]) -> None:
        """Bind a view to its crawl run and remember it."""
        view.run_id = view.recorder.run_id = run_id
        view.task = {**{k: v for k, v in target.items() if not k.startswith("_")}, "run": run_id}
        if len(self.views) >= MAX_VIEWS:
            self.views.clear()
        self.views[run_id] = view

    def view_of(self, meta: dict[str, Any]) -> Any:
        """The view of a request's task (built on first sight: another worker may have started it)."""
        task_info = meta["task"]
        run_id = int(task_info["run"])
        view = self.views.get(run_id)
        if view is None:
            view = self.new_view(task_info)
            self.attach(view, run_id, task_info)
        if meta.get("rerun"):
            # A page seen again after a kill or a retry: posts its run already stored are not stored twice.
            view = copy.copy(view)
            view.rerun = view.resumed = True
        return view

    # --- callbacks (names kept stable: requests in Redis refer to them) ----------------------------

    def parse_page(self, response: Any) -> Any:
        """A page of a task, parsed by the task's view."""
        view = self.view_of(response.meta)
        self.holding[(view.run_id, response.meta["key"])] = response.meta.get("inflight", "")
        for out in PlatformSpider.parse_page(view, response):
            yield self.wrap(view, out)

    async def parse_browser(self, response: Any) -> Any:
        """A page of a task rendered by Chromium, scrolled and its captures parsed by the task's view."""
        view = self.view_of(response.meta)
        self.holding[(view.run_id, response.meta["key"])] = response.meta.get("inflight", "")
        async for out in PlatformSpider.parse_browser(view, response):
            yield self.wrap(view, out)

    async def on_page(self, page: Any, request: scrapy.Request) -> None:
        """A new Chromium page of a task: remember whose it is, and route its captured APIs' retries."""
        view = self.view_of(request.meta)
        self.pages[page] = view
        page.once("close", lambda closed: self.pages.pop(closed, None))
        await view.on_page(page, request)

    async def on_response(self, response: Any) -> None:
        """A response a Chromium page received: captured by the page's task when it is one of its APIs."""
        view = self.pages.get(response.frame.page)
        if view is not None:
            await view.on_response(response)

    def drop_page(self, page: Any) -> None:
        """Close a page whose request goes back to the queue (its captures go with it)."""
        self.captures.pop(page, None)
        self.pages.pop(page, None)
        closing = asyncio.ensure_future(page.close())
        self.closing.add(closing)
        closing.add_done_callback(self.closing.discard)

    def failed(self, failure: Any) -> Any:
        """A request of a task given up."""
        meta = failure.request.meta
        if not self.crawler.engine.running and failure.check(IgnoreRequest):
            return  # a stopping worker's waiting request: not done, handed back to the queue on close
        view = self.view_of(meta)
        self.holding[(view.run_id, meta["key"])] = meta.get("inflight", "")
        for out in PlatformSpider.failed(view, failure):
            yield self.wrap(view, out)

    def wrap(self, view: Any, out: Any) -> Any:
        """Tag items with their task; requests pass as they are."""
        return TaskItem(view.run_id, out, view.task) if isinstance(out, PostPage | RequestDone) else out

    def finish(self, run_id: int) -> None:
        """Close a task's run with the counts every worker added."""
        self.views.pop(run_id, None)
        recorder = self.new_recorder()
        recorder.run_id = run_id
        stats = self.ledger.stats(run_id)
        tally = recorder.tally
        tally.pages, tally.posts, tally.errors = (
            stats.get("pages", 0),
            stats.get("posts", 0),
            stats.get("errors", 0),
        )
        tally.missing = Counter({k[2:]: v for k, v in stats.items() if k.startswith("m:")})
        recorder.finish("failed" if tally.pages == 0 and tally.errors > 0 else "ok")
        self.ledger.expire(run_id, frontier.TASK_KEEP_SECONDS)
        logger.info(
            "task %s finished: %d pages, %d posts, %d errors", run_id, tally.pages, tally.posts, tally.errors
        )


class WorkerPipeline:
    """Detect, then store the pages of every task in batches; only then mark their requests done in
    Redis and drop them from this worker's in-flight hash, closing runs whose last request this was."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.batch_posts = settings.getint("REELSCOPE_STORE_BATCH", 200)
        self.batch_seconds = settings.getfloat("REELSCOPE_STORE_SECONDS", 1.0)
        self.pages: list[tuple[TaskItem, PostPage]] = []
        self.done: list[tuple[int, RequestDone]] = []
        self.posts = 0
        self.last = time.monotonic()

    @classmethod
    def from_crawler(cls, crawler: Any) -> WorkerPipeline:
        """Scrapy's constructor hook; the detector learns the brands of the worker's $REELSCOPE_CONFIG."""
        from reelscope.host import use_watchlist_brands

        # Once per worker, not per task: brands are process-wide, so a task's own watchlist cannot add any.
        use_watchlist_brands(None)
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """Queue a task's page or request end; write when the batch is big or old enough."""
        if not isinstance(item, TaskItem):
            return item
        if isinstance(item.item, PostPage):
            host = plugin_host()
            for post in item.item.posts:
                host.detect(post)
            self.pages.append((item, item.item))
            self.posts += len(item.item.posts)
        else:
            self.done.append((item.run, item.item))
        if self.posts >= self.batch_posts or time.monotonic() - self.last >= self.batch_seconds:
            self.flush()
        return item

    def open_spider(self, spider: Any = None) -> None:
        """Let the worker's loop write a batch that no new item comes to complete."""
        self.crawler.spider.store = self

    def close_spider(self, spider: Any = None) -> None:
        """Write what is left."""
        self.flush()

    def flush_due(self) -> None:
        """Write the batch if it is old enough (called by the worker's loop)."""
        if (self.pages or self.done) and time.monotonic() - self.last >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Store the batch, count it per task, then mark its requests done and acknowledge them."""
        worker: WorkerSpider = self.crawler.spider
        groups: dict[tuple[int, str], list[PostPage]] = defaultdict(list)
        counts: dict[int, Counter[str]] = defaultdict(Counter)
        tasks: dict[int, dict[str, Any]] = {}
        for item, page in self.pages:
            run = item.run
            tasks[run] = item.task
            groups[(run, page.path)].append(page)
            counts[run]["pages"] += 1
            for name, n in page.missing.items():
                counts[run]["m:" + name] += n
        for (run, path), pages in groups.items():
            view = worker.view_of({"task": tasks[run]})
            ranked = [(post, rank) for p in pages for post, rank in zip(p.posts, p.ranks, strict=True)]
            # Retention and pseudonymisation before anything is stored, as in the single-crawl pipeline.
            posts, accounts = view.privacy.apply(
                [post for post, _ in ranked], [a for page in pages for a in page.accounts]
            )
            kept = {id(post) for post in posts}
            ranks = [rank for post, rank in ranked if id(post) in kept]
            counts[run]["posts"] += view.recorder.store(
                posts, ranks, target=view.stored_target, path=path, accounts=accounts
            )
        for run, done in self.done:
            counts[run]["errors"] += 1 if done.error else 0
        for run, values in counts.items():
            worker.ledger.count(run, **values)
        for run, done in self.done:
            if done.key is None:
                continue
            left = worker.ledger.done(run, str(done.key))
            held = worker.holding.pop((run, str(done.key)), "")
            if held:
                worker.server.hdel(worker.keys.inflight(worker.name, worker.worker_id), held)
            if left == 0:
                worker.finish(run)
        self.pages, self.done, self.posts = [], [], 0
        self.last = time.monotonic()


def worker_settings(redis_url: str, keys: frontier.Keys, db: str | None) -> dict[str, Any]:
    """Scrapy settings that put the scheduler, duplicate filter and limits in Redis (scrapy-redis)."""
    from spiders import settings as base

    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "spiders.redis_queue.ReliableQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests("%(spider)s"),
        "SCHEDULER_PERSIST": True,
        "DUPEFILTER_CLASS": "spiders.redis_queue.TaskDupeFilter",
        "REDIS_URL": redis_url,
        "ITEM_PIPELINES": {"spiders.worker.WorkerPipeline": 300},
        "DOWNLOADER_MIDDLEWARES": {
            **base.DOWNLOADER_MIDDLEWARES,
            "spiders.redis_limits.SharedLimitsMiddleware": 545,
        },
        "REELSCOPE_DATABASE_URL": db,
        "JOBDIR": None,
        # Politeness across workers is the Redis rate limit; AutoThrottle would slow each worker alone.
        "TELNETCONSOLE_ENABLED": False,
    }


def run_worker(
    platforms: list[str],
    redis_url: str,
    *,
    db: str | None = None,
    prefix: str | None = None,
    settings: dict[str, Any] | None = None,
    with_browser: bool = True,
) -> None:
    """Run one worker process for the given platforms until SIGTERM/SIGINT (blocks); with the browser and
    Chromium launchable, it also renders browser requests, else it leaves them to workers that do."""
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "spiders.settings")
    keys = frontier.Keys.from_env(prefix)
    project = get_project_settings()
    project.setdict(worker_settings(redis_url, keys, db), priority="cmdline")
    project.setdict(settings or {}, priority="cmdline")
    if with_browser and (why := browser.unavailable(project)):
        logger.warning("browser off: %s; browser targets and requests are left to other workers", why)
        with_browser = False
    process = CrawlerProcess(project)
    worker_id = frontier.new_worker_id()
    for platform in platforms:
        process.crawl(
            WorkerSpider,
            platform=platform,
            platforms=platforms,
            redis_url=redis_url,
            prefix=keys.prefix,
            worker_id=worker_id,
            db=db,
            with_browser=with_browser,
        )
    process.start()
