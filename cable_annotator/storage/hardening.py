"""Settings every SQLite connection to a project gets, because a project may be hostile.

- ``trusted_schema=OFF``: SQL functions with side effects and virtual tables cannot be
  used from views, triggers, defaults or CHECK constraints stored in the file.
- Defensive mode (``SQLITE_DBCONFIG_DEFENSIVE``): no ``writable_schema``, no writes to the
  shadow tables of the full-text index, no ``journal_mode=OFF`` — what a crafted file
  could otherwise use to corrupt itself or us.
- ``foreign_keys=ON`` and a busy timeout, so a writer waits for another instead of failing.

Python 3.12 sets defensive mode with ``Connection.setconfig``; on 3.10 and 3.11 we call
``sqlite3_db_config`` of the very library the ``sqlite3`` module uses, through ctypes, and
read the flag back to be sure it took.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sqlite3
import sys
from functools import cache

BUSY_TIMEOUT_MS = 30_000
"""How long a writer waits for another's transaction before giving up. Imports of whole
volumes hold the lock for a second or two; 30 s covers a slow disk with margin."""
SQLITE_DBCONFIG_DEFENSIVE = 1010


def harden(connection: sqlite3.Connection) -> None:
    """Apply the pragmas and defensive mode to a fresh connection."""
    connection.execute("PRAGMA trusted_schema=OFF")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    set_defensive(connection)


def set_defensive(connection: sqlite3.Connection) -> None:
    """Turn on SQLite's defensive mode for ``connection`` (raises RuntimeError if the
    library does not let us, so a build without it is noticed, not silently weaker)."""
    setconfig = getattr(connection, "setconfig", None)
    if setconfig is not None:
        setconfig(SQLITE_DBCONFIG_DEFENSIVE, True)
        return
    library = _sqlite_library()
    handle = _handle_of(connection)
    flag = ctypes.c_int(-1)
    library.sqlite3_db_config(ctypes.c_void_p(handle), SQLITE_DBCONFIG_DEFENSIVE,
                              ctypes.c_int(1), ctypes.byref(flag))
    if flag.value != 1:
        raise RuntimeError("SQLite refused to enter defensive mode")


def is_defensive(connection: sqlite3.Connection) -> bool:
    """Whether defensive mode is on (for tests and diagnostics)."""
    getconfig = getattr(connection, "getconfig", None)
    if getconfig is not None:
        return bool(getconfig(SQLITE_DBCONFIG_DEFENSIVE))
    flag = ctypes.c_int(-1)
    _sqlite_library().sqlite3_db_config(ctypes.c_void_p(_handle_of(connection)),
                                        SQLITE_DBCONFIG_DEFENSIVE, ctypes.c_int(-1),
                                        ctypes.byref(flag))
    return flag.value == 1


@cache
def _sqlite_library() -> ctypes.CDLL:
    """The SQLite library linked into Python's ``_sqlite3`` module (the same instance)."""
    import _sqlite3

    candidates = [getattr(_sqlite3, "__file__", None), ctypes.util.find_library("sqlite3"),
                  "libsqlite3.so.0", "sqlite3.dll"]
    for name in candidates:
        if not name:
            continue
        try:
            library = ctypes.CDLL(name)
            function = library.sqlite3_db_config
        except (OSError, AttributeError):
            continue
        function.restype = ctypes.c_int
        library.sqlite3_libversion.restype = ctypes.c_char_p
        if library.sqlite3_libversion().decode() == sqlite3.sqlite_version:
            library.sqlite3_db_filename.restype = ctypes.c_char_p
            library.sqlite3_db_filename.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
            return library
    raise RuntimeError("cannot reach the SQLite library to turn on its defensive mode")


def _handle_of(connection: sqlite3.Connection) -> int:
    """The ``sqlite3 *`` of a connection: CPython's connection object stores it right
    after the object header (Modules/_sqlite/connection.h, 3.10 and 3.11)."""
    if sys.version_info >= (3, 12):  # pragma: no cover - setconfig is used there
        raise RuntimeError("use Connection.setconfig")
    pointer = ctypes.c_void_p.from_address(id(connection) + object.__basicsize__).value
    if not pointer:
        raise RuntimeError("the SQLite connection is closed")
    return pointer
