from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simpul.crypto import keyring as kr


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "attachments"
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def private_keyring(settings: Any, tmp_path: Path) -> Iterator[Path]:
    kr.keyring()
    dst = tmp_path / "keys.json"
    shutil.copyfile(settings.SIMPUL_KEYS_FILE, dst)
    settings.SIMPUL_KEYS_FILE = str(dst)
    kr.reload()
    yield dst
    kr.reload()
