"""The Compass Point conversation as a draft: captured when a quick exit or a lock comes,
put back when the worker brings it back after unlock.

It reads the page's and the referral dialog's public inputs through
``ui/widgets/form_state.py`` (the district, the needs, the about-the-person answers, the
ticked services, the sheet's name and print options, the typed contact and safety
answers), so an input either of them gains later is kept with no change here. The draft
is plain JSON values; it holds personal data and goes only to the encrypted store
(operations/conversation_draft.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from PySide6.QtWidgets import QListWidget, QWidget

from victim_champion.ui.widgets.form_state import State, differs, read_form, write_form

DRAFT_VERSION = 1
# The desk's own district is on the page for every person: alone it is no conversation.
NOT_A_CONVERSATION = frozenset({"district"})


def _conversation_dialogs() -> tuple[type[QWidget], ...]:
    """The dialogs that are part of the conversation when open (imported when needed)."""
    from victim_champion.ui.dialogs.referral_dialog import ReferralDialog

    return (ReferralDialog,)


def open_referral(windows: Iterable[QWidget]) -> QWidget | None:
    """The referral dialog among ``windows``, if one is there."""
    kinds = _conversation_dialogs()
    return next((w for w in windows if isinstance(w, kinds)), None)


def _found_services(page: object) -> int:
    results = getattr(page, "results", None)
    return results.count() if isinstance(results, QListWidget) else 0


def blank_state(page: object) -> State:
    """The page's state with nothing typed (read once the page is clear, at unlock)."""
    return read_form(page)


def capture(
    page: object,
    blank: Mapping[str, Any],
    *,
    record: str | None = None,
    kept: bool = False,
    open_windows: Iterable[QWidget] = (),
) -> dict[str, Any] | None:
    """The conversation on ``page`` (and in an open referral dialog among
    ``open_windows``), or None if there is none: only the desk's district, as ``blank``.
    ``record`` is the anonymous record already kept for it, if any, and ``kept`` whether
    that record holds the conversation as it is on screen."""
    fields = read_form(page)
    dialog = open_referral(open_windows)
    referral = read_form(dialog) if dialog is not None else None
    searched = _found_services(page) > 0
    if referral is None and not searched and not differs(blank, fields, NOT_A_CONVERSATION):
        return None
    return {
        "version": DRAFT_VERSION,
        "fields": fields,
        "searched": searched,
        "record": record,
        "kept": kept and record is not None,
        "referral": referral,
    }


def restore(page: object, draft: Mapping[str, Any], search: Callable[[], None] | None) -> None:
    """Put the conversation back on ``page``: the answers, then the services found again
    by ``search`` (the controller's), then the ticks on them. The answers are written twice,
    so a value that ticking a need or searching changed (the discreet copy) ends as kept."""
    fields = draft.get("fields")
    if not isinstance(fields, Mapping):
        return
    write_form(page, fields)
    if draft.get("searched") is True and search is not None:
        search()
    write_form(page, fields)


def referral_answers(draft: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """What was typed in the referral dialog, if it was open."""
    referral = draft.get("referral")
    return referral if isinstance(referral, Mapping) else None


def restore_referral(dialog: QWidget, answers: Mapping[str, Any]) -> None:
    """Put the typed answers back in a newly opened referral dialog."""
    write_form(dialog, answers)
    write_form(dialog, answers)  # an answer that another one changed ends as kept


def recorded(draft: Mapping[str, Any]) -> str | None:
    """The id of the anonymous record kept before the exit, if any."""
    record = draft.get("record")
    return record if isinstance(record, str) and record else None
