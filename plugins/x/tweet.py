"""One X tweet result (GraphQL `tweet_results.result`) as a Post."""

from __future__ import annotations

import re
from typing import Any

from plugins.post import Post, Signal
from plugins.values import as_count, as_dict, as_id, as_list, as_text, dig, unique_lower
from plugins.x.values import created_at_to_iso

BASE = "https://x.com"
# Results that carry no tweet: the reason is worth a warning, never a crash.
UNAVAILABLE = frozenset({"TweetTombstone", "TweetUnavailable"})
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))  # X escapes only these in full_text
_HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")
_MENTION = re.compile(r"(?<![\w@])@(\w{1,15})")


def unwrap(result: Any) -> tuple[dict[str, Any] | None, str | None]:
    """The tweet inside a result (TweetWithVisibilityResults holds it under `tweet`), or (None, why)."""
    if not isinstance(result, dict):
        return None, "empty tweet result"
    kind = result.get("__typename")
    if kind in UNAVAILABLE:
        return None, f"{kind} skipped"
    if kind == "TweetWithVisibilityResults" or ("tweet" in result and "legacy" not in result):
        result = as_dict(result.get("tweet"))
    if as_id(result.get("rest_id")) is None and as_id(dig(result, "legacy", "id_str")) is None:
        return None, "tweet result without an id skipped"
    return result, None


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    for entity, char in _ENTITIES:
        text = text.replace(entity, char)
    return text


def screen_name(user_result: Any) -> str | None:
    """The screen name of a user result (newer responses moved it from `legacy` to `core`)."""
    name = as_text(dig(user_result, "core", "screen_name")) or as_text(
        dig(user_result, "legacy", "screen_name")
    )
    return name.lstrip("@") if name else None


def _entities(tweet: dict[str, Any], note: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    """Hashtags, mentions and expanded links of a tweet (a long post's note has its own set)."""
    sets = [as_dict(as_dict(tweet.get("legacy")).get("entities")), as_dict(note.get("entity_set"))]
    tags = [as_dict(h).get("text") for s in sets for h in as_list(s.get("hashtags"))]
    users = [as_dict(m).get("screen_name") for s in sets for m in as_list(s.get("user_mentions"))]
    if not any("hashtags" in s or "user_mentions" in s for s in sets):
        # Trimmed responses drop the entity lists altogether; the text still shows them.
        text = as_text(note.get("text")) or as_text(dig(tweet, "legacy", "full_text")) or ""
        tags, users = list(_HASHTAG.findall(text)), list(_MENTION.findall(text))
    links = [as_dict(u).get("expanded_url") for s in sets for u in as_list(s.get("urls"))]
    unique_links: list[str] = []
    for link in links:
        if isinstance(link, str) and link and link not in unique_links:
            unique_links.append(link)
    return unique_lower(tags), unique_lower(users), unique_links


def media_type(legacy: dict[str, Any]) -> str:
    """video, image, carousel (several media) or text, from the tweet's attached media."""
    media = as_list(dig(legacy, "extended_entities", "media")) or as_list(dig(legacy, "entities", "media"))
    kinds = [as_dict(m).get("type") for m in media]
    if len(kinds) > 1:
        return "carousel"
    if kinds and kinds[0] in ("video", "animated_gif"):
        return "video"
    return "image" if kinds == ["photo"] else "text"


def _promotion(post: Post, promoted: Any) -> None:
    """Mark an ad: `promoted` is the entry's promotedMetadata, True (a capture's flag), False or None."""
    if promoted is None or promoted is False:
        if promoted is False:
            post.metadata["is_ad"] = False
        return
    if not isinstance(promoted, dict) and promoted is not True:
        return
    advertiser = screen_name(dig(promoted, "advertiser_results", "result"))
    post.metadata["is_ad"] = True
    if advertiser:
        post.metadata["promoted_by"] = advertiser
    # X renders "Ad" on these tweets; the advertiser is the account the label speaks for.
    post.signals.append(Signal("promoted", advertiser or "promoted", "label"))


def _counters(tweet: dict[str, Any], legacy: dict[str, Any]) -> dict[str, int | None]:
    """The five counters by name (views.state without a count means the views are hidden)."""
    return {
        "views": as_count(as_dict(tweet.get("views")).get("count")),
        "likes": as_count(legacy.get("favorite_count")),
        "comments": as_count(legacy.get("reply_count")),
        "shares": as_count(legacy.get("retweet_count")),
        "saves": as_count(legacy.get("bookmark_count")),
    }


def _metadata(post: Post, tweet: dict[str, Any], legacy: dict[str, Any], user: Any, links: list[str]) -> None:
    quotes = as_count(legacy.get("quote_count"))
    if quotes is not None:
        post.metadata["quotes"] = quotes
    author_id = as_id(dig(user, "rest_id")) or as_id(legacy.get("user_id_str"))
    followers = as_count(dig(user, "legacy", "followers_count"))
    if followers is None:
        followers = as_count(dig(user, "relationship_counts", "followers"))
    lang = as_text(legacy.get("lang"))
    quoted, _ = unwrap(dig(tweet, "quoted_status_result", "result"))
    retweeted, _ = unwrap(dig(legacy, "retweeted_status_result", "result"))
    facts: dict[str, Any] = {
        "links": links,
        "author_id": author_id,
        "author_followers": followers,
        "language": lang if lang not in ("und", "zxx") else None,
        "quoted_id": as_id(dig(quoted, "rest_id")) if quoted else as_id(legacy.get("quoted_status_id_str")),
        "retweet_of": as_id(dig(retweeted, "rest_id")) if retweeted else None,
    }
    post.metadata.update({k: v for k, v in facts.items() if v not in (None, [])})
    # X documents `scopes` as promoted-products delivery: followers=false is a promoted-only tweet
    # (an ad creative not shown to followers). A fact for detectors, not a label the page shows.
    if dig(legacy, "scopes", "followers") is False:
        post.metadata["promoted_only"] = True


def tweet_to_post(tweet: dict[str, Any], promoted: Any = None) -> tuple[Post, list[str]]:
    """A Post from an unwrapped tweet, and the names of the optional fields it lacks.

    `promoted` is the timeline entry's promotedMetadata (an ad), False when the entry has none,
    True when a capture flags the tweet as promoted, None when nothing is known.
    """
    legacy = as_dict(tweet.get("legacy"))
    post_id = as_id(tweet.get("rest_id")) or as_id(legacy.get("id_str")) or ""
    user = dig(tweet, "core", "user_results", "result")
    author = screen_name(user)
    url = f"{BASE}/{author}/status/{post_id}" if author else f"{BASE}/i/status/{post_id}"
    note = as_dict(dig(tweet, "note_tweet", "note_tweet_results", "result"))
    text = as_text(note.get("text")) or as_text(legacy.get("full_text")) or ""
    hashtags, mentions, links = _entities(tweet, note)
    counters = _counters(tweet, legacy)
    post = Post(
        platform="x",
        post_id=post_id,
        url=url,
        author=author,
        published_at=created_at_to_iso(legacy.get("created_at")),
        text=_unescape(text),
        hashtags=hashtags,
        mentions=mentions,
        media_type=media_type(legacy),
        views=counters["views"],
        likes=counters["likes"],
        comments=counters["comments"],
        shares=counters["shares"],
        saves=counters["saves"],
    )
    missing = [name for name, value in counters.items() if value is None]
    _metadata(post, tweet, legacy, user, links)
    _promotion(post, promoted)
    missing += [name for name in ("author", "published_at") if getattr(post, name) is None]
    return post, missing
