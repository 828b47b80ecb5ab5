"""enrol --ca-file: a file that is not a CA is refused in one sentence, before the hub is
asked anything and before the profile changes."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import InProcessCli


def test_enrol_refuses_a_ca_file_that_is_not_a_certificate(
    cli: InProcessCli, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    notes = tmp_path / "ca.pem"
    notes.write_text("the Wi-Fi password is on the fridge", encoding="ascii")
    refused = cli("enrol", "--hub", "https://hub.invalid", "--code", "X", "--ca-file", str(notes))
    assert refused.code == 1
    assert refused.err == (
        "That file is not a certificate authority in PEM form; ask Compass House IT for "
        "the CA certificate (a .pem or .crt file).\n"
    )
    missing = cli("enrol", "--hub", "https://hub.invalid", "--code", "X", "--ca-file", "nope.pem")
    assert missing.code == 1 and missing.err.startswith("That file is not a certificate")
    still = cli("sync")  # nothing was saved: the laptop is still not enrolled
    assert still.code == 1 and "is not enrolled with the Compass House hub yet" in still.err
