"""A scripted review of the seed article, key by key, ends in exactly this TOML."""

from __future__ import annotations

from conftest import review_text

from referee.tui.screens.review_screen import ReviewScreen

EXPECTED = r'''schema = 1
article = "acupuncture-goodpasture.txt"
base = "deb7c69c8c1520391ed478aa34d2167cf1e049d6"

[claim.ce3wlfupt]
exact = "Although medical treatments can help control the symptoms, some patients may still experience persistent issues, necessitating the need for supplementary treatment options."
prefix = "ation in the kidneys and lungs. "
suffix = "\n\nAcupuncture as a Promising Tre"
start = 900
end = 1072
reviewer = "Test Reviewer <test@example.org>"
origin = "auto"
dismissed = true

[claim.cfkj7zuxm]
verdict = "overstated"
exact = "While traditional treatments like immunosuppressive medication and steroids are used, some patients explore alternative approaches such as acupuncture to alleviate their symptoms and improve their quality of life."
prefix = "ortness of breath, and fatigue. "
suffix = "\n\nGoodpasture Syndrome and Treat"
start = 506
end = 719
note = """
Cites nothing.
Check the refs."""
reviewer = "Test Reviewer <test@example.org>"
reviewed = 2026-03-14
origin = "auto"

[claim.ciwf7i4ib]
exact = "The treatment of Goodpasture Syndrome focuses on suppressing the immune system and reducing inflammation in the kidneys and lungs."
prefix = "rome and Treatment Challenges:\n\n"
suffix = " Although medical treatments can"
start = 769
end = 899
refs = [
    "zhang2021",
]
reviewer = "Test Reviewer <test@example.org>"
origin = "auto"

[claim.cmzm4nkvg]
exact = "Goodpasture Syndrome and Treatment Challenges:"
prefix = "improve their quality of life.\n\n"
suffix = "\n\nThe treatment of Goodpasture S"
start = 721
end = 767
reviewer = "Test Reviewer <test@example.org>"
origin = "manual"

[claim.cmzv43jrx]
verdict = "supported"
exact = "Goodpasture Syndrome is an autoimmune disorder that primarily affects the kidneys and lungs."
prefix = "alternative treatment option.\n\n\n"
suffix = " This rare condition can lead to"
start = 300
end = 392
reviewer = "Test Reviewer <test@example.org>"
reviewed = 2026-03-14
origin = "auto"

[claim.cncfofm25]
verdict = "unsupported"
exact = "This rare condition can lead to symptoms such as blood in the urine, coughing, shortness of breath, and fatigue."
prefix = " affects the kidneys and lungs. "
suffix = " While traditional treatments li"
start = 393
end = 505
reviewer = "Test Reviewer <test@example.org>"
reviewed = 2026-03-14
origin = "auto"
'''


async def test_scripted_session_writes_the_expected_review(seed, make_app) -> None:
    app = make_app(seed)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "u")  # supported, unsupported; now on the third claim
        await pilot.press("n", *"Cites nothing.", "enter", *"Check the refs.", "ctrl+s")
        await pilot.press("o")  # overstated; on the fourth claim
        await pilot.press("l", *"zhang", "enter", "ctrl+s")  # link zhang2021, stay
        await pilot.press("j", "d")  # dismiss the fifth claim
        await pilot.press("s", "z")  # a verdict, undone
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        text = screen.session.article.text
        screen.article.move_cursor(text.index("Goodpasture Syndrome and Treatment Challenges:"))
        await pilot.press("a", "q")  # the heading becomes a manual claim; quit
    assert app.return_code == 0
    assert review_text(seed) == EXPECTED
