"""Qt-free core: checklists, the audit file, scoring."""
