"""The annotations of a cable: list, cards, note editor, and the undoable edits on them."""
