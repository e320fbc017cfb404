"""The program's place on the desktop: its icon, the About dialog, files given at launch,
and one window per project (later launches hand their files over a local socket)."""
