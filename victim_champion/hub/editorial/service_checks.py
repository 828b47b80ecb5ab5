"""A service's own details checked at Compass House (issue 34).

A route is confirmed one by one (desk.confirm_route); a service's own details (its name,
what it offers, where and for whom) are checked as a whole. Until they are, laptops show
the service "Sample — check before use", as they always did for unverified entries; the
check sets the directory's ``verified_on`` to the day, and any later edit of the details
clears it again (desk.save_service), so the mark always dates the words it covers.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy import Engine, select

from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial.desk import get_service, service_entry, write_service
from victim_champion.hub.editorial.entries import ContentError, ServiceEntry
from victim_champion.hub.storage.tables import content_services


def mark_details_checked(engine: Engine, service_id: str, actor: str, today: date) -> ServiceEntry:
    """``verified_on`` = today; audited as "check-service"."""
    with engine.begin() as connection:
        row = connection.execute(
            select(content_services).where(content_services.c.id == service_id)
        ).first()
        if row is None:
            raise ContentError(f"There is no service with the id '{service_id}'.")
        stored = service_entry(row)
        extras = json.loads(row.body)
        extras["verified_on"] = today.isoformat()
        write_service(connection, replace(stored, verified_on=today.isoformat()), actor, extras)
        before = stored.verified_on or "not checked"
        detail = f"details checked {before} -> {today.isoformat()}"
        audit.record(connection, actor, "check-service", service_id, detail)
    return get_service(engine, service_id) or stored
