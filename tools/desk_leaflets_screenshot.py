"""Screenshot of the Signposting desk offering official leaflets, for docs/screenshots/
(signposting-official-leaflets.png), at 1280x720.

Run under the same virtual display as scripts/screenshots:
  xvfb-run -a -s "-screen 0 1280x720x24" sh -c \
    'openbox --sm-disable & .venv/bin/python -m tools.desk_leaflets_screenshot'

The real path: a real hub on a throwaway SQLite database; two fixture leaflets (made here
with reportlab, not the real ones) published with ``victim-champion-hub publish leaflet``;
the demo laptop enrols and syncs as the Sync page does, then the desk shows them at the
foot of the Sheet tab after a search.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

from reportlab.pdfgen import canvas

from tests.support.hub_process import HubProcess, sqlite_url, start_hub
from tools.screenshots import shoot, wait_until
from victim_champion.app import application, build_desktop
from victim_champion.operations.hub_sync import enrol_with_hub, sync_once
from victim_champion.store.demo_profile import DEMO_PASSPHRASE, create_demo_profile
from victim_champion.ui.shell_window import show_for_this_screen

SOURCE = "https://www.gov.uk/government/publications/the-code-of-practice-for-victims-of-crime"
LEAFLETS = {"cy": "Welsh", "pl": "Polish"}


def publish_fixture(hub: HubProcess, folder: Path, code: str, language: str) -> None:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"Fixture leaflet in {language} for a screenshot")
    page.showPage()
    page.save()
    path = folder / f"{code}.pdf"
    path.write_bytes(buffer.getvalue())
    subprocess.run(
        [
            *(sys.executable, "-m", "victim_champion.hub.command_line", "publish", "leaflet"),
            *(str(path), "--language", code, "--source", SOURCE, "--date", "2026-11-20"),
            *("--title", f"Victims' Code leaflet, {language} (fixture)", "--db", hub.db_url),
        ],
        env=hub.env,
        check=True,
        capture_output=True,
    )


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="vc-desk-leaflets-"))
    hub = start_hub(sqlite_url(folder))
    app = application()
    demo = create_demo_profile(date.today())
    try:
        for code, language in LEAFLETS.items():
            publish_fixture(hub, folder, code, language)
        desktop = build_desktop(demo.profile, DEMO_PASSPHRASE)
        show_for_this_screen(desktop.window)
        desktop.window.unlock.passphrase.setText(DEMO_PASSPHRASE)
        desktop.window.unlock.unlock_button.click()
        wait_until(lambda: desktop.controller.is_unlocked)
        wait_until(lambda: not desktop.controller.work.busy)
        workspace = desktop.controller.workspace
        assert workspace is not None
        code = hub.enrol_code("Desk laptop")

        def enrol_and_sync() -> None:  # off the GUI thread, as the Sync page does it
            enrol_with_hub(workspace, hub.url, code)
            sync_once(workspace)

        worker = threading.Thread(target=enrol_and_sync)
        worker.start()
        wait_until(lambda: not worker.is_alive(), 60_000)
        window = desktop.window
        window.navigation.setCurrentRow(list(window.registered).index("signposting"))
        page = window.signposting
        page.district.setCurrentIndex(page.district.findText("Swale"))
        for need in ("domestic-abuse", "feeling-safe"):
            page.need_boxes[need].setChecked(True)
        page.find_button.click()
        wait_until(lambda: page.results.count() > 0)
        page.tabs.setCurrentWidget(page.sheet)
        desk = desktop.controller.controllers.signposting
        leaflets = desk.leaflets.choice
        wait_until(lambda: leaflets.language.count() == len(LEAFLETS))
        leaflets.language.setFocus()
        shoot(window, "signposting-official-leaflets")
        page.clear()
        desktop.close()
    finally:
        demo.discard()
        hub.stop()
        shutil.rmtree(folder, ignore_errors=True)
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
