from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simpul.crypto import keyring as kr


@pytest.fixture
def private_keyring(settings: Any, tmp_path: Path) -> Iterator[Path]:
    """A copy of the test keyring that this test may rotate (the shared one stays untouched)."""
    kr.keyring()  # make sure the shared test keyring exists
    src = Path(settings.SIMPUL_KEYS_FILE)
    dst = tmp_path / "keys.json"
    shutil.copyfile(src, dst)
    dst.chmod(0o600)
    settings.SIMPUL_KEYS_FILE = str(dst)
    kr.reload()
    yield dst
    kr.reload()


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "attachments"
    settings.MEDIA_ROOT = root
    return root
