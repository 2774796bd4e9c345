"""Screens of the referee TUI: the review screen and its modals."""
