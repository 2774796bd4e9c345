"""Check that references exist: Crossref, PubMed, OpenAlex and doi.org over httpx.

Entry point: :func:`check_references` with :class:`CheckSettings`; results are
:class:`referee.model.CheckResult`. Headless: never imports Textual.
"""

from __future__ import annotations

from referee.model import supersedes
from referee.refcheck.check import check_reference, check_references
from referee.refcheck.settings import CheckSettings

__all__ = ["CheckSettings", "check_reference", "check_references", "supersedes"]
