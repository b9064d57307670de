"""What-if page: driver sliders against the revenue objective, goal-seek, saved scenarios."""

import pandas as pd
import streamlit as st

from models import DataError
from models.core import format_share
from models.kpis import StoreError, targets_for
from models.presentation import plot_scenario
from models.scenarios import (
    DRIVERS,
    ScenarioError,
    changes_from_query,
    changes_to_query,
    compare_scenarios,
    driver_ranges,
    fit_driver_tree,
    fit_to_sliders,
    goal_seek_table,
    project,
    total_reach_probability,
)
from pages._shared import (
    DEMO,
    DataKey,
    cached_on_data,
    chart_downloads,
    current_objectives,
    current_tables,
    data_in_use,
    init_state,
    lang,
    number_column,
    objectives_scope,
    progress_column,
    render_sidebar,
    say,
    scoped_store,
    show_chart,
    stop_empty,
    stop_with_error,
    table_downloads,
    tr,
    tr_plain,
    value_text,
    values_as_text,
)

CHANGES = "whatif_changes"  # the sliders' positions, kept when the page is left
URL_READ = "whatif_url_read"  # a shared link is applied once, on arrival
HORIZONS = (6, 12, 18, 24)


@cached_on_data(max_entries=16)
def cached_tree(data: DataKey, horizon: int):
    """The fitted driver tree of ``data`` (fitted once per setting)."""
    return fit_driver_tree(data.tables, horizon, data.settings)


@cached_on_data(max_entries=16)
def cached_goal_seek(data: DataKey, horizon: int, target: float) -> pd.DataFrame:
    """Goal-seek per driver: it depends on the baseline and the target, not on the sliders."""
    return goal_seek_table(cached_tree(data, horizon), target)


def widget_key(driver: str) -> str:
    return f"whatif_{driver}"


def set_sliders(changes: dict[str, float]) -> None:
    """Callback: put every slider at ``changes`` (0 for the drivers it leaves out), each
    within its slider's range (a slider given a value outside it raises)."""
    changes, clamped = fit_to_sliders(changes)
    for driver in DRIVERS:
        st.session_state[widget_key(driver)] = int(round(changes.get(driver, 0.0) * 100))
    st.session_state[CHANGES] = dict(changes)
    for fit in clamped:
        st.warning(
            tr(
                "whatif.clamped",
                driver=tr(f"driver.{fit['driver']}"),
                asked=f"{fit['asked']:+g}",
                low=f"{fit['low']:+d}",
                high=f"{fit['high']:+d}",
                value=f"{fit['value']:+d}",
            )
        )


def level_text(driver: str, value: float) -> str:
    return value_text(value, DRIVERS[driver].unit)


def money(value: float, compact: bool = False) -> str:
    return value_text(value, "currency", compact=compact)


init_state()
st.title(tr("page.whatif"))
tables = current_tables()
if "orders" not in tables:
    stop_empty(tr("whatif.no_orders"))

if not st.session_state.get(URL_READ):
    st.session_state[URL_READ] = True
    shared, problems = changes_from_query(st.query_params.to_dict())
    if shared:
        set_sliders(shared)  # beyond a slider's range: set to its end, with a warning
    for problem in problems:
        st.warning(tr("whatif.bad_link", problem=problem))

horizon = (
    st.segmented_control(tr("whatif.months_ahead"), HORIZONS, default=12, key="whatif_horizon")
    or 12
)
try:
    with st.spinner(tr("whatif.fitting")):
        tree = cached_tree(data_in_use(), horizon)
except (DataError, ScenarioError) as err:
    stop_with_error(err)

ranges = driver_ranges(tree)
controls, results = st.columns([1, 2], gap="large")
with controls:
    st.subheader(tr("whatif.drivers"))
    stored = st.session_state.get(CHANGES, {})
    for driver in tree.drivers:
        spec, key = DRIVERS[driver], widget_key(driver)
        if key not in st.session_state:  # widget state is dropped when the page is left
            st.session_state[key] = int(round(stored.get(driver, 0.0) * 100))
        low, high = spec.span  # out of range only from an old session: writing the value on
        if not low <= st.session_state[key] <= high:  # every run would undo key presses
            st.session_state[key] = min(max(st.session_state[key], low), high)
        percent = st.slider(tr(f"driver.{driver}"), *spec.span, key=key, format="%+d%%", step=1)
        base, low, high = ranges.loc[driver, ["baseline", "low", "high"]]
        level = project(tree, {driver: percent / 100})[driver].mean() if percent else base
        outside = pd.notna(low) and not (low <= level <= high)
        st.caption(
            tr(
                "whatif.level",
                base=level_text(driver, base),
                level=level_text(driver, level),
                low=level_text(driver, low),
                high=level_text(driver, high),
            )
            + (tr("whatif.outside") if outside else "")
        )
    changes = {
        d: st.session_state[widget_key(d)] / 100
        for d in tree.drivers
        if st.session_state[widget_key(d)]
    }
    st.session_state[CHANGES] = changes
    st.button(tr("whatif.reset"), on_click=set_sliders, args=({},), key="whatif_reset")

# the address bar always reproduces the scenario on screen
for param in [p for p in st.query_params if p in DRIVERS and p not in changes]:
    del st.query_params[param]
st.query_params.update(changes_to_query(changes))

frame = project(tree, changes)
objectives = current_objectives()
monthly_targets = pd.Series(dtype=float)
if not objectives.empty:
    monthly = targets_for(objectives, "M")
    monthly_targets = (
        monthly[monthly["kpi"] == "revenue"].set_index("period_start")["target"].sort_index()
    )
targets = monthly_targets.reindex(frame.index)
target_total = float(targets.sum()) if targets.notna().all() else None

with results:
    total, baseline_total = frame["scenario"].sum(), frame["baseline"].sum()
    cards = st.columns(3)
    cards[0].metric(
        tr("whatif.scenario_total", horizon=horizon),
        money(total, compact=True),
        delta=tr(
            "whatif.vs_baseline",
            change=format_share(total / baseline_total - 1, lang(), 1, signed=True),
        ),
    )
    if target_total is not None:
        odds = total_reach_probability(tree, changes, target_total)
        base_odds = total_reach_probability(tree, {}, target_total)
        cards[1].metric(
            tr("whatif.objective"),
            money(target_total, compact=True),
            delta=tr("whatif.gap", gap=money(total - target_total, compact=True)),
            delta_color="normal",
        )
        cards[2].metric(
            tr("whatif.chance"),
            format_share(odds, lang()),
            delta=tr("whatif.pts_vs_baseline", points=f"{(odds - base_odds) * 100:+.0f}"),
        )
    else:
        cards[1].metric(tr("whatif.baseline_revenue"), money(baseline_total, compact=True))
        cards[2].metric(tr("whatif.objective"), "—", help=tr("whatif.no_objective_help"))
    history = tree.history["revenue"].tail(24)
    scenario_chart = plot_scenario(
        history, frame, monthly_targets.reindex(history.index.union(frame.index)), lang()
    )
    show_chart(scenario_chart)
    chart_downloads(scenario_chart, "objectif-scenario", "scenario_chart")
    basis = tree.revenue.basis.phrases() if tree.revenue.basis is not None else []
    st.caption(
        " ".join(
            [
                tr(
                    "whatif.caption",
                    model=tr(f"model.{tree.revenue.model}"),
                    agreement=format_share(abs(tree.agreement), lang(), 1),
                    horizon=horizon,
                ),
                *(tr(key, **fields) for key, fields in basis),
            ]
        )
    )

    st.subheader(tr("whatif.what_it_takes"))
    if target_total is None:
        st.info(tr("whatif.no_objective"))
    else:
        seek = cached_goal_seek(data_in_use(), horizon, target_total)
        lines = []
        for driver, row in seek.iterrows():
            label = tr(f"driver.{driver}").lower()
            if pd.isna(row["change"]):
                lines.append(tr("whatif.unreachable", driver=label, closest=money(row["closest"])))
                continue
            stretch = (
                tr("whatif.stretch", best=level_text(driver, row["historical_best"]))
                if row["stretch"]
                else ""
            )
            lines.append(
                tr(
                    "whatif.seek_line",
                    driver=label,
                    base=level_text(driver, row["baseline"]),
                    required=level_text(driver, row["required"]),
                    change=format_share(row["change"], lang(), 1, signed=True),
                    stretch=stretch,
                )
            )
        ahead = baseline_total - target_total
        intro = (
            tr("whatif.ahead", ahead=money(ahead))
            if ahead > 0
            else tr("whatif.behind", target=money(target_total))
        )
        st.markdown(intro + "\n" + "\n".join(lines))

    st.subheader(tr("whatif.saved"))
    if objectives_scope() == DEMO:
        st.caption(tr("whatif.visitor_copy"))
    name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
    name = name_col.text_input(tr("whatif.name"), key="whatif_name", max_chars=200)
    try:
        store, scope = scoped_store()
        if save_col.button(tr("whatif.save"), key="whatif_save", disabled=not name.strip()):
            try:
                store.save_scenario(scope, name, changes, horizon)
            except ValueError as err:
                st.error(say(str(err)))  # the checks may quote what was typed
            else:
                st.toast(tr("whatif.saved_toast", name=name.strip()))
        read = store.read_scenarios(scope)
    except StoreError as err:
        st.warning(say(err))
        read = None
    saved = read.value if read is not None else {}
    if read is not None and read.skipped:
        st.warning(
            tr(
                "whatif.skipped",
                count=len(read.skipped),
                names="; ".join(say(problem) for problem in read.skipped),
            )
        )
    usable = {n: s["changes"] for n, s in saved.items() if set(s["changes"]) <= set(tree.drivers)}
    if not saved:
        st.caption(tr("whatif.none_saved"))
    else:
        chosen = st.multiselect(
            tr("whatif.compare"), list(saved), default=list(saved)[:4], key="whatif_compare"
        )
        comparison = compare_scenarios(
            tree, {n: usable[n] for n in chosen if n in usable}, target_total
        )
        comparison["scenario"] = comparison["scenario"].replace(
            {"Baseline": tr("whatif.baseline_row")}
        )
        units = {
            **{d: "change" for d in tree.drivers},
            "revenue": "currency",
            "vs_baseline": "change",
            "objective": "currency",
            "gap": "currency",
        }
        shown = values_as_text(comparison, units)
        if "probability" in comparison:  # only when objectives cover the horizon
            shown["probability"] = comparison["probability"] * 100
        st.dataframe(
            shown,
            hide_index=True,
            width="stretch",
            column_config={
                **{d: number_column(tr(f"driver.{d}")) for d in tree.drivers},
                "scenario": tr("whatif.col.scenario"),
                "revenue": number_column(tr_plain("whatif.col.revenue", horizon=horizon)),
                "vs_baseline": number_column(tr("whatif.col.vs_baseline")),
                "objective": number_column(tr("whatif.col.objective")),
                "gap": number_column(tr("whatif.col.gap")),
                "probability": progress_column(tr("whatif.col.chance")),
            },
        )
        skipped = [n for n in chosen if n not in usable]
        if skipped:
            st.caption(tr("whatif.not_comparable", names=", ".join(skipped)))
        load_col, delete_col = st.columns(2, vertical_alignment="bottom")
        pick = load_col.selectbox(tr("whatif.pick"), list(saved), key="whatif_pick")
        load_col.button(
            tr("whatif.load"),
            key="whatif_load",
            on_click=set_sliders,
            args=(usable.get(pick, {}),),
            disabled=pick not in usable,
        )
        if delete_col.button(tr("whatif.delete"), key="whatif_delete"):
            try:
                store.delete_scenario(scope, pick)
            except StoreError as err:
                st.error(say(err))
            else:
                st.rerun()
        table_downloads(comparison, "objectif-scenarios", "whatif", tr("page.whatif"))
    if changes:
        st.caption(tr("whatif.share"))

render_sidebar()
