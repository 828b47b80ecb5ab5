"""Zero, in place, the keys this process still holds: used when a lock's hand-over to a
fresh process fails (ui/guards/fresh_process.py), so the old process does not carry on
with them in its memory.

Keys are ``bytes``, which Python never changes and never zeroes when freed. This finds
every data key (``UnlockedKey``) and device signing key (``DeviceKey``) that anything in
the process still refers to (a traceback, a cache, a job not yet collected) and
overwrites its bytes with zeros where CPython keeps them. Memory already freed is out of
its reach: that is why the app hands over to a fresh process at all.
"""

from __future__ import annotations

import ctypes
import gc
import sys

from victim_champion.store.keys.device_keys import DeviceKey
from victim_champion.store.profile_types import UnlockedKey

# Where a bytes object's first byte sits after its header (CPython: 32 on 64-bit).
_BYTES_HEADER = sys.getsizeof(b"") - 1
_SHORTEST_KEY = 16  # single bytes and the empty string are shared objects: never touched


def zero_in_place(value: bytes) -> bool:
    """Overwrite ``value``'s bytes with zeros; False if it is not a key-sized bytes."""
    if type(value) is not bytes or len(value) < _SHORTEST_KEY:
        return False
    ctypes.memset(id(value) + _BYTES_HEADER, 0, len(value))
    return True


def zero_held_keys() -> int:
    """Zero every data key and device private key still referred to; how many were."""
    gc.collect()
    zeroed = 0
    for held in gc.get_objects():
        if isinstance(held, UnlockedKey):
            zeroed += zero_in_place(held.data_key)
        elif isinstance(held, DeviceKey):
            zeroed += zero_in_place(held.private_key)
    return zeroed
