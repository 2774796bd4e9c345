"""Widgets of the referee TUI."""
