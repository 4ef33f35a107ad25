"""Listing tiles: views only where a views word says so, live tiles, Shorts, owners, continuation."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from plugins.platform import Page
from plugins.youtube import PLATFORM, listing
from plugins.youtube.counts import Count
from plugins.youtube.owner import Owner
from plugins.youtube.watch import OPTIONAL


def _lockup(
    parts: list[str], badge: str = "12:04", style: str = "THUMBNAIL_OVERLAY_BADGE_STYLE_DEFAULT"
) -> dict[str, Any]:
    rows = [{"metadataParts": [{"text": {"content": p}} for p in parts]}]
    return {
        "lockupViewModel": {
            "contentId": "Abcdefghij1",
            "contentType": "LOCKUP_CONTENT_TYPE_VIDEO",
            "contentImage": {
                "thumbnailViewModel": {
                    "overlays": [
                        {
                            "thumbnailBottomOverlayViewModel": {
                                "badges": [{"thumbnailBadgeViewModel": {"text": badge, "badgeStyle": style}}]
                            }
                        }
                    ]
                }
            },
            "metadata": {
                "lockupMetadataViewModel": {
                    "title": {"content": "T"},
                    "metadata": {"contentMetadataViewModel": {"metadataRows": rows}},
                }
            },
        }
    }


def test_lockup_views_are_read_from_the_views_part_not_the_age() -> None:
    tile = listing.tile_of(_lockup(["il y a 13 jours", "1,2\u00a0k vues"]))
    assert tile is not None and tile.views == (1200, True) and tile.duration == 724
    no_views = listing.tile_of(_lockup(["13 days ago"]))
    assert no_views is not None and no_views.views is None


def test_live_lockup_has_no_views() -> None:
    tile = listing.tile_of(
        _lockup(["1,204 watching"], badge="LIVE", style="THUMBNAIL_OVERLAY_BADGE_STYLE_LIVE")
    )
    assert tile is not None and tile.live and tile.views is None
    post, missing = listing.to_post(tile, None)
    assert post.media_type == "live" and "views" in missing


def test_playlist_lockups_are_not_videos() -> None:
    model = _lockup(["3 videos"])
    model["lockupViewModel"]["contentType"] = "LOCKUP_CONTENT_TYPE_PLAYLIST"
    assert listing.tile_of(model) is None


def test_shorts_tile_by_overlay_style_and_reel_endpoint() -> None:
    video = {
        "videoRenderer": {
            "videoId": "Abcdefghij1",
            "viewCountText": {"simpleText": "36K views"},
            "thumbnailOverlays": [{"thumbnailOverlayTimeStatusRenderer": {"style": "SHORTS"}}],
        }
    }
    tile = listing.tile_of(video)
    assert tile is not None and tile.short and tile.views == (36000, True)
    lockup = {
        "shortsLockupViewModel": {
            "entityId": "shorts-shelf-item-Abcdefghij2",
            "accessibilityText": "Top 10 tips, 1.2 million views - play Short",
        }
    }
    short = listing.tile_of(lockup)
    assert short is not None and short.video_id == "Abcdefghij2" and short.views == (1200000, True)


def test_channel_lends_its_owner_only_to_its_own_tiles() -> None:
    channel = Owner("Me", "UCme000000000000000000000"[:24], "Me", 1000)
    other = listing.Tile("Abcdefghij1", owner=Owner("Other", "UCother00000000000000000", "Other"))
    mine = listing.Tile("Abcdefghij2", owner=Owner("Me", None, "Me"))
    assert listing.to_post(other, channel)[0].metadata.get("author_followers") is None
    assert listing.to_post(mine, channel)[0].metadata["author_followers"] == 1000
    assert listing.to_post(listing.Tile("Abcdefghij3"), channel)[0].author == "Me"


def test_continuation_token_is_the_closing_entry() -> None:
    entries = [
        {"richItemRenderer": {}},
        {"continuationItemRenderer": {"continuationEndpoint": {"continuationCommand": {"token": "TOKEN"}}}},
    ]
    assert listing.continuation(entries) == "TOKEN"
    assert listing.continuation([{"richItemRenderer": {}}]) is None


def test_hashtag_page_lists_videos_without_inventing_an_account() -> None:
    browse = {"browseId": "UCknitter000000000000000", "canonicalBaseUrl": "/@Knitter"}
    owner = {"runs": [{"text": "Knitter", "navigationEndpoint": {"browseEndpoint": browse}}]}
    video = {
        "videoId": "Abcdefghij1",
        "title": {"runs": [{"text": "Cable knit #knitting"}]},
        "viewCountText": {"simpleText": "1,234 views"},
        "ownerText": owner,
    }
    grid = {"richGridRenderer": {"contents": [{"richItemRenderer": {"content": {"videoRenderer": video}}}]}}
    parts = [{"text": {"content": "12K videos"}}, {"text": {"content": "3.1K channels"}}]
    header = {
        "pageTitle": "#knitting",
        "content": {
            "pageHeaderViewModel": {
                "title": {"dynamicTextViewModel": {"text": {"content": "#knitting"}}},
                "metadata": {"contentMetadataViewModel": {"metadataRows": [{"metadataParts": parts}]}},
            }
        },
    }
    data = {
        "contents": {
            "twoColumnBrowseResultsRenderer": {"tabs": [{"tabRenderer": {"selected": True, "content": grid}}]}
        },
        "header": {"pageHeaderRenderer": header},
    }
    body = b"<html><script>var ytInitialData = " + orjson.dumps(data) + b";</script></html>"
    result = PLATFORM.parse(Page(url="https://www.youtube.com/hashtag/knitting", body=body))
    assert result.format == "listing_page" and result.accounts == []
    (post,) = result.posts
    assert (post.post_id, post.author, post.views, post.hashtags) == (
        "Abcdefghij1",
        "Knitter",
        1234,
        ["knitting"],
    )


@pytest.mark.parametrize("views", [None, (5, False), (1200, True)])
@pytest.mark.parametrize("owner", [None, Owner("Me"), Owner(None, "UCme000000000000000000000"[:24])])
def test_missing_fields_of_a_tile_post_are_its_none_fields_in_contract_order(
    views: Count | None, owner: Owner | None
) -> None:
    post, missing = listing.to_post(listing.Tile("Abcdefghij1", "T", views, owner=owner), None)
    assert missing == [name for name in OPTIONAL if getattr(post, name) is None]
    assert post.approximate == (["views"] if views and views[1] else [])
