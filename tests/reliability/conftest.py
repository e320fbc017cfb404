"""The reliability suite: on-demand soak runs stay out of the normal test run.

Tests marked ``soak`` run only when the marker expression names them
(``pytest -m soak tests/reliability``); the README's one test command does not.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if "soak" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="soak test: run with -m soak")
    for item in items:
        if item.get_closest_marker("soak"):
            item.add_marker(skip)
