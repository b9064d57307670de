"""Importing objectives: every row left out is listed with its line and why; a save that
fails names the file's lines of the rows that came from it."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.app.conftest import as_read

ROOT = Path(__file__).resolve().parents[2]
FILE = (
    "period,kpi,target\n"  # line 1
    "2027-01,revenue,1000\n"  # line 2: kept
    "2027-13,revenue,5\n"  # line 3: no such month
    "2027-02,revenue,abc\n"  # line 4: not a number
    "2027-03,happiness,4\n"  # line 5: unknown KPI
    "2027-04,orders,1e30\n"  # line 6: beyond the ceiling
    "2027-05,orders,12\n"
)  # line 7: kept


def objectives_page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/objectives.py").run()
    assert not at.exception
    return at


def import_file(at: AppTest, content: str, name: str = "targets_2027.csv") -> None:
    at.file_uploader(key="objectives_upload").set_value((name, content.encode(), "text/csv")).run()
    at.button(key="import_apply").click().run()
    assert not at.exception, at.exception


def test_an_import_lists_every_row_left_out_with_its_line_and_reason():
    at = objectives_page()
    import_file(at, FILE)
    note = next(as_read(w.value) for w in at.warning if "targets" in w.value)
    assert "targets_2027.csv: rows added to the grid: 2; left out: 4." in note
    for said in (
        "line 3: period '2027-13' is not a month",
        "line 4: target 'abc' is not a number",
        "line 5: unknown KPI 'happiness'",
        "line 6: Orders target 1e+30 is out of range: it must be at most",
    ):
        assert said in note, note
    grid = at.dataframe[0].value
    added = grid[grid["source"] != ""]
    assert added[["period", "kpi", "target", "source"]].values.tolist() == [
        ["2027-01", "revenue", 1000.0, "targets_2027.csv, line 2"],  # a grid cell: plain
        ["2027-05", "orders", 12.0, "targets_2027.csv, line 7"],
    ]


def test_a_failed_save_names_the_file_lines_of_its_rows():
    at = objectives_page()
    import_file(
        at, "period,kpi,target\n2027-01,revenue,1000\n2027-02,orders,5\n01/2027,Revenue,1200\n"
    )  # line 4 sets line 2's objective again
    at.button(key="save_objectives").click().run()
    assert not at.exception
    error = as_read(at.error[0].value)
    assert (
        "targets_2027.csv, line 2; targets_2027.csv, line 4 set the same objective twice" in error
    )


def test_the_data_page_report_lists_each_objective_left_out_by_line():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/data.py").run()
    uploader = next(u for u in at.file_uploader if u.key.startswith("upload_objectives_"))
    uploader.set_value(("targets.csv", FILE.encode(), "text/csv")).run()
    assert not at.exception
    reasons = at.dataframe[0].value.iloc[:, 0].tolist()
    assert len(reasons) == 4 and reasons[0].startswith("line 3: period '2027-13'")
    assert reasons[3].startswith("line 6: Orders target 1e+30 is out of range")
