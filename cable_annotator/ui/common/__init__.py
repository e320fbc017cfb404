"""Small pieces the window's areas share (a wrapping item delegate)."""
