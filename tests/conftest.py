"""Shared test helpers: in-memory named files and the location of the real public data."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REALDATA = Path(os.environ.get("OBJECTIF_REALDATA", ROOT.parent / "shared" / "realdata"))


def named_file(
    content: bytes | str, name: str = "upload.csv", encoding: str = "utf-8"
) -> io.BytesIO:
    """A file-like upload with a name, as Streamlit's uploader hands it over."""
    data = content.encode(encoding) if isinstance(content, str) else content
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"real public data not found at {REALDATA}")
    return REALDATA
