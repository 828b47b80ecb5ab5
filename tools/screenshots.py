"""Screenshots of the shell for docs/screenshots/. Run: scripts/screenshots (uses xvfb-run
and Openbox, on a 1280x720 screen: the smallest laptop we serve).

Drives the real app on synthetic data: first run, safety, unlock, every page, every
dialog, training, signposting, reports, decoy. Each shot is the whole screen, title bars
included, so anything pushed off a 1280x720 screen shows as missing.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from tests.support.keyrings import MemoryKeyring
from victim_champion.app import application, build_desktop
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.profile import Profile
from victim_champion.ui.shell_window import show_for_this_screen

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(window: QWidget, name: str) -> None:
    settle()
    screen = window.screen()
    image = screen.grabWindow(0) if screen else window.grab()  # the whole screen
    image.save(str(OUT / f"{name}.png"))
    print(f"saved {name}.png")


def dialog_shot(opener: Callable[[], object], name: str) -> None:
    """Open a dialog, photograph the screen with it, and cancel it."""
    opener()
    wait_until(lambda: QApplication.activeModalWidget() is not None, 5_000)
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, QDialog):
        print(f"no dialog for {name}")
        return
    shoot(dialog, name)
    dialog.reject()
    settle(100)


# Synthetic sign-up lists: an Eventbrite export, and a council's own sheet.
EXPORT = (
    "Order #,First Name,Last Name,Email,Ticket Type\n"
    "1001,Dee,Example,dee@example.org,General\n"
    "1002,Eli,Sample,not-an-address,General\n"
    "1003,Fay,Demo,,General\n"
)
SCRATCH = tempfile.TemporaryDirectory(prefix="vc-screenshots-")  # removed at exit
SHEET = "Booking ref,Delegate,Contact email\nB1,Gus Example,gus@example.org\n"


def import_with(sessions: object, text: str, matches: dict[str, str]) -> None:
    """Open the import dialog on a synthetic file and check it (matching by hand)."""
    folder = Path(SCRATCH.name)
    (folder / "sign-up.csv").write_text(text, encoding="utf-8")
    sessions.import_button.click()  # type: ignore[attr-defined]
    wait_until(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    dialog.path.setText(str(folder / "sign-up.csv"))  # type: ignore[union-attr]
    dialog.ok_button.click()  # type: ignore[union-attr]
    settle(600)
    for field, heading in matches.items():
        choice = dialog.column_choices[field]  # type: ignore[union-attr]
        choice.setCurrentIndex(choice.findText(heading))
    if matches:
        settle(100)


def pages_and_dialogs(desktop: object) -> None:
    """Every page, and the trainer's and worker's dialogs, at 1280x720."""
    window = desktop.window  # type: ignore[attr-defined]
    controller = desktop.controller  # type: ignore[attr-defined]
    navigation = window.navigation
    for row in range(navigation.count()):
        navigation.setCurrentRow(row)
        wait_until(lambda: not controller.work.busy)
        title = navigation.item(row).text().lower().replace(" ", "-")
        shoot(window, f"page-{row + 1:02d}-{title}")
    navigation.setCurrentRow(0)
    sessions = window.sessions
    wait_until(lambda: sessions.register.rowCount() > 0)
    sessions.register_table.selectRow(0)
    for opener, name in (
        (sessions.new_button.click, "dialog-new-session"),
        (sessions.edit_button.click, "dialog-edit-session"),
        (sessions.delete_button.click, "dialog-delete-session"),
        (sessions.add_button.click, "dialog-add-person"),
        (sessions.correct_action.trigger, "dialog-correct-person"),
        (sessions.remove_action.trigger, "dialog-remove-person"),
        (sessions.import_button.click, "dialog-import"),
        (lambda: import_with(sessions, EXPORT, {}), "dialog-import-preview"),
        (lambda: import_with(sessions, SHEET, {"name": "Delegate"}), "dialog-import-matching"),
        (sessions.feedback_button.click, "dialog-feedback"),
        (sessions.print_sheets_action.trigger, "dialog-quiz-sheets-print"),
        (sessions.enter_sheets_action.trigger, "dialog-quiz-sheets-entry"),
        (controller.change_passphrase, "dialog-change-passphrase"),
        (controller.open_quick_reference, "dialog-quick-reference"),
    ):
        dialog_shot(opener, name)
    unmarked = [
        r for r in range(sessions.register.rowCount()) if not sessions.register.row_at(r).attendance
    ]
    if unmarked:
        sessions.register_table.selectRow(unmarked[0])
        dialog_shot(sessions.complete_button.click, "dialog-not-marked-present")
    navigation.setCurrentRow(1)
    window.handouts.preview_button.click()
    wait_until(lambda: controller.printing.preview is not None)
    preview = controller.printing.preview
    if preview is not None:
        dialog_shot(preview.save_button.click, "dialog-save-as")
        preview.reject()
    navigation.setCurrentRow(0)


def wait_until(condition: object, timeout_ms: int = 10_000) -> None:
    waited = 0
    while not condition() and waited < timeout_ms:  # type: ignore[operator]
        settle(50)
        waited += 50


def training(desktop: object) -> None:
    """The presenter and audience views, the kiosk, the quiz and the feedback form."""
    window = desktop.window  # type: ignore[attr-defined]
    training = desktop.controller.training  # type: ignore[attr-defined]
    window.sessions.present_button.click()
    presenter = training.presenter
    for _ in range(5):
        presenter.next()
    shoot(presenter, "08-presenter-view")
    while (
        "ACTIVITY NOW" not in presenter.notes.text() and presenter.index < len(presenter.slides) - 1
    ):
        presenter.next()
    shoot(presenter, "08-presenter-activity")
    presenter.audience.present()
    shoot(presenter.audience, "09-audience-view")
    presenter.close()
    session_id = window.sessions.selected_session_id()
    training.start_kiosk(session_id, "sign-in")
    window.kiosk.name.setText("Sam")
    shoot(window, "10-kiosk-sign-in")
    window.kiosk.name.setText("")
    training.start_kiosk(session_id, "pre")
    window.kiosk.option_buttons[1].setChecked(True)
    shoot(window, "11-kiosk-quiz")
    training.start_kiosk(session_id, "feedback")
    shoot(window, "12-kiosk-feedback")
    window.kiosk.clear()
    window.show_work_area()


def render_pages(pdf: bytes, name: str, last: int = 1) -> None:
    """Pages 1..last of a PDF as docs/screenshots/NAME.png (one page) or NAME-N.png (an
    earlier render's pages go first, so no stale page is left behind)."""
    for old in (*OUT.glob(f"{name}.png"), *OUT.glob(f"{name}-[0-9]*.png")):
        old.unlink()
    single = ["-singlefile"] if last == 1 else []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            [
                *("pdftoppm", "-r", "70", "-png", "-f", "1", "-l", str(last)),
                *single,
                str(path),
                str(OUT / name),
            ],
            check=True,
        )
    print(f"saved {name}{'' if last == 1 else '-*'}.png")


def signposting(desktop: object) -> None:
    """The drop-in conversation: needs, results with reasons, the printed sheet."""
    window = desktop.window  # type: ignore[attr-defined]
    controller = desktop.controller  # type: ignore[attr-defined]
    window.navigation.setCurrentRow(3)
    page = window.signposting
    page.district.setCurrentIndex(page.district.findText("Swale"))
    for need in ("domestic-abuse", "sexual-violence", "feeling-safe"):
        page.need_boxes[need].setChecked(True)
    page.gender.setCurrentIndex(page.gender.findText("Woman"))
    page.tabs.setCurrentWidget(page.sheet)  # the discreet card's routes, chosen together
    shoot(window, "13-signposting")
    page.find_button.click()  # the services that fit, on their tab
    page.results.item(0).setCheckState(Qt.CheckState.Checked)
    shoot(window, "14-signposting-results")
    page.sheet_button.click()
    wait_until(lambda: controller.printing.preview is not None)
    preview = controller.printing.preview
    if preview is not None:
        shoot(preview, "15-signposting-sheet-preview")
        render_pages(preview.pdf_bytes, "doc-signposting-sheet")
        preview.reject()
    page.clear()
    window.navigation.setCurrentRow(0)


# A morning's drop-in conversations (district, needs), kept through the real page, so the
# Reports page has signposting to count as well as the demo's training.
CONVERSATIONS = (
    *[("dartford", ("emotional-support", "feeling-safe"))] * 4,
    *[("dartford", ("domestic-abuse", "practical-help"))] * 3,
    *[("thanet", ("emotional-support", "case-information"))] * 5,
    *[("swale", ("help-at-court", "case-information"))] * 3,
    ("swale", ("compensation",)),
)


def reports(desktop: object) -> None:
    """The Reports page for the last six months: its top, and the signposting further down."""
    window = desktop.window  # type: ignore[attr-defined]
    window.navigation.setCurrentRow(3)
    page = window.signposting
    for district, needs in CONVERSATIONS:
        page.district.setCurrentIndex(page.district.findData(district))
        for need in needs:
            page.need_boxes[need].setChecked(True)
        page.find_button.click()
        page.keep_button.click()
        page.clear()
    work = desktop.controller.work  # type: ignore[attr-defined]
    wait_until(lambda: not work.busy)  # every record kept, off-thread
    window.navigation.setCurrentRow(window.navigation.count() - 2)
    reports_page = window.reports
    # Figures are shown only for ended periods: look back from next month, so "last
    # month" is this one, with the demo's sessions and the morning's conversations in it.
    reports_page.today = lambda: date.today() + timedelta(days=31)
    reports_page.choose("month")
    wait_until(lambda: reports_page.refresh_button.isEnabled())
    reports_page.refresh_button.click()
    wait_until(lambda: reports_page.report is not None and reports_page.refresh_button.isEnabled())
    shoot(window, "laptop-reports")
    holder = window.pages.currentWidget()  # the page's scroll area
    holder.verticalScrollBar().setValue(reports_page.panels["needs"].y() - 12)
    shoot(window, "laptop-reports-signposting")
    window.navigation.setCurrentRow(0)


# Synthetic names in the scripts a Kent desk meets (Vietnamese, Nepali, Punjabi, Bengali,
# Urdu, Chinese, Polish, Romanian), one certificate each.
SCRIPT_NAMES = (
    "Nguyễn Thị Hương",
    "सीता शर्मा",
    "ਹਰਪ੍ਰੀਤ ਕੌਰ",
    "রহিম উদ্দিন",
    "محمد علی خان",
    "王小明",
    "Łukasz Żółć",
    "Ștefan Țugui",
)

# Every handout variant a worker can print, each page rendered (the discreet ones must be
# discreet on every page, so every page is looked at).
HANDOUTS = (
    ("doc-rights", "rights", False, False),
    ("doc-rights-large-print", "rights", True, False),
    ("doc-rights-discreet", "rights", False, True),
    ("doc-rights-discreet-large-print", "rights", True, True),
    ("doc-directory-thanet", "directory", False, False),
    ("doc-directory-thanet-large-print", "directory", True, False),
    ("doc-directory-thanet-discreet", "directory", False, True),
)


def documents() -> None:
    """Each printed document's pages as PNG, rendered by poppler."""
    from benchmarks.documents import thirty_certificates
    from victim_champion.core.certificates import EXAMPLE_VERIFY_BASE
    from victim_champion.documents.certificate_document import build_certificates
    from victim_champion.operations.printing import (
        HandoutKind,
        HandoutOptions,
        discreet_route_choices,
        print_handout,
        print_materials,
        print_signposting_sheet,
    )

    render_pages(
        build_certificates(thirty_certificates()[:1], EXAMPLE_VERIFY_BASE), "doc-certificate"
    )
    sample = thirty_certificates()[0]
    scripts = [dataclasses.replace(sample, name=name) for name in SCRIPT_NAMES]
    render_pages(build_certificates(scripts, EXAMPLE_VERIFY_BASE), "doc-certificate-names", last=99)
    for name, kind, large, discreet in HANDOUTS:
        options = HandoutOptions("thanet", large_print=large, discreet=discreet)
        render_pages(print_handout(HandoutKind(kind), options), name, last=99)
    render_pages(print_materials("the-twelve-rights"), "doc-materials", last=2)
    # A sexual-violence and domestic-abuse conversation at the Swale desk: the plain sheet,
    # and the one-page discreet card with the routes the rules suggest for those needs.
    needs, services = ["sexual-violence", "domestic-abuse"], ["davss", "isva", "east-kent-rapeline"]
    suggested = [c.id for c in discreet_route_choices("swale", needs, services) if c.suggested]
    for name, discreet, last in (
        ("doc-sheet-swale-plain", False, 99),
        ("doc-sheet-swale-discreet-card", True, 1),
    ):
        sheet = print_signposting_sheet(
            "swale",
            needs,
            services,
            options=HandoutOptions("swale", large_print=False, discreet=discreet),
            route_ids=suggested if discreet else (),
        )
        render_pages(sheet, name, last=last)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        fresh = Profile(Path(folder) / "new", DeviceSecretStore(MemoryKeyring()))
        first = build_desktop(fresh)
        show_for_this_screen(first.window)
        first.window.first_run.passphrase.setText("river lantern copper meadow")
        first.window.first_run.confirmation.setText("river lantern copper meadow")
        shoot(first.window, "01-first-run")
        first.window.first_run.create_button.click()
        wait_until(lambda: first.controller.is_unlocked)
        shoot(first.window, "02-safety")
        first.close()
        first.window.close()

    demo = create_demo_profile(date.today())
    try:
        desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
        show_for_this_screen(desktop.window)
        shoot(desktop.window, "03-unlock")
        desktop.window.unlock.passphrase.setText(DEMO_PASSPHRASE)
        desktop.window.unlock.unlock_button.click()
        wait_until(lambda: desktop.controller.is_unlocked)
        wait_until(lambda: not desktop.controller.work.busy)  # pages load off the GUI thread
        shoot(desktop.window, "04-main-window")
        desktop.window.handouts.discreet.setChecked(False)
        desktop.window.navigation.setCurrentRow(1)
        desktop.window.handouts.preview_button.click()
        wait_until(lambda: desktop.controller.printing.preview is not None)
        preview = desktop.controller.printing.preview
        if preview is not None:
            shoot(preview, "07-handout-preview")
            preview.reject()
        desktop.window.navigation.setCurrentRow(0)
        desktop.controller.open_settings()
        settle()
        dialogs = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isModal()]
        if dialogs:
            shoot(dialogs[0], "05-settings-dialog")
            dialogs[0].close()
        pages_and_dialogs(desktop)
        training(desktop)
        signposting(desktop)
        reports(desktop)
        desktop.controller.quick_exit()
        shoot(desktop.window, "06-decoy")
        desktop.close()
    finally:
        demo.discard()
    app.quit()
    documents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
