"""Property-based tests: whatever a user uploads, the loader returns a clean canonical table
or a DataError — never another exception; the KPIs and the forecaster survive odd data."""

import io
import string

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from models import DataError, compute_kpis, forecast, load_table

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def named(data: bytes, name: str) -> io.BytesIO:
    buffer = io.BytesIO(data)
    buffer.name = name
    return buffer


def check_canonical_orders(table: pd.DataFrame) -> None:
    """What every page relies on: real dates, finite amounts, text customer ids."""
    assert len(table) > 0
    assert pd.api.types.is_datetime64_any_dtype(table["date"]) and table["date"].notna().all()
    assert pd.api.types.is_float_dtype(table["amount"]) and np.isfinite(table["amount"]).all()
    assert table["customer_id"].notna().all()


def load_or_refuse(data: bytes, name: str, kind: str = "orders") -> pd.DataFrame | None:
    try:
        table = load_table(named(data, name), kind)
    except DataError as err:
        assert str(err)  # a message the user can read
        event("refused with a DataError")
        return None
    event("loaded")
    if kind == "orders":
        check_canonical_orders(table)
    return table


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["f.csv", "f.txt", "f.tsv", "f.xlsx", "f.xls"]))
def test_any_bytes_load_or_raise_a_data_error(data, name):
    load_or_refuse(data, name)


# CSV-like text: plausible headers, separators, dates, amounts and junk, mixed freely
HEADERS = [
    "date",
    "Date de commande",
    "order date",
    "client",
    "customer_id",
    "Code client",
    "amount",
    "Montant TTC",
    "sales",
    "region",
    "",
    "montant",
    "N° commande",
    "x",
]
CELLS = st.one_of(
    st.dates(
        min_value=pd.Timestamp("1900-01-01").date(), max_value=pd.Timestamp("2100-12-31").date()
    ).flatmap(
        lambda d: st.sampled_from(
            [
                d.isoformat(),
                d.strftime("%d/%m/%Y"),
                d.strftime("%m/%d/%Y"),
                d.strftime("%d/%m/%y"),
                d.strftime("%y%m%d"),
                d.strftime("%d.%m.%Y"),
            ]
        )
    ),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(
        [
            "1 234,56 €",
            "1.234,56",
            "(3.00)",
            "€12",
            "-",
            "N/A",
            "",
            " ",
            "nan",
            "inf",
            "1e308",
            "1e309",
            "=SUM(A1)",
            '"a;b"',
            "Total",
            "0",
        ]
    ),
    st.text(alphabet=string.printable + "éèàç€°", max_size=12),
)


@st.composite
def csv_texts(draw) -> tuple[bytes, str]:
    sep = draw(st.sampled_from([",", ";", "\t", "|"]))
    n_cols = draw(st.integers(1, 6))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=n_cols, max_size=n_cols))
    rows = draw(st.lists(st.lists(CELLS, min_size=n_cols, max_size=n_cols), max_size=25))
    lines = [sep.join(header)] + [sep.join(row) for row in rows]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace"), "upload.csv"


@FUZZ
@given(csv_texts())
def test_csv_like_text_loads_clean_or_raises_a_data_error(upload):
    load_or_refuse(*upload)


DATES = st.dates(
    min_value=pd.Timestamp("1990-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()
)
AMOUNTS = st.one_of(
    st.floats(-1e7, 1e7, allow_nan=False).map(lambda x: f"{x:.2f}"),
    st.floats(0, 1e6, allow_nan=False).map(
        lambda x: f"{x:,.2f}".replace(",", " ").replace(".", ",")
    ),
    st.sampled_from(["", "N/A", "12 €", "(3,00)", "1e309", "abc"]),
)


@st.composite
def order_exports(draw) -> tuple[bytes, str]:
    """An orders export: the right columns, a date format chosen per file, messy cells."""
    fmt = draw(st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%d/%m/%y", "%d.%m.%Y"]))
    sep = draw(st.sampled_from([";", ",", "\t"]))
    rows = draw(
        st.lists(
            st.tuples(
                st.one_of(
                    DATES.map(lambda d: d.strftime(fmt)), st.sampled_from(["", "Total", "n/a"])
                ),
                st.text(
                    alphabet=string.ascii_letters + string.digits + "-_ é", min_size=0, max_size=8
                ),
                AMOUNTS,
            ),
            min_size=1,
            max_size=40,
        )
    )
    header = draw(
        st.sampled_from([("Date", "Client", "Montant"), ("order date", "customer id", "sales")])
    )
    cells = [sep.join(header)] + [
        sep.join(f'"{c}"' if sep in c else c for c in row) for row in rows
    ]
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    return "\n".join(cells).encode(encoding, errors="replace"), "export.csv"


@FUZZ
@given(order_exports())
def test_order_exports_load_clean_or_raise_a_data_error(upload):
    load_or_refuse(*upload)


# ----------------------------------------------------------------- degenerate histories
def orders(rows) -> dict[str, pd.DataFrame]:
    frame = pd.DataFrame(rows, columns=["date", "customer_id", "amount"])
    return {
        "orders": frame.assign(
            date=pd.to_datetime(frame["date"]), amount=frame["amount"].astype(float)
        )
    }


DEGENERATE = {
    "one row": [("2026-03-04", "A", 10.0)],
    "one customer": [(f"2025-{m:02d}-01", "A", 10.0) for m in range(1, 13)],
    "all amounts zero": [(f"2025-{m:02d}-01", f"C{m}", 0.0) for m in range(1, 13)],
    "only refunds": [(f"2025-{m:02d}-01", f"C{m}", -5.0) for m in range(1, 13)],
    "ten-year gap": [
        ("2014-01-05", "A", 10.0),
        ("2024-01-05", "B", 20.0),
        ("2024-02-05", "A", 5.0),
    ],
    "dates in the future": [("2026-01-01", "A", 1.0), ("2031-06-01", "B", 2.0)],
    "duplicated rows": [("2025-01-01", "A", 10.0)] * 50,
}


@pytest.mark.parametrize("case", list(DEGENERATE))
@pytest.mark.parametrize("freq", ["W", "M", "Q", "Y"])
def test_kpis_survive_degenerate_histories(case, freq):
    kpis = compute_kpis(orders(DEGENERATE[case]), freq)
    assert len(kpis) >= 1
    assert kpis["revenue"].sum() == pytest.approx(sum(r[2] for r in DEGENERATE[case]))
    rates = kpis[["churn_rate", "repeat_purchase_rate"]].stack().dropna()
    assert rates.between(0, 1).all()


@pytest.mark.parametrize(
    "values",
    [
        [5.0],
        [0.0] * 24,
        [1.0, 0.0] * 12,
        [3.0] * 30,
        [0, 0, 0, 7, 0, 0, 0, 0, 2, 0, 0, 0] * 3,
        list(np.linspace(1e9, 2e9, 40)),
        [1e-9 * i for i in range(30)],
    ],
)
def test_the_forecaster_answers_or_explains_on_degenerate_series(values):
    y = pd.Series(
        values, index=pd.date_range("2022-01-01", periods=len(values), freq="MS"), dtype=float
    )
    try:
        result = forecast(y, 6)
    except DataError as err:
        assert "short" in str(err) or "at least" in str(err), err
        return
    assert len(result) == 6 and np.isfinite(result.to_numpy()).all()
    assert (result["lo-95"] <= result["mean"]).all() and (result["mean"] <= result["hi-95"]).all()
    if min(values) >= 0:
        assert (result["lo-95"] >= 0).all()
