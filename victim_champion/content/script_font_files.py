"""The bundled fonts for names in other scripts (resources/fonts/README.md says where each
came from): the PDFs set words in them, and the kiosk gives them to Qt."""

from __future__ import annotations

from pathlib import Path

from victim_champion.content.resource_paths import resources_root

# (name reportlab knows it by, file in resources/fonts), tried in this order.
FALLBACK_FONTS = (
    ("NotoSans", "NotoSans-Regular.ttf"),
    ("NotoSansDevanagari", "NotoSansDevanagari-Regular.ttf"),
    ("NotoSansGurmukhi", "NotoSansGurmukhi-Regular.ttf"),
    ("NotoSansBengali", "NotoSansBengali-Regular.ttf"),
    ("NotoSansArabic", "NotoSansArabic-Regular.ttf"),
    ("DroidSansFallback", "DroidSansFallback-CJK.ttf"),
)


def font_path(file_name: str) -> Path:
    """A bundled font file."""
    return resources_root() / "fonts" / file_name
