"""A /player response (or a reel response around one) loaded without the values no YouTube reader looks at.

A player body is mostly stream URLs, tracking and player configuration that no post field comes from,
and loading them is most of the cost of parsing it; `plugins.values.load_without` skips them and
loads the rest exactly as orjson does (see there for the one difference left).
"""

from __future__ import annotations

from typing import Any

from plugins.values import load_without

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
_MIN_SIZE = 32_768  # a small body gains less than looking for the hint costs (/player bodies are 50KB+)
_INSIDE = frozenset({"playerResponse"})  # reel_item_watch: the player response inside


def load_player(body: bytes) -> dict[str, Any] | None:
    """The response without the SKIPPED keys (inside playerResponse too), or None for orjson to load."""
    if len(body) < _MIN_SIZE or body[:1] != b"{" or body.find(_HINT, 0, 16384) < 0:
        return None
    return load_without(body, SKIPPED, _INSIDE)
