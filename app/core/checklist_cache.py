"""A compact JSON form of a validated checklist, so that opening an audit does not parse its YAML again.

The audit file stores it next to the embedded YAML, keyed by the YAML's SHA-256. The items are stored by column
(every title, then every requirement, ...), because then each column becomes a list of named tuples in C with
``map(tuple.__new__, ...)``: reading a 10,000-item checklist back takes about 20 ms, against about 90 ms for one
object built per item in Python and several seconds for parsing its YAML.
"""

from __future__ import annotations

import json
from itertools import islice, repeat
from typing import Any

from app.core.checklist import (
    Checklist,
    Item,
    Ref,
    Scale,
    ScaleOption,
    Section,
    Source,
    TagDef,
    Target,
    Text,
    gc_paused,
)

CACHE_FORMAT = 2
TEXT_FIELDS = frozenset({"title", "requirement", "guidance", "note"})
NESTED_FIELDS = {"evidence": Text, "refs": Ref}

_new = tuple.__new__


def _t(text: Text) -> list[str]:
    return [text.zh, text.en]


def _text(data: list[str]) -> Text:
    if len(data) != 2:
        raise ValueError("a text is not a [zh, en] pair")
    return _new(Text, data)


def _column(name: str, items: list[Item]) -> list[Any]:
    values = [getattr(item, name) for item in items]
    if name in TEXT_FIELDS:
        return [_t(value) for value in values]
    if name in NESTED_FIELDS:  # every pair in one flat list, and how many each item has
        return [[len(value) for value in values], [list(pair) for value in values for pair in value]]
    if name == "tags":
        return [list(value) for value in values]
    if name == "target":
        return [[value.min, value.max] if value is not None else None for value in values]
    return values


def dumps(checklist: Checklist) -> str:
    sections: list[list[Any]] = []  # in tree order: id, title, description, note, weight, subsections, items
    items: list[Item] = []

    def walk(section: Section) -> None:
        sections.append([section.id, _t(section.title), _t(section.description), _t(section.note), section.weight,
                         len(section.sections), len(section.items)])
        items.extend(section.items)
        for subsection in section.sections:
            walk(subsection)

    for section in checklist.sections:
        walk(section)
    data = {
        "cache": CACHE_FORMAT,
        "head": [checklist.id, checklist.version, checklist.level, _t(checklist.title), checklist.lang,
                 checklist.format, _t(checklist.description), checklist.pass_threshold, checklist.sha256],
        "sources": [[s.id, _t(s.title), s.url, _t(s.note)] for s in checklist.sources],
        "scales": {name: [[o.code, _t(o.label), o.score] for o in scale.options]
                   for name, scale in checklist.scales.items()},
        "tags": [[t.id, _t(t.label)] for t in checklist.tags],
        "top": len(checklist.sections),
        "sections": sections,
        "items": {name: _column(name, items) for name in Item._fields},
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Checklist | None:
    """The checklist, or None when the cache is of another format or unreadable (then the YAML is parsed)."""
    try:
        with gc_paused():
            return _loads(text)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        return None


def _loads(text: str) -> Checklist | None:
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("cache") != CACHE_FORMAT:
        return None
    head = data["head"]
    items = _load_items(data["items"])
    sections = _load_sections(data["sections"], data["top"], items)
    scales = {name: Scale(name, tuple(ScaleOption(o[0], _text(o[1]), o[2]) for o in options))
              for name, options in data["scales"].items()}
    return Checklist(
        id=head[0], version=head[1], level=head[2], title=_text(head[3]), lang=head[4], format=head[5],
        description=_text(head[6]), pass_threshold=head[7], sha256=head[8],
        sources=tuple(Source(s[0], _text(s[1]), s[2], _text(s[3])) for s in data["sources"]),
        scales=scales, tags=tuple(TagDef(t[0], _text(t[1])) for t in data["tags"]),
        sections=sections, items=items,
    )


def _load_items(columns: dict[str, list[Any]]) -> list[Item]:
    """Every item in tree order, built column by column in C."""
    count = len(columns["id"])
    if any(len(columns[name]) != count for name in Item._fields if name not in NESTED_FIELDS):
        raise ValueError("the item columns differ in length")
    built: dict[str, list[Any]] = {}
    for name in Item._fields:
        values = columns[name]
        if name in TEXT_FIELDS:
            built[name] = _tuples(Text, values)
        elif name in NESTED_FIELDS:
            counts, flat = values
            if len(counts) != count or sum(counts) != len(flat) or min(counts, default=0) < 0:
                raise ValueError(f"the {name} counts do not add up")
            pairs = iter(_tuples(NESTED_FIELDS[name], flat))
            built[name] = [tuple(islice(pairs, n)) if n else () for n in counts]
        elif name == "tags":
            built[name] = list(map(tuple, values))
        elif name == "target":
            built[name] = [_pair(Target, value) if value is not None else None for value in values]
        else:
            built[name] = values
    return list(map(_new, repeat(Item), zip(*(built[name] for name in Item._fields), strict=True)))


def _tuples(kind: type[tuple[Any, ...]], pairs: list[list[Any]]) -> list[Any]:
    """``pairs`` as named tuples of two fields (Text, Ref), refusing any other length."""
    built = list(map(_new, repeat(kind), pairs))
    if set(map(len, built)) - {2}:
        raise ValueError(f"a {kind.__name__} is not a pair")
    return built


def _pair(kind: type[tuple[Any, ...]], values: list[Any]) -> Any:
    if len(values) != 2:
        raise ValueError(f"a {kind.__name__} is not a pair")
    return _new(kind, values)


def _load_sections(rows: list[list[Any]], top: int, items: list[Item]) -> tuple[Section, ...]:
    """The section tree from its rows in tree order; each row takes its own items from ``items`` in turn."""
    next_row = iter(rows)
    item_offset = 0

    def build() -> Section:
        nonlocal item_offset
        row = next(next_row, None)
        if row is None:
            raise ValueError("the section rows end early")
        section_id, title, description, note, weight, subsections, own_items = row
        if subsections < 0 or own_items < 0:
            raise ValueError("a section has a negative count")
        section_items = tuple(items[item_offset:item_offset + own_items])
        item_offset += own_items
        children = tuple([build() for _ in range(subsections)])
        return Section(section_id, _text(title), _text(description), _text(note), weight, children, section_items)

    sections = tuple([build() for _ in range(top)])
    if item_offset != len(items) or next(next_row, None) is not None:
        raise ValueError("the sections do not account for every item")
    return sections
