"""The store's one error type: a problem the user can fix, told in one line (no traceback)."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used: malformed URL, missing driver, or unreachable server."""
