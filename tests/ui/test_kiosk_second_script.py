"""The kiosk in the second pseudo-language, qps-deva: no English word is left, and every
Devanagari letter it shows is in a font Qt has (the bundled Noto Sans Devanagari, which the
kiosk gives Qt before the first sign-in; the test machine has no Devanagari font of its
own), at the 1280x720 size of the smallest laptop."""

from __future__ import annotations

import re

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from pytestqt.qtbot import QtBot

from tests.ui.test_kiosk_language import SESSION, plain_english, shown_texts
from victim_champion.ui.screens.kiosk_screen import KioskScreen

DEVANAGARI = re.compile(r"[\u0900-\u097f]")


def test_the_kiosk_in_devanagari_has_no_english_and_a_font_for_every_letter(
    qtbot: QtBot,
) -> None:
    kiosk = KioskScreen(language="qps-deva")
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 720)
    kiosk.show()
    kiosk.start_sign_in(SESSION)
    assert plain_english(kiosk) == []
    hint = kiosk.minimumSizeHint()  # the longer words still fit the smallest screen
    assert hint.width() <= 1280 and hint.height() <= 720, hint
    letters = {ch for _, text in shown_texts(kiosk) for ch in DEVANAGARI.findall(text)}
    assert len(letters) > 10
    families = [
        family
        for family in QFontDatabase.families()
        if QFontDatabase.WritingSystem.Devanagari in QFontDatabase.writingSystems(family)
    ]
    assert "Noto Sans Devanagari" in families, families
    metrics = QFontMetrics(QFont("Noto Sans Devanagari"))
    assert {ch for ch in letters if not metrics.inFontUcs4(ord(ch))} == set()
