"""The Textual interface of referee."""
