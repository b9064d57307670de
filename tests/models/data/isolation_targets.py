"""Functions the isolation tests run in a child process (named by module, so importable)."""

from __future__ import annotations

import os
import time

from models.core.errors import DataError


def add(a: int, b: int) -> int:
    return a + b


def refuse(name: str) -> None:
    raise DataError.coded("header_only", name=name)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def abort() -> None:
    os.abort()  # what the Rust Excel reader does when an allocation fails


def sleep(seconds: float) -> None:
    time.sleep(seconds)


def fail() -> None:
    raise RuntimeError("a reader bug")


def spin(seconds: float) -> None:
    """Busy for ``seconds`` of CPU time (a reader stuck in a loop)."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
