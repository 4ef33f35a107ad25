"""Which body each sandbox URL gets: per-platform routes over the world model (no sockets here)."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote

import orjson

from sandbox import instagram, shell, tiktok, x, youtube
from sandbox.model import PAGE_SIZE, Post, World


@dataclass(slots=True)
class Reply:
    """A response to send: status, body, content type and extra headers."""

    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _json(body: bytes, next_url: str | None = None) -> Reply:
    headers = {shell.NEXT_HEADER: next_url} if next_url else {}
    return Reply(200, body, "application/json; charset=utf-8", headers)


def not_found(what: str = "not found") -> Reply:
    """A 404 page."""
    return Reply(404, f"<html><body><h1>404</h1><p>{what}</p></body></html>".encode())


def _page(posts: list[Post], offset: int, size: int) -> tuple[list[Post], int | None]:
    """A slice of a listing and the offset of the next page (None at the end)."""
    chunk = posts[offset : offset + size]
    following = offset + size
    return chunk, (following if following < len(posts) else None)


def _int(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def _token(kind: str, key: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"{kind}|{key}|{offset}".encode()).decode().rstrip("=")


def _untoken(token: str) -> tuple[str, str, int] | None:
    try:
        kind, key, offset = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode().split("|")
        return kind, key, int(offset)
    except (ValueError, UnicodeDecodeError):
        return None


class Router:
    """Routes of the four platforms; `prefix` maps a platform to the path its base URL adds."""

    def __init__(self, world: World, prefix: dict[str, str]) -> None:
        self.world = world
        self.prefix = prefix

    def route(self, platform: str, method: str, path: str, query: str, body: bytes) -> Reply:
        """The reply of one request under a platform's prefix (path without the prefix)."""
        q = {k: v[-1] for k, v in parse_qs(query).items()}
        handler = getattr(self, f"_{platform}")
        return handler(method, path, q, body)

    # --- TikTok -----------------------------------------------------------------------------

    def _tiktok(self, method: str, path: str, q: dict[str, str], body: bytes) -> Reply:
        p, w, size = self.prefix["tiktok"], self.world, PAGE_SIZE["tiktok"]
        if m := re.fullmatch(r"/@[\w.-]*/(?:video|photo)/(\d+)/?", path):
            post = w.post("tiktok", m.group(1))
            return Reply(200, tiktok.video_page(post)) if post else not_found("video")
        if m := re.fullmatch(r"/@([\w.-]+)/?", path):
            account = w.account("tiktok", m.group(1))
            if account is None:
                return not_found("account")
            first = f"{p}/api/post/item_list/?secUid=MS4wLjABAAAA{account.account_id}&count={size}&cursor=0"
            scope = tiktok.profile_scope(account, len(w.posts_of(account)))
            return Reply(
                200,
                shell.shell(
                    f"{account.name} (@{account.handle}) | TikTok", first, server_side=tiktok.embedded(scope)
                ),
            )
        if path.rstrip("/") == "/api/post/item_list":
            sec = q.get("secUid", "").removeprefix("MS4wLjABAAAA")
            owner = next((a for a in w.accounts["tiktok"] if a.account_id == sec), None)
            if owner is None:
                return _json(tiktok.item_list([], 0, False))
            chunk, following = _page(w.posts_of(owner), _int(q.get("cursor")), size)
            nxt = (
                f"{p}/api/post/item_list/?secUid={q['secUid']}&count={size}&cursor={following}"
                if following
                else None
            )
            return _json(tiktok.item_list(chunk, following or 0, following is not None), nxt)
        if m := re.fullmatch(r"/tag/([^/]+)/?", path):
            tag = m.group(1)
            first = f"{p}/api/challenge/item_list/?challengeName={quote(tag)}&count={size}&cursor=0"
            return Reply(200, shell.shell(f"#{tag} | TikTok", first))
        if path.rstrip("/") == "/api/challenge/item_list":
            tag = q.get("challengeName", "")
            chunk, following = _page(w.tagged("tiktok", tag), _int(q.get("cursor")), size)
            nxt = (
                f"{p}/api/challenge/item_list/?challengeName={quote(tag)}&count={size}&cursor={following}"
                if following
                else None
            )
            return _json(tiktok.item_list(chunk, following or 0, following is not None), nxt)
        if path.rstrip("/") in ("/search", "/search/video"):
            query = q.get("q", "")
            first = f"{p}/api/search/item/full/?keyword={quote(query)}&offset=0&cursor=0"
            return Reply(200, shell.shell(f"{query} | TikTok search", first))
        if path.rstrip("/") == "/api/search/item/full":
            query = q.get("keyword", "")
            chunk, following = _page(w.search("tiktok", query), _int(q.get("cursor")), size)
            nxt = (
                f"{p}/api/search/item/full/?keyword={quote(query)}&offset={following}&cursor={following}"
                if following
                else None
            )
            return _json(tiktok.search_full(chunk, following or 0, following is not None), nxt)
        return not_found()

    # --- YouTube ----------------------------------------------------------------------------

    def _youtube(self, method: str, path: str, q: dict[str, str], body: bytes) -> Reply:
        p, w, size = self.prefix["youtube"], self.world, PAGE_SIZE["youtube"]
        if path.rstrip("/") == "/watch":
            post = w.post("youtube", q.get("v", ""))
            return Reply(200, youtube.watch_page(post)) if post else not_found("video")
        if m := re.fullmatch(r"/@([^/]+)(?:/videos)?/?", path):
            account = w.account("youtube", m.group(1))
            if account is None:
                return not_found("channel")
            chunk, following = _page(w.posts_of(account), 0, size)
            token = _token("channel", account.handle, following) if following else None
            script = youtube.channel_videos(account, chunk, token)
            return Reply(
                200,
                shell.shell(
                    f"{account.name} - YouTube",
                    token,
                    server_side=script,
                    post_endpoint=f"{p}/youtubei/v1/browse",
                ),
            )
        if path.rstrip("/") == "/youtubei/v1/browse" and method == "POST":
            try:
                token = orjson.loads(body).get("continuation") or ""
            except (orjson.JSONDecodeError, AttributeError):
                return Reply(400, b'{"error":{"code":400}}', "application/json")
            decoded = _untoken(str(token))
            account = w.account("youtube", decoded[1]) if decoded else None
            if decoded is None or account is None:
                return Reply(400, b'{"error":{"code":400}}', "application/json")
            chunk, following = _page(w.posts_of(account), decoded[2], size)
            token = _token("channel", account.handle, following) if following else None
            return _json(youtube.browse_continuation(chunk, token), token)
        if m := re.fullmatch(r"/hashtag/([^/]+)/?", path):
            return Reply(200, youtube.results_page(w.tagged("youtube", m.group(1)), "#" + m.group(1)))
        if path.rstrip("/") == "/results":
            query = q.get("search_query", "")
            return Reply(200, youtube.results_page(w.search("youtube", query), query))
        return not_found()

    # --- Instagram --------------------------------------------------------------------------

    def _instagram(self, method: str, path: str, q: dict[str, str], body: bytes) -> Reply:
        p, w, size = self.prefix["instagram"], self.world, PAGE_SIZE["instagram"]
        if path.rstrip("/") == "/api/v1/users/web_profile_info":
            account = w.account("instagram", q.get("username", ""))
            if account is None:
                return Reply(404, b'{"message":"User not found","status":"fail"}', "application/json")
            posts = w.posts_of(account)
            chunk, following = _page(posts, 0, size)
            return _json(
                instagram.web_profile_info(account, chunk, len(posts), str(following) if following else None)
            )
        if path.rstrip("/") == "/graphql/query":
            try:
                variables = orjson.loads(q.get("variables", "{}"))
            except orjson.JSONDecodeError:
                variables = {}
            account = w.account("instagram", str(variables.get("username", "")))
            if account is None:
                return _json(instagram.timeline_query([], None))
            offset = _int(str(variables.get("after") or 0))
            chunk, following = _page(w.posts_of(account), offset, size)
            cursor = str(following) if following else None
            nxt = None
            if cursor:
                nxt = f"{p}/graphql/query/?doc_id=7950326061742207&variables=" + quote(
                    orjson.dumps({"username": account.handle, "after": cursor, "first": size}).decode()
                )
            return _json(instagram.timeline_query(chunk, cursor), nxt)
        if m := re.fullmatch(r"/(?:p|reels?)/([\w-]+)/?", path):
            post = w.post("instagram", m.group(1))
            return Reply(200, instagram.post_page(post)) if post else not_found("post")
        if m := re.fullmatch(r"/([\w.]+)/?", path):
            account = w.account("instagram", m.group(1))
            if account is None:
                return not_found("account")
            first = f"{p}/graphql/query/?doc_id=7950326061742207&variables=" + quote(
                orjson.dumps({"username": account.handle, "after": None, "first": size}).decode()
            )
            return Reply(200, shell.shell(f"{account.name} (@{account.handle}) • Instagram", first))
        return not_found()

    # --- X ----------------------------------------------------------------------------------

    def _x_api(self, operation: str, variables: dict[str, object]) -> str:
        return f"{self.prefix['x']}/i/api/graphql/SbxQ1d/{operation}?variables=" + quote(
            orjson.dumps(variables).decode()
        )

    def _x(self, method: str, path: str, q: dict[str, str], body: bytes) -> Reply:
        w, size = self.world, PAGE_SIZE["x"]
        if m := re.fullmatch(r"/i/api/graphql/\w+/(UserTweets|SearchTimeline|TweetDetail)/?", path):
            return self._x_graphql(m.group(1), q)
        if m := re.fullmatch(r"/(?:\w{1,15}|i)/status/(\d+)/?", path):
            post = w.post("x", m.group(1))
            if post is None:
                return not_found("post")
            return Reply(200, shell.shell("X", self._x_api("TweetDetail", {"focalTweetId": post.post_id})))
        if m := re.fullmatch(r"/hashtag/([^/]+)/?", path):
            first = self._x_api(
                "SearchTimeline", {"rawQuery": "#" + m.group(1), "count": size, "product": "Latest"}
            )
            return Reply(200, shell.shell(f"#{m.group(1)} / X", first))
        if path.rstrip("/") == "/search":
            first = self._x_api(
                "SearchTimeline", {"rawQuery": q.get("q", ""), "count": size, "product": "Latest"}
            )
            return Reply(200, shell.shell(f"{q.get('q', '')} / X", first))
        if m := re.fullmatch(r"/(\w{1,15})/?", path):
            account = w.account("x", m.group(1))
            if account is None:
                return not_found("account")
            first = self._x_api("UserTweets", {"userId": account.account_id, "count": size})
            return Reply(200, shell.shell(f"{account.name} (@{account.handle}) / X", first))
        return not_found()

    def _x_graphql(self, operation: str, q: dict[str, str]) -> Reply:
        w, size = self.world, PAGE_SIZE["x"]
        try:
            variables = orjson.loads(q.get("variables", "{}"))
        except orjson.JSONDecodeError:
            variables = {}
        if not isinstance(variables, dict):
            variables = {}
        if operation == "TweetDetail":
            post = w.post("x", str(variables.get("focalTweetId", "")))
            return _json(x.tweet_detail(post)) if post else Reply(404, b'{"errors":[]}', "application/json")
        offset = _int(str(variables.get("cursor") or "0").removeprefix("sbx-"))
        if operation == "UserTweets":
            owner = next((a for a in w.accounts["x"] if a.account_id == variables.get("userId")), None)
            posts = w.posts_of(owner) if owner else []
        else:
            raw = str(variables.get("rawQuery", ""))
            posts = w.tagged("x", raw[1:]) if raw.startswith("#") else w.search("x", raw)
        chunk, following = _page(posts, offset, size)
        cursor = f"sbx-{following}" if following else None
        nxt = self._x_api(operation, {**variables, "cursor": cursor}) if cursor else None
        render = x.user_tweets if operation == "UserTweets" else x.search_timeline
        return _json(render(chunk, cursor), nxt)
