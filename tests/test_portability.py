"""Product code runs on Windows too: no glibc-only format, no Linux-only call, no file
opened in Windows' text mode, and neutral names in the OS keyring. (The Windows bundle
itself is built and run under Wine by installer/windows/check.)"""

from __future__ import annotations

import base64
import io
import re
import tokenize
from datetime import date
from pathlib import Path

from tests.conftest import REPO
from victim_champion.core.clock import long_date
from victim_champion.store.keys import device_secret

PACKAGE = REPO / "victim_champion"
# strftime extensions of glibc ("%-d", "%-m") and of MSVC ("%#d"): each fails on the other.
PLATFORM_FORMAT = re.compile(r"%[-#_^][A-Za-z]")
LINUX_ONLY = re.compile(
    r"\bos\.(uname|getuid|geteuid|getgid|fork|setsid|killpg|getpgid)\b"
    r"|\bimport (fcntl|pwd|grp|termios|resource)\b|\bsignal\.SIG(KILL|HUP|USR1|USR2)\b"
    r"|/proc/|/dev/shm"
)
ALLOWED = "# posix-only"  # a line that is reached only after a platform check says so


def source_lines() -> list[tuple[Path, int, str]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            found.append((path, number, line))
    return found


def string_tokens(path: Path) -> list[tuple[int, str]]:
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text("utf-8")).readline)
    kinds = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}
    return [(t.start[0], t.string) for t in tokens if t.type in kinds]


def test_no_strftime_pattern_that_only_one_platform_knows() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{line}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for line, text in string_tokens(path)
        if PLATFORM_FORMAT.search(text)
    ]
    assert not offenders, f"glibc/MSVC-only strftime patterns: {offenders}"


def test_the_pattern_check_catches_what_it_should() -> None:
    for pattern in ("%-d %B %Y", "{when:%-d}", "%#d"):
        assert PLATFORM_FORMAT.search(pattern)
    for pattern in ("%d %B %Y", "100%", "%Y-%m-%d"):
        assert not PLATFORM_FORMAT.search(pattern)


def test_no_linux_only_call_outside_a_platform_check() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}: {line.strip()}"
        for path, number, line in source_lines()
        if LINUX_ONLY.search(line) and ALLOWED not in line
    ]
    assert not offenders, offenders


def test_every_os_open_is_binary_on_windows() -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{number}"
        for path, number, line in source_lines()
        if "os.open(" in line and "BINARY" not in line and ALLOWED not in line
    ]
    assert not offenders, f"os.open without O_BINARY turns \\n into \\r\\n on Windows: {offenders}"


def test_long_dates_have_no_leading_zero() -> None:
    assert long_date(date(2026, 12, 3)) == "3 December 2026"
    assert long_date(date(2027, 1, 31)) == "31 January 2027"


def test_keyring_entries_say_nothing_about_victims() -> None:
    names = [device_secret.SERVICE, device_secret.entry_name("0" * 32)]
    assert not any("victim" in name.lower() for name in names), names


def test_a_secret_kept_under_the_old_names_is_moved_to_the_neutral_ones() -> None:
    from tests.support.keyrings import MemoryKeyring

    keyring = MemoryKeyring()
    secret = base64.b64encode(bytes(range(32))).decode()
    keyring.set_password(device_secret.LEGACY_SERVICE, f"device-secret:{'a' * 32}", secret)
    store = device_secret.DeviceSecretStore(keyring)
    first = store.read("a" * 32)
    assert keyring.get_password(device_secret.LEGACY_SERVICE, f"device-secret:{'a' * 32}") is None
    assert keyring.get_password(device_secret.SERVICE, device_secret.entry_name("a" * 32))
    assert store.read("a" * 32) == first == bytes(range(32))
