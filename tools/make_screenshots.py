"""Take the README's screenshots of the audit window, in Chinese and in English, on a fresh copy of the demo audit.

The window is 1600 x 1000 with workshop item WS12.3 selected (an answer, a note and a finding with two actions).
Usage: ``QT_QPA_PLATFORM=offscreen python tools/make_screenshots.py [OUT_DIR]`` (default resources/screenshots).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.audit import ItemRef  # noqa: E402
from app.core.demo import build_demo_audit  # noqa: E402
from app.ui import settings  # noqa: E402

SHOWN_ITEM = ItemRef("miit-workshop", "WS12.3")


def take(language: str, folder: Path, out: Path) -> Path:
    from app.ui.language import apply_language
    from app.ui.main_window import MainWindow

    apply_language(language)
    window = MainWindow()
    window.resize(1600, 1000)
    assert window.open_audit(build_demo_audit(folder / f"demo-{language}.sfaudit"))
    window.show()
    assert window.view is not None and window.view.select_ref(SHOWN_ITEM)
    for _ in range(5):  # layout, the deferred splitter sizes, the first paint
        QApplication.processEvents()
    target = out / f"audit-window-{language}.png"
    window.grab().save(str(target))
    window.close()
    return target


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshots"
    with tempfile.TemporaryDirectory() as folder:
        settings.use_file(Path(folder) / "settings.ini")
        from app.ui.application import create_application

        app = create_application()
        for language in ("zh", "en"):
            print(take(language, Path(folder), out))
        app.quit()


if __name__ == "__main__":
    main()
