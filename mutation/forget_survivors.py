"""Forget the result of every surviving mutant in a cosmic-ray session, so that the next
``cosmic-ray exec`` tests only those again (scripts/mutation --survivors).

    python mutation/forget_survivors.py SESSION.sqlite

Sound only while the module is unchanged and tests were added, not taken away: a mutant
killed before is still killed. scripts/mutation checks the module first.
"""

from __future__ import annotations

import sqlite3
import sys


def forget(session: str) -> int:
    with sqlite3.connect(session) as db:
        cursor = db.execute("DELETE FROM work_results WHERE test_outcome = 'SURVIVED'")
        return cursor.rowcount


if __name__ == "__main__":
    sys.stdout.write(f"testing {forget(sys.argv[1])} survivors again\n")
