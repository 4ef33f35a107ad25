"""One X tweet result (GraphQL `tweet_results.result`) as a Post."""

from __future__ import annotations

import re
from typing import Any

from plugins.post import Post, Signal, new_post
from plugins.values import as_count, as_dict, as_id, as_list, as_text, dig, unique_lower
from plugins.x.values import created_at_to_iso

BASE = "https://x.com"
# Results that carry no tweet: the reason is worth a warning, never a crash.
UNAVAILABLE = frozenset({"TweetTombstone", "TweetUnavailable"})
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))  # X escapes only these in full_text
# The literal "#"/"@" leads and the look-behind checks the character before it: a pattern that starts
# with a look-behind is tried at every position of the text, several times slower.
_HASHTAG = re.compile(r"#(?<![\w&#]#)(\w+)")
_MENTION = re.compile(r"@(?<![\w@]@)(\w{1,15})")
_NO_NOTE: dict[str, Any] = {}  # read only: most tweets are not long posts
_VIDEO_BINDINGS = frozenset({"player_url", "player_stream_url"})  # card values that carry the video
# The card value that carries a promoted image card's picture (a link preview's is "thumbnail_image").
_IMAGE_BINDINGS = frozenset({"promo_image"})


def unwrap(result: Any) -> tuple[dict[str, Any] | None, str | None]:
    """The tweet inside a result (TweetWithVisibilityResults holds it under `tweet`), or (None, why)."""
    if not isinstance(result, dict):
        return None, "empty tweet result"
    kind = result.get("__typename")
    if isinstance(kind, str) and kind in UNAVAILABLE:
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
    if not isinstance(user_result, dict):
        return None
    core, legacy = user_result.get("core"), user_result.get("legacy")
    name = core.get("screen_name") if isinstance(core, dict) else None
    if not isinstance(name, str) or not name:
        name = legacy.get("screen_name") if isinstance(legacy, dict) else None
    return name.lstrip("@") if isinstance(name, str) and name else None


def _add_entities(entity_set: dict[str, Any], tags: list[Any], users: list[Any], links: list[str]) -> bool:
    """Append one entity set's hashtags, mentions and new links; whether it lists tags or mentions."""
    listed = False
    found = entity_set.get("hashtags")
    if found is not None or "hashtags" in entity_set:
        listed = True
        tags += [h.get("text") for h in found if isinstance(h, dict)] if isinstance(found, list) else ()
    found = entity_set.get("user_mentions")
    if found is not None or "user_mentions" in entity_set:
        listed = True
        users += (
            [m.get("screen_name") for m in found if isinstance(m, dict)] if isinstance(found, list) else ()
        )
    found = entity_set.get("urls")
    if isinstance(found, list):
        for url in found:
            link = url.get("expanded_url") if isinstance(url, dict) else None
            if isinstance(link, str) and link and link not in links:
                links.append(link)
    return listed


def _entities(
    legacy: dict[str, Any], note: dict[str, Any], text: str
) -> tuple[list[str], list[str], list[str]]:
    """Hashtags, mentions and expanded links of a tweet (a long post's note has its own set)."""
    tags: list[Any] = []
    users: list[Any] = []
    links: list[str] = []
    listed = False
    for entity_set in (legacy.get("entities"), note.get("entity_set") if note else None):
        if isinstance(entity_set, dict):
            listed = _add_entities(entity_set, tags, users, links) or listed
    if not listed:
        # Trimmed responses drop the entity lists altogether; the text still shows them.
        tags = _HASHTAG.findall(text) if "#" in text else []
        users = _MENTION.findall(text) if "@" in text else []
    return unique_lower(tags) if tags else [], unique_lower(users) if users else [], links


def _card_has(card: Any, kind: str, keys: frozenset[str]) -> bool:
    """Whether a card's name says `kind` ("promo_video_convo") and one of its values is under `keys`."""
    legacy = dig(card, "legacy")
    name = dig(legacy, "name")
    if not isinstance(name, str) or kind not in name:
        return False
    bindings = as_list(dig(legacy, "binding_values"))
    return any(dig(binding, "key") in keys for binding in bindings)


def card_is_video(card: Any) -> bool:
    """Whether a tweet's card plays a video: a `*video*` card ("promo_video_convo") with a player URL."""
    return _card_has(card, "video", _VIDEO_BINDINGS)


def card_is_image(card: Any) -> bool:
    """Whether a tweet's card shows its own picture: an `*image*` card ("promo_image_convo"), promo_image."""
    return _card_has(card, "image", _IMAGE_BINDINGS)


def media_type(legacy: dict[str, Any], card: Any = None) -> str:
    """video, image, carousel (several media) or text, from the tweet's attached media or its card."""
    media = dig(legacy, "extended_entities", "media")
    if not isinstance(media, list) or not media:
        media = dig(legacy, "entities", "media")
        if not isinstance(media, list) or not media:
            if card is None:
                return "text"
            return "video" if card_is_video(card) else "image" if card_is_image(card) else "text"
    if len(media) > 1:
        return "carousel"
    kind = media[0].get("type") if isinstance(media[0], dict) else None
    if kind == "video" or kind == "animated_gif":
        return "video"
    return "image" if kind == "photo" else "text"


def _promotion(promoted: Any, metadata: dict[str, Any]) -> list[Signal]:
    """Mark an ad: `promoted` is the entry's promotedMetadata, True (a capture's flag), False or None."""
    if promoted is False:
        metadata["is_ad"] = False
        return []
    if promoted is not True and not isinstance(promoted, dict):
        return []
    advertiser = screen_name(dig(promoted, "advertiser_results", "result"))
    metadata["is_ad"] = True
    if advertiser:
        metadata["promoted_by"] = advertiser
    # X renders "Ad" on these tweets; the advertiser is the account the label speaks for.
    return [Signal("promoted", advertiser or "promoted", "label")]


def _quoted_id(tweet: dict[str, Any], legacy: dict[str, Any]) -> str | None:
    if "quoted_status_result" not in tweet and "quoted_status_id_str" not in legacy:
        return None  # most tweets quote nothing
    holder = tweet.get("quoted_status_result")
    quoted = unwrap(holder.get("result"))[0] if isinstance(holder, dict) else None
    return as_id(quoted.get("rest_id")) if quoted else as_id(legacy.get("quoted_status_id_str"))


def retweeted(legacy: dict[str, Any]) -> dict[str, Any] | None:
    """The original tweet a retweet's `legacy.retweeted_status_result` holds, or None."""
    holder = legacy.get("retweeted_status_result")
    return unwrap(holder.get("result"))[0] if isinstance(holder, dict) else None


def _retweet_of(legacy: dict[str, Any]) -> str | None:
    original = retweeted(legacy)
    return as_id(original.get("rest_id")) if original else None


def _metadata(tweet: dict[str, Any], legacy: dict[str, Any], user: Any, links: list[str]) -> dict[str, Any]:
    """Facts for detectors, in a fixed key order, without the unknown ones."""
    metadata: dict[str, Any] = {}
    quotes = as_count(legacy.get("quote_count"))
    if quotes is not None:
        metadata["quotes"] = quotes
    if links:
        metadata["links"] = links
    user = user if isinstance(user, dict) else _NO_NOTE
    author_id = as_id(user.get("rest_id")) or as_id(legacy.get("user_id_str"))
    if author_id is not None:
        metadata["author_id"] = author_id
    user_legacy = user.get("legacy")
    followers = as_count(user_legacy.get("followers_count")) if isinstance(user_legacy, dict) else None
    if followers is None:
        followers = as_count(dig(user, "relationship_counts", "followers"))
    if followers is not None:
        metadata["author_followers"] = followers
    lang = legacy.get("lang")
    if isinstance(lang, str) and lang and lang != "und" and lang != "zxx":
        metadata["language"] = lang
    quoted_id = _quoted_id(tweet, legacy)
    if quoted_id is not None:
        metadata["quoted_id"] = quoted_id
    retweet_of = _retweet_of(legacy) if "retweeted_status_result" in legacy else None
    if retweet_of is not None:
        metadata["retweet_of"] = retweet_of
    # X documents `scopes` as promoted-products delivery: followers=false is a promoted-only tweet
    # (an ad creative not shown to followers). A fact for detectors, not a label the page shows.
    if "scopes" in legacy and dig(legacy, "scopes", "followers") is False:
        metadata["promoted_only"] = True
    return metadata


def tweet_to_post(tweet: dict[str, Any], promoted: Any = None) -> tuple[Post, list[str]]:
    """A Post from an unwrapped tweet, and the names of the optional fields it lacks.

    `promoted` is the timeline entry's promotedMetadata (an ad), False when the entry has none,
    True when a capture flags the tweet as promoted, None when nothing is known.
    A retweet has no engagement of its own (X gives it 0 likes and the original's retweet count):
    its counters are null, its text, entities and media the original's (see `tweet_posts`).
    """
    legacy = tweet.get("legacy")
    if not isinstance(legacy, dict):
        legacy = _NO_NOTE
    post_id = as_id(tweet.get("rest_id")) or as_id(legacy.get("id_str")) or ""
    user = dig(tweet, "core", "user_results", "result")
    author = screen_name(user)
    original = retweeted(legacy) if "retweeted_status_result" in legacy else None
    shown = original or tweet  # whose text, entities and media the post shows
    shown_legacy = legacy if original is None else as_dict(original.get("legacy"))
    note = dig(shown, "note_tweet", "note_tweet_results", "result") if "note_tweet" in shown else None
    if not isinstance(note, dict):
        note = _NO_NOTE
    text = (as_text(note.get("text")) if note else None) or as_text(shown_legacy.get("full_text")) or ""
    if original is not None and not text:
        text = as_text(legacy.get("full_text")) or ""  # an original without text: the "RT @…" line
    hashtags, mentions, links = _entities(shown_legacy, note, text)
    views = likes = comments = shares = saves = None
    if original is None:
        views = tweet.get("views")
        views = as_count(views.get("count")) if isinstance(views, dict) else None
        likes = as_count(legacy.get("favorite_count"))
        comments = as_count(legacy.get("reply_count"))
        shares = as_count(legacy.get("retweet_count"))
        saves = as_count(legacy.get("bookmark_count"))
    published_at = created_at_to_iso(legacy.get("created_at"))
    metadata = _metadata(tweet, legacy, user, links)
    if original is not None:
        metadata.pop("quotes", None)  # the retweet's quote count is engagement it does not have either
    post = new_post(
        "x",
        post_id,
        f"{BASE}/{author}/status/{post_id}" if author else f"{BASE}/i/status/{post_id}",
        author=author,
        published_at=published_at,
        text=_unescape(text) if "&" in text else text,
        hashtags=hashtags,
        mentions=mentions,
        media_type=media_type(shown_legacy, shown.get("card")),
        views=views,
        likes=likes,
        comments=comments,
        shares=shares,
        saves=saves,
        signals=_promotion(promoted, metadata) if promoted is not None else None,
        metadata=metadata,
    )
    missing: list[str] = []
    if original is None:  # a retweet's counters are null by design, not missing from the page
        for name, value in (("views", views), ("likes", likes), ("comments", comments), ("shares", shares)):
            if value is None:
                missing.append(name)
        if saves is None:
            missing.append("saves")
    if author is None:
        missing.append("author")
    if published_at is None:
        missing.append("published_at")
    return post, missing


def tweet_posts(tweet: dict[str, Any], promoted: Any = None) -> list[tuple[Post, list[str]]]:
    """The post of a tweet (see `tweet_to_post`), then for a retweet the post of the original it shares."""
    found = [tweet_to_post(tweet, promoted)]
    legacy = tweet.get("legacy")
    if isinstance(legacy, dict) and "retweeted_status_result" in legacy:
        original = retweeted(legacy)
        if original is not None:
            found.append(tweet_to_post(original))
    return found
