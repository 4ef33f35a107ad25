"""The plugin manager: built-ins, throwaway plugins, entry points, allow-list, broken plugins."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from plugins.hookspecs import hookimpl
from plugins.host import PluginHost
from plugins.manager import Registry, load_plugins, new_manager, register_plugin
from plugins.platform import Page, ParseResult, Platform
from plugins.post import Post, Signal


def _platform(name: str) -> Platform:
    def parse(page: Page) -> ParseResult:
        result = ParseResult(format="demo")
        result.add(Post(platform=name, post_id="1", url=f"https://{name}.example/p/1", text=page.text))
        return result

    return Platform(
        name=name,
        domains=(f"{name}.example",),
        url_patterns={"post": (rf"^https://{name}\.example/p/",)},
        parse=parse,
        sniff=lambda page: page.body.startswith(name.encode()),
    )


class ThrowawayPlatform:
    """A plugin object registering one platform and one detector."""

    @hookimpl
    def register_platforms(self, register):  # type: ignore[no-untyped-def]
        register(_platform("throwaway"))

    @hookimpl
    def detect_signals(self, post: Post) -> list[Signal]:
        return [Signal("disclosure", "#throwaway", "text")] if "#throwaway" in post.text else []


class BadHookName:
    """A plugin implementing a hook that does not exist."""

    @hookimpl
    def detect_signalz(self, post: Post) -> list[Signal]:
        return []


class BadHookArgs:
    """A plugin whose hook asks for an argument the spec does not give."""

    @hookimpl
    def detect_signals(self, post: Post, weather: str) -> list[Signal]:
        return []


def test_throwaway_plugin_registered_then_unregistered() -> None:
    registry = Registry(pm=new_manager())
    assert register_plugin(registry, "throwaway", ThrowawayPlatform(), "test", "0")
    host = PluginHost(registry)
    assert "throwaway" in host.platforms
    _, result = host.parse(Page(url="https://throwaway.example/p/1", body=b"throwaway #throwaway"))
    post = host.detect(result.posts[0])
    assert [s.evidence for s in post.signals] == ["#throwaway"]
    assert post.disclosed and post.sponsored
    registry.pm.unregister(name="throwaway")
    assert host.detect(Post(platform="throwaway", post_id="2", url="", text="#throwaway")).signals == []


def test_unknown_hook_is_reported_and_others_still_load() -> None:
    registry = Registry(pm=new_manager())
    assert not register_plugin(registry, "badname", BadHookName(), "test", "0")
    assert register_plugin(registry, "throwaway", ThrowawayPlatform(), "test", "0")
    assert [f.name for f in registry.failures] == ["badname"]
    assert "detect_signalz" in registry.failures[0].reason
    assert registry.pm.get_plugin("badname") is None


def test_invalid_hook_arguments_are_reported() -> None:
    registry = Registry(pm=new_manager())
    assert not register_plugin(registry, "badargs", BadHookArgs(), "test", "0")
    assert "weather" in registry.failures[0].reason


def test_duplicate_platform_name_is_refused() -> None:
    registry = Registry(pm=new_manager())
    assert register_plugin(registry, "first", ThrowawayPlatform(), "test", "0")
    assert not register_plugin(registry, "second", ThrowawayPlatform(), "test", "0")
    assert "already registered by 'first'" in registry.failures[0].reason
    assert registry.platform_owner["throwaway"] == "first"


def test_builtin_that_fails_to_import_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "brokenpkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("raise RuntimeError('boom at import')\n")
    (tmp_path / "goodplugin.py").write_text(
        "from plugins.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def plugin_info():\n    return {'description': 'good'}\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = load_plugins(allow=None, builtins=("brokenpkg", "goodplugin"), entry_points=False)
    assert [f.name for f in registry.failures] == ["brokenpkg"]
    assert "boom at import" in registry.failures[0].reason
    assert [p.name for p in registry.loaded] == ["goodplugin"]


def test_allow_list_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "alpha.py").write_text("")
    (tmp_path / "beta.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("REELSCOPE_PLUGINS", " beta , ")
    registry = load_plugins(builtins=("alpha", "beta"), entry_points=False)
    assert [p.name for p in registry.loaded] == ["beta"]


DIST = {
    "pyproject.toml": """
        [build-system]
        requires = ["setuptools>=68"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "reelscope-demo-ep"
        version = "3.1.4"
        [project.entry-points.reelscope]
        demo_ep = "demo_ep_plugin"
        broken_ep = "demo_ep_broken"
        [tool.setuptools]
        py-modules = ["demo_ep_plugin", "demo_ep_broken"]
    """,
    "demo_ep_plugin.py": """
        from plugins.hookspecs import hookimpl
        from plugins.platform import Platform, ParseResult
        PLATFORM = Platform(name="demo_ep", domains=("demo.example",),
                            url_patterns={"post": (r"^https://demo\\.example/p/",)},
                            parse=lambda page: ParseResult(), sniff=lambda page: False)
        @hookimpl
        def register_platforms(register):
            register(PLATFORM)
        @hookimpl
        def plugin_info():
            return {"signal_kinds": ["disclosure"], "description": "demo"}
    """,
    "demo_ep_broken.py": "raise ImportError('missing dependency nothere')\n",
}


@pytest.fixture(scope="module")
def installed_dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny plugin distribution built and installed with pip into a private folder."""
    src = tmp_path_factory.mktemp("dist-src")
    for name, text in DIST.items():
        (src / name).write_text(textwrap.dedent(text))
    site = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(src),
        ],
        check=True,
        capture_output=True,
    )
    return site


def _reelscope(site: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site), **env}
    return subprocess.run(
        [sys.executable, "-m", "reelscope.cli", *args], capture_output=True, text=True, env=environment
    )


def test_entry_point_plugin_is_found_with_its_version(installed_dist: Path) -> None:
    proc = _reelscope(installed_dist, "plugins", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    demo = next(r for r in rows if r.get("name") == "demo_ep")
    assert demo["version"] == "3.1.4"
    assert demo["origin"] == "entry point reelscope-demo-ep"
    assert [p["name"] for p in demo["platforms"]] == ["demo_ep"]
    assert demo["signal_kinds"] == ["disclosure"]
    assert set(demo["hooks"]) == {"register_platforms", "plugin_info"}
    broken = next(r for r in rows if r.get("name") == "broken_ep")
    assert broken["failed"] and "nothere" in broken["error"]


def test_entry_point_plugin_honours_allow_list(installed_dist: Path) -> None:
    proc = _reelscope(installed_dist, "plugins", "--json", REELSCOPE_PLUGINS="demo_ep")
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["name"] for r in rows] == ["demo_ep"]


def test_plugins_table_names_failures_on_stderr(installed_dist: Path) -> None:
    proc = _reelscope(installed_dist, "plugins")
    assert proc.returncode == 0
    assert "demo_ep" in proc.stdout
    assert "plugin broken_ep not loaded" in proc.stderr and "nothere" in proc.stderr


class SwedishExtension:
    """A plugin that extends the sponsorship detector's data: a jurisdiction and a brand."""

    @hookimpl
    def register_lexicon(self, register):  # type: ignore[no-untyped-def]
        register(
            {
                "jurisdiction": "se",
                "name": "Sweden",
                "languages": ["sv"],
                "authority": "Marknadsföringslagen (2008:486) 9 §",
                "rule": "Advertising must be marked as such: « reklam » up front.",
                "placement": "opening",
                "markers": [
                    {"text": "reklam", "forms": ["label", "hashtag"], "class": "ad", "standing": "valid"}
                ],
            }
        )

    @hookimpl
    def register_brands(self, register):  # type: ignore[no-untyped-def]
        register(
            {"name": "Fjällräven", "aliases": ["fjallraven"], "handles": {}, "domains": ["fjallraven.com"]}
        )


def test_plugins_extend_the_lexicon_and_brands_through_hooks() -> None:
    import plugins.sponsorship

    registry = Registry(pm=new_manager())
    assert register_plugin(registry, "sponsorship", plugins.sponsorship, "builtin", "0")
    assert register_plugin(registry, "swedish", SwedishExtension(), "test", "0")
    host = PluginHost(registry)
    post = host.detect(
        Post(platform="instagram", post_id="1", url="", text="#reklam Ny jacka från Fjällräven")
    )
    assert post.disclosed
    assert any(s.kind == "disclosure" and s.evidence.lower() == "#reklam" for s in post.signals)
    assert post.brands == ["fjällräven"]
