"""The caches' key (pages/_shared/computations.DataKey): every field and every setting is
part of it, the tables are named by the token; no cached function takes data around it."""

import ast
from dataclasses import fields, is_dataclass, replace
from pathlib import Path

import pandas as pd
import pytest

from models import KpiSettings
from pages._shared import computations
from pages._shared.computations import DataKey, cached_kpis

ROOT = Path(__file__).resolve().parents[2]
KEY = DataKey("demo", KpiSettings(90, 90), {"orders": pd.DataFrame({"amount": [1.0]})})


def another(value):
    """A value of the same kind as ``value``, different from it."""
    if value is None:
        return pd.Timestamp("2026-01-31")
    if isinstance(value, str):
        return f"{value}|orders=0123abcd"
    return value + 1


def one_change_each(key: DataKey) -> dict[str, DataKey]:
    """``key`` with one compared field changed, each setting apart (``settings.churn_window``)."""
    changed = {}
    for part in fields(key):
        if not part.compare:
            continue
        value = getattr(key, part.name)
        if is_dataclass(value):
            for inner in fields(value):
                changed[f"{part.name}.{inner.name}"] = replace(
                    key,
                    **{
                        part.name: replace(
                            value, **{inner.name: another(getattr(value, inner.name))}
                        )
                    },
                )
        else:
            changed[part.name] = replace(key, **{part.name: another(value)})
    return changed


CHANGES = one_change_each(KEY)


@pytest.fixture
def computed(monkeypatch) -> list:
    """The calls that reached the engine's compute_kpis (a cache hit does not)."""
    calls = []

    def compute_kpis(tables, freq, by, settings):
        calls.append(settings)
        return pd.DataFrame({"n": [len(calls)]})

    monkeypatch.setattr(computations, "compute_kpis", compute_kpis)
    return calls


def test_every_field_and_setting_is_changed_by_the_test():
    assert set(CHANGES) == {
        "token",
        "settings.churn_window",
        "settings.conversion_window",
        "settings.as_of",
    }


@pytest.mark.parametrize("name", CHANGES)
def test_changing_one_field_misses_the_cache(name, computed):
    cached_kpis(KEY, "M", None)
    cached_kpis(KEY, "M", None)
    assert len(computed) == 1  # the same key: served from the cache
    cached_kpis(CHANGES[name], "M", None)
    assert len(computed) == 2, f"a change of {name} served a stale result"
    assert computed[-1] == CHANGES[name].settings  # and computed with the new settings


def test_the_token_stands_for_the_tables(computed):
    cached_kpis(KEY, "M", None)
    cached_kpis(replace(KEY, tables={"orders": pd.DataFrame({"amount": [2.0]})}), "M", None)
    assert len(computed) == 1  # same token, same data: the tables are never hashed


def cached_functions(path: Path):
    """The functions of ``path`` decorated with ``st.cache_data`` or ``cached_on_data``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.FunctionDef) and any(
            "cache_data" in ast.unparse(d) or "cached_on_data" in ast.unparse(d)
            for d in node.decorator_list
        ):
            yield node


UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]


@pytest.mark.parametrize("path", UI_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_cached_function_takes_an_unhashed_argument(path):
    """Data reaches a cached computation through a DataKey (or as bytes), never as an
    ``_argument`` that the cache does not look at."""
    unhashed = [
        f"{function.name}({arg.arg})"
        for function in cached_functions(path)
        for arg in function.args.args
        if arg.arg.startswith("_")
    ]
    assert not unhashed
