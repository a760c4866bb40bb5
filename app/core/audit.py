"""An audit of one factory: answers, evidence, findings and actions over the audit file.

Every edit is one transaction that also appends to the change log, and returns an :class:`Edit` holding the
previous values, so that ``audit.apply(edit.inverse())`` undoes it and ``audit.apply(edit)`` redoes it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
import weakref
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core import checklist_cache, store
from app.core.checklist import Checklist, Item
from app.core.numbers import not_a_number, parse_number
from app.core.profile import Profile, ProfileError, validate_dates
from app.core.records import DRAFT_FIELD_NAMES
from app.core.records import NO_ANSWER as NO_ANSWER  # the records are part of this module's interface
from app.core.records import Action as Action
from app.core.records import Answer as Answer
from app.core.records import Change as Change
from app.core.records import Draft as Draft
from app.core.records import Edit as Edit
from app.core.records import Evidence as Evidence
from app.core.records import Finding as Finding
from app.core.records import ItemRef as ItemRef
from app.core.records import LogEntry as LogEntry

if TYPE_CHECKING:
    from app.core.checklist_yaml import LoadedChecklist

SEVERITIES = ("major", "minor", "observation")
ACTION_STATUSES = ("open", "in_progress", "done", "verified")
MAX_EVIDENCE_BYTES = 64 * 1024 * 1024
MAX_TEXT = 100_000

ANSWER_FIELDS = ("choice", "value", "baseline", "text", "na_reason", "note")
NUMBER_FIELDS = ("value", "baseline")  # a KPI's, typed as text (a draft) and saved as a number
EVIDENCE_FIELDS = ("caption", "removed")
FINDING_FIELDS = ("severity", "description", "removed")
ACTION_FIELDS = ("description", "owner", "due", "status", "removed")
_TABLE_FIELDS = {"evidence": EVIDENCE_FIELDS, "finding": FINDING_FIELDS, "action": ACTION_FIELDS}


class AuditError(ValueError):
    """An edit or a lookup was refused; the message says why. Nothing was changed.

    ``template`` and ``params`` keep the message's parts, so that the GUI can say it in the interface language;
    ``str()`` is the English message, as the CLI prints it.
    """

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template.format(**params) if params else template)
        self.template = template
        self.params = params


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def default_author() -> str:
    """The computer's login name: who made an edit, when the auditor has not said."""
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError):
        return "auditor"


# Served by the covering index evidence_listing: the photos themselves are not read (see app/core/store.py).
EVIDENCE_LISTING = ("SELECT id, checklist_id, item_id, filename, media_type, sha256, size, caption, added_at "
                    "FROM evidence WHERE removed = 0 ORDER BY id")


class _State:
    __slots__ = ("actions", "answers", "drafts", "evidence", "findings")

    def __init__(self) -> None:
        self.answers: dict[ItemRef, Answer] = {}
        self.drafts: dict[tuple[ItemRef, str], Draft] = {}
        self.evidence: dict[int, Evidence] = {}
        self.findings: dict[int, Finding] = {}
        self.actions: dict[int, Action] = {}


class Audit:
    """An open audit file. Use :meth:`create` or :meth:`open`, and :meth:`close` (or ``with``) when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: store.FileLock | None, author: str | None) -> None:
        self.path = path
        self._conn = conn
        self._lock = lock  # None: opened to be read only (:meth:`open_for_reading`)
        self._reading: store.ReadLock | None = None  # then: held until closed
        self.author = author or default_author()
        self.checklists: list[Checklist] = []
        self.profile = Profile(name="?")
        self._state = _State()
        self._closed = False
        self._integrity: store.IntegrityCheck | None = None
        self._found_damaged = False  # by the integrity check: then closing leaves the file as it was found
        self.recovered = Edit()  # what opening saved of the typing a crash had kept from being saved
        self.recovered_drafts: list[Draft] = []  # the drafts it came from, to say what it was
        self.dropped_numbers: list[Draft] = []  # typing a crash left that was no number ("12,"): not saved
        self.actions_without_description: list[Draft] = []  # a new action's dialog held only its owner, due date…

    # -- opening and closing -----------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | Path, checklists: Sequence[LoadedChecklist], profile: Profile,
               author: str | None = None) -> Audit:
        if not checklists:
            raise AuditError("an audit needs at least one checklist")
        ids = [c.checklist.id for c in checklists]
        if len(set(ids)) != len(ids):
            raise AuditError(f"checklist '{next(i for i in ids if ids.count(i) > 1)}' is given twice")
        validate_dates(profile)
        path = Path(path)
        conn, lock = store.create_database(path)
        audit = cls(path, conn, lock, author)
        try:
            with store.transaction(conn):
                conn.execute("INSERT INTO meta VALUES ('created_at', ?), ('created_by', ?)", (_now(), audit.author))
                for position, loaded in enumerate(checklists):
                    c = loaded.checklist
                    conn.execute("INSERT INTO checklist VALUES (?, ?, ?, ?, ?, NULL)",
                                 (c.id, position, c.version, c.sha256, loaded.text))
                    _write_model(conn, c.id, c)
                for key, value in profile.as_dict().items():
                    conn.execute("INSERT INTO profile VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False)))
            audit._load()
        except BaseException:
            store.close_database(conn, lock)
            store._remove_database_files(path)
            raise
        return audit

    @classmethod
    def open(cls, path: str | Path, author: str | None = None, *, check_later: bool = False,
             recover: bool = True) -> Audit:
        """Open an audit file. ``check_later=True`` checks the file's integrity in a thread while it loads (the
        window opens sooner); then :meth:`verify` tells the result, and no edit is written before it is known.
        Typing that a crash kept from being saved is saved now (:attr:`recovered`), unless ``recover=False``: a
        look at the file that is not the auditor's opening leaves it for that opening, which tells of it."""
        path = Path(path)
        conn, lock = store.open_database(path, check=not check_later, migrate=False)
        audit = cls(path, conn, lock, author)
        stale = audit._load_or_close(check=check_later)
        try:  # only now: a file found damaged above is left exactly as it was (an older one was checked at once)
            store.upgrade(conn, path)
            audit._store_models(stale)
            if recover:
                audit._recover_drafts()
        except BaseException:
            audit._close_now(fold=False)
            raise
        return audit

    @classmethod
    def open_for_reading(cls, path: str | Path) -> Audit:
        """Open an audit file to read it only (``show``): also one that is read-only, or open in the app (its saved
        edits are seen). Nothing is written, not even the typing a crash left, which stays for the app's opening;
        an edit is refused (:class:`store.ReadOnlyAuditError`)."""
        path = Path(path)
        conn, reading = store.open_database_for_reading(path)
        audit = cls(path, conn, None, None)
        audit._reading = reading
        audit._load_or_close(snapshot=True)  # one snapshot: the app may save edits between two of the reads
        return audit

    def _load_or_close(self, *, check: bool = False, snapshot: bool = False) -> list[tuple[str, Checklist]]:
        """:meth:`_load` (``check``: while the file's integrity is checked in a thread); a file that cannot be read
        is closed as it was found, and said damaged."""
        try:
            if check:
                self._integrity = store.IntegrityCheck(self.path)
            if snapshot:
                self._conn.execute("BEGIN")
            stale = self._load()
            if snapshot:
                self._conn.execute("COMMIT")
        except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
            self._close_now(fold=False)
            raise store.DamagedAuditError(f"{self.path} is damaged ({store.damage_described(error)}); it was not "
                                          "changed") from None
        except BaseException:
            self._close_now(fold=False)
            raise
        return stale

    @property
    def open_elsewhere(self) -> bool:
        """Opened for reading while the app (or another writer) has the file open."""
        return self._reading is not None and self._reading.writer_present

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @property
    def verified(self) -> bool:
        """Whether the integrity check is over (then :meth:`verify` does not wait)."""
        return self._integrity is None or self._integrity.done

    def verify(self) -> None:
        """Raises :class:`DamagedAuditError` when the integrity check found the file damaged; waits for a check still
        running. Every write calls it first, so a damaged file is never changed."""
        if self.read_only:
            raise store.ReadOnlyAuditError("{path} was opened to be read, not changed", self.path)
        if self._integrity is not None:
            try:
                self._integrity.result()
            except store.DamagedAuditError:
                self._found_damaged = True
                raise
            self._integrity = None

    def close(self) -> None:
        if not self._closed:
            try:
                for checklist in self.checklists:  # they outlive the file: their details must not need it
                    checklist.keep_details()
            finally:
                self._close_now(fold=not self.read_only and self._sound())

    def _sound(self) -> bool:
        """Whether the integrity check, waited for if it still runs, found the file sound: only then may closing
        fold into it the write-ahead log a killed program left (nothing was written since the opening, as every
        write waits for the check)."""
        try:
            self.verify()
        except store.DamagedAuditError:
            return False
        return True

    def _close_now(self, *, fold: bool) -> None:
        """Close the file; ``fold=False`` leaves a refused file and its write-ahead log exactly as they were."""
        self._closed = True
        if self._integrity is not None:
            self._integrity.cancel()
        if self._lock is None:  # read only: nothing to fold
            self._conn.close()
            if self._reading is not None:
                self._reading.release()
        else:
            store.close_database(self._conn, self._lock, fold=fold)

    def __enter__(self) -> Audit:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def save_copy(self, target: str | Path) -> None:
        store.backup_database(self._conn, Path(target))

    def _load(self) -> list[tuple[str, Checklist]]:
        """Read the file into memory, but for the checklists' stored details (read when needed); returns the
        checklists (by row id) whose stored model was stale."""
        conn = self._conn
        self.checklists = []
        stale: list[tuple[str, Checklist]] = []
        rows = conn.execute("SELECT id, sha256 FROM checklist ORDER BY position").fetchall()
        if not rows:  # every audit has a checklist, written with everything else in the creation's one transaction
            held = conn.execute("SELECT (SELECT count(*) FROM meta) + (SELECT count(*) FROM profile) + "
                                "(SELECT count(*) FROM answer) + (SELECT count(*) FROM evidence) + "
                                "(SELECT count(*) FROM finding) + (SELECT count(*) FROM change_log)").fetchone()[0]
            if held:  # something was written, then the checklists lost: damage, not a creation cut short
                raise store.damaged_file(self.path, "its checklists are missing")
            raise store.UnfinishedAuditError("{path} was never finished: the program stopped while creating it, so "
                                             "it holds no audit; delete it and create the audit again", self.path)
        has_models = conn.execute("SELECT count(*) FROM sqlite_master WHERE name IN ('checklist_model', "
                                  "'checklist_detail')").fetchone()[0] == 2
        for checklist_id, sha256 in rows:
            # one by one: with ORDER BY, SQLite would copy the megabytes of every model into its sorter
            model = conn.execute("SELECT model FROM checklist_model WHERE id = ?", (checklist_id,)).fetchone() \
                if has_models else None
            checklist, from_yaml = self._embedded_checklist(checklist_id, sha256, model[0] if model else None)
            self.checklists.append(checklist)
            if from_yaml:
                stale.append((checklist_id, checklist))
        try:
            values = {key: json.loads(value) for key, value in conn.execute("SELECT key, value FROM profile")}
            self.profile = Profile.from_dict(values)
        except (ProfileError, TypeError, json.JSONDecodeError, RecursionError):
            raise store.damaged_file(self.path, "its factory profile cannot be read") from None
        state = _State()
        for row in conn.execute("SELECT checklist_id, item_id, choice, value, baseline, text, na_reason, note "
                                "FROM answer"):
            state.answers[ItemRef(row[0], row[1])] = Answer(*row[2:])
        version = conn.execute("PRAGMA user_version").fetchone()[0]  # read before the file is brought up to date
        if version >= 3:
            author = "author" if version >= 5 else "NULL"
            for row in conn.execute(f"SELECT checklist_id, item_id, field, text, at, {author} FROM draft"):
                draft = Draft(ItemRef(row[0], row[1]), *row[2:])
                state.drafts[draft.ref, draft.field] = draft
        for row in conn.execute(EVIDENCE_LISTING):
            state.evidence[row[0]] = Evidence(row[0], ItemRef(row[1], row[2]), *row[3:])
        for row in conn.execute("SELECT id, checklist_id, item_id, severity, description, created_at FROM finding "
                                "WHERE removed = 0 ORDER BY id"):
            state.findings[row[0]] = Finding(row[0], ItemRef(row[1], row[2]), *row[3:])
        for row in conn.execute("SELECT id, finding_id, description, owner, due, status FROM action "
                                "WHERE removed = 0 ORDER BY id"):
            state.actions[row[0]] = Action(*row)
        self._state = state
        return stale

    def _embedded_checklist(self, checklist_id: str, sha256: str, model: bytes | str | None) -> tuple[Checklist, bool]:
        """The checklist from its stored model, or from its embedded YAML (then True) when the model is missing or
        stale."""
        cached = checklist_cache.loads_stored(model, _DetailRows(self, checklist_id)) if model else None
        if cached is not None and cached.sha256 == sha256:
            return cached, False
        return self._checklist_from_yaml(checklist_id, sha256), True

    def _checklist_from_yaml(self, checklist_id: str, sha256: str) -> Checklist:
        """The embedded checklist parsed from its YAML, which must still match its recorded hash."""
        from app.core.checklist_yaml import ChecklistError, load_checklist_text

        text = self._conn.execute("SELECT yaml FROM checklist WHERE id = ?", (checklist_id,)).fetchone()[0]
        try:
            checklist = load_checklist_text(text, f"{self.path.name}:{checklist_id}", embedded=True)
        except ChecklistError as error:
            raise store.DamagedAuditError(f"{self.path}: the embedded checklist '{checklist_id}' cannot be "
                                          f"read: {error.problems[0].message}") from None
        if checklist.sha256 != sha256:
            raise store.DamagedAuditError(f"{self.path}: the embedded checklist '{checklist_id}' does not "
                                          "match its recorded hash; the file was altered")
        return checklist

    def _details_made_anew(self, checklist_id: str) -> bytes:
        """A checklist's stored details made anew from its YAML (:meth:`_DetailRows.rebuilt`)."""
        if self._closed:
            raise ValueError("the audit is closed")
        try:
            sha256 = self._conn.execute("SELECT sha256 FROM checklist WHERE id = ?", (checklist_id,)).fetchone()[0]
            checklist = self._checklist_from_yaml(checklist_id, sha256)
        except (sqlite3.Error, store.AuditFileError) as error:
            raise ValueError(f"the checklist cannot be read again ({error})") from None
        return checklist_cache.split(checklist_cache.dumps(checklist))[1]

    def _repair_details(self, checklist_id: str, details: bytes) -> None:
        """Store details made anew over damaged ones, so that the next opening need not make them again. Only a
        cache: not written into a file found damaged or closed, or one that cannot be written."""
        if self._closed:
            return
        with contextlib.suppress(sqlite3.Error, store.AuditFileError):
            self.verify()
            with store.transaction(self._conn) as conn:
                _write_detail_rows(conn, checklist_id, details)

    def _store_models(self, stale: list[tuple[str, Checklist]]) -> None:
        """Replace stale or unreadable stored models (an older program's format), so that the next opening is quick.

        Only a cache: when it cannot be written (a read-only file) the audit still opens, from its YAML.
        """
        if not stale:
            return
        self.verify()
        with contextlib.suppress(sqlite3.Error), store.transaction(self._conn) as conn:
            for checklist_id, checklist in stale:
                _write_model(conn, checklist_id, checklist)

    # -- lookups -----------------------------------------------------------------------------------------------

    def checklist(self, checklist_id: str) -> Checklist:
        for checklist in self.checklists:
            if checklist.id == checklist_id:
                return checklist
        raise AuditError(f"this audit has no checklist '{checklist_id}'")

    def item(self, ref: ItemRef) -> Item:
        item = self.checklist(ref.checklist_id).item(ref.item_id)
        if item is None:
            raise AuditError(f"checklist '{ref.checklist_id}' has no item '{ref.item_id}'")
        return item

    def resolve(self, name: str) -> ItemRef:
        """An item by ``ITEM_ID`` or ``CHECKLIST_ID:ITEM_ID``; a bare id shared by two checklists is refused."""
        if ":" in name:
            ref = ItemRef.parse(name)
            self.item(ref)
            return ref
        owners = [c.id for c in self.checklists if c.item(name) is not None]
        if not owners:
            raise AuditError(f"no item '{name}' in this audit's checklists ({', '.join(self.checklist_ids)})")
        if len(owners) > 1:
            raise AuditError(f"item id '{name}' is ambiguous: it is in {', '.join(owners)}; "
                             f"name it as {owners[0]}:{name}")
        return ItemRef(owners[0], name)

    @property
    def checklist_ids(self) -> list[str]:
        return [c.id for c in self.checklists]

    def answer(self, ref: ItemRef) -> Answer:
        return self._state.answers.get(ref, NO_ANSWER)

    @property
    def answers(self) -> dict[ItemRef, Answer]:
        return dict(self._state.answers)

    def evidence(self, ref: ItemRef | None = None) -> list[Evidence]:
        return sorted((e for e in self._state.evidence.values() if ref is None or e.ref == ref), key=_by_id)

    def evidence_data(self, evidence_id: int) -> bytes:
        """The file's bytes, checked against the SHA-256 stored when it was added: a damaged copy is refused."""
        try:
            row = self._conn.execute("SELECT data, sha256, filename FROM evidence WHERE id = ?",
                                     (evidence_id,)).fetchone()
        except sqlite3.DatabaseError as error:
            raise store.DamagedAuditError("{path} is damaged: evidence #{number} cannot be read ({reason}); take it "
                                          "from a backup copy of the audit, if there is one", self.path,
                                          number=evidence_id, reason=store.damage_described(error)) from None
        if row is None:
            raise AuditError(f"no evidence #{evidence_id}")
        import hashlib  # imported when first needed: opening an audit stays quick

        data, sha256, filename = bytes(row[0]), row[1], row[2]
        if hashlib.sha256(data).hexdigest() != sha256:
            raise store.DamagedAuditError("the stored copy of {name} is damaged (it no longer matches its SHA-256); "
                                          "take it from a backup copy of the audit, if there is one", self.path,
                                          name=filename)
        return data

    def findings(self, ref: ItemRef | None = None) -> list[Finding]:
        return sorted((f for f in self._state.findings.values() if ref is None or f.ref == ref), key=_by_id)

    def actions(self, finding_id: int | None = None) -> list[Action]:
        return sorted((a for a in self._state.actions.values() if finding_id is None or a.finding_id == finding_id),
                      key=_by_id)

    def record_ref(self, table: str, row_id: int) -> ItemRef | None:
        """The item an evidence, finding or action record belongs to (also for removed records)."""
        if table == "action":
            row = self._conn.execute("SELECT finding_id FROM action WHERE id = ?", (row_id,)).fetchone()
            if row is None:
                return None
            table, row_id = "finding", row[0]
        if table not in ("evidence", "finding"):
            return None
        row = self._conn.execute(f"SELECT checklist_id, item_id FROM {table} WHERE id = ?", (row_id,)).fetchone()
        return ItemRef(row[0], row[1]) if row else None

    def applies(self, ref: ItemRef) -> bool:
        return self.item(ref).applies_to(self.profile.selected_tags)

    def change_log(self, limit: int | None = None) -> list[LogEntry]:
        sql = "SELECT seq, at, author, entity, key, field, old, new FROM change_log ORDER BY seq DESC"
        rows = self._conn.execute(sql + (f" LIMIT {int(limit)}" if limit else "")).fetchall()
        return [LogEntry(row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), json.loads(row[7]))
                for row in rows]

    # -- answers -----------------------------------------------------------------------------------------------

    def set_choice(self, ref: ItemRef, code: str | None) -> Edit:
        return self.record(ref, choice=code)

    def set_value(self, ref: ItemRef, value: float | None) -> Edit:
        return self.record(ref, value=value)

    def set_baseline(self, ref: ItemRef, baseline: float | None) -> Edit:
        return self.record(ref, baseline=baseline)

    def set_text(self, ref: ItemRef, text: str | None) -> Edit:
        return self.record(ref, text=text)

    def set_na(self, ref: ItemRef, reason: str) -> Edit:
        return self.record(ref, na_reason=reason)

    def record(self, ref: ItemRef, **fields: Any) -> Edit:
        """Answer fields of one item as one edit: ``choice``, ``value``, ``baseline``, ``text``, ``na_reason`` (the
        N/A reason), ``note``, as their setters take them. Each is checked before any is written: when one is
        refused, nothing is changed."""
        values: dict[str, Any] = {}
        for field, value in fields.items():
            for name, checked in self._checked(ref, field, value).items():
                if values.get(name, checked) != checked:
                    raise AuditError(f"item {ref.item_id} cannot be answered and not applicable at once")
                values[name] = checked
        return self._set_answer(ref, **values)

    def _checked(self, ref: ItemRef, field: str, value: Any) -> dict[str, Any]:
        """The answer fields that setting ``field`` to ``value`` writes, once the item takes it (else AuditError)."""
        item = self.item(ref)
        if field == "choice":
            return {"choice": self._checked_choice(ref, item, value), "na_reason": None}
        if field == "na_reason":
            reason = _bounded(value).strip()
            if not reason:
                raise AuditError("N/A needs a written reason: say why the item does not apply to this factory")
            return {"na_reason": reason}
        if field == "note":
            return _typed("note", _bounded(value) or None)
        if field == "text":
            self._require_type(ref, "text", "a text answer")
            return _typed("text", _bounded(value) or None)
        if field in NUMBER_FIELDS:
            self._require_type(ref, "number", f"a {'value' if field == 'value' else 'baseline'}")
            if field == "baseline" and not item.baseline:
                raise AuditError(f"item {ref.item_id} does not record a baseline")
            return _typed(field, _finite(value))
        raise AuditError(f"an answer has no field '{field}'")

    def _checked_choice(self, ref: ItemRef, item: Item, code: str | None) -> str | None:
        if item.type not in ("scale", "yes_no"):
            raise AuditError(f"item {ref.item_id} is a {item.type} item; it takes "
                             f"{'--value' if item.type == 'number' else '--text'}, not an answer code")
        if code is not None:
            scale = self.checklist(ref.checklist_id).scale_of(item)
            if code not in scale.codes:
                raise AuditError(f"'{code}' is not an answer of item {ref.item_id}; allowed: "
                                 f"{', '.join(scale.codes)} (or N/A with a reason)")
        return code

    def clear_na(self, ref: ItemRef) -> Edit:
        self.item(ref)
        return self._set_answer(ref, na_reason=None)

    def set_note(self, ref: ItemRef, note: str | None) -> Edit:
        return self.record(ref, note=note)

    def clear_answer(self, ref: ItemRef) -> Edit:
        self.item(ref)
        return self._set_answer(ref, choice=None, value=None, baseline=None, text=None, na_reason=None)

    def _require_type(self, ref: ItemRef, kind: str, what: str) -> Item:
        item = self.item(ref)
        if item.type != kind:
            raise AuditError(f"item {ref.item_id} is a {item.type} item; it does not take {what}")
        return item

    def _set_answer(self, ref: ItemRef, **values: Any) -> Edit:
        changes = self._answer_changes(ref, values)
        if not changes:  # typed back to what was saved: the draft has nothing left to keep
            self._discard_drafts([(ref, name) for name in values])
        return self.apply(Edit(changes))

    def _answer_changes(self, ref: ItemRef, values: Mapping[str, Any]) -> tuple[Change, ...]:
        current = self.answer(ref)
        return tuple(Change("answer", str(ref), name, getattr(current, name), value)
                     for name, value in values.items() if getattr(current, name) != value)

    # -- drafts: text being typed, kept at every keystroke ---------------------------------------------------

    def save_draft(self, ref: ItemRef, field: str, text: str) -> None:
        """Keep ``text`` typed into an item's note, text answer, KPI number or N/A reason until the edit that saves
        it (``set_note``, ``set_text`` once typing pauses; ``set_value``, ``set_baseline`` once the number is
        confirmed; ``set_na`` once the reason is). So too what a dialog holds for a new finding (``NEW_FINDING``),
        an edited one (``EDITED_FINDING`` + its id), a new corrective action (``NEW_ACTION`` + its finding's id)
        and an edited one (``EDITED_ACTION`` + its id): see :func:`finding_draft_text`, :func:`action_draft_text`.
        Not an edit: no change log, no undo. A draft still in the file at the next opening is typing a crash kept
        from being saved, and opening saves it: :attr:`recovered`."""
        if field == PROFILE_DRAFT or ref == AUDIT_REF:
            if (ref, field) != (AUDIT_REF, PROFILE_DRAFT):
                raise AuditError("only the factory profile keeps a draft of the audit as a whole")
        elif not _keeps_draft(self.item(ref), field) and self._record_of_draft(ref, field) is None:
            raise AuditError(f"item {ref.item_id} keeps no draft of its {field}")
        text = _bounded(text)
        if self._saved_as(ref, field, text):
            self._discard_drafts([(ref, field)])
            return
        self.verify()
        draft = Draft(ref, field, text, _now(), self.author)
        with _saving(), store.transaction(self._conn) as conn:
            conn.execute("INSERT OR REPLACE INTO draft VALUES (?, ?, ?, ?, ?, ?)",
                         (ref.checklist_id, ref.item_id, field, text, draft.at, draft.author))
        self._state.drafts[ref, field] = draft

    def discard_draft(self, ref: ItemRef, field: str) -> None:
        """Drop the draft of ``field``: its typing was taken back (Esc in a number field)."""
        self._discard_drafts([(ref, field)])

    def _saved_as(self, ref: ItemRef, field: str, text: str) -> bool:
        """Whether ``text`` typed into ``field`` says what the answer already holds: no draft to keep."""
        if field == PROFILE_DRAFT:
            return not self._profile_changes(text)
        if field == NEW_FINDING:
            return not _finding_draft(text)[1]  # no description yet: nothing to recover
        if field.startswith(NEW_ACTION):  # kept once anything is typed: even without a description, it is said
            return action_draft_fields(text) == action_draft_fields("")
        if _record_draft(field) is not None:
            return not self._edited_record_changes(ref, field, text)
        saved = getattr(self.answer(ref), field)
        if field in NUMBER_FIELDS:
            try:
                return bool(parse_number(text) == saved)
            except ValueError:  # on the way to a number ("12,")
                return False
        if field == "na_reason":
            return not text.strip() or text.strip() == saved  # nothing a recovery would write
        return text == (saved or "")

    def drafts(self) -> list[Draft]:
        """Typing kept as drafts and not yet saved as edits: after a crash, what the next opening can recover."""
        return sorted(self._state.drafts.values(), key=lambda draft: draft.at)

    def unsaved_typing(self) -> list[Draft]:
        """The drafts that the next opening saves: not those that change nothing, nor a number not finished."""
        return [draft for draft in self.drafts()
                if (draft.field == NEW_FINDING and _finding_draft(draft.text)[1] and self._has_item(draft.ref))
                or (draft.field.startswith(NEW_ACTION) and self._record_of_draft(draft.ref, draft.field) is not None
                    and action_draft_fields(draft.text)["description"])
                or self._edited_record_changes(draft.ref, draft.field, draft.text)
                or (draft.field == PROFILE_DRAFT and self._profile_changes(draft.text))
                or ((values := self._recovered_values(draft)) and self._answer_changes(draft.ref, values))]

    def unusable_typing(self) -> tuple[list[Draft], list[Draft]]:
        """The drafts that the next opening can only tell of: numbers not finished ("12,"), and new corrective
        actions without a description yet."""
        drafts = self.drafts()
        numbers = [draft for draft in drafts
                   if self._unfinished_number(draft) and self._recovered_values(draft) is None]
        actions = [draft for draft in drafts if draft.field.startswith(NEW_ACTION)
                   and self._record_of_draft(draft.ref, draft.field) is not None
                   and not action_draft_fields(draft.text)["description"]]
        return numbers, actions

    def _recover_drafts(self) -> None:
        """At opening: save the drafts a crash left as the edits they were waiting for, all as one edit (one undo
        step) kept in :attr:`recovered`, and drop them, in one transaction. After the integrity check: nothing is
        written to a damaged file. When the disk is full, the opening fails and the drafts stay for the next one:
        an audit opened without them would show the old text, and typing over it would lose them."""
        if not self._state.drafts:
            return
        self.verify()
        drafts = self.drafts()
        changes: list[Change] = []
        authors: list[str] = []
        for draft in drafts:
            if draft.field == NEW_FINDING or draft.field.startswith(NEW_ACTION):
                shown = self._hidden_record(draft)
                typed: tuple[Change, ...] = (shown,) if shown is not None else ()
                if shown is None and draft.field.startswith(NEW_ACTION) \
                        and self._record_of_draft(draft.ref, draft.field) is not None:
                    self.actions_without_description.append(draft)  # no action without one: said, not made
            elif _record_draft(draft.field) is not None:
                typed = self._edited_record_changes(draft.ref, draft.field, draft.text)
            elif draft.field == PROFILE_DRAFT:
                typed = self._profile_changes(draft.text) if draft.ref == AUDIT_REF else ()
            else:
                values = self._recovered_values(draft)
                if values is None and self._unfinished_number(draft):
                    self.dropped_numbers.append(draft)
                typed = self._answer_changes(draft.ref, values) if values else ()
            if typed:
                changes.extend(typed)
                authors.extend([draft.author or self.author] * len(typed))
                self.recovered_drafts.append(draft)
        try:
            self.recovered = self._commit(Edit(tuple(changes)), [(draft.ref, draft.field) for draft in drafts],
                                          authors)
        except store.AuditFileError as error:
            raise store.AuditFileError("{path}: what was typed before the program last stopped could not be saved "
                                       "({reason}); nothing was changed. Free some disk space and open it again.",
                                       self.path, reason=error.params.get("reason", error)) from None

    def _has_item(self, ref: ItemRef) -> bool:
        try:
            self.item(ref)
        except AuditError:
            return False
        return True

    def _hidden_record(self, draft: Draft) -> Change | None:
        """A finding or corrective action typed into its dialog before a crash, written hidden; the change that
        shows it is part of the recovery's one edit (and transaction, with the drafts' removal). A crash between
        the two leaves a hidden row, never shown, and the draft, recovered again."""
        if draft.field == NEW_FINDING:
            severity, description = _finding_draft(draft.text)
            if not description or not self._has_item(draft.ref):
                return None
            table, sql = "finding", ("INSERT INTO finding (checklist_id, item_id, severity, description, created_at, "
                                     "removed) VALUES (?, ?, ?, ?, ?, 1)")
            params: tuple[Any, ...] = (draft.ref.checklist_id, draft.ref.item_id, severity, _bounded(description),
                                       draft.at)
        else:
            finding_id = self._record_of_draft(draft.ref, draft.field)
            typed = action_draft_fields(draft.text)
            if finding_id is None or not typed["description"]:
                return None
            table, sql = "action", ("INSERT INTO action (finding_id, description, owner, due, status, removed) "
                                    "VALUES (?, ?, ?, ?, ?, 1)")
            params = (finding_id, typed["description"], typed["owner"], typed["due"], typed["status"])
        with _saving(), store.transaction(self._conn) as conn:
            row_id = conn.execute(sql, params).lastrowid
        assert row_id is not None
        self._reload_row(table, row_id)
        return Change(table, str(row_id), "removed", 1, 0)

    def _record_of_draft(self, ref: ItemRef, field: str) -> int | None:
        """The finding or action that a dialog's draft ``field`` is about (for a new action, its finding), if it is
        still there and on the item ``ref``; None for any other field."""
        found = _record_draft(field)
        if found is None:
            return None
        prefix, record_id = found
        if prefix == EDITED_ACTION:
            action = self._state.actions.get(record_id)
            finding = self._state.findings.get(action.finding_id) if action is not None else None
        else:
            finding = self._state.findings.get(record_id)
        return record_id if finding is not None and finding.ref == ref else None

    def _edited_record_changes(self, ref: ItemRef, field: str, text: str) -> tuple[Change, ...]:
        """What the draft of an edited finding or action changes in it, as its dialog's OK would; nothing for
        another field or a record gone. A description emptied (being typed anew; OK refuses it) keeps the one the
        record has, and the other fields are saved."""
        found = _record_draft(field)
        if found is None or found[0] == NEW_ACTION or self._record_of_draft(ref, field) is None:
            return ()
        prefix, record_id = found
        typed: dict[str, str]
        if prefix == EDITED_FINDING:
            severity, description = _finding_draft(text)
            entity, typed, current = "finding", {"severity": severity, "description": description}, \
                self._state.findings[record_id]._asdict()
        else:
            entity, typed, current = "action", action_draft_fields(text), self._state.actions[record_id]._asdict()
        return tuple(Change(entity, str(record_id), name, current[name], value) for name, value in typed.items()
                     if current[name] != value and (value or name != "description"))

    def _profile_changes(self, text: str) -> tuple[Change, ...]:
        """What a draft of the profile dialog changes, as its OK would: each field that reads as the profile
        takes it (one that does not, half typed, is left as it is), and the dates only if they go together."""
        try:
            typed = json.loads(text)
        except (ValueError, RecursionError):  # written by hand, or by another program
            return ()
        updated = self.profile
        for name, value in typed.items() if isinstance(typed, dict) else ():
            if name in Profile._fields:
                with contextlib.suppress(ProfileError, TypeError, ValueError):
                    updated = updated.with_field(name, value)
        try:
            validate_dates(updated)
        except ProfileError:
            updated = updated._replace(start_date=self.profile.start_date, end_date=self.profile.end_date)
        return tuple(Change("profile", "", name, _jsonable(getattr(self.profile, name)),
                            _jsonable(getattr(updated, name)))
                     for name in Profile._fields if getattr(self.profile, name) != getattr(updated, name))

    def _recovered_values(self, draft: Draft) -> dict[str, Any] | None:
        """The answer fields a draft saves, as the edit it waited for would (a text answer or a current value also
        ends N/A); None for a draft that no longer fits its item, or a number not finished ("12,")."""
        try:
            if not _keeps_draft(self.item(draft.ref), draft.field):
                return None
        except AuditError:
            return None
        if draft.field == "na_reason":  # as set_na takes it: stripped, and never empty (that is no N/A at all)
            reason = draft.text.strip()
            return _typed("na_reason", reason) if reason else None
        if draft.field not in NUMBER_FIELDS:
            return _typed(draft.field, draft.text or None)
        try:
            return _typed(draft.field, parse_number(draft.text))
        except ValueError:
            return None

    @staticmethod
    def _unfinished_number(draft: Draft) -> bool:
        """A number typed but not finished ("12,"): not saved, but said by whoever opens the file."""
        return draft.field in NUMBER_FIELDS and not_a_number(draft.text)
        try:
            parse_number(draft.text)
        except ValueError:
            return True
        return False

    def _discard_drafts(self, keys: list[tuple[ItemRef, str]]) -> None:
        self._commit(Edit(), [key for key in keys if key in self._state.drafts])

    # -- profile -----------------------------------------------------------------------------------------------

    def set_profile(self, name: str, value: Any) -> Edit:
        try:
            updated = self.profile.with_field(name, value)
            validate_dates(updated)
        except ProfileError as error:
            raise AuditError(str(error)) from None
        old, new = getattr(self.profile, name), getattr(updated, name)
        return self.apply(Edit((Change("profile", "", name, _jsonable(old), _jsonable(new)),) if old != new else ()))

    def update_profile(self, values: Mapping[str, Any]) -> Edit:
        """Change several profile fields as one edit (one undo step), checked together: moving both dates past
        the old end date is one valid change, not two steps of which the first is refused."""
        try:
            updated = self.profile
            for name, value in values.items():
                if name not in Profile._fields:
                    raise ProfileError(name, f"the profile has no field '{name}'")
                updated = updated.with_field(name, value)
            validate_dates(updated)
        except ProfileError as error:
            raise AuditError(str(error)) from None
        return self.apply(Edit(tuple(
            Change("profile", "", name, _jsonable(getattr(self.profile, name)), _jsonable(getattr(updated, name)))
            for name in Profile._fields if getattr(self.profile, name) != getattr(updated, name))))

    # -- evidence, findings, actions ---------------------------------------------------------------------------

    def add_evidence(self, ref: ItemRef, filename: str, data: bytes, caption: str = "") -> Edit:
        self.item(ref)
        if len(data) > MAX_EVIDENCE_BYTES:
            raise AuditError("{name} is larger than {limit} MiB", name=filename, limit=MAX_EVIDENCE_BYTES >> 20)
        if not data:  # a copy that failed, or a photo the camera never wrote: nothing that could show anything
            raise AuditError("{name} is empty (0 bytes): there is nothing in it to keep as evidence", name=filename)
        name = Path(filename).name or "evidence"
        import mimetypes

        media_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        import hashlib  # imported when first needed: opening an audit stays quick

        digest = hashlib.sha256(data).hexdigest()
        twin = next((record for record in self.evidence(ref) if record.sha256 == digest), None)
        if twin is not None:  # the same photo added twice (a second drop, a second Add…): once is enough
            raise AuditError("{name} is already evidence of this item, as {existing}", name=name,
                             existing=twin.filename)
        return self._insert("evidence", "INSERT INTO evidence (checklist_id, item_id, filename, media_type, sha256, "
                            "size, data, caption, added_at, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                            (ref.checklist_id, ref.item_id, name, media_type, digest, len(data), data,
                             _bounded(caption), _now()))

    def add_evidence_file(self, ref: ItemRef, path: str | Path, caption: str = "") -> Edit:
        path = Path(path)
        try:
            if path.stat().st_size > MAX_EVIDENCE_BYTES:
                raise AuditError("{name} is larger than {limit} MiB", name=path.name, limit=MAX_EVIDENCE_BYTES >> 20)
            data = path.read_bytes()
        except OSError as error:
            raise AuditError("cannot read {path}: {reason}", path=path, reason=error.strerror or error) from None
        return self.add_evidence(ref, path.name, data, caption)

    def set_evidence_caption(self, evidence_id: int, caption: str) -> Edit:
        return self._set_row("evidence", evidence_id, "caption", _bounded(caption))

    def remove_evidence(self, evidence_id: int) -> Edit:
        return self._set_row("evidence", evidence_id, "removed", 1)

    def add_finding(self, ref: ItemRef, severity: str, description: str) -> Edit:
        self.item(ref)
        _check_choice(severity, SEVERITIES, "severity")
        description = _required(description, "a finding needs a description")
        # the draft its dialog kept goes in the same transaction: a crash between would record the finding twice
        return self._insert("finding", "INSERT INTO finding (checklist_id, item_id, severity, description, "
                            "created_at, removed) VALUES (?, ?, ?, ?, ?, 1)",
                            (ref.checklist_id, ref.item_id, severity, description, _now()),
                            drop_draft=(ref, NEW_FINDING))

    def set_finding(self, finding_id: int, name: str, value: str) -> Edit:
        if name == "severity":
            _check_choice(value, SEVERITIES, "severity")
        elif name == "description":
            value = _required(value, "a finding needs a description")
        return self._set_row("finding", finding_id, name, value)

    def remove_finding(self, finding_id: int) -> Edit:
        return self._set_row("finding", finding_id, "removed", 1)

    def add_action(self, finding_id: int, description: str, owner: str = "", due: str = "",
                   status: str = "open") -> Edit:
        if finding_id not in self._state.findings:
            raise AuditError(f"no finding #{finding_id}")
        _check_choice(status, ACTION_STATUSES, "status")
        description = _required(description, "a corrective action needs a description")
        return self._insert("action", "INSERT INTO action (finding_id, description, owner, due, status, removed) "
                            "VALUES (?, ?, ?, ?, ?, 1)",
                            (finding_id, description, _bounded(owner), _due(due), status),
                            drop_draft=(self._state.findings[finding_id].ref, f"{NEW_ACTION}{finding_id}"))

    def set_action(self, action_id: int, name: str, value: str) -> Edit:
        if name == "status":
            _check_choice(value, ACTION_STATUSES, "status")
        elif name == "due":
            value = _due(value)
        elif name == "description":
            value = _required(value, "a corrective action needs a description")
        return self._set_row("action", action_id, name, _bounded(value))

    def remove_action(self, action_id: int) -> Edit:
        return self._set_row("action", action_id, "removed", 1)

    def _insert(self, table: str, sql: str, params: tuple[Any, ...],
                drop_draft: tuple[ItemRef, str] | None = None) -> Edit:
        """Insert a record hidden (removed = 1) and show it by a change, so that undo and redo are plain changes;
        ``drop_draft``, a draft the record supersedes, goes in the same transaction."""
        self.verify()
        dropped = drop_draft if drop_draft in self._state.drafts else None
        with _saving(), store.transaction(self._conn) as conn:
            row_id = conn.execute(sql, params).lastrowid
            assert row_id is not None
            change = Change(table, str(row_id), "removed", 1, 0)
            self._write(conn, change, self.author)
            if dropped is not None:
                conn.execute("DELETE FROM draft WHERE checklist_id = ? AND item_id = ? AND field = ?",
                             (dropped[0].checklist_id, dropped[0].item_id, dropped[1]))
        if dropped is not None:
            del self._state.drafts[dropped]
        self._reload_row(table, row_id)
        return Edit((change,), created_id=row_id)

    def _set_row(self, table: str, row_id: int, name: str, value: Any) -> Edit:
        if name not in _TABLE_FIELDS[table]:
            raise AuditError(f"{table} has no field '{name}'")
        row = self._conn.execute(f"SELECT {name} FROM {table} WHERE id = ?", (row_id,)).fetchone()
        if row is None:
            raise AuditError(f"no {table} #{row_id}")
        return self.apply(Edit((Change(table, str(row_id), name, row[0], value),) if row[0] != value else ()))

    # -- applying changes (edits, undo, redo) ------------------------------------------------------------------

    def apply(self, edit: Edit) -> Edit:
        """Write every change of ``edit`` in one transaction with its change-log rows; returns ``edit``."""
        return self._commit(edit)

    def _commit(self, edit: Edit, drop_drafts: Sequence[tuple[ItemRef, str]] = (),
                authors: Sequence[str] = ()) -> Edit:
        """:meth:`apply`, and drop the drafts ``drop_drafts`` in the same transaction; so too the draft of any
        answer field the edit writes (the typing it kept is saved now, or superseded). The change log credits each
        change to :attr:`author`, or to its own one of ``authors`` (recovered typing, to whoever typed it)."""
        if not edit.changes and not drop_drafts:
            return edit
        for change in edit.changes:
            self._check_change(change)
        written = {(ItemRef.parse(c.key), c.field) for c in edit.changes if c.entity == "answer"}
        dropped = [key for key in {*drop_drafts, *written} if key in self._state.drafts]
        self.verify()
        with _saving(), store.transaction(self._conn) as conn:
            for index, change in enumerate(edit.changes):
                self._write(conn, change, authors[index] if authors else self.author)
            for ref, field in dropped:
                conn.execute("DELETE FROM draft WHERE checklist_id = ? AND item_id = ? AND field = ?",
                             (ref.checklist_id, ref.item_id, field))
        for change in edit.changes:
            self._refresh(change)
        for key in dropped:
            del self._state.drafts[key]
        return edit

    def _check_change(self, change: Change) -> None:
        allowed = {"answer": ANSWER_FIELDS, "profile": Profile._fields, **_TABLE_FIELDS}
        if change.field not in allowed.get(change.entity, ()):
            raise AuditError(f"cannot change {change.entity}.{change.field}")
        if change.entity == "answer":
            self.item(ItemRef.parse(change.key))

    def _write(self, conn: sqlite3.Connection, change: Change, author: str) -> None:
        if change.entity == "answer":
            ref = ItemRef.parse(change.key)
            conn.execute("INSERT OR IGNORE INTO answer (checklist_id, item_id, updated_at) VALUES (?, ?, ?)",
                         (ref.checklist_id, ref.item_id, _now()))
            conn.execute(f"UPDATE answer SET {change.field} = ?, updated_at = ? WHERE checklist_id = ? AND "
                         "item_id = ?", (change.new, _now(), ref.checklist_id, ref.item_id))
        elif change.entity == "profile":
            conn.execute("INSERT OR REPLACE INTO profile VALUES (?, ?)",
                         (change.field, json.dumps(change.new, ensure_ascii=False)))
        else:
            conn.execute(f"UPDATE {change.entity} SET {change.field} = ? WHERE id = ?", (change.new, int(change.key)))
        conn.execute("INSERT INTO change_log (at, author, entity, key, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?)",
                     (_now(), author, change.entity, change.key, change.field,
                      json.dumps(change.old, ensure_ascii=False), json.dumps(change.new, ensure_ascii=False)))

    def _refresh(self, change: Change) -> None:
        if change.entity == "answer":
            ref = ItemRef.parse(change.key)
            self._state.answers[ref] = self.answer(ref)._replace(**{change.field: change.new})
        elif change.entity == "profile":
            self.profile = self.profile.with_field(change.field, change.new)
        else:
            self._reload_row(change.entity, int(change.key))

    def _reload_row(self, table: str, row_id: int) -> None:
        targets: dict[str, dict[int, Any]] = {"evidence": self._state.evidence, "finding": self._state.findings,
                                              "action": self._state.actions}
        target = targets[table]
        if table == "evidence":
            row = self._conn.execute("SELECT id, checklist_id, item_id, filename, media_type, sha256, size, caption, "
                                     "added_at, removed FROM evidence WHERE id = ?", (row_id,)).fetchone()
            record: Any = Evidence(row[0], ItemRef(row[1], row[2]), *row[3:9])
        elif table == "finding":
            row = self._conn.execute("SELECT id, checklist_id, item_id, severity, description, created_at, removed "
                                     "FROM finding WHERE id = ?", (row_id,)).fetchone()
            record = Finding(row[0], ItemRef(row[1], row[2]), *row[3:6])
        else:
            row = self._conn.execute("SELECT id, finding_id, description, owner, due, status, removed FROM action "
                                     "WHERE id = ?", (row_id,)).fetchone()
            record = Action(*row[:6])
        if row[-1]:
            target.pop(row_id, None)
        else:
            target[row_id] = record


@contextlib.contextmanager
def _saving() -> Iterator[None]:
    """A failed write (disk full, file gone) is a clear error; the transaction was rolled back."""
    try:
        yield
    except sqlite3.Error as error:
        raise store.AuditFileError("the edit could not be saved ({reason}); nothing was changed",
                                   reason=error) from None


def _finite(value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise AuditError("the value must be a finite number")
    return number


def _write_model(conn: sqlite3.Connection, checklist_id: str, checklist: Checklist) -> None:
    """The stored model of ``checklist``: its summary in one row, its details in rows of DETAIL_CHUNK bytes."""
    summary, details = checklist_cache.split(checklist_cache.dumps(checklist))
    conn.execute("INSERT OR REPLACE INTO checklist_model VALUES (?, ?)", (checklist_id, summary))
    _write_detail_rows(conn, checklist_id, details)


def _write_detail_rows(conn: sqlite3.Connection, checklist_id: str, details: bytes) -> None:
    conn.execute("DELETE FROM checklist_detail WHERE checklist_id = ?", (checklist_id,))
    size = store.DETAIL_CHUNK
    conn.executemany("INSERT INTO checklist_detail VALUES (?, ?, ?)",
                     ((checklist_id, chunk, details[chunk * size:(chunk + 1) * size])
                      for chunk in range(-(-len(details) // size))))


class _DetailRows:
    """A checklist's stored details, read from their rows when needed (:class:`checklist_cache.DetailReader`), and
    made anew from the audit's embedded YAML should they be damaged. Holds its audit weakly: the audit holds it."""

    def __init__(self, audit: Audit, checklist_id: str) -> None:
        self._audit = weakref.ref(audit)
        self._conn = audit._conn
        self._checklist_id = checklist_id
        row = self._conn.execute("SELECT total(length(data)) FROM checklist_detail WHERE checklist_id = ?",
                                 (checklist_id,)).fetchone()
        self.length = int(row[0])
        self._last: tuple[int, int, bytes] = (-1, -1, b"")  # the chunks read last: items are often read in order

    def read(self, begin: int, end: int) -> bytes:
        size = store.DETAIL_CHUNK
        first, last = begin // size, max(begin, end - 1) // size
        if self._last[:2] != (first, last):
            self._last = (first, last, self._rows(first, last))
        return self._last[2][begin - first * size:end - first * size]

    def read_all(self) -> bytes:
        data = self._rows(0, (self.length - 1) // store.DETAIL_CHUNK)
        if len(data) != self.length:
            raise ValueError("the stored details changed since the audit was opened")
        return data

    def rebuilt(self) -> bytes:
        audit = self._audit()
        if audit is None:
            raise ValueError("the audit is gone")
        return audit._details_made_anew(self._checklist_id)

    def repair(self, data: bytes) -> None:
        audit = self._audit()
        if audit is not None:
            audit._repair_details(self._checklist_id, data)

    def _rows(self, first: int, last: int) -> bytes:
        try:
            return b"".join(row[0] for row in self._conn.execute(
                "SELECT data FROM checklist_detail WHERE checklist_id = ? AND chunk BETWEEN ? AND ? ORDER BY chunk",
                (self._checklist_id, first, last)))
        except (sqlite3.Error, TypeError) as error:  # damaged pages, a connection closed, a row of text
            raise ValueError(f"the stored details cannot be read ({error})") from None


NEW_FINDING = "finding"  # the draft of a finding typed into its dialog, not yet recorded: "severity\ndescription"


def finding_draft_text(severity: str, description: str) -> str:
    return f"{severity}\n{description}"


def _finding_draft(text: str) -> tuple[str, str]:
    """The severity and description a finding draft holds (a severity unknown to this program reads as minor)."""
    severity, _, description = text.partition("\n")
    return (severity if severity in SEVERITIES else "minor"), description.strip()


EDITED_FINDING = "finding#"  # + a finding's id: its edit dialog's finding_draft_text, not yet saved
NEW_ACTION = "action+"  # + a finding's id: a new corrective action's action_draft_text, not yet recorded
EDITED_ACTION = "action#"  # + an action's id: its edit dialog's action_draft_text, not yet saved
PROFILE_DRAFT = "profile"  # the factory-profile dialog's changed fields, as JSON, not yet saved: of AUDIT_REF
AUDIT_REF = ItemRef("", "")  # the audit as a whole, whose profile's draft is not an item's


def action_draft_text(description: str, owner: str, due: str, status: str) -> str:
    return json.dumps({"description": description, "owner": owner, "due": due, "status": status},
                      ensure_ascii=False)


def action_draft_fields(text: str) -> dict[str, str]:
    """The description, owner, due date and status an action's draft holds, as adding the action would take them;
    what cannot be read reads as empty (a due date that is no date, a status unknown to this program: open)."""
    try:
        held = json.loads(text)
    except (ValueError, RecursionError):  # written by hand, or by another program
        held = {}
    held = held if isinstance(held, dict) else {}
    fields: dict[str, str] = {name: value if isinstance(value := held.get(name), str) else "" for name in
                              ("description", "owner", "due", "status")}
    try:
        due = _due(fields["due"])
    except AuditError:
        due = ""
    return {"description": _bounded(fields["description"][:MAX_TEXT]).strip(),
            "owner": _bounded(fields["owner"][:MAX_TEXT]).strip(), "due": due,
            "status": fields["status"] if fields["status"] in ACTION_STATUSES else "open"}


def draft_field_name(field: str) -> str:
    """How messages name what a draft holds: "the {name} of S1.0" (a note, a new finding, a corrective action)."""
    found = _record_draft(field)
    if found is not None:
        return {EDITED_FINDING: "finding", NEW_ACTION: "new corrective action",
                EDITED_ACTION: "corrective action"}[found[0]]
    return "factory profile" if field == PROFILE_DRAFT else DRAFT_FIELD_NAMES.get(field, field)


def _record_draft(field: str) -> tuple[str, int] | None:
    """The kind (EDITED_FINDING, NEW_ACTION or EDITED_ACTION) and record id of a dialog's draft field."""
    for prefix in (EDITED_FINDING, NEW_ACTION, EDITED_ACTION):
        number = field[len(prefix):]
        if field.startswith(prefix) and number.isascii() and number.isdigit():
            return prefix, int(number)
    return None


def _typed(field: str, value: Any) -> dict[str, Any]:
    """The answer fields that saving ``value`` typed into ``field`` writes: an answer (a text, a current value) also
    ends N/A; a note, a baseline or an emptied field (no answer) does not. One rule for the setters and for the
    typing recovered after a crash."""
    return {field: value, "na_reason": None} if field in ("text", "value") and value is not None else {field: value}


def _keeps_draft(item: Item, field: str) -> bool:
    """Whether ``field`` of ``item`` is typed into a field of its own, and so kept as a draft while it is typed."""
    if field in NUMBER_FIELDS:
        return item.type == "number" and (field == "value" or item.baseline)
    return field in ("note", "na_reason", NEW_FINDING) or (field == "text" and item.type == "text")


def _bounded(text: str | None) -> str:
    if text is None:
        return ""
    if len(text) > MAX_TEXT:
        raise AuditError("the text is longer than {limit} characters", limit=MAX_TEXT)
    return text


def _required(text: str, message: str) -> str:
    text = _bounded(text).strip()
    if not text:
        raise AuditError(message)
    return text


def _check_choice(value: str, allowed: Iterable[str], what: str) -> None:
    if value not in allowed:
        raise AuditError(f"{what} '{value}' is not one of {', '.join(allowed)}")


def _due(value: str) -> str:
    value = (value or "").strip()
    if value:
        try:
            value = dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise AuditError("due date '{value}' is not a date like 2026-12-31", value=value) from None
    return value


def _jsonable(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _by_id(record: Evidence | Finding | Action) -> int:
    return record.id
