"""The one spider every platform gets: it reads the platform's recipe for the target kind, fetches over
plain HTTP (or Chromium, scrolling and capturing the JSON the page receives, for browser recipes), parses
with the platform plugin, and yields pages of posts for the pipelines; it paginates with
`Recipe.next_url`, honours --max-posts and --since, stops at posts an earlier crawl already stored, and
resumes a killed crawl from its JOBDIR journal."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any, ClassVar

import scrapy
from scrapy import signals
from scrapy.http import Response
from twisted.python.failure import Failure

from plugins.platform import TARGET_KINDS, Page, ParseError, ParseResult, Platform, Recipe
from plugins.post import Post
from spiders import browser, impersonate
from spiders.items import PostPage, RequestDone
from spiders.journal import Journal
from spiders.manners import is_login_page
from spiders.privacy import CrawlPrivacy, refuse_login
from spiders.recorder import Recorder

logger = logging.getLogger(__name__)
BASE_URL_ENV = "REELSCOPE_BASE_URL_{}"


def base_url_for(platform: Platform, given: str | None = None) -> str:
    """The base URL of a platform: the spider argument, $REELSCOPE_BASE_URL_<NAME>, or the plugin's."""
    env = os.environ.get(BASE_URL_ENV.format(platform.name.upper()), "")
    return (given or env or platform.base_url).rstrip("/")


def guess_kind(platform: Platform, target: str) -> str:
    """The target kind of a target written without --kind: URL pattern, "#tag", "@handle", or an account."""
    if target.startswith(("http://", "https://")):
        return platform.match(target) or "post"
    if target.startswith("#"):
        return "hashtag"
    return "account"


def _since(value: str | None) -> datetime | None:
    if not value:
        return None
    when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _published(post: Post) -> datetime | None:
    try:
        return _since(post.published_at)
    except ValueError:
        return None


class PlatformSpider(scrapy.Spider):
    """Crawl one target of one platform (subclassed per platform by the spider loader)."""

    platform_name: ClassVar[str] = ""
    recorder: Recorder
    journal: Journal
    captured_retry: browser.CapturedRetry
    impersonating: str | None = None  # the browser plain-HTTP requests impersonate (spiders/impersonate.py)

    def __init__(
        self,
        target: str = "",
        kind: str | None = None,
        max_posts: str | int | None = None,
        since: str | None = None,
        base_url: str | None = None,
        details: str = "auto",
        incremental: str = "1",
        db: str | None = None,
        config: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.arguments = dict(kwargs)
        from spiders.loader import plugin_host

        if not target:
            raise ValueError("give a target: -a target=<post URL | account | #hashtag | query>")
        self.host = plugin_host()
        self.platform = self.host.platform(self.platform_name)
        self.target = target.strip()
        if is_login_page(self.target):
            raise ValueError(f"refusing a login page as target: {self.target} (public pages only)")
        self.kind = kind or guess_kind(self.platform, self.target)
        if self.kind not in TARGET_KINDS or self.kind not in self.platform.recipes:
            known = ", ".join(k for k in TARGET_KINDS if k in self.platform.recipes)
            raise ValueError(f"{self.platform_name} cannot crawl a {self.kind!r} target (known: {known})")
        self.recipe: Recipe = self.platform.recipes[self.kind]
        self.base = base_url_for(self.platform, base_url)
        self.max_posts = int(max_posts) if max_posts not in (None, "", "0", 0) else None
        self.since = _since(since)
        self.details = details
        self.incremental = str(incremental) not in ("0", "false", "no")
        self.db = db
        self.privacy = CrawlPrivacy.for_crawl(self.platform_name, config)
        # What the store and the incremental stop know this target as (pseudonymised when unwatched).
        self.stored_target = self.privacy.target(self.platform_name, self.kind, self.target)
        self.emitted = 0
        self.seen: set[tuple[str, str]] = set()
        self.captures: dict[Any, list[tuple[str, bytes]]] = {}
        self.closing: set[asyncio.Future[Any]] = set()
        self.resumed = False

    # --- set-up -----------------------------------------------------------------------------

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> PlatformSpider:
        """Build the spider, its store recorder and journal; install Chromium only for browser recipes."""
        spider: PlatformSpider = super().from_crawler(crawler, *args, **kwargs)
        refuse_login(crawler.settings, spider.arguments)
        spider.privacy.scrub_logs()
        if spider.uses_browser():
            browser.install(crawler.settings)
            spider.captured_retry = browser.CapturedRetry(crawler.settings)
        spider.impersonating = impersonate.setup(
            crawler.settings, spider.platform_name, browser_path=spider.uses_browser()
        )
        spider.recorder = Recorder(spider.db or crawler.settings.get("REELSCOPE_DATABASE_URL"))
        spider.journal = Journal(crawler.settings.get("JOBDIR"))
        crawler.signals.connect(spider.closed_run, signal=signals.spider_closed)
        return spider

    def uses_browser(self) -> bool:
        """Whether this crawl may need Chromium (a browser recipe, or one whose pages a browser scrolls)."""
        return bool(self.recipe.browser or self.recipe.capture)

    def run_settings(self) -> dict[str, Any]:
        """The crawl's arguments and its audit record (robots.txt, identity, path, privacy), for its run."""
        return {
            "base_url": self.base,
            "max_posts": self.max_posts,
            "since": self.since.isoformat() if self.since else None,
            "details": self.details,
            "incremental": self.incremental,
            "browser": self.recipe.browser,
            **self.privacy.audit(self.settings, path="browser" if self.uses_browser() else "http"),
        }

    # --- requests ---------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Any]:
        """The first request of the target, or the unfinished requests of a killed crawl."""
        if self.journal.finished:
            self.journal.reset()
        if self.journal.resuming:
            assert self.journal.run_id is not None
            self.recorder.resume(self.journal.run_id)
            self.resumed = True
            pending = self.journal.pending()
            logger.info("resuming crawl run %s: %d requests left", self.journal.run_id, len(pending))
            for key, spec in pending:
                yield self.request(spec, key)
            return
        run_id = self.recorder.start(
            platform=self.platform_name,
            target=self.stored_target,
            kind=self.kind,
            settings=self.run_settings(),
        )
        self.journal.start(run_id)
        url = self.recipe.start_url(self.base, self.target)
        yield self.request(self.plan(url, browser=self.recipe.browser, kind=self.kind, rank=0))

    def plan(
        self,
        url: str,
        *,
        browser: bool,
        kind: str,
        rank: int,
        method: str = "GET",
        fallback: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """A request spec (what the journal keeps)."""
        return {
            "url": url,
            "browser": browser,
            "kind": kind,
            "rank": rank,
            "method": method,
            "fallback": fallback or [],
        }

    def request(self, spec: dict[str, Any], key: int | None = None) -> scrapy.Request:
        """The Scrapy request of a spec, journalled first (so a kill after this line loses nothing)."""
        if key is None:
            key = self.journal.add(spec)
        meta: dict[str, Any] = {"spec": spec, "key": key}
        callback = self.parse_page
        if spec["browser"]:
            meta.update(browser.browser_meta(self.platform_name, self.on_response, self.on_page))
            callback = self.parse_browser  # type: ignore[assignment]
        elif self.impersonating:
            meta["impersonate"] = self.impersonating
        return scrapy.Request(
            spec["url"], callback=callback, errback=self.failed, meta=meta, dont_filter=True
        )

    def captured(self, url: str) -> bool:
        """Whether a URL a browser page requests is one of the recipe's captured APIs."""
        return any(part in url for part in self.recipe.capture)

    async def on_page(self, page: Any, request: scrapy.Request) -> None:
        """A new browser page: its captured API requests are retried like plain HTTP ones."""
        await self.captured_retry.install(page, self.captured)

    async def on_response(self, response: Any) -> None:
        """Keep the JSON API responses a browser page receives (URLs matching the recipe's capture)."""
        url = response.url
        if not self.captured(url) or response.status != 200:
            return
        try:
            body = await response.body()
        except Exception as exc:
            logger.debug("capture of %s lost: %s", url, exc)
            return
        self.captures.setdefault(response.frame.page, []).append((url, body))

    # --- parsing ----------------------------------------------------------------------------

    def parse_body(self, url: str, body: bytes, headers: dict[str, str] | None = None) -> ParseResult:
        """Parse one body with this platform's parser (ParseError when it is none of its formats)."""
        page = Page(url=url, body=body, headers=headers or {}, fetched_at=datetime.now(UTC).isoformat())
        return self.platform.parse(page)

    def parse_page(self, response: Response) -> Iterator[Any]:
        """A page fetched over HTTP: its posts, its next page, or details of its posts."""
        spec, key = response.meta["spec"], response.meta["key"]
        if is_login_page(response.url):
            yield RequestDone(key, f"login wall at {response.url}")
            return
        try:
            result = self.parse_body(response.url, response.body, _headers(response))
            if not result.posts and result.warnings:
                # Nothing readable and the parser says why: a damaged body, handled like ParseError.
                raise ParseError("; ".join(result.warnings))
        except ParseError as exc:
            if not response.meta.get("parse_retried"):
                # A damaged body (cut, malformed) is usually transient: read the page once more.
                retry = response.request.replace(dont_filter=True) if response.request else None
                if retry is not None:
                    retry.meta["parse_retried"] = True
                    yield retry
                    return
            logger.warning("%s: %s", response.url, exc)
            yield RequestDone(key, str(exc))
            return
        yield from self.follow(result, spec, path="http")
        yield RequestDone(key)

    async def parse_browser(self, response: Response) -> AsyncIterator[Any]:
        """A page rendered by Chromium: its server-side data, then every captured response while scrolling."""
        spec, key = response.meta["spec"], response.meta["key"]
        page = response.meta["playwright_page"]
        settings = self.settings
        try:
            more = True
            try:
                result = self.parse_body(response.url, response.body)
                for item in self.follow(result, spec, path="browser", paginate=False):
                    yield item
                more = self.keep_going(result)
            except ParseError:
                pass  # an HTML shell: the data comes through the page's own requests
            consumed, idle, scrolls = 0, 0, 0
            if more:  # a busy machine may take a while to render the shell and send its first request
                await self.wait_for_capture(page, 0, settings.getfloat("REELSCOPE_FIRST_CAPTURE_WAIT", 10.0))
            while more and scrolls < settings.getint("REELSCOPE_MAX_SCROLLS", 200):
                captured = self.captures.get(page, [])
                if len(captured) > consumed:
                    idle = 0
                    for url, body in captured[consumed:]:
                        consumed += 1
                        try:
                            result = self.parse_body(url, body)
                        except ParseError as exc:
                            logger.warning("captured %s: %s", url, exc)
                            yield RequestDone(None, str(exc))
                            continue
                        for item in self.follow(result, spec, path="browser", paginate=False):
                            yield item
                        more = more and self.keep_going(result) and result.has_more is not False
                        if not more:
                            break  # pages the scroll already fetched past a stop are not taken
                    if not more:
                        break
                else:
                    idle += 1
                    if idle > settings.getint("REELSCOPE_SCROLL_IDLE", 2):
                        break
                await page.evaluate(browser.SCROLL_SCRIPT)
                scrolls += 1
                await self.wait_for_capture(page, consumed, settings.getfloat("REELSCOPE_SCROLL_WAIT", 1.5))
        finally:
            self.captures.pop(page, None)
            await page.close()
        yield RequestDone(key)

    async def wait_for_capture(self, page: Any, consumed: int, seconds: float) -> None:
        """Wait until the page receives a new captured response, or `seconds` pass."""
        deadline = asyncio.get_running_loop().time() + seconds
        while asyncio.get_running_loop().time() < deadline:
            if len(self.captures.get(page, [])) > consumed:
                await asyncio.sleep(0.05)  # let the response's siblings land too
                return
            await asyncio.sleep(0.05)

    def failed(self, failure: Failure) -> Iterator[Any]:
        """A request given up (after retries, or refused by robots.txt): count it as an error."""
        request = getattr(failure, "request", None)
        meta = request.meta if request is not None else {}
        page = meta.get("playwright_page")
        if page is not None:
            self.captures.pop(page, None)
            # A page given up (e.g. 429s past the retries) is not kept open.
            closing = asyncio.ensure_future(page.close())
            self.closing.add(closing)
            closing.add_done_callback(self.closing.discard)
        logger.warning("giving up %s: %s", getattr(request, "url", "?"), failure.getErrorMessage())
        spec = meta.get("spec") or {}
        # Posts a listing already gave stay stored even when their detail page fails.
        fallback = [Post.from_dict(p, strict=False) for p in spec.get("fallback", [])]
        if fallback:
            yield from self.emit(fallback, spec, path="http", missing={})
        yield RequestDone(meta.get("key"), failure.getErrorMessage())

    # --- what to keep and where to go next --------------------------------------------------

    def keep_going(self, result: ParseResult) -> bool:
        """Whether the listing should continue after this page (limits, --since, incremental stop)."""
        if self.max_posts is not None and self.emitted >= self.max_posts:
            return False
        dated = [(p, d) for p in result.posts if (d := _published(p)) is not None]
        if not dated:
            return True
        oldest, when = min(dated, key=lambda pd: pd[1])
        if self.since is not None and when < self.since:
            return False
        known = self.incremental and self.kind != "post"
        if known and self.recorder.known_before(oldest, self.stored_target):
            logger.info("reached posts stored by an earlier crawl of %s: stopping", self.target)
            return False
        return True

    def follow(
        self, result: ParseResult, spec: dict[str, Any], *, path: str, paginate: bool = True
    ) -> Iterator[Any]:
        """Items of a parsed page, then detail requests and the next page's request."""
        posts, held, at = list(result.posts), [], {}
        detail_recipe = self.platform.recipes.get("post")
        if self.wants_details(spec, detail_recipe):
            held = [p for p in posts if p.published_at is None]
            posts = [p for p in posts if p.published_at is not None]
            at = {id(p): i for i, p in enumerate(result.posts)}  # ranks without a scan per held post
        yield from self.emit(posts, spec, path=path, missing=dict(result.missing), accounts=result.accounts)
        assert detail_recipe is not None or not held
        for post in held:
            if self.full() or (post.platform, post.post_id) in self.seen:
                continue
            url = detail_recipe.start_url(self.base, post.post_id)  # type: ignore[union-attr]
            rank = int(spec.get("rank") or 0) + at[id(post)]
            yield self.request(
                self.plan(url, browser=False, kind="detail", rank=rank, fallback=[post.to_dict()])
            )
        if not paginate or spec.get("kind") in ("post", "detail") or self.recipe.next_url is None:
            return
        if not self.keep_going(result):
            return
        next_url = self.recipe.next_url(self.base, self.target, result)
        if next_url:
            # A next page that is not one of the captured APIs is a page for Chromium to scroll.
            needs_browser = bool(self.recipe.capture) and not any(c in next_url for c in self.recipe.capture)
            yield self.request(
                self.plan(
                    next_url,
                    browser=needs_browser or self.recipe.browser,
                    kind=self.kind,
                    rank=spec.get("rank", 0) + len(result.posts),
                )
            )

    def wants_details(self, spec: dict[str, Any], recipe: Recipe | None) -> bool:
        """Whether listing posts without a date are read again from their own pages (plain HTTP only)."""
        if self.details in ("0", "no", "false") or spec.get("kind") in ("post", "detail") or recipe is None:
            return False
        return not recipe.browser

    def full(self) -> bool:
        """Whether --max-posts is reached."""
        return self.max_posts is not None and self.emitted >= self.max_posts

    def emit(
        self,
        posts: list[Post],
        spec: dict[str, Any],
        *,
        path: str,
        missing: dict[str, int],
        accounts: Any = (),
    ) -> Iterator[PostPage]:
        """One PostPage of the posts not yet kept by this crawl (--since, --max-posts, resume applied)."""
        keep: list[Post] = []
        ranks: list[int | None] = []
        base_rank = int(spec.get("rank") or 0)
        for n, post in enumerate(posts):
            key = (post.platform, post.post_id)
            if key in self.seen or self.full():
                continue
            when = _published(post)
            if self.since is not None and when is not None and when < self.since:
                continue
            self.seen.add(key)
            if self.resumed and self.recorder.seen_in_run(post):
                continue
            keep.append(post)
            ranks.append(base_rank + n if spec.get("kind") != "post" else None)
            self.emitted += 1
        yield PostPage(
            url=spec["url"],
            posts=keep,
            ranks=ranks,
            path=path,
            accounts=list(accounts),
            missing=_counter(missing) if keep else _counter({}),
        )

    # --- end ----------------------------------------------------------------------------------

    def closed_run(self, spider: scrapy.Spider, reason: str) -> None:
        """Close the crawl run: ok when it finished (errors counted), killed when stopped early."""
        tally = self.recorder.tally
        if reason == "finished":
            status = "failed" if tally.pages == 0 and tally.errors > 0 else "ok"
            self.recorder.finish(status)
            self.journal.end()
        else:
            # Stopped (Ctrl-C, shutdown): the journal stays open so the same JOBDIR resumes the run.
            self.recorder.finish("killed" if self.journal.path is None else "running")
        logger.info(
            "crawl run %s %s: %d pages, %d posts, %d errors",
            self.recorder.run_id,
            reason,
            tally.pages,
            tally.posts,
            tally.errors,
        )


def _headers(response: Response) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v[0].decode("latin-1") for k, v in response.headers.items() if v}


def _counter(values: dict[str, int]) -> Any:
    from collections import Counter

    return Counter(values)
