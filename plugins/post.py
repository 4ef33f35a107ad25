"""The post record (DESIGN §4): one typed model shared by parsers, detectors and the store."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import orjson

COUNTERS: tuple[str, ...] = ("views", "likes", "comments", "shares", "saves")
MEDIA_TYPES: frozenset[str] = frozenset({"video", "short", "image", "carousel", "text", "live"})
SIGNAL_KINDS: frozenset[str] = frozenset(
    {
        "platform_label",
        "promoted",
        "disclosure",
        "promo_code",
        "affiliate_link",
        "brand_link",
        "brand_mention",
        "paid_partner",
        "spark_ads",
        "classifier",
    }
)
SIGNAL_SOURCES: frozenset[str] = frozenset({"label", "text", "link", "metadata", "model"})


@dataclass(slots=True)
class Signal:
    """One piece of evidence that a post is commercial or disclosed."""

    kind: str
    evidence: str
    source: str
    strength: float = 1.0
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of this signal."""
        return {
            "kind": self.kind,
            "evidence": self.evidence,
            "source": self.source,
            "strength": self.strength,
            "detail": self.detail,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Signal:
        """Build a signal from its JSON mapping (strength and detail optional)."""
        return cls(
            kind=str(data["kind"]),
            evidence=str(data.get("evidence", "")),
            source=str(data.get("source", "metadata")),
            strength=float(data.get("strength", 1.0)),
            detail=dict(data.get("detail") or {}),
        )


@dataclass(slots=True)
class Post:
    """A public post as every parser emits it and the store keeps it (DESIGN §4)."""

    platform: str
    post_id: str
    url: str
    author: str | None = None
    published_at: str | None = None
    text: str = ""
    hashtags: list[str] = field(default_factory=list)
    mentions: list[str] = field(default_factory=list)
    media_type: str | None = None
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    saves: int | None = None
    approximate: list[str] = field(default_factory=list)
    sponsored: bool = False
    disclosed: bool = False
    signals: list[Signal] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    # Platform facts that detectors read (labels, flags, links, follower counts); not in §4's list
    # but carried through so detection stays explainable.
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of this post, in the contract's key order."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "signals":
                value = [s.to_dict() for s in value]
            elif isinstance(value, list):
                value = list(value)
            out[f.name] = value
        return out

    def to_json(self) -> bytes:
        """Serialise to one line of JSON (bytes, no trailing newline)."""
        return orjson.dumps(self.to_dict())

    @classmethod
    def from_dict(cls, data: dict[str, Any], strict: bool = True) -> Post:
        """Build a post from its JSON mapping; only `platform` is required.

        Unknown keys raise ValueError when `strict`, and are ignored otherwise (records from other tools).
        """
        known = {f.name for f in fields(cls)}
        unknown = set(data) - known
        if unknown and strict:
            raise ValueError(f"unknown post field(s): {', '.join(sorted(unknown))}")
        if not isinstance(data.get("platform"), str) or not data["platform"]:
            raise ValueError("post record lacks 'platform'")
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["post_id"] = str(data.get("post_id") or "")
        kwargs["url"] = str(data.get("url") or "")
        kwargs["signals"] = [Signal.from_dict(s) for s in data.get("signals") or []]
        for name in ("hashtags", "mentions", "approximate", "brands"):
            kwargs[name] = list(data.get(name) or [])
        kwargs["metadata"] = dict(data.get("metadata") or {})
        kwargs["text"] = data.get("text") or ""
        if not isinstance(kwargs["text"], str):
            raise ValueError("post field 'text' must be a string")
        return cls(**kwargs)

    @classmethod
    def from_json(cls, raw: bytes | str) -> Post:
        """Parse one JSON line into a post."""
        data = orjson.loads(raw)
        if not isinstance(data, dict):
            raise ValueError("a post record must be a JSON object")
        return cls.from_dict(data)

    @property
    def key(self) -> tuple[str, str]:
        """The identity of the post across crawls: (platform, post_id)."""
        return (self.platform, self.post_id)


_new_object = object.__new__
_post_init = Post.__init__


def new_post(
    platform: str,
    post_id: str,
    url: str,
    *,
    author: str | None = None,
    published_at: str | None = None,
    text: str = "",
    hashtags: list[str] | None = None,
    mentions: list[str] | None = None,
    media_type: str | None = None,
    views: int | None = None,
    likes: int | None = None,
    comments: int | None = None,
    shares: int | None = None,
    saves: int | None = None,
    approximate: list[str] | None = None,
    sponsored: bool = False,
    disclosed: bool = False,
    signals: list[Signal] | None = None,
    brands: list[str] | None = None,
    metadata: dict[str, Any] | None = None,
) -> Post:
    """The Post that `Post(...)` with the same keywords builds (None lists are empty), at half the cost."""
    # Calling a class with keywords packs them into a dict for __init__; parsers build a Post per item
    # and are timed against the JSON load, so they call __init__ positionally on a bare instance.
    post: Post = _new_object(Post)
    _post_init(
        post,
        platform,
        post_id,
        url,
        author,
        published_at,
        text,
        [] if hashtags is None else hashtags,
        [] if mentions is None else mentions,
        media_type,
        views,
        likes,
        comments,
        shares,
        saves,
        [] if approximate is None else approximate,
        sponsored,
        disclosed,
        [] if signals is None else signals,
        [] if brands is None else brands,
        {} if metadata is None else metadata,
    )
    return post


@dataclass(slots=True)
class Account:
    """Public counters of an account as a profile page shows them."""

    platform: str
    handle: str
    account_id: str | None = None
    display_name: str | None = None
    followers: int | None = None
    following: int | None = None
    likes: int | None = None
    posts: int | None = None
    verified: bool | None = None
    approximate: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready mapping of this account."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Account:
        """Build an account from its JSON mapping."""
        kwargs = dict(data)
        kwargs["approximate"] = list(data.get("approximate") or [])
        return cls(**kwargs)
