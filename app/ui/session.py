"""The open audit as the GUI sees it: every edit goes through here, onto the undo stack, and out as signals.

Widgets never call :class:`Audit` edit methods directly; they call ``session.edit(audit.set_choice, ref, "full")``
so that undo/redo, the "saved" indicator and the refresh of every view stay in one place.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.audit import Audit, AuditError, Change, Edit, ItemRef
from app.core.profile import ProfileError
from app.core.store import AuditFileError
from app.ui.messages import error_text

SLOW_DRAFT_MS = 12  # a keystroke's draft took longer than this to write: the disk is slow
DRAFT_WAIT_MS = 250  # then drafts are written at most this often


class AuditSession(QObject):
    itemChanged = Signal(object)  # ItemRef whose answer, note, evidence or findings changed  # noqa: N815
    profileChanged = Signal()  # noqa: N815
    undoStateChanged = Signal()  # noqa: N815
    saved = Signal(str)  # time of the last committed edit
    failed = Signal(str)  # a refused edit: the message for the user

    def __init__(self, audit: Audit, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.audit = audit
        self._undo: list[Edit] = []
        self._redo: list[Edit] = []
        self._merge_key: object = None
        self._waiting_drafts: dict[tuple[ItemRef, str], str] = {}  # typed while a slow disk wrote the last draft
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_WAIT_MS)
        self._draft_timer.timeout.connect(self._write_waiting_drafts)

    def edit(self, action: Callable[..., Edit], *args: Any) -> Edit | None:
        """Run one core edit; on success push it for undo and announce what changed. Refusals emit ``failed``."""
        return self.edit_merging(None, action, *args)

    def edit_merging(self, key: object, action: Callable[..., Edit], *args: Any) -> Edit | None:
        """Like :meth:`edit`, but consecutive edits with the same ``key`` (not None) make one undo step.

        Used for text typed into one field (a note saved as you type): undo takes the whole burst back at once.
        Any other edit, an undo or a redo, or :meth:`end_merge` starts a new step.
        """
        self._write_waiting_drafts()  # before the edit: an edit of their field then drops them with its own draft
        try:
            done = action(*args)
        except (AuditError, AuditFileError, ProfileError) as error:
            self.failed.emit(error_text(error))
            return None
        if done:
            if key is not None and key == self._merge_key and self._undo:
                merged = merge_edits(self._undo.pop(), done)
                if merged:
                    self._undo.append(merged)
                # typing back to where the burst started leaves nothing to undo and ends the burst
                self._merge_key = key if merged else None
            else:
                self._undo.append(done)
                self._merge_key = key
            self._redo.clear()
            self._announce(done)
        return done

    def save_draft(self, ref: ItemRef, field: str, text: str) -> None:
        """Keep typing at every keystroke (see :meth:`Audit.save_draft`). A draft that cannot be written is let go
        quietly: the edit that saves the typing (a pause, Enter) says why, once, instead of at every keystroke.

        On a disk whose writes are slow (a USB stick, where each draft waits for its fsync), typing must not wait
        for the disk: after a write slower than SLOW_DRAFT_MS, the drafts of the next DRAFT_WAIT_MS are kept here
        and written together, the last of each field. A crash then loses at most that much typing.
        """
        if self._draft_timer.isActive():
            self._waiting_drafts[ref, field] = text
        else:
            self._write_draft(ref, field, text)

    def discard_draft(self, ref: ItemRef, field: str) -> None:
        """Drop a draft whose typing was taken back; as :meth:`save_draft`, quietly when it cannot be written."""
        self._waiting_drafts.pop((ref, field), None)
        with contextlib.suppress(AuditError, AuditFileError):
            self.audit.discard_draft(ref, field)

    def _write_draft(self, ref: ItemRef, field: str, text: str) -> None:
        started = time.perf_counter()
        with contextlib.suppress(AuditError, AuditFileError):
            self.audit.save_draft(ref, field, text)
        if (time.perf_counter() - started) * 1000 > SLOW_DRAFT_MS:
            self._draft_timer.start()

    def write_waiting_drafts(self) -> None:
        """Write the drafts kept while the disk was slow, now (before the audit closes)."""
        self._write_waiting_drafts()

    def _write_waiting_drafts(self) -> None:
        """Write the drafts kept while the disk was slow: when their timer ends, or before an edit, an undo or a
        redo, which must come after them (an edit of the same field drops its draft as it saves)."""
        self._draft_timer.stop()
        waiting, self._waiting_drafts = self._waiting_drafts, {}
        for (ref, field), text in waiting.items():
            self._write_draft(ref, field, text)

    def adopt_recovered(self, edit: Edit) -> None:
        """Make the typing that opening recovered after a crash (``Audit.recovered``) an undo step of its own."""
        self._merge_key = None
        self._undo.append(edit)
        self._redo.clear()
        self._announce(edit)

    def end_merge(self) -> None:
        """The next edit starts a new undo step even if it has the same merge key."""
        self._merge_key = None

    def adopt_history(self, other: AuditSession) -> None:
        """Take over the undo and redo stacks of ``other`` (a session on the same audit being replaced)."""
        self._undo, self._redo = list(other._undo), list(other._redo)
        self._merge_key = None

    def can_undo(self) -> bool:
        return bool(self._undo)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def next_undo(self) -> Edit | None:
        """The edit that Undo would take back."""
        return self._undo[-1] if self._undo else None

    def next_redo(self) -> Edit | None:
        return self._redo[-1] if self._redo else None

    def undo(self) -> Edit | None:
        return self._step(self._undo, self._redo, undo=True)

    def redo(self) -> Edit | None:
        return self._step(self._redo, self._undo, undo=False)

    def _step(self, source: list[Edit], target: list[Edit], *, undo: bool) -> Edit | None:
        self._merge_key = None
        self._write_waiting_drafts()
        if not source:
            return None
        edit = source.pop()
        try:
            self.audit.apply(edit.inverse() if undo else edit)
        except (AuditError, AuditFileError, ProfileError) as error:
            self.failed.emit(error_text(error))
            return None
        target.append(edit)
        self._announce(edit)
        return edit

    def ref_of(self, change: Change) -> ItemRef | None:
        """The item a change belongs to (None for profile changes)."""
        if change.entity == "answer":
            return ItemRef.parse(change.key)
        if change.entity == "profile":
            return None
        return self.audit.record_ref(change.entity, int(change.key))

    def _announce(self, edit: Edit) -> None:
        refs: dict[ItemRef, None] = {}
        profile = False
        for change in edit.changes:
            ref = self.ref_of(change)
            if ref is None:
                profile = True
            else:
                refs[ref] = None
        for ref in refs:
            self.itemChanged.emit(ref)
        if profile:
            self.profileChanged.emit()
        self.undoStateChanged.emit()
        self.saved.emit(_now())


def merge_edits(first: Edit, second: Edit) -> Edit:
    """One edit doing what ``first`` then ``second`` did; fields that end where they started drop out."""
    merged: dict[tuple[str, str, str], Change] = {}
    for change in (*first.changes, *second.changes):
        key = (change.entity, change.key, change.field)
        earlier = merged.get(key)
        merged[key] = change if earlier is None else Change(*key, earlier.old, change.new)
    return Edit(tuple(c for c in merged.values() if c.old != c.new))


def _now() -> str:
    import datetime as dt

    return dt.datetime.now().strftime("%H:%M:%S")
