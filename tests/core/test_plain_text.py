"""One check that a name is text (issue 35, item 5): controls, direction overrides and
isolates, and lone surrogates are refused, named as U+XXXX and never echoed."""

from __future__ import annotations

import pytest

from victim_champion.core.attendee_csv import plan_import
from victim_champion.core.attendees import AttendeeDetails, problems_with
from victim_champion.core.plain_text import first_unsafe, text_problem

REFUSED = [
    ("\x00", "U+0000 (a control character)"),
    ("\x1b", "U+001B (a control character)"),
    ("\x7f", "U+007F (a control character)"),
    ("\x85", "U+0085 (a control character)"),
    ("\x9f", "U+009F (a control character)"),
    ("\t", "U+0009 (a control character)"),
    ("\n", "U+000A (a control character)"),
    *((chr(c), f"U+{c:04X} (a text-direction control)") for c in range(0x202A, 0x202F)),
    *((chr(c), f"U+{c:04X} (a text-direction control)") for c in range(0x2066, 0x206A)),
    ("\ud800", "U+D800 (half of a character pair)"),
    ("\udfff", "U+DFFF (half of a character pair)"),
]


@pytest.mark.parametrize(("character", "named"), REFUSED)
def test_each_kind_is_refused_and_named_without_the_character(character: str, named: str) -> None:
    assert first_unsafe(f"Ada{character}Example") == named
    problem = text_problem(f"Ada{character}Example", "the name")
    assert problem == f"the name holds {named}, which is not allowed"
    assert character not in problem and "Ada" not in problem


@pytest.mark.parametrize(
    "name",
    ["Good Person", "Zoë O'Brien-Ng", "محمد", "李小龍", "Siân\u200dx", "🙂 Emoji", "Ana\u00a0Démo"],
)
def test_real_names_in_any_script_pass(name: str) -> None:
    assert first_unsafe(name) is None


def test_line_breaks_only_where_lines_make_sense() -> None:
    comment = "Good day.\r\n\tThanks"
    assert first_unsafe(comment) == "U+000D (a control character)"
    assert first_unsafe(comment, lines=True) is None
    assert first_unsafe("a\x00b", lines=True) == "U+0000 (a control character)"
    assert first_unsafe("a\u202eb", lines=True) == "U+202E (a text-direction control)"


def test_every_field_of_a_person_is_checked() -> None:
    details = AttendeeDetails("Good Person", organisation="Parish\u2067Council")
    assert problems_with(details) == [
        "the organisation holds U+2067 (a text-direction control), which is not allowed"
    ]


def test_a_sign_up_list_names_the_line_and_the_character() -> None:
    data = (
        'name,email\nGood Person,\n"Nul\x00Byte",\n\n"Ev\u202eil",\n"Fs\x1cx",\n"Two\nlines",\n'
    ).encode()
    plan = plan_import(data)
    assert [(line, d.name) for line, d in plan.rows] == [(2, "Good Person"), (7, "Two lines")]
    assert plan.errors == [
        (3, "the name holds U+0000 (a control character), which is not allowed"),
        (5, "the name holds U+202E (a text-direction control), which is not allowed"),
        (6, "the name holds U+001C (a control character), which is not allowed"),
    ]


def test_a_feedback_comment_may_run_over_lines_but_holds_only_text() -> None:
    from victim_champion.core.errors import InvalidInputError
    from victim_champion.core.training_day import Feedback

    assert Feedback(5, 5, 5, 5, "Good day.\nThanks").comment == "Good day.\nThanks"
    with pytest.raises(InvalidInputError, match=r"The comment holds U\+0000"):
        Feedback(5, 5, 5, 5, "Good\x00day")


def test_a_referrals_contact_details_hold_only_text() -> None:
    from victim_champion.core.errors import InvalidInputError
    from victim_champion.operations.signposting_desk import ReferralRequest

    ReferralRequest(name="Sam Example", phone="01234 567890").check()
    with pytest.raises(InvalidInputError, match=r"The name holds U\+2068"):
        ReferralRequest(name="Sam\u2068Example", phone="01234 567890").check()
    safety = {"safe_word": "blue\x00bird"}
    with pytest.raises(InvalidInputError, match=r"The safe word holds U\+0000"):
        ReferralRequest(name="Sam", phone="01234 567890", safety=safety).check()
