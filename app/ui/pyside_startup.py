"""A start-up cost of PySide6 that this app does not need to pay.

PySide's ``__feature__`` support (``from __feature__ import snake_case``) learns whether each module uses PySide by
reading its source: every module first imported, or imported again, after PySide6 has its whole source file read
(``inspect.getsource``), typing.py and pathlib.py included. For the 70 modules the window imports that is about
8 ms of every start-up. Every module is now taken as one that uses PySide with no feature, as the app's modules do;
a module that selects a feature still gets it. (Taken as not using PySide, a module would inherit the feature the
last module selected.) Should a PySide version lack the hook, nothing is changed and only the time is spent.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401  (it loads shiboken's feature module)

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
