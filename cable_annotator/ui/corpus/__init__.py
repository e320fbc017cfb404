"""The corpus panel: volumes and documents with their annotation counts."""
