"""The review leaving the terminal: reports (Markdown, JSON), exports (ClaimReview, W3C,
Hypothesis, HTML, CSV) and the import of W3C and Hypothesis annotations."""
