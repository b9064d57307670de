"""serve.py, the launcher `make run` uses: its warm-up loads what the first page imports.

The launcher itself starts every live server of the browser tests (tests/browser/live_app.py).
"""

import ast
import json
import subprocess
import sys
from pathlib import Path

import serve

ROOT = Path(__file__).resolve().parents[1]


def top_level_imports(path: Path) -> set[str]:
    """Modules a file imports at its top level (``from a.b import c`` gives ``a.b``)."""
    names = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_warm_up_loads_everything_the_entry_point_and_dashboard_import():
    """Run in a fresh interpreter: afterwards, each module app.py and the default page
    import at their top is already loaded (what the first visitor would otherwise wait for)."""
    needed = sorted(top_level_imports(ROOT / "app.py") | top_level_imports(ROOT / "pages" /
                                                                            "dashboard.py"))
    code = ("import json, sys, serve; serve.warm_up(); "
            f"print(json.dumps([m for m in {needed!r} if m not in sys.modules]))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_warm_up_reports_a_module_it_cannot_import_and_goes_on(capsys):
    seconds = serve.warm_up(("objectif_no_such_module", "json"))
    assert seconds >= 0
    assert "objectif_no_such_module" in capsys.readouterr().err
    assert "json" in sys.modules
