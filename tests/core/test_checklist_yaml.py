from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from app.core.checklist_yaml import (
    MAX_BYTES,
    ChecklistError,
    load_checklist_file,
    load_checklist_text,
    validate_paths,
)
from tests.helpers import SMALL_CHECKLIST, write_checklist

BROKEN = Path(__file__).parent / "broken"
EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+)$", re.MULTILINE)


def problems_of(text: str) -> list[str]:
    with pytest.raises(ChecklistError) as caught:
        load_checklist_text(text, "f.yaml")
    return [str(p) for p in caught.value.problems]


def test_small_checklist_builds_the_whole_model() -> None:
    checklist = load_checklist_text(SMALL_CHECKLIST, "small.yaml")
    assert checklist.id == "small" and checklist.level == "workshop" and checklist.pass_threshold == 0.8
    assert [i.id for i in checklist.iter_items()] == ["I1", "I2", "I3", "I4", "I5", "I6", "I7"]
    first = checklist.item("I1")
    assert first is not None and first.critical and first.refs[0].clause == "5.2"
    assert first.title.get("en") == "Key machines networked" and first.title.get("zh") == "关键设备联网"
    kpi = checklist.item("I3")
    assert kpi is not None and kpi.type == "number" and kpi.unit == "%" and kpi.baseline
    assert kpi.target is not None and kpi.target.met_by(80) and not kpi.target.met_by(79.9)
    assert checklist.scale_of(checklist.item("I4")).codes == ("a", "b", "c", "d")  # type: ignore[arg-type]
    assert checklist.scale_of(checklist.item("I2")).codes == ("yes", "no")  # type: ignore[arg-type]
    assert checklist.sections[1].sections[0].id == "S2.1"
    assert [t.id for t in checklist.tags] == ["discrete", "process"]
    assert len(checklist.sha256) == 64


def test_plain_strings_take_the_file_language() -> None:
    text = SMALL_CHECKLIST.replace("level: workshop", "level: workshop\nlang: en")
    text = text.replace("{id: I5, type: text, title: {zh: 说明, en: Remarks}", "{id: I5, type: text, title: Remarks")
    item = load_checklist_text(text).item("I5")
    assert item is not None and item.title.en == "Remarks" and item.title.zh == ""
    assert item.title.get("zh") == "Remarks"  # falls back to the other language


@pytest.mark.parametrize("path", sorted(BROKEN.glob("*.yaml")), ids=lambda p: p.stem)
def test_broken_checklists_name_the_exact_place(path: Path) -> None:
    expected = EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} declares no '# expect:' line"
    with pytest.raises(ChecklistError) as caught:
        load_checklist_file(path)
    got = [(p.line, p.column, p.message) for p in caught.value.problems]
    for line, column, message in expected:
        assert any(g[:2] == (int(line), int(column)) and message in g[2] for g in got), (
            f"expected {line}:{column}: {message}\n got: {got}")
    assert all(str(p).startswith(f"{path}:{p.line}:{p.column}: ") for p in caught.value.problems)


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = SMALL_CHECKLIST.replace("level: workshop", "level: shop").replace("weight: 2", "weight: 0")
    text = text.replace("critical: true", "critical: true\n        colour: red")
    messages = problems_of(text)
    assert len(messages) == 3
    assert any("level 'shop'" in m for m in messages)
    assert any("'weight' must be greater than 0" in m for m in messages)
    assert any("unknown key 'colour'" in m for m in messages)


def test_alias_bomb_is_refused_before_it_expands() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    assert len(bomb) < 1000
    started = time.process_time()
    messages = problems_of(bomb)
    assert any("anchor '&a' is not allowed" in m for m in messages)
    assert any("alias '*a' is not allowed" in m for m in messages)
    assert time.process_time() - started < 5  # generous: an expanded bomb would never finish


def test_text_like_r_and_d_is_not_mistaken_for_an_anchor() -> None:
    text = SMALL_CHECKLIST.replace("en: Open the MES", "en: 'R&D, *starred* and done!'")
    item = load_checklist_text(text).item("I1")
    assert item is not None and item.guidance.en == "R&D, *starred* and done!"


def test_gbk_file_gets_a_message_about_the_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.yaml"
    path.write_bytes(SMALL_CHECKLIST.encode("gbk"))
    with pytest.raises(ChecklistError) as caught:
        load_checklist_file(path)
    problem = caught.value.problems[0]
    assert "not UTF-8" in problem.message and "GBK" in problem.message and "save it as UTF-8" in problem.message
    assert problem.line == 5  # the first Chinese text is in the title on line 5


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL_CHECKLIST.encode("utf-8"))
    assert load_checklist_file(path).checklist.id == "small"


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"])
def test_empty_file(text: str) -> None:
    assert "empty" in problems_of(text)[0] or "no YAML document" in problems_of(text)[0]


def test_oversized_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(ChecklistError) as caught:
        load_checklist_file(path)
    assert "larger than 8 MiB" in caught.value.problems[0].message


def test_top_level_must_be_a_mapping() -> None:
    assert "the checklist must be a mapping" in problems_of("- a\n- b\n")[0]


def test_undeclared_tag_and_text_language_are_reported() -> None:
    text = SMALL_CHECKLIST.replace("tags: [process]", "tags: [proces]").replace("en: Open the MES", "fr: MES")
    messages = problems_of(text)
    assert any("tag 'proces' is not declared" in m and "did you mean 'process'" in m for m in messages)
    assert any("unknown key 'fr'" in m for m in messages)


def test_an_item_tag_is_undeclared_also_when_the_checklist_declares_no_tags() -> None:
    start = SMALL_CHECKLIST.index("tags:\n")
    end = SMALL_CHECKLIST.index("sections:")
    text = SMALL_CHECKLIST[:start] + SMALL_CHECKLIST[end:]  # no 'tags' at all, the items keep theirs
    assert any("tag 'discrete' is not declared in the checklist's 'tags'" in m for m in problems_of(text))


def test_scale_keys_on_wrong_item_types() -> None:
    text = SMALL_CHECKLIST.replace("type: yes_no", "type: yes_no\n        scale: five")
    assert any("'scale' is only for items of type scale" in m for m in problems_of(text))


def test_validate_paths_walks_folders(tmp_path: Path) -> None:
    write_checklist(tmp_path, name="good.yaml")
    write_checklist(tmp_path, SMALL_CHECKLIST.replace("id: small", "id: Bad Id"), name="bad.yaml")
    files, problems = validate_paths([tmp_path, tmp_path / "missing.yaml"])
    assert files == 2
    assert any("bad.yaml:2:5: checklist id 'Bad Id'" in str(p) for p in problems)
    assert any("no such file or folder" in str(p) for p in problems)


@pytest.mark.parametrize("character", ["\x7f", "\x01", "\x00"])
def test_a_control_character_is_named_at_its_line_and_column(character: str) -> None:
    text = SMALL_CHECKLIST.replace("title: {zh: 小清单", f"title: {{zh: 小{character}清单", 1)
    line = text[:text.index(character)].count("\n") + 1
    column = text.index(character) - text.rfind("\n", 0, text.index(character))
    with pytest.raises(ChecklistError) as refused:
        load_checklist_text(text, "c.yaml")
    [problem] = refused.value.problems
    assert (problem.line, problem.column) == (line, column) and line > 1
    assert str(problem).endswith(f"character U+{ord(character):04X} is not allowed in YAML (a control character); "
                                 "delete it") and "\n" not in str(problem)


def test_a_control_character_in_a_file_with_an_asterisk_is_a_problem_not_a_traceback() -> None:
    text = SMALL_CHECKLIST.replace("title: {zh: 小清单", "title: {zh: 小\x07清单", 1) + "# a *list and &things\n"
    with pytest.raises(ChecklistError) as refused:
        load_checklist_text(text, "c.yaml")
    assert "U+0007 is not allowed" in str(refused.value.problems[0])
