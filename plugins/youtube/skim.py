"""A /player response (or a reel response around one) loaded without the values no YouTube reader looks at.

A player body is mostly stream URLs, tracking and player configuration that no post field comes from,
and loading them is most of the cost of parsing it. msgspec reads the top-level keys and skips those
values (checking only that they are well-formed JSON); every other value is loaded by orjson itself,
so the parser sees exactly what orjson gives, less those keys. The answer is None (orjson loads the
whole body) for other bodies and wherever msgspec cannot vouch for the body: invalid JSON, or
invalid UTF-8 anywhere (msgspec does not check it in what it skips). One difference is left: a
number too large for a float (1e400) inside a skipped value makes orjson reject the whole body,
while here it is skipped. (Nesting: msgspec stops at Python's recursion limit, below orjson's 1024
levels, so such a body goes to orjson.)
"""

from __future__ import annotations

from typing import Any

import msgspec
import orjson

# Top-level keys of player responses that no module of this package reads (a test checks that none
# of them names these keys): stream formats, tracking URLs, captions, player configuration.
SKIPPED = frozenset(
    {
        "playabilityStatus",
        "streamingData",
        "playbackTracking",
        "captions",
        "playerConfig",
        "storyboards",
        "trackingParams",
        "attestation",
        "playerSettingsMenuData",
        "adBreakHeartbeatParams",
        "heartbeatParams",
    }
)
_HINT = b'"streamingData"'  # a player response writes it first or nearly so
_TOP = msgspec.json.Decoder(dict[str, msgspec.Raw]).decode


def _skim(raw: bytes | msgspec.Raw) -> dict[str, Any] | None:
    try:
        top = _TOP(raw)
    except (msgspec.MsgspecError, RecursionError):
        return None
    out: dict[str, Any] = {}
    for key, value in top.items():
        if key in SKIPPED:
            continue
        if key == "playerResponse":  # reel_item_watch: the player response inside
            inner = _skim(value)
            if inner is None:
                return None
            out[key] = inner
            continue
        try:
            out[key] = orjson.loads(memoryview(value))
        except orjson.JSONDecodeError:
            return None
    return out


def load_player(body: bytes) -> dict[str, Any] | None:
    """The response without the SKIPPED keys (inside playerResponse too), or None for orjson to load."""
    if body[:1] != b"{" or body.find(_HINT, 0, 16384) < 0:
        return None
    skimmed = _skim(body)
    if skimmed is None:
        return None
    if not body.isascii():
        try:
            body.decode()
        except UnicodeDecodeError:
            return None
    return skimmed
