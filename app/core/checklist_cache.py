"""A compact JSON form of a validated checklist, so that opening an audit does not parse its YAML again.

The audit file stores it next to the embedded YAML, keyed by the YAML's SHA-256; parsing YAML costs about
60 times more than reading this back for a 10,000-item checklist.
"""

from __future__ import annotations

import json
from typing import Any

from app.core.checklist import (
    EMPTY_TEXT,
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

CACHE_FORMAT = 1


def _t(text: Text) -> list[str] | None:
    return [text.zh, text.en] if text else None


def _text(data: list[str] | None) -> Text:
    return Text(*data) if data else EMPTY_TEXT


def _item(item: Item) -> list[Any]:
    target = [item.target.min, item.target.max] if item.target else None
    return [item.id, _t(item.title), _t(item.requirement), item.type, item.scale, _t(item.guidance),
            [_t(e) for e in item.evidence], [[r.source, r.clause] for r in item.refs], item.weight, item.critical,
            list(item.tags), _t(item.note), item.unit, target, item.baseline]


def _section(section: Section) -> list[Any]:
    return [section.id, _t(section.title), _t(section.description), _t(section.note), section.weight,
            [_section(s) for s in section.sections], [_item(i) for i in section.items]]


def dumps(checklist: Checklist) -> str:
    data = {
        "cache": CACHE_FORMAT,
        "head": [checklist.id, checklist.version, checklist.level, _t(checklist.title), checklist.lang,
                 checklist.format, _t(checklist.description), checklist.pass_threshold, checklist.sha256],
        "sources": [[s.id, _t(s.title), s.url, _t(s.note)] for s in checklist.sources],
        "scales": {name: [[o.code, _t(o.label), o.score] for o in scale.options]
                   for name, scale in checklist.scales.items()},
        "tags": [[t.id, _t(t.label)] for t in checklist.tags],
        "sections": [_section(s) for s in checklist.sections],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _load_item(d: list[Any]) -> Item:
    target = Target(*d[13]) if d[13] else None
    refs = tuple([Ref(*r) for r in d[7]]) if d[7] else ()
    return Item(d[0], _text(d[1]), _text(d[2]), d[3], d[4], _text(d[5]), tuple(map(_text, d[6])), refs, d[8],
                d[9], tuple(d[10]), _text(d[11]), d[12], target, d[14])


def _load_section(d: list[Any]) -> Section:
    return Section(d[0], _text(d[1]), _text(d[2]), _text(d[3]), d[4], tuple(map(_load_section, d[5])),
                   tuple(map(_load_item, d[6])))


def loads(text: str) -> Checklist | None:
    """The checklist, or None when the cache is of another format or unreadable (then the YAML is parsed)."""
    try:
        with gc_paused():
            return _loads(text)
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _loads(text: str) -> Checklist | None:
    data = json.loads(text)
    if data.get("cache") != CACHE_FORMAT:
        return None
    head = data["head"]
    scales = {name: Scale(name, tuple(ScaleOption(o[0], _text(o[1]), o[2]) for o in options))
              for name, options in data["scales"].items()}
    return Checklist(
        id=head[0], version=head[1], level=head[2], title=_text(head[3]), lang=head[4], format=head[5],
        description=_text(head[6]), pass_threshold=head[7], sha256=head[8],
        sources=tuple(Source(s[0], _text(s[1]), s[2], _text(s[3])) for s in data["sources"]),
        scales=scales, tags=tuple(TagDef(t[0], _text(t[1])) for t in data["tags"]),
        sections=tuple(_load_section(s) for s in data["sections"]),
    )
