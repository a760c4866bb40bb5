"""The checklist model: immutable values built by :mod:`app.core.checklist_yaml` (or read back from an audit's
stored model by :mod:`app.core.checklist_cache`).

The values are named tuples rather than dataclasses: a 10,000-item checklist holds about 100,000 of them, and a
tuple can be built in C (``tuple.__new__``), which is what makes opening a large audit quick; defining a named tuple
also costs a tenth of a dataclass at start-up.
"""

import contextlib
import gc
import math
from collections.abc import Iterator
from operator import attrgetter
from typing import Literal, NamedTuple, Protocol


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a checklist's tens of thousands of objects are built.

    None of them form cycles, but each allocation counts toward a collection that walks them all again: building
    a 10,000-item checklist takes 40 % less time without those passes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


LEVELS: tuple[str, ...] = ("scenario", "workshop", "factory", "supply_chain")
ITEM_TYPES: tuple[str, ...] = ("scale", "yes_no", "number", "text")
LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_PASS = 0.8

ItemType = Literal["scale", "yes_no", "number", "text"]


class Text(NamedTuple):
    """A text in Chinese and/or English; ``get`` falls back to the other language."""

    zh: str = ""
    en: str = ""

    def get(self, lang: str = "zh") -> str:
        first, second = (self.en, self.zh) if lang == "en" else (self.zh, self.en)
        return first or second

    def __bool__(self) -> bool:  # a tuple of two strings would always be true
        return bool(self.zh or self.en)

    def all_text(self) -> str:
        return f"{self.zh}\n{self.en}"


EMPTY_TEXT = Text()


class ScaleOption(NamedTuple):
    code: str
    label: Text
    score: float


class Scale(NamedTuple):
    name: str
    options: tuple[ScaleOption, ...]

    def option(self, code: str) -> ScaleOption | None:
        for option in self.options:
            if option.code == code:
                return option
        return None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(option.code for option in self.options)


BUILTIN_SCALES: dict[str, Scale] = {
    "conformity": Scale(
        "conformity",
        (
            ScaleOption("full", Text("全部满足", "Fully met"), 1.0),
            ScaleOption("mostly", Text("大部分满足", "Largely met"), 0.8),
            ScaleOption("partly", Text("部分满足", "Partly met"), 0.5),
            ScaleOption("none", Text("不满足", "Not met"), 0.0),
        ),
    ),
    "yes_no": Scale(
        "yes_no",
        (
            ScaleOption("yes", Text("是", "Yes"), 1.0),
            ScaleOption("no", Text("否", "No"), 0.0),
        ),
    ),
}


class Source(NamedTuple):
    id: str
    title: Text
    url: str = ""
    note: Text = EMPTY_TEXT


class Ref(NamedTuple):
    source: str
    clause: str = ""


class TagDef(NamedTuple):
    id: str
    label: Text


class Target(NamedTuple):
    min: float | None = None
    max: float | None = None

    def met_by(self, value: float) -> bool:
        if self.min is not None and value < self.min:
            return False
        return not (self.max is not None and value > self.max)

    def describe(self) -> str:
        if self.min is not None and self.max is not None:
            return f"{_num(self.min)} – {_num(self.max)}"
        if self.min is not None:
            return f"≥ {_num(self.min)}"
        if self.max is not None:
            return f"≤ {_num(self.max)}"
        return ""


def _num(value: float) -> str:
    return format_number(value)


def format_number(value: float, *, signed: bool = False) -> str:
    """``value`` in plain decimal notation, as typed: 1234567 and 0.000001, never 1.23457e+06 or 1e-06 (which
    reads as a different number and cannot be typed back into a number field). Fifteen significant digits: all a
    typed number has, and no float noise in a difference (0.3 - 0.1 shows as 0.2)."""
    if not math.isfinite(value):
        return str(value)
    plain = _without_exponent(f"{value:.15g}")
    if "." in plain:
        plain = plain.rstrip("0").rstrip(".")
    if plain == "-0":
        plain = "0"
    return f"+{plain}" if signed and not plain.startswith("-") else plain


def _without_exponent(number: str) -> str:
    """``1.5e-06`` as ``0.0000015``, ``1.2e+20`` as ``120000000000000000000``; a plain number as it is."""
    mantissa, _, exponent = number.partition("e")
    if not exponent:
        return number
    sign, mantissa = ("-", mantissa[1:]) if mantissa.startswith("-") else ("", mantissa)
    whole, _, fraction = mantissa.partition(".")
    digits, point = whole + fraction, len(whole) + int(exponent)
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


class ItemDetails(NamedTuple):
    """The long texts of an item: only its own page, the search and the reports read them."""

    requirement: Text = EMPTY_TEXT
    guidance: Text = EMPTY_TEXT
    evidence: tuple[Text, ...] = ()
    refs: tuple[Ref, ...] = ()
    note: Text = EMPTY_TEXT

    # Equal by content to the same details still in a stored model (StoredDetails).
    def __eq__(self, other: object) -> bool:
        return tuple.__eq__(self, other.resolve() if isinstance(other, StoredDetails) else other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return tuple.__hash__(self)


EMPTY_DETAILS = ItemDetails()


class DetailSource(Protocol):
    def details(self, position: int) -> ItemDetails: ...

    def decode_all(self) -> None: ...

    def load(self, *, rebuild: bool = True) -> None: ...


class StoredDetails(NamedTuple):
    """An item's details still in the audit file's stored model, decoded when first read.

    Opening a large audit then reads only what the tree and the scores need (see :mod:`app.core.checklist_cache`).
    """

    source: DetailSource
    position: int

    def resolve(self) -> ItemDetails:
        return self.source.details(self.position)

    @property
    def requirement(self) -> Text:
        return self.resolve().requirement

    @property
    def guidance(self) -> Text:
        return self.resolve().guidance

    @property
    def evidence(self) -> tuple[Text, ...]:
        return self.resolve().evidence

    @property
    def refs(self) -> tuple[Ref, ...]:
        return self.resolve().refs

    @property
    def note(self) -> Text:
        return self.resolve().note

    def __eq__(self, other: object) -> bool:
        return self.resolve() == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self.resolve())


class Item(NamedTuple):
    id: str
    title: Text
    type: ItemType = "scale"
    scale: str = "conformity"
    weight: float = 1.0
    critical: bool = False
    tags: tuple[str, ...] = ()
    unit: str = ""
    target: Target | None = None
    baseline: bool = False
    details: ItemDetails | StoredDetails = EMPTY_DETAILS

    @property
    def requirement(self) -> Text:
        return self.details.requirement

    @property
    def guidance(self) -> Text:
        return self.details.guidance

    @property
    def evidence(self) -> tuple[Text, ...]:
        """The evidence an auditor should ask for (hints, not the audit's evidence records)."""
        return self.details.evidence

    @property
    def refs(self) -> tuple[Ref, ...]:
        return self.details.refs

    @property
    def note(self) -> Text:
        return self.details.note

    @property
    def scored(self) -> bool:
        """Whether an answer to this item can carry a score at all."""
        if self.type == "text":
            return False
        return not (self.type == "number" and self.target is None)

    @property
    def scale_name(self) -> str:
        """The answer scale a scale or yes/no item is answered on."""
        return "yes_no" if self.type == "yes_no" else self.scale

    def applies_to(self, selected_tags: frozenset[str]) -> bool:
        return not selected_tags or not self.tags or not selected_tags.isdisjoint(self.tags)


class Section(NamedTuple):
    id: str
    title: Text
    description: Text = EMPTY_TEXT
    note: Text = EMPTY_TEXT
    weight: float = 1.0
    sections: "tuple[Section, ...]" = ()
    items: tuple[Item, ...] = ()

    def iter_items(self) -> Iterator[Item]:
        yield from self.items
        for section in self.sections:
            yield from section.iter_items()

    def iter_sections(self) -> "Iterator[Section]":
        for section in self.sections:
            yield section
            yield from section.iter_sections()


_TYPE_AND_SCALE = attrgetter("type", "scale")


class Checklist:
    """One validated checklist file, with an index of its items by id. Read-only by convention."""

    __slots__ = ("_index", "description", "format", "id", "lang", "level", "pass_threshold", "scales", "sections",
                 "sha256", "sources", "tags", "title", "version")

    def __init__(self, *, id: str, version: str, level: str, title: Text,
                 sections: tuple[Section, ...], lang: str = "zh", format: str = "sfc/1",
                 description: Text = EMPTY_TEXT, sources: tuple[Source, ...] = (),
                 scales: dict[str, Scale] | None = None, pass_threshold: float = DEFAULT_PASS,
                 tags: tuple[TagDef, ...] = (), sha256: str = "", items: list[Item] | None = None) -> None:
        """``items``, when given, must be every item in tree order (it saves walking the tree again)."""
        self.id = id
        self.version = version
        self.level = level
        self.title = title
        self.sections = sections
        self.lang = lang
        self.format = format
        self.description = description
        self.sources = sources
        self.scales: dict[str, Scale] = scales if scales is not None else {}
        self.pass_threshold = pass_threshold
        self.tags = tags
        self.sha256 = sha256
        self._index: dict[str, Item] = {item.id: item for item in (self.iter_items() if items is None else items)}

    def _key(self) -> tuple[object, ...]:
        return (self.id, self.version, self.level, self.title, self.sections, self.lang, self.format,
                self.description, self.sources, self.scales, self.pass_threshold, self.tags, self.sha256)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Checklist) and self._key() == other._key()

    __hash__ = None  # type: ignore[assignment]  # it holds dicts, so it cannot be a dict key

    def __repr__(self) -> str:
        return f"Checklist(id={self.id!r}, version={self.version!r}, items={len(self._index)})"

    def iter_items(self) -> Iterator[Item]:
        for section in self.sections:
            yield from section.iter_items()

    def iter_sections(self) -> Iterator[Section]:
        for section in self.sections:
            yield section
            yield from section.iter_sections()

    def scales_in_use(self) -> set[str]:
        """The names of the answer scales that the checklist's scale and yes/no items are answered on."""
        kinds = set(map(_TYPE_AND_SCALE, self._index.values()))  # a few distinct pairs, found at C speed
        return {"yes_no" if kind == "yes_no" else scale for kind, scale in kinds if kind in ("scale", "yes_no")}

    def load_details(self) -> None:
        """Decode the details of every item still in a stored model, in one pass: before reading them all."""
        for source in self._detail_sources():
            source.decode_all()

    def keep_details(self) -> None:
        """Read the details still in a stored model into memory, undecoded: before the audit file closes. Details
        that fail their check are left unread (they would be made anew from the YAML, seconds on a large checklist,
        when the audit closes, perhaps for that very damage)."""
        for source in self._detail_sources():
            source.load(rebuild=False)

    def _detail_sources(self) -> list[DetailSource]:
        return list({id(details.source): details.source for item in self._index.values()
                     if isinstance(details := item.details, StoredDetails)}.values())

    def item(self, item_id: str) -> Item | None:
        return self._index.get(item_id)

    def scale_of(self, item: Item) -> Scale:
        """The answer scale of a scale or yes/no item."""
        name = item.scale_name
        return self.scales.get(name) or BUILTIN_SCALES[name]

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def item_count(self) -> int:
        return len(self._index)
