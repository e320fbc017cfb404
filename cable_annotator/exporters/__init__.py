"""Writers that turn annotations into research formats (CSV; later REFI-QDA, JSON-LD)."""
