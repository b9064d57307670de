"""Forecast page: a KPI's next months with intervals, accuracy vs naive, and the odds of the objective."""

import pandas as pd
import streamlit as st

from models import DataError
from models.charts import plot_forecast
from models.forecasting import fit_forecast, forecast_frame, forecast_paths, reach_probability
from models.formatting import format_value
from models.kpi_catalogue import BY_KEY
from models.kpis import final_series
from models.objectives import ADDITIVE, targets_for
from pages._shared import (CHURN_W, CONVERSION_C, DATA_TOKEN, current_objectives, init_state,
                           kpis_for, render_sidebar)

TARGETS = ["revenue", "churn_rate", "conversion_rate", "orders", "new_customers",
           "average_basket", "leads", "csat", "nps"]
N_PATHS = 2000


@st.cache_data(show_spinner="Fitting ETS, Theta and ARIMA, and backtesting them…", max_entries=64)
def cached_forecast(token: str, kpi: str, horizon: int, churn_window: int,
                    conversion_window: int, _history: pd.Series):
    """Forecast frame and sample paths of one KPI (``_history`` is named by the other args)."""
    fitted = fit_forecast(_history, horizon)
    return forecast_frame(fitted), forecast_paths(fitted, N_PATHS, seed=0)


init_state()
st.title("Forecast")
kpis = kpis_for(freq="M")
available = [k for k in TARGETS if k in kpis] + sorted(
    k for k in BY_KEY if k in kpis and k not in TARGETS)
left, right = st.columns([2, 1])
kpi = left.selectbox("KPI", available, format_func=lambda k: BY_KEY[k].label_en,
                     key="forecast_kpi")
horizon = right.slider("Months ahead", 3, 24, 12, key="forecast_horizon")
definition = BY_KEY[kpi]
try:
    history = final_series(kpis, kpi)
    forecast, paths = cached_forecast(st.session_state[DATA_TOKEN], kpi, horizon,
                                      int(st.session_state[CHURN_W]),
                                      int(st.session_state[CONVERSION_C]), history)
except DataError as err:
    st.error(str(err))
    render_sidebar()
    st.stop()

objectives = current_objectives()
targets = pd.Series(dtype=float)
if not objectives.empty:
    monthly = targets_for(objectives, "M")
    targets = monthly[monthly["kpi"] == kpi].set_index("period_start")["target"].sort_index()
st.altair_chart(plot_forecast(history.tail(36), forecast, kpi,
                              targets.reindex(history.tail(36).index.union(forecast.index))),
                width="stretch")
st.caption(f"Trained on {len(history)} final months ({history.index[0]:%b %Y} – "
           f"{history.index[-1]:%b %Y}); provisional months are left out. Shaded: 80 % and "
           "95 % prediction intervals. Dashed red: the objective.")

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

st.subheader("Chance of reaching the objective")
covered = targets.reindex(forecast.index)
if covered.notna().sum() == 0:
    st.info(f"No {definition.label_en.lower()} objective for these months: set some on the "
            "**Objectives** page.")
else:
    better_high = definition.higher_is_better
    monthly_odds = reach_probability(paths, covered, better_high)
    table = pd.DataFrame({"forecast": forecast["mean"], "objective": covered,
                          "probability": monthly_odds}).dropna(subset=["objective"])
    if kpi in ADDITIVE and covered.notna().all():
        total = reach_probability(paths, covered, better_high, cumulative=True).iloc[-1]
        st.markdown(f"**{total:.0%}** chance that {definition.label_en.lower()} over the next "
                    f"{horizon} months reaches the sum of its monthly objectives "
                    f"({format_value(covered.sum(), definition.unit)}; forecast "
                    f"{format_value(forecast['mean'].sum(), definition.unit)}).")
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
