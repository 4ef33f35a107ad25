"""Canonical public URLs of Instagram posts."""

from __future__ import annotations

import re

BASE_URL = "https://www.instagram.com"
# A shortcode is Instagram's base64 alphabet ("DUgjOD7D0br", "CN2VQ1yI_MA").
SHORTCODE = re.compile(r"^[A-Za-z0-9_-]{5,64}$")


def is_shortcode(value: object) -> bool:
    """Whether a value can be a post's shortcode."""
    return isinstance(value, str) and SHORTCODE.match(value) is not None


def shortcode_of(value: object) -> str | None:
    """The value when it can be a post's shortcode, else None."""
    return value if isinstance(value, str) and SHORTCODE.match(value) is not None else None


def post_url(code: str, reel: bool = False) -> str:
    """The canonical URL of a post: /reel/<code>/ for Reels, /p/<code>/ otherwise."""
    return f"{BASE_URL}/{'reel' if reel else 'p'}/{code}/"
