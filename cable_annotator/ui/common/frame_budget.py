"""How background slices share the GUI thread with the reader's events.

Work done while the reader reads — laying out a long document, reading the words of its
annotations — runs in slices of a few milliseconds from timers. Re-armed at zero
milliseconds, a slicer ran twice in one turn of the event loop around a paint (5.5 + 5 +
5.5 ms: 17 ms during which no other timer, and no key, got a turn — measured on the peer
workload while scrolling). Re-armed at ``BREATH_MS``, every other timer that is due runs
between two slices, so the longest stretch is one slice and one paint.
"""

BREATH_MS = 1
"""The interval at which a background slicer re-arms its timer."""
