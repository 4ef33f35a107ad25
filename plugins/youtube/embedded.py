"""Locate and load the JSON a YouTube HTML page assigns to `ytInitialData` / `ytInitialPlayerResponse`.

Pages write `var ytInitialData = {...};</script>`, older ones `window["ytInitialData"] = {...};` followed
by more script, and the mobile site a JS string (`'\\x7b\\x22...'`). The object ends before the first
`</script>` (which cannot occur inside the JSON of a page); when more script follows it in the same
block, the decoder reports where the document ended and that prefix is decoded instead.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

DATA = b"ytInitialData"
PLAYER = b"ytInitialPlayerResponse"
_SCRIPT_END = b"</script>"
_AFTER_NAME = b"\"'] \t"
_JS_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)", re.S)
_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


def find_start(body: bytes, name: bytes) -> int:
    """Where the value assigned to `name` starts (first assignment), or -1."""
    at = body.find(name)
    while at >= 0:
        i = at + len(name)
        while i < len(body) and body[i] in _AFTER_NAME:
            i += 1
        if body[i : i + 1] == b"=" and body[i + 1 : i + 2] != b"=":
            i += 1
            while i < len(body) and body[i] in b" \t\r\n":
                i += 1
            return i
        at = body.find(name, at + len(name))
    return -1


def _unescape_js(raw: str) -> str:
    def replace(m: re.Match[str]) -> str:
        code = m.group(1)
        if code[0] in "xu" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _SIMPLE_ESCAPES.get(code, code)

    return _JS_ESCAPE.sub(replace, raw)


def _load_string(body: bytes, start: int) -> Any:
    """The JSON inside a JS string literal assigned to the name (mobile pages)."""
    if body.startswith(b"JSON.parse(", start):
        start += len(b"JSON.parse(")
    quote = body[start : start + 1]
    if quote not in (b"'", b'"'):
        return None
    end = body.find(quote + b";", start + 1)
    if end < 0:
        end = body.find(quote + b")", start + 1)
    if end < 0:
        return None
    return load(_unescape_js(body[start + 1 : end].decode("utf-8", errors="replace")).encode("utf-8"))


def load(raw: bytes) -> Any:
    """The decoded JSON document at the start of `raw`, or None when it is damaged.

    Trailing script after a complete document is cut off (the decoder reports where the document ends).
    """
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "after document" not in exc.msg and "trailing" not in exc.msg:
            return None
        text = raw.decode("utf-8", errors="replace")
        try:
            return orjson.loads(text[: exc.pos])
        except orjson.JSONDecodeError:
            return None


def find_json(body: bytes, name: bytes) -> Any:
    """The object a page assigns to `name` (ytInitialData or ytInitialPlayerResponse), or None."""
    start = find_start(body, name)
    if start < 0:
        return None
    if body[start : start + 1] != b"{":
        return _load_string(body, start)
    end = body.find(_SCRIPT_END, start)
    return load(body[start : end if end >= 0 else len(body)].rstrip(b" \t\r\n;"))
