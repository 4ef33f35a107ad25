"""The sandbox HTTP server: platform-shaped pages on 127.0.0.1, in a thread, with faults on demand,
a robots.txt, and its ground truth at `/_truth.json`."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

import orjson

from sandbox.faults import FaultPlan, parse_faults
from sandbox.model import PLATFORMS, Post, World, build_world
from sandbox.routes import Reply, Router, not_found

LOGIN_PATHS: tuple[str, ...] = ("/accounts/login", "/login", "/i/flow/login")


@dataclass(slots=True)
class Hit:
    """One request the sandbox answered."""

    method: str
    path: str
    status: int
    fault: str | None
    at: float = field(default_factory=time.perf_counter)
    headers: dict[str, str] = field(default_factory=dict)  # the request's, names in lower case


class Sandbox:
    """A running sandbox: `with Sandbox(seed=7) as box: box.base_url("tiktok")`."""

    def __init__(
        self,
        seed: int = 7,
        faults: str | dict[str, float] | None = None,
        port: int = 0,
        host: str = "127.0.0.1",
        slow_seconds: float = 3.0,
    ) -> None:
        self.world: World = build_world(seed)
        rates = parse_faults(faults) if isinstance(faults, str) or faults is None else dict(faults)
        self.faults = FaultPlan(rates=rates, seed=seed, slow_seconds=slow_seconds)
        self.prefix = {name: f"/{name}" for name in PLATFORMS}
        self.router = Router(self.world, self.prefix)
        self.hits: list[Hit] = []
        self._lock = threading.Lock()
        self._server = _Server((host, port), _handler(self))
        self._thread: threading.Thread | None = None

    # --- lifecycle ---------------------------------------------------------------------------

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        """The server's root URL."""
        return f"http://127.0.0.1:{self.port}"

    def base_url(self, platform: str) -> str:
        """The base URL a spider uses for a platform (REELSCOPE_BASE_URL_<PLATFORM>)."""
        return self.url + self.prefix[platform]

    def env(self) -> dict[str, str]:
        """Environment variables pointing every platform's base URL at this sandbox."""
        return {f"REELSCOPE_BASE_URL_{name.upper()}": self.base_url(name) for name in PLATFORMS}

    def start(self) -> Sandbox:
        """Serve in a daemon thread; return self."""
        self._thread = threading.Thread(target=self._server.serve_forever, name="sandbox", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- ground truth and world changes -----------------------------------------------------

    def truth(self, platform: str | None = None, handle: str | None = None) -> list[dict[str, Any]]:
        """Ground truth of the posts served (all, a platform's, or one account's)."""
        if handle is None:
            return self.world.truth(platform)
        assert platform is not None
        account = self.world.account(platform, handle)
        return [p.truth() for p in self.world.posts_of(account)] if account else []

    def truth_document(self) -> dict[str, Any]:
        """Everything `/_truth.json` serves: posts, accounts, robots rules and counters served."""
        return {
            "seed": self.world.seed,
            "posts": self.world.truth(),
            "accounts": [
                {
                    "platform": a.platform,
                    "handle": a.handle,
                    "account_id": a.account_id,
                    "followers": a.followers,
                    "language": a.language,
                    "disallowed": a.disallowed,
                    "posts": len(self.world.posts_of(a)),
                }
                for name in PLATFORMS
                for a in self.world.accounts[name]
            ],
            "robots_disallow": self.disallowed_paths(),
        }

    def publish(self, platform: str, handle: str, text: str = "Fresh post #new", hours: float = 1.0) -> Post:
        """Publish a new post on an account (newer than every other), as a re-crawl must find it."""
        account = self.world.account(platform, handle)
        if account is None:
            raise KeyError(f"no {platform} account {handle!r}")
        newest = self.world.posts_of(account)[0]
        template = newest
        post = Post(
            platform=platform,
            post_id=_fresh_id(platform, template.post_id, len(self.world.posts[platform])),
            account=account,
            published=newest.published + timedelta(hours=hours),
            text=text,
            language=account.language,
            hashtags=[t.lstrip("#").lower() for t in text.split() if t.startswith("#")],
            mentions=[],
            media_type=template.media_type,
            counters={k: v + 1 for k, v in template.counters.items()},
            sponsored=False,
            disclosure=None,
        )
        with self._lock:
            self.world.add_post(post)
        return post

    def bump(self, platform: str, factor: float = 1.5) -> None:
        """Grow every counter of a platform's posts (engagement moves between two crawls)."""
        with self._lock:
            for post in self.world.posts[platform]:
                post.counters = {k: int(v * factor) + 1 for k, v in post.counters.items()}

    def disallowed_paths(self) -> list[str]:
        """The robots.txt Disallow paths (one per platform: its last account's pages)."""
        paths = []
        for name in PLATFORMS:
            for account in self.world.accounts[name]:
                if account.disallowed:
                    handle = account.handle
                    paths.append(
                        f"{self.prefix[name]}/@{handle}"
                        if name in ("tiktok", "youtube")
                        else f"{self.prefix[name]}/{handle}"
                    )
                    if name == "instagram":
                        paths.append(f"{self.prefix[name]}/api/v1/users/web_profile_info/?username={handle}")
        return paths

    def robots(self) -> bytes:
        """The robots.txt body."""
        lines = ["User-agent: *", *(f"Disallow: {p}" for p in self.disallowed_paths()), "Crawl-delay: 0", ""]
        return "\n".join(lines).encode()

    # --- serving ------------------------------------------------------------------------------

    def record(self, hit: Hit) -> None:
        """Remember one answered request."""
        with self._lock:
            self.hits.append(hit)

    def requests_to(self, fragment: str) -> list[Hit]:
        """The answered requests whose path contains `fragment`."""
        with self._lock:
            return [h for h in self.hits if fragment in h.path]

    def answer(self, method: str, target: str, body: bytes) -> tuple[Reply, str | None]:
        """The reply to a request (path with query) and the fault injected, if any."""
        parts = urlsplit(target)
        path, query = parts.path, parts.query
        if path == "/robots.txt":
            return Reply(200, self.robots(), "text/plain; charset=utf-8"), None
        if path == "/_truth.json":
            return Reply(200, orjson.dumps(self.truth_document()), "application/json"), None
        if path == "/_requests.json":
            with self._lock:
                hits = [
                    {"method": h.method, "path": h.path, "status": h.status, "fault": h.fault}
                    for h in self.hits
                ]
            return Reply(200, orjson.dumps(hits), "application/json"), None
        platform = path.split("/", 2)[1] if path.count("/") >= 1 else ""
        if platform not in self.prefix:
            return not_found("unknown platform"), None
        rest = path[len(self.prefix[platform]) :] or "/"
        if any(rest.startswith(p) for p in LOGIN_PATHS):
            return Reply(
                200, b"<html><body><form action='/login' method='post'>Log in</form></body></html>"
            ), None
        forced = dict(pair.split("=", 1) for pair in query.split("&") if pair.startswith("_fault=")).get(
            "_fault"
        )
        key = f"{method} {target}"
        if method == "POST":
            key += " " + body.decode("utf-8", "replace")
        fault = self.faults.choose(key, forced)
        with self._lock:
            reply = self.router.route(platform, method, rest, query, body)
        if reply.status == 200:
            reply.body = self.faults.drift(platform, reply.body, forced == "drift")
        return reply, fault


class _Server(ThreadingHTTPServer):
    """A thread per connection, and a listen backlog for a crawler's burst of connections: with the
    default 5, connections past it lost their SYN and came a retransmission (a second) later."""

    daemon_threads = True
    request_queue_size = 128


def _fresh_id(platform: str, template: str, n: int) -> str:
    if template.isdigit():
        return str(int(template) + 1000 + n)
    return (template[:6] + f"N{n:04d}")[:11]


def _handler(box: Sandbox) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "sandbox/1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            self._serve(b"")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length) if length else b"")

        def _serve(self, body: bytes) -> None:
            reply, fault = box.answer(self.command, self.path, body)
            status, payload, headers = reply.status, reply.body, dict(reply.headers)
            cut = False
            box.record(
                Hit(
                    self.command,
                    self.path,
                    429 if fault == "429" else 500 if fault == "500" else status,
                    fault,
                    headers={k.lower(): v for k, v in self.headers.items()},
                )
            )
            if fault == "429":
                status, payload, headers = (
                    429,
                    b"Too Many Requests",
                    {"Retry-After": str(box.faults.retry_after)},
                )
            elif fault == "500":
                status, payload, headers = 500, b"Internal Server Error", {}
            elif fault == "slow":
                time.sleep(box.faults.slow_seconds)
            elif fault == "malformed":
                payload = payload[: len(payload) // 3]
            elif fault == "truncate":
                cut = True
            try:
                self._send(
                    status,
                    reply.content_type if status == reply.status else "text/plain",
                    headers,
                    payload[: len(payload) // 2] if cut else payload,
                    len(payload),
                    cut,
                )
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up (a timeout on a slow reply)

        def _send(
            self,
            status: int,
            content_type: str,
            headers: dict[str, str],
            payload: bytes,
            length: int,
            cut: bool,
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(length))
            for name, value in headers.items():
                self.send_header(name, value)
            if cut:
                self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(payload)
            self.wfile.flush()
            if cut:
                self.close_connection = True

    return Handler
