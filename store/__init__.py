"""reelscope store."""
