"""reelscope plugins: hook specifications, the manager, and the built-in plugins."""
