"""The review file: exact layout, round trips, validation, atomic and careful saving."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import textwrap
import time
import tomllib
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referee.model import CHECK_STATUSES
from referee.review import atomic, file_format, store
from referee.review.record import (
    ORIGINS,
    VERDICTS,
    Annotation,
    FieldConflict,
    RefCheck,
    Review,
)

EXAMPLE = Review(
    article="post.md",
    base="5b0e8a4f1c6e5a0f2ab0b7ffd0e5c0d1b2a39f10",
    claims={
        "c7k2m9q4": Annotation(
            id="c7k2m9q4",
            exact="acupuncture may contribute to reducing inflammation",
            prefix="studies suggest that ",
            suffix=" in patients with Goodpasture",
            start=1432,
            end=1483,
            verdict="overstated",
            refs=("zhang2021",),
            note='Cites a review that "cannot be found".\nSee Crossref.',
            reviewer="Ada Lovelace <ada@example.org>",
            reviewed=date(2026, 11, 24),
        ),
        "cabcdefgh": Annotation(
            id="cabcdefgh",
            exact="Goodpasture syndrome is rare.",
            prefix="",
            suffix=" It affects",
            start=0,
            end=29,
            origin="manual",
            dismissed=True,
            reviewer="Ada Lovelace <ada@example.org>",
        ),
    },
    refs={
        "zhang2021": RefCheck(
            id="zhang2021",
            status="not_found",
            raw="Zhang, X. (2021). Acupuncture for Goodpasture.",
            reasons=("no candidate with a similar title",),
            checked=date(2026, 11, 24),
            sources=("crossref", "pubmed"),
        )
    },
)

EXAMPLE_TOML = '''\
schema = 1
article = "post.md"
base = "5b0e8a4f1c6e5a0f2ab0b7ffd0e5c0d1b2a39f10"

[claim.c7k2m9q4]
verdict = "overstated"
exact = "acupuncture may contribute to reducing inflammation"
prefix = "studies suggest that "
suffix = " in patients with Goodpasture"
start = 1432
end = 1483
refs = [
    "zhang2021",
]
note = """
Cites a review that \\"cannot be found\\".
See Crossref."""
reviewer = "Ada Lovelace <ada@example.org>"
reviewed = 2026-11-24
origin = "auto"

[claim.cabcdefgh]
exact = "Goodpasture syndrome is rare."
prefix = ""
suffix = " It affects"
start = 0
end = 29
reviewer = "Ada Lovelace <ada@example.org>"
origin = "manual"
dismissed = true

[ref.zhang2021]
raw = "Zhang, X. (2021). Acupuncture for Goodpasture."
status = "not_found"
reasons = [
    "no candidate with a similar title",
]
checked = 2026-11-24
sources = [
    "crossref",
    "pubmed",
]
'''


def test_layout_is_exactly_the_documented_one() -> None:
    assert file_format.dumps(EXAMPLE) == EXAMPLE_TOML
    assert file_format.loads(EXAMPLE_TOML) == EXAMPLE


def test_claims_are_sorted_by_id_and_untouched_claims_are_not_stored() -> None:
    review = Review(article="a.txt", base="0" * 40)
    for claim_id in ("czzz", "caaa", "cmmm"):
        review.claims[claim_id] = Annotation(claim_id, "x", "", "", 0, 1, verdict="supported")
    review.claims["cempty"] = Annotation("cempty", "x", "", "", 0, 1)  # nothing left in it
    text = file_format.dumps(review)
    headers = [line for line in text.splitlines() if line.startswith("[")]
    assert headers == ["[claim.caaa]", "[claim.cmmm]", "[claim.czzz]"]
    assert text.endswith("\n") and "\r" not in text


def test_conflicts_are_stored_in_the_claim_and_read_back() -> None:
    review = Review(article="a.txt", base="0" * 40)
    review.claims["c1"] = Annotation(
        "c1",
        "x",
        "",
        "",
        0,
        1,
        verdict="supported",
        conflicts=(
            FieldConflict.pair("note", None, "their note"),
            FieldConflict.pair("verdict", "supported", "unsupported"),
        ),
    )
    text = file_format.dumps(review)
    assert (
        '[[claim.c1.conflict.verdict]]\nvalue = "supported"\nside = "ours"\n\n'
        '[[claim.c1.conflict.verdict]]\nvalue = "unsupported"\nside = "theirs"\n'
    ) in text
    assert '[[claim.c1.conflict.note]]\nside = "ours"\n' in text  # no value: none
    assert file_format.loads(text) == review
    assert [(cid, c.field) for cid, c in file_format.loads(text).conflicts()] == [
        ("c1", "note"),
        ("c1", "verdict"),
    ]


# ----------------------------------------------------------------------------- round trips

texts = st.text(max_size=80)
notes = st.one_of(
    st.text(max_size=200),
    st.sampled_from(['"""', 'a """b""" c', "'''", "line\nline\n", '\\"""\n', "\r\n\r", "é\u2028"]),
    st.lists(
        st.sampled_from(['"', "'", "\\", "\n", "\r", "\t", "x", "é", "🦀", '"""']), max_size=30
    ).map("".join),
)
# Identifiers built from their parts: the same strings as the patterns
# c[a-z2-7]{8}(-[2-9])?, [a-z]{1,10}(19|20)[0-9]{2}[a-z]? and [0-9a-f]{40}, drawn at a
# fraction of the cost of st.from_regex (which was most of this file's time).
LOWER = "abcdefghijklmnopqrstuvwxyz"
ids = st.builds(
    "c{}{}".format,
    st.text(LOWER + "234567", min_size=8, max_size=8),
    st.sampled_from(["", *(f"-{n}" for n in range(2, 10))]),
)
ref_ids = st.builds(
    "{}{}{}{}".format,
    st.text(LOWER, min_size=1, max_size=10),
    st.sampled_from(["19", "20"]),
    st.integers(0, 99).map("{:02d}".format),
    st.sampled_from(["", *LOWER]),
)
bases = st.text("0123456789abcdef", min_size=40, max_size=40)
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 1, 1))


@st.composite
def annotations(draw, claim_id: str) -> Annotation:
    start = draw(st.integers(0, 10**7))
    conflict_fields = draw(st.lists(st.sampled_from(["verdict", "note"]), unique=True))
    conflicts = []
    for name in sorted(conflict_fields):
        values = st.sampled_from(VERDICTS) if name == "verdict" else notes.filter(bool)
        conflicts.append(
            FieldConflict.pair(name, draw(st.none() | values), draw(st.none() | values))
        )
    return Annotation(
        id=claim_id,
        exact=draw(texts),
        prefix=draw(texts),
        suffix=draw(texts),
        start=start,
        end=start + draw(st.integers(0, 10**4)),
        verdict=draw(st.none() | st.sampled_from(VERDICTS)),
        refs=tuple(sorted(draw(st.sets(ref_ids, max_size=4)))),
        note=draw(notes),
        reviewer=draw(st.none() | texts.filter(bool)),
        reviewed=draw(st.none() | dates),
        origin=draw(st.sampled_from(ORIGINS)),
        dismissed=draw(st.booleans()),
        conflicts=tuple(conflicts),
    )


@st.composite
def reviews(draw) -> Review:
    review = Review(article=draw(texts), base=draw(bases))
    for claim_id in draw(st.sets(ids, max_size=6)):
        annotation = draw(annotations(claim_id))
        if not annotation.empty:
            review.claims[claim_id] = annotation
    for ref_id in draw(st.sets(ref_ids, max_size=3)):
        review.refs[ref_id] = RefCheck(
            id=ref_id,
            status=draw(st.sampled_from(CHECK_STATUSES)),
            raw=draw(texts),
            doi=draw(st.none() | texts.filter(bool)),
            title=draw(st.none() | texts.filter(bool)),
            reasons=tuple(draw(st.lists(texts, max_size=3))),
            checked=draw(st.none() | dates),
            sources=tuple(sorted(draw(st.sets(st.sampled_from(["crossref", "pubmed"]))))),
        )
    return review


@settings(max_examples=300, deadline=None)
@given(reviews())
def test_any_review_survives_save_and_load_unchanged(review: Review) -> None:
    text = file_format.dumps(review)
    again = file_format.loads(text)
    assert again == review
    assert file_format.dumps(again) == text  # deterministic: same review, same bytes


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(review=reviews())
def test_any_review_survives_a_real_file(tmp_path: Path, review: Review) -> None:
    path = tmp_path / "a.txt.review.toml"
    if path.exists():
        path.unlink()
    assert store.ReviewFile(path).save(review) is True
    assert store.ReviewFile(path).load() == review
    data = path.read_bytes()
    assert b"\r" not in data.replace(b"\\r", b"") and data.endswith(b"\n")


def test_multiline_notes_diff_line_by_line() -> None:
    review = Review(article="a", base="0" * 40)
    review.claims["c1"] = Annotation("c1", "x", "", "", 0, 1, note="first line\nsecond line")
    text = file_format.dumps(review)
    assert 'note = """\nfirst line\nsecond line"""\n' in text


# ----------------------------------------------------------------------------- validation

BAD_FILES = {
    "not toml": ("schema = 1\n[claim.c1\n", "not valid TOML"),
    "merge markers": ("schema = 1\n<<<<<<< ours\n", "conflict markers"),
    "duplicated table": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\n[claim.c1]\nexact="y"\n',
        "not valid TOML",
    ),
    "no schema": ('article = "a"\n', "no `schema`"),
    "future schema": ("schema = 2\n", "unknown schema 2"),
    "string schema": ('schema = "1"\n', "unknown schema '1'"),
    "claim not a table": ("schema = 1\nclaim = 3\n", "`claim` must be a table"),
    "claim entry not a table": ("schema = 1\n[claim]\nc1 = 3\n", "`claim.c1` must be a table"),
    "unknown top key": ("schema = 1\ncolour = 3\n", "unknown key `colour`"),
    "unknown claim key": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\nmood="sad"\n',
        "unknown key `mood`",
    ),
    "bad verdict": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\nverdict="maybe"\n',
        "`verdict` is 'maybe'",
    ),
    "missing exact": ("schema = 1\n[claim.c1]\nstart=0\nend=1\n", "`exact` is missing"),
    "negative span": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=5\nend=1\n',
        "0 <= start <= end",
    ),
    "bool start": ('schema = 1\n[claim.c1]\nexact="x"\nstart=true\nend=1\n', "`start` must be"),
    "datetime reviewed": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\nreviewed=2026-01-01T10:00:00\n',
        "`reviewed` must be a date",
    ),
    "refs not strings": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\nrefs=[1]\n',
        "list of strings",
    ),
    "bad ref status": ('schema = 1\n[ref.x2020]\nstatus="fine"\n', "`status` is 'fine'"),
    "bad conflict field": (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\n[claim.c1.conflict.start]\nours="1"\n',
        "only verdict, note",
    ),
    "not utf-8": ('schema = 1\narticle = "\udcff"\n', "not UTF-8"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_a_clear_error_and_is_left_untouched(tmp_path: Path, name: str) -> None:
    body, message = BAD_FILES[name]
    path = tmp_path / "post.md.review.toml"
    data = body.encode("utf-8", "surrogateescape")
    path.write_bytes(data)
    review_file = store.ReviewFile(path)
    with pytest.raises(store.ReviewFileError) as caught:
        review_file.load()
    assert message in str(caught.value)
    assert str(path) in str(caught.value) and "untouched" in str(caught.value)
    assert caught.value.exit_code == 2
    assert path.read_bytes() == data


def test_a_bom_is_tolerated() -> None:
    review = store.parse_bytes("\ufeff".encode() + b"schema = 1\n", Path("x"))
    assert review == Review()


# ----------------------------------------------------------------------------- saving


def _review(note: str) -> Review:
    review = Review(article="a.txt", base="0" * 40)
    review.claims["c1"] = Annotation("c1", "x", "", "", 0, 1, verdict="supported", note=note)
    return review


def test_saving_the_same_review_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.review.toml"
    review_file = store.ReviewFile(path)
    assert review_file.load() is None
    assert review_file.save(_review("n")) is True
    before = path.stat()
    time.sleep(0.01)
    assert review_file.save(_review("n")) is False
    after = path.stat()
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_the_older_conflict_form_is_still_read() -> None:
    text = (
        'schema = 1\n[claim.c1]\nexact="x"\nstart=0\nend=1\nverdict="supported"\n'
        '[claim.c1.conflict.verdict]\nours="supported"\ntheirs="unsupported"\n'
    )
    claim = file_format.loads(text).claims["c1"]
    assert claim.conflicts == (FieldConflict.pair("verdict", "supported", "unsupported"),)


def _two(note_1: str, note_2: str) -> Review:
    review = _review(note_1)
    review.claims["c2"] = Annotation("c2", "y", "", "", 2, 3, verdict="overstated", note=note_2)
    return review


def test_a_file_changed_on_disk_is_merged_with_never_clobbered(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.review.toml"
    mine = store.ReviewFile(path)
    mine.load()
    mine.save(_two("c1 note", "c2 note"))
    path.write_text(file_format.dumps(_two("c1 note", "c2 from git pull")))  # another writer
    assert mine.changed_on_disk()
    assert mine.save(_two("c1 mine, second edit", "c2 note")) is True
    assert mine.merged is not None
    stored = store.read(path)
    assert stored.claims["c1"].note == "c1 mine, second edit"  # this writer's change
    assert stored.claims["c2"].note == "c2 from git pull"  # the other writer's change
    assert stored == mine.merged and not mine.changed_on_disk()


def test_the_same_field_changed_meanwhile_keeps_both_values(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.review.toml"
    mine = store.ReviewFile(path)
    mine.load()
    mine.save(_review("first"))
    path.write_text(file_format.dumps(_review("theirs")))
    mine.save(_review("mine"))
    conflict = store.read(path).claims["c1"].conflict("note")
    assert conflict is not None
    assert [c.value for c in conflict.candidates] == ["mine", "theirs"]


def test_a_file_changed_meanwhile_into_something_unreadable_is_not_clobbered(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt.review.toml"
    mine = store.ReviewFile(path)
    mine.load()
    mine.save(_review("mine"))
    path.write_text("<<<<<<< ours\nschema = 1\n=======\n>>>>>>> theirs\n")
    with pytest.raises(store.ReviewFileError, match="conflict markers"):
        mine.save(_review("mine, second edit"))
    assert path.read_text().startswith("<<<<<<<")


def test_a_file_created_meanwhile_is_merged_with(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.review.toml"
    mine = store.ReviewFile(path)
    assert mine.load() is None
    theirs = _review("theirs")
    path.write_text(file_format.dumps(theirs))
    ours = Review(article="a.txt", base="0" * 40)
    ours.claims["c2"] = Annotation("c2", "y", "", "", 2, 3, verdict="overstated")
    mine.save(ours)
    assert set(store.read(path).claims) == {"c1", "c2"}


def test_a_file_deleted_meanwhile_is_not_recreated_silently(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.review.toml"
    mine = store.ReviewFile(path)
    mine.load()
    mine.save(_review("mine"))
    path.unlink()
    with pytest.raises(store.ReviewChangedOnDisk):
        mine.save(_review("again"))
    assert not path.exists()


def test_atomic_write_keeps_permissions_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.review.toml"
    path.write_text("old")
    path.chmod(0o640)
    atomic.atomic_write(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt.review.toml"]


def test_atomic_write_follows_a_symlink(tmp_path: Path) -> None:
    target = tmp_path / "real.toml"
    target.write_text("old")
    link = tmp_path / "a.txt.review.toml"
    link.symlink_to(target)
    atomic.atomic_write(link, b"new\n")
    assert link.is_symlink() and target.read_bytes() == b"new\n"


def test_an_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(store.RefereeError, match="cannot write"):
            atomic.atomic_write(folder / "x.review.toml", b"x")
    finally:
        folder.chmod(0o700)


def test_a_write_failure_names_the_folder_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.chdir(tmp_path)
    from referee.review import atomic

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(store.RefereeError) as caught:
        atomic.atomic_write(Path("a.txt.review.toml"), b"x")
    assert f"cannot write in {tmp_path} (Permission denied)" in str(caught.value)
    assert not (tmp_path / "a.txt.review.toml").exists()


def test_review_and_article_paths() -> None:
    assert store.review_path("dir/post.md") == Path("dir/post.md.review.toml")
    assert store.article_path_for("dir/post.md.review.toml") == Path("dir/post.md")
    with pytest.raises(store.RefereeError):
        store.article_path_for("dir/post.md")


# ----------------------------------------------------------------------------- crash test

# One interpreter forks a writer per round (an interpreter per round spent most of the
# test starting Python); each writer saves state after state until the test kills it.
CHILD = textwrap.dedent(
    """
    import os, sys
    from referee.review import store
    from referee.review.record import Annotation, Review

    def state(i):
        review = Review(article="a.txt", base="%040x" % i)
        for n in range(400):
            cid = "c%08d" % n
            review.claims[cid] = Annotation(
                cid, "claim %d " % n * 3, "p", "s", n, n + 30, verdict="supported",
                note="state %d\\nclaim %d" % (i, n),
            )
        return review

    path = sys.argv[1]
    for line in sys.stdin:  # one writer for each line: the state it starts from
        i = int(line)
        pid = os.fork()
        if pid == 0:
            review_file = store.ReviewFile(path)
            review_file.load()
            while True:
                review_file.save(state(i))
                print(i, flush=True)
                i += 1
        print("writer", pid, flush=True)
        os.waitpid(pid, 0)
        print("killed", flush=True)
    """
)


def test_a_killed_writer_leaves_the_previous_or_the_next_state(tmp_path: Path) -> None:
    script = tmp_path / "child.py"
    script.write_text(CHILD)
    path = tmp_path / "a.txt.review.toml"
    namespace: dict = {}
    exec(CHILD.split("path = sys.argv")[0], namespace)  # the same state() as the child
    rng = random.Random(1234)
    last = -1  # the last state a writer reported as saved
    kills = 0
    forker = subprocess.Popen(
        [sys.executable, str(script), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(30):
            forker.stdin.write(f"{last + 1}\n")
            forker.stdin.flush()
            writer, reported = None, []
            while writer is None or not reported:  # the writer is up and has saved once
                words = forker.stdout.readline().split()
                if words[0] == "writer":
                    writer = int(words[1])
                else:
                    reported.append(int(words[0]))
            time.sleep(rng.uniform(0, 0.1))  # a save takes ~20-50 ms: the kill lands anywhere
            os.kill(writer, signal.SIGKILL)
            kills += 1
            while (line := forker.stdout.readline().strip()) != "killed":
                reported.append(int(line))
            previous = reported[-1]
            data = path.read_bytes()
            tomllib.loads(data.decode("utf-8"))  # parses
            saved = file_format.loads(data.decode("utf-8"))
            index = int(saved.base, 16)
            assert index in (previous, previous + 1)
            assert data == file_format.dumps(namespace["state"](index)).encode("utf-8")
            last = index
    finally:
        forker.stdin.close()
        forker.wait(timeout=60)
    assert kills == 30 and last > 0
