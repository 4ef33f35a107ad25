"""Impersonating downloads for the plain-HTTP path (optional extra `reelscope[impersonate]`:
scrapy-impersonate on curl_cffi): per platform, requests present a real browser's TLS and HTTP/2
fingerprint and default headers, chosen by REELSCOPE_IMPERSONATE ("tiktok=chrome124,youtube=chrome").
The operator's user agent is still sent; login walls are still refused."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)
HANDLER = "scrapy_impersonate.ImpersonateDownloadHandler"
SETTING = "REELSCOPE_IMPERSONATE"
EXTRA = "pip install 'reelscope[impersonate]'"
EXAMPLES = ("chrome124", "chrome131", "safari170", "firefox133")


def parse_impersonate(spec: str) -> dict[str, str]:
    """Read "tiktok=chrome124,youtube=chrome" into platform -> browser; ValueError when malformed."""
    chosen: dict[str, str] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        platform, sep, browser = part.partition("=")
        if not sep or not platform.strip() or not browser.strip():
            raise ValueError(f"{SETTING}: {part!r} is not PLATFORM=BROWSER (e.g. tiktok=chrome124)")
        chosen[platform.strip().lower()] = browser.strip()
    return chosen


def known_browsers() -> list[str]:
    """The browser fingerprints curl_cffi can present; ImportError without the extra."""
    from curl_cffi import BrowserType

    return [b.value for b in BrowserType]


def chosen_browser(spec: str, platform: str) -> str | None:
    """The browser a platform impersonates under the setting `spec` (None: none); ValueError naming
    what is wrong (malformed, the extra not installed, an unknown browser)."""
    browser = parse_impersonate(spec).get(platform)
    if browser is None:
        return None
    try:
        browsers = known_browsers()
        import scrapy_impersonate  # noqa: F401
    except ImportError:
        raise ValueError(
            f"{SETTING} asks {platform} to impersonate {browser}, but scrapy-impersonate is not "
            f"installed ({EXTRA})"
        ) from None
    if browser not in browsers:
        examples = ", ".join(b for b in browsers if b in EXAMPLES)
        raise ValueError(f"{SETTING}: unknown browser {browser!r} for {platform} (e.g. {examples})")
    return browser


def setup(settings: Any, platform: str, *, browser_path: bool) -> str | None:
    """The browser a platform's plain-HTTP requests impersonate (None: plain Scrapy downloads), with the
    impersonating download handler installed; ValueError naming what is wrong in the setting."""
    browser = chosen_browser(str(settings.get(SETTING) or ""), platform)
    if browser is None:
        return None
    if browser_path:
        # Chromium answers those crawls; its download handler serves their plain requests too.
        logger.info("%s=%s ignored: this %s crawl uses the browser path", SETTING, browser, platform)
        return None
    handlers = dict(settings.getdict("DOWNLOAD_HANDLERS"))
    handlers.update({"http": HANDLER, "https": HANDLER})
    settings.set("DOWNLOAD_HANDLERS", handlers, priority="spider")
    logger.info("%s plain-HTTP requests impersonate %s (curl_cffi)", platform, browser)
    return browser
