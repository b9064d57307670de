"""The range a KPI's forecast may take, from its unit in the KPI catalogue.

A rate (churn, conversion, satisfaction) lives in 0-100 %; a count, a duration, a rating or
an amount (revenue, average basket) cannot be negative; NPS lies between -100 and +100.
Growth rates (revenue growth, revenue vs last year) are signed changes and have no bound.
The forecast's mean, its bands and its simulated paths are clipped to the range
(:func:`models.forecasting.engine.forecast_frame`, ``forecast_paths``).
"""

from __future__ import annotations

from models.core.kpi_catalogue import BY_KEY

Bounds = tuple[float | None, float | None]  # (lowest, highest); None: no bound that side

UNBOUNDED: Bounds = (None, None)
NONNEGATIVE: Bounds = (0.0, None)
# rates that are changes (this period over another, minus 1): negative and above 100 % happen
SIGNED_RATES = frozenset({"revenue_growth", "revenue_yoy"})
UNIT_BOUNDS: dict[str, Bounds] = {
    "rate": (0.0, 1.0),
    "count": NONNEGATIVE,
    "currency": NONNEGATIVE,
    "days": NONNEGATIVE,
    "rating": NONNEGATIVE,
    "score": (-100.0, 100.0),  # NPS: % promoters - % detractors
}


def kpi_bounds(kpi: str) -> Bounds | None:
    """The range of ``kpi``'s values, or None for a name the catalogue does not know (the
    forecaster then keeps a non-negative history non-negative, as for any series)."""
    definition = BY_KEY.get(kpi)
    if definition is None:
        return None
    if kpi in SIGNED_RATES:
        return UNBOUNDED
    return UNIT_BOUNDS.get(definition.unit, UNBOUNDED)


def clip_to(values, bounds: Bounds):
    """``values`` (an array or a frame) within ``bounds``; unchanged without bounds."""
    low, high = bounds
    if low is None and high is None:
        return values
    return values.clip(low, high)
