"""Two start-up costs of PySide6 that this app does not need to pay in full.

**Enums.** PySide builds every C++ enum of a type as a Python enum when the type is first used: about 230 enums
(some 3,500 members) before the audit window is painted, ``Qt`` alone 94 of them. It builds each with the functional
API (``Enum(name, [(key, value), ...], boundary=KEEP)``), whose safety checks cost some 12 µs per member. The
standard library builds its own enums with ``enum._simple_enum`` instead, which skips those checks and makes the
same classes; :func:`build_enums_quickly` routes PySide's calls there, about 10 ms of every start-up. The tests
check, with the standard library's own ``enum._test_simple_enum``, that every enum of QtCore, QtGui and QtWidgets is
the same either way. Any other call, and a Python without ``_simple_enum``, takes the usual way.

**Feature scan.** PySide's ``__feature__`` support (``from __feature__ import snake_case``) learns whether each
module uses PySide by reading its source: every module first imported, or imported again, after PySide6 has its
whole source file read (``inspect.getsource``), typing.py and pathlib.py included. For the 70 modules the window
imports that is about 8 ms of every start-up. Every module is now taken as one that uses PySide with no feature, as
the app's modules do; a module that selects a feature still gets it. (Taken as not using PySide, a module would
inherit the feature the last module selected.) Should a PySide version lack the hook, nothing is changed and only
the time is spent.
"""

from __future__ import annotations

import contextlib
import enum
import sys
from types import ModuleType
from typing import Any

_usual_call = enum.EnumType.__call__
_PYSIDE_BASES = (enum.Enum, enum.IntEnum, enum.Flag, enum.IntFlag)


def _create_enum(cls: Any, *args: Any, **kwargs: Any) -> Any:
    """``EnumType.__call__``, with PySide's way of making an enum made by ``_simple_enum``."""
    if len(args) != 2 or kwargs.keys() != {"boundary"} or type(args[1]) is not list or cls not in _PYSIDE_BASES:
        return _usual_call(cls, *args, **kwargs)  # a lookup (Qt.Key(65)), or an enum made otherwise
    name, members = args
    body = dict(members)
    if len(body) != len(members) or any(type(key) is not str or key.startswith("_") for key in body):
        return _usual_call(cls, *args, **kwargs)  # a name twice, or a reserved one: the usual error or meaning
    try:
        made = enum._simple_enum(cls, boundary=kwargs["boundary"])(type(name, (), body))  # type: ignore[attr-defined]
    except Exception:  # members of a kind it cannot take: the usual way says what is wrong
        return _usual_call(cls, *args, **kwargs)
    made.__doc__ = None  # as the functional API leaves it ("An enumeration." otherwise)
    with contextlib.suppress(ValueError):  # the caller's module, as the usual way sets it (PySide sets its own)
        made.__module__ = sys._getframe(1).f_globals.get("__name__", made.__module__)
    return made


def build_enums_quickly() -> bool:
    """Have PySide's enums made the quick way from now on; True when this Python allows it."""
    if not callable(getattr(enum, "_simple_enum", None)):
        return False
    enum.EnumType.__call__ = _create_enum  # type: ignore[method-assign]
    return True


build_enums_quickly()  # before PySide6 is imported: importing QtCore builds some 40 enums already

import PySide6.QtCore  # noqa: E402,F401  (it loads shiboken's feature module)

FEATURE_MODULE = "shibokensupport.feature"


def _uses_pyside(module: ModuleType) -> bool:
    return True


def skip_feature_scan() -> bool:
    """Stop PySide reading the source of each module imported from now on; True when it could."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[attr-defined]
    return True
