"""The review leaving the terminal: reports and JSON shapes."""
