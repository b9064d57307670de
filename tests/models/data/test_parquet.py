"""Parquet uploads: the same canonical tables and KPIs as the same data in CSV."""

import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from models import DataError, compute_kpis, import_table, load_table, read_raw
from models.data.importer import SAMPLE_DIR
from tests.conftest import named_file


def parquet_bytes(frame: pd.DataFrame | pa.Table) -> bytes:
    table = (
        frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)
    )
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    return buffer.getvalue()


def typed(text: pd.DataFrame, kind: str) -> pd.DataFrame:
    """A CSV's cells as a warehouse would type them: dates, numbers, the rest strings."""
    dated = {
        "orders": ["date"],
        "leads": ["created", "converted_date"],
        "calls": ["timestamp"],
        "feedback": ["date"],
    }.get(kind, [])
    out = text.copy()
    for column in text:
        if column in dated:
            out[column] = pd.to_datetime(text[column].replace("", None), format="ISO8601")
        elif column in ("amount", "quantity", "value", "csat", "nps", "rating", "duration"):
            numbers = pd.to_numeric(text[column].replace("", None), errors="coerce")
            if numbers.notna().sum() == text[column].ne("").sum():  # wholly numeric: type it
                out[column] = numbers.astype("float64")
    return out


def sample_text(kind: str) -> pd.DataFrame:
    return pd.read_csv(SAMPLE_DIR / f"{kind}.csv", dtype=str, keep_default_na=False)


@pytest.mark.parametrize("kind", ["orders", "leads", "calls", "feedback"])
@pytest.mark.parametrize("typing", ["typed", "strings"])
def test_demo_tables_as_parquet_equal_the_csv(kind, typing):
    text = sample_text(kind)
    frame = typed(text, kind) if typing == "typed" else text
    from_csv = load_table(SAMPLE_DIR / f"{kind}.csv", kind)
    from_parquet = load_table(named_file(parquet_bytes(frame), f"{kind}.parquet"), kind)
    pd.testing.assert_frame_equal(from_parquet, from_csv)


@pytest.mark.parametrize("freq", ["W", "M", "Q", "Y"])
def test_demo_kpis_from_parquet_equal_the_csv(freq):
    tables_csv = {k: load_table(SAMPLE_DIR / f"{k}.csv", k) for k in ("orders", "leads", "calls")}
    tables_pq = {
        k: load_table(named_file(parquet_bytes(typed(sample_text(k), k)), f"{k}.parquet"), k)
        for k in ("orders", "leads", "calls")
    }
    pd.testing.assert_frame_equal(compute_kpis(tables_pq, freq), compute_kpis(tables_csv, freq))
    pd.testing.assert_frame_equal(
        compute_kpis(tables_pq, freq, by="region"), compute_kpis(tables_csv, freq, by="region")
    )


def test_path_bytes_and_upload_all_work(tmp_path):
    data = parquet_bytes(typed(sample_text("orders"), "orders"))
    path = tmp_path / "orders.parquet"
    path.write_bytes(data)
    expected = load_table(SAMPLE_DIR / "orders.csv", "orders")
    for source in (path, str(path), named_file(data, "orders.parquet")):
        pd.testing.assert_frame_equal(load_table(source, "orders"), expected)


def test_content_decides_not_the_name():
    data = parquet_bytes(typed(sample_text("orders"), "orders"))
    assert len(load_table(named_file(data, "orders.csv"), "orders")) == 21319
    csv = "date,customer,amount\n2026-01-02,C1,10\n"
    assert load_table(named_file(csv, "orders.parquet"), "orders")["amount"].tolist() == [10.0]


def test_french_headers_are_mapped_as_in_csv():
    frame = pd.DataFrame(
        {
            "Date de commande": pd.to_datetime(["2026-01-02", "2026-01-05"]),
            "Client": ["C1", "C2"],
            "Montant TTC (EUR)": [10.5, 20.0],
        }
    )
    result = import_table(named_file(parquet_bytes(frame), "ventes.parquet"), "orders")
    assert result.report.mapping["date"] == "Date de commande"
    assert result.report.mapping["customer_id"] == "Client"
    assert result.report.mapping["amount"] == "Montant TTC (EUR)"
    assert result.table["amount"].tolist() == [10.5, 20.0]


def test_string_cells_are_parsed_like_csv_cells():
    frame = pd.DataFrame(
        {
            "date": ["02/01/2026", "31/01/2026", "n/a"],
            "client": [" C1 ", "C2", "C3"],
            "montant": ["1 234,50 €", "(12,00)", "7"],
        }
    )
    from_parquet = load_table(named_file(parquet_bytes(frame), "x.parquet"), "orders")
    from_csv = load_table(named_file(frame.to_csv(sep=";", index=False), "x.csv"), "orders")
    pd.testing.assert_frame_equal(from_parquet, from_csv)
    assert from_parquet["amount"].tolist() == [1234.5, -12.0]


def test_typed_columns_match_their_text_form():
    """Time zones, dates, integer ids with gaps, decimals, categories and infinities."""
    table = pa.table(
        {
            "date": pa.array(
                [
                    pd.Timestamp("2026-01-02 23:30", tz="Europe/Paris"),
                    pd.Timestamp("2026-01-03 08:00", tz="Europe/Paris"),
                    None,
                    pd.Timestamp("2026-01-04", tz="Europe/Paris"),
                ]
            ),
            "customer_id": pa.array([12345, None, 7, 7], pa.int64()),
            "amount": pa.array([10, 20, 30, 40], pa.decimal128(10, 2)),
            "region": pa.array(["Nord", "Sud", "Nord", None]).dictionary_encode(),
            "quantity": pa.array([1.0, float("inf"), 2.0, 3.0]),
        }
    )
    text = (
        "date,customer_id,amount,region,quantity\n"
        "2026-01-02 23:30:00+01:00,12345,10.00,Nord,1.0\n"
        "2026-01-03 08:00:00+01:00,,20.00,Sud,inf\n"
        ",7,30.00,Nord,2.0\n"
        "2026-01-04 00:00:00+01:00,7,40.00,,3.0\n"
    )
    from_parquet = import_table(named_file(parquet_bytes(table), "x.parquet"), "orders")
    from_csv = import_table(named_file(text), "orders")
    pd.testing.assert_frame_equal(from_parquet.table, from_csv.table)
    assert from_parquet.table["customer_id"].tolist() == ["12345", "7"]
    assert from_parquet.table["date"].tolist() == [
        pd.Timestamp("2026-01-02 22:30"),
        pd.Timestamp("2026-01-03 23:00"),
    ]
    # row numbers count records from 1 (a CSV counts lines, the header being line 1):
    # no date on the third record, no customer on the second
    assert list(from_parquet.report.dropped.values()) == [[3], [2]]
    assert list(from_csv.report.dropped.values()) == [[4], [3]]


def test_date_columns_without_time():
    table = pa.table(
        {
            "date": pa.array([pd.Timestamp("2026-03-01").date()] * 2, pa.date32()),
            "customer": ["C1", "C2"],
            "amount": [1.0, 2.0],
        }
    )
    orders = load_table(named_file(parquet_bytes(table), "x.parquet"), "orders")
    assert orders["date"].dtype == "datetime64[ns]"
    assert orders["date"].tolist() == [pd.Timestamp("2026-03-01")] * 2


def test_raw_table_keeps_parquet_types_and_numbers_records_from_one():
    frame = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-02", "2026-01-03"]),
            "customer": ["C1", "C2"],
            "amount": [1.5, 2.0],
        }
    )
    raw = read_raw(named_file(parquet_bytes(frame), "x.parquet"))
    assert raw.encoding is None and raw.separator is None
    assert raw.frame["amount"].dtype == "float64"
    assert raw.frame["date"].dtype.kind == "M"
    assert raw.frame.index.tolist() == [1, 2]


def test_repeated_column_names_are_kept_apart():
    table = pa.Table.from_arrays(
        [pa.array(["2026-01-02"]), pa.array(["C1"]), pa.array([1.0]), pa.array([2.0])],
        names=["date", "customer", "amount", "amount"],
    )
    raw = read_raw(named_file(parquet_bytes(table), "x.parquet"))
    assert list(raw.frame.columns) == ["date", "customer", "amount", "amount (2)"]


def good_bytes() -> bytes:
    return parquet_bytes(
        pd.DataFrame({"date": ["2026-01-02"], "customer": ["C1"], "amount": [1.0]})
    )


@pytest.mark.parametrize(
    "data",
    [
        good_bytes()[: len(good_bytes()) // 2],  # truncated upload
        b"PAR1" + bytes(range(256)) * 4 + b"PAR1",  # magic bytes around garbage
        bytes(range(256)) * 4,  # binary, named .parquet
        good_bytes()[:200] + b"\x00" * 64 + good_bytes()[264:],  # corrupted in the middle
    ],
    ids=["truncated", "garbage-with-magic", "binary", "corrupt-middle"],
)
def test_corrupt_parquet_is_a_data_error_naming_the_file(data):
    with pytest.raises(DataError, match="'broken.parquet' could not be read as a Parquet file"):
        load_table(named_file(data, "broken.parquet"), "orders")


def test_damaged_bytes_give_a_table_or_a_data_error_never_another_exception():
    good = parquet_bytes(
        pd.DataFrame(
            {
                "date": pd.to_datetime(["2026-01-02", "2026-02-03"] * 10),
                "customer": ["C1", "C2"] * 10,
                "amount": [1.5, 2.0] * 10,
                "n": pd.array([1, None] * 10, "Int64"),
                "segment": pd.Categorical(["a", "b"] * 10),
            }
        )
    )
    rng = np.random.default_rng(0)
    outcomes = {"table": 0, "error": 0}
    for _ in range(400):
        data = bytearray(good)
        for position in rng.integers(0, len(data), rng.integers(1, 4)):
            data[position] = rng.integers(0, 256)
        try:
            load_table(named_file(bytes(data), "x.parquet"), "orders")
            outcomes["table"] += 1
        except DataError:
            outcomes["error"] += 1
    assert min(outcomes.values()) > 0  # both happen: the damage is not always fatal


def test_parquet_with_one_column_or_no_rows():
    one = parquet_bytes(pd.DataFrame({"amount": [1.0, 2.0]}))
    with pytest.raises(DataError, match="single column"):
        load_table(named_file(one, "x.parquet"), "orders")
    empty = parquet_bytes(
        pd.DataFrame(
            {
                "date": pd.Series([], dtype="datetime64[ns]"),
                "customer": pd.Series([], dtype="str"),
                "amount": pd.Series([], dtype="float64"),
            }
        )
    )
    with pytest.raises(DataError, match="no data rows"):
        load_table(named_file(empty, "x.parquet"), "orders")


def test_a_large_typed_file_gives_the_same_kpis_as_its_csv():
    rng = np.random.default_rng(0)
    n = 50_000
    frame = pd.DataFrame(
        {
            "date": np.datetime64("2024-01-01")
            + np.sort(rng.integers(0, 700, n)).astype("timedelta64[D]"),
            "customer_id": pd.Series(rng.integers(0, 2_000, n).astype(str), dtype="str").radd("C"),
            "amount": np.round(rng.normal(80, 60, n), 2),
        }
    )
    from_parquet = load_table(named_file(parquet_bytes(frame), "big.parquet"), "orders")
    from_csv = load_table(named_file(frame.to_csv(index=False, date_format="%Y-%m-%d")), "orders")
    pd.testing.assert_frame_equal(from_parquet, from_csv)
    pd.testing.assert_frame_equal(
        compute_kpis({"orders": from_parquet}, "W"), compute_kpis({"orders": from_csv}, "W")
    )
