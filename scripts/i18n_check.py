"""Check that every app's English catalogue is complete and up to date.

    .venv/bin/python scripts/i18n_check.py            # all apps under simpul/
    .venv/bin/python scripts/i18n_check.py core api   # only these apps

For every app under simpul/ that has a locale/ directory or any translatable string, Django's
makemessages extracts the msgids (Python and templates) from a temporary copy of the app, and
the check fails when:

- the app has translatable strings but no simpul/<app>/locale/en/LC_MESSAGES/django.po;
- a msgid in the source is missing from the committed catalogue (run makemessages);
- the committed catalogue has msgids no longer in the source (stale; run makemessages);
- a msgstr is empty or marked fuzzy.

The strings of the top-level modules of simpul/ (the ground's validators, ...) belong to core's
catalogue.

Needs GNU gettext (xgettext), like makemessages itself. Exit status 0 when all is well.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS_DIR = ROOT / "simpul"
_SKIP = shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "static", "static_vendor", "node_modules")

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simpul.settings")
    os.environ.setdefault("SIMPUL_DEMO", "1")  # secrets for a throwaway var dir, never production
    os.environ.setdefault("SIMPUL_VAR_DIR", tempfile.mkdtemp(prefix="simpul-i18n-var-"))
    import django

    django.setup()


def app_dirs(names: list[str]) -> list[Path]:
    dirs = sorted(p.parent for p in APPS_DIR.glob("*/apps.py"))
    if names:
        dirs = [d for d in dirs if d.name in names]
    return dirs


def _key(entry: object) -> Key:
    return (getattr(entry, "msgctxt", None) or "", entry.msgid, getattr(entry, "msgid_plural", "") or "")  # type: ignore[attr-defined]


def extract(app_dir: Path) -> set[Key]:
    """msgids makemessages finds in ``app_dir`` (run on a temporary copy, nothing is written in the tree)."""
    import polib
    from django.core.management import call_command

    with tempfile.TemporaryDirectory(prefix="simpul-i18n-") as tmp:
        copy = Path(tmp) / app_dir.name
        shutil.copytree(app_dir, copy, ignore=_SKIP)
        if app_dir.name == "core":
            # The ground's top-level modules (simpul/validators.py, ...) have no app of their own:
            # their strings live in core's catalogue.
            (copy / "_ground").mkdir()
            for module in APPS_DIR.glob("*.py"):
                if module.name.startswith("settings"):
                    continue  # language names there are Django's own
                shutil.copy(module, copy / "_ground" / module.name)
        (copy / "locale").mkdir()
        cwd = os.getcwd()
        try:
            os.chdir(copy)
            call_command("makemessages", locale=["en"], verbosity=0, no_location=True, no_obsolete=True)
        finally:
            os.chdir(cwd)
        po_path = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"
        if not po_path.exists():
            return set()
        return {_key(e) for e in polib.pofile(str(po_path)) if not e.obsolete}


def check_app(app_dir: Path) -> list[str]:
    import polib

    problems: list[str] = []
    name = app_dir.name
    po_path = app_dir / "locale" / "en" / "LC_MESSAGES" / "django.po"
    has_locale = (app_dir / "locale").is_dir()
    source = extract(app_dir)
    if not source and not has_locale:
        return []
    if not po_path.exists():
        problems.append(f"{name}: {len(source)} translatable strings but no locale/en/LC_MESSAGES/django.po")
        return problems
    po = polib.pofile(str(po_path))
    entries = [e for e in po if not e.obsolete]
    committed = {_key(e) for e in entries}
    for key in sorted(source - committed):
        problems.append(f"{name}: missing msgid {key[1][:70]!r} (run makemessages -l en in simpul/{name})")
    for key in sorted(committed - source):
        problems.append(f"{name}: stale msgid {key[1][:70]!r} is no longer in the source")
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"{name}: fuzzy msgstr for {entry.msgid[:70]!r}")
        elif not entry.translated():
            problems.append(f"{name}: empty msgstr for {entry.msgid[:70]!r}")
    return problems


def main(argv: list[str]) -> int:
    if shutil.which("xgettext") is None:
        print("i18n_check: GNU gettext (xgettext) is missing: apt-get install gettext", file=sys.stderr)
        return 2
    _setup_django()
    problems: list[str] = []
    checked = 0
    for app_dir in app_dirs(argv):
        app_problems = check_app(app_dir)
        checked += 1
        problems.extend(app_problems)
    for line in problems:
        print(line)
    print(f"i18n_check: {checked} apps checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
