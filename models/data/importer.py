"""The public import path: a file in, a canonical table (and its quality report) out."""

from __future__ import annotations

import functools
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from models.data.loading import Source, read_raw
from models.data.quality import QualityReport
from models.data.schema import KINDS, MAIN_DATE, table_spec
from models.data.validation import ImportOptions, Mapping, validate_table

SAMPLE_DIR = Path(__file__).resolve().parents[2] / "sample_data"
# sample_data/imported/<kind>.parquet: each demo table as this importer reads its CSV, tagged
# with the CSV's SHA-256. Reading it takes 0.04 s where importing the CSVs takes 0.35-0.5 s,
# on every server start (`make sample-data` writes them; a test checks they are current).
SNAPSHOT_FOLDER = "imported"
SNAPSHOT_SOURCE_KEY = b"objectif:source-sha256"


@dataclass(frozen=True)
class ImportResult:
    """A validated table and the report of how it was read."""

    table: pd.DataFrame
    report: QualityReport


def import_table(
    source: Source,
    kind: str,
    *,
    mapping: Mapping | None = None,
    sheet: str | int | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Read, map and validate one file.

    Parameters
    ----------
    source
        A path or a named file-like object (CSV, TSV, TXT, XLSX, XLS, Parquet).
    kind
        ``orders``, ``leads``, ``calls``, ``feedback`` or ``objectives``.
    mapping
        Canonical column -> file column, overriding the automatic proposal.
    sheet
        Excel sheet (name or index); the first by default.
    options
        Date order, decimal mark, value mappings.

    Raises
    ------
    DataError
        With a message naming the file, the column or rows, and what to do.
    """
    table_spec(kind)  # fail on an unknown kind before reading anything
    raw = read_raw(source, sheet=sheet)
    table, report = validate_table(raw, kind, mapping, options)
    return ImportResult(table, report)


def load_table(
    source: Source,
    kind: str,
    *,
    mapping: Mapping | None = None,
    sheet: str | int | None = None,
    options: ImportOptions | None = None,
) -> pd.DataFrame:
    """Like :func:`import_table`, returning only the canonical table.

    Examples
    --------
    >>> orders = load_table("sample_data/orders.csv", "orders")
    >>> list(orders.columns[:3])
    ['date', 'customer_id', 'amount']
    """
    return import_table(source, kind, mapping=mapping, sheet=sheet, options=options).table


_SAMPLES_READ = threading.Lock()  # the demo company's files, read by one caller at a time


def sample_tables() -> dict[str, pd.DataFrame]:
    """The demo company's canonical tables keyed by kind (see ``sample_data/generate.py``).

    The files are read once per version (the same paths and modification times give the
    tables read before, as fresh copies the caller may change): every visitor, test and
    benchmark starts from the demo company, and ``serve.py``'s run at start reads it first.
    Each table comes from its snapshot (:func:`write_sample_snapshots`) when that was written
    from the same CSV bytes, else from importing the CSV.
    """
    files = tuple(
        (kind, path, path.stat().st_mtime_ns)
        for kind in KINDS
        if (path := SAMPLE_DIR / f"{kind}.csv").is_file()
    )
    with _SAMPLES_READ:  # a second caller waits for the first one's tables, not reads again
        tables = _read_samples(files)
    return {kind: table.copy() for kind, table in tables.items()}


@functools.lru_cache(maxsize=1)
def _read_samples(files: tuple[tuple[str, Path, int], ...]) -> dict[str, pd.DataFrame]:
    return {kind: _read_sample(path, kind) for kind, path, _ in files}


def _read_sample(csv_path: Path, kind: str) -> pd.DataFrame:
    import pyarrow as pa
    import pyarrow.parquet as pq

    snapshot = snapshot_path(csv_path)
    try:
        metadata = pq.read_schema(snapshot).metadata or {}
        if metadata.get(SNAPSHOT_SOURCE_KEY) == _sha256(csv_path).encode():
            return pd.read_parquet(snapshot)
    except (OSError, pa.ArrowException):  # none, or unreadable: the CSV is the reference
        pass
    return load_table(csv_path, kind)


def snapshot_path(csv_path: Path) -> Path:
    """Where the snapshot of the demo table read from ``csv_path`` is kept."""
    return csv_path.parent / SNAPSHOT_FOLDER / f"{csv_path.stem}.parquet"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_sample_snapshots(folder: Path = SAMPLE_DIR) -> list[Path]:
    """Import each demo CSV of ``folder`` and write the table, tagged with the CSV's SHA-256,
    to ``folder/imported/<kind>.parquet``; return the paths written.

    A snapshot is used only while its CSV has the same bytes: an edited CSV is imported again.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    written = []
    for kind in KINDS:
        csv_path = folder / f"{kind}.csv"
        if not csv_path.is_file():
            continue
        arrow = pa.Table.from_pandas(load_table(csv_path, kind))
        arrow = arrow.replace_schema_metadata(
            {**(arrow.schema.metadata or {}), SNAPSHOT_SOURCE_KEY: _sha256(csv_path).encode()}
        )
        target = snapshot_path(csv_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow, target, compression="zstd")
        written.append(target)
    return written


def describe_tables(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per loaded table: rows and the span of its main date."""
    rows = []
    for kind in KINDS:
        if kind not in tables:
            continue
        dates = tables[kind][MAIN_DATE[kind]]
        rows.append(
            {
                "table": kind,
                "rows": len(tables[kind]),
                "from": dates.min().date(),
                "to": dates.max().date(),
            }
        )
    return pd.DataFrame(rows, columns=["table", "rows", "from", "to"])


def merge_conversions(leads: pd.DataFrame, conversions: pd.DataFrame) -> pd.DataFrame:
    """Leads completed with a separate closed-deals table (joined on the lead id).

    A lead is converted when the deals table names it; its won date, and the rep, value,
    segment and customer of the deal fill the lead's empty fields.
    """
    deals = conversions.sort_values("converted_date").drop_duplicates("lead_id")
    deals = deals.set_index("lead_id")
    merged = leads.copy()
    won_date = merged["lead_id"].map(deals["converted_date"])
    if "converted_date" in merged:
        won_date = merged["converted_date"].fillna(won_date)
    merged["converted_date"] = won_date
    merged["converted"] = won_date.notna() | (
        merged["converted"] if "converted" in merged else False
    )
    for column in ("rep", "value", "segment", "customer_id"):
        if column in deals:
            from_deal = merged["lead_id"].map(deals[column])
            merged[column] = merged[column].fillna(from_deal) if column in merged else from_deal
    return merged


def prepare_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables the KPIs read: leads merged with their conversions when both are loaded."""
    if "conversions" in tables and "leads" in tables:
        return {**tables, "leads": merge_conversions(tables["leads"], tables["conversions"])}
    return tables
