"""Run a reader in a child process bounded in memory and time, so that no file can abort,
hang or bloat the process that serves every visitor.

A reader's bug or a hostile file can make native code allocate hundreds of gigabytes (the
Rust Excel reader then aborts the whole process), spin for minutes holding the interpreter,
or inflate a small file past the machine's memory. Here the reading happens in a fresh
interpreter (``python -m models.data.read_child``) that limits its own address space
(``RLIMIT_AS``) before it reads the job, under a deadline; the server only waits on pipes.
Whatever happens to the child, the caller gets a result or a
:class:`~models.data.schema.DataError` that says which limit was hit.

A fresh interpreter rather than ``multiprocessing``: its fork start method would copy a
multi-threaded server (locks held by other threads stay locked in the child), and its
forkserver and spawn methods re-run the server's main script in every child.
"""

from __future__ import annotations

import importlib
import math
import pickle
import resource
import signal
import struct
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from models.core.errors import DataError

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
POLL_SECONDS = 0.1
# signals a child dies of when an allocation fails under its limit: Rust aborts, the kernel
# kills
OUT_OF_MEMORY_SIGNALS = (6, 9)


class ReadCancelled(Exception):
    """The visitor who asked for the reading is gone: its work was stopped."""


def run_isolated(
    function: Callable[..., T],
    *args: object,
    name: str,
    memory_mb: int,
    seconds: float,
    should_stop: Callable[[], bool] | None = None,
) -> T:
    """``function(*args)`` in a child process; its result, or its ``DataError``, re-raised.

    Parameters
    ----------
    function
        A module-level function (it is named to the child by module and name); its
        arguments and result must pickle.
    name
        The file's name, for messages.
    memory_mb
        Memory the child may allocate beyond what it holds once its imports are done.
    seconds
        Wall-clock deadline; the child is killed when it passes.
    should_stop
        Asked every tenth of a second while the child runs: ``True`` (the visitor left)
        kills the child and raises :class:`ReadCancelled`.

    Raises
    ------
    DataError
        What ``function`` raised, or: out of memory, past the deadline, or the child died.
    """
    # The job goes through an unlinked temporary file: communicate() cannot go on feeding a
    # pipe once one of its timeouts has expired.
    with tempfile.TemporaryFile() as job:
        pickle.dump(
            (function.__module__, function.__qualname__, args, memory_mb, seconds),
            job,
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        job.seek(0)
        child = subprocess.Popen(
            [sys.executable, "-m", "models.data.read_child"],
            cwd=ROOT,
            stdin=job,
            stdout=subprocess.PIPE,
            start_new_session=True,
        )  # a Ctrl+C to the server is not its
    deadline = time.monotonic() + seconds
    try:
        while True:
            try:
                output, _ = child.communicate(timeout=POLL_SECONDS)
                break
            except subprocess.TimeoutExpired:
                pass
            if should_stop is not None and should_stop():
                raise ReadCancelled(name)
            if time.monotonic() > deadline:
                raise DataError.coded("read_too_slow", name=name, seconds=round(seconds))
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    return _outcome(output, child.returncode, name, memory_mb, seconds)


def _outcome(output: bytes, returncode: int, name: str, memory_mb: int, seconds: float):
    if not output:
        if -returncode in OUT_OF_MEMORY_SIGNALS:
            raise DataError.coded("read_out_of_memory", name=name, limit_mb=memory_mb)
        if -returncode == signal.SIGXCPU:
            raise DataError.coded("read_too_slow", name=name, seconds=round(seconds))
        raise DataError.coded("read_crashed", name=name, detail=f"exit code {returncode}")
    kind, value = _unframe(output)
    if kind == "ok":
        return value
    if kind == "error":
        raise value
    if kind == "memory":
        raise DataError.coded("read_out_of_memory", name=name, limit_mb=memory_mb)
    raise DataError.coded("read_crashed", name=name, detail=value)


def serve_one_job() -> None:
    """The child's side: read a job from stdin, limit memory, run it, write the outcome."""
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    module, qualname, args, memory_mb, seconds = pickle.loads(stdin.read())
    function = getattr(importlib.import_module(module), qualname)
    limit = _address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Its own deadline in CPU seconds, should the server that waits for it die first: the
    # kernel then stops it (SIGXCPU) rather than leave an orphan computing.
    cpu = math.ceil(resource.getrusage(resource.RUSAGE_SELF).ru_utime + seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 2))  # SIGXCPU first, SIGKILL later
    try:
        outcome: tuple[str, object] = ("ok", function(*args))
    except DataError as err:
        outcome = ("error", err)
    except MemoryError:
        outcome = ("memory", None)
    except Exception as err:
        traceback.print_exc()
        outcome = ("crashed", f"{type(err).__name__}: {err}"[:300])
    try:
        frames = _frame(outcome)
    except MemoryError:  # the result itself does not fit in what is left
        frames = _frame(("memory", None))
    for frame in frames:
        stdout.write(frame)
    stdout.flush()


# The outcome travels as pickle protocol 5 with its large buffers (a table's columns) out of
# band: written as they are, and read back without a copy (0.64 + 0.74 s in band for ten
# million rows of three columns, 0.12 s out of band). Layout: the number of frames, then
# each frame's length and bytes, the pickle first.
LENGTH = struct.Struct("<Q")


def _frame(outcome: object) -> list[bytes | memoryview]:
    buffers: list[pickle.PickleBuffer] = []
    main = pickle.dumps(outcome, protocol=5, buffer_callback=buffers.append)
    frames: list[bytes | memoryview] = [main, *(buffer.raw() for buffer in buffers)]
    header = [LENGTH.pack(len(frames))]
    return header + [part for frame in frames for part in (LENGTH.pack(len(frame)), frame)]


def _unframe(output: bytes) -> tuple[str, Any]:
    view = memoryview(output)
    (count,), offset = LENGTH.unpack_from(view), LENGTH.size
    frames = []
    for _ in range(count):
        (length,) = LENGTH.unpack_from(view, offset)
        offset += LENGTH.size
        frames.append(view[offset : offset + length])
        offset += length
    return pickle.loads(frames[0], buffers=frames[1:])


def _address_space() -> int:
    """Bytes of address space this process holds now (``VmSize``)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("VmSize not found in /proc/self/status")
