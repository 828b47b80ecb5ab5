"""The needs-led matcher: its promises hold for any person (hypothesis) and read well, and
nothing unknown is ever said as "supports"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from victim_champion.content.directory_loader import load_directory, load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.signposting import Person, match_services

SERVICES = load_directory()
NEEDS = {n.id: n.label for n in load_needs()}
DISTRICTS = {d.id: d.name for d in load_districts().districts}

people = st.builds(
    Person,
    district_id=st.sampled_from(sorted(DISTRICTS)),
    needs=st.frozensets(st.sampled_from(sorted(NEEDS)), max_size=4),
    age_band=st.sampled_from([None, "under-18", "18-64", "65+"]),
    gender=st.sampled_from([None, "man", "woman", "other"]),
    lgbt=st.booleans(),
    disability=st.booleans(),
    language=st.sampled_from([None, "English", "Polish"]),
    reported=st.sampled_from([None, True, False]),
)


@settings(max_examples=300, deadline=None)
@given(person=people)
def test_every_result_covers_the_district_has_reasons_and_flags_unverified(
    person: Person,
) -> None:
    district = person.district_id
    assert district is not None
    matches = match_services(SERVICES, person, NEEDS, DISTRICTS[district])
    for match in matches:
        assert match.service.covers(district)
        assert match.reasons and all(reason.strip() for reason in match.reasons)
        said = " ".join(match.reasons)
        for group, words in (("lgbt", "LGBT+"), ("disabled", "disabled")):
            if match.service.claims(group) is None:  # unknown is never turned into yes
                assert f"supports {words}" not in said
        if person.lgbt and match.service.claims("lgbt") is None:
            assert "LGBT+ support: not known" in match.reasons
        if person.needs:
            assert set(match.service.needs) & person.needs
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)


def test_a_man_in_dartford_needing_safety_from_abuse_sees_reasons_in_plain_words() -> None:
    person = Person("dartford", frozenset({"domestic-abuse", "feeling-safe"}), gender="man")
    matches = match_services(SERVICES, person, NEEDS, "Dartford")
    assert matches[0].service.name == "Choices domestic abuse service"
    reasons = " · ".join(matches[0].reasons)
    assert "covers Dartford" in reasons
    assert "has an adviser for men" in reasons
    davss = next(m for m in matches if m.service.id == "davss")
    assert "supports men" in davss.reasons  # the panel minutes say so
    assert "area not known: check it covers Dartford" in davss.reasons
    others = [
        m
        for m in matches
        if m.service.claims("men") is None and "domestic-abuse" in m.service.needs
    ]
    assert others and all("support for men: not known" in m.reasons for m in others)
    assert "Choices domestic abuse service" not in {
        m.service.name
        for m in match_services(SERVICES, Person("thanet", person.needs), NEEDS, "Thanet")
    }


def test_restorative_justice_needs_no_report_and_young_people_get_youth_services() -> None:
    rj = match_services(
        SERVICES,
        Person("thanet", frozenset({"restorative-justice"}), reported=False),
        NEEDS,
        "Thanet",
    )
    assert [m.service.name for m in rj] == ["Kent and Medway Restorative Justice Service"]
    assert "no police report needed" in rj[0].reasons
    young = match_services(
        SERVICES, Person("swale", frozenset({"child-support"}), age_band="under-18"), NEEDS, "Swale"
    )
    assert young[0].service.name in ("St Giles Trust", "Family Matters")
    assert {"works with young people", "works with children"} & set(young[0].reasons)
