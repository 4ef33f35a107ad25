"""The real X captures in ../shared/real-pages, checked against values read by hand in each file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from plugins.platform import Page, ParseResult
from plugins.post import Post
from plugins.testing import real_pages_dir
from plugins.x import PLATFORM

pytestmark = pytest.mark.real_pages

DETAIL = "x_graphql_tweet_detail_twscrape.json"
NDJSON = "x_zeeschuimer_search_timeline_2023-10.ndjson"

# (rest_id, legacy.favorite_count) of every line of the capture, in file order.
NDJSON_LIKES = [
    ("1711652255336743414", 9), ("1711859654769168725", 3), ("1711647833223577728", 64),
    ("1711874348611432833", 40), ("1711711796355072134", 0), ("1711715960996942100", 0),
    ("1711882654579138796", 0), ("1703809918480842984", 651), ("1711798542497460573", 46),
    ("1711710665184883159", 1), ("1712059288149950534", 1), ("1712112033892626884", 0),
    ("1712177085479858561", 1224), ("1711736464097058923", 0), ("1711273346766159963", 0),
    ("1711505262656242005", 3), ("1711736952959988067", 2), ("1711263560385372259", 0),
    ("1711276371954094341", 0), ("1711727254898680259", 0), ("1711714786096902355", 0),
    ("1711310187364049313", 0), ("1711843703101239707", 21), ("1711280848769593803", 1),
    ("1711867975299412011", 0), ("1712176047821643984", 120), ("1711497961694273790", 0),
    ("1711869557831299335", 12), ("1712148988068000219", 1), ("1711644831703875609", 0),
    ("1712418416563204504", 1), ("1711844529475604886", 0), ("1711000822392184918", 0),
    ("1712427683156570500", 8), ("1711844176013525362", 3), ("1712233554422227167", 178),
    ("1712251336421507469", 2), ("1712079884317532519", 0), ("1711613718730010873", 0),
    ("1712407141665890605", 1), ("1712407517307810298", 1), ("1712420793588564447", 0),
    ("1711983122672165105", 0), ("1711796298808951288", 0), ("1711972682621669424", 0),
    ("1712014261906489470", 0), ("1710590489219543066", 1), ("1710532998255309093", 5),
    ("1710311911869325599", 11), ("1711114667404234979", 0), ("1712036801420964100", 0),
    ("1711294310992183652", 1), ("1711389818402279609", 2), ("1621533615896027138", 3416),
    ("1711664887598825608", 1), ("1711339191550787751", 2), ("1711763906509582345", 0),
    ("1711765720122470642", 0), ("1712288020748226903", 22), ("1711813383845011656", 1),
    ("1711500523629695150", 5), ("1711444464256917851", 0), ("1711897772264210806", 0),
    ("1711348222143172750", 1), ("1711979448319303810", 0), ("1712408344559001879", 0),
    ("1711427186194878504", 1), ("1711490982074560781", 613), ("1711789723109191965", 0),
    ("1712405197899600205", 0), ("1712058026016776587", 0), ("1709817800364011855", 0),
    ("1621552061174226944", 7064), ("1712033324477174056", 0), ("1712361556766539897", 2),
    ("1711835216095162866", 0), ("1712346118879605108", 0), ("1711154504203116820", 309),
    ("1712351668883395015", 1), ("1712075895345754379", 0), ("1711755217601999073", 308),
    ("1711867318190342594", 5), ("1712048899899211958", 0), ("1712206085434577146", 3),
    ("1712053292811845975", 0), ("1709899720900960418", 2), ("1711830573067522269", 309),
    ("1712358930175725695", 0), ("1711450202144469158", 1), ("1711788484959113567", 29),
    ("1711840206775550022", 0), ("1712135543205847146", 0), ("1712122811550945378", 1),
    ("1712036970279374930", 0), ("1679284065223192576", 1), ("1712354499564630240", 1),
    ("1711865145549373856", 0), ("1711753398758830553", 0), ("1712133375903908308", 188),
    ("1711862235503484940", 7), ("1712183804092109072", 1), ("1712180062802375015", 0),
    ("1712205485745615275", 1), ("1711984674581479934", 0),
]  # fmt: skip


def _parse(name: str) -> ParseResult:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone)")
    path: Path = root / "x" / name
    page = Page(url=path.as_uri(), body=path.read_bytes())
    assert PLATFORM.sniff(page)
    return PLATFORM.parse(page)


def _counters(post: Post) -> tuple[int | None, ...]:
    return (post.views, post.likes, post.comments, post.shares, post.saves)


def _by_id(result: ParseResult, post_id: str) -> Post:
    return next(p for p in result.posts if p.post_id == post_id)


def test_tweet_detail_posts_in_entry_order() -> None:
    result = _parse(DETAIL)
    assert result.format == "tweet_detail"
    assert len(result.posts) == 37  # 1 focal item + 36 tweets in 35 conversation modules
    ids = [p.post_id for p in result.posts]
    assert ids[:4] == [
        "1649191520250245121",
        "1649191521323995138",
        "1649191522485817345",
        "1649191523697979392",
    ]
    assert ids[-1] == "1664148856903446528"
    assert len(set(ids)) == 37
    assert result.missing == {} and result.warnings == []


def test_tweet_detail_focal_tweet() -> None:
    post = _parse(DETAIL).posts[0]
    assert post.url == "https://x.com/XDevelopers/status/1649191520250245121"
    assert post.author == "XDevelopers"  # user_results.result.core.screen_name (no user legacy here)
    assert post.published_at == "2023-04-20T23:21:13Z"  # "Thu Apr 20 23:21:13 +0000 2023"
    assert post.text.startswith("Today, we are deprecating our Premium v1.1 API")
    assert post.media_type == "text"
    # views.count "979440", favorite 426, reply 93, retweet 202, bookmark 73; quote_count 118
    assert _counters(post) == (979440, 426, 93, 202, 73)
    assert post.metadata["quotes"] == 118
    assert post.metadata["author_id"] == "2244994945"
    assert post.metadata["author_followers"] == 695696  # relationship_counts.followers
    assert post.metadata["is_ad"] is False and post.signals == []


def test_tweet_detail_last_reply_and_cursor() -> None:
    result = _parse(DETAIL)
    post = result.posts[-1]
    assert post.author == "DamuKonTan"
    assert post.mentions == ["twitterdev"]
    assert _counters(post) == (240, 0, 1, 0, 0)
    assert post.published_at == "2023-06-01T05:56:20Z"
    assert result.next_cursor is not None and result.next_cursor.startswith("DAAKCgABHPEX5kT__qkL")
    assert result.has_more is True


def test_ndjson_every_line_rest_id_and_likes() -> None:
    result = _parse(NDJSON)
    assert result.format == "ndjson"
    assert [(p.post_id, p.likes) for p in result.posts] == NDJSON_LIKES
    assert sum(p.likes or 0 for p in result.posts) == 14708
    assert result.missing == {} and result.warnings == []


def test_ndjson_most_viewed_tweet() -> None:
    post = _by_id(_parse(NDJSON), "1621552061174226944")
    assert post.author == "MatousJezek"
    assert post.published_at == "2023-02-03T16:51:53Z"
    # views.count "28677501", favorite 7064, reply 273, retweet 588, bookmark 845
    assert _counters(post) == (28677501, 7064, 273, 588, 845)


def test_ndjson_long_post_prefers_note_text() -> None:
    post = _by_id(_parse(NDJSON), "1712427683156570500")
    assert post.author == "Seriewoordenaar"
    assert post.views == 217 and post.likes == 8
    assert len(post.text) == 516  # note_tweet text; legacy.full_text stops at 280 characters
    assert post.text.endswith("dus even reposten voor degenen die het gemist hebben.")


def test_ndjson_visibility_wrapped_quotes_are_metadata_not_posts() -> None:
    result = _parse(NDJSON)
    ids = {p.post_id for p in result.posts}
    post = _by_id(result, "1711859654769168725")
    # quoted_status_result is a TweetWithVisibilityResults holding 1711850745845129260
    assert post.metadata["quoted_id"] == "1711850745845129260"
    assert "1711850745845129260" not in ids


def test_ndjson_first_line_entities_and_media() -> None:
    result = _parse(NDJSON)
    post = result.posts[0]
    assert post.url == "https://x.com/Querido_Facto/status/1711652255336743414"
    assert post.hashtags == ["degraanrepubliek", "moderneklassieker"]
    assert post.mentions == ["frankwesterman9"]
    assert post.media_type == "carousel"  # two photos in extended_entities
    assert _counters(post) == (250, 9, 0, 1, 0)
    assert Counter(p.media_type for p in result.posts) == {"text": 94, "image": 5, "carousel": 4, "video": 1}


def test_ndjson_promoted_only_scopes_are_kept_without_a_signal() -> None:
    result = _parse(NDJSON)
    flagged = [p.post_id for p in result.posts if p.metadata.get("promoted_only")]
    # legacy.scopes {"followers": false} on lines 3, 26, 36, 49, 59, 68, 78, 87, 95 and 99
    assert len(flagged) == 10
    assert "1712176047821643984" in flagged
    # The 2023 capture does not keep promotedMetadata: no promoted signal is claimed from it.
    assert all(p.signals == [] and "is_ad" not in p.metadata for p in result.posts)
