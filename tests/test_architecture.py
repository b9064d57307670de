"""The engine stays usable without the UI."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_module_under_models_imports_streamlit():
    offenders = []
    for path in (ROOT / "models").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def test_public_api_imports_without_streamlit():
    import subprocess
    import sys

    code = ("import sys; sys.modules['streamlit'] = None; "
            "from models import load_table, DataError, sample_tables; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr
