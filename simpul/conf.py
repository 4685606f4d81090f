"""Typed, fail-loud readers for settings that come from the environment.

Every deploy-time setting is ``SIMPUL_*`` (or ``DATABASE_URL``). Secrets may
also come from ``<NAME>_FILE`` (Docker/systemd credentials). In demo and test
mode, missing secrets are generated under ``var/`` with mode 0600; in
production a missing secret stops the process.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SIMPUL_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 1/0, true/false, yes/no or on/off; got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer; got {raw!r}") from exc


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def write_private_file(path: Path, content: str) -> None:
    """Create ``path`` with mode 0600 (never world- or group-readable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(content)


def secret(name: str, *, generate: bool, filename: str) -> str:
    """Read secret ``name`` from the environment, ``name_FILE``, or var/.

    With ``generate`` (demo/test), a missing secret is created under var/
    with mode 0600 and reused on the next start.
    """
    value = os.environ.get(name)
    if value:
        return value
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE={file_name} cannot be read: {exc}") from exc
    path = VAR_DIR / filename
    if path.exists():
        return path.read_text().strip()
    if not generate:
        raise ImproperlyConfigured(
            f"{name} is not set. Set {name} or {name}_FILE (production never generates secrets); "
            "for a local trial run `make demo`."
        )
    write_private_file(path, secrets.token_urlsafe(64))
    return path.read_text().strip()


def module_setting(name: str, default: Any) -> Any:
    """A module's setting read at call time: Django settings first (tests override them), else the
    environment (a benchmark can raise limits without editing settings.py), else ``default``;
    environment text is converted to the type of ``default`` (bool, int, float)."""
    from django.conf import settings

    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw
