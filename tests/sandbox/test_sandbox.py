"""The sandbox serves what the real platforms serve, in their formats, and tells the truth about it."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from plugins.host import PluginHost
from plugins.platform import Page, ParseError
from sandbox import Sandbox, build_world
from sandbox.faults import FaultPlan, parse_faults
from sandbox.shell import NEXT_HEADER

FIELDS = (
    "url",
    "author",
    "published_at",
    "text",
    "hashtags",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "sponsored",
    "disclosed",
)


@pytest.fixture(scope="module")
def box() -> Iterator[Sandbox]:
    with Sandbox(seed=7) as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def host() -> PluginHost:
    return PluginHost.load()


def get(url: str, data: bytes | None = None) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(
        url, data=data, headers={"content-type": "application/json"} if data else {}
    )
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), dict(exc.headers)


def parsed(host: PluginHost, platform: str, url: str, body: bytes) -> Any:
    post_list = host.parse(Page(url=url, body=body), platform)[1]
    for post in post_list.posts:
        host.detect(post)
    return post_list


def check(
    result: Any, truth: dict[tuple[str, str], dict[str, Any]], platform: str, fields: tuple[str, ...]
) -> None:
    assert result.posts
    for post in result.posts:
        fact = truth[(platform, post.post_id)]
        assert {f: getattr(post, f) for f in fields} == {f: fact[f] for f in fields}


def test_every_post_page_parses_to_its_ground_truth(box: Sandbox, host: PluginHost) -> None:
    truth = {(t["platform"], t["post_id"]): t for t in box.truth()}
    paths = {
        "tiktok": "/@{author}/video/{post_id}",
        "youtube": "/watch?v={post_id}",
        "instagram": "/p/{post_id}/",
    }
    for (platform, _), fact in truth.items():
        if platform in paths:
            url = box.base_url(platform) + paths[platform].format(**fact)
            check(parsed(host, platform, url, get(url)[1]), truth, platform, FIELDS)


@pytest.mark.parametrize("platform", ["tiktok", "instagram", "x", "youtube"])
def test_listing_apis_paginate_to_every_post_of_an_account(
    box: Sandbox, host: PluginHost, platform: str
) -> None:
    truth = {(t["platform"], t["post_id"]): t for t in box.truth()}
    account = box.world.accounts[platform][0]
    shell_url = box.base_url(platform) + (
        "/@{}/videos" if platform == "youtube" else "/@{}" if platform == "tiktok" else "/{}"
    ).format(account.handle)
    status, page, _ = get(shell_url)
    assert status == 200
    seen: list[str] = []
    if platform == "youtube":
        first = parsed(host, platform, shell_url, page)
        seen += [p.post_id for p in first.posts]
        token = first.next_cursor
        while token:
            _, body, headers = get(
                box.base_url(platform) + "/youtubei/v1/browse", orjson.dumps({"continuation": token})
            )
            result = parsed(host, platform, shell_url, body)
            check(result, truth, platform, ("views",))
            seen += [p.post_id for p in result.posts]
            assert headers.get(NEXT_HEADER) == result.next_cursor
            token = result.next_cursor
    else:
        assert shell_posts(host, platform, shell_url, page) == []  # the data is not server-side
        url: str | None = page.split(b'var next = "', 1)[1].split(b'"', 1)[0].decode()
        while url:
            _, body, headers = get(box.url + url)
            result = parsed(host, platform, box.url + url, body)
            check(
                result,
                truth,
                platform,
                ("author", "published_at", "likes", "comments", "sponsored", "disclosed"),
            )
            seen += [p.post_id for p in result.posts]
            assert (result.has_more is True) == (NEXT_HEADER in headers)
            url = headers.get(NEXT_HEADER)
    assert seen == [t["post_id"] for t in box.truth(platform, account.handle)]


def shell_posts(host: PluginHost, platform: str, url: str, body: bytes) -> list[Any]:
    """Posts a listing's HTML shell carries by itself (none, or not a page the parser knows)."""
    try:
        return list(parsed(host, platform, url, body).posts)
    except ParseError:
        return []


def test_robots_txt_disallows_the_hidden_accounts(box: Sandbox) -> None:
    status, body, _ = get(box.url + "/robots.txt")
    hidden = [a.handle for name in box.world.accounts for a in box.world.accounts[name] if a.disallowed]
    assert status == 200 and len(hidden) == 4
    assert all(f"/{h}".encode() in body or f"/@{h}".encode() in body for h in hidden)
    assert b"Disallow: /tiktok/@" in body


def test_truth_endpoint_equals_the_python_api(box: Sandbox) -> None:
    document = orjson.loads(get(box.url + "/_truth.json")[1])
    assert document["posts"] == box.truth()
    assert {a["platform"] for a in document["accounts"]} == {"tiktok", "youtube", "instagram", "x"}


def test_world_is_seeded_multilingual_and_partly_sponsored() -> None:
    a, b, c = build_world(7), build_world(7), build_world(8)
    assert a.truth() == b.truth() != c.truth()
    truth = a.truth()
    assert {t["language"] for t in truth} == {"en", "fr", "de", "es"}
    sponsored = [t for t in truth if t["sponsored"]]
    assert 0.2 < len(sponsored) / len(truth) < 0.45
    assert {t["disclosure"] for t in sponsored} == {"label", "marker", None}
    markers = " ".join(t["text"] for t in sponsored)
    assert all(m in markers for m in ("#ad", "Werbung", "#publi", "Publicité"))


def test_faults_hit_first_attempts_only() -> None:
    plan = FaultPlan(rates=parse_faults("429:0.5,500:0.5"), seed=1)
    first = [plan.choose(f"GET /p/{i}") for i in range(50)]
    assert set(first) == {"429", "500"}
    assert all(plan.choose(f"GET /p/{i}") is None for i in range(50))
    assert plan.choose("GET /forced", forced="truncate") == "truncate"
    with pytest.raises(ValueError):
        parse_faults("teapot:0.1")


def test_forced_faults_and_drift(box: Sandbox) -> None:
    fact = box.truth("tiktok")[0]
    url = box.base_url("tiktok") + f"/@{fact['author']}/video/{fact['post_id']}"
    status, _, headers = get(url + "?_fault=429&n=1")
    assert (status, headers.get("Retry-After")) == (429, "1")
    assert get(url + "?_fault=429&n=1")[0] == 200
    assert b'"playCnt"' in get(url + "?_fault=drift")[1]


def test_login_pages_exist_to_be_refused(box: Sandbox) -> None:
    assert b"Log in" in get(box.base_url("instagram") + "/accounts/login/")[1]


def test_a_burst_of_connections_is_queued_not_dropped() -> None:
    # Nobody accepts yet: the kernel completes each handshake only while the listen backlog has room.
    # With the default backlog of 5 the rest lost their SYN and a crawler waited a second per retry.
    box = Sandbox(seed=7)
    conns = []
    try:
        for _ in range(48):
            conns.append(socket.create_connection(("127.0.0.1", box.port), timeout=0.5))
    finally:
        for conn in conns:
            conn.close()
        box._server.server_close()
    assert len(conns) == 48
