"""Across platforms: fixture URLs match exactly one platform, real captures are recognised and parsed."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugins.host import PluginHost
from plugins.manager import DEFAULT_PLUGINS
from plugins.platform import Page
from plugins.testing import RealPage, all_cases, real_pages

PLATFORMS = ("tiktok", "youtube", "instagram", "x", "facebook", "reddit")
CASES = all_cases()
# Captures that hold no post by nature, with the warning the parser must give instead (the logged-out
# Instagram page is no longer one: its meta tags describe the post).
EMPTY_WITH_WARNING: dict[str, str] = {}


def require_real_pages() -> list[RealPage]:
    """The captures, or a clean skip when the shared folder is absent."""
    pages = real_pages()
    if not pages:
        pytest.skip("../shared/real-pages is absent (a fresh clone): real-capture tests skipped")
    return pages


def test_every_builtin_plugin_loads(host: PluginHost) -> None:
    assert host.registry.failures == []
    assert {p.name for p in host.registry.loaded} == {m.rsplit(".", 1)[-1] for m in DEFAULT_PLUGINS}
    assert set(PLATFORMS) <= set(host.platforms)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_url_matches_exactly_one_platform(host: PluginHost, case) -> None:  # type: ignore[no-untyped-def]
    url = case.expected()["url"]
    matching = [name for name, p in host.platforms.items() if p.match(url)]
    assert matching == [case.expected().get("platform", case.plugin)], url


@pytest.mark.parametrize("name", PLATFORMS)
def test_every_platform_has_fixtures_for_its_formats(name: str) -> None:
    assert sum(1 for c in CASES if c.plugin == name) >= 2


@pytest.mark.parametrize("page", real_pages() or [None], ids=lambda p: p.id if p else "absent")
def test_real_capture_is_recognised_and_parsed(host: PluginHost, page: RealPage | None) -> None:
    require_real_pages()
    assert page is not None
    body = page.path.read_bytes()
    platforms = {chosen.name for chosen, _, _ in host.parse_all(Page(url=page.path.as_uri(), body=body))}
    assert platforms == {page.platform}
    parsed = host.parse_all(Page(url=page.path.as_uri(), body=body))
    posts = [post for _, _, result in parsed for post in result.posts]
    if page.path.name in EMPTY_WITH_WARNING:
        assert posts == []
        assert any(EMPTY_WITH_WARNING[page.path.name] in w for _, _, r in parsed for w in r.warnings)
        return
    assert posts, [r.warnings for _, _, r in parsed]
    for post in posts:
        assert post.platform == page.platform and post.post_id and post.url.startswith("https://")
        for counter in ("views", "likes", "comments", "shares", "saves"):
            value = getattr(post, counter)
            assert value is None or (isinstance(value, int) and value >= 0)


def test_real_pages_cover_every_platform() -> None:
    pages = require_real_pages()
    assert {p.platform for p in pages} == set(PLATFORMS)
    assert all(Path(p.path).is_file() for p in pages)
