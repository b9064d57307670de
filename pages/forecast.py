"""Forecast page: a KPI's next months, in total or per group, with intervals, accuracy in
words and the odds of the objective."""

import pandas as pd
import streamlit as st

from models import DataError
from models.core import BY_KEY, format_month, format_number, format_share
from models.forecasting import (
    GroupForecasts,
    fit_forecast,
    fit_groups,
    forecast_frame,
    forecast_paths,
    group_histories,
    kpi_bounds,
    reach_probability,
    summarise_backtest,
)
from models.kpis import ADDITIVE, DIMENSIONS, final_series, targets_for
from models.presentation import plot_forecast
from pages._shared import (
    CHURN,
    DataKey,
    cached_kpis,
    cached_on_data,
    cached_scores,
    chart_downloads,
    current_objectives,
    current_tables,
    data_in_use,
    init_state,
    kpis_for,
    lang,
    number_column,
    progress_column,
    render_sidebar,
    show_chart,
    stop_with_error,
    table_downloads,
    tr,
    tr_plain,
    value_text,
    values_as_text,
)

TARGETS = [
    "revenue",
    "churn_rate",
    "conversion_rate",
    "orders",
    "new_customers",
    "average_basket",
    "leads",
    "csat",
    "nps",
]
N_PATHS = 2000
TOTAL = "Total"


@cached_on_data(max_entries=64)
def cached_fit(data: DataKey, kpi: str, horizon: int):
    """The fit of one KPI's monthly total, within the KPI's range (a rate in 0-100 %)."""
    return fit_forecast(
        final_series(cached_kpis(data, "M", None), kpi), horizon, bounds=kpi_bounds(kpi)
    )


@cached_on_data(max_entries=32)
def cached_groups(data: DataKey, kpi: str, by: str, horizon: int) -> GroupForecasts:
    """The fits of one KPI per group of ``by``, scaled to the total's."""
    return fit_groups(cached_kpis(data, "M", by), kpi, by, horizon, cached_fit(data, kpi, horizon))


def breakdowns(kpi: str) -> list[str]:
    """Dimensions the KPI's own table carries (a KPI of orders cannot be split by lead source
    unless leads say which customer came from which source)."""
    table = current_tables().get(BY_KEY[kpi].table)
    return [d for d in DIMENSIONS if table is not None and d in table]


init_state()
st.title(tr("page.forecast"))
kpis = kpis_for(freq="M")
available = [k for k in TARGETS if k in kpis] + sorted(
    k for k in BY_KEY if k in kpis and k not in TARGETS
)
left, middle, right = st.columns([2, 2, 1])
kpi = left.selectbox(
    tr("dashboard.kpi"),
    available,
    format_func=lambda k: BY_KEY[k].label(lang()),
    key="forecast_kpi",
)
by = middle.selectbox(
    tr("forecast.for"),
    [TOTAL] + breakdowns(kpi),
    key="forecast_by",
    format_func=lambda d: (
        tr("forecast.total")
        if d == TOTAL
        else tr_plain("forecast.each", dimension=tr(f"dimension.{d}"))
    ),
)
horizon = right.slider(tr("forecast.months_ahead"), 3, 24, 12, key="forecast_horizon")
definition = BY_KEY[kpi]
data = data_in_use()
group = None
try:
    history = final_series(kpis, kpi)
    with st.spinner(tr("forecast.fitting")):
        fitted = cached_fit(data, kpi, horizon)
    if by == TOTAL:
        forecast, paths = forecast_frame(fitted), forecast_paths(fitted, N_PATHS, seed=0)
    else:  # the total's fit is only the sum the groups are scaled to
        by_frame = kpis_for(freq="M", by=by)
        histories, skipped = group_histories(by_frame, kpi, by)
        if not histories:
            raise DataError(
                tr_plain(
                    "forecast.no_group",
                    dimension=tr(f"dimension.{by}"),
                    kpi=definition.label(lang()).lower(),
                )
            )
        group = st.selectbox(
            tr(f"dimension.{by}").capitalize(), list(histories), key="forecast_group"
        )
        with st.spinner(tr("forecast.fitting_groups")):
            groups = cached_groups(data, kpi, by, horizon)
        history, fitted = histories[group], groups.fits[group]
        forecast, paths = groups.frame(group), groups.paths(group, N_PATHS)
        if skipped:
            st.caption(
                tr(
                    "forecast.not_forecast",
                    groups="; ".join(f"{g} ({why})" for g, why in skipped.items()),
                )
            )
except DataError as err:
    stop_with_error(err)

objectives = current_objectives()
targets = pd.Series(dtype=float)
if not objectives.empty:
    monthly = targets_for(objectives, "M", group=group)
    targets = monthly[monthly["kpi"] == kpi].set_index("period_start")["target"].sort_index()
forecast_chart = plot_forecast(
    history.tail(36),
    forecast,
    kpi,
    targets.reindex(history.tail(36).index.union(forecast.index)),
    lang(),
)
show_chart(forecast_chart)
chart_downloads(forecast_chart, f"objectif-forecast-{kpi}", "forecast_chart")
table_downloads(
    forecast.assign(objective=targets.reindex(forecast.index)).rename_axis("period").reset_index(),
    f"objectif-forecast-{kpi}",
    "forecast_table",
    tr("page.forecast"),
)
whose = tr("forecast.whose_group", group=group) if group else tr("forecast.whose_total")
reconciled = (
    tr("forecast.reconciled", dimension=tr(f"dimension.{by}")) if group and kpi in ADDITIVE else ""
)
st.caption(
    tr(
        "forecast.trained",
        n=len(history),
        whose=whose,
        start=format_month(history.index[0], lang()),
        end=format_month(history.index[-1], lang()),
    )
    + reconciled
)
if fitted.basis is not None and fitted.basis.phrases():  # what a short history allowed
    st.caption(" ".join(tr(key, **fields) for key, fields in fitted.basis.phrases()))

if kpi == "churn_rate" and group is None and "orders" in current_tables():
    try:  # the who-will-lapse model, beside the how-many forecast
        with st.spinner(tr("risk.learning")):
            risk = cached_scores(data, CHURN)
    except DataError:
        pass  # the Customers at risk page explains why it cannot score this data
    else:
        active = risk[risk["active"]]
        expected = float(active["p_churn"].sum())
        st.markdown(
            tr(
                "forecast.lapses",
                expected=format_number(expected, lang()),
                active=format_number(len(active), lang()),
                window=data.settings.churn_window,
                share=format_share(expected / max(len(active), 1), lang(), 1),
            )
        )

summary = summarise_backtest(fitted)
accuracy, naive = forecast.attrs["backtest_mase"], forecast.attrs["naive_mase"]
cols = st.columns(3)
short_name = tr("model.constant") if fitted.constant else tr(f"model.{fitted.model}")
cols[0].metric(tr("forecast.model"), short_name, help=forecast.attrs["model"])
cols[1].metric(
    tr("forecast.mase"),
    "—" if pd.isna(accuracy) else value_text(accuracy, "ratio"),
    help=tr("forecast.mase_help"),
)
cols[2].metric(
    tr("forecast.naive"),
    "—" if pd.isna(naive) else value_text(naive, "ratio"),
    delta=None
    if pd.isna(accuracy) or pd.isna(naive)
    else tr("forecast.vs_naive", change=format_share(accuracy / naive - 1, lang(), signed=True)),
    delta_color="inverse",
)
if summary.n_points and pd.notna(summary.model_error):
    band = (
        ""
        if pd.isna(summary.band_held)
        else tr(
            "forecast.band_held",
            level=summary.band_level,
            share=format_share(summary.band_held, lang()),
            points=summary.band_points,
        )
    )
    thin = (
        tr("forecast.thin_evidence", months=int(fitted.errors["cut"].min()))
        if fitted.basis is not None and fitted.basis.thin_evidence
        else ""
    )
    st.info(
        tr(
            "forecast.how_good",
            n=summary.n_forecasts,
            points=summary.n_points,
            error=format_share(summary.model_error, lang(), 1),
            naive=format_share(summary.naive_error, lang(), 1),
            band=band,
        )
        + thin,
        icon=":material/verified:",
    )
else:
    st.info(tr("forecast.too_short"), icon=":material/info:")

st.subheader(tr("forecast.chance"))
covered = targets.reindex(forecast.index)
if covered.notna().sum() == 0:
    st.info(
        tr(
            "forecast.no_objective",
            kpi=definition.label(lang()).lower(),
            who=group or tr("forecast.the_total"),
        )
    )
else:
    better_high = definition.higher_is_better
    monthly_odds = reach_probability(paths, covered, better_high)
    table = pd.DataFrame(
        {"forecast": forecast["mean"], "objective": covered, "probability": monthly_odds * 100}
    ).dropna(subset=["objective"])
    if kpi in ADDITIVE and covered.notna().all():
        total = reach_probability(paths, covered, better_high, cumulative=True).iloc[-1]
        st.markdown(
            tr(
                "forecast.total_chance",
                chance=format_share(total, lang()),
                kpi=definition.label(lang()).lower(),
                whose=tr("forecast.of_group", group=group) if group else "",
                horizon=horizon,
                target=value_text(covered.sum(), definition.unit),
                forecast=value_text(forecast["mean"].sum(), definition.unit),
            )
        )
    st.dataframe(
        values_as_text(table, {"forecast": definition.unit, "objective": definition.unit}).assign(
            month=[format_month(m, lang()) for m in table.index]
        )[["month", "forecast", "objective", "probability"]],
        hide_index=True,
        width="stretch",
        column_config={
            "month": tr("forecast.month"),
            "forecast": number_column(tr("chart.forecast")),
            "objective": number_column(tr("forecast.objective")),
            "probability": progress_column(tr("forecast.probability")),
        },
    )
    st.caption(tr("forecast.paths", n=format_number(N_PATHS, lang())))

render_sidebar()
