"""Every export format by name: the one dispatch the CLI and the TUI share."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from referee.publish.publication import Publication

FORMATS = ("claimreview", "w3c", "hypothesis", "html", "csv")
SUFFIXES = {
    "claimreview": ".claimreview.jsonld",
    "w3c": ".annotations.jsonld",
    "hypothesis": ".hypothesis.json",
    "html": ".review.html",
    "csv": ".review.csv",
}
"""What an export of ``post.md`` is called when saved: ``post.md.review.html``…"""


def render(fmt: str, publication: Publication) -> str:
    """The review in format ``fmt`` (one of :data:`FORMATS`), as text."""
    from referee.publish import claimreview, csvexport, htmlreport, hypothesis, w3c

    if fmt == "html":
        return htmlreport.export(publication)
    if fmt == "csv":
        return csvexport.export(publication)
    module = {"claimreview": claimreview, "w3c": w3c, "hypothesis": hypothesis}[fmt]
    return json.dumps(module.export(publication), ensure_ascii=False, indent=2) + "\n"
