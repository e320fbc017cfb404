"""Data files shipped with Cable Annotator (sample cable, default codebook, icons).

Installed as the package ``cable_annotator.resources`` and read through importlib.resources.
"""
