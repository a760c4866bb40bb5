"""The stored model of a validated checklist, so that opening an audit does not parse its YAML again.

The audit file stores it next to the embedded YAML, keyed by the YAML's SHA-256. :func:`dumps` makes three lines:

1. The CRC-32 of the second line and that of the third, in hex. A damaged summary is never read: the model reads as
   missing. Damaged details are found when they are first read all together (one item's, read alone, are not
   checked); see :class:`DetailStore`.
2. One line of JSON with everything the tree and the scores need: the head, the sections, and of every item its
   id, title, type, scale, weight, tags and KPI settings. The items are stored by column (every id, then every
   title, ...), because then each column becomes a list of named tuples in C with ``map(tuple.__new__, ...)``.
   The columns of few values (all but the ids and titles) are stored as their distinct values and a string of
   one character per item that codes its value: JSON would make a new object for each of 10,000 items (a weight,
   as a float, 160 ns), which share one tuple of tags, one target instead. It halves the parsing of the summary.
3. The items' details (requirement, guidance, evidence hints, refs, note), one JSON array per item, with their
   byte offsets in the second line. An item's details are decoded when its page shows them (:class:`DetailStore`).

The audit file keeps the first two lines in one row and the details apart (:func:`split`), so that opening reads
only the summary: a 10,000-item checklist parses about 1.4 MB of JSON and reads none of its 4 MB of details, which
are read (and checked against their CRC) when first needed; parsing its YAML would take several seconds. Anything
damaged or of another format reads as "no model", and the audit then falls back to its embedded YAML.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from itertools import chain, islice, repeat
from typing import Any, Protocol

from app.core.checklist import (
    Checklist,
    Item,
    ItemDetails,
    Ref,
    Scale,
    ScaleOption,
    Section,
    Source,
    StoredDetails,
    TagDef,
    Target,
    Text,
    gc_paused,
)

CACHE_FORMAT = 5
_HEAD = 18  # b"%08x %08x\n": the CRC-32 of the summary line, then of the details
SUMMARY_FIELDS = tuple(name for name in Item._fields if name != "details")  # stored by column in the first part
CODED_FIELDS = frozenset(SUMMARY_FIELDS) - {"id", "title"}  # stored as distinct values and a code per item

_new = tuple.__new__

DAMAGED_DETAILS = ItemDetails(Text("（此条目的存储文本已损坏：请用原始检查表重新创建审核）",
                                   "(The stored text of this item is damaged: recreate the audit from its checklist)"))


_EMPTY_ENTRY: list[Any] = [["", ""], ["", ""], [], [], ["", ""]]  # a details entry, all empty


def _t(text: Text) -> list[str]:
    return [text.zh, text.en]


def _text(data: list[str]) -> Text:
    if len(data) != 2 or type(data[0]) is not str or type(data[1]) is not str:
        raise ValueError("a text is not a [zh, en] pair of strings")
    return _new(Text, data)


# -- writing --------------------------------------------------------------------------------------------------------


def _column(name: str, items: list[Item]) -> list[Any]:
    values = [getattr(item, name) for item in items]
    if name == "title":
        return [_t(value) for value in values]
    if name in CODED_FIELDS:
        return _coded(values)
    return values


def _coded(values: list[Any]) -> list[Any]:
    """``[distinct values, codes]``, the codes a string of one character per value (see :func:`_code`)."""
    codes: dict[tuple[type, Any], str] = {}  # by type too: 1 and 1.0 and True are equal keys
    column = "".join([codes.setdefault((type(value), value), _code(len(codes))) for value in values])
    return [[_stored(value) for _kind, value in codes], column]


def _code(index: int) -> str:
    """The character that codes the ``index``-th distinct value: from "0" on, past the surrogates (which UTF-8
    cannot hold). An 8 MiB checklist has far fewer than the million values there are characters for."""
    point = index + 48
    return chr(point if point < 0xD800 else point + 0x800)


def _stored(value: Any) -> Any:
    if isinstance(value, Target):
        return [value.min, value.max]
    if isinstance(value, tuple):  # tags
        return list(value)
    return value


def _details_entry(item: Item) -> list[Any]:
    """``[requirement, guidance, evidence, refs, note]``, without the trailing empty ones."""
    entry: list[Any] = [_t(item.requirement), _t(item.guidance), [_t(hint) for hint in item.evidence],
                        [list(ref) for ref in item.refs], _t(item.note)]
    while entry and entry[-1] == _EMPTY_ENTRY[len(entry) - 1]:
        entry.pop()
    return entry


def _details_part(items: list[Item]) -> tuple[bytes, list[int]]:
    """The JSON array of every item's details, and where each one starts (plus the end of the array)."""
    entries = [json.dumps(_details_entry(item), ensure_ascii=False, separators=(",", ":")).encode()
               for item in items]
    starts, position = [], 1
    for entry in entries:
        starts.append(position)
        position += len(entry) + 1
    starts.append(max(position, 2))
    return b"[" + b",".join(entries) + b"]", starts


def dumps(checklist: Checklist) -> bytes:
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
    details, starts = _details_part(items)
    summary = {
        "cache": CACHE_FORMAT,
        "head": [checklist.id, checklist.version, checklist.level, _t(checklist.title), checklist.lang,
                 checklist.format, _t(checklist.description), checklist.pass_threshold, checklist.sha256],
        "sources": [[s.id, _t(s.title), s.url, _t(s.note)] for s in checklist.sources],
        "scales": {name: [[o.code, _t(o.label), o.score] for o in scale.options]
                   for name, scale in checklist.scales.items()},
        "tags": [[t.id, _t(t.label)] for t in checklist.tags],
        "top": len(checklist.sections),
        "sections": sections,
        "items": {name: _column(name, items) for name in SUMMARY_FIELDS},
        "details": starts,
    }
    # Compact JSON has no line breaks (they are escaped inside strings), so a line break ends the summary.
    line = json.dumps(summary, ensure_ascii=False, separators=(",", ":")).encode()
    return b"%08x %08x\n" % (zlib.crc32(line), zlib.crc32(details)) + line + b"\n" + details


def split(model: bytes) -> tuple[bytes, bytes]:
    """A model of :func:`dumps` as the audit file stores it: the CRCs and the summary, and the details apart."""
    end = model.index(b"\n", _HEAD)
    return model[:end], model[end + 1:]


class DetailReader(Protocol):
    """Where a model's details are stored. Each raises ValueError when they cannot be read."""

    @property
    def length(self) -> int: ...

    def read(self, begin: int, end: int) -> bytes: ...

    def read_all(self) -> bytes: ...

    def rebuilt(self) -> bytes:
        """The details made anew from the checklist's source, when the stored ones fail their CRC."""
        ...

    def repair(self, data: bytes) -> None:
        """Store ``data``, details made anew that passed the CRC, over the damaged ones."""
        ...


class InMemory:
    """Details at hand, as :func:`loads` finds them after the summary."""

    def __init__(self, data: bytes) -> None:
        self._data = data

    @property
    def length(self) -> int:
        return len(self._data)

    def read(self, begin: int, end: int) -> bytes:
        return self._data[begin:end]

    def read_all(self) -> bytes:
        return self._data

    def rebuilt(self) -> bytes:
        raise ValueError("no source to make the details anew from")

    def repair(self, data: bytes) -> None:
        pass  # in memory, the details passed their check in loads(): there is nothing to repair


# -- reading --------------------------------------------------------------------------------------------------------


def loads(data: bytes | str | None) -> Checklist | None:
    """The checklist of a whole model (:func:`dumps`), or None when it is of another format or damaged."""
    if not isinstance(data, bytes):  # a text model is of an older format
        return None
    end = data.find(b"\n", _HEAD)
    crcs = _crcs(data)
    if end < 0 or crcs is None or crcs[1] != zlib.crc32(memoryview(data)[end + 1:]):
        return None
    return loads_stored(data[:end], InMemory(data[end + 1:]))


def _crcs(head: bytes) -> tuple[int, int] | None:
    """The CRC-32 of the summary and of the details, from the first line; None when it is not such a line."""
    if head[8:9] != b" " or head[17:18] != b"\n":
        return None
    try:
        return int(head[:8], 16), int(head[9:17], 16)
    except ValueError:
        return None


def loads_stored(head: bytes | str | None, details: DetailReader) -> Checklist | None:
    """The checklist of a model stored as :func:`split` parts it, its details read from ``details`` when needed
    (checked when read all together); None when the model is of another format or damaged (then the YAML is
    parsed)."""
    if not isinstance(head, bytes):  # a text model is of an older format
        return None
    try:
        with gc_paused():
            return _loads(head, details)
    except (ValueError, KeyError, IndexError, TypeError, AttributeError, RecursionError):
        return None


def _loads(data: bytes, details: DetailReader) -> Checklist | None:
    crcs = _crcs(data)
    if crcs is None or crcs[0] != zlib.crc32(memoryview(data)[_HEAD:]):
        return None
    summary = json.loads(data[_HEAD:])
    if not isinstance(summary, dict) or summary.get("cache") != CACHE_FORMAT:
        return None
    head = summary["head"]
    store = _detail_store(details, crcs[1], summary["details"], len(summary["items"]["id"]))
    items = _load_items(summary["items"], store)
    sections = _load_sections(summary["sections"], summary["top"], items)
    scales = {name: Scale(name, tuple(ScaleOption(o[0], _text(o[1]), o[2]) for o in options))
              for name, options in summary["scales"].items()}
    return Checklist(
        id=head[0], version=head[1], level=head[2], title=_text(head[3]), lang=head[4], format=head[5],
        description=_text(head[6]), pass_threshold=head[7], sha256=head[8],
        sources=tuple(Source(s[0], _text(s[1]), s[2], _text(s[3])) for s in summary["sources"]),
        scales=scales, tags=tuple(TagDef(t[0], _text(t[1])) for t in summary["tags"]),
        sections=sections, items=items,
    )


def _detail_store(details: DetailReader, crc: int, starts: list[Any], count: int) -> DetailStore:
    if len(starts) != count + 1 or set(map(type, starts)) != {int} or starts[0] < 1 \
            or starts[-1] > details.length or starts != sorted(set(starts)):  # strictly increasing, found in C
        raise ValueError("the item details are not where the index says")
    return DetailStore(details, crc, starts)


def _load_items(columns: dict[str, list[Any]], store: DetailStore) -> list[Item]:
    """Every item in tree order, built column by column in C; their details stay in ``store`` until read."""
    count = len(columns["id"])
    if any(len(columns[name]) != count for name in ("id", "title")) \
            or any(len(columns[name]) != 2 or len(columns[name][1]) != count for name in CODED_FIELDS):
        raise ValueError("the item columns differ in length")
    built: dict[str, list[Any]] = {"id": columns["id"], "title": _tuples(Text, columns["title"])}
    for name in CODED_FIELDS:
        built[name] = _decoded(name, columns[name])
    built["details"] = list(map(_new, repeat(StoredDetails), zip(repeat(store), range(count))))
    return list(map(_new, repeat(Item), zip(*(built[name] for name in Item._fields), strict=True)))


def _decoded(name: str, column: list[Any]) -> list[Any]:
    """A column stored by :func:`_coded`, each value built once and shared by the items that have it."""
    stored, codes = column
    if type(stored) is not list or type(codes) is not str:
        raise ValueError(f"the items' {name} are not stored as values and codes")
    if name == "tags":
        values = [tuple(value) if type(value) is list else _refused(name) for value in stored]
    elif name == "target":
        values = [_pair(Target, value) if value is not None else None for value in stored]
    else:
        values = stored
    by_code = dict(zip(map(_code, range(len(values))), values, strict=True))
    return list(map(by_code.__getitem__, codes))  # KeyError for a character that codes no value: damaged


def _refused(name: str) -> Any:
    raise ValueError(f"an item's {name} is not a list")


def _tuples(kind: type[tuple[Any, ...]], pairs: list[list[Any]]) -> list[Any]:
    """``pairs`` as named tuples of two fields (Text, Ref), refusing any other length."""
    built = list(map(_new, repeat(kind), pairs))
    if set(map(len, built)) - {2} or set(map(type, chain.from_iterable(built))) - {str}:
        raise ValueError(f"a {kind.__name__} is not a pair of strings")
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


class DetailStore:
    """The items' details as stored: each read and decoded when first needed, or all at once (for the search).

    All at once, they are checked against their CRC first; a damaged store reads as :data:`DAMAGED_DETAILS` for
    every item. One entry read alone is not checked (that would read them all), but one that cannot be decoded
    reads as :data:`DAMAGED_DETAILS`, which says so on the item's page instead of failing there, as does an entry
    of a model forged with matching CRCs.
    """

    __slots__ = ("_crc", "_data", "_decoded", "_reader", "_starts")

    def __init__(self, reader: DetailReader, crc: int, starts: list[int]) -> None:
        self._reader = reader
        self._crc = crc
        self._starts = starts
        self._data: bytes | None = None  # every entry's bytes, once read
        self._decoded: list[ItemDetails | None] = [None] * (len(starts) - 1)

    def details(self, position: int) -> ItemDetails:
        found = self._decoded[position]
        if found is None:
            begin, end = self._starts[position], self._starts[position + 1] - 1
            try:
                raw = self._data[begin:end] if self._data is not None else self._reader.read(begin, end)
            except ValueError:
                raw = b""
            found = self._decoded[position] = _decode_entry(raw)
        return found

    def load(self, *, rebuild: bool = True) -> None:
        """Read every entry's bytes and check them against their CRC, so that the store no longer needs its reader.

        Should they fail it, they are made anew (``rebuild``) and, when those pass it, stored again; what was
        decoded from the damaged bytes is decoded again, or else every entry reads as damaged. Without ``rebuild``
        (the file is closing) a failure leaves the store as it is.
        """
        if self._data is not None or all(self._decoded):
            return
        data = _checked(self._reader.read_all, self._crc)
        if data is None and rebuild:
            data = _checked(self._reader.rebuilt, self._crc)
            if data is not None:
                self._reader.repair(data)
            # what was decoded one by one came from bytes that failed the check: decoded again, or said damaged
            self._decoded = [None if data is not None else DAMAGED_DETAILS] * len(self._decoded)
        if data is not None:
            self._data = data
        elif rebuild:
            self._data = b""

    def decode_all(self) -> None:
        """Decode every entry in one pass, column by column as the summary is: about ten times quicker than one
        by one. Should any entry be unreadable, each is decoded on its own, so that only that one reads as
        damaged."""
        if all(self._decoded):  # ItemDetails, a non-empty tuple, is always true
            return
        self.load()
        if all(self._decoded):
            return
        data = self._data or b""
        with gc_paused():
            try:
                decoded = _decode_columns(json.loads(data), len(self._decoded))
            except (ValueError, TypeError, RecursionError):
                decoded = [self.details(position) for position in range(len(self._decoded))]
        self._decoded = [known if known is not None else new for known, new in zip(self._decoded, decoded,
                                                                                      strict=True)]
        self._data = b""  # every entry is decoded now: the stored bytes are no longer needed


def _checked(read: Callable[[], bytes], crc: int) -> bytes | None:
    try:
        data = read()
    except ValueError:
        return None
    return data if isinstance(data, bytes) and zlib.crc32(data) == crc else None


def _decode_columns(entries: Any, count: int) -> list[ItemDetails]:
    if not isinstance(entries, list) or len(entries) != count:
        raise ValueError("the details are not one entry per item")
    if set(map(type, entries)) - {list} or max(map(len, entries), default=0) > len(_EMPTY_ENTRY):
        raise ValueError("a details entry is not a list of at most five parts")
    rows = [entry + _EMPTY_ENTRY[len(entry):] for entry in entries]
    requirement, guidance, evidence, refs, note = zip(*rows, strict=True) if rows else ((),) * 5
    columns = (
        _tuples(Text, list(requirement)),
        _tuples(Text, list(guidance)),
        _nested(Text, evidence),
        _nested(Ref, refs),
        _tuples(Text, list(note)),
    )
    return list(map(_new, repeat(ItemDetails), zip(*columns, strict=True)))


def _nested(kind: type[tuple[Any, ...]], lists: tuple[list[Any], ...]) -> list[tuple[Any, ...]]:
    """Each list of pairs as a tuple of ``kind``, all pairs built in one pass."""
    pairs = iter(_tuples(kind, list(chain.from_iterable(lists))))
    return [tuple(islice(pairs, n)) if n else () for n in map(len, lists)]


def _decode_entry(raw: bytes) -> ItemDetails:
    try:
        return _decode_columns([json.loads(raw)], 1)[0]
    except (ValueError, TypeError, RecursionError):
        return DAMAGED_DETAILS
