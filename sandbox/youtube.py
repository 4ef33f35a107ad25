"""YouTube-shaped bodies: watch pages (ytInitialPlayerResponse + ytInitialData), channel Videos tabs with a
continuation, InnerTube /browse continuations, hashtag and search result pages."""

from __future__ import annotations

import html
from typing import Any

import orjson

from sandbox.model import Account, Post

PAID_PROMOTION = "Includes paid promotion"


def _json(value: Any) -> str:
    return orjson.dumps(value).decode().replace("</", "<\\/")


def _channel_endpoint(account: Account) -> dict[str, Any]:
    return {
        "commandMetadata": {
            "webCommandMetadata": {"url": f"/@{account.handle}", "webPageType": "WEB_PAGE_TYPE_CHANNEL"}
        },
        "browseEndpoint": {"browseId": account.account_id, "canonicalBaseUrl": f"/@{account.handle}"},
    }


def _page(*scripts: str, title: str = "YouTube") -> bytes:
    body = "".join(f'<script nonce="n0nce">{s}</script>' for s in scripts)
    head = f'<!DOCTYPE html><html lang="en"><head><title>{html.escape(title)}</title></head>'
    return f"{head}<body>{body}</body></html>".encode()


def watch_page(post: Post) -> bytes:
    """The watch page of a video, with the paid-promotion overlay when the creator declared one."""
    a, c = post.account, post.counters
    player: dict[str, Any] = {
        "playabilityStatus": {"status": "OK"},
        "videoDetails": {
            "videoId": post.post_id,
            "title": post.title,
            "lengthSeconds": "312",
            "channelId": a.account_id,
            "shortDescription": post.text,
            "viewCount": str(c["views"]),
            "author": a.name,
            "isLiveContent": False,
        },
        "microformat": {
            "playerMicroformatRenderer": {
                "title": {"simpleText": post.title},
                "description": {"simpleText": post.text},
                "lengthSeconds": "312",
                "ownerProfileUrl": f"http://www.youtube.com/@{a.handle}",
                "externalChannelId": a.account_id,
                "viewCount": str(c["views"]),
                "publishDate": post.published.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                "uploadDate": post.published.strftime("%Y-%m-%dT%H:%M:%S+00:00"),
                "ownerChannelName": a.name,
                "externalVideoId": post.post_id,
                "isShortsEligible": False,
                "likeCount": str(c["likes"]),
            }
        },
    }
    data: dict[str, Any] = {
        "currentVideoEndpoint": {"watchEndpoint": {"videoId": post.post_id}},
        "contents": {
            "twoColumnWatchNextResults": {
                "results": {
                    "results": {
                        "contents": [
                            {
                                "videoPrimaryInfoRenderer": {
                                    "title": {"runs": [{"text": post.title}]},
                                    "viewCount": {
                                        "videoViewCountRenderer": {
                                            "viewCount": {"simpleText": f"{c['views']:,} views"}
                                        }
                                    },
                                    "videoActions": {
                                        "menuRenderer": {
                                            "topLevelButtons": [
                                                {
                                                    "segmentedLikeDislikeButtonViewModel": {
                                                        "likeCountEntity": {
                                                            "likeCountIfIndifferentNumber": str(c["likes"])
                                                        }
                                                    }
                                                }
                                            ]
                                        }
                                    },
                                }
                            },
                            {
                                "videoSecondaryInfoRenderer": {
                                    "owner": {
                                        "videoOwnerRenderer": {
                                            "title": {
                                                "runs": [
                                                    {
                                                        "text": a.name,
                                                        "navigationEndpoint": _channel_endpoint(a),
                                                    }
                                                ]
                                            },
                                            "navigationEndpoint": _channel_endpoint(a),
                                        }
                                    },
                                    "attributedDescription": {"content": post.text},
                                }
                            },
                            {
                                "itemSectionRenderer": {
                                    "contents": [
                                        {
                                            "commentsEntryPointHeaderRenderer": {
                                                "commentCount": {"simpleText": str(c["comments"])}
                                            }
                                        }
                                    ],
                                    "sectionIdentifier": "comments-entry-point",
                                }
                            },
                        ]
                    }
                }
            }
        },
    }
    if post.disclosure == "label":
        data["playerOverlays"] = {
            "playerOverlayRenderer": {
                "playerDisclosure": {
                    "paidContentOverlayRenderer": {
                        "text": {"runs": [{"text": PAID_PROMOTION}]},
                        "durationMs": "10000",
                        "icon": {"iconType": "MONEY_HAND"},
                    }
                }
            }
        }
    return _page(
        f"var ytInitialPlayerResponse = {_json(player)};",
        f"var ytInitialData = {_json(data)};",
        title=f"{post.text[:40]} - YouTube",
    )


def video_tile(post: Post) -> dict[str, Any]:
    """A videoRenderer tile of a listing."""
    return {
        "videoRenderer": {
            "videoId": post.post_id,
            "title": {"runs": [{"text": post.title}]},
            "ownerText": {
                "runs": [{"text": post.account.name, "navigationEndpoint": _channel_endpoint(post.account)}]
            },
            "publishedTimeText": {"simpleText": "2 days ago"},
            "lengthText": {"simpleText": "5:12"},
            "viewCountText": {"simpleText": f"{post.counters['views']:,} views"},
            "navigationEndpoint": {"watchEndpoint": {"videoId": post.post_id}},
        }
    }


def _continuation(token: str | None) -> list[dict[str, Any]]:
    if token is None:
        return []
    return [{"continuationItemRenderer": {"continuationEndpoint": {"continuationCommand": {"token": token}}}}]


def channel_videos(account: Account, posts: list[Post], token: str | None) -> str:
    """The server-side script of a channel's Videos tab: the first tiles, then a continuation token."""
    items = [{"richItemRenderer": {"content": video_tile(p)}} for p in posts] + _continuation(token)
    data = {
        "contents": {
            "twoColumnBrowseResultsRenderer": {
                "tabs": [
                    {
                        "tabRenderer": {
                            "title": "Home",
                            "endpoint": {
                                "commandMetadata": {"webCommandMetadata": {"url": f"/@{account.handle}"}}
                            },
                        }
                    },
                    {
                        "tabRenderer": {
                            "title": "Videos",
                            "selected": True,
                            "content": {"richGridRenderer": {"contents": items}},
                        }
                    },
                ]
            }
        },
        "metadata": {
            "channelMetadataRenderer": {
                "title": account.name,
                "externalId": account.account_id,
                "vanityChannelUrl": f"http://www.youtube.com/@{account.handle}",
            }
        },
    }
    return f'<script nonce="n0nce">var ytInitialData = {_json(data)};</script>'


def browse_continuation(posts: list[Post], token: str | None) -> bytes:
    """An InnerTube /browse continuation response."""
    items = [{"richItemRenderer": {"content": video_tile(p)}} for p in posts] + _continuation(token)
    return orjson.dumps(
        {
            "responseContext": {"visitorData": "Cgtzc2FuZGJveA"},
            "onResponseReceivedActions": [{"appendContinuationItemsAction": {"continuationItems": items}}],
        }
    )


def results_page(posts: list[Post], title: str) -> bytes:
    """A search results (or hashtag) page with every tile server-side."""
    data = {
        "estimatedResults": str(len(posts)),
        "contents": {
            "twoColumnSearchResultsRenderer": {
                "primaryContents": {
                    "sectionListRenderer": {
                        "contents": [{"itemSectionRenderer": {"contents": [video_tile(p) for p in posts]}}]
                    }
                }
            }
        },
    }
    return _page(f"var ytInitialData = {_json(data)};", title=f"{title} - YouTube")
