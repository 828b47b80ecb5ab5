"""What the content desk holds, as plain values shared by the store, the publisher and the
dashboard's pages.

A route's state is one of ``STATES``:

* ``unconfirmed``: on the laptops' screens, marked "not confirmed", and never printed;
* ``confirmed``: someone at Compass House (or an official page, for the imported research)
  confirmed it, and when: it prints;
* ``withdrawn``: kept on the hub with its history, never sent to laptops again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

STATES = ("unconfirmed", "confirmed", "withdrawn")
# "service": a service's own route, printed only beside that service (not with every
# sheet for a need, as a "need" route is). The others as core/directory.Route.kind.
ROUTE_KINDS = ("emergency", "everyone", "need", "service")


class ContentError(Exception):
    """A change or a publication the desk refuses; the text is one sentence for the editor."""


@dataclass(frozen=True)
class AudienceEntry:
    """Who a source says the service works with ("supports men"), and that source."""

    group: str
    says: str
    source: str


@dataclass(frozen=True)
class ServiceEntry:
    """A service as the desk holds it (the fields of services.json's services)."""

    id: str
    name: str
    description: str
    discreet_name: str
    discreet_description: str
    needs: tuple[str, ...]
    areas: tuple[str, ...] | None  # None: where it works is not known
    areas_note: str
    audience: tuple[AudienceEntry, ...]
    ages: str | None
    languages: tuple[str, ...] | None
    self_referral: bool
    worker_referral: bool
    consent_needed: bool
    source: str
    updated_at: datetime | None = None
    updated_by: str = ""
    # YYYY-MM-DD: when Compass House last checked the service's own details (what it
    # offers, where, for whom); None until then, and again after any edit of them. The
    # laptops mark a service without it "Sample — check before use".
    verified_on: str | None = None


@dataclass(frozen=True)
class RouteEntry:
    """A contact route as the desk holds it: the text as published, its hours, where and
    when it was seen, its state, and who confirmed it and when."""

    id: str
    service_id: str | None  # the service it belongs to ("service" routes), else None
    kind: str  # one of ROUTE_KINDS
    name: str
    contact: str  # the text as published
    hours: str  # "" when no page gave them
    any_time: bool  # open 24 hours, every day
    needs: tuple[str, ...]
    audience: str
    always_with_need: bool
    discreet_name: str
    discreet_contact: str
    source: str  # the address it was read at
    seen: str  # the page's own date as it showed it, or "undated"
    state: str  # one of STATES
    checked: str  # YYYY-MM: when it was last checked
    confirmed_by: str  # "" until confirmed
    confirmed_at: datetime | None
    updated_at: datetime | None = None
    updated_by: str = ""
    # The names in its words every language prints as they are (services.json "kept").
    kept: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuditEntry:
    """One change on the desk: when, who, what, to which service or route."""

    at: datetime
    actor: str
    action: str  # "add-service", "edit-route", "confirm-route", "publish-directory", ...
    subject: str  # the service or route id, or the edition / version published
    detail: str  # what changed, in words (never a person's data: the desk holds none)
