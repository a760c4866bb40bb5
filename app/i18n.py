"""Interface language (zh or en) and the translation function, without Qt.

Source strings are English. Each UI module registers its Chinese translations with :func:`add_translations`
next to the code that uses them, and calls :func:`tr` when it builds its texts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.core.checklist import Text

LANGUAGES = ("zh", "en")
_state = {"lang": "zh"}
_zh: dict[str, str] = {}


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    _state["lang"] = lang


def language() -> str:
    return _state["lang"]


def add_translations(zh: Mapping[str, str]) -> None:
    _zh.update(zh)


def tr(text: str, **values: Any) -> str:
    """The text in the interface language; ``{name}`` fields are filled from ``values``."""
    result = _zh.get(text, text) if _state["lang"] == "zh" else text
    return result.format(**values) if values else result


def text(value: Text) -> str:
    """A checklist text in the interface language, falling back to the other language."""
    return value.get(_state["lang"])
