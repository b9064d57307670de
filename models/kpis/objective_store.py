"""Persistence of objectives and what-if scenarios: SQLite by default, any SQLAlchemy URL.

Each save replaces one scope's objectives in a single transaction, so a failed or
interrupted save leaves what was saved before intact. Queries are parameterised through
SQLAlchemy Core; nothing is ever formatted into SQL text.

Everything read is checked again as if it were typed (a row written by an older version or
by hand must not break a page): a bad row is skipped and named in ``skipped``. Every
database failure (locked, read-only, unreachable, full) is raised as one :class:`StoreError`
whose message says what to do, never as SQLAlchemy's text with its SQL and parameters.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import math
import os
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Generic, TypeVar

import pandas as pd
import sqlalchemy as sa

from models.core.i18n import Escape, Phrase, t
from models.kpis.objectives import OBJECTIVE_COLUMNS, check_objectives, validate_objectives

DEFAULT_DB = Path(__file__).resolve().parents[2] / ".objectif" / "objectif.sqlite"
ENV_URL = "OBJECTIF_DB_URL"
BUSY_TIMEOUT_S = 3  # how long a save waits for another process's write before giving up

_metadata = sa.MetaData()
objectives_table = sa.Table(
    "objectives",
    _metadata,
    sa.Column("scope", sa.String(200), primary_key=True),
    sa.Column("kpi", sa.String(100), primary_key=True),
    sa.Column("period", sa.String(20), primary_key=True),
    sa.Column("group_name", sa.String(200), primary_key=True, default=""),
    sa.Column("target", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
scenarios_table = sa.Table(
    "scenarios",
    _metadata,
    sa.Column("scope", sa.String(200), primary_key=True),
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("changes", sa.Text, nullable=False),  # JSON {driver: relative change}
    sa.Column("horizon", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
MAX_NAME = 200
MEMO_SIZE = 8  # validated objective sets kept (a few scopes, a few recent edits)
# A saved change lies between -100 % and +1,000 % (goal-seek's own bounds), over 1 to 60
# months: anything else was not written by the What-if page.
CHANGE_RANGE = (-1.0, 10.0)
HORIZON_RANGE = (1, 60)


class StoreError(Exception):
    """The objectives database cannot be used right now (locked, read-only, unreachable,
    full). The message says so and what to do; nothing saved before is lost.

    Like a coded ``DataError`` it says itself in a language: ``.text("fr")``.
    """

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(t(f"store.{code}", "en", escape=None, **params))
        self.code, self.params = code, params

    def text(self, lang: str, escape: Escape | None = None) -> str:
        return t(f"store.{self.code}", lang, escape=escape, **self.params)


# SQLite's and the drivers' words for each failure, lower case
_CAUSES = (
    ("locked", ("database is locked", "database table is locked", "busy")),
    ("read_only", ("readonly database", "read-only", "read only")),
    ("full", ("database or disk is full", "disk full", "no space left")),
)


def _store_error(err: sa.exc.DBAPIError | sa.exc.ArgumentError, where: str) -> StoreError:
    said = str(getattr(err, "orig", None) or err).lower()
    code = next((code for code, words in _CAUSES if any(w in said for w in words)), "unreachable")
    return StoreError(code, where=where)


@contextlib.contextmanager
def _unless_read_only() -> Iterator[None]:
    """Go on if the database refuses a write for being read-only; any other failure (a lock)
    is raised, and the first contact is tried again on the next call."""
    try:
        yield
    except sa.exc.OperationalError as err:
        if _store_error(err, "").code != "read_only":
            raise


def _create_tables(engine: sa.engine.Engine) -> None:
    """Create the tables that are missing. Two processes meeting a new database at once
    both see them missing and both create them: the one that loses gets "already exists",
    which is what it wanted."""
    try:
        _metadata.create_all(engine)
    except sa.exc.DBAPIError:
        names = set(sa.inspect(engine).get_table_names())
        if not {objectives_table.name, scenarios_table.name} <= names:
            raise


Value = TypeVar("Value")


@dataclass(frozen=True)
class Stored(Generic[Value]):
    """What a read found: the usable ``value`` and a problem per row it had to skip."""

    value: Value
    skipped: tuple[Phrase, ...] = field(default_factory=tuple)


def _rows(objectives: pd.DataFrame) -> Iterator[tuple[str, str, str, float]]:
    """``(period, kpi, group, target)`` of each validated objective, as stored (no group: "")."""
    groups = objectives["group"].astype("string").fillna("")
    return zip(
        objectives["period"].astype(str),
        objectives["kpi"].astype(str),
        groups.astype(str),
        objectives["target"].astype(float),
    )


# Every page run loads the objectives, and checking them costs ~10x the query: memoised by
# the rows themselves (content-addressed, so no user's state; lru_cache is thread-safe).
@functools.lru_cache(maxsize=MEMO_SIZE)
def _checked(rows: tuple[tuple, ...]) -> tuple[pd.DataFrame, tuple[Phrase, ...]]:
    frame = pd.DataFrame(list(rows), columns=["period", "kpi", "group", "target"])
    frame["group"] = frame["group"].replace("", None)
    if not len(frame):
        return frame.reindex(columns=OBJECTIVE_COLUMNS), ()
    labels = [
        Phrase(
            "objective.saved_row",
            period=str(r[0]),
            kpi=str(r[1]),
            group=f", {r[2]}" if r[2] else "",
        )
        for r in rows
    ]
    clean, problems = check_objectives(frame, labels)
    return clean, tuple(problems)


def check_scenario(name: object, changes: object, horizon: object) -> tuple[str, dict, int]:
    """A scenario as saved: a name of 1 to ``MAX_NAME`` characters, ``{driver: change}`` with
    finite changes in ``CHANGE_RANGE``, a horizon in ``HORIZON_RANGE``; else ``ValueError``."""
    name = str(name).strip() if isinstance(name, str) else ""
    if not name or len(name) > MAX_NAME:
        raise ValueError(f"a scenario needs a name of 1 to {MAX_NAME} characters; got {len(name)}")
    if not isinstance(changes, Mapping):
        raise ValueError("its changes are not a driver -> change mapping")
    clean = {}
    low, high = CHANGE_RANGE
    for driver, value in changes.items():
        change = float(value) if isinstance(value, (int, float)) else math.nan
        if not (isinstance(driver, str) and math.isfinite(change) and low <= change <= high):
            raise ValueError(
                f"the change of {driver!r} must be a number from {low:+.0%} to "
                f"{high:+.0%}; got {value!r}"
            )
        clean[driver] = change
    if (
        isinstance(horizon, bool)
        or not isinstance(horizon, int)
        or not HORIZON_RANGE[0] <= horizon <= HORIZON_RANGE[1]
    ):
        raise ValueError(
            f"the horizon must be {HORIZON_RANGE[0]} to {HORIZON_RANGE[1]} months; got {horizon!r}"
        )
    return name, clean, horizon


def default_url() -> str:
    """``$OBJECTIF_DB_URL`` if set (e.g. a team's PostgreSQL), else a local SQLite file."""
    url = os.environ.get(ENV_URL)
    if url:
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


class _Loads(ABC):
    """What both stores give without the problems of the rows they skipped."""

    @abstractmethod
    def read(self, scope: str) -> Stored[pd.DataFrame]:
        """The saved objectives of ``scope`` and the problems of the rows skipped."""

    @abstractmethod
    def read_scenarios(self, scope: str) -> Stored[dict[str, dict]]:
        """The saved scenarios of ``scope`` and the problems of those skipped."""

    def load(self, scope: str) -> pd.DataFrame:
        """The usable saved objectives of ``scope`` (an empty frame when none)."""
        return self.read(scope).value

    def load_scenarios(self, scope: str) -> dict[str, dict]:
        """Usable saved scenarios of ``scope``: name -> ``{"changes": {...}, "horizon": n}``."""
        return self.read_scenarios(scope).value


class ObjectiveStore(_Loads):
    """Objectives and scenarios saved per *scope* (a data set: see ``pages/_shared``).

    Parameters
    ----------
    url
        SQLAlchemy database URL; :func:`default_url` when omitted. A SQLite URI opened with
        ``?mode=ro&uri=true`` is read-only: it reads, and every save raises ``StoreError``.

    Nothing touches the database until the first read or save, and a failed first contact
    is tried again on the next call: a database that was locked at start is used once free.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        try:
            self._engine = sa.create_engine(self.url, future=True, **_engine_options(self.url))
        except (sa.exc.ArgumentError, ImportError, ValueError) as err:  # no such driver
            raise StoreError("bad_url", where=_where(self.url)) from err
        self._ready = False
        self._tables = False  # a read-only database may have none: it then reads as empty

    @property
    def where(self) -> str:
        """The database as messages name it (see :func:`_where`)."""
        return _where(self.url)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn the database's failures into :class:`StoreError`."""
        try:
            yield
        except (sa.exc.DBAPIError, sa.exc.ArgumentError) as err:
            raise _store_error(err, self.where) from err

    def _prepare(self) -> None:
        if self._ready:
            return
        with self._guard():
            if self._engine.dialect.name == "sqlite":
                with self._engine.connect() as conn:
                    mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
                    if str(mode).lower() != "wal":
                        # WAL lets a reader see the last committed save while another session
                        # writes; a read-only file keeps its mode (it is not asked to change)
                        with _unless_read_only():
                            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            with _unless_read_only():  # a read-only database is read as it is
                _create_tables(self._engine)
            names = set(sa.inspect(self._engine).get_table_names())
        self._tables = {objectives_table.name, scenarios_table.name} <= names
        self._ready = True

    def read(self, scope: str) -> Stored[pd.DataFrame]:
        """The saved objectives of ``scope`` (``value``: a frame, empty when none), each row
        checked again as on saving; the rows that fail are left out and named in
        ``skipped``. A missing table reads as no objectives."""
        self._prepare()
        query = (
            sa.select(
                objectives_table.c.period,
                objectives_table.c.kpi,
                objectives_table.c.group_name,
                sa.type_coerce(objectives_table.c.target, sa.types.NullType),
            )
            .where(objectives_table.c.scope == scope)
            .order_by(
                objectives_table.c.kpi, objectives_table.c.period, objectives_table.c.group_name
            )
        )
        if not self._tables:
            return Stored(_checked(())[0].copy())
        with self._guard(), self._engine.connect() as conn:
            rows = tuple(tuple(_hashable(v) for v in row) for row in conn.execute(query).all())
        clean, skipped = _checked(rows)
        return Stored(clean.copy(), skipped)

    def save(self, scope: str, objectives: pd.DataFrame) -> int:
        """Replace the objectives of ``scope`` by ``objectives``, atomically.

        Returns the number of rows saved. Raises ``DataError`` (nothing written) if a row is
        invalid, ``StoreError`` (nothing written either) if the database cannot take it.
        """
        clean = validate_objectives(objectives)
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [
            {
                "scope": scope,
                "kpi": kpi,
                "period": period,
                "group_name": group,
                "target": target,
                "updated_at": now,
            }
            for period, kpi, group, target in _rows(clean)
        ]
        self._prepare()
        with self._guard(), self._engine.begin() as conn:  # one transaction: all or nothing
            conn.execute(sa.delete(objectives_table).where(objectives_table.c.scope == scope))
            if rows:
                conn.execute(sa.insert(objectives_table), rows)
        return len(rows)

    def save_scenario(self, scope: str, name: str, changes: dict[str, float], horizon: int) -> None:
        """Save (or overwrite) the scenario ``name`` of ``scope`` in one transaction.

        Raises ``ValueError`` on an empty or over-long name, a non-numeric or out-of-range
        change or horizon (see :func:`check_scenario`); ``StoreError`` if the database
        cannot take it.
        """
        name, changes, horizon = check_scenario(name, changes, int(horizon))
        payload = json.dumps(changes, sort_keys=True)
        now = datetime.now(UTC).replace(tzinfo=None)
        key = (scenarios_table.c.scope == scope) & (scenarios_table.c.name == name)
        self._prepare()
        with self._guard(), self._engine.begin() as conn:
            conn.execute(sa.delete(scenarios_table).where(key))
            conn.execute(
                sa.insert(scenarios_table),
                [
                    {
                        "scope": scope,
                        "name": name,
                        "changes": payload,
                        "horizon": horizon,
                        "updated_at": now,
                    }
                ],
            )

    def read_scenarios(self, scope: str) -> Stored[dict[str, dict]]:
        """Saved scenarios of ``scope`` (``value``: name -> ``{"changes": {...}, "horizon":
        n}``); one that fails :func:`check_scenario` is left out and named in ``skipped``."""
        self._prepare()
        query = (
            sa.select(
                scenarios_table.c.name,
                sa.type_coerce(scenarios_table.c.changes, sa.types.NullType),
                sa.type_coerce(scenarios_table.c.horizon, sa.types.NullType),
            )
            .where(scenarios_table.c.scope == scope)
            .order_by(scenarios_table.c.name)
        )
        if not self._tables:
            return Stored({})
        with self._guard(), self._engine.connect() as conn:
            rows = conn.execute(query).all()
        scenarios, skipped = {}, []
        for name, changes, horizon in rows:
            try:
                decoded = json.loads(changes) if isinstance(changes, (str, bytes)) else None
                name, decoded, horizon = check_scenario(name, decoded, horizon)
            except ValueError as err:  # json.JSONDecodeError is one too
                problem = (
                    "its changes are not JSON"
                    if isinstance(err, json.JSONDecodeError)
                    else str(err)
                )
                skipped.append(
                    Phrase("store.bad_scenario", name=str(name)[:MAX_NAME], problem=problem)
                )
                continue
            scenarios[name] = {"changes": decoded, "horizon": horizon}
        return Stored(scenarios, tuple(skipped))

    def delete_scenario(self, scope: str, name: str) -> None:
        """Forget the scenario ``name`` of ``scope`` (nothing happens if it is not there)."""
        self._prepare()
        with self._guard(), self._engine.begin() as conn:
            conn.execute(
                sa.delete(scenarios_table).where(
                    (scenarios_table.c.scope == scope) & (scenarios_table.c.name == name)
                )
            )

    def scopes(self) -> list[str]:
        """Scopes that have saved objectives."""
        self._prepare()
        with self._guard(), self._engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(objectives_table.c.scope).distinct())]

    def dispose(self) -> None:
        """Close pooled connections (tests, shutdown)."""
        self._engine.dispose()


def _engine_options(url: str) -> dict:
    """SQLite waits ``BUSY_TIMEOUT_S`` for a lock (Python's default is 5 s), then fails."""
    if sa.engine.make_url(url).get_backend_name() == "sqlite":
        return {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
    return {}


def _where(url: str) -> str:
    """The database as a message names it: a SQLite file's name, else its kind (no host,
    path or password: visitors read these messages)."""
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        return "OBJECTIF_DB_URL"
    if parsed.get_backend_name() == "sqlite":
        return Path((parsed.database or ":memory:").removeprefix("file:").split("?")[0]).name
    return parsed.get_backend_name()


def _hashable(value: object) -> object:
    return value if isinstance(value, (str, int, float, type(None))) else str(value)


def data_scope(digests: Mapping[str, str]) -> str:
    """The scope of an uploaded data set, from the SHA-256 digests of its files' bytes (kind ->
    hex digest): ``data:<digest of the orders file>``, or without orders a digest of the other
    files'. The same file gives the same scope in any session (its objectives come back);
    without the file's bytes no one can name it."""
    if "orders" in digests:
        return f"data:{digests['orders']}"
    files = {k: v for k, v in digests.items() if k != "objectives"} or dict(digests)
    joined = "|".join(f"{kind}={digest}" for kind, digest in sorted(files.items()))
    return f"data:{hashlib.sha256(joined.encode()).hexdigest()}"


LINK_ID_LENGTH = 12  # hex digits of a scope's digest a share link carries: 48 bits


def link_id(scope: str) -> str:
    """How a share link names the data set of ``scope``: the first :data:`LINK_ID_LENGTH`
    hex digits of its digest (``data:3fa9…`` -> ``3fa9…``), or the scope itself (``demo``).

    It tells the receiver whether they have the same files loaded, not what is in them: a
    digest cannot be read back into the file.
    """
    return scope.removeprefix("data:")[:LINK_ID_LENGTH] if scope.startswith("data:") else scope


class MemoryStore(_Loads):
    """One visitor's objectives and scenarios, in memory: the same interface and checks as
    :class:`ObjectiveStore`, shared with no one, gone when the session ends (the demo's are
    edited here, so no visitor changes what the next one sees)."""

    def __init__(self) -> None:
        self._objectives: dict[str, tuple[tuple, ...]] = {}
        self._scenarios: dict[str, dict[str, dict]] = {}

    def read(self, scope: str) -> Stored[pd.DataFrame]:
        clean, skipped = _checked(self._objectives.get(scope, ()))
        return Stored(clean.copy(), skipped)

    def save(self, scope: str, objectives: pd.DataFrame) -> int:
        clean = validate_objectives(objectives)
        self._objectives[scope] = tuple(
            _rows(clean.sort_values(["kpi", "period", "group"], na_position="first"))
        )
        return len(clean)

    def save_scenario(self, scope: str, name: str, changes: dict[str, float], horizon: int) -> None:
        name, changes, horizon = check_scenario(name, changes, int(horizon))
        self._scenarios.setdefault(scope, {})[name] = {"changes": changes, "horizon": horizon}

    def read_scenarios(self, scope: str) -> Stored[dict[str, dict]]:
        saved = self._scenarios.get(scope, {})
        return Stored(
            {
                name: {"changes": dict(s["changes"]), "horizon": s["horizon"]}
                for name, s in sorted(saved.items())
            }
        )

    def delete_scenario(self, scope: str, name: str) -> None:
        self._scenarios.get(scope, {}).pop(name, None)
