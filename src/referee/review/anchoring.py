"""Find stored claims again in an edited article (re-anchoring).

A claim is stored as a :class:`Selector`: its quote, 32 characters of context on
each side (Hypothesis's constant) and its code-point span at ``base``. In tiers:
the span still holds the quote, or a diff from the old text maps it onto the
quote; the quote near the hint, anywhere, or up to whitespace (``moved``); the
text between the old prefix and suffix, or the best approximate match
(rapidfuzz), snapped to whole sentences, near the hint and then around places
voted for by exact pieces of quote and context (``fuzzy``/``stale``); else
``orphan``. After Hypothesis's ``matchQuote`` (hypothesis/client, BSD-2-Clause),
with its trap fixed (h#2798: an exact copy elsewhere beat the edited copy in
place): a copy wins outright only with both sides of its context agreeing.

What matters most: a deleted claim becomes an orphan, never attached to other
text. An approximate match needs agreeing context: one side for a near-identical
quote, both sides for a reworded one.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping
from difflib import SequenceMatcher
from typing import NamedTuple

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel, Levenshtein

from referee.review.offsetmap import diff_map
from referee.review.selector import ANCHOR_STATES, CONTEXT, ORPHAN, Anchor, Selector, selector_for
from referee.text.sentences import spans as sentence_spans

__all__ = [
    "ANCHOR_STATES",
    "CONTEXT",
    "ORPHAN",
    "Anchor",
    "Selector",
    "anchor",
    "anchor_all",
    "selector_for",
]

AGREE = 0.7  # a side of context agrees (normalised similarity)
SURE = 0.9  # a side of context is (nearly) verbatim
NEAR = 0.9  # quote similarity of a near-identical quote (a typo, case, punctuation)
REWORDED = 0.5  # least quote similarity for a reworded claim found in place
SHORT = 20  # quotes shorter than this need both sides of context
LONE_COPY_REACH = 2000  # a copy of the quote with no agreeing context counts only this near

QUOTE_WEIGHT = 50
CONTEXT_WEIGHT = 20
"""An anchor's score weighs the quote's likeness 50 and each side of context 20: the
quote found verbatim with no context agreeing scores 0.56, with one side 0.78, with
both 1.0; a reworded quote needs its context to score well."""

_WINDOW = 256
_MAX_HITS = 256
_SNAP_REACH = 4000

_WS = re.compile(r"\s{2,}|[^\S ]")
_WORD = re.compile(r"\w+")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•●▪‣◦]|\d{1,3}[.)])[ \t]+(?=\S)", re.M)
_OPENERS = "\"“‘'([*_"
_CLOSERS = ".!?…\"”’')]*_"


def anchor(text: str, selector: Selector, *, old_text: str | None = None) -> Anchor:
    """Find one stored claim in ``text`` (``old_text``: the article the selector was made on)."""
    return _Anchorer(text, old_text).find(selector)


def anchor_all(
    text: str, selectors: Mapping[str, Selector], *, old_text: str | None = None
) -> dict[str, Anchor]:
    """Find every stored claim in ``text``; keys and their order are kept."""
    anchorer = _Anchorer(text, old_text)
    order = sorted(selectors, key=lambda key: (selectors[key].start, selectors[key].end))
    found = {key: anchorer.find(selectors[key]) for key in order}
    return {key: found[key] for key in selectors}


# --- Candidates -------------------------------------------------------------


class _Candidate(NamedTuple):
    rank: int  # 0: quote and both contexts; 1: accepted; 2: quote alone, no context
    score: float
    start: int
    end: int
    state: str
    fidelity: int  # 2: the quote verbatim; 1: the quote up to whitespace; 0: approximate


class _Query:
    """A selector with what comparing against it needs, computed once."""

    __slots__ = (
        "exact",
        "folded",
        "head",
        "prefix",
        "sel",
        "sentence_like",
        "short",
        "suffix",
        "tail",
        "words",
    )

    def __init__(self, sel: Selector) -> None:
        self.sel = sel
        self.exact = sel.exact
        self.folded = _fold(sel.exact)
        self.words = _words(sel.exact)
        self.prefix = _fold(sel.prefix)
        self.suffix = _fold(sel.suffix)
        # The context right beside the quote, looked for verbatim.
        self.tail, self.head = sel.prefix[-12:], sel.suffix[:12]
        bare = sel.exact.strip()
        self.short = len(bare) < SHORT
        first = bare[:1]
        self.sentence_like = (
            not self.short and bare[-1] in _CLOSERS and (first.isupper() or first in _OPENERS)
        )


class _Anchorer:
    """Anchors selectors in one text; remembers the last shift (``anchor_all``)."""

    def __init__(self, text: str, old_text: str | None) -> None:
        self.text = text
        self.diff = diff_map(old_text, text) if old_text is not None and old_text != text else None
        self.shift = 0

    # The pipeline.

    def find(self, sel: Selector) -> Anchor:
        text = self.text
        if not sel.exact:
            return ORPHAN
        q = _Query(sel)
        hints = [sel.start]
        if self.diff is not None and self.diff.old[sel.start : sel.end] == q.exact:
            found, hint = self._through_diff(q)
            if found is not None:
                return found
            hints = [hint]
        elif text[sel.start : sel.end] == q.exact:
            return self._result(sel, sel.start, sel.end, "exact", 1.0)
        elif self.shift:
            hints.insert(0, sel.start + self.shift)

        accepted: list[_Candidate] = []
        for stage, enough in (
            (self._near_quotes, 0),
            (self._far_quotes, 0),
            (self._near_approximate, 1),
            (self._far_approximate, 1),
        ):
            for group in stage(q, hints):
                cand = next(filter(None, (self._judge(q, a, b) for a, b in group)), None)
                if cand is not None and cand.rank == 2 and _far(cand.start, hints):
                    # A deleted claim must not move onto a distant copy of its words.
                    cand = None
                if cand is not None:
                    accepted.append(cand)
                    if cand.rank == 0:
                        break
            if accepted and min(c.rank for c in accepted) <= enough:
                break
        if not accepted:
            return ORPHAN
        best = _choose(accepted, hints[0])
        return self._result(sel, best.start, best.end, best.state, best.score)

    def _through_diff(self, q: _Query) -> tuple[Anchor | None, int]:
        """The quote where the diff from the old text maps it; else where to look first."""
        sel, text = q.sel, self.text
        a, b, precise = self.diff.span(sel.start, sel.end)
        if a < b and text[a:b] == q.exact:
            return self._result(sel, a, b, "moved", 1.0), a
        # An ambiguous alignment at the edges: the quote itself, overlapping.
        slack = 16 + abs((b - a) - len(q.exact))
        for c in _find_all(text, q.exact, max(0, a - slack), b + slack, 4):
            if c < b and a < c + len(q.exact):
                return self._result(sel, c, c + len(q.exact), "moved", 1.0), a
        if precise and a < b:
            for span in self._snapped(q, a, b):
                cand = self._judge(q, *span, mapped=True)
                if cand is not None:
                    return self._result(sel, cand.start, cand.end, cand.state, cand.score), a
        return None, a

    def _result(self, sel: Selector, a: int, b: int, state: str, score: float) -> Anchor:
        if (a, b) == (sel.start, sel.end) and self.text[a:b] == sel.exact:
            state, score = "exact", 1.0
        self.shift = a - sel.start
        return Anchor(a, b, state, round(score, 4))

    # Stages: each yields groups of spans; a group's first accepted span counts.

    def _near_quotes(self, q: _Query, hints: list[int]) -> Iterator[list[tuple[int, int]]]:
        text, m = self.text, len(q.exact)
        if hints[0] >= 0 and text.startswith(q.exact, hints[0]):
            yield [(hints[0], hints[0] + m)]
        for lo, hi in self._windows(hints, m):
            for a in sorted(
                _find_all(text, q.exact, lo, hi, _MAX_HITS), key=lambda a: abs(a - hints[0])
            ):
                yield [(a, a + m)]
            yield from self._folded(q, lo, hi)

    def _far_quotes(self, q: _Query, hints: list[int]) -> Iterator[list[tuple[int, int]]]:
        m = len(q.exact)
        hits = _find_all(self.text, q.exact, 0, len(self.text), _MAX_HITS)
        for a in sorted(hits, key=lambda a: abs(a - hints[0])):
            yield [(a, a + m)]

    def _near_approximate(self, q: _Query, hints: list[int]) -> Iterator[list[tuple[int, int]]]:
        for window in self._windows(hints, len(q.exact)):
            yield from self._approximate(q, *window)

    def _far_approximate(self, q: _Query, hints: list[int]) -> Iterator[list[tuple[int, int]]]:
        """Windows around places voted for by exact pieces of the quote and its context."""
        text, n, m = self.text, len(self.text), len(q.exact)
        estimates: list[int] = []

        def vote(needle: str, offset: int) -> None:
            found = _find_all(text, needle, 0, n, 17) if len(needle.strip()) >= 4 else []
            if len(found) <= 16:  # a piece found everywhere says nothing
                estimates.extend(pos + offset for pos in found)

        pieces = min(4, max(2, m // 12))
        size = m // pieces
        if size >= 6:
            for i in range(pieces):
                vote(q.exact[i * size : (i + 1) * size], -i * size)
        vote(q.tail, len(q.tail))
        vote(q.head, -m)
        searched = self._windows(hints, m)
        for cluster in _clusters(sorted(estimates), max(32, m // 2), hints[0])[:4]:
            lo = max(0, cluster[0] - m // 2 - 64)
            hi = min(n, cluster[-1] + m + m // 2 + 64)
            if len(cluster) >= 2 and not any(a <= lo and hi <= b for a, b in searched):
                yield from self._folded(q, lo, hi)
                yield from self._approximate(q, lo, hi)

    # Approximate candidates inside one window.

    def _approximate(self, q: _Query, lo: int, hi: int) -> Iterator[list[tuple[int, int]]]:
        text, m = self.text, len(q.exact)
        # The old context on both sides: whatever now sits between them.
        tail, head = q.tail, q.head
        if len(tail.strip()) >= 3 and len(head.strip()) >= 3:
            ends = _find_all(text, head, lo, hi, 16)
            for pos in _find_all(text, tail, lo, hi, 8):
                a = pos + len(tail)
                j = bisect_left(ends, a)
                if j < len(ends) and ends[j] - a <= 3 * m + 64:
                    span = _trim(text, a, ends[j], q.exact)
                    if span[0] < span[1]:
                        yield [span]
        # The best approximate match of the quote, exact copies masked out.
        window = text[lo:hi]
        if len(window.strip()) < max(1, m // 2):
            return
        if q.exact in window:
            window = window.replace(q.exact, "\0" * m)
        if len(window) <= m:
            a, b = lo, hi
        else:
            hit = fuzz.partial_ratio_alignment(q.exact, window, score_cutoff=40)
            if hit is None:
                return
            a, b = lo + hit.dest_start, lo + hit.dest_end
        a, b = self._refine(q.exact, a, b, lo, hi)
        a, b = _trim(text, a, b, q.exact)
        if a < b:
            yield self._snapped(q, a, b)

    def _refine(self, exact: str, a: int, b: int, lo: int, hi: int) -> tuple[int, int]:
        """Move the ends of an alignment to minimise the edit distance to ``exact``."""
        text = self.text
        reach = 6 + len(exact) // 8
        b = _best(exact, lambda y: text[a:y], b, max(a + 1, b - reach), min(hi, b + reach))
        a = _best(exact, lambda x: text[x:b], a, max(lo, a - reach), min(b - 1, a + reach))
        b = _best(exact, lambda y: text[a:y], b, max(a + 1, b - reach), min(hi, b + reach))
        return a, b

    def _snapped(self, q: _Query, a: int, b: int) -> list[tuple[int, int]]:
        """[whole sentences covering a:b, a:b] for a quote that was whole sentences."""
        if not q.sentence_like:
            return [(a, b)]
        snap = self._snap(a, b)
        return [snap, (a, b)] if snap and snap != (a, b) else [(a, b)]

    def _snap(self, a: int, b: int) -> tuple[int, int] | None:
        text, n = self.text, len(self.text)
        lo = text.rfind("\n\n", max(0, a - _SNAP_REACH), a)
        lo = lo + 2 if lo >= 0 else max(0, a - _SNAP_REACH)
        hi = text.find("\n\n", b, min(n, b + _SNAP_REACH))
        hi = hi if hi >= 0 else min(n, b + _SNAP_REACH)
        kind = "paragraph"
        for item in _ITEM.finditer(text, lo, a):
            lo, kind = item.end(), "list_item"
        following = _ITEM.search(text, b, hi)
        if following:
            hi = following.start()
        picked = [
            (s0, s1)
            for s0, s1 in sentence_spans(text, lo, hi, kind)
            if min(s1, b) - max(s0, a) >= 0.5 * min(s1 - s0, b - a)
        ]
        return (picked[0][0], picked[-1][1]) if picked else None

    # Judging one candidate span.

    def _judge(self, q: _Query, a: int, b: int, *, mapped: bool = False) -> _Candidate | None:
        if b <= a:
            return None
        found = self.text[a:b]
        p, s = self._prefix_agreement(q, a), self._suffix_agreement(q, b)
        folded = _fold(found)
        if found == q.exact or folded == q.folded:
            score = _confidence(1.0, p, s)
            fidelity = 2 if found == q.exact else 1
            if min(p, s) >= SURE:
                return _Candidate(0, score, a, b, "moved", fidelity)
            if max(p, s) >= AGREE or mapped:
                return _Candidate(1, score, a, b, "moved", fidelity)
            return None if q.short else _Candidate(2, score, a, b, "moved", fidelity)
        quote = Levenshtein.normalized_similarity(q.folded, folded)
        words = _words(found)
        likeness = max(quote, Indel.normalized_similarity(q.words, words))
        near = quote >= NEAR
        if q.short:
            ok = min(p, s) >= (AGREE if mapped else SURE) and likeness >= REWORDED
        elif mapped:
            ok = near or (likeness >= REWORDED and max(p, s) >= AGREE)
        else:
            ok = (near and max(p, s) >= AGREE) or (likeness >= REWORDED and min(p, s) >= AGREE)
        if not ok:
            return None
        state = "fuzzy" if near and _slight(q.words, words) else "stale"
        return _Candidate(1, _confidence(quote, p, s), a, b, state, 0)

    def _prefix_agreement(self, q: _Query, a: int) -> float:
        text, want = self.text, q.sel.prefix
        if want and a >= len(want) and text.startswith(want, a - len(want)):
            return 1.0
        got = _fold(text[max(0, a - len(want) - 16) : a])
        edge = a <= CONTEXT and not text[:a].strip()
        return _agreement(q.prefix, got[max(0, len(got) - len(q.prefix)) :], edge)

    def _suffix_agreement(self, q: _Query, b: int) -> float:
        text, want = self.text, q.sel.suffix
        if want and text.startswith(want, b):
            return 1.0
        got = _fold(text[b : b + len(want) + 16])
        edge = len(text) - b <= CONTEXT and not text[b:].strip()
        return _agreement(q.suffix, got[: len(q.suffix)], edge)

    def _windows(self, hints: list[int], m: int) -> list[tuple[int, int]]:
        """Windows around the hints (one if they overlap)."""
        reach = max(_WINDOW, 2 * m)
        spans = sorted((max(0, h - reach), min(len(self.text), h + m + reach)) for h in hints)
        if len(spans) == 2 and spans[1][0] <= spans[0][1]:
            return [(spans[0][0], max(spans[0][1], spans[1][1]))]
        return spans

    def _folded(self, q: _Query, lo: int, hi: int) -> Iterator[list[tuple[int, int]]]:
        """The quote in ``text[lo:hi]`` up to whitespace (lines re-wrapped)."""
        text, exact = self.text, q.exact
        fold = _Fold(text, lo, hi)
        lead, trail = len(exact) - len(exact.lstrip()), len(exact) - len(exact.rstrip())
        for c in _find_all(fold.text, q.folded, 0, len(fold.text), 8):
            a, b = fold.origin(c, c + len(q.folded))
            # A whitespace run at an end of the quote takes no more than the quote had.
            if lead:
                inner = len(text[a:b]) - len(text[a:b].lstrip()) + a
                a = max(a, inner - lead)
            if trail:
                inner = len(text[a:b].rstrip()) + a
                b = min(b, inner + trail)
            yield [(a, b)]


def _agreement(want: str, got: str, edge: bool) -> float:
    """Similarity of stored (folded) context with the text beside a candidate. No
    context (the quote was at an end of the text) agrees only at an end."""
    if not want.strip():
        return 1.0 if not got.strip() and (want or edge) else 0.0
    return Levenshtein.normalized_similarity(want, got)


def _confidence(quote: float, prefix: float, suffix: float) -> float:
    """An anchor's score, 0..1, from the likeness (0..1) of the quote and of each side of
    its context (see :data:`QUOTE_WEIGHT`)."""
    total = QUOTE_WEIGHT + 2 * CONTEXT_WEIGHT
    return (QUOTE_WEIGHT * quote + CONTEXT_WEIGHT * prefix + CONTEXT_WEIGHT * suffix) / total


def _far(at: int, hints: list[int]) -> bool:
    return min(abs(at - hint) for hint in hints) > LONE_COPY_REACH


def _choose(accepted: list[_Candidate], hint: int) -> _Candidate:
    """The best candidate. Among copies of the quote the verbatim one wins; between
    copies and approximate matches the better context wins, except that a copy
    overlapping the approximate winner beats it (text added right beside an
    unchanged quote is no edit of it)."""

    def key(c: _Candidate) -> tuple[int, float, int]:
        return c.rank, -round(c.score, 6), abs(c.start - hint)

    def copy_key(c: _Candidate) -> tuple[int, int, float, int]:
        return c.rank, -c.fidelity, -round(c.score, 6), abs(c.start - hint)

    copies = [c for c in accepted if c.fidelity]
    approximate = [c for c in accepted if not c.fidelity]
    if not approximate:
        return min(copies, key=copy_key)
    best = min(approximate, key=key)
    if any(key(c) <= key(best) for c in copies):
        return min(copies, key=copy_key)
    overlapping = [c for c in copies if c.rank <= 1 and _overlap(c, best)]
    return min(overlapping, key=copy_key) if overlapping else best


def _best(exact: str, span: Callable[[int], str], around: int, first: int, last: int) -> int:
    """The offset in ``first..last`` whose ``span`` is nearest to ``exact`` (ties: nearest
    ``around``)."""
    best, best_distance = around, Levenshtein.distance(exact, span(around))
    for at in range(first, last + 1):
        if best_distance == 0:
            break
        d = Levenshtein.distance(exact, span(at), score_cutoff=best_distance)
        if d < best_distance or (d == best_distance and abs(at - around) < abs(best - around)):
            best, best_distance = at, d
    return best


def _overlap(x: _Candidate, y: _Candidate) -> bool:
    return x.start < y.end and y.start < x.end


def _slight(old: list[str], new: list[str]) -> bool:
    """Do two word lists differ only by typos (no word added, removed, swapped; no number)?"""
    if old == new:
        return True
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 - i1 == j2 - j1:
            pairs = list(zip(old[i1:i2], new[j1:j2], strict=True))
        else:
            pairs = [("".join(old[i1:i2]), "".join(new[j1:j2]))]
        for x, y in pairs:
            if x != y and (
                any(ch.isdigit() for ch in x + y)
                or OSA.distance(x, y) > max(1, max(len(x), len(y)) // 5)
            ):
                return False
    return True


# --- Text helpers -------------------------------------------------------------


def _fold(text: str) -> str:
    """Every whitespace run as one space."""
    return _WS.sub(" ", text)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _find_all(hay: str, needle: str, lo: int, hi: int, cap: int) -> list[int]:
    """Start offsets of (possibly overlapping) occurrences of ``needle`` in ``hay[lo:hi]``."""
    out: list[int] = []
    at = hay.find(needle, lo, hi) if needle else -1
    while at >= 0 and len(out) < cap:
        out.append(at)
        at = hay.find(needle, at + 1, hi)
    return out


def _trim(text: str, a: int, b: int, exact: str) -> tuple[int, int]:
    """Drop whitespace at the ends of a span unless the quote has it there too."""
    if not exact[:1].isspace():
        while a < b and text[a].isspace():
            a += 1
    if not exact[-1:].isspace():
        while b > a and text[b - 1].isspace():
            b -= 1
    return a, b


def _clusters(points: list[int], gap: int, hint: int) -> list[list[int]]:
    """Sorted points grouped where neighbours are within ``gap``; most votes first."""
    groups: list[list[int]] = []
    for point in points:
        if groups and point - groups[-1][0] <= gap:
            groups[-1].append(point)
        else:
            groups.append([point])
    return sorted(groups, key=lambda g: (-len(g), abs(g[len(g) // 2] - hint)))


class _Fold:
    """``text[lo:hi]`` with whitespace runs collapsed, and a map back to offsets in ``text``."""

    __slots__ = ("at", "lo", "removed", "run_end", "run_start", "text")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.lo = lo
        self.at: list[int] = []  # collapsed offset of each run's space
        self.run_start: list[int] = []
        self.run_end: list[int] = []
        self.removed: list[int] = []  # characters dropped up to and including each run
        dropped = 0
        for match in _WS.finditer(text, lo, hi):
            a, b = match.span()
            self.at.append(a - lo - dropped)
            self.run_start.append(a)
            self.run_end.append(b)
            dropped += b - a - 1
            self.removed.append(dropped)
        self.text = _WS.sub(" ", text[lo:hi])

    def origin(self, c0: int, c1: int) -> tuple[int, int]:
        """The span in the original text of collapsed ``[c0, c1)`` (``c1 > c0``)."""
        return self._offset(c0, False), self._offset(c1 - 1, True)

    def _offset(self, c: int, end: bool) -> int:
        k = bisect_right(self.at, c) - 1
        if k >= 0 and self.at[k] == c:
            return self.run_end[k] if end else self.run_start[k]
        return self.lo + c + end + (self.removed[k] if k >= 0 else 0)
