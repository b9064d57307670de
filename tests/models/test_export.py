"""Downloads: text that a spreadsheet would run as a formula is turned into plain text."""

import io

import pandas as pd

from models.export import guard_formulas, to_csv_bytes, to_excel_bytes

RISKY = pd.DataFrame({"name": ["=HYPERLINK(\"http://x\")", "+33 1 23", "-2+3", "@SUM(A1)", "Ok",
                               None],
                      "amount": [-5.0, 1.0, 2.0, 3.0, 4.0, 5.0]},
                     index=pd.Index(["=1", "b", "c", "d", "e", "f"], name="customer_id"))


def test_formula_cells_become_text_and_numbers_stay_numbers():
    guarded = guard_formulas(RISKY)
    assert guarded["name"].tolist()[:5] == ["'=HYPERLINK(\"http://x\")", "'+33 1 23", "'-2+3",
                                            "'@SUM(A1)", "Ok"]
    assert pd.isna(guarded["name"].iloc[5])
    assert guarded["amount"].tolist() == RISKY["amount"].tolist()
    assert RISKY["name"].iloc[0].startswith("=")  # the input is left alone


def test_csv_and_excel_keep_the_named_index_and_guard_it():
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(RISKY)), encoding="utf-8-sig")
    assert list(csv.columns) == ["customer_id", "name", "amount"]
    assert csv["customer_id"].iloc[0] == "'=1"
    sheet = pd.read_excel(io.BytesIO(to_excel_bytes(RISKY, "At risk")), sheet_name="At risk",
                          engine="calamine")
    assert sheet["name"].iloc[3] == "'@SUM(A1)" and sheet["amount"].iloc[0] == -5
