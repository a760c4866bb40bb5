"""The checklists in checklists/: valid, bilingual, sourced, with the counts issue 3 asks for."""

from __future__ import annotations

from collections import Counter

import pytest

from app.core.checklist import Checklist, Item, Text
from app.core.checklist_yaml import load_checklist_file, validate_paths
from app.paths import CHECKLISTS, bundled_checklists

# 《智能制造典型场景参考指引（2025年版）》: 8 stages, 40 scenarios (names as in shared/research/standards.md §1.2).
GUIDE = {
    "工厂建设": ["工厂数字化规划设计", "数字基础设施建设", "数字孪生工厂构建"],
    "产品研发": ["产品数字化设计", "产品虚拟验证"],
    "工艺设计": ["工艺数字化设计", "制造工程优化"],
    "生产管理": ["生产计划优化", "车间智能排产", "生产进度跟踪", "生产动态调度", "仓储智能管理", "物料精准配送",
             "危险作业自动化", "安全一体化管控", "能源智能管控", "碳资产全生命周期管理", "污染在线管控",
             "网络协同制造"],
    "生产作业": ["柔性产线快速换产", "工艺动态优化", "先进过程控制", "人机协同作业", "在线智能检测", "质量精准追溯",
             "质量分析与改进", "设备运行监控", "设备故障诊断与预测", "设备维修维护"],
    "运营管理": ["智能经营决策", "数智精益管理", "规模化定制", "产品精准营销"],
    "产品服务": ["远程运维服务", "产品增值服务", "客户主动服务"],
    "供应链管理": ["供应链数字化管理", "采购计划优化协同", "供应链风险预警与调度", "供应链物流智能配送"],
}
MINIMUM_ITEMS = {"scenario": 150, "workshop": 60, "factory": 80, "supply_chain": 50}
MINIMUM_KPIS = {"scenario": 40, "workshop": 5, "factory": 5, "supply_chain": 5}


@pytest.fixture(scope="module")
def checklists() -> dict[str, Checklist]:
    loaded = [load_checklist_file(path).checklist for path in bundled_checklists()]
    return {c.level: c for c in loaded}


def item_texts(item: Item) -> list[Text]:
    return [item.title, item.requirement, item.guidance, item.note, *item.evidence]


def test_validate_reports_nothing() -> None:
    files, problems = validate_paths([CHECKLISTS])
    assert files == 4 and [str(p) for p in problems] == []


def test_one_checklist_per_level(checklists: dict[str, Checklist]) -> None:
    assert sorted(checklists) == sorted(MINIMUM_ITEMS)


@pytest.mark.parametrize("level", sorted(MINIMUM_ITEMS))
def test_counts(checklists: dict[str, Checklist], level: str) -> None:
    items = list(checklists[level].iter_items())
    kpis = [i for i in items if i.type == "number"]
    assert len(items) >= MINIMUM_ITEMS[level]
    assert len(kpis) >= MINIMUM_KPIS[level]
    assert all(k.baseline and k.unit for k in kpis), [k.id for k in kpis if not (k.baseline and k.unit)]
    assert any(i.critical for i in items)


@pytest.mark.parametrize("level", sorted(MINIMUM_ITEMS))
def test_every_text_in_both_languages(checklists: dict[str, Checklist], level: str) -> None:
    checklist = checklists[level]
    missing = [f"{item.id}" for item in checklist.iter_items() for t in item_texts(item) if t and not (t.zh and t.en)]
    missing += [s.id for s in checklist.iter_sections() if not (s.title.zh and s.title.en)]
    missing += [s.id for s in checklist.sources if not (s.title.zh and s.title.en)]
    assert checklist.title.zh and checklist.title.en
    assert missing == []


@pytest.mark.parametrize("level", sorted(MINIMUM_ITEMS))
def test_items_say_how_to_verify_and_what_to_see(checklists: dict[str, Checklist], level: str) -> None:
    lacking = [i.id for i in checklists[level].iter_items()
               if i.type != "number" and not (i.guidance and i.evidence)]
    assert lacking == []
    assert all(i.title and i.requirement for i in checklists[level].iter_items())


@pytest.mark.parametrize("level", sorted(MINIMUM_ITEMS))
def test_refs_and_tags_resolve(checklists: dict[str, Checklist], level: str) -> None:
    checklist = checklists[level]
    sources = {s.id for s in checklist.sources}
    tags = {t.id for t in checklist.tags}
    items = list(checklist.iter_items())
    assert {r.source for i in items for r in i.refs} <= sources
    assert {t for i in items for t in i.tags} <= tags
    assert [i.id for i in items if not i.refs] == []  # every item cites where it comes from
    assert sum(bool(i.tags) for i in items) < len(items) // 2  # tags select subsets, they are not the rule


def test_every_guide_scenario_is_a_section_with_its_exact_name(checklists: dict[str, Checklist]) -> None:
    scenario = checklists["scenario"]
    stages = scenario.sections
    assert [s.title.zh for s in stages] == list(GUIDE)
    for stage, names in zip(stages, GUIDE.values(), strict=True):
        assert [s.title.zh for s in stage.sections] == names
        for section in stage.sections:
            assert 4 <= len(section.items) <= 6, section.id
            assert any(i.type == "number" and i.baseline for i in section.items), section.id


def test_factory_tiers_and_supply_chain_industries_are_tags(checklists: dict[str, Checklist]) -> None:
    factory_tags = {t.id for t in checklists["factory"].tags}
    assert {"basic", "advanced", "excellent", "leading"} <= factory_tags
    industries = {"automotive", "construction_machinery", "rail_transit", "aerospace", "shipbuilding_offshore",
                  "power_equipment", "medical_equipment", "home_appliances", "integrated_circuits"}
    supply_chain = checklists["supply_chain"]
    assert industries <= {t.id for t in supply_chain.tags}
    used = {t for i in supply_chain.iter_items() for t in i.tags}
    assert industries <= used


def test_no_two_items_share_a_text(checklists: dict[str, Checklist]) -> None:
    seen: Counter[str] = Counter()
    for checklist in checklists.values():
        for item in checklist.iter_items():
            for text in (item.title, item.requirement):
                seen.update({text.zh.strip(), text.en.strip().lower()})
    assert [t for t, n in seen.items() if n > 1] == []


def test_item_ids_are_unique_across_the_four_files(checklists: dict[str, Checklist]) -> None:
    ids = Counter(i.id for c in checklists.values() for i in c.iter_items())
    assert [i for i, n in ids.items() if n > 1] == []
