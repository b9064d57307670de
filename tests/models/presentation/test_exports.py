"""Exports open right in a spreadsheet, read back identical, and cannot run formulas."""

import io

import pandas as pd
import pytest

from models.presentation.exports import neutralise_formulas, to_csv_bytes, to_excel_bytes

FRAME = pd.DataFrame(
    {
        "scenario": [
            "Baseline",
            "Été +10 %",
            '=HYPERLINK("http://x")',
            "+1",
            "-2",
            "@SUM(A1)",
            "plain",
        ],
        "leads": [0.0, 0.1, 0.0, 0.0, -0.2, 0.0, 0.3],
        "revenue": [2831615.65, 2868535.12, 1.0, 2.0, 3.0, 4.0, 5.0],
    }
)


def test_formulas_are_neutralised_and_numbers_kept():
    safe = neutralise_formulas(FRAME)
    assert safe["scenario"].tolist() == [
        "Baseline",
        "Été +10 %",
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "plain",
    ]
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


RISKY = pd.DataFrame(
    {
        "name": ['=HYPERLINK("http://x")', "+33 1 23", "-2+3", "@SUM(A1)", "Ok", None],
        "amount": [-5.0, 1.0, 2.0, 3.0, 4.0, 5.0],
    },
    index=pd.Index(["=1", "b", "c", "d", "e", "f"], name="customer_id"),
)


def test_formula_cells_become_text_and_numbers_stay_numbers():
    guarded = neutralise_formulas(RISKY)
    assert guarded["name"].tolist()[:5] == [
        '\'=HYPERLINK("http://x")',
        "'+33 1 23",
        "'-2+3",
        "'@SUM(A1)",
        "Ok",
    ]
    assert pd.isna(guarded["name"].iloc[5])
    assert guarded["amount"].tolist() == RISKY["amount"].tolist()
    assert RISKY["name"].iloc[0].startswith("=")  # the input is left alone


def test_csv_and_excel_keep_the_named_index_and_guard_it():
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(RISKY)), encoding="utf-8-sig")
    assert list(csv.columns) == ["customer_id", "name", "amount"]
    assert csv["customer_id"].iloc[0] == "'=1"
    sheet = pd.read_excel(
        io.BytesIO(to_excel_bytes(RISKY, "At risk")), sheet_name="At risk", engine="calamine"
    )
    assert sheet["name"].iloc[3] == "'@SUM(A1)" and sheet["amount"].iloc[0] == -5
