"""The idle words reader sizes its slices by the time they take, so no slice holds the GUI
thread for long whatever the machine or the words."""

from __future__ import annotations

from cable_annotator.ui.window.background.idle_words_reader import (
    FIRST_SLICE,
    SLICE_BUDGET_S,
    SLICE_RANGE,
    next_slice,
)


def _settled(cost_per_row_s: float, fixed_s: float = 0.0006, turns: int = 12) -> int:
    count = FIRST_SLICE
    for _ in range(turns):
        count = next_slice(count, fixed_s + count * cost_per_row_s)
    return count


def test_slices_settle_near_the_budget_on_a_slow_and_a_fast_machine():
    for per_row in (7e-6, 30e-6):  # this machine at 20,000 annotations; four times slower
        count = _settled(per_row)
        took = 0.0006 + count * per_row
        assert 0.6 * SLICE_BUDGET_S < took < 1.4 * SLICE_BUDGET_S, (per_row, count, took)
    assert _settled(30e-6) < _settled(7e-6)


def test_one_slow_slice_does_not_swing_the_size_and_bounds_hold():
    assert next_slice(400, 0.040) >= 200  # ten times over budget: halved, not cut to 40
    assert next_slice(SLICE_RANGE[1], 1e-9) == SLICE_RANGE[1]
    assert next_slice(SLICE_RANGE[0], 10.0) == SLICE_RANGE[0]


def test_quick_slices_grow_the_size_gradually():
    """Slices over words the cards already read take no time; the next may be all unread."""
    assert next_slice(256, 1e-6) == 512
    assert next_slice(512, 1e-6) == 1024


def test_the_reader_waits_while_the_layout_has_the_turn(qtbot, project):
    """Two background slices in one event-loop turn add up to a stutter: while the text is
    still being laid out, no words are read; then they all are."""
    from cable_annotator.services.annotating import create_annotation
    from cable_annotator.services.deferred_annotations import deferred_annotations_of
    from cable_annotator.services.queries import annotations_of, find_theme
    from cable_annotator.ui.window.background.idle_words_reader import IdleWordsReader
    from tests.conftest import SAMPLE_ID

    theme = find_theme(project, "Arms race").id
    for start in range(0, 600, 20):
        create_annotation(project, SAMPLE_ID, "body", start, start + 10, [theme], note="n")
    annotations, words = deferred_annotations_of(project, SAMPLE_ID)
    laying_out = [True]
    reader = IdleWordsReader(yield_to=lambda: laying_out[0])
    reader.read(words)
    qtbot.wait(150)
    assert reader.is_reading()
    assert not any("quote" in vars(annotation) for annotation in annotations)
    laying_out[0] = False
    qtbot.waitUntil(lambda: not reader.is_reading(), timeout=5000)
    assert all("quote" in vars(annotation) for annotation in annotations)
    assert annotations == annotations_of(project, SAMPLE_ID)


class _SlowWords:
    """Words that take ``per_row_s`` each to read (a slow disk, long notes)."""

    def __init__(self, rows: int, per_row_s: float) -> None:
        self.left, self.per_row_s, self.calls = rows, per_row_s, []

    def read_some(self, count: int) -> bool:
        import time

        started = time.perf_counter()
        count = min(count, self.left)
        while time.perf_counter() < started + count * self.per_row_s:
            pass
        self.left -= count
        self.calls.append(count)
        return self.left == 0


def test_a_slice_stops_at_its_budget_when_the_forecast_is_too_big(qapp):
    """The first slice's size is a guess (FIRST_SLICE): on words ten times slower than
    the guess assumes, the slice still ends near the budget, not ten budgets later."""
    import time

    from cable_annotator.ui.window.background.idle_words_reader import IdleWordsReader

    per_row = 10 * SLICE_BUDGET_S / FIRST_SLICE
    words = _SlowWords(10 * FIRST_SLICE, per_row)
    reader = IdleWordsReader()
    reader._words = words
    started = time.perf_counter()
    reader._read_slice()
    took = time.perf_counter() - started
    assert words.left < 10 * FIRST_SLICE  # it did read
    assert took < 2.5 * SLICE_BUDGET_S + 0.002, took
    reader._timer.stop()
