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


# A checklist's KPI unit is one string, written in either language; these say the shipped ones in the other.
# Symbols (%, ppm, Cpk) read the same in both; a unit not listed is shown as written.
_UNITS_ZH = {"days": "天", "d": "天", "h": "小时", "min": "分钟", "persons": "人", "rounds": "轮", "points": "分",
             "units/person·h": "件/人·时", "min/month": "分钟/月", "h/month": "小时/月", "tce/万元": "吨标准煤/万元",
             "tCO2e/万元": "吨CO2e/万元", "kg/万元": "千克/万元"}
_UNITS_EN = {"天": "days", "个": "pcs", "级": "level", "万元/人": "10k CNY/person", "吨标准煤/万元": "tce/10k CNY",
             "吨CO2e/万元": "tCO2e/10k CNY", "tce/万元": "tce/10k CNY", "tCO2e/万元": "tCO2e/10k CNY",
             "kg/万元": "kg/10k CNY"}


def join_list(parts: list[str] | tuple[str, ...]) -> str:
    """Items of a list in a sentence: 离散型制造、先进级 in Chinese, "discrete, advanced" in English."""
    return ("、" if _state["lang"] == "zh" else ", ").join(parts)


def unit(written: str) -> str:
    """A KPI unit in the interface language."""
    return (_UNITS_ZH if _state["lang"] == "zh" else _UNITS_EN).get(written, written)


def text(value: Text) -> str:
    """A checklist text in the interface language, falling back to the other language."""
    return value.get(_state["lang"])
