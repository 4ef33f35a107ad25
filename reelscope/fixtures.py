"""`reelscope plugin record` and `plugin test`: fixtures from live pages, and per-field results."""

from __future__ import annotations

import importlib
import urllib.request
from pathlib import Path

import orjson

from plugins.host import PluginHost
from plugins.platform import Page, ParseError, Platform
from plugins.testing import FieldCheck, check_case, iter_cases, record_expected
from reelscope.errors import UserError
from reelscope.output import say
from reelscope.pages import page_from_file

_EXTENSIONS = {"html": ".html", "json": ".json", "ndjson": ".ndjson"}


def fetch_page(url: str, timeout: float = 30.0) -> Page:
    """Fetch a public page (http, https or file URL) as a Page; UserError when it cannot be had."""
    if "://" not in url:
        return page_from_file(Path(url))
    if not url.startswith(("http://", "https://", "file://")):
        raise UserError(f"{url}: only http, https and file URLs can be recorded")
    request = urllib.request.Request(url, headers={"User-Agent": "reelscope (fixture recorder)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers = {k.lower(): v for k, v in response.headers.items()}
            return Page(url=url, body=response.read(), headers=headers)
    except OSError as exc:
        raise UserError(f"{url}: cannot be fetched ({exc})") from None


def _kind_of(body: bytes) -> str:
    head = body.lstrip()[:1]
    if head in (b"{", b"["):
        lines = [line for line in body.splitlines() if line.strip()]
        if len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines[:3]):
            try:
                orjson.loads(body)
            except orjson.JSONDecodeError:
                return "ndjson"
        return "json"
    return "html"


def plugin_folder(platform: Platform) -> Path:
    """The package folder of the plugin that provides `platform`."""
    module = importlib.import_module(platform.parse.__module__.rsplit(".", 1)[0])
    return Path(module.__file__ or ".").parent


def record_fixture(
    h: PluginHost,
    url: str,
    case: str,
    platform: str | None = None,
    page_url: str | None = None,
    fixtures: Path | None = None,
) -> Path:
    """Save the page and the expected.json it produces today as fixture `case`; return its folder."""
    page = fetch_page(url)
    if page_url:
        page.url = page_url
    try:
        chosen, _ = h.parse(page, platform)
    except ParseError:
        raise UserError(f"no platform recognises {url}") from None
    except KeyError as exc:
        raise UserError(str(exc.args[0])) from None
    folder = (fixtures or plugin_folder(chosen) / "fixtures") / case
    if folder.exists():
        raise UserError(f"{folder}: the case already exists; choose another --as name")
    folder.mkdir(parents=True)
    (folder / f"input{_EXTENSIONS[_kind_of(page.body)]}").write_bytes(page.body)
    expected = record_expected(page, chosen)
    (folder / "expected.json").write_bytes(orjson.dumps(expected, option=orjson.OPT_INDENT_2) + b"\n")
    return folder


def run_fixtures(h: PluginHost, name: str | None = None, verbose: bool = False) -> int:
    """Check every fixture of the named platform (or all); print per-field results; return failures."""
    names = [name] if name else sorted(h.platforms)
    failed = 0
    for platform_name in names:
        try:
            platform = h.platform(platform_name)
        except KeyError as exc:
            raise UserError(str(exc.args[0])) from None
        checks: list[FieldCheck] = []
        for case in iter_cases(plugin_folder(platform)):
            try:
                checks.extend(check_case(case, platform))
            except ParseError as exc:
                checks.append(FieldCheck(case.id, "parse", "posts", f"ParseError: {exc}"))
        bad = [c for c in checks if not c.ok]
        failed += len(bad)
        say(f"{platform_name}: {len(checks) - len(bad)}/{len(checks)} fields as expected")
        for check in checks:
            if not check.ok:
                say(
                    f"{check.case} {check.where}: expected {check.expected!r}, got {check.actual!r}",
                    "red",
                    "  FAIL",
                )
            elif verbose:
                say(f"  ok   {check.case} {check.where}")
    return failed
