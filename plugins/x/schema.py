"""An X GraphQL timeline decoded by msgspec into only the keys the parser reads, or None for orjson.

Building every dict of a TweetDetail response (user profiles, media variants, edit controls) costs
more than the parser's work on it, so a typed msgspec decode skips the keys `tweet.py` and
`timeline.py` never read. The result must be what `orjson.loads` followed by the parser gives, so
this path answers only where it provably agrees and returns None otherwise (as plugins.reddit.schema):
- each key read is typed narrowly (what X writes); any other value is a msgspec error;
- integers are held to int64, where orjson keeps them exact;
- msgspec does not check UTF-8 inside the strings it skips, so the body must be valid UTF-8;
- only a response with timeline instructions is answered here (not single tweets or captures).
Objects whose emptiness the parser tests (promotedMetadata) are decoded whole. One difference is
left, as in plugins.reddit.schema: a number too large for a float (1e400) in a key the parser never
reads makes orjson reject the whole body, while msgspec skips it.
"""

from __future__ import annotations

from typing import Any, TypedDict

import msgspec

from plugins.values import INT64, decode_vouched
from plugins.x.timeline import find_instructions

_Count = INT64 | str | None  # as_count and as_id read ints and digit strings


class _Hashtag(TypedDict, total=False):
    text: str | None


class _Mention(TypedDict, total=False):
    screen_name: str | None


class _Url(TypedDict, total=False):
    expanded_url: str | None


class _Media(TypedDict, total=False):
    type: str | None


class _Entities(TypedDict, total=False):
    hashtags: list[_Hashtag] | None
    user_mentions: list[_Mention] | None
    urls: list[_Url] | None
    media: list[_Media] | None


class _ExtendedEntities(TypedDict, total=False):
    media: list[_Media] | None


class _Scopes(TypedDict, total=False):
    followers: bool | None


class _CardBinding(TypedDict, total=False):
    key: str | None


class _CardLegacy(TypedDict, total=False):
    name: str | None
    binding_values: list[_CardBinding] | None


class _Card(TypedDict, total=False):
    legacy: _CardLegacy | None


class _Holder(TypedDict, total=False):
    result: _Tweet | None


class _Legacy(TypedDict, total=False):
    id_str: _Count
    full_text: str | None
    created_at: str | None
    lang: str | None
    user_id_str: _Count
    quoted_status_id_str: _Count
    favorite_count: _Count
    reply_count: _Count
    retweet_count: _Count
    bookmark_count: _Count
    quote_count: _Count
    entities: _Entities | None
    extended_entities: _ExtendedEntities | None
    retweeted_status_result: _Holder | None
    scopes: _Scopes | None


class _UserCore(TypedDict, total=False):
    screen_name: str | None


class _UserLegacy(TypedDict, total=False):
    screen_name: str | None
    followers_count: _Count


class _RelationshipCounts(TypedDict, total=False):
    followers: _Count


class _User(TypedDict, total=False):
    rest_id: _Count
    core: _UserCore | None
    legacy: _UserLegacy | None
    relationship_counts: _RelationshipCounts | None


class _UserResults(TypedDict, total=False):
    result: _User | None


class _TweetCore(TypedDict, total=False):
    user_results: _UserResults | None


class _Views(TypedDict, total=False):
    count: _Count


class _Note(TypedDict, total=False):
    text: str | None
    entity_set: _Entities | None


class _NoteResults(TypedDict, total=False):
    result: _Note | None


class _NoteTweet(TypedDict, total=False):
    note_tweet_results: _NoteResults | None


# Every key tweet.py reads from a tweet result; keep the two in step (the tests compare both paths).
# Written as a call: in a class body "__typename" would be name-mangled.
_Tweet = TypedDict(
    "_Tweet",
    {
        "__typename": "str | None",
        "rest_id": "_Count",
        "tweet": "_Tweet | None",  # TweetWithVisibilityResults
        "legacy": "_Legacy | None",
        "core": "_TweetCore | None",
        "views": "_Views | None",
        "note_tweet": "_NoteTweet | None",
        "quoted_status_result": "_Holder | None",
        "card": "_Card | None",
    },
    total=False,
)


class _TweetResults(TypedDict, total=False):
    result: _Tweet | None


class _ItemContent(TypedDict, total=False):
    cursorType: str | None
    value: str | None
    tweet_results: _TweetResults | None
    # The parser tests whether it is empty: decoded whole.
    promotedMetadata: dict[str, Any] | None


class _Item(TypedDict, total=False):
    itemContent: _ItemContent | None


class _ModuleItem(TypedDict, total=False):
    entryId: str | None
    item: _Item | None


class _Content(TypedDict, total=False):
    cursorType: str | None
    value: str | None
    itemContent: _ItemContent | None
    items: list[_ModuleItem] | None


class _Entry(TypedDict, total=False):
    entryId: str | None
    content: _Content | None


class _Instruction(TypedDict, total=False):
    entries: list[_Entry] | None
    entry: _Entry | None
    moduleItems: list[_ModuleItem] | None


class _Instructions(TypedDict, total=False):
    instructions: list[_Instruction] | None


class _Timeline(TypedDict, total=False):
    timeline: _Instructions | None


class _Search(TypedDict, total=False):
    search_timeline: _Timeline | None


class _UserTimelines(TypedDict, total=False):
    timeline_v2: _Timeline | None
    timeline: _Timeline | None


class _UserResult(TypedDict, total=False):
    result: _UserTimelines | None


class _Home(TypedDict, total=False):
    home_timeline_urt: _Instructions | None


class _List(TypedDict, total=False):
    tweets_timeline: _Timeline | None


# Every place timeline.INSTRUCTION_PATHS looks (so the same one is found first).
class _Data(TypedDict, total=False):
    threaded_conversation_with_injections_v2: _Instructions | None
    threaded_conversation_with_injections: _Instructions | None
    search_by_raw_query: _Search | None
    user: _UserResult | None
    home: _Home | None
    list: _List | None


class _Response(TypedDict, total=False):
    data: _Data | None


_DECODER = msgspec.json.Decoder(_Response)


def decode_timeline(body: bytes) -> dict[str, Any] | None:
    """The GraphQL timeline with only the keys the parser reads, or None when orjson must decode it."""
    response: dict[str, Any] | None = decode_vouched(_DECODER, body)
    if response is None or find_instructions(response) is None:  # a single tweet, a capture, not X
        return None
    return response
