"""Pure helpers for dotted Kemendagri codes (no database)."""

from __future__ import annotations

import re

CODE_RE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")


def is_valid(code: str) -> bool:
    return bool(CODE_RE.match(code or ""))


def level_of(code: str) -> int:
    """63 -> 1, 63.06 -> 2, 63.06.05 -> 3, 63.06.05.2001 -> 4."""
    return code.count(".") + 1


def ancestors_of(code: str) -> list[str]:
    """Codes of ``code`` and every region above it, top first: 63.06.05 -> [63, 63.06, 63.06.05]."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def kabupaten_of(code: str | None) -> str | None:
    return ".".join(code.split(".")[:2]) if code and code.count(".") >= 1 else None


def province_of(code: str | None) -> str | None:
    return code.split(".")[0] if code else None


def is_within(code: str | None, area: str | None) -> bool:
    """Whether region ``code`` lies inside (or is) region ``area``."""
    if not code or not area:
        return False
    return code == area or code.startswith(area + ".")
