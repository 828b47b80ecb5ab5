"""The PyInstaller spec keeps our message catalogues while it drops Qt's own translations."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_spec_bundles_resources_translations_and_drops_only_qts() -> None:
    spec = (REPO / "installer" / "victim_champion.spec").read_text(encoding="utf-8")
    [function] = [
        node
        for node in ast.parse(spec).body
        if isinstance(node, ast.FunctionDef) and node.name == "qt_translation"
    ]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module([function], []), "spec", "exec"), namespace)  # noqa: S102
    qt_translation = namespace["qt_translation"]
    assert callable(qt_translation)
    catalogues = sorted((REPO / "resources" / "translations").glob("*.po"))
    assert catalogues
    for catalogue in catalogues:
        dest = f"resources/translations/{catalogue.name}"
        assert not qt_translation((dest, str(catalogue), "DATA"))
        assert not qt_translation((dest.replace("/", "\\"), str(catalogue), "DATA"))
    assert qt_translation(("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"))
    assert '(str(ROOT / "resources"), "resources")' in spec  # the whole folder goes in
