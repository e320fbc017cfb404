"""Long work off the GUI thread: importing and exporting with progress and cancel."""
