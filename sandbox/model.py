"""The sandbox world: a seeded model of accounts, posts, engagement and sponsorships, and its truth."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

PLATFORMS: tuple[str, ...] = ("tiktok", "youtube", "instagram", "x")
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es")
# Counters each platform's formats carry (the sandbox serves exactly these).
COUNTERS: dict[str, tuple[str, ...]] = {
    "tiktok": ("views", "likes", "comments", "shares", "saves"),
    "youtube": ("views", "likes", "comments"),
    "instagram": ("views", "likes", "comments"),
    "x": ("views", "likes", "comments", "shares", "saves"),
}
EPOCH = datetime(2025, 11, 20, 12, 0, 0, tzinfo=UTC)
HASHTAGS: dict[str, tuple[str, ...]] = {
    "en": ("ootd", "recipe", "travel", "skincare"),
    "fr": ("recette", "voyage", "mode", "skincare"),
    "de": ("rezept", "reisen", "mode", "fitness"),
    "es": ("receta", "viaje", "moda", "fitness"),
}
TOPICS: dict[str, tuple[str, ...]] = {
    "en": ("My morning routine", "Three looks for autumn", "Weekend trip diary", "Quick pasta dinner"),
    "fr": ("Ma routine du matin", "Trois tenues pour l'automne", "Carnet de voyage", "Pâtes express"),
    "de": ("Meine Morgenroutine", "Drei Outfits für den Herbst", "Wochenendreise", "Schnelle Pasta"),
    "es": ("Mi rutina de mañana", "Tres looks de otoño", "Diario de viaje", "Pasta rápida"),
}
# Disclosure markers as creators write them, per language.
# A label form ("Werbung |") opens the caption; a hashtag form goes after the topic.
MARKERS: dict[str, tuple[str, ...]] = {
    "en": ("#ad", "#sponsored"),
    "fr": ("[Publicité]", "#publicité"),
    "de": ("Werbung |", "#anzeige"),
    "es": ("#publi", "#publicidad"),
}
_HASHTAG = re.compile(r"#(\w+)")
BRANDS: tuple[tuple[str, str, str], ...] = (
    ("glowlab", "GlowLab", "glowlab.example"),
    ("trailco", "TrailCo", "trailco.example"),
    ("nordbrew", "NordBrew", "nordbrew.example"),
    ("pastamia", "PastaMia", "pastamia.example"),
)
PAGE_SIZE: dict[str, int] = {"tiktok": 10, "youtube": 12, "instagram": 12, "x": 10}


@dataclass(slots=True)
class Account:
    """A creator on one platform."""

    platform: str
    handle: str
    account_id: str
    name: str
    language: str
    followers: int
    disallowed: bool = False  # robots.txt forbids its pages


@dataclass(slots=True)
class Post:
    """A post the sandbox serves, with what it really is (sponsored or not, how it is disclosed)."""

    platform: str
    post_id: str
    account: Account
    published: datetime
    text: str
    language: str
    hashtags: list[str]
    mentions: list[str]
    media_type: str
    counters: dict[str, int]
    sponsored: bool
    disclosure: str | None  # "label" (platform label), "marker" (caption text) or None
    brand: str | None = None
    promo: str | None = None  # promo code or affiliate link in an undisclosed sponsored caption

    @property
    def published_at(self) -> str:
        """UTC ISO-8601, as the post record spells it."""
        return self.published.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def timestamp(self) -> int:
        """Seconds since the epoch."""
        return int(self.published.timestamp())

    @property
    def tags(self) -> list[str]:
        """The hashtags of the caption, lowercase, in order, without duplicates."""
        return list(dict.fromkeys(t.lower() for t in _HASHTAG.findall(self.text)))

    @property
    def title(self) -> str:
        """A video title: the caption up to its first hashtag or link."""
        return self.text.split(" #")[0].split(" http")[0][:60]

    @property
    def full_text(self) -> str:
        """The post text as a parser gives it (YouTube: title, blank line, description)."""
        return f"{self.title}\n\n{self.text}" if self.platform == "youtube" else self.text

    @property
    def url(self) -> str:
        """The canonical public URL a parser gives this post."""
        h, i = self.account.handle, self.post_id
        return {
            "tiktok": f"https://www.tiktok.com/@{h}/video/{i}",
            "youtube": f"https://www.youtube.com/watch?v={i}",
            "instagram": f"https://www.instagram.com/{'reel' if self.media_type == 'video' else 'p'}/{i}/",
            "x": f"https://x.com/{h}/status/{i}",
        }[self.platform]

    def truth(self) -> dict[str, Any]:
        """The ground-truth record of this post: what a faithful crawl must store."""
        return {
            "platform": self.platform,
            "post_id": self.post_id,
            "url": self.url,
            "author": self.account.handle.lower() if self.platform != "youtube" else self.account.handle,
            "published_at": self.published_at,
            "text": self.full_text,
            "language": self.language,
            "hashtags": self.tags,
            **{name: self.counters.get(name) for name in ("views", "likes", "comments", "shares", "saves")},
            "sponsored": self.sponsored,
            "disclosed": self.disclosure is not None,
            "disclosure": self.disclosure,
            "platform_label": self.disclosure == "label",
            "brand": self.brand,
        }


@dataclass(slots=True)
class World:
    """Everything the sandbox serves, generated from a seed."""

    seed: int
    accounts: dict[str, list[Account]] = field(default_factory=dict)
    posts: dict[str, list[Post]] = field(default_factory=dict)  # platform -> newest first
    _by_id: dict[tuple[str, str], Post] = field(default_factory=dict, repr=False)

    def account(self, platform: str, handle: str) -> Account | None:
        """The account of a platform by handle (case-insensitive), or None."""
        low = handle.lower()
        return next((a for a in self.accounts.get(platform, []) if a.handle.lower() == low), None)

    def post(self, platform: str, post_id: str) -> Post | None:
        """A post by id, or None."""
        return self._by_id.get((platform, post_id))

    def posts_of(self, account: Account) -> list[Post]:
        """The account's posts, newest first."""
        return [p for p in self.posts[account.platform] if p.account is account]

    def tagged(self, platform: str, tag: str) -> list[Post]:
        """Posts of a platform carrying a hashtag, newest first."""
        low = tag.lower().lstrip("#")
        return [p for p in self.posts.get(platform, []) if low in p.tags and not p.account.disallowed]

    def search(self, platform: str, query: str) -> list[Post]:
        """Posts of a platform whose text contains every word of the query, newest first."""
        words = query.lower().split()
        return [
            p
            for p in self.posts.get(platform, [])
            if all(w in p.text.lower() for w in words) and not p.account.disallowed
        ]

    def add_post(self, post: Post) -> None:
        """Publish a new post (newest first); used by tests of re-crawls."""
        self.posts[post.platform].insert(0, post)
        self._by_id[(post.platform, post.post_id)] = post

    def truth(self, platform: str | None = None) -> list[dict[str, Any]]:
        """Ground truth of every post served (of one platform, or all)."""
        names = [platform] if platform else list(self.posts)
        return [p.truth() for name in names for p in self.posts.get(name, [])]


def _post_id(platform: str, rng: random.Random) -> str:
    if platform == "tiktok":
        return str(rng.randrange(7_400_000_000_000_000_000, 7_499_999_999_999_999_999))
    if platform == "x":
        return str(rng.randrange(1_850_000_000_000_000_000, 1_899_999_999_999_999_999))
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "".join(rng.choice(alphabet) for _ in range(11))


def _counters(platform: str, rng: random.Random, followers: int, media: str) -> dict[str, int]:
    views = int(followers * rng.uniform(0.2, 3.0)) + rng.randrange(100, 5000)
    likes = int(views * rng.uniform(0.01, 0.12))
    values = {
        "views": views,
        "likes": likes,
        "comments": int(likes * rng.uniform(0.01, 0.1)),
        "shares": int(likes * rng.uniform(0.005, 0.05)),
        "saves": int(likes * rng.uniform(0.01, 0.08)),
    }
    names = COUNTERS[platform]
    if platform == "instagram" and media == "image":
        names = ("likes", "comments")  # photos have no view counter
    return {name: values[name] for name in names}


def _caption(
    rng: random.Random, lang: str, tags: list[str], kind: str, brand: tuple[str, str, str] | None
) -> tuple[str, str | None]:
    """The caption of a post and the promo (code or link) it carries; kind: plain|marker|label|hidden."""
    topic = rng.choice(TOPICS[lang])
    tag_text = " ".join(f"#{t}" for t in tags)
    if brand is None or kind == "plain":
        return f"{topic} {tag_text}", None
    handle, name, _domain = brand
    if kind == "marker":
        marker = rng.choice(MARKERS[lang])
        if marker.startswith("#"):
            return f"{topic} {marker} @{handle} {tag_text}", None
        return f"{marker} {topic} @{handle} {tag_text}", None
    if kind == "label":
        return f"{topic} ft. {name} {tag_text}", None
    # Undisclosed: a promo code or an affiliate link, and no marker.
    if rng.random() < 0.5:
        code = f"{name.upper()}{rng.randrange(10, 40)}"
        phrase = {"en": "use code", "fr": "code promo", "de": "Rabattcode", "es": "código"}[lang]
        return f"{topic} {phrase} {code} {tag_text}", code
    link = f"https://amzn.to/{rng.randrange(10**6, 10**7):x}"
    return f"{topic} {link} {tag_text}", link


def build_world(seed: int = 7, accounts_per_platform: int = 3, posts_per_account: int = 24) -> World:
    """Generate the sandbox world: the same seed always gives the same accounts, posts and labels."""
    rng = random.Random(seed)
    world = World(seed=seed)
    for platform in PLATFORMS:
        world.accounts[platform] = []
        world.posts[platform] = []
        for n in range(accounts_per_platform + 1):
            lang = LANGUAGES[n % len(LANGUAGES)]
            handle = (
                f"{platform[:2]}_{lang}_creator{n}" if platform != "youtube" else f"Creator{lang.upper()}{n}"
            )
            account = Account(
                platform=platform,
                handle=handle,
                account_id=str(rng.randrange(10**17, 10**18))
                if platform != "youtube"
                else "UC"
                + "".join(
                    rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                    for _ in range(22)
                ),
                name=f"Creator {lang.upper()} {n}",
                language=lang,
                followers=rng.randrange(5_000, 900_000),
                disallowed=n == accounts_per_platform,  # the last one sits behind a robots.txt Disallow
            )
            world.accounts[platform].append(account)
            count = posts_per_account if not account.disallowed else 3
            for k in range(count):
                published = EPOCH - timedelta(
                    hours=7 * k + n * 3 + rng.randrange(0, 3), minutes=rng.randrange(60)
                )
                tags = rng.sample(list(HASHTAGS[lang]), 2)
                roll = rng.random()
                sponsored = roll < 0.3
                kind = "plain"
                if sponsored:
                    # Platform labels exist on TikTok, YouTube and Instagram; X gets markers or nothing.
                    kinds = (
                        ("label", "marker", "marker", "hidden")
                        if platform != "x"
                        else ("marker", "marker", "hidden")
                    )
                    kind = rng.choice(kinds)
                brand = rng.choice(BRANDS) if sponsored else None
                text, promo = _caption(rng, lang, tags, kind, brand)
                media = (
                    "text"
                    if platform == "x"
                    else "image"
                    if platform == "instagram" and k % 3 == 2
                    else "video"
                )
                post = Post(
                    platform=platform,
                    post_id=_post_id(platform, rng),
                    account=account,
                    published=published,
                    text=text,
                    language=lang,
                    hashtags=tags,
                    mentions=[brand[0]] if brand and kind == "marker" else [],
                    media_type=media,
                    counters=_counters(platform, rng, account.followers, media),
                    sponsored=sponsored,
                    disclosure={"label": "label", "marker": "marker"}.get(kind),
                    brand=brand[0] if brand else None,
                    promo=promo,
                )
                world.posts[platform].append(post)
                world._by_id[(platform, post.post_id)] = post
        world.posts[platform].sort(key=lambda p: p.published, reverse=True)
    return world
