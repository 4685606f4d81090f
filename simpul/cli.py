"""The `simpul` console script: Django's manage.py plus Simpul's own commands.

    simpul demo                 set up a local demo under var/ and serve it on 127.0.0.1:8000
    simpul serve [--workers N]  production server (gunicorn)
    simpul worker               background task worker
    simpul regions load         load Kemendagri region codes (idempotent)
    simpul token create --user U --scopes S --days N
    simpul audit verify
    simpul persons match --input records.csv --output clusters.csv   (no database, no settings)
    simpul <any manage.py command>
"""

from __future__ import annotations

import os
import sys

ALIASES = {"worker": "db_worker"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "persons":
        # Batch person matching works on files only: no settings, secrets or database needed.
        from simpul.matching.batch import main as persons_main

        raise SystemExit(persons_main(argv[1:]))
    if argv and argv[0] == "demo":
        # Demo mode: secrets generated under var/, plain HTTP on loopback allowed.
        os.environ.setdefault("SIMPUL_DEMO", "1")
        os.environ.setdefault("SIMPUL_INSECURE_HTTP", "1")
    if argv and argv[0] in ALIASES:
        argv[0] = ALIASES[argv[0]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "simpul.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["simpul", *argv])


if __name__ == "__main__":
    main()
