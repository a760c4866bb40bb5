"""Generate a large, valid checklist for benchmarks: ``python bench/generate.py ITEMS OUT.yaml``."""

from __future__ import annotations

import sys
from pathlib import Path


def generate_checklist(items: int, per_section: int = 50) -> str:
    lines = [
        "format: sfc/1",
        "id: bench-large",
        'version: "1.0"',
        "level: factory",
        "title: {zh: 基准测试清单, en: Benchmark checklist}",
        "sources:",
        "  - {id: gbt39116, title: {zh: GB/T 39116-2020 智能制造能力成熟度模型, en: GB/T 39116-2020}}",
        "tags:",
        "  - {id: discrete, label: {zh: 离散, en: Discrete}}",
        "  - {id: process, label: {zh: 流程, en: Process}}",
        "sections:",
    ]
    for number in range(items):
        if number % per_section == 0:
            section = number // per_section + 1
            lines += [
                f"  - id: S{section}",
                f"    title: {{zh: 第{section}部分 设备联网与数据采集, en: Part {section} equipment networking}}",
                "    weight: 2",
                "    items:",
            ]
        kind = number % 10
        lines += [
            f"      - id: S{number // per_section + 1}.{number}",
            f"        title: {{zh: 检查项{number} 关键设备实时采集, en: Item {number} real-time acquisition}}",
            f"        requirement: {{zh: 第{number}项 关键工序设备实时采集主轴转速、负载和报警信号并上传至MES,"
            f" en: Item {number} key machines stream spindle speed + load + alarms to the MES}}",
            f"        guidance: {{zh: 在MES中随机选3台设备查看近24小时的采集曲线{number},"
            f" en: Open the MES and sample three machines {number}}}",
            "        evidence:",
            "          - {zh: 设备联网清单, en: List of networked equipment}",
            "          - {zh: MES采集曲线截图, en: MES acquisition charts}",
            "        refs: [{source: gbt39116, clause: \"5.2\"}]",
        ]
        if kind == 0:
            lines += ["        type: number", '        unit: "%"', "        target: {min: 80}",
                      "        baseline: true"]
        elif kind == 1:
            lines += ["        type: yes_no", "        critical: true"]
        elif kind == 2:
            lines += ["        tags: [process]", "        weight: 2"]
    return "\n".join(lines) + "\n"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("bench/out/large.yaml")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(generate_checklist(count), encoding="utf-8")
    print(f"wrote {out} ({count} items, {out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
