"""The content desk's official leaflets (issue 34, item 4): /dashboard/content/leaflets.

A Compass House content editor sees the leaflets the signed "leaflets" bundle holds (language,
title, source, date, size) and the bundle's total against its limit, and uploads an official
translation (PDF) with its language, title, source address and date. The hub checks it,
signs it into a new leaflets bundle with every other current leaflet, and writes the audit
line in the same transaction; laptops receive it at their next sync and print it unchanged.
Nothing is machine-translated.

Only content editors may see or post; everyone else gets 403. Like every dashboard page:
plain HTML, no scripts (the Content-Security-Policy forbids them), form posts from another
origin refused. The body is capped before it is read (hub/api/body_limits.py) at one leaflet
of the largest size core/leaflet_bundle allows; a refused upload shows one sentence and
publishes nothing.

Publishing is handed in (a ``LeafletDesk`` from hub/api/leaflet_publishing.py) rather than
imported: hub/api includes these pages, and imports between the two go one way only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import Engine
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from victim_champion.core.leaflet_bundle import (
    MAX_LEAFLET_BYTES,
    MAX_TITLE,
    MAX_TOTAL_BYTES,
    Leaflet,
    LeafletError,
    language_code,
    megabytes,
)
from victim_champion.hub.dashboard import content_pages as desk_pages
from victim_champion.hub.dashboard import routes
from victim_champion.hub.dashboard.html_pages import e, problem_page
from victim_champion.hub.editorial import change_log as audit

PATH = "/dashboard/content/leaflets"
FIELDS = ("language", "title", "source", "date")
NO_FILE = "Not published: choose the leaflet's PDF file."
UNREADABLE = "Not published: the upload could not be read; choose the file and send it again."


class Publisher(Protocol):
    """What the page needs to list and publish leaflets (hub/api/leaflet_publishing)."""

    def held(self) -> list[Leaflet]: ...

    def publish(
        self,
        data: bytes,
        fields: tuple[str, str, str, str],
        actor: str,
        record: Callable[..., None],
    ) -> Any: ...


def size_text(size: int) -> str:
    """A size as the page shows it: "840.2 KB", "4.2 MB" (a fixture is not "0.0 MB")."""
    return megabytes(size) if size >= 1024 * 1024 else f"{size / 1024:.1f} KB"


def _table(held: list[Leaflet]) -> str:
    if not held:
        return "<p>No leaflets yet: the first one you upload starts the bundle.</p>"
    rows = "".join(
        f"<tr><th scope='row'>{e(leaflet.language)}</th><td>{e(leaflet.title)}</td>"
        f"<td class='source'><a href='{e(leaflet.source)}'>{e(leaflet.source)}</a></td>"
        f"<td>{e(leaflet.date)}</td><td>{e(size_text(leaflet.size))}</td></tr>"
        for leaflet in held
    )
    return (
        "<div class='table-wrap'><table class='desk'><caption>Leaflets in the bundle laptops "
        "receive</caption><thead><tr><th scope='col'>Language</th><th scope='col'>Title</th>"
        "<th scope='col'>Source</th><th scope='col'>Date</th><th scope='col'>Size</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></div>"
    )


def _field(name: str, label: str, hint: str, value: str, extra: str, error: bool) -> str:
    described = f"{name}-hint" + (" form-error" if error else "")
    return (
        f"<label for='{name}'>{label}</label><p class='hint' id='{name}-hint'>{hint}</p>"
        f"<input id='{name}' name='{name}' value='{e(value)}' required "
        f"aria-describedby='{described}' {extra}>"
    )


def _form(values: dict[str, str], error: bool) -> str:
    fields = [
        ("language", "Language code", "For example cy (Welsh), pl (Polish), ro or ur.",
         "maxlength='35' spellcheck='false' autocomplete='off'"),
        ("title", "Title, as published", "The leaflet's own title.",
         f"maxlength='{MAX_TITLE}'"),
        ("source", "Source address", "Where it is published, starting https://",
         "maxlength='500' spellcheck='false' autocomplete='off'"),
        ("date", "Date of the leaflet", "Year-month-day, for example 2026-11-20.",
         "maxlength='10' pattern='[0-9]{4}-[0-9]{2}-[0-9]{2}' autocomplete='off'"),
    ]  # fmt: skip
    inputs = "".join(
        _field(name, label, hint, values.get(name, ""), extra, error)
        for name, label, hint, extra in fields
    )
    described = "file-hint" + (" form-error" if error else "")
    return (
        f"<form method='post' action='{PATH}' enctype='multipart/form-data' class='desk-form' "
        "aria-labelledby='upload-heading'><h2 id='upload-heading'>Upload an official leaflet"
        "</h2><p>A leaflet in a language the bundle already holds replaces that one.</p>"
        "<label for='file'>The leaflet (PDF)</label>"
        f"<p class='hint' id='file-hint'>At most {e(megabytes(MAX_LEAFLET_BYTES))}, exactly "
        "as published: it is printed unchanged.</p>"
        "<input id='file' name='file' type='file' accept='application/pdf,.pdf' required "
        f"aria-describedby='{described}'>{inputs}"
        "<div class='buttons'><button type='submit'>Sign and publish the leaflet</button>"
        "</div></form>"
    )


def leaflets_page(
    held: list[Leaflet],
    username: str,
    values: dict[str, str] | None = None,
    error: str = "",
    done: str = "",
) -> str:
    """The page: a sentence (refusal or publication), the leaflets held, the upload form."""
    total = sum(leaflet.size for leaflet in held)
    body = (
        "<h1>Official leaflets</h1>"
        "<p>Official translations, uploaded here exactly as published. The hub signs them "
        "into the leaflets bundle; laptops receive it at their next sync and print each one "
        "unchanged. Nothing is machine-translated.</p>"
        f"{desk_pages.error(error)}{desk_pages.notice(done)}{_table(held)}"
        f"<p class='total'>The bundle holds {len(held)} "
        f"leaflet{'' if len(held) == 1 else 's'}, {e(size_text(total))} of "
        f"{e(megabytes(MAX_TOTAL_BYTES))} (each leaflet at most "
        f"{e(megabytes(MAX_LEAFLET_BYTES))}). A laptop holds all of them once it syncs.</p>"
        f"{_form(values or {}, bool(error))}"
    )
    return desk_pages.desk_page_frame("Official leaflets", PATH, body, username)


async def _upload(request: Request) -> tuple[bytes | None, dict[str, str]]:
    """The PDF (None if no file was chosen) and the text fields, or LeafletError."""
    try:
        async with request.form(
            max_files=1, max_fields=len(FIELDS), max_part_size=8 * 1024
        ) as form:
            values = {name: str(form.get(name) or "").strip() for name in FIELDS}
            upload = form.get("file")
            if not isinstance(upload, UploadFile) or not upload.filename:
                return None, values
            return await upload.read(MAX_LEAFLET_BYTES + 1), values
    except HTTPException:  # a malformed body, or more parts than the form has
        raise LeafletError(UNREADABLE) from None


def leaflet_router(engine: Engine, desk: Publisher) -> APIRouter:
    """GET and POST /dashboard/content/leaflets, for Compass House content editors only."""
    router = APIRouter(include_in_schema=False)

    def not_editor(username: str | None) -> Response:
        return routes._html(desk_pages.refused_page(username), 403)

    @router.get(PATH)
    async def leaflets(request: Request) -> Response:
        user = await routes.signed_in(engine, request)
        if user is None:
            return routes._redirect("/dashboard/login")
        if not user.content_editor:
            return not_editor(user.username)
        held = await run_in_threadpool(desk.held)
        published = request.query_params.get("published", "")
        done = ""
        if published and any(leaflet.language == published for leaflet in held):
            done = (
                f"Published the {published} leaflet, signed by the hub; laptops receive it "
                "at their next sync."
            )
        return routes._html(leaflets_page(held, user.username, done=done))

    @router.post(PATH)
    async def upload(request: Request) -> Response:
        if not routes._same_origin(request):
            return routes._html(problem_page("Not sent from this site", routes.FOREIGN, None), 403)
        user = await routes.signed_in(engine, request)
        if user is None or not user.content_editor:
            return not_editor(user.username if user else None)
        values: dict[str, str] = {}
        try:
            data, values = await _upload(request)
            if data is None:
                raise LeafletError(NO_FILE)
            fields = (values["language"], values["title"], values["source"], values["date"])
            await run_in_threadpool(desk.publish, data, fields, user.username, audit.record)
        except LeafletError as error:
            sentence = str(error)
            if not sentence.startswith("Not published"):
                sentence = f"Not published: {sentence}."
            held = await run_in_threadpool(desk.held)
            page = leaflets_page(held, user.username, values, error=sentence)
            return routes._html(page, 400)
        return routes._redirect(f"{PATH}?published={language_code(values['language'])}")

    return router
