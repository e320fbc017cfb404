"""REFI-QDA projects (``.qdpx``) and codebooks (``.qdc``) → plain records."""
