"""Locate and load the JSON a TikTok HTML page embeds (one `find` and one `orjson.loads` per page)."""

from __future__ import annotations

from typing import Any

import orjson

UNIVERSAL = b'<script id="__UNIVERSAL_DATA_FOR_REHYDRATION__" type="application/json">'
SIGI = b'<script id="SIGI_STATE" type="application/json">'
SIGI_ASSIGNED = b"window['SIGI_STATE']="
_SCRIPT_END = b"</script>"
_ASSIGNED_ENDS = (b";window['SIGI_RETRY']", b";window[", _SCRIPT_END)


def _slice(body: bytes, marker: bytes, ends: tuple[bytes, ...]) -> bytes | None:
    start = body.find(marker)
    if start < 0:
        return None
    start += len(marker)
    for end_marker in ends:
        end = body.find(end_marker, start)
        if end >= 0:
            return body[start:end]
    return body[start:]


def find_state(body: bytes) -> tuple[str, bytes] | None:
    """Which embedded state the page has ("universal" or "sigi") and its raw JSON, or None."""
    raw = _slice(body, UNIVERSAL, (_SCRIPT_END,))
    if raw is not None:
        return "universal", raw
    raw = _slice(body, SIGI, (_SCRIPT_END,))
    if raw is not None:
        return "sigi", raw
    raw = _slice(body, SIGI_ASSIGNED, _ASSIGNED_ENDS)
    if raw is not None:
        return "sigi", raw
    return None


def load(raw: bytes) -> Any:
    """The decoded JSON, or None when it is damaged."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
