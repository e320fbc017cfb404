"""REFI-QDA exports: a whole project as ``.qdpx`` and the codebook alone as ``.qdc``."""
