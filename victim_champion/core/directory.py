"""The services directory: what each service offers, where, and how sure we are of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

COUNTY_WIDE = "kent"  # every Kent district (Medway, a separate authority, is listed apart)
NATIONAL = "national"
MEDWAY = "medway"


@dataclass(frozen=True, slots=True)
class Need:
    """A need in the person's words, e.g. 'Feeling safe now'."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class ContactChannel:
    """One way to reach a service. Only ever filled from a verified source."""

    kind: str  # "phone", "web", "email", "visit"
    value: str
    hours: str = ""


@dataclass(frozen=True, slots=True)
class Audience:
    """Who a service is for."""

    ages: str = "all"  # "all", "adults", "young people"
    genders: str = "all"  # "all", "men", "women"
    lgbt: bool = True
    disability: bool = True


@dataclass(frozen=True, slots=True)
class ReferralRoute:
    """How people reach the service."""

    self_referral: bool = True
    worker_referral: bool = True
    consent_needed: bool = True


@dataclass(frozen=True)
class Service:
    """A service in the directory."""

    id: str
    name: str
    description: str
    needs: tuple[str, ...]
    areas: tuple[str, ...]
    source: str
    verified_on: date | None
    contacts: tuple[ContactChannel, ...] = ()
    audience: Audience = Audience()
    referral: ReferralRoute = ReferralRoute()
    languages: tuple[str, ...] = ("English",)

    @property
    def is_verified(self) -> bool:
        """Only entries with a verification date may be shown without the sample mark."""
        return self.verified_on is not None

    def covers(self, district_id: str) -> bool:
        """True if the service works in this district (or county-wide, or nationally)."""
        if NATIONAL in self.areas or district_id in self.areas:
            return True
        return district_id != MEDWAY and COUNTY_WIDE in self.areas


def grouped_by_need(
    services: Iterable[Service], needs: Iterable[Need], district_id: str, *, once: bool = False
) -> list[tuple[Need, list[Service]]]:
    """For one district: each need (in the given order) with the services that meet it.

    ``once`` lists each service only under the first need it meets (a personal sheet).
    """
    local = [s for s in services if s.covers(district_id)]
    groups = []
    shown: set[str] = set()
    for need in needs:
        matching = sorted(
            (s for s in local if need.id in s.needs and s.id not in shown), key=lambda s: s.name
        )
        if once:
            shown.update(s.id for s in matching)
        if matching:
            groups.append((need, matching))
    return groups
