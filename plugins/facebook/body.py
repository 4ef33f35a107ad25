"""Facebook response bodies as text: saved responses may still carry their gzip content encoding."""

from __future__ import annotations

import zlib

_GZIP = b"\x1f\x8b"
_BOM = b"\xef\xbb\xbf"
# A page is a few MB at most; never inflate more than this from a (possibly hostile) body.
_MAX_INFLATED = 32 * 1024 * 1024


def inflate(body: bytes) -> bytes:
    """The body with a gzip encoding removed (as much as a truncated stream holds), else unchanged."""
    if not body.startswith(_GZIP):
        return body
    try:
        return zlib.decompressobj(wbits=31).decompress(body, _MAX_INFLATED)
    except zlib.error:
        return b""


def page_text(body: bytes) -> str:
    """The decoded HTML of a body (gzip removed, UTF-8 with undecodable bytes replaced)."""
    raw = inflate(body).lstrip()
    if raw.startswith(_BOM):
        raw = raw[len(_BOM) :]
    return raw.decode("utf-8", errors="replace")
