"""Pseudonymised creators: handles and ids of accounts not on the watchlist become keyed hashes.

A pseudonym is `anon_` + the first 16 hex digits of HMAC-SHA256(key, "platform:kind:value"), with
the value lowercased for handles, so one creator gets one pseudonym in every post, mention, URL and
export, and analyses by creator still work. The key comes from the environment only
($REELSCOPE_PSEUDONYM_KEY) and is never written anywhere. Brand handles and watched accounts keep
their names. Pure: no I/O beyond reading the key from the environment.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
from collections.abc import Iterable, Mapping
from typing import Any

from plugins.post import Account, Post

KEY_ENV = "REELSCOPE_PSEUDONYM_KEY"
MIN_KEY_CHARS = 16
PREFIX = "anon_"
_PSEUDONYM = re.compile(r"^anon_[0-9a-f]{16}$")
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.]*[A-Za-z0-9_]|[A-Za-z0-9_])")
# Handles in post and profile URLs: tiktok.com/@h/…, x.com/h/status/…, instagram.com/h/, youtube.com/@h.
_URL_HANDLE = re.compile(
    r"(?P<pre>(?P<host>tiktok|youtube|instagram|x|twitter)\.com/@?)"
    r"(?P<handle>[A-Za-z0-9_.]+)",
    re.IGNORECASE,
)
_URL_RESERVED = frozenset(
    {
        *("p", "reel", "reels", "tv", "stories", "explore", "accounts"),
        *("watch", "shorts", "channel", "c", "results", "playlist", "embed"),
        *("i", "hashtag", "search", "home", "intent", "tag", "music", "discover", "video"),
    }
)
# Metadata keys that name or identify the post's author, or list other creators' handles.
_ID_KEYS = frozenset({"author_id", "user_id", "owner_id", "channel_id", "user_id_str"})
_NAME_KEYS = frozenset({"author_name", "author_fullname", "nickname", "display_name", "owner_name"})
_HANDLE_LIST_KEYS = frozenset({"tagged", "coauthors", "collaborators", "usertags"})


class PseudonymKeyError(ValueError):
    """Pseudonymisation is asked for but the key is missing or too short."""


def key_from_env(environ: Mapping[str, str] | None = None) -> bytes:
    """The pseudonymisation key from $REELSCOPE_PSEUDONYM_KEY; PseudonymKeyError when absent or short."""
    value = (os.environ if environ is None else environ).get(KEY_ENV, "")
    if not value:
        raise PseudonymKeyError(
            f"privacy.pseudonymise is on but ${KEY_ENV} is not set: export a secret of at least "
            f"{MIN_KEY_CHARS} characters (it is never stored)"
        )
    if len(value) < MIN_KEY_CHARS:
        raise PseudonymKeyError(f"${KEY_ENV} is too short: use at least {MIN_KEY_CHARS} characters")
    return value.encode()


def is_pseudonym(value: str) -> bool:
    """Whether a value is already a pseudonym (pseudonymising is idempotent)."""
    return bool(_PSEUDONYM.match(value))


# A value starts a word, or follows a percent-escape (%22, %40, %2F in URLs and logged queries).
_BEFORE = r"(?:(?<![\w.])|(?<=%[0-9A-Fa-f]{2}))"


def _boundary(value: str) -> re.Pattern[str]:
    return re.compile(rf"{_BEFORE}{re.escape(value)}(?!\w)", re.IGNORECASE)


class Pseudonymiser:
    """Replaces creators' handles and ids in records with keyed hashes; keeps brands and watched accounts."""

    def __init__(
        self, key: bytes, keep: Mapping[str, Iterable[str]] | None = None, *, mask_mentions: bool = True
    ) -> None:
        self._key = key
        # keep: platform -> handles; the "*" entry applies to every platform (brand handles).
        self.keep = {p: {h.lstrip("@").lower() for h in hs} for p, hs in (keep or {}).items()}
        self.mask_mentions = mask_mentions
        self.seen: dict[str, str] = {}  # raw value -> pseudonym, for scrubbing logs
        self._scrub: re.Pattern[str] | None = None
        self._scrub_map: dict[str, str] = {}
        self._scrub_size = 0

    def kept(self, platform: str, handle: str) -> bool:
        """Whether a handle keeps its name (a brand, a watched account, or already a pseudonym)."""
        low = handle.lstrip("@").lower()
        return is_pseudonym(low) or low in self.keep.get(platform, ()) or low in self.keep.get("*", ())

    def _hash(self, platform: str, kind: str, value: str) -> str:
        digest = hmac.new(self._key, f"{platform}:{kind}:{value}".encode(), hashlib.sha256).hexdigest()
        return PREFIX + digest[:16]

    def handle(self, platform: str, handle: str | None) -> str | None:
        """A handle's pseudonym (None stays None; kept handles stay as they are)."""
        if not handle or self.kept(platform, handle):
            return handle
        bare = handle.lstrip("@")
        out = self._hash(platform, "handle", bare.lower())
        self.seen[bare] = out
        return out

    def ident(self, platform: str, value: Any) -> Any:
        """A numeric or opaque account id's pseudonym."""
        if value is None or value == "" or is_pseudonym(str(value)):
            return value
        out = self._hash(platform, "id", str(value))
        self.seen[str(value)] = out
        return out

    def text(self, platform: str, text: str, raw: Mapping[str, str] | None = None) -> str:
        """Mask @mentions of creators, handles in URLs, then every known raw value (`raw` -> pseudonym)."""
        if not text:
            return text
        text = _MENTION.sub(lambda m: "@" + (self.handle(platform, m.group(1)) or ""), text)
        text = _URL_HANDLE.sub(self._url_part, text)
        for value, pseudonym in (raw or {}).items():
            if value and value != pseudonym:
                text = _boundary(value).sub(pseudonym, text)
        return text

    def _url_part(self, match: re.Match[str]) -> str:
        handle = match.group("handle")
        if handle.lower() in _URL_RESERVED or handle.isdigit():
            return match.group(0)
        host = match.group("host").lower()
        return match.group("pre") + (self.handle("x" if host == "twitter" else host, handle) or "")

    def free_text(self, platform: str, text: str, raw: Mapping[str, str]) -> str:
        """Captions and evidence: masked like `text` when privacy.mask_mentions is on, else kept."""
        return self.text(platform, text, raw) if self.mask_mentions else text

    def _deep(self, platform: str, value: Any, raw: Mapping[str, str]) -> Any:
        if isinstance(value, str):
            return self.text(platform, value, raw)
        if isinstance(value, list):
            return [self._deep(platform, v, raw) for v in value]
        if isinstance(value, dict):
            return {k: self._deep(platform, v, raw) for k, v in value.items()}
        return value

    def _meta(self, platform: str, meta: dict[str, Any], raw: dict[str, str], author_kept: bool) -> dict:
        out: dict[str, Any] = {}
        for key, value in meta.items():
            if key in _ID_KEYS and not author_kept:
                pseudonym = self.ident(platform, value)
                raw[str(value)] = pseudonym
                out[key] = pseudonym
            elif key in _NAME_KEYS and not author_kept:
                continue  # a person's display name: not needed for any analysis
            elif key in _HANDLE_LIST_KEYS and isinstance(value, list):
                out[key] = [self.handle(platform, v) if isinstance(v, str) else v for v in value]
                raw.update({v.lstrip("@"): out[key][i] for i, v in enumerate(value) if isinstance(v, str)})
            else:
                out[key] = value
        return out

    def post(self, post: Post) -> Post:
        """Pseudonymise a post in place (author, mentions, ids and names in metadata, text, URL, evidence)."""
        platform = post.platform
        raw: dict[str, str] = {}
        author_kept = not post.author or self.kept(platform, post.author)
        if post.author and not author_kept:
            pseudonym = self.handle(platform, post.author)
            raw[post.author.lstrip("@")] = pseudonym or ""
            post.author = pseudonym
        mentions = []
        for mention in post.mentions:
            pseudonym = self.handle(platform, mention) or mention
            if pseudonym != mention:
                raw[mention.lstrip("@")] = pseudonym
            mentions.append(pseudonym)
        post.mentions = list(dict.fromkeys(mentions))
        post.metadata = self._deep(platform, self._meta(platform, post.metadata, raw, author_kept), raw)
        post.url = self.text(platform, post.url, raw)
        post.text = self.free_text(platform, post.text, raw)
        for signal in post.signals:
            signal.evidence = self.free_text(platform, signal.evidence, raw)
            signal.detail = self._deep(platform, signal.detail, raw)
        return post

    def account(self, account: Account) -> Account:
        """Pseudonymise an account in place (handle, id; its display name is dropped)."""
        if self.kept(account.platform, account.handle):
            return account
        account.handle = self.handle(account.platform, account.handle) or account.handle
        account.account_id = self.ident(account.platform, account.account_id)
        account.display_name = None
        return account

    def target(self, platform: str, kind: str, target: str) -> str:
        """A crawl target as stored: an account not on the watchlist is pseudonymised, anything else kept."""
        if kind != "account":
            return self.text(platform, target) if target.startswith("http") else target
        return self.handle(platform, target) or target

    def scrub(self, line: str) -> str:
        """Replace every raw value pseudonymised so far (and URL handles) in a log line."""
        line = _URL_HANDLE.sub(self._url_part, line)
        if len(self.seen) != self._scrub_size:
            seen = dict(self.seen)
            names = sorted(seen, key=len, reverse=True)
            alternation = "|".join(re.escape(n) for n in names)
            self._scrub = re.compile(rf"{_BEFORE}(?:{alternation})(?!\w)", re.IGNORECASE) if names else None
            self._scrub_map = {n.lower(): p for n, p in seen.items()}
            self._scrub_size = len(seen)
        if self._scrub is None:
            return line
        return self._scrub.sub(lambda m: self._scrub_map.get(m.group(0).lower(), m.group(0)), line)
