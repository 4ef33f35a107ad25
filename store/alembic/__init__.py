"""Alembic scripts of the store: env.py, the revision template and versions/."""
