"""Comparison tests use the shared per-backend database fixtures of tests/conftest.py."""
