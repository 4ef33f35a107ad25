"""Capture containers (HAR files, VCR cassettes): unpack the responses they hold into Pages. Pure."""

from __future__ import annotations

import base64
import zlib
from typing import Any

import orjson
import yaml

from plugins.platform import Page, ParseError

try:  # the C loader is many times faster on large cassettes
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


def is_container(page: Page) -> bool:
    """Whether the body looks like a HAR file or a VCR cassette."""
    head = page.body[:2048].lstrip()
    return head.startswith(b"interactions:") or (
        head.startswith(b"{") and b'"log"' in head and b'"entries"' in page.body[:65536]
    )


def _har_pages(data: Any) -> list[Page]:
    entries = data.get("log", {}).get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ParseError("a HAR file without log.entries")
    pages = []
    for entry in entries:
        request = entry.get("request") if isinstance(entry, dict) else None
        response = entry.get("response") if isinstance(entry, dict) else None
        if not isinstance(request, dict) or not isinstance(response, dict):
            continue
        content = response.get("content")
        if not isinstance(content, dict):
            continue
        text = content.get("text")
        if not isinstance(text, str) or not text:
            continue
        body = (
            base64.b64decode(text, validate=False) if content.get("encoding") == "base64" else text.encode()
        )
        headers = {
            str(h.get("name", "")).lower(): str(h.get("value", ""))
            for h in response.get("headers") or []
            if isinstance(h, dict)
        }
        pages.append(
            Page(
                url=str(request.get("url", "")),
                body=body,
                headers=headers,
                fetched_at=entry.get("startedDateTime"),
            )
        )
    return pages


def _vcr_pages(data: Any) -> list[Page]:
    interactions = data.get("interactions") if isinstance(data, dict) else None
    if not isinstance(interactions, list):
        raise ParseError("a VCR cassette without interactions")
    pages = []
    for item in interactions:
        if not isinstance(item, dict):
            continue
        request, response = item.get("request") or {}, item.get("response") or {}
        body = (response.get("body") or {}).get("string") if isinstance(response, dict) else None
        if isinstance(body, str):
            body = body.encode()
        if not isinstance(body, bytes) or not body or not isinstance(request, dict):
            continue
        headers = {
            str(k).lower(): str(v[0] if isinstance(v, list) and v else v)
            for k, v in (response.get("headers") or {}).items()
        }
        pages.append(Page(url=str(request.get("uri", "")), body=_decoded(body, headers), headers=headers))
    return pages


def _decoded(body: bytes, headers: dict[str, str]) -> bytes:
    """The body as the server meant it: recorders keep gzip and deflate bodies compressed.

    A truncated stream gives what it holds up to the cut, as a browser would show it.
    """
    encoding = headers.get("content-encoding", "").lower()
    if body[:2] == b"\x1f\x8b" or "gzip" in encoding:
        wbits = 16 + zlib.MAX_WBITS
    elif "deflate" in encoding:
        wbits = zlib.MAX_WBITS
    else:
        return body
    try:
        return zlib.decompressobj(wbits).decompress(body)
    except zlib.error:
        return body


def unpack(page: Page) -> list[Page]:
    """The non-empty responses inside a container, in order; ParseError when it cannot be read."""
    head = page.body[:2048].lstrip()
    try:
        if head.startswith(b"interactions:"):
            return _vcr_pages(yaml.load(page.body, Loader=_Loader))
        return _har_pages(orjson.loads(page.body))
    except (
        yaml.YAMLError,
        orjson.JSONDecodeError,
        UnicodeDecodeError,
        ValueError,
        TypeError,
        AttributeError,
    ) as exc:
        raise ParseError(f"damaged capture container: {type(exc).__name__}") from None
