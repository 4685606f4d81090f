"""Compile every .po file of Simpul into .mo with polib (no system gettext needed).

    python -m simpul.core.i18n          compile
    python -m simpul.core.i18n --check  exit 1 if any English string is untranslated or fuzzy
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def po_files() -> list[Path]:
    return sorted(ROOT.glob("**/locale/*/LC_MESSAGES/django.po"))


def compile_all() -> int:
    n = 0
    for po_path in po_files():
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        n += 1
    return n


def untranslated() -> list[str]:
    problems = []
    for po_path in po_files():
        po = polib.pofile(str(po_path))
        for entry in po:
            if entry.obsolete:
                continue
            if not entry.translated() or "fuzzy" in entry.flags:
                problems.append(f"{po_path.relative_to(ROOT)}: {entry.msgid[:60]!r}")
    return problems


if __name__ == "__main__":
    if "--check" in sys.argv:
        missing = untranslated()
        for line in missing:
            print(line)
        sys.exit(1 if missing else 0)
    print(f"compiled {compile_all()} catalogues")
