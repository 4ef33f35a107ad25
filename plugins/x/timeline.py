"""X GraphQL timelines (TweetDetail, SearchTimeline, UserTweets, HomeTimeline): instructions to posts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from plugins.platform import ParseResult
from plugins.values import as_dict, as_list, as_text, dig
from plugins.x.tweet import tweet_posts, unwrap

# Where each operation keeps its instructions, in the order they are tried.
INSTRUCTION_PATHS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("tweet_detail", ("threaded_conversation_with_injections_v2", "instructions")),
    ("tweet_detail", ("threaded_conversation_with_injections", "instructions")),
    ("search_timeline", ("search_by_raw_query", "search_timeline", "timeline", "instructions")),
    ("user_tweets", ("user", "result", "timeline_v2", "timeline", "instructions")),
    ("user_tweets", ("user", "result", "timeline", "timeline", "instructions")),
    ("home_timeline", ("home", "home_timeline_urt", "instructions")),
    ("list_timeline", ("list", "tweets_timeline", "timeline", "instructions")),
)


def find_instructions(data: Any) -> tuple[str, list[Any]] | None:
    """The format name and instruction list of a GraphQL response, or None when it has none."""
    inner = dig(data, "data")
    for name, path in INSTRUCTION_PATHS:
        found = dig(inner, *path)
        if isinstance(found, list):
            return name, found
    return None


def _entries(instruction: Any) -> Iterator[dict[str, Any]]:
    """The entries an instruction adds, pins or replaces (module additions included)."""
    instruction = as_dict(instruction)
    for entry in as_list(instruction.get("entries")):
        if isinstance(entry, dict):
            yield entry
    single = instruction.get("entry")
    if isinstance(single, dict):
        yield single
    for item in as_list(instruction.get("moduleItems")):  # TimelineAddToModule
        if isinstance(item, dict):
            yield {"entryId": item.get("entryId"), "content": {"items": [item]}}


def _cursor(content: dict[str, Any]) -> tuple[str | None, str | None]:
    """(cursorType, value) of a cursor entry, whichever of the two layouts it uses."""
    for holder in (content, as_dict(content.get("itemContent"))):
        kind = holder.get("cursorType")
        if isinstance(kind, str):
            return kind, as_text(holder.get("value"))
    return None, None


def _add_item(
    item: dict[str, Any], entry: dict[str, Any], result: ParseResult, seen: set[str], missing_all: list[str]
) -> None:
    tweet, why = unwrap(dig(item, "tweet_results", "result"))
    if tweet is None:
        result.warn(f"{as_text(entry.get('entryId')) or 'entry'}: {why}")
        return
    for post, missing in tweet_posts(tweet, promoted=item.get("promotedMetadata") or False):
        if post.post_id not in seen:
            seen.add(post.post_id)
            result.posts.append(post)
            missing_all += missing


def read_instructions(instructions: list[Any], result: ParseResult) -> None:
    """Add every tweet entry's post (once per id) and the bottom cursor to `result`."""
    seen = {post.post_id for post in result.posts}
    missing_all: list[str] = []  # counted once: a Counter update per post costs more than the post
    for instruction in instructions:
        for entry in _entries(instruction):
            content = entry.get("content")
            if not isinstance(content, dict):
                continue
            single = content.get("itemContent")
            if "cursorType" in content or (isinstance(single, dict) and "cursorType" in single):
                kind, value = _cursor(content)
                if kind is not None:
                    if kind == "Bottom" and value:
                        result.next_cursor = value
                    continue
            if isinstance(single, dict) and "tweet_results" in single:
                _add_item(single, entry, result, seen, missing_all)
            for item in as_list(content.get("items")):
                found = dig(item, "item", "itemContent")
                if isinstance(found, dict) and "tweet_results" in found:  # else who-to-follow, prompts
                    _add_item(found, entry, result, seen, missing_all)
    result.missing.update(missing_all)
    result.has_more = bool(result.next_cursor) and bool(result.posts)
