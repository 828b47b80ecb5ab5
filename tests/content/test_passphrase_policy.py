"""The passphrase policy treats the app's own words and the slot's name as guessable,
whatever joins them (issue 35, finding 4): zxcvbn alone scores each space, hyphen or dot
between known words as a fresh random character and calls them "very strong"."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from victim_champion.content.passphrase_policy import (
    APP_WORDS,
    MIN_PASSPHRASE_LENGTH,
    judge,
    refusal,
    suggestion,
)
from victim_champion.core.errors import WeakPassphraseError
from victim_champion.store.keys.key_slots import check_passphrase

MODULES = Path(__file__).parents[2] / "resources" / "course" / "modules"
# Title words too common to count as this app's own.
COMMON = {"is", "a", "the", "of", "how", "to", "and", "someone", "s"}

REFUSED = [
    # The four the security test got through, then the same words joined other ways.
    ("victim champion 2026", ""),
    ("victim-champion-2026", ""),
    ("kent-compass-point", ""),
    ("asha-victim-champion", "Asha"),
    ("Victim_Champion_2026!", ""),
    ("KENT.compass.point", ""),
    ("asha2026victim", "Asha"),
    ("VictimChampion2026", ""),
    ("victim.champion.kent", ""),
    ("2026 compass point kent", ""),
    ("Compass_House_Ashford_1", ""),
    ("thanet-desk-2-victim-champion", "Thanet desk 2"),
    ("Administrator-kent-2026", "Administrator"),
    ("asha_asha_asha_2026", "Asha"),
    ("restorative-justice-2026", ""),
    ("v1ct1m-ch4mp10n-2026", ""),  # look-alike digits change nothing either
]

ACCEPTED = [
    ("lantern teapot orchard velvet", ""),
    ("harbour-maple-quill-sixteen", "Asha"),
    ("correct horse battery staple", "Administrator"),
    ("kent velvet orbit lantern mosaic", ""),  # one app word, and plenty besides
]


@pytest.mark.parametrize(("passphrase", "name"), REFUSED)
def test_the_apps_own_words_and_the_slots_name_are_refused_however_joined(
    passphrase: str, name: str
) -> None:
    context = (name,) if name else ()
    assert len(passphrase) >= MIN_PASSPHRASE_LENGTH  # refused for its words, not its length
    verdict = judge(passphrase, context)
    assert not verdict.acceptable
    assert verdict.reason.startswith("it is built on words anyone would try first here (")
    with pytest.raises(WeakPassphraseError) as refused:
        check_passphrase(passphrase, context)
    sentence = str(refused.value)
    # One sentence, which says why and offers words that would pass.
    assert sentence.startswith("Choose a stronger passphrase, because it is built on words")
    assert sentence.count(". ") == 0 and sentence.endswith(".")
    named = re.search(r"\(([^)]*)\)", sentence)
    assert named is not None
    if name:
        assert name.split()[0].casefold() in named.group(1)


@pytest.mark.parametrize(("passphrase", "name"), ACCEPTED)
def test_random_words_still_pass(passphrase: str, name: str) -> None:
    assert judge(passphrase, (name,) if name else ()).acceptable


def test_the_slots_name_counts_only_for_that_slot() -> None:
    assert not judge("asha-velvet-2026", ("Asha",)).acceptable
    assert judge("harbour-maple-quill-sixteen", ("Asha",)).acceptable
    # The same passphrase as someone else's is judged without Asha's name.
    assert not judge("asha-harbour-2026", ("Asha",)).acceptable


def test_the_words_offered_pass_for_any_slot() -> None:
    for _ in range(5):
        assert judge(suggestion(), ("Asha",)).acceptable
        said = refusal(judge("victim-champion-2026"))
        offered = said.removesuffix(".").rsplit("for example ", 1)[1]
        assert judge(offered, ("Asha",)).acceptable


@pytest.mark.parametrize("module", sorted(MODULES.glob("0*.md")), ids=lambda p: p.stem)
def test_every_course_titles_words_are_the_apps_own(module: Path) -> None:
    title = re.search(r"^title: (.+)$", module.read_text(encoding="utf-8"), re.MULTILINE)
    assert title is not None
    words = [w for w in re.findall(r"[a-z]+", title.group(1).casefold()) if w not in COMMON]
    apps_own = {w for entry in APP_WORDS for w in entry.split()}
    assert set(words) <= apps_own, set(words) - apps_own
    assert not judge("-".join([*words, "2026"])).acceptable


def test_a_huge_paste_is_judged_quickly() -> None:
    """Only the first 72 characters are judged (as zxcvbn does), so a long run of joiners
    cannot make the word search take minutes on every key press."""
    started = time.perf_counter()
    assert judge("lantern teapot orchard velvet" + " -" * 50_000).acceptable
    assert not judge("victim champion 2026 " + " -" * 50_000).acceptable
    assert time.perf_counter() - started < 2
