"""The records of an audit: answers, evidence, findings, actions, and the changes an edit makes.

Named tuples, in a module without ``from __future__ import annotations``: with string annotations every field of a
named tuple is compiled again when the class is made, which costs start-up time for nothing.
"""

import datetime as dt
from typing import Any, NamedTuple

from app.core.checklist import Item


class ItemRef(NamedTuple):
    """An item of one of the audit's checklists. A tuple: hashed and compared in C, it is a cheap dict key."""

    checklist_id: str
    item_id: str

    def __str__(self) -> str:
        return f"{self.checklist_id}:{self.item_id}"

    @classmethod
    def parse(cls, key: str) -> "ItemRef":
        checklist_id, _, item_id = key.partition(":")
        return cls(checklist_id, item_id)


class Answer(NamedTuple):
    choice: str | None = None
    value: float | None = None
    baseline: float | None = None
    text: str | None = None
    na_reason: str | None = None
    note: str | None = None

    @property
    def is_na(self) -> bool:
        return bool(self.na_reason)

    def is_answered(self, item: Item) -> bool:
        if self.is_na:
            return True
        if item.type in ("scale", "yes_no"):
            return self.choice is not None
        if item.type == "number":
            return self.value is not None
        return bool(self.text and self.text.strip())


NO_ANSWER = Answer()


class Evidence(NamedTuple):
    id: int
    ref: ItemRef
    filename: str
    media_type: str
    sha256: str
    size: int
    caption: str
    added_at: str  # ISO 8601 in UTC, as every time in the file: see local_time()


class Finding(NamedTuple):
    id: int
    ref: ItemRef
    severity: str
    description: str
    created_at: str


class Action(NamedTuple):
    id: int
    finding_id: int
    description: str
    owner: str
    due: str
    status: str


# how messages name the field of a draft ("the current value of S1.0")
DRAFT_FIELD_NAMES = {"note": "note", "text": "text answer", "value": "current value", "baseline": "baseline",
                     "na_reason": "N/A reason", "finding": "new finding"}


class Draft(NamedTuple):
    """Text typed into a field (a note, a text answer) and kept at every keystroke, but not yet saved as an edit."""

    ref: ItemRef
    field: str
    text: str
    at: str
    author: str | None  # None in a file of version 4, which did not record it


class Change(NamedTuple):
    """One field of one record, from ``old`` to ``new``. ``entity`` is answer, profile, evidence, finding, action."""

    entity: str
    key: str
    field: str
    old: Any
    new: Any

    def inverse(self) -> "Change":
        return Change(self.entity, self.key, self.field, self.new, self.old)


class Edit(NamedTuple):
    """What one user action changed; empty when nothing changed."""

    changes: tuple[Change, ...] = ()
    created_id: int | None = None

    def inverse(self) -> "Edit":
        return Edit(tuple(c.inverse() for c in reversed(self.changes)))

    def __bool__(self) -> bool:
        return bool(self.changes)


class LogEntry(NamedTuple):
    seq: int
    at: str
    author: str
    entity: str
    key: str
    field: str
    old: Any
    new: Any


def local_time(stamp: str) -> str:
    """A stored time (ISO 8601, UTC) as the auditor's clock reads it: ``2026-11-29 14:55``. A time without a zone
    is taken as UTC too; text that is no time at all is shown as it is."""
    try:
        moment = dt.datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone().strftime("%Y-%m-%d %H:%M")
    except (ValueError, OverflowError, OSError):  # not a time, or one the local clock cannot show (year 1)
        return stamp
