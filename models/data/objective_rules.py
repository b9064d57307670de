"""What makes an objective usable, row by row: a month, quarter or year, a known KPI and a
finite target within the KPI's range (:data:`CEILINGS`).

One set of rules for everything that turns rows into objectives: an objectives file read by
the importer, the Objectives grid on saving, and rows read back from the database.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from models.core.errors import DataError
from models.core.i18n import Phrase
from models.core.kpi_catalogue import BY_KEY, KpiName
from models.core.periods import normalise_kpi_names, parse_periods

OBJECTIVE_COLUMNS = ["period", "kpi", "group", "target", "period_start", "freq"]


# The largest target a KPI of each unit may have: far above any real business's figure, far
# below where sums, ratios and formatting lose meaning (Babel raises from 1e28 on). Saving
# refuses a target outside these bounds, and a stored one outside them (written by an older
# version or by hand) is skipped on reading with a warning, so one bad row cannot break a page.
CEILINGS: dict[str, float] = {
    "currency": 1e12,  # a trillion in revenue or basket, in one period
    "count": 1e9,  # a billion orders, customers, leads or calls in one period
    "days": 3_650.0,  # ten years to convert a lead
    "rating": 100.0,  # ratings are out of 5, 10 or at most 100
    "score": 100.0,  # NPS runs from -100 to +100
    "rate": 1.0,  # shares are fractions of 1
    "growth": 100.0,  # growth rates (revenue growth, vs last year): +10,000 %
}
GROUP_COLUMN_WIDTH = 200  # characters a group name may have (the database column's width)
# Objectives are checked row by row (about 50 µs a row): a file of millions of rows would hold
# a page for minutes. 50,000 is a year of monthly targets for 500 groups on 8 KPIs.
MAX_OBJECTIVES = 50_000


def _bounds(kpi: str, target: float) -> tuple[float, float, Phrase]:
    """The range a target of ``kpi`` must lie in, and why (said of ``target``'s side)."""
    unit = BY_KEY[kpi].unit
    if unit == "rate" and kpi.endswith(("growth", "yoy")):
        return (
            -1.0,
            CEILINGS["growth"],
            Phrase("objective.growth_bounds", high=f"{CEILINGS['growth']:g}"),
        )
    if unit == "rate":
        return 0.0, CEILINGS["rate"], Phrase("objective.rate_bounds")
    if unit == "score":
        return -CEILINGS["score"], CEILINGS["score"], Phrase("objective.nps_bounds")
    return (
        0.0,
        CEILINGS[unit],
        (
            Phrase("objective.not_negative")
            if target < 0
            else Phrase("objective.at_most", high=f"{CEILINGS[unit]:,.0f}")
        ),
    )


def row_labels(frame: pd.DataFrame) -> list[object]:
    """How messages name each row of ``frame``: its ``source`` (``objectives.csv, line 5``,
    set when the row came from a file) when it has one, else its row in the grid (from 1)."""
    sources = frame["source"] if "source" in frame else pd.Series(None, index=frame.index)
    return [
        source
        if isinstance(source, str) and source.strip()
        else Phrase("objective.row", row=number)
        for number, source in enumerate(sources.tolist(), start=1)
    ]


def row_problems(
    frame: pd.DataFrame, labels: Sequence[object] | None = None
) -> tuple[pd.DataFrame, list[list[Phrase]]]:
    """Every row of ``frame`` parsed (``OBJECTIVE_COLUMNS``, same index) and its problems.

    Parameters
    ----------
    frame
        Columns ``period``, ``kpi``, ``target`` and optionally ``group`` (and ``source``,
        see :func:`row_labels`), as typed or read.
    labels
        How each row is named in the problems; :func:`row_labels` by default.
    """
    missing = {"period", "kpi", "target"} - set(frame.columns)
    if missing:
        raise DataError.coded(
            "objectives_columns",
            missing=sorted(missing),
            count=len(missing),
            found=list(frame.columns),
        )
    if len(frame) > MAX_OBJECTIVES:
        raise DataError.coded("too_many_objectives", rows=len(frame), limit=MAX_OBJECTIVES)
    labels = row_labels(frame) if labels is None else list(labels)
    index = frame.index
    frame = frame.reset_index(drop=True)
    periods = parse_periods(frame["period"].astype(object))
    kpi = normalise_kpi_names(frame["kpi"].astype(object))
    target = pd.to_numeric(frame["target"], errors="coerce")
    group = (
        frame["group"].astype("string").str.strip().mask(lambda text: text == "")
        if "group" in frame
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    problems: list[list[Phrase]] = []
    for i in frame.index:
        row, name, found = labels[i], kpi[i], []
        if pd.isna(periods["period"][i]):
            found.append(Phrase("objective.bad_period", row=row, value=frame["period"][i]))
        if pd.isna(name) or name not in BY_KEY:
            found.append(
                Phrase(
                    "objective.unknown_kpi",
                    row=row,
                    value=frame["kpi"][i],
                    known=", ".join(sorted(BY_KEY)),
                )
            )
        elif pd.isna(target[i]) or not np.isfinite(target[i]):
            found.append(Phrase("objective.bad_target", row=row, value=frame["target"][i]))
        else:
            low, high, why = _bounds(name, target[i])
            if not low <= target[i] <= high:
                found.append(
                    Phrase(
                        "objective.out_of_range",
                        row=row,
                        kpi=KpiName(name),
                        target=f"{target[i]:g}",
                        why=why,
                    )
                )
        if pd.notna(group[i]) and len(group[i]) > GROUP_COLUMN_WIDTH:
            found.append(Phrase("objective.long_group", row=row, most=GROUP_COLUMN_WIDTH))
        problems.append(found)
    parsed = pd.DataFrame(
        {
            "period": periods["period"],
            "kpi": kpi,
            "group": group,
            "target": target,
            "period_start": periods["period_start"],
            "freq": periods["freq"],
        }
    )
    return parsed.set_axis(index), problems


def check_objectives(
    frame: pd.DataFrame, labels: Sequence[object] | None = None
) -> tuple[pd.DataFrame, list[Phrase]]:
    """Split objectives into the usable rows, normalised, and one problem per unusable row.

    Parameters
    ----------
    frame, labels
        As for :func:`row_problems`.

    Returns
    -------
    (objectives, problems)
        ``OBJECTIVE_COLUMNS`` for the rows without a problem, sorted (duplicates are not
        looked for: ``validate_objectives`` does), and the problems, each naming its row.
    """
    parsed, problems = row_problems(frame, labels)
    return usable_rows(parsed, problems), [problem for found in problems for problem in found]


def usable_rows(parsed: pd.DataFrame, problems: list[list[Phrase]]) -> pd.DataFrame:
    """The rows of :func:`row_problems`'s ``parsed`` that have no problem, sorted."""
    # a boolean array, not a list: an empty list would select no *columns*
    usable = np.array([not found for found in problems], dtype=bool)
    return parsed[usable].sort_values(
        ["kpi", "period_start", "group"], na_position="first", ignore_index=True
    )
