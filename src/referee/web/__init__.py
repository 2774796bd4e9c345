"""Start from a URL: fetch a web page, extract its main text, keep its provenance.

:mod:`~referee.web.download` gets the bytes safely (https, size cap, redirects, timeout),
:mod:`~referee.web.decoding` finds the charset, :mod:`~referee.web.extraction` runs
trafilatura, :mod:`~referee.web.page_cache` keeps the raw HTML gzipped, and
:mod:`~referee.web.document` turns it all into Markdown with YAML front matter.
Headless: never imports Textual. trafilatura is imported only when a page is extracted.
"""
