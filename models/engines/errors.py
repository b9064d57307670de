"""Engine and driver errors -> one :class:`DataError` naming what to fix.

Drivers are imported only when present: a user with DuckDB alone never needs psycopg or
pyspark. Unknown exceptions pass through unchanged: a bug stays visible as a bug.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator

from models.core import DataError


def _exception(module: str, name: str) -> type[BaseException] | None:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@contextlib.contextmanager
def engine_errors(where: str) -> Iterator[None]:
    """Turn the engines' query errors raised inside the block into named ``DataError`` s.

    Parameters
    ----------
    where
        What was being read, for the message (a redacted URL, a table name).
    """
    try:
        yield
    except DataError:
        raise
    except Exception as error:
        translated = translate_error(error, where)
        if translated is None:
            raise
        raise translated from error


def translate_error(error: BaseException, where: str) -> DataError | None:
    """The ``DataError`` for a recognised engine error, else ``None``."""
    detail = _first_line(error)
    checks = [  # the first matching exception type names the error
        ("psycopg.errors", "QueryCanceled", "engine_timeout"),
        ("duckdb", "InterruptException", "engine_timeout"),
        ("psycopg.errors", "ReadOnlySqlTransaction", "engine_read_only"),
        ("psycopg.errors", "InsufficientPrivilege", "engine_privilege"),
        ("psycopg.errors", "UndefinedTable", "engine_no_table"),
        ("psycopg.errors", "UndefinedColumn", "engine_no_column"),
        ("psycopg", "OperationalError", "engine_connection"),
        ("duckdb", "CatalogException", "engine_unresolved"),
        ("duckdb", "BinderException", "engine_no_column"),
        ("duckdb", "IOException", "engine_unreadable_file"),
        ("pyspark.errors", "AnalysisException", "engine_unresolved"),
        ("ibis.common.exceptions", "TableNotFound", "engine_no_table"),
    ]
    for module, name, code in checks:
        kind = _exception(module, name)
        if kind is not None and isinstance(error, kind):
            return DataError.coded(code, where=where, detail=detail)
    return None
