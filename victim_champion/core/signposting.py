"""Needs-led signposting: which services fit this person, in what order, and why.

Pure and deterministic. Every result covers the person's district; every result has
plain-words reasons; every unverified service says so. Needs come from the impact of the
crime, never its type (Victims' Focus 2014).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from victim_champion.core.directory import COUNTY_WIDE, NATIONAL, Service

NO_REPORT_NEEDED = {"restorative-justice", "emotional-support", "counselling"}


@dataclass(frozen=True)
class Person:
    """What the person chose to tell us; everything but the district is optional."""

    district_id: str | None  # None only for a county-wide look-up from the command line
    needs: frozenset[str] = field(default_factory=frozenset)
    age_band: str | None = None  # "under-18", "18-64", "65+"
    gender: str | None = None  # "man", "woman", "other"
    lgbt: bool = False
    disability: bool = False
    language: str | None = None
    reported: bool | None = None


@dataclass(frozen=True)
class Match:
    """A service for this person, with its score and the reasons, in plain words."""

    service: Service
    score: int
    reasons: tuple[str, ...]

    @property
    def verified(self) -> bool:
        """False for sample or unchecked entries, which must be shown as such."""
        return self.service.is_verified


def _fits(service: Service, person: Person) -> bool:
    ages = service.audience.ages
    if person.age_band == "under-18" and ages == "adults":
        return False
    if person.age_band in ("18-64", "65+") and ages == "young people":
        return False
    genders = service.audience.genders
    return not (
        (person.gender == "man" and genders == "women")
        or (person.gender == "woman" and genders == "men")
    )


def match_services(
    services: Iterable[Service], person: Person, need_labels: Mapping[str, str], district_name: str
) -> list[Match]:
    """Rank the services that cover the district and suit the person."""
    matches: list[Match] = []
    for service in services:
        local = person.district_id is None or service.covers(person.district_id)
        if not local or not _fits(service, person):
            continue
        met = [n for n in service.needs if n in person.needs]
        if person.needs and not met:
            continue
        reasons: list[str] = []
        score = 3 * len(met)
        if person.district_id is None:
            reasons.append("works in " + ", ".join(service.areas))
        elif person.district_id in service.areas:
            reasons.append(f"covers {district_name}")
            score += 2
        elif COUNTY_WIDE in service.areas:
            reasons.append(f"works across Kent, including {district_name}")
        elif NATIONAL in service.areas:
            reasons.append("works across the country")
        else:
            reasons.append(f"covers {district_name}")
        if met:
            reasons.append("helps with " + ", ".join(need_labels.get(n, n) for n in met))
        if person.gender == "man" and "domestic-abuse" in met and service.audience.genders == "all":
            reasons.append("supports male victims of domestic abuse")
        if person.lgbt and service.audience.lgbt:
            reasons.append("supports LGBT+ people")
            score += 1
        if person.disability and service.audience.disability:
            reasons.append("supports disabled people")
        if person.age_band == "under-18" and service.audience.ages == "young people":
            reasons.append("works with young people")
            score += 2
        if person.language and person.language.casefold() in (
            language.casefold() for language in service.languages
        ):
            reasons.append(f"speaks {person.language}")
            score += 1
        if person.reported is False and set(met) & NO_REPORT_NEEDED:
            reasons.append("no police report needed")
        if service.referral.self_referral:
            reasons.append("you can contact them yourself")
        if not service.is_verified:
            reasons.append("details not yet verified: check before use")
        matches.append(Match(service, score, tuple(reasons)))
    matches.sort(key=lambda m: (-m.score, m.service.name))
    return matches
