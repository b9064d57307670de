"""The engine stays usable without the UI, and its subpackages import only downwards."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# The data path, bottom to top: a subpackage may import its own modules and those of lower
# layers only. Packages on the same layer do not know each other.
LAYERS = {
    "core": 0,
    "data": 1,
    "kpis": 2,
    "forecasting": 3,
    "scoring": 3,
    "engines": 3,
    "scenarios": 4,
    "presentation": 5,
}


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module ``path`` imports, absolute, with its line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                package = path.relative_to(ROOT).with_suffix("").parts[: -node.level]
                module = ".".join(package + ((node.module,) if node.module else ()))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            if module == "models":  # `from models import data` names a subpackage
                found += [
                    (node.lineno, f"models.{alias.name}")
                    for alias in node.names
                    if alias.name in LAYERS
                ]
    return found


def layering_problems(root: Path = ROOT) -> list[str]:
    """Imports under ``root/models`` that climb a layer, cross to a sibling or reach the UI."""
    problems = []
    for path in sorted((root / "models").rglob("*.py")):
        parts = path.relative_to(root / "models").parts
        own = parts[0] if len(parts) > 1 else None  # None: models/__init__.py, the facade
        for line, module in _imports(path):
            where = f"{path.relative_to(root)}:{line} imports {module}"
            head = module.split(".")
            if head[0] in ("streamlit", "pages", "app"):
                problems.append(f"{where} (the engine never imports the UI)")
            elif head[0] == "models" and len(head) > 1 and own is not None:
                other = head[1]
                if other not in LAYERS:
                    problems.append(f"{where} (not a subpackage of models)")
                elif other != own and LAYERS[other] >= LAYERS[own]:
                    problems.append(
                        f"{where} ({own} is layer {LAYERS[own]}, {other} is {LAYERS[other]})"
                    )
    return problems


def ui_import_problems(root: Path = ROOT) -> list[str]:
    """Imports in the UI that reach past a subpackage's public ``__init__``."""
    problems = []
    for path in [root / "app.py", *sorted((root / "pages").glob("*.py"))]:
        for line, module in _imports(path):
            head = module.split(".")
            if head[0] == "models" and len(head) > 2:
                problems.append(
                    f"{path.relative_to(root)}:{line} imports {module} (import "
                    f"from models.{head[1]} instead)"
                )
    return problems


def test_every_subpackage_has_a_layer():
    found = {
        p.name for p in (ROOT / "models").iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    assert found == set(LAYERS)


def test_engine_imports_only_downwards():
    assert layering_problems() == []


def test_pages_import_only_public_packages():
    assert ui_import_problems() == []


@pytest.mark.parametrize(
    "source, expected",
    [
        ("from models.scenarios import what_if\n", "kpis is layer 2, scenarios is 4"),
        ("from models.scoring.snapshots import as_categories\n", "scoring is 3"),
        ("import streamlit as st\n", "never imports the UI"),
        ("from pages import _shared\n", "never imports the UI"),
    ],
)
def test_the_layering_check_catches_a_bad_import(tmp_path, source, expected):
    # the check itself must be able to fail: plant a bad import in a copy of the layout
    for package in LAYERS:
        (tmp_path / "models" / package).mkdir(parents=True)
        (tmp_path / "models" / package / "__init__.py").write_text("")
    (tmp_path / "models" / "kpis" / "compute.py").write_text(
        "from models.core.errors import DataError\n" + source
    )
    problems = layering_problems(tmp_path)
    assert len(problems) == 1 and expected in problems[0], problems


def test_the_ui_check_catches_a_private_module(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "app.py").write_text("from models.kpis import compute_kpis\n")
    (tmp_path / "pages" / "x.py").write_text("from models.kpis.compute import compute_kpis\n")
    assert ui_import_problems(tmp_path) == [
        "pages/x.py:1 imports models.kpis.compute (import from models.kpis instead)"
    ]


def test_public_api_imports_without_streamlit():
    code = (
        "import sys; sys.modules['streamlit'] = None; "
        "from models import load_table, DataError, sample_tables; "
        "import models.core, models.data, models.kpis, models.forecasting, models.scoring, "
        "models.scenarios, models.presentation; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
