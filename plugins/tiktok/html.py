"""TikTok HTML pages: video and profile pages (`__UNIVERSAL_DATA_FOR_REHYDRATION__`) and older
`SIGI_STATE` pages."""

from __future__ import annotations

from typing import Any

from plugins.platform import ParseError, ParseResult
from plugins.post import Account, Post, Signal
from plugins.tiktok.embedded import find_state, load
from plugins.tiktok.item import PLATFORM, exact_or_rounded, item_to_post
from plugins.tiktok.labels import PAID_PARTNERSHIP_KEY, label_keys, labels_for, rendered_labels
from plugins.tiktok.tiles import grid_posts
from plugins.values import as_bool, as_dict, as_id, as_list, as_text, dig

# Account field -> user stats key(s), first found wins.
_ACCOUNT_COUNTERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("followers", ("followerCount",)),
    ("following", ("followingCount",)),
    ("likes", ("heartCount", "heart")),
    ("posts", ("videoCount",)),
)


def account_from(user: Any, stats: Any, exact: Any = None) -> Account | None:
    """The Account of a user object with its stats (ints) and statsV2 (exact strings), or None."""
    handle = as_text(dig(user, "uniqueId"))
    if handle is None:
        return None
    user = as_dict(user)
    account = Account(
        platform=PLATFORM,
        handle=handle,
        account_id=as_id(user.get("id")),
        display_name=as_text(user.get("nickname")),
        verified=as_bool(user.get("verified")),
    )
    for name, keys in _ACCOUNT_COUNTERS:
        for key in keys:
            parsed = exact_or_rounded(exact, stats, key)
            if parsed is not None:
                setattr(account, name, parsed[0])
                if parsed[1]:
                    account.approximate.append(name)
                break
    return account


def _apply_labels(body: bytes, post: Post, i18n: Any) -> None:
    """Attach the sponsorship labels rendered for this post's card."""
    labels = labels_for(rendered_labels(body, label_keys(i18n)), post.post_id)
    if not labels:
        return
    texts = list(dict.fromkeys(label.text for label in labels))
    post.metadata["labels"] = texts
    for label in labels:
        detail = {"key": label.key} if label.key else {}
        post.signals.append(Signal("platform_label", label.text, "label", 1.0, detail))
        if label.key == PAID_PARTNERSHIP_KEY:
            post.metadata["paid_partnership"] = True


def _add_item(result: ParseResult, item: Any, seen: set[str], **context: Any) -> Post | None:
    if not isinstance(item, dict):
        return None
    converted = item_to_post(item, **context)
    if converted is None:
        result.warn("item without an id skipped")
        return None
    post, missing = converted
    if post.post_id in seen:
        return None
    seen.add(post.post_id)
    result.add(post, missing=missing)
    return post


def _video_page(body: bytes, scope: dict[str, Any], result: ParseResult) -> None:
    detail = as_dict(scope.get("webapp.video-detail"))
    result.format = "video_page"
    item = dig(detail, "itemInfo", "itemStruct")
    post = _add_item(result, item, set())
    if post is None:
        status = detail.get("statusCode")
        result.warn(f"video page without a video (statusCode {status!r}: {detail.get('statusMsg')!r})")
        return
    _apply_labels(body, post, scope.get("webapp.i18n-translation"))


def _grid(body: bytes, result: ParseResult, seen: set[str]) -> None:
    for post, missing in grid_posts(body):
        if post.post_id not in seen:
            seen.add(post.post_id)
            result.add(post, missing=missing)


def _profile_page(body: bytes, scope: dict[str, Any], result: ParseResult) -> None:
    info = as_dict(dig(scope, "webapp.user-detail", "userInfo"))
    result.format = "profile_page"
    account = account_from(info.get("user"), info.get("stats"), info.get("statsV2"))
    if account is not None:
        result.accounts.append(account)
    seen: set[str] = set()
    for item in as_list(info.get("itemList")):
        _add_item(result, item, seen)
    _grid(body, result, seen)
    if not result.posts:
        result.warn("profile page lists no posts (the account recipe captures /api/post/item_list)")


def _universal(body: bytes, data: Any, result: ParseResult) -> None:
    scope = as_dict(dig(data, "__DEFAULT_SCOPE__"))
    if "webapp.video-detail" in scope:
        _video_page(body, scope, result)
    elif "webapp.user-detail" in scope:
        _profile_page(body, scope, result)
    else:
        result.format = "html_page"
        seen: set[str] = set()
        for item in as_list(scope.get("webapp.updated-items")):  # the For You feed's items (zeeschuimer)
            _add_item(result, item, seen)
        _grid(body, result, seen)
        if not result.posts:
            result.warn("TikTok page without items (listings come from the API the page calls)")


def _sigi(body: bytes, data: dict[str, Any], result: ParseResult) -> None:
    result.format = "sigi_state"
    users = as_dict(dig(data, "UserModule", "users"))
    user_stats = as_dict(dig(data, "UserModule", "stats"))
    seen: set[str] = set()
    for item in as_dict(data.get("ItemModule")).values():
        handle = as_text(dig(item, "author")) or ""
        _add_item(result, item, seen, users=users, author_stats=as_dict(user_stats.get(handle)))
    profile = as_text(dig(data, "UserPage", "uniqueId"))
    if profile is not None:
        account = account_from(users.get(profile), user_stats.get(profile))
        if account is not None:
            result.accounts.append(account)
        listing = as_dict(dig(data, "ItemList", "user-post"))
        has_more = listing.get("hasMore")
        if isinstance(has_more, bool):
            result.has_more = has_more
        cursor = listing.get("cursor")
        if has_more is True and isinstance(cursor, str | int) and not isinstance(cursor, bool):
            result.next_cursor = str(cursor)
    elif result.posts:
        main = as_id(dig(data, "ItemList", "video", "list", 0)) or result.posts[0].post_id
        post = next((p for p in result.posts if p.post_id == main), result.posts[0])
        _apply_labels(body, post, None)
    if not result.posts:
        result.warn("SIGI_STATE page without items")


def parse_html(body: bytes) -> ParseResult:
    """Posts and accounts of a TikTok HTML page; ParseError when it embeds no TikTok state."""
    found = find_state(body)
    if found is None:
        raise ParseError("no __UNIVERSAL_DATA_FOR_REHYDRATION__ or SIGI_STATE script")
    kind, raw = found
    data = load(raw)
    result = ParseResult()
    if not isinstance(data, dict):
        result.format = "html_page"
        result.warn(f"the embedded {kind} JSON is damaged")
        _grid(body, result, set())
        return result
    if kind == "universal":
        _universal(body, data, result)
    else:
        _sigi(body, data, result)
    return result
