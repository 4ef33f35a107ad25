"""Load built-in and external plugins into one pluggy manager, reporting the ones that fail."""

from __future__ import annotations

import importlib
import importlib.metadata
import os
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

import pluggy

from plugins import hookspecs
from plugins.platform import Platform

# Built-in plugins are registered exactly like external ones, by module name.
DEFAULT_PLUGINS: tuple[str, ...] = (
    "plugins.tiktok",
    "plugins.youtube",
    "plugins.instagram",
    "plugins.x",
    "plugins.facebook",
    "plugins.reddit",
    "plugins.sponsorship",
    "plugins.engagement",
)
ENTRY_POINT_GROUP = "reelscope"
ALLOW_ENV = "REELSCOPE_PLUGINS"


@dataclass(slots=True)
class PluginFailure:
    """A plugin that could not be loaded, and why."""

    name: str
    reason: str


@dataclass(slots=True)
class LoadedPlugin:
    """A plugin that loaded: its name, where it came from, and its version."""

    name: str
    module: Any
    origin: str  # "builtin" or "entry point <dist>"
    version: str


@dataclass
class Registry:
    """The result of loading: the manager, what loaded, what failed, and the platforms registered."""

    pm: pluggy.PluginManager
    loaded: list[LoadedPlugin] = field(default_factory=list)
    failures: list[PluginFailure] = field(default_factory=list)
    platforms: dict[str, Platform] = field(default_factory=dict)
    platform_owner: dict[str, str] = field(default_factory=dict)


def allow_list(value: str | None = None) -> set[str] | None:
    """Parse the REELSCOPE_PLUGINS allow-list (comma-separated names); None when unset or empty."""
    raw = os.environ.get(ALLOW_ENV, "") if value is None else value
    names = {n.strip() for n in raw.split(",") if n.strip()}
    return names or None


def short_name(module_name: str) -> str:
    """The name a built-in plugin is known by: ``plugins.tiktok`` -> ``tiktok``."""
    return module_name.rsplit(".", 1)[-1]


def new_manager() -> pluggy.PluginManager:
    """A plugin manager that knows reelscope's hook specifications."""
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return pm


def _reelscope_version() -> str:
    try:
        return importlib.metadata.version("reelscope")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def register_plugin(registry: Registry, name: str, module: Any, origin: str, version: str) -> bool:
    """Register one plugin object, validate it, collect its platforms; on failure undo and report."""
    pm = registry.pm
    try:
        pm.register(module, name=name)
    except Exception as exc:  # pluggy raises PluginValidationError or ValueError (duplicate name)
        registry.failures.append(PluginFailure(name, f"invalid plugin: {exc}"))
        return False
    try:
        pm.check_pending()
        platforms = _collect_platforms(pm, name)
    except Exception as exc:
        pm.unregister(name=name)
        registry.failures.append(PluginFailure(name, f"{type(exc).__name__}: {exc}"))
        return False
    for platform in platforms:
        owner = registry.platform_owner.get(platform.name)
        if owner is not None:
            pm.unregister(name=name)
            registry.failures.append(
                PluginFailure(name, f"platform {platform.name!r} is already registered by {owner!r}")
            )
            return False
    for platform in platforms:
        registry.platforms[platform.name] = platform
        registry.platform_owner[platform.name] = name
    registry.loaded.append(LoadedPlugin(name, module, origin, version))
    return True


def _collect_platforms(pm: pluggy.PluginManager, name: str) -> list[Platform]:
    plugin = pm.get_plugin(name)
    impl = getattr(plugin, "register_platforms", None)
    if impl is None or pm.parse_hookimpl_opts(plugin, "register_platforms") is None:
        return []
    found: list[Platform] = []

    def register(platform: Platform) -> None:
        if not isinstance(platform, Platform):
            raise TypeError(f"register_platforms registered {type(platform).__name__}, not a Platform")
        if not platform.name or not platform.name.isidentifier():
            raise ValueError(f"platform name {platform.name!r} is not a valid identifier")
        found.append(platform)

    impl(register=register)
    return found


def load_plugins(
    allow: set[str] | None = None,
    builtins: tuple[str, ...] = DEFAULT_PLUGINS,
    entry_points: bool = True,
) -> Registry:
    """Load built-ins and entry-point plugins, honouring the allow-list; never raises for a plugin."""
    if allow is None:
        allow = allow_list()
    registry = Registry(pm=new_manager())
    version = _reelscope_version()
    for module_name in builtins:
        name = short_name(module_name)
        if allow is not None and name not in allow:
            continue
        try:
            module: ModuleType = importlib.import_module(module_name)
        except Exception as exc:
            registry.failures.append(PluginFailure(name, f"import failed: {type(exc).__name__}: {exc}"))
            continue
        register_plugin(registry, name, module, "builtin", version)
    if entry_points:
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            if allow is not None and ep.name not in allow:
                continue
            dist = ep.dist.name if ep.dist else "?"
            dist_version = ep.dist.version if ep.dist else "?"
            try:
                obj = ep.load()
            except Exception as exc:
                registry.failures.append(
                    PluginFailure(ep.name, f"import failed: {type(exc).__name__}: {exc}")
                )
                continue
            register_plugin(registry, ep.name, obj, f"entry point {dist}", dist_version)
    return registry
