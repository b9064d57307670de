"""An Ibis connection from a SQLAlchemy-style URL, read-only, with a statement timeout.

Credentials never travel in the page: the URL names the server, the database and the
user; the password comes from the caller (the UI reads ``.streamlit/secrets.toml``) or
from the environment (:data:`PASSWORD_ENV`). Every message shows the URL with its
password hidden.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import ibis
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from models.core import DataError
from models.engines.errors import engine_errors

PASSWORD_ENV = "OBJECTIF_DB_PASSWORD"
DEFAULT_TIMEOUT_S = 60.0
CONNECT_TIMEOUT_S = 5  # libpq's own minimum is 2 s
POSTGRES_SCHEMES = ("postgresql", "postgres")
# Warehouses Ibis reaches by URL once their extra is installed (documented, not tested here).
OTHER_SCHEMES = {
    "bigquery": "bigquery",
    "snowflake": "snowflake",
    "databricks": "databricks",
    "trino": "trino",
    "mssql": "mssql",
    "mysql": "mysql",
}


def redact(url: str) -> str:
    """The URL with its password replaced by ``***`` (safe to show or log)."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(unreadable URL)"


def connect_engine(
    url: str,
    password: str | None = None,
    timeout: float = DEFAULT_TIMEOUT_S,
    env: Mapping[str, str] | None = None,
) -> ibis.BaseBackend:
    """Connect to the engine ``url`` names.

    Parameters
    ----------
    url
        ``duckdb://`` (in memory), ``duckdb:///path/file.duckdb`` (opened read-only),
        ``postgresql://user@host:5432/db`` (``+psycopg`` accepted), or a warehouse URL Ibis
        knows (``bigquery://``, ``snowflake://``, ``databricks://``, ...).
    password
        The password, when the URL carries none; else :data:`PASSWORD_ENV` is read.
    timeout
        Seconds a statement may run (PostgreSQL: ``statement_timeout``).
    env
        Where to read the password from (default ``os.environ``).

    Raises
    ------
    DataError
        Unreadable URL, unknown engine, unreachable server, refused credentials.
    """
    env = os.environ if env is None else env
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DataError.coded("engine_bad_url") from None
    scheme = parsed.get_backend_name()
    if scheme == "duckdb":
        return _connect_duckdb(parsed.database)
    if scheme in POSTGRES_SCHEMES:
        secret = parsed.password or password or env.get(PASSWORD_ENV)
        return _connect_postgres(parsed, secret, timeout)
    if scheme in OTHER_SCHEMES:
        try:
            return ibis.connect(url)
        except ImportError as error:
            raise DataError.coded(
                "engine_driver", url=redact(url), package=f"ibis-framework[{OTHER_SCHEMES[scheme]}]"
            ) from error
    raise DataError.coded(
        "engine_unknown", url=redact(url), scheme=scheme, choices=", ".join(OTHER_SCHEMES)
    )


def _connect_duckdb(database: str | None) -> ibis.BaseBackend:
    if not database or database == ":memory:":
        return ibis.duckdb.connect()
    path = Path(database)
    if not path.is_file():
        raise DataError.coded("engine_no_file", where="duckdb", path=str(path))
    with engine_errors(f"duckdb:///{path}"):
        return ibis.duckdb.connect(str(path), read_only=True)


def _connect_postgres(parsed, password: str | None, timeout: float) -> ibis.BaseBackend:
    import psycopg

    where = parsed.render_as_string(hide_password=True)
    # Every transaction is read-only and every statement bounded: set at the connection,
    # so no query text of ours or the user's can lift them.
    options = f"-c default_transaction_read_only=on -c statement_timeout={int(timeout * 1000)}"
    try:
        return ibis.postgres.connect(
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            user=parsed.username,
            password=password,
            database=parsed.database,
            connect_timeout=CONNECT_TIMEOUT_S,
            options=options,
            application_name="objectif",
        )
    except psycopg.OperationalError as error:
        raise _connection_error(where, parsed.username, str(error)) from error


def _connection_error(where: str, user: str | None, detail: str) -> DataError:
    text = detail.lower()
    if "password authentication failed" in text or "no password supplied" in text:
        return DataError.coded("engine_credentials", url=where, user=str(user), env=PASSWORD_ENV)
    if "does not exist" in text and "database" in text:
        return DataError.coded("engine_no_database", url=where)
    first = detail.strip().splitlines()[0] if detail.strip() else "no answer"
    return DataError.coded("engine_unreachable", url=where, detail=first)
