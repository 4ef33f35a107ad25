"""The facade the core calls: named methods over the loaded plugins, never `pm.hook.x(**kw)` by hand."""

from __future__ import annotations

from typing import Any

from plugins.containers import is_container, unpack
from plugins.decision import is_disclosed, is_sponsored
from plugins.manager import Registry, load_plugins
from plugins.platform import Page, ParseError, ParseResult, Platform
from plugins.post import Post, Signal


class PluginHost:
    """Loaded plugins, seen through the operations reelscope needs."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.hook = registry.pm.hook
        self.hook.plugins_loaded(hook=self.hook)

    @classmethod
    def load(cls, allow: set[str] | None = None, entry_points: bool = True) -> PluginHost:
        """Load every plugin (built-ins and entry points) honouring the allow-list."""
        return cls(load_plugins(allow=allow, entry_points=entry_points))

    @property
    def platforms(self) -> dict[str, Platform]:
        """Registered platforms by name."""
        return self.registry.platforms

    def platform(self, name: str) -> Platform:
        """The platform called `name`; KeyError naming the known ones otherwise."""
        try:
            return self.platforms[name]
        except KeyError:
            known = ", ".join(sorted(self.platforms)) or "none"
            raise KeyError(f"unknown platform {name!r} (known: {known})") from None

    def platform_for_url(self, url: str) -> tuple[Platform, str] | None:
        """The platform and target kind whose URL patterns match `url`."""
        for platform in self.platforms.values():
            kind = platform.match(url)
            if kind is not None:
                return platform, kind
        return None

    def recognise(self, page: Page) -> Platform | None:
        """The platform whose URL patterns or format sniffing recognise the page."""
        by_url = self.platform_for_url(page.url)
        if by_url is not None and by_url[0].sniff(page):
            return by_url[0]
        for platform in self.platforms.values():
            if platform.sniff(page):
                return platform
        return None

    def parse(self, page: Page, platform: str | None = None) -> tuple[Platform, ParseResult]:
        """Parse a page with the named platform, or the one that recognises it (ParseError if none)."""
        chosen = self.platform(platform) if platform else self.recognise(page)
        if chosen is None:
            raise ParseError("no platform recognises this page")
        return chosen, chosen.parse(page)

    def parse_all(self, page: Page, platform: str | None = None) -> list[tuple[Platform, Page, ParseResult]]:
        """Parse a page, or every recognised response inside a capture container (HAR, VCR cassette)."""
        if not is_container(page):
            chosen, result = self.parse(page, platform)
            return [(chosen, page, result)]
        parsed = []
        for inner in unpack(page):
            candidate = self.platform(platform) if platform else self.recognise(inner)
            if candidate is None or not candidate.sniff(inner):
                continue
            try:
                parsed.append((candidate, inner, candidate.parse(inner)))
            except ParseError:
                continue
        if not parsed:
            raise ParseError("no response in the capture is a page a platform recognises")
        return parsed

    def detect_signals(self, post: Post) -> list[Signal]:
        """The parser's own signals plus every detector's, merged in plugin order, duplicates dropped."""
        merged: list[Signal] = []
        seen: set[tuple[str, str, str]] = set()
        for result in [post.signals, *reversed(self.hook.detect_signals(post=post))]:
            for signal in result or ():
                key = (signal.kind, signal.evidence, signal.source)
                if key not in seen:
                    seen.add(key)
                    merged.append(signal)
        return merged

    def detect(self, post: Post) -> Post:
        """Run detectors and enrichers on a post in place: signals, sponsored, disclosed, brands."""
        post.signals = self.detect_signals(post)
        post.sponsored = is_sponsored(post.signals)
        post.disclosed = is_disclosed(post.signals)
        self.hook.enrich_post(post=post)
        return post

    def register_commands(self, cli: Any) -> None:
        """Let plugins add their commands to the CLI."""
        self.hook.register_commands(cli=cli)

    def describe(self) -> list[dict[str, Any]]:
        """What each loaded plugin is, implements and provides (for `reelscope plugins`)."""
        out: list[dict[str, Any]] = []
        pm = self.registry.pm
        for loaded in self.registry.loaded:
            plugin = pm.get_plugin(loaded.name)
            hooks = sorted(h.name for h in pm.get_hookcallers(plugin) or [])
            info: dict[str, Any] = {}
            if "plugin_info" in hooks:
                info = dict(getattr(plugin, "plugin_info")() or {})  # noqa: B009
            platforms = [
                p.describe()
                for n, p in self.platforms.items()
                if self.registry.platform_owner[n] == loaded.name
            ]
            out.append(
                {
                    "name": loaded.name,
                    "origin": loaded.origin,
                    "version": str(info.pop("version", loaded.version)),
                    "hooks": hooks,
                    "platforms": platforms,
                    "signal_kinds": list(info.pop("signal_kinds", [])),
                    "counters": sorted({c for p in platforms for c in p["counters"]})
                    or list(info.pop("counters", [])),
                    "description": str(info.pop("description", "")),
                }
            )
        return out
