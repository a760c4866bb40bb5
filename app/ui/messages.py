"""The core's refusals (edits, files) in the interface language.

The core raises English messages with their parts kept (``template`` and ``params``); the CLI prints them as they
are, and the GUI says them through :func:`error_text`, in Chinese where a translation is registered here.
"""

from __future__ import annotations

from app.i18n import add_translations, tr

add_translations({
    # edits (app.core.audit)
    "{name} is larger than {limit} MiB": "{name} 大于 {limit} MiB",
    "{name} is empty (0 bytes): there is nothing in it to keep as evidence":
        "{name} 是空文件（0 字节），没有可作为证据的内容",
    "{name} is already evidence of this item, as {existing}": "{name} 已是本条目的证据（{existing}）",
    "cannot read {path}: {reason}": "无法读取 {path}：{reason}",
    "the folder {folder} does not exist; choose another": "文件夹 {folder} 不存在，请另选位置",
    "the folder {folder} cannot be written; choose another": "文件夹 {folder} 不可写入，请另选位置",
    "the text is longer than {limit} characters": "文本超过 {limit} 个字符",
    "due date '{value}' is not a date like 2026-12-31": "期限“{value}”不是形如 2026-12-31 的日期",
    "a finding needs a description": "问题需要描述",
    "a corrective action needs a description": "整改措施需要描述",
    "N/A needs a written reason: say why the item does not apply to this factory":
        "不适用需要书面理由：请说明该条目为何不适用于本工厂",
    "the value must be a finite number": "数值必须是有限的数字",
    "the edit could not be saved ({reason}); nothing was changed": "修改无法保存（{reason}）；未作任何改动",
    "{path}: what was typed before the program last stopped could not be saved ({reason}); nothing was changed. "
    "Free some disk space and open it again.":
        "{path}：程序上次停止前输入的内容无法保存（{reason}）；未作任何改动。请释放磁盘空间后再打开。",
    # audit files (app.core.store)
    "{path} already exists; choose another name (an audit file is never overwritten)":
        "{path} 已存在，请换一个名称（审核文件从不覆盖）",
    "cannot create {path}: {reason}": "无法创建 {path}：{reason}",
    "cannot create {path}: the folder is read-only; choose another": "无法创建 {path}：文件夹为只读，请另选",
    "{path} was never finished: the program stopped while creating it, so it holds no audit; delete it and create "
    "the audit again": "{path} 未创建完成：程序在创建时停止，文件中没有审核内容；请删除该文件并重新创建审核",
    "its factory profile cannot be read": "其中的工厂档案无法读取",
    "its checklists are missing": "其中的检查清单缺失",
    "the stored copy of {name} is damaged (it no longer matches its SHA-256); take it from a backup copy of the "
    "audit, if there is one": "{name} 的存储副本已损坏（与其 SHA-256 不再一致）；如有审核的备份副本，请从中取用",
    "{path} is damaged: evidence #{number} cannot be read ({reason}); take it from a backup copy of the audit, "
    "if there is one": "{path} 已损坏：证据 #{number} 无法读取（{reason}）；如有审核的备份副本，请从中取用",
    "the file name {name} is too long; choose a shorter one": "文件名 {name} 太长，请换一个短一些的名称",
    "cannot write {path}: {reason}": "无法写入 {path}：{reason}",
    "{path} is already open in another window or program; close it there first (two writers would mix their "
    "edits)": "{path} 已在另一个窗口或程序中打开；请先在那里关闭（两处同时写入会混淆编辑）",
    "{path} is already open in another window or program": "{path} 已在另一个窗口或程序中打开",
    "cannot open {path}: {reason}": "无法打开 {path}：{reason}",
    "{path} does not exist": "{path} 不存在",
    "{path} is not an audit file (it is not an SQLite database); it was not changed":
        "{path} 不是审核文件（不是 SQLite 数据库）；文件未作改动",
    "{path} is an SQLite database but not an audit file of this program; it was not changed":
        "{path} 是 SQLite 数据库，但不是本程序的审核文件；文件未作改动",
    "{path} was written by a newer version of the audit desk (file format {version}, this program reads up to "
    "{known}); update the program to open it":
        "{path} 由更新版本的审核台写入（文件格式 {version}，本程序最高可读 {known}）；请更新程序后再打开",
    "{path} is damaged ({problem}); it was not changed. Use a backup copy.":
        "{path} 已损坏（{problem}）；文件未作改动。请使用备份副本。",
    "{path} cannot be written (the file or its folder is read-only); every edit is saved at once, so copy the "
    "file, with its “-wal” file beside it, to a folder you can write to and open the copy":
        "无法写入 {path}（文件或其所在文件夹为只读）；每次编辑都会立即保存，请将该文件连同旁边的“-wal”文件一起"
        "复制到可写的文件夹后打开副本",
    "{path} cannot be written (the file or its folder is read-only); every edit is saved at once, so copy the "
    "file to a folder you can write to and open the copy":
        "无法写入 {path}（文件或其所在文件夹为只读）；每次编辑都会立即保存，请将文件复制到可写的文件夹后打开副本",
})


def error_text(error: BaseException) -> str:
    """The error's message in the interface language (as it is, where no translation is known)."""
    template = getattr(error, "template", None)
    params = getattr(error, "params", None)
    if not isinstance(template, str) or not isinstance(params, dict):
        return str(error)
    try:
        return tr(template, **params)
    except (KeyError, IndexError, ValueError):  # a translation whose fields do not match: the English text
        return str(error)
