"""Readers that turn files (FRUS plain text, FRUS TEI volumes) into domain objects."""
