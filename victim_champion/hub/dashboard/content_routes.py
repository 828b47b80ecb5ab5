"""The content desk's pages under /dashboard/content, for Compass House content editors only.

An editor lists every service and route with its state, adds and edits them, confirms or
withdraws a route, sees what a publication changes against the directory laptops have, and
publishes it signed with the hub's key; stale facts and the audit log have their own pages.
Every page refuses anyone who is not a content editor (403), and a content editor is never
shown a figure (routes.py sends them here).

Like the rest of the dashboard: plain HTML, no scripts, ordinary forms, form posts from
another origin refused, SECURITY_HEADERS on every answer. Each change is written by
hub/editorial with its audit line in the same transaction.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import Engine

from victim_champion.content.course_loader import course_from_files
from victim_champion.hub.dashboard import content_forms as forms
from victim_champion.hub.dashboard import content_pages as pages
from victim_champion.hub.dashboard import content_review_pages as review
from victim_champion.hub.dashboard.accounts import DashboardUser
from victim_champion.hub.dashboard.html_pages import problem_page
from victim_champion.hub.dashboard.routes import (
    CONTENT_HOME,
    FOREIGN,
    _form,
    _html,
    _redirect,
    _same_origin,
    signed_in,
)
from victim_champion.hub.editorial import change_log as audit
from victim_champion.hub.editorial import desk, edition, service_checks, shipped_seed, stale
from victim_champion.hub.editorial.entries import ContentError, RouteEntry, ServiceEntry
from victim_champion.hub.storage.signing_keys import HubKey

DESK_FORM_FIELDS = 40  # the route form has 15 fields (the login's cap is 10)
TOO_MANY = "The form sent more fields than the desk's forms have; nothing was saved."
DONE = {  # ?done=...&id=...: what the list says after a change (never text from the query)
    "confirm": "Route '{name}' is confirmed, by you, today.",
    "withdraw": "Route '{name}' is withdrawn: laptops stop showing it from the next edition.",
    "route": "Route '{name}' is saved. Confirm it once you have checked it on its source.",
    "service": "Service '{name}' is saved.",
    "checked": "Service '{name}': its details are marked checked today; laptops stop marking "
    "it a sample from the next edition.",
}
STALE = f"{CONTENT_HOME}/stale"
STALE_DONE = {"rechecked": "Marked as re-checked today; it leaves this list."}
Handler = Callable[[Request, DashboardUser], Awaitable[Response]]


def _listed_routes(engine: Engine, service_id: str) -> list[str]:
    """The routes a service's own record lists (not its own routes, which follow anyway)."""
    with engine.connect() as connection:
        extras = desk.service_extras(connection).get(service_id, {})
    return list(extras.get("routes") or [])


def _desk(engine: Engine) -> tuple[list[Any], list[Any]]:
    return desk.list_services(engine), desk.list_routes(engine)


def _course_version(engine: Engine) -> str:
    """The course version laptops have now."""
    return course_from_files(stale.course_files(engine)).version


def _publish_view(engine: Engine) -> tuple[list[str], list[str]]:
    return edition.changes(engine), edition.refusals(engine)


def content_router(engine: Engine, key: HubKey, publish: edition.Publisher) -> APIRouter:
    """The content desk's routes (kept out of the OpenAPI schema: they are pages).
    ``key`` signs what is published; ``publish`` is hub/api's bundles.publish, handed in
    (hub/api includes these pages), raising ContentError when it refuses."""
    router = APIRouter(include_in_schema=False)

    def editors_only(handler: Handler, post: bool = False) -> Callable[[Request], Any]:
        """Log in first; a content editor only (403, one sentence, for anyone else); a
        post from another site is refused before anything is read."""

        async def page(request: Request) -> Response:
            if post and not _same_origin(request):
                body = problem_page("Not sent from this site", FOREIGN, None)
                return _html(body, 403)
            user = await signed_in(engine, request)
            if user is None:
                return _redirect("/dashboard/login")
            if not user.content_editor:
                return _html(pages.refused_page(user.username), 403)
            return await handler(request, user)

        return page

    async def desk_list(request: Request, user: DashboardUser) -> Response:
        services, routes = await run_in_threadpool(_desk, engine)
        done, wanted = request.query_params.get("done", ""), request.query_params.get("id", "")
        names = {r.id: r.name for r in routes} | {s.id: s.name for s in services}
        message = (
            DONE[done].format(name=names[wanted]) if done in DONE and wanted in names else None
        )
        return _html(pages.desk_page(services, routes, user.username, message))

    async def seed(request: Request, user: DashboardUser) -> Response:
        await run_in_threadpool(shipped_seed.seed_from_shipped, engine, user.username)
        return _redirect(CONTENT_HOME)

    async def route_form(request: Request, user: DashboardUser) -> Response:
        route_id = request.path_params.get("route_id", "")
        services = await run_in_threadpool(desk.list_services, engine)
        if route_id == "new":
            values = forms.new_route_values()
            page = forms.entry_form_page("route", values, user.username, False, None, services)
            return _html(page)
        route = await run_in_threadpool(desk.get_route, engine, route_id)
        if route is None:
            return _html(pages.missing_page(user.username), 404)
        values = forms.route_values(route)
        return _html(forms.entry_form_page("route", values, user.username, True, None, services))

    async def service_form(request: Request, user: DashboardUser) -> Response:
        service_id = request.path_params.get("service_id", "")
        if service_id == "new":
            values = forms.new_service_values()
            return _html(forms.entry_form_page("service", values, user.username, False))
        service = await run_in_threadpool(desk.get_service, engine, service_id)
        if service is None:
            return _html(pages.missing_page(user.username), 404)
        listed = await run_in_threadpool(_listed_routes, engine, service_id)
        values = forms.service_values(service, listed)
        return _html(forms.entry_form_page("service", values, user.username, True))

    async def save(request: Request, user: DashboardUser, what: str) -> Response:
        try:
            posted = await _form(request, DESK_FORM_FIELDS)
        except ValueError:
            return _html(pages.problem(TOO_MANY, user.username), 400)
        shown = forms.SERVICE_FIELDS if what == "service" else forms.ROUTE_FIELDS
        fields = forms.from_post(posted, shown)
        editing = posted.get(forms.EDITING, "").strip()
        getter: Callable[[Engine, str], Any] = (
            desk.get_service if what == "service" else desk.get_route
        )
        saver: Callable[..., ServiceEntry | RouteEntry] = (
            desk.save_service if what == "service" else desk.save_route
        )
        try:
            if editing:
                fields["id"] = editing  # the id is not changed by an edit
                if await run_in_threadpool(getter, engine, editing) is None:
                    raise ContentError(f"There is no {what} with the id '{editing}'.")
            elif await run_in_threadpool(getter, engine, fields["id"].strip()) is not None:
                raise ContentError(
                    f"A {what} with the id '{fields['id'].strip()}' already exists; "
                    "choose another id, or edit that one from the list."
                )
            saved = await run_in_threadpool(saver, engine, fields, user.username)
        except ContentError as problem:
            services = await run_in_threadpool(desk.list_services, engine)
            page = forms.entry_form_page(
                what, fields, user.username, bool(editing), str(problem), services
            )
            return _html(page, 400)
        return _redirect(f"{CONTENT_HOME}?done={what}&id={quote(saved.id)}#{what}-{saved.id}")

    async def save_route(request: Request, user: DashboardUser) -> Response:
        return await save(request, user, "route")

    async def save_service(request: Request, user: DashboardUser) -> Response:
        return await save(request, user, "service")

    async def confirm(request: Request, user: DashboardUser) -> Response:
        route_id = request.path_params["route_id"]
        try:
            await run_in_threadpool(
                desk.confirm_route, engine, route_id, user.username, date.today()
            )
        except ContentError as problem:
            return _html(pages.problem(str(problem), user.username), 400)
        return _redirect(f"{CONTENT_HOME}?done=confirm&id={quote(route_id)}#route-{route_id}")

    async def details_checked(request: Request, user: DashboardUser) -> Response:
        service_id = request.path_params["service_id"]
        try:
            await run_in_threadpool(
                service_checks.mark_details_checked,
                engine,
                service_id,
                user.username,
                date.today(),
            )
        except ContentError as problem:
            return _html(pages.problem(str(problem), user.username), 400)
        return _redirect(f"{CONTENT_HOME}?done=checked&id={quote(service_id)}#service-{service_id}")

    async def withdraw(request: Request, user: DashboardUser) -> Response:
        route_id = request.path_params["route_id"]
        try:
            posted = await _form(request, DESK_FORM_FIELDS)
            reason = posted.get("reason", "")
            await run_in_threadpool(desk.withdraw_route, engine, route_id, user.username, reason)
        except ValueError:
            return _html(pages.problem(TOO_MANY, user.username), 400)
        except ContentError as problem:
            return _html(pages.problem(str(problem), user.username), 400)
        return _redirect(f"{CONTENT_HOME}?done=withdraw&id={quote(route_id)}#route-{route_id}")

    async def publish_view(request: Request, user: DashboardUser) -> Response:
        changes, refusals = await run_in_threadpool(_publish_view, engine)
        published = request.query_params.get("edition", "")
        current = await run_in_threadpool(edition.current_edition, engine)
        shown = published if published and published == current else None
        return _html(pages.publish_page(changes, refusals, user.username, shown))

    def publish_now(actor: str) -> str:
        return edition.publish_directory(engine, key, actor, date.today(), publish=publish)

    async def publish_edition(request: Request, user: DashboardUser) -> Response:
        try:
            done = await run_in_threadpool(publish_now, user.username)
        except ContentError as problem:
            changes, refusals = await run_in_threadpool(_publish_view, engine)
            page = pages.publish_page(changes, refusals, user.username, None, str(problem))
            return _html(page, 409)
        return _redirect(f"{CONTENT_HOME}/publish?edition={quote(done)}")

    async def audit_log(request: Request, user: DashboardUser) -> Response:
        entries = await run_in_threadpool(audit.entries, engine, 500)
        return _html(review.audit_page(entries, user.username))

    async def stale_list(request: Request, user: DashboardUser) -> Response:
        facts = await run_in_threadpool(stale.stale_facts, engine, date.today())
        done = STALE_DONE.get(request.query_params.get("done", ""))
        version = request.query_params.get("course", "")
        if version and version == await run_in_threadpool(_course_version, engine):
            done = f"Published course version {version}. Laptops receive it at their next sync."
        return _html(review.stale_page(facts, user.username, done))

    async def recheck(request: Request, user: DashboardUser) -> Response:
        try:
            posted = await _form(request, DESK_FORM_FIELDS)
            if "key" in posted:
                work: Callable[..., Any] = stale.recheck_statement
                subject = posted["key"]
            else:
                work, subject = desk.confirm_route, posted.get("route_id", "")
            await run_in_threadpool(work, engine, subject, user.username, date.today())
        except ValueError:
            return _html(pages.problem(TOO_MANY, user.username), 400)
        except ContentError as problem:
            return await stale_problem(user, str(problem))
        return _redirect(f"{STALE}?done=rechecked")

    async def republish(request: Request, user: DashboardUser) -> Response:
        try:
            version = await run_in_threadpool(republish_now, user.username)
        except ContentError as problem:
            return await stale_problem(user, str(problem))
        return _redirect(f"{STALE}?course={quote(version)}")

    def republish_now(actor: str) -> str:
        return stale.republish_course(engine, key, actor, publish=publish)

    async def stale_problem(user: DashboardUser, sentence: str) -> Response:
        facts = await run_in_threadpool(stale.stale_facts, engine, date.today())
        return _html(review.stale_page(facts, user.username, None, sentence), 409)

    get, post = router.get, router.post
    get(CONTENT_HOME)(editors_only(desk_list))
    post(f"{CONTENT_HOME}/seed")(editors_only(seed, post=True))
    get(f"{CONTENT_HOME}/route/{{route_id}}")(editors_only(route_form))
    get(f"{CONTENT_HOME}/service/{{service_id}}")(editors_only(service_form))
    post(f"{CONTENT_HOME}/route")(editors_only(save_route, post=True))
    post(f"{CONTENT_HOME}/service")(editors_only(save_service, post=True))
    post(f"{CONTENT_HOME}/route/{{route_id}}/confirm")(editors_only(confirm, post=True))
    post(f"{CONTENT_HOME}/route/{{route_id}}/withdraw")(editors_only(withdraw, post=True))
    post(f"{CONTENT_HOME}/service/{{service_id}}/checked")(editors_only(details_checked, post=True))
    get(f"{CONTENT_HOME}/publish")(editors_only(publish_view))
    post(f"{CONTENT_HOME}/publish")(editors_only(publish_edition, post=True))
    get(f"{CONTENT_HOME}/audit")(editors_only(audit_log))
    get(STALE)(editors_only(stale_list))
    post(f"{STALE}/statement")(editors_only(recheck, post=True))
    post(f"{STALE}/route")(editors_only(recheck, post=True))
    post(f"{STALE}/republish")(editors_only(republish, post=True))
    return router
