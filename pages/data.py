"""Data page: upload each kind of table, check the column mapping, read the quality report."""

import hashlib

import streamlit as st

from models import TABLES as SPECS
from models import KINDS, DataError, QualityReport, propose_mapping, unrecognised_values
from pages._shared import (DEMO, SOURCE, UPLOADS, cached_import, cached_raw, cached_sheets,
                           current_tables, init_state, render_sidebar, use_own_table)

KIND_LABELS = {"orders": "Orders (required)", "leads": "Leads", "calls": "Calls",
               "feedback": "Customer feedback", "objectives": "Objectives",
               "conversions": "Closed deals (optional)"}
NOT_IN_FILE = "— not in this file —"
NOT_UNDERSTOOD = "— not understood —"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"]

init_state()
st.title("Data")
banner = st.container()  # filled last: an upload further down changes what it says


def render_report(report: QualityReport) -> None:
    """The data-quality report of one import."""
    summary = report.summary()
    cols = st.columns(4)
    cols[0].metric("Rows read", f"{report.rows_read:,}")
    cols[1].metric("Rows kept", f"{report.rows_kept:,}")
    cols[2].metric("Rows dropped", f"{report.rows_dropped:,}")
    cols[3].metric("Duplicate rows", f"{report.duplicates:,}")
    facts = [f"**Period**: {summary['from']} → {summary['to']}"]
    facts += [f"**{key.capitalize()}**: {value}" for key, value in report.detected.items()]
    if report.empty_periods:
        facts.append(f"**Months with no row**: {', '.join(report.empty_periods[:12])}")
    if report.negative_amounts:
        facts.append(f"**Negative amounts (refunds)**: {report.negative_amounts:,} "
                     f"row{'s' if report.negative_amounts > 1 else ''}, "
                     f"{report.negative_total:,.2f} in total (kept)")
    facts += [f"**Note**: {note}" for note in report.notes]
    st.markdown("\n".join(f"- {fact}" for fact in facts))
    if report.dropped:
        st.markdown("**Rows dropped**")
        st.dataframe(report.dropped_frame(), hide_index=True, width="stretch")
    empty = {column: share for column, share in report.empty_share.items() if share > 0}
    if empty:
        st.markdown("**Empty optional fields**")
        st.dataframe({"column": list(empty), "empty": [f"{share:.0%}" for share in empty.values()]},
                     hide_index=True)


def ask_value_mapping(kind: str, raw, mapping: dict, digest: str) -> tuple:
    """Let the user say what the values no built-in word explains mean (e.g. BOUNCE -> missed)."""
    unknown = unrecognised_values(raw, kind, mapping)
    if not unknown:
        return ()
    chosen = []
    with st.expander("Value mapping", expanded=True):
        st.caption("These values were not recognised. Say what each one means; rows left "
                   "as 'not understood' are dropped (for a converted flag: not converted).")
        for column, (values, canonical) in unknown.items():
            pairs = []
            grid = st.columns(4)
            for index, value in enumerate(values):
                picked = grid[index % 4].selectbox(
                    f"{SPECS[kind].column(column).label}: {value}", [NOT_UNDERSTOOD, *canonical],
                    key=f"value_{kind}_{column}_{index}_{digest}")
                if picked != NOT_UNDERSTOOD:
                    pairs.append((value, picked))
            if pairs:
                chosen.append((column, tuple(pairs)))
    return tuple(chosen)


def render_kind(kind: str) -> None:
    """Upload, mapping and report for one kind of table."""
    spec = SPECS[kind]
    st.caption(f"One row per {spec.description.split('one row per ', 1)[-1]}.")
    if kind == "objectives":
        st.caption("A file loaded here fills the Objectives page when no objectives are saved "
                   "yet; to add to saved ones, use Objectives → Fill in bulk → Import.")
    upload = st.file_uploader(f"{KIND_LABELS[kind]} file", type=FILE_TYPES,
                              key=f"upload_{kind}_{st.session_state[UPLOADS]}")
    if upload is None:
        loaded = current_tables().get(kind)
        if loaded is not None:
            st.success(f"In use: {len(loaded):,} rows.")
        return
    data, name = upload.getvalue(), upload.name
    digest = hashlib.sha1(data).hexdigest()[:10]  # new file -> fresh mapping widgets
    try:
        sheets = cached_sheets(data, name)
        sheet = (st.selectbox("Sheet", sheets, key=f"sheet_{kind}_{digest}")
                 if len(sheets) > 1 else None)
        raw = cached_raw(data, name, sheet)
    except DataError as err:
        st.error(f"{err}\n\nThe data loaded before is still in use.")
        return
    columns = list(raw.frame.columns)
    proposal = propose_mapping(columns, kind)
    missing = [c for c in spec.required if not proposal[c]]
    with st.expander("Column mapping", expanded=bool(missing)):
        st.caption("Recognised automatically from the headers; change any that is wrong.")
        choices = [NOT_IN_FILE] + columns
        mapping = {}
        grid = st.columns(3)
        for index, column_spec in enumerate(spec.columns):
            label = column_spec.label + (" *" if column_spec.required else "")
            default = proposal[column_spec.name]
            picked = grid[index % 3].selectbox(
                label, choices, index=choices.index(default) if default else 0,
                key=f"map_{kind}_{column_spec.name}_{digest}")
            mapping[column_spec.name] = None if picked == NOT_IN_FILE else picked
        left, right = st.columns(2)
        date_order = left.radio("Date order", ["auto", "dayfirst", "monthfirst"],
                                horizontal=True, key=f"dates_{kind}_{digest}",
                                format_func={"auto": "detect", "dayfirst": "day/month",
                                             "monthfirst": "month/day"}.get)
        decimal = right.radio("Decimal mark", ["auto", ",", "."], horizontal=True,
                              key=f"decimal_{kind}_{digest}",
                              format_func={"auto": "detect", ",": "comma", ".": "point"}.get)
    value_map = ask_value_mapping(kind, raw, mapping, digest)
    try:
        result = cached_import(data, name, sheet, kind, tuple(mapping.items()), date_order,
                               decimal, value_map)
    except DataError as err:
        st.error(f"{err}\n\nThe data loaded before is still in use.")
        return
    how = f"{digest}:{sheet}:{sorted(mapping.items())}:{date_order}:{decimal}:{value_map}"
    use_own_table(kind, result, hashlib.sha1(how.encode()).hexdigest()[:16])
    st.success(f"**{name}** loaded as {kind}: {len(result.table):,} rows in use.")
    render_report(result.report)
    with st.expander("Preview"):
        st.dataframe(result.table.head(50), width="stretch")


tabs = st.tabs([KIND_LABELS[kind] for kind in KINDS])
for tab, kind in zip(tabs, KINDS):
    with tab:
        render_kind(kind)
        if kind == "leads":
            st.markdown("**Closed deals, if your CRM exports them apart from the leads**")
            render_kind("conversions")

with banner:
    if st.session_state.get(SOURCE) == DEMO:
        st.info("You are looking at the **demo company**. Upload your own orders below (CSV or "
                "Excel, French or English headers, any separator): the app switches to your "
                "data.")

render_sidebar()
