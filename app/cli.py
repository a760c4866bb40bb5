"""The command line: the same core as the GUI, for scripts (see README, "Command line")."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from app import __version__
from app.core.numbers import parse_number

COMMANDS = ("validate", "new", "answer", "show")


class UsageError(Exception):
    """Wrong usage that argparse cannot see (exit 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="The smart-factory audit desk. Without a command it opens the desktop application.",
        epilog="Exit codes: 0 success, 1 invalid input (messages say where and why), 2 wrong usage.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check checklist files; problems as FILE:LINE:COL: message")
    validate.set_defaults(usage=validate)
    validate.add_argument("paths", nargs="+", metavar="PATH", help="checklist files or folders")

    new = commands.add_parser("new", help="create a new audit file")
    new.set_defaults(usage=new)
    new.add_argument("audit", metavar="AUDIT", help="the audit file to create (*.sfaudit)")
    new.add_argument("--checklist", action="append", required=True, metavar="PATH",
                     help="a checklist file or folder (repeatable)")
    new.add_argument("--factory", required=True, metavar="NAME", help="the factory's name")
    new.add_argument("--credit-code", default="", help="unified social credit code (18 characters, checked)")
    new.add_argument("--industry", default="")
    new.add_argument("--address", default="")
    new.add_argument("--contacts", default="")
    new.add_argument("--start-date", default="", metavar="YYYY-MM-DD")
    new.add_argument("--end-date", default="", metavar="YYYY-MM-DD")
    new.add_argument("--auditor", action="append", default=[], metavar="NAME", help="an auditor (repeatable)")
    new.add_argument("--scope", default="")
    new.add_argument("--tags", default="", metavar="TAG,TAG",
                     help="tags that select applicable items (no tags: every item applies)")
    new.add_argument("--author", metavar="NAME",
                     help="who created the audit, as the file records it (default: the login name)")

    answer = commands.add_parser("answer", help="record an answer, N/A, a KPI value or a note (all or nothing)")
    answer.set_defaults(usage=answer)
    answer.add_argument("audit", metavar="AUDIT")
    answer.add_argument("item", metavar="ITEM_ID", help="an item id, or CHECKLIST_ID:ITEM_ID")
    kind = answer.add_mutually_exclusive_group()
    kind.add_argument("--answer", metavar="CODE", help="an answer code of the item's scale (e.g. full, yes)")
    kind.add_argument("--value", metavar="N", help="the current value of a KPI item")
    kind.add_argument("--text", metavar="TEXT", help="the answer of a text item (an empty one clears it)")
    kind.add_argument("--na", metavar="REASON", help="not applicable, with the reason")
    answer.add_argument("--baseline", metavar="N", help="the KPI's value before the upgrade")
    answer.add_argument("--note", metavar="TEXT", help="the auditor's note on the item")
    answer.add_argument("--author", metavar="NAME",
                        help="who made the edit, as the change log records it (default: the login name)")

    # argparse takes "-1,5" or "-12,345.6" for an option, as it knows only "-5" and "-0.5" as negative numbers
    answer._negative_number_matcher = re.compile(r"^-(\d[\d,. \u00a0\u202f\u2009\u3000]*|[.,]\d+)$")

    show = commands.add_parser("show", help="progress, scores and verdicts per checklist and section")
    show.set_defaults(usage=show)
    show.add_argument("audit", metavar="AUDIT")
    show.add_argument("--json", action="store_true", help="machine-readable output (documented in the README)")
    return parser


def _typed_number(option: str, typed: str) -> float:
    """A KPI number read as the GUI's number fields read it: 1,5 or １２。５ are taken, 1e5 is not (exit 1)."""
    try:
        value = parse_number(typed)
    except ValueError:
        value = None
    if value is None:
        from app.core.numbers import MAX_DIGITS, as_ascii, significant_digits

        if as_ascii(typed).replace(",", "").replace(".", "").lstrip("+-").isdigit() \
                and significant_digits(as_ascii(typed)) > MAX_DIGITS:
            _fail(f"{option}: {typed!r} has more than {MAX_DIGITS} significant digits, more than a stored number "
                  "keeps exactly")
        _fail(f"{option}: {typed!r} is not a plain number (such as 85, 1,5 or 12,345.6)")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    _speak_utf8_where_chinese_cannot_be_written()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    handler = {"validate": cmd_validate, "new": cmd_new, "answer": cmd_answer, "show": cmd_show}[args.command]
    try:
        code = handler(args)
        if sys.stdout is not None:
            sys.stdout.flush()  # here, where a reader gone away (``| head``) can still be handled
        return code
    except UsageError as error:
        args.usage.error(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early: done quietly, as a tool ended by SIGPIPE (128 + 13)
        devnull = os.open(os.devnull, os.O_WRONLY)  # Python would flush stdout again at exit, and fail again
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as error:  # every user error is one of the core's own exceptions, reported plainly
        from app.core.errors import is_user_error

        if not is_user_error(error):
            raise
        _fail(str(error))
    return 1


def _speak_utf8_where_chinese_cannot_be_written() -> None:
    """Output redirected on a Windows machine set to a Western code page would fail at the first Chinese
    character: such streams write UTF-8 instead (a Chinese code page, or a console, is left as it is)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        try:
            "审核".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(encoding="utf-8", errors=stream.errors)


def _fail(message: str) -> NoReturn:
    print(f"error: {message}", file=sys.stderr)
    raise SystemExit(1)


def _with_unit(value: float, unit: str) -> str:
    """85%, 12 days: a space before a word, none before a percent sign."""
    from app.core.checklist import format_number

    return f"{format_number(value)}{'' if unit in ('', '%', '‰') else ' '}{unit}"


def cmd_validate(args: argparse.Namespace) -> int:
    from app.core.checklist_yaml import validate_paths

    files, problems = validate_paths(args.paths)
    for problem in problems:
        print(problem)
    if problems:
        with_problems = len({problem.file for problem in problems})
        print(f"{len(problems)} problem(s) in {with_problems} file(s); {files} file(s) read", file=sys.stderr)
        return 1
    print(f"{files} checklist file(s) valid", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from app.core.audit import Audit
    from app.core.checklist_yaml import ChecklistError, LoadedChecklist, load_checklist_file, validate_paths
    from app.core.profile import Profile, ProfileError

    try:
        profile = Profile.from_dict({
            "name": args.factory, "credit_code": args.credit_code, "industry": args.industry,
            "address": args.address, "contacts": args.contacts, "start_date": args.start_date,
            "end_date": args.end_date, "auditors": args.auditor, "scope": args.scope, "tags": args.tags,
        })
    except ProfileError as error:  # said with the option the field was given by
        option = PROFILE_OPTIONS.get(error.field, f"--{error.field.replace('_', '-')}")
        _fail(f"{option}: {str(error).removeprefix(error.field).lstrip(' :')}")
    loaded: list[LoadedChecklist] = []
    problems = []
    for path in _expand(args.checklist):
        try:
            loaded.append(load_checklist_file(path))
        except ChecklistError as error:
            problems.extend(error.problems)
    if not loaded and not problems:
        _, problems = validate_paths(args.checklist)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        _fail("the audit was not created: fix the checklist problems above")
    _check_tags(profile.tags, [c.checklist for c in loaded])

    from app.core.store import new_audit_file

    target = new_audit_file(args.audit)  # ending in .sfaudit, as New audit names it: the Open dialog finds it
    with Audit.create(target, loaded, profile, _author(args)) as audit:
        items = sum(c.item_count for c in audit.checklists)
        print(f"created {target}: {profile.name}, {len(audit.checklists)} checklist(s), {items} items")
    return 0


def _existing_audit(typed: str) -> str:
    """The audit file named, or the one ``new`` made of that name (``new plant`` makes plant.sfaudit)."""
    from pathlib import Path

    from app.core.store import with_audit_suffix

    path = Path(typed)
    try:
        if not path.exists() and path.name and with_audit_suffix(path).is_file():
            return str(with_audit_suffix(path))
    except (OSError, ValueError):  # a name the system cannot ask about: opening says why
        pass
    return typed


PROFILE_OPTIONS = {"name": "--factory", "auditors": "--auditor"}  # the fields not named as their options


def _author(args: argparse.Namespace) -> str | None:
    """--author, else None (the core then records the login name)."""
    return (args.author or "").strip() or None


def _expand(paths: Sequence[str]) -> list[str]:
    from pathlib import Path

    from app.core.checklist_yaml import CHECKLIST_SUFFIXES

    result: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            result.extend(str(p) for p in sorted(path.iterdir()) if p.suffix.lower() in CHECKLIST_SUFFIXES)
        else:
            result.append(raw)
    return result


def _check_tags(tags: Sequence[str], checklists: Sequence[Any]) -> None:
    known = {tag.id for checklist in checklists for tag in checklist.tags}
    unknown = [tag for tag in tags if tag not in known]
    if unknown:
        _fail(f"tag '{unknown[0]}' is not declared by any of the checklists; known tags: "
              f"{', '.join(sorted(known)) or '(none)'}")


ANSWER_OPTIONS = {"answer": "choice", "value": "value", "text": "text", "na": "na_reason", "baseline": "baseline",
                  "note": "note"}  # option: the answer field it sets


def cmd_answer(args: argparse.Namespace) -> int:
    from app.core.audit import Audit

    fields = {field: getattr(args, option) for option, field in ANSWER_OPTIONS.items()
              if getattr(args, option) is not None}
    if not fields:
        raise UsageError("answer needs one of --answer, --value, --text, --na (and/or --baseline, --note)")
    for field in ("value", "baseline"):
        if field in fields:
            fields[field] = _typed_number(f"--{field}", fields[field])
    clearing = "text" in fields and not fields["text"].strip()  # an empty text answers nothing: it clears one
    if clearing:
        fields["text"] = ""
    with Audit.open(_existing_audit(args.audit), _author(args)) as audit:
        _tell_recovered(audit)
        ref = audit.resolve(args.item)
        had_text = bool(audit.answer(ref).text)
        audit.record(ref, **fields)  # one edit: when one option is refused, none is written
        cleared = "text answer cleared; now " if clearing and had_text else ""
        print(f"{ref}: {cleared}{_describe_answer(audit, ref)}")
    return 0


def _tell_recovered(audit: Any) -> None:
    """Opening saved typing that a crash of the desktop app had left unsaved: say so (it is one logged edit)."""
    from app.core.audit import action_draft_fields
    from app.core.records import DRAFT_FIELD_NAMES

    fields = [_draft_place(draft) for draft in audit.recovered_drafts]
    if fields:
        print(f"recovered what was typed but not saved when the app last stopped: {', '.join(fields)}",
              file=sys.stderr)
    for draft in audit.dropped_numbers:
        print(f"not recovered: '{draft.text}', typed in the {DRAFT_FIELD_NAMES[draft.field]} of {draft.ref} when "
              "the app last stopped, is not a number", file=sys.stderr)
    for draft in audit.actions_without_description:
        typed = action_draft_fields(draft.text)
        print(f"not recovered: a corrective action on {draft.ref} had no description yet when the app last stopped "
              f"(owner: {typed['owner'] or '-'}; due: {typed['due'] or '-'})", file=sys.stderr)


def _draft_place(draft: Any) -> str:
    """"the note of S1:I1", "the factory profile"."""
    from app.core.audit import AUDIT_REF, draft_field_name

    name = f"the {draft_field_name(draft.field)}"
    return name if draft.ref == AUDIT_REF else f"{name} of {draft.ref}"


def _tell_unsaved(audit: Any) -> None:
    """Typing that a crash of the desktop app left unsaved, and that this command leaves for the app to recover."""
    from app.core.audit import action_draft_fields
    from app.core.records import DRAFT_FIELD_NAMES

    fields = [_draft_place(draft) for draft in audit.unsaved_typing()]
    if fields:
        print(f"typed but not saved when the app last stopped: {', '.join(fields)}; opening the audit in the app "
              "saves it (and Ctrl+Z there takes it back)", file=sys.stderr)
    numbers, actions = audit.unusable_typing()
    for draft in numbers:
        print(f"typed but not saved when the app last stopped, and not a number: '{draft.text}' in the "
              f"{DRAFT_FIELD_NAMES[draft.field]} of {draft.ref}", file=sys.stderr)
    for draft in actions:
        typed = action_draft_fields(draft.text)
        print(f"typed but not saved when the app last stopped: a corrective action on {draft.ref} without a "
              f"description yet (owner: {typed['owner'] or '-'}; due: {typed['due'] or '-'})", file=sys.stderr)


def _describe_answer(audit: Any, ref: Any) -> str:

    answer = audit.answer(ref)
    item = audit.item(ref)
    parts = []
    if answer.is_na:  # what was answered before stays stored under the N/A, but does not count: not said
        parts.append(f"N/A ({answer.na_reason})")
    else:
        if answer.choice is not None:
            parts.append(answer.choice)
        if answer.value is not None:
            parts.append(_with_unit(answer.value, item.unit))
        if answer.baseline is not None:
            parts.append(f"baseline {_with_unit(answer.baseline, item.unit)}")
        if answer.text:
            parts.append(repr(answer.text))
    if answer.note:
        parts.append(f"note {answer.note!r}")
    return ", ".join(parts) or "unanswered"


def cmd_show(args: argparse.Namespace) -> int:
    from app.core.audit import Audit
    from app.core.summary import audit_summary, format_summary

    # also one open in the app; the typing a crash kept unsaved is for the app's opening to save
    with Audit.open_for_reading(_existing_audit(args.audit)) as audit:
        if audit.open_elsewhere:  # its drafts are typing in progress there, not a crash's
            print("the audit is open in the app: shown as last saved there", file=sys.stderr)
        else:
            _tell_unsaved(audit)
        summary = audit_summary(audit)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(format_summary(summary))
    return 0
