"""Reading the researched Kent and Medway services (docs/reference/KENT-SERVICES.md): its
markdown tables, read generically (each table's header row names its columns), become the
services and routes research_import puts on the content desk.

Each row becomes a service (a "Same service, ..." row adds to the one above; rows with the
same name are one service), and each phone number or web address in its contact cell
becomes one of that service's own routes (kind "service"), with its text and hours as
published, its source (the first address in the Source cell) and its page date.

Only entries confirmed on an official page start as confirmed: a route starts "confirmed"
only when its row's confidence is A (the organisation's own page) or B (a council, NHS,
police or PCC page) with no qualifier at all (X, a warning sign, C, "not found",
"unverified", "weak", "do not print") in the row's confidence or hours (hours that are
only "not found" or "not stated" are unknown hours, printed as not known). Everything else
starts "unconfirmed": on the worker's screen, marked, and never printed. Rows that name no
service in Kent ("not found", "No evidence it covers Kent") are left out and counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from victim_champion.content.directory_loader import load_needs
from victim_champion.content.district_loader import load_districts
from victim_champion.core.directory import COUNTY_WIDE, MEDWAY, NATIONAL

CONFIRMED_BY = {
    "A": "KENT-SERVICES.md research, confidence A: the organisation's own page",
    "B": "KENT-SERVICES.md research, confidence B: a council, NHS, police or PCC page",
}
# Anything here in a row's confidence or hours keeps its routes unconfirmed.
_QUALIFIERS = re.compile(r"\bX\b|⚠|\bC\b|not found|unverified|weak|do not print", re.IGNORECASE)
_LEFT_OUT = re.compile(r"not found|no evidence it covers kent", re.IGNORECASE)
_SECTION = re.compile(r"^##\s+(\d+[a-z]?)\.")
_URL = re.compile(r"https?://[^\s;,)]+")
# UK numbers as published ("0808 168 9111", "08 08 16 89 111", "18001 03000 41 61 61"),
# then the short ones a cell may give (999, 101, 111 "then press 2", 116 123).
_PHONE = re.compile(r"(?<![\d])(?:18001 )?0\d(?: ?\d){6,9}(?![\d])")
_SHORT = re.compile(r"(?<![\d\w])(?:999|101|111(?:, then press \d)?|116 123)(?![\d])")
_TEXT_CODE = re.compile(r"\btext (\w+ to \d{5})\b", re.IGNORECASE)
_WEB = re.compile(
    r"(?<![@\w.])(?:https?://)?(?:www\.)?(?:[a-z0-9-]+\.)+"
    r"(?:org\.uk|gov\.uk|co\.uk|police\.uk|nhs\.uk|org|com)(?:/[\w./-]*)?",
    re.IGNORECASE,
)
_NO_VALUE = ("", "—", "-", "not found", "not stated")


@dataclass(frozen=True)
class PlannedRoute:
    """One route as the research gives it, before it meets the desk."""

    contact: str
    hours: str
    any_time: bool
    source: str
    seen: str
    state: str  # "confirmed" or "unconfirmed"
    grade: str  # "A" or "B" for a confirmed route, else ""
    key: str  # the digits of a number, or a web address without www.


@dataclass
class PlannedService:
    """One service (a table row, or rows about the same service) and its routes."""

    id: str
    name: str
    description: str
    section: str
    needs: list[str]
    areas: list[str] | None
    areas_note: str
    source: str
    confidence: str
    routes: list[PlannedRoute] = field(default_factory=list)


def _clean(cell: str) -> str:
    return cell.replace("**", "").replace("*", "").strip()


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _slug(name: str) -> str:
    head = re.split(r"\s\(|,|:", name, maxsplit=1)[0] if not name.startswith("Victim") else name
    words = re.findall(r"[a-z0-9]+", head.lower().replace("&", " and ").replace("'", ""))
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 48:
            break
        slug = f"{slug}-{word}" if slug else word
    return _ALIASES.get(slug, slug)


# Research names for services the shipped directory already holds under another id.
_ALIASES = {
    "east-kent-rape-crisis-centre": "east-kent-rapeline",
    "choices-da-service": "choices-dartford",
    "victim-support-kent-pcc-commissioned-core": "victim-support-kent",
    "kent-and-medway-restorative-justice-service": "restorative-solutions",
    "citizens-advice-witness-service": "witness-service",
    "kent-police-witness-care-unit": "witness-care-unit",
}


def tables(text: str) -> list[tuple[str, list[dict[str, str]]]]:
    """Every markdown table under a numbered '## ' section: (section, rows as
    {header: cell}), cells as written. Stops at the first unnumbered section."""
    found: list[tuple[str, list[dict[str, str]]]] = []
    section: str | None = None
    header: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("## "):
            match = _SECTION.match(line)
            section, header = (match.group(1) if match else None), None
            continue
        if section is None or not line.startswith("|"):
            header = None
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            found.append((section, []))
        elif not all(set(c) <= set("-: ") for c in cells):
            found[-1][1].append(dict(zip(header, cells, strict=False)))
    return found


def _column(row: dict[str, str], *starts: str) -> str:
    for name, value in row.items():
        if any(name.lower().startswith(s) for s in starts):
            return value
    return ""


def plan(text: str) -> tuple[list[PlannedService], int]:
    """The services and routes the research gives, and how many rows were left out."""
    services: list[PlannedService] = []
    left_out = 0
    for section, rows in tables(text):
        for row in rows:
            first = _clean(next(iter(row.values()), ""))
            confidence = _clean(_column(row, "conf"))
            contact = _clean(_column(row, "phone"))
            if section == "1b":
                contact = _clean(_column(row, "where"))
            if _LEFT_OUT.match(confidence) or confidence in _NO_VALUE:
                left_out += 1
                continue
            routes = _routes(row, contact, confidence)
            if first.startswith("Same service") and services:
                services[-1].routes.extend(routes)
                continue
            offers = _clean(_column(row, "what it offers"))
            area_cell = _clean(_column(row, "districts", "area"))
            if section == "1b":  # a drop-in: where it is, and who it is for, in its name
                offers = "A domestic abuse drop-in (One Stop Shop)"
                area_cell = f"{first}; {contact}"
            areas, note = areas_of(area_cell)
            service_id = _slug(first)
            if section == "1b" and not service_id.endswith("-oss"):
                service_id += "-oss"  # "Swale (SATEDA)": a drop-in, not the district
            service = PlannedService(
                id=service_id,
                name=first,
                description=offers,
                section=section,
                needs=needs_of(section, first, offers),
                areas=areas,
                areas_note=note,
                source=_first_url(_column(row, "source")),
                confidence=confidence,
                routes=routes,
            )
            same = next((s for s in services if s.id == service.id), None)
            if same is None:
                services.append(service)
            else:  # one organisation in several tables (Kent Police): one service
                same.needs = list(dict.fromkeys([*same.needs, *service.needs]))
                same.routes.extend(service.routes)
                if same.areas is not None and service.areas is not None:
                    same.areas = sorted({*same.areas, *service.areas})
    return services, left_out


def _first_url(cell: str) -> str:
    match = _URL.search(cell)
    return match.group(0) if match else _clean(cell)


def _routes(row: dict[str, str], contact: str, confidence: str) -> list[PlannedRoute]:
    hours_cell = _clean(_column(row, "hours", "when"))
    hours = "" if hours_cell.lower() in _NO_VALUE else hours_cell
    grade = confidence[:1]
    # Hours "not found" or "not stated" are unknown hours (printed as not known), not a
    # doubt about the number or address itself; any other qualifier in them is a doubt.
    confirmed = grade in CONFIRMED_BY and not _QUALIFIERS.search(f"{confidence} {hours}")
    any_time = bool(re.search(r"24 hours|24/7", hours, re.IGNORECASE))
    source = _first_url(_column(row, "source"))
    seen = _clean(_column(row, "page date")) or "undated"
    made: list[PlannedRoute] = []
    for published, key in contacts_in(contact):
        # The row's hours are the main line's, not an out-of-hours or emergency number's.
        other = re.search(r"out of hours|emergency|24-hour", published, re.IGNORECASE)
        made.append(
            PlannedRoute(
                published,
                "" if other else hours,
                any_time and not other,
                source,
                seen,
                "confirmed" if confirmed else "unconfirmed",
                grade if confirmed else "",
                key,
            )
        )
    return made


def contacts_in(cell: str) -> list[tuple[str, str]]:
    """Each phone number and web address in a contact cell, once each: (the text as
    published, with the few words before it that say what it is, such as "text relay" or
    "emergency out of hours"; its key, the digits or the web address)."""
    found: list[tuple[int, str]] = []
    masked = cell
    for pattern in (_PHONE, _SHORT):
        for match in pattern.finditer(masked):
            if "press" in masked[max(0, match.start() - 6) : match.start()].lower():
                continue  # "press 55": part of the 999 route
            found.append((match.start(), match.group(0)))
        masked = pattern.sub(lambda m: " " * len(m.group(0)), masked)
    for match in _TEXT_CODE.finditer(masked):
        found.append((match.start() + len("text "), match.group(1)))
    for match in _WEB.finditer(masked):
        found.append((match.start(), match.group(0).rstrip("./")))
    made: list[tuple[str, str]] = []
    for start, raw in sorted(found):
        key = _address_key(raw)
        if key and key not in {k for _, k in made}:
            made.append((f"{_label(cell[:start])} {raw}".strip(), key))
    return made


def _label(before: str) -> str:
    """The words just before a number in its part of the cell ("Helpline", "text relay")."""
    words = re.split(r"[;,()]|\.\s", before)[-1].strip(" :\"'")
    return "" if re.search(r"\d", words) or len(words) > 30 else words


def _address_key(contact: str) -> str:
    """What makes two routes the same: the digits of a number, the host and path of a web
    address."""
    if _WEB.fullmatch(contact):
        return re.sub(r"^(?:https?://)?(?:www\.)?", "", contact.lower()).rstrip("/")
    return _digits(contact)


def existing_keys(contact: str) -> set[str]:
    """The keys of every number and address in a route already on the desk."""
    return {key for _, key in contacts_in(contact)}


# Sections 1a and 1b: domestic abuse, and feeling safe where the row offers safety.
_SAFETY = re.compile(r"refuge|sanctuary|security|safe|emergency|high-risk|idva", re.IGNORECASE)
_PER_ROW = (  # sections 3 and 4: the needs a row's own words name
    (re.compile(r"emotional", re.I), "emotional-support"),
    (re.compile(r"practical", re.I), "practical-help"),
    (re.compile(r"updates|contacts victims", re.I), "case-information"),
    (re.compile(r"court|witness", re.I), "help-at-court"),
    (re.compile(r"restorative", re.I), "restorative-justice"),
    (re.compile(r"stalking", re.I), "stalking"),
    (re.compile(r"hate", re.I), "hate-crime"),
    (re.compile(r"fraud|economic crime", re.I), "fraud"),
    (re.compile(r"slavery|exploitation", re.I), "exploitation"),
    (re.compile(r"honour|forced marriage", re.I), "honour-based-abuse"),
)


def needs_of(section: str, name: str, offers: str) -> list[str]:
    """The needs (resources/reference/needs.toml ids) a row serves, by its section."""
    words = f"{name} {offers}"
    if section in ("1a", "1b"):
        needs = ["domestic-abuse"] + (["feeling-safe"] if _SAFETY.search(words) else [])
    elif section == "2":
        child = re.search(r"\bchild", words, re.IGNORECASE)
        needs = ["sexual-violence"] + (["child-support"] if child else [])
    elif section in ("3", "4"):
        needs = [need for pattern, need in _PER_ROW if pattern.search(words)]
        if not needs:  # a general victim service (3) or anonymous reporting (4)
            needs = ["emotional-support", "practical-help"] if section == "3" else ["feeling-safe"]
    elif section == "5":
        # A child's front door: child-support. An adult's safeguarding front door: feeling
        # safe (its purpose is to stop the abuse of an adult at risk; practical help is the
        # broader need that Victim Support already serves).
        child = re.search(r"child|nspcc", words, re.IGNORECASE)
        needs = ["child-support"] if child else ["feeling-safe"]
    else:  # 6: crisis lines for talking and counselling; police reporting for safety
        police = re.search(r"police", name, re.IGNORECASE)
        needs = ["feeling-safe"] if police else ["counselling", "emotional-support"]
    known = {need.id for need in load_needs()}
    return [need for need in needs if need in known]


def areas_of(cell: str) -> tuple[list[str] | None, str]:
    """Area ids from an area cell, and a note: only districts the cell names; Kent & Medway;
    Kent; national; anything else unknown (None) with the cell as its note."""
    plain = re.sub(r"\([^)]*\bbase\)", "", cell)  # "(Canterbury base)": where, not whom
    plain = re.sub(r"\bnot Medway\b|\b\w+ not confirmed\b", "", plain)
    plain = plain.replace("&", "and")
    if re.search(r"^(national|uk\b)|england,? (and )?wales", plain, re.IGNORECASE):
        return [NATIONAL], ""
    if re.match(r"all\b", plain, re.IGNORECASE) or re.search(r"kent\s+and\s+medway", plain, re.I):
        return [COUNTY_WIDE, MEDWAY], ""
    named = [
        district.id
        for district in load_districts().districts
        if re.search(rf"\b{re.escape(district.name)}\b", plain)
    ]
    named += [
        d
        for short, d in (("TandM", "tonbridge-and-malling"), ("TW", "tunbridge-wells"))
        if re.search(rf"\b{short}\b", plain.replace("T and M", "TandM"))
    ]
    if named:
        return sorted(set(named)), cell
    if re.match(r"kent\b", plain, re.IGNORECASE):
        return [COUNTY_WIDE], ""
    return None, cell
