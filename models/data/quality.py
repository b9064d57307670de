"""The data-quality report shown after every import: what was read, kept, dropped and why."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from models.core.i18n import Phrase
from models.data.loading import SEPARATOR_NAMES, RawTable
from models.data.schema import MAIN_DATE, TableSpec

# Row numbers listed per reason: enough to find the problem in the file, not a dump.
EXAMPLE_ROWS = 5


@dataclass(frozen=True)
class QualityReport:
    """Facts about one imported file.

    Attributes
    ----------
    file, kind
        The file name and the canonical table it became.
    mapping
        Canonical column -> file column used (``None`` = absent).
    rows_read, rows_kept
        Data rows found in the file, and rows in the canonical table.
    dropped
        Reason -> 1-based row numbers of the file dropped for it. Reasons, notes and
        ``detected``'s keys are :class:`~models.core.i18n.Phrase`: English strings that also say
        themselves in French (``.text("fr")``).
    detected
        What the loader detected (encoding, separator, sheet, title rows).
    date_min, date_max
        The span of the table's main date.
    duplicates
        Rows identical in every file column to an earlier row (kept: they may be genuine).
    empty_periods
        Months inside the span with no row at all.
    negative_amounts, negative_total
        Refunds and credit notes (orders only).
    empty_share
        Optional canonical column -> share of empty cells.
    notes
        Assumptions the user should know about.
    lines
        Objectives only: the file's line (or sheet row) of each row kept, in the table's
        order, so that a later message about a row can name its line.
    """

    file: str
    kind: str
    mapping: dict[str, str | None]
    rows_read: int
    rows_kept: int
    dropped: dict[Phrase, list[int]] = field(default_factory=dict)
    detected: dict[Phrase, str] = field(default_factory=dict)
    date_min: pd.Timestamp | None = None
    date_max: pd.Timestamp | None = None
    duplicates: int = 0
    empty_periods: list[str] = field(default_factory=list)
    negative_amounts: int = 0
    negative_total: float = 0.0
    empty_share: dict[str, float] = field(default_factory=dict)
    notes: list[Phrase] = field(default_factory=list)
    lines: tuple[int, ...] = ()

    @property
    def rows_dropped(self) -> int:
        return sum(len(rows) for rows in self.dropped.values())

    def dropped_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per reason (said in ``lang``): count and the first row numbers."""
        return pd.DataFrame(
            [
                {
                    "reason": reason.text(lang),
                    "rows": len(rows),
                    "first rows": ", ".join(str(r) for r in rows[:EXAMPLE_ROWS]),
                }
                for reason, rows in self.dropped.items()
            ],
            columns=["reason", "rows", "first rows"],
        )

    def summary(self) -> dict[str, object]:
        """The headline figures as a flat dict (for metrics and tests)."""
        return {
            "rows read": self.rows_read,
            "rows kept": self.rows_kept,
            "rows dropped": self.rows_dropped,
            "duplicates": self.duplicates,
            "from": None if self.date_min is None else self.date_min.date().isoformat(),
            "to": None if self.date_max is None else self.date_max.date().isoformat(),
            "empty months": len(self.empty_periods),
            "negative amounts": self.negative_amounts,
        }


def build_report(
    raw: RawTable,
    spec: TableSpec,
    mapping: dict[str, str | None],
    table: pd.DataFrame,
    dropped: dict[Phrase, list[int]],
    notes: list[Phrase],
) -> QualityReport:
    """Assemble the report of one import from the raw and the validated tables."""
    detected: dict[Phrase, str] = {}
    if raw.encoding:
        detected[Phrase("detected.encoding")] = raw.encoding
    if raw.separator:
        detected[Phrase("detected.separator")] = SEPARATOR_NAMES[raw.separator]
    if raw.sheet:
        detected[Phrase("detected.sheet")] = raw.sheet
    if raw.header_row:
        detected[Phrase("detected.title_rows")] = str(raw.header_row)
    if raw.skipped_lines:
        dropped = {**dropped, Phrase("drop.bad_lines"): list(raw.skipped_lines)}
    dates = (
        table[MAIN_DATE[spec.kind]]
        if MAIN_DATE.get(spec.kind) in table  # teams: none
        else pd.Series(pd.NaT, index=table.index, dtype="datetime64[ns]")
    )
    empty = _empty_months(dates)
    negative = table["amount"] < 0 if "amount" in table and spec.kind == "orders" else None
    optional = [c for c in spec.optional if mapping.get(c) and c in table]
    return QualityReport(
        file=raw.name,
        kind=spec.kind,
        mapping=dict(mapping),
        rows_read=len(raw.frame) + len(raw.skipped_lines),
        rows_kept=len(table),
        dropped=dropped,
        detected=detected,
        date_min=dates.min(),
        date_max=dates.max(),
        duplicates=int(raw.frame.duplicated().sum()),
        empty_periods=empty,
        negative_amounts=0 if negative is None else int(negative.sum()),
        negative_total=0.0 if negative is None else float(table.loc[negative, "amount"].sum()),
        empty_share={c: float(table[c].isna().mean()) for c in optional},
        notes=notes,
        lines=tuple(int(i) for i in table.index) if spec.kind == "objectives" else (),
    )


def _empty_months(dates: pd.Series) -> list[str]:
    if dates.dropna().empty:
        return []
    months = dates.dt.to_period("M")
    span = pd.period_range(months.min(), months.max(), freq="M")
    return [str(p) for p in span.difference(pd.PeriodIndex(months.unique()))]
