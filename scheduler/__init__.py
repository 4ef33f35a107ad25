"""reelscope scheduler."""
