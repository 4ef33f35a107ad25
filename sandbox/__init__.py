"""A local server of platform-shaped pages (TikTok, YouTube, Instagram, X) for tests, benches and the demo."""

from sandbox.model import PLATFORMS, World, build_world
from sandbox.server import Sandbox

__all__ = ["PLATFORMS", "Sandbox", "World", "build_world"]
