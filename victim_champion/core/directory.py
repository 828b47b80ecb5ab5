"""The services directory: what each service offers, where, how to reach help, and how sure
we are of each fact.

Unknown is not yes. A service's audience, ages, languages and (where no source says) its
area are unknown until a source is named; nothing here turns unknown into "supports".
A route to help (a phone number, a web address) carries the public page it was read on,
the date that page showed and when it was checked (../shared/reference/CONTACTS.md). A route
is "confirmed" (Compass House confirmed it) or "unconfirmed" (still to be confirmed): paper
carries only confirmed routes; the worker's screen shows an unconfirmed one, marked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

COUNTY_WIDE = "kent"  # every Kent district (Medway, a separate authority, is listed apart)
NATIONAL = "national"
MEDWAY = "medway"
# The needs that make the discreet card the default: ticking one of them means the paper
# itself could put the person at risk if someone at home reads it.
DISCREET_NEEDS: frozenset[str] = frozenset(
    {"domestic-abuse", "sexual-violence", "stalking", "honour-based-abuse", "exploitation"}
)
CONFIRMED = "confirmed"
UNCONFIRMED = "unconfirmed"
ROUTE_STATES = (CONFIRMED, UNCONFIRMED)  # a withdrawn route is never in a directory
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Need:
    """A need in the person's words, e.g. 'Feeling safe now'; ``discreet_label`` is the
    same need in words safe to carry home (never 'abuse' or 'violence')."""

    id: str
    label: str
    discreet_label: str = ""

    def shown(self, discreet: bool) -> str:
        """The label for a plain or a discreet page."""
        return self.discreet_label or self.label if discreet else self.label


@dataclass(frozen=True, slots=True)
class Route:
    """A way to get help, confirmed on a public page: who, how, when, and where we read it.

    ``kind``: "emergency" (printed on every page set), "everyone" (printed on every sheet:
    the Supportline), "need" (printed when one of its needs was ticked) or "service" (a
    service's own route, printed only beside that service).

    ``state``: "confirmed" or "unconfirmed". Only a confirmed route is ever printed; an
    unconfirmed one is shown on screen, marked, for the worker to check.

    ``any_time``: open 24 hours, every day; only such routes go under an "any time"
    heading, and every emergency route must be one. ``audience``: "" for everyone, or a
    group ("lgbt", "men") the line is for. Such a line is printed only when the person
    said they belong to that group: printing Galop on a sheet for someone who never said
    they are LGBT+ could out them to whoever finds it, and a line for men is no use to
    anyone else. ``always_with_need``: the rules say every sheet for its need carries it
    (the Rape Crisis line and Beech House for sexual violence, the Stalking Helpline for
    stalking); the discreet card offers it ticked. ``discreet_name`` and
    ``discreet_contact``: the neutral label and contact for a discreet card, naming
    neither the service nor the subject; empty means never offered there."""

    id: str
    kind: str
    name: str
    contact: str
    hours: str  # "" when no official page gave the hours: printed as not known
    needs: tuple[str, ...]
    source: str
    seen: str  # the page's own date, as it showed it ("undated" if none)
    checked: str  # YYYY-MM: when the route was last checked
    confirmed_by: str
    discreet_name: str = ""  # "" means: left off discreet copies
    discreet_contact: str = ""
    any_time: bool = False
    audience: str = ""
    always_with_need: bool = False
    state: str = CONFIRMED
    # Names in its words that every language prints as they are: the service's own name,
    # an address, a word a person must type ("register"); content/language_content.py.
    kept: tuple[str, ...] = ()

    @property
    def confirmed(self) -> bool:
        """True when Compass House confirmed the route: the only kind paper carries."""
        return self.state == CONFIRMED

    @property
    def checked_text(self) -> str:
        """ "checked November 2026" """
        year, month = self.checked.split("-")
        return f"checked {MONTHS[int(month) - 1]} {year}"

    def printable(self, discreet: bool) -> bool:
        """A discreet copy leaves out a route it cannot name plainly."""
        return not discreet or bool(self.discreet_name and self.discreet_contact)

    def shown_name(self, discreet: bool) -> str:
        """The name for a plain page, or the neutral label for a discreet one."""
        return self.discreet_name if discreet else self.name

    def shown_contact(self, discreet: bool) -> str:
        """How to reach it, on a plain or a discreet page."""
        return self.discreet_contact if discreet else self.contact

    def fits(self, needs: Iterable[str], groups: Iterable[str]) -> bool:
        """A need route for one of these needs, for everyone or for a group named."""
        if self.kind != "need" or not set(needs) & set(self.needs):
            return False
        return not self.audience or self.audience in set(groups)


@dataclass(frozen=True, slots=True)
class AudienceClaim:
    """A group a source says the service works with, and that source."""

    group: str  # "men", "lgbt", "children", "young-people"
    says: str  # "supports men", in the words shown to the worker
    source: str


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
    areas: tuple[str, ...] | None  # None: where it works is not known
    source: str
    verified_on: date | None
    discreet_name: str = ""
    discreet_description: str = ""
    audience: tuple[AudienceClaim, ...] = ()
    route_ids: tuple[str, ...] = ()  # its own routes (the Routes' ids), in any state
    referral: ReferralRoute = ReferralRoute()
    ages: str | None = None  # None: not known
    languages: tuple[str, ...] | None = None  # None: not known
    areas_note: str = ""

    @property
    def is_verified(self) -> bool:
        """Only entries with a verification date may be shown without the sample mark."""
        return self.verified_on is not None

    def claims(self, group: str) -> AudienceClaim | None:
        """What a source says about this group, if any source does."""
        return next((c for c in self.audience if c.group == group), None)

    def shown_name(self, discreet: bool) -> str:
        """The name for a plain or a discreet page."""
        return self.discreet_name or self.name if discreet else self.name

    def shown_description(self, discreet: bool) -> str:
        """The one-line description for a plain or a discreet page."""
        return self.discreet_description or self.description if discreet else self.description

    def covers(self, district_id: str) -> bool:
        """True if the service works in this district (or county-wide, or nationally), or
        if its area is not known (then the worker is told to check)."""
        if self.areas is None:
            return True
        if NATIONAL in self.areas or district_id in self.areas:
            return True
        return district_id != MEDWAY and COUNTY_WIDE in self.areas

    def nearness(self, district_id: str) -> int:
        """How close to the district the service works, for ordering: 0 in the district
        itself, 1 county-wide, 2 nationally, 3 where it works is not known."""
        if self.areas is None:
            return 3
        if district_id in self.areas:
            return 0
        return 1 if district_id != MEDWAY and COUNTY_WIDE in self.areas else 2


@dataclass(frozen=True)
class Directory:
    """One edition of the directory: its services and the routes to help."""

    edition: str
    published: date | None
    sample: bool
    services: tuple[Service, ...]
    routes: tuple[Route, ...] = field(default=())

    def route(self, route_id: str) -> Route | None:
        """A confirmed route by id: None for an unknown or an unconfirmed one, so that
        whatever prints through here never carries a route not confirmed."""
        return next((r for r in self.routes if r.id == route_id and r.confirmed), None)

    def own_routes(self, service: Service, *, unconfirmed: bool = False) -> list[Route]:
        """A service's own routes, in its order: the confirmed ones (for paper), or with
        ``unconfirmed`` every one (for the worker's screen, which marks them)."""
        found = [next((r for r in self.routes if r.id == i), None) for i in service.route_ids]
        return [r for r in found if r is not None and (unconfirmed or r.confirmed)]

    def routes_for(
        self,
        needs: Iterable[str],
        discreet: bool = False,
        groups: Iterable[str] = (),
        chosen: Iterable[str] = (),
    ) -> list[Route]:
        """What a page carries, in the directory's order, each once.

        Plain: the emergency routes, the Supportline, then the lines that fit the needs
        ticked and the person's groups (``groups``: "lgbt", "men", as they said). Discreet:
        the emergency routes and the Supportline, then only the routes ``chosen`` with the
        person that can be named plainly; the needs alone add nothing to a discreet page.
        Only confirmed routes: an unconfirmed one is never printed."""
        wanted, said, picked = list(needs), list(groups), set(chosen)
        printed = [r for r in self.routes if r.confirmed]  # paper: confirmed routes only
        if discreet:
            return [
                r
                for r in printed
                if (r.kind in ("emergency", "everyone") or (r.id in picked and r.kind == "need"))
                and r.printable(True)
            ]
        return [r for r in printed if r.kind in ("emergency", "everyone") or r.fits(wanted, said)]

    def suggested_routes(self, needs: Iterable[str], groups: Iterable[str] = ()) -> list[Route]:
        """The need routes the rules say a sheet for these needs carries."""
        return [r for r in self.routes_for(needs, groups=groups) if r.always_with_need]

    @property
    def edition_text(self) -> str:
        """ "Directory 2026-11, published 30 November 2026" """
        if self.published is None:
            return f"Directory {self.edition}"
        day = self.published
        return f"Directory {self.edition}, published {day.day} {MONTHS[day.month - 1]} {day.year}"


def grouped_by_need(
    services: Iterable[Service], needs: Iterable[Need], district_id: str, *, once: bool = False
) -> list[tuple[Need, list[Service]]]:
    """For one district: each need (in the given order) with the services that meet it:
    those working in the district itself first, then county-wide ones (Kent: never for
    Medway, a separate authority), then national ones, then those whose area is not known;
    by name within each.

    ``once`` lists each service only under the first need it meets (a personal sheet).
    """
    local = [s for s in services if s.covers(district_id)]
    groups = []
    shown: set[str] = set()
    for need in needs:
        matching = sorted(
            (s for s in local if need.id in s.needs and s.id not in shown),
            key=lambda s: (s.nearness(district_id), s.name),
        )
        if once:
            shown.update(s.id for s in matching)
        if matching:
            groups.append((need, matching))
    return groups
