"""How reelscope presents itself and what it refuses: a user agent naming the operator's contact, and
public pages only (no login pages, no account cookies)."""

from __future__ import annotations

import os
import re
from importlib.metadata import PackageNotFoundError, version

CONTACT_ENV = "REELSCOPE_CONTACT"
# Paths of login walls on the platforms reelscope knows (and the generic ones).
_LOGIN = re.compile(
    r"/(?:accounts/login|login(?:\.php)?|i/flow/login|signin|sign_in|checkpoint|auth/login)(?:[/?#]|$)",
    re.IGNORECASE,
)


def _version() -> str:
    try:
        return version("reelscope")
    except PackageNotFoundError:
        return "0"


def user_agent(contact: str | None = None) -> str:
    """The crawler's user agent, with the operator's contact ($REELSCOPE_CONTACT) when set."""
    contact = (contact or os.environ.get(CONTACT_ENV, "")).strip()
    suffix = f"; +{contact}" if contact else ""
    return f"reelscope/{_version()} (research crawler{suffix})"


def is_login_page(url: str) -> bool:
    """Whether a URL is a login page (reelscope collects public pages only)."""
    return bool(_LOGIN.search(url))
