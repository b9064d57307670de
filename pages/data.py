"""Data page: upload each kind of table, check the column mapping, read the quality report."""

import hashlib

import streamlit as st

from models import KINDS, DataError, QualityReport, propose_mapping, unrecognised_values
from models import TABLES as SPECS
from models.core import escape_markdown, format_day, format_number, format_share
from pages._shared import (
    DEMO,
    SOURCE,
    UPLOADS,
    cached_import,
    cached_raw,
    cached_sheets,
    current_tables,
    init_state,
    lang,
    render_sidebar,
    say,
    say_plain,
    tr,
    use_own_table,
    value_text,
)

NOT_IN_FILE = "__objectif_not_in_file__"  # sentinels, shown in the user's language by choice_label
NOT_UNDERSTOOD = "__objectif_not_understood__"
FILE_TYPES = ["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods", "parquet", "pq"]

init_state()
st.title(tr("page.data"))
banner = st.container()  # filled last: an upload further down changes what it says


def render_report(report: QualityReport) -> None:
    """The data-quality report of one import."""
    cols = st.columns(4)
    cols[0].metric(tr("report.rows_read"), format_number(report.rows_read, lang()))
    cols[1].metric(tr("report.rows_kept"), format_number(report.rows_kept, lang()))
    cols[2].metric(tr("report.rows_dropped"), format_number(report.rows_dropped, lang()))
    cols[3].metric(tr("report.duplicates"), format_number(report.duplicates, lang()))
    facts = [
        tr(
            "report.period",
            start=format_day(report.date_min, lang()),
            end=format_day(report.date_max, lang()),
        )
    ]
    facts += [
        tr("report.detected", what=capitalised(say_plain(key)), value=say(value))
        for key, value in report.detected.items()
    ]
    if report.empty_periods:
        facts.append(tr("report.empty_months", months=", ".join(report.empty_periods[:12])))
    if report.negative_amounts:
        facts.append(
            tr(
                "report.refunds",
                count=format_number(report.negative_amounts, lang()),
                total=value_text(report.negative_total, "currency", cents=True),
            )
        )
    facts += [tr("report.note", note=say(note)) for note in report.notes]
    st.markdown("\n".join(f"- {fact}" for fact in facts))
    if report.dropped:
        st.markdown(f"**{tr('report.rows_dropped')}**")
        dropped = report.dropped_frame(lang())
        st.dataframe(
            dropped.rename(
                columns={
                    "reason": tr("report.reason"),
                    "rows": tr("report.rows"),
                    "first rows": tr("report.first_rows"),
                }
            ),
            hide_index=True,
            width="stretch",
        )
    empty = {column: share for column, share in report.empty_share.items() if share > 0}
    if empty:
        st.markdown(tr("report.empty_fields"))
        st.dataframe(
            {
                tr("report.column"): [say_plain(SPECS[report.kind].label(c)) for c in empty],
                tr("report.empty"): [format_share(share, lang()) for share in empty.values()],
            },
            hide_index=True,
        )


def ask_value_mapping(kind: str, raw, mapping: dict, digest: str) -> tuple:
    """Let the user say what the values no built-in word explains mean (e.g. BOUNCE -> missed)."""
    unknown = unrecognised_values(raw, kind, mapping)
    if not unknown:
        return ()
    chosen = []
    with st.expander(tr("data.value_mapping"), expanded=True):
        st.caption(tr("data.value_mapping_help"))
        for column, (values, canonical) in unknown.items():
            pairs = []
            grid = st.columns(4)
            for index, value in enumerate(values):
                picked = grid[index % 4].selectbox(
                    f"{say(SPECS[kind].label(column))}: {escape_markdown(value)}",
                    [NOT_UNDERSTOOD, *canonical],
                    key=f"value_{kind}_{column}_{index}_{digest}",
                    format_func=choice_label,
                )
                if picked != NOT_UNDERSTOOD:
                    pairs.append((value, picked))
            if pairs:
                chosen.append((column, tuple(pairs)))
    return tuple(chosen)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def choice_label(choice: str) -> str:
    return {NOT_IN_FILE: tr("data.not_in_file"), NOT_UNDERSTOOD: tr("data.not_understood")}.get(
        choice, choice
    )


def render_kind(kind: str) -> None:
    """Upload, mapping and report for one kind of table."""
    spec = SPECS[kind]
    st.caption(capitalised(say(spec.description)) + ".")
    if kind == "objectives":
        st.caption(tr("data.objectives_note"))
    upload = st.file_uploader(
        capitalised(tr(f"file.{kind}")),
        type=FILE_TYPES,
        key=f"upload_{kind}_{st.session_state[UPLOADS]}",
    )
    if upload is None:
        loaded = current_tables().get(kind)
        if loaded is not None:
            st.success(tr("data.in_use", rows=format_number(len(loaded), lang())))
        return
    data, name = upload.getvalue(), upload.name
    sha256 = hashlib.sha256(data).hexdigest()  # names the data set (its objectives' scope)
    digest = sha256[:10]  # new file -> fresh mapping widgets
    try:
        sheets = cached_sheets(data, name)
        sheet = (
            st.selectbox(tr("data.sheet"), sheets, key=f"sheet_{kind}_{digest}")
            if len(sheets) > 1
            else None
        )
        with st.spinner(tr("spinner.reading")):
            raw = cached_raw(data, name, sheet)
    except DataError as err:
        st.error(tr("data.kept_before", error=say(err)))
        return
    columns = list(raw.frame.columns)
    proposal = propose_mapping(columns, kind)
    missing = [c for c in spec.required if not proposal[c]]
    with st.expander(tr("data.mapping"), expanded=bool(missing)):
        st.caption(tr("data.mapping_help"))
        choices = [NOT_IN_FILE] + columns
        mapping = {}
        grid = st.columns(3)
        for index, column_spec in enumerate(spec.columns):
            label = say(spec.label(column_spec.name)) + (" *" if column_spec.required else "")
            default = proposal[column_spec.name]
            picked = grid[index % 3].selectbox(
                label,
                choices,
                index=choices.index(default) if default else 0,
                key=f"map_{kind}_{column_spec.name}_{digest}",
                format_func=choice_label,
            )
            mapping[column_spec.name] = None if picked == NOT_IN_FILE else picked
        left, right = st.columns(2)
        date_order = left.radio(
            tr("data.date_order"),
            ["auto", "dayfirst", "monthfirst"],
            horizontal=True,
            key=f"dates_{kind}_{digest}",
            format_func={
                "auto": tr("data.detect"),
                "dayfirst": tr("data.dayfirst"),
                "monthfirst": tr("data.monthfirst"),
            }.get,
        )
        decimal = right.radio(
            tr("data.decimal"),
            ["auto", ",", "."],
            horizontal=True,
            key=f"decimal_{kind}_{digest}",
            format_func={
                "auto": tr("data.detect"),
                ",": tr("data.comma"),
                ".": tr("data.point"),
            }.get,
        )
    value_map = ask_value_mapping(kind, raw, mapping, digest)
    try:
        with st.spinner(tr("spinner.checking")):
            result = cached_import(
                data, name, sheet, kind, tuple(mapping.items()), date_order, decimal, value_map
            )
    except DataError as err:
        st.error(tr("data.kept_before", error=say(err)))
        return
    how = f"{digest}:{sheet}:{sorted(mapping.items())}:{date_order}:{decimal}:{value_map}"
    use_own_table(kind, result, hashlib.sha1(how.encode()).hexdigest()[:16], sha256)
    st.success(
        tr(
            "data.loaded",
            name=name,
            kind=tr(f"kind.{kind}"),
            rows=format_number(len(result.table), lang()),
        )
    )
    render_report(result.report)
    with st.expander(tr("data.preview")):
        st.dataframe(result.table.head(50), width="stretch")


tabs = st.tabs([tr(f"data.tab.{kind}") for kind in KINDS])
for tab, kind in zip(tabs, KINDS):
    with tab:
        render_kind(kind)
        if kind == "leads":
            st.markdown(tr("data.closed_deals"))
            render_kind("conversions")

with banner:
    if st.session_state.get(SOURCE) == DEMO:
        st.info(tr("data.demo_banner"))

render_sidebar()
