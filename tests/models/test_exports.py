"""Exports open right in a spreadsheet, read back identical, and cannot run formulas."""

import io

import pandas as pd
import pytest

from models.exports import neutralise_formulas, to_csv_bytes, to_excel_bytes

FRAME = pd.DataFrame({"scenario": ["Baseline", "Été +10 %", "=HYPERLINK(\"http://x\")",
                                   "+1", "-2", "@SUM(A1)", "plain"],
                      "leads": [0.0, 0.1, 0.0, 0.0, -0.2, 0.0, 0.3],
                      "revenue": [2831615.65, 2868535.12, 1.0, 2.0, 3.0, 4.0, 5.0]})


def test_formulas_are_neutralised_and_numbers_kept():
    safe = neutralise_formulas(FRAME)
    assert safe["scenario"].tolist() == ["Baseline", "Été +10 %", "'=HYPERLINK(\"http://x\")",
                                         "'+1", "'-2", "'@SUM(A1)", "plain"]
    assert safe["leads"].tolist() == FRAME["leads"].tolist()  # a negative number is no formula
    assert FRAME["scenario"].iat[2].startswith("=")  # the input is not modified


def test_csv_has_a_bom_and_reads_back_identical():
    data = to_csv_bytes(FRAME)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, neutralise_formulas(FRAME))


def test_french_csv_uses_semicolons_and_decimal_commas():
    data = to_csv_bytes(FRAME, sep=";", decimal=",")
    assert "2831615,65" in data.decode("utf-8-sig")
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    pd.testing.assert_frame_equal(back, neutralise_formulas(FRAME))


def test_excel_reads_back_identical_and_holds_no_formula():
    data = to_excel_bytes(FRAME, "Scenarios")
    back = pd.read_excel(io.BytesIO(data), sheet_name="Scenarios", engine="calamine")
    pd.testing.assert_frame_equal(back, neutralise_formulas(FRAME))
    from openpyxl import load_workbook
    cells = [c for row in load_workbook(io.BytesIO(data))["Scenarios"].iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"])
def test_every_formula_start_is_neutralised(text):
    assert neutralise_formulas(pd.DataFrame({"a": [text]}))["a"].iat[0] == "'" + text
