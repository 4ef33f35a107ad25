"""Story units of m.facebook.com / mbasic pages (a `data-ft` with `top_level_post_id`) as Posts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from plugins.facebook.labels import apply_labels
from plugins.facebook.live import Feedback
from plugins.facebook.markup import attribute_json, epoch_to_iso, outside_links, visible_text
from plugins.numbers import parse_count
from plugins.post import Post
from plugins.values import as_id

WWW = "https://www.facebook.com"
MOBILE = "https://m.facebook.com"
_STORY = re.compile(r'data-ft="([^"]*?top_level_post_id[^"]*)"')
_TEXT_MARK = "&quot;tn&quot;:&quot;*s&quot;"
_TEXT_ENDS = ("&quot;tn&quot;:&quot;H&quot;", "&quot;tn&quot;:&quot;E&quot;", "<footer", 'class="_5rgu')
_AUTHOR = re.compile(
    r'<strong[^>]*>\s*(?:<span[^>]*>\s*)?<a\b[^>]*?href="/([^"/?]+)/?(?:\?[^"]*)?"[^>]*>([^<]{1,100})</a>'
)
_NOT_HANDLES = frozenset(
    {"profile.php", "story.php", "photo.php", "permalink.php", "groups", "watch", "events"}
)
_COUNTER = re.compile(
    r">\s*(\d[\d.,\u00a0 ]*\s?[KkMm]?)\s+(Likes?|Reactions?|Comments?|Shares?|Views?)\s*<", re.IGNORECASE
)
_REACTIONS = re.compile(r'class="_1g06"[^>]*>\s*(\d[\d.,]*\s?[KkMm]?)\s*<')
_TIME = re.compile(r"data-store=\"&#123;&quot;time&quot;:(\d+)")
_MORE = re.compile(r"\s*(?:…|\.\.\.)\s*More$")
_UFI_SPAN = 4000
_WORDS = {"like": "likes", "reaction": "likes", "comment": "comments", "share": "shares", "view": "views"}
_MEDIA = {
    "album": "carousel",
    "photo": "image",
    "cover_photo": "image",
    "profile_media": "image",
    "video_inline": "video",
    "video_autoplay": "video",
    "video": "video",
    "animated_image_video": "video",
    "live_video": "live",
}
HASHTAG = re.compile(r"(?<![\w&#])#(\w+)")


@dataclass(frozen=True, slots=True)
class StoryUnit:
    """A story's data-ft facts and the stretch of HTML that belongs to it."""

    ft: dict[str, Any]
    html: str


def iter_stories(text: str) -> Iterator[StoryUnit]:
    """Story units in page order, each with its HTML up to the next story."""
    matches = list(_STORY.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        yield StoryUnit(attribute_json(match.group(1)), text[match.end() : end])


def _header(html: str) -> str:
    end = html.find("</header>")
    return html[: end if end >= 0 else 3000]


def _body_html(html: str) -> str:
    """The HTML of a story's message (the element marked `tn: *s`), up to its attachments."""
    mark = html.find(_TEXT_MARK)
    start = html.find(">", mark) + 1 if mark >= 0 else 0
    if mark < 0 or start <= 0:
        return ""
    ends = [i for i in (html.find(e, start) for e in _TEXT_ENDS) if i >= 0]
    if not ends:
        return html[start : start + 20_000]
    # The end marks sit inside the next element's opening tag: stop before that tag.
    return html[start : max(start, html.rfind("<", start, min(ends) + 1))]


def _ufi(html: str) -> str:
    """The feedback bar of a story: after its footer, before the first comment."""
    start = html.find("<footer")
    start = start if start >= 0 else len(_header(html))
    region = html[start : start + _UFI_SPAN]
    comment = region.find('data-sigil="comment"')
    return region[:comment] if comment >= 0 else region


def visible_counts(region: str) -> Feedback:
    """Counters a story's feedback bar shows as text ("281 shares", "1.6K Comments")."""
    feedback = Feedback()
    reactions = _REACTIONS.search(region)
    found = [(m.group(1), m.group(2)) for m in _COUNTER.finditer(region)]
    if reactions:
        found.insert(0, (reactions.group(1), "likes"))
    for number, word in found:
        counter = _WORDS.get(word.lower().rstrip("s"), word.lower())
        parsed = parse_count(number)
        if parsed is None or counter in feedback.counts:
            continue
        feedback.counts[counter] = parsed[0]
        if parsed[1]:
            feedback.approximate.append(counter)
    return feedback


def _published(ft: dict[str, Any], html: str) -> str | None:
    insights = ft.get("page_insights")
    for value in insights.values() if isinstance(insights, dict) else ():
        context = value.get("post_context") if isinstance(value, dict) else None
        if isinstance(context, dict) and epoch_to_iso(context.get("publish_time")):
            return epoch_to_iso(context.get("publish_time"))
    found = _TIME.search(_header(html))
    return epoch_to_iso(found.group(1)) if found else None


def _media(ft: dict[str, Any]) -> str:
    style = ft.get("story_attachment_style")
    if isinstance(style, str) and style in _MEDIA:
        return _MEDIA[style]
    photos = ft.get("photo_attachments_list")
    if isinstance(photos, list) and len(photos) > 1:
        return "carousel"
    return "text"


def post_url(post_id: str, handle: str | None, page_id: str | None) -> str:
    """The canonical public URL of a post: by page handle, else the story.php permalink."""
    if handle:
        return f"{WWW}/{handle}/posts/{post_id}"
    if page_id:
        return f"{MOBILE}/story.php?story_fbid={post_id}&id={page_id}"
    return f"{MOBILE}/story.php?story_fbid={post_id}"


def apply_feedback(post: Post, feedback: Feedback | None) -> None:
    """Set the counters a feedback source gives (first source wins) and mark the abbreviated ones."""
    if feedback is None:
        return
    for counter, value in feedback.counts.items():
        if getattr(post, counter) is None:
            setattr(post, counter, value)
            if counter in feedback.approximate:
                post.approximate.append(counter)


def story_to_post(unit: StoryUnit, live: dict[str, Feedback]) -> tuple[Post, list[str]] | None:
    """A Post from a story unit and the optional fields it lacks; None without a post id."""
    ft = unit.ft
    post_id = as_id(ft.get("top_level_post_id")) or as_id(ft.get("tl_objid"))
    if post_id is None:
        return None
    page_id = as_id(ft.get("content_owner_id_new")) or as_id(ft.get("page_id"))
    header = _header(unit.html)
    author = _AUTHOR.search(header)
    handle = author.group(1) if author and author.group(1) not in _NOT_HANDLES else None
    body = _body_html(unit.html)
    text = _MORE.sub("", visible_text(body))
    post = Post(
        platform="facebook",
        post_id=post_id,
        url=post_url(post_id, handle, page_id),
        author=handle,
        published_at=_published(ft, unit.html),
        text=text,
        hashtags=list(dict.fromkeys(tag.lower() for tag in HASHTAG.findall(text))),
        media_type=_media(ft),
    )
    apply_feedback(post, live.get(post_id))
    apply_feedback(post, visible_counts(_ufi(unit.html)))
    facts = {
        "author_id": page_id,
        "author_name": visible_text(author.group(2)) if author else None,
        "links": outside_links(body),
    }
    post.metadata.update({k: v for k, v in facts.items() if v})
    apply_labels(post, header)
    missing = [c for c in ("views", "likes", "comments", "shares", "saves") if getattr(post, c) is None]
    missing += [name for name in ("author", "published_at") if getattr(post, name) is None]
    return post, missing
