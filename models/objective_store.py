"""Persistence of objectives and what-if scenarios: SQLite by default, any SQLAlchemy URL.

Each save replaces one scope's objectives in a single transaction, so a failed or
interrupted save leaves what was saved before intact. Queries are parameterised through
SQLAlchemy Core; nothing is ever formatted into SQL text.
"""

from __future__ import annotations

import functools
import json
import os
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from models.objectives import OBJECTIVE_COLUMNS, validate_objectives

DEFAULT_DB = Path(__file__).resolve().parent.parent / ".objectif" / "objectif.sqlite"
ENV_URL = "OBJECTIF_DB_URL"

_metadata = sa.MetaData()
objectives_table = sa.Table(
    "objectives", _metadata,
    sa.Column("scope", sa.String(200), primary_key=True),
    sa.Column("kpi", sa.String(100), primary_key=True),
    sa.Column("period", sa.String(20), primary_key=True),
    sa.Column("group_name", sa.String(200), primary_key=True, default=""),
    sa.Column("target", sa.Float, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
scenarios_table = sa.Table(
    "scenarios", _metadata,
    sa.Column("scope", sa.String(200), primary_key=True),
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("changes", sa.Text, nullable=False),  # JSON {driver: relative change}
    sa.Column("horizon", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
MAX_NAME = 200
MEMO_SIZE = 8  # validated objective sets kept (a few scopes, a few recent edits)


# Every page run loads the objectives, and validating them costs ~10x the query: memoised by
# the rows themselves (content-addressed, so no user's state; lru_cache is thread-safe).
@functools.lru_cache(maxsize=MEMO_SIZE)
def _validated(rows: tuple[tuple, ...]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=["period", "kpi", "group", "target"])
    frame["group"] = frame["group"].replace("", None)
    return validate_objectives(frame) if len(frame) else frame.reindex(columns=OBJECTIVE_COLUMNS)


def default_url() -> str:
    """``$OBJECTIF_DB_URL`` if set (e.g. a team's PostgreSQL), else a local SQLite file."""
    url = os.environ.get(ENV_URL)
    if url:
        return url
    DEFAULT_DB.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DEFAULT_DB}"


class ObjectiveStore:
    """Objectives saved per *scope* (a data set: the demo company, or a team's own data).

    Parameters
    ----------
    url
        SQLAlchemy database URL; :func:`default_url` when omitted.
    """

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self._engine = sa.create_engine(self.url, future=True)
        if self._engine.dialect.name == "sqlite":
            # WAL lets a reader see the last committed save while another session writes
            with self._engine.begin() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        _metadata.create_all(self._engine)

    def load(self, scope: str) -> pd.DataFrame:
        """The saved objectives of ``scope`` (an empty frame when none)."""
        query = sa.select(objectives_table.c.period, objectives_table.c.kpi,
                          objectives_table.c.group_name, objectives_table.c.target).where(
            objectives_table.c.scope == scope).order_by(
            objectives_table.c.kpi, objectives_table.c.period, objectives_table.c.group_name)
        with self._engine.connect() as conn:
            rows = tuple(tuple(row) for row in conn.execute(query).all())
        return _validated(rows).copy()

    def save(self, scope: str, objectives: pd.DataFrame) -> int:
        """Replace the objectives of ``scope`` by ``objectives``, atomically.

        Returns the number of rows saved. Raises ``DataError`` (nothing written) if a row is
        invalid.
        """
        clean = validate_objectives(objectives)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        rows = [{"scope": scope, "kpi": r.kpi, "period": r.period,
                 "group_name": "" if pd.isna(r.group) else str(r.group),
                 "target": float(r.target), "updated_at": now}
                for r in clean.itertuples(index=False)]
        with self._engine.begin() as conn:  # one transaction: all or nothing
            conn.execute(sa.delete(objectives_table).where(objectives_table.c.scope == scope))
            if rows:
                conn.execute(sa.insert(objectives_table), rows)
        return len(rows)

    def save_scenario(self, scope: str, name: str, changes: dict[str, float],
                      horizon: int) -> None:
        """Save (or overwrite) the scenario ``name`` of ``scope`` in one transaction.

        Raises ``ValueError`` on an empty or over-long name or a non-numeric change.
        """
        name = name.strip()
        if not name or len(name) > MAX_NAME:
            raise ValueError(f"a scenario needs a name of 1 to {MAX_NAME} characters; "
                             f"got {len(name)}")
        payload = json.dumps({str(k): float(v) for k, v in changes.items()}, sort_keys=True)
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        key = (scenarios_table.c.scope == scope) & (scenarios_table.c.name == name)
        with self._engine.begin() as conn:
            conn.execute(sa.delete(scenarios_table).where(key))
            conn.execute(sa.insert(scenarios_table), [{
                "scope": scope, "name": name, "changes": payload, "horizon": int(horizon),
                "updated_at": now}])

    def load_scenarios(self, scope: str) -> dict[str, dict]:
        """Saved scenarios of ``scope``: name -> ``{"changes": {...}, "horizon": n}``."""
        query = sa.select(scenarios_table.c.name, scenarios_table.c.changes,
                          scenarios_table.c.horizon).where(
            scenarios_table.c.scope == scope).order_by(scenarios_table.c.name)
        with self._engine.connect() as conn:
            rows = conn.execute(query).all()
        return {name: {"changes": json.loads(changes), "horizon": horizon}
                for name, changes, horizon in rows}

    def delete_scenario(self, scope: str, name: str) -> None:
        """Forget the scenario ``name`` of ``scope`` (nothing happens if it is not there)."""
        with self._engine.begin() as conn:
            conn.execute(sa.delete(scenarios_table).where(
                (scenarios_table.c.scope == scope) & (scenarios_table.c.name == name)))

    def scopes(self) -> list[str]:
        """Scopes that have saved objectives."""
        with self._engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(objectives_table.c.scope).distinct())]

    def dispose(self) -> None:
        """Close pooled connections (tests, shutdown)."""
        self._engine.dispose()
