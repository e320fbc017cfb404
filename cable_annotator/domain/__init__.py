"""Pure-Python model of cables, their structure and annotations (no Qt, no database)."""
