"""Every real YouTube capture in ../shared/real-pages parses to the values checked by hand in the file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from plugins.platform import Page, ParseResult
from plugins.testing import real_pages_dir
from plugins.youtube import PLATFORM

FILES = (
    "yt_watch_page_DIsktwOQZuU_metascraper_2026-01.html",
    "yt_watch_page_hwMkbaS_M_c_metascraper_2024-01.html",
    "yt_watch_page_regular_ytdl-core.html",
    "yt_channel_page_ONE_Media_metascraper_2024-01.html",
    "yt_innertube_next_7PIMiDcwNvc_newpipe.json",
    "yt_innertube_next_covid_info_disclosure_newpipe_2022-04.json",
    "yt_innertube_player_android_7PIMiDcwNvc_newpipe.json",
    "yt_innertube_reel_item_watch_7PIMiDcwNvc_newpipe.json",
    "yt_innertube_browse_channel_shorts_tab_newpipe.json",
    "yt_innertube_browse_channel_videos_tab_newpipe.json",
    "yt_innertube_search_videos_newpipe.json",
    "yt_data_api_v3_videos_list_D-lhorsDlUQ_python-youtube.json",
)


def _path(name: str) -> Path:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent (a fresh clone): real-capture tests skipped")
    return root / "youtube" / name


@cache
def parsed(name: str) -> ParseResult:
    path = _path(name)
    return PLATFORM.parse(Page(url=path.as_uri(), body=path.read_bytes()))


def test_every_youtube_capture_is_covered() -> None:
    root = real_pages_dir()
    if root is None:
        pytest.skip("../shared/real-pages is absent")
    listed = {p.name for p in (root / "youtube").iterdir()}
    assert listed == set(FILES)


@pytest.mark.parametrize("name", FILES)
def test_capture_is_sniffed_and_never_signals_sponsorship(name: str) -> None:
    path = _path(name)
    assert PLATFORM.sniff(Page(url=path.as_uri(), body=path.read_bytes()))
    result = parsed(name)
    assert result.posts and result.warnings == []
    # None of the captures holds a paid-promotion overlay (NOTES.md): no label may be invented.
    assert all(post.signals == [] and "labels" not in post.metadata for post in result.posts)


def test_watch_page_2026_es_takes_exact_microformat_likes() -> None:
    (post,) = parsed(FILES[0]).posts
    assert parsed(FILES[0]).format == "watch_page"
    assert (post.post_id, post.author, post.media_type) == ("DIsktwOQZuU", "globalbrain6133", "video")
    assert (post.views, post.likes, post.comments) == (159, 2, None)
    assert post.approximate == []
    assert post.published_at == "2025-03-28T00:55:38Z"  # publishDate 2025-03-27T17:55:38-07:00
    assert post.text.startswith("GBAF 2024 – Highlights\n\nThe Global Brain Alliance Forum (GBAF)")
    assert post.metadata["author_id"] == "UC7rXkxMXvOuHFPwdVMh2idw"
    assert post.metadata["author_followers"] == 123  # "123 suscriptores"
    assert post.metadata["duration"] == 160
    assert len(post.metadata["links"]) == 3 and all("globalbrains.com" in u for u in post.metadata["links"])


def test_watch_page_2024_es_reads_likes_from_spanish_accessibility_text() -> None:
    (post,) = parsed(FILES[1]).posts
    assert (post.post_id, post.author) == ("hwMkbaS_M_c", "OneMedia.")
    assert post.views == 1077715  # videoDetails.viewCount "1077715"
    assert post.likes == 7373  # "haz clic en Me gusta en este vídeo junto con otras 7373 personas"
    assert post.comments == 1000 and post.approximate == ["comments"]  # commentCount "1 K"
    assert post.published_at == "2017-04-14T16:02:38Z"
    assert post.text.startswith(
        "Star Wars 8 THE LAST JEDI Official TRAILER (2017)"
    )  # original, not the es title
    assert post.metadata["author_followers"] == 4690000  # "4,69 M de suscriptores"
    assert post.metadata["has_player_ads"] is True  # playerAds/adPlacements: YouTube's ads, not a signal


def test_watch_page_2020_reads_toggle_button_likes_and_ignores_sidebar_ad() -> None:
    (post,) = parsed(FILES[2]).posts
    assert (post.post_id, post.author, post.media_type) == ("_HSylqgVYQI", "FlippyCat", "video")
    assert (post.views, post.likes, post.comments) == (582858, 2347, None)  # "2,347 likes"
    assert post.published_at == "2006-04-04T00:00:00Z"  # publishDate "2006-04-04"
    assert post.text == "Meor 2 - Screaming cat goes nuts!\n\nMeor"
    assert post.hashtags == []  # keywords (funny, wtf, cat, ...) are not hashtags
    assert post.metadata["author_followers"] == 366000  # "366K subscribers"


def test_channel_page_gives_account_and_deduplicated_grid() -> None:
    result = parsed(FILES[3])
    assert result.format == "channel_page"
    (account,) = result.accounts
    assert (account.handle, account.account_id, account.display_name) == (
        "OneMedia.",
        "UCzcRQ3vRNr6fJ1A9rqFn7QA",
        "ONE Media",
    )
    assert (account.followers, account.posts, account.verified) == (4690000, 6800, True)
    assert account.approximate == ["followers", "posts"]
    assert len(result.posts) == 56  # 60 grid tiles, 4 repeated across shelves
    first = result.posts[0]
    assert (first.post_id, first.views, first.author) == ("c31G0fKqHs8", 127696, "OneMedia.")
    assert first.text == "MARMALADE Trailer (2024) Joe Keery"
    assert all(p.published_at is None for p in result.posts)  # only "hace 2 días"


def test_next_response_prefers_exact_texts_over_factoids() -> None:
    result = parsed(FILES[4])
    assert result.format == "innertube_next"
    (post,) = result.posts
    assert (post.post_id, post.author) == ("7PIMiDcwNvc", "PewDiePie")
    assert post.views == 41613595  # "41,613,595 views"
    assert post.likes == 5471574  # "...along with 5,471,574 other people", not the factoid "5.4 million"
    assert post.comments == 501000 and post.approximate == ["comments"]  # comments panel "501k"
    assert post.published_at == "2019-08-24T00:00:00Z"  # dateText "24 Aug 2019"
    assert post.metadata["author_followers"] == 110000000
    assert post.metadata["links"] == ["https://www.handcraftpictures.com/"]  # unwrapped from /redirect
    assert "kewgardens" in post.mentions and "cliona.m.b" in post.mentions


def test_covid_information_overlay_is_not_paid_promotion() -> None:
    (post,) = parsed(FILES[5]).posts
    assert post.post_id == "bjFtFMilb34"
    assert [s for s in post.signals if s.kind == "platform_label"] == []
    assert "labels" not in post.metadata and "paid_partnership" not in post.metadata
    assert post.metadata["notices"] == ["COVID-19 vaccine: See 'about' for more information"]
    assert (post.views, post.likes) == (1042678, 16983)
    assert post.author is None and post.metadata["author_id"] == "UCYpRDnhk5H8h16jpS84uqsA"
    assert post.published_at == "2020-12-27T00:00:00Z"


@pytest.mark.parametrize("index", [6, 7])
def test_player_and_reel_responses_give_exact_views_only(index: int) -> None:
    result = parsed(FILES[index])
    (post,) = result.posts
    assert (post.post_id, post.views, post.likes, post.comments) == ("7PIMiDcwNvc", 41613592, None, None)
    assert post.metadata["duration"] == 381 and post.metadata["author_id"] == "UC-lHJZR3Gqxm24_Vd_AJ5Yw"
    # Fetched through the reel endpoint, but a 381 s video without reel overlay is not a Short.
    assert post.media_type == "video" and post.url == "https://www.youtube.com/watch?v=7PIMiDcwNvc"
    assert result.missing["likes"] == 1 and result.missing["published_at"] == 1


def test_browse_shorts_tab() -> None:
    result = parsed(FILES[8])
    assert len(result.posts) == 48
    assert all(
        p.media_type == "short" and p.url.startswith("https://www.youtube.com/shorts/") for p in result.posts
    )
    first = result.posts[0]
    assert (first.post_id, first.views, first.approximate) == ("l-X5WbDSH2o", 895000, ["views"])
    assert first.author == "Doobydobap"
    (account,) = result.accounts
    assert (account.handle, account.followers, account.posts) == ("Doobydobap", 4320000, 466)
    assert result.next_cursor is not None and result.next_cursor.startswith("4qmFsgLBGBIY")


def test_browse_videos_tab() -> None:
    result = parsed(FILES[9])
    assert len(result.posts) == 30
    first = result.posts[0]
    assert (first.post_id, first.views, first.approximate) == ("BD-LB23rRBE", 28, [])  # "28 views"
    assert first.metadata["duration"] == 4054  # badge "1:07:34"
    assert [p.views for p in result.posts[16:20]] == [12000, 194, 3100, 10000]  # "12k", "194", "3.1k", "10k"
    (account,) = result.accounts
    assert (account.handle, account.followers, account.posts) == ("creativecommons", 8840, 258)
    assert result.next_cursor and result.has_more is True


def test_search_response() -> None:
    result = parsed(FILES[10])
    assert result.format == "innertube_search"
    assert len(result.posts) == 30  # 20 results + 10 in two shelves
    first = result.posts[0]
    assert (first.post_id, first.author, first.views) == ("Z8KYabgkMbw", "BlindTest-Chill", 390201)
    assert first.metadata["duration"] == 2840  # "47:20"
    assert result.next_cursor is not None and result.next_cursor.startswith("Ep0DEgR0ZXN0")


def test_data_api_statistics() -> None:
    result = parsed(FILES[11])
    assert result.format == "data_api"
    (post,) = result.posts
    assert (post.post_id, post.views, post.likes, post.comments) == ("D-lhorsDlUQ", 7920, 190, 32)
    assert post.published_at == "2019-03-21T20:37:49Z"
    assert post.metadata["duration"] == 1267 and post.metadata["author_name"] == "Google Developers"
    assert result.next_cursor is None and result.has_more is False
