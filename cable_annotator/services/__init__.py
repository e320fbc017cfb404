"""One function per use case, over the project store; each returns what changed."""
