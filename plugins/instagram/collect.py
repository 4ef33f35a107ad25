"""Gather posts into a ParseResult: convert, skip duplicates, count what is missing."""

from __future__ import annotations

from typing import Any

from plugins.instagram.graph import is_node, node_to_post
from plugins.instagram.media import is_media, media_to_post
from plugins.platform import ParseResult


class Collector:
    """A ParseResult being filled, that keeps each shortcode once (grids and feeds repeat posts)."""

    def __init__(self, fmt: str, followers: dict[str, int] | None = None) -> None:
        self.result = ParseResult(format=fmt)
        self.followers = followers
        self._seen: set[str] = set()

    def add(self, value: Any) -> bool:
        """Add a v1 media object or a GraphQL node; False when it is neither (nothing added)."""
        if is_media(value):
            converted = media_to_post(value)
        elif is_node(value):
            converted = node_to_post(value, self.followers)
        else:
            converted = None
        if converted is None:
            return False
        post, missing = converted
        if post.post_id not in self._seen:
            self._seen.add(post.post_id)
            self.result.add(post, missing=missing)
        return True

    def add_all(self, values: list[Any], what: str = "item") -> None:
        """Add each value; warn once for those that carry no post."""
        skipped = sum(1 for value in values if not self.add(value))
        if skipped:
            self.result.warn(f"{skipped} {what}(s) without an Instagram post skipped")

    def paginate(self, cursor: Any, more: Any) -> None:
        """Set next_cursor/has_more from a cursor value and a has-more flag (either may be absent)."""
        if isinstance(more, bool):
            self.result.has_more = more
        if self.result.has_more is not False and isinstance(cursor, str) and cursor:
            self.result.next_cursor = cursor
