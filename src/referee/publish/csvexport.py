"""CSV: one row per claim of the article, for spreadsheets and scripts.

Columns: ``id, verdict, text, note, refs, reviewer, reviewed, anchor``. Every
claim is a row, judged or not (anchored claims in document order, then orphans);
``refs`` are space-separated reference ids; ``text`` is the claim's text now (the
stored quote for an orphan). RFC 4180 quoting, CRLF row ends as the csv module
writes them. A cell that a spreadsheet would run as a formula (it starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading
``'``, OWASP's advice for CSV injection: hostile text stays text.
"""

from __future__ import annotations

import csv
import io

from referee.publish.publication import Publication, day

COLUMNS = ("id", "verdict", "text", "note", "refs", "reviewer", "reviewed", "anchor")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str | None) -> str:
    value = value or ""
    return "'" + value if value.startswith(_FORMULA) else value


def export(pub: Publication) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for state in pub.all_claims():
        writer.writerow(
            [
                state.id,
                state.verdict or "",
                _cell(state.text),
                _cell(state.note),
                " ".join(state.refs),
                _cell(state.reviewer),
                day(state.reviewed) or "",
                state.anchor,
            ]
        )
    return out.getvalue()
