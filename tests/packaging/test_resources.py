"""Bundled resources are found from this install (from a built wheel and a fresh virtual
environment: test_distributions.py)."""

from __future__ import annotations

from cable_annotator.resources_access import SAMPLE_CABLE, default_codebook, resource_text


def test_resources_from_this_install() -> None:
    assert resource_text(SAMPLE_CABLE).startswith("293. Telegram 16696")
    assert len(default_codebook()) >= 8
