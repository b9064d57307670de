"""Every chart of models.presentation.charts is a valid Vega-Lite spec in both languages.

The pages draw charts with ``to_dict(validate=False)`` (validation is a third of a chart's
cost on every rerun): this is where each chart is checked against the schema.
"""

import numpy as np
import pandas as pd
import pytest

from models.presentation.charts import (
    plot_breakdown,
    plot_forecast,
    plot_funnel,
    plot_kpi_trend,
    plot_scenario,
)

MONTHS = pd.date_range("2026-01-01", periods=6, freq="MS")
FUTURE = pd.date_range("2026-07-01", periods=3, freq="MS")
REVENUE = pd.Series([100.0, 120, 90, 130, 125, 140], index=MONTHS)
TARGETS = pd.Series(110.0, index=MONTHS.union(FUTURE))


def charts(lang: str) -> dict:
    kpis = pd.DataFrame(
        {"revenue": REVENUE, "partial_period": [False] * 5 + [True]},
        index=pd.Index(MONTHS, name="period"),
    )
    summary = pd.DataFrame({"revenue": [300.0, 400.0]}, index=pd.Index(["A", "B"], name="rep"))
    funnel = pd.DataFrame(
        {"stage": ["Leads", "Converted"], "count": [100, 8], "rate": [np.nan, 0.08]}
    )
    forecast = pd.DataFrame(
        {
            "mean": [150.0, 155, 160],
            "lo-80": [140.0, 142, 144],
            "hi-80": [160.0, 168, 176],
            "lo-95": [130.0, 131, 132],
            "hi-95": [170.0, 179, 188],
        },
        index=FUTURE,
    )
    projection = pd.DataFrame(
        {"baseline": [150.0, 155, 160], "scenario": [160.0, 166, 172]}, index=FUTURE
    )
    return {
        "trend": plot_kpi_trend(kpis, "revenue", TARGETS, kpis["partial_period"], lang),
        "breakdown": plot_breakdown(summary, "revenue", "rep", lang),
        "funnel": plot_funnel(funnel, lang),
        "forecast": plot_forecast(REVENUE, forecast, "revenue", TARGETS, lang),
        "scenario": plot_scenario(REVENUE, projection, TARGETS, lang),
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_chart_is_valid_vega_lite_with_its_locale(lang):
    for name, chart in charts(lang).items():
        spec = chart.to_dict()  # validates against the Vega-Lite schema: raises if invalid
        decimal = spec["config"]["locale"]["number"]["decimal"]
        assert decimal == ("," if lang == "fr" else "."), name
