"""referee: a terminal article reviewer.

Importing the package imports nothing heavy: the core modules never import
Textual, and the TUI is loaded only when it is started.
"""

__version__ = "0.1.0"
