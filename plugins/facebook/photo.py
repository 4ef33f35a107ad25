"""m.facebook.com photo pages (one photo of an album post, with its own feedback) as Posts."""

from __future__ import annotations

import re

from plugins.facebook.live import Feedback
from plugins.facebook.markup import epoch_to_iso
from plugins.facebook.story import apply_feedback
from plugins.post import Post

WWW = "https://www.facebook.com"
_PHOTO_URL = re.compile(r"facebook\.com/([\w.-]+)/photos/(?:[\w.-]+/)?(\d+)|[?&]fbid=(\d+)")
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]+)"')
_TIME = re.compile(r"data-store=\"&#123;&quot;time&quot;:(\d+)")
_PARENT = re.compile(r'href="/story\.php\?story_fbid=(\d+)&amp;id=(\d+)')
_NOT_HANDLES = frozenset({"photo.php", "profile.php", "media"})


def photo_url(photo_id: str) -> str:
    """The canonical URL of a photo."""
    return f"{WWW}/photo.php?fbid={photo_id}"


def _photo_ref(page_url: str, text: str) -> tuple[str | None, str | None]:
    """(owner handle, photo id) from the page's canonical link, else from the URL it was fetched at."""
    canonical = _CANONICAL.search(text[:200_000])
    for source in (canonical.group(1) if canonical else "", page_url):
        found = _PHOTO_URL.search(source)
        if found:
            handle = found.group(1) if found.group(1) not in _NOT_HANDLES else None
            return handle, found.group(2) or found.group(3)
    return None, None


def photo_to_post(page_url: str, text: str, live: dict[str, Feedback]) -> tuple[Post, list[str]] | None:
    """The photo a photo page shows, with its feedback counters; None when the page names no photo."""
    handle, photo_id = _photo_ref(page_url, text)
    if photo_id is None or photo_id not in live:
        return None
    published = _TIME.search(text)
    post = Post(
        platform="facebook",
        post_id=photo_id,
        url=photo_url(photo_id),
        author=handle,
        published_at=epoch_to_iso(published.group(1)) if published else None,
        media_type="image",
    )
    apply_feedback(post, live[photo_id])
    parent = _PARENT.search(text)
    if parent:
        post.metadata.update({"album_post_id": parent.group(1), "author_id": parent.group(2)})
    missing = [c for c in ("views", "likes", "comments", "shares", "saves") if getattr(post, c) is None]
    missing += [name for name in ("author", "published_at") if getattr(post, name) is None]
    return post, missing
