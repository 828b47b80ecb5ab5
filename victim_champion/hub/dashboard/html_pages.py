"""The dashboard's HTML: plain pages, no scripts, one small style sheet.

Every figure printed is a published cell's ``text``; every chart is drawn from
``chart_value`` (see svg_charts). Nothing here computes or suppresses a number. Each
table's title, caption, chart and derived heading are its spec's (core/report_tables.py),
in English through the message catalogue.
"""

from __future__ import annotations

import html

from victim_champion.content.report_labels import report_words
from victim_champion.core.report_tables import Bars
from victim_champion.core.reporting import Report, ReportTable
from victim_champion.core.suppression import Cell, PublishedTable
from victim_champion.hub.dashboard.svg_charts import Bar, bar_chart

SUPPRESSION_KEY = "<5 means 1 to 4; [c] means withheld so that a small number cannot be worked out."
WRONG_LOGIN = "That username and password do not match an account."
LOCKED_LOGIN = (
    "Too many wrong passwords from your network: wait 15 minutes and try again; your "
    "account itself is not locked."
)
NO_SECOND_FACTOR = (
    "This account sees every table, so it needs a second step at login: ask Compass House "
    "to set one up for you."
)
WRONG_CODE = "That code does not match; type the 6 digits your app shows now, or a recovery code."
CODE_EXPIRED = "Your login took too long or had too many wrong codes; please log in again."

STYLE = """
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
"DejaVu Sans",sans-serif;font-size:1.0625rem;line-height:1.5;color:#1d2430;background:#fff}
a{color:#0b4f8a}
a:focus,button:focus,input:focus{outline:3px solid #b35900;outline-offset:2px}
.skip{position:absolute;left:-999em}
.skip:focus{left:1em;top:1em;background:#fff;padding:.5em;z-index:2}
header.top{background:#123a5e;color:#fff;padding:.75em 1.5em;display:flex;flex-wrap:wrap;
gap:1em;align-items:center;justify-content:space-between}
header.top p{margin:0}
header.top .who{display:flex;flex-wrap:wrap;gap:1em;align-items:center}
header.top .site{font-weight:700;font-size:1.15rem}
header.top form{margin:0}
header.top button{background:#fff;color:#123a5e;border:2px solid #fff}
main{max-width:72rem;margin:0 auto;padding:1em 1.5em 3em}
h1{color:#123a5e;margin:.5em 0 .2em;font-size:1.9rem;line-height:1.2}
h2{color:#123a5e;margin:0 0 .25em;font-size:1.35rem;line-height:1.25}
.period{font-size:1.15rem;margin:0 0 1em}
.panel{border:1px solid #767d8a;border-radius:4px;padding:1em 1.25em;margin:1em 0;
background:#f4f6f9}
fieldset{border:0;padding:0;margin:0;display:flex;flex-wrap:wrap;gap:1em;align-items:flex-end}
legend{font-weight:700;padding:0;margin-bottom:.25em}
.hint{flex-basis:100%;margin:0;color:#333a46}
label{display:block;font-weight:600}
input{font:inherit;padding:.35em .5em;border:2px solid #4a5160;border-radius:3px;
background:#fff;color:#1d2430}
button{font:inherit;font-weight:700;padding:.4em 1.1em;border-radius:3px;
border:2px solid #123a5e;background:#123a5e;color:#fff;cursor:pointer}
.error{border-left:6px solid #a4161a;background:#fdf0f0;padding:.6em 1em;color:#6b0d10;
font-weight:600}
.key{border-left:6px solid #123a5e}
.key p{margin:.2em 0}
nav ul{columns:2 18rem;padding-left:1.2em;margin:.3em 0}
section.report{border-top:2px solid #123a5e;padding-top:1em;margin-top:2em}
.note{margin:0 0 1em;color:#333a46}
.figure{margin:0 0 1.25em;overflow-x:auto}
.figure figcaption{font-weight:700;color:#333a46;margin-bottom:.3em}
svg.chart{max-width:100%;height:auto;display:block}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;margin:0 0 .5em;font-variant-numeric:tabular-nums;
min-width:min(100%,44rem)}
caption{text-align:left;font-weight:700;padding:0 0 .4em;color:#333a46}
th,td{border:1px solid #9aa1ad;padding:.3em .7em}
thead th{background:#e3e8ef;vertical-align:bottom}
th[scope=row]{text-align:left;font-weight:600}
td{text-align:right;min-width:4.5em}
tr.total th,tr.total td,td.total{font-weight:700;background:#f1f3f6}
.login{max-width:26rem}
.login label{margin-top:1em}
.login input{width:100%}
.login button{margin-top:1.25em}
footer{max-width:72rem;margin:0 auto;padding:0 1.5em 1em;color:#333a46}
footer p{border-top:1px solid #9aa1ad;padding-top:1em;margin:0}
"""

WORDS = report_words()


def _bar_cells(table: PublishedTable, kind: Bars) -> list[Cell] | None:
    """The cells that make a printed chart's bars (None: this table has none)."""
    if kind is Bars.FIRST_COLUMN:
        return [line[0] for line in table.cells]
    if kind is Bars.ROW_TOTALS and table.row_totals is not None:
        return list(table.row_totals)
    return None


def e(value: object) -> str:
    return html.escape(str(value), quote=True)


def page(title: str, body: str, top: str = "", main_class: str = "") -> str:
    """A whole page; the style sheet is served by the hub (no inline styles or scripts).
    ``main_class`` "wide" lets a page of wide tables use the whole window."""
    main_attributes = f" class='{e(main_class)}'" if main_class else ""
    return (
        "<!doctype html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        ""
        f"<title>{e(title)} | Victim Champion partner dashboard</title>"
        "<link rel='stylesheet' href='/dashboard/style.css'></head><body>"
        "<a class='skip' href='#main'>Skip to the main content</a>"
        "<header class='top'><p class='site'>Victim Champion partner dashboard</p>"
        f"{top}</header><main id='main'{main_attributes}>{body}</main>"
        "<footer><p>Victim Champion programme, Office of the Kent Police and Crime "
        "Commissioner. Figures are counts of people and sessions; no one is named.</p>"
        "</footer></body></html>"
    )


def login_page(error: str | None = None, username: str = "") -> str:
    described = " aria-describedby='login-error'" if error else ""
    problem = f"<p class='error' id='login-error'>{e(error)}</p>" if error else ""
    body = (
        "<div class='login'><h1>Log in</h1>"
        "<p>For partner agencies: Victim Support, Witness Care, the OPCC and the commissioned "
        "services. Ask Compass House for an account.</p>"
        f"{problem}"
        "<form method='post' action='/dashboard/login'>"
        "<label for='username'>Username</label>"
        f"<input id='username' name='username' autocomplete='username' required "
        f"maxlength='64' value='{e(username)}'{described}>"
        "<label for='password'>Password</label>"
        "<input id='password' name='password' type='password' autocomplete='current-password' "
        f"required{described}>"
        "<button type='submit'>Log in</button></form></div>"
    )
    return page("Log in", body)


def code_page(challenge: str, error: str | None = None) -> str:
    """The login's second step, after a right password: a plain form, no scripts."""
    described = " aria-describedby='code-error'" if error else ""
    problem = f"<p class='error' id='code-error'>{e(error)}</p>" if error else ""
    body = (
        "<div class='login'><h1>Enter your code</h1>"
        "<p>Type the 6-digit code your authenticator app shows for the Victim Champion "
        "dashboard. If you have lost your phone, type one of your recovery codes instead; "
        "each one works only once.</p>"
        f"{problem}"
        "<form method='post' action='/dashboard/login/code'>"
        f"<input type='hidden' name='challenge' value='{e(challenge)}'>"
        "<label for='code'>Code</label>"
        "<input id='code' name='code' autocomplete='one-time-code' required maxlength='40' "
        f"spellcheck='false' autocapitalize='off'{described}>"
        "<button type='submit'>Log in</button></form></div>"
    )
    return page("Enter your code", body)


def logout_form(who: str) -> str:
    return (
        f"<div class='who'><p>Logged in as <strong>{e(who)}</strong></p>"
        "<form method='post' action='/dashboard/logout'>"
        "<button type='submit'>Log out</button></form></div>"
    )


def _period_form(start: str, end: str) -> str:
    """Text fields with the format given: a browser's date picker shows dates in its own
    locale's order, which is easy to misread (GOV.UK advises against it too)."""
    fields = "".join(
        f"<div><label for='{name}'>{label}</label>"
        f"<input id='{name}' name='{name}' value='{e(value)}' required size='11' "
        f"maxlength='10' pattern='[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}' "
        f"aria-describedby='date-hint' spellcheck='false' autocomplete='off'></div>"
        for name, label, value in (("from", "From", start), ("to", "To", end))
    )
    return (
        "<form method='get' action='/dashboard' class='panel'><fieldset>"
        "<legend>Choose the period</legend>"
        "<p class='hint' id='date-hint'>Dates as year-month-day, for example 2026-07-01.</p>"
        f"{fields}<div><button type='submit'>Show the figures</button></div>"
        "</fieldset></form>"
    )


def _key() -> str:
    return (
        "<div class='panel key'><h2>How to read the figures</h2>"
        f"<p>{e(SUPPRESSION_KEY)}</p>"
        "<p>Each period is published once and then frozen. In a quarter or half-year a "
        "figure is shown only where every month in it shows it.</p>"
        "<p>Charts draw only the figures that are shown: a small or withheld figure has no "
        "bar, just its label.</p></div>"
    )


def _cell(cell: Cell, total: bool = False) -> str:
    return f"<td{' class=total' if total else ''}>{e(cell.text)}</td>"


def _table(report_table: ReportTable) -> str:
    t = report_table.table
    spec = report_table.spec
    extra = bool(spec.derived and report_table.extra)
    total = WORDS("report.total")
    heads = ["<td></td>"]
    heads += [f"<th scope='col'>{e(spec.label(column, WORDS))}</th>" for column in t.columns]
    if t.row_totals is not None:
        heads.append(f"<th scope='col'>{e(total)}</th>")
    if extra:
        heads.append(f"<th scope='col'>{e(WORDS(spec.derived_key))}</th>")
    lines = []
    for index, (label, cells) in enumerate(zip(t.rows, t.cells, strict=True)):
        line = [f"<th scope='row'>{e(spec.label(label, WORDS))}</th>", *(_cell(c) for c in cells)]
        if t.row_totals is not None:
            line.append(_cell(t.row_totals[index], total=True))
        if extra:
            line.append(f"<td>{e(report_table.extra[index])}</td>")
        lines.append(f"<tr>{''.join(line)}</tr>")
    if t.column_totals is not None:
        line = [f"<th scope='row'>{e(total)}</th>", *(_cell(c) for c in t.column_totals)]
        if t.row_totals is not None:
            line.append(_cell(t.grand_total) if t.grand_total else "<td></td>")
        if extra:
            line.append("<td></td>")
        lines.append(f"<tr class='total'>{''.join(line)}</tr>")
    return (
        f"<div class='table-wrap'><table><caption>Table: {e(WORDS(spec.title_key))}</caption>"
        f"<thead><tr>{''.join(heads)}</tr></thead><tbody>{''.join(lines)}</tbody></table></div>"
    )


def _chart(report_table: ReportTable) -> str:
    spec = report_table.spec
    if spec.printed_chart is None:
        return ""
    title = WORDS(spec.chart_title_key)
    cells = _bar_cells(report_table.table, spec.printed_chart)
    if not cells or report_table.table.withheld:
        return ""
    rows = [spec.label(row, WORDS) for row in report_table.table.rows]
    bars = [Bar(label, cell) for label, cell in zip(rows, cells, strict=True)]
    description = (
        "Bar chart of the figures in the table below. Small or withheld figures are shown "
        "as their label, with no bar."
    )
    svg = bar_chart(f"chart-{report_table.id}", title, description, bars)
    return f"<figure class='figure'><figcaption>Chart: {e(title)}</figcaption>{svg}</figure>"


def _section(report_table: ReportTable) -> str:
    spec = report_table.spec
    withheld = (
        "<p class='note'>Every figure in this table is withheld: no safe pattern of shown "
        "figures exists for this period.</p>"
        if report_table.table.withheld
        else ""
    )
    return (
        f"<section class='report' id='{e(report_table.id)}' "
        f"aria-labelledby='{e(report_table.id)}-heading'>"
        f"<h2 id='{e(report_table.id)}-heading'>{e(WORDS(spec.title_key))}</h2>"
        f"<p class='note'>{e(WORDS(spec.caption_key))}</p>{withheld}"
        f"{_chart(report_table)}{_table(report_table)}</section>"
    )


def dashboard_page(report: Report, username: str, start: str, end: str) -> str:
    contents = "".join(
        f"<li><a href='#{e(t.id)}'>{e(WORDS(t.spec.title_key))}</a></li>" for t in report.tables
    )
    body = (
        f"<h1>{e(report.title)}</h1>"
        f"<p class='period'>{e(report.period.label)}, for <strong>{e(report.audience)}"
        "</strong></p>"
        f"<p class='edition'>{e(report.edition)}</p>"
        f"<p class='unreadable'>Records that could not be read: {report.unreadable_records}</p>"
        f"{_period_form(start, end)}{_key()}"
        f"<nav aria-labelledby='contents-heading'><h2 id='contents-heading'>On this page</h2>"
        f"<ul>{contents}</ul></nav>" + "".join(_section(t) for t in report.tables)
    )
    return page(f"{report.title}, {report.period.label}", body, logout_form(username))


def problem_page(heading: str, sentence: str, username: str | None, form: str = "") -> str:
    body = f"<h1>{e(heading)}</h1><p class='error'>{e(sentence)}</p>{form}"
    return page(heading, body, logout_form(username) if username else "")


def period_problem_page(sentence: str, username: str, start: str, end: str) -> str:
    return problem_page("Choose another period", sentence, username, _period_form(start, end))
