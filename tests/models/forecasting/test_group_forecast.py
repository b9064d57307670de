"""Per-group forecasts: reconciled to the total by hand, and fitted on a small company."""

import numpy as np
import pandas as pd
import pytest

from models import DataError, compute_kpis
from models.forecasting.engine import fit_forecast, forecast_frame
from models.forecasting.groups import fit_groups, group_histories, reconcile_to_total
from models.kpis.compute import final_series


def test_reconciliation_by_hand():
    factor = reconcile_to_total(
        np.array([10.0, 20.0, 5.0]), [np.array([1.0, 3.0, 0.0]), np.array([4.0, 1.0, 0.0])]
    )
    assert factor.tolist() == [2.0, 5.0, 1.0]  # nothing to share in the last period


def orders_by_region(months: int = 30) -> pd.DataFrame:
    """North sells 1,000 + 20/month with a December bump, South 500 flat; East starts late."""
    rows = []
    for i, start in enumerate(pd.date_range("2024-01-01", periods=months, freq="MS")):
        north = 1000 + 20 * i + (300 if start.month == 12 else 0)
        rows += [
            (start + pd.Timedelta(days=3), f"N{i}", north, "North"),
            (start + pd.Timedelta(days=9), f"S{i}", 500.0 + (i % 3) * 10, "South"),
        ]
        if i >= months - 3:
            rows.append((start + pd.Timedelta(days=5), f"E{i}", 200.0, "East"))
    return pd.DataFrame(rows, columns=["date", "customer_id", "amount", "region"]).assign(
        date=lambda f: pd.to_datetime(f["date"])
    )


def test_groups_add_up_to_the_total_forecast_and_short_groups_are_named():
    tables = {"orders": orders_by_region()}
    by_frame = compute_kpis(tables, "M", by="region")
    total = fit_forecast(final_series(compute_kpis(tables, "M"), "revenue"), 6)
    groups = fit_groups(by_frame, "revenue", "region", 6, total)
    assert sorted(groups.fits) == ["North", "South"]
    assert groups.skipped == {"East": "only 2 final periods"}  # its 3rd month is in progress
    summed = sum(groups.frame(g)["mean"] for g in groups.fits)
    assert np.allclose(summed.to_numpy(), forecast_frame(total)["mean"].to_numpy())
    for g in groups.fits:
        frame = groups.frame(g)
        assert (frame["lo-95"] <= frame["mean"]).all() and (frame["mean"] <= frame["hi-95"]).all()
        assert groups.paths(g, 100).shape == (6, 100)


def test_rates_are_forecast_per_group_without_reconciliation():
    tables = {"orders": orders_by_region()}
    by_frame = compute_kpis(tables, "M", by="region")
    groups = fit_groups(by_frame, "average_basket", "region", 3)
    assert groups.scale.tolist() == [1.0, 1.0, 1.0]


def test_a_frame_without_the_grouping_is_refused():
    with pytest.raises(DataError, match="not broken down by rep"):
        group_histories(compute_kpis({"orders": orders_by_region()}, "M"), "revenue", "rep")
