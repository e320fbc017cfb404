"""The window's work beside the reader: what runs on timers and in worker threads while
they read (the words of annotations, the rehearsal of the first edit, searches and
reference links, watching for other programs' changes) — each kept short or off the GUI
thread, so scrolling and typing never wait for it."""
