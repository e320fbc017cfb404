"""The main window: its panels' wiring, actions, settings, status line and start-up."""
