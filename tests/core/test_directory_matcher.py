"""The matcher by district (issue 34, item 3): domestic abuse services are found per
district, Medway's for Medway, and a district's own services come first, then county-wide
ones, then national ones, then those whose area is not known. Synthetic services only."""

from __future__ import annotations

from victim_champion.core.directory import Need, Service, grouped_by_need

ABUSE = Need("domestic-abuse", "Domestic abuse")


def service(service_id: str, name: str, areas: tuple[str, ...] | None) -> Service:
    return Service(
        id=service_id,
        name=name,
        description="A synthetic service, for tests.",
        needs=("domestic-abuse",),
        areas=areas,
        source="synthetic test entry",
        verified_on=None,
    )


SWALE_ONLY = service("swale-only", "Aspen Swale Service", ("swale",))
MEDWAY_ONLY = service("medway-only", "Birch Medway Service", ("medway",))
KENT_WIDE = service("kent-wide", "Alder Kent Service", ("kent",))
NATIONAL = service("national", "Abbey National Line", ("national",))
UNKNOWN = service("unknown", "Aaron Unknown Service", None)
BOTH = service("kent-and-medway", "Cedar Kent and Medway Service", ("kent", "medway"))
SWALE_AND_DOVER = service("swale-dover", "Zephyr Swale and Dover Service", ("swale", "dover"))
ALL = (UNKNOWN, NATIONAL, KENT_WIDE, MEDWAY_ONLY, SWALE_ONLY, BOTH, SWALE_AND_DOVER)


def found(district: str) -> list[str]:
    groups = grouped_by_need(ALL, [ABUSE], district)
    return [s.id for _, services in groups for s in services]


def test_a_district_service_is_found_for_its_district_only() -> None:
    assert "swale-only" in found("swale")
    assert "swale-only" not in found("dover")
    assert "medway-only" in found("medway")
    assert "medway-only" not in found("thanet")


def test_a_kent_service_does_not_cover_medway_but_a_kent_and_medway_one_does() -> None:
    assert "kent-wide" in found("thanet") and "kent-wide" not in found("medway")
    assert "kent-and-medway" in found("medway")


def test_the_district_own_services_come_first_then_county_then_national_then_unknown() -> None:
    # By name alone the unknown and national ones would lead ("Aaron", "Abbey").
    assert found("swale") == [
        "swale-only",
        "swale-dover",
        "kent-wide",
        "kent-and-medway",
        "national",
        "unknown",
    ]
    assert found("dover") == ["swale-dover", "kent-wide", "kent-and-medway", "national", "unknown"]
    # A service that names Medway works in Medway itself: by name among those.
    assert found("medway") == ["medway-only", "kent-and-medway", "national", "unknown"]
