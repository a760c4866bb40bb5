"""The PySide6 desktop application: the only package that imports Qt."""

from app.ui.pyside_startup import skip_feature_scan

skip_feature_scan()  # first: before the window's modules are imported
