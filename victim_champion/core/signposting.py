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


# What the person told us, the group a source may name, and the words when none does.
_GROUPS = (
    ("lgbt", "lgbt", "LGBT+ support: not known"),
    ("disability", "disabled", "support for disabled people: not known"),
)


def _where(service: Service, person: Person, district_name: str) -> tuple[str, int]:
    """The reason about the area, and its score."""
    areas = service.areas
    if areas is None:
        return f"area not known: check it covers {district_name or 'the district'}", 0
    if person.district_id is None:
        return "works in " + ", ".join(areas), 0
    if person.district_id in areas:
        return f"covers {district_name}", 2
    if COUNTY_WIDE in areas:
        return f"works across Kent, including {district_name}", 0
    if NATIONAL in areas:
        return "works across the country", 0
    return f"covers {district_name}", 0


def _who(service: Service, person: Person, met: list[str]) -> tuple[list[str], int]:
    """What a source says about who the service is for, or that it is not known. Nothing
    unknown is ever turned into "supports", and nobody is left out on a guess."""
    reasons: list[str] = []
    score = 0
    wanted: list[tuple[str, str]] = []
    if person.gender == "man" and "domestic-abuse" in met:
        wanted.append(("men", "support for men: not known"))
    if person.age_band == "under-18":
        wanted.append(("young-people", "work with young people: not known"))
    wanted += [(group, unknown) for flag, group, unknown in _GROUPS if getattr(person, flag)]
    for group, unknown in wanted:
        claim = service.claims(group)
        if claim is None and group == "young-people":
            claim = service.claims("children")
        if claim is None:
            reasons.append(unknown)
        else:
            reasons.append(claim.says)
            score += 2
    if person.language:
        spoken = service.languages
        if spoken is None:
            reasons.append(f"{person.language}: not known whether they speak it")
        elif person.language.casefold() in (language.casefold() for language in spoken):
            reasons.append(f"speaks {person.language}")
            score += 1
    return reasons, score


def match_services(
    services: Iterable[Service], person: Person, need_labels: Mapping[str, str], district_name: str
) -> list[Match]:
    """Rank the services that cover the district (or whose area is not known) and meet a
    need; say in plain words why, and what is not known."""
    matches: list[Match] = []
    for service in services:
        if person.district_id is not None and not service.covers(person.district_id):
            continue
        met = [n for n in service.needs if n in person.needs]
        if person.needs and not met:
            continue
        where, score = _where(service, person, district_name)
        reasons = [where]
        score += 3 * len(met)
        if met:
            reasons.append("helps with " + ", ".join(need_labels.get(n, n) for n in met))
        who, bonus = _who(service, person, met)
        reasons += who
        score += bonus
        if person.reported is False and set(met) & NO_REPORT_NEEDED:
            reasons.append("no police report needed")
        if service.referral.self_referral:
            reasons.append("you can contact them yourself")
        matches.append(Match(service, score, tuple(reasons)))
    matches.sort(key=lambda m: (-m.score, m.service.name))
    return matches
