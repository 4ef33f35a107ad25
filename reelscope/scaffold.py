"""`reelscope plugin new`: write an installable platform plugin package that passes its own tests."""

from __future__ import annotations

import re
from pathlib import Path

from reelscope.errors import UserError

_NAME = re.compile(r"^[a-z][a-z0-9_]{1,30}$")

_PYPROJECT = """\
[build-system]
requires = ["setuptools>=68"]
build-backend = "setuptools.build_meta"

[project]
name = "reelscope-{name}"
version = "0.1.0"
description = "reelscope platform plugin for {title}"
requires-python = ">=3.11"
dependencies = ["reelscope"]

[project.entry-points.reelscope]
{name} = "reelscope_{name}"

[tool.setuptools.packages.find]
include = ["reelscope_{name}*"]

[tool.setuptools.package-data]
"*" = ["fixtures/**/*"]
"""

_INIT = '''\
"""{title} platform plugin for reelscope: parser and spider recipes."""

from collections.abc import Callable
from typing import Any

from plugins.hookspecs import hookimpl
from plugins.platform import Platform
from reelscope_{name}.parser import FORMATS, parse, sniff
from reelscope_{name}.spider import BASE_URL, DOMAINS, RECIPES, URL_PATTERNS

PLATFORM = Platform(
    name="{name}",
    domains=DOMAINS,
    url_patterns=URL_PATTERNS,
    parse=parse,
    sniff=sniff,
    base_url=BASE_URL,
    recipes=RECIPES,
    formats=FORMATS,
    version="1",
)


@hookimpl
def register_platforms(register: Callable[[Platform], None]) -> None:
    """Register the {title} platform."""
    register(PLATFORM)


@hookimpl
def plugin_info() -> dict[str, Any]:
    """Declare what this plugin provides."""
    return {{"version": "0.1.0", "description": "{title} posts from its JSON API"}}
'''

_PARSER = '''\
"""Pure parser for {title} responses: page in, posts out (no I/O)."""

from __future__ import annotations

from typing import Any

import orjson

from plugins.platform import Page, ParseError, ParseResult
from plugins.post import Post

FORMATS = ("api_items",)
OPTIONAL = ("author", "published_at", "views", "likes", "comments", "shares", "saves")


def sniff(page: Page) -> bool:
    """Whether the body looks like a {title} API response."""
    return b'"{name}_items"' in page.body[:4096]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def parse(page: Page) -> ParseResult:
    """Posts of a {title} API response ``{{"{name}_items": [{{"id", "author", "text", counters}}]}}``."""
    try:
        data = orjson.loads(page.body)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"not JSON: {{exc}}") from None
    items = data.get("{name}_items") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ParseError("no {name}_items list")
    result = ParseResult(format="api_items")
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str | int):
            result.warn("an item without an id was skipped")
            continue
        post_id = str(item["id"])
        author = item.get("author") if isinstance(item.get("author"), str) else None
        post = Post(
            platform="{name}",
            post_id=post_id,
            url=f"https://{domain}/post/{{post_id}}",
            author=author,
            text=item.get("text") if isinstance(item.get("text"), str) else "",
            views=_int(item.get("views")),
            likes=_int(item.get("likes")),
            comments=_int(item.get("comments")),
            media_type="video",
        )
        result.add(post, missing=[f for f in OPTIONAL if getattr(post, f) is None])
    return result
'''

_SPIDER = '''\
"""Where {title} lives and how a spider reaches each kind of target (pure data)."""

from plugins.platform import Recipe

DOMAINS = ("{domain}",)
BASE_URL = "https://{domain}"
URL_PATTERNS = {{
    "post": (r"^https?://{domain_re}/post/[\\w-]+",),
    "account": (r"^https?://{domain_re}/user/[\\w.-]+/?$",),
    "hashtag": (r"^https?://{domain_re}/tag/[\\w-]+",),
    "search": (r"^https?://{domain_re}/search\\?",),
}}
RECIPES = {{
    "post": Recipe("post", lambda base, target: f"{{base}}/api/post/{{target}}"),
    "account": Recipe("account", lambda base, target: f"{{base}}/api/user/{{target}}/posts"),
    "hashtag": Recipe("hashtag", lambda base, target: f"{{base}}/api/tag/{{target}}"),
    "search": Recipe("search", lambda base, target: f"{{base}}/api/search?q={{target}}"),
}}
'''

_INPUT = """\
{{"{name}_items": [
  {{"id": "1001", "author": "alice", "text": "Morning run #fitness", "views": 1200, "likes": 87,
    "comments": 4}},
  {{"id": "1002", "text": "no author, hidden counters"}}
]}}
"""

_EXPECTED = """\
{{
  "url": "https://{domain}/api/tag/fitness",
  "platform": "{name}",
  "posts": [
    {{"post_id": "1001", "url": "https://{domain}/post/1001", "author": "alice", "views": 1200,
      "likes": 87, "comments": 4, "shares": null}},
    {{"post_id": "1002", "author": null, "views": null, "likes": null}}
  ],
  "missing": {{"author": 1, "likes": 1, "shares": 2}}
}}
"""

_TEST = '''\
"""The plugin's fixtures, field by field, and its registration through the entry point."""

from pathlib import Path

import pytest

import reelscope_{name}
from plugins.host import PluginHost
from plugins.testing import check_case, iter_cases

CASES = list(iter_cases(Path(reelscope_{name}.__file__).parent))
CHECKS = [check for case in CASES for check in check_case(case, reelscope_{name}.PLATFORM)]


def test_has_fixtures() -> None:
    assert CASES, "the plugin has no fixture"


@pytest.mark.parametrize("check", CHECKS, ids=[f"{{c.case}}:{{c.where}}" for c in CHECKS])
def test_fixture_field(check) -> None:
    assert check.ok, f"{{check.where}}: expected {{check.expected!r}}, got {{check.actual!r}}"


def test_found_through_entry_point() -> None:
    host = PluginHost.load(allow={{"{name}"}})
    assert "{name}" in host.platforms, host.registry.failures
'''


def scaffold_plugin(name: str, target: Path, domain: str) -> list[Path]:
    """Write the plugin package for platform `name` into `target`; return the files written."""
    if not _NAME.match(name):
        raise UserError(
            f"plugin name {name!r}: use 2-31 lowercase letters, digits or _, starting with a letter"
        )
    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target}: already exists and is not empty")
    values = {
        "name": name,
        "title": name.replace("_", " ").title(),
        "domain": domain,
        "domain_re": re.escape(domain),
    }
    package = target / f"reelscope_{name}"
    files = {
        target / "pyproject.toml": _PYPROJECT,
        package / "__init__.py": _INIT,
        package / "parser.py": _PARSER,
        package / "spider.py": _SPIDER,
        package / "fixtures" / "basic" / "input.json": _INPUT,
        package / "fixtures" / "basic" / "expected.json": _EXPECTED,
        target / "tests" / "test_plugin.py": _TEST,
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**values), encoding="utf-8")
    return list(files)
