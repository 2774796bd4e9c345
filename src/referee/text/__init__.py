"""Text analysis: text in, spans out; pure functions of the article's text."""
