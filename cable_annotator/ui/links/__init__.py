"""The references panel: what the open cable cites and what cites it."""
