"""Altair chart specs: pure functions of frames, returning ``alt.Chart`` objects.

Every chart speaks the user's language: titles and tooltips from the i18n catalogue, and
number and date formats through d3 locales carried in the spec itself (Vega-Lite's
``config.locale``: Streamlit's renderer and vl-convert's exports both read it; vega-embed
options in ``usermeta`` are ignored by Streamlit), so French axes read ``1 234`` and
``janv. 2026``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from models.core.formatting import format_number, format_share
from models.core.i18n import t
from models.core.kpi_catalogue import BY_KEY

# d3-format strings by KPI unit, for axes and tooltips.
AXIS_FORMATS = {
    "currency": ",.0f",
    "count": ",.0f",
    "rate": ".1%",
    "score": ".0f",
    "days": ".0f",
    "rating": ".2f",
    "ratio": ".2f",
}
MONTH_FORMAT = "%b %Y"

D3_NUMBER_LOCALES = {
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]},
    "fr": {
        "decimal": ",",
        "thousands": "\u202f",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "percent": "\u202f%",
    },
}
D3_TIME_LOCALES = {
    "fr": {
        "dateTime": "%A %e %B %Y à %X",
        "date": "%d/%m/%Y",
        "time": "%H:%M:%S",
        "periods": ["AM", "PM"],
        "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
        "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
        "months": [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ],
        "shortMonths": [
            "janv.",
            "févr.",
            "mars",
            "avr.",
            "mai",
            "juin",
            "juil.",
            "août",
            "sept.",
            "oct.",
            "nov.",
            "déc.",
        ],
    },
}


def localised(chart: alt.TopLevelMixin, lang: str) -> alt.TopLevelMixin:
    """``chart`` with the d3 number and time locales of ``lang`` (configured: top level only)."""
    locale: dict[str, object] = {"number": D3_NUMBER_LOCALES.get(lang, D3_NUMBER_LOCALES["en"])}
    if lang in D3_TIME_LOCALES:
        locale["time"] = D3_TIME_LOCALES[lang]
    return chart.configure(locale=locale)


def _month_tip(lang: str, field: str = "period") -> alt.Tooltip:
    return alt.Tooltip(f"{field}:T", title=t("chart.period", lang), format=MONTH_FORMAT)


def _objective_line(targets: pd.Series, fmt: str, lang: str) -> alt.Chart:
    """The objective as a dashed red line over the months that have one."""
    goal = pd.DataFrame({"period": targets.index, "target": targets.to_numpy()}).dropna()
    return (
        alt.Chart(goal)
        .mark_line(strokeDash=[6, 4], color="#d62728")
        .encode(
            x="period:T",
            y="target:Q",
            tooltip=[
                _month_tip(lang),
                alt.Tooltip("target:Q", title=t("chart.objective", lang), format=fmt),
            ],
        )
    )


def plot_kpi_trend(
    kpi_frame: pd.DataFrame,
    kpi: str,
    targets: pd.Series | None = None,
    provisional: pd.Series | None = None,
    lang: str = "en",
) -> alt.TopLevelMixin:
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
    lang
        ``en`` or ``fr``.
    """
    definition = BY_KEY[kpi]
    fmt, name = AXIS_FORMATS[definition.unit], definition.label(lang)
    final, hollow = t("chart.final", lang), t("chart.provisional", lang)
    data = pd.DataFrame({"period": kpi_frame.index, "value": kpi_frame[kpi].to_numpy()})
    data["status"] = final
    if provisional is not None:
        data.loc[provisional.reindex(kpi_frame.index).fillna(False).to_numpy(), "status"] = hollow
    base = alt.Chart(data).encode(x=alt.X("period:T", title=None))
    line = base.mark_line(point=False).encode(
        y=alt.Y("value:Q", title=name, axis=alt.Axis(format=fmt))
    )
    points = base.mark_point(size=50, filled=True).encode(
        y="value:Q",
        stroke=alt.value("#1f77b4"),
        fill=alt.Fill(
            "status:N",
            scale=alt.Scale(domain=[final, hollow], range=["#1f77b4", "white"]),
            legend=alt.Legend(title=None, orient="top", symbolStrokeColor="#1f77b4"),
        ),
        tooltip=[
            _month_tip(lang),
            alt.Tooltip("value:Q", title=name, format=fmt),
            alt.Tooltip("status:N", title=""),
        ],
    )
    layers = [line, points]
    if targets is not None and targets.notna().any():
        layers.append(_objective_line(targets, fmt, lang))
    return localised(alt.layer(*layers).properties(height=260), lang)


def plot_breakdown(
    summary: pd.DataFrame, kpi: str, dimension: str, lang: str = "en"
) -> alt.TopLevelMixin:
    """Horizontal bars of one KPI per group (rep, region…), largest first."""
    definition = BY_KEY[kpi]
    fmt, name = AXIS_FORMATS[definition.unit], definition.label(lang)
    data = summary[[kpi]].reset_index().rename(columns={dimension: "group", kpi: "value"})
    chart = (
        alt.Chart(data.dropna())
        .mark_bar()
        .encode(
            y=alt.Y("group:N", sort="-x", title=None),
            x=alt.X("value:Q", title=name, axis=alt.Axis(format=fmt)),
            tooltip=[
                alt.Tooltip("group:N", title=t(f"dimension.{dimension}", lang).capitalize()),
                alt.Tooltip("value:Q", title=name, format=fmt),
            ],
        )
        .properties(height=max(120, 28 * len(data)))
    )
    return localised(chart, lang)


def plot_funnel(funnel: pd.DataFrame, lang: str = "en") -> alt.TopLevelMixin:
    """Bars for each funnel stage with the share kept from the previous stage."""
    stages = [t(f"funnel.{stage}", lang) for stage in funnel["stage"]]
    labels = [
        format_number(count, lang) + ("" if pd.isna(rate) else f" ({format_share(rate, lang)})")
        for count, rate in zip(funnel["count"], funnel["rate"])
    ]
    data = funnel.assign(stage=stages, label=labels)
    bars = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("stage:N", sort=stages, title=None),
            x=alt.X("count:Q", title=None),
            tooltip=[
                alt.Tooltip("stage:N", title=""),
                alt.Tooltip("count:Q", format=",d", title=""),
                alt.Tooltip("rate:Q", title="%", format=".1%"),
            ],
        )
    )
    text = bars.mark_text(align="left", dx=4).encode(text=alt.Text("label:N"))
    return localised((bars + text).properties(height=40 * len(data) + 20), lang)


def plot_forecast(
    history: pd.Series,
    forecast: pd.DataFrame,
    kpi: str,
    targets: pd.Series | None = None,
    lang: str = "en",
) -> alt.TopLevelMixin:
    """History, the forecast mean, its 80 % and 95 % bands, and the objective line."""
    definition = BY_KEY[kpi]
    fmt, name = AXIS_FORMATS[definition.unit], definition.label(lang)
    actual, predicted = t("chart.actual", lang), t("chart.forecast", lang)
    past = pd.DataFrame({"period": history.index, "value": history.to_numpy(), "kind": actual})
    ahead = forecast.reset_index(names="period")
    line = (
        alt.Chart(
            pd.concat(
                [
                    past,
                    pd.DataFrame(
                        {"period": ahead["period"], "value": ahead["mean"], "kind": predicted}
                    ),
                ]
            )
        )
        .mark_line()
        .encode(
            x=alt.X("period:T", title=None),
            y=alt.Y("value:Q", title=name, axis=alt.Axis(format=fmt)),
            strokeDash=alt.StrokeDash(
                "kind:N", sort=[actual, predicted], legend=alt.Legend(title=None, orient="top")
            ),
            tooltip=[
                _month_tip(lang),
                alt.Tooltip("value:Q", format=fmt, title=name),
                alt.Tooltip("kind:N", title=""),
            ],
        )
    )
    layers = []
    for lv, opacity in (("95", 0.15), ("80", 0.3)):
        layers.append(
            alt.Chart(ahead)
            .mark_area(opacity=opacity, color="#1f77b4")
            .encode(
                x="period:T",
                y=f"lo-{lv}:Q",
                y2=f"hi-{lv}:Q",
                tooltip=[
                    _month_tip(lang),
                    alt.Tooltip(f"lo-{lv}:Q", format=fmt, title=t("chart.low", lang, level=lv)),
                    alt.Tooltip(f"hi-{lv}:Q", format=fmt, title=t("chart.high", lang, level=lv)),
                ],
            )
        )
    layers.append(line)
    if targets is not None and targets.notna().any():
        layers.append(_objective_line(targets, fmt, lang))
    return localised(alt.layer(*layers).properties(height=320), lang)


def plot_scenario(
    history: pd.Series, projection: pd.DataFrame, targets: pd.Series | None = None, lang: str = "en"
) -> alt.TopLevelMixin:
    """Recent revenue, then the baseline and the scenario side by side, and the objective.

    Parameters
    ----------
    history
        Actual monthly revenue.
    projection
        :func:`models.scenarios.driver_tree.project` output (``baseline`` and ``scenario`` columns).
    targets
        Monthly revenue objective (any index; missing months are skipped).
    lang
        ``en`` or ``fr``.
    """
    fmt = AXIS_FORMATS["currency"]
    names = [t(f"chart.{key}", lang) for key in ("actual", "baseline", "scenario", "objective")]
    lines = pd.concat(
        [
            pd.DataFrame(
                {"period": history.index, "value": history.to_numpy(), "series": names[0]}
            ),
            pd.DataFrame(
                {
                    "period": projection.index,
                    "value": projection["baseline"].to_numpy(),
                    "series": names[1],
                }
            ),
            pd.DataFrame(
                {
                    "period": projection.index,
                    "value": projection["scenario"].to_numpy(),
                    "series": names[2],
                }
            ),
        ]
    )
    if targets is not None and targets.notna().any():
        goal = targets.dropna()
        lines = pd.concat(
            [
                lines,
                pd.DataFrame({"period": goal.index, "value": goal.to_numpy(), "series": names[3]}),
            ]
        )
    chart = (
        alt.Chart(lines)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:T", title=None),
            y=alt.Y("value:Q", title=t("chart.revenue", lang), axis=alt.Axis(format=fmt)),
            color=alt.Color(
                "series:N",
                scale=alt.Scale(domain=names, range=["#7f7f7f", "#1f77b4", "#ff7f0e", "#d62728"]),
                legend=alt.Legend(title=None, orient="top"),
            ),
            strokeDash=alt.StrokeDash(
                "series:N",
                scale=alt.Scale(domain=names, range=[[1, 0], [4, 2], [1, 0], [6, 4]]),
                legend=None,
            ),
            tooltip=[
                _month_tip(lang),
                alt.Tooltip("series:N", title=""),
                alt.Tooltip("value:Q", format=fmt, title=t("chart.revenue", lang)),
            ],
        )
        .properties(height=320)
    )
    return localised(chart, lang)
