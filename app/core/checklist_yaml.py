"""YAML -> :class:`Checklist`, collecting every problem with FILE:LINE:COLUMN.

Speed matters (a checklist is validated on every load): libyaml composes the node tree, and one walk over the
nodes both validates and builds the model. Marks come with the nodes, so locations cost nothing until an error.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from app.core.checklist import (
    BUILTIN_SCALES,
    DEFAULT_PASS,
    EMPTY_TEXT,
    ITEM_TYPES,
    LANGS,
    LEVELS,
    Checklist,
    Item,
    ItemDetails,
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
from app.core.problems import ChecklistError, Problem

__all__ = ["ChecklistError", "LoadedChecklist", "Problem", "load_checklist_file", "load_checklist_text",
           "validate_paths"]

MAX_BYTES = 8 * 1024 * 1024
SUPPORTED_MAJOR = 1
CHECKLIST_SUFFIXES = (".yaml", ".yml")

FILE_KEYS = ("format", "id", "version", "level", "lang", "title", "description", "sources", "scales", "scoring",
             "tags", "sections")
FILE_REQUIRED = ("format", "id", "version", "level", "title", "sections")
SOURCE_KEYS = ("id", "title", "url", "note")
OPTION_KEYS = ("code", "label", "score")
SCORING_KEYS = ("pass",)
TAG_KEYS = ("id", "label")
SECTION_KEYS = ("id", "title", "description", "note", "weight", "sections", "items")
ITEM_KEYS = ("id", "type", "scale", "title", "requirement", "guidance", "evidence", "refs", "weight", "critical",
             "tags", "note", "unit", "target", "baseline")
NUMBER_ONLY_KEYS = ("unit", "target", "baseline")
REF_KEYS = ("source", "clause")
TARGET_KEYS = ("min", "max")

_CHECKLIST_ID = re.compile(r"[a-z0-9][a-z0-9._-]*\Z")
_ENTRY_ID = re.compile(r"[^\s:]+\Z")
_FORMAT = re.compile(r"sfc/(\d+)\Z")
# A cheap pre-filter: anchors, aliases and tags only ever start a token after space or flow punctuation.
_SUSPECT_TOKEN = re.compile(r"(?:^|[\s\[\]{},])[&*!][^\s,\[\]{}]", re.MULTILINE)

_STR = "tag:yaml.org,2002:str"
_TYPE_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
}


@dataclass(frozen=True, slots=True)
class LoadedChecklist:
    checklist: Checklist
    text: str
    path: str


def load_checklist_file(path: str | Path) -> LoadedChecklist:
    """Read, decode and load one checklist file; raises :class:`ChecklistError`."""
    name = str(path)
    text = read_checklist_text(path)
    return LoadedChecklist(load_checklist_text(text, name), text, name)


def read_checklist_text(path: str | Path) -> str:
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ChecklistError([Problem(name, 1, 1, "no such file or folder")]) from None
    except OSError as error:
        raise ChecklistError([Problem(name, 1, 1, f"cannot read the file: {error.strerror or error}")]) from None
    if len(data) > MAX_BYTES:
        raise ChecklistError([Problem(name, 1, 1, f"the file is larger than {MAX_BYTES // (1024 * 1024)} MiB; "
                                                  "a checklist this large is refused")])
    return decode_checklist_bytes(data, name)


def decode_checklist_bytes(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        hint = "save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8)"
        try:
            data.decode("gb18030")
            message = f"the file is not UTF-8; it looks like GBK/GB18030, as some Windows editors save it: {hint}"
        except UnicodeDecodeError:
            message = f"the file is not UTF-8 (byte 0x{data[error.start]:02x} cannot start a character): {hint}"
        raise ChecklistError([Problem(name, line, column, message)]) from None


def load_checklist_text(text: str, name: str = "<text>", *, embedded: bool = False) -> Checklist:
    """Validate and build a checklist from YAML text; raises :class:`ChecklistError` with every problem.

    ``embedded=True`` reads a checklist kept in an audit file, which was valid when the audit was made: a rule added
    since must not make the audit unreadable (item tags undeclared by a checklist that declares no tags at all).
    """
    with gc_paused():
        root = _compose(text, name)
        builder = _Builder(name, embedded=embedded)
        checklist = builder.checklist(root, hashlib.sha256(text.encode("utf-8")).hexdigest())
    if builder.problems or checklist is None:
        raise ChecklistError(sorted(builder.problems, key=lambda p: (p.line, p.column)))
    return checklist


def validate_paths(paths: Iterable[str | Path]) -> tuple[int, list[Problem]]:
    """Validate files and folders (every *.yaml / *.yml below them); returns (files checked, problems)."""
    files = 0
    problems: list[Problem] = []
    for path in _checklist_files(paths, problems):
        files += 1
        try:
            load_checklist_file(path)
        except ChecklistError as error:
            problems.extend(error.problems)
    return files, problems


def _checklist_files(paths: Iterable[str | Path], problems: list[Problem]) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in CHECKLIST_SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(str(path), 1, 1, "no checklist files (*.yaml, *.yml) in this folder"))
            yield from found
        elif path.exists():
            yield path
        else:
            problems.append(Problem(str(path), 1, 1, "no such file or folder"))


def _compose(text: str, name: str) -> Node:
    if not text.strip():
        raise ChecklistError([Problem(name, 1, 1, "the file is empty; a checklist needs format, id, version, "
                                                  "level, title and sections")])
    if _SUSPECT_TOKEN.search(text):
        _refuse_anchors_and_tags(text, name)
    loader = yaml.CSafeLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise ChecklistError([_syntax_problem(error, name, text)]) from None
    except yaml.reader.ReaderError as error:  # a character YAML does not allow: said where it is
        raise ChecklistError([_reader_problem(error, name, text)]) from None
    except yaml.YAMLError as error:
        raise ChecklistError([Problem(name, 1, 1, f"YAML error: {error}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise ChecklistError([Problem(name, 1, 1, "the file holds no YAML document")])
    return node


def _refuse_anchors_and_tags(text: str, name: str) -> None:
    """Refuse anchors, aliases and explicit tags before any node is built (an alias bomb never expands)."""
    problems: list[Problem] = []
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            mark = event.start_mark
            anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
            if isinstance(event, yaml.AliasEvent):
                problems.append(_at(name, mark, f"alias '*{anchor}' is not allowed: write the value out"))
            elif anchor:
                problems.append(_at(name, mark, f"anchor '&{anchor}' is not allowed: checklists do not "
                                                "use anchors or aliases"))
            if tag:
                problems.append(_at(name, mark, f"tag '{tag}' is not allowed: only plain YAML values "
                                                "(text, numbers, true/false, lists, mappings)"))
    except yaml.MarkedYAMLError as error:
        problems.append(_syntax_problem(error, name, text))
    except yaml.reader.ReaderError as error:
        problems.append(_reader_problem(error, name, text))
    if problems:
        raise ChecklistError(problems)


def _syntax_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or "YAML syntax error"
    if "tab" in problem.lower() or _char_at(text, mark) == "\t":
        problem = "a tab character here: YAML indentation must use spaces"
    elif error.context:
        problem = f"{error.context}, {problem}"
    return _at(name, mark, f"YAML syntax error: {problem}")


def _reader_problem(error: yaml.reader.ReaderError, name: str, text: str) -> Problem:
    """A control character (or another one YAML refuses), at its line and column, on one line. libyaml counts the
    position in bytes of UTF-8."""
    before = text.encode("utf-8")[:error.position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = error.character if isinstance(error.character, int) else ord(str(error.character)[:1] or "\0")
    return Problem(name, line, column, f"character U+{code:04X} is not allowed in YAML (a control character); "
                                       "delete it")


def _char_at(text: str, mark: Any) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column] if mark.column < len(line) else ""


def _at(name: str, mark: Any, message: str) -> Problem:
    if mark is None:
        return Problem(name, 1, 1, message)
    return Problem(name, mark.line + 1, mark.column + 1, message)


class _Builder:
    """One walk over the node tree: validates every rule and builds the frozen model."""

    def __init__(self, name: str, *, embedded: bool = False) -> None:
        self.name = name
        self.embedded = embedded
        self.problems: list[Problem] = []
        self.lang = "zh"
        self.scales: dict[str, Scale] = dict(BUILTIN_SCALES)
        self.sources: set[str] = set()
        self.tag_ids: set[str] | None = set()  # declared in 'tags'; None: any (an embedded checklist without 'tags')
        self.seen_ids: dict[str, int] = {}
        self.constructor = SafeConstructor()

    # -- reporting ---------------------------------------------------------------------------------------------

    def error(self, node: Node, message: str) -> None:
        self.problems.append(_at(self.name, node.start_mark, message))

    def unknown_key(self, key_node: Node, key: str, allowed: tuple[str, ...], where: str) -> None:
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(allowed)}"
        self.error(key_node, f"unknown key '{key}' in {where}{hint}")

    # -- generic node readers ----------------------------------------------------------------------------------

    def mapping(self, node: Node, allowed: tuple[str, ...], where: str,
                required: tuple[str, ...] = ()) -> dict[str, tuple[Node, Node]] | None:
        if not isinstance(node, MappingNode):
            self.error(node, f"{where} must be a mapping (key: value lines), not {_describe(node)}")
            return None
        fields: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR:
                self.error(key_node, f"keys in {where} must be plain words, not {_describe(key_node)}")
                continue
            key = key_node.value
            if key in fields:
                first = fields[key][0].start_mark.line + 1
                self.error(key_node, f"duplicate key '{key}' in {where} (first given on line {first}); "
                                     "YAML would silently keep only the last one")
                continue
            if key not in allowed:
                self.unknown_key(key_node, key, allowed, where)
                continue
            fields[key] = (key_node, value_node)
        for key in required:
            if key not in fields:
                self.error(node, f"{where} is missing the required key '{key}'")
        return fields

    def sequence(self, node: Node, what: str) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.error(node, f"'{what}' must be a list (lines starting with '- '), not {_describe(node)}")
        return []

    def string(self, node: Node, what: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == _STR:
            return str(node.value)
        if isinstance(node, ScalarNode):
            self.error(node, f"'{what}' must be text, but YAML reads {node.value!r} as {_describe(node)}: "
                             f"put it in quotes, e.g. \"{node.value}\"")
        else:
            self.error(node, f"'{what}' must be text, not {_describe(node)}")
        return None

    def number(self, node: Node, what: str) -> float | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:int":
            return float(self.constructor.construct_yaml_int(node))
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:float":
            value = self.constructor.construct_yaml_float(node)
            if value == value and abs(value) != float("inf"):
                return float(value)
        self.error(node, f"'{what}' must be a number, not {_describe(node)}")
        return None

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return bool(self.constructor.construct_yaml_bool(node))
        self.error(node, f"'{what}' must be true or false, not {_describe(node)}")
        return None

    def entry_id(self, node: Node, what: str) -> str | None:
        value = self.string(node, f"{what} id")
        if value is None:
            return None
        if not _ENTRY_ID.match(value):
            self.error(node, f"{what} id '{value}' must not be empty or contain spaces or ':'")
            return None
        if value in self.seen_ids:
            self.error(node, f"duplicate id '{value}' (first used on line {self.seen_ids[value]}); section and "
                             "item ids must be unique within a checklist")
        else:
            self.seen_ids[value] = node.start_mark.line + 1
        return value

    def text(self, node: Node, what: str) -> Text:
        if isinstance(node, MappingNode):
            fields = self.mapping(node, LANGS, f"'{what}'")
            if fields is None:
                return EMPTY_TEXT
            values = {lang: self.string(value, f"{what}.{lang}") or "" for lang, (_, value) in fields.items()}
            if not any(v.strip() for v in values.values()):
                self.error(node, f"'{what}' needs a text in at least one language (zh or en)")
            return Text(values.get("zh", ""), values.get("en", ""))
        value = self.string(node, what)
        if value is None:
            return EMPTY_TEXT
        if not value.strip():
            self.error(node, f"'{what}' must not be empty")
        return Text(en=value) if self.lang == "en" else Text(zh=value)

    def positive(self, node: Node, what: str) -> float:
        value = self.number(node, what)
        if value is not None and value <= 0:
            self.error(node, f"'{what}' must be greater than 0, not {node.value}")
        return value if value is not None and value > 0 else 1.0

    # -- the file ----------------------------------------------------------------------------------------------

    def checklist(self, root: Node, sha256: str) -> Checklist | None:
        fields = self.mapping(root, FILE_KEYS, "the checklist", FILE_REQUIRED)
        if fields is None:
            return None
        get = _getter(fields)
        self.check_format(get("format"))
        checklist_id = self.checklist_id(get("id"))
        version = self.string(get("version"), "version") if get("version") else None
        level = self.level(get("level"))
        if (node := get("lang")) is not None:
            lang = self.string(node, "lang")
            if lang not in LANGS:
                self.error(node, f"'lang' must be one of {', '.join(LANGS)}")
            else:
                self.lang = lang
        title = self.text(get("title"), "title") if get("title") else EMPTY_TEXT
        description = self.text(node, "description") if (node := get("description")) else EMPTY_TEXT
        sources = self.source_list(get("sources")) if get("sources") else ()
        if (node := get("scales")) is not None:
            self.scale_map(node)
        pass_threshold = self.scoring(get("scoring")) if get("scoring") else DEFAULT_PASS
        if get("tags") is None and self.embedded:  # as audits made before the rule were checked
            self.tag_ids = None
        tags = self.tag_list(get("tags")) if get("tags") else ()
        sections = self.section_list(get("sections"), "sections") if get("sections") else ()
        if get("sections") is not None and not sections and not self.problems:
            self.error(get("sections"), "'sections' must hold at least one section")
        if self.problems or checklist_id is None or version is None or level is None:
            return None
        return Checklist(id=checklist_id, version=version, level=level, title=title, sections=sections,
                         lang=self.lang, description=description, sources=sources, scales=self.scales,
                         pass_threshold=pass_threshold, tags=tags, sha256=sha256)

    def check_format(self, node: Node | None) -> None:
        if node is None:
            return
        value = self.string(node, "format")
        if value is None:
            return
        match = _FORMAT.match(value)
        if not match:
            self.error(node, f"'format' must be 'sfc/1', not '{value}'")
        elif int(match.group(1)) != SUPPORTED_MAJOR:
            self.error(node, f"format '{value}' is a newer major version than this program reads (sfc/1); "
                             "use a newer version of the audit desk")

    def checklist_id(self, node: Node | None) -> str | None:
        value = self.string(node, "id") if node is not None else None
        if node is not None and value is not None and not _CHECKLIST_ID.match(value):
            self.error(node, f"checklist id '{value}' must be lower-case letters, digits, '.', '_' or '-', "
                             "starting with a letter or digit")
            return None
        return value

    def level(self, node: Node | None) -> str | None:
        value = self.string(node, "level") if node is not None else None
        if node is None or value is None:
            return None
        if value not in LEVELS:
            close = difflib.get_close_matches(value, LEVELS, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.error(node, f"level '{value}' is not one of {', '.join(LEVELS)}{hint}")
            return None
        return value

    def source_list(self, node: Node) -> tuple[Source, ...]:
        sources: list[Source] = []
        for entry in self.sequence(node, "sources"):
            fields = self.mapping(entry, SOURCE_KEYS, "a source", ("id", "title"))
            if not fields:
                continue
            get = _getter(fields)
            source_id = self.string(get("id"), "source id") if get("id") else None
            if source_id and source_id in self.sources:
                self.error(get("id"), f"duplicate source id '{source_id}'")
            if source_id:
                self.sources.add(source_id)
            title = self.text(get("title"), "source title") if get("title") else EMPTY_TEXT
            url = (self.string(node, "url") or "") if (node := get("url")) else ""
            note = self.text(node, "note") if (node := get("note")) else EMPTY_TEXT
            if source_id:
                sources.append(Source(source_id, title, url, note))
        return tuple(sources)

    def scale_map(self, node: Node) -> None:
        if not isinstance(node, MappingNode):
            self.error(node, f"'scales' must be a mapping of scale names to lists of options, not {_describe(node)}")
            return
        for key_node, value_node in node.value:
            name = self.string(key_node, "scale name")
            if name is None:
                continue
            options: list[ScaleOption] = []
            codes: set[str] = set()
            for entry in self.sequence(value_node, f"scales.{name}"):
                option = self.scale_option(entry, name, codes)
                if option:
                    options.append(option)
            if not options:
                self.error(value_node, f"scale '{name}' needs at least one option")
            self.scales[name] = Scale(name, tuple(options))

    def scale_option(self, node: Node, scale: str, codes: set[str]) -> ScaleOption | None:
        fields = self.mapping(node, OPTION_KEYS, f"an option of scale '{scale}'", OPTION_KEYS)
        if not fields or len(fields) < len(OPTION_KEYS):
            return None
        get = _getter(fields)
        code = self.string(get("code"), "code")
        if code is not None and (not _ENTRY_ID.match(code) or code.lower() in ("na", "n/a")):
            self.error(get("code"), f"option code '{code}' must be one word without ':' and not N/A "
                                    "(N/A is always available)")
        elif code in codes:
            self.error(get("code"), f"duplicate option code '{code}' in scale '{scale}'")
        score = self.number(get("score"), "score")
        if score is not None and not 0 <= score <= 1:
            self.error(get("score"), f"score must be between 0 and 1, not {get('score').value}")
        label = self.text(get("label"), "label")
        if code is None or score is None:
            return None
        codes.add(code)
        return ScaleOption(code, label, score)

    def scoring(self, node: Node) -> float:
        fields = self.mapping(node, SCORING_KEYS, "'scoring'")
        if not fields or "pass" not in fields:
            return DEFAULT_PASS
        value_node = fields["pass"][1]
        value = self.number(value_node, "pass")
        if value is None:
            return DEFAULT_PASS
        if not 0 <= value <= 1:
            self.error(value_node, f"'pass' must be between 0 and 1, not {value_node.value}")
        return value

    def tag_list(self, node: Node) -> tuple[TagDef, ...]:
        tags: list[TagDef] = []
        self.tag_ids = set()
        for entry in self.sequence(node, "tags"):
            id_node: Node = entry
            if isinstance(entry, ScalarNode):
                tag_id, label = self.string(entry, "tag"), EMPTY_TEXT
            else:
                fields = self.mapping(entry, TAG_KEYS, "a tag", ("id",))
                if not fields or "id" not in fields:
                    continue
                id_node = fields["id"][1]
                tag_id = self.string(id_node, "tag id")
                label = self.text(fields["label"][1], "tag label") if "label" in fields else EMPTY_TEXT
            if tag_id is None:
                continue
            if not _ENTRY_ID.match(tag_id):
                self.error(id_node, f"tag '{tag_id}' must be one word without ':'")
            elif tag_id in self.tag_ids:
                self.error(id_node, f"duplicate tag '{tag_id}'")
            self.tag_ids.add(tag_id)
            tags.append(TagDef(tag_id, label or Text(tag_id, tag_id)))
        return tuple(tags)

    # -- sections and items ------------------------------------------------------------------------------------

    def section_list(self, node: Node, what: str) -> tuple[Section, ...]:
        result = []
        for entry in self.sequence(node, what):
            section = self.section(entry)
            if section is not None:
                result.append(section)
        return tuple(result)

    def section(self, node: Node) -> Section | None:
        fields = self.mapping(node, SECTION_KEYS, "a section", ("id", "title"))
        if fields is None:
            return None
        get = _getter(fields)
        section_id = self.entry_id(get("id"), "section") if get("id") else None
        title = self.text(get("title"), "title") if get("title") else EMPTY_TEXT
        description = self.text(n, "description") if (n := get("description")) else EMPTY_TEXT
        note = self.text(n, "note") if (n := get("note")) else EMPTY_TEXT
        weight = self.positive(n, "weight") if (n := get("weight")) else 1.0
        sections = self.section_list(n, "sections") if (n := get("sections")) else ()
        items = self.item_list(n) if (n := get("items")) else ()
        if not sections and not items and "sections" not in fields and "items" not in fields:
            self.error(node, f"section '{section_id}' has neither 'items' nor 'sections'")
        if section_id is None:
            return None
        return Section(section_id, title, description, note, weight, sections, items)

    def item_list(self, node: Node) -> tuple[Item, ...]:
        items = []
        for entry in self.sequence(node, "items"):
            item = self.item(entry)
            if item is not None:
                items.append(item)
        return tuple(items)

    def item(self, node: Node) -> Item | None:
        fields = self.mapping(node, ITEM_KEYS, "an item", ("id", "title", "requirement"))
        if fields is None:
            return None
        get = _getter(fields)
        item_id = self.entry_id(get("id"), "item") if get("id") else None
        item_type = self.item_type(get("type"))
        scale = self.item_scale(get("scale"), item_type)
        for key in NUMBER_ONLY_KEYS:
            if key in fields and item_type != "number":
                self.error(fields[key][0], f"'{key}' is only for items of type number, not {item_type}")
        title = self.text(get("title"), "title") if get("title") else EMPTY_TEXT
        requirement = self.text(get("requirement"), "requirement") if get("requirement") else EMPTY_TEXT
        guidance = self.text(n, "guidance") if (n := get("guidance")) else EMPTY_TEXT
        evidence = tuple(self.text(e, "evidence") for e in self.sequence(n, "evidence")) if (n := get("evidence")) \
            else ()
        refs = self.ref_list(n) if (n := get("refs")) else ()
        weight = self.positive(n, "weight") if (n := get("weight")) else 1.0
        critical = bool(self.boolean(n, "critical")) if (n := get("critical")) else False
        tags = self.item_tags(n) if (n := get("tags")) else ()
        note = self.text(n, "note") if (n := get("note")) else EMPTY_TEXT
        unit = (self.string(n, "unit") or "") if (n := get("unit")) and item_type == "number" else ""
        target = self.target(n) if (n := get("target")) and item_type == "number" else None
        baseline = bool(self.boolean(n, "baseline")) if (n := get("baseline")) and item_type == "number" else False
        if item_id is None:
            return None
        details = ItemDetails(requirement, guidance, evidence, refs, note)
        return Item(item_id, title, item_type, scale, weight, critical, tags, unit, target, baseline,  # type: ignore[arg-type]
                    details)

    def item_type(self, node: Node | None) -> str:
        if node is None:
            return "scale"
        value = self.string(node, "type")
        if value is None:
            return "scale"
        if value not in ITEM_TYPES:
            close = difflib.get_close_matches(value, ITEM_TYPES, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.error(node, f"item type '{value}' is not one of {', '.join(ITEM_TYPES)}{hint}")
            return "scale"
        return value

    def item_scale(self, node: Node | None, item_type: str) -> str:
        if node is None:
            return "yes_no" if item_type == "yes_no" else "conformity"
        value = self.string(node, "scale")
        if value is None:
            return "conformity"
        if item_type != "scale":
            self.error(node, f"'scale' is only for items of type scale, not {item_type}")
        elif value not in self.scales:
            close = difflib.get_close_matches(value, list(self.scales), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            self.error(node, f"scale '{value}' is not declared in 'scales' and not built in "
                             f"({', '.join(sorted(self.scales))}){hint}")
        return value

    def ref_list(self, node: Node) -> tuple[Ref, ...]:
        refs = []
        for entry in self.sequence(node, "refs"):
            fields = self.mapping(entry, REF_KEYS, "a ref", ("source",))
            if not fields or "source" not in fields:
                continue
            source_node = fields["source"][1]
            source = self.string(source_node, "source")
            clause = (self.string(fields["clause"][1], "clause") or "") if "clause" in fields else ""
            if source is not None and source not in self.sources:
                close = difflib.get_close_matches(source, list(self.sources), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.error(source_node, f"source '{source}' is not declared in 'sources'{hint}")
            elif source is not None:
                refs.append(Ref(source, clause))
        return tuple(refs)

    def item_tags(self, node: Node) -> tuple[str, ...]:
        tags = []
        for entry in self.sequence(node, "tags"):
            tag = self.string(entry, "tag")
            if tag is None:
                continue
            if self.tag_ids is not None and tag not in self.tag_ids:
                close = difflib.get_close_matches(tag, sorted(self.tag_ids), n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                self.error(entry, f"tag '{tag}' is not declared in the checklist's 'tags'{hint}")
            tags.append(tag)
        return tuple(tags)

    def target(self, node: Node) -> Target | None:
        fields = self.mapping(node, TARGET_KEYS, "'target'")
        if fields is None:
            return None
        if not fields:
            self.error(node, "'target' needs 'min', 'max' or both")
            return None
        low = self.number(fields["min"][1], "min") if "min" in fields else None
        high = self.number(fields["max"][1], "max") if "max" in fields else None
        if low is not None and high is not None and low > high:
            self.error(node, f"target min {low:g} is greater than max {high:g}")
        return Target(low, high)


def _getter(fields: dict[str, tuple[Node, Node]]) -> Any:
    def get(key: str) -> Node | None:
        pair = fields.get(key)
        return pair[1] if pair else None
    return get


def _describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _STR:
        return f"the text {node.value!r}"
    return _TYPE_NAMES.get(node.tag, f"a value of type {node.tag}")
