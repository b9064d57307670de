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
def engine_errors(where: str, timeout: float | None = None) -> Iterator[None]:
    """Turn the engines' query errors raised inside the block into named ``DataError`` s.

    Parameters
    ----------
    where
        What was being read, for the message (a redacted URL, a table name).
    timeout
        The statement timeout in seconds, quoted when a query is cancelled by it.
    """
    try:
        yield
    except DataError:
        raise
    except Exception as error:
        translated = translate_error(error, where, timeout)
        if translated is None:
            raise
        raise translated from error


def translate_error(error: BaseException, where: str,
                    timeout: float | None = None) -> DataError | None:
    """The ``DataError`` for a recognised engine error, else ``None``."""
    detail = _first_line(error)
    checks = [
        ("psycopg.errors", "QueryCanceled",
         f"{where}: the query ran longer than the statement timeout"
         f"{f' of {timeout:g} s' if timeout else ''} and was cancelled. Narrow the query, "
         "add an index on the date column, or raise the timeout."),
        ("duckdb", "InterruptException",
         f"{where}: the query ran longer than the timeout"
         f"{f' of {timeout:g} s' if timeout else ''} and was stopped."),
        ("psycopg.errors", "ReadOnlySqlTransaction",
         f"{where}: Objectif only reads; the query tried to write ({detail}). "
         "Give a SELECT query."),
        ("psycopg.errors", "InsufficientPrivilege",
         f"{where}: the role may not read this ({detail}). Grant it SELECT on the table."),
        ("psycopg.errors", "UndefinedTable",
         f"{where}: table not found ({detail}). Check the table name and the schema."),
        ("psycopg.errors", "UndefinedColumn",
         f"{where}: column not found ({detail}). Check the column mapping."),
        ("psycopg", "OperationalError",
         f"{where}: the database connection failed ({detail}). Check that the server "
         "is running and reachable."),
        ("duckdb", "CatalogException",
         f"{where}: table or column not found ({detail}). Check the names."),
        ("duckdb", "BinderException",
         f"{where}: column not found ({detail}). Check the column mapping."),
        ("duckdb", "IOException",
         f"{where}: the file cannot be read ({detail}). Check the path."),
        ("pyspark.errors", "AnalysisException",
         f"{where}: Spark cannot resolve the query ({detail}). Check the table and "
         "column names."),
        ("ibis.common.exceptions", "TableNotFound",
         f"{where}: table not found ({detail}). Check the table name and the schema."),
    ]
    for module, name, message in checks:
        kind = _exception(module, name)
        if kind is not None and isinstance(error, kind):
            return DataError(message)
    return None
