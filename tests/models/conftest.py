"""The engine's tests read files in the calling process (``OBJECTIF_ISOLATE=0``).

The reader functions are the same with or without isolation; a child interpreter per file
would add 0.4 s to each of the hundreds of files these tests read. The isolated path itself
is tested in ``test_read_isolation.py`` and ``test_hostile_files.py``, and by every upload of the
browser tests.
"""

import pytest


@pytest.fixture(autouse=True)
def _read_in_process(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if not request.node.get_closest_marker("isolated"):
        monkeypatch.setenv("OBJECTIF_ISOLATE", "0")
