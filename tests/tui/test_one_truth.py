"""One list of "the claims of this article": the header, the claim pane, ``report``
and ``claims --json`` count the same claims; a verdict brings a dismissed one back."""

from __future__ import annotations

import json

from test_states import OLD_REVIEW, review_file

from referee.cli import main
from referee.publish import report


async def test_header_pane_report_and_claims_json_agree(seed, make_app, capsys) -> None:
    review_file(seed).write_text(OLD_REVIEW, encoding="utf-8")
    app = make_app(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        session = screen.session
        drug = session.claims()[3].id
        await pilot.pause()
        session.dismiss(drug)
        screen.refresh_claims()
        await pilot.pause()
        states = session.every_claim()
        anchors = {s.anchor for s in states}
        assert {"stale", "orphan"} <= anchors  # the hard cases are there
        counted = [s for s in states if not s.dismissed]
        reviewed, total = session.progress()
        assert total == len(counted)
        header = str(screen.query_one("#header").render())
        assert f"{reviewed}/{total} reviewed" in header
        assert str(screen.claims.border_title).endswith(f"Claims ({total})")
        assert report.summary(session)["claims"] == total
    capsys.readouterr()
    assert main(["claims", str(seed), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["claims"]
    assert [c["id"] for c in listed] == [s.id for s in states]
    assert sum(1 for c in listed if not c["dismissed"]) == total
    assert {c["id"] for c in listed if c["dismissed"]} == {drug}
    assert main(["report", str(seed), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["claims"] == total
    stored = {c["id"] for c in data["claims"]}
    assert stored <= {c["id"] for c in listed}  # every stored claim under the same id


async def test_a_verdict_on_a_dismissed_claim_brings_it_back(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        first = screen.claims.current_id
        await pilot.press("d")
        assert screen.session.state(first).dismissed
        screen.filter_name = "dismissed"
        screen.refresh_claims(keep=first)
        await pilot.pause()
        assert screen.claims.current_id == first
        await pilot.press("s")
        state = screen.session.state(first)
        assert (state.verdict, state.dismissed) == ("supported", False)
        assert "dismissed" not in review_file(seed).read_text(encoding="utf-8")
        assert screen.session.progress()[0] == 1
