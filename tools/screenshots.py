"""Screenshots of the shell for docs/screenshots/. Run: scripts/screenshots (uses xvfb-run).

Drives the real app on synthetic data: first run, safety, unlock, main window, training,
signposting, reports, decoy.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from victim_champion.app import application, build_desktop
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile
from victim_champion.store.keys.device_secret import DeviceSecretStore
from victim_champion.store.keys.memory_keyring import MemoryKeyring
from victim_champion.store.profile import Profile

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(window: QWidget, name: str) -> None:
    settle()
    screen = window.screen()
    image = screen.grabWindow(window.winId()) if screen else window.grab()
    image.save(str(OUT / f"{name}.png"))
    print(f"saved {name}.png")


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
    """Pages 1..last of a PDF as docs/screenshots/NAME.png (one page) or NAME-N.png."""
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
    page.district.setCurrentIndex(page.district.findText("Dartford"))
    for need in ("domestic-abuse", "feeling-safe"):
        page.need_boxes[need].setChecked(True)
    page.gender.setCurrentIndex(page.gender.findText("Man"))
    shoot(window, "13-signposting")
    page.find_button.click()
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
    reports_page.choose("half-year")
    wait_until(lambda: reports_page.report is not None and reports_page.refresh_button.isEnabled())
    shoot(window, "laptop-reports")
    holder = window.pages.currentWidget()  # the page's scroll area
    holder.verticalScrollBar().setValue(reports_page.panels["needs"].y() - 12)
    shoot(window, "laptop-reports-signposting")
    window.navigation.setCurrentRow(0)


def documents() -> None:
    """Each printed document's first page(s) as PNG, rendered by poppler."""
    from benchmarks.documents import thirty_certificates
    from victim_champion.content.directory_loader import load_directory, load_needs
    from victim_champion.content.victims_code_loader import load_victims_code
    from victim_champion.core.certificates import EXAMPLE_VERIFY_BASE
    from victim_champion.core.directory import grouped_by_need
    from victim_champion.documents.certificate_document import build_certificates
    from victim_champion.documents.directory_handout import build_directory_handout
    from victim_champion.documents.rights_handout import build_rights_handout

    code = load_victims_code()
    groups = grouped_by_need(load_directory(), load_needs(), "thanet")
    pdfs = {
        "doc-certificate": build_certificates(thirty_certificates()[:1], EXAMPLE_VERIFY_BASE),
        "doc-rights": build_rights_handout(code, large_print=False, discreet=False),
        "doc-rights-large-print": build_rights_handout(code, large_print=True, discreet=False),
        "doc-rights-discreet-cover": build_rights_handout(code, large_print=False, discreet=True),
        "doc-directory-thanet": build_directory_handout(
            groups, district_name="Thanet", sample=True, large_print=False, discreet=False
        ),
    }
    for name, pdf in pdfs.items():
        render_pages(pdf, name)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()
    with tempfile.TemporaryDirectory() as folder:
        fresh = Profile(Path(folder) / "new", DeviceSecretStore(MemoryKeyring()))
        first = build_desktop(fresh)
        first.window.show()
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
        desktop.window.show()
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
