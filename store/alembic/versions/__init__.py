"""Schema revisions, oldest first (named NNNN_slug.py)."""
