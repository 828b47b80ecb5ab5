"""The partner agencies' read-only dashboard: log in, choose a period, read the figures.

Each agency sees its own rows of the one published report (``for_agency``); the OPCC sees
everything. A Compass House content editor (accounts.CONTENT_EDITOR) logs in here too but
sees no figure: /dashboard sends them to the content desk (content_routes.py). Every
period shown is the frozen published version the CSV and PDF are also read from
(hub/reports/publication.py).

Pages are plain HTML with server-drawn SVG charts and no scripts at all: the
Content-Security-Policy forbids them, and every control is an ordinary form.

The cookie holds a random token (HttpOnly, SameSite=Strict, and Secure unless the hub is
answering plain HTTP on loopback, which only the tests do). Form posts from another
origin are refused.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from victim_champion.core.errors import InvalidInputError, ResourceError
from victim_champion.core.report_audiences import AGENCIES, agency, for_agency
from victim_champion.core.report_facts import ReportPeriod, last_published
from victim_champion.core.reporting import Report
from victim_champion.hub.dashboard import accounts as accounts
from victim_champion.hub.dashboard import html_pages as pages
from victim_champion.hub.dashboard import login_throttle as throttle
from victim_champion.hub.dashboard import second_factor as second
from victim_champion.hub.dashboard.content_pages import DESK_STYLE
from victim_champion.hub.reports.publication import published

COOKIE = "vc_dashboard"
SECURE_COOKIE = "__Host-vc_dashboard"  # the prefix makes browsers insist on Secure and Path=/
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
MISSING = "The hub cannot read its reference lists; ask Compass House to reinstall it."
FOREIGN = "This form can only be sent from the dashboard's own pages."
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would make form posts Origin: null
}
FIGURES_AGENCIES = frozenset(a.id for a in AGENCIES)  # only these ever see a figure
KNOWN_ROLES = FIGURES_AGENCIES | {accounts.CONTENT_EDITOR}
CONTENT_HOME = "/dashboard/content"


def last_full_quarter(today: date) -> ReportPeriod:
    """The calendar quarter before the one ``today`` is in."""
    return last_published("quarter", today)


def _secure(request: Request) -> bool:
    return not (request.url.scheme == "http" and request.url.hostname in LOOPBACK)


def _cookie_name(request: Request) -> str:
    return SECURE_COOKIE if _secure(request) else COOKIE


def _token(request: Request) -> str | None:
    return request.cookies.get(_cookie_name(request))


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


def _locked(username: str) -> HTMLResponse:
    response = _html(pages.login_page(pages.LOCKED_LOGIN, username[:64]), 429)
    response.headers["Retry-After"] = str(int(throttle.LOCKOUT.total_seconds()))
    return response


def _address(request: Request) -> str:
    """The client's address as uvicorn reports it: behind nginx on the same host, the
    X-Forwarded-For address (uvicorn believes that header only from 127.0.0.1, or from
    the addresses in FORWARDED_ALLOW_IPS); otherwise the connection's own address."""
    return request.client.host if request.client else "unknown"


def _signed_in(request: Request, token: str) -> Response:
    response = _redirect("/dashboard")
    response.set_cookie(
        _cookie_name(request),
        token,
        max_age=int(accounts.SESSION_LIFETIME.total_seconds()),
        path="/",
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )
    return response


def _redirect(to: str) -> RedirectResponse:
    return RedirectResponse(to, status_code=303, headers=SECURITY_HEADERS)


def _same_origin(request: Request) -> bool:
    """A browser's form post names where it came from; one from another site is refused."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


async def _form(request: Request, max_fields: int = 10) -> dict[str, str]:
    """The form's fields (the first value of each); ValueError if it has too many."""
    body = await request.body()
    fields = parse_qs(body.decode("utf-8", "replace"), max_num_fields=max_fields)
    return {name: values[0] for name, values in fields.items() if values}


async def signed_in(engine: Engine, request: Request) -> accounts.DashboardUser | None:
    """Who is logged in: a partner agency (figures) or a Compass House content editor (the
    content desk, no figures); None for anyone else, or an account whose agency is gone."""
    user = await run_in_threadpool(accounts.session_user, engine, _token(request))
    if user is None or user.agency_id not in KNOWN_ROLES:
        return None
    return user


def _period(request: Request) -> tuple[ReportPeriod, str, str]:
    """The period asked for (default: the last full quarter), and the form's values."""
    start = request.query_params.get("from", "").strip()
    end = request.query_params.get("to", "").strip()
    if not start and not end:
        default = last_full_quarter(date.today())
        return default, default.start.isoformat(), default.end.isoformat()
    return ReportPeriod.parse(start, end).require_published(), start, end


def _report(engine: Engine, period: ReportPeriod, agency_id: str) -> Report:
    """The period's frozen published version (published on first demand), the agency's
    rows of it."""
    return for_agency(published(engine, period, date.today()), agency(agency_id))


def dashboard_router(engine: Engine) -> APIRouter:
    """The dashboard's routes (kept out of the OpenAPI schema: they are pages, not API)."""
    router = APIRouter(include_in_schema=False)

    async def current_user(request: Request) -> accounts.DashboardUser | None:
        return await signed_in(engine, request)

    @router.get("/dashboard/style.css")
    async def style() -> Response:
        return Response(
            pages.STYLE + DESK_STYLE,
            media_type="text/css",
            headers={**SECURITY_HEADERS, "Cache-Control": "public, max-age=3600"},
        )

    @router.get("/dashboard")
    async def dashboard(request: Request) -> Response:
        user = await current_user(request)
        if user is None:
            return _redirect("/dashboard/login")
        if user.agency_id not in FIGURES_AGENCIES:  # a content editor: the desk, no figures
            return _redirect(CONTENT_HOME)
        try:
            period, start, end = _period(request)
        except InvalidInputError as error:
            start = request.query_params.get("from", "")
            end = request.query_params.get("to", "")
            return _html(pages.period_problem_page(str(error), user.username, start, end), 400)
        try:
            report = await run_in_threadpool(_report, engine, period, user.agency_id)
        except InvalidInputError as error:
            return _html(pages.period_problem_page(str(error), user.username, start, end), 400)
        except ResourceError:
            return _html(pages.problem_page("Figures unavailable", MISSING, user.username), 503)
        return _html(pages.dashboard_page(report, user.username, start, end))

    @router.get("/dashboard/login")
    async def login_form(request: Request) -> Response:
        if await current_user(request) is not None:
            return _redirect("/dashboard")
        return _html(pages.login_page())

    @router.post("/dashboard/login")
    async def login(request: Request) -> Response:
        if not _same_origin(request):
            return _html(pages.problem_page("Not sent from this site", FOREIGN, None), 403)
        form = await _form(request)
        username, password = form.get("username", ""), form.get("password", "")
        name, address = accounts.normal_username(username), _address(request)
        if await run_in_threadpool(throttle.address_blocked, engine, address) is not None:
            return _locked(username)
        user = await run_in_threadpool(accounts.check_login, engine, username, password)
        if user is None or user.agency_id not in KNOWN_ROLES:
            if await run_in_threadpool(throttle.note_failure, engine, name, address):
                return _locked(username)
            return _html(pages.login_page(pages.WRONG_LOGIN, username[:64]), 401)
        enrolled = await run_in_threadpool(second.has_second_factor, engine, user.username)
        if enrolled:
            challenge = await run_in_threadpool(second.start_challenge, engine, user)
            return _html(pages.code_page(challenge))
        if second.needs_second_factor(user.agency_id):
            return _html(pages.login_page(pages.NO_SECOND_FACTOR, username[:64]), 403)
        return _signed_in(request, await run_in_threadpool(accounts.start_session, engine, user))

    @router.post("/dashboard/login/code")
    async def login_code(request: Request) -> Response:
        if not _same_origin(request):
            return _html(pages.problem_page("Not sent from this site", FOREIGN, None), 403)
        form = await _form(request)
        challenge, code, address = (
            form.get("challenge", ""),
            form.get("code", ""),
            _address(request),
        )
        if await run_in_threadpool(throttle.address_blocked, engine, address) is not None:
            return _locked("")
        waiting = await run_in_threadpool(second.challenge_user, engine, challenge)
        user, still = await run_in_threadpool(second.finish_challenge, engine, challenge, code)
        if user is not None:
            token = await run_in_threadpool(accounts.start_session, engine, user)
            return _signed_in(request, token)
        if waiting is not None:
            blocked = await run_in_threadpool(
                throttle.note_failure, engine, waiting.username, address
            )
            if blocked is not None:
                return _locked(waiting.username)
        if still:
            return _html(pages.code_page(challenge, pages.WRONG_CODE), 401)
        return _html(pages.login_page(pages.CODE_EXPIRED), 401)

    @router.post("/dashboard/logout")
    async def logout(request: Request) -> Response:
        if not _same_origin(request):
            return _html(pages.problem_page("Not sent from this site", FOREIGN, None), 403)
        await run_in_threadpool(accounts.end_session, engine, _token(request))
        response = _redirect("/dashboard/login")
        response.delete_cookie(
            _cookie_name(request),
            path="/",
            secure=_secure(request),
            httponly=True,
            samesite="strict",
        )
        return response

    return router
