"""Altair chart specs: pure functions of frames, returning ``alt.Chart`` objects."""

from __future__ import annotations

import altair as alt
import pandas as pd

from models.kpi_catalogue import BY_KEY

# d3-format strings by KPI unit, for axes and tooltips.
AXIS_FORMATS = {"currency": ",.0f", "count": ",.0f", "rate": ".1%", "score": ".0f",
                "days": ".0f", "rating": ".2f"}


def plot_kpi_trend(kpi_frame: pd.DataFrame, kpi: str, targets: pd.Series | None = None,
                   provisional: pd.Series | None = None) -> alt.Chart:
    """A KPI over time, the objective as a dashed line, provisional periods hollow.

    Parameters
    ----------
    kpi_frame
        ``compute_kpis`` totals (indexed by period).
    kpi
        Column to plot.
    targets
        Objective per period start (same index), optional.
    provisional
        True where the value may still change (current period, young cohorts).
    """
    definition = BY_KEY[kpi]
    fmt = AXIS_FORMATS[definition.unit]
    data = pd.DataFrame({"period": kpi_frame.index, "value": kpi_frame[kpi].to_numpy()})
    data["status"] = "final"
    if provisional is not None:
        data.loc[provisional.reindex(kpi_frame.index).fillna(False).to_numpy(), "status"] = "provisional"
    base = alt.Chart(data).encode(x=alt.X("period:T", title=None))
    line = base.mark_line(point=False).encode(
        y=alt.Y("value:Q", title=definition.label_en, axis=alt.Axis(format=fmt)))
    points = base.mark_point(size=50, filled=True).encode(
        y="value:Q",
        stroke=alt.value("#1f77b4"),
        fill=alt.Fill("status:N", scale=alt.Scale(domain=["final", "provisional"],
                                                   range=["#1f77b4", "white"]),
                      legend=alt.Legend(title=None, orient="top", symbolStrokeColor="#1f77b4")),
        tooltip=[alt.Tooltip("period:T", title="Period", format="%b %Y"),
                 alt.Tooltip("value:Q", title=definition.label_en, format=fmt),
                 alt.Tooltip("status:N", title="Status")])
    layers = [line, points]
    if targets is not None and targets.notna().any():
        goal = pd.DataFrame({"period": targets.index, "target": targets.to_numpy()}).dropna()
        layers.append(alt.Chart(goal).mark_line(strokeDash=[6, 4], color="#d62728").encode(
            x="period:T", y="target:Q",
            tooltip=[alt.Tooltip("period:T", title="Period", format="%b %Y"),
                     alt.Tooltip("target:Q", title="Objective", format=fmt)]))
    return alt.layer(*layers).properties(height=260)


def plot_breakdown(summary: pd.DataFrame, kpi: str, dimension: str) -> alt.Chart:
    """Horizontal bars of one KPI per group (rep, region…), largest first."""
    definition = BY_KEY[kpi]
    fmt = AXIS_FORMATS[definition.unit]
    data = summary[[kpi]].reset_index().rename(columns={dimension: "group", kpi: "value"})
    return alt.Chart(data.dropna()).mark_bar().encode(
        y=alt.Y("group:N", sort="-x", title=None),
        x=alt.X("value:Q", title=definition.label_en, axis=alt.Axis(format=fmt)),
        tooltip=[alt.Tooltip("group:N", title=dimension.capitalize()),
                 alt.Tooltip("value:Q", title=definition.label_en, format=fmt)],
    ).properties(height=max(120, 28 * len(data)))


def plot_funnel(funnel: pd.DataFrame) -> alt.Chart:
    """Bars for each funnel stage with the share kept from the previous stage."""
    data = funnel.assign(label=[f"{c:,}" + ("" if pd.isna(r) else f" ({r:.0%})")
                                for c, r in zip(funnel["count"], funnel["rate"])])
    bars = alt.Chart(data).mark_bar().encode(
        y=alt.Y("stage:N", sort=list(funnel["stage"]), title=None),
        x=alt.X("count:Q", title="Count"),
        tooltip=[alt.Tooltip("stage:N", title="Stage"), alt.Tooltip("count:Q", format=",d"),
                 alt.Tooltip("rate:Q", title="From previous stage", format=".1%")])
    labels = bars.mark_text(align="left", dx=4).encode(text=alt.Text("label:N"))
    return (bars + labels).properties(height=40 * len(data) + 20)


def plot_forecast(history: pd.Series, forecast: pd.DataFrame, kpi: str,
                  targets: pd.Series | None = None) -> alt.Chart:
    """History, the forecast mean, its 80 % and 95 % bands, and the objective line."""
    definition = BY_KEY[kpi]
    fmt = AXIS_FORMATS[definition.unit]
    past = pd.DataFrame({"period": history.index, "value": history.to_numpy(), "kind": "actual"})
    ahead = forecast.reset_index(names="period")
    line = alt.Chart(pd.concat([past, pd.DataFrame({"period": ahead["period"],
                                                    "value": ahead["mean"],
                                                    "kind": "forecast"})])).mark_line().encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("value:Q", title=definition.label_en, axis=alt.Axis(format=fmt)),
        strokeDash=alt.StrokeDash("kind:N", legend=alt.Legend(title=None, orient="top")),
        tooltip=[alt.Tooltip("period:T", format="%b %Y", title="Period"),
                 alt.Tooltip("value:Q", format=fmt, title=definition.label_en),
                 alt.Tooltip("kind:N", title="")])
    layers = []
    for lv, opacity in (("95", 0.15), ("80", 0.3)):
        layers.append(alt.Chart(ahead).mark_area(opacity=opacity, color="#1f77b4").encode(
            x="period:T", y=f"lo-{lv}:Q", y2=f"hi-{lv}:Q",
            tooltip=[alt.Tooltip("period:T", format="%b %Y", title="Period"),
                     alt.Tooltip(f"lo-{lv}:Q", format=fmt, title=f"{lv}% low"),
                     alt.Tooltip(f"hi-{lv}:Q", format=fmt, title=f"{lv}% high")]))
    layers.append(line)
    if targets is not None and targets.notna().any():
        goal = pd.DataFrame({"period": targets.index, "target": targets.to_numpy()}).dropna()
        layers.append(alt.Chart(goal).mark_line(strokeDash=[6, 4], color="#d62728").encode(
            x="period:T", y="target:Q",
            tooltip=[alt.Tooltip("period:T", format="%b %Y", title="Period"),
                     alt.Tooltip("target:Q", format=fmt, title="Objective")]))
    return alt.layer(*layers).properties(height=320)


def plot_scenario(history: pd.Series, projection: pd.DataFrame,
                  targets: pd.Series | None = None) -> alt.Chart:
    """Recent revenue, then the baseline and the scenario side by side, and the objective.

    Parameters
    ----------
    history
        Actual monthly revenue.
    projection
        :func:`models.scenarios.project` output (``baseline`` and ``scenario`` columns).
    targets
        Monthly revenue objective (any index; missing months are skipped).
    """
    fmt = AXIS_FORMATS["currency"]
    lines = pd.concat([
        pd.DataFrame({"period": history.index, "value": history.to_numpy(), "series": "Actual"}),
        pd.DataFrame({"period": projection.index, "value": projection["baseline"].to_numpy(),
                      "series": "Baseline"}),
        pd.DataFrame({"period": projection.index, "value": projection["scenario"].to_numpy(),
                      "series": "Scenario"})])
    if targets is not None and targets.notna().any():
        goal = targets.dropna()
        lines = pd.concat([lines, pd.DataFrame({"period": goal.index, "value": goal.to_numpy(),
                                                "series": "Objective"})])
    domain = ["Actual", "Baseline", "Scenario", "Objective"]
    return alt.Chart(lines).mark_line(point=True).encode(
        x=alt.X("period:T", title=None),
        y=alt.Y("value:Q", title="Revenue", axis=alt.Axis(format=fmt)),
        color=alt.Color("series:N", scale=alt.Scale(
            domain=domain, range=["#7f7f7f", "#1f77b4", "#ff7f0e", "#d62728"]),
            legend=alt.Legend(title=None, orient="top")),
        strokeDash=alt.StrokeDash("series:N", scale=alt.Scale(
            domain=domain, range=[[1, 0], [4, 2], [1, 0], [6, 4]]), legend=None),
        tooltip=[alt.Tooltip("period:T", format="%b %Y", title="Month"),
                 alt.Tooltip("series:N", title=""),
                 alt.Tooltip("value:Q", format=fmt, title="Revenue")],
    ).properties(height=320)
