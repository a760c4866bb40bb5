"""Small checklists and audits for tests, written on the fly."""

from __future__ import annotations

from pathlib import Path

from app.core.audit import Audit, ItemRef
from app.core.checklist_yaml import LoadedChecklist, load_checklist_file
from app.core.profile import Profile

SMALL_CHECKLIST = """\
format: sfc/1
id: small
version: "1.0"
level: workshop
title: {zh: 小清单, en: Small checklist}
sources:
  - {id: gbt37393, title: {zh: GB/T 37393-2019 数字化车间 通用技术要求, en: GB/T 37393-2019}}
scales:
  five:
    - {code: a, label: {zh: 优, en: Excellent}, score: 1}
    - {code: b, label: {zh: 良, en: Good}, score: 0.75}
    - {code: c, label: {zh: 中, en: Fair}, score: 0.5}
    - {code: d, label: {zh: 差, en: Poor}, score: 0}
scoring: {pass: 0.8}
tags:
  - {id: discrete, label: {zh: 离散型, en: Discrete}}
  - {id: process, label: {zh: 流程型, en: Process}}
sections:
  - id: S1
    title: {zh: 设备联网, en: Networking}
    weight: 2
    items:
      - id: I1
        title: {zh: 关键设备联网, en: Key machines networked}
        requirement: {zh: 关键设备联网并实时采集, en: Key machines are networked}
        guidance: {zh: 查看MES, en: Open the MES}
        evidence: [{zh: 设备清单, en: Equipment list}]
        refs: [{source: gbt37393, clause: "5.2"}]
        critical: true
      - id: I2
        type: yes_no
        title: {zh: 有联网清单, en: A list of networked machines exists}
        requirement: {zh: 有清单, en: There is a list}
      - id: I3
        type: number
        title: {zh: 联网率, en: Networked share}
        requirement: {zh: 联网设备数/关键设备数, en: Networked / key machines}
        unit: "%"
        target: {min: 80}
        baseline: true
  - id: S2
    title: {zh: 生产管理, en: Production management}
    sections:
      - id: S2.1
        title: {zh: 排产, en: Scheduling}
        items:
          - {id: I4, scale: five, title: {zh: 排产, en: Scheduling}, requirement: {zh: 有APS, en: APS in use}}
          - {id: I5, type: text, title: {zh: 说明, en: Remarks}, requirement: {zh: 描述, en: Describe}}
          - {id: I6, tags: [process], title: {zh: 先进过程控制, en: APC}, requirement: {zh: APC, en: APC}}
          - {id: I7, tags: [discrete], title: {zh: 柔性换产, en: Changeover}, requirement: {zh: 换产, en: Fast}}
"""


def write_checklist(folder: Path, text: str = SMALL_CHECKLIST, name: str = "small.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def small_checklist(folder: Path) -> LoadedChecklist:
    return load_checklist_file(write_checklist(folder))


def make_audit(folder: Path, *, tags: tuple[str, ...] = (), name: str = "audit.sfaudit") -> Audit:
    return Audit.create(folder / name, [small_checklist(folder)], Profile(name="测试工厂", tags=tags))


def audit_with_a_broken_photo_chain(tmp_path: Path) -> Path:
    """An audit whose one photo has a broken overflow-page pointer: opening it reads nothing of the photo."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    with make_audit(tmp_path) as audit:
        audit.add_evidence(ItemRef("small", "I1"), "photo.jpg", b"\xab" * 200_000)
    path = tmp_path / "audit.sfaudit"
    data = bytearray(path.read_bytes())
    page = 4096
    middle = [offset for offset in range(page, len(data), page)
              if data[offset + 4: offset + page] == b"\xab" * (page - 4)]
    data[middle[len(middle) // 2]: middle[len(middle) // 2] + 4] = b"\xff\xff\xff\xf0"
    path.write_bytes(bytes(data))
    return path


LAST_EDIT = "INSERT INTO answer (checklist_id, item_id, choice, updated_at) VALUES ('small', 'I2', 'yes', 'now')"


def with_a_write_ahead_log(path: Path, last_edit: str = LAST_EDIT) -> Path:
    """A copy of the file at ``path`` whose last edit (by default: small/I2 answered yes) is still in its write-ahead
    log, as a killed program leaves it; the copy is returned."""
    import shutil
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute(last_edit)
    copy = path.with_name(f"left-{path.name}")
    shutil.copyfile(path, copy)
    shutil.copyfile(f"{path}-wal", f"{copy}-wal")
    conn.close()
    return copy


def audit_with_unreadable_schema(tmp_path: Path) -> Path:
    """An audit whose own table records hold bytes that are no UTF-8: SQLite's message names them, and Python cannot
    read the message."""
    import sqlite3

    make_audit(tmp_path).close()
    path = tmp_path / "audit.sfaudit"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema=ON")
    conn.execute("UPDATE sqlite_master SET name = CAST(X'70726FFFFE' AS TEXT), "
                 "sql = CAST(X'435245415445205441424C4520FFFE28' AS TEXT) WHERE name = 'profile'")
    conn.commit()
    conn.close()
    return path
