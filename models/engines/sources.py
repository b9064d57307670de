"""Where a canonical table comes from: a table, a read-only query, or files (DuckDB).

Whatever the source, the result is an Ibis table with the canonical column names of
``models.schema`` (renamed and typed by the engine, lazily: nothing is read here but the
schema). Column names travel as Ibis identifiers, quoted by the engine's compiler; the only
SQL text ever sent as is, a user's query, must be one ``SELECT``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import cast

import ibis
import ibis.expr.types as ir
import sqlglot
import sqlglot.expressions as sge

from models.core import DataError
from models.data import TABLES
from models.engines.errors import engine_errors

# Engine type of each canonical column kind.
_TYPES = {
    "date": "timestamp",
    "datetime": "timestamp",
    "number": "float64",
    "text": "string",
    "flag": "boolean",
}
# PostgreSQL type oids -> Ibis types, for a query's result (the rest is read as text).
_PG_TYPES = {
    16: "boolean",
    20: "int64",
    21: "int16",
    23: "int32",
    700: "float32",
    701: "float64",
    1700: "decimal",
    25: "string",
    1042: "string",
    1043: "string",
    1082: "date",
    1114: "timestamp",
    1184: "timestamp('UTC')",
}
# sqlglot's dialect names for Ibis backends (both spell most the same).
_DIALECTS = {"pyspark": "spark", "postgres": "postgres", "duckdb": "duckdb"}


def check_select(query: str, dialect: str | None = None) -> None:
    """Raise a ``DataError`` unless ``query`` is a single read-only query (SELECT, WITH, UNION)."""
    try:
        statements = [s for s in sqlglot.parse(query, read=dialect) if s is not None]
    except sqlglot.errors.ParseError as error:
        first = str(error).splitlines()[0]
        raise DataError.coded("engine_bad_sql", detail=first) from None
    if len(statements) != 1:
        raise DataError.coded("engine_one_statement", n=len(statements))
    statement = statements[0]
    writes = (
        sge.Insert,
        sge.Update,
        sge.Delete,
        sge.Merge,
        sge.Create,
        sge.Drop,
        sge.Alter,
        sge.Command,
        sge.Into,
    )
    if not isinstance(statement, sge.Query) or any(statement.find_all(*writes)):
        raise DataError.coded("engine_not_select", found=statement.key.upper())


def canonical_table(
    con: ibis.BaseBackend,
    kind: str,
    table: str | None = None,
    query: str | None = None,
    mapping: Mapping[str, str] | None = None,
    database: str | None = None,
    keep: Sequence[str] = (),
) -> ir.Table:
    """The canonical ``kind`` table read from ``con``: a table by name, or a SELECT query.

    Parameters
    ----------
    con
        A connection from :func:`models.engines.connect.connect_engine` (or any Ibis backend).
    kind
        ``orders``, ``leads`` or ``conversions``.
    table, query
        Exactly one: a table (or view) name, or a read-only query.
    mapping
        Canonical column -> source column; columns already named canonically need none.
    database
        The schema (PostgreSQL) or catalog the table is in.
    keep
        Other columns passed through unchanged (e.g. a row order for ties).
    """
    if (table is None) == (query is None):
        raise DataError.coded("engine_table_or_query", kind=kind)
    where = f"{kind} ({table or 'query'})"
    with engine_errors(where):
        if query is not None:
            check_select(query, _DIALECTS.get(con.name, con.name))
            source = con.sql(query, schema=_query_schema(con, query))
        else:
            source = con.table(table, database=database)
    return rename_columns(source, kind, mapping, where, keep)


def _query_schema(con: ibis.BaseBackend, query: str) -> ibis.Schema | None:
    """The query's columns, read without creating anything on PostgreSQL.

    Ibis would learn them through a temporary view, which a read-only transaction refuses;
    the query wrapped in ``LIMIT 0`` describes its result without running it. Other
    engines keep Ibis' own way (``None``).
    """
    if con.name != "postgres":
        return None
    parsed = cast(sqlglot.exp.Query, sqlglot.parse_one(query, read="postgres"))  # checked: a SELECT
    probe = sqlglot.select("*").from_(parsed.subquery("q"))
    with con.con.cursor() as cursor:
        cursor.execute(probe.limit(0).sql("postgres"))
        return ibis.schema(
            {
                column.name: _PG_TYPES.get(column.type_code, "string")
                for column in cursor.description
            }
        )


def read_files(
    paths: str | Path | Sequence[str | Path],
    kind: str,
    mapping: Mapping[str, str] | None = None,
    con: ibis.BaseBackend | None = None,
    keep: Sequence[str] = (),
) -> ir.Table:
    """Parquet or CSV files read lazily by DuckDB (larger than memory is fine).

    All files must share one format, told by the first file's suffix.
    """
    files = [Path(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    missing = [str(p) for p in files if not p.exists() and "*" not in p.name]
    if missing:
        raise DataError.coded("engine_no_file", where=kind, path=missing[0])
    con = con or ibis.duckdb.connect()
    names = [str(p) for p in files]
    with engine_errors(f"{kind} ({files[0].name})"):
        if files[0].suffix.lower() == ".parquet":
            source = con.read_parquet(names)
        elif files[0].suffix.lower() in (".csv", ".txt", ".gz"):
            source = con.read_csv(names)
        else:
            raise DataError.coded("engine_file_format", kind=kind, name=files[0].name)
    return rename_columns(source, kind, mapping, f"{kind} ({files[0].name})", keep)


def rename_columns(
    source: ir.Table,
    kind: str,
    mapping: Mapping[str, str] | None,
    where: str,
    keep: Sequence[str] = (),
) -> ir.Table:
    """``source`` with canonical names and types; missing required columns are named."""
    if kind not in TABLES:
        raise DataError.coded("unknown_kind", kind=kind, kinds=", ".join(sorted(TABLES)))
    spec = TABLES[kind]
    mapping = dict(mapping or {})
    unknown = sorted(set(mapping) - {c.name for c in spec.columns})
    if unknown:
        raise DataError.coded(
            "engine_not_columns",
            where=where,
            names=str(unknown),
            kind=kind,
            expected=str([c.name for c in spec.columns]),
        )
    absent = sorted(v for v in [*mapping.values(), *keep] if v not in source.columns)
    if absent:
        raise DataError.coded(
            "engine_mapped_missing", where=where, names=str(absent), found=str(list(source.columns))
        )
    columns = {}
    for column in spec.columns:
        name = mapping.get(column.name, column.name)
        if name in source.columns:
            columns[column.name] = source[name].cast(_TYPES.get(column.kind, "string"))
    missing = [c for c in spec.required if c not in columns]
    if missing:
        raise DataError.coded(
            "engine_missing_columns",
            where=where,
            names=str(missing),
            found=str(list(source.columns)),
        )
    columns.update({name: source[name] for name in keep})
    return source.select(**columns)
