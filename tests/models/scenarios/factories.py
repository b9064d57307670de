"""Small hand-checkable objects shared by several test modules."""

import pandas as pd

from models.forecasting.engine import fit_forecast
from models.scenarios.driver_tree import DriverTree

MONTHS = pd.date_range("2027-01-01", periods=3, freq="MS")


def small_tree(revenue_level: float = 6000.0, has_leads: bool = True) -> DriverTree:
    """100 active customers, 10% churn, 50 leads x 20% = 10 new a month, half buy, €100 each.

    The base stays at 100 (100 x 0.9 + 10), 60 customers buy a month: €6,000 a month.
    """
    baseline = pd.DataFrame(
        {
            "leads": 50.0,
            "conversion_rate": 0.2,
            "other_new": 0.0,
            "churn_rate": 0.1,
            "return_rate": 0.5,
            "reactivations": 0.0,
            "orders_per_customer": 1.0,
            "average_basket": 100.0,
        },
        index=MONTHS,
    )
    if not has_leads:
        baseline = baseline.drop(columns=["leads", "conversion_rate", "other_new"]).assign(
            new_customers=10.0
        )
    history = pd.Series(revenue_level, index=pd.date_range("2025-01-01", periods=24, freq="MS"))
    return DriverTree(
        baseline=baseline,
        history=pd.DataFrame({"revenue": history}),
        base_start=100.0,
        has_leads=has_leads,
        revenue=fit_forecast(history, 3),
    )
