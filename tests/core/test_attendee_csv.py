"""Reading sign-up lists: encodings, awkward names, blank lines, quoting, bad rows."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from victim_champion.core.attendee_csv import MAX_ROWS, plan_import
from victim_champion.core.errors import ImportFileError

HEADER = "name,email,phone,organisation,role,consent_contact\n"


def test_a_utf8_bom_from_excel_is_not_part_of_the_first_column_name() -> None:
    plan = plan_import(("\ufeff" + HEADER + "Ada Example,,,,,no\n").encode("utf-8"))
    assert [d.name for _, d in plan.rows] == ["Ada Example"]
    assert plan.errors == []


def test_accents_and_apostrophes_in_names_survive_exactly() -> None:
    names = ["Zoë O'Brien", "Siân Ní Bhriain", "José d'Almeida-Núñez", "Łukasz Żółć"]
    text = HEADER + "".join(f"{n},,,,,no\n" for n in names)
    plan = plan_import(text.encode("utf-8"))
    assert [d.name for _, d in plan.rows] == names


def test_blank_lines_and_comma_only_rows_are_skipped_but_line_numbers_stay_true() -> None:
    text = HEADER + "\nAda Example,,,,,\n,,,,,\n\nBad Email,not-an-email,,,,\n"
    plan = plan_import(text.encode())
    assert [(line, d.name) for line, d in plan.rows] == [(3, "Ada Example")]
    assert plan.errors == [(6, "the email address is not valid")]


def test_quoted_commas_and_quoted_newlines_stay_inside_their_field() -> None:
    text = (
        HEADER + 'Ada Example,,,"Parish Council, Hawkhurst","chair,\nvolunteer",yes\nBo Test,,,,,\n'
    )
    plan = plan_import(text.encode())
    first = plan.rows[0][1]
    assert first.organisation == "Parish Council, Hawkhurst"
    assert first.role == "chair, volunteer"  # whitespace (the newline) is folded
    assert first.consent_contact is True
    assert [line for line, _ in plan.rows] == [2, 4]  # the second record starts on line 4


def test_every_bad_row_is_reported_by_line_number_without_echoing_its_values() -> None:
    text = HEADER + ",x@y.org,,,,yes\nCal Test,,12,,,maybe\nDee Test,,,,,,extra\n"
    plan = plan_import(text.encode())
    assert plan.rows == []
    lines = dict(plan.errors)
    assert lines[2] == "the name is missing"
    assert "phone number is not valid" in lines[3]
    assert "consent_contact must be yes or no" in lines[3]
    assert "7 values but the header has 6" in lines[4]
    assert not any("maybe" in e or "x@y.org" in e for _, e in plan.errors)


def test_header_matching_forgives_case_spaces_and_american_spelling() -> None:
    text = "Name, E-mail ,Organization,Consent Contact\nAda Example,,Kent Libraries,yes\n"
    plan = plan_import(text.encode())
    details = plan.rows[0][1]
    assert details.organisation == "Kent Libraries"
    assert details.consent_contact is True
    assert plan.ignored_columns == []  # "E-mail" is the email column now


def test_unknown_columns_are_ignored_not_stored() -> None:
    plan = plan_import(b"name,date_of_birth\nAda Example,1970-01-01\n")
    assert plan.ignored_columns == ["date_of_birth"]
    assert plan.rows[0][1].name == "Ada Example"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"\n\n", "empty"),
        (b"email,phone\nx@y.org,\n", "No column is headed 'name'"),
        (b"name,name\nA,B\n", "twice"),
        ("name\nZo\xeb\n".encode("latin-1"), "UTF-8"),
        (b'name\n"Ada Example\n', "not valid CSV"),
    ],
)
def test_file_level_faults_raise_one_clear_sentence(data: bytes, expected: str) -> None:
    with pytest.raises(ImportFileError, match=expected):
        plan_import(data)


def test_a_file_with_too_many_rows_is_refused_rather_than_half_read() -> None:
    data = ("name\n" + "Ada Example\n" * (MAX_ROWS + 1)).encode()
    with pytest.raises(ImportFileError, match="more than"):
        plan_import(data)


# ------------------------------------------------------------------ properties

# Text a register holds: no controls, surrogates or direction controls (core.plain_text).
DIRECTION_CONTROLS = "".join(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
safe_text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff" + DIRECTION_CONTROLS
    ),
    max_size=40,
)
person = st.fixed_dictionaries(
    {
        "name": safe_text.filter(lambda s: 0 < len(" ".join(s.split())) <= 120),
        "organisation": safe_text,
        "consent_contact": st.sampled_from(["yes", "no", "Y", "N", "TRUE", "false", ""]),
    }
)


@settings(max_examples=150, deadline=None)
@given(people=st.lists(person, max_size=20), bom=st.booleans(), crlf=st.booleans())
def test_any_well_formed_register_round_trips_through_csv(
    people: list[dict[str, str]], bom: bool, crlf: bool
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if crlf else "\n")
    writer.writerow(["name", "organisation", "consent_contact"])
    for p in people:
        writer.writerow([p["name"], p["organisation"], p["consent_contact"]])
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    plan = plan_import(text.encode("utf-8"))
    assert plan.errors == []
    assert [d.name for _, d in plan.rows] == [" ".join(p["name"].split()) for p in people]
    assert [d.organisation for _, d in plan.rows] == [
        " ".join(p["organisation"].split()) for p in people
    ]
    assert [d.consent_contact for _, d in plan.rows] == [
        p["consent_contact"].casefold() in {"yes", "y", "true"} for p in people
    ]


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_never_crash_the_reader(data: bytes) -> None:
    try:
        plan = plan_import(data)
    except ImportFileError:
        return
    for line in [n for n, _ in plan.rows] + [n for n, _ in plan.errors]:
        assert line >= 2


def test_a_column_chosen_by_hand_wins_over_the_automatic_match() -> None:
    data = b"Name,Preferred name,Email\nAlexandra Example,Sasha Example,sasha@example.org\n"
    automatic = plan_import(data)
    assert automatic.rows[0][1].name == "Alexandra Example"
    assert automatic.matched == {"name": "Name", "email": "Email"}
    chosen = plan_import(data, {"name": "Preferred name", "email": ""})
    [(_, details)] = chosen.rows
    assert (details.name, details.email) == ("Sasha Example", "")
    assert chosen.matched == {"name": "Preferred name"}
    assert chosen.headers == ["Name", "Preferred name", "Email"]


def test_a_field_over_the_csv_limit_is_named_as_such_not_as_a_quote() -> None:
    """Issue 35, finding 8: a 200 000-character name was reported as 'an unclosed quote'."""
    data = ("name\nAda Example\n" + "B" * 200_000 + "\n").encode()
    with pytest.raises(ImportFileError) as refused:
        plan_import(data)
    message = refused.value.message
    assert message.startswith("Line 3 has a field longer than 131,072 characters")
    assert "not valid CSV" not in message and "B" * 20 not in message
