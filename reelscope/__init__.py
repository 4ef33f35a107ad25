"""reelscope: competitive intelligence on short-video platforms (the app shell: CLI and config)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("reelscope")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0+unknown"
