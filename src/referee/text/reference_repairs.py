"""Repairs of the trained parser's labelled runs, where it is known to stumble.

Each rule fixes one category of error seen in the training data or the working half
of the dev set (never the held-out sets): a boundary between authors and title, a
name read as a title before ``eds.``, a subtitle read as a genre, a place that is a
book, a book read as part of its editors. The runs are ``(label, text)`` in order.
"""

from __future__ import annotations

import re

from referee.text.reference_names import names_organisation

_EDS = re.compile(r"\(?(?:eds?|editors?|hrsg|hg)\.?\)?[.,]?", re.IGNORECASE)
_NAMES_EDS = re.compile(
    r"(?i)(?P<names>[^()]*?[\s,]\(?(?:eds?|editors?)\.?\)?[.,]?)(?:\s+(?P<rest>[A-ZÀ-Þ“‘\"].*))?$"
)
_EDS_START = re.compile(r"(?i)(?:in\b|edited|ed\.\s+by|eds?\.|\(?eds?\b|editors?\b)")
_NAMES_TAIL = re.compile(r"(?:[^\W\d_][\w'’\-]*\s){1,3}[A-Z]{1,3},?")


_BARE_TAIL = re.compile(r"(?<=[.,;:)])\s+((?:[A-ZÀ-Þ][\w'’\-]*|[a-z]+)(?:\s[\w'’\-]+){0,2})$")
_ET_AL = re.compile(r"(?i)et\s+al|and\s+others|et\s+coll|u\.\s*a")
_INITIAL_END = re.compile(r"(?:^|\s)(?:[A-Z]\.\s?){1,3}$")
_NAME_AFTER_INITIALS = re.compile(r"([^\W\d_][\w'’\-]+,)\s*")
_JOURNAL_WORD_END = re.compile(
    r",?\s+((?:Rev|Phys|Proc|Ann|Nucl|Appl|Lett|Chem|Biol|Med|Trans|Bull|Astrophys|Opt|Mater)\.)$"
)


def repair(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Rules over the labelled runs where the model is known to stumble: a name
    taken for a title before ``eds.`` (``Del Valle HB, eds.``); a subtitle taken for
    a genre (``Noise and sleep: Technical brief``)."""
    out: list[tuple[str, str]] = []
    for label, segment in runs:
        if out and out[-1][0] == "author" and label in ("journal", "container"):
            # "… and A. A. Firsov, Science 306": the family name after the initials.
            tail = _NAME_AFTER_INITIALS.match(segment) if _INITIAL_END.search(out[-1][1]) else None
            if tail:
                out[-1] = ("author", f"{out[-1][1]} {tail.group(1)}")
                segment = segment[tail.end() :]
                if not segment:
                    continue
            # "C. L. Kane, Rev. | Mod. Phys.": a journal word taken for a name.
            stray = _JOURNAL_WORD_END.search(out[-1][1]) if label == "journal" else None
            if stray:
                out[-1] = ("author", out[-1][1][: stray.start()])
                segment = f"{stray.group(1)} {segment}"
        names_eds = _NAMES_EDS.match(segment) if label == "editor" else None
        if names_eds and out and out[-1][0] == "author" and not _EDS_START.match(segment):
            # "Ross AC, Taylor CL, | Del Valle HB, eds. [Title.]": one list of editors
            # (who lead the book) cut in two, and maybe the title after it.
            out[-1] = ("author", f"{out[-1][1]} {names_eds.group('names')}")
            rest = names_eds.group("rest")
            if not rest:
                continue
            label, segment = ("title" if "title" not in {lab for lab, _ in runs} else label), rest
        if (
            label == "editor"
            and _EDS.fullmatch(segment)
            and out
            and out[-1][0] == "title"
            and _NAMES_TAIL.fullmatch(out[-1][1])
        ):
            names = out.pop()[1]
            if out and out[-1][0] == "author":
                names = f"{out.pop()[1]} {names}"
            out.append(("editor", f"{names} {segment}"))
            continue
        if (
            label in ("genre", "note")
            and out
            and out[-1][0] == "title"
            and out[-1][1].endswith(":")
            and not re.match(r"(?i)(?:available|retrieved|accessed|doi|http)", segment)
        ):
            out[-1] = ("title", f"{out[-1][1]} {segment}")
            continue
        if label == "title" and out and out[-1][0] == "author":
            # "…, Doukhan, J.-C., | A TEM investigation": the title's first word taken
            # for a name; an author list ends with punctuation before the title.
            tail = _BARE_TAIL.search(out[-1][1])
            if tail and tail.start() > 0 and not _ET_AL.match(tail.group(1)):
                out[-1] = ("author", out[-1][1][: tail.start()])
                segment = f"{tail.group(1)} {segment}"
        if (
            label == "journal"
            and out
            and out[-1][0] == "title"
            and re.fullmatch(r"(?:[A-Z][a-z]{0,5}\.\s?){1,2}", out[-1][1])
        ):
            # "Rev. | Mod. Phys.": an abbreviated journal's first word taken for a title.
            segment = f"{out.pop()[1]} {segment}"
        if out and out[-1][0] == label:
            out[-1] = (label, f"{out[-1][1]} {segment}")
        else:
            out.append((label, segment))
    out = _title_after_author(_author_before_date(out))
    out = _publisher_in_title(_book_in_title(_quoted_title_end(out)))
    out = _publisher_in_parentheses(out)
    return _book_in_editors(_long_place(_given_name_in_title(out)))


_EDS_THEN_BOOK = re.compile(
    r"(?i)^(?:in:?\s+)?(?P<names>.+?)\s*\((?:eds?|hrsg|hg|dirs?)\.?\)\s*[,:.]?\s+(?P<book>.{3,})$"
)
_BOOK_THEN_EDS = re.compile(
    r"(?i)^in:?\s+(?P<book>.{3,}?),?\s+(?:ed\.|eds\.|edited\s+by|hrsg\.\s+v\.|hg\.\s+v\.)\s+(?P<names>.+)$"
)


def _book_in_editors(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The book a chapter is in, read as part of its editors: ``In P. Machamer (Eds.),
    Motion and Time`` (APA) and ``In Rhetoric, Women and Politics, ed. J. Richards``
    (Chicago)."""
    labels = {label for label, _ in runs}
    if "container" in labels or "journal" in labels:
        return runs
    for i, (label, segment) in enumerate(runs):
        if label != "editor":
            continue
        eds = _EDS_THEN_BOOK.match(segment)
        if eds:
            return [
                *runs[:i],
                ("editor", eds.group("names")),
                ("container", eds.group("book")),
                *runs[i + 1 :],
            ]
        book = _BOOK_THEN_EDS.match(segment)
        if book:
            return [
                *runs[:i],
                ("container", book.group("book")),
                ("editor", book.group("names")),
                *runs[i + 1 :],
            ]
        break
    return runs


def _given_name_in_title(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``Weber, | Max: Die protestantische Ethik``: German styles end the names with a
    colon; the given name belongs to the author."""
    for i in range(1, len(runs)):
        if (
            runs[i][0] == "title"
            and runs[i - 1][0] == "author"
            and re.fullmatch(r"(?:(?:von|van|de|di|du|da|zu)\s)*[^\s,]+,", runs[i - 1][1])
        ):
            match = re.match(
                r"((?:[A-ZÀ-Þ][\w'’\-]*\.?\s){0,2}[A-ZÀ-Þ][\w'’\-]*\.?:)\s+", runs[i][1]
            )
            if match:
                runs = list(runs)
                runs[i - 1] = ("author", f"{runs[i - 1][1]} {match.group(1)}")
                runs[i] = ("title", runs[i][1][match.end() :])
            break
    return runs


def _long_place(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``“Title.” Simians, Cyborgs, and Women: The Reinvention of Nature, Routledge,``:
    four words and more are no place; after a title they are the book it is in (MLA's
    container, publisher)."""
    for i in range(1, len(runs)):
        label, segment = runs[i]
        if label != "location" or len(segment.split()) < 4 or runs[i - 1][0] != "title":
            continue
        runs = list(runs)
        if i + 1 < len(runs) and runs[i + 1][0] == "publisher":
            head, comma, publisher = runs[i + 1][1].rstrip(", ").rpartition(", ")
            if comma:
                runs[i + 1] = ("publisher", publisher)
                segment = f"{segment} {head}"
        runs[i] = ("container", segment)
        break
    return runs


_UNTITLED_LABELS = frozenset({"note", "genre", "location", "publisher", "edition", "collection"})
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.?!][\"”’]?(?:\s+|$)")


def _title_after_author(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """No title found, but the words after the authors (and their date) are taken for
    a note or a place: ``Morrison, Toni. [Beloved.] Alfred A. Knopf, 1987``, ``(2023,
    May 11). [Insomnia: Symptoms and causes.] https://...``. The sentence there is the
    title, as every author-first style has it."""
    labels = [label for label, _ in runs]
    if "title" in labels or "author" not in labels:
        return runs
    i = labels.index("author") + 1
    if i < len(runs) and runs[i][0] == "date":
        i += 1
    if i >= len(runs) or runs[i][0] not in _UNTITLED_LABELS:
        return runs
    title = ""
    j = i
    while j < len(runs) and j < i + 4 and runs[j][0] not in ("doi", "date"):
        label, segment = runs[j]
        end = _SENTENCE_END.search(segment)
        if end:
            title = f"{title} {segment[: end.start() + 1]}".strip()
            rest = segment[end.end() :].strip()
            return [*runs[:i], ("title", title), *([(label, rest)] if rest else []), *runs[j + 1 :]]
        title = f"{title} {segment}".strip()
        j += 1
    return runs


_CLOSING = {"“": "”", "‘": "’", "«": "»", '"': '"', "„": "“"}
_AFTER_CLOSE = re.compile(r"[,.]?\s+")


def _quoted_title_end(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A quoted title runs on past its closing quotation mark: ``‘The Reality Effect’, in
    The Rustle of Language`` (MHRA), ``“Title.” Journal Name`` (MLA, Chicago). The
    quotation mark ends the title; what follows is the book or journal it is in."""
    for i, (label, segment) in enumerate(runs):
        if label != "title":
            continue
        close = _CLOSING.get(segment[:1])
        if close is None:
            return runs
        at = 1
        while True:
            at = segment.find(close, at)
            if at < 0:
                return runs
            after = _AFTER_CLOSE.match(segment, at + 1)
            # The quotation mark ends a sentence: ``.”``, ``?”``, ``’,``; never a quoted
            # phrase that opens a title (``‘The functional tradition’ and expression``).
            if after and (segment[at - 1] in ",.?!" or segment[at + 1 : at + 2] in (",", ".")):
                break
            at += 1
        rest = segment[after.end() :].strip()
        labels = {lab for lab, _ in runs}
        if not rest or not re.match(r"(?:in:?\s+)?[\w„“‘\"'«(]", rest, re.IGNORECASE):
            return runs
        title = segment[: at + 1] + segment[at + 1 : after.end()].rstrip()
        following = runs[i + 1][0] if i + 1 < len(runs) else None
        if following in ("container", "journal"):
            return [
                *runs[:i],
                ("title", title),
                (following, f"{rest} {runs[i + 1][1]}"),
                *runs[i + 2 :],
            ]
        if "container" in labels or "journal" in labels:
            return runs
        return [*runs[:i], ("title", title), ("container", rest), *runs[i + 1 :]]
    return runs


_IN_BOOK = re.compile(r"(?<=[.,])\s+(?:In:\s+|In\s+(?=[A-ZÀ-Þ„“‘\"]))")


def _book_in_title(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``Vom Zirkel des Verstehens. In: Wahrheit und Methode``: ``In:`` after the end of a
    title's sentence begins the book (or journal) it is in, never the title."""
    for i, (label, segment) in enumerate(runs):
        if label != "title":
            continue
        match = _IN_BOOK.search(segment)
        if not match or match.start() < 3:
            return runs
        title, rest = segment[: match.start()], segment[match.end() :].strip()
        if not rest:
            return runs
        following = runs[i + 1][0] if i + 1 < len(runs) else None
        if following in ("container", "journal"):
            joined = (following, f"{rest} {runs[i + 1][1]}")
            return [*runs[:i], ("title", title), joined, *runs[i + 2 :]]
        eds = _EDS_THEN_BOOK.match(rest)
        if eds:
            parts = [("editor", eds.group("names")), ("container", eds.group("book"))]
            return [*runs[:i], ("title", title), *parts, *runs[i + 1 :]]
        return [*runs[:i], ("title", title), ("container", rest), *runs[i + 1 :]]
    return runs


_TAIL = re.compile(
    r"(?<=[\w)?!][a-z0-9)?!]|[^.\s][A-Z])\.\s+(?P<tail>(?:(?:[A-Z][\w.'’&\-]*|&|and|of|for|the|[A-Z]{1,5}-?\d[\w\-]*"
    r"|\d[\w\-]*),?\s?){1,4})\.?$"
)
_AFTER_TITLE_OK = frozenset({"url", "doi", "note", "isbn"})


def _publisher_in_title(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(1994). The age of extremes: The short twentieth century, 1914–1991. Michael
    Joseph.``, ``(2010) Equity and Excellence: Liberating the NHS. Cm 7881.``: in an
    author-date entry with nothing after the title but links and notes, a short last
    sentence of capitalised words is the publisher (a number in it: a report number)."""
    labels = [label for label, _ in runs]
    if "title" not in labels or "date" not in labels:
        return runs
    i = labels.index("title")
    if labels.index("date") > i or labels.count("title") > 1:
        return runs
    if any(label not in _AFTER_TITLE_OK for label in labels[i + 1 :]):
        return runs
    title = runs[i][1]
    tail = _TAIL.search(title)
    if not tail or tail.start() < 12:
        return runs
    words = tail.group("tail").strip(" .,")
    label = "note" if re.search(r"\d", words) else "publisher"
    return [*runs[:i], ("title", title[: tail.start() + 1]), (label, words), *runs[i + 1 :]]


def _author_before_date(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``National Academies of Sciences, Engineering, and Medicine. 2019. Reproducibility
    and Replicability in Science.``: a "title" before the date with the title after it
    is a corporate author (author-date styles)."""
    labels = [label for label, _ in runs]
    start = 1 if labels[:1] == ["number"] else 0
    if labels[start : start + 3] == ["title", "date", "title"] and names_organisation(
        runs[start][1]
    ):
        runs = list(runs)
        runs[start] = ("author", runs[start][1])
    return runs


_OPEN_PUBLISHER = re.compile(r"\s\((?P<publisher>[^()]{2,80}),$")
_CLOSING_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?\)[.,;]?")


def _publisher_in_parentheses(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``Molecular Biology of the Cell (Garland Science, | 2014).``: Nature's books end
    with the publisher and year in parentheses; the publisher is no part of the title,
    and a book so written is no journal."""
    labels = [label for label, _ in runs]
    for i in range(len(runs) - 1):
        label, segment = runs[i]
        if label not in ("title", "journal") or runs[i + 1][0] != "date":
            continue
        if label == "journal" and "title" in labels:
            continue
        match = _OPEN_PUBLISHER.search(segment)
        if not match or not _CLOSING_YEAR.fullmatch(runs[i + 1][1]):
            continue
        head = segment[: match.start()]
        return [
            *runs[:i],
            ("title", head),
            ("publisher", f"({match.group('publisher')},"),
            *runs[i + 1 :],
        ]
    return runs
