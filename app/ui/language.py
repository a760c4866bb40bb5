"""Switching the interface language: our own texts (app.i18n) and Qt's (standard buttons, dialogs, menus)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import i18n

_installed: list[QTranslator] = []


def apply_language(lang: str) -> None:
    """Use ``lang`` (zh or en) for every text built from now on, including Qt's own dialogs."""
    i18n.set_language(lang)
    app = QCoreApplication.instance()
    if app is None:
        return
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    if lang != "zh":
        return
    gaps = _QtGaps(app)  # installed first: consulted only for what Qt's own translation lacks
    app.installTranslator(gaps)
    _installed.append(gaps)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _installed.append(translator)
            break


_QT_GAPS = {  # (context, source text): translation
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
}


class _QtGaps(QTranslator):
    """The texts of Qt's own dialogs that its Chinese translation lacks: Qt 6 changed their source texts (the file
    dialog's "&Look in:" was "Look in:"), so the file dialog said "Look in:", "Files of type:" and "Folder"."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        return _QT_GAPS.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
