"""Damaged real pages: truncated, re-encoded, keys deleted, types swapped. Parsers raise nothing but
ParseError, and never produce an exact counter that is not written in the input."""

from __future__ import annotations

import re
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plugins.host import PluginHost
from plugins.platform import Page, ParseError
from plugins.testing import RealPage, real_pages

PAGES = real_pages()
_KEY = re.compile(rb'"([A-Za-z_][A-Za-z0-9_]{1,40})"\s*:')
_NUMBER_VALUE = re.compile(rb'(":\s*)(-?\d+|"\d+")')
_SEPARATORS = re.compile(r"[.,\s\u00a0\u202f'’]")


@cache
def _body(page: RealPage) -> bytes:
    return page.path.read_bytes()


@cache
def _digits(body: bytes) -> str:
    """The input with thousands separators removed, so "6.870.691" reads 6870691."""
    return _SEPARATORS.sub("", body.decode("utf-8", errors="replace"))


def _mutate(body: bytes, data: st.DataObject) -> bytes:
    how = data.draw(st.sampled_from(["truncate", "reencode", "delete_key", "swap_type", "flip"]))
    if how == "truncate":
        return body[: data.draw(st.integers(0, len(body)))]
    if how == "reencode":
        codec = data.draw(st.sampled_from(["latin-1", "utf-16", "cp1252"]))
        return body.decode("utf-8", errors="replace").encode(codec, errors="replace")
    if how == "flip":
        at = data.draw(st.integers(0, max(len(body) - 1, 0)))
        return body[:at] + bytes([body[at] ^ 0xFF]) + body[at + 1 :] if body else body
    keys = _KEY.findall(body[:400_000])
    if how == "delete_key" and keys:
        key = data.draw(st.sampled_from(sorted(set(keys))))
        return body.replace(b'"' + key + b'"', b'"zz' + key + b'"')
    values = list(_NUMBER_VALUE.finditer(body[:400_000]))
    if values:
        match = data.draw(st.sampled_from(values))
        swapped = data.draw(st.sampled_from([b'"abc"', b"null", b"[]", b"{}", b"true", b"-5", b"1e400"]))
        start, end = match.span(2)
        return body[:start] + swapped + body[end:]
    return body


def _check(host: PluginHost, page: RealPage, body: bytes) -> None:
    try:
        parsed = host.parse_all(Page(url=page.path.as_uri(), body=body), page.platform)
    except ParseError:
        return
    for _, inner, result in parsed:
        digits = _digits(inner.body)  # inside a container, the response body itself
        for post in result.posts:
            for counter in ("views", "likes", "comments", "shares", "saves"):
                value = getattr(post, counter)
                if value is None:
                    continue
                assert isinstance(value, int) and value >= 0, (counter, value)
                if counter not in post.approximate:
                    assert str(value) in digits, f"{page.id}: {counter}={value} is not in the input"


@pytest.mark.parametrize("page", PAGES or [None], ids=lambda p: p.id if p else "absent")
def test_damaged_page_raises_only_parse_error(host: PluginHost, page: RealPage | None) -> None:
    if page is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")

    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        _check(host, page, _mutate(_body(page), data))

    run()


@pytest.mark.parametrize("page", PAGES or [None], ids=lambda p: p.id if p else "absent")
def test_intact_page_counters_are_in_the_input(host: PluginHost, page: RealPage | None) -> None:
    if page is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    _check(host, page, _body(page))
