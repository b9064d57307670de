import codecs

import pandas as pd
import pytest

from models import DataError, list_sheets, read_raw
from models.data.loading import decode_text, sniff_separator
from tests.conftest import named_file

TABLE = "date,customer,amount\n2026-01-02,C1,10\n2026-01-03,C2,20\n"


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_every_common_separator(sep):
    raw = read_raw(named_file(TABLE.replace(",", sep)))
    assert raw.separator == sep
    assert list(raw.frame.columns) == ["date", "customer", "amount"]
    assert raw.frame["customer"].tolist() == ["C1", "C2"]


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TABLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TABLE.encode("utf-8"), "utf-8-sig"),
        (TABLE.encode("utf-16"), "utf-16"),
        (TABLE.encode("utf-16-le"), "utf-16-le"),
        ("date;client;montant\n2026-01-02;Hélène;10\n".encode("cp1252"), "windows-1252"),
    ],
)
def test_encodings(data, encoding):
    text, found = decode_text(data, "x.csv")
    assert found == encoding
    assert not text.startswith("\ufeff")


def test_bom_does_not_stick_to_the_first_header():
    raw = read_raw(named_file(codecs.BOM_UTF8 + TABLE.encode()))
    assert raw.frame.columns[0] == "date"


def test_quoted_fields_with_separators_and_newlines():
    text = (
        'id,customer,note,amount\n1,C1,"Message Book, ""Wirebound""\nsecond line",10\n'
        "2,C2,plain,20\n"
    )
    raw = read_raw(named_file(text))
    assert raw.separator == ","
    assert raw.frame["note"].iloc[0] == 'Message Book, "Wirebound"\nsecond line'
    assert raw.frame["amount"].tolist() == ["10", "20"]


def test_title_rows_are_skipped_and_row_numbers_follow_the_file():
    text = "Export CRM du 27/11/2026\n\ndate;client;montant\n2026-01-02;C1;10\n"
    raw = read_raw(named_file(text))
    assert raw.header_row == 2
    assert list(raw.frame.columns) == ["date", "client", "montant"]
    assert raw.frame.index.tolist() == [4]  # the data row is line 4 of the file


def test_lines_with_too_many_fields_are_skipped_and_counted():
    text = "a,b,c\n1,2,3\n4,5,6,7,8\n9,10,11\n"
    raw = read_raw(named_file(text))
    assert raw.frame["a"].tolist() == ["1", "9"]
    assert raw.skipped_lines == (3,)


def test_crlf_and_missing_final_newline():
    raw = read_raw(named_file("a;b\r\n1;2\r\n3;4"))
    assert raw.frame.values.tolist() == [["1", "2"], ["3", "4"]]


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        (b"just one column\nvalue\nvalue\n", "no separator found"),
        (b"a,b\n1\n2\n3\n", "no separator found"),
        (b"date,customer,amount\n", "no data rows"),
    ],
)
def test_broken_files_raise_data_error(content, message):
    with pytest.raises(DataError, match=message):
        read_raw(named_file(content, "broken.csv"))


def test_sniffer_refuses_text_with_no_table():
    with pytest.raises(DataError, match="no separator"):
        sniff_separator("hello world\nthis is prose\n")


def test_missing_path_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="not found"):
        read_raw(tmp_path / "nope.csv")


def make_workbook(tmp_path, name="book.xlsx"):
    path = tmp_path / name
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({"x": ["Rapport des ventes", None]}).to_excel(
            writer, sheet_name="Notes", index=False, header=False
        )
        title = pd.DataFrame([["Ventes 2026", None, None], [None, None, None]])
        table = pd.DataFrame(
            {
                "Date": pd.to_datetime(["2026-01-02", "2026-01-03"]),
                "Client": ["C1", "C2"],
                "Montant": [10.5, 20.0],
            }
        )
        title.to_excel(writer, sheet_name="Ventes", index=False, header=False)
        table.to_excel(writer, sheet_name="Ventes", index=False, startrow=2)
    return path


def test_excel_sheets_and_title_rows(tmp_path):
    path = make_workbook(tmp_path)
    assert list_sheets(path) == ["Notes", "Ventes"]
    raw = read_raw(path, sheet="Ventes")
    assert raw.sheet == "Ventes"
    assert list(raw.frame.columns) == ["Date", "Client", "Montant"]
    assert raw.frame["Montant"].tolist() == [10.5, 20.0]
    assert raw.frame.index.tolist() == [4, 5]  # Excel row numbers
    with pytest.raises(DataError, match="no sheet 'Nope'"):
        read_raw(path, sheet="Nope")


def test_excel_detected_by_content_not_name(tmp_path):
    path = make_workbook(tmp_path)
    upload = named_file(path.read_bytes(), "renamed.csv")
    assert read_raw(upload, sheet=1).frame.shape == (2, 3)


def test_corrupt_workbook_is_a_data_error():
    with pytest.raises(DataError, match="Excel"):
        read_raw(named_file(b"PK\x03\x04" + b"garbage" * 20, "bad.xlsx"))
    with pytest.raises(DataError, match="Excel"):
        read_raw(named_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "bad.xls"))


def test_legacy_xls_fixture(tmp_path):
    from tests.conftest import FIXTURES

    raw = read_raw(FIXTURES / "legacy.xls", sheet="Orders")
    assert list(raw.frame.columns)[:3] == ["Order Date", "Customer ID", "Sales"]
    assert len(raw.frame) == 3
