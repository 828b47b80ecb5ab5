"""Each forbidden import, planted in a copy of the package, breaks the contract that forbids it.

One copy holds every plant, so lint-imports runs twice (before and after planting). Every
contract in pyproject.toml must be broken by at least one plant here, so a new contract
comes with its plant.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO
from tests.support.import_lint import copy_for_linting, lint_imports

LAYERS = "layers: app over ui and cli, over operations and the hub, over the parts, over core"
STORE = "only operations (and the composition root) open the store"
DOCUMENTS = "only operations and the hub build documents"
SYNC = "sync is reached only through operations; the hub may take sync.shared and nothing else"
INSIDE_SYNC = "inside sync: the client over the transport over what is shared"
HUB = "nothing outside the hub imports the hub (not ui, not cli)"
QT = "Qt is imported only by ui and the composition root"
STORE_LIBRARIES = "sqlcipher3 and keyring only in the store"
PDF_LIBRARIES = "reportlab and uharfbuzz only in documents"
SERVER_LIBRARIES = "the hub's server libraries stay in the hub"
INSIDE_STORE = (
    "inside the store: profile over rekey and syncing, over repositories, journaling, keys, schema"
)
DEMO_KEYRING = "only the demo profile takes the demo's keyring"
CYCLES = "no import cycles between sibling modules or packages"
REFERENCE_DATA = "the screens get their reference data through operations"


@dataclass(frozen=True)
class Plant:
    """A new module in the copy (path under victim_champion/) holding one forbidden import."""

    path: str
    statement: str
    contract: str
    reported: str = ""  # what the contract's report names; the planted module if empty

    @property
    def module(self) -> str:
        return "victim_champion." + self.path.removesuffix(".py").replace("/", ".")

    @property
    def expected(self) -> str:
        return self.reported or f"{self.module} -> "


PLANTS = (
    Plant("ui/planted_hub_tables.py", "from victim_champion.hub.storage import tables", HUB),
    Plant("ui/planted_sealing.py", "from victim_champion.sync.shared import sealing", SYNC),
    Plant("ui/planted_sqlcipher.py", "import sqlcipher3", STORE_LIBRARIES),
    Plant("ui/planted_psycopg.py", "import psycopg", SERVER_LIBRARIES),
    Plant("ui/planted_harfbuzz.py", "import uharfbuzz", PDF_LIBRARIES),
    Plant("ui/planted_profile.py", "from victim_champion.store import profile", STORE),
    Plant("ui/planted_documents.py", "from victim_champion.documents import fonts", DOCUMENTS),
    Plant("operations/planted_keyring.py", "import keyring", STORE_LIBRARIES),
    Plant("operations/planted_qt.py", "from PySide6 import QtCore", QT),
    Plant("documents/planted_sqlcipher.py", "import sqlcipher3", STORE_LIBRARIES),
    Plant("hub/planted_client.py", "from victim_champion.sync import client", SYNC),
    Plant("cli/planted_hub.py", "import victim_champion.hub", HUB),
    Plant("core/planted_reportlab.py", "from reportlab.lib import colors", PDF_LIBRARIES),
    Plant("content/planted_upward.py", "from victim_champion.operations import hub_sync", LAYERS),
    # A lower layer of the store reaching up.
    Plant(
        "store/schema/planted_reversed.py",
        "from victim_champion.store.repositories import record_repository",
        INSIDE_STORE,
    ),
    # Two new modules of core that import each other.
    Plant(
        "core/planted_cycle_one.py",
        "from victim_champion.core import planted_cycle_two",
        CYCLES,
        "No cycles are allowed in victim_champion.core.",
    ),
    Plant(
        "core/planted_cycle_two.py",
        "from victim_champion.core import planted_cycle_one",
        CYCLES,
        "No cycles are allowed in victim_champion.core.",
    ),
    # The real keyring path taking the demo's in-memory keyring.
    Plant(
        "store/keys/planted_demo_keyring.py",
        "from victim_champion.store import demo_keyring",
        DEMO_KEYRING,
    ),
    # What the hub shares reaching into the laptop's side of sync.
    Plant("sync/shared/planted_upward.py", "from victim_champion.sync import client", INSIDE_SYNC),
    # A page loading districts itself instead of through operations/reference_data.py.
    Plant(
        "ui/pages/planted_districts.py",
        "from victim_champion.content import district_loader",
        REFERENCE_DATA,
    ),
)


def contract_names() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    return [contract["name"] for contract in config["tool"]["importlinter"]["contracts"]]


def status(stdout: str, name: str) -> str:
    found = re.search(rf"^{re.escape(name)} (KEPT|BROKEN)", stdout, re.MULTILINE)
    assert found, f"lint-imports does not list {name!r}:\n{stdout}"
    return found.group(1)


def broken_sections(stdout: str) -> dict[str, str]:
    """Each broken contract's report, by name (a name is underlined with dashes)."""
    _, _, broken = stdout.partition("Broken contracts\n----------------\n")
    lines = broken.splitlines()
    sections: dict[str, str] = {}
    current = ""
    for line, below in zip(lines, [*lines[1:], ""], strict=True):
        if line and below == "-" * len(line):
            current = line
            sections[current] = ""
        elif current and line != "-" * len(current):
            sections[current] += line + "\n"
    return sections


def test_every_contract_has_a_plant() -> None:
    assert sorted({plant.contract for plant in PLANTS}) == sorted(contract_names())


def test_each_planted_import_breaks_its_contract(tmp_path: Path) -> None:
    package = copy_for_linting(tmp_path)
    before = lint_imports(tmp_path)
    fenced = {plant.contract for plant in PLANTS}
    # Other contracts may be broken by work in progress; the fenced ones must hold first.
    assert {name: status(before.stdout, name) for name in fenced} == dict.fromkeys(
        fenced, "KEPT"
    ), before.stdout
    for plant in PLANTS:
        (package / plant.path).write_text(f'"""Planted."""\n\n{plant.statement}\n', "utf-8")

    after = lint_imports(tmp_path)

    assert after.returncode != 0
    sections = broken_sections(after.stdout)
    for plant in PLANTS:
        assert status(after.stdout, plant.contract) == "BROKEN", plant
        report = sections.get(plant.contract, "")
        assert plant.expected in report, (
            f"{plant.module} ({plant.statement}) is not reported under {plant.contract!r}:\n"
            + report
        )
