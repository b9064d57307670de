"""Forecast page: a KPI's next months, in total or per group, with intervals, accuracy in
words and the odds of the objective."""

import pandas as pd
import streamlit as st

from models import DataError
from models.charts import plot_forecast
from models.forecast_accuracy import summarise_backtest
from models.forecasting import fit_forecast, forecast_frame, forecast_paths, reach_probability
from models.formatting import format_value
from models.group_forecast import GroupForecasts, fit_groups, group_histories
from models.kpi_catalogue import BY_KEY
from models.kpis import DIMENSIONS, final_series
from models.objectives import ADDITIVE, targets_for
from pages._shared import (CHURN_W, CONVERSION_C, DATA_TOKEN, current_objectives,
                           current_tables, init_state, kpis_for, render_sidebar)

TARGETS = ["revenue", "churn_rate", "conversion_rate", "orders", "new_customers",
           "average_basket", "leads", "csat", "nps"]
N_PATHS = 2000
TOTAL = "Total"


@st.cache_data(show_spinner="Fitting ETS, Theta and ARIMA, and backtesting them…", max_entries=64)
def cached_fit(token: str, kpi: str, horizon: int, churn_window: int, conversion_window: int,
               _history: pd.Series):
    """The fit of one KPI's total (``_history`` is named by the other arguments)."""
    return fit_forecast(_history, horizon)


@st.cache_data(show_spinner="Forecasting each group…", max_entries=32)
def cached_groups(token: str, kpi: str, by: str, horizon: int, churn_window: int,
                  conversion_window: int, _by_frame: pd.DataFrame, _total) -> GroupForecasts:
    return fit_groups(_by_frame, kpi, by, horizon, _total)


def breakdowns(kpi: str) -> list[str]:
    """Dimensions the KPI's own table carries (a KPI of orders cannot be split by lead source
    unless leads say which customer came from which source)."""
    table = current_tables().get(BY_KEY[kpi].table)
    return [d for d in DIMENSIONS if table is not None and d in table]


init_state()
st.title("Forecast")
kpis = kpis_for(freq="M")
available = [k for k in TARGETS if k in kpis] + sorted(
    k for k in BY_KEY if k in kpis and k not in TARGETS)
left, middle, right = st.columns([2, 2, 1])
kpi = left.selectbox("KPI", available, format_func=lambda k: BY_KEY[k].label_en,
                     key="forecast_kpi")
by = middle.selectbox("For", [TOTAL] + breakdowns(kpi), key="forecast_by",
                      format_func=lambda d: d if d == TOTAL else f"each {d}")
horizon = right.slider("Months ahead", 3, 24, 12, key="forecast_horizon")
definition = BY_KEY[kpi]
state = st.session_state
settings = (int(state[CHURN_W]), int(state[CONVERSION_C]))
group = None
try:
    history = final_series(kpis, kpi)
    fitted = cached_fit(state[DATA_TOKEN], kpi, horizon, *settings, history)
    forecast, paths = forecast_frame(fitted), forecast_paths(fitted, N_PATHS, seed=0)
    if by != TOTAL:
        by_frame = kpis_for(freq="M", by=by)
        histories, skipped = group_histories(by_frame, kpi, by)
        if not histories:
            raise DataError(f"No {by} has enough history of {definition.label_en.lower()} to "
                            "forecast.")
        group = st.selectbox(by.capitalize(), list(histories), key="forecast_group")
        groups = cached_groups(state[DATA_TOKEN], kpi, by, horizon, *settings, by_frame, fitted)
        history, fitted = histories[group], groups.fits[group]
        forecast, paths = groups.frame(group), groups.paths(group, N_PATHS)
        if skipped:
            st.caption("Not forecast: " + "; ".join(f"{g} ({why})" for g, why in skipped.items()))
except DataError as err:
    st.error(str(err))
    render_sidebar()
    st.stop()

objectives = current_objectives()
targets = pd.Series(dtype=float)
if not objectives.empty:
    monthly = targets_for(objectives, "M", group=group)
    targets = monthly[monthly["kpi"] == kpi].set_index("period_start")["target"].sort_index()
st.altair_chart(plot_forecast(history.tail(36), forecast, kpi,
                              targets.reindex(history.tail(36).index.union(forecast.index))),
                width="stretch")
whose = f"{group}'s" if group else "the total's"
reconciled = (f" Each {by}'s forecast is scaled so that the {by}s add up to the total's "
              "forecast." if group and kpi in ADDITIVE else "")
st.caption(f"Trained on {len(history)} final months of {whose} history "
           f"({history.index[0]:%b %Y} – {history.index[-1]:%b %Y}); provisional months are "
           f"left out. Shaded: 80 % and 95 % prediction intervals. Dashed red: the objective."
           + reconciled)

summary = summarise_backtest(fitted)
accuracy, naive = forecast.attrs["backtest_mase"], forecast.attrs["naive_mase"]
cols = st.columns(3)
short_name = ("Seasonal naive" if forecast.attrs["model"].startswith("seasonal naive")
              else "Constant" if forecast.attrs["model"] == "constant" else "ETS+Theta+ARIMA")
cols[0].metric("Model", short_name, help=forecast.attrs["model"])
cols[1].metric("Backtest error (MASE)", "—" if pd.isna(accuracy) else f"{accuracy:.2f}",
               help="Mean absolute error of the forecast on the last months of history, "
                    "re-forecast as if they were unknown, divided by the typical change from "
                    "one year to the next. Lower is better.")
cols[2].metric("Seasonal naive (same month last year)", "—" if pd.isna(naive) else f"{naive:.2f}",
               delta=None if pd.isna(accuracy) or pd.isna(naive) else
               f"{(accuracy / naive - 1):+.0%} error vs naive", delta_color="inverse")
if summary.n_points and pd.notna(summary.model_error):
    band = ("" if pd.isna(summary.band_held) else
            f"; the {summary.band_level} % band held {summary.band_held:.0%} of the time "
            f"({summary.band_points} months, each judged by a band set from the other "
            "re-forecasts only)")
    st.info(f"**How good is it?** Re-forecasting the past {summary.n_forecasts} times as if it "
            f"were unknown ({summary.n_points} months compared with what happened), this "
            f"forecast was off by {summary.model_error:.1%} on average, seasonal naive (same "
            f"month last year) by {summary.naive_error:.1%}{band}.", icon=":material/verified:")
else:
    st.info("Too little history to re-forecast the past: the intervals come from the "
            "seasonal naive forecast's spread.", icon=":material/info:")

st.subheader("Chance of reaching the objective")
covered = targets.reindex(forecast.index)
if covered.notna().sum() == 0:
    st.info(f"No {definition.label_en.lower()} objective for {group or 'the total'} in these "
            "months: set some on the **Objectives** page.")
else:
    better_high = definition.higher_is_better
    monthly_odds = reach_probability(paths, covered, better_high)
    table = pd.DataFrame({"forecast": forecast["mean"], "objective": covered,
                          "probability": monthly_odds}).dropna(subset=["objective"])
    if kpi in ADDITIVE and covered.notna().all():
        total = reach_probability(paths, covered, better_high, cumulative=True).iloc[-1]
        st.markdown(f"**{total:.0%}** chance that {definition.label_en.lower()}"
                    f"{f' of {group}' if group else ''} over the next {horizon} months reaches "
                    f"the sum of its monthly objectives ({format_value(covered.sum(), definition.unit)}; "
                    f"forecast {format_value(forecast['mean'].sum(), definition.unit)}).")
    st.dataframe(
        table.assign(month=table.index.strftime("%Y-%m"),
                     forecast=[format_value(v, definition.unit) for v in table["forecast"]],
                     objective=[format_value(v, definition.unit) for v in table["objective"]])
        [["month", "forecast", "objective", "probability"]],
        hide_index=True, width="stretch",
        column_config={"probability": st.column_config.ProgressColumn(
            "Probability", format="percent", min_value=0.0, max_value=1.0)})
    st.caption(f"From {N_PATHS:,} simulated futures whose spread matches the backtested "
               "intervals.")

render_sidebar()
