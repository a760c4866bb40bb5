"""The audit file: one self-contained SQLite database (``*.sfaudit``).

WAL with ``synchronous=FULL`` and one transaction per edit: a killed process or a pulled plug loses at most the
edit in flight. Text still being typed is kept keystroke by keystroke as a draft (the ``draft`` table) until its
edit is saved, so that it too survives. A damaged file is detected before anything is written; a newer schema is
refused; a second writer is told the file is in use.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

APPLICATION_ID = 0x53464144  # "SFAD"
SCHEMA_VERSION = 5
SQLITE_HEADER = b"SQLite format 3\x00"
AUDIT_SUFFIX = ".sfaudit"


NAME_MAX = 255 - len("-journal")  # file systems allow 255 a name; SQLite adds "-journal" beside an audit's


def name_length(name: str) -> int:
    """A file name's length as file systems count it: UTF-16 units on Windows, bytes elsewhere (3 a Chinese
    character)."""
    if sys.platform == "win32":
        return len(name.encode("utf-16-le")) // 2
    return len(os.fsencode(name))


def name_too_long(path: Path) -> bool:
    """Whether the file name of ``path`` is longer than file systems take, with room for the names SQLite gives
    the files it keeps beside an audit. Asking the file system about such a path fails instead of answering."""
    return name_length(path.name) > NAME_MAX


def fitting_name(stem: str, suffix: str) -> str:
    """``stem + suffix``, the stem shortened as far as the name needs to fit (:func:`name_too_long`)."""
    while stem and name_length(stem + suffix) > NAME_MAX:
        stem = stem[:-1]
    return stem + suffix


def _refuse_long_name(path: Path) -> None:
    if name_too_long(path):
        raise AuditFileError("the file name {name} is too long; choose a shorter one", path, name=path.name)


def _exists(path: Path, template: str) -> bool:
    """Whether ``path`` is there; a path the system cannot ask about (a folder name too long, no permission to
    look) is refused with ``template`` and the system's reason."""
    try:
        return path.exists()
    except OSError as error:
        raise AuditFileError(template, path, reason=error.strerror or error) from None


def with_audit_suffix(path: Path) -> Path:
    """``path`` ending in .sfaudit (in any case, as typed), so that the Open dialog's filter finds the file."""
    return path if path.suffix.lower() == AUDIT_SUFFIX else path.with_name(path.name + AUDIT_SUFFIX)


def new_audit_file(typed: str) -> Path:
    """The audit file that ``typed`` names for a new audit, ending in .sfaudit; :class:`AuditFileError` for what
    names no file: nothing, a folder (one that is there, or a name ending in a separator), "." or ".."."""
    raw = typed.strip()
    if not raw or Path(raw).name.lower() == AUDIT_SUFFIX:  # ".sfaudit" alone: a suffix, no name
        raise AuditFileError("the audit file needs a name, e.g. plant.sfaudit")
    path = Path(raw).expanduser()
    if raw.endswith(("/", os.sep)) or path.name in ("", ".", "..") or (_exists(path, _NOT_NAMED) and path.is_dir()):
        raise AuditFileError("'{typed}' is a folder, not a file name: name the audit file, e.g. {example}",
                             typed=typed, example=path / "plant.sfaudit")
    return with_audit_suffix(path)


_NOT_NAMED = "{path} cannot be used: {reason}"


class AuditFileError(Exception):
    """The audit file cannot be used; the message says why and what to do (``path``: the file, when known).

    As for :class:`app.core.audit.AuditError`, ``template`` and ``params`` let the GUI say it in its language;
    ``str()`` is the English message.
    """

    def __init__(self, template: str, path: Path | None = None, **params: object) -> None:
        super().__init__(template.format(path=path, **params) if path is not None or params else template)
        self.template = template
        self.params = {"path": path, **params} if path is not None else params
        self.path = path


class DamagedAuditError(AuditFileError):
    pass


class UnfinishedAuditError(DamagedAuditError):
    """A file whose creation was cut short (the program stopped while making it): it holds no audit."""


class MissingAuditError(AuditFileError):
    """No file at that path (moved, renamed, deleted, or on a drive not connected)."""


class NotAnAuditError(AuditFileError):
    """Not damaged, but never an audit file: another program's database, a document, a picture."""


class ReadOnlyAuditError(AuditFileError):
    """Every edit is saved at once, so an audit opens only where the file and its folder can be written."""


class NewerAuditError(AuditFileError):
    pass


class AuditInUseError(AuditFileError):
    pass


_SCHEMA_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE checklist (
    id TEXT PRIMARY KEY, position INTEGER NOT NULL, version TEXT NOT NULL, sha256 TEXT NOT NULL,
    yaml TEXT NOT NULL, model TEXT);
CREATE TABLE profile (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE answer (
    checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, choice TEXT, value REAL, baseline REAL, text TEXT,
    na_reason TEXT, note TEXT, updated_at TEXT NOT NULL,
    PRIMARY KEY (checklist_id, item_id)) WITHOUT ROWID;
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY, checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, filename TEXT NOT NULL,
    media_type TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
    caption TEXT NOT NULL DEFAULT '', added_at TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE finding (
    id INTEGER PRIMARY KEY, checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, severity TEXT NOT NULL,
    description TEXT NOT NULL, created_at TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE action (
    id INTEGER PRIMARY KEY, finding_id INTEGER NOT NULL REFERENCES finding(id), description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '', due TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT 'open',
    removed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, author TEXT NOT NULL, entity TEXT NOT NULL, key TEXT NOT NULL,
    field TEXT NOT NULL, old TEXT, new TEXT);
CREATE INDEX evidence_item ON evidence (checklist_id, item_id);
CREATE INDEX finding_item ON finding (checklist_id, item_id);
CREATE INDEX action_finding ON action (finding_id);
"""

# The stored checklist models get a table of their own: in the checklist row they came after the embedded YAML, and
# SQLite reads a column by walking the row's overflow pages from the start, so every opening read the YAML's
# megabytes too. The version-1 models are of an older format anyway; the next opening writes them anew.
# For the same reason, evidence rows are listed from a covering index: their caption and date come after the photo
# in the row, and reading them from the table read every photo's pages, hundreds of megabytes at every opening.
_SCHEMA_V2 = """
CREATE TABLE checklist_model (id TEXT PRIMARY KEY REFERENCES checklist(id), model BLOB NOT NULL);
UPDATE checklist SET model = NULL;
CREATE INDEX evidence_listing ON evidence (
    removed, id, checklist_id, item_id, filename, media_type, sha256, size, caption, added_at)
"""

# Text being typed (a note, a text answer), saved at every keystroke until the debounced edit saves it for good and
# deletes the draft in the same transaction. A draft left in the file is typing that a crash kept from being saved.
_SCHEMA_V3 = """
CREATE TABLE draft (
    checklist_id TEXT NOT NULL, item_id TEXT NOT NULL, field TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (checklist_id, item_id, field)) WITHOUT ROWID
"""

# The details of a checklist's stored model (see app/core/checklist_cache.py), apart from its summary so that opening
# does not read them: in chunks of DETAIL_CHUNK bytes, so that the details of one item are read with a chunk or two.
# The version-3 models keep their details with them; being of an older format, the next opening writes them anew.
_SCHEMA_V4 = """
CREATE TABLE checklist_detail (
    checklist_id TEXT NOT NULL REFERENCES checklist(id), chunk INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (checklist_id, chunk))
"""
DETAIL_CHUNK = 65536

# Who typed a draft: the edit that a crash kept it from becoming is logged as theirs, whoever opens the file next.
# A version-4 file's drafts say nothing: they are credited, as they were, to the one who opens it.
_SCHEMA_V5 = "ALTER TABLE draft ADD COLUMN author TEXT"

# MIGRATIONS[n] upgrades a file from user_version n to n + 1.
def _run_script(script: str) -> Callable[[sqlite3.Connection], None]:
    # executescript() would COMMIT the surrounding transaction; statements run one by one inside it instead.
    def run(conn: sqlite3.Connection) -> None:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(statement)
    return run


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {
    0: _run_script(_SCHEMA_V1),
    1: _run_script(_SCHEMA_V2),
    2: _run_script(_SCHEMA_V3),
    3: _run_script(_SCHEMA_V4),
    4: _run_script(_SCHEMA_V5),
}


class FileLock:
    """An advisory lock that tells a second program the audit is already open.

    On POSIX it is ``flock`` on the database file itself: independent of SQLite's own fcntl locks, released by
    the kernel when the process dies, and it leaves nothing behind. Elsewhere a sidecar ``.lock`` file is locked.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[bytes] | None = None

    def acquire(self) -> None:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            self._acquire_windows()
            return
        import fcntl

        handle = open(self.path, "rb")  # noqa: SIM115 - held until release()
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            raise AuditInUseError("{path} is already open in another window or program; close it there first "
                                  "(two writers would mix their edits)", self.path) from None
        self.handle = handle

    def _acquire_windows(self) -> None:  # pragma: no cover
        import msvcrt

        locking: Any = getattr(msvcrt, "locking")  # noqa: B009 - absent from the POSIX stubs
        try:
            handle = open(self.path.with_name(self.path.name + ".lock"), "a+b")  # noqa: SIM115
        except OSError:
            raise _read_only(self.path) from None  # the folder cannot be written (os.access ignores ACLs there)
        try:
            locking(handle.fileno(), getattr(msvcrt, "LK_NBLCK"), 1)  # noqa: B009
        except OSError:
            handle.close()
            raise AuditInUseError("{path} is already open in another window or program", self.path) from None
        self.handle = handle

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")


def create_database(path: Path) -> tuple[sqlite3.Connection, FileLock]:
    """Create a new, empty audit database at ``path``; refuses to overwrite anything."""
    _refuse_long_name(path)
    if _exists(path, "cannot create {path}: {reason}"):
        raise AuditFileError("{path} already exists; choose another name (an audit file is never overwritten)", path)
    if path.parent.is_dir() and _nobody_writes(path.parent):  # root could, and the audit would then not open
        raise AuditFileError("cannot create {path}: the folder is read-only; choose another", path)
    try:
        path.touch(exist_ok=False)
    except OSError as error:
        raise AuditFileError("cannot create {path}: {reason}", path, reason=error.strerror or error) from None
    lock = FileLock(path)
    lock.acquire()
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        _configure(conn)
        with transaction(conn):
            conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
            _migrate(conn, 0)
    except BaseException:
        conn.close()
        lock.release()
        _remove_database_files(path)
        raise
    return conn, lock


def open_database(path: Path, *, check: bool = True, migrate: bool = True) -> tuple[sqlite3.Connection, FileLock]:
    """Open an existing audit file after checking that it is ours, intact and not newer than this program.

    ``check=False`` leaves the integrity check to the caller (:class:`IntegrityCheck`), except before a migration:
    nothing is written to a file before it has been checked. ``migrate=False`` leaves an older file's upgrade to
    the caller (:func:`migrate`), to run once the file has been read without finding damage.
    """
    _check_header(path)
    _check_writable(path)
    lock = FileLock(path)
    lock.acquire()
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as error:
        lock.release()
        raise AuditFileError("cannot open {path}: {reason}", path, reason=error) from None
    try:
        _check_identity(conn, path)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if check or version < SCHEMA_VERSION:
            _check_integrity(conn, path)
        _configure(conn)
        if migrate:
            upgrade(conn, path)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        close_database(conn, lock, fold=False)
        if "readonly" in str(error) or "read-only" in str(error):
            raise _read_only(path) from None
        raise damaged_file(path, damage_described(error)) from None
    except BaseException:
        close_database(conn, lock, fold=False)
        raise
    return conn, lock


def open_database_for_reading(path: Path) -> tuple[sqlite3.Connection, ReadLock]:
    """Open an existing audit file to read it only, after the same checks as :func:`open_database`, none of which
    writes: no upgrade, and a file or folder that cannot be written is read as it is. The connection refuses any
    write. The :class:`ReadLock` says whether the app (or another writer) has the file open; release it once
    the reading is done."""
    _check_header(path)
    lock = ReadLock(path)
    try:
        conn = _connect_for_reading(path, unchanging=lock.acquire() and not _log_beside(path))
    except BaseException:
        lock.release()
        raise
    try:
        _check_identity(conn, path)
        _check_integrity(conn, path)
        conn.execute("PRAGMA query_only = ON")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as error:
        conn.close()
        lock.release()
        raise damaged_file(path, damage_described(error)) from None
    except BaseException:
        conn.close()
        lock.release()
        raise
    return conn, lock


class ReadLock:
    """A shared ``flock`` on the audit file while it is read: every writer (the app, ``answer``) holds an exclusive
    one (:class:`FileLock`). Taken, nobody writes the file until it is released; not taken, a writer has it open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[bytes] | None = None
        self.writer_present = False

    def acquire(self) -> bool:
        """True when no writer has the file open (and none can open it until :meth:`release`)."""
        if sys.platform == "win32":  # pragma: no cover - its sidecar lock is a writer's only: assume one
            self.writer_present = True
            return False
        import fcntl

        try:
            handle = open(self.path, "rb")  # noqa: SIM115 - held until release()
        except OSError:
            return False
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            self.writer_present = True
            return False
        self.handle = handle
        return True

    def release(self) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def _connect_for_reading(path: Path, *, unchanging: bool) -> sqlite3.Connection:
    """A read-only connection. A file that nobody writes meanwhile (no writer has it, none can open it while the
    :class:`ReadLock` is held) and that has no log beside it is read as unchanging: SQLite then makes no files of its
    own beside it, which a reader could not remove (nor make, in a folder it cannot write). Otherwise SQLite reads
    the log too, as the app left it or keeps it."""
    mode = "mode=ro&immutable=1" if unchanging else "mode=ro"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?{mode}", uri=True, isolation_level=None,
                               check_same_thread=False)
    except sqlite3.Error as error:
        raise AuditFileError("cannot open {path}: {reason}", path, reason=error) from None
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:  # a log SQLite cannot read here (its index cannot be made)
        conn.close()
        raise AuditFileError("cannot read {path}: {reason}; copy it, with its “-wal” file beside it, to a folder "
                             "you can write to and read the copy", path, reason=error) from None
    except sqlite3.DatabaseError:  # damage, found and said by the checks that follow
        pass
    return conn


def _log_beside(path: Path) -> bool:
    """A write-ahead log or a rollback journal beside the file: what it holds belongs to the file."""
    try:
        return any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-journal"))
    except OSError:
        return True


def _check_header(path: Path) -> None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        raise MissingAuditError("{path} does not exist", path) from None
    except OSError as error:
        raise AuditFileError("cannot read {path}: {reason}", path, reason=error.strerror or error) from None
    if not header:  # an audit file is never empty: a copy that failed, or a file cut short
        raise damaged_file(path, "the file is empty")
    if header != SQLITE_HEADER:
        raise NotAnAuditError("{path} is not an audit file (it is not an SQLite database); it was not changed",
                              path)


def _check_writable(path: Path) -> None:
    """SQLite would open a read-only file and fail only at the first write (or call it damaged). A file or folder
    that nobody may write (no write bit) is read-only also to an administrator, whom ``os.access`` lets write."""
    folder = path.resolve().parent
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK) or _nobody_writes(path) \
            or _nobody_writes(folder):
        raise _read_only(path)


def _nobody_writes(path: Path) -> bool:
    if sys.platform == "win32":  # its read-only attribute clears the write bits, and os.access already reads it
        return False
    try:
        return not path.stat().st_mode & 0o222
    except OSError:
        return False


def _wal_beside(path: Path) -> bool:
    try:
        return path.with_name(path.name + "-wal").exists()
    except OSError:
        return False


def _read_only(path: Path) -> ReadOnlyAuditError:
    if _wal_beside(path):  # the last edits of a program that was stopped are in it
        return ReadOnlyAuditError("{path} cannot be written (the file or its folder is read-only); every edit is "
                                  "saved at once, so copy the file, with its “-wal” file beside it, to a folder you "
                                  "can write to and open the copy", path)
    return ReadOnlyAuditError("{path} cannot be written (the file or its folder is read-only); every edit is saved "
                              "at once, so copy the file to a folder you can write to and open the copy", path)


def _check_identity(conn: sqlite3.Connection, path: Path) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise NotAnAuditError("{path} is an SQLite database but not an audit file of this program; it was not "
                              "changed", path)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerAuditError("{path} was written by a newer version of the audit desk (file format {version}, "
                              "this program reads up to {known}); update the program to open it", path,
                              version=version, known=SCHEMA_VERSION)


def _check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    problem = _integrity_problem(conn.execute("PRAGMA quick_check").fetchall())
    if problem is not None:
        raise damaged_file(path, problem)


def _integrity_problem(rows: list[tuple[Any, ...]]) -> str | None:
    if rows == [("ok",)]:
        return None
    lines = [line for row in rows for line in str(row[0]).splitlines() if not line.startswith("***")]
    return "; ".join(lines[:2])[:200] + (f"; and {len(lines) - 2} more problems" if len(lines) > 2 else "")


def damage_described(error: Exception) -> str:
    """What SQLite found damaged. Its message can quote the damaged bytes, and Python then cannot read the message
    (UnicodeDecodeError instead of a DatabaseError)."""
    if isinstance(error, UnicodeDecodeError):
        return "SQLite's own records of its tables hold unreadable bytes"
    return str(error)


def damaged_file(path: Path, problem: str) -> DamagedAuditError:
    return DamagedAuditError("{path} is damaged ({problem}); it was not changed. Use a backup copy.", path,
                             problem=problem)


class IntegrityCheck:
    """``PRAGMA quick_check`` of an audit file on a read-only connection of its own, in a thread.

    The check reads the whole file: about a quarter of a second for 300 MB of photos. SQLite does not hold Python's
    GIL meanwhile, so the audit loads and its window is built while the file is checked, instead of after.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._problem: str | None = None
        self._cancelled = False
        self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._thread = threading.Thread(target=self._run, name=f"check {path.name}", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._problem = _integrity_problem(self._conn.execute("PRAGMA quick_check").fetchall())
        except (sqlite3.Error, UnicodeDecodeError) as error:
            self._problem = damage_described(error)
        except Exception as error:  # a check that could not run must not pass the file as sound
            self._problem = f"the check could not run: {error}"
        finally:
            self._conn.close()

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def result(self) -> None:
        """Wait for the check; raises :class:`DamagedAuditError` when the file is damaged."""
        self._thread.join()
        if self._problem is not None and not self._cancelled:
            raise damaged_file(self.path, self._problem)

    def cancel(self) -> None:
        """Stop a check still running (the audit is being closed)."""
        if not self.done:
            self._cancelled = True
            with contextlib.suppress(sqlite3.ProgrammingError):  # it has just finished and closed its connection
                self._conn.interrupt()
        self._thread.join()


def upgrade(conn: sqlite3.Connection, path: Path) -> None:
    """Migrate an older file to this program's schema, in one transaction (all or nothing)."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version >= SCHEMA_VERSION:
        return
    try:
        with transaction(conn):
            _migrate(conn, version)
    except sqlite3.Error as error:
        raise AuditFileError(f"{path} cannot be brought up to this program's file format ({error}); it was not "
                             "changed") from None


def _migrate(conn: sqlite3.Connection, version: int) -> None:
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](conn)
        version += 1
        conn.execute(f"PRAGMA user_version={version}")


class transaction:  # noqa: N801 - used like a function: ``with transaction(conn):``
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any error."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def close_database(conn: sqlite3.Connection, lock: FileLock, *, fold: bool = True) -> None:
    """Fold the write-ahead log into the file so that the one file is complete on its own, then close.

    ``fold=False`` closes a file that was refused (damaged, newer, not an audit) leaving it and its log byte for
    byte as they were found: they are what a backup or a repair starts from.
    """
    try:
        if fold:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            _close_without_folding(conn, lock.path)
    finally:
        conn.close()
        lock.release()


def _close_without_folding(conn: sqlite3.Connection, path: Path) -> None:
    """Closing SQLite's last connection to a file folds its write-ahead log into it. A read-only connection open
    meanwhile makes ``conn`` not the last, and cannot fold the log itself (Python 3.11's sqlite3 has no
    SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE). An empty log holds nothing to fold: SQLite then removes the log it made."""
    log = Path(f"{path.resolve()}-wal")  # SQLite names the log after the file a link leads to
    if not log.exists() or log.stat().st_size == 0:
        conn.close()
        return
    try:
        witness: sqlite3.Connection | None = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        witness = None
    try:
        if witness is not None:
            with contextlib.suppress(sqlite3.Error, UnicodeDecodeError):  # the read opens the log: holds the file
                witness.execute("PRAGMA schema_version").fetchone()
        conn.close()
    finally:
        if witness is not None:
            witness.close()


def backup_database(conn: sqlite3.Connection, target: Path) -> None:
    """Save a consistent copy with SQLite's backup API (never a file copy of an open database)."""
    _refuse_long_name(target)
    if _exists(target, "cannot write {path}: {reason}"):
        raise AuditFileError("{path} already exists; choose another name (an audit file is never overwritten)",
                             target)
    folder = target.parent
    if not folder.is_dir():
        raise AuditFileError("the folder {folder} does not exist; choose another", target, folder=folder)
    try:  # os.access says yes on Windows, and to root: a file made and gone says it for sure
        if _nobody_writes(folder):  # root could write it, and the copy would then not open (it is read-only)
            raise OSError
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError:
        raise AuditFileError("the folder {folder} cannot be written; choose another", target,
                             folder=folder) from None
    try:
        dest = sqlite3.connect(target)
    except sqlite3.Error as error:
        raise AuditFileError("cannot write {path}: {reason}", target, reason=error) from None
    try:
        conn.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        dest.close()
        _remove_database_files(target)
        raise AuditFileError("cannot write {path}: {reason}", target, reason=error) from None
    dest.close()


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
