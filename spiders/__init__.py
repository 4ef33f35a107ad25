"""reelscope spiders."""
