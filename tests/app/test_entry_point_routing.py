"""Every page runs through app.py's navigation, with public Streamlit calls only.

A folder named ``pages/`` makes Streamlit run a page file on its own until ``st.navigation``
has been called once in the process (pages/_shared/navigation.py). These tests fail if a
Streamlit upgrade changes that, or if a private Streamlit hook comes back.
"""

import ast
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from pages._shared import navigation

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py"))]


@pytest.fixture
def fresh_process(monkeypatch):
    """As in a server that has not served anyone yet: the app's navigation never declared."""
    monkeypatch.setattr(navigation, "_navigation_called", False)
    monkeypatch.setenv("OBJECTIF_TIMING", "1")  # app.py then logs the page its menu ran


def test_a_page_file_run_on_its_own_ends_up_under_the_app_s_navigation(fresh_process, capsys):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/whatif.py")  # before any run: Streamlit's legacy mode runs the file
    at.run()
    assert not at.exception, at.exception
    runs = re.findall(r"objectif-run (\S+)", capsys.readouterr().err)
    assert runs == ["whatif"]  # app.py ran once, and its menu ran the page asked for
    assert [title.value for title in at.title] == ["What-if"]  # drawn once, after the rerun
    assert at.sidebar.segmented_control(key="lang_picker").value == "en"  # the sidebar
    assert at.sidebar.selectbox(key="currency_picker").value == "EUR"
    assert navigation._navigation_called


def test_then_pages_run_without_a_rerun_and_keep_their_clicks(fresh_process, capsys):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_orders_"))
    uploader.set_value(("orders.csv", b"date,customer,amount\n2026-01-05,A,10\n", "text/csv")).run()
    at.sidebar.button(key="back_to_demo").click().run()  # a click: lost if the run restarted
    assert not at.exception, at.exception
    assert at.session_state["data_source"] == "demo"
    assert re.findall(r"objectif-run (\S+)", capsys.readouterr().err) == ["dashboard"]


FORBIDDEN = ("PagesManager", "pages_manager", "uses_pages_directory", "_mpa_v1", "OBJECTIF_APPTEST")


@pytest.mark.parametrize("path", UI_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_private_streamlit_hook(path):
    text = path.read_text(encoding="utf-8")
    assert not [word for word in FORBIDDEN if word in text]
    tree = ast.parse(text)
    imports = [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))]
    from_streamlit = {
        alias.asname or alias.name.split(".")[0]
        for node in imports
        for alias in node.names
        if (getattr(node, "module", None) or alias.name).startswith("streamlit")
    }
    private = [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and isinstance(node.value, ast.Name)
        and node.value.id in from_streamlit
    ]
    private += [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit")
        for alias in node.names
        if alias.name.startswith("_")
    ]
    assert not private
