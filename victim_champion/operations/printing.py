"""Print certificates, handouts and sheets: one entry point per thing a person prints.

Qt-free, and called by both the command line and the app, so the choice of document, the
content each one needs and the way a file is saved are written once. Each returns PDF
bytes built in memory; only `save_pdf` touches the disk, and only where the person asked.
The document builders (reportlab, ~200 ms to import) load on first use, not at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from victim_champion.content.message_catalogue import DEFAULT_LANGUAGE
from victim_champion.core.course import Course
from victim_champion.core.errors import InvalidInputError
from victim_champion.operations.workspace import Workspace

if TYPE_CHECKING:  # the documents are imported when first printed, not at start-up
    from victim_champion.core.directory import Directory
    from victim_champion.documents.script_fonts import UnprintableTextError

# progress(done, total) after each certificate; returning False cancels the batch.
Progress = Callable[[int, int], bool]


class HandoutKind(StrEnum):
    """The public handouts: no personal data, so no passphrase is needed to print one."""

    RIGHTS = "rights"
    DIRECTORY = "directory"


class PrintCancelled(Exception):  # noqa: N818  a signal to stop, not a failure
    """The person cancelled a batch (or a lock or quick exit did) before it finished."""


@dataclass(frozen=True)
class HandoutOptions:
    """How a public handout is printed; the directory needs a district (id or name)."""

    district: str = ""
    large_print: bool = False
    discreet: bool = False
    language: str = DEFAULT_LANGUAGE


@dataclass(frozen=True)
class PrintedCertificates:
    """A batch of certificates: the PDF, one page each, and the codes it carries."""

    pdf: bytes
    codes: tuple[str, ...]

    @property
    def pages(self) -> int:
        """One page per certificate."""
        return len(self.codes)


def print_certificates(
    workspace: Workspace,
    session_id: str,
    *,
    course_name: str | None = None,
    language: str = DEFAULT_LANGUAGE,
    progress: Progress | None = None,
    attendee_id: str | None = None,
) -> PrintedCertificates:
    """Issue (or reissue, with the same codes) a certificate to everyone in the session who
    completed (or to one person, ``attendee_id``), recorded and audited, and lay them out
    one page each.

    Runs on whichever thread calls it; the app calls it on a worker thread. Raises
    PrintCancelled when ``progress`` returns False.
    """
    from victim_champion.content.course_loader import load_course
    from victim_champion.content.district_loader import load_districts
    from victim_champion.documents.certificate_document import BuildCancelled, build_certificates
    from victim_champion.documents.script_fonts import UnprintableTextError
    from victim_champion.store.repositories.certificate_issuer import CertificateIssuer

    course = course_name if course_name is not None else load_course().signed_name
    names = {d.id: d.name for d in load_districts().districts}
    certificates = CertificateIssuer(workspace.store).issue_for_session(
        session_id, course, names, attendee_id
    )
    try:
        pdf = build_certificates(certificates, verify_base(workspace), progress, language)
    except BuildCancelled:
        raise PrintCancelled() from None
    except UnprintableTextError as error:
        raise InvalidInputError(unprintable_message("A name on the register", error)) from None
    return PrintedCertificates(pdf, tuple(c.code for c in certificates))


def verify_base(workspace: Workspace) -> str | None:
    """Where a certificate's QR code sends the person checking it: the public verify
    address the hub gave at enrolment (or its own verify page). None before enrolment:
    then no QR code is printed, only the number."""
    from victim_champion.store.syncing.sync_local import StoreSyncLocal

    enrolment = StoreSyncLocal(workspace.store).enrolment()
    return enrolment.certificate_address if enrolment else None


def unprintable_message(what: str, error: UnprintableTextError) -> str:
    """One sentence naming the characters (never the name they are in)."""
    return (
        f"{what} has a character no font in the app can print, {error}; correct it, then "
        "print again."
    )


def print_handout(kind: HandoutKind, options: HandoutOptions = HandoutOptions()) -> bytes:
    """A public handout as PDF bytes: the rights of the Victims' Code, or the services
    in one district grouped by need."""
    if kind is HandoutKind.RIGHTS:
        return _rights_handout(options)
    return _directory_handout(options)


def _rights_handout(options: HandoutOptions) -> bytes:
    from victim_champion.content.course_on_laptop import code_in_use
    from victim_champion.content.directory_loader import current_directory
    from victim_champion.documents.rights_handout import build_rights_handout

    return build_rights_handout(
        code_in_use(),  # the Code of the course in use: a verified bundle's, else shipped
        current_directory(),
        large_print=options.large_print,
        discreet=options.discreet,
        language=options.language,
    )


def directory_groups(options: HandoutOptions) -> tuple[list[Any], Directory, str]:
    """The directory handout's content for one district: (need, services) groups, the
    edition in use, and the district's name."""
    from victim_champion.content.directory_loader import current_directory, load_needs
    from victim_champion.content.district_loader import load_districts
    from victim_champion.core.directory import grouped_by_need

    if not options.district.strip():
        raise InvalidInputError("Say which district the handout is for, for example Thanet.")
    district = load_districts().resolve(options.district)
    directory = current_directory()
    return grouped_by_need(directory.services, load_needs(), district.id), directory, district.name


def _directory_handout(options: HandoutOptions) -> bytes:
    from victim_champion.documents.directory_handout import build_directory_handout

    groups, directory, district_name = directory_groups(options)
    return build_directory_handout(
        groups,
        directory,
        district_name=district_name,
        sample=any(not s.is_verified for _, services in groups for s in services),
        large_print=options.large_print,
        discreet=options.discreet,
        language=options.language,
    )


@dataclass(frozen=True)
class SheetContent:
    """What the person's sheet holds, for the PDF and its web-page twin alike."""

    groups: list[Any]  # (need, services) in the person's needs' order
    directory: Directory
    district_name: str
    needs: list[str]  # the needs ticked, for their national lines


def sheet_content(
    district_id: str, need_ids: Iterable[str], service_ids: Iterable[str], name: str
) -> SheetContent:
    """Only the services chosen, grouped by the person's needs (all needs if none was
    named). A name that is not text (core.plain_text), or that no bundled font can draw,
    is refused first, naming the character."""
    from victim_champion.content.directory_loader import current_directory, load_needs
    from victim_champion.content.district_loader import load_districts
    from victim_champion.core.directory import grouped_by_need
    from victim_champion.core.plain_text import text_problem
    from victim_champion.documents.fonts import BOLD
    from victim_champion.documents.script_fonts import UnprintableTextError, require_printable

    unsafe = text_problem(name, "The name for the sheet")
    if unsafe is not None:
        raise InvalidInputError(f"{unsafe}; type it again.")
    if name.strip():
        try:
            require_printable([name], BOLD)
        except UnprintableTextError as error:
            raise InvalidInputError(unprintable_message("The name for the sheet", error)) from None
    chosen, named = set(service_ids), sorted(set(need_ids))
    directory = current_directory()
    services = [s for s in directory.services if s.id in chosen]
    needs = [n for n in load_needs() if n.id in named] or list(load_needs())
    district = load_districts().by_id(district_id)
    groups = grouped_by_need(services, needs, district_id, once=True)
    return SheetContent(groups, directory, district.name if district else "", named)


def print_signposting_sheet(
    district_id: str,
    need_ids: Iterable[str],
    service_ids: Iterable[str],
    *,
    name: str = "",
    options: HandoutOptions = HandoutOptions(),
    route_ids: Iterable[str] = (),
    groups: Iterable[str] = (),
) -> bytes:
    """The person's own sheet: only the services chosen with them, grouped by their needs
    (all needs if none was named), with the lines for their needs and ``groups`` (their
    own answers: "lgbt", "men"). The name is printed only if they asked for it.

    ``options.discreet``: the one-page discreet card instead, carrying the emergency
    routes, the Supportline and only ``route_ids`` (chosen with the person, from
    discreet_route_choices) under neutral labels. RevealingTextError (a
    VictimChampionError) if it would give its purpose away; an unknown route id is one
    sentence (InvalidInputError)."""
    from victim_champion.documents.signposting_sheet import build_signposting_sheet

    content = sheet_content(district_id, need_ids, service_ids, name)
    chosen = known_routes(content.directory, route_ids)
    return build_signposting_sheet(
        content.groups,
        content.directory,
        needs=content.needs,
        district_name=content.district_name,
        name=name,
        large_print=options.large_print,
        discreet=options.discreet,
        language=options.language,
        route_ids=chosen,
        groups_said=tuple(groups),
    )


def known_routes(directory: Directory, route_ids: Iterable[str]) -> tuple[str, ...]:
    """The route ids chosen for a discreet card, each once; an unknown one is refused."""
    chosen = tuple(dict.fromkeys(route_ids))
    for route_id in chosen:
        route = directory.route(route_id)
        if route is None or not route.printable(True):
            raise InvalidInputError(
                f"There is no route '{route_id}' that a discreet card can carry; "
                "choose one of the routes offered for the card."
            )
    return chosen


def sheet_file_name(discreet: bool, suffix: str = ".pdf") -> str:
    """The file name to offer when the sheet (".pdf") or its twin (".html") is saved: a
    discreet card's names nothing."""
    return ("useful-numbers" if discreet else "support-plan") + suffix


@dataclass(frozen=True)
class RouteChoice:
    """A route the worker and the person may put on the discreet card, as the worker sees
    it before printing: its neutral label, contact and hours. ``suggested``: the rules say
    a sheet for a ticked need carries it (the Rape Crisis line and Beech House for sexual
    violence, the Stalking Helpline for stalking), so it is offered ticked."""

    id: str
    neutral_label: str
    contact: str
    hours: str
    suggested: bool


def discreet_route_choices(
    district_id: str,
    need_ids: Iterable[str],
    service_ids: Iterable[str],
    groups: Iterable[str] = (),
) -> list[RouteChoice]:
    """The routes that may go on the discreet card: the lines for the needs ticked (and
    the person's groups) and the chosen services' own routes, each once, in the
    directory's order. Never the emergency routes or the Supportline: the card always
    carries those. A route with no neutral label is not offered."""
    from victim_champion.content.directory_loader import current_directory
    from victim_champion.content.message_catalogue import messages

    directory = current_directory()
    needs, said, chosen = list(need_ids), list(groups), set(service_ids)
    own = {
        r.id
        for s in directory.services
        if s.id in chosen and s.covers(district_id)
        for r in directory.own_routes(s)  # confirmed only: the card is paper
    }
    suggested = {r.id for r in directory.suggested_routes(needs, said)}
    unknown = messages(DEFAULT_LANGUAGE).text("routes.hours_unknown")
    return [
        RouteChoice(
            r.id, r.discreet_name, r.discreet_contact, r.hours or unknown, r.id in suggested
        )
        for r in directory.routes
        if r.kind == "need"
        and r.confirmed
        and r.printable(True)
        and (r.fits(needs, said) or r.id in own)
    ]


class MaterialsPack(StrEnum):
    """Which part of the activity materials to print: the cards for the room, the trainer's
    pack (every set "for the trainer", such as the answer cards), or both, the pack last."""

    PARTICIPANTS = "participants"
    TRAINER = "trainer"
    BOTH = "both"


def print_materials(
    module_id: str | None = None,
    course: Course | None = None,
    pack: MaterialsPack = MaterialsPack.BOTH,
    language: str = DEFAULT_LANGUAGE,
) -> bytes:
    """Every activity's cut-out materials, or one module's (by id): the participants'
    cards activity by activity, then the trainer's pack on pages of its own, headed "For
    the trainer: do not hand out". The course is the one in use unless one is given; its
    words and the page's are in ``language``."""
    from victim_champion.content.course_on_laptop import current_course
    from victim_champion.documents.materials_document import build_materials, has_trainer_sets

    course = course or current_course()
    modules = [m for m in course.modules if module_id in (None, m.id)]
    if not modules:
        raise InvalidInputError(
            f"The course has no module '{module_id}'; course list shows the module ids."
        )
    if pack is MaterialsPack.TRAINER and not has_trainer_sets(modules):
        raise InvalidInputError(
            "There is nothing for the trainer's pack: no set's name says 'for the trainer'."
        )
    return build_materials(
        course,
        modules,
        participants=pack is not MaterialsPack.TRAINER,
        trainer=pack is not MaterialsPack.PARTICIPANTS,
        language=language,
    )


def save_pdf(path: str | Path, pdf: bytes) -> Path:
    """Write the PDF where the person asked, whole or not at all; returns where it went.

    The file is readable by its owner only (0600 on POSIX, set as it is created): a
    certificate, register or sheet carries names. A missing folder or an unwritable file
    is one sentence (InvalidInputError); a full disk raises DiskFullError and leaves any
    earlier file there untouched.
    """
    from victim_champion.store.atomic_file import write_atomically

    target = Path(path).expanduser()
    if not target.parent.is_dir():
        raise InvalidInputError(f"The folder {target.parent} does not exist; create it first.")
    try:
        write_atomically(target, pdf)
    except OSError:  # a full disk raises DiskFullError, which passes through as it is
        raise InvalidInputError(
            f"Could not write {target.name}; check that the folder is writable."
        ) from None
    return target


def print_next_steps(language: str = DEFAULT_LANGUAGE) -> bytes:
    """'Where to go next': the one-page handout for Victim Champions at the end of the
    course (no personal data, so no passphrase), from its sourced content."""
    from victim_champion.content.next_steps_loader import load_next_steps
    from victim_champion.documents.next_steps_handout import build_next_steps_handout

    return build_next_steps_handout(load_next_steps(), language=language)
